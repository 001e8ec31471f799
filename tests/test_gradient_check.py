"""Gradient checking: layouts, the check on right and planted-wrong gradients, its formula, bad input."""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from numpy.testing import assert_allclose, assert_array_equal

from dlref import gradient_check as gc
from dlref.deep_network import (
    L_model_backward,
    L_model_forward,
    compute_cost,
    initialize_parameters_deep,
    update_parameters,
)
from gradcheck import numerical_gradient, relative_error

LAYERS = [[4, 3, 3, 1], [2, 5, 1], [3, 4, 2, 3, 1], [4, 5, 3, 3]]  # the last has a softmax output


def problem(layer_dims, seed, m=10):
    """A network at random weights and biases (biases away from 0), with inputs and labels."""
    rng = np.random.default_rng(seed)
    parameters = initialize_parameters_deep(layer_dims, rng)
    parameters = {k: v if k[0] == "W" else 0.1 * rng.standard_normal(v.shape) for k, v in parameters.items()}
    X = rng.standard_normal((layer_dims[0], m))
    C = layer_dims[-1]
    if C == 1:
        Y = (rng.random((1, m)) < 0.5).astype(np.float64)
    else:
        Y = np.eye(C)[rng.integers(0, C, m)].T
    return parameters, X, Y


def backprop(parameters, X, Y, lambd=0.0):
    AL, caches = L_model_forward(X, parameters)
    return L_model_backward(AL, Y, caches, lambd)


def reference_cost(weights, X, Y, lambd=0.0):
    """The cost of [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID/SOFTMAX, written independently of dlref.

    ``weights`` is the list ``[W1, b1, ..., WL, bL]``; works for autograd, and in the dtype of its inputs.
    """
    A, L, m = X, len(weights) // 2, X.shape[1]
    for l in range(L):
        Z = anp.dot(weights[2 * l], A) + weights[2 * l + 1]
        A = anp.maximum(Z, 0) if l < L - 1 else Z
    if Y.shape[0] == 1:
        A = 1 / (1 + anp.exp(-A))
        J = -anp.sum(Y * anp.log(A) + (1 - Y) * anp.log(1 - A)) / m
    else:
        A = anp.exp(A - anp.max(A, axis=0, keepdims=True))
        J = -anp.sum(Y * anp.log(A / anp.sum(A, axis=0, keepdims=True))) / m
    return J + lambd / (2 * m) * sum(anp.sum(W**2) for W in weights[::2])


# --- the layout: theta and back -------------------------------------------------------------------


@pytest.mark.parametrize("layer_dims", LAYERS)
@pytest.mark.parametrize("seed", [0, 1])
def test_dictionary_to_vector_round_trip(layer_dims, seed):
    parameters, _, _ = problem(layer_dims, seed)
    theta, layout = gc.dictionary_to_vector(parameters)
    L = len(layer_dims) - 1
    keys = [f"{p}{l}" for l in range(1, L + 1) for p in "Wb"]
    assert layout == [(key, parameters[key].shape) for key in keys]  # W1, b1, W2, b2, ...: the course's order
    assert_array_equal(theta, np.concatenate([parameters[key].ravel() for key in keys]).reshape(-1, 1))
    assert theta.shape == (sum(n * (n_prev + 1) for n_prev, n in zip(layer_dims, layer_dims[1:])), 1)
    back = gc.vector_to_dictionary(theta, layout)
    assert list(back) == keys
    for key in keys:
        assert_array_equal(back[key], parameters[key])
    theta2, layout2 = gc.dictionary_to_vector(back)
    assert_array_equal(theta2, theta)
    assert layout2 == layout


def test_vector_to_dictionary_returns_arrays_of_their_own():
    parameters, _, _ = problem([2, 3, 1], 0)
    theta, layout = gc.dictionary_to_vector(parameters)
    back = gc.vector_to_dictionary(theta, layout)
    theta[:] = 0.0
    assert_array_equal(back["W1"], parameters["W1"])  # not views of theta
    assert_array_equal(back["b2"], parameters["b2"])


@pytest.mark.parametrize("layer_dims", LAYERS)
def test_gradients_to_vector_has_the_layout_of_theta_and_ignores_dA(layer_dims):
    parameters, X, Y = problem(layer_dims, 3)
    grads = backprop(parameters, X, Y)
    assert any(key.startswith("dA") for key in grads)
    _, layout = gc.dictionary_to_vector(parameters)
    dtheta = gc.gradients_to_vector(grads, layout)
    as_parameters, _ = gc.dictionary_to_vector({key[1:]: value for key, value in grads.items() if key[1] != "A"})
    assert_array_equal(dtheta, as_parameters)


# --- the check on right gradients ---------------------------------------------------------------


@pytest.mark.parametrize("layer_dims", LAYERS)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_right_gradients_pass(layer_dims, seed):
    parameters, X, Y = problem(layer_dims, seed)
    assert gc.gradient_check_n(parameters, backprop(parameters, X, Y), X, Y) < 1e-7


@pytest.mark.parametrize("layer_dims", LAYERS)
@pytest.mark.parametrize("lambd", [0.1, 0.7, 5.0])
def test_right_regularized_gradients_pass(layer_dims, lambd):
    parameters, X, Y = problem(layer_dims, 4)
    grads = backprop(parameters, X, Y, lambd)
    assert gc.gradient_check_n(parameters, grads, X, Y, lambd=lambd) < 1e-7


@pytest.mark.parametrize("layer_dims", LAYERS)
@pytest.mark.parametrize("lambd", [0.0, 0.7])
def test_gradapprox_is_the_centred_difference_of_each_parameter(layer_dims, lambd):
    """tests/gradcheck.py perturbs each parameter array in place of theta: the same numbers."""
    parameters, X, Y = problem(layer_dims, 5)
    eps = 1e-7

    def cost(key):
        def J(value):
            weights = [value if k == key else v for k, v in parameters.items()]
            return float(reference_cost(weights, X, Y, lambd))
        return J

    expected = np.concatenate([numerical_gradient(cost(k), v, eps).reshape(-1, 1) for k, v in parameters.items()])
    gradapprox = gc.gradient_approximation(parameters, X, Y, eps, lambd)
    assert_allclose(gradapprox, expected, rtol=1e-6, atol=1e-8)
    assert relative_error(gradapprox, expected) < 1e-7


@pytest.mark.parametrize("layer_dims", LAYERS)
@pytest.mark.parametrize("lambd", [0.0, 0.7])
def test_gradapprox_matches_autograd(layer_dims, lambd):
    parameters, X, Y = problem(layer_dims, 6)
    exact = grad(reference_cost)(list(parameters.values()), X, Y, lambd)
    exact = np.concatenate([g.reshape(-1, 1) for g in exact])
    gradapprox = gc.gradient_approximation(parameters, X, Y, lambd=lambd)
    assert relative_error(gradapprox, exact) < 1e-7
    assert relative_error(gc.gradient_approximation(parameters, X, Y, 1e-2, lambd), exact) > 1e-7  # eps matters


# --- the check catching planted bugs ------------------------------------------------------------


def scale(key, factor):
    return lambda grads, parameters, X, Y, lambd: {**grads, key: grads[key] * factor}


def transpose(key):
    return lambda grads, parameters, X, Y, lambd: {**grads, key: grads[key].T}


def l2_factor(factor):
    return lambda grads, parameters, X, Y, lambd: backprop(parameters, X, Y, factor * lambd)


def relu_slope_without_b(grads, parameters, X, Y, lambd):
    """The ReLU's slope taken at W A_prev instead of Z = W A_prev + b."""
    AL, caches = L_model_forward(X, parameters)
    wrong = [((A, W, b), Z - b) for (A, W, b), Z in caches[:-1]] + [caches[-1]]
    return L_model_backward(AL, Y, wrong, lambd)


BUGS = {
    "dW2 scaled by 1.1": scale("dW2", 1.1),
    "the assignment's dW2 times 2": scale("dW2", 2.0),
    "the assignment's db1 times 4": scale("db1", 4.0),
    "dW2 = A1 dZ2^T, transposed": transpose("dW2"),
    "db1 without the 1/m": scale("db1", 10),
    "db3 without the 1/m": scale("db3", 10),
    "dW1 with the wrong sign": scale("dW1", -1.0),
    "L2 term missing": l2_factor(0.0),
    "L2 term lambda/(2m) W": l2_factor(0.5),
    "L2 term 2 lambda/m W": l2_factor(2.0),
    "ReLU slope at W A_prev": relu_slope_without_b,
}


@pytest.mark.parametrize("bug", BUGS)
@pytest.mark.parametrize("seed", [0, 1])
def test_planted_bugs_are_caught(bug, seed):
    parameters, X, Y = problem([4, 3, 3, 1], seed)  # W2 is square, so its transpose has the right shape
    lambd = 0.7 if bug.startswith("L2") else 0.0
    wrong = BUGS[bug](backprop(parameters, X, Y, lambd), parameters, X, Y, lambd)
    assert gc.gradient_check_n(parameters, wrong, X, Y, lambd=lambd) > 1e-3


def test_the_check_includes_the_l2_term():
    """Unregularized gradients against the regularized cost fail, and the reverse too."""
    parameters, X, Y = problem([4, 3, 3, 1], 2)
    plain, regularized = backprop(parameters, X, Y), backprop(parameters, X, Y, 0.7)
    assert gc.gradient_check_n(parameters, plain, X, Y, lambd=0.7) > 1e-3
    assert gc.gradient_check_n(parameters, regularized, X, Y) > 1e-3


def component_differences(parameters, grads, X, Y):
    _, layout = gc.dictionary_to_vector(parameters)
    approx = gc.vector_to_dictionary(gc.gradient_approximation(parameters, X, Y), layout)
    return {key: relative_error(grads[f"d{key}"], approx[key]) for key in approx}


@pytest.mark.parametrize("key", ["W1", "b1", "W2", "b2", "W3", "b3"])
def test_the_components_point_to_the_buggy_parameter(key):
    parameters, X, Y = problem([4, 3, 3, 1], 0)
    grads = backprop(parameters, X, Y)
    differences = component_differences(parameters, {**grads, f"d{key}": grads[f"d{key}"] * 1.1}, X, Y)
    assert differences[key] > 1e-3
    assert all(value < 1e-7 for other, value in differences.items() if other != key)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_a_bug_hidden_at_initialization_shows_after_training(seed):
    """He initialization sets b = 0, where a slope taken at W A_prev is right; training moves b."""
    rng = np.random.default_rng(seed)
    X, Y = rng.standard_normal((4, 10)), (rng.random((1, 10)) < 0.5).astype(np.float64)
    parameters = initialize_parameters_deep([4, 5, 5, 1], rng)
    wrong = relu_slope_without_b(None, parameters, X, Y, 0.0)
    assert gc.gradient_check_n(parameters, wrong, X, Y) < 1e-7
    for _ in range(100):
        parameters = update_parameters(parameters, backprop(parameters, X, Y), 0.3)
    assert max(np.abs(parameters[f"b{l}"]).max() for l in (1, 2)) > 0.05
    assert gc.gradient_check_n(parameters, backprop(parameters, X, Y), X, Y) < 1e-7
    wrong = relu_slope_without_b(None, parameters, X, Y, 0.0)
    assert gc.gradient_check_n(parameters, wrong, X, Y) > 1e-3


def test_a_relu_kink_can_fail_right_gradients():
    """With b = 0, an example that switches off every unit of layer 1 puts Z2 exactly at ReLU's kink."""
    rng = np.random.default_rng(1)
    X, Y = rng.standard_normal((4, 10)), (rng.random((1, 10)) < 0.5).astype(np.float64)
    parameters = initialize_parameters_deep([4, 3, 3, 1], rng)
    _, caches = L_model_forward(X, parameters)
    assert np.any(np.all(caches[0][1] <= 0, axis=0)) and np.any(caches[1][1] == 0)
    assert gc.gradient_check_n(parameters, backprop(parameters, X, Y), X, Y) > 1e-3
    moved = {**parameters, "b2": np.full((3, 1), 0.01)}  # off the kink: the same code passes
    assert gc.gradient_check_n(moved, backprop(moved, X, Y), X, Y) < 1e-7


# --- the relative difference -----------------------------------------------------------------------


def test_the_difference_is_relative_not_the_euclidean_distance():
    """Tiny gradients, twice too large: a Euclidean distance below 1e-7 would pass them."""
    parameters = {"W1": np.array([[0.5, -0.3]]), "b1": np.array([[-18.0]])}  # sigmoid(z) about 1e-8
    X = np.random.default_rng(0).standard_normal((2, 5))
    Y = np.zeros((1, 5))
    right = backprop(parameters, X, Y)
    wrong = {key: 2 * value for key, value in right.items()}
    _, layout = gc.dictionary_to_vector(parameters)
    gradapprox = gc.gradient_approximation(parameters, X, Y, epsilon=1e-3)
    dtheta = gc.gradients_to_vector(wrong, layout)
    assert np.linalg.norm(dtheta - gradapprox) < 1e-7  # the notes' "Euclidean distance": tiny
    assert gc.gradient_check_n(parameters, right, X, Y, epsilon=1e-3) < 1e-4
    # ||2g - g|| / (||2g|| + ||g||) = 1/3, whatever the scale of g
    assert_allclose(gc.gradient_check_n(parameters, wrong, X, Y, epsilon=1e-3), 1 / 3, rtol=1e-3)


def test_the_difference_follows_the_formula_and_lies_in_0_1():
    parameters, X, Y = problem([4, 3, 3, 1], 7)
    grads = backprop(parameters, X, Y)
    rng = np.random.default_rng(0)
    noisy = {key: value + rng.standard_normal(value.shape) for key, value in grads.items()}
    _, layout = gc.dictionary_to_vector(parameters)
    a, b = gc.gradients_to_vector(noisy, layout), gc.gradient_approximation(parameters, X, Y)
    expected = np.linalg.norm(a - b) / (np.linalg.norm(a) + np.linalg.norm(b))
    assert_allclose(gc.gradient_check_n(parameters, noisy, X, Y), expected, rtol=1e-12)
    opposite = {key: -value for key, value in grads.items()}
    assert_allclose(gc.gradient_check_n(parameters, opposite, X, Y), 1.0, rtol=1e-6)  # the largest possible


def test_zero_gradients_on_both_sides_give_zero():
    parameters = {"W1": np.zeros((1, 2)), "b1": np.zeros((1, 1))}
    X, Y = np.zeros((2, 4)), np.full((1, 4), 0.5)  # sigmoid(0) = y: the cost is flat
    zeros = {"dW1": np.zeros((1, 2)), "db1": np.zeros((1, 1))}
    assert gc.gradient_check_n(parameters, zeros, X, Y) == 0.0


def test_float32_inputs_are_checked_in_float64():
    """In float32 the two-sided differences drown in rounding; dlref computes in float64."""
    parameters, X, Y = problem([4, 3, 3, 1], 8)
    grads = backprop(parameters, X, Y)
    single = {key: value.astype(np.float32) for key, value in parameters.items()}
    X32, Y32 = X.astype(np.float32), Y.astype(np.float32)
    assert gc.gradient_check_n(single, grads, X32, Y32) < 1e-6
    # the same differences in float32 arithmetic
    weights = list(single.values())
    eps = np.float32(1e-7)
    approx = []
    for k, W in enumerate(weights):
        for index in np.ndindex(W.shape):
            plus, minus = [w.copy() for w in weights], [w.copy() for w in weights]
            plus[k][index] += eps
            minus[k][index] -= eps
            J_plus, J_minus = reference_cost(plus, X32, Y32), reference_cost(minus, X32, Y32)
            approx.append((J_plus - J_minus) / (2 * eps))
    _, layout = gc.dictionary_to_vector(parameters)
    assert relative_error(gc.gradients_to_vector(grads, layout), np.array(approx)) > 1e-3


def test_dropout_must_be_off_or_its_masks_frozen():
    """A cost that draws new masks at every evaluation is not a function of theta."""
    parameters, X, Y = problem([4, 6, 6, 1], 9)
    names = list(parameters)

    def cost_with_dropout(rng_for_each_call):
        def J(theta):
            p = gc.vector_to_dictionary(theta, layout)
            AL, _ = L_model_forward(X, p, keep_prob=0.7, rng=rng_for_each_call())
            return compute_cost(AL, Y)
        return J

    theta, layout = gc.dictionary_to_vector(parameters)
    AL, caches = L_model_forward(X, parameters, keep_prob=0.7, rng=np.random.default_rng(42))
    dtheta = gc.gradients_to_vector(L_model_backward(AL, Y, caches), layout)
    frozen = numerical_gradient(cost_with_dropout(lambda: np.random.default_rng(42)), theta, 1e-7)
    assert relative_error(dtheta, frozen) < 1e-7  # the same masks each time: backprop with dropout checks out
    shared = np.random.default_rng(42)
    fresh = numerical_gradient(cost_with_dropout(lambda: shared), theta, 1e-7)
    assert relative_error(dtheta, fresh) > 1e-1  # new masks each time: the approximation is noise
    # gradient_check_n always turns dropout off, so gradients computed with dropout fail it
    assert gc.gradient_check_n(parameters, L_model_backward(AL, Y, caches), X, Y) > 1e-3
    assert names == list(parameters)


# --- printing, purity, bad input ------------------------------------------------------------------


def test_print_msg(capsys):
    parameters, X, Y = problem([4, 3, 3, 1], 0)
    grads = backprop(parameters, X, Y)
    difference = gc.gradient_check_n(parameters, grads, X, Y)
    assert capsys.readouterr().out == ""
    gc.gradient_check_n(parameters, grads, X, Y, print_msg=True)
    assert capsys.readouterr().out == (
        f"Backward propagation agrees with the approximation: difference = {difference:.3e} <= 2e-07.\n"
    )
    wrong = {**grads, "dW2": grads["dW2"] * 1.1}
    difference = gc.gradient_check_n(parameters, wrong, X, Y, print_msg=True)
    assert capsys.readouterr().out == (
        f"Backward propagation disagrees with the approximation: difference = {difference:.3e} > 2e-07.\n"
    )


def test_inputs_are_not_modified():
    parameters, X, Y = problem([4, 3, 3, 1], 0)
    grads = backprop(parameters, X, Y, 0.7)
    copies = [{k: v.copy() for k, v in d.items()} for d in (parameters, grads)] + [X.copy(), Y.copy()]
    theta, layout = gc.dictionary_to_vector(parameters)
    theta_copy, layout_copy = theta.copy(), list(layout)
    gc.gradient_check_n(parameters, grads, X, Y, lambd=0.7)
    gc.gradient_approximation(parameters, X, Y, lambd=0.7)
    gc.vector_to_dictionary(theta, layout)
    gc.gradients_to_vector(grads, layout)
    for before, after in zip(copies[:2], (parameters, grads)):
        assert list(before) == list(after)
        for key in before:
            assert_array_equal(before[key], after[key])
    assert_array_equal(copies[2], X)
    assert_array_equal(copies[3], Y)
    assert_array_equal(theta_copy, theta)
    assert layout_copy == layout


def test_bad_gradients_are_rejected():
    parameters, X, Y = problem([4, 3, 3, 1], 0)
    grads = backprop(parameters, X, Y)
    without = {k: v for k, v in grads.items() if k != "db2"}
    with pytest.raises(ValueError, match=r"gradients lacks \['db2'\]"):
        gc.gradient_check_n(parameters, without, X, Y)
    with pytest.raises(ValueError, match=r"dW1 has shape \(4, 3\); expected the shape of W1, \(3, 4\)"):
        gc.gradient_check_n(parameters, {**grads, "dW1": grads["dW1"].T}, X, Y)
    with pytest.raises(ValueError, match=r"db3 has shape \(1,\); expected the shape of b3, \(1, 1\)"):
        gc.gradient_check_n(parameters, {**grads, "db3": grads["db3"].ravel()}, X, Y)
    with pytest.raises(ValueError, match="gradients must be a dict"):
        gc.gradient_check_n(parameters, list(grads.values()), X, Y)


@pytest.mark.parametrize("epsilon", [0.0, -1e-7, float("nan"), "1e-7", [1e-7]])
def test_bad_epsilon_is_rejected(epsilon):
    parameters, X, Y = problem([2, 3, 1], 0)
    grads = backprop(parameters, X, Y)
    with pytest.raises(ValueError, match="epsilon"):
        gc.gradient_check_n(parameters, grads, X, Y, epsilon=epsilon)


def test_bad_problems_are_rejected():
    parameters, X, Y = problem([2, 3, 1], 0)
    grads = backprop(parameters, X, Y)
    with pytest.raises(ValueError, match=r"X has shape \(20,\), a rank-1 array"):
        gc.gradient_check_n(parameters, grads, X.ravel(), Y)
    with pytest.raises(ValueError, match=r"X has shape \(3, 10\); expected shape \(2, m\) because W1 has shape \(3, 2\)"):
        gc.gradient_check_n(parameters, grads, np.vstack([X, X[:1]]), Y)
    with pytest.raises(ValueError, match=r"Y has shape \(1, 9\); expected shape \(1, 10\)"):
        gc.gradient_check_n(parameters, grads, X, Y[:, :9])
    with pytest.raises(ValueError, match=r"Y has shape \(10,\), a rank-1 array"):
        gc.gradient_check_n(parameters, grads, X, Y.ravel())
    with pytest.raises(ValueError, match=r"missing \['b2'\]"):
        gc.gradient_check_n({k: v for k, v in parameters.items() if k != "b2"}, grads, X, Y)
    with pytest.raises(ValueError, match="lambd must be at least 0"):
        gc.gradient_check_n(parameters, grads, X, Y, lambd=-0.1)


def test_bad_layouts_and_vectors_are_rejected():
    theta, layout = gc.dictionary_to_vector(problem([2, 3, 1], 0)[0])
    with pytest.raises(ValueError, match=r"theta has shape \(12, 1\); expected shape \(13, 1\)"):
        gc.vector_to_dictionary(theta[:-1], layout)
    with pytest.raises(ValueError, match=r"theta has shape \(13,\), a rank-1 array"):
        gc.vector_to_dictionary(theta.ravel(), layout)
    for bad in (["W1", "b1"], [("W1", 6)], [("W1", (2, -3))], "W1", []):
        with pytest.raises(ValueError, match=r"layout must be the list of \(name, shape\) pairs"):
            gc.vector_to_dictionary(theta, bad)
    with pytest.raises(ValueError, match="layout must be"):
        gc.gradients_to_vector({"dW1": np.zeros((3, 2))}, [("W1", 6)])


@pytest.mark.parametrize("key", ["dW1", "db2"])
def test_a_nan_gradient_is_never_a_pass(key):
    # nan > 2e-7 is False: a NaN difference would read as agreement, so the check refuses it
    parameters, X, Y = problem([2, 3, 1], 0)
    grads = backprop(parameters, X, Y)
    bad = grads[key].copy()
    bad.flat[0] = np.nan
    with pytest.raises(ValueError, match=rf"{key} holds NaN"):
        gc.gradient_check_n(parameters, {**grads, key: bad}, X, Y)


def test_a_cost_that_is_not_finite_is_never_a_pass(monkeypatch):
    parameters, X, Y = problem([2, 3, 1], 0)
    grads = backprop(parameters, X, Y)
    theta, _ = gc.dictionary_to_vector(parameters)
    # a cost that overflows to NaN as soon as theta[7] (an entry of b1) moves
    monkeypatch.setattr(gc, "_cost", lambda t, *rest: float("nan") if t[7, 0] != theta[7, 0] else 0.0)
    with pytest.raises(ValueError, match=r"approximation holds nan at theta\[7\] \(a component of b1\)"):
        gc.gradient_check_n(parameters, grads, X, Y)


def test_nan_parameters_or_inputs_are_refused():
    parameters, X, Y = problem([2, 3, 1], 0)
    grads = backprop(parameters, X, Y)
    with pytest.raises(ValueError, match="X holds NaN"):
        gc.gradient_check_n(parameters, grads, np.where(X > 1, np.nan, X), Y)
    with pytest.raises(ValueError, match="b1 holds NaN"):
        gc.gradient_check_n({**parameters, "b1": np.full((3, 1), np.nan)}, grads, X, Y)
