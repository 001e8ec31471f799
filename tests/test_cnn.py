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


def test_retrain_cnn_head_keeps_the_conv_blocks_and_fits_a_softmax_regression_on_their_features():
    rng = np.random.default_rng(3)
    pre = cnn.initialize_cnn((8, 8, 1), (2, 3), 4, rng)
    X = rng.random((12, 8, 8, 1))
    Y = np.eye(3)[:, rng.integers(0, 3, 12)]
    options = {"optimizer": "adam", "learning_rate": 0.05, "num_epochs": 30, "rng": np.random.default_rng(4)}
    new, costs = cnn.retrain_cnn_head(pre, X, Y, **options)
    for name in ("W1", "b1", "W2", "b2"):
        assert new[name] is pre[name]
    assert new["W3"].shape == (3, pre["W3"].shape[1]) and new["b3"].shape == (3, 1)
    # the head is exactly Course 2's one-layer network trained on the frozen blocks' output
    head, head_costs = model(cnn.cnn_features(X, pre)[0], Y, [pre["W3"].shape[1], 3], **{**options, "rng": np.random.default_rng(4)})
    assert_array_equal(new["W3"], head["W1"])
    assert costs == head_costs
    with pytest.raises(ValueError, match=r"Y has shape \(3, 5\); expected \(C, 12\)"):
        cnn.retrain_cnn_head(pre, X, Y[:, :5])


@pytest.fixture(scope="module")
def transfer_runs():
    import figures_course4  # the very runs the page's figure draws

    return figures_course4.transfer_runs()


def test_transfer_page_scratch_beats_the_frozen_0_to_4_head_at_every_size(transfer_runs):
    frozen, scratch = 100 * transfer_runs["frozen"].mean(axis=1), 100 * transfer_runs["scratch"].mean(axis=1)
    gap = scratch - frozen  # percentage points, mean over three draws, at 2, 5, 10, 20 images per class
    # "loses at every size": from scratch is better on average at each size, and in most single draws
    assert np.all(gap > 2.0), gap
    assert np.mean(transfer_runs["scratch"] > transfer_runs["frozen"]) >= 0.75
    # "about 9 points better with two images per class and 3 to 4 points better from five on"
    assert 8.0 < gap[0] < 10.0 and np.all((2.5 < gap[1:]) & (gap[1:] < 4.5)), gap
    # the alt text: "83% against 74% at two images per class and 96% against 93% at twenty"
    assert np.rint([scratch[0], frozen[0], scratch[-1], frozen[-1]]).tolist() == [83, 74, 96, 93]
    # "learns filters for 5-9 of its own from ten images a class (about 93% held out)"
    assert np.rint(scratch[2]) == 93
    # "about three in four held-out digits right from two examples each, where guessing gets one in five"
    assert 70.0 < frozen[0] < 80.0
