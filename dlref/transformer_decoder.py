r"""The transformer's decoder layer: masked self-attention, attention over the encoder, the feed-forward network.

Tensors are ``(batch, seq_len, d_model)``. **Masks: 1 = keep, 0 = masked**: the look-ahead mask
``(1, T_dec, T_dec)`` (or its product with a padding mask) stops each target position from
seeing later ones, the padding mask ``(batch, 1, T_enc)`` hides the encoder's padding. Post-norm
as in the course, without dropout; the building blocks are `dlref.transformer_encoder`'s.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._sequence import check_cache, check_entries
from dlref._validation import as_float_array, check_matrix
from dlref.transformer import create_look_ahead_mask, create_padding_mask, positional_encoding
from dlref.transformer_encoder import (
    _check_mask,
    _check_tokens,
    _d_model,
    encoder_layer_forward,
    ffn_backward,
    ffn_forward,
    layer_norm_backward,
    layer_norm_forward,
    multi_head_attention_backward,
    multi_head_attention_forward,
)

__all__ = ["decoder_layer_backward", "decoder_layer_forward", "transformer_forward"]


def decoder_layer_forward(x: ArrayLike, enc_output: ArrayLike, look_ahead_mask, padding_mask, parameters: dict, num_heads: int, epsilon: float = 1e-6):
    r"""One decoder layer: three sub-layers, each with a residual connection and layer normalization.

    Parameters
    ----------
    x : array_like of shape (batch, T_dec, d_model)
        The target sequence so far (embedded, with positional encodings).
    enc_output : array_like of shape (batch, T_enc, d_model)
        The encoder's output.
    look_ahead_mask : array_like or None
        Broadcastable to ``(batch, T_dec, T_dec)``. **1 = keep, 0 = masked.**
    padding_mask : array_like or None
        Broadcastable to ``(batch, T_dec, T_enc)``, usually ``(batch, 1, T_enc)``. **1 = keep, 0 = masked.**
    parameters : dict
        ``{"mha1", "mha2", "ffn", "ln1", "ln2", "ln3"}``, as in `dlref.transformer_encoder`.
    num_heads : int
    epsilon : float, default 1e-6

    Returns
    -------
    out : ndarray of shape (batch, T_dec, d_model)
    cache : tuple
        The six sub-layers' caches; the two attention weights are ``cache[0]["A"]`` and ``cache[2]["A"]``.

    Raises
    ------
    ValueError
        As the sub-layers.

    Notes
    -----
    $$z_1 = \mathrm{LN}_1\bigl(x + \mathrm{MH}_1(x, x, x;\ \text{look-ahead})\bigr), \qquad
    z_2 = \mathrm{LN}_2\bigl(z_1 + \mathrm{MH}_2(z_1, h, h;\ \text{padding})\bigr), \qquad
    \text{out} = \mathrm{LN}_3\bigl(z_2 + \mathrm{FFN}(z_2)\bigr)$$

    with $h$ the encoder's output: the queries come from the decoder, the keys and values from the encoder.

    Examples
    --------
    >>> d = 2
    >>> mha = {f"W{n}": np.eye(d) for n in "qkvo"} | {f"b{n}": np.zeros(d) for n in "qkvo"}
    >>> ln = {"gamma": np.ones(d), "beta": np.zeros(d)}
    >>> p = {"mha1": mha, "mha2": mha, "ln1": ln, "ln2": ln, "ln3": ln,
    ...      "ffn": {"W1": np.eye(d), "b1": np.zeros(d), "W2": np.eye(d), "b2": np.zeros(d)}}
    >>> out, _ = decoder_layer_forward(np.array([[[1.0, 3.0]]]), np.array([[[0.0, 1.0]]]), None, None, p, 1)
    >>> out.round(4).tolist()
    [[[-1.0, 1.0]]]
    """
    check_entries("parameters", parameters, ("mha1", "ln1", "mha2", "ln2", "ffn", "ln3"), "a decoder layer")
    for ln in ("ln1", "ln2", "ln3"):
        check_entries(f"parameters[{ln!r}]", parameters[ln], ("gamma", "beta"), "a layer normalization")
    d_model = _d_model(parameters, "mha1", "a decoder layer")
    x = _check_tokens("x", x, d_model, " (the rows of Wq)")
    enc_output = _check_tokens("enc_output", enc_output, d_model, f" (the width of x, whose shape is {x.shape})")
    _check_mask("look_ahead_mask", look_ahead_mask, (x.shape[0], x.shape[1], x.shape[1]))
    _check_mask("padding_mask", padding_mask, (x.shape[0], x.shape[1], enc_output.shape[1]))
    # --8<-- [start:decoder_layer_forward]
    attn1, c1 = multi_head_attention_forward(x, x, x, look_ahead_mask, parameters["mha1"], num_heads)
    z1, c_ln1 = layer_norm_forward(x + attn1, **parameters["ln1"], epsilon=epsilon)
    attn2, c2 = multi_head_attention_forward(z1, enc_output, enc_output, padding_mask, parameters["mha2"], num_heads)
    z2, c_ln2 = layer_norm_forward(z1 + attn2, **parameters["ln2"], epsilon=epsilon)
    ffn_out, c_ffn = ffn_forward(z2, parameters["ffn"])
    out, c_ln3 = layer_norm_forward(z2 + ffn_out, **parameters["ln3"], epsilon=epsilon)
    # --8<-- [end:decoder_layer_forward]
    return out, (c1, c_ln1, c2, c_ln2, c_ffn, c_ln3)


def decoder_layer_backward(d_out: ArrayLike, cache: tuple) -> dict:
    r"""Backward pass of `decoder_layer_forward`, to the decoder's input and to the encoder's output.

    Parameters
    ----------
    d_out : array_like of shape (batch, T_dec, d_model)
    cache : tuple
        From `decoder_layer_forward`.

    Returns
    -------
    gradients : dict
        ``dx (batch, T_dec, d_model)``, ``denc_output (batch, T_enc, d_model)`` and one dict of
        parameter gradients per sub-layer, keyed ``"mha1", "mha2", "ffn", "ln1", "ln2", "ln3"``.

    Raises
    ------
    ValueError
        If `d_out` does not have the output's shape.

    Notes
    -----
    Each residual passes its gradient straight through and through its sub-layer. The encoder's
    output is the key and the value of the second attention, so
    $dh = dk_{\mathrm{MH}_2} + dv_{\mathrm{MH}_2}$; $z_1$ is its query and the input of the
    residual, so $dz_1 = d(z_1 + \mathrm{MH}_2) + dq_{\mathrm{MH}_2}$.

    Examples
    --------
    >>> d = 2
    >>> mha = {f"W{n}": np.eye(d) for n in "qkvo"} | {f"b{n}": np.zeros(d) for n in "qkvo"}
    >>> ln = {"gamma": np.ones(d), "beta": np.zeros(d)}
    >>> p = {"mha1": mha, "mha2": mha, "ln1": ln, "ln2": ln, "ln3": ln,
    ...      "ffn": {"W1": np.eye(d), "b1": np.zeros(d), "W2": np.eye(d), "b2": np.zeros(d)}}
    >>> _, cache = decoder_layer_forward(np.array([[[1.0, 3.0]]]), np.array([[[0.0, 1.0]]]), None, None, p, 1)
    >>> g = decoder_layer_backward(np.ones((1, 1, 2)), cache)
    >>> g["denc_output"].shape, g["ln3"]["dbeta"].tolist()
    ((1, 1, 2), [1.0, 1.0])
    """
    c1, c_ln1, c2, c_ln2, c_ffn, c_ln3 = check_cache(cache, 6, "decoder_layer_forward")
    # --8<-- [start:decoder_layer_backward]
    d_sum3, dgamma3, dbeta3 = layer_norm_backward(d_out, c_ln3)
    g_ffn = ffn_backward(d_sum3, c_ffn)
    dz2 = d_sum3 + g_ffn["dx"]
    d_sum2, dgamma2, dbeta2 = layer_norm_backward(dz2, c_ln2)
    g2 = multi_head_attention_backward(d_sum2, c2)
    dz1 = d_sum2 + g2["dq_in"]  # z1 is the residual input and the query
    denc_output = g2["dk_in"] + g2["dv_in"]  # the encoder's output is the key and the value
    d_sum1, dgamma1, dbeta1 = layer_norm_backward(dz1, c_ln1)
    g1 = multi_head_attention_backward(d_sum1, c1)
    dx = d_sum1 + g1["dq_in"] + g1["dk_in"] + g1["dv_in"]
    # --8<-- [end:decoder_layer_backward]
    weights = lambda g: {k: v for k, v in g.items() if k[1] in "Wb"}  # noqa: E731
    return {"dx": dx, "denc_output": denc_output, "mha1": weights(g1), "mha2": weights(g2),
            "ffn": {k: v for k, v in g_ffn.items() if k != "dx"},
            "ln1": {"dgamma": dgamma1, "dbeta": dbeta1}, "ln2": {"dgamma": dgamma2, "dbeta": dbeta2},
            "ln3": {"dgamma": dgamma3, "dbeta": dbeta3}}


def _embed(token_ids: NDArray[np.int_], E: NDArray[np.float64]) -> NDArray[np.float64]:
    """Embeddings scaled by the square root of d_model, plus the positional encodings."""
    d_model = E.shape[1]
    return E[token_ids] * np.sqrt(d_model) + positional_encoding(token_ids.shape[1], d_model)


def transformer_forward(input_ids: ArrayLike, target_ids: ArrayLike, parameters: dict, num_heads: int) -> NDArray[np.float64]:
    r"""A whole transformer, forward: embed and encode the input, decode the target, predict every next token.

    Parameters
    ----------
    input_ids : array_like of int, shape (batch, T_enc)
        The input sentences' token ids, 0 for padding.
    target_ids : array_like of int, shape (batch, T_dec)
        The target sentences so far (shifted right during training), 0 for padding.
    parameters : dict
        ``enc_embedding (V_in, d_model)``, ``dec_embedding (V_out, d_model)``, ``encoder`` and
        ``decoder`` (lists of layer parameters, as in `dlref.transformer_encoder.encoder_layer_forward`
        and `decoder_layer_forward`), ``W_out (d_model, V_out)``, ``b_out (V_out,)``.
    num_heads : int

    Returns
    -------
    probabilities : ndarray of shape (batch, T_dec, V_out)
        At each target position, the distribution of the next token; each row sums to 1.

    Raises
    ------
    ValueError
        If the token ids are not 2-D integers within the vocabularies, or as the layers.

    Notes
    -----
    The masks are built from the ids (**1 = keep, 0 = masked**): the input's padding mask for the
    encoder and for the decoder's second attention, and the look-ahead mask times the target's
    padding mask for the decoder's self-attention.

    $$h^{[0]} = \sqrt{d}\,E_{\text{in}}[x] + PE, \quad h^{[l]} = \mathrm{Encoder}_l(h^{[l-1]}), \quad
    z^{[0]} = \sqrt{d}\,E_{\text{out}}[y] + PE, \quad z^{[l]} = \mathrm{Decoder}_l(z^{[l-1]}, h^{[L]})$$

    $$P(y^{\langle t+1 \rangle} \mid x, y^{\langle 1..t \rangle}) = \mathrm{softmax}(z^{[L]\langle t \rangle} W_{\text{out}} + b_{\text{out}})$$

    Examples
    --------
    >>> p = {"enc_embedding": np.zeros((3, 2)), "dec_embedding": np.zeros((3, 2)), "encoder": [], "decoder": [],
    ...      "W_out": np.zeros((2, 3)), "b_out": np.zeros(3)}
    >>> transformer_forward([[1, 2]], [[1]], p, 1).round(4).tolist()
    [[[0.3333, 0.3333, 0.3333]]]
    """
    check_entries("parameters", parameters, ("enc_embedding", "dec_embedding", "encoder", "decoder", "W_out", "b_out"), "a transformer")
    for stack in ("encoder", "decoder"):
        if not isinstance(parameters[stack], (list, tuple)):
            raise ValueError(f"parameters['{stack}'] must be a list with one dict per {stack} layer; got {parameters[stack]!r}.")
    E_in = check_matrix("enc_embedding", parameters["enc_embedding"], ("V_in", "d_model"), hint="One row per input token.")
    d_model = E_in.shape[1]
    E_out = check_matrix("dec_embedding", parameters["dec_embedding"], ("V_dec", d_model), hint=f"enc_embedding has shape {E_in.shape}.")
    W_out = check_matrix("W_out", parameters["W_out"], (d_model, "V_out"), hint=f"W_out maps the d_model = {d_model} features to scores.")
    b_out = as_float_array("b_out", parameters["b_out"])
    if b_out.shape != (W_out.shape[1],):
        raise ValueError(f"b_out has shape {b_out.shape}; expected ({W_out.shape[1]},), one bias per column of W_out {W_out.shape}.")
    ids = {}
    for name, value, V in (("input_ids", input_ids, E_in.shape[0]), ("target_ids", target_ids, E_out.shape[0])):
        arr = np.asarray(value)
        if arr.ndim != 2 or not np.issubdtype(arr.dtype, np.integer) or arr.min() < 0 or arr.max() >= V:
            raise ValueError(f"{name} has shape {arr.shape} and dtype {arr.dtype}; expected 2-D integer ids in [0, {V}).")
        ids[name] = arr
    # --8<-- [start:transformer_forward]
    enc_mask = create_padding_mask(ids["input_ids"])  # (batch, 1, T_enc), 1 = keep
    look_ahead = create_look_ahead_mask(ids["target_ids"].shape[1]) * create_padding_mask(ids["target_ids"])
    h = _embed(ids["input_ids"], E_in)
    for layer in parameters["encoder"]:
        h, _ = encoder_layer_forward(h, enc_mask, layer, num_heads)
    z = _embed(ids["target_ids"], E_out)
    for layer in parameters["decoder"]:
        z, _ = decoder_layer_forward(z, h, look_ahead, enc_mask, layer, num_heads)
    logits = z @ parameters["W_out"] + parameters["b_out"]  # (batch, T_dec, V_out)
    t = np.exp(logits - logits.max(axis=-1, keepdims=True))
    probabilities = t / t.sum(axis=-1, keepdims=True)  # softmax over the vocabulary
    # --8<-- [end:transformer_forward]
    return probabilities
