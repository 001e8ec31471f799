"""The unchecked inner steps that the L-layer functions and the training loops call give, to the
last bit, what the checked public functions give; skipping dA[0] changes nothing else."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from dlref import deep_network as dn
from dlref import layers
from dlref.activations import relu, relu_backward, sigmoid, sigmoid_backward, tanh, tanh_backward
from dlref.softmax import convert_to_one_hot

BACKWARD = {"relu": (relu, relu_backward), "sigmoid": (sigmoid, sigmoid_backward), "tanh": (tanh, tanh_backward)}


def layer(n_prev, n, m, seed):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((n_prev, m)), rng.standard_normal((n, n_prev)), rng.standard_normal((n, 1)), rng.standard_normal((n, m))


def network(layer_dims, m, seed):
    rng = np.random.default_rng(seed)
    parameters = dn.initialize_parameters_deep(layer_dims, rng)
    parameters = {k: v + 0.1 * rng.standard_normal(v.shape) for k, v in parameters.items()}
    X = rng.standard_normal((layer_dims[0], m))
    C = layer_dims[-1]
    Y = (rng.random((1, m)) < 0.5).astype(float) if C == 1 else convert_to_one_hot(rng.integers(0, C, (1, m)), C)
    return parameters, X, Y


def reference_linear_step(A, W, b, dZ):
    """The course's formulas, one operator at a time: what dlref computed before its fast path."""
    m = A.shape[1]
    return W @ A + b, (W.T @ dZ, dZ @ A.T / m, np.sum(dZ, axis=1, keepdims=True) / m)


@pytest.mark.parametrize("n_prev, n, m", [(1, 1, 1), (3, 2, 5), (7, 4, 300)])
@pytest.mark.parametrize("seed", [0, 1])
def test_linear_steps_match_the_formulas_to_the_last_bit(n_prev, n, m, seed):
    A, W, b, dZ = layer(n_prev, n, m, seed)
    Z_expected, grads_expected = reference_linear_step(A, W, b, dZ)
    Z, cache = layers.linear_forward(A, W, b)
    assert_array_equal(Z, Z_expected)
    for got, expected in zip(layers.linear_backward(dZ, cache), grads_expected):
        assert_array_equal(got, expected)


@pytest.mark.parametrize("activation", ["relu", "sigmoid", "tanh"])
@pytest.mark.parametrize("seed", [0, 1])
def test_inner_layer_steps_equal_the_checked_public_ones(activation, seed):
    A, W, b, dA = layer(4, 3, 6, seed)
    g, g_backward = BACKWARD[activation]
    A_out, cache = layers.linear_activation_forward(A, W, b, activation)
    A_fast, cache_fast = layers._linear_activation_forward(A, W, b, g)
    assert_array_equal(A_out, A_fast)
    assert_array_equal(cache[1], cache_fast[1])
    public = layers.linear_activation_backward(dA, cache, activation)
    fast = layers._linear_activation_backward(dA, cache, g_backward)
    for got, expected in zip(fast, public):
        assert_array_equal(got, expected)


@pytest.mark.parametrize("seed", [0, 1])
def test_without_dA_prev_the_weight_gradients_are_unchanged(seed):
    A, W, b, dA = layer(5, 3, 4, seed)
    _, cache = layers.linear_activation_forward(A, W, b, "relu")
    dA_prev, dW, db = layers.linear_activation_backward(dA, cache, "relu")
    none, dW_fast, db_fast = layers.linear_activation_backward(dA, cache, "relu", compute_dA_prev=False)
    assert none is None and dA_prev.shape == A.shape
    assert_array_equal(dW_fast, dW)
    assert_array_equal(db_fast, db)
    assert layers.linear_backward(dA, cache[0], compute_dA_prev=False)[0] is None


@pytest.mark.parametrize("layer_dims", [[3, 1], [4, 5, 1], [6, 5, 4, 3], [784 // 8, 32, 16, 10]])
@pytest.mark.parametrize("keep_prob", [1.0, 0.7])
def test_inner_network_steps_equal_the_checked_public_ones(layer_dims, keep_prob):
    parameters, X, Y = network(layer_dims, 9, seed=len(layer_dims))
    AL, caches = dn.L_model_forward(X, parameters, keep_prob, np.random.default_rng(1))
    AL_fast, caches_fast = dn._L_model_forward(X, parameters, keep_prob, np.random.default_rng(1))
    assert_array_equal(AL, AL_fast)
    grads = dn.L_model_backward(AL, Y, caches, lambd=0.2)
    grads_fast = dn._L_model_backward(AL, Y, caches_fast, 0.2, compute_dA0=False)
    assert set(grads) - set(grads_fast) == {"dA0"}
    for key, value in grads_fast.items():
        assert_array_equal(value, grads[key], err_msg=key)
    assert "dA0" not in dn.L_model_backward(AL, Y, caches, compute_dA0=False)
    updated, updated_fast = dn.update_parameters(parameters, grads, 0.1), dn._update_parameters(parameters, grads_fast, 0.1)
    for key in parameters:
        assert_array_equal(updated[key], updated_fast[key])


def test_a_bad_A_prev_is_named_as_the_caller_named_it():
    A, W, b, _ = layer(3, 2, 4, 0)
    with pytest.raises(ValueError, match=r"A_prev has shape \(4,\), a rank-1 array"):
        layers.linear_activation_forward(A[0], W, b, "relu")
    with pytest.raises(ValueError, match=r"W needs one column per row of A_prev \(A_prev has shape \(4, 3\)\)"):
        layers.linear_activation_forward(A.T, W, b, "relu")
    with pytest.raises(ValueError, match=r"W needs one column per row of A \(A has shape \(4, 3\)\)"):
        layers.linear_forward(A.T, W, b)


def test_a_dropout_mask_of_the_wrong_shape_is_rejected():
    parameters, X, Y = network([3, 4, 1], 5, seed=2)
    AL, caches = dn.L_model_forward(X, parameters, 0.5, np.random.default_rng(0))
    linear_cache, Z, (D, keep_prob) = caches[0]
    with pytest.raises(ValueError, match=r"caches\[0\] holds a dropout mask D of shape \(5, 4\)"):
        dn.L_model_backward(AL, Y, [(linear_cache, Z, (D.T, keep_prob)), caches[1]])
