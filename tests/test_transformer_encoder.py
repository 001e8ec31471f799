"""Encoder layer pieces: multi-head attention, layer norm, FFN, the layer, each gradient-checked."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from dlref import transformer_encoder as enc
from dlref.transformer import create_padding_mask, scaled_dot_product_attention
from gradcheck import numerical_gradient, relative_error

B, S, D, H, F = 2, 3, 4, 2, 6  # batch, seq_len, d_model, heads, d_ff


def mha_parameters(rng, d=D):
    return {f"W{n}": rng.standard_normal((d, d)) / np.sqrt(d) for n in "qkvo"} | {f"b{n}": 0.1 * rng.standard_normal(d) for n in "qkvo"}


def layer_parameters(seed):
    rng = np.random.default_rng(seed)
    return {"mha": mha_parameters(rng),
            "ln1": {"gamma": 1 + 0.1 * rng.standard_normal(D), "beta": 0.1 * rng.standard_normal(D)},
            "ffn": {"W1": rng.standard_normal((D, F)) / 2, "b1": 0.1 * rng.standard_normal(F),
                    "W2": rng.standard_normal((F, D)) / 2, "b2": 0.1 * rng.standard_normal(D)},
            "ln2": {"gamma": 1 + 0.1 * rng.standard_normal(D), "beta": 0.1 * rng.standard_normal(D)}}


MASK = create_padding_mask([[3, 1, 2], [5, 4, 0]])


def test_heads_are_attentions_on_column_blocks_of_the_projections():
    rng = np.random.default_rng(0)
    p, x = mha_parameters(rng), rng.standard_normal((B, S, D))
    out, _ = enc.multi_head_attention_forward(x, x, x, MASK, p, H)
    depth, heads = D // H, []
    for i in range(H):
        cols = slice(i * depth, (i + 1) * depth)
        Q, K, V = (x @ p[f"W{n}"][:, cols] + p[f"b{n}"][cols] for n in "qkv")
        heads.append(scaled_dot_product_attention(Q, K, V, MASK)[0])
    assert_allclose(out, np.concatenate(heads, axis=-1) @ p["Wo"] + p["bo"], rtol=1e-12)


@pytest.mark.parametrize("mask", [None, MASK])
@pytest.mark.parametrize("seed", [0, 1])
def test_multi_head_attention_backward_gradient_check(mask, seed):
    rng = np.random.default_rng(seed)
    p = mha_parameters(rng)
    q, kv, G = rng.standard_normal((B, S, D)), rng.standard_normal((B, S, D)), rng.standard_normal((B, S, D))
    _, cache = enc.multi_head_attention_forward(q, kv, kv + 1, mask, p, H)
    g = enc.multi_head_attention_backward(G, cache)
    J = lambda q_, k_, v_, p_: np.sum(G * enc.multi_head_attention_forward(q_, k_, v_, mask, p_, H)[0])  # noqa: E731
    assert relative_error(g["dq_in"], numerical_gradient(lambda a: J(a, kv, kv + 1, p), q)) < 1e-7
    assert relative_error(g["dk_in"], numerical_gradient(lambda a: J(q, a, kv + 1, p), kv)) < 1e-7
    assert relative_error(g["dv_in"], numerical_gradient(lambda a: J(q, kv, a, p), kv + 1)) < 1e-7
    for key in p:
        num = numerical_gradient(lambda a: J(q, kv, kv + 1, {**p, key: a}), p[key])
        if key == "bk":  # a bias on every key shifts each query's logits by one constant: no effect
            assert_allclose(g["dbk"], 0.0, atol=1e-12)
            assert_allclose(num, 0.0, atol=1e-8)
        else:
            assert relative_error(g["d" + key], num) < 1e-7, key


def test_layer_norm_normalizes_each_position_over_its_features():
    rng = np.random.default_rng(0)
    x = 3 + 5 * rng.standard_normal((B, S, 8))
    out, _ = enc.layer_norm_forward(x, np.ones(8), np.zeros(8))
    assert_allclose(out.mean(axis=-1), 0.0, atol=1e-12)
    assert_allclose(out.var(axis=-1), 1.0, rtol=1e-5)


@pytest.mark.parametrize("seed", [0, 1])
def test_layer_norm_backward_gradient_check(seed):
    rng = np.random.default_rng(seed)
    x, gamma, beta, G = rng.standard_normal((B, S, D)), rng.standard_normal(D), rng.standard_normal(D), rng.standard_normal((B, S, D))
    dx, dgamma, dbeta = enc.layer_norm_backward(G, enc.layer_norm_forward(x, gamma, beta)[1])
    J = lambda x_, g_, b_: np.sum(G * enc.layer_norm_forward(x_, g_, b_)[0])  # noqa: E731
    assert relative_error(dx, numerical_gradient(lambda a: J(a, gamma, beta), x)) < 1e-7
    assert relative_error(dgamma, numerical_gradient(lambda a: J(x, a, beta), gamma)) < 1e-7
    assert relative_error(dbeta, numerical_gradient(lambda a: J(x, gamma, a), beta)) < 1e-7


@pytest.mark.parametrize("seed", [0, 1])
def test_ffn_backward_gradient_check(seed):
    rng = np.random.default_rng(seed)
    p, x, G = layer_parameters(seed)["ffn"], rng.standard_normal((B, S, D)), rng.standard_normal((B, S, D))
    g = enc.ffn_backward(G, enc.ffn_forward(x, p)[1])
    J = lambda x_, p_: np.sum(G * enc.ffn_forward(x_, p_)[0])  # noqa: E731
    assert relative_error(g["dx"], numerical_gradient(lambda a: J(a, p), x)) < 1e-7
    for key in p:
        assert relative_error(g["d" + key], numerical_gradient(lambda a: J(x, {**p, key: a}), p[key])) < 1e-7, key


@pytest.mark.parametrize("mask", [None, MASK])
def test_encoder_layer_backward_gradient_check(mask):
    p = layer_parameters(3)
    rng = np.random.default_rng(3)
    x, G = rng.standard_normal((B, S, D)), rng.standard_normal((B, S, D))
    g = enc.encoder_layer_backward(G, enc.encoder_layer_forward(x, mask, p, H)[1])
    J = lambda x_, p_: np.sum(G * enc.encoder_layer_forward(x_, mask, p_, H)[0])  # noqa: E731
    assert relative_error(g["dx"], numerical_gradient(lambda a: J(a, p), x)) < 1e-7
    for part, values in p.items():
        for key in values:
            num = numerical_gradient(lambda a: J(x, {**p, part: {**values, key: a}}), values[key])
            if key == "bk":
                assert_allclose(num, 0.0, atol=1e-8)
                assert_allclose(g[part]["dbk"], 0.0, atol=1e-12)
            else:
                assert relative_error(g[part]["d" + key], num) < 1e-7, (part, key)


def test_a_padding_token_does_not_change_the_other_positions():
    p = layer_parameters(0)
    x = np.random.default_rng(0).standard_normal((B, S, D))
    out, _ = enc.encoder_layer_forward(x, MASK, p, H)
    x2 = x.copy()
    x2[1, 2] += 50.0  # change the padded position of sequence 1
    out2, _ = enc.encoder_layer_forward(x2, MASK, p, H)
    assert_allclose(out2[1, :2], out[1, :2], rtol=1e-12)


def test_bad_shapes_are_rejected():
    p = layer_parameters(0)
    x = np.zeros((B, S, D))
    with pytest.raises(ValueError, match="num_heads = 3 must divide d_model = 4"):
        enc.multi_head_attention_forward(x, x, x, None, p["mha"], 3)
    with pytest.raises(ValueError, match=r"x has shape \(3, 4\); expected \(batch, seq_len, d\)"):
        enc.layer_norm_forward(x[0], np.ones(D), np.zeros(D))
    with pytest.raises(ValueError, match=r"mask has shape \(2, 3\).*1 = keep"):
        enc.multi_head_attention_forward(x, x, x, np.ones((2, 3)), p["mha"], H)
    with pytest.raises(ValueError, match=r"Wk has shape \(4, 2\); expected \(4, 4\)"):
        enc.multi_head_attention_forward(x, x, x, None, p["mha"] | {"Wk": np.zeros((4, 2))}, H)


def test_inputs_are_not_modified():
    p = layer_parameters(0)
    x, G = np.random.default_rng(1).standard_normal((B, S, D)), np.ones((B, S, D))
    before = (x.copy(), {part: {k: v.copy() for k, v in vals.items()} for part, vals in p.items()})
    enc.encoder_layer_backward(G, enc.encoder_layer_forward(x, MASK, p, H)[1])
    assert np.array_equal(before[0], x)
    assert all(np.array_equal(before[1][part][k], p[part][k]) for part in p for k in p[part])
