"""Where dlref and the course's assignments differ, each choice documented in docs/assignments.md, pinned."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from dlref.activations import relu_backward, sigmoid
from dlref.deep_network import L_model_backward, L_model_forward, initialize_parameters_deep
from dlref.training import model


def network(keep_prob: float = 1.0):
    rng = np.random.default_rng(0)
    parameters = initialize_parameters_deep([3, 4, 2, 1], rng)
    X = rng.standard_normal((3, 6))
    Y = (rng.random((1, 6)) < 0.5).astype(float)
    AL, caches = L_model_forward(X, parameters, keep_prob=keep_prob, rng=np.random.default_rng(1))
    return parameters, X, Y, AL, caches


def test_sigmoid_of_a_python_number_passes_the_course_isinstance_float_check():
    assert isinstance(sigmoid(1), float) and type(sigmoid(1)) is np.float64


def test_regularized_backward_returns_dA_dW_db_but_no_dZ():
    # the course's backward_propagation_with_regularization also returns dZ1, dZ2, dZ3
    parameters, X, Y, AL, caches = network()
    grads = L_model_backward(AL, Y, caches, lambd=0.7)
    assert sorted(grads) == ["dA0", "dA1", "dA2", "dW1", "dW2", "dW3", "db1", "db2", "db3"]
    # the recipe of docs/assignments.md gives the course's dZ[l], which yields dW[l] with the L2 term
    (A_prev, W, _), Z = caches[1][:2]
    dZ2 = relu_backward(grads["dA2"], Z)
    assert_allclose(grads["dW2"], dZ2 @ A_prev.T / 6 + 0.7 / 6 * W, rtol=1e-12)


def test_under_dropout_dA_is_the_gradient_before_the_mask():
    # the course's backward_propagation_with_dropout stores dA[l] after "dA2 = dA2 * D2 / keep_prob"
    keep_prob = 0.6
    parameters, X, Y, AL, caches = network(keep_prob)
    grads = L_model_backward(AL, Y, caches)
    dZ3 = AL - Y
    assert_allclose(grads["dA2"], parameters["W3"].T @ dZ3, rtol=1e-12)  # W[3]^T dZ[3]: no mask
    D2, _ = caches[1][2]
    course_dA2 = grads["dA2"] * D2 / keep_prob  # what the course's dictionary holds
    (A_prev, _, _), Z2 = caches[1][:2]
    assert_allclose(grads["dW2"], relu_backward(course_dA2, Z2) @ A_prev.T / 6, rtol=1e-12)
    assert not np.allclose(course_dA2, grads["dA2"])


@pytest.mark.parametrize("labels", [[[0.0, 2.0, 1.0, 0.0]], [[-1.0, 1.0, 0.0, 1.0]]])
def test_model_refuses_labels_outside_0_and_1(labels):
    X = np.random.default_rng(2).standard_normal((2, 4))
    with pytest.raises(ValueError, match=r"Y must hold labels in \[0, 1\]"):
        model(X, np.array(labels), [2, 3, 1], num_epochs=1)


def test_model_accepts_labels_between_0_and_1():
    X = np.random.default_rng(3).standard_normal((2, 4))
    _, costs = model(X, np.array([[0.0, 0.25, 1.0, 0.5]]), [2, 3, 1], num_epochs=2)
    assert len(costs) == 2
