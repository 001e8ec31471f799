"""Mini-batches: a partition of the shuffled columns with labels kept beside their examples."""

from __future__ import annotations

import math

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from dlref.mini_batches import random_mini_batches


def data(n_x: int, m: int, n_y: int = 1):
    X = np.random.default_rng(0).standard_normal((n_x, m))
    X[0] = np.arange(m)  # feature 0 names the example
    Y = np.tile(np.arange(m, dtype=np.float64), (n_y, 1))
    return X, Y


@pytest.mark.parametrize("m, size", [(148, 64), (128, 64), (5, 1), (5, 2), (3, 64), (1, 1), (1000, 256)])
@pytest.mark.parametrize("n_y", [1, 3])
@pytest.mark.parametrize("seed", [0, 1])
def test_batches_partition_the_shuffled_examples(m, size, n_y, seed):
    X, Y = data(4, m, n_y)
    batches = random_mini_batches(X, Y, size, rng=np.random.default_rng(seed))
    assert len(batches) == math.ceil(m / size)
    sizes = [b_X.shape[1] for b_X, _ in batches]
    assert sizes[:-1] == [size] * (len(batches) - 1)
    assert sizes[-1] == (m % size or min(size, m))  # the last, partial batch is kept
    for b_X, b_Y in batches:
        assert b_X.shape[0] == 4 and b_Y.shape == (n_y, b_X.shape[1])
        assert_array_equal(b_X, X[:, b_X[0].astype(int)])  # whole columns, unchanged
        assert_array_equal(b_Y, np.tile(b_X[0], (n_y, 1)))  # labels stay with their examples
    order = np.concatenate([b_X[0] for b_X, _ in batches])
    assert_array_equal(np.sort(order), np.arange(m))  # each example exactly once per epoch


def test_the_order_is_shuffled_reproducible_and_new_each_epoch():
    X, Y = data(2, 100)
    rng = np.random.default_rng(0)
    epoch1 = np.concatenate([b[1][0] for b in random_mini_batches(X, Y, 32, rng=rng)])
    epoch2 = np.concatenate([b[1][0] for b in random_mini_batches(X, Y, 32, rng=rng)])
    again = np.concatenate([b[1][0] for b in random_mini_batches(X, Y, 32, rng=np.random.default_rng(0))])
    assert_array_equal(epoch1, again)
    assert not np.array_equal(epoch1, np.arange(100))
    assert not np.array_equal(epoch1, epoch2)


def test_same_batches_as_the_course_algorithm_with_the_same_permutation():
    X, Y = data(3, 148)
    permutation = np.random.default_rng(5).permutation(148)
    shuffled_X, shuffled_Y = X[:, permutation], Y[:, permutation]
    expected = [(shuffled_X[:, k * 64:(k + 1) * 64], shuffled_Y[:, k * 64:(k + 1) * 64]) for k in range(148 // 64)]
    expected.append((shuffled_X[:, (148 // 64) * 64:], shuffled_Y[:, (148 // 64) * 64:]))
    got = random_mini_batches(X, Y, 64, rng=np.random.default_rng(5))
    assert len(got) == len(expected) == 3
    for (g_X, g_Y), (e_X, e_Y) in zip(got, expected):
        assert_array_equal(g_X, e_X)
        assert_array_equal(g_Y, e_Y)


def test_batch_and_stochastic_gradient_descent_are_the_two_extremes():
    X, Y = data(2, 10)
    assert len(random_mini_batches(X, Y, 10, rng=np.random.default_rng(0))) == 1
    assert len(random_mini_batches(X, Y, 1, rng=np.random.default_rng(0))) == 10


@pytest.mark.parametrize("kwargs, message", [
    ({"mini_batch_size": 0}, "mini_batch_size must be at least 1"),
    ({"mini_batch_size": 2.5}, "mini_batch_size must be an integer"),
    ({"mini_batch_size": True}, "mini_batch_size must be an integer"),
    ({"Y": np.zeros((1, 9))}, r"Y has shape \(1, 9\); expected shape \(n_y, 10\)"),
    ({"Y": np.zeros(10)}, "Y has shape .*rank-1"),
    ({"X": np.zeros(10)}, "X has shape .*rank-1"),
    ({"rng": 0}, "rng must be a numpy.random.Generator"),
])
def test_bad_input_is_rejected(kwargs, message):
    X, Y = data(2, 10)
    args = {"X": X, "Y": Y, "mini_batch_size": 4, "rng": np.random.default_rng(0), **kwargs}
    with pytest.raises(ValueError, match=message):
        random_mini_batches(**args)


def test_inputs_are_not_modified_and_batches_are_not_views_of_them():
    X, Y = data(3, 20)
    X0, Y0 = X.copy(), Y.copy()
    batches = random_mini_batches(X, Y, 8, rng=np.random.default_rng(0))
    assert_array_equal(X, X0)
    assert_array_equal(Y, Y0)
    batches[0][0][:] = -1.0
    assert_array_equal(X, X0)
