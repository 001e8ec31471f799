"""Train/dev/test split and input normalization: partitions, statistics, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.preprocessing import StandardScaler

from dlref import data_setup as ds


def data(n_x: int, m: int, seed: int):
    rng = np.random.default_rng(seed)
    X = rng.normal(5.0, 3.0, (n_x, m))
    Y = np.arange(m, dtype=np.float64).reshape(1, m)  # each label names its example
    X[0] = Y[0]  # so does the first feature
    return X, Y


@pytest.mark.parametrize("m, dev_size, test_size, expected", [
    (100, 0.2, 0.1, (70, 20, 10)),
    (100, 10, 5, (85, 10, 5)),
    (1000, 0.01, 0.01, (980, 10, 10)),
    (7, 2, 0, (5, 2, 0)),
    (10, 0.0, 0.25, (7, 0, 3)),  # a fraction is rounded to the nearest count
])
@pytest.mark.parametrize("seed", [0, 1])
def test_split_is_a_shuffled_partition_that_keeps_labels_with_examples(m, dev_size, test_size, expected, seed):
    X, Y = data(3, m, seed)
    parts = ds.train_dev_test_split(X, Y, dev_size, test_size, np.random.default_rng(seed))
    X_train, Y_train, X_dev, Y_dev, X_test, Y_test = parts
    assert (X_train.shape[1], X_dev.shape[1], X_test.shape[1]) == expected
    for X_part, Y_part in [(X_train, Y_train), (X_dev, Y_dev), (X_test, Y_test)]:
        assert X_part.shape[0] == 3 and Y_part.shape[0] == 1
        assert_array_equal(X_part[0], Y_part[0])  # every label stayed with its example
        assert_array_equal(X_part, X[:, Y_part[0].astype(int)])
    every_index = np.concatenate([Y_train[0], Y_dev[0], Y_test[0]])
    assert_array_equal(np.sort(every_index), np.arange(m))  # each example in exactly one set


def test_split_is_random_but_reproducible():
    X, Y = data(2, 50, 0)
    first = ds.train_dev_test_split(X, Y, 0.2, 0.2, np.random.default_rng(3))
    again = ds.train_dev_test_split(X, Y, 0.2, 0.2, np.random.default_rng(3))
    other = ds.train_dev_test_split(X, Y, 0.2, 0.2, np.random.default_rng(4))
    assert all(np.array_equal(a, b) for a, b in zip(first, again))
    assert not np.array_equal(first[1], other[1])
    assert not np.array_equal(first[1][0], np.sort(first[1][0]))  # shuffled, not sliced in order


def test_split_accepts_one_hot_labels():
    X, _ = data(2, 20, 0)
    Y = np.eye(4)[:, np.arange(20) % 4]
    Y_train, Y_dev = ds.train_dev_test_split(X, Y, 5, 5, np.random.default_rng(0))[1:4:2]
    assert Y_train.shape == (4, 10) and Y_dev.shape == (4, 5)
    assert_array_equal(Y_train.sum(axis=0), np.ones(10))


@pytest.mark.parametrize("kwargs, message", [
    ({"Y": np.zeros((1, 9))}, r"Y has shape \(1, 9\); expected shape \(n_y, 10\)"),
    ({"X": np.zeros(10)}, "X has shape .*rank-1"),
    ({"Y": np.zeros(10)}, "Y has shape .*rank-1"),
    ({"dev_size": 1.0}, "dev_size as a fraction must be below 1"),
    ({"test_size": -1}, "test_size must not be negative"),
    ({"dev_size": True}, "dev_size must be a fraction"),
    ({"dev_size": "10%"}, "dev_size must be a fraction"),
    ({"dev_size": 6, "test_size": 4}, "leaving no training example"),
    ({"rng": 0}, "rng must be a numpy.random.Generator"),
    ({"rng": np.random.RandomState(0)}, "rng must be a numpy.random.Generator"),
])
def test_split_rejects_bad_input(kwargs, message):
    X, Y = data(2, 10, 0)
    args = {"X": X, "Y": Y, "dev_size": 0.2, "test_size": 0.2, "rng": np.random.default_rng(0), **kwargs}
    with pytest.raises(ValueError, match=message):
        ds.train_dev_test_split(**args)


@pytest.mark.parametrize("n_x, m", [(1, 2), (3, 10), (30, 500)])
@pytest.mark.parametrize("seed", [0, 1])
def test_stats_are_the_mean_and_standard_deviation_of_each_row(n_x, m, seed):
    X = np.random.default_rng(seed).normal(4.0, 7.0, (n_x, m))
    mu, sigma = ds.normalization_stats(X)
    assert mu.shape == sigma.shape == (n_x, 1)
    assert_allclose(mu[:, 0], X.mean(axis=1), rtol=1e-12)
    assert_allclose(sigma[:, 0], X.std(axis=1), rtol=1e-12)
    scaler = StandardScaler().fit(X.T)  # an independent implementation, one example per row
    assert_allclose(ds.normalize(X, mu, sigma), scaler.transform(X.T).T, rtol=1e-10, atol=1e-12)


def test_sigma_subtracts_the_mean_first():
    # the notes write sigma^2 = (1/m) sum x^2: that is the variance only once x is centred
    X = np.array([[10.0, 12.0, 14.0]])
    _, sigma = ds.normalization_stats(X)
    assert_allclose(sigma, [[np.sqrt(8 / 3)]], rtol=1e-12)
    assert not np.allclose(sigma, np.sqrt(np.mean(X**2, axis=1, keepdims=True)))


def test_normalized_training_features_have_unit_deviation_not_one_over_the_deviation():
    # dividing by the variance sigma^2 (as the notes do) would leave a deviation of 1/sigma
    X = np.random.default_rng(2).normal([[0.0], [100.0]], [[10.0], [0.1]], (2, 1000))
    mu, sigma = ds.normalization_stats(X)
    X_norm = ds.normalize(X, mu, sigma)
    assert_allclose(X_norm.mean(axis=1), 0.0, atol=1e-12)
    assert_allclose(X_norm.std(axis=1), 1.0, rtol=1e-12)
    assert not np.allclose(((X - mu) / sigma**2).std(axis=1), 1.0, rtol=0.1)


def test_dev_and_test_sets_reuse_the_training_statistics():
    rng = np.random.default_rng(5)
    X_train, X_test = rng.normal(2.0, 3.0, (4, 200)), rng.normal(2.5, 3.0, (4, 7))
    mu, sigma = ds.normalization_stats(X_train)
    X_test_norm = ds.normalize(X_test, mu, sigma)
    assert_allclose(X_test_norm, (X_test - X_train.mean(axis=1, keepdims=True)) / X_train.std(axis=1, keepdims=True))
    # the test set's own statistics would give it mean 0 exactly; the training ones do not
    assert not np.allclose(X_test_norm.mean(axis=1), 0.0, atol=1e-3)
    # and a single test example can be normalized at all only with the training statistics
    assert ds.normalize(X_test[:, :1], mu, sigma).shape == (4, 1)


def test_a_constant_feature_gets_deviation_one_and_becomes_zero():
    X = np.array([[3.0, 3.0, 3.0], [1.0, 2.0, 3.0]])
    mu, sigma = ds.normalization_stats(X)
    assert sigma[0, 0] == 1.0
    X_norm = ds.normalize(X, mu, sigma)
    assert_array_equal(X_norm[0], [0.0, 0.0, 0.0])
    assert np.isfinite(X_norm).all()


@pytest.mark.parametrize("X, message", [
    (np.zeros(4), "rank-1"),
    (np.zeros((2, 0)), "at least one example"),
    (np.zeros((2, 2, 2)), "3-D"),
    ("abc", "array of real numbers"),
])
def test_stats_reject_bad_input(X, message):
    with pytest.raises(ValueError, match=message):
        ds.normalization_stats(X)


@pytest.mark.parametrize("mu, sigma, message", [
    (np.zeros(3), np.ones((3, 1)), "mu has shape .*rank-1"),
    (np.zeros((3, 1)), np.ones(3), "sigma has shape .*rank-1"),
    (np.zeros((2, 1)), np.ones((3, 1)), r"mu has shape \(2, 1\); expected shape \(3, 1\)"),
    (np.zeros((3, 1)), np.ones((1, 3)), r"sigma has shape \(1, 3\); expected shape \(3, 1\)"),
    (np.zeros((3, 1)), np.array([[1.0], [0.0], [1.0]]), "sigma must be positive"),
    (np.zeros((3, 1)), -np.ones((3, 1)), "sigma must be positive"),
])
def test_normalize_rejects_bad_statistics(mu, sigma, message):
    with pytest.raises(ValueError, match=message):
        ds.normalize(np.ones((3, 5)), mu, sigma)


def test_inputs_are_not_modified():
    X, Y = data(3, 20, 0)
    X0, Y0 = X.copy(), Y.copy()
    ds.train_dev_test_split(X, Y, 0.25, 0.25, np.random.default_rng(0))
    mu, sigma = ds.normalization_stats(X)
    mu0, sigma0 = mu.copy(), sigma.copy()
    X_norm = ds.normalize(X, mu, sigma)
    assert_array_equal(X, X0)
    assert_array_equal(Y, Y0)
    assert_array_equal(mu, mu0)
    assert_array_equal(sigma, sigma0)
    assert not np.shares_memory(X_norm, X)
