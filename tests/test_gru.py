"""GRU, simplified and full: gradient checks through time, autograd, the two variants, bad input."""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from numpy.testing import assert_allclose

from dlref import gru
from gradcheck import numerical_gradient, relative_error

SHAPES = [(1, 1, 1, 1), (3, 4, 3, 4), (2, 3, 5, 6)]  # n_x, n_a, m, T_x


def problem(n_x, n_a, m, T_x, seed, full):
    rng = np.random.default_rng(seed)
    gates = "ucr" if full else "uc"
    p = {f"W{g}": rng.standard_normal((n_a, n_a + n_x)) / np.sqrt(n_a + n_x) for g in gates}
    p |= {f"b{g}": rng.standard_normal((n_a, 1)) for g in gates}
    return p, rng.standard_normal((n_x, m, T_x)), rng.standard_normal((n_a, m)), rng.standard_normal((n_a, m, T_x))


def anp_gru(x, c0, p):
    sig = lambda z: 1 / (1 + anp.exp(-z))  # noqa: E731
    c, states = c0, []
    for t in range(x.shape[2]):
        z = anp.concatenate([c, x[:, :, t]], axis=0)
        r = sig(anp.dot(p["Wr"], z) + p["br"]) if "Wr" in p else 1.0
        cand = anp.tanh(anp.dot(p["Wc"], anp.concatenate([r * c, x[:, :, t]], axis=0)) + p["bc"])
        u = sig(anp.dot(p["Wu"], z) + p["bu"])
        c = u * cand + (1 - u) * c
        states.append(c)
    return anp.stack(states, axis=2)


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", [0, 1])
def test_gru_cell_backward_gradient_check(full, shape, seed):
    p, x, c0, G = problem(*shape, seed, full)
    xt, Gt = x[:, :, 0], G[:, :, 0]
    g = gru.gru_cell_backward(Gt, gru.gru_cell_forward(xt, c0, p)[1])
    J = lambda xt_, c_, p_: np.sum(Gt * gru.gru_cell_forward(xt_, c_, p_)[0])  # noqa: E731
    assert relative_error(g["dxt"], numerical_gradient(lambda v: J(v, c0, p), xt)) < 1e-7
    assert relative_error(g["dc_prev"], numerical_gradient(lambda v: J(xt, v, p), c0)) < 1e-7
    assert set(g) == {"dxt", "dc_prev"} | {"d" + k for k in p}
    for k in p:
        assert relative_error(g["d" + k], numerical_gradient(lambda v: J(xt, c0, {**p, k: v}), p[k])) < 1e-7, k


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("shape", SHAPES)
def test_gru_backward_gradient_check_through_time(full, shape):
    p, x, c0, G = problem(*shape, 2, full)
    g = gru.gru_backward(G, gru.gru_forward(x, c0, p)[1])
    J = lambda x_, c_, p_: np.sum(G * gru.gru_forward(x_, c_, p_)[0])  # noqa: E731
    assert relative_error(g["dx"], numerical_gradient(lambda v: J(v, c0, p), x)) < 1e-7
    assert relative_error(g["dc0"], numerical_gradient(lambda v: J(x, v, p), c0)) < 1e-7
    for k in p:
        assert relative_error(g["d" + k], numerical_gradient(lambda v: J(x, c0, {**p, k: v}), p[k])) < 1e-7, k


@pytest.mark.parametrize("full", [False, True])
def test_gru_agrees_with_autograd(full):
    p, x, c0, G = problem(3, 4, 5, 6, 0, full)
    c, caches = gru.gru_forward(x, c0, p)
    assert_allclose(c, anp_gru(x, c0, p), rtol=1e-12)
    g = gru.gru_backward(G, caches)
    loss = lambda x_, c_, p_: anp.sum(G * anp_gru(x_, c_, p_))  # noqa: E731
    assert_allclose(g["dx"], grad(loss, 0)(x, c0, p), rtol=1e-10, atol=1e-12)
    assert_allclose(g["dc0"], grad(loss, 1)(x, c0, p), rtol=1e-10, atol=1e-12)
    dp = grad(loss, 2)(x, c0, p)
    for k in p:
        assert_allclose(g["d" + k], dp[k], rtol=1e-10, atol=1e-12)


def test_the_simplified_gru_is_the_full_one_with_the_relevance_gate_open():
    p, x, c0, _ = problem(3, 4, 5, 6, 0, full=False)
    open_gate = p | {"Wr": np.zeros((4, 7)), "br": np.full((4, 1), 60.0)}  # sigmoid(60) == 1.0
    assert_allclose(gru.gru_forward(x, c0, p)[0], gru.gru_forward(x, c0, open_gate)[0], rtol=1e-14)


def test_a_shut_update_gate_keeps_the_memory_cell_for_every_step():
    p, x, c0, _ = problem(3, 4, 5, 20, 0, full=True)
    c, _ = gru.gru_forward(x, c0, p | {"bu": np.full((4, 1), -60.0)})
    assert_allclose(c, np.repeat(c0[:, :, None], 20, axis=2), rtol=1e-12)


def test_bad_input_is_rejected_naming_the_shapes():
    p, x, c0, G = problem(3, 4, 5, 6, 0, full=True)
    with pytest.raises(ValueError, match=r"x has shape \(3, 5\).*\(n_x, m, T_x\)"):
        gru.gru_forward(x[:, :, 0], c0, p)
    with pytest.raises(ValueError, match=r"c0 has shape \(4, 2\).*\(4, 5\).*\(3, 5, 6\)"):
        gru.gru_forward(x, c0[:, :2], p)
    with pytest.raises(ValueError, match=r"Wr has shape \(4, 4\); expected shape \(4, 7\)"):
        gru.gru_forward(x, c0, p | {"Wr": p["Wr"][:, :4]})
    with pytest.raises(ValueError, match="missing Wr"):
        gru.gru_forward(x, c0, {k: v for k, v in p.items() if k != "Wr"})


def test_inputs_are_not_modified():
    p, x, c0, G = problem(3, 4, 5, 6, 0, full=True)
    copies = [x.copy(), c0.copy(), G.copy(), {k: v.copy() for k, v in p.items()}]
    gru.gru_backward(G, gru.gru_forward(x, c0, p)[1])
    for before, after in zip(copies[:3], [x, c0, G]):
        assert np.array_equal(before, after)
    assert all(np.array_equal(copies[3][k], p[k]) for k in p)


@pytest.mark.parametrize("full", [True, False])
def test_gru_forward_caches_the_cells_values_to_the_last_bit_in_one_buffer(full):
    """gru_forward keeps c and its caches' new arrays in one new buffer (dlref/_memory.py says
    why): the same values as gru_cell_forward step by step, each step's c_prev the previous
    step's c_next."""
    p, x, c0, _ = problem(3, 4, 5, 6, 3, full)
    c, (step_caches, _) = gru.gru_forward(x, c0, p)
    c_t = c0
    for t, cache in enumerate(step_caches):
        c_t, expected = gru.gru_cell_forward(x[:, :, t], c_t, p)
        for i, (got, want) in enumerate(zip(cache[:6], expected[:6])):
            assert np.array_equal(got, want), (t, i)
        assert np.array_equal(c[:, :, t], c_t)
        if t:
            assert cache[1] is step_caches[t - 1][0]
    block = c.base
    new = [array for cache in step_caches for array in (cache[0], cache[3], cache[4], cache[5])]
    assert block is not None and all(array.base is block for array in new)
    assert block.size == c.size + sum(array.size for array in new)  # no overlap, no waste
