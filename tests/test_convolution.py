"""Convolution: output size, padding, one step, loops against vectorized, scipy's correlate, gradients."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.signal import correlate

from dlref import convolution as cv
from gradcheck import numerical_gradient, relative_error

# (m, n_H_prev, n_W_prev, n_C_prev, f, n_C, stride, pad): square and not, pad 0 included,
# strides that leave a remainder, f = 1, a filter as large as the padded input.
CASES = [
    (2, 5, 5, 3, 3, 4, 1, 0),
    (2, 5, 7, 2, 3, 3, 1, 1),
    (1, 6, 6, 1, 2, 2, 2, 0),
    (3, 7, 5, 2, 3, 2, 2, 1),
    (2, 8, 8, 3, 5, 2, 3, 2),
    (1, 4, 4, 3, 1, 5, 1, 0),
    (2, 3, 3, 2, 5, 1, 1, 1),
    (1, 9, 6, 2, 4, 3, 3, 0),
]


def problem(m, n_H_prev, n_W_prev, n_C_prev, f, n_C, stride, pad, seed=0):
    rng = np.random.default_rng(seed)
    A_prev = rng.standard_normal((m, n_H_prev, n_W_prev, n_C_prev))
    W = rng.standard_normal((f, f, n_C_prev, n_C))
    b = rng.standard_normal((1, 1, 1, n_C))
    return A_prev, W, b, {"stride": stride, "pad": pad}


@pytest.mark.parametrize("n, f, pad, stride", [(6, 3, 0, 1), (6, 3, 1, 1), (7, 3, 0, 2), (8, 3, 1, 2), (5, 5, 0, 3), (10, 4, 2, 3)])
def test_output_size_counts_the_windows_that_fit(n, f, pad, stride):
    starts = range(0, n + 2 * pad - f + 1, stride)  # every top-left corner that keeps the window inside
    assert cv.conv_output_size(n, f, pad, stride) == len(starts)


def test_same_padding_keeps_the_size_and_valid_shrinks_it():
    for f in (1, 3, 5, 7):
        assert cv.conv_output_size(32, f, pad=(f - 1) // 2) == 32
        assert cv.conv_output_size(32, f) == 32 - f + 1


def test_parameter_count_is_the_size_of_W_and_b():
    A_prev, W, b, _ = problem(1, 5, 5, 3, 3, 10, 1, 0)
    assert cv.conv_parameter_count(3, 3, 10) == W.size + b.size == 280
    assert cv.conv_parameter_count(5, 16, 32) == 5 * 5 * 16 * 32 + 32


def test_zero_pad_pads_height_and_width_only():
    X = np.random.default_rng(0).standard_normal((4, 3, 3, 2))
    before = X.copy()
    X_pad = cv.zero_pad(X, 2)
    assert X_pad.shape == (4, 7, 7, 2)
    assert_array_equal(X_pad[:, 2:-2, 2:-2, :], X)
    assert X_pad[:, :2].any() == X_pad[:, -2:].any() == X_pad[:, :, :2].any() == X_pad[:, :, -2:].any() == False  # noqa: E712
    assert_array_equal(cv.zero_pad(X, 0), X)
    assert_array_equal(X, before)


def test_conv_single_step_is_the_sum_of_products_plus_the_bias_array():
    rng = np.random.default_rng(1)
    a, W = rng.standard_normal((4, 4, 3)), rng.standard_normal((4, 4, 3))
    b = np.array([[[-0.5]]])  # the course's (1, 1, 1) bias: float(b) would raise on NumPy >= 2.4
    if tuple(int(x) for x in np.__version__.split(".")[:2]) >= (2, 4):
        with pytest.raises(TypeError):
            float(b)  # the published code's way of adding the bias
    Z = cv.conv_single_step(a, W, b)
    assert isinstance(Z, np.float64)
    assert_allclose(Z, sum(a[i, j, k] * W[i, j, k] for i in range(4) for j in range(4) for k in range(3)) - 0.5)


@pytest.mark.parametrize("case", CASES)
def test_forward_matches_scipy_correlate(case):
    A_prev, W, b, hp = problem(*case)
    Z, _ = cv.conv_forward(A_prev, W, b, hp)
    s, p = hp["stride"], hp["pad"]
    A_pad = np.pad(A_prev, ((0, 0), (p, p), (p, p), (0, 0)))
    for i in range(A_prev.shape[0]):
        for c in range(W.shape[3]):
            expected = correlate(A_pad[i], W[:, :, :, c], mode="valid")[::s, ::s, 0] + b[0, 0, 0, c]
            assert_allclose(Z[i, :, :, c], expected, rtol=1e-12, atol=1e-12)


def test_the_filter_is_not_flipped():
    """Cross-correlation, as in the course: an asymmetric filter finds itself, not its mirror image."""
    A = np.zeros((1, 3, 3, 1))
    A[0, 0, 0, 0] = 1.0  # a single bright pixel at the top left
    W = np.arange(9.0).reshape(3, 3, 1, 1)
    Z, _ = cv.conv_forward(A, W, np.zeros((1, 1, 1, 1)), {"stride": 1, "pad": 0})
    assert Z.item() == W[0, 0, 0, 0] == 0.0  # a flipped (true) convolution would give W[2, 2] = 8


@pytest.mark.parametrize("case", CASES)
def test_forward_loop_and_vectorized_agree(case):
    A_prev, W, b, hp = problem(*case)
    Z_loop, _ = cv.conv_forward_loop(A_prev, W, b, hp)
    Z, _ = cv.conv_forward(A_prev, W, b, hp)
    m, n_H_prev, n_W_prev, _, f, n_C, s, p = case
    assert Z.shape == (m, cv.conv_output_size(n_H_prev, f, p, s), cv.conv_output_size(n_W_prev, f, p, s), n_C)
    assert_allclose(Z, Z_loop, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("case", CASES)
def test_backward_loop_and_vectorized_agree(case):
    A_prev, W, b, hp = problem(*case)
    Z, cache = cv.conv_forward(A_prev, W, b, hp)
    dZ = np.random.default_rng(5).standard_normal(Z.shape)
    for loop, fast in zip(cv.conv_backward_loop(dZ, cache), cv.conv_backward(dZ, cache)):
        assert loop.shape == fast.shape
        assert_allclose(fast, loop, rtol=1e-12, atol=1e-12)


def bytes_of_window_rows(case, examples):
    """Bytes of the window rows of `examples` examples of `case`: a CHUNK_BYTES giving that chunk."""
    m, n_H_prev, n_W_prev, n_C_prev, f, n_C, s, p = case
    n_H, n_W = cv.conv_output_size(n_H_prev, f, p, s), cv.conv_output_size(n_W_prev, f, p, s)
    return examples * n_H * n_W * f * f * n_C_prev * 8


# a batch of 5 in chunks of 1 (also what a budget below one example gives), 2 (a short last
# chunk), 3, 5 (one chunk) and 8 (more than the batch); strides 1 and 2, pads 0 to 2
@pytest.mark.parametrize("case", [(5, 5, 7, 2, 3, 3, 1, 1), (5, 7, 5, 2, 3, 2, 2, 0), (5, 6, 6, 3, 2, 4, 2, 2)])
@pytest.mark.parametrize("examples", [1, 2, 3, 5, 8])
def test_forward_and_backward_over_several_chunks_match_the_loops(case, examples, monkeypatch):
    monkeypatch.setattr(cv, "CHUNK_BYTES", bytes_of_window_rows(case, examples))
    A_prev, W, b, hp = problem(*case, seed=7)
    f, s, p = case[4], case[6], case[7]
    chunks = [batch for batch, _ in cv.window_rows(cv.zero_pad(A_prev, p), f, s)]
    assert [c.start for c in chunks] == list(range(0, 5, examples))  # the chunks the test is named for
    Z, cache = cv.conv_forward(A_prev, W, b, hp)
    assert_allclose(Z, cv.conv_forward_loop(A_prev, W, b, hp)[0], rtol=1e-12, atol=1e-12)
    dZ = np.random.default_rng(8).standard_normal(Z.shape)  # fails if dW or db is not summed over chunks
    for loop, fast in zip(cv.conv_backward_loop(dZ, cache), cv.conv_backward(dZ, cache)):
        assert_allclose(fast, loop, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("case", CASES)
def test_backward_takes_its_padded_input_dA_and_window_rows_from_one_new_buffer(case):
    # three separate blocks can exceed twice the largest when freed, and glibc then hands them
    # back to the system to be faulted in again next call (dlref/_memory.py)
    m, n_H_prev, n_W_prev, n_C_prev, f, _, s, p = case
    A_prev, _, _, _ = problem(*case)
    A_prev_pad, dA_pad_T, rows = cv._backward_buffers(A_prev, p, f, s)
    block = A_prev_pad.base
    assert block is not None and dA_pad_T.base is block and rows.base is block
    assert block.size == A_prev_pad.size + dA_pad_T.size + rows.size  # and nothing else in it
    assert not np.shares_memory(block, A_prev)
    assert_array_equal(A_prev_pad, cv.zero_pad(A_prev, p))
    assert dA_pad_T.shape == (n_C_prev, m, n_H_prev + 2 * p, n_W_prev + 2 * p) and not dA_pad_T.any()
    given = [(batch, cols.copy(), np.shares_memory(cols, rows)) for batch, cols in cv.window_rows(A_prev_pad, f, s, rows)]
    own = [(batch, cols.copy()) for batch, cols in cv.window_rows(A_prev_pad, f, s)]
    assert len(given) == len(own)
    for (batch, cols, in_rows), (own_batch, own_cols) in zip(given, own):
        assert in_rows and batch == own_batch  # the rows are written into the buffer given
        assert_array_equal(cols, own_cols)


def test_a_budget_below_one_example_still_takes_one_example_per_chunk(monkeypatch):
    monkeypatch.setattr(cv, "CHUNK_BYTES", 1)
    A_prev, W, b, hp = problem(3, 5, 5, 2, 3, 2, 1, 1, seed=9)
    rows = [(batch.start, cols.shape) for batch, cols in cv.window_rows(cv.zero_pad(A_prev, 1), 3, 1)]
    assert rows == [(0, (25, 18)), (1, (25, 18)), (2, (25, 18))]  # 5 x 5 windows of 3 x 3 x 2 each
    Z, cache = cv.conv_forward(A_prev, W, b, hp)
    assert_allclose(Z, cv.conv_forward_loop(A_prev, W, b, hp)[0], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("case", CASES[:6])
@pytest.mark.parametrize("backward", [cv.conv_backward, cv.conv_backward_loop])
def test_backward_gradient_check_with_a_random_upstream_gradient(case, backward):
    A_prev, W, b, hp = problem(*case, seed=3)
    Z, cache = cv.conv_forward(A_prev, W, b, hp)
    G = np.random.default_rng(4).standard_normal(Z.shape)  # a RANDOM upstream gradient dZ
    J = lambda Z_: float(np.sum(G * Z_))  # noqa: E731
    dA_prev, dW, db = backward(G, cache)
    assert dA_prev.shape == A_prev.shape and dW.shape == W.shape and db.shape == b.shape
    assert relative_error(dA_prev, numerical_gradient(lambda a: J(cv.conv_forward(a, W, b, hp)[0]), A_prev)) < 1e-7
    assert relative_error(dW, numerical_gradient(lambda w: J(cv.conv_forward(A_prev, w, b, hp)[0]), W)) < 1e-7
    assert relative_error(db, numerical_gradient(lambda b_: J(cv.conv_forward(A_prev, W, b_, hp)[0]), b)) < 1e-7


def test_backward_at_pad_zero_is_not_empty():
    """The published hint da_prev_pad[pad:-pad, pad:-pad] is an empty slice when pad = 0."""
    A_prev, W, b, hp = problem(1, 4, 4, 1, 3, 1, 1, 0)
    Z, cache = cv.conv_forward(A_prev, W, b, hp)
    dA_prev, _, _ = cv.conv_backward(np.ones_like(Z), cache)
    assert np.zeros((6, 6))[0:-0].size == 0  # what the hint would have kept
    assert dA_prev.shape == A_prev.shape and np.abs(dA_prev).sum() > 0


def test_inputs_are_not_modified():
    A_prev, W, b, hp = problem(*CASES[1])
    copies = [A_prev.copy(), W.copy(), b.copy(), dict(hp)]
    for forward, backward in [(cv.conv_forward, cv.conv_backward), (cv.conv_forward_loop, cv.conv_backward_loop)]:
        Z, cache = forward(A_prev, W, b, hp)
        dZ = np.ones_like(Z)
        backward(dZ, cache)
        assert_array_equal(dZ, np.ones_like(Z))
    for before, after in zip(copies, [A_prev, W, b]):
        assert_array_equal(before, after)
    assert hp == copies[3]


@pytest.mark.parametrize("forward", [cv.conv_forward, cv.conv_forward_loop])
def test_bad_input_names_the_argument_and_both_shapes(forward):
    A_prev, W, b, hp = problem(2, 5, 5, 3, 3, 4, 1, 0)
    with pytest.raises(ValueError, match=r"W has shape \(3, 3, 2, 4\) and A_prev has shape \(2, 5, 5, 3\)"):
        forward(A_prev, W[:, :, :2], b, hp)
    with pytest.raises(ValueError, match=r"A_prev has shape \(5, 5, 3\) \(3-D\)"):
        forward(A_prev[0], W, b, hp)
    with pytest.raises(ValueError, match=r"b has shape \(4,\); expected \(1, 1, 1, 4\)"):
        forward(A_prev, W, b.ravel(), hp)
    with pytest.raises(ValueError, match=r"f=7 does not fit A_prev of shape \(2, 5, 5, 3\) with pad=0"):
        forward(A_prev, np.ones((7, 7, 3, 4)), b, hp)
    with pytest.raises(ValueError, match=r'hparameters\["stride"\] must be at least 1'):
        forward(A_prev, W, b, {"stride": 0, "pad": 0})
    with pytest.raises(ValueError, match=r"keys \['stride', 'pad'\]"):
        forward(A_prev, W, b, {"stride": 1})


@pytest.mark.parametrize("backward", [cv.conv_backward, cv.conv_backward_loop])
def test_backward_rejects_a_dZ_of_the_wrong_shape(backward):
    A_prev, W, b, hp = problem(2, 5, 5, 3, 3, 4, 1, 0)
    _, cache = cv.conv_forward(A_prev, W, b, hp)
    with pytest.raises(ValueError, match=r"dZ has shape \(2, 3, 3, 3\); expected .* \(2, 3, 3, 4\)"):
        backward(np.ones((2, 3, 3, 3)), cache)
    with pytest.raises(ValueError, match="cache must be"):
        backward(np.ones((2, 3, 3, 4)), cache[:3])


def test_other_bad_arguments():
    with pytest.raises(ValueError, match=r"X has shape \(3, 3\)"):
        cv.zero_pad(np.ones((3, 3)), 1)
    with pytest.raises(ValueError, match="pad must be at least 0"):
        cv.zero_pad(np.ones((1, 3, 3, 1)), -1)
    with pytest.raises(ValueError, match=r"W has shape \(2, 2, 1\) and a_slice_prev has shape \(3, 3, 1\)"):
        cv.conv_single_step(np.ones((3, 3, 1)), np.ones((2, 2, 1)), np.zeros((1, 1, 1)))
    with pytest.raises(ValueError, match="does not fit n=2"):
        cv.conv_output_size(2, 5)
