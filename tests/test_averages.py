"""Exponentially weighted averages: the recursion, its unrolled form, bias correction, window."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.signal import lfilter

from dlref.averages import exponentially_weighted_average as ewa


@pytest.mark.parametrize("beta", [0.0, 0.5, 0.9, 0.98])
@pytest.mark.parametrize("seed", [0, 1])
def test_matches_the_unrolled_sum_and_a_linear_filter(beta, seed):
    theta = np.random.default_rng(seed).normal(10.0, 3.0, 60)
    T = len(theta)
    unrolled = [(1 - beta) * sum(beta ** (t - k) * theta[k - 1] for k in range(1, t + 1)) for t in range(1, T + 1)]
    v = ewa(theta, beta)
    assert_allclose(v, unrolled, rtol=1e-12)
    assert_allclose(v, lfilter([1 - beta], [1, -beta], theta), rtol=1e-12)  # independent: scipy
    weights = [(1 - beta) * sum(beta ** (t - k) for k in range(1, t + 1)) for t in range(1, T + 1)]
    assert_allclose(ewa(theta, beta, bias_correction=True), np.array(unrolled) / weights, rtol=1e-12)


@pytest.mark.parametrize("beta", [0.5, 0.9, 0.999])
def test_bias_correction_divides_by_one_minus_beta_to_the_t_with_t_from_one(beta):
    theta = np.full(5, 7.0)
    assert_allclose(ewa(theta, beta, bias_correction=True), theta, rtol=1e-12)
    t = np.arange(1, 6)
    assert_allclose(ewa(theta, beta), 7.0 * (1 - beta**t), rtol=1e-12)  # the uncorrected start is low


def test_beta_zero_returns_the_series():
    theta = np.array([3.0, -1.0, 4.0])
    assert_array_equal(ewa(theta, 0.0), theta)
    assert_array_equal(ewa(theta, 0.0, bias_correction=True), theta)


@pytest.mark.parametrize("beta", [0.9, 0.98, 0.995])
def test_a_value_weighs_about_one_over_e_after_one_over_one_minus_beta_steps(beta):
    window = round(1 / (1 - beta))
    impulse = np.zeros(window + 1)
    impulse[0] = 1.0
    v = ewa(impulse, beta)  # v_t is the weight the first value still has at step t
    assert_allclose(v[window] / v[0], np.exp(-1), rtol=0.06)


@pytest.mark.parametrize("theta, beta, message", [
    (np.ones((2, 3)), 0.9, r"theta has shape \(2, 3\); expected a one-dimensional series"),
    (5.0, 0.9, r"theta has shape \(\); expected"),
    (np.ones(3), 1.0, r"beta must be in \[0, 1\)"),
    (np.ones(3), -0.1, r"beta must be in \[0, 1\)"),
    (np.ones(3), [0.9], "beta must be a real number"),
    (["a"], 0.9, "theta must be an array of real numbers"),
])
def test_bad_input_is_rejected(theta, beta, message):
    with pytest.raises(ValueError, match=message):
        ewa(theta, beta)


def test_the_series_is_not_modified():
    theta = np.array([1.0, 2.0, 3.0])
    v = ewa(theta, 0.5, bias_correction=True)
    assert_array_equal(theta, [1.0, 2.0, 3.0])
    assert not np.shares_memory(v, theta)
    assert ewa([], 0.9).shape == (0,)
