"""Logistic regression: gradients, the loop/vectorized agreement, costs, bad input, real data."""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from numpy.testing import assert_allclose, assert_array_equal
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from dlref import logistic_regression as lr
from gradcheck import numerical_gradient, relative_error
from real_data import breast_cancer_split

SHAPES = [(1, 1), (2, 5), (7, 3), (12, 40)]


def problem(n_x: int, m: int, seed: int):
    rng = np.random.default_rng(seed)
    w = rng.standard_normal((n_x, 1))
    b = float(rng.standard_normal())
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((1, m)) < 0.5).astype(np.float64)
    return w, b, X, Y


@pytest.mark.parametrize("n_x, m", SHAPES)
@pytest.mark.parametrize("seed", [0, 1])
def test_propagate_gradient_check(n_x, m, seed):
    w, b, X, Y = problem(n_x, m, seed)
    grads, _ = lr.propagate(w, b, X, Y)
    dw_numeric = numerical_gradient(lambda w_: lr.propagate(w_, b, X, Y)[1], w)
    db_numeric = numerical_gradient(lambda b_: lr.propagate(w, b_[()], X, Y)[1], np.array(b))
    assert grads["dw"].shape == (n_x, 1)
    assert isinstance(grads["db"], float)
    assert relative_error(grads["dw"], dw_numeric) < 1e-7
    assert relative_error(grads["db"], db_numeric) < 1e-7


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_propagate_matches_autograd(seed):
    w, b, X, Y = problem(6, 9, seed)

    def cost(w_, b_):  # the textbook formula, written independently of dlref
        A = 1 / (1 + anp.exp(-(anp.dot(w_.T, X) + b_)))
        return -anp.mean(Y * anp.log(A) + (1 - Y) * anp.log(1 - A))

    grads, J = lr.propagate(w, b, X, Y)
    assert_allclose(J, cost(w, b), rtol=1e-12)
    assert_allclose(grads["dw"], grad(cost, 0)(w, b), rtol=1e-10, atol=1e-14)
    assert_allclose(grads["db"], grad(cost, 1)(w, b), rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize("n_x, m", SHAPES)
@pytest.mark.parametrize("seed", [0, 1])
def test_loop_and_vectorized_versions_agree(n_x, m, seed):
    w, b, X, Y = problem(n_x, m, seed)
    grads_vec, cost_vec = lr.propagate(w, b, X, Y)
    grads_loop, cost_loop = lr.propagate_loop(w, b, X, Y)
    assert_allclose(cost_loop, cost_vec, rtol=1e-12)
    assert_allclose(grads_loop["dw"], grads_vec["dw"], rtol=1e-10, atol=1e-14)
    assert_allclose(grads_loop["db"], grads_vec["db"], rtol=1e-10, atol=1e-14)


def test_cost_is_the_mean_cross_entropy():
    rng = np.random.default_rng(5)
    Z, Y = rng.normal(0, 2, (1, 50)), (rng.random((1, 50)) < 0.5).astype(float)
    A = 1 / (1 + np.exp(-Z))
    assert_allclose(lr.logistic_cost(Z, Y), log_loss(Y[0], A[0]), rtol=1e-12)
    # the notes' formula with its stray factor L, or without the minus sign, would fail here
    assert_allclose(lr.logistic_cost(Z, Y), -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)), rtol=1e-12)


def test_loss_takes_prediction_and_label_in_the_course_order():
    a = 0.9
    z = np.log(a / (1 - a))  # the logit with sigmoid(z) = 0.9
    assert_allclose(lr.logistic_loss([[z]], [[1.0]]), [[-np.log(a)]], rtol=1e-12)
    assert_allclose(lr.logistic_loss([[z]], [[0.0]]), [[-np.log(1 - a)]], rtol=1e-12)


def test_cost_is_the_negative_mean_log_likelihood():
    # p(y | x) = yhat^y (1 - yhat)^(1 - y); J = -(1/m) log prod_i p(y_i | x_i)
    rng = np.random.default_rng(6)
    Z, Y = rng.normal(0, 1, (1, 20)), (rng.random((1, 20)) < 0.5).astype(float)
    yhat = 1 / (1 + np.exp(-Z))
    likelihood = np.prod(yhat**Y * (1 - yhat) ** (1 - Y))
    assert_allclose(lr.logistic_cost(Z, Y), -np.log(likelihood) / Z.shape[1], rtol=1e-12)


def test_cost_stays_finite_and_exact_when_the_sigmoid_saturates():
    Z, Y = np.array([[40.0, -1000.0, 1000.0, 745.0]]), np.array([[1.0, 1.0, 0.0, 1.0]])
    with np.errstate(over="raise", divide="raise", invalid="raise"):
        L = lr.logistic_loss(Z, Y)
    # log(1 + e^-40) ~ e^-40; a wrong answer from log(sigmoid) would be 0 or inf
    assert_allclose(L, [[np.exp(-40.0), 1000.0, 1000.0, np.exp(-745.0)]], rtol=1e-12, atol=0)
    grads, cost = lr.propagate(np.array([[1000.0]]), 0.0, np.array([[1.0, -1.0]]), np.array([[0.0, 1.0]]))
    assert cost == pytest.approx(1000.0)
    assert np.isfinite(grads["dw"]).all()


def test_one_optimize_step_is_one_gradient_step():
    w, b, X, Y = problem(4, 10, 7)
    grads, _ = lr.propagate(w, b, X, Y)
    params, _, costs = lr.optimize(w, b, X, Y, num_iterations=1, learning_rate=0.3)
    assert_allclose(params["w"], w - 0.3 * grads["dw"], rtol=1e-15)
    assert_allclose(params["b"], b - 0.3 * grads["db"], rtol=1e-15)
    assert costs == [lr.propagate(w, b, X, Y)[1]]


def test_optimize_lowers_the_cost_and_records_it_every_100_iterations():
    w, b, X, Y = problem(3, 30, 8)
    params, grads, costs = lr.optimize(w, b, X, Y, num_iterations=501, learning_rate=0.1)
    assert len(costs) == 6
    assert all(later < earlier for earlier, later in zip(costs, costs[1:]))
    assert lr.propagate(params["w"], params["b"], X, Y)[1] < costs[-1]


def test_optimize_prints_the_cost_when_asked(capsys):
    w, b, X, Y = problem(2, 4, 9)
    lr.optimize(w, b, X, Y, num_iterations=101, learning_rate=0.1, print_cost=True)
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["Cost after iteration 0", "Cost after iteration 100"]


def test_functions_do_not_modify_their_inputs():
    w, b, X, Y = problem(3, 8, 10)
    copies = [w.copy(), X.copy(), Y.copy()]
    lr.propagate(w, b, X, Y)
    lr.propagate_loop(w, b, X, Y)
    params, _, _ = lr.optimize(w, b, X, Y, num_iterations=5, learning_rate=1.0)
    lr.predict(w, b, X)
    for original, copy in zip([w, X, Y], copies):
        assert_array_equal(original, copy)
    assert not np.shares_memory(params["w"], w)


def test_predict_thresholds_the_probability_at_one_half():
    w, b, X, _ = problem(5, 200, 11)
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    prediction = lr.predict(w, b, X)
    assert prediction.shape == (1, 200)
    assert_array_equal(prediction, (A > 0.5).astype(float))


def test_initialize_with_zeros_shapes():
    w, b = lr.initialize_with_zeros(3)
    assert w.shape == (3, 1) and not w.any()
    assert b == 0.0 and isinstance(b, float)


BAD_CALLS = [
    # (arguments of propagate, the message expected)
    ((np.zeros((2, 1)), 0.0, np.ones((2, 3)), np.ones(3)), r"Y has shape \(3,\), a rank-1 array; expected .*\(1, 3\)"),
    ((np.zeros(2), 0.0, np.ones((2, 3)), np.ones((1, 3))), r"w has shape \(2,\), a rank-1 array; expected .*\(2, 1\)"),
    ((np.zeros((2, 1)), 0.0, np.ones((3, 2)), np.ones((1, 3))), r"w has shape \(2, 1\); expected shape \(3, 1\)"),
    ((np.zeros((2, 1)), 0.0, np.ones((2, 3)), np.ones((1, 4))), r"Y has shape \(1, 4\); expected shape \(1, 3\)"),
    ((np.zeros((2, 1)), 0.0, np.ones((2, 3)), np.ones((3, 1))), r"Y has shape \(3, 1\); expected shape \(1, 3\)"),
    ((np.zeros((2, 1)), np.zeros((1, 3)), np.ones((2, 3)), np.ones((1, 3))), r"b must be a real number"),
    ((np.zeros((2, 1)), 0.0, np.ones((2, 3)), np.array([[0.0, 2.0, 1.0]])), r"Y must hold labels in \[0, 1\]"),
    ((np.zeros((2, 1)), 0.0, np.ones(3), np.ones((1, 3))), r"X has shape \(3,\), a rank-1 array"),
    ((np.zeros((2, 1)), 0.0, np.ones((2, 3, 1)), np.ones((1, 3))), r"X has shape \(2, 3, 1\) \(3-D\)"),
]


@pytest.mark.parametrize("args, message", BAD_CALLS)
@pytest.mark.parametrize("function", [lr.propagate, lr.propagate_loop])
def test_bad_input_is_a_value_error_naming_argument_and_shapes(function, args, message):
    with pytest.raises(ValueError, match=message):
        function(*args)


def test_transposed_X_is_rejected_rather_than_silently_broadcast():
    # examples as rows (m, n_x) instead of columns (n_x, m)
    w, b, X, Y = problem(3, 5, 12)
    with pytest.raises(ValueError, match=r"w has shape \(3, 1\); expected shape \(5, 1\)"):
        lr.propagate(w, b, X.T, Y)
    with pytest.raises(ValueError, match=r"w has shape \(3, 1\); expected shape \(5, 1\)"):
        lr.predict(w, b, X.T)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"num_iterations": -1}, "num_iterations must be at least 0"),
        ({"num_iterations": 2.5}, "num_iterations must be an integer"),
        ({"learning_rate": 0.0}, "learning_rate must be greater than 0"),
        ({"learning_rate": float("inf")}, "learning_rate must be finite"),
    ],
)
def test_optimize_rejects_out_of_range_arguments(kwargs, message):
    w, b, X, Y = problem(2, 3, 13)
    with pytest.raises(ValueError, match=message):
        lr.optimize(w, b, X, Y, **kwargs)


@pytest.mark.parametrize("dim", [0, -3, 2.0, True])
def test_initialize_with_zeros_rejects_a_non_positive_or_non_integer_dim(dim):
    with pytest.raises(ValueError, match="dim must be"):
        lr.initialize_with_zeros(dim)


def test_logistic_loss_rejects_a_column_of_logits():
    with pytest.raises(ValueError, match=r"Z has shape \(3, 1\); expected shape \(1, \?\)"):
        lr.logistic_loss(np.zeros((3, 1)), np.zeros((1, 3)))


def test_breast_cancer_accuracy_within_two_points_of_scikit_learn():
    X_train, Y_train, X_test, Y_test = breast_cancer_split()
    w, b = lr.initialize_with_zeros(X_train.shape[0])
    params, _, _ = lr.optimize(w, b, X_train, Y_train, num_iterations=3000, learning_rate=0.1)
    ours = float(np.mean(lr.predict(params["w"], params["b"], X_test) == Y_test))
    reference = LogisticRegression(max_iter=5000).fit(X_train.T, Y_train[0]).score(X_test.T, Y_test[0])
    assert ours >= 0.9
    assert abs(ours - reference) <= 0.02


@pytest.mark.parametrize("propagate", [lr.propagate, lr.propagate_loop])
def test_cost_and_db_are_numpy_float64_with_a_shape_as_the_course_tests_read(propagate):
    w, b, X, Y = problem(3, 4, 5)
    grads, cost = propagate(w, b, X, Y)
    for value in (cost, grads["db"], lr.logistic_cost(w.T @ X + b, Y)):
        assert type(value) is np.float64 and isinstance(value, float) and value.shape == ()


@pytest.mark.parametrize("bad", [{"w": np.array([[np.nan], [1.0]])}, {"b": float("nan")}, {"b": np.inf}])
def test_predict_refuses_parameters_that_diverged(bad):
    w, b, X, _ = problem(2, 4, 6)
    args = {"w": w, "b": b, "X": X, **bad}
    with pytest.raises(ValueError, match=rf"{next(iter(bad))} holds (NaN|infinity): training diverged"):
        lr.predict(**args)


def test_predict_refuses_nan_inputs_instead_of_labelling_them_0():
    w, b, X, _ = problem(2, 4, 7)
    with pytest.raises(ValueError, match="X holds NaN"):
        lr.predict(w, b, np.where(X > 0, np.nan, X))
