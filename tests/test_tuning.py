"""Hyperparameter sampling: log scales, beta near 1, random search versus a grid, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy import stats

from dlref import tuning


@pytest.mark.parametrize("low, high", [(1e-4, 1.0), (1e-6, 1e-2), (0.5, 20.0)])
def test_log_uniform_exponents_are_uniform(low, high):
    alpha = tuning.sample_log_uniform(low, high, 20_000, np.random.default_rng(0))
    assert alpha.shape == (20_000,)
    assert alpha.min() >= low and alpha.max() <= high
    r = np.log10(alpha)
    uniform = stats.uniform(np.log10(low), np.log10(high) - np.log10(low))
    assert stats.kstest(r, uniform.cdf).pvalue > 1e-3
    # a uniform draw on [low, high] would fail: the exponents would pile up near log10(high)
    linear = np.random.default_rng(0).uniform(low, high, 20_000)
    assert stats.kstest(np.log10(linear), uniform.cdf).pvalue < 1e-6


def test_log_uniform_gives_each_decade_the_same_share():
    alpha = tuning.sample_log_uniform(1e-4, 1.0, 40_000, np.random.default_rng(1))
    counts, _ = np.histogram(alpha, bins=[1e-4, 1e-3, 1e-2, 1e-1, 1.0])
    assert_allclose(counts / alpha.size, 0.25, atol=0.01)


def test_beta_is_sampled_through_one_minus_beta_on_a_log_scale():
    beta = tuning.sample_beta(0.9, 0.999, 20_000, np.random.default_rng(2))
    assert beta.min() >= 0.9 and beta.max() <= 0.999
    r = np.log10(1.0 - beta)
    assert stats.kstest(r, stats.uniform(-3.0, 2.0).cdf).pvalue > 1e-3
    # as many draws in [0.99, 0.999] as in [0.9, 0.99]; a uniform beta would put 9% there
    assert_allclose(np.mean(beta >= 0.99), 0.5, atol=0.015)
    # sampling beta itself log-uniformly is nearly uniform on [0.9, 0.999]: the wrong scale
    wrong = tuning.sample_log_uniform(0.9, 0.999, 20_000, np.random.default_rng(2))
    assert np.mean(wrong >= 0.99) < 0.12


def test_samples_depend_only_on_the_generator():
    a = tuning.sample_log_uniform(1e-3, 1.0, 5, np.random.default_rng(7))
    b = tuning.sample_log_uniform(1e-3, 1.0, 5, np.random.default_rng(7))
    assert_array_equal(a, b)
    assert not np.array_equal(a, tuning.sample_log_uniform(1e-3, 1.0, 5, np.random.default_rng(8)))


SPACE = {
    "learning_rate": (1e-4, 1.0, "log"),
    "beta": (0.9, 0.999, "beta"),
    "n_h": (50, 100, "int"),
    "keep_prob": (0.5, 1.0, "linear"),
}


def test_random_search_draws_every_hyperparameter_on_its_scale():
    configs = tuning.random_search(SPACE, 2_000, np.random.default_rng(3))
    assert len(configs) == 2_000 and all(list(c) == list(SPACE) for c in configs)
    column = {name: np.array([c[name] for c in configs]) for name in SPACE}
    assert all(type(c["n_h"]) is int and type(c["learning_rate"]) is float for c in configs)
    assert column["n_h"].min() == 50 and column["n_h"].max() == 100  # both ends included
    assert 0.2 < np.mean(column["learning_rate"] < 1e-2) < 0.6  # half the decades: about half the draws
    assert 0.4 < np.mean(column["beta"] >= 0.99) < 0.6
    assert 0.4 < np.mean(column["keep_prob"] < 0.75) < 0.6
    assert column["keep_prob"].min() >= 0.5 and column["keep_prob"].max() <= 1.0


def test_random_search_tries_many_more_distinct_values_than_a_grid():
    k = 5  # a 5 x 5 grid tries 5 values of each hyperparameter; 25 random settings try 25
    configs = tuning.random_search({"a": (0.0, 1.0, "linear"), "b": (0.0, 1.0, "linear")}, k * k,
                                   np.random.default_rng(4))
    assert len({c["a"] for c in configs}) == k * k and len({c["b"] for c in configs}) == k * k
    grid = [(a, b) for a in np.linspace(0, 1, k) for b in np.linspace(0, 1, k)]
    assert len({a for a, _ in grid}) == k


def test_random_search_does_not_modify_the_space():
    space = dict(SPACE)
    tuning.random_search(space, 3, np.random.default_rng(5))
    assert space == SPACE


@pytest.mark.parametrize(
    "function, low, high, message",
    [
        (tuning.sample_log_uniform, 0.0, 1.0, "low must be greater than 0"),
        (tuning.sample_log_uniform, -1.0, 1.0, "low must be greater than 0"),
        (tuning.sample_log_uniform, 1.0, 1e-4, "low must be less than high"),
        (tuning.sample_log_uniform, 1.0, 1.0, "low must be less than high"),
        (tuning.sample_log_uniform, 1e-4, float("inf"), "high must be finite"),
        (tuning.sample_beta, 0.9, 1.0, "high must be less than 1"),
        (tuning.sample_beta, 0.0, 0.9, "low must be greater than 0"),
        (tuning.sample_beta, 0.999, 0.9, "low must be less than high"),
        (tuning.sample_beta, np.array([0.9]), 0.99, "low must be a real number"),
    ],
)
def test_samplers_reject_bad_ranges(function, low, high, message):
    with pytest.raises(ValueError, match=message):
        function(low, high, 3, np.random.default_rng(0))


@pytest.mark.parametrize("function", [tuning.sample_log_uniform, tuning.sample_beta])
def test_samplers_reject_bad_size_and_rng(function):
    with pytest.raises(ValueError, match="size must be at least 1"):
        function(0.9, 0.99, 0, np.random.default_rng(0))
    with pytest.raises(ValueError, match="size must be an integer"):
        function(0.9, 0.99, 2.0, np.random.default_rng(0))
    with pytest.raises(ValueError, match="rng must be a numpy.random.Generator"):
        function(0.9, 0.99, 3, 0)


@pytest.mark.parametrize(
    "space, message",
    [
        ({}, "space must name at least one hyperparameter"),
        ({"alpha": (1e-4, 1.0)}, r"space\['alpha'\] must be a tuple \(low, high, scale\)"),
        ({"alpha": (1e-4, 1.0, "exp")}, r"scale one of"),
        ({"alpha": (0.0, 1.0, "log")}, "low must be greater than 0"),
        ({"beta": (0.9, 1.5, "beta")}, "high must be less than 1"),
        ({"n_h": (100, 50, "int")}, r"space\['n_h'\]: low must not exceed high"),
        ({"n_h": (1.5, 50, "int")}, "low must be an integer"),
        ({"x": (2.0, 1.0, "linear")}, "low must be less than high"),
    ],
)
def test_random_search_rejects_a_bad_space(space, message):
    with pytest.raises(ValueError, match=message):
        tuning.random_search(space, 3, np.random.default_rng(0))


def test_random_search_rejects_a_bad_count():
    with pytest.raises(ValueError, match="num_configs must be at least 1"):
        tuning.random_search(SPACE, 0, np.random.default_rng(0))
