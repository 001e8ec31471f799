"""The Python-basics warm-ups: unrolling an image, normalizing rows, a row-wise softmax, L1 and L2."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.special import softmax as scipy_softmax

import dlref.softmax
from dlref.python_basics import L1, L2, image2vector, normalizeRows, softmax


@pytest.mark.parametrize("shape", [(3, 3, 2), (4, 5, 3), (1, 7, 1)])
def test_image2vector_is_one_column_in_c_order(shape):
    image = np.random.default_rng(0).random(shape)
    v = image2vector(image)
    assert v.shape == (image.size, 1)
    i, j, k = (s - 1 for s in shape)  # the last pixel's last channel is the last entry
    assert v[-1, 0] == image[i, j, k] and v[1, 0] == image.flat[1]
    assert_array_equal(v[:, 0], [image[a, b, c] for a in range(shape[0]) for b in range(shape[1]) for c in range(shape[2])])


def test_image2vector_rejects_a_picture_that_is_not_3d():
    with pytest.raises(ValueError, match=r"image has shape \(4, 4\) \(2-D\); expected a 3-D array"):
        image2vector(np.zeros((4, 4)))


@pytest.mark.parametrize("seed", range(3))
def test_normalized_rows_have_length_one_and_keep_their_direction(seed):
    x = np.random.default_rng(seed).normal(0, 5, (4, 6))
    out = normalizeRows(x)
    assert_allclose(np.sqrt(np.sum(out**2, axis=1)), 1.0, rtol=1e-12)  # rows, not columns
    assert_allclose(out * np.sqrt(np.sum(x**2, axis=1))[:, None], x, rtol=1e-12)


def test_normalize_rows_refuses_a_row_of_zeros():
    with pytest.raises(ValueError, match=r"x has a row of zeros \(row 1\)"):
        normalizeRows([[1.0, 2.0], [0.0, 0.0]])


@pytest.mark.parametrize("seed", range(3))
def test_row_softmax_matches_scipy_and_is_the_transpose_of_the_column_softmax(seed):
    x = np.random.default_rng(seed).normal(0, 3, (3, 5))
    s = softmax(x)
    assert_allclose(s, scipy_softmax(x, axis=1), rtol=1e-12)
    assert_allclose(s.sum(axis=1), 1.0, rtol=1e-12)
    assert_allclose(s, dlref.softmax.softmax(x.T).T, rtol=1e-12)


def test_row_softmax_does_not_overflow():
    assert_allclose(softmax([[1000.0, 1000.0, -1000.0]]), [[0.5, 0.5, 0.0]])


@pytest.mark.parametrize("seed", range(3))
def test_l1_and_l2_sum_absolute_and_squared_differences(seed):
    rng = np.random.default_rng(seed)
    yhat, y = rng.random(7), (rng.random(7) < 0.5).astype(float)
    assert_allclose(L1(yhat, y), sum(abs(a - b) for a, b in zip(y, yhat)), rtol=1e-12)
    assert_allclose(L2(yhat, y), sum((a - b) ** 2 for a, b in zip(y, yhat)), rtol=1e-12)


def test_losses_at_the_exercise_values_are_numpy_floats():
    yhat, y = np.array([0.9, 0.2, 0.1, 0.4, 0.9]), np.array([1, 0, 0, 1, 1])  # integer labels
    l1, l2 = L1(yhat, y), L2(yhat, y)
    assert type(l1) is np.float64 and type(l2) is np.float64 and l1.shape == ()
    assert_allclose([l1, l2], [1.1, 0.43], rtol=1e-12)


def test_losses_refuse_a_row_against_a_column():
    with pytest.raises(ValueError, match=r"y has shape \(5, 1\); expected the shape of yhat, \(5,\)"):
        L2(np.zeros(5), np.zeros((5, 1)))  # broadcasting would sum 25 differences
