"""Activations: forward values against independent formulas, backward passes by gradient check."""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import elementwise_grad
from numpy.testing import assert_allclose, assert_array_equal
from scipy.special import expit

from dlref import activations as act
from gradcheck import numerical_gradient, relative_error

PAIRS = {
    "sigmoid": (act.sigmoid, act.sigmoid_backward),
    "tanh": (act.tanh, act.tanh_backward),
    "relu": (act.relu, act.relu_backward),
    "leaky_relu": (act.leaky_relu, act.leaky_relu_backward),
}
SHAPES = [(1, 1), (1, 7), (4, 3), (3, 5, 2)]


def away_from_zero(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Random inputs at least 0.1 from the kink that ReLU and leaky ReLU have at zero."""
    return rng.choice([-1.0, 1.0], size=shape) * (0.1 + rng.exponential(2.0, size=shape))


def test_sigmoid_matches_scipy_expit_over_the_float_range():
    Z = np.concatenate([np.linspace(-40, 40, 801), [-1e308, -1000.0, -745.0, 709.0, 1000.0, 1e308]])
    # atol: below e^-745 dlref keeps a subnormal where SciPy rounds to 0
    assert_allclose(act.sigmoid(Z), expit(Z), rtol=1e-15, atol=1e-320)


@pytest.mark.parametrize("z, expected", [(-1000.0, 0.0), (0.0, 0.5), (1000.0, 1.0)])
def test_sigmoid_is_exact_and_warning_free_when_saturated(z, expected):
    with np.errstate(all="raise"):  # any overflow or invalid operation would raise here
        assert act.sigmoid(np.array([[z]]))[0, 0] == expected


def test_sigmoid_keeps_tiny_values_for_large_negative_inputs():
    # 1 / (1 + e^{700}) underflows nowhere: the result is e^{-700}, not 0
    assert_allclose(act.sigmoid([[-700.0]]), [[np.exp(-700.0)]], rtol=1e-13)


@pytest.mark.parametrize("seed", [0, 1])
def test_forward_values_match_the_notes_formulas(seed):
    Z = np.random.default_rng(seed).normal(0, 3, size=(4, 6))
    assert_allclose(act.sigmoid(Z), 1 / (1 + np.exp(-Z)), rtol=1e-14)
    assert_allclose(act.tanh(Z), (np.exp(Z) - np.exp(-Z)) / (np.exp(Z) + np.exp(-Z)), rtol=1e-12, atol=1e-15)
    assert_allclose(act.relu(Z), (Z + np.abs(Z)) / 2, rtol=0, atol=0)
    assert_allclose(act.leaky_relu(Z, alpha=0.05), np.maximum(0.05 * Z, Z), rtol=0, atol=0)


@pytest.mark.parametrize("name", sorted(PAIRS))
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_backward_passes_gradient_check(name, shape, seed):
    forward, backward = PAIRS[name]
    rng = np.random.default_rng(seed)
    Z, dA = away_from_zero(rng, shape), rng.standard_normal(shape)  # random upstream gradient
    numeric = numerical_gradient(lambda z: float(np.sum(dA * forward(z))), Z)
    assert relative_error(backward(dA, Z), numeric) < 1e-7


@pytest.mark.parametrize(
    "name, reference",
    [
        ("sigmoid", lambda z: 1 / (1 + anp.exp(-z))),
        ("tanh", anp.tanh),
        ("relu", lambda z: anp.maximum(0.0, z)),
        ("leaky_relu", lambda z: anp.where(z > 0, z, 0.01 * z)),
    ],
)
def test_backward_passes_match_autograd(name, reference):
    forward, backward = PAIRS[name]
    rng = np.random.default_rng(3)
    Z, dA = away_from_zero(rng, (5, 4)), rng.standard_normal((5, 4))
    assert_allclose(backward(dA, Z), dA * elementwise_grad(reference)(Z), rtol=1e-12, atol=1e-15)
    assert_allclose(forward(Z), reference(Z), rtol=1e-14)


def test_relu_derivative_at_zero_follows_the_course_convention():
    # the derivative is undefined at 0; the course (and dlref) use 0 there
    assert_array_equal(act.relu_backward([[3.0, 3.0, 3.0]], [[-1.0, 0.0, 1.0]]), [[0.0, 0.0, 3.0]])
    assert_array_equal(act.leaky_relu_backward([[3.0, 3.0, 3.0]], [[-1.0, 0.0, 1.0]]), [[0.03, 0.03, 3.0]])


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_backward_rejects_mismatched_shapes(name):
    _, backward = PAIRS[name]
    with pytest.raises(ValueError, match=r"dA has shape \(3,\); expected the shape of Z, \(3, 1\)"):
        backward(np.ones(3), np.ones((3, 1)))


@pytest.mark.parametrize("alpha", [-0.1, 1.0, 2.0, float("nan")])
def test_leaky_relu_rejects_alpha_outside_its_range(alpha):
    with pytest.raises(ValueError, match="alpha"):
        act.leaky_relu([[1.0]], alpha=alpha)
    with pytest.raises(ValueError, match="alpha"):
        act.leaky_relu_backward([[1.0]], [[1.0]], alpha=alpha)


def test_non_numeric_input_is_a_value_error_naming_the_argument():
    with pytest.raises(ValueError, match="Z must be an array of real numbers"):
        act.sigmoid([["a", "b"]])


@pytest.mark.parametrize("name", sorted(PAIRS))
def test_activations_do_not_modify_their_inputs(name):
    forward, backward = PAIRS[name]
    rng = np.random.default_rng(4)
    Z, dA = rng.standard_normal((3, 4)), rng.standard_normal((3, 4))
    Z_copy, dA_copy = Z.copy(), dA.copy()
    forward(Z)
    backward(dA, Z)
    assert_array_equal(Z, Z_copy)
    assert_array_equal(dA, dA_copy)
    assert backward(dA, Z) is not dA


@pytest.mark.parametrize("forward", [act.sigmoid, act.tanh, act.relu, act.leaky_relu])
@pytest.mark.parametrize("z", [1, 0.5, np.float32(-2.0)])
def test_a_scalar_in_gives_a_numpy_scalar_out_as_numpy_ufuncs_do(forward, z):
    a = forward(z)
    assert type(a) is np.float64 and isinstance(a, float)  # the course checks isinstance(out, float)
    assert a == forward(np.array([[z]]))[0, 0]


@pytest.mark.parametrize("backward", [act.sigmoid_backward, act.tanh_backward, act.relu_backward, act.leaky_relu_backward])
def test_a_scalar_backward_gives_a_numpy_scalar(backward):
    dZ = backward(2.0, 0.5)
    assert type(dZ) is np.float64 and dZ == backward([[2.0]], [[0.5]])[0, 0]


def test_arrays_stay_arrays():
    assert type(act.sigmoid([0.0])) is np.ndarray and act.sigmoid(np.zeros((2, 3))).shape == (2, 3)
