"""One-hidden-layer network: gradient checks, autograd, symmetry, errata, bad input, planar data."""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from numpy.testing import assert_allclose, assert_array_equal

from dlref import shallow_network as sn
from gradcheck import numerical_gradient, relative_error
from real_data import flower_dataset

SIZES = [(1, 1, 1), (2, 4, 5), (3, 5, 7), (6, 2, 3)]  # (n_x, n_h, m)


def problem(n_x: int, n_h: int, m: int, seed: int, scale: float = 1.0):
    rng = np.random.default_rng(seed)
    parameters = {
        "W1": scale * rng.standard_normal((n_h, n_x)), "b1": scale * rng.standard_normal((n_h, 1)),
        "W2": scale * rng.standard_normal((1, n_h)), "b2": scale * rng.standard_normal((1, 1)),
    }
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((1, m)) < 0.5).astype(np.float64)
    return parameters, X, Y


def cost_of(parameters, X, Y) -> float:
    return sn.compute_cost(sn.forward_propagation(X, parameters)[0], Y)


def gradient_descent(parameters, X, Y, steps: int, learning_rate: float = 1.2):
    for _ in range(steps):
        _, cache = sn.forward_propagation(X, parameters)
        grads = sn.backward_propagation(parameters, cache, X, Y)
        parameters = sn.update_parameters(parameters, grads, learning_rate)
    return parameters


@pytest.mark.parametrize("n_x, n_h, m", SIZES)
@pytest.mark.parametrize("seed", [0, 1])
def test_backward_propagation_gradient_check(n_x, n_h, m, seed):
    parameters, X, Y = problem(n_x, n_h, m, seed)
    _, cache = sn.forward_propagation(X, parameters)
    grads = sn.backward_propagation(parameters, cache, X, Y)
    for key, value in parameters.items():
        numeric = numerical_gradient(lambda v: cost_of({**parameters, key: v}, X, Y), value)
        assert grads[f"d{key}"].shape == value.shape
        assert relative_error(grads[f"d{key}"], numeric) < 1e-7, key


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_backward_propagation_matches_autograd(seed):
    parameters, X, Y = problem(3, 5, 8, seed)

    def cost(p):  # the textbook network, written independently of dlref
        A1 = anp.tanh(anp.dot(p["W1"], X) + p["b1"])
        A2 = 1.0 / (1.0 + anp.exp(-(anp.dot(p["W2"], A1) + p["b2"])))
        return -anp.mean(Y * anp.log(A2) + (1 - Y) * anp.log(1 - A2))

    A2, cache = sn.forward_propagation(X, parameters)
    assert_allclose(sn.compute_cost(A2, Y), cost(parameters), rtol=1e-12)
    grads = sn.backward_propagation(parameters, cache, X, Y)
    expected = grad(cost)(parameters)
    for key in parameters:
        assert_allclose(grads[f"d{key}"], expected[key], rtol=1e-9, atol=1e-13, err_msg=key)


# --- the errata of sections 1.3.1 and 1.3.3 ---------------------------------------------------


def test_each_hidden_unit_computes_its_weights_times_x_plus_its_bias():
    parameters, X, _ = problem(3, 4, 6, 3)  # the notes' example: 3 inputs, 4 hidden units
    _, cache = sn.forward_propagation(X, parameters)
    for j in range(4):  # z_j = w_j^T x + b_j for each example x (the notes drop the x)
        for i in range(6):
            z = parameters["W1"][j] @ X[:, i] + parameters["b1"][j, 0]
            assert cache["Z1"][j, i] == pytest.approx(z, rel=1e-12)
            assert cache["A1"][j, i] == pytest.approx(np.tanh(z), rel=1e-12)


def test_loop_over_examples_matches_the_vectorized_forward_pass():
    parameters, X, _ = problem(3, 4, 6, 4)
    A2, _ = sn.forward_propagation(X, parameters)
    for i in range(X.shape[1]):
        x_i = X[:, [i]]  # x^(i), the i-th column of X, shape (n_x, 1)
        a1 = np.tanh(parameters["W1"] @ x_i + parameters["b1"])
        a2 = 1 / (1 + np.exp(-(parameters["W2"] @ a1 + parameters["b2"])))
        assert_allclose(A2[:, [i]], a2, rtol=1e-12)


def test_layer_sizes_reads_n_x_from_the_rows_of_X():
    X, Y = np.zeros((5, 3)), np.zeros((1, 3))  # 5 features, 3 examples
    assert sn.layer_sizes(X, Y, 7) == (5, 7, 1)
    parameters = sn.initialize_parameters(5, 7, 1, np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"X has shape \(3, 5\); expected shape \(5, m\) because W1 has shape \(7, 5\)"):
        sn.forward_propagation(X.T, parameters)  # examples as rows


@pytest.mark.parametrize("n_x, n_h, n_y", [(2, 4, 1), (3, 5, 2), (7, 1, 3)])
def test_initialize_parameters_shapes_follow_the_layer_sizes(n_x, n_h, n_y):
    p = sn.initialize_parameters(n_x, n_h, n_y, np.random.default_rng(1))
    # W[1] is (n[1], n[0]) and b[1] is (n[1], 1), not (n[1], n[2]) and (n[2], 1)
    assert p["W1"].shape == (n_h, n_x) and p["b1"].shape == (n_h, 1)
    assert p["W2"].shape == (n_y, n_h) and p["b2"].shape == (n_y, 1)
    assert not p["b1"].any() and not p["b2"].any()
    assert 0 < np.abs(p["W1"]).max() < 0.05  # small random weights, 0.01 * N(0, 1)


def test_cost_averages_the_loss_over_the_m_examples():
    parameters, X, Y = problem(3, 4, 10, 5)  # n_x = 3, n_h = 4, m = 10: a sum to n would differ
    A2, _ = sn.forward_propagation(X, parameters)
    losses = -(Y * np.log(A2) + (1 - Y) * np.log(1 - A2))
    assert_allclose(sn.compute_cost(A2, Y), losses.sum() / 10, rtol=1e-12)
    # duplicating every example leaves a mean unchanged (a sum would double)
    assert_allclose(sn.compute_cost(np.hstack([A2, A2]), np.hstack([Y, Y])), sn.compute_cost(A2, Y), rtol=1e-12)


def test_dZ1_uses_the_tanh_slope_at_Z1():
    parameters, X, Y = problem(3, 4, 6, 6)
    _, cache = sn.forward_propagation(X, parameters)
    grads = sn.backward_propagation(parameters, cache, X, Y)
    dZ1 = parameters["W2"].T @ (cache["A2"] - Y) * (1 - np.tanh(cache["Z1"]) ** 2)  # g'[1](Z[1])
    assert_allclose(grads["dW1"], dZ1 @ X.T / 6, rtol=1e-12)
    assert_allclose(grads["db1"], dZ1.mean(axis=1, keepdims=True), rtol=1e-12)


def test_backward_reads_the_tanh_slope_from_the_cached_A1_not_from_Z1():
    # the course and the docstring: g'(Z1) = 1 - A1**2 from the cache; Z1 is not read at all
    parameters, X, Y = problem(3, 4, 6, 7)
    _, cache = sn.forward_propagation(X, parameters)
    A1 = np.tanh(np.random.default_rng(8).standard_normal(cache["A1"].shape))  # an A1 that Z1 does not give
    grads = sn.backward_propagation(parameters, {**cache, "A1": A1, "Z1": np.full_like(cache["Z1"], np.nan)}, X, Y)
    dZ2 = cache["A2"] - Y
    dZ1 = parameters["W2"].T @ dZ2 * (1 - A1**2)
    assert_allclose(grads["dW2"], dZ2 @ A1.T / 6, rtol=1e-12)
    assert_allclose(grads["dW1"], dZ1 @ X.T / 6, rtol=1e-12)
    assert_allclose(grads["db1"], dZ1.mean(axis=1, keepdims=True), rtol=1e-12)


def test_cost_is_a_numpy_float64_with_a_shape_as_the_course_tests_read():
    parameters, X, Y = problem(2, 3, 5, 9)
    cost = sn.compute_cost(sn.forward_propagation(X, parameters)[0], Y)
    assert type(cost) is np.float64 and isinstance(cost, float) and cost.shape == ()


@pytest.mark.parametrize("key", ["W1", "b2"])
def test_predict_refuses_parameters_that_diverged(key):
    parameters, X, _ = problem(2, 3, 5, 10)
    with pytest.raises(ValueError, match=rf"{key} holds NaN: training diverged"):
        sn.predict({**parameters, key: np.full_like(parameters[key], np.nan)}, X)
    with pytest.raises(ValueError, match=r"X holds infinity"):
        sn.predict(parameters, np.where(X > 0, np.inf, X))


# --- symmetry ----------------------------------------------------------------------------------


@pytest.mark.parametrize("w1, w2", [(0.0, 0.0), (0.5, -0.3)])
def test_identical_hidden_units_stay_identical_through_training(w1, w2):
    X, Y = flower_dataset(m=100)
    parameters = {"W1": np.full((4, 2), w1), "b1": np.zeros((4, 1)), "W2": np.full((1, 4), w2), "b2": np.zeros((1, 1))}
    trained = gradient_descent(parameters, X, Y, steps=50)
    assert_array_equal(trained["W1"], np.tile(trained["W1"][0], (4, 1)))  # every row the same
    assert_array_equal(trained["W2"], np.full((1, 4), trained["W2"][0, 0]))
    assert_array_equal(trained["b1"], np.full((4, 1), trained["b1"][0, 0]))


def test_random_initialization_breaks_the_symmetry():
    X, Y = flower_dataset(m=100)
    parameters = sn.initialize_parameters(2, 4, 1, np.random.default_rng(0))
    trained = gradient_descent(parameters, X, Y, steps=50)
    rows = trained["W1"]
    assert min(np.linalg.norm(rows[i] - rows[j]) for i in range(4) for j in range(i + 1, 4)) > 1e-3


# --- training ----------------------------------------------------------------------------------


def test_nn_model_separates_the_flower_only_with_enough_hidden_units(capsys):
    X, Y = flower_dataset()
    parameters, costs = sn.nn_model(X, Y, n_h=4, num_iterations=1500, print_cost=True)
    assert np.mean(sn.predict(parameters, X) == Y) > 0.88
    assert len(costs) == 15 and costs[-1] < costs[0] / 2
    assert [line.split(":")[0] for line in capsys.readouterr().out.splitlines()] == [
        "Cost after iteration 0", "Cost after iteration 1000"]
    one_unit, _ = sn.nn_model(X, Y, n_h=1, num_iterations=1500)
    assert np.mean(sn.predict(one_unit, X) == Y) < 0.8  # one tanh unit draws a straight boundary


def test_nn_model_is_reproducible_and_uses_the_generator_it_is_given():
    X, Y = flower_dataset(m=40)
    first, _ = sn.nn_model(X, Y, 3, num_iterations=5)
    again, _ = sn.nn_model(X, Y, 3, num_iterations=5, rng=np.random.default_rng(0))
    other, _ = sn.nn_model(X, Y, 3, num_iterations=5, rng=np.random.default_rng(1))
    assert all(np.array_equal(first[k], again[k]) for k in first)  # rng=None is seed 0
    assert not np.array_equal(first["W1"], other["W1"])


def test_one_update_is_one_gradient_step_on_new_arrays():
    parameters, X, Y = problem(2, 3, 4, 7)
    copies = {k: v.copy() for k, v in parameters.items()}
    _, cache = sn.forward_propagation(X, parameters)
    grads = sn.backward_propagation(parameters, cache, X, Y)
    new = sn.update_parameters(parameters, grads, 0.7)
    for key in parameters:
        assert_allclose(new[key], copies[key] - 0.7 * grads[f"d{key}"], rtol=1e-15)
        assert_array_equal(parameters[key], copies[key])
        assert not np.shares_memory(new[key], parameters[key])


def test_predict_thresholds_the_output_at_one_half():
    parameters, X, _ = problem(2, 3, 300, 8)
    A2, _ = sn.forward_propagation(X, parameters)
    assert_array_equal(sn.predict(parameters, X), (A2 > 0.5).astype(float))


def test_functions_do_not_modify_their_inputs():
    parameters, X, Y = problem(2, 3, 5, 9)
    copies = [{k: v.copy() for k, v in parameters.items()}, X.copy(), Y.copy()]
    A2, cache = sn.forward_propagation(X, parameters)
    cache_copy = {k: v.copy() for k, v in cache.items()}
    grads = sn.backward_propagation(parameters, cache, X, Y)
    sn.compute_cost(A2, Y)
    sn.update_parameters(parameters, grads, 1.0)
    sn.predict(parameters, X)
    sn.nn_model(X, Y, 3, num_iterations=3)
    sn.layer_sizes(X, Y)
    for key in parameters:
        assert_array_equal(parameters[key], copies[0][key])
    assert_array_equal(X, copies[1]) and assert_array_equal(Y, copies[2])
    for key in cache:
        assert_array_equal(cache[key], cache_copy[key])


# --- bad input ---------------------------------------------------------------------------------


def good():
    parameters, X, Y = problem(2, 3, 5, 10)
    _, cache = sn.forward_propagation(X, parameters)
    return parameters, X, Y, cache


BAD_CALLS = [
    (lambda p, X, Y, c: sn.layer_sizes(X, Y[0]), r"Y has shape \(5,\), a rank-1 array"),
    (lambda p, X, Y, c: sn.layer_sizes(X[0], Y), r"X has shape \(5,\), a rank-1 array"),
    (lambda p, X, Y, c: sn.layer_sizes(X, Y[:, :4]), r"Y has shape \(1, 4\); expected shape \(n_y, 5\)\. Y needs one column per column of X"),
    (lambda p, X, Y, c: sn.layer_sizes(X, Y, 0), r"n_h must be at least 1"),
    (lambda p, X, Y, c: sn.initialize_parameters(2, 0, 1, np.random.default_rng()), r"n_h must be at least 1"),
    (lambda p, X, Y, c: sn.initialize_parameters(2.0, 3, 1, np.random.default_rng()), r"n_x must be an integer"),
    (lambda p, X, Y, c: sn.initialize_parameters(2, 3, 1, 0), r"rng must be a numpy.random.Generator"),
    (lambda p, X, Y, c: sn.forward_propagation(X.T, p), r"X has shape \(5, 2\); expected shape \(2, m\) because W1 has shape \(3, 2\)"),
    (lambda p, X, Y, c: sn.forward_propagation(X, {**p, "W2": np.ones((1, 2))}), r"W2 has shape \(1, 2\); expected shape \(\?, 3\)\. W2 needs one column per unit of layer 1 \(W1 has shape \(3, 2\)\)"),
    (lambda p, X, Y, c: sn.forward_propagation(X, {**p, "b1": np.zeros(3)}), r"b1 has shape \(3,\), a rank-1 array"),
    (lambda p, X, Y, c: sn.forward_propagation(X, {**p, "W3": p["W2"], "b3": p["b2"]}), r"parameters describe 3 layer\(s\); expected 2"),
    (lambda p, X, Y, c: sn.forward_propagation(X, [p["W1"], p["b1"]]), r"parameters must be a dict"),
    (lambda p, X, Y, c: sn.compute_cost(c["A2"], Y[0]), r"Y has shape \(5,\), a rank-1 array"),
    (lambda p, X, Y, c: sn.compute_cost(c["A2"][0], Y), r"A2 has shape \(5,\), a rank-1 array"),
    (lambda p, X, Y, c: sn.compute_cost(c["Z2"] + 5, Y), r"A2 must hold probabilities in \[0, 1\]"),
    (lambda p, X, Y, c: sn.backward_propagation(p, c, X, Y[0]), r"Y has shape \(5,\), a rank-1 array"),
    (lambda p, X, Y, c: sn.backward_propagation(p, c, X[:, :4], Y[:, :4]), r"A1 has shape \(3, 5\); expected shape \(3, 4\)"),
    (lambda p, X, Y, c: sn.backward_propagation(p, {"A1": c["A1"]}, X, Y), r"cache must be the dict"),
    (lambda p, X, Y, c: sn.backward_propagation({**p, "W2": np.ones((2, 3)), "b2": np.ones((2, 1))}, c, X, Y), r"W2 has shape \(2, 3\); expected shape \(1, \?\)"),
    (lambda p, X, Y, c: sn.update_parameters(p, {"dW1": p["W1"]}, 1.0), r"grads lacks \['db1', 'dW2', 'db2'\]"),
    (lambda p, X, Y, c: sn.update_parameters(p, {f"d{k}": v for k, v in p.items()}, 0), r"learning_rate must be greater than 0"),
    (lambda p, X, Y, c: sn.update_parameters({"W1": p["W1"], "b1": p["b1"]}, {}, 1.0), r"parameters describe 1 layer\(s\); expected 2"),
    (lambda p, X, Y, c: sn.nn_model(X, Y[0], 3), r"Y has shape \(5,\), a rank-1 array"),
    (lambda p, X, Y, c: sn.nn_model(X, np.vstack([Y, Y]), 3), r"Y has shape \(2, 5\); expected shape \(1, 5\)"),
    (lambda p, X, Y, c: sn.nn_model(X, Y, 3, num_iterations=-1), r"num_iterations must be at least 0"),
    (lambda p, X, Y, c: sn.nn_model(X, Y, 3, learning_rate=float("nan")), r"learning_rate must be finite"),
    (lambda p, X, Y, c: sn.nn_model(X, Y, 3, rng=1), r"rng must be a numpy.random.Generator"),
    (lambda p, X, Y, c: sn.nn_model(X, Y, 3.5), r"n_h must be an integer"),
    (lambda p, X, Y, c: sn.predict(p, X.T), r"X has shape \(5, 2\); expected shape \(2, m\)"),
]


@pytest.mark.parametrize("call, message", BAD_CALLS)
def test_bad_input_is_a_value_error_naming_argument_and_shapes(call, message):
    with pytest.raises(ValueError, match=message):
        call(*good())
