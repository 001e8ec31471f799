"""Momentum, RMSprop and Adam, step by step against their formulas, and against autograd."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from autograd.misc.optimizers import adam as autograd_adam
from autograd.misc.optimizers import rmsprop as autograd_rmsprop
from autograd.misc.optimizers import sgd as autograd_sgd
from numpy.testing import assert_allclose, assert_array_equal

from dlref import optimizers as opt

LAYERS = [[3, 1], [4, 5, 2], [2, 3, 3, 1], [6, 4, 4, 3, 1]]


def random_parameters(layers_dims, rng):
    params = {}
    for l in range(1, len(layers_dims)):
        params[f"W{l}"] = rng.standard_normal((layers_dims[l], layers_dims[l - 1]))
        params[f"b{l}"] = rng.standard_normal((layers_dims[l], 1))
    return params


def random_grads(params, rng):
    return {"d" + k: rng.standard_normal(v.shape) * 10.0 ** rng.uniform(-2, 2, v.shape) for k, v in params.items()}


@pytest.mark.parametrize("layers_dims", LAYERS)
@pytest.mark.parametrize("seed", [0, 1])
def test_momentum_follows_its_formula_for_three_steps(layers_dims, seed):
    rng = np.random.default_rng(seed)
    params, beta, alpha = random_parameters(layers_dims, rng), 0.9, 0.05
    v = opt.initialize_velocity(params)
    expected_params, expected_v = copy.deepcopy(params), {k: np.zeros_like(x) for k, x in v.items()}
    for _ in range(3):
        grads = random_grads(params, rng)
        params, v = opt.update_parameters_with_momentum(params, grads, v, beta, alpha)
        for k in expected_params:
            expected_v["d" + k] = beta * expected_v["d" + k] + (1 - beta) * grads["d" + k]
            expected_params[k] = expected_params[k] - alpha * expected_v["d" + k]
    for k in expected_params:
        assert_allclose(params[k], expected_params[k], rtol=1e-13)
        assert_allclose(v["d" + k], expected_v["d" + k], rtol=1e-13)


@pytest.mark.parametrize("layers_dims", LAYERS)
def test_momentum_with_beta_zero_is_plain_gradient_descent(layers_dims):
    rng = np.random.default_rng(3)
    params = random_parameters(layers_dims, rng)
    grads = random_grads(params, rng)
    stale_v = random_grads(params, rng)  # beta = 0 forgets the past entirely
    new_params, _ = opt.update_parameters_with_momentum(params, grads, stale_v, 0.0, 0.1)
    for k in params:
        assert_allclose(new_params[k], params[k] - 0.1 * grads["d" + k], rtol=1e-15)


@pytest.mark.parametrize("layers_dims", LAYERS)
@pytest.mark.parametrize("seed", [0, 1])
def test_rmsprop_follows_its_formula_for_three_steps(layers_dims, seed):
    rng = np.random.default_rng(seed)
    params, beta, alpha, eps = random_parameters(layers_dims, rng), 0.9, 0.01, 1e-8
    s = opt.initialize_rmsprop(params)
    expected_params, expected_s = copy.deepcopy(params), {k: np.zeros_like(x) for k, x in s.items()}
    for _ in range(3):
        grads = random_grads(params, rng)
        params, s = opt.update_parameters_with_rmsprop(params, grads, s, beta, alpha, eps)
        for k in expected_params:
            g = grads["d" + k]
            expected_s["d" + k] = beta * expected_s["d" + k] + (1 - beta) * g * g
            expected_params[k] = expected_params[k] - alpha * g / (np.sqrt(expected_s["d" + k]) + eps)
    for k in expected_params:
        assert_allclose(params[k], expected_params[k], rtol=1e-13)
        assert_allclose(s["d" + k], expected_s["d" + k], rtol=1e-13)


@pytest.mark.parametrize("layers_dims", LAYERS)
@pytest.mark.parametrize("seed", [0, 1])
def test_adam_follows_its_formula_for_three_steps_with_t_from_one(layers_dims, seed):
    rng = np.random.default_rng(seed)
    params, alpha, b1, b2, eps = random_parameters(layers_dims, rng), 0.01, 0.9, 0.999, 1e-8
    v, s = opt.initialize_adam(params)
    expected = copy.deepcopy(params)
    m1 = {k: np.zeros_like(x) for k, x in v.items()}
    m2 = {k: np.zeros_like(x) for k, x in s.items()}
    for t in (1, 2, 3):
        grads = random_grads(params, rng)
        params, v, s = opt.update_parameters_with_adam(params, grads, v, s, t, alpha, b1, b2, eps)
        for k in expected:
            g = grads["d" + k]
            m1["d" + k] = b1 * m1["d" + k] + (1 - b1) * g
            m2["d" + k] = b2 * m2["d" + k] + (1 - b2) * g**2
            m1_hat, m2_hat = m1["d" + k] / (1 - b1**t), m2["d" + k] / (1 - b2**t)
            expected[k] = expected[k] - alpha * m1_hat / (np.sqrt(m2_hat) + eps)
    for k in expected:
        assert_allclose(params[k], expected[k], rtol=1e-12)
        assert_allclose(v["d" + k], m1["d" + k], rtol=1e-13)  # the moments are kept uncorrected
        assert_allclose(s["d" + k], m2["d" + k], rtol=1e-13)


def test_adam_uses_the_corrected_second_moment_and_epsilon_outside_the_root():
    # small gradients at step t = 2: the three versions differ by orders of magnitude
    params = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[0.5]])}
    g1 = {"dW1": np.array([[1e-6, -3e-7]]), "db1": np.array([[2e-6]])}
    g2 = {"dW1": np.array([[2e-6, -1e-7]]), "db1": np.array([[1e-6]])}
    v, s = opt.initialize_adam(params)
    p1, v, s = opt.update_parameters_with_adam(params, g1, v, s, t=1, learning_rate=0.1)
    p2, _, _ = opt.update_parameters_with_adam(p1, g2, v, s, t=2, learning_rate=0.1)

    def step(k, correct_s=True, epsilon_inside=False):
        m1 = 0.9 * 0.1 * g1["d" + k] + 0.1 * g2["d" + k]
        m2 = 0.999 * 0.001 * g1["d" + k] ** 2 + 0.001 * g2["d" + k] ** 2
        m1_hat = m1 / (1 - 0.9**2)
        m2_hat = m2 / (1 - 0.999**2) if correct_s else m2
        root = np.sqrt(m2_hat + 1e-8) if epsilon_inside else np.sqrt(m2_hat) + 1e-8
        return 0.1 * m1_hat / root

    for k in params:
        moved = p1[k] - p2[k]
        assert_allclose(moved, step(k), rtol=1e-12)
        assert not np.allclose(moved, step(k, correct_s=False), rtol=0.05)
        assert not np.allclose(moved, step(k, epsilon_inside=True), rtol=0.05)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_adams_first_step_moves_each_parameter_by_the_learning_rate_against_its_gradient(seed):
    rng = np.random.default_rng(seed)
    params = random_parameters([5, 4, 3], rng)
    grads = {k: np.sign(g) * 10.0 ** rng.uniform(-3, 3, g.shape) for k, g in random_grads(params, rng).items()}
    v, s = opt.initialize_adam(params)
    new, _, _ = opt.update_parameters_with_adam(params, grads, v, s, t=1, learning_rate=0.02)
    for k in params:
        # bias-corrected, v / sqrt(s) = g / |g|; without the correction it would be 0.1 / sqrt(0.001)
        assert_allclose(params[k] - new[k], 0.02 * np.sign(grads["d" + k]), rtol=1e-4)


@pytest.mark.parametrize("t", [0, -1, 1.5, True, "1"])
def test_adam_step_count_starts_at_one(t):
    params = random_parameters([2, 1], np.random.default_rng(0))
    v, s = opt.initialize_adam(params)
    grads = random_grads(params, np.random.default_rng(1))
    with pytest.raises(ValueError, match="t must be"):
        opt.update_parameters_with_adam(params, grads, v, s, t)


def quadratic(params):  # a loss with a known gradient, for the cross-checks with autograd
    return {k: np.array([[3.0]]) * x - 1.0 for k, x in params.items()}


@pytest.mark.parametrize("name", ["momentum", "rmsprop", "adam"])
def test_agrees_with_autograd_optimizers_over_many_steps(name):
    params0 = random_parameters([3, 4, 2], np.random.default_rng(0))
    curve = lambda p, i: quadratic(p)
    params = copy.deepcopy(params0)
    if name == "momentum":
        reference = autograd_sgd(curve, params0, num_iters=50, step_size=0.05, mass=0.9)
        v = opt.initialize_velocity(params)
        for _ in range(50):
            grads = {"d" + k: g for k, g in quadratic(params).items()}
            params, v = opt.update_parameters_with_momentum(params, grads, v, 0.9, 0.05)
    elif name == "rmsprop":
        reference = autograd_rmsprop(curve, params0, num_iters=50, step_size=0.05, gamma=0.9)
        s = {"d" + k: np.ones_like(x) for k, x in params.items()}  # autograd starts at ones
        for _ in range(50):
            grads = {"d" + k: g for k, g in quadratic(params).items()}
            params, s = opt.update_parameters_with_rmsprop(params, grads, s, 0.9, 0.05)
    else:
        reference = autograd_adam(curve, params0, num_iters=50, step_size=0.05)
        v, s = opt.initialize_adam(params)
        for t in range(1, 51):
            grads = {"d" + k: g for k, g in quadratic(params).items()}
            params, v, s = opt.update_parameters_with_adam(params, grads, v, s, t, learning_rate=0.05)
    for k in params0:
        assert_allclose(params[k], reference[k], rtol=1e-10, atol=1e-12)


def test_extra_gradient_keys_are_ignored():
    params = random_parameters([3, 2, 1], np.random.default_rng(0))
    grads = random_grads(params, np.random.default_rng(1))
    with_extra = {**grads, "dA0": np.ones((3, 5)), "dA1": np.ones((2, 5))}
    v = opt.initialize_velocity(params)
    a, _ = opt.update_parameters_with_momentum(params, grads, v, 0.9, 0.1)
    b, _ = opt.update_parameters_with_momentum(params, with_extra, v, 0.9, 0.1)
    assert all(np.array_equal(a[k], b[k]) for k in a)


@pytest.mark.parametrize("initialize", [opt.initialize_velocity, opt.initialize_rmsprop,
                                        lambda p: opt.initialize_adam(p)[0], lambda p: opt.initialize_adam(p)[1]])
@pytest.mark.parametrize("layers_dims", LAYERS)
def test_states_start_at_zero_keyed_like_the_gradients(initialize, layers_dims):
    params = random_parameters(layers_dims, np.random.default_rng(0))
    state = initialize(params)
    assert sorted(state) == sorted("d" + k for k in params)
    for k, x in params.items():
        assert_array_equal(state["d" + k], np.zeros(x.shape))


def updaters():
    """Each optimizer as a function (params, grads, **overrides) -> result, and its state."""
    return {
        "momentum": lambda p, g, **kw: opt.update_parameters_with_momentum(
            p, g, kw.get("v", opt.initialize_velocity(p)), kw.get("beta", 0.9), kw.get("learning_rate", 0.1)),
        "rmsprop": lambda p, g, **kw: opt.update_parameters_with_rmsprop(
            p, g, kw.get("v", opt.initialize_rmsprop(p)), kw.get("beta", 0.9), kw.get("learning_rate", 0.1),
            kw.get("epsilon", 1e-8)),
        "adam": lambda p, g, **kw: opt.update_parameters_with_adam(
            p, g, kw.get("v", opt.initialize_adam(p)[0]), opt.initialize_adam(p)[1], 1,
            kw.get("learning_rate", 0.1), kw.get("beta", 0.9), 0.999, kw.get("epsilon", 1e-8)),
    }


def good():
    params = random_parameters([3, 2, 1], np.random.default_rng(0))
    return params, random_grads(params, np.random.default_rng(1))


@pytest.mark.parametrize("name", ["momentum", "rmsprop", "adam"])
@pytest.mark.parametrize("change, message", [
    (lambda p, g, kw: g.pop("db2"), r"grads lacks \['db2'\]"),
    (lambda p, g, kw: g.update(dW1=np.ones((3, 2))), r'grads\["dW1"\] has shape \(3, 2\); expected the shape of W1, \(2, 3\)'),
    (lambda p, g, kw: p.update(b1=np.zeros(2)), "b1 has shape .*rank-1"),
    (lambda p, g, kw: p.pop("b2"), "parameters must hold W1, b1, ..., WL, bL"),
    (lambda p, g, kw: kw.update(v={"dW1": np.zeros((2, 3))}), r"lacks \['db1', 'dW2', 'db2'\]"),
    (lambda p, g, kw: kw.update(beta=1.0), r"beta1? must be in \[0, 1\)"),
    (lambda p, g, kw: kw.update(beta=-0.5), r"beta1? must be in \[0, 1\)"),
    (lambda p, g, kw: kw.update(learning_rate=0.0), "learning_rate must be greater than 0"),
    (lambda p, g, kw: kw.update(learning_rate=[0.1]), "learning_rate must be a real number"),
])
def test_bad_input_is_rejected(name, change, message):
    params, grads = good()
    kwargs: dict = {}
    change(params, grads, kwargs)
    with pytest.raises(ValueError, match=message):
        updaters()[name](params, grads, **kwargs)


@pytest.mark.parametrize("name", ["rmsprop", "adam"])
@pytest.mark.parametrize("epsilon", [0.0, -1e-8])
def test_epsilon_must_be_positive(name, epsilon):
    params, grads = good()
    with pytest.raises(ValueError, match="epsilon must be greater than 0"):
        updaters()[name](params, grads, epsilon=epsilon)


@pytest.mark.parametrize("name", ["momentum", "rmsprop", "adam"])
def test_inputs_are_not_modified_and_results_are_new_arrays(name):
    params, grads = good()
    state = {"d" + k: np.full(x.shape, 0.5) for k, x in params.items()}
    before = copy.deepcopy((params, grads, state))
    result = updaters()[name](params, grads, v=state)
    for original, saved in zip((params, grads, state), before):
        assert original.keys() == saved.keys()
        for k in original:
            assert_array_equal(original[k], saved[k])
    for new in result:
        for k, x in new.items():
            assert not any(np.shares_memory(x, y) for d in (params, grads, state) for y in d.values())


def test_initializers_reject_bad_parameters():
    for initialize in (opt.initialize_velocity, opt.initialize_rmsprop, opt.initialize_adam):
        with pytest.raises(ValueError, match="parameters must hold"):
            initialize({"W1": np.ones((1, 2))})
        with pytest.raises(ValueError, match="parameters must be a dict"):
            initialize([np.ones((1, 2))])


# --- layers need not chain; the fast update is the formula to the last bit ------------------


def unchained():
    """W2 has 4 columns while W1 has 2 rows: an optimizer updates each parameter on its own."""
    rng = np.random.default_rng(4)
    params = {"W1": rng.standard_normal((2, 3)), "b1": rng.standard_normal((2, 1)),
              "W2": rng.standard_normal((1, 4)), "b2": rng.standard_normal((5, 1))}
    return params, random_grads(params, rng)


@pytest.mark.parametrize("name", ["gd", "momentum", "rmsprop", "adam"])
def test_parameters_whose_layers_do_not_chain_are_accepted(name):
    from dlref.deep_network import update_parameters

    params, grads = unchained()
    result = update_parameters(params, grads, 0.1) if name == "gd" else updaters()[name](params, grads)
    new_params = result if name == "gd" else result[0]
    assert {k: v.shape for k, v in new_params.items()} == {k: v.shape for k, v in params.items()}
    for initialize in (opt.initialize_velocity, opt.initialize_rmsprop, lambda p: opt.initialize_adam(p)[0]):
        assert initialize(params)["dW2"].shape == (1, 4)


@pytest.mark.parametrize("name", ["gd", "momentum", "rmsprop", "adam"])
def test_each_gradient_must_still_match_its_parameter(name):
    from dlref.deep_network import update_parameters

    params, grads = unchained()
    grads["db2"] = np.ones((4, 1))
    with pytest.raises(ValueError, match=r'grads\["db2"\] has shape \(4, 1\); expected the shape of b2, \(5, 1\)'):
        update_parameters(params, grads, 0.1) if name == "gd" else updaters()[name](params, grads)


def one_operator_at_a_time(name, p, g, state, t=3, alpha=0.01, beta=0.9, beta2=0.999, eps=1e-8):
    """The course's formulas with a new temporary per operator (dlref's code before the fast path)."""
    new_p, new_v, new_s = {}, {}, {}
    for k, x in p.items():
        d = "d" + k
        if name == "momentum":
            new_v[d] = beta * state[0][d] + (1 - beta) * g[d]
            new_p[k] = x - alpha * new_v[d]
        elif name == "rmsprop":
            new_v[d] = beta * state[0][d] + (1 - beta) * g[d] ** 2
            new_p[k] = x - alpha * g[d] / (np.sqrt(new_v[d]) + eps)
        else:
            new_v[d] = beta * state[0][d] + (1 - beta) * g[d]
            new_s[d] = beta2 * state[1][d] + (1 - beta2) * g[d] ** 2
            step = (new_v[d] / (1 - beta**t)) / (np.sqrt(new_s[d] / (1 - beta2**t)) + eps)
            new_p[k] = x - alpha * step
    return (new_p, new_v) if name != "adam" else (new_p, new_v, new_s)


@pytest.mark.parametrize("name", ["momentum", "rmsprop", "adam"])
@pytest.mark.parametrize("layers_dims", LAYERS)
def test_updates_equal_the_formulas_to_the_last_bit_in_arrays_that_do_not_overlap(name, layers_dims):
    rng = np.random.default_rng(len(layers_dims))
    params = random_parameters(layers_dims, rng)
    grads = random_grads(params, rng)
    state = (random_grads(params, rng), {k: np.abs(x) for k, x in random_grads(params, rng).items()})
    if name == "momentum":
        result = opt.update_parameters_with_momentum(params, grads, state[0], 0.9, 0.01)
    elif name == "rmsprop":
        result = opt.update_parameters_with_rmsprop(params, grads, state[1], 0.9, 0.01)
        state = (state[1],)
    else:
        result = opt.update_parameters_with_adam(params, grads, *state, 3, 0.01)
    expected = one_operator_at_a_time(name, params, grads, state)
    arrays = [x for new in result for x in new.values()]
    for i, (new, old) in enumerate(zip(result, expected)):
        for k in old:
            if name == "adam" and i == 0:  # the corrections folded into alpha_t and epsilon_t round differently
                assert_allclose(new[k], old[k], rtol=0, atol=1e-14 * np.abs(old[k]).max(), err_msg=k)
            else:
                assert_array_equal(new[k], old[k], err_msg=k)
    assert not any(np.shares_memory(a, b) for i, a in enumerate(arrays) for b in arrays[i + 1:])


def test_adam_with_its_corrections_folded_stays_on_the_formula_for_a_thousand_steps():
    # alpha_t = alpha sqrt(1 - b2^t) / (1 - b1^t) and epsilon_t = epsilon sqrt(1 - b2^t) give the
    # course's step exactly in real numbers; in floating point the two drift apart only by rounding
    rng = np.random.default_rng(7)
    params = random_parameters([6, 4, 3], rng)
    ours, theirs = (params, *opt.initialize_adam(params)), (params, *opt.initialize_adam(params))
    for t in range(1, 1001):
        grads = random_grads(params, rng)
        ours = opt.update_parameters_with_adam(ours[0], grads, ours[1], ours[2], t, 0.01)
        theirs = one_operator_at_a_time("adam", theirs[0], grads, theirs[1:], t=t)
        for k in params:
            assert_array_equal(ours[1]["d" + k], theirs[1]["d" + k])  # the moments: same operations
            assert_allclose(ours[0][k], theirs[0][k], rtol=1e-12, atol=1e-12)
