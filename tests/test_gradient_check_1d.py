"""The one-parameter warm-up of gradient checking, J(theta) = theta x."""

from __future__ import annotations

import numpy as np
import pytest

import dlref.gradient_check_1d as gc1
from gradcheck import numerical_gradient


@pytest.mark.parametrize("x, theta", [(2.0, 4.0), (-3.0, 0.5), (0.25, -7.0)])
def test_forward_and_backward_agree_with_a_centred_difference(x, theta):
    assert gc1.forward_propagation(x, theta) == theta * x
    numeric = numerical_gradient(lambda t: float(gc1.forward_propagation(x, t[0])), np.array([theta]))
    assert abs(gc1.backward_propagation(x, theta) - numeric[0]) / (abs(x) + abs(numeric[0])) < 1e-7


@pytest.mark.parametrize("x, theta", [(2.0, 4.0), (-3.0, 0.5)])
def test_the_check_passes_a_right_derivative(x, theta, capsys):
    difference = gc1.gradient_check(x, theta, print_msg=True)
    assert type(difference) is np.float64 and difference < gc1.THRESHOLD
    assert "agrees" in capsys.readouterr().out


def test_the_check_fails_a_wrong_derivative(monkeypatch, capsys):
    monkeypatch.setattr(gc1, "backward_propagation", lambda x, theta: np.float64(theta))  # the bug: dJ/dtheta = theta
    difference = gc1.gradient_check(2.0, 4.0, print_msg=True)
    assert difference == pytest.approx(2.0 / 6.0, rel=1e-6)  # |4 - 2| / (4 + 2)
    assert "disagrees" in capsys.readouterr().out


def test_an_overflowing_cost_is_never_a_pass():
    with pytest.raises(ValueError, match="not finite near theta"):
        gc1.gradient_check(1e300, 1e10)


@pytest.mark.parametrize("bad", [float("nan"), np.array([1.0, 2.0]), "1"])
def test_arguments_must_be_finite_real_numbers(bad):
    with pytest.raises(ValueError, match="theta must be"):
        gc1.gradient_check(2.0, bad)
    with pytest.raises(ValueError, match="epsilon must be"):
        gc1.gradient_check(2.0, 1.0, epsilon=bad if not isinstance(bad, float) else 0.0)
