"""Decoder layer: gradient check to x and to the encoder's output, causality, encoder padding."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from dlref import transformer_decoder as dec
from dlref.transformer import create_look_ahead_mask, create_padding_mask
from gradcheck import numerical_gradient, relative_error

B, T_DEC, T_ENC, D, H, F = 2, 3, 4, 4, 2, 5


def parameters(seed):
    rng = np.random.default_rng(seed)
    mha = lambda: {f"W{n}": rng.standard_normal((D, D)) / np.sqrt(D) for n in "qkvo"} | {f"b{n}": 0.1 * rng.standard_normal(D) for n in "qkvo"}  # noqa: E731
    ln = lambda: {"gamma": 1 + 0.1 * rng.standard_normal(D), "beta": 0.1 * rng.standard_normal(D)}  # noqa: E731
    return {"mha1": mha(), "mha2": mha(), "ln1": ln(), "ln2": ln(), "ln3": ln(),
            "ffn": {"W1": rng.standard_normal((D, F)) / 2, "b1": 0.1 * rng.standard_normal(F),
                    "W2": rng.standard_normal((F, D)) / 2, "b2": 0.1 * rng.standard_normal(D)}}


LOOK = create_look_ahead_mask(T_DEC)
PAD = create_padding_mask([[3, 1, 2, 7], [5, 4, 0, 0]])


@pytest.mark.parametrize("masks", [(None, None), (LOOK, PAD)])
def test_decoder_layer_backward_gradient_check(masks):
    p = parameters(0)
    rng = np.random.default_rng(1)
    x, h, G = rng.standard_normal((B, T_DEC, D)), rng.standard_normal((B, T_ENC, D)), rng.standard_normal((B, T_DEC, D))
    g = dec.decoder_layer_backward(G, dec.decoder_layer_forward(x, h, *masks, p, H)[1])
    J = lambda x_, h_, p_: np.sum(G * dec.decoder_layer_forward(x_, h_, *masks, p_, H)[0])  # noqa: E731
    assert relative_error(g["dx"], numerical_gradient(lambda a: J(a, h, p), x)) < 1e-7
    assert relative_error(g["denc_output"], numerical_gradient(lambda a: J(x, a, p), h)) < 1e-7
    for part, values in p.items():
        for key in values:
            num = numerical_gradient(lambda a: J(x, h, {**p, part: {**values, key: a}}), values[key])
            if key == "bk":  # shifts every logit of a query equally: no effect
                assert_allclose(num, 0.0, atol=1e-8)
                assert_allclose(g[part]["dbk"], 0.0, atol=1e-12)
            else:
                assert relative_error(g[part]["d" + key], num) < 1e-7, (part, key)


def test_a_target_position_never_sees_later_ones():
    p = parameters(2)
    rng = np.random.default_rng(2)
    x, h = rng.standard_normal((B, T_DEC, D)), rng.standard_normal((B, T_ENC, D))
    out, _ = dec.decoder_layer_forward(x, h, LOOK, PAD, p, H)
    x2 = x.copy()
    x2[:, -1] += 10.0
    out2, _ = dec.decoder_layer_forward(x2, h, LOOK, PAD, p, H)
    assert_allclose(out2[:, :-1], out[:, :-1], rtol=1e-12)
    h2 = h.copy()
    h2[1, 2:] -= 10.0  # the encoder's padding in sequence 1
    out3, _ = dec.decoder_layer_forward(x, h2, LOOK, PAD, p, H)
    assert_allclose(out3[1], out[1], rtol=1e-12)
    g = dec.decoder_layer_backward(np.ones_like(out), dec.decoder_layer_forward(x, h, LOOK, PAD, p, H)[1])
    assert np.array_equal(g["denc_output"][1, 2:], np.zeros((2, D)))  # padding gets no gradient


def transformer_parameters(seed, V_in=7, V_out=6, layers=2):
    rng = np.random.default_rng(seed)
    enc = []
    for i in range(layers):
        p = parameters(seed + 10 + i)
        enc.append({"mha": p["mha1"], "ln1": p["ln1"], "ffn": p["ffn"], "ln2": p["ln2"]})
    return {"enc_embedding": rng.standard_normal((V_in, D)), "dec_embedding": rng.standard_normal((V_out, D)),
            "encoder": enc, "decoder": [parameters(seed + 20 + i) for i in range(layers)],
            "W_out": rng.standard_normal((D, V_out)), "b_out": rng.standard_normal(V_out)}


def test_the_transformer_predicts_a_distribution_at_every_target_position():
    p = transformer_parameters(0)
    probs = dec.transformer_forward([[1, 2, 3, 0], [4, 5, 0, 0]], [[1, 2, 3], [5, 4, 0]], p, H)
    assert probs.shape == (2, 3, 6)
    assert_allclose(probs.sum(axis=-1), 1.0)


def test_the_transformer_is_causal_and_ignores_padding():
    p = transformer_parameters(1)
    inp, tar = np.array([[1, 2, 3, 0], [4, 5, 0, 0]]), np.array([[1, 2, 3], [5, 4, 2]])
    probs = dec.transformer_forward(inp, tar, p, H)
    future = tar.copy()
    future[:, 2] = [4, 1]  # change the last target token
    assert_allclose(dec.transformer_forward(inp, future, p, H)[:, :2], probs[:, :2], rtol=1e-12)
    shorter = np.array([[1, 2, 3], [4, 5, 0]])  # one padding column fewer
    assert_allclose(dec.transformer_forward(shorter, tar, p, H), probs, rtol=1e-10)
    with pytest.raises(ValueError, match=r"input_ids has shape \(2, 4\) and dtype float64"):
        dec.transformer_forward(inp.astype(float), tar, p, H)
