"""Softmax and cross-entropy: stability, the C = 2 sigmoid case, dZ = A - Y, one-hot labels, bad input."""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from numpy.testing import assert_allclose, assert_array_equal
from scipy.special import softmax as scipy_softmax
from sklearn.metrics import log_loss

from dlref import softmax as sm
from dlref.activations import sigmoid
from gradcheck import numerical_gradient, relative_error

SHAPES = [(2, 1), (3, 4), (4, 7), (10, 12)]


def problem(C: int, m: int, seed: int):
    rng = np.random.default_rng(seed)
    Z = rng.normal(0, 2, (C, m))
    labels = rng.integers(0, C, (1, m))
    return Z, sm.convert_to_one_hot(labels, C), labels


@pytest.mark.parametrize("C, m", SHAPES)
@pytest.mark.parametrize("seed", [0, 1])
def test_softmax_matches_scipy_and_columns_sum_to_one(C, m, seed):
    Z, _, _ = problem(C, m, seed)
    A = sm.softmax(Z)
    assert A.shape == (C, m)
    assert_allclose(A, scipy_softmax(Z, axis=0), rtol=1e-13)
    assert_allclose(A.sum(axis=0), 1.0, rtol=1e-14)


def test_softmax_normalizes_each_column_not_each_row():
    Z = np.array([[1.0, 2.0, 3.0], [1.0, 0.0, -1.0]])
    A = sm.softmax(Z)
    assert_allclose(A.sum(axis=0), 1.0, rtol=1e-14)
    assert not np.allclose(A.sum(axis=1), 1.0)
    assert_allclose(A[:, 0], [0.5, 0.5], rtol=1e-15)


def test_softmax_subtracts_each_columns_own_max():
    # columns of very different scales: a single global max would underflow the second column
    Z = np.array([[1000.0, -1000.0], [999.0, -1001.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        A = sm.softmax(Z)
    expected = np.array([[1.0], [np.exp(-1.0)]]) / (1.0 + np.exp(-1.0))
    assert_allclose(A, np.hstack([expected, expected]), rtol=1e-14)
    with np.errstate(invalid="ignore", under="ignore"):  # the wrong version: 0/0 in the second column
        t = np.exp(Z - Z.max())
        assert np.isnan(t / t.sum(axis=0, keepdims=True)).any()
    with np.errstate(over="ignore", invalid="ignore"):  # no shift at all: inf/inf
        t = np.exp(Z)
        assert np.isnan(t / t.sum(axis=0, keepdims=True)).any()


def test_softmax_is_unchanged_by_a_constant_added_to_a_column():
    Z, _, _ = problem(4, 5, 2)
    shift = np.array([[3.0, -50.0, 0.0, 700.0, 1e-3]])
    assert_allclose(sm.softmax(Z + shift), sm.softmax(Z), rtol=1e-10)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_softmax_with_two_classes_is_the_sigmoid_of_the_difference(seed):
    Z, _, _ = problem(2, 9, seed)
    A = sm.softmax(Z)
    assert_allclose(A[0], sigmoid(Z[0] - Z[1]), rtol=1e-13)
    # with the second logit fixed at 0 the first probability is sigmoid(z), logistic regression
    z = Z[:1]
    assert_allclose(sm.softmax(np.vstack([z, np.zeros_like(z)]))[0], sigmoid(z)[0], rtol=1e-13)


@pytest.mark.parametrize("C, m", SHAPES)
@pytest.mark.parametrize("seed", [0, 1])
def test_backward_gradient_check_of_the_cost_of_softmax(C, m, seed):
    Z, Y, _ = problem(C, m, seed)
    dZ = sm.softmax_cross_entropy_backward(sm.softmax(Z), Y)
    numeric = numerical_gradient(lambda z: sm.cross_entropy_cost(sm.softmax(z), Y), Z)
    assert dZ.shape == (C, m)
    assert relative_error(dZ / m, numeric) < 1e-7  # dZ = m dJ/dZ, the course's scale


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_backward_and_cost_match_autograd(seed):
    Z, Y, _ = problem(5, 8, seed)

    def J(Z_):  # the textbook formulas, written independently of dlref
        A = anp.exp(Z_) / anp.sum(anp.exp(Z_), axis=0, keepdims=True)
        return -anp.sum(Y * anp.log(A)) / Z_.shape[1]

    assert_allclose(sm.cross_entropy_cost(sm.softmax(Z), Y), J(Z), rtol=1e-12)
    dZ = sm.softmax_cross_entropy_backward(sm.softmax(Z), Y)
    assert_allclose(dZ / Z.shape[1], grad(J)(Z), rtol=1e-10, atol=1e-14)


def test_backward_is_A_minus_Y():
    Z, Y, _ = problem(3, 6, 3)
    A = sm.softmax(Z)
    assert_array_equal(sm.softmax_cross_entropy_backward(A, Y), A - Y)
    # each column of dZ sums to 0: probabilities and labels both sum to 1
    assert_allclose(sm.softmax_cross_entropy_backward(A, Y).sum(axis=0), 0.0, atol=1e-15)


@pytest.mark.parametrize("seed", [0, 1])
def test_cost_matches_scikit_learn_log_loss_and_is_a_numpy_float64(seed):
    Z, Y, labels = problem(4, 30, seed)
    A = sm.softmax(Z)
    cost = sm.cross_entropy_cost(A, Y)
    assert type(cost) is np.float64 and isinstance(cost, float) and cost.shape == ()  # the course reads .shape
    assert_allclose(cost, log_loss(labels[0], A.T, labels=range(4)), rtol=1e-12)
    # mean over examples of -log(probability of the true class); a sum over the wrong axis fails
    assert_allclose(cost, -np.mean(np.log(A[labels[0], np.arange(30)])), rtol=1e-12)


def test_cost_is_finite_when_probabilities_are_exactly_zero():
    AL = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    Y = np.array([[1.0, 1.0], [0.0, 0.0], [0.0, 0.0]])
    with np.errstate(all="raise"):
        cost = sm.cross_entropy_cost(AL, Y)
    # example 1 is right with certainty (0); example 2 gives its true class 0: clipped, about 708
    assert_allclose(cost, -np.log(np.finfo(np.float64).tiny) / 2, rtol=1e-14)
    assert sm.cross_entropy_cost(np.eye(3), np.eye(3)) == 0.0


def test_convert_to_one_hot_matches_the_course_recipe():
    labels = np.array([[1, 2, 3, 0, 2, 1]])
    Y = sm.convert_to_one_hot(labels, 4)
    assert_array_equal(Y, np.eye(4)[labels.reshape(-1)].T)  # the assignment's one-liner
    assert Y.shape == (4, 6) and Y.dtype == np.float64
    assert_array_equal(np.argmax(Y, axis=0), labels[0])
    assert_array_equal(sm.convert_to_one_hot(labels.astype(float), 4), Y)


def test_functions_do_not_modify_their_inputs():
    Z, Y, labels = problem(3, 5, 4)
    A = sm.softmax(Z)
    arrays = [Z, Y, labels, A]
    copies = [a.copy() for a in arrays]
    sm.softmax(Z)
    sm.cross_entropy_cost(A, Y)
    dZ = sm.softmax_cross_entropy_backward(A, Y)
    sm.convert_to_one_hot(labels, 3)
    for original, copy in zip(arrays, copies):
        assert_array_equal(original, copy)
    assert not np.shares_memory(dZ, A)


@pytest.mark.parametrize(
    "Z, message",
    [
        (np.ones(3), r"Z has shape \(3,\), a rank-1 array; expected a 2-D array of shape \(C, m\)"),
        (np.ones((2, 3, 4)), r"Z has shape \(2, 3, 4\) \(3-D\)"),
        ([["a"]], "Z must be an array of real numbers"),
    ],
)
def test_softmax_rejects_bad_input(Z, message):
    with pytest.raises(ValueError, match=message):
        sm.softmax(Z)


GOOD_A = np.array([[0.2, 0.6], [0.8, 0.4]])
BAD_LABELS = [
    (GOOD_A, np.array([1.0, 0.0]), r"Y has shape \(2,\); expected the shape of AL, \(2, 2\)"),
    (GOOD_A, np.eye(3)[:, :2], r"Y has shape \(3, 2\); expected the shape of AL, \(2, 2\)"),
    (GOOD_A, np.array([[1.0, 1.0], [1.0, 0.0]]), "Y must be one-hot"),
    (GOOD_A, np.array([[0.5, 0.0], [0.5, 1.0]]), "Y must be one-hot"),
    (GOOD_A, np.zeros((2, 2)), "Y must be one-hot"),
    (np.array([0.5, 0.5]), np.eye(2), r"AL has shape \(2,\), a rank-1 array"),
]


@pytest.mark.parametrize("AL, Y, message", BAD_LABELS)
@pytest.mark.parametrize("function", [sm.cross_entropy_cost, sm.softmax_cross_entropy_backward])
def test_cost_and_backward_reject_bad_labels(function, AL, Y, message):
    with pytest.raises(ValueError, match=message):
        function(AL, Y)


def test_cost_rejects_values_that_are_not_probabilities():
    with pytest.raises(ValueError, match=r"AL must hold probabilities in \[0, 1\]"):
        sm.cross_entropy_cost(np.array([[2.0, 0.5], [-1.0, 0.5]]), np.eye(2))


@pytest.mark.parametrize(
    "labels, C, message",
    [
        (np.array([0, 1, 2]), 3, r"Y has shape \(3,\), a rank-1 array; expected .*\(1, m\)"),
        (np.array([[0], [1]]), 3, r"Y has shape \(2, 1\); expected shape \(1, m\)"),
        (np.array([[0, 3]]), 3, "integer labels from 0 to C - 1 = 2"),
        (np.array([[0, -1]]), 3, "integer labels from 0 to C - 1 = 2"),
        (np.array([[0.5, 1.0]]), 3, "integer labels"),
        (np.array([[0, 1]]), 0, "C must be at least 1"),
        (np.array([[0, 1]]), 2.0, "C must be an integer"),
    ],
)
def test_convert_to_one_hot_rejects_bad_input(labels, C, message):
    with pytest.raises(ValueError, match=message):
        sm.convert_to_one_hot(labels, C)
