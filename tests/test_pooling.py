"""Pooling: max and average, loops against vectorized, a reshape oracle, gradients, the tie rule."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from dlref import pooling as pl
from gradcheck import numerical_gradient, relative_error

# (m, n_H_prev, n_W_prev, n_C, f, stride): non-overlapping, overlapping (s < f), gaps (s > f), remainders
CASES = [(2, 4, 4, 3, 2, 2), (1, 5, 5, 2, 3, 1), (2, 6, 5, 2, 3, 2), (1, 7, 7, 1, 2, 3), (3, 5, 6, 2, 2, 1), (1, 3, 3, 4, 3, 1),
         # stride == f (the block path) with rows and columns left over past the last window
         (2, 7, 5, 3, 2, 2), (1, 8, 7, 2, 3, 3), (2, 5, 9, 1, 4, 4)]
MODES = ["max", "average"]


def problem(m, n_H_prev, n_W_prev, n_C, f, stride, seed=0):
    rng = np.random.default_rng(seed)
    return rng.standard_normal((m, n_H_prev, n_W_prev, n_C)), {"f": f, "stride": stride}


@pytest.mark.parametrize("mode", MODES)
def test_non_overlapping_pooling_matches_a_reshape(mode):
    A_prev, hp = problem(2, 6, 8, 3, 2, 2)
    blocks = A_prev.reshape(2, 3, 2, 4, 2, 3)  # (m, n_H, f, n_W, f, n_C)
    expected = blocks.max(axis=(2, 4)) if mode == "max" else blocks.mean(axis=(2, 4))
    assert_allclose(pl.pool_forward(A_prev, hp, mode)[0], expected)
    assert_allclose(pl.pool_forward_loop(A_prev, hp, mode)[0], expected)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("mode", MODES)
def test_loop_and_vectorized_agree_forward_and_backward(case, mode):
    A_prev, hp = problem(*case)
    A, cache = pl.pool_forward(A_prev, hp, mode)
    A_loop, _ = pl.pool_forward_loop(A_prev, hp, mode)
    assert_allclose(A, A_loop, rtol=1e-12)
    dA = np.random.default_rng(1).standard_normal(A.shape)
    assert_allclose(pl.pool_backward(dA, cache, mode), pl.pool_backward_loop(dA, cache, mode), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("backward", [pl.pool_backward, pl.pool_backward_loop])
def test_backward_gradient_check_with_a_random_upstream_gradient(case, mode, backward):
    A_prev, hp = problem(*case, seed=2)  # continuous random values: no ties, max is differentiable
    A, cache = pl.pool_forward(A_prev, hp, mode)
    G = np.random.default_rng(3).standard_normal(A.shape)
    dA_prev = backward(G, cache, mode)
    numeric = numerical_gradient(lambda a: float(np.sum(G * pl.pool_forward(a, hp, mode)[0])), A_prev)
    assert relative_error(dA_prev, numeric) < 1e-7


@pytest.mark.parametrize("backward", [pl.pool_backward, pl.pool_backward_loop])
def test_a_tied_window_passes_its_gradient_once_to_the_first_maximum(backward):
    window = np.array([[1.0, 5.0], [5.0, 5.0]])  # three tied maxima
    cache = (window.reshape(1, 2, 2, 1), {"f": 2, "stride": 2})
    dA_prev = backward(np.full((1, 1, 1, 1), 3.0), cache, "max")[0, :, :, 0]
    assert_array_equal(dA_prev, [[0.0, 3.0], [0.0, 0.0]])  # row-major: (0, 1) comes first
    assert dA_prev.sum() == 3.0  # the course's x == max(x) mask would pass back 9.0


def test_create_mask_marks_one_maximum():
    assert_array_equal(pl.create_mask_from_window(np.array([[1.0, 3.0], [4.0, 2.0]])), [[0, 0], [1, 0]])
    mask = pl.create_mask_from_window(np.full((3, 3), 7.0))
    assert mask.sum() == 1 and mask[0, 0]


def test_distribute_value_spreads_evenly_and_keeps_the_total():
    a = pl.distribute_value(6.0, (2, 3))
    assert a.shape == (2, 3)
    assert_allclose(a, 1.0)
    assert_allclose(pl.distribute_value(np.float64(2.0), (2, 2)).sum(), 2.0)


def test_average_backward_divides_by_f_squared():
    cache = (np.zeros((1, 3, 3, 1)), {"f": 3, "stride": 1})
    assert_allclose(pl.pool_backward(np.ones((1, 1, 1, 1)), cache, "average"), np.full((1, 3, 3, 1), 1 / 9))


def test_inputs_are_not_modified():
    A_prev, hp = problem(*CASES[1])
    before = A_prev.copy()
    for mode in MODES:
        A, cache = pl.pool_forward(A_prev, hp, mode)
        dA = np.ones_like(A)
        pl.pool_backward(dA, cache, mode)
        pl.pool_backward_loop(dA, cache, mode)
        assert_array_equal(dA, np.ones_like(A))
    assert_array_equal(A_prev, before)
    assert hp == {"f": 3, "stride": 1}


@pytest.mark.parametrize("forward", [pl.pool_forward, pl.pool_forward_loop])
def test_bad_input_is_named(forward):
    A_prev, hp = problem(2, 4, 4, 3, 2, 2)
    with pytest.raises(ValueError, match=r"A_prev has shape \(4, 4, 3\) \(3-D\)"):
        forward(A_prev[0], hp)
    with pytest.raises(ValueError, match=r"f=5 does not fit A_prev of shape \(2, 4, 4, 3\)"):
        forward(A_prev, {"f": 5, "stride": 1})
    with pytest.raises(ValueError, match="mode must be"):
        forward(A_prev, hp, "min")
    with pytest.raises(ValueError, match=r"keys \['f', 'stride'\]"):
        forward(A_prev, {"stride": 2, "pad": 0})
    with pytest.raises(ValueError, match=r'hparameters\["f"\] must be an integer'):
        forward(A_prev, {"f": 2.0, "stride": 2})


@pytest.mark.parametrize("backward", [pl.pool_backward, pl.pool_backward_loop])
def test_backward_rejects_a_dA_of_the_wrong_shape(backward):
    A_prev, hp = problem(2, 4, 4, 3, 2, 2)
    _, cache = pl.pool_forward(A_prev, hp)
    with pytest.raises(ValueError, match=r"dA has shape \(2, 2, 2, 2\); expected .* \(2, 2, 2, 3\)"):
        backward(np.ones((2, 2, 2, 2)), cache)


def test_mask_and_distribute_reject_bad_arguments():
    with pytest.raises(ValueError, match=r"x has shape \(4,\)"):
        pl.create_mask_from_window(np.ones(4))
    with pytest.raises(ValueError, match="NaN"):
        pl.create_mask_from_window(np.array([[np.nan, 1.0]]))
    with pytest.raises(ValueError, match="shape must be a pair"):
        pl.distribute_value(1.0, (2,))
    with pytest.raises(ValueError, match="dz must be a real number"):
        pl.distribute_value(np.ones(2), (2, 2))


@pytest.mark.parametrize("case", [(2, 4, 4, 3, 2, 2), (2, 7, 5, 3, 2, 2), (1, 8, 7, 2, 3, 3), (3, 5, 6, 2, 2, 1)])
def test_many_ties_go_to_the_first_maximum_like_the_loops(case):
    m, n_H_prev, n_W_prev, n_C, f, stride = case
    rng = np.random.default_rng(4)
    A_prev = rng.integers(0, 2, size=(m, n_H_prev, n_W_prev, n_C)).astype(float)  # ties in most windows
    A, cache = pl.pool_forward(A_prev, {"f": f, "stride": stride}, "max")
    dA = rng.standard_normal(A.shape)
    dA_prev = pl.pool_backward(dA, cache, "max")
    assert_allclose(dA_prev, pl.pool_backward_loop(dA, cache, "max"), rtol=1e-12, atol=1e-15)  # s < f adds in another order
    assert_allclose(dA_prev.sum(), dA.sum())  # each window passes its gradient back exactly once


@pytest.mark.parametrize("mode", MODES)
def test_block_path_leaves_the_uncovered_edge_at_zero_and_does_not_modify_inputs(mode):
    A_prev, hp = problem(2, 7, 5, 3, 2, 2)  # row 6 and column 4 are in no window
    before = A_prev.copy()
    A, cache = pl.pool_forward(A_prev, hp, mode)
    assert A.shape == (2, 3, 2, 3)
    dA_prev = pl.pool_backward(np.ones_like(A), cache, mode)
    assert_array_equal(dA_prev[:, 6, :, :], 0.0)
    assert_array_equal(dA_prev[:, :, 4, :], 0.0)
    assert_array_equal(A_prev, before)


# a batch of 5 in chunks of 1 example (also what a budget below one example gives), 2 (a short
# last chunk), 5 (one chunk) and 8 (more than the batch), with ties, on both covered and uncovered inputs
@pytest.mark.parametrize("shape", [(5, 6, 4, 3), (5, 7, 5, 2)])
@pytest.mark.parametrize("examples", [0, 1, 2, 5, 8])
def test_max_pool_backward_over_several_chunks_matches_the_loops(shape, examples, monkeypatch):
    from dlref import convolution as cv

    monkeypatch.setattr(cv, "CHUNK_BYTES", examples * shape[1] * shape[2] * shape[3] * 8)
    rng = np.random.default_rng(6)
    A_prev = rng.integers(0, 3, size=shape).astype(float)  # ties in many windows
    A, cache = pl.pool_forward(A_prev, {"f": 2, "stride": 2}, "max")
    dA = rng.standard_normal(A.shape)  # fails if a chunk is skipped, written twice or shifted
    assert_array_equal(pl.pool_backward(dA, cache, "max"), pl.pool_backward_loop(dA, cache, "max"))


@pytest.mark.parametrize("stride", [2, 1])  # the side-by-side windows' path and the general one
@pytest.mark.parametrize("backward", [pl.pool_backward, pl.pool_backward_loop])
def test_max_pool_backward_rejects_a_nan_it_would_have_no_maximum_for(stride, backward):
    A_prev = np.arange(2 * 4 * 4 * 3, dtype=float).reshape(2, 4, 4, 3)
    A_prev[1, 2, 3, 0] = np.nan
    A, cache = pl.pool_forward(A_prev, {"f": 2, "stride": stride})
    with pytest.raises(ValueError, match=r"A_prev \(the cache's first element, shape \(2, 4, 4, 3\)\) holds NaN"):
        backward(np.ones_like(A), cache, mode="max")
    assert np.isnan(A_prev[1, 2, 3, 0])  # the cache is not cleaned up behind the caller's back
    backward(np.ones_like(A), cache, mode="average")  # average pooling does not read A_prev
