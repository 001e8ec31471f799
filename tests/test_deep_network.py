"""L-layer network: gradient checks of every backward block, autograd, shapes, errata, real data."""

from __future__ import annotations

import itertools

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.metrics import log_loss

from dlref import deep_network as dn
from dlref import layers
from dlref.activations import relu, sigmoid
from gradcheck import numerical_gradient, relative_error
from real_data import breast_cancer_split

ACTIVATIONS = {"relu": relu, "sigmoid": sigmoid, "tanh": np.tanh}


def linear_problem(n_prev: int, n: int, m: int, seed: int, activation: str | None = None):
    """A_prev, W, b and a random upstream gradient; for relu, Z is kept away from the kink."""
    rng = np.random.default_rng(seed)
    while True:
        A_prev, W, b = rng.standard_normal((n_prev, m)), rng.standard_normal((n, n_prev)), rng.standard_normal((n, 1))
        if activation != "relu" or np.abs(W @ A_prev + b).min() > 1e-3:
            return A_prev, W, b, rng.standard_normal((n, m))


def network(layer_dims, m: int, seed: int):
    rng = np.random.default_rng(seed)
    parameters = dn.initialize_parameters_deep(layer_dims, rng)
    parameters = {k: v + 0.1 * rng.standard_normal(v.shape) for k, v in parameters.items()}  # nonzero biases
    X = rng.standard_normal((layer_dims[0], m))
    Y = (rng.random((1, m)) < 0.5).astype(np.float64)
    return parameters, X, Y


def cost_of(parameters, X, Y) -> float:
    return dn.compute_cost(dn.L_model_forward(X, parameters)[0], Y)


# --- gradient checks (float64, centred differences, random upstream gradients) ---------------


@pytest.mark.parametrize("n_prev, n, m", [(1, 1, 1), (3, 2, 5), (4, 6, 3)])
@pytest.mark.parametrize("seed", [0, 1])
def test_linear_backward_gradient_check(n_prev, n, m, seed):
    A_prev, W, b, G = linear_problem(n_prev, n, m, seed)
    dA_prev, dW, db = layers.linear_backward(G, (A_prev, W, b))
    # dW, db are derivatives of the cost (a mean over examples); dA_prev of the summed losses
    J = lambda A_, W_, b_: np.sum(G * layers.linear_forward(A_, W_, b_)[0]) / m  # noqa: E731
    assert relative_error(dW, numerical_gradient(lambda W_: J(A_prev, W_, b), W)) < 1e-7
    assert relative_error(db, numerical_gradient(lambda b_: J(A_prev, W, b_), b)) < 1e-7
    assert relative_error(dA_prev, m * numerical_gradient(lambda A_: J(A_, W, b), A_prev)) < 1e-7


@pytest.mark.parametrize("activation", ["sigmoid", "relu", "tanh"])
@pytest.mark.parametrize("n_prev, n, m", [(2, 3, 4), (5, 1, 7)])
@pytest.mark.parametrize("seed", [0, 1])
def test_linear_activation_backward_gradient_check(activation, n_prev, n, m, seed):
    A_prev, W, b, G = linear_problem(n_prev, n, m, seed, activation)
    _, cache = layers.linear_activation_forward(A_prev, W, b, activation)
    dA_prev, dW, db = layers.linear_activation_backward(G, cache, activation)

    def J(A_, W_, b_):
        return np.sum(G * layers.linear_activation_forward(A_, W_, b_, activation)[0]) / m

    assert relative_error(dW, numerical_gradient(lambda W_: J(A_prev, W_, b), W)) < 1e-7
    assert relative_error(db, numerical_gradient(lambda b_: J(A_prev, W, b_), b)) < 1e-7
    assert relative_error(dA_prev, m * numerical_gradient(lambda A_: J(A_, W, b), A_prev)) < 1e-7


@pytest.mark.parametrize("layer_dims", [[2, 1], [3, 4, 1], [4, 5, 3, 1], [3, 5, 5, 3, 1]])
@pytest.mark.parametrize("seed", [0, 1])
def test_L_model_backward_gradient_check(layer_dims, seed):
    parameters, X, Y = network(layer_dims, 6, seed)
    AL, caches = dn.L_model_forward(X, parameters)
    grads = dn.L_model_backward(AL, Y, caches)
    for key, value in parameters.items():
        numeric = numerical_gradient(lambda v: cost_of({**parameters, key: v}, X, Y), value)
        assert relative_error(grads[f"d{key}"], numeric) < 1e-7, key
    numeric_dX = numerical_gradient(lambda X_: cost_of(parameters, X_, Y), X)
    assert relative_error(grads["dA0"], X.shape[1] * numeric_dX) < 1e-7


@pytest.mark.parametrize("layer_dims", [[3, 4, 1], [5, 4, 4, 2, 1]])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_L_model_backward_matches_autograd(layer_dims, seed):
    parameters, X, Y = network(layer_dims, 9, seed)
    L = len(layer_dims) - 1

    def cost(params):  # the textbook network, written independently of dlref
        A = X
        for l in range(1, L + 1):
            Z = anp.dot(params[f"W{l}"], A) + params[f"b{l}"]
            A = anp.maximum(Z, 0.0) if l < L else 1.0 / (1.0 + anp.exp(-Z))
        return -anp.mean(Y * anp.log(A) + (1 - Y) * anp.log(1 - A))

    AL, caches = dn.L_model_forward(X, parameters)
    grads = dn.L_model_backward(AL, Y, caches)
    assert_allclose(dn.compute_cost(AL, Y), cost(parameters), rtol=1e-12)
    expected = grad(cost)(parameters)
    for key in parameters:
        assert_allclose(grads[f"d{key}"], expected[key], rtol=1e-9, atol=1e-13, err_msg=key)


def test_last_layer_step_equals_the_course_dAL_path():
    parameters, X, Y = network([4, 3, 2, 1], 8, 3)
    AL, caches = dn.L_model_forward(X, parameters)
    grads = dn.L_model_backward(AL, Y, caches)
    dAL = -(Y / AL - (1 - Y) / (1 - AL))  # the assignment's formula
    dA_prev, dW, db = layers.linear_activation_backward(dAL, caches[-1], "sigmoid")
    assert_allclose(grads["dW3"], dW, rtol=1e-10)
    assert_allclose(grads["db3"], db, rtol=1e-10)
    assert_allclose(grads["dA2"], dA_prev, rtol=1e-10)


def test_saturated_outputs_give_finite_costs_and_the_exact_gradient():
    parameters = {"W1": np.array([[800.0]]), "b1": np.zeros((1, 1))}
    X, Y = np.array([[1.0, -1.0, 1.0]]), np.array([[0.0, 1.0, 1.0]])
    with np.errstate(all="raise"):
        AL, caches = dn.L_model_forward(X, parameters)
        assert AL.tolist() == [[1.0, 0.0, 1.0]]  # sigmoid(+-800) rounds to exactly 1 and 0
        cost = dn.compute_cost(AL, Y)
        grads = dn.L_model_backward(AL, Y, caches)
    assert isinstance(cost, float) and cost == pytest.approx(2 * -np.log(1e-15) / 3, rel=1e-4)
    assert_allclose(grads["dW1"], [[(1.0 * 1 + (-1.0) * -1 + 0.0) / 3]])  # mean of (a - y) x


# --- shapes: the dimension table of the page ---------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_every_quantity_has_the_shape_of_the_dimension_table(seed):
    rng = np.random.default_rng(seed)
    n = [int(k) for k in rng.integers(1, 7, size=rng.integers(2, 6))] + [1]
    m = int(rng.integers(1, 9))
    parameters = dn.initialize_parameters_deep(n, rng)
    X, Y = rng.standard_normal((n[0], m)), (rng.random((1, m)) < 0.5).astype(float)
    AL, caches = dn.L_model_forward(X, parameters)
    grads = dn.L_model_backward(AL, Y, caches)
    L = len(n) - 1
    assert len(caches) == L and AL.shape == (n[L], m)
    for l in range(1, L + 1):
        (A_prev, W, b), Z = caches[l - 1]
        assert W.shape == grads[f"dW{l}"].shape == (n[l], n[l - 1])
        assert b.shape == grads[f"db{l}"].shape == (n[l], 1)
        assert Z.shape == (n[l], m)  # not (n[l], 1): one column per example
        assert A_prev.shape == grads[f"dA{l - 1}"].shape == (n[l - 1], m)
        dZ = AL - Y if l == L else grads[f"dA{l}"] * (Z > 0)
        assert dZ.shape == (n[l], m)
        # one example: the column i of each matrix
        assert W @ A_prev[:, [0]] + b == pytest.approx(Z[:, [0]]) and Z[:, [0]].shape == (n[l], 1)


# --- the errata of section 1.4 -----------------------------------------------------------------


@pytest.mark.parametrize("n_prev, n, m", [(3, 2, 5), (4, 6, 3)])
def test_dW_is_dZ_times_A_prev_transposed_over_m(n_prev, n, m):
    A_prev, W, b, dZ = linear_problem(n_prev, n, m, 7)
    _, dW, db = layers.linear_backward(dZ, (A_prev, W, b))
    # per example, dw = dz a_prev^T (an outer product, (n, 1) @ (1, n_prev)); then the mean
    per_example = [np.outer(dZ[:, i], A_prev[:, i]) for i in range(m)]
    assert_allclose(dW, np.mean(per_example, axis=0), rtol=1e-12)
    assert_allclose(db, dZ.mean(axis=1, keepdims=True), rtol=1e-12)
    with pytest.raises(ValueError):  # the notes' dz . a_prev, without the transpose, does not fit
        np.dot(dZ[:, [0]], A_prev[:, [0]])


def test_each_layer_takes_the_previous_layers_activation():
    parameters, X, _ = network([3, 5, 5, 3, 1], 4, 8)
    AL, caches = dn.L_model_forward(X, parameters)
    assert_array_equal(caches[0][0][0], X)  # A[0] = X
    for l in range(1, 4):  # A[l] = g[l](Z[l]) is the input of layer l + 1
        assert_array_equal(caches[l][0][0], relu(caches[l - 1][1]))


def test_the_output_is_the_activation_of_layer_L():
    parameters, X, _ = network([3, 5, 5, 3, 1], 4, 9)  # the notes' example: L = 4, n = [3, 5, 5, 3, 1]
    AL, caches = dn.L_model_forward(X, parameters)
    assert len(caches) == 4
    assert AL.shape == (1, 4)  # n[L] = n[4] = 1
    assert_array_equal(AL, sigmoid(caches[3][1]))  # y_hat = A[L] = sigmoid(Z[L])


def test_the_cache_holds_what_the_backward_step_needs():
    A_prev, W, b, dA = linear_problem(3, 2, 4, 10, "relu")
    A, cache = layers.linear_activation_forward(A_prev, W, b, "relu")
    (A_c, W_c, b_c), Z = cache
    # Z alone is not enough: dW needs A[l-1], dA[l-1] needs W[l]
    assert_array_equal(A_c, A_prev) and assert_array_equal(W_c, W) and assert_array_equal(b_c, b)
    assert_array_equal(Z, W @ A_prev + b)
    _, dW, _ = layers.linear_activation_backward(dA, cache, "relu")
    assert_allclose(dW, (dA * (Z > 0)) @ A_prev.T / 4, rtol=1e-12)


# --- initialization ------------------------------------------------------------------------------


def test_he_initialization_has_variance_two_over_fan_in():
    parameters = dn.initialize_parameters_deep([400, 300, 200], np.random.default_rng(11))
    for l, n_prev in [(1, 400), (2, 300)]:
        assert parameters[f"W{l}"].std() == pytest.approx(np.sqrt(2 / n_prev), rel=0.02)
        assert parameters[f"W{l}"].mean() == pytest.approx(0.0, abs=0.01)
        assert not parameters[f"b{l}"].any()


def test_he_keeps_the_activation_scale_where_0_01_makes_it_vanish():
    rng = np.random.default_rng(12)
    dims = [200] * 11
    X = rng.standard_normal((200, 50))

    def rms_of_last_hidden_layer(parameters):
        A = X
        for l in range(1, 11):
            A, _ = layers.linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"], "relu")
        return float(np.sqrt(np.mean(A**2)))

    he = dn.initialize_parameters_deep(dims, rng)
    small = {k: (0.01 * rng.standard_normal(v.shape) if k[0] == "W" else v) for k, v in he.items()}
    assert 0.3 < rms_of_last_hidden_layer(he) < 3.0
    assert rms_of_last_hidden_layer(small) < 1e-8  # 0.01 * sqrt(200 / 2) = 0.1: ten-fold per layer


def test_initialization_depends_only_on_the_generator():
    first = dn.initialize_parameters_deep([4, 3, 1], np.random.default_rng(5))
    again = dn.initialize_parameters_deep([4, 3, 1], np.random.default_rng(5))
    other = dn.initialize_parameters_deep([4, 3, 1], np.random.default_rng(6))
    for key in first:
        assert_array_equal(first[key], again[key])
    assert not np.array_equal(first["W1"], other["W1"])


# --- cost, update, training ----------------------------------------------------------------------


def test_compute_cost_is_the_mean_cross_entropy():
    rng = np.random.default_rng(13)
    AL, Y = rng.uniform(0.01, 0.99, (1, 30)), (rng.random((1, 30)) < 0.5).astype(float)
    cost = dn.compute_cost(AL, Y)
    assert isinstance(cost, float)
    assert_allclose(cost, log_loss(Y[0], AL[0]), rtol=1e-12)


def test_compute_cost_stays_finite_where_AL_is_exactly_0_or_1():
    with np.errstate(all="raise"):
        assert dn.compute_cost([[1.0, 0.0]], [[1.0, 0.0]]) == pytest.approx(0.0, abs=1e-14)
        assert dn.compute_cost([[0.0, 1.0]], [[1.0, 0.0]]) == pytest.approx(-np.log(1e-15), rel=1e-4)


def test_update_parameters_takes_one_step_and_returns_new_arrays():
    parameters, X, Y = network([3, 4, 1], 5, 14)
    copies = {k: v.copy() for k, v in parameters.items()}
    grads = dn.L_model_backward(*dn.L_model_forward(X, parameters)[:1], Y, dn.L_model_forward(X, parameters)[1])
    new = dn.update_parameters(parameters, grads, 0.1)
    for key in parameters:
        # to the last bit what the formula written one operator at a time gives
        assert_array_equal(new[key], copies[key] - 0.1 * grads[f"d{key}"])
        assert_array_equal(parameters[key], copies[key])
        assert not np.shares_memory(new[key], parameters[key])
        assert not np.shares_memory(new[key], grads[f"d{key}"])
    for key, other in itertools.combinations(new, 2):  # views into one buffer, but disjoint ones
        assert not np.shares_memory(new[key], new[other])


def test_L_layer_model_lowers_the_cost_and_is_reproducible(capsys):
    rng = np.random.default_rng(15)
    X = rng.standard_normal((2, 40))
    Y = (X[[0]] * X[[1]] > 0).astype(float)  # XOR-like: not linearly separable
    parameters, costs = dn.L_layer_model(X, Y, [2, 8, 4, 1], learning_rate=0.3, num_iterations=1001, print_cost=True)
    assert len(costs) == 11 and costs[-1] < costs[0] / 3
    assert np.mean(dn.predict(parameters, X) == Y) >= 0.9
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 11 and lines[0].startswith("Cost after iteration 0:")
    again, _ = dn.L_layer_model(X, Y, [2, 8, 4, 1], learning_rate=0.3, num_iterations=1001)
    assert all(np.array_equal(parameters[k], again[k]) for k in parameters)  # rng=None is seed 0


def test_predict_thresholds_the_output_at_one_half():
    parameters, X, _ = network([3, 4, 1], 200, 16)
    AL, _ = dn.L_model_forward(X, parameters)
    assert_array_equal(dn.predict(parameters, X), (AL > 0.5).astype(float))


def test_breast_cancer_held_out_accuracy_is_at_least_95_percent():
    X_train, Y_train, X_test, Y_test = breast_cancer_split()
    parameters, costs = dn.L_layer_model(X_train, Y_train, [30, 20, 7, 1])
    accuracy = float(np.mean(dn.predict(parameters, X_test) == Y_test))
    assert accuracy >= 0.95
    assert costs[-1] < 0.1 < costs[0]


# --- bad input, untouched input --------------------------------------------------------------


def good():
    parameters, X, Y = network([3, 4, 1], 5, 17)
    AL, caches = dn.L_model_forward(X, parameters)
    return parameters, X, Y, AL, caches


BAD_CALLS = [
    (lambda p, X, Y, AL, c: dn.initialize_parameters_deep([3], np.random.default_rng()), r"layer_dims must be a list of at least two"),
    (lambda p, X, Y, AL, c: dn.initialize_parameters_deep([3, 0, 1], np.random.default_rng()), r"layer_dims\[1\] must be at least 1"),
    (lambda p, X, Y, AL, c: dn.initialize_parameters_deep([3, 2.5, 1], np.random.default_rng()), r"layer_dims\[1\] must be an integer"),
    (lambda p, X, Y, AL, c: dn.initialize_parameters_deep([3, 1], 0), r"rng must be a numpy.random.Generator"),
    (lambda p, X, Y, AL, c: layers.linear_forward(X, p["W1"].T, p["b1"]), r"W has shape \(3, 4\); expected shape \(\?, 3\)\. W needs one column per row of A \(A has shape \(3, 5\)\)"),
    (lambda p, X, Y, AL, c: layers.linear_forward(X[0], p["W1"], p["b1"]), r"A has shape \(5,\), a rank-1 array"),
    (lambda p, X, Y, AL, c: layers.linear_forward(X, p["W1"], p["b1"][:, 0]), r"b has shape \(4,\), a rank-1 array"),
    (lambda p, X, Y, AL, c: layers.linear_activation_forward(X, p["W1"], p["b1"], "softplus"), r"activation must be one of \['relu', 'sigmoid', 'tanh'\]; got 'softplus'"),
    (lambda p, X, Y, AL, c: dn.L_model_forward(X.T, p), r"X has shape \(5, 3\); expected shape \(3, m\) because W1 has shape \(4, 3\)"),
    (lambda p, X, Y, AL, c: dn.L_model_forward(X, {**p, "W2": np.ones((1, 3))}), r"W2 has shape \(1, 3\); expected shape \(\?, 4\)\. W2 needs one column per unit of layer 1 \(W1 has shape \(4, 3\)\)"),
    (lambda p, X, Y, AL, c: dn.L_model_forward(X, {**p, "b2": np.ones((2, 1))}), r"b2 has shape \(2, 1\); expected shape \(1, 1\)"),
    (lambda p, X, Y, AL, c: dn.L_model_forward(X, {"W1": p["W1"], "b1": p["b1"], "W2": p["W2"]}), r"missing \['b2'\]"),
    (lambda p, X, Y, AL, c: dn.L_model_forward(X, {**p, "w3": 1}), r"unexpected \['w3'\]"),
    (lambda p, X, Y, AL, c: dn.compute_cost(AL, Y[0]), r"Y has shape \(5,\), a rank-1 array"),
    (lambda p, X, Y, AL, c: dn.compute_cost(AL[0], Y), r"AL has shape \(5,\), a rank-1 array"),
    (lambda p, X, Y, AL, c: dn.compute_cost(AL, Y[:, :4]), r"Y has shape \(1, 4\); expected shape \(1, 5\)"),
    (lambda p, X, Y, AL, c: dn.compute_cost(AL + 1, Y), r"AL must hold probabilities in \[0, 1\]"),
    (lambda p, X, Y, AL, c: layers.linear_backward(np.ones((4, 4)), c[0][0]), r"dZ has shape \(4, 4\); expected shape \(4, 5\)"),
    (lambda p, X, Y, AL, c: layers.linear_backward(np.ones((4, 5)), c[0]), r"cache must be the tuple \(A_prev, W, b\)"),
    (lambda p, X, Y, AL, c: layers.linear_activation_backward(np.ones((4, 5)), c[0], "elu"), r"activation must be one of"),
    (lambda p, X, Y, AL, c: layers.linear_activation_backward(np.ones((5, 4)), c[0], "relu"), r"dA has shape \(5, 4\); expected the shape of Z, \(4, 5\)"),
    (lambda p, X, Y, AL, c: layers.linear_activation_backward(np.ones((4, 5)), c[0][0], "relu"), r"cache must be the tuple \(linear_cache, Z\)"),
    (lambda p, X, Y, AL, c: dn.L_model_backward(AL, Y[0], c), r"Y has shape \(5,\), a rank-1 array"),
    (lambda p, X, Y, AL, c: dn.L_model_backward(AL, Y, []), r"caches must be the non-empty list"),
    (lambda p, X, Y, AL, c: dn.L_model_backward(AL[:, :3], Y[:, :3], c), r"AL has shape \(1, 3\); expected the shape of the last layer's Z, \(1, 5\)"),
    (lambda p, X, Y, AL, c: dn.update_parameters(p, {"dW1": 0}, 0.1), r"grads lacks \['db1', 'dW2', 'db2'\]"),
    (lambda p, X, Y, AL, c: dn.update_parameters(p, {f"d{k}": v.T for k, v in p.items()}, 0.1), r'grads\["dW1"\] has shape \(3, 4\); expected the shape of W1, \(4, 3\)'),
    (lambda p, X, Y, AL, c: dn.update_parameters(p, {f"d{k}": v for k, v in p.items()}, -1.0), r"learning_rate must be greater than 0"),
    (lambda p, X, Y, AL, c: dn.L_layer_model(X, Y, [4, 4, 1]), r"layers_dims must start with the number of rows of X \(3, X has shape \(3, 5\)\)"),
    (lambda p, X, Y, AL, c: dn.L_layer_model(X, Y, [3, 4, 2]), r"Y has shape \(1, 5\); expected shape \(2, 5\)\. Y has one row per output unit"),
    (lambda p, X, Y, AL, c: dn.L_layer_model(X, Y, [3]), r"layers_dims must be a list of at least two"),
    (lambda p, X, Y, AL, c: dn.L_layer_model(X, Y[0], [3, 1]), r"Y has shape \(5,\), a rank-1 array"),
    (lambda p, X, Y, AL, c: dn.L_layer_model(X, Y, [3, 1], learning_rate=0.0), r"learning_rate must be greater than 0"),
    (lambda p, X, Y, AL, c: dn.L_layer_model(X, Y, [3, 1], num_iterations=-5), r"num_iterations must be at least 0"),
    (lambda p, X, Y, AL, c: dn.L_layer_model(X, Y, [3, 1], num_iterations=10.0), r"num_iterations must be an integer"),
    (lambda p, X, Y, AL, c: dn.L_layer_model(X, Y, [3, 1], rng=42), r"rng must be a numpy.random.Generator"),
    (lambda p, X, Y, AL, c: dn.predict(p, X.T), r"X has shape \(5, 3\); expected shape \(3, m\) because W1 has shape \(4, 3\)"),
]


@pytest.mark.parametrize("call, message", BAD_CALLS)
def test_bad_input_is_a_value_error_naming_argument_and_shapes(call, message):
    with pytest.raises(ValueError, match=message):
        call(*good())


def test_functions_do_not_modify_their_inputs():
    parameters, X, Y, AL, caches = good()
    saved = [parameters, X, Y, AL, caches]
    copies = [
        {k: v.copy() for k, v in parameters.items()}, X.copy(), Y.copy(), AL.copy(),
        [((A.copy(), W.copy(), b.copy()), Z.copy()) for (A, W, b), Z in caches],
    ]
    grads = dn.L_model_backward(AL, Y, caches)
    grads_copy = {k: v.copy() for k, v in grads.items()}
    dn.update_parameters(parameters, grads, 0.5)
    dn.compute_cost(AL, Y)
    layers.linear_activation_backward(grads["dA1"], caches[0], "relu")
    layers.linear_backward(AL - Y, caches[1][0])
    dn.predict(parameters, X)
    dn.L_layer_model(X, Y, [3, 4, 1], num_iterations=3)
    for key in parameters:
        assert_array_equal(saved[0][key], copies[0][key])
    for original, copy in zip(saved[1:4], copies[1:4]):
        assert_array_equal(original, copy)
    for ((A, W, b), Z), ((A2, W2, b2), Z2) in zip(caches, copies[4]):
        for x, y in [(A, A2), (W, W2), (b, b2), (Z, Z2)]:
            assert_array_equal(x, y)
    for key in grads:
        assert_array_equal(grads[key], grads_copy[key])


# --- diverged training, cost type -------------------------------------------------------------


@pytest.mark.parametrize("where", ["W1", "b2", "X"])
@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_predict_reports_diverged_parameters_or_corrupt_inputs(where, bad):
    parameters, X, _ = network([3, 4, 1], 5, 0)
    values = {**parameters, "X": X.copy()}
    values[where] = values[where].copy()
    values[where][0, 0] = bad
    X_bad = values.pop("X")
    with pytest.raises(ValueError, match=rf"{where} holds NaN or infinite values: training diverged"):
        dn.predict(values, X_bad)


def test_compute_cost_is_a_numpy_float_with_a_shape():
    for AL, Y in [([[0.8, 0.3]], [[1.0, 0.0]]), ([[0.7, 0.2], [0.3, 0.8]], [[1.0, 0.0], [0.0, 1.0]])]:
        cost = dn.compute_cost(AL, Y)
        assert isinstance(cost, np.float64) and isinstance(cost, float) and cost.shape == ()
