"""The cases of every check: seeded random inputs at several shapes, then the edge cases.

Each ``cases_*`` function returns fresh inputs; a ``Seed`` stands for a new generator, so that
the learner's function and dlref's draw the same numbers.
"""

from __future__ import annotations

import numpy as np

from dlref import (
    activations,
    averages,
    batch_norm,
    bias_variance,
    computation_graph,
    data_setup,
    deep_network,
    dropout,
    gradient_check,
    gradient_check_1d,
    initialization,
    layers,
    logistic_regression,
    lr_decay,
    mini_batches,
    optimizers,
    python_basics,
    regularization,
    shallow_network,
    softmax,
    training,
)
from dlref.check._engine import Case, Seed, Spec

C1 = "docs/course-1/"
C2 = "docs/course-2/"


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def _labels(rng: np.random.Generator, m: int) -> np.ndarray:
    Y = (rng.random((1, m)) < 0.5).astype(float)
    Y[0, :2] = [0.0, 1.0]  # both classes present
    return Y


def _params(rng: np.random.Generator, dims: list[int], scale: float = 1.0) -> dict:
    parameters = {}
    for l in range(1, len(dims)):
        parameters[f"W{l}"] = rng.standard_normal((dims[l], dims[l - 1])) * scale
        parameters[f"b{l}"] = rng.standard_normal((dims[l], 1)) * 0.5
    return parameters


def _grads(rng: np.random.Generator, parameters: dict) -> dict:
    return {f"d{k}": rng.standard_normal(v.shape) for k, v in parameters.items()}


# ---------------------------------------------------------------- Course 1, week 2: Python basics


def cases_image2vector() -> list[Case]:
    rng = _rng(60)
    cases = [Case(f"image {s}", (rng.standard_normal(s),)) for s in [(2, 2, 3), (3, 4, 3), (2, 5, 2)]]
    return cases + [Case("one pixel row: image (1, 4, 3)", (rng.standard_normal((1, 4, 3)),), edge=True)]


def cases_normalizeRows() -> list[Case]:
    # square matrices, a row and a column: shapes on which a norm without keepdims still broadcasts
    rng = _rng(61)
    cases = [Case(f"x {s}", (rng.standard_normal(s) * 3,)) for s in [(3, 3), (4, 4), (1, 5), (4, 1)]]
    x = np.array([[0.0, 0.0, -2.0], [5.0, 0.0, 0.0], [1.0, -1.0, 1.0]])
    return cases + [Case("rows with a single nonzero entry, negative entries", (x,), edge=True)]


def cases_python_basics_softmax() -> list[Case]:
    rng = _rng(62)
    cases = [Case(f"x {s}", (rng.standard_normal(s) * 3,)) for s in [(3, 5), (2, 4), (4, 2)]]
    x = np.array([[1000.0, 999.0, 990.0], [-1000.0, -1001.0, -1010.0], [0.0, 1.0, 2.0]])
    return cases + [Case("scores far apart: a row near 1000, a row near −1000", (x,), edge=True)]


def _predictions(seed: int) -> list[Case]:
    rng = _rng(seed)
    cases = []
    for m in (5, 8, 3):
        y = (np.arange(m) % 2).astype(float)
        cases.append(Case(f"yhat, y ({m},)", (rng.uniform(0.0, 1.0, m), y), factors={"m": m}))
    yhat, y = rng.uniform(0.0, 1.0, (1, 6)), (np.arange(6) % 3 == 0).astype(float)[None, :]
    return cases + [Case("yhat, y as (1, 6) rows", (yhat, y), edge=True, factors={"m": 6})]


def cases_L1() -> list[Case]:
    return _predictions(63)


def cases_L2() -> list[Case]:
    return _predictions(64)


# ---------------------------------------------------------------- Course 1, week 2


SATURATED_Z = np.array([[-1000.0, -40.0, -0.5, 0.0, 0.5, 40.0, 1000.0]])


def cases_sigmoid() -> list[Case]:
    rng = _rng(1)
    cases = [Case(f"Z {s}", (rng.standard_normal(s) * 3,)) for s in [(3, 4), (1, 7), (2, 5)]]
    return cases + [Case("saturated Z = ±40, ±1000", (SATURATED_Z.copy(),), edge=True)]


def cases_sigmoid_backward() -> list[Case]:
    rng = _rng(2)
    cases = [Case(f"Z {s}", (rng.standard_normal(s), rng.standard_normal(s) * 3)) for s in [(3, 4), (1, 7), (2, 5)]]
    dA = rng.standard_normal(SATURATED_Z.shape)
    return cases + [Case("saturated Z = ±40, ±1000", (dA, SATURATED_Z.copy()), edge=True)]


def cases_initialize_with_zeros() -> list[Case]:
    return [Case(f"dim = {d}", (d,)) for d in (1, 3, 7)]


def _logistic_zy(seed: int) -> list[Case]:
    rng = _rng(seed)
    cases = []
    for m in (5, 8, 3):
        cases.append(Case(f"m = {m}", (rng.standard_normal((1, m)) * 3, _labels(rng, m)), factors={"m": m}))
    Z = np.array([[-800.0, -40.0, 40.0, 800.0, 40.0, -40.0]])
    Y = np.array([[0.0, 0.0, 1.0, 1.0, 0.0, 1.0]])
    return cases + [Case("saturated z = ±40, ±800", (Z, Y), edge=True, factors={"m": 6})]


def cases_logistic_loss() -> list[Case]:
    return _logistic_zy(3)


def cases_logistic_cost() -> list[Case]:
    return _logistic_zy(4)


def _logistic_problem(seed: int) -> list[Case]:
    rng = _rng(seed)
    cases = []
    for n, m in [(2, 5), (3, 7), (4, 3)]:
        w, b = rng.standard_normal((n, 1)), float(rng.standard_normal())
        cases.append(Case(f"n_x = {n}, m = {m}", (w, b, rng.standard_normal((n, m)), _labels(rng, m)), factors={"m": m}))
    X = np.array([[1.0, -1.0, 2.0, -2.0, 0.5], [0.0, 0.0, 0.0, 0.0, 0.0]])
    Y = np.array([[1.0, 0.0, 1.0, 0.0, 0.0]])
    cases.append(Case("saturated: z = ±40 and more", (np.array([[40.0], [1.0]]), 0.0, X, Y), edge=True, factors={"m": 5}))
    return cases


def cases_propagate() -> list[Case]:
    return _logistic_problem(5)


def cases_optimize() -> list[Case]:
    rng = _rng(6)
    cases = []
    for n, m, iterations, alpha in [(2, 6, 150, 0.1), (3, 8, 101, 0.5), (1, 4, 1, 0.2)]:
        w, b = rng.standard_normal((n, 1)) * 0.1, 0.0
        args = (w, b, rng.standard_normal((n, m)), _labels(rng, m))
        cases.append(Case(f"m = {m}, {iterations} iterations", args, {"num_iterations": iterations, "learning_rate": alpha},
                          factors={"m": m, "learning_rate": alpha}))
    return cases


def cases_logistic_predict() -> list[Case]:
    rng = _rng(7)
    cases = [Case(f"n_x = {n}, m = {m}", (rng.standard_normal((n, 1)), float(rng.standard_normal()), rng.standard_normal((n, m))))
             for n, m in [(2, 5), (3, 9)]]
    tie = Case("a tie: z = 0 exactly", (np.zeros((2, 1)), 0.0, rng.standard_normal((2, 4))), edge=True)
    return cases + [tie]


# ---------------------------------------------------------------- Course 1, week 3


def cases_layer_sizes() -> list[Case]:
    rng = _rng(8)
    return [Case("X (5, 3), Y (2, 3), default n_h", (rng.standard_normal((5, 3)), np.ones((2, 3)))),
            Case("X (2, 7), Y (1, 7), n_h = 3", (rng.standard_normal((2, 7)), np.ones((1, 7)), 3))]


def cases_initialize_parameters() -> list[Case]:
    return [Case(f"n_x, n_h, n_y = {s}", (*s, Seed(i)), factors={}) for i, s in enumerate([(2, 4, 1), (3, 5, 2), (4, 1, 3)])]


def _shallow(seed: int, edge: bool = True) -> list[tuple[str, dict, np.ndarray, np.ndarray, bool, int]]:
    rng = _rng(seed)
    problems = []
    for n_x, n_h, m in [(2, 4, 5), (3, 2, 7), (1, 3, 4)]:
        problems.append((f"n_x = {n_x}, n_h = {n_h}, m = {m}", _params(rng, [n_x, n_h, 1]),
                         rng.standard_normal((n_x, m)), _labels(rng, m), False, m))
    if edge:
        parameters = _params(rng, [2, 3, 1], scale=30.0)
        problems.append(("saturated: weights × 30", parameters, rng.standard_normal((2, 6)), _labels(rng, 6), True, 6))
    return problems


def cases_forward_propagation() -> list[Case]:
    return [Case(label, (X, p), edge=edge) for label, p, X, _, edge, _ in _shallow(9)]


def _probabilities(seed: int) -> list[Case]:
    rng = _rng(seed)
    cases = [Case(f"m = {m}", (rng.uniform(0.05, 0.95, (1, m)), _labels(rng, m)), factors={"m": m}) for m in (5, 8, 3)]
    A = np.array([[1.0, 0.0, 1.0, 0.0, 0.7, 0.2]])
    Y = np.array([[1.0, 0.0, 1.0, 0.0, 1.0, 0.0]])
    return cases + [Case("AL exactly 0 or 1 (right labels)", (A, Y), edge=True, factors={"m": 6})]


def cases_compute_cost() -> list[Case]:
    return _probabilities(10)


def cases_backward_propagation() -> list[Case]:
    cases = []
    for label, p, X, Y, edge, m in _shallow(11, edge=False):
        _, cache = shallow_network.forward_propagation(X, p)
        cases.append(Case(label, (p, cache, X, Y), edge=edge, factors={"m": m}))
    return cases


def _update(seed: int, dims_list: list[list[int]], default: bool) -> list[Case]:
    rng = _rng(seed)
    cases = []
    for dims, alpha in zip(dims_list, (0.5, 0.01, 1.2)):
        p = _params(rng, dims)
        cases.append(Case(f"layers {dims}, learning_rate = {alpha}", (p, _grads(rng, p), alpha), factors={"learning_rate": alpha}))
    if default:
        p = _params(rng, [2, 3, 1])
        cases.append(Case("the default learning_rate", (p, _grads(rng, p))))
    return cases


def cases_shallow_update_parameters() -> list[Case]:
    return _update(12, [[2, 4, 1], [3, 2, 1], [1, 1, 1]], default=True)


def cases_nn_model() -> list[Case]:
    rng = _rng(13)
    return [Case(f"X ({n_x}, {m}), n_h = {n_h}, {it} iterations", (rng.standard_normal((n_x, m)), _labels(rng, m), n_h),
                 {"num_iterations": it, "learning_rate": 0.5, "rng": Seed(s)})
            for s, (n_x, m, n_h, it) in enumerate([(2, 12, 3, 40), (3, 8, 2, 25)])]


def cases_shallow_predict() -> list[Case]:
    cases = [Case(label, (p, X)) for label, p, X, _, _, _ in _shallow(14, edge=False)[:2]]
    p = _params(_rng(15), [2, 3, 1])
    p["W2"], p["b2"] = np.zeros((1, 3)), np.zeros((1, 1))
    return cases + [Case("a tie: z2 = 0 exactly", (p, _rng(16).standard_normal((2, 4))), edge=True)]


# ---------------------------------------------------------------- Course 1, week 4


def _dims_cases(seed_offset: int, dims_list: list[list[int]]) -> list[Case]:
    return [Case(f"layer_dims {dims}", (dims, Seed(seed_offset + i))) for i, dims in enumerate(dims_list)]


def cases_initialize_parameters_deep() -> list[Case]:
    return _dims_cases(20, [[3, 2, 1], [5, 4, 3, 1], [2, 1]])


def cases_linear_forward() -> list[Case]:
    rng = _rng(21)
    return [Case(f"A ({p}, {m}), W ({n}, {p})", (rng.standard_normal((p, m)), rng.standard_normal((n, p)), rng.standard_normal((n, 1))))
            for n, p, m in [(3, 4, 5), (1, 3, 6), (4, 2, 3)]]


def cases_linear_activation_forward() -> list[Case]:
    rng = _rng(22)
    cases = []
    for activation, (n, p, m) in [("sigmoid", (3, 4, 5)), ("relu", (3, 4, 5)), ("sigmoid", (1, 3, 6)), ("relu", (4, 2, 3))]:
        args = (rng.standard_normal((p, m)), rng.standard_normal((n, p)), rng.standard_normal((n, 1)), activation)
        cases.append(Case(f"{activation}, W ({n}, {p}), m = {m}", args))
    args = (rng.standard_normal((2, 5)), rng.standard_normal((1, 2)) * 400, np.zeros((1, 1)), "sigmoid")
    return cases + [Case("sigmoid saturated: W × 400", args, edge=True)]


def _network(rng: np.random.Generator, dims: list[int], m: int, scale: float = 1.0) -> tuple[dict, np.ndarray, np.ndarray]:
    return _params(rng, dims, scale), rng.standard_normal((dims[0], m)), _labels(rng, m)


def cases_L_model_forward() -> list[Case]:
    rng = _rng(23)
    cases = []
    for dims, m in [([3, 4, 1], 5), ([4, 3, 2, 1], 6), ([2, 1], 3)]:
        p, X, _ = _network(rng, dims, m)
        cases.append(Case(f"layers {dims}, m = {m}", (X, p)))
    p, X, _ = _network(rng, [3, 4, 1], 5)
    cases.append(Case("dropout, keep_prob = 0.8", (X, p), {"keep_prob": 0.8, "rng": Seed(3)}))
    p, X, _ = _network(rng, [2, 3, 1], 4, scale=40.0)
    return cases + [Case("saturated output: weights × 40", (X, p), edge=True)]


def cases_linear_backward() -> list[Case]:
    rng = _rng(24)
    cases = []
    for n, p, m in [(3, 4, 5), (1, 3, 6), (4, 2, 3)]:
        cache = (rng.standard_normal((p, m)), rng.standard_normal((n, p)), rng.standard_normal((n, 1)))
        cases.append(Case(f"dZ ({n}, {m}), A_prev ({p}, {m})", (rng.standard_normal((n, m)), cache), factors={"m": m}))
    return cases


def cases_linear_activation_backward() -> list[Case]:
    rng = _rng(25)
    cases = []
    for activation, (n, p, m) in [("sigmoid", (3, 4, 5)), ("relu", (3, 4, 5)), ("sigmoid", (1, 3, 6)), ("relu", (4, 2, 3))]:
        cache = ((rng.standard_normal((p, m)), rng.standard_normal((n, p)), rng.standard_normal((n, 1))), rng.standard_normal((n, m)))
        cases.append(Case(f"{activation}, dA ({n}, {m})", (rng.standard_normal((n, m)), cache, activation), factors={"m": m}))
    Z = rng.standard_normal((3, 5))
    Z[:, 1] = 0.0
    cache = ((rng.standard_normal((2, 5)), rng.standard_normal((3, 2)), np.zeros((3, 1))), Z)
    return cases + [Case("relu at z = 0 exactly", (rng.standard_normal((3, 5)), cache, "relu"), edge=True, factors={"m": 5})]


def cases_L_model_backward() -> list[Case]:
    rng = _rng(26)
    cases = []
    for label, dims, m, options, scale, edge in [
        ("layers [3, 4, 1], m = 5", [3, 4, 1], 5, {}, 1.0, False),
        ("layers [4, 3, 2, 1], m = 6", [4, 3, 2, 1], 6, {}, 1.0, False),
        ("layers [2, 1], m = 3", [2, 1], 3, {}, 1.0, False),
        ("lambd = 0.7", [3, 4, 1], 5, {"lambd": 0.7}, 1.0, False),
        ("dropout, keep_prob = 0.8", [3, 4, 3, 1], 7, {"keep_prob": 0.8}, 1.0, False),
        ("saturated output: weights × 40", [2, 3, 1], 4, {}, 40.0, True),
    ]:
        p, X, Y = _network(rng, dims, m, scale)
        keep_prob = options.get("keep_prob", 1.0)
        AL, caches = deep_network.L_model_forward(X, p, keep_prob, rng if keep_prob < 1 else None)
        if edge:
            Y = (AL > 0.5).astype(float)  # the saturated outputs are right: dlref's gradient is finite
        kwargs = {"lambd": options["lambd"]} if "lambd" in options else {}
        cases.append(Case(label, (AL, Y, caches), kwargs, edge=edge, factors={"m": m, **options}))
    return cases


def cases_deep_update_parameters() -> list[Case]:
    return _update(27, [[3, 4, 1], [2, 3, 2, 1], [1, 1]], default=False)


def cases_L_layer_model() -> list[Case]:
    rng = _rng(28)
    return [Case(f"layers {dims}, {it} iterations", (rng.standard_normal((dims[0], m)), _labels(rng, m), dims),
                 {"learning_rate": 0.1, "num_iterations": it, "rng": Seed(s)})
            for s, (dims, m, it) in enumerate([([2, 3, 1], 10, 30), ([3, 4, 2, 1], 8, 20)])]


def cases_deep_predict() -> list[Case]:
    rng = _rng(29)
    cases = []
    for dims, m in [([3, 4, 1], 5), ([2, 3, 2, 1], 8)]:
        p, X, _ = _network(rng, dims, m)
        cases.append(Case(f"layers {dims}, m = {m}", (p, X)))
    p, X, _ = _network(rng, [2, 3, 1], 4)
    p["W2"], p["b2"] = np.zeros((1, 3)), np.zeros((1, 1))
    return cases + [Case("a tie: z[L] = 0 exactly", (p, X), edge=True)]


# ---------------------------------------------------------------- Course 2, week 1


def cases_initialize_parameters_zeros() -> list[Case]:
    return [Case(f"layers_dims {dims}", (dims,)) for dims in ([3, 2, 1], [5, 4, 3, 1], [2, 1])]


def cases_random_init() -> list[Case]:
    return _dims_cases(30, [[3, 2, 1], [50, 40, 3, 1], [2, 1]])


def cases_compute_cost_with_regularization() -> list[Case]:
    rng = _rng(31)
    cases = []
    for dims, m, lambd in [([3, 4, 1], 5, 0.7), ([2, 3, 2, 1], 8, 0.1), ([4, 1], 3, 1.5), ([3, 2, 1], 6, 0.0)]:
        p = _params(rng, dims)
        args = (rng.uniform(0.05, 0.95, (1, m)), _labels(rng, m), p, lambd)
        cases.append(Case(f"layers {dims}, m = {m}, lambd = {lambd}", args, factors={"m": m}))
    return cases


def cases_dropout_forward() -> list[Case]:
    rng = _rng(32)
    return [Case(f"A {s}, keep_prob = {k}", (rng.standard_normal(s), k, Seed(i)), factors={"keep_prob": k})
            for i, (s, k) in enumerate([((3, 5), 0.8), ((4, 6), 0.6), ((2, 3), 1.0)])]


def cases_dropout_backward() -> list[Case]:
    rng = _rng(33)
    return [Case(f"dA {s}, keep_prob = {k}", (rng.standard_normal(s), rng.random(s) < k, k), factors={"keep_prob": k})
            for s, k in [((3, 5), 0.8), ((4, 6), 0.6), ((2, 3), 1.0)]]


def _gc_problems(seed: int) -> list[tuple[str, dict, np.ndarray, np.ndarray]]:
    rng = _rng(seed)
    problems = []
    for dims, m in [([3, 2, 1], 4), ([2, 3, 2, 1], 5), ([4, 1], 3)]:
        p, X, Y = _network(rng, dims, m)
        problems.append((f"layers {dims}, m = {m}", p, X, Y))
    return problems


def _x_theta(seed: int) -> list[tuple[str, float, float]]:
    rng = _rng(seed)
    pairs = [(f"x = {x:.3g}, theta = {t:.3g}", x, t) for x, t in (rng.standard_normal(2) * 3 for _ in range(3))]
    return pairs + [("the exercise's x = 2, theta = 4", 2.0, 4.0)]


def _x_theta_cases(seed: int) -> list[Case]:
    return [Case(label, (x, t)) for label, x, t in _x_theta(seed)] + [Case("x = 0", (0.0, -1.5), edge=True)]


def cases_gradient_check_1d_forward_propagation() -> list[Case]:
    return _x_theta_cases(65)


def cases_gradient_check_1d_backward_propagation() -> list[Case]:
    return _x_theta_cases(66)


def cases_gradient_check() -> list[Case]:
    cases = [Case(label, (x, t)) for label, x, t in _x_theta(67)]
    cases.append(Case("epsilon = 1e-4", (1.5, -0.5), {"epsilon": 1e-4}))
    cases.append(Case("a large x = 1e6: the difference must be relative", (1e6, 2.5), edge=True))
    return cases + [Case("x = 0: both derivatives are 0", (0.0, 3.0), edge=True)]


def cases_dictionary_to_vector() -> list[Case]:
    return [Case(label, (p,)) for label, p, _, _ in _gc_problems(34)]


def cases_vector_to_dictionary() -> list[Case]:
    cases = []
    for label, p, _, _ in _gc_problems(35):
        theta, layout = gradient_check.dictionary_to_vector(p)
        cases.append(Case(label, (theta, layout)))
    return cases


def cases_gradients_to_vector() -> list[Case]:
    rng = _rng(36)
    cases = []
    for label, p, _, _ in _gc_problems(36):
        _, layout = gradient_check.dictionary_to_vector(p)
        grads = _grads(rng, p)
        grads["dA0"] = rng.standard_normal((3, 3))  # not a parameter's gradient: to be ignored
        cases.append(Case(label, (grads, layout)))
    return cases


def cases_gradient_approximation() -> list[Case]:
    cases = [Case(label, (p, X, Y)) for label, p, X, Y in _gc_problems(37)]
    label, p, X, Y = _gc_problems(38)[0]
    return cases + [Case(label + ", lambd = 0.5", (p, X, Y), {"lambd": 0.5})]


def cases_gradient_check_n() -> list[Case]:
    cases = []
    for (label, p, X, Y), bug in zip(_gc_problems(39), (2.0, 4.0, 1.5)):
        AL, caches = deep_network.L_model_forward(X, p)
        grads = deep_network.L_model_backward(AL, Y, caches)
        grads["dW1"] = grads["dW1"] * bug  # a planted bug, so that the difference is large
        cases.append(Case(f"{label}, dW1 × {bug:g}", (p, grads, X, Y)))
    return cases


# ---------------------------------------------------------------- Course 2, week 2


def cases_random_mini_batches() -> list[Case]:
    rng = _rng(40)
    cases = []
    for i, (n_x, n_y, m, size, edge) in enumerate([(2, 1, 12, 4, False), (3, 1, 10, 4, True), (2, 3, 7, 3, True), (2, 1, 5, 64, False)]):
        X, Y = rng.standard_normal((n_x, m)), rng.standard_normal((n_y, m))
        label = f"m = {m}, mini_batch_size = {size}" + (": a partial last mini-batch" if edge else "")
        cases.append(Case(label, (X, Y, size), {"rng": Seed(i)}, edge=edge))
    return cases


def _optimizer_state(seed: int) -> list[tuple[str, dict, dict, np.random.Generator]]:
    rng = _rng(seed)
    problems = []
    for dims in ([3, 4, 1], [2, 3, 2, 1], [1, 1]):
        p = _params(rng, dims)
        problems.append((f"layers {dims}", p, _grads(rng, p), rng))
    return problems


def cases_initialize_state() -> list[Case]:
    return [Case(label, (p,)) for label, p, _, _ in _optimizer_state(41)]


def cases_momentum() -> list[Case]:
    cases = []
    for (label, p, g, rng), beta, alpha in zip(_optimizer_state(42), (0.9, 0.5, 0.0), (0.01, 0.1, 0.3)):
        v = {k: rng.standard_normal(x.shape) for k, x in g.items()}
        cases.append(Case(f"{label}, beta = {beta}", (p, g, v, beta, alpha), factors={"learning_rate": alpha}))
    return cases


def cases_rmsprop() -> list[Case]:
    cases = []
    for (label, p, g, rng), beta, eps in zip(_optimizer_state(43), (0.999, 0.9, 0.5), (1e-8, 1e-2, 1e-2)):
        s = {k: rng.random(x.shape) for k, x in g.items()}
        cases.append(Case(f"{label}, beta = {beta}, epsilon = {eps:g}", (p, g, s, beta, 0.01), {"epsilon": eps}))
    return cases


def cases_adam() -> list[Case]:
    cases = []
    for (label, p, g, rng), t, eps in zip(_optimizer_state(44), (1, 3, 10), (1e-8, 1e-2, 1e-2)):
        v = {k: rng.standard_normal(x.shape) * 0.1 for k, x in g.items()}
        s = {k: rng.random(x.shape) * 0.1 for k, x in g.items()}
        cases.append(Case(f"{label}, t = {t}, epsilon = {eps:g}", (p, g, v, s, t), {"learning_rate": 0.01, "epsilon": eps}))
    return cases


def cases_update_lr() -> list[Case]:
    return [Case(f"learning_rate0 = {a}, epoch_num = {e}, decay_rate = {d}", (a, e, d)) for a, e, d in
            [(0.5, 10, 1.0), (0.1, 3, 0.5), (0.2, 0, 2.0)]]


def cases_schedule_lr_decay() -> list[Case]:
    return [Case("epoch_num = 100, time_interval 1000", (0.5, 100, 0.3)),
            Case("epoch_num = 3500, time_interval 1000", (0.5, 3500, 1.0)),
            Case("epoch_num = 2000, time_interval 1000: on a step", (0.5, 2000, 1.0), edge=True),
            Case("epoch_num = 1999, time_interval 1000: just before a step", (0.5, 1999, 1.0), edge=True),
            Case("epoch_num = 25, time_interval 10", (0.3, 25, 0.5, 10))]


def cases_exponential_decay() -> list[Case]:
    return [Case("learning_rate0 = 0.2, epoch_num = 3", (0.2, 3)), Case("base 0.9, epoch_num = 10", (0.1, 10, 0.9)),
            Case("epoch_num = 0", (0.3, 0), edge=True)]


def cases_exponentially_weighted_average() -> list[Case]:
    theta = _rng(45).standard_normal(12) * 5 + 10
    return [Case("beta = 0.9", (theta, 0.9)), Case("beta = 0.5, bias_correction", (theta[:7], 0.5), {"bias_correction": True}),
            Case("beta = 0.98, bias_correction", (theta, 0.98), {"bias_correction": True}),
            Case("beta = 0: the series itself", (theta[:4], 0.0), edge=True)]


def cases_model() -> list[Case]:
    rng = _rng(46)
    cases = []
    for s, optimizer in enumerate(("gd", "momentum", "adam")):
        X, Y = rng.standard_normal((2, 20)), _labels(rng, 20)
        options = {"optimizer": optimizer, "learning_rate": 0.05, "mini_batch_size": 8, "num_epochs": 3, "rng": Seed(s)}
        cases.append(Case(f"{optimizer}, 3 epochs of mini-batches of 8", (X, Y, [2, 3, 1]), options))
    X, Y = rng.standard_normal((2, 12)), _labels(rng, 12)
    options = {"learning_rate": 0.1, "mini_batch_size": 12, "num_epochs": 4, "lambd": 0.3, "keep_prob": 0.8, "rng": Seed(9)}
    return cases + [Case("gd with lambd = 0.3 and keep_prob = 0.8", (X, Y, [2, 4, 1]), options)]


# ---------------------------------------------------------------- beyond the assignments' graded functions


def _slopes(seed: int) -> list[Case]:
    rng = _rng(seed)
    cases = [Case(f"Z {s}", (rng.standard_normal(s), rng.standard_normal(s) * 2)) for s in [(3, 4), (1, 7), (2, 5)]]
    Z = rng.standard_normal((2, 5))
    Z[:, 2] = 0.0
    return cases + [Case("z = 0 exactly", (rng.standard_normal((2, 5)), Z), edge=True)]


def cases_relu_backward() -> list[Case]:
    return _slopes(50)


def cases_tanh_backward() -> list[Case]:
    return _slopes(51)


def cases_computation_graph_backward() -> list[Case]:
    points = [(5.0, 3.0, 2.0, 1.0), (1.0, -2.0, 4.0, 1.0), (0.5, 1.5, -3.0, 2.0)]
    return [Case(f"a, b, c = {a:g}, {b:g}, {c:g}, dJ = {dJ:g}", (computation_graph.computation_graph_forward(a, b, c)[1], dJ))
            for a, b, c, dJ in points]


def cases_diagnose_bias_variance() -> list[Case]:
    return [Case(f"train {t:.1%}, dev {d:.1%}, Bayes {e:.1%}", (t, d, e)) for t, d, e in
            [(0.01, 0.11, 0.0), (0.15, 0.16, 0.0), (0.15, 0.30, 0.0), (0.15, 0.16, 0.15), (0.005, 0.01, 0.0), (0.08, 0.2, 0.05)]]


def cases_normalization_stats() -> list[Case]:
    rng = _rng(52)
    return [Case(f"X {s}, mean 5", (rng.standard_normal(s) * 3 + 5,)) for s in [(3, 8), (1, 5), (4, 20)]]


def cases_normalize() -> list[Case]:
    rng = _rng(53)
    cases = []
    for n, m in [(3, 6), (2, 9), (1, 4)]:
        train = rng.standard_normal((n, 30)) * 3 + 5
        mu, sigma = data_setup.normalization_stats(train)
        cases.append(Case(f"X ({n}, {m}) with the training set's mu, sigma", (rng.standard_normal((n, m)) * 2 + 4, mu, sigma)))
    return cases


def cases_batchnorm_forward() -> list[Case]:
    rng = _rng(54)
    cases = []
    for (n, m), eps in [((3, 6), 1e-8), ((2, 9), 0.1), ((4, 3), 0.5)]:
        args = (rng.standard_normal((n, m)) * 2 + 1, rng.standard_normal((n, 1)), rng.standard_normal((n, 1)))
        cases.append(Case(f"Z ({n}, {m}), epsilon = {eps:g}", args, {"epsilon": eps}))
    return cases


def cases_batchnorm_backward() -> list[Case]:
    rng = _rng(55)
    cases = []
    for n, m in [(3, 6), (2, 9), (4, 3)]:
        _, cache = batch_norm.batchnorm_forward(rng.standard_normal((n, m)), rng.standard_normal((n, 1)), rng.standard_normal((n, 1)))
        cases.append(Case(f"dZ_tilde ({n}, {m})", (rng.standard_normal((n, m)), cache), factors={"m": m}))
    return cases


def cases_softmax() -> list[Case]:
    rng = _rng(56)
    cases = [Case(f"Z {s}", (rng.standard_normal(s) * 3,)) for s in [(3, 5), (4, 2), (2, 7)]]
    Z = np.array([[1000.0, 0.0, -5.0], [999.0, 1.0, -1000.0], [990.0, 2.0, -7.0]])
    return cases + [Case("logits far apart: 1000 in one column, −1000 in another", (Z,), edge=True)]


def _one_hot(rng: np.random.Generator, C: int, m: int) -> np.ndarray:
    return np.eye(C)[:, rng.integers(0, C, m)]


def _class_probabilities(seed: int) -> list[Case]:
    rng = _rng(seed)
    cases = [Case(f"C = {C}, m = {m}", (softmax.softmax(rng.standard_normal((C, m))), _one_hot(rng, C, m)), factors={"m": m})
             for C, m in [(3, 5), (4, 7), (2, 3)]]
    Y = _one_hot(rng, 3, 4)
    return cases + [Case("AL exactly one-hot: zeros where Y is 0", (Y.copy(), Y), edge=True, factors={"m": 4})]


def cases_cross_entropy_cost() -> list[Case]:
    return _class_probabilities(57)


def cases_softmax_cross_entropy_backward() -> list[Case]:
    return _class_probabilities(58)[:3]


# ---------------------------------------------------------------- the checks

_SHAPE_DICT = ""  # the output is a dict of named arrays: its keys name them


def _spec(name: str, reference: object, cases: object, outputs: tuple[str, ...] | str, page: str, **options: object) -> Spec:
    anchor = f"{page}#{reference.__module__}.{reference.__name__}"  # type: ignore[attr-defined]
    return Spec(name=name, reference=reference, cases=cases, outputs=outputs, page=anchor, **options)  # type: ignore[arg-type]


SPECS: list[Spec] = [
    # Course 1, week 2: the Python-basics exercise (rows, not columns)
    _spec("image2vector", python_basics.image2vector, cases_image2vector, "v", C1 + "vectorization.md"),
    _spec("normalizeRows", python_basics.normalizeRows, cases_normalizeRows, "x_normalized", C1 + "vectorization.md"),
    _spec("python_basics_softmax", python_basics.softmax, cases_python_basics_softmax, "s", C1 + "vectorization.md",
          assignment=("softmax",)),
    _spec("L1", python_basics.L1, cases_L1, "loss", C1 + "vectorization.md"),
    _spec("L2", python_basics.L2, cases_L2, "loss", C1 + "vectorization.md"),
    # Course 1, week 2
    _spec("sigmoid", activations.sigmoid, cases_sigmoid, "A", C1 + "logistic-regression.md", assignment=("basic_sigmoid",)),
    _spec("sigmoid_backward", activations.sigmoid_backward, cases_sigmoid_backward, "dZ", C1 + "activation-functions.md"),
    _spec("initialize_with_zeros", logistic_regression.initialize_with_zeros, cases_initialize_with_zeros, ("w", "b"),
          C1 + "logistic-regression-gradient-descent.md"),
    _spec("logistic_loss", logistic_regression.logistic_loss, cases_logistic_loss, "L", C1 + "logistic-regression.md"),
    _spec("logistic_cost", logistic_regression.logistic_cost, cases_logistic_cost, "cost", C1 + "logistic-regression.md"),
    _spec("propagate", logistic_regression.propagate, cases_propagate, ("grads", "cost"), C1 + "vectorization.md"),
    _spec("propagate_loop", logistic_regression.propagate_loop, cases_propagate, ("grads", "cost"), C1 + "logistic-regression-gradient-descent.md"),
    _spec("optimize", logistic_regression.optimize, cases_optimize, ("params", "grads", "costs"), C1 + "logistic-regression-gradient-descent.md"),
    _spec("logistic_regression_predict", logistic_regression.predict, cases_logistic_predict, "Y_prediction",
          C1 + "logistic-regression-gradient-descent.md", assignment=("predict",)),
    # Course 1, week 3
    _spec("layer_sizes", shallow_network.layer_sizes, cases_layer_sizes, ("n_x", "n_h", "n_y"), C1 + "shallow-networks.md"),
    _spec("initialize_parameters", shallow_network.initialize_parameters, cases_initialize_parameters, _SHAPE_DICT,
          C1 + "shallow-networks-training.md", random=True),
    _spec("shallow_network_forward_propagation", shallow_network.forward_propagation, cases_forward_propagation,
          ("A2", "cache"), C1 + "shallow-networks.md", assignment=("forward_propagation",)),
    _spec("shallow_network_compute_cost", shallow_network.compute_cost, cases_compute_cost, "cost", C1 + "shallow-networks-gradients.md",
          assignment=("compute_cost",)),
    _spec("shallow_network_backward_propagation", shallow_network.backward_propagation, cases_backward_propagation,
          _SHAPE_DICT, C1 + "shallow-networks-gradients.md", assignment=("backward_propagation",)),
    _spec("shallow_network_update_parameters", shallow_network.update_parameters, cases_shallow_update_parameters, _SHAPE_DICT,
          C1 + "shallow-networks-gradients.md", assignment=("update_parameters",)),
    _spec("nn_model", shallow_network.nn_model, cases_nn_model, ("parameters", "costs"), C1 + "shallow-networks-training.md", random=True),
    _spec("shallow_network_predict", shallow_network.predict, cases_shallow_predict, "predictions", C1 + "shallow-networks-training.md",
          assignment=("predict",)),
    # Course 1, week 4
    _spec("initialize_parameters_deep", deep_network.initialize_parameters_deep, cases_initialize_parameters_deep, _SHAPE_DICT,
          C1 + "deep-networks-training.md", random=True),
    _spec("linear_forward", layers.linear_forward, cases_linear_forward, ("Z", "cache"), C1 + "deep-networks.md"),
    _spec("linear_activation_forward", layers.linear_activation_forward, cases_linear_activation_forward, ("A", "cache"),
          C1 + "deep-networks.md"),
    _spec("L_model_forward", deep_network.L_model_forward, cases_L_model_forward, ("AL", "caches"), C1 + "deep-networks.md"),
    _spec("deep_network_compute_cost", deep_network.compute_cost, cases_compute_cost, "cost", C1 + "deep-networks-building-blocks.md",
          assignment=("compute_cost",)),
    _spec("linear_backward", layers.linear_backward, cases_linear_backward, ("dA_prev", "dW", "db"), C1 + "deep-networks-building-blocks.md"),
    _spec("linear_activation_backward", layers.linear_activation_backward, cases_linear_activation_backward,
          ("dA_prev", "dW", "db"), C1 + "deep-networks-building-blocks.md"),
    _spec("L_model_backward", deep_network.L_model_backward, cases_L_model_backward, _SHAPE_DICT, C1 + "deep-networks-building-blocks.md"),
    _spec("deep_network_update_parameters", deep_network.update_parameters, cases_deep_update_parameters, _SHAPE_DICT,
          C1 + "deep-networks-building-blocks.md", assignment=("update_parameters", "update_parameters_with_gd")),
    _spec("L_layer_model", deep_network.L_layer_model, cases_L_layer_model, ("parameters", "costs"), C1 + "deep-networks-training.md",
          random=True),
    _spec("deep_network_predict", deep_network.predict, cases_deep_predict, "predictions", C1 + "deep-networks-training.md",
          assignment=("predict",)),
    # Course 2, week 1
    _spec("initialize_parameters_zeros", initialization.initialize_parameters_zeros, cases_initialize_parameters_zeros,
          _SHAPE_DICT, C2 + "setting-up-optimization.md"),
    _spec("initialize_parameters_random", initialization.initialize_parameters_random, cases_random_init, _SHAPE_DICT,
          C2 + "setting-up-optimization.md", random=True),
    _spec("initialize_parameters_he", initialization.initialize_parameters_he, cases_random_init, _SHAPE_DICT,
          C2 + "setting-up-optimization.md", random=True),
    _spec("initialize_parameters_xavier", initialization.initialize_parameters_xavier, cases_random_init, _SHAPE_DICT,
          C2 + "setting-up-optimization.md", random=True),
    _spec("compute_cost_with_regularization", regularization.compute_cost_with_regularization,
          cases_compute_cost_with_regularization, "cost", C2 + "regularization.md"),
    _spec("dropout_forward", dropout.dropout_forward, cases_dropout_forward, ("A_dropped", "D"), C2 + "regularization.md",
          random=True),
    _spec("dropout_backward", dropout.dropout_backward, cases_dropout_backward, "dA_prev_dropout", C2 + "regularization.md"),
    _spec("gradient_check_1d_forward_propagation", gradient_check_1d.forward_propagation,
          cases_gradient_check_1d_forward_propagation, "J", C2 + "gradient-checking.md", assignment=("forward_propagation",)),
    _spec("gradient_check_1d_backward_propagation", gradient_check_1d.backward_propagation,
          cases_gradient_check_1d_backward_propagation, "dtheta", C2 + "gradient-checking.md",
          assignment=("backward_propagation",)),
    _spec("gradient_check", gradient_check_1d.gradient_check, cases_gradient_check, "difference", C2 + "gradient-checking.md",
          rtol=1e-5, atol=1e-7),
    _spec("dictionary_to_vector", gradient_check.dictionary_to_vector, cases_dictionary_to_vector, ("theta", "layout"),
          C2 + "gradient-checking.md"),
    _spec("vector_to_dictionary", gradient_check.vector_to_dictionary, cases_vector_to_dictionary, _SHAPE_DICT,
          C2 + "gradient-checking.md"),
    _spec("gradients_to_vector", gradient_check.gradients_to_vector, cases_gradients_to_vector, "dtheta",
          C2 + "gradient-checking.md"),
    _spec("gradient_approximation", gradient_check.gradient_approximation, cases_gradient_approximation, "gradapprox",
          C2 + "gradient-checking.md", rtol=1e-5, atol=1e-7),
    _spec("gradient_check_n", gradient_check.gradient_check_n, cases_gradient_check_n, "difference",
          C2 + "gradient-checking.md", rtol=1e-5, atol=1e-7),
    # Course 2, week 2
    _spec("random_mini_batches", mini_batches.random_mini_batches, cases_random_mini_batches, "mini_batches",
          C2 + "optimization-algorithms.md", random=True),
    _spec("initialize_velocity", optimizers.initialize_velocity, cases_initialize_state, _SHAPE_DICT,
          C2 + "optimization-algorithms.md"),
    _spec("update_parameters_with_momentum", optimizers.update_parameters_with_momentum, cases_momentum, ("parameters", "v"),
          C2 + "optimization-algorithms.md"),
    _spec("initialize_rmsprop", optimizers.initialize_rmsprop, cases_initialize_state, _SHAPE_DICT,
          C2 + "optimization-rmsprop-adam.md"),
    _spec("update_parameters_with_rmsprop", optimizers.update_parameters_with_rmsprop, cases_rmsprop, ("parameters", "s"),
          C2 + "optimization-rmsprop-adam.md"),
    _spec("initialize_adam", optimizers.initialize_adam, cases_initialize_state, ("v", "s"), C2 + "optimization-rmsprop-adam.md"),
    _spec("update_parameters_with_adam", optimizers.update_parameters_with_adam, cases_adam, ("parameters", "v", "s"),
          C2 + "optimization-rmsprop-adam.md"),
    _spec("update_lr", lr_decay.update_lr, cases_update_lr, "learning_rate", C2 + "optimization-rmsprop-adam.md"),
    _spec("schedule_lr_decay", lr_decay.schedule_lr_decay, cases_schedule_lr_decay, "learning_rate",
          C2 + "optimization-rmsprop-adam.md"),
    _spec("exponential_decay", lr_decay.exponential_decay, cases_exponential_decay, "learning_rate",
          C2 + "optimization-rmsprop-adam.md"),
    _spec("exponentially_weighted_average", averages.exponentially_weighted_average, cases_exponentially_weighted_average, "v",
          C2 + "optimization-algorithms.md"),
    _spec("model", training.model, cases_model, ("parameters", "costs"), C2 + "training.md", random=True),
    # the formulas of the notes that no assignment grades
    _spec("relu_backward", activations.relu_backward, cases_relu_backward, "dZ", C1 + "activation-functions.md"),
    _spec("tanh_backward", activations.tanh_backward, cases_tanh_backward, "dZ", C1 + "activation-functions.md"),
    _spec("computation_graph_backward", computation_graph.computation_graph_backward, cases_computation_graph_backward,
          _SHAPE_DICT, C1 + "computation-graph.md"),
    _spec("diagnose_bias_variance", bias_variance.diagnose_bias_variance, cases_diagnose_bias_variance, _SHAPE_DICT,
          C2 + "train-dev-test.md"),
    _spec("normalization_stats", data_setup.normalization_stats, cases_normalization_stats, ("mu", "sigma"),
          C2 + "setting-up-optimization.md"),
    _spec("normalize", data_setup.normalize, cases_normalize, "X_norm", C2 + "setting-up-optimization.md"),
    _spec("batchnorm_forward", batch_norm.batchnorm_forward, cases_batchnorm_forward, ("Z_tilde", "cache"),
          C2 + "batch-normalization.md", ignore=("cache",)),
    _spec("batchnorm_backward", batch_norm.batchnorm_backward, cases_batchnorm_backward, ("dZ", "dgamma", "dbeta"),
          C2 + "batch-normalization.md"),
    _spec("softmax_softmax", softmax.softmax, cases_softmax, "A", C2 + "softmax.md", assignment=("softmax",)),
    _spec("cross_entropy_cost", softmax.cross_entropy_cost, cases_cross_entropy_cost, "cost", C2 + "softmax.md"),
    _spec("softmax_cross_entropy_backward", softmax.softmax_cross_entropy_backward, cases_softmax_cross_entropy_backward,
          "dZ", C2 + "softmax.md"),
]

# Each later course's checks live in a file of their own.
from dlref.check._cases_course4 import SPECS as _COURSE4  # noqa: E402

SPECS += _COURSE4

from dlref.check._cases_course5 import SPECS as _COURSE_5  # noqa: E402

SPECS += _COURSE_5
