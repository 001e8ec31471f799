"""Triplet loss (max per triplet, then the sum) and its gradient; verification and recognition."""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from numpy.testing import assert_allclose

from dlref import faces


def triplets(m=6, d=5, seed=0):
    rng = np.random.default_rng(seed)
    return tuple(rng.standard_normal((m, d)) for _ in range(3))


def test_max_is_taken_per_triplet_before_the_sum():
    a = np.zeros((2, 1))
    p, n = np.array([[1.0], [0.1]]), np.array([[0.1], [3.0]])
    # triplet 1: 1 - 0.01 + 0.2 = 1.19 > 0; triplet 2: 0.01 - 9 + 0.2 < 0, contributes 0
    assert faces.triplet_loss(None, (a, p, n)) == pytest.approx(1.19)
    summed_first = max(np.sum((a - p) ** 2) - np.sum((a - n) ** 2) + 0.2, 0.0)
    assert summed_first == 0.0  # the wrong order would report no loss at all


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("alpha", [0.2, 1.0])
def test_gradient_matches_autograd(seed, alpha):
    a, p, n = triplets(seed=seed)

    def J(a_, p_, n_):  # written independently of dlref
        return anp.sum(anp.maximum(anp.sum((a_ - p_) ** 2, axis=1) - anp.sum((a_ - n_) ** 2, axis=1) + alpha, 0.0))

    assert faces.triplet_loss(None, (a, p, n), alpha) == pytest.approx(float(J(a, p, n)))
    for k, g in enumerate(faces.triplet_loss_backward((a, p, n), alpha)):
        assert_allclose(g, grad(J, k)(a, p, n), rtol=1e-12, atol=1e-12)


def test_zero_encodings_cost_alpha_per_triplet():
    z = np.zeros((4, 3))
    assert faces.triplet_loss(None, (z, z, z), alpha=0.2) == pytest.approx(0.8)


def test_verify_and_who_is_it():
    rng = np.random.default_rng(3)
    database = {name: rng.standard_normal(8) for name in ("ana", "ben", "chen")}
    near_ben = database["ben"] + 0.01
    assert faces.verify(near_ben, "ben", database) == (pytest.approx(np.linalg.norm(np.full(8, 0.01))), True)
    assert faces.verify(near_ben, "ana", database)[1] is False
    assert faces.who_is_it(near_ben, database)[1] == "ben"
    assert faces.who_is_it(near_ben + 10.0, database)[1] is None


def test_bad_input_is_named():
    a, p, n = triplets()
    with pytest.raises(ValueError, match=r"anchor has shape \(6, 5\), positive \(6, 4\)"):
        faces.triplet_loss(None, (a, p[:, :4], n))
    with pytest.raises(ValueError, match="alpha must be at least 0"):
        faces.triplet_loss(None, (a, p, n), alpha=-1.0)
    with pytest.raises(ValueError, match="identity 'dan' is not in the database"):
        faces.verify(a[0], "dan", {"ana": a[1]})
    with pytest.raises(ValueError, match=r"database\['ana'\] has shape \(4,\) and encoding has shape \(5,\)"):
        faces.who_is_it(a[0], {"ana": a[1][:4]})


def test_nan_encodings_are_reported():
    with pytest.raises(ValueError, match=r"database\['ana'\] holds NaN"):
        faces.who_is_it(np.zeros(3), {"ana": np.full(3, np.nan), "ben": np.ones(3)})
