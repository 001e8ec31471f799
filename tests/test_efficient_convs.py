"""Costs of convolutions (the course's numbers), and the depthwise convolution against scipy and gradients."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.signal import correlate

from dlref import efficient_convs as ec
from dlref.convolution import conv_forward
from gradcheck import numerical_gradient, relative_error


def test_the_courses_inception_numbers():
    assert ec.conv_cost(28, 28, 192, 5, 32) == 120_422_400  # "about 120 million"
    assert ec.bottleneck_cost(28, 28, 192, 16, 5, 32) == 2_408_448 + 10_035_200 == 12_443_648  # "12.4 million"


def test_the_courses_mobilenet_numbers_and_the_ratio():
    assert ec.conv_cost(4, 4, 3, 3, 5) == 2160
    assert ec.depthwise_separable_cost(4, 4, 3, 3, 5) == 432 + 240 == 672
    for f, n_C in [(3, 5), (3, 512), (5, 64)]:
        ratio = ec.depthwise_separable_cost(14, 14, 32, f, n_C) / ec.conv_cost(14, 14, 32, f, n_C)
        assert ratio == pytest.approx(1 / n_C + 1 / f**2)


def test_conv_cost_counts_the_loops_multiplications():
    """One multiplication per entry of the window for each output: count them with the loop's shape."""
    rng = np.random.default_rng(0)
    A, W = rng.standard_normal((1, 6, 6, 3)), rng.standard_normal((3, 3, 3, 5))
    Z, _ = conv_forward(A, W, np.zeros((1, 1, 1, 5)), {"stride": 1, "pad": 0})
    assert ec.conv_cost(*Z.shape[1:3], 3, 3, 5) == Z.size * W[:, :, :, 0].size


CASES = [((2, 5, 5, 3), 3, 1, 0), ((1, 6, 7, 2), 3, 2, 1), ((2, 4, 4, 4), 2, 1, 1), ((1, 5, 5, 1), 1, 1, 0)]


def problem(shape, f, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal(shape), rng.standard_normal((f, f, shape[3])), rng.standard_normal((1, 1, 1, shape[3]))


@pytest.mark.parametrize("shape, f, s, p", CASES)
def test_depthwise_forward_matches_scipy_per_channel(shape, f, s, p):
    A, W, b = problem(shape, f)
    Z, _ = ec.depthwise_conv_forward(A, W, b, {"stride": s, "pad": p})
    A_pad = np.pad(A, ((0, 0), (p, p), (p, p), (0, 0)))
    for i in range(shape[0]):
        for c in range(shape[3]):
            assert_allclose(Z[i, :, :, c], correlate(A_pad[i, :, :, c], W[:, :, c], mode="valid")[::s, ::s] + b[0, 0, 0, c])


def test_depthwise_then_pointwise_equals_one_convolution_with_product_filters():
    A, W_dw, _ = problem((2, 5, 5, 3), 3)
    W_pw = np.random.default_rng(1).standard_normal((1, 1, 3, 4))
    hp = {"stride": 1, "pad": 1}
    Z_dw, _ = ec.depthwise_conv_forward(A, W_dw, np.zeros((1, 1, 1, 3)), hp)
    Z_sep, _ = conv_forward(Z_dw, W_pw, np.zeros((1, 1, 1, 4)), {"stride": 1, "pad": 0})
    W_full = W_dw[:, :, :, None] * W_pw[0, 0][None, None]  # (f, f, n_C_prev, n_C)
    Z_full, _ = conv_forward(A, W_full, np.zeros((1, 1, 1, 4)), hp)
    assert_allclose(Z_sep, Z_full, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("shape, f, s, p", CASES)
def test_depthwise_backward_gradient_check(shape, f, s, p):
    A, W, b = problem(shape, f, seed=2)
    hp = {"stride": s, "pad": p}
    Z, cache = ec.depthwise_conv_forward(A, W, b, hp)
    G = np.random.default_rng(3).standard_normal(Z.shape)
    J = lambda A_, W_, b_: float(np.sum(G * ec.depthwise_conv_forward(A_, W_, b_, hp)[0]))  # noqa: E731
    dA, dW, db = ec.depthwise_conv_backward(G, cache)
    assert relative_error(dA, numerical_gradient(lambda a: J(a, W, b), A)) < 1e-7
    assert relative_error(dW, numerical_gradient(lambda w: J(A, w, b), W)) < 1e-7
    assert relative_error(db, numerical_gradient(lambda b_: J(A, W, b_), b)) < 1e-7


def test_bad_input_is_named():
    A, W, b = problem((2, 5, 5, 3), 3)
    with pytest.raises(ValueError, match=r"W has shape \(3, 3, 2\) and A_prev has shape \(2, 5, 5, 3\)"):
        ec.depthwise_conv_forward(A, W[:, :, :2], b, {"stride": 1, "pad": 0})
    with pytest.raises(ValueError, match=r"dZ has shape \(2, 3, 3, 2\)"):
        ec.depthwise_conv_backward(np.ones((2, 3, 3, 2)), ec.depthwise_conv_forward(A, W, b, {"stride": 1, "pad": 0})[1])
    with pytest.raises(ValueError, match="n_C must be at least 1"):
        ec.conv_cost(4, 4, 3, 3, 0)


def test_mobilenet_v2_bottleneck_is_expand_plus_depthwise_plus_project():
    assert ec.mobilenet_v2_bottleneck_cost(4, 4, 3, 6, 5) == ec.conv_cost(4, 4, 3, 1, 18) + 4 * 4 * 18 * 9 + ec.conv_cost(4, 4, 18, 1, 5)
    assert ec.mobilenet_v2_bottleneck_cost(4, 4, 3, 6, 5) == 864 + 2592 + 1440


def test_compound_scaling_doubles_the_flops_per_step():
    assert 1.2 * 1.1**2 * 1.15**2 == pytest.approx(1.92, abs=0.01)  # EfficientNet's "about 2"
    for phi in (0, 1, 2, 3):
        d, w, r = ec.compound_scaling(phi)
        assert d * w**2 * r**2 == pytest.approx(1.92**phi, rel=1e-2)
    with pytest.raises(ValueError, match="at least 1"):
        ec.compound_scaling(1, alpha=0.9)
