"""Residual blocks and spatial batch norm: statistics per channel, gradient checks, the shortcut."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from dlref import residual as rs
from gradcheck import numerical_gradient, relative_error


@pytest.mark.parametrize("shape", [(2, 3, 3, 2), (4, 2, 5, 3), (1, 4, 4, 1)])
def test_spatial_batchnorm_normalizes_each_channel_over_examples_and_positions(shape):
    rng = np.random.default_rng(0)
    Z = rng.normal(rng.normal(0, 5, (1, 1, 1, shape[3])), 3.0, shape)
    gamma, beta = rng.uniform(0.5, 2, (1, 1, 1, shape[3])), rng.normal(0, 1, (1, 1, 1, shape[3]))
    Z_tilde, _ = rs.spatial_batchnorm_forward(Z, gamma, beta, epsilon=1e-5)
    mu, var = Z.mean(axis=(0, 1, 2), keepdims=True), Z.var(axis=(0, 1, 2), keepdims=True)
    assert_allclose(Z_tilde, gamma * (Z - mu) / np.sqrt(var + 1e-5) + beta, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("shape", [(2, 3, 3, 2), (3, 2, 2, 3)])
def test_spatial_batchnorm_backward_gradient_check(shape):
    rng = np.random.default_rng(1)
    Z = rng.standard_normal(shape) * 2 + 1
    gamma, beta = rng.uniform(0.5, 2, (1, 1, 1, shape[3])), rng.normal(0, 1, (1, 1, 1, shape[3]))
    G = rng.standard_normal(shape)
    J = lambda Z_, g, b: float(np.sum(G * rs.spatial_batchnorm_forward(Z_, g, b)[0]))  # noqa: E731
    _, cache = rs.spatial_batchnorm_forward(Z, gamma, beta)
    dZ, dgamma, dbeta = rs.spatial_batchnorm_backward(G, cache)
    assert relative_error(dZ, numerical_gradient(lambda z: J(z, gamma, beta), Z)) < 1e-7
    assert relative_error(dgamma, numerical_gradient(lambda g: J(Z, g, beta), gamma)) < 1e-7
    assert relative_error(dbeta, numerical_gradient(lambda b: J(Z, gamma, b), beta)) < 1e-7


def block_problem(convolutional: bool, seed: int = 0):
    rng = np.random.default_rng(seed)
    n_C = 3
    p = rs.initialize_block(n_C, 3, (2, 2, 4 if convolutional else n_C), rng, convolutional=convolutional)
    p = {k: v + 0.2 * rng.standard_normal(v.shape) for k, v in p.items()}  # gamma != 1, beta != 0
    X = rng.standard_normal((2, 5, 5, n_C))
    return X, p


@pytest.mark.parametrize("convolutional, s", [(False, 1), (True, 1), (True, 2)])
def test_block_backward_gradient_check_with_a_random_upstream_gradient(convolutional, s):
    X, p = block_problem(convolutional)
    forward = (lambda X_, p_: rs.convolutional_block(X_, 3, p_, s=s)) if convolutional else (lambda X_, p_: rs.identity_block(X_, 3, p_))
    backward = rs.convolutional_block_backward if convolutional else rs.identity_block_backward
    A, cache = forward(X, p)
    G = np.random.default_rng(7).standard_normal(A.shape)
    dX, grads = backward(G, cache)
    J = lambda X_, p_: float(np.sum(G * forward(X_, p_)[0]))  # noqa: E731
    assert relative_error(dX, numerical_gradient(lambda x: J(x, p), X)) < 1e-7
    assert set(grads) == {"d" + k for k in p}
    for name, value in p.items():
        numeric = numerical_gradient(lambda w, name=name: J(X, {**p, name: w}), value)
        assert relative_error(grads["d" + name], numeric) < 1e-7, name


def test_identity_block_with_zero_weights_passes_a_nonnegative_input_through():
    X, p = block_problem(False)
    p = {**p, "gamma3": np.zeros_like(p["gamma3"]), "beta3": np.zeros_like(p["beta3"])}  # main path outputs 0
    X = np.abs(X)
    A, cache = rs.identity_block(X, 3, p)
    assert_allclose(A, X)
    dX, _ = rs.identity_block_backward(np.ones_like(A), cache)
    assert_allclose(dX, 1.0)  # the shortcut carries the gradient whatever the main path does


def test_convolutional_block_output_shape_and_inputs_unmodified():
    X, p = block_problem(True)
    before = X.copy(), {k: v.copy() for k, v in p.items()}
    A, cache = rs.convolutional_block(X, 3, p, s=2)
    assert A.shape == (2, 3, 3, 4)
    rs.convolutional_block_backward(np.ones_like(A), cache)
    assert_array_equal(X, before[0])
    for k in p:
        assert_array_equal(p[k], before[1][k])


def test_bad_input_is_named():
    X, p = block_problem(False)
    with pytest.raises(ValueError, match=r"W3 has shape \(1, 1, 2, 3\) and X has shape \(2, 5, 5, 4\)"):
        rs.identity_block(np.ones((2, 5, 5, 4)), 3, {**p, "W1": np.ones((1, 1, 4, 2))})
    with pytest.raises(ValueError, match="f=2 must be odd"):
        rs.identity_block(X, 2, p)
    with pytest.raises(ValueError, match="parameters must hold exactly"):
        rs.convolutional_block(X, 3, p)
    with pytest.raises(ValueError, match=r"gamma has shape \(1, 3\); expected \(1, 1, 1, 3\)"):
        rs.spatial_batchnorm_forward(X, np.ones((1, 3)), np.zeros((1, 1, 1, 3)))
    with pytest.raises(ValueError, match="F3 = 4 must equal n_C_prev = 3"):
        rs.initialize_block(3, 3, (2, 2, 4), np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"dA has shape \(2, 5, 5, 4\); expected"):
        rs.identity_block_backward(np.ones((2, 5, 5, 4)), rs.identity_block(X, 3, p)[1])
