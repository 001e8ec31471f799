"""The small CNN: shapes, a gradient check of the whole network, and its accuracy on the digits."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_array_equal
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from threadpoolctl import threadpool_limits

from dlref import cnn
from dlref.deep_network import predict
from dlref.softmax import convert_to_one_hot, cross_entropy_cost
from dlref.training import model
from gradcheck import numerical_gradient, relative_error


@pytest.mark.parametrize("input_shape, channels", [((6, 6, 2), (3, 4)), ((8, 5, 1), (2, 3))])
def test_whole_network_gradient_check(input_shape, channels):
    rng = np.random.default_rng(0)
    p = cnn.initialize_cnn(input_shape, channels, 5, rng)
    p = {k: v + 0.1 * rng.standard_normal(v.shape) for k, v in p.items()}  # non-zero biases too
    X = rng.standard_normal((3, *input_shape))
    Y = np.eye(5)[:, [0, 3, 1]]
    AL, caches = cnn.cnn_forward(X, p)
    grads = cnn.cnn_backward(AL, Y, caches)
    for name, value in p.items():
        def J(w, name=name):
            return cross_entropy_cost(cnn.cnn_forward(X, {**p, name: w})[0], Y)
        assert grads["d" + name].shape == value.shape
        assert relative_error(grads["d" + name], numerical_gradient(J, value)) < 1e-7, name


def test_forward_leaves_inputs_untouched_and_checks_shapes():
    p = cnn.initialize_cnn((8, 8, 1), (2, 3), 10, np.random.default_rng(1))
    X = np.random.default_rng(2).random((4, 8, 8, 1))
    before = {k: v.copy() for k, v in p.items()}, X.copy()
    cnn.cnn_forward(X, p)
    for k in p:
        assert_array_equal(p[k], before[0][k])
    assert_array_equal(X, before[1])
    with pytest.raises(ValueError, match=r"X has shape \(4, 8, 8\) \(3-D\)"):
        cnn.cnn_forward(X[..., 0], p)
    with pytest.raises(ValueError, match=r"X has shape \(4, 8, 8, 3\) and W1 has shape \(3, 3, 1, 2\)"):
        cnn.cnn_forward(np.ones((4, 8, 8, 3)), p)
    with pytest.raises(ValueError, match="NaN"):
        cnn.cnn_predict({**p, "W3": np.full_like(p["W3"], np.nan)}, X)
    with pytest.raises(ValueError, match=r"Y has shape \(10, 3\); expected \(C, 4\)"):
        cnn.cnn_model(X, np.eye(10)[:, :3])


def digits_split():
    """The Course 2 training page's split: 25% held out, stratified, random_state=0."""
    digits = load_digits()
    return train_test_split(digits.images / 16.0, digits.target, test_size=0.25, random_state=0, stratify=digits.target)


def test_cnn_reaches_97_percent_on_held_out_digits_and_beats_the_dense_network():
    x_train, x_test, y_train, y_test = digits_split()
    Y_train = convert_to_one_hot(y_train.reshape(1, -1), 10)
    with threadpool_limits(1):  # small matrices: BLAS threads only add overhead on a busy machine
        parameters, costs = cnn.cnn_model(x_train[..., None], Y_train, rng=np.random.default_rng(0))
        dense, _ = model(x_train.reshape(-1, 64).T, Y_train, [64, 32, 10], optimizer="adam", learning_rate=0.001, num_epochs=60)
    accuracy = np.mean(cnn.cnn_predict(parameters, x_test[..., None]) == y_test)
    dense_accuracy = np.mean(predict(dense, x_test.reshape(-1, 64).T) == y_test)
    assert len(costs) == 10 and costs[-1] < 0.1 * costs[0]
    assert accuracy >= 0.97
    assert accuracy > dense_accuracy
