"""The known mistakes of the Course 5 checks, each written as the wrong formula itself.

Most are slips of the course's published notebook code and of the solutions copied from it
(``docs/errata-courses-2-5.md``, Course 5 group); the others are the formula mistakes Course 5's tests pin.
Each wrong version is otherwise right, and reuses dlref for the right parts.
"""

from __future__ import annotations

import numpy as np

from dlref import lstm, rnn, rnn_variants, transformer
from dlref.check._engine import Mistake

ERRATA_5_1, ERRATA_5_2 = "5.1 (assignment)", "5.2 (assignment)"


# ---------------------------------------------------------------- week 1


def _softmax_global_max(z):
    t = np.exp(z - np.max(z))  # one max for the whole array: a column far below it underflows to 0 / 0
    return t / np.sum(t, axis=0, keepdims=True)


def rnn_cell_forward_global_max(xt, a_prev, parameters):
    p = parameters
    a_next = np.tanh(p["Waa"] @ a_prev + p["Wax"] @ xt + p["ba"])
    return a_next, _softmax_global_max(p["Wya"] @ a_next + p["by"]), (a_next, a_prev, xt, parameters)


def rnn_forward_global_max(x, a0, parameters):
    a, y_pred, (caches, _) = rnn.rnn_forward(x, a0, parameters)
    y_pred = np.stack([_softmax_global_max(parameters["Wya"] @ a[:, :, t] + parameters["by"]) for t in range(x.shape[2])], axis=2)
    return a, y_pred, (caches, x)


def rnn_backward_without_carry(da, caches):
    step_caches, x = caches
    grads = {"dx": np.zeros_like(x), "da0": None, "dWax": 0.0, "dWaa": 0.0, "dba": 0.0}
    for t in reversed(range(x.shape[2])):
        g = rnn.rnn_cell_backward(da[:, :, t], step_caches[t])  # da_prev of step t + 1 is dropped
        grads["dx"][:, :, t], grads["da0"] = g["dxt"], g["da_prev"]
        for k in ("dWax", "dWaa", "dba"):
            grads[k] = grads[k] + g[k]
    return grads


def brnn_backward_in_sequence_order(dy, caches):
    caches_f, caches_b, output_cache = caches
    (da_f, da_b), dWy, dby = rnn_variants._predict_backward(dy, output_cache, "brnn_forward", 2)
    g_f, g_b = rnn.rnn_backward(da_f, caches_f), rnn.rnn_backward(da_b, caches_b)  # da_b not put in the chain's order
    cell = ("dWax", "dWaa", "dba")
    return {"dx": g_f["dx"] + g_b["dx"], "da0_f": g_f["da0"], "da0_b": g_b["da0"], "forward": {k: g_f[k] for k in cell},
            "backward": {k: g_b[k] for k in cell}, "dWy": dWy, "dby": dby}


def deep_rnn_backward_top_layer_only(dy, caches):
    layer_caches, output_cache = caches
    (da,), dWy, dby = rnn_variants._predict_backward(dy, output_cache, "deep_rnn_forward", 1)
    layers, da0 = [{}] * len(layer_caches), [None] * len(layer_caches)
    for l in reversed(range(len(layer_caches))):
        g = rnn.rnn_backward(da, layer_caches[l])
        layers[l], da0[l] = {k: g[k] for k in ("dWax", "dWaa", "dba")}, g["da0"]
        da = np.zeros_like(g["dx"])  # the gradient of layer l's inputs is not passed down to layer l - 1
    return {"dx": g["dx"], "da0": da0, "layers": layers, "dWy": dWy, "dby": dby}


def _lstm_backward(da, caches, carry_dc):
    step_caches, x = caches
    n_a, m = da.shape[:2]
    grads, dc_prevt = {"dx": np.zeros_like(x)}, np.zeros((n_a, m))
    for t in reversed(range(x.shape[2])):
        g = lstm.lstm_cell_backward(da[:, :, t], dc_prevt if carry_dc else np.zeros((n_a, m)), step_caches[t])  # no da_prev
        grads["dx"][:, :, t], grads["da0"], dc_prevt = g["dxt"], g["da_prev"], g["dc_prev"]
        for k in g:
            if k.startswith(("dW", "db")):
                grads[k] = grads.get(k, 0.0) + g[k]
    return grads


def lstm_backward_without_carry(da, caches):
    return _lstm_backward(da, caches, carry_dc=False)


def lstm_backward_without_da_carry(da, caches):
    return _lstm_backward(da, caches, carry_dc=True)


def lstm_cell_backward_slope_of_c(da_next, dc_next, cache):
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p = cache
    dc = dc_next + da_next * ot * (1 - c_next**2)  # the slope of tanh taken at c itself, not at tanh(c)
    d = {
        "f": dc * c_prev * ft * (1 - ft),
        "i": dc * cct * it * (1 - it),
        "c": dc * it * (1 - cct**2),
        "o": da_next * np.tanh(c_next) * ot * (1 - ot),
    }
    concat = np.concatenate([a_prev, xt], axis=0)
    grads = {f"dW{g}": d[g] @ concat.T for g in "fico"} | {f"db{g}": d[g].sum(axis=1, keepdims=True) for g in "fico"}
    dconcat = sum(p[f"W{g}"].T @ d[g] for g in "fico")
    return grads | {"da_prev": dconcat[: a_prev.shape[0]], "dxt": dconcat[a_prev.shape[0] :], "dc_prev": dc * ft}


def clip_in_place(gradients, maxValue):
    for g in gradients.values():
        np.clip(g, -maxValue, maxValue, out=g)  # changes the caller's arrays
    return gradients


# ---------------------------------------------------------------- week 2


def cosine_similarity_without_norms(u, v):
    return float(np.dot(u, v))  # the dot product alone grows with the lengths


def equalize_raw_vectors(pair, bias_axis, word_to_vec_map):
    e_w1, e_w2 = (np.asarray(word_to_vec_map[w], dtype=float) for w in pair)
    g = np.asarray(bias_axis, dtype=float)  # nothing is normalized
    mu = (e_w1 + e_w2) / 2
    mu_B = np.dot(mu, g) / np.dot(g, g) * g
    mu_orth = mu - mu_B
    e_w1B, e_w2B = np.dot(e_w1, g) / np.dot(g, g) * g, np.dot(e_w2, g) / np.dot(g, g) * g
    scale = np.sqrt(np.abs(1 - np.dot(mu_orth, mu_orth)))
    e1 = mu_orth + scale * (e_w1B - mu_B) / np.linalg.norm(e_w1 - mu_orth - mu_B)
    e2 = mu_orth + scale * (e_w2B - mu_B) / np.linalg.norm(e_w2 - mu_orth - mu_B)
    return e1, e2


# ---------------------------------------------------------------- weeks 3 and 4


def one_step_attention_softmax_last_axis(a, s_prev, parameters):
    p = parameters
    concat = np.concatenate([a, np.repeat(s_prev[:, None, :], a.shape[1], axis=1)], axis=-1)
    e = np.maximum(0.0, np.tanh(concat @ p["W1"] + p["b1"]) @ p["W2"] + p["b2"])  # (m, T_x, 1)
    t = np.exp(e - e.max(axis=-1, keepdims=True))
    alphas = t / t.sum(axis=-1, keepdims=True)  # Keras's default axis=-1: over an axis of length 1, every weight is 1
    return np.sum(alphas * a, axis=1, keepdims=True), alphas, None


def scaled_dot_product_attention_over_queries(q, k, v, mask=None):
    logits = q @ np.swapaxes(k, -1, -2) / np.sqrt(k.shape[-1])
    if mask is not None:
        logits = logits + (1.0 - mask) * transformer.MASKED
    t = np.exp(logits - logits.max(axis=-2, keepdims=True))
    weights = t / t.sum(axis=-2, keepdims=True)  # each key's weights sum to 1 over the queries
    return weights @ v, weights


def get_angles_without_floor(pos, k, d):
    return np.asarray(pos, dtype=float) / np.power(10000.0, 2 * np.asarray(k, dtype=float) / d)  # 2k/d, not 2⌊k/2⌋/d


def positional_encoding_without_floor(positions, d):
    angles = get_angles_without_floor(np.arange(positions)[:, None], np.arange(d)[None, :], d)
    angles[:, 0::2], angles[:, 1::2] = np.sin(angles[:, 0::2]), np.cos(angles[:, 1::2])
    return angles[None, :, :]


def look_ahead_mask_opposite(sequence_length):
    return 1.0 - np.tril(np.ones((1, sequence_length, sequence_length)))  # 1 = masked, TensorFlow's convention


def padding_mask_opposite(decoder_token_ids):
    ids = np.asarray(decoder_token_ids)
    return (ids == 0).astype(float)[:, None, :]  # 1 = padding, to be masked: the opposite convention


# ---------------------------------------------------------------- the registry

_GLOBAL_MAX = (
    "takes the softmax with one maximum for the whole array, np.exp(z − np.max(z)): a column whose logits "
    "are all far below it underflows to 0 / 0 = nan",
    "ŷ = softmax of each column, exp(z − max of that column)",
    ERRATA_5_1,
)
_NO_FLOOR = (
    "uses the exponent 2k/d with the column index k itself: columns 2i and 2i + 1 must share the frequency "
    "10000^(2i/d), i = ⌊k/2⌋",
    "angle = pos / 10000^(2⌊k/2⌋/d)",
    None,
)

MISTAKES: dict[str, list[Mistake]] = {
    "rnn_cell_forward": [Mistake("global_max", rnn_cell_forward_global_max, *_GLOBAL_MAX)],
    "rnn_forward": [Mistake("global_max", rnn_forward_global_max, *_GLOBAL_MAX)],
    "rnn_backward": [
        Mistake(
            "no_carry",
            rnn_backward_without_carry,
            "passes each step only its own da[:, :, t]: the da_prev returned by step t + 1 is dropped, "
            "so a loss at a late step never reaches the earlier inputs",
            "each step gets da[:, :, t] + da_prev carried from step t + 1",
        )
    ],
    "brnn_backward": [
        Mistake(
            "sequence_order",
            brnn_backward_in_sequence_order,
            "runs the backward chain's rnn_backward on da in the order of the sequence: that chain read x from "
            "the last step to the first, so its gradient must be carried from step 1 up to step T_x",
            "rnn_backward(da_b[:, :, ::-1], caches_b), then dx = dx_f + dx_b[:, :, ::-1]",
        )
    ],
    "deep_rnn_backward": [
        Mistake(
            "top_layer_only",
            deep_rnn_backward_top_layer_only,
            "passes nothing down the stack: layer l − 1 must receive the gradient of layer l's inputs, "
            "its dx, as the upstream gradient of its states",
            "da = rnn_backward(da, caches[0][l])['dx'] becomes layer l − 1's da",
        )
    ],
    "lstm_backward": [
        Mistake(
            "no_carry",
            lstm_backward_without_carry,
            "passes each step only da[:, :, t] and a zero dc: neither da_prev nor dc_prev is carried into step t − 1",
            "step t gets da[:, :, t] + da_prev and dc_prev, both carried from step t + 1",
            ERRATA_5_1,
        ),
        Mistake(
            "no_da_carry",
            lstm_backward_without_da_carry,
            "carries dc_prev but passes each step only da[:, :, t]: the da_prev returned by step t + 1 is dropped",
            "step t gets da[:, :, t] + da_prev carried from step t + 1, with dc_prev",
            ERRATA_5_1,
        ),
    ],
    "lstm_cell_backward": [
        Mistake(
            "slope_of_c",
            lstm_cell_backward_slope_of_c,
            "takes the slope of a = o ⊙ tanh(c) as 1 − c², at c itself: it is 1 − tanh(c)²",
            "dc = dc_next + da_next ⊙ o ⊙ (1 − tanh(c_next)²)",
        )
    ],
    "clip": [
        Mistake(
            "in_place",
            clip_in_place,
            "clips the gradient arrays in place (np.clip(..., out=g)): the caller's gradients are changed",
            "return new arrays, {k: np.clip(g, −maxValue, maxValue)}",
            ERRATA_5_1,
        )
    ],
    "cosine_similarity": [
        Mistake(
            "no_norms",
            cosine_similarity_without_norms,
            "returns the dot product u · v without dividing by the two lengths",
            "cos θ = u · v / (‖u‖ ‖v‖)",
        )
    ],
    "equalize": [
        Mistake(
            "raw_vectors",
            equalize_raw_vectors,
            "applies Bolukbasi et al.'s equations to the raw vectors, with |1 − ‖μ⊥‖²| under the root and "
            "‖e_w1 − μ⊥ − μ_B‖ below: the equations hold for unit vectors",
            "normalize the pair and the axis first, then e = μ⊥ + √(1 − ‖μ⊥‖²) (e_wB − μ_B) / ‖e_wB − μ_B‖",
            ERRATA_5_2,
        )
    ],
    "one_step_attention_forward": [
        Mistake(
            "softmax_last_axis",
            one_step_attention_softmax_last_axis,
            "takes the softmax of the energies over the last axis, of length 1: every weight is 1 "
            "and the context is the sum of the a⟨t'⟩",
            "α⟨t, t'⟩ = softmax over the T_x input positions, axis 1",
        )
    ],
    "scaled_dot_product_attention": [
        Mistake(
            "softmax_over_queries",
            scaled_dot_product_attention_over_queries,
            "takes the softmax over the queries (axis −2): each query's weights must sum " "to 1 over the keys",
            "softmax(q kᵀ / √d_k + mask) over the keys, the last axis",
        )
    ],
    "get_angles": [Mistake("no_floor", get_angles_without_floor, *_NO_FLOOR)],
    "positional_encoding": [Mistake("no_floor", positional_encoding_without_floor, *_NO_FLOOR)],
    "create_padding_mask": [
        Mistake(
            "opposite",
            padding_mask_opposite,
            "returns 1 at the padding (token id 0): dlref's masks, like the course's, are 1 = keep, 0 = masked",
            "mask = (ids != 0) as floats, shape (batch, 1, seq_len)",
        )
    ],
    "create_look_ahead_mask": [
        Mistake(
            "opposite",
            look_ahead_mask_opposite,
            "returns 1 where a position is masked: dlref's masks, like the course's, are 1 = keep, " "0 = masked",
            "mask = lower triangle of ones, np.tril(np.ones((1, n, n)))",
        )
    ],
}
