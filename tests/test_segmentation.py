"""The transposed convolution: the adjoint of conv_forward, its output size, its gradients."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from dlref.convolution import conv_backward, conv_forward
from dlref.segmentation import conv_transpose_backward, conv_transpose_forward
from gradcheck import numerical_gradient, relative_error

# (m, n_H_prev, n_W_prev, n_C_prev, f, n_C, stride, pad) with (n_prev + 2p - f) divisible by s
CASES = [(2, 5, 5, 3, 3, 4, 1, 0), (1, 7, 5, 2, 3, 3, 2, 1), (2, 6, 6, 1, 2, 2, 2, 0), (1, 8, 8, 2, 4, 3, 2, 1), (1, 4, 4, 2, 1, 3, 1, 0)]


def problem(m, n_H_prev, n_W_prev, n_C_prev, f, n_C, s, p, seed=0):
    rng = np.random.default_rng(seed)
    hp = {"stride": s, "pad": p}
    x = rng.standard_normal((m, n_H_prev, n_W_prev, n_C_prev))
    W = rng.standard_normal((f, f, n_C_prev, n_C))
    y = rng.standard_normal(conv_forward(x, W, np.zeros((1, 1, 1, n_C)), hp)[0].shape)
    return x, W, y, hp


@pytest.mark.parametrize("case", CASES)
def test_transposed_convolution_is_the_adjoint_of_conv_forward(case):
    x, W, y, hp = problem(*case)
    conv_x, _ = conv_forward(x, W, np.zeros((1, 1, 1, W.shape[3])), hp)
    conv_T_y, _ = conv_transpose_forward(y, W, np.zeros((1, 1, 1, W.shape[2])), hp)
    assert conv_T_y.shape == x.shape  # back to the convolution's input shape
    assert np.sum(conv_x * y) == pytest.approx(np.sum(x * conv_T_y), rel=1e-12)


@pytest.mark.parametrize("case", CASES)
def test_it_equals_conv_backwards_dA(case):
    x, W, y, hp = problem(*case)
    _, cache = conv_forward(x, W, np.zeros((1, 1, 1, W.shape[3])), hp)
    A, _ = conv_transpose_forward(y, W, np.zeros((1, 1, 1, W.shape[2])), hp)
    assert_allclose(A, conv_backward(y, cache)[0], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("case", CASES[:4])
def test_backward_gradient_check(case):
    _, W, Z, hp = problem(*case, seed=1)
    b = np.random.default_rng(2).standard_normal((1, 1, 1, W.shape[2]))
    A, cache = conv_transpose_forward(Z, W, b, hp)
    G = np.random.default_rng(3).standard_normal(A.shape)
    J = lambda Z_, W_, b_: float(np.sum(G * conv_transpose_forward(Z_, W_, b_, hp)[0]))  # noqa: E731
    dZ, dW, db = conv_transpose_backward(G, cache)
    assert relative_error(dZ, numerical_gradient(lambda z: J(z, W, b), Z)) < 1e-7
    assert relative_error(dW, numerical_gradient(lambda w: J(Z, w, b), W)) < 1e-7
    assert relative_error(db, numerical_gradient(lambda b_: J(Z, W, b_), b)) < 1e-7


def test_output_size_and_bad_input():
    A, _ = conv_transpose_forward(np.ones((1, 2, 2, 1)), np.ones((3, 3, 1, 1)), np.zeros((1, 1, 1, 1)), {"stride": 2, "pad": 1})
    assert A.shape == (1, 3, 3, 1)  # (2 - 1) * 2 + 3 - 2 * 1
    with pytest.raises(ValueError, match=r"W has shape \(3, 3, 1, 2\) and Z has shape \(1, 2, 2, 1\)"):
        conv_transpose_forward(np.ones((1, 2, 2, 1)), np.ones((3, 3, 1, 2)), np.zeros((1, 1, 1, 1)), {"stride": 1, "pad": 0})
    with pytest.raises(ValueError, match="pad=3 is too large"):
        conv_transpose_forward(np.ones((1, 2, 2, 1)), np.ones((3, 3, 1, 1)), np.zeros((1, 1, 1, 1)), {"stride": 1, "pad": 3})
