"""The contract battery's rows for Course 4 (convolutional networks), read by ``test_contract.py``.

``rows(Case)`` returns one row per public function of the Course 4 modules, built with the
battery's own ``Case`` class (passed in, so that this module needs nothing from the test file).
Volumes are ``(m, n_H, n_W, n_C)`` with sides that differ, so that a transposed volume is seen.
"""

from __future__ import annotations

import numpy as np


def same(*paths: str) -> dict[str, str]:
    """Each path with the name a message must give: its last component."""
    return {path: path.split(".")[-1] for path in paths}


def _r(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def volume(seed: int, shape: tuple[int, ...] = (2, 5, 4, 3)) -> np.ndarray:
    return _r(seed).standard_normal(shape)


def conv_args() -> dict:
    return {"A_prev": volume(40), "W": volume(41, (3, 3, 3, 2)), "b": volume(42, (1, 1, 1, 2)),
            "hparameters": {"stride": 1, "pad": 1}}


def conv_cache() -> dict:
    from dlref.convolution import conv_forward

    Z, cache = conv_forward(**conv_args())
    return {"dZ": volume(43, Z.shape), "cache": cache}


def pool_cache(mode: str) -> dict:
    from dlref.pooling import pool_forward

    A, cache = pool_forward(volume(44, (2, 4, 6, 3)), {"f": 2, "stride": 2}, mode)
    return {"dA": volume(45, A.shape), "cache": cache, "mode": mode}


def cnn_problem() -> tuple[dict, np.ndarray, np.ndarray]:
    from dlref.cnn import initialize_cnn

    parameters = initialize_cnn((8, 8, 1), (2, 3), 3, _r(46))
    X = volume(47, (2, 8, 8, 1))
    Y = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    return parameters, X, Y


def cnn_caches() -> dict:
    from dlref.cnn import cnn_forward

    parameters, X, Y = cnn_problem()
    AL, caches = cnn_forward(X, parameters)
    return {"AL": AL, "Y": Y, "caches": caches}


def block(convolutional: bool) -> dict:
    from dlref.residual import initialize_block

    n_C = 3 if convolutional else 4
    parameters = initialize_block(n_C, 3, (2, 3, 4), _r(48), convolutional=convolutional)
    args = {"X": volume(49, (2, 5, 6, n_C)), "f": 3, "parameters": parameters}
    return {**args, "s": 2} if convolutional else args


def block_cache(convolutional: bool) -> dict:
    from dlref.residual import convolutional_block, identity_block

    A, cache = (convolutional_block if convolutional else identity_block)(**block(convolutional))
    return {"dA": volume(50, A.shape), "cache": cache}


def sbn_cache() -> dict:
    from dlref.residual import spatial_batchnorm_forward

    _, cache = spatial_batchnorm_forward(volume(51), volume(52, (1, 1, 1, 3)), volume(53, (1, 1, 1, 3)))
    return {"dZ_tilde": volume(54), "cache": cache}


def depthwise_args() -> dict:
    return {"A_prev": volume(55), "W": volume(56, (2, 2, 3)), "b": volume(57, (1, 1, 1, 3)),
            "hparameters": {"stride": 1, "pad": 1}}


def depthwise_cache() -> dict:
    from dlref.efficient_convs import depthwise_conv_forward

    Z, cache = depthwise_conv_forward(**depthwise_args())
    return {"dZ": volume(58, Z.shape), "cache": cache}


def transpose_args() -> dict:
    return {"Z": volume(59, (2, 3, 4, 3)), "W": volume(60, (3, 3, 2, 3)), "b": volume(61, (1, 1, 1, 2)),
            "hparameters": {"stride": 2, "pad": 1}}


def transpose_cache() -> dict:
    from dlref.segmentation import conv_transpose_forward

    A, cache = conv_transpose_forward(**transpose_args())
    return {"dA": volume(62, A.shape), "cache": cache}


BOXES = np.array([[0.0, 0.0, 2.0, 2.0], [1.0, 1.0, 3.0, 3.0], [0.1, 0.0, 2.0, 2.1], [5.0, 5.0, 6.0, 7.0], [4.0, 0.0, 5.0, 1.0]])


def nms_args() -> dict:
    return {"scores": np.array([0.9, 0.8, 0.75, 0.7, 0.6]), "boxes": BOXES.copy(), "classes": np.array([0, 0, 0, 1, 1]),
            "max_boxes": 3}


def filter_args() -> dict:
    r = _r(63)
    corner = r.random((3, 2, 2))
    corners = np.concatenate([corner, corner + r.random((3, 2, 2))], axis=-1)  # x1 <= x2, y1 <= y2
    return {"boxes": corners, "box_confidence": r.random((3, 2, 1)),
            "box_class_probs": r.random((3, 2, 5)), "threshold": 0.3}


def triplet() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r = _r(64)
    return tuple(r.standard_normal((3, 4)) * 0.5 for _ in range(3))  # type: ignore[return-value]


def database() -> dict:
    r = _r(65)
    return {"ana": r.standard_normal(4) * 0.3, "bo": r.standard_normal(4) * 0.3}


def activations(seed: int) -> dict:
    return {"a_S" if seed % 2 else "a_C": volume(seed, (1, 3, 4, 2)), "a_G": volume(seed + 1, (1, 3, 4, 2))}


def content() -> dict:
    return activations(66)


def style() -> dict:
    return activations(67)


def style_layers() -> dict:
    return {"a_S_layers": [volume(70, (1, 3, 4, 2)), volume(71, (1, 2, 2, 3))],
            "a_G_layers": [volume(72, (1, 3, 4, 2)), volume(73, (1, 2, 2, 3))], "coefficients": [0.4, 0.6]}


# Calls the battery leaves out of Course 4: triplet_loss's y_true is unused, as in the course (whose
# own test passes it None), so None is a valid value there.
LEFT_OUT = {("none", "faces.triplet_loss", "y_true")}


def rows(Case: type) -> list:
    """The Course 4 rows, as ``Case`` objects of the battery."""
    C = Case
    conv = dict(rank1=same("A_prev", "W", "b"), transposed=same("A_prev", "W", "b"), extra=same("A_prev", "W", "b"),
                missing={"hparameters.pad": "pad"})
    conv_back = dict(rank1={"dZ": "dZ", "cache.0": "A_prev", "cache.1": "W"}, transposed={"dZ": "dZ", "cache.0": "A_prev"},
                     extra={"dZ": "dZ", "cache.1": "W"}, missing={"cache.3.stride": "stride"})
    pool = dict(rank1=same("A_prev"), missing={"hparameters.f": "f"})
    pool_back = dict(rank1={"dA": "dA", "cache.0": "A_prev"}, transposed=same("dA"), extra=same("dA"),
                     missing={"cache.1.stride": "stride"})
    style_pair = dict(rank1=same("a_G"), transposed=same("a_G"), extra=same("a_G"))  # a NaN makes the cost NaN
    return [
        # convolution
        C("convolution.conv_output_size", lambda: {"n": 5, "f": 3, "pad": 1, "stride": 2}, nan=same("n", "f", "pad", "stride")),
        C("convolution.conv_parameter_count", lambda: {"f": 3, "n_C_prev": 2, "n_C": 4}, nan=same("f", "n_C_prev", "n_C")),
        C("convolution.zero_pad", lambda: {"X": volume(30), "pad": 1}, rank1=same("X"), nan=same("pad")),
        C("convolution.conv_single_step",
          lambda: {"a_slice_prev": volume(31, (3, 3, 2)), "W": volume(32, (3, 3, 2)), "b": volume(33, (1, 1, 1))},
          rank1=same("a_slice_prev", "W"), transposed={"W": "W"}, extra=same("a_slice_prev", "W", "b")),
        *[C(f"convolution.{n}", conv_args, **conv) for n in ("conv_forward", "conv_forward_loop")],
        *[C(f"convolution.{n}", conv_cache, **conv_back) for n in ("conv_backward", "conv_backward_loop")],
        # pooling
        *[C(f"pooling.{n}", lambda: {"A_prev": volume(34, (2, 4, 6, 3)), "hparameters": {"f": 2, "stride": 2}, "mode": "max"},
            **pool) for n in ("pool_forward", "pool_forward_loop")],
        *[C(f"pooling.{n}", lambda: pool_cache("max"), **pool_back) for n in ("pool_backward", "pool_backward_loop")],
        C("pooling.create_mask_from_window", lambda: {"x": np.array([[1.0, 3.0, -2.0], [0.5, 3.0, 2.0]])},
          rank1=same("x"), nan=same("x")),
        C("pooling.distribute_value", lambda: {"dz": 2.0, "shape": (2, 3)}, nan=same("dz")),
        # the small CNN
        C("cnn.initialize_cnn", lambda: {"input_shape": (8, 8, 1), "channels": (2, 3), "n_classes": 3, "rng": _r(0)}),
        *[C(f"cnn.{n}", lambda: {"X": cnn_problem()[1], "parameters": cnn_problem()[0]},
            rank1=same("X", "parameters.W1"), transposed=same("X"), extra=same("X"), missing=same("parameters.W2"))
          for n in ("cnn_features", "cnn_forward")],
        C("cnn.cnn_backward", cnn_caches, rank1=same("AL", "Y"), transposed=same("AL", "Y"), extra=same("Y"), nan=same("Y")),
        C("cnn.cnn_predict", lambda: {"parameters": cnn_problem()[0], "X": cnn_problem()[1]},
          rank1=same("X"), transposed=same("X"), nan=same("X")),
        C("cnn.cnn_model",
          lambda: {"X": cnn_problem()[1], "Y": cnn_problem()[2], "channels": (2, 2), "num_epochs": 1, "mini_batch_size": 2,
                   "rng": _r(1)},
          rank1=same("X", "Y"), transposed=same("X", "Y"), extra=same("Y"), nan=same("Y", "learning_rate")),
        C("cnn.retrain_cnn_head",
          lambda: {"parameters": cnn_problem()[0], "X": cnn_problem()[1], "Y": cnn_problem()[2], "num_epochs": 2},
          rank1=same("X", "Y", "parameters.W1"), transposed=same("X", "Y"), extra=same("Y"), nan=same("Y"),
          missing=same("parameters.W2")),
        # case studies
        C("architectures.case_study", lambda: {"name": "lenet-5"}),
        C("architectures.layer_table",
          lambda: {"input_shape": (32, 32, 3), "layers": [{"type": "conv", "f": 5, "stride": 1, "n_C": 6}, {"type": "pool", "f": 2, "stride": 2},
                                                          {"type": "dense", "units": 10}]}),
        # residual networks
        C("residual.spatial_batchnorm_forward",
          lambda: {"Z": volume(51), "gamma": volume(52, (1, 1, 1, 3)), "beta": volume(53, (1, 1, 1, 3))},
          rank1=same("Z", "gamma", "beta"), transposed=same("Z", "gamma", "beta"), extra=same("gamma", "beta"),
          nan=same("epsilon")),
        C("residual.spatial_batchnorm_backward", sbn_cache,
          rank1=same("dZ_tilde"), transposed=same("dZ_tilde"), extra=same("dZ_tilde"), missing=same("cache.shape", "cache.bn")),
        C("residual.initialize_block", lambda: {"n_C_prev": 3, "f": 3, "filters": (2, 3, 3), "rng": _r(2)}),
        C("residual.identity_block", lambda: block(False),
          rank1=same("X", "parameters.W1"), transposed=same("X"), extra=same("X"), missing=same("parameters.W2")),
        C("residual.convolutional_block", lambda: block(True),
          rank1=same("X", "parameters.W1"), transposed=same("X"), extra=same("X"), missing=same("parameters.Ws")),
        *[C(f"residual.{n}", lambda c=c: block_cache(c), rank1=same("dA"), transposed=same("dA"), extra=same("dA"))
          for n, c in (("identity_block_backward", False), ("convolutional_block_backward", True))],
        # 1×1, Inception, MobileNet, EfficientNet
        C("efficient_convs.conv_cost", lambda: {"n_H": 6, "n_W": 5, "n_C_prev": 3, "f": 3, "n_C": 4}, nan=same("n_H", "f")),
        C("efficient_convs.bottleneck_cost",
          lambda: {"n_H": 28, "n_W": 28, "n_C_prev": 192, "n_bottleneck": 16, "f": 5, "n_C": 32}, nan=same("n_bottleneck")),
        C("efficient_convs.depthwise_separable_cost", lambda: {"n_H": 4, "n_W": 4, "n_C_prev": 3, "f": 3, "n_C": 5},
          nan=same("n_C")),
        C("efficient_convs.mobilenet_v2_bottleneck_cost",
          lambda: {"n_H": 4, "n_W": 4, "n_C": 3, "expansion": 6, "n_C_out": 5}, nan=same("expansion", "f")),
        C("efficient_convs.compound_scaling", lambda: {"phi": 1.0}, nan=same("phi", "alpha", "beta", "gamma")),
        C("efficient_convs.depthwise_conv_forward", depthwise_args,
          rank1=same("A_prev", "W", "b"), transposed=same("A_prev", "W"), extra=same("A_prev", "W", "b"),
          missing={"hparameters.stride": "stride"}),
        C("efficient_convs.depthwise_conv_backward", depthwise_cache,
          rank1={"dZ": "dZ", "cache.0": "A_prev"}, transposed=same("dZ"), extra=same("dZ")),
        # detection
        C("detection.iou", lambda: {"box1": np.array([0.0, 0.0, 2.0, 2.0]), "box2": np.array([1.0, 0.5, 3.0, 4.0])},
          extra=same("box1", "box2"), nan=same("box1", "box2")),
        C("detection.localization_loss",
          lambda: {"y_hat": np.array([0.8, 0.4, 0.5, 0.3, 0.2, 0.1, 0.7]), "y": np.array([1.0, 0.5, 0.5, 0.2, 0.3, 0.0, 1.0])},
          extra=same("y")),
        C("detection.yolo_boxes_to_corners",
          lambda: {"box_xy": volume(74, (3, 2)), "box_wh": np.abs(volume(75, (3, 2)))},
          transposed=same("box_xy", "box_wh"), extra=same("box_xy", "box_wh")),
        C("detection.yolo_filter_boxes", filter_args,
          rank1=same("boxes", "box_confidence"), extra=same("boxes", "box_confidence"),
          nan=same("box_confidence", "box_class_probs", "threshold")),
        C("detection.yolo_non_max_suppression", nms_args,
          transposed=same("boxes"), extra=same("boxes", "scores", "classes"), nan=same("scores", "boxes", "iou_threshold")),
        # segmentation
        C("segmentation.conv_transpose_forward", transpose_args,
          rank1=same("Z", "W", "b"), transposed=same("Z", "W"), extra=same("Z", "W", "b"),
          missing={"hparameters.pad": "pad"}),
        C("segmentation.conv_transpose_backward", transpose_cache,
          rank1={"dA": "dA", "cache.0": "Z"}, transposed=same("dA"), extra=same("dA")),
        # faces
        C("faces.triplet_loss", lambda: {"y_true": None, "y_pred": triplet(), "alpha": 0.2},
          rank1={"y_pred.0": "anchor", "y_pred.2": "negative"}, transposed={"y_pred.1": "positive"},
          extra={"y_pred.2": "negative"}, nan={"y_pred.1": "positive", "alpha": "alpha"}),
        C("faces.triplet_loss_backward", lambda: {"y_pred": triplet(), "alpha": 0.2},
          rank1={"y_pred.0": "anchor"}, transposed={"y_pred.1": "positive"}, extra={"y_pred.2": "negative"},
          nan={"y_pred.0": "anchor", "alpha": "alpha"}),
        C("faces.verify", lambda: {"encoding": volume(76, (4,)) * 0.3, "identity": "ana", "database": database()},
          extra=same("encoding"), nan=same("encoding", "threshold"), missing={"database.ana": "ana"}),
        C("faces.who_is_it", lambda: {"encoding": volume(77, (4,)) * 0.3, "database": database()},
          extra=same("encoding"), nan=same("encoding", "threshold")),
        # neural style transfer
        *[C(f"style_transfer.{n}", content, **style_pair)
          for n in ("compute_content_cost", "compute_content_cost_backward")],
        C("style_transfer.gram_matrix", lambda: {"A": volume(78, (3, 5))}, rank1=same("A")),
        *[C(f"style_transfer.{n}", style, **style_pair)
          for n in ("compute_layer_style_cost", "compute_layer_style_cost_backward")],
        C("style_transfer.compute_style_cost", style_layers,
          transposed={"a_G_layers.0": "a_G_layers[0]"}, extra={"a_G_layers.1": "a_G_layers[1]"},
          nan={"coefficients.1": "coefficients"}),
        C("style_transfer.total_cost", lambda: {"J_content": 1.5, "J_style": 0.25}, nan=same("J_content", "J_style", "alpha")),
    ]
