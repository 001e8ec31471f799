"""LSTM: gradient checks through time, autograd, the carried da_prev and dc_prev, bad input."""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from numpy.testing import assert_allclose

from dlref import lstm
from gradcheck import numerical_gradient, relative_error

SHAPES = [(1, 1, 1, 1, 1), (3, 4, 2, 3, 4), (2, 3, 3, 5, 6)]  # n_x, n_a, n_y, m, T_x
WEIGHTS = [f"{w}{g}" for g in "fico" for w in "Wb"]


def problem(n_x, n_a, n_y, m, T_x, seed):
    rng = np.random.default_rng(seed)
    p = {f"W{g}": rng.standard_normal((n_a, n_a + n_x)) / np.sqrt(n_a + n_x) for g in "fico"}
    p |= {f"b{g}": rng.standard_normal((n_a, 1)) for g in "fico"}
    p |= {"Wy": rng.standard_normal((n_y, n_a)), "by": rng.standard_normal((n_y, 1))}
    x, a0 = rng.standard_normal((n_x, m, T_x)), rng.standard_normal((n_a, m))
    return p, x, a0, rng.standard_normal((n_a, m, T_x))


def anp_lstm(x, a0, p):
    """An independent forward pass in autograd's NumPy; returns the hidden states."""
    sig = lambda z: 1 / (1 + anp.exp(-z))  # noqa: E731
    a, c, states = a0, anp.zeros(a0.shape), []
    for t in range(x.shape[2]):
        z = anp.concatenate([a, x[:, :, t]], axis=0)
        f, i, o = (sig(anp.dot(p["W" + g], z) + p["b" + g]) for g in "fio")
        c = f * c + i * anp.tanh(anp.dot(p["Wc"], z) + p["bc"])
        a = o * anp.tanh(c)
        states.append(a)
    return anp.stack(states, axis=2)


def without_carry(carry_da: bool, carry_dc: bool):
    """The widely copied lstm_backward, whose steps never receive da_prev (and/or dc_prev)."""

    def backward(da, caches):
        step_caches, x = caches
        n_a, m = da.shape[:2]
        da_prev, dc_prev, out = np.zeros((n_a, m)), np.zeros((n_a, m)), {"dx": np.zeros_like(x)}
        for t in reversed(range(x.shape[2])):
            g = lstm.lstm_cell_backward(da[:, :, t] + (da_prev if carry_da else 0), dc_prev if carry_dc else 0 * dc_prev, step_caches[t])
            out["dx"][:, :, t], da_prev, dc_prev = g["dxt"], g["da_prev"], g["dc_prev"]
            for k in WEIGHTS:
                out["d" + k] = out.get("d" + k, 0) + g["d" + k]
        return out | {"da0": da_prev}

    return backward


def worst_bptt_error(backward, shape, seed) -> float:
    """Largest relative error between ``backward``'s gradients and centred differences."""
    p, x, a0, G = problem(*shape, seed)
    g = backward(G, lstm.lstm_forward(x, a0, p)[3])
    J = lambda x_, a_, p_: np.sum(G * lstm.lstm_forward(x_, a_, p_)[0])  # noqa: E731
    errors = [relative_error(g["dx"], numerical_gradient(lambda v: J(v, a0, p), x))]
    errors.append(relative_error(g["da0"], numerical_gradient(lambda v: J(x, v, p), a0)))
    errors += [relative_error(g["d" + k], numerical_gradient(lambda v: J(x, a0, {**p, k: v}), p[k])) for k in WEIGHTS]
    return max(errors)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", [0, 1])
def test_lstm_cell_backward_gradient_check(shape, seed):
    p, x, a0, G = problem(*shape, seed)
    rng = np.random.default_rng(seed + 10)
    xt, c0, Ga, Gc = x[:, :, 0], rng.standard_normal(a0.shape), G[:, :, 0], rng.standard_normal(a0.shape)
    g = lstm.lstm_cell_backward(Ga, Gc, lstm.lstm_cell_forward(xt, a0, c0, p)[3])

    def J(xt_, a_, c_, p_):
        a_next, c_next, _, _ = lstm.lstm_cell_forward(xt_, a_, c_, p_)
        return np.sum(Ga * a_next) + np.sum(Gc * c_next)

    assert relative_error(g["dxt"], numerical_gradient(lambda v: J(v, a0, c0, p), xt)) < 1e-7
    assert relative_error(g["da_prev"], numerical_gradient(lambda v: J(xt, v, c0, p), a0)) < 1e-7
    assert relative_error(g["dc_prev"], numerical_gradient(lambda v: J(xt, a0, v, p), c0)) < 1e-7
    for k in WEIGHTS:
        assert relative_error(g["d" + k], numerical_gradient(lambda v: J(xt, a0, c0, {**p, k: v}), p[k])) < 1e-7, k


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", [0, 1])
def test_lstm_backward_gradient_check_through_time(shape, seed):
    assert worst_bptt_error(lstm.lstm_backward, shape, seed) < 1e-7


@pytest.mark.parametrize("carry_da, carry_dc", [(False, False), (False, True), (True, False)])
def test_the_gradient_check_fails_on_backward_passes_that_drop_the_carried_gradients(carry_da, carry_dc):
    """The check above is not vacuous: it rejects the widely copied version."""
    assert worst_bptt_error(without_carry(carry_da, carry_dc), (3, 4, 2, 3, 4), 0) > 1e-2
    assert worst_bptt_error(without_carry(True, True), (3, 4, 2, 3, 4), 0) < 1e-7


def test_lstm_backward_carries_da_prev_and_dc_prev_into_step_t_minus_1():
    p, x, a0, _ = problem(3, 4, 2, 2, 5, 3)
    caches = lstm.lstm_forward(x, a0, p)[3]
    da = np.zeros((4, 2, 5))
    da[:, :, -1] = 1.0  # a gradient only at the last step
    g = lstm.lstm_backward(da, caches)
    assert np.abs(g["dx"][:, :, 0]).max() > 1e-3  # it reaches the first input
    assert np.abs(without_carry(False, False)(da, caches)["dx"][:, :, 0]).max() == 0.0


@pytest.mark.parametrize("shape", SHAPES + [(5, 8, 3, 7, 9), (50, 64, 10, 64, 3)])
@pytest.mark.parametrize("seed", [0, 1])
def test_lstm_backward_agrees_with_the_checked_cell_backward_step_by_step(shape, seed):
    """The whole-sequence pass (stacked gates, one weight product over all steps) against T_x calls of the public cell."""
    p, x, a0, G = problem(*shape, seed)
    caches = lstm.lstm_forward(x, a0, p)[3]
    fast, per_step = lstm.lstm_backward(G, caches), without_carry(True, True)(G, caches)
    assert fast.keys() == per_step.keys()
    for k in fast:
        assert fast[k].shape == per_step[k].shape, k
        assert_allclose(fast[k], per_step[k], rtol=1e-12, atol=1e-12 * np.abs(per_step[k]).max(), err_msg=k)


def test_lstm_backward_rejects_step_caches_of_other_parameters_or_another_length():
    p, x, a0, G = problem(3, 4, 2, 5, 6, 0)
    step_caches, x_ = lstm.lstm_forward(x, a0, p)[3]
    with pytest.raises(ValueError, match=r"caches hold 5 step caches for x of shape \(3, 5, 6\); expected T_x = 6"):
        lstm.lstm_backward(G, (step_caches[:5], x_))
    other = step_caches[2][:9] + ({**p, "Wo": p["Wo"] + 1.0},)
    with pytest.raises(ValueError, match=r"caches\[0\]\[2\] holds other parameters than caches\[0\]\[0\]"):
        lstm.lstm_backward(G, (step_caches[:2] + [other] + step_caches[3:], x_))


def test_lstm_backward_takes_steps_cached_one_call_at_a_time():
    """Caches built from lstm_cell_forward calls hold equal parameters in separate dicts."""
    p, x, a0, G = problem(3, 4, 2, 5, 6, 1)
    a, c, step_caches = a0, np.zeros_like(a0), []
    for t in range(x.shape[2]):
        a, c, _, cache = lstm.lstm_cell_forward(x[:, :, t], a, c, p)
        step_caches.append(cache)
    by_cell, by_forward = lstm.lstm_backward(G, (step_caches, x)), lstm.lstm_backward(G, lstm.lstm_forward(x, a0, p)[3])
    for k in by_forward:
        assert_allclose(by_cell[k], by_forward[k], rtol=1e-14, atol=0, err_msg=k)


def test_lstm_forward_caches_the_cells_values_to_the_last_bit_in_one_buffer():
    """lstm_forward keeps its step caches in one buffer (the module's docstring): the same values
    as lstm_cell_forward step by step, each step's a_prev the previous step's a_next."""
    p, x, a0, _ = problem(3, 4, 2, 5, 6, 3)
    a, y, c, (step_caches, _) = lstm.lstm_forward(x, a0, p)
    a_t, c_t = a0, np.zeros_like(a0)
    for t, cache in enumerate(step_caches):
        a_t, c_t, y_t, expected = lstm.lstm_cell_forward(x[:, :, t], a_t, c_t, p)
        for i, (got, want) in enumerate(zip(cache[:9], expected[:9])):
            assert np.array_equal(got, want), (t, i)
        assert np.array_equal(a[:, :, t], a_t) and np.array_equal(c[:, :, t], c_t) and np.array_equal(y[:, :, t], y_t)
        if t:
            assert cache[2] is step_caches[t - 1][0] and cache[3] is step_caches[t - 1][1]
    kept = step_caches[0][0].base
    assert all(array.base is kept for cache in step_caches for array in (cache[0], cache[1], *cache[4:8]))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_lstm_agrees_with_autograd(seed):
    p, x, a0, G = problem(3, 4, 2, 5, 6, seed)
    a, _, _, caches = lstm.lstm_forward(x, a0, p)
    assert_allclose(a, anp_lstm(x, a0, p), rtol=1e-12)
    g = lstm.lstm_backward(G, caches)
    loss = lambda x_, a0_, p_: anp.sum(G * anp_lstm(x_, a0_, p_))  # noqa: E731
    assert_allclose(g["dx"], grad(loss, 0)(x, a0, p), rtol=1e-10, atol=1e-12)
    assert_allclose(g["da0"], grad(loss, 1)(x, a0, p), rtol=1e-10, atol=1e-12)
    dp = grad(loss, 2)(x, a0, p)
    for k in WEIGHTS:
        assert_allclose(g["d" + k], dp[k], rtol=1e-10, atol=1e-12)


def test_the_memory_cell_keeps_a_value_when_the_forget_gate_is_open_and_the_update_gate_shut():
    p, x, a0, _ = problem(2, 3, 2, 4, 10, 0)
    p |= {"bf": np.full((3, 1), 50.0), "bi": np.full((3, 1), -50.0)}
    _, _, c, _ = lstm.lstm_forward(x, a0, p)
    assert_allclose(c, 0.0, atol=1e-20)  # c0 = 0 is kept: nothing is written
    c_prev = np.ones((3, 4))
    assert_allclose(lstm.lstm_cell_forward(x[:, :, 0], a0, c_prev, p)[1], c_prev)


def test_a_rank_2_x_is_rejected_with_its_shape():
    p, x, a0, _ = problem(3, 4, 2, 5, 6, 0)
    with pytest.raises(ValueError, match=r"x has shape \(3, 5\).*\(n_x, m, T_x\)"):
        lstm.lstm_forward(x[:, :, 0], a0, p)


def test_a0_of_the_wrong_shape_is_rejected_naming_both_shapes():
    p, x, a0, _ = problem(3, 4, 2, 5, 6, 0)
    with pytest.raises(ValueError, match=r"a0 has shape \(4, 4\).*\(4, 5\).*\(3, 5, 6\)"):
        lstm.lstm_forward(x, a0[:, :4], p)


def test_gate_weights_must_act_on_a_prev_stacked_over_xt():
    p, x, a0, _ = problem(3, 4, 2, 5, 6, 0)
    with pytest.raises(ValueError, match=r"Wi has shape \(4, 3\); expected shape \(4, 7\)"):
        lstm.lstm_forward(x, a0, {**p, "Wi": p["Wi"][:, 4:]})
    caches = lstm.lstm_forward(x, a0, p)[3]
    with pytest.raises(ValueError, match=r"dc_next has shape \(4,\)"):
        lstm.lstm_cell_backward(np.zeros((4, 5)), np.zeros(4), caches[0][0])


def test_inputs_are_not_modified():
    p, x, a0, G = problem(3, 4, 2, 5, 6, 0)
    copies = [x.copy(), a0.copy(), G.copy(), {k: v.copy() for k, v in p.items()}]
    lstm.lstm_backward(G, lstm.lstm_forward(x, a0, p)[3])
    for before, after in zip(copies[:3], [x, a0, G]):
        assert np.array_equal(before, after)
    assert all(np.array_equal(copies[3][k], p[k]) for k in p)


def test_an_open_forget_gate_keeps_the_first_state_s_influence_where_the_rnn_loses_it():
    """The claim of the vanishing-gradient figure, measured on the figure's own networks."""
    from figures_course5 import state_jacobian_norms, vanishing_gradient_setup, with_forget_bias
    from dlref.rnn import rnn_backward, rnn_forward

    x, a0, rnn_p, lstm_p = vanishing_gradient_setup()
    rnn_norms = state_jacobian_norms(rnn_forward, rnn_backward, x, a0, rnn_p)
    shut = state_jacobian_norms(lstm.lstm_forward, lstm.lstm_backward, x, a0, with_forget_bias(lstm_p, 0.0))
    kept = state_jacobian_norms(lstm.lstm_forward, lstm.lstm_backward, x, a0, with_forget_bias(lstm_p, 2.0))
    assert rnn_norms[-1] < 1e-8 * rnn_norms[0]  # geometric decay over 60 steps
    assert shut[-1] < 1e-4 * shut[0]
    assert kept.min() > 0.3 and kept[-1] > 0.3 * kept[0]  # still of order 1 after 60 steps
