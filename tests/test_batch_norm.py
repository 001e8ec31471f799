"""Batch norm: normalization per unit over examples, full backward pass, running averages, bad input."""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from numpy.testing import assert_allclose, assert_array_equal

from dlref import batch_norm as bn
from gradcheck import numerical_gradient, relative_error

SHAPES = [(1, 3), (3, 5), (4, 7), (6, 16)]  # m = 2 is degenerate: z_norm = +-1 whatever Z


def problem(n: int, m: int, seed: int):
    """Pre-activations with a different mean and scale per unit, parameters, an upstream gradient."""
    rng = np.random.default_rng(seed)
    Z = rng.normal(rng.normal(0, 5, (n, 1)), rng.uniform(0.5, 3, (n, 1)), (n, m))
    gamma, beta = rng.uniform(0.5, 2, (n, 1)), rng.normal(0, 1, (n, 1))
    G = rng.standard_normal((n, m))  # a RANDOM upstream gradient dZ_tilde
    return Z, gamma, beta, G


def cost_with_upstream(G):
    """J = (1/m) sum(G * Z_tilde): in the course's scale, dZ_tilde = m dJ/dZ_tilde = G."""
    return lambda Z_tilde: float(np.sum(G * Z_tilde)) / Z_tilde.shape[1]


@pytest.mark.parametrize("n, m", SHAPES)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_backward_gradient_check_with_a_random_upstream_gradient(n, m, seed):
    Z, gamma, beta, G = problem(n, m, seed)
    J = cost_with_upstream(G)
    _, cache = bn.batchnorm_forward(Z, gamma, beta)
    dZ, dgamma, dbeta = bn.batchnorm_backward(G, cache)
    dZ_numeric = numerical_gradient(lambda z: J(bn.batchnorm_forward(z, gamma, beta)[0]), Z)
    dgamma_numeric = numerical_gradient(lambda g: J(bn.batchnorm_forward(Z, g, beta)[0]), gamma)
    dbeta_numeric = numerical_gradient(lambda b: J(bn.batchnorm_forward(Z, gamma, b)[0]), beta)
    assert dZ.shape == (n, m) and dgamma.shape == (n, 1) and dbeta.shape == (n, 1)
    assert relative_error(dZ / m, dZ_numeric) < 1e-7  # dZ keeps the course's scale (no 1/m)
    assert relative_error(dgamma, dgamma_numeric) < 1e-7
    assert relative_error(dbeta, dbeta_numeric) < 1e-7


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_backward_matches_autograd(seed):
    Z, gamma, beta, G = problem(5, 8, seed)
    eps = 1e-3  # a visible epsilon, so that its place inside the root matters

    def J(Z_, gamma_, beta_):  # the textbook formulas, written independently of dlref
        mu = anp.mean(Z_, axis=1, keepdims=True)
        var = anp.mean((Z_ - mu) ** 2, axis=1, keepdims=True)
        Z_tilde = gamma_ * (Z_ - mu) / anp.sqrt(var + eps) + beta_
        return anp.sum(G * Z_tilde) / Z_.shape[1]

    _, cache = bn.batchnorm_forward(Z, gamma, beta, epsilon=eps)
    dZ, dgamma, dbeta = bn.batchnorm_backward(G, cache)
    assert_allclose(dZ / Z.shape[1], grad(J, 0)(Z, gamma, beta), rtol=1e-10, atol=1e-14)
    assert_allclose(dgamma, grad(J, 1)(Z, gamma, beta), rtol=1e-10, atol=1e-14)
    assert_allclose(dbeta, grad(J, 2)(Z, gamma, beta), rtol=1e-10, atol=1e-14)


def backward_without_the_variance_path(dZ_tilde, cache):
    """A common wrong backward pass: sigma^2 treated as a constant (the mean path is kept)."""
    var, gamma, eps = cache["var"], cache["gamma"], cache["epsilon"]
    dZ_norm = gamma * dZ_tilde
    return (dZ_norm - dZ_norm.mean(axis=1, keepdims=True)) / np.sqrt(var + eps)


def test_a_sum_of_outputs_loss_hides_a_wrong_backward_pass_that_a_random_upstream_gradient_catches():
    Z, gamma, beta, G = problem(4, 6, 3)
    _, cache = bn.batchnorm_forward(Z, gamma, beta)
    # loss = sum(Z_tilde): its gradient with respect to Z is zero, and the wrong formula agrees
    ones = np.ones_like(Z)
    numeric_sum = numerical_gradient(lambda z: cost_with_upstream(ones)(bn.batchnorm_forward(z, gamma, beta)[0]), Z)
    assert_allclose(numeric_sum, 0.0, atol=1e-8)
    assert_allclose(backward_without_the_variance_path(ones, cache) / Z.shape[1], numeric_sum, atol=1e-8)
    assert_allclose(bn.batchnorm_backward(ones, cache)[0] / Z.shape[1], numeric_sum, atol=1e-8)
    # a random upstream gradient tells them apart
    numeric = numerical_gradient(lambda z: cost_with_upstream(G)(bn.batchnorm_forward(z, gamma, beta)[0]), Z)
    assert relative_error(bn.batchnorm_backward(G, cache)[0] / Z.shape[1], numeric) < 1e-7
    assert relative_error(backward_without_the_variance_path(G, cache) / Z.shape[1], numeric) > 1e-2
    naive = gamma * G / np.sqrt(cache["var"] + cache["epsilon"])  # both paths dropped
    assert relative_error(naive / Z.shape[1], numeric) > 1e-2


@pytest.mark.parametrize("n, m", [(3, 5), (5, 3), (2, 40)])
def test_each_unit_is_normalized_over_the_examples(n, m):
    Z, _, _, _ = problem(n, m, 4)
    Z_tilde, cache = bn.batchnorm_forward(Z, np.ones((n, 1)), np.zeros((n, 1)))
    # per unit (row), over the m examples (axis=1); axis=0 would normalize each example instead
    assert_allclose(Z_tilde.mean(axis=1), 0.0, atol=1e-12)
    var = Z.var(axis=1)
    assert_allclose(Z_tilde.var(axis=1), var / (var + 1e-8), rtol=1e-12)  # 1 up to epsilon
    assert_allclose(cache["mu"], Z.mean(axis=1, keepdims=True), rtol=1e-13)
    assert_allclose(cache["var"], Z.var(axis=1, keepdims=True), rtol=1e-12)  # 1/m, not 1/(m-1)
    assert not np.allclose(Z_tilde.mean(axis=0), 0.0)


def test_gamma_and_beta_set_each_units_scale_and_mean():
    Z, gamma, beta, _ = problem(4, 9, 5)
    Z_tilde, _ = bn.batchnorm_forward(Z, gamma, beta)
    assert_allclose(Z_tilde.mean(axis=1, keepdims=True), beta, atol=1e-12)
    assert_allclose(Z_tilde.std(axis=1, keepdims=True), gamma, rtol=1e-7)
    # gamma = sqrt(var + eps) and beta = mu undo the normalization: batch norm can learn the identity
    _, cache = bn.batchnorm_forward(Z, gamma, beta)
    identity, _ = bn.batchnorm_forward(Z, np.sqrt(cache["var"] + 1e-8), cache["mu"])
    assert_allclose(identity, Z, rtol=1e-12)


def test_epsilon_is_inside_the_square_root():
    Z = np.array([[0.0, 1.0, 2.0, 3.0]])
    Z_tilde, _ = bn.batchnorm_forward(Z, [[1.0]], [[0.0]], epsilon=0.75)
    var = 1.25
    assert_allclose(Z_tilde, (Z - 1.5) / np.sqrt(var + 0.75), rtol=1e-14)
    assert not np.allclose(Z_tilde, (Z - 1.5) / (np.sqrt(var) + 0.75))


def test_a_unit_constant_over_the_batch_gives_beta_and_finite_gradients():
    Z = np.array([[4.0, 4.0, 4.0], [1.0, 2.0, 3.0]])
    Z_tilde, cache = bn.batchnorm_forward(Z, [[2.0], [1.0]], [[0.5], [0.0]])
    assert_allclose(Z_tilde[0], 0.5)
    dZ, dgamma, _ = bn.batchnorm_backward(np.arange(6.0).reshape(2, 3), cache)
    assert np.isfinite(dZ).all() and np.isfinite(dgamma).all()


@pytest.mark.parametrize("seed", [0, 1])
def test_a_bias_before_batch_norm_changes_nothing(seed):
    # so a layer followed by batch norm drops b[l]: beta takes its place
    Z, gamma, beta, _ = problem(4, 10, seed)
    b = np.random.default_rng(seed + 10).normal(0, 10, (4, 1))
    with_bias, _ = bn.batchnorm_forward(Z + b, gamma, beta)
    without, _ = bn.batchnorm_forward(Z, gamma, beta)
    assert_allclose(with_bias, without, rtol=1e-9, atol=1e-9)


def test_batch_norm_does_not_depend_on_the_scale_of_Z():
    Z, gamma, beta, _ = problem(3, 12, 6)
    scaled, _ = bn.batchnorm_forward(100.0 * Z, gamma, beta)
    assert_allclose(scaled, bn.batchnorm_forward(Z, gamma, beta)[0], rtol=1e-7, atol=1e-7)  # up to epsilon


def test_inference_uses_the_running_statistics_not_the_batchs_own():
    Z, gamma, beta, _ = problem(3, 6, 7)
    running_mean, running_var = np.array([[1.0], [-2.0], [0.5]]), np.array([[4.0], [0.25], [9.0]])
    out = bn.batchnorm_inference(Z, gamma, beta, running_mean, running_var)
    assert_allclose(out, gamma * (Z - running_mean) / np.sqrt(running_var + 1e-8) + beta, rtol=1e-13)
    assert not np.allclose(out, bn.batchnorm_forward(Z, gamma, beta)[0])
    # each example's output does not depend on the rest of the batch, and a single example works
    for i in range(Z.shape[1]):
        single = bn.batchnorm_inference(Z[:, i : i + 1], gamma, beta, running_mean, running_var)
        assert_allclose(single[:, 0], out[:, i], rtol=1e-14)


def test_running_averages_converge_to_the_training_statistics():
    rng = np.random.default_rng(8)
    true_mean, true_std = np.array([[3.0], [-1.0]]), np.array([[2.0], [0.5]])
    running_mean, running_var = np.zeros((2, 1)), np.ones((2, 1))
    for _ in range(300):
        Z = true_mean + true_std * rng.standard_normal((2, 64))
        _, cache = bn.batchnorm_forward(Z, np.ones((2, 1)), np.zeros((2, 1)))
        running_mean, running_var = bn.update_running_averages(running_mean, running_var, cache["mu"], cache["var"])
    assert_allclose(running_mean, true_mean, atol=0.15)
    assert_allclose(running_var, true_std**2, rtol=0.1)


def test_running_average_update_is_an_exponentially_weighted_average():
    new_mean, new_var = bn.update_running_averages([[1.0]], [[2.0]], [[11.0]], [[0.0]], momentum=0.9)
    assert_allclose(new_mean, [[0.9 * 1.0 + 0.1 * 11.0]], rtol=1e-15)
    assert_allclose(new_var, [[0.9 * 2.0]], rtol=1e-15)
    assert_array_equal(bn.update_running_averages([[1.0]], [[2.0]], [[5.0]], [[7.0]], momentum=0.0)[0], [[5.0]])


def test_functions_do_not_modify_their_inputs():
    Z, gamma, beta, G = problem(3, 5, 9)
    rm, rv = np.zeros((3, 1)), np.ones((3, 1))
    arrays = [Z, gamma, beta, G, rm, rv]
    copies = [a.copy() for a in arrays]
    _, cache = bn.batchnorm_forward(Z, gamma, beta)
    cache_copies = {k: np.copy(v) for k, v in cache.items()}
    bn.batchnorm_backward(G, cache)
    new_rm, new_rv = bn.update_running_averages(rm, rv, cache["mu"], cache["var"])
    bn.batchnorm_inference(Z, gamma, beta, rm, rv)
    for original, copy in zip(arrays, copies):
        assert_array_equal(original, copy)
    for key, value in cache.items():
        assert_array_equal(value, cache_copies[key])
    assert not np.shares_memory(new_rm, rm) and not np.shares_memory(new_rv, rv)


BAD_FORWARD = [
    ((np.ones(4), np.ones((4, 1)), np.zeros((4, 1))), r"Z has shape \(4,\), a rank-1 array"),
    ((np.ones((2, 1)), np.ones((2, 1)), np.zeros((2, 1))), r"at least 2 examples"),
    ((np.ones((2, 3)), np.ones(2), np.zeros((2, 1))), r"gamma has shape \(2,\), a rank-1 array; expected .*\(2, 1\)"),
    ((np.ones((2, 3)), np.ones((1, 2)), np.zeros((2, 1))), r"gamma has shape \(1, 2\); expected shape \(2, 1\)"),
    ((np.ones((2, 3)), np.ones((2, 1)), np.zeros((1, 2))), r"beta has shape \(1, 2\); expected shape \(2, 1\)"),
    ((np.ones((2, 3)), np.ones((3, 1)), np.zeros((2, 1))), r"gamma has shape \(3, 1\); expected shape \(2, 1\)"),
]


@pytest.mark.parametrize("args, message", BAD_FORWARD)
def test_forward_rejects_bad_shapes(args, message):
    with pytest.raises(ValueError, match=message):
        bn.batchnorm_forward(*args)


@pytest.mark.parametrize("epsilon", [0.0, -1e-8, float("inf")])
def test_epsilon_must_be_positive(epsilon):
    with pytest.raises(ValueError, match="epsilon must be"):
        bn.batchnorm_forward(np.ones((2, 3)), np.ones((2, 1)), np.zeros((2, 1)), epsilon=epsilon)
    with pytest.raises(ValueError, match="epsilon must be"):
        bn.batchnorm_inference(np.ones((2, 3)), np.ones((2, 1)), np.zeros((2, 1)), np.zeros((2, 1)),
                               np.ones((2, 1)), epsilon=epsilon)


def test_backward_rejects_a_gradient_of_the_wrong_shape():
    _, cache = bn.batchnorm_forward(np.arange(6.0).reshape(2, 3), np.ones((2, 1)), np.zeros((2, 1)))
    with pytest.raises(ValueError, match=r"dZ_tilde has shape \(3, 2\); expected the shape of Z, \(2, 3\)"):
        bn.batchnorm_backward(np.ones((3, 2)), cache)


def test_inference_rejects_bad_running_statistics():
    Z, g, b = np.ones((2, 3)), np.ones((2, 1)), np.zeros((2, 1))
    with pytest.raises(ValueError, match=r"running_mean has shape \(2,\), a rank-1 array"):
        bn.batchnorm_inference(Z, g, b, np.zeros(2), np.ones((2, 1)))
    with pytest.raises(ValueError, match="running_var must be non-negative"):
        bn.batchnorm_inference(Z, g, b, np.zeros((2, 1)), np.array([[1.0], [-1.0]]))
    with pytest.raises(ValueError, match=r"gamma has shape \(1, 2\)"):
        bn.batchnorm_inference(Z, np.ones((1, 2)), b, np.zeros((2, 1)), np.ones((2, 1)))


@pytest.mark.parametrize(
    "args, kwargs, message",
    [
        ((np.zeros(2), np.ones((2, 1)), np.ones((2, 1)), np.ones((2, 1))), {}, r"running_mean has shape \(2,\)"),
        ((np.zeros((2, 1)), np.ones((2, 1)), np.ones((1, 2)), np.ones((2, 1))), {}, r"mu has shape \(1, 2\)"),
        ((np.zeros((2, 1)), np.ones((2, 1)), np.ones((2, 1)), np.ones((3, 1))), {}, r"var has shape \(3, 1\)"),
        ((np.zeros((2, 1)), np.ones((2, 1)), np.ones((2, 1)), np.ones((2, 1))), {"momentum": 1.0}, "momentum must be in"),
        ((np.zeros((2, 1)), np.ones((2, 1)), np.ones((2, 1)), np.ones((2, 1))), {"momentum": -0.1}, "momentum must be in"),
    ],
)
def test_update_running_averages_rejects_bad_input(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        bn.update_running_averages(*args, **kwargs)


def bn_cache():
    return bn.batchnorm_forward(np.arange(6.0).reshape(2, 3) ** 2, np.ones((2, 1)), np.zeros((2, 1)))[1]


@pytest.mark.parametrize("key, value, message", [
    ("var", np.ones(2), r"var has shape \(2,\), a rank-1 array"),
    ("var", np.ones((1, 2)), r"var has shape \(1, 2\); expected shape \(2, 1\)"),
    ("gamma", np.ones((3, 1)), r"gamma has shape \(3, 1\); expected shape \(2, 1\)"),
    ("Z_norm", np.ones(6), r"Z_norm has shape \(6,\), a rank-1 array"),
    ("var", -np.ones((2, 1)), "var must be non-negative"),
    ("epsilon", 0.0, "epsilon must be greater than 0"),
])
def test_backward_checks_its_cache_and_names_the_entry(key, value, message):
    with pytest.raises(ValueError, match=message):
        bn.batchnorm_backward(np.ones((2, 3)), {**bn_cache(), key: value})


@pytest.mark.parametrize("key", ["Z_norm", "var", "gamma", "epsilon"])
def test_a_cache_missing_a_key_is_a_value_error_naming_it(key):
    cache = {k: v for k, v in bn_cache().items() if k != key}
    with pytest.raises(ValueError, match=rf"got a dict missing \['{key}'\]"):
        bn.batchnorm_backward(np.ones((2, 3)), cache)
    with pytest.raises(ValueError, match="cache must be the dict"):
        bn.batchnorm_backward(np.ones((2, 3)), None)
