"""The cases of the Course 4 checks (convolutional networks), and their specs.

Small volumes (``m <= 2``, sides <= 5, channels <= 3) keep the checks fast. Every case that a
known mistake needs is here: a stride that does not divide the padded size, ``pad = 0`` (where
``[pad:-pad]`` is empty), a pooling window with a tie, average pooling, boxes that overlap
across classes and scores that come unsorted, triplets both satisfied and violated, and
activations with several channels, where a careless unrolling mixes them.
"""

from __future__ import annotations

import numpy as np

from dlref import cnn, convolution, detection, faces, pooling, residual, segmentation, style_transfer
from dlref.check._engine import Case, Seed, Spec

C4 = "docs/course-4/"
_SHAPE_DICT = ""  # the output is a dict of named arrays: its keys name them


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(400 + seed)


def _conv_problem(rng: np.random.Generator, m: int, n: int, n_C_prev: int, f: int, n_C: int, stride: int, pad: int):
    A_prev = rng.standard_normal((m, n, n + 1, n_C_prev))
    W = rng.standard_normal((f, f, n_C_prev, n_C))
    b = rng.standard_normal((1, 1, 1, n_C))
    return A_prev, W, b, {"stride": stride, "pad": pad}


# (m, n_H_prev, n_C_prev, f, n_C, stride, pad): a stride that does not divide, pad = 0, a 1 x 1 filter
CONV_SHAPES = [(2, 4, 2, 3, 3, 1, 1), (1, 5, 3, 3, 2, 2, 1), (2, 4, 1, 2, 2, 2, 0), (2, 3, 2, 1, 2, 1, 0)]


def _label(shape: tuple) -> str:
    m, n, n_C_prev, f, n_C, stride, pad = shape
    return f"A_prev ({m}, {n}, {n + 1}, {n_C_prev}), f = {f}, {n_C} filters, stride = {stride}, pad = {pad}"


# ---------------------------------------------------------------- week 1: convolution


def cases_conv_output_size() -> list[Case]:
    sizes = [(5, 3, 0, 1), (6, 3, 1, 2), (7, 2, 0, 2), (28, 5, 2, 1)]
    return [Case(f"n = {n}, f = {f}, pad = {p}, stride = {s}", (n, f, p, s)) for n, f, p, s in sizes]


def cases_conv_parameter_count() -> list[Case]:
    return [Case(f"f = {f}, n_C_prev = {c}, n_C = {k}", (f, c, k)) for f, c, k in [(5, 3, 8), (3, 2, 4), (1, 3, 2)]]


def cases_zero_pad() -> list[Case]:
    rng = _rng(1)
    return [Case(f"X {s}, pad = {p}", (rng.standard_normal(s), p)) for s, p in [((2, 3, 3, 2), 1), ((1, 2, 4, 3), 2), ((2, 3, 2, 1), 1)]]


def cases_conv_single_step() -> list[Case]:
    rng = _rng(2)
    cases = [Case(f"a_slice_prev ({f}, {f}, {c})", (rng.standard_normal((f, f, c)), rng.standard_normal((f, f, c)),
                                                   rng.standard_normal((1, 1, 1))))
             for f, c in [(3, 2), (2, 3), (1, 1)]]
    return cases


def cases_conv_forward() -> list[Case]:
    rng = _rng(3)
    return [Case(_label(s), _conv_problem(rng, *s)) for s in CONV_SHAPES]


def cases_conv_backward() -> list[Case]:
    rng = _rng(4)
    cases = []
    for s in CONV_SHAPES:
        args = _conv_problem(rng, *s)
        Z, cache = convolution.conv_forward(*args)
        cases.append(Case("dZ of " + _label(s), (rng.standard_normal(Z.shape), cache), edge=s[-1] == 0))
    return cases


# ---------------------------------------------------------------- week 1: pooling

# (A_prev shape, f, stride, mode)
POOL_SHAPES = [((2, 4, 4, 2), 2, 2, "max"), ((1, 5, 4, 3), 3, 1, "max"), ((2, 4, 5, 2), 2, 2, "average"),
               ((1, 5, 5, 1), 3, 2, "average")]


def _tied(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    """Small integers: windows with two equal maxima."""
    return rng.integers(0, 3, shape).astype(float)


def cases_pool_forward() -> list[Case]:
    rng = _rng(5)
    return [Case(f"A_prev {s}, f = {f}, stride = {st}, mode = {mode!r}", (rng.standard_normal(s), {"f": f, "stride": st}),
                 {"mode": mode}) for s, f, st, mode in POOL_SHAPES]


def cases_pool_backward() -> list[Case]:
    rng = _rng(6)
    cases = []
    for s, f, st, mode in POOL_SHAPES + [((2, 4, 4, 2), 2, 2, "tie")]:
        tie = mode == "tie"
        A_prev = _tied(rng, s) if tie else rng.standard_normal(s)
        mode = "max" if tie else mode
        A, cache = pooling.pool_forward(A_prev, {"f": f, "stride": st}, mode)
        label = f"dA of A_prev {s}, f = {f}, stride = {st}, mode = {mode!r}" + (": windows with tied maxima" if tie else "")
        cases.append(Case(label, (rng.standard_normal(A.shape), cache), {"mode": mode}, edge=tie))
    return cases


def cases_create_mask_from_window() -> list[Case]:
    rng = _rng(7)
    cases = [Case(f"x ({f}, {f})", (rng.standard_normal((f, f)),)) for f in (2, 3)]
    return cases + [Case("a window with two equal maxima", (np.array([[1.0, 4.0], [4.0, -2.0]]),), edge=True),
                    Case("a window whose entries are all equal", (np.full((3, 3), 0.5),), edge=True)]


def cases_distribute_value() -> list[Case]:
    return [Case(f"dz = {dz}, shape = {s}", (dz, s)) for dz, s in [(2.0, (2, 2)), (-1.5, (3, 3)), (0.6, (2, 3))]]


# ---------------------------------------------------------------- week 1: the CNN on images


def _cnn(seed: int) -> tuple[dict, np.ndarray, np.ndarray]:
    rng = _rng(seed)
    parameters = cnn.initialize_cnn((4, 5, 1), (2, 3), 3, rng)
    X = rng.standard_normal((2, 4, 5, 1))
    return parameters, X, np.eye(3)[:, [2, 0]]


def cases_initialize_cnn() -> list[Case]:
    shapes = [((4, 4, 1), (2, 3), 3), ((5, 4, 2), (2, 2), 2), ((8, 8, 1), (3, 2), 4)]
    return [Case(f"input_shape {s}, channels {c}, {k} classes", (s, c, k, Seed(i))) for i, (s, c, k) in enumerate(shapes)]


def cases_cnn_forward() -> list[Case]:
    return [Case(f"X {X.shape}", (X, p)) for p, X, _ in (_cnn(8), _cnn(9))]


def cases_cnn_backward() -> list[Case]:
    cases = []
    for seed in (10, 11):
        parameters, X, Y = _cnn(seed)
        AL, caches = cnn.cnn_forward(X, parameters)
        cases.append(Case(f"AL {AL.shape} of X {X.shape}", (AL, Y, caches), factors={"m": X.shape[0]}))
    return cases


def cases_cnn_model() -> list[Case]:
    cases = []
    for i, seed in enumerate((12, 13)):
        _, X, Y = _cnn(seed)
        cases.append(Case(f"X {X.shape}, 2 epochs", (X, Y), {"channels": (2, 2), "num_epochs": 2, "mini_batch_size": 1,
                                                            "rng": Seed(i)}))
    return cases


def cases_cnn_predict() -> list[Case]:
    return [Case(f"X {X.shape}", (p, X)) for p, X, _ in (_cnn(14), _cnn(15))]


# ---------------------------------------------------------------- week 2: residual networks


def cases_spatial_batchnorm_forward() -> list[Case]:
    rng = _rng(16)
    cases = []
    for s, eps in [((2, 3, 2, 2), 1e-5), ((1, 4, 3, 3), 0.1), ((2, 2, 2, 1), 1e-5)]:
        n_C = s[3]
        args = (rng.standard_normal(s) * 2 + 1, rng.standard_normal((1, 1, 1, n_C)), rng.standard_normal((1, 1, 1, n_C)))
        cases.append(Case(f"Z {s}, epsilon = {eps:g}", args, {"epsilon": eps}))
    return cases


def cases_spatial_batchnorm_backward() -> list[Case]:
    rng = _rng(17)
    cases = []
    for s in [(2, 3, 2, 2), (1, 4, 3, 3)]:
        n_C = s[3]
        _, cache = residual.spatial_batchnorm_forward(rng.standard_normal(s), rng.standard_normal((1, 1, 1, n_C)),
                                                      rng.standard_normal((1, 1, 1, n_C)))
        cases.append(Case(f"dZ_tilde {s}", (rng.standard_normal(s), cache)))
    return cases


def cases_initialize_block() -> list[Case]:
    return [Case("identity block: n_C_prev = 3, f = 3, filters (2, 2, 3)", (3, 3, (2, 2, 3), Seed(0))),
            Case("convolutional block: n_C_prev = 2, f = 3, filters (2, 3, 3)", (2, 3, (2, 3, 3), Seed(1)),
                 {"convolutional": True})]


def _block(seed: int, convolutional: bool) -> list[tuple[str, tuple, dict]]:
    rng = _rng(seed)
    problems = []
    for m, n, n_C in [(2, 3, 3), (1, 5, 2)]:
        F3 = 3 if convolutional else n_C
        parameters = residual.initialize_block(n_C, 3, (2, 2, F3), rng, convolutional=convolutional)
        X = rng.standard_normal((m, n, n + 1, n_C))
        problems.append((f"X {X.shape}, f = 3", (X, 3, parameters), {"s": 2} if convolutional else {}))
    return problems


def cases_identity_block() -> list[Case]:
    return [Case(label, args, kwargs) for label, args, kwargs in _block(18, False)]


def cases_convolutional_block() -> list[Case]:
    return [Case(label + ", s = 2", args, kwargs) for label, args, kwargs in _block(19, True)]


def _block_backward(seed: int, convolutional: bool) -> list[Case]:
    rng = _rng(seed + 10)
    forward = residual.convolutional_block if convolutional else residual.identity_block
    cases = []
    for label, args, kwargs in _block(seed, convolutional):
        A, cache = forward(*args, **kwargs)
        cases.append(Case(f"dA {A.shape} of {label}", (rng.standard_normal(A.shape), cache)))
    return cases


def cases_identity_block_backward() -> list[Case]:
    return _block_backward(20, False)


def cases_convolutional_block_backward() -> list[Case]:
    return _block_backward(21, True)


# ---------------------------------------------------------------- week 3: detection


def cases_yolo_boxes_to_corners() -> list[Case]:
    rng = _rng(22)
    return [Case(f"box_xy, box_wh {s}", (rng.random(s), rng.random(s))) for s in [(3, 2), (2, 2, 2), (1, 2)]]


def _corners(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    xy = rng.random((*shape, 2))
    return np.concatenate([xy, xy + rng.random((*shape, 2))], axis=-1)


def cases_yolo_filter_boxes() -> list[Case]:
    rng = _rng(23)
    cases = []
    for lead, C, threshold in [((3, 2), 3, 0.3), ((2, 2, 2), 4, 0.2), ((4,), 2, 0.6)]:
        args = (_corners(rng, lead), rng.random((*lead, 1)), rng.random((*lead, C)))
        cases.append(Case(f"boxes {(*lead, 4)}, {C} classes, threshold = {threshold}", args, {"threshold": threshold}))
    return cases


IOU_PAIRS = [
    ("overlapping boxes", [0.0, 0.0, 2.0, 2.0], [1.0, 1.0, 3.0, 4.0]),
    ("one box inside the other", [0.0, 0.0, 4.0, 3.0], [1.0, 1.0, 2.0, 2.5]),
    ("partly overlapping, another way", [1.0, 0.5, 3.0, 2.5], [0.0, 1.0, 2.0, 4.0]),
    ("disjoint boxes, apart in x and in y", [0.0, 0.0, 1.0, 1.0], [2.0, 3.0, 4.0, 5.0]),
    ("boxes touching at an edge", [0.0, 0.0, 1.0, 1.0], [1.0, 0.0, 2.0, 1.0]),
]


def cases_iou() -> list[Case]:
    return [Case(label, (np.array(a), np.array(b)), edge=label.startswith(("disjoint", "boxes touching")))
            for label, a, b in IOU_PAIRS]


def cases_yolo_non_max_suppression() -> list[Case]:
    boxes = np.array([[0.0, 0.0, 2.0, 2.0], [0.1, 0.0, 2.0, 2.1], [1.8, 1.8, 4.0, 4.0], [2.0, 2.0, 4.0, 4.1],
                      [0.0, 0.1, 2.1, 2.0], [5.0, 5.0, 6.0, 6.0]])
    # unsorted scores; boxes 0, 1 and 4 overlap, as do 2 and 3; box 4 is another class than 0 and 1
    scores = np.array([0.6, 0.9, 0.5, 0.8, 0.7, 0.4])
    classes = np.array([0, 0, 1, 1, 2, 0])
    rng = _rng(24)
    rand_boxes, rand_scores = _corners(rng, (7,)), rng.random(7)
    return [
        Case("6 boxes of 3 classes, scores unsorted, overlaps within and across classes", (scores, boxes, classes)),
        Case("the same boxes, max_boxes = 2", (scores, boxes, classes), {"max_boxes": 2}),
        Case("7 random boxes of 2 classes, iou_threshold = 0.3", (rand_scores, rand_boxes, np.arange(7) % 2),
             {"iou_threshold": 0.3}),
    ]


# ---------------------------------------------------------------- week 3: the transposed convolution


def _transpose_problem(rng: np.random.Generator, m: int, n: int, n_C: int, f: int, n_C_out: int, stride: int, pad: int):
    return (rng.standard_normal((m, n, n + 1, n_C)), rng.standard_normal((f, f, n_C_out, n_C)),
            rng.standard_normal((1, 1, 1, n_C_out)), {"stride": stride, "pad": pad})


TRANSPOSE_SHAPES = [(2, 2, 2, 3, 2, 2, 1), (1, 3, 3, 2, 1, 2, 0), (2, 2, 1, 3, 2, 1, 0)]


def cases_conv_transpose_forward() -> list[Case]:
    rng = _rng(25)
    return [Case(f"Z ({m}, {n}, {n + 1}, {c}), f = {f}, {k} filters, stride = {s}, pad = {p}",
                 _transpose_problem(rng, m, n, c, f, k, s, p)) for m, n, c, f, k, s, p in TRANSPOSE_SHAPES]


def cases_conv_transpose_backward() -> list[Case]:
    rng = _rng(26)
    cases = []
    for m, n, c, f, k, s, p in TRANSPOSE_SHAPES:
        A, cache = segmentation.conv_transpose_forward(*_transpose_problem(rng, m, n, c, f, k, s, p))
        cases.append(Case(f"dA {A.shape}, f = {f}, stride = {s}, pad = {p}", (rng.standard_normal(A.shape), cache)))
    return cases


# ---------------------------------------------------------------- week 4: faces


def _triplets(seed: int) -> list[tuple[str, tuple, float]]:
    rng = _rng(seed)
    problems = []
    for m, d, alpha in [(4, 3, 0.2), (6, 2, 0.5), (3, 4, 0.2)]:
        y_pred = tuple(rng.standard_normal((m, d)) * 0.6 for _ in range(3))
        problems.append((f"{m} triplets of encodings of size {d}, alpha = {alpha}", y_pred, alpha))
    a = np.zeros((2, 2))
    p, n = np.array([[1.0, 0.0], [1.0, 0.0]]), np.array([[0.0, 1.5], [0.0, 0.5]])
    problems.append(("a satisfied triplet beside a violated one", (a, p, n), 0.2))
    return problems


def cases_triplet_loss() -> list[Case]:
    return [Case(label, (None, y_pred), {"alpha": alpha}) for label, y_pred, alpha in _triplets(27)]


def cases_triplet_loss_backward() -> list[Case]:
    return [Case(label, (y_pred,), {"alpha": alpha}) for label, y_pred, alpha in _triplets(28)]


def _database(rng: np.random.Generator, d: int) -> dict:
    return {name: rng.standard_normal(d) * 0.4 for name in ("ana", "bo", "cy")}


def cases_verify() -> list[Case]:
    rng = _rng(29)
    database = _database(rng, 4)
    near = database["bo"] + 0.05
    return [Case("an encoding near bo's, identity 'bo'", (near, "bo", database)),
            Case("the same encoding, identity 'ana'", (near, "ana", database)),
            Case("a random encoding, identity 'cy', threshold = 2", (rng.standard_normal(4), "cy", database), {"threshold": 2.0})]


def cases_who_is_it() -> list[Case]:
    rng = _rng(30)
    database = _database(rng, 3)
    return [Case("an encoding near cy's", (database["cy"] - 0.04, database)),
            Case("an encoding far from everyone", (np.full(3, 5.0), database)),
            Case("a random encoding, threshold = 3", (rng.standard_normal(3), database), {"threshold": 3.0})]


# ---------------------------------------------------------------- week 4: neural style transfer

ACTIVATIONS = [(1, 2, 3, 3), (1, 3, 2, 2), (1, 4, 4, 3)]


def _pairs(seed: int) -> list[Case]:
    rng = _rng(seed)
    return [Case(f"activations {s}", (rng.standard_normal(s), rng.standard_normal(s))) for s in ACTIVATIONS]


def cases_compute_content_cost() -> list[Case]:
    return _pairs(31)


def cases_compute_content_cost_backward() -> list[Case]:
    return _pairs(32)


def cases_gram_matrix() -> list[Case]:
    rng = _rng(33)
    return [Case(f"A {s}", (rng.standard_normal(s),)) for s in [(3, 6), (2, 4), (3, 2)]]


def cases_compute_layer_style_cost() -> list[Case]:
    return _pairs(34)


def cases_compute_layer_style_cost_backward() -> list[Case]:
    return _pairs(35)


def cases_compute_style_cost() -> list[Case]:
    rng = _rng(36)
    cases = []
    for shapes, coefficients in [(ACTIVATIONS[:2], [0.4, 0.6]), (ACTIVATIONS, [0.2, 0.3, 0.5])]:
        a_S = [rng.standard_normal(s) for s in shapes]
        a_G = [rng.standard_normal(s) for s in shapes]
        cases.append(Case(f"{len(shapes)} layers, coefficients {coefficients}", (a_S, a_G, coefficients)))
    return cases


def cases_total_cost() -> list[Case]:
    return [Case("J_content = 1.5, J_style = 0.25", (1.5, 0.25)), Case("J_content = 3, J_style = 2, alpha = 1, beta = 1e3",
                                                                       (3.0, 2.0), {"alpha": 1.0, "beta": 1000.0})]


# ---------------------------------------------------------------- the checks


def _spec(name: str, reference: object, cases: object, outputs: tuple[str, ...] | str, page: str, **options: object) -> Spec:
    anchor = f"{C4}{page}#{reference.__module__}.{reference.__name__}"  # type: ignore[attr-defined]
    return Spec(name=name, reference=reference, cases=cases, outputs=outputs, page=anchor, **options)  # type: ignore[arg-type]


CONV, POOL, CNN, CASES, DETECTION, FACES = "convolution.md", "pooling.md", "cnn.md", "case-studies.md", "detection.md", "faces-and-style.md"
CONV_BACK = ("dA_prev", "dW", "db")

SPECS: list[Spec] = [
    # week 1: convolution and pooling, loops and vectorized
    _spec("conv_output_size", convolution.conv_output_size, cases_conv_output_size, "n_out", CONV),
    _spec("conv_parameter_count", convolution.conv_parameter_count, cases_conv_parameter_count, "count", CONV),
    _spec("zero_pad", convolution.zero_pad, cases_zero_pad, "X_pad", CONV),
    _spec("conv_single_step", convolution.conv_single_step, cases_conv_single_step, "Z", CONV),
    _spec("conv_forward", convolution.conv_forward, cases_conv_forward, ("Z", "cache"), CONV),
    _spec("conv_forward_loop", convolution.conv_forward_loop, cases_conv_forward, ("Z", "cache"), CONV),
    _spec("conv_backward", convolution.conv_backward, cases_conv_backward, CONV_BACK, CONV),
    _spec("conv_backward_loop", convolution.conv_backward_loop, cases_conv_backward, CONV_BACK, CONV),
    _spec("pool_forward", pooling.pool_forward, cases_pool_forward, ("A", "cache"), POOL),
    _spec("pool_forward_loop", pooling.pool_forward_loop, cases_pool_forward, ("A", "cache"), POOL),
    _spec("create_mask_from_window", pooling.create_mask_from_window, cases_create_mask_from_window, "mask", POOL),
    _spec("distribute_value", pooling.distribute_value, cases_distribute_value, "a", POOL),
    _spec("pool_backward", pooling.pool_backward, cases_pool_backward, "dA_prev", POOL),
    _spec("pool_backward_loop", pooling.pool_backward_loop, cases_pool_backward, "dA_prev", POOL),
    # week 1: the CNN
    _spec("initialize_cnn", cnn.initialize_cnn, cases_initialize_cnn, _SHAPE_DICT, CNN, random=True),
    _spec("cnn_features", cnn.cnn_features, cases_cnn_forward, ("A2_flat", "caches"), CNN, ignore=("caches",)),
    _spec("cnn_forward", cnn.cnn_forward, cases_cnn_forward, ("AL", "caches"), CNN, ignore=("caches",)),
    _spec("cnn_backward", cnn.cnn_backward, cases_cnn_backward, _SHAPE_DICT, CNN),
    _spec("cnn_model", cnn.cnn_model, cases_cnn_model, ("parameters", "costs"), CNN, random=True),
    _spec("cnn_predict", cnn.cnn_predict, cases_cnn_predict, "predictions", CNN),
    # week 2: residual networks
    _spec("spatial_batchnorm_forward", residual.spatial_batchnorm_forward, cases_spatial_batchnorm_forward,
          ("Z_tilde", "cache"), CASES, ignore=("cache",)),
    _spec("spatial_batchnorm_backward", residual.spatial_batchnorm_backward, cases_spatial_batchnorm_backward,
          ("dZ", "dgamma", "dbeta"), CASES),
    _spec("initialize_block", residual.initialize_block, cases_initialize_block, _SHAPE_DICT, CASES, random=True),
    _spec("identity_block", residual.identity_block, cases_identity_block, ("A", "cache"), CASES, ignore=("cache",)),
    _spec("identity_block_backward", residual.identity_block_backward, cases_identity_block_backward, ("dX", "grads"), CASES),
    _spec("convolutional_block", residual.convolutional_block, cases_convolutional_block, ("A", "cache"), CASES,
          ignore=("cache",)),
    _spec("convolutional_block_backward", residual.convolutional_block_backward, cases_convolutional_block_backward,
          ("dX", "grads"), CASES),
    # week 3: detection and segmentation
    _spec("yolo_boxes_to_corners", detection.yolo_boxes_to_corners, cases_yolo_boxes_to_corners, "boxes", DETECTION),
    _spec("yolo_filter_boxes", detection.yolo_filter_boxes, cases_yolo_filter_boxes, ("scores", "boxes", "classes"), DETECTION),
    _spec("iou", detection.iou, cases_iou, "iou", DETECTION),
    _spec("yolo_non_max_suppression", detection.yolo_non_max_suppression, cases_yolo_non_max_suppression,
          ("scores", "boxes", "classes"), DETECTION),
    _spec("conv_transpose_forward", segmentation.conv_transpose_forward, cases_conv_transpose_forward, ("A", "cache"),
          DETECTION, ignore=("cache",)),
    _spec("conv_transpose_backward", segmentation.conv_transpose_backward, cases_conv_transpose_backward,
          ("dZ", "dW", "db"), DETECTION),
    # week 4: faces and style
    _spec("triplet_loss", faces.triplet_loss, cases_triplet_loss, "loss", FACES),
    _spec("triplet_loss_backward", faces.triplet_loss_backward, cases_triplet_loss_backward,
          ("d_anchor", "d_positive", "d_negative"), FACES),
    _spec("verify", faces.verify, cases_verify, ("dist", "door_open"), FACES),
    _spec("who_is_it", faces.who_is_it, cases_who_is_it, ("min_dist", "identity"), FACES),
    _spec("compute_content_cost", style_transfer.compute_content_cost, cases_compute_content_cost, "J_content", FACES),
    _spec("compute_content_cost_backward", style_transfer.compute_content_cost_backward, cases_compute_content_cost_backward,
          "da_G", FACES),
    _spec("gram_matrix", style_transfer.gram_matrix, cases_gram_matrix, "G", FACES),
    _spec("compute_layer_style_cost", style_transfer.compute_layer_style_cost, cases_compute_layer_style_cost,
          "J_style_layer", FACES),
    _spec("compute_layer_style_cost_backward", style_transfer.compute_layer_style_cost_backward,
          cases_compute_layer_style_cost_backward, "da_G", FACES),
    _spec("compute_style_cost", style_transfer.compute_style_cost, cases_compute_style_cost, "J_style", FACES),
    _spec("total_cost", style_transfer.total_cost, cases_total_cost, "J", FACES),
]
