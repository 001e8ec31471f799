"""The multi-task loss with unknown labels: forward, backward, gradient checks, autograd."""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from numpy.testing import assert_allclose

from dlref.layers import linear_activation_backward, linear_activation_forward, linear_backward, linear_forward
from dlref.logistic_regression import logistic_loss
from dlref.multitask import multitask_backward, multitask_cost, multitask_loss
from gradcheck import numerical_gradient, relative_error


def problem(seed: int, n_tasks: int = 4, m: int = 6, unknown: float = 0.3):
    """Logits and labels with about `unknown` of the labels replaced by "?" (NaN)."""
    rng = np.random.default_rng(seed)
    ZL = rng.standard_normal((n_tasks, m)) * 2
    Y = rng.integers(0, 2, (n_tasks, m)).astype(np.float64)
    Y[rng.random((n_tasks, m)) < unknown] = np.nan
    return ZL, Y


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_gradient_check_of_the_cost(seed):
    ZL, Y = problem(seed)
    numeric = numerical_gradient(lambda Z: multitask_cost(Z, Y), ZL)
    assert relative_error(multitask_backward(ZL, Y) / ZL.shape[1], numeric) < 1e-7


@pytest.mark.parametrize("seed, shape", [(0, (4, 6)), (1, (1, 5)), (2, (3, 1))])
def test_gradient_check_of_the_loss_with_a_random_upstream_gradient(seed, shape):
    ZL, Y = problem(seed, *shape)
    G = np.random.default_rng(seed + 10).standard_normal(shape)  # a sum of outputs would hide bugs
    numeric = numerical_gradient(lambda Z: float(np.sum(G * multitask_loss(Z, Y))), ZL)
    assert relative_error(G * multitask_backward(ZL, Y), numeric) < 1e-7


@pytest.mark.parametrize("seed", [0, 1])
def test_cost_and_gradient_agree_with_autograd(seed):
    ZL, Y = problem(seed)
    known = ~np.isnan(Y)
    Y0 = np.where(known, Y, 0.0)

    def cost(Z):  # the course's formula, written independently
        p = 1 / (1 + anp.exp(-Z))
        L = -(Y0 * anp.log(p) + (1 - Y0) * anp.log(1 - p))
        return anp.sum(L * known) / Z.shape[1]

    assert multitask_cost(ZL, Y) == pytest.approx(float(cost(ZL)), rel=1e-12)
    assert_allclose(multitask_backward(ZL, Y) / ZL.shape[1], grad(cost)(ZL), rtol=1e-10, atol=1e-14)


def test_a_network_with_a_multi_task_head_passes_a_gradient_check():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((5, 7))
    params = {"W1": rng.standard_normal((4, 5)), "b1": rng.standard_normal((4, 1)),
              "W2": rng.standard_normal((3, 4)), "b2": rng.standard_normal((3, 1))}
    _, Y = problem(4, 3, 7)

    def forward(p):
        A1, cache1 = linear_activation_forward(X, p["W1"], p["b1"], "relu")
        Z2, cache2 = linear_forward(A1, p["W2"], p["b2"])
        return Z2, cache1, cache2

    Z2, cache1, cache2 = forward(params)
    dA1, dW2, db2 = linear_backward(multitask_backward(Z2, Y), cache2)
    _, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
    for name, analytic in {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}.items():
        def J(value, name=name):
            return multitask_cost(forward({**params, name: value})[0], Y)
        assert relative_error(analytic, numerical_gradient(J, params[name])) < 1e-7, name


def test_with_every_label_known_it_is_the_sum_over_tasks_of_the_logistic_cost():
    ZL, _ = problem(5)
    Y = np.random.default_rng(6).integers(0, 2, ZL.shape).astype(np.float64)
    per_task = [logistic_loss(ZL[j : j + 1], Y[j : j + 1]).mean() for j in range(ZL.shape[0])]
    assert multitask_cost(ZL, Y) == pytest.approx(sum(per_task))


def test_unknown_labels_add_nothing_and_send_no_gradient():
    ZL, Y = problem(7, unknown=0.5)
    unknown = np.isnan(Y)
    assert unknown.any() and (~unknown).any()
    assert np.all(multitask_loss(ZL, Y)[unknown] == 0) and np.all(multitask_backward(ZL, Y)[unknown] == 0)
    other = ZL.copy()
    other[unknown] += 100.0  # whatever the network says where nobody knows the answer
    assert multitask_cost(other, Y) == multitask_cost(ZL, Y)


def test_the_cost_averages_over_the_m_examples_not_over_the_known_labels():
    ZL = np.zeros((2, 2))
    Y = np.array([[1.0, np.nan], [np.nan, np.nan]])  # one known label among four
    assert multitask_cost(ZL, Y) == pytest.approx(np.log(2) / 2)  # not log 2 / 1


def test_the_loss_stays_finite_when_the_sigmoid_saturates():
    ZL = np.array([[800.0, -800.0]])
    Y = np.array([[0.0, 1.0]])
    assert_allclose(multitask_loss(ZL, Y), [[800.0, 800.0]])
    assert_allclose(multitask_backward(ZL, Y), [[1.0, -1.0]])


def test_inputs_are_not_modified():
    ZL, Y = problem(8)
    copies = ZL.copy(), Y.copy()
    multitask_loss(ZL, Y)
    multitask_backward(ZL, Y)
    assert_allclose(ZL, copies[0])
    assert_allclose(Y, copies[1], equal_nan=True)


@pytest.mark.parametrize("ZL, Y, message", [
    ([[0.0, 0.0]], [[1.0, 0.5]], "Y must hold labels 0, 1 or np.nan"),
    ([[0.0, 0.0]], [[1.0, -1.0]], "Y must hold labels 0, 1 or np.nan"),
    ([[0.0, np.nan]], [[1.0, 0.0]], "ZL must hold finite logits"),
    ([0.0, 0.0], [1.0, 0.0], "ZL has shape \\(2,\\), a rank-1 array"),
    ([[0.0, 0.0]], [[1.0, 0.0, 1.0]], "Y has shape \\(1, 3\\)"),
])
def test_bad_input_raises_a_value_error_naming_the_argument(ZL, Y, message):
    for function in (multitask_loss, multitask_cost, multitask_backward):
        with pytest.raises(ValueError, match=message):
            function(ZL, Y)
