"""Transformer attention: positional encodings (the floor), masks (1 = keep), attention and its gradient."""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from numpy.testing import assert_allclose, assert_array_equal
from scipy.special import softmax as scipy_softmax

from dlref import transformer as tf
from gradcheck import numerical_gradient, relative_error


@pytest.mark.parametrize("positions, d", [(1, 1), (5, 4), (50, 7), (20, 16)])
def test_positional_encoding_matches_the_formula_entry_by_entry(positions, d):
    pe = tf.positional_encoding(positions, d)
    assert pe.shape == (1, positions, d)
    for pos in range(positions):
        for i in range((d + 1) // 2):
            angle = pos / 10000 ** (2 * i / d)
            assert pe[0, pos, 2 * i] == pytest.approx(np.sin(angle), abs=1e-12)
            if 2 * i + 1 < d:
                assert pe[0, pos, 2 * i + 1] == pytest.approx(np.cos(angle), abs=1e-12)


def test_columns_2i_and_2i_plus_1_share_a_frequency():
    """Without the floor, column 2i + 1 would get 10000^((2i+1)/d): its own frequency."""
    d, pos = 8, np.arange(30)[:, None]
    angles = tf.get_angles(pos, np.arange(d)[None, :], d)
    assert_array_equal(angles[:, 0::2], angles[:, 1::2])
    no_floor = pos / 10000 ** (np.arange(d)[None, :] / d)
    assert np.abs(angles[:, 1::2] - no_floor[:, 1::2]).max() > 1.0
    pe = tf.positional_encoding(30, d)[0]
    assert_allclose(pe[:, 0::2] ** 2 + pe[:, 1::2] ** 2, 1.0)  # each pair is a point on a circle


def test_masks_hold_1_to_keep_and_0_to_mask():
    assert_array_equal(tf.create_padding_mask([[5, 3, 0], [1, 0, 0]]), [[[1, 1, 0]], [[1, 0, 0]]])
    look = tf.create_look_ahead_mask(4)
    assert look.shape == (1, 4, 4)
    for i in range(4):
        for j in range(4):
            assert look[0, i, j] == (1.0 if j <= i else 0.0)


def attention_problem(seed, batch=2, seq_q=3, seq_k=4, d_k=5, d_v=3):
    rng = np.random.default_rng(seed)
    return (rng.standard_normal((batch, seq_q, d_k)), rng.standard_normal((batch, seq_k, d_k)),
            rng.standard_normal((batch, seq_k, d_v)), rng.standard_normal((batch, seq_q, d_v)))


@pytest.mark.parametrize("seed", [0, 1])
def test_attention_is_the_softmax_of_scaled_dot_products_times_v(seed):
    q, k, v, _ = attention_problem(seed)
    out, w = tf.scaled_dot_product_attention(q, k, v)
    expected_w = scipy_softmax(np.einsum("bqd,bkd->bqk", q, k) / np.sqrt(5), axis=-1)
    assert_allclose(w, expected_w, rtol=1e-12)
    assert_allclose(out, np.einsum("bqk,bkv->bqv", expected_w, v), rtol=1e-12)


def test_attention_returns_its_arrays_in_one_buffer_a_call_without_overlap():
    """What the module's docstring promises: one new buffer per call, split without overlap."""
    q, k, v, d_out = attention_problem(0)
    out, w = tf.scaled_dot_product_attention(q, k, v)
    dq, dk, dv = tf.scaled_dot_product_attention_backward(d_out, q, k, v, w)
    assert out.base is w.base is not None and dq.base is dk.base is dv.base is not None
    assert out.base is not dq.base and not np.shares_memory(out.base, q)
    arrays = [out, w, dq, dk, dv]
    assert not any(np.shares_memory(a, b) for i, a in enumerate(arrays) for b in arrays[i + 1:])


def test_a_padded_case_ignores_the_padding_keys():
    """Sequence 1 has 2 real tokens of 4: its result equals attention over those 2 keys alone."""
    q, k, v, _ = attention_problem(2)
    token_ids = np.array([[4, 8, 2, 9], [6, 1, 0, 0]])
    mask = tf.create_padding_mask(token_ids)
    out, w = tf.scaled_dot_product_attention(q, k, v, mask)
    assert_array_equal(w[1, :, 2:], 0.0)
    alone, _ = tf.scaled_dot_product_attention(q[1:], k[1:, :2], v[1:, :2])
    assert_allclose(out[1:], alone, rtol=1e-12)
    full, _ = tf.scaled_dot_product_attention(q[:1], k[:1], v[:1])
    assert_allclose(out[:1], full, rtol=1e-12)  # nothing masked in sequence 0


def test_a_look_ahead_case_never_attends_to_the_future():
    q, k, v, _ = attention_problem(3, seq_q=4, seq_k=4)
    mask = tf.create_look_ahead_mask(4)
    out, w = tf.scaled_dot_product_attention(q, k, v, mask)
    assert_array_equal(np.triu(w[0], 1), 0.0)
    assert_allclose(out[:, 0], v[:, 0], rtol=1e-12)  # the first position sees only itself
    changed_future = v.copy()
    changed_future[:, 2:] += 100.0
    out2, _ = tf.scaled_dot_product_attention(q, k, changed_future, mask)
    assert_allclose(out2[:, :2], out[:, :2], rtol=1e-12)
    # the opposite convention (1 = masked) would let position 0 attend to the future:
    out_wrong, _ = tf.scaled_dot_product_attention(q, k, v, 1 - mask)
    assert np.abs(out_wrong[:, 1] - out[:, 1]).max() > 1e-3


@pytest.mark.parametrize("masked", [False, True])
@pytest.mark.parametrize("seed", [0, 1])
def test_attention_backward_gradient_check(masked, seed):
    q, k, v, G = attention_problem(seed)
    mask = tf.create_padding_mask([[1, 1, 1, 1], [1, 1, 0, 0]]) if masked else None
    _, w = tf.scaled_dot_product_attention(q, k, v, mask)
    dq, dk, dv = tf.scaled_dot_product_attention_backward(G, q, k, v, w)
    J = lambda q_, k_, v_: np.sum(G * tf.scaled_dot_product_attention(q_, k_, v_, mask)[0])  # noqa: E731
    assert relative_error(dq, numerical_gradient(lambda x: J(x, k, v), q)) < 1e-7
    assert relative_error(dk, numerical_gradient(lambda x: J(q, x, v), k)) < 1e-7
    assert relative_error(dv, numerical_gradient(lambda x: J(q, k, x), v)) < 1e-7
    if masked:
        assert_array_equal(dv[1, 2:], 0.0)  # padding values receive no gradient


def test_attention_backward_agrees_with_autograd():
    q, k, v, G = attention_problem(4)

    def loss(q_, k_, v_):
        s = anp.einsum("bqd,bkd->bqk", q_, k_) / anp.sqrt(5.0)
        e = anp.exp(s - anp.max(s, axis=-1, keepdims=True))
        return anp.sum(G * anp.einsum("bqk,bkv->bqv", e / anp.sum(e, axis=-1, keepdims=True), v_))

    _, w = tf.scaled_dot_product_attention(q, k, v)
    for got, i in zip(tf.scaled_dot_product_attention_backward(G, q, k, v, w), range(3)):
        assert_allclose(got, grad(loss, i)(q, k, v), rtol=1e-10, atol=1e-12)


def test_bad_masks_and_shapes_are_rejected():
    q, k, v, _ = attention_problem(0)
    with pytest.raises(ValueError, match=r"mask has shape \(2, 1, 3\).*\(2, 3, 4\).*1 = keep"):
        tf.scaled_dot_product_attention(q, k, v, np.ones((2, 1, 3)))
    with pytest.raises(ValueError, match="only 1 \\(keep\\) and 0"):
        tf.scaled_dot_product_attention(q, k, v, np.full((2, 1, 4), 2.0))
    with pytest.raises(ValueError, match=r"q, k, v have shapes"):
        tf.scaled_dot_product_attention(q, k[:, :, :4], v)
    with pytest.raises(ValueError, match="decoder_token_ids has shape"):
        tf.create_padding_mask([1, 2, 0])


def test_inputs_are_not_modified():
    q, k, v, G = attention_problem(0)
    copies = [a.copy() for a in (q, k, v, G)]
    _, w = tf.scaled_dot_product_attention(q, k, v, tf.create_look_ahead_mask(4)[:, :3])
    tf.scaled_dot_product_attention_backward(G, q, k, v, w)
    assert all(np.array_equal(a, b) for a, b in zip(copies, (q, k, v, G)))


@pytest.mark.parametrize("mask_kind", [None, "padding", "look-ahead"])
def test_chunked_attention_agrees_with_one_chunk(monkeypatch, mask_kind):
    """Batch x heads = 3 x 5 = 15 rows in chunks of 4 (the last one short) against a single chunk."""
    rng = np.random.default_rng(7)
    q, k, v, G = (rng.standard_normal((3, 5, 6, 4)) for _ in range(4))
    mask = {None: None, "padding": tf.create_padding_mask([[1, 2, 3, 0, 0, 0], [4, 5, 6, 7, 8, 0], [1] * 6])[:, None],
            "look-ahead": tf.create_look_ahead_mask(6)}[mask_kind]
    results = []
    for chunk_bytes in (2**30, 4 * 6 * 6 * 8):
        monkeypatch.setattr(tf, "CHUNK_BYTES", chunk_bytes)
        assert len(tf._row_chunks(15, 36)) == (1 if chunk_bytes == 2**30 else 4)
        out, w = tf.scaled_dot_product_attention(q, k, v, mask)
        results.append((out, w, *tf.scaled_dot_product_attention_backward(G, q, k, v, w)))
    for one, chunked in zip(*results):
        assert_allclose(chunked, one, rtol=0, atol=1e-12)
    expected = scipy_softmax(q @ np.swapaxes(k, -1, -2) / 2.0 + (0 if mask is None else (1 - mask) * -1e9), axis=-1)
    assert_allclose(results[1][1], expected, rtol=1e-12, atol=1e-15)
    if mask_kind == "padding":
        assert_array_equal(results[1][1][0, :, :, 3:], 0.0)
