"""Skip-gram with negative sampling and the GloVe objective: values, gradient checks, autograd."""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from numpy.testing import assert_allclose

from dlref import embedding_learning as el
from gradcheck import numerical_gradient, relative_error


def skipgram_problem(seed, n_e=6, k=4):
    rng = np.random.default_rng(seed)
    return rng.standard_normal(n_e), rng.standard_normal(n_e), rng.standard_normal((k, n_e))


@pytest.mark.parametrize("seed", range(3))
def test_skipgram_loss_is_k_plus_1_logistic_losses_and_matches_autograd(seed):
    e_c, theta_t, theta_neg = skipgram_problem(seed)
    loss, g = el.skipgram_negative_sampling_loss(e_c, theta_t, theta_neg)
    sig = lambda z: 1 / (1 + anp.exp(-z))  # noqa: E731
    f = lambda e, t, n: -anp.log(sig(anp.dot(t, e))) - anp.sum(anp.log(sig(-anp.dot(n, e))))  # noqa: E731
    assert loss == pytest.approx(f(e_c, theta_t, theta_neg), rel=1e-12)
    for key, i in [("de_c", 0), ("dtheta_t", 1), ("dtheta_neg", 2)]:
        assert_allclose(g[key], grad(f, i)(e_c, theta_t, theta_neg), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("seed", range(3))
def test_skipgram_gradient_check(seed):
    e_c, theta_t, theta_neg = skipgram_problem(seed)
    _, g = el.skipgram_negative_sampling_loss(e_c, theta_t, theta_neg)
    J = lambda *args: el.skipgram_negative_sampling_loss(*args)[0]  # noqa: E731
    assert relative_error(g["de_c"], numerical_gradient(lambda v: J(v, theta_t, theta_neg), e_c)) < 1e-7
    assert relative_error(g["dtheta_t"], numerical_gradient(lambda v: J(e_c, v, theta_neg), theta_t)) < 1e-7
    assert relative_error(g["dtheta_neg"], numerical_gradient(lambda v: J(e_c, theta_t, v), theta_neg)) < 1e-7


def test_skipgram_loss_stays_finite_when_the_logits_are_huge():
    loss, _ = el.skipgram_negative_sampling_loss(np.array([100.0]), np.array([-100.0]), np.array([[100.0]]))
    assert loss == pytest.approx(20000.0)  # two terms of -log sigmoid(-10000) = 10000 each


def test_the_negative_sampling_distribution_is_frequency_to_the_three_quarters():
    counts = np.array([1000.0, 10.0, 1.0, 0.0])
    p = el.negative_sampling_distribution(counts)
    assert_allclose(p, counts**0.75 / np.sum(counts**0.75))
    assert p.sum() == pytest.approx(1.0) and p[0] < counts[0] / counts.sum()  # flatter than the frequencies


def glove_problem(seed, V=5, n_e=3):
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 150, (V, V)).astype(float)
    X[rng.random((V, V)) < 0.3] = 0.0  # some pairs never co-occur
    return X, rng.standard_normal((V, n_e)), rng.standard_normal((V, n_e)), rng.standard_normal(V), rng.standard_normal(V)


@pytest.mark.parametrize("seed", range(3))
def test_glove_loss_matches_its_double_sum_and_autograd(seed):
    X, theta, e, b, bp = glove_problem(seed)
    loss, g = el.glove_loss(X, theta, e, b, bp)
    expected = sum(min(X[i, j] / 100, 1.0) ** 0.75 * (theta[i] @ e[j] + b[i] + bp[j] - np.log(X[i, j])) ** 2
                   for i in range(5) for j in range(5) if X[i, j] > 0)
    assert loss == pytest.approx(expected, rel=1e-12)

    def J(t_, e_, b_, bp_):
        f = anp.minimum(X / 100, 1.0) ** 0.75
        r = anp.dot(t_, e_.T) + b_[:, None] + bp_[None, :] - anp.log(anp.where(X > 0, X, 1.0))
        return anp.sum(f * r**2)

    for key, i in [("dtheta", 0), ("de", 1), ("db", 2), ("db_prime", 3)]:
        assert_allclose(g[key], grad(J, i)(theta, e, b, bp), rtol=1e-10, atol=1e-10)


@pytest.mark.parametrize("seed", range(2))
def test_glove_gradient_check(seed):
    X, theta, e, b, bp = glove_problem(seed)
    _, g = el.glove_loss(X, theta, e, b, bp)
    J = lambda *args: el.glove_loss(X, *args)[0]  # noqa: E731
    assert relative_error(g["dtheta"], numerical_gradient(lambda v: J(v, e, b, bp), theta)) < 1e-7
    assert relative_error(g["de"], numerical_gradient(lambda v: J(theta, v, b, bp), e)) < 1e-7
    assert relative_error(g["db"], numerical_gradient(lambda v: J(theta, e, v, bp), b)) < 1e-7
    assert relative_error(g["db_prime"], numerical_gradient(lambda v: J(theta, e, b, v), bp)) < 1e-7


def test_bad_input_is_rejected():
    with pytest.raises(ValueError, match=r"expected \(n_e,\), \(n_e,\) and \(k, n_e\)"):
        el.skipgram_negative_sampling_loss(np.ones(3), np.ones(3), np.ones(3))
    X, theta, e, b, bp = glove_problem(0)
    with pytest.raises(ValueError, match="non-negative"):
        el.glove_loss(-X, theta, e, b, bp)
    with pytest.raises(ValueError, match=r"b \(4,\)"):
        el.glove_loss(X, theta, e, b[:4], bp)
