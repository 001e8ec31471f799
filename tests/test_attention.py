"""One step of attention: weights sum to 1, the context is their average, gradients by differences and autograd."""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from numpy.testing import assert_allclose

from dlref import attention as att
from gradcheck import numerical_gradient, relative_error


def problem(seed, m=3, T_x=5, n_a2=4, n_s=3, n_e=6):
    rng = np.random.default_rng(seed)
    p = {"W1": rng.standard_normal((n_a2 + n_s, n_e)), "b1": rng.standard_normal(n_e),
         "W2": rng.standard_normal((n_e, 1)), "b2": np.array([1.5])}  # b2 > 0: most energies above the ReLU's kink
    return p, rng.standard_normal((m, T_x, n_a2)), rng.standard_normal((m, n_s)), rng.standard_normal((m, 1, n_a2))


def anp_attention(a, s_prev, p):
    s_rep = anp.repeat(s_prev[:, None, :], a.shape[1], axis=1)
    h = anp.tanh(anp.dot(anp.concatenate([a, s_rep], axis=-1), p["W1"]) + p["b1"])
    e = anp.maximum(0.0, anp.dot(h, p["W2"]) + p["b2"])
    t = anp.exp(e - anp.max(e, axis=1, keepdims=True))
    return anp.sum(t / anp.sum(t, axis=1, keepdims=True) * a, axis=1, keepdims=True)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_weights_sum_to_one_over_the_inputs_and_the_context_is_their_average(seed):
    p, a, s_prev, _ = problem(seed)
    context, alphas, _ = att.one_step_attention_forward(a, s_prev, p)
    assert_allclose(alphas.sum(axis=1), 1.0)
    for i in range(a.shape[0]):
        assert_allclose(context[i, 0], sum(alphas[i, t, 0] * a[i, t] for t in range(a.shape[1])))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_one_step_attention_backward_gradient_check(seed):
    p, a, s_prev, G = problem(seed)
    da, ds_prev, g = att.one_step_attention_backward(G, att.one_step_attention_forward(a, s_prev, p)[2])
    J = lambda a_, s_, p_: np.sum(G * att.one_step_attention_forward(a_, s_, p_)[0])  # noqa: E731
    assert relative_error(da, numerical_gradient(lambda v: J(v, s_prev, p), a)) < 1e-7
    assert relative_error(ds_prev, numerical_gradient(lambda v: J(a, v, p), s_prev)) < 1e-7
    for key in p:
        assert relative_error(g["d" + key], numerical_gradient(lambda v: J(a, s_prev, {**p, key: v}), p[key])) < 1e-7, key


def test_one_step_attention_agrees_with_autograd():
    p, a, s_prev, G = problem(5)
    context, _, cache = att.one_step_attention_forward(a, s_prev, p)
    assert_allclose(context, anp_attention(a, s_prev, p), rtol=1e-12)
    da, ds_prev, g = att.one_step_attention_backward(G, cache)
    loss = lambda a_, s_, p_: anp.sum(G * anp_attention(a_, s_, p_))  # noqa: E731
    assert_allclose(da, grad(loss, 0)(a, s_prev, p), rtol=1e-10, atol=1e-12)
    assert_allclose(ds_prev, grad(loss, 1)(a, s_prev, p), rtol=1e-10, atol=1e-12)
    dp = grad(loss, 2)(a, s_prev, p)
    for key in p:
        assert_allclose(g["d" + key], dp[key], rtol=1e-10, atol=1e-12)


def test_bad_shapes_are_rejected_and_inputs_kept():
    p, a, s_prev, G = problem(0)
    with pytest.raises(ValueError, match=r"a has shape \(3, 5\); expected \(m, T_x, n_a2\)"):
        att.one_step_attention_forward(a[:, :, 0], s_prev, p)
    with pytest.raises(ValueError, match=r"s_prev has shape \(2, 3\)"):
        att.one_step_attention_forward(a, s_prev[:2], p)
    with pytest.raises(ValueError, match=r"W1 has shape \(6, 6\)"):
        att.one_step_attention_forward(a, s_prev, p | {"W1": p["W1"][:6]})
    before = [a.copy(), s_prev.copy(), G.copy()]
    att.one_step_attention_backward(G, att.one_step_attention_forward(a, s_prev, p)[2])
    assert all(np.array_equal(x, y) for x, y in zip(before, [a, s_prev, G]))
