"""Basic RNN: gradient checks through time, autograd, the carried gradient, bad input."""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from numpy.testing import assert_allclose

from dlref import rnn
from gradcheck import numerical_gradient, relative_error

SHAPES = [(1, 1, 1, 1, 1), (3, 5, 2, 4, 2), (4, 2, 3, 6, 5)]  # n_x, n_a, n_y, m, T_x


def problem(n_x, n_a, n_y, m, T_x, seed):
    rng = np.random.default_rng(seed)
    p = {
        "Wax": rng.standard_normal((n_a, n_x)),
        "Waa": rng.standard_normal((n_a, n_a)) / np.sqrt(n_a),
        "Wya": rng.standard_normal((n_y, n_a)),
        "ba": rng.standard_normal((n_a, 1)),
        "by": rng.standard_normal((n_y, 1)),
    }
    x, a0 = rng.standard_normal((n_x, m, T_x)), rng.standard_normal((n_a, m))
    return p, x, a0, rng.standard_normal((n_a, m, T_x))


def anp_rnn(x, a0, p):
    """An independent forward pass in autograd's NumPy."""
    a, states = a0, []
    for t in range(x.shape[2]):
        a = anp.tanh(anp.dot(p["Waa"], a) + anp.dot(p["Wax"], x[:, :, t]) + p["ba"])
        states.append(a)
    return anp.stack(states, axis=2)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", [0, 1])
def test_rnn_cell_backward_gradient_check(shape, seed):
    p, x, a0, G = problem(*shape, seed)
    xt, Gt = x[:, :, 0], G[:, :, 0]
    _, _, cache = rnn.rnn_cell_forward(xt, a0, p)
    g = rnn.rnn_cell_backward(Gt, cache)
    J = lambda xt_, a_, p_: np.sum(Gt * rnn.rnn_cell_forward(xt_, a_, p_)[0])  # noqa: E731
    assert relative_error(g["dxt"], numerical_gradient(lambda v: J(v, a0, p), xt)) < 1e-7
    assert relative_error(g["da_prev"], numerical_gradient(lambda v: J(xt, v, p), a0)) < 1e-7
    for key in ["Wax", "Waa", "ba"]:
        num = numerical_gradient(lambda v: J(xt, a0, {**p, key: v}), p[key])
        assert relative_error(g["d" + key], num) < 1e-7, key


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", [0, 1])
def test_rnn_backward_gradient_check_through_time(shape, seed):
    p, x, a0, G = problem(*shape, seed)
    _, _, caches = rnn.rnn_forward(x, a0, p)
    g = rnn.rnn_backward(G, caches)
    J = lambda x_, a_, p_: np.sum(G * rnn.rnn_forward(x_, a_, p_)[0])  # noqa: E731
    assert relative_error(g["dx"], numerical_gradient(lambda v: J(v, a0, p), x)) < 1e-7
    assert relative_error(g["da0"], numerical_gradient(lambda v: J(x, v, p), a0)) < 1e-7
    for key in ["Wax", "Waa", "ba"]:
        num = numerical_gradient(lambda v: J(x, a0, {**p, key: v}), p[key])
        assert relative_error(g["d" + key], num) < 1e-7, key


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_rnn_agrees_with_autograd(seed):
    p, x, a0, G = problem(3, 4, 2, 5, 6, seed)
    a, _, caches = rnn.rnn_forward(x, a0, p)
    assert_allclose(a, anp_rnn(x, a0, p), rtol=1e-12)
    g = rnn.rnn_backward(G, caches)
    loss = lambda x_, a0_, p_: anp.sum(G * anp_rnn(x_, a0_, p_))  # noqa: E731
    dx, da0, dp = grad(loss, 0)(x, a0, p), grad(loss, 1)(x, a0, p), grad(loss, 2)(x, a0, p)
    assert_allclose(g["dx"], dx, rtol=1e-10, atol=1e-12)
    assert_allclose(g["da0"], da0, rtol=1e-10, atol=1e-12)
    for key in ["Wax", "Waa", "ba"]:
        assert_allclose(g["d" + key], dp[key], rtol=1e-10, atol=1e-12)


def test_a_gradient_at_the_last_step_reaches_the_first_input():
    """With da only at step T, dx at step 1 is nonzero: it travels through every da_prev."""
    p, x, a0, _ = problem(3, 4, 2, 2, 5, 3)
    _, _, caches = rnn.rnn_forward(x, a0, p)
    da = np.zeros((4, 2, 5))
    da[:, :, -1] = 1.0
    g = rnn.rnn_backward(da, caches)
    J = lambda v: np.sum(rnn.rnn_forward(v, a0, p)[0][:, :, -1])  # noqa: E731
    assert np.abs(g["dx"][:, :, 0]).max() > 1e-3
    assert relative_error(g["dx"], numerical_gradient(J, x)) < 1e-7


def test_predictions_are_a_softmax_per_column_even_for_huge_logits():
    """Columns whose logits lie 2000 apart: one global max would turn the lower column into 0/0."""
    from scipy.special import softmax as scipy_softmax

    p = {"Wax": np.array([[50.0]]), "Waa": np.zeros((1, 1)), "ba": np.zeros((1, 1)),
         "Wya": np.array([[1000.0], [999.0]]), "by": np.zeros((2, 1))}
    xt = np.array([[1.0, -1.0]])  # a = tanh(50) = 1 for the first example, -1 for the second
    a_next, yt_pred, _ = rnn.rnn_cell_forward(xt, np.zeros((1, 2)), p)
    assert_allclose(yt_pred, scipy_softmax(p["Wya"] @ a_next, axis=0), rtol=1e-12)
    assert_allclose(yt_pred[:, 1], [1 / (1 + np.e), np.e / (1 + np.e)], rtol=1e-12)


def test_a_rank_2_x_is_rejected_with_its_shape():
    p, x, a0, _ = problem(3, 4, 2, 5, 6, 0)
    with pytest.raises(ValueError, match=r"x has shape \(3, 5\).*\(n_x, m, T_x\)"):
        rnn.rnn_forward(x[:, :, 0], a0, p)


def test_a0_of_the_wrong_shape_is_rejected_naming_both_shapes():
    p, x, a0, _ = problem(3, 4, 2, 5, 6, 0)
    with pytest.raises(ValueError, match=r"a0 has shape \(4, 3\).*\(4, 5\).*\(3, 5, 6\)"):
        rnn.rnn_forward(x, a0[:, :3], p)


def test_wrong_parameter_shapes_and_upstream_gradients_are_rejected():
    p, x, a0, G = problem(3, 4, 2, 5, 6, 0)
    with pytest.raises(ValueError, match=r"Wax has shape \(4, 2\); expected shape \(4, 3\)"):
        rnn.rnn_forward(x, a0, {**p, "Wax": p["Wax"][:, :2]})
    with pytest.raises(ValueError, match="missing ba"):
        rnn.rnn_forward(x, a0, {k: v for k, v in p.items() if k != "ba"})
    _, _, caches = rnn.rnn_forward(x, a0, p)
    with pytest.raises(ValueError, match=r"da has shape \(4, 5, 5\); expected the shape of a, \(4, 5, 6\)"):
        rnn.rnn_backward(G[:, :, :5], caches)


def test_inputs_are_not_modified():
    p, x, a0, G = problem(3, 4, 2, 5, 6, 0)
    copies = [x.copy(), a0.copy(), G.copy(), {k: v.copy() for k, v in p.items()}]
    _, _, caches = rnn.rnn_forward(x, a0, p)
    rnn.rnn_backward(G, caches)
    for before, after in zip(copies[:3], [x, a0, G]):
        assert np.array_equal(before, after)
    for key in p:
        assert np.array_equal(copies[3][key], p[key])


def test_rnn_forward_caches_the_cells_values_to_the_last_bit_in_one_buffer():
    """rnn_forward keeps a, the predictions and its caches' hidden states in one new buffer
    (dlref/_memory.py says why): the same values as rnn_cell_forward step by step, each step's
    a_prev the previous step's a_next."""
    p, x, a0, _ = problem(3, 4, 2, 5, 6, 3)
    a, y_pred, (step_caches, _) = rnn.rnn_forward(x, a0, p)
    a_t = a0
    for t, cache in enumerate(step_caches):
        a_t, y_t, expected = rnn.rnn_cell_forward(x[:, :, t], a_t, p)
        for i, (got, want) in enumerate(zip(cache[:3], expected[:3])):
            assert np.array_equal(got, want), (t, i)
        assert np.array_equal(a[:, :, t], a_t) and np.array_equal(y_pred[:, :, t], y_t)
        if t:
            assert cache[1] is step_caches[t - 1][0]
    block = a.base
    assert block is not None and y_pred.base is block and all(cache[0].base is block for cache in step_caches)
    assert block.size == a.size + y_pred.size + sum(cache[0].size for cache in step_caches)  # no overlap, no waste
