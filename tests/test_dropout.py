"""Inverted dropout: the mask, the scaling, and a backward pass that reuses both."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from dlref.dropout import dropout_backward, dropout_forward
from gradcheck import numerical_gradient, relative_error


@pytest.mark.parametrize("keep_prob", [0.5, 0.8, 0.95])
def test_units_are_kept_with_probability_keep_prob(keep_prob):
    A = np.ones((200, 500))
    A_dropped, D = dropout_forward(A, keep_prob, np.random.default_rng(1))
    assert D.dtype == bool and D.shape == A.shape
    assert abs(D.mean() - keep_prob) < 0.005  # 100,000 draws: the standard error is ~0.0015
    assert_array_equal(A_dropped[~D], 0.0)
    assert_allclose(A_dropped[D], 1.0 / keep_prob)  # inverted: divided by keep_prob, not by 1 - keep_prob


def test_expected_activation_is_unchanged():
    rng = np.random.default_rng(2)
    A = rng.random((100, 1000))
    A_dropped, _ = dropout_forward(A, 0.7, rng)
    assert_allclose(A_dropped.mean(), A.mean(), rtol=0.01)


def test_keep_prob_one_turns_dropout_off():
    A = np.random.default_rng(3).standard_normal((4, 5))
    A_dropped, D = dropout_forward(A, 1.0, np.random.default_rng(0))
    assert D.all()
    assert_array_equal(A_dropped, A)


@pytest.mark.parametrize("shape", [(1, 4), (3, 5), (6, 2)])
@pytest.mark.parametrize("keep_prob", [0.5, 0.9])
def test_backward_gradient_check_with_a_fixed_mask(shape, keep_prob):
    rng = np.random.default_rng(4)
    A, dA = rng.standard_normal(shape), rng.standard_normal(shape)  # random upstream gradient

    def forward(a):  # the same seed gives the same mask on every call
        return dropout_forward(a, keep_prob, np.random.default_rng(99))

    _, D = forward(A)
    numeric = numerical_gradient(lambda a: float(np.sum(dA * forward(a)[0])), A)
    assert relative_error(dropout_backward(dA, D, keep_prob), numeric) < 1e-7


def test_backward_uses_the_forward_mask_not_a_new_one():
    D = np.array([[True, False, False, True]])
    assert_array_equal(dropout_backward(np.ones((1, 4)), D, 0.5), [[2.0, 0.0, 0.0, 2.0]])


@pytest.mark.parametrize("keep_prob", [0.0, -0.2, 1.5, float("nan")])
def test_keep_prob_outside_zero_one_is_rejected(keep_prob):
    with pytest.raises(ValueError, match="keep_prob must be"):
        dropout_forward(np.ones((2, 2)), keep_prob, np.random.default_rng(0))
    with pytest.raises(ValueError, match="keep_prob"):
        dropout_backward(np.ones((2, 2)), np.ones((2, 2), dtype=bool), keep_prob)


def test_mask_of_the_wrong_shape_is_rejected():
    with pytest.raises(ValueError, match=r"D has shape \(2, 3\); expected the shape of dA, \(3, 2\)"):
        dropout_backward(np.ones((3, 2)), np.ones((2, 3), dtype=bool), 0.5)


def test_rng_must_be_a_generator():
    with pytest.raises(ValueError, match="rng must be a numpy.random.Generator"):
        dropout_forward(np.ones((2, 2)), 0.5, 0)


def test_inputs_are_not_modified():
    rng = np.random.default_rng(5)
    A, dA = rng.standard_normal((3, 4)), rng.standard_normal((3, 4))
    A_copy, dA_copy = A.copy(), dA.copy()
    _, D = dropout_forward(A, 0.5, rng)
    D_copy = D.copy()
    dropout_backward(dA, D, 0.5)
    assert_array_equal(A, A_copy)
    assert_array_equal(dA, dA_copy)
    assert_array_equal(D, D_copy)


def test_rank_1_activations_are_refused():
    with pytest.raises(ValueError, match=r"A has shape \(4,\), a rank-1 array"):
        dropout_forward(np.ones(4), 0.5, np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"dA has shape \(4,\), a rank-1 array"):
        dropout_backward(np.ones(4), np.ones(4, dtype=bool), 0.5)
