r"""The transformer's encoder layer: multi-head attention, layer normalization, the feed-forward network.

Tensors are ``(batch, seq_len, d_model)``; weights act on the right, ``X @ W + b``, with 1-D
biases ``(d_out,)`` as in the course's Keras layers. **Masks: 1 = keep, 0 = masked**, shaped
``(batch, 1, seq_k)`` (padding) or ``(1, seq_q, seq_k)`` (look-ahead), broadcast over the heads.
The layer is post-norm, as in the course: ``LayerNorm(x + Sublayer(x))``; dropout is left out
(inference, or ``training=False``).

Each ``*_backward`` takes the gradient of a scalar loss with respect to the forward output and
the forward's cache, and returns the gradients of every input and parameter (summed over the
batch and the positions, never averaged).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._sequence import check_cache, check_entries
from dlref._validation import as_float_array, check_count, check_nonnegative
from dlref.transformer import scaled_dot_product_attention, scaled_dot_product_attention_backward

__all__ = [
    "encoder_layer_backward",
    "encoder_layer_forward",
    "ffn_backward",
    "ffn_forward",
    "layer_norm_backward",
    "layer_norm_forward",
    "multi_head_attention_backward",
    "multi_head_attention_forward",
]



def _check_tokens(name: str, x: ArrayLike, d: int | None = None, why: str = "") -> NDArray[np.float64]:
    arr = as_float_array(name, x)
    if arr.ndim != 3 or (d is not None and arr.shape[-1] != d):
        want = "(batch, seq_len, d)" if d is None else f"(batch, seq_len, {d})"
        raise ValueError(f"{name} has shape {arr.shape}; expected {want}{why}.")
    return arr


def _check_weight(parameters: dict, name: str, shape: tuple[int, ...], why: str = "") -> NDArray[np.float64]:
    if name not in parameters:
        raise ValueError(f"parameters must hold {name} of shape {shape}.")
    arr = as_float_array(name, parameters[name])
    if arr.shape != shape:
        raise ValueError(f"{name} has shape {arr.shape}; expected {shape}{why}.")
    return arr


def _check_mask(name: str, mask: ArrayLike | None, logits_shape: tuple[int, int, int]) -> NDArray[np.float64] | None:
    """Return a 3-D mask of 1 = keep, 0 = masked that broadcasts to ``(batch, seq_q, seq_k)``, or raise."""
    if mask is None:
        return None
    mask = as_float_array(name, mask)
    try:
        ok = mask.ndim == 3 and np.broadcast_shapes(mask.shape, logits_shape) == logits_shape
    except ValueError:
        ok = False
    if not ok:
        raise ValueError(f"{name} has shape {mask.shape}; expected 3-D, broadcastable to (batch, seq_q, seq_k) = "
                         f"{logits_shape}. Masks hold 1 = keep, 0 = masked.")
    if not np.all((mask == 0) | (mask == 1)):
        raise ValueError(f"{name} must hold only 1 (keep) and 0 (masked), with no NaN.")
    return mask


def _d_model(parameters: object, key: str, owner: str) -> int:
    """The model width that the query projection ``parameters[key]["Wq"]`` of a layer expects."""
    mha = check_entries(f"parameters[{key!r}]", parameters[key], ("Wq",), owner)
    Wq = as_float_array("Wq", mha["Wq"])
    if Wq.ndim != 2:
        raise ValueError(f"Wq has shape {Wq.shape}; expected (d_model, d_model).")
    return Wq.shape[0]


def _split_heads(X: NDArray[np.float64], h: int) -> NDArray[np.float64]:
    b, s, d = X.shape
    return X.reshape(b, s, h, d // h).transpose(0, 2, 1, 3)  # (batch, h, seq, depth)


def _merge_heads(X: NDArray[np.float64]) -> NDArray[np.float64]:
    b, h, s, depth = X.shape
    return X.transpose(0, 2, 1, 3).reshape(b, s, h * depth)  # (batch, seq, d_model)


def multi_head_attention_forward(q_in: ArrayLike, k_in: ArrayLike, v_in: ArrayLike, mask, parameters: dict[str, NDArray[np.float64]], num_heads: int):
    r"""Multi-head attention: $h$ scaled dot-product attentions on learned projections, concatenated.

    Parameters
    ----------
    q_in : array_like of shape (batch, seq_q, d_model)
    k_in, v_in : array_like of shape (batch, seq_k, d_model)
        For self-attention all three are the same ``x``.
    mask : array_like or None
        Broadcastable to ``(batch, seq_q, seq_k)``. **1 = keep, 0 = masked.**
    parameters : dict
        ``Wq, Wk, Wv, Wo`` of shape ``(d_model, d_model)`` and ``bq, bk, bv, bo`` of shape ``(d_model,)``.
    num_heads : int
        $h$, which must divide ``d_model``; each head has depth ``d_model / h``.

    Returns
    -------
    out : ndarray of shape (batch, seq_q, d_model)
    cache : dict
        What `multi_head_attention_backward` needs, including the weights ``"A"`` of shape
        ``(batch, h, seq_q, seq_k)``.

    Raises
    ------
    ValueError
        If the shapes do not fit, `num_heads` does not divide ``d_model``, or the mask does not broadcast.

    Notes
    -----
    $$\mathrm{head}_i = \mathrm{Attention}(Q W^Q_i, K W^K_i, V W^V_i), \qquad
    \mathrm{MultiHead}(Q, K, V) = \mathrm{concat}(\mathrm{head}_1, \dots, \mathrm{head}_h)\, W^O$$

    $W^Q_i$ is the $i$-th block of ``d_model / h`` columns of ``Wq``: one product computes all heads.

    Examples
    --------
    >>> p = {f"W{n}": np.eye(2) for n in "qkvo"} | {f"b{n}": np.zeros(2) for n in "qkvo"}
    >>> out, cache = multi_head_attention_forward(np.ones((1, 1, 2)), np.ones((1, 1, 2)), np.ones((1, 1, 2)), None, p, 2)
    >>> out.tolist(), cache["A"].shape
    ([[[1.0, 1.0]]], (1, 2, 1, 1))
    """
    q_in, k_in, v_in = _check_tokens("q_in", q_in), _check_tokens("k_in", k_in), _check_tokens("v_in", v_in)
    d_model = q_in.shape[-1]
    h = check_count("num_heads", num_heads, minimum=1)
    if d_model % h:
        raise ValueError(f"num_heads = {h} must divide d_model = {d_model}, the last axis of q_in (shape {q_in.shape}).")
    like_q = f" (the width of q_in, whose shape is {q_in.shape})"
    k_in, v_in = _check_tokens("k_in", k_in, d_model, like_q), _check_tokens("v_in", v_in, d_model, like_q)
    check_entries("parameters", parameters, tuple(f"{w}{n}" for w in "Wb" for n in "qkvo"), "multi-head attention")
    p = {f"W{n}": _check_weight(parameters, f"W{n}", (d_model, d_model), like_q) for n in "qkvo"}
    p |= {f"b{n}": _check_weight(parameters, f"b{n}", (d_model,), like_q) for n in "qkvo"}
    mask = _check_mask("mask", mask, (q_in.shape[0], q_in.shape[1], k_in.shape[1]))
    if mask is not None:
        mask = mask[:, None, :, :]  # the same mask for every head
    # --8<-- [start:multi_head_attention_forward]
    Q = _split_heads(q_in @ p["Wq"] + p["bq"], h)  # (batch, h, seq_q, depth)
    K = _split_heads(k_in @ p["Wk"] + p["bk"], h)
    V = _split_heads(v_in @ p["Wv"] + p["bv"], h)
    heads, A = scaled_dot_product_attention(Q, K, V, mask)  # every head at once
    concat = _merge_heads(heads)  # (batch, seq_q, d_model)
    out = concat @ p["Wo"] + p["bo"]
    # --8<-- [end:multi_head_attention_forward]
    cache = {"q_in": q_in, "k_in": k_in, "v_in": v_in, "Q": Q, "K": K, "V": V, "A": A, "concat": concat, "p": p}
    return out, cache


def _dense_backward(d_out, X, W):
    """Gradients of ``X @ W + b`` with respect to ``X``, ``W`` and ``b``, summed over batch and positions."""
    return d_out @ W.T, np.einsum("bsi,bsj->ij", X, d_out), d_out.sum(axis=(0, 1))


def multi_head_attention_backward(d_out: ArrayLike, cache: dict) -> dict[str, NDArray[np.float64]]:
    r"""Backward pass of `multi_head_attention_forward`.

    Parameters
    ----------
    d_out : array_like of shape (batch, seq_q, d_model)
    cache : dict
        From `multi_head_attention_forward`.

    Returns
    -------
    gradients : dict
        ``dq_in (batch, seq_q, d_model)``, ``dk_in``, ``dv_in (batch, seq_k, d_model)``, and
        ``dWq, dWk, dWv, dWo (d_model, d_model)``, ``dbq, dbk, dbv, dbo (d_model,)``. For
        self-attention the gradient of ``x`` is ``dq_in + dk_in + dv_in``.

    Raises
    ------
    ValueError
        If `d_out` does not have the output's shape.

    Notes
    -----
    Back through $W^O$, the concatenation (a reshape), `scaled_dot_product_attention_backward`
    on every head, the head split, and the three projections: for $Y = XW + b$,
    $dX = dY\,W^T$, $dW = \sum X^T dY$, $db = \sum dY$. ``dbk`` is always zero: a bias added to
    every key shifts all of a query's logits by the same amount, $q \cdot b_k$, which the
    softmax ignores.

    Examples
    --------
    >>> p = {f"W{n}": np.eye(2) for n in "qkvo"} | {f"b{n}": np.zeros(2) for n in "qkvo"}
    >>> x = np.ones((1, 1, 2))
    >>> out, cache = multi_head_attention_forward(x, x, x, None, p, 1)
    >>> g = multi_head_attention_backward(np.ones((1, 1, 2)), cache)
    >>> g["dv_in"].tolist(), g["dbo"].tolist()
    ([[[1.0, 1.0]]], [1.0, 1.0])
    """
    check_entries("cache", cache, ("q_in", "k_in", "v_in", "Q", "K", "V", "A", "concat", "p"), "multi_head_attention_forward")
    for name, rank in (("Q", 4), ("K", 4), ("V", 4), ("A", 4), ("concat", 3), ("q_in", 3), ("k_in", 3), ("v_in", 3)):
        if np.ndim(cache[name]) != rank:
            raise ValueError(f"cache's {name} has shape {np.shape(cache[name])}; expected {rank}-D. "
                             "Pass the cache multi_head_attention_forward returned, unchanged.")
    d_model = np.shape(cache["concat"])[-1]
    check_entries("cache's p", cache["p"], ("Wq", "Wk", "Wv", "Wo"), "the projections")
    p, concat = {f"W{n}": _check_weight(cache["p"], f"W{n}", (d_model, d_model), " (in cache)") for n in "qkvo"}, cache["concat"]
    d_out = _check_tokens("d_out", d_out, concat.shape[-1])
    if d_out.shape != concat.shape:
        raise ValueError(f"d_out has shape {d_out.shape}; expected the output's shape {concat.shape}.")
    h = cache["Q"].shape[1]
    # --8<-- [start:multi_head_attention_backward]
    dconcat, dWo, dbo = _dense_backward(d_out, concat, p["Wo"])
    dQ, dK, dV = scaled_dot_product_attention_backward(_split_heads(dconcat, h), cache["Q"], cache["K"], cache["V"], cache["A"])
    dq_in, dWq, dbq = _dense_backward(_merge_heads(dQ), cache["q_in"], p["Wq"])
    dk_in, dWk, dbk = _dense_backward(_merge_heads(dK), cache["k_in"], p["Wk"])
    dv_in, dWv, dbv = _dense_backward(_merge_heads(dV), cache["v_in"], p["Wv"])
    # --8<-- [end:multi_head_attention_backward]
    return {"dq_in": dq_in, "dk_in": dk_in, "dv_in": dv_in, "dWq": dWq, "dbq": dbq, "dWk": dWk, "dbk": dbk,
            "dWv": dWv, "dbv": dbv, "dWo": dWo, "dbo": dbo}


def layer_norm_forward(x: ArrayLike, gamma: ArrayLike, beta: ArrayLike, epsilon: float = 1e-6):
    r"""Layer normalization: each position's vector normalized over its own ``d`` features.

    Parameters
    ----------
    x : array_like of shape (batch, seq_len, d)
    gamma, beta : array_like of shape (d,)
        Scale and shift, learned.
    epsilon : float, default 1e-6
        Added to the variance inside the square root (Keras's default).

    Returns
    -------
    out : ndarray of shape (batch, seq_len, d)
    cache : tuple
        ``(x_hat, inv_std, gamma)``.

    Raises
    ------
    ValueError
        If `x` is not 3-D or `gamma`, `beta` are not ``(d,)``.

    Notes
    -----
    Unlike batch normalization, the statistics are over the features of one position, not over the batch:

    $$\mu = \frac{1}{d}\sum_j x_j, \quad \sigma^2 = \frac{1}{d}\sum_j (x_j - \mu)^2, \quad
    \hat x = \frac{x - \mu}{\sqrt{\sigma^2 + \varepsilon}}, \quad y = \gamma \odot \hat x + \beta$$

    Examples
    --------
    >>> out, _ = layer_norm_forward(np.array([[[1.0, 3.0]]]), np.ones(2), np.zeros(2), epsilon=0.0)
    >>> out.tolist()
    [[[-1.0, 1.0]]]
    """
    x = _check_tokens("x", x)
    d = x.shape[-1]
    why = f" (one per feature of x, whose shape is {x.shape})"
    gamma, beta = _check_weight({"gamma": gamma}, "gamma", (d,), why), _check_weight({"beta": beta}, "beta", (d,), why)
    epsilon = check_nonnegative("epsilon", epsilon)
    # --8<-- [start:layer_norm_forward]
    mu = x.mean(axis=-1, keepdims=True)  # over the d features of each position
    inv_std = 1.0 / np.sqrt(x.var(axis=-1, keepdims=True) + epsilon)
    x_hat = (x - mu) * inv_std
    out = gamma * x_hat + beta
    # --8<-- [end:layer_norm_forward]
    return out, (x_hat, inv_std, gamma)


def layer_norm_backward(d_out: ArrayLike, cache: tuple):
    r"""Backward pass of `layer_norm_forward`, through the mean and the variance.

    Parameters
    ----------
    d_out : array_like of shape (batch, seq_len, d)
    cache : tuple
        From `layer_norm_forward`.

    Returns
    -------
    dx : ndarray of shape (batch, seq_len, d)
    dgamma, dbeta : ndarray of shape (d,)

    Raises
    ------
    ValueError
        If `d_out` does not have the shape of the output.

    Notes
    -----
    With $d\hat x = dy \odot \gamma$, for each position,

    $$dx = \frac{1}{d\,\sqrt{\sigma^2 + \varepsilon}}\Bigl(d \cdot d\hat x - \sum_j d\hat x_j - \hat x \sum_j d\hat x_j\, \hat x_j\Bigr)$$

    $dgamma$ and $dbeta$ sum $dy \odot \hat x$ and $dy$ over the batch and the positions.

    Examples
    --------
    >>> _, cache = layer_norm_forward(np.array([[[1.0, 3.0]]]), np.ones(2), np.zeros(2), epsilon=0.0)
    >>> dx, dgamma, dbeta = layer_norm_backward(np.array([[[1.0, 1.0]]]), cache)
    >>> dx.tolist(), dbeta.tolist()
    ([[[0.0, 0.0]]], [1.0, 1.0])
    """
    x_hat, inv_std, gamma = check_cache(cache, 3, "layer_norm_forward")
    d_out = as_float_array("d_out", d_out)
    if d_out.shape != x_hat.shape:
        raise ValueError(f"d_out has shape {d_out.shape}; expected the output's shape {x_hat.shape}.")
    # --8<-- [start:layer_norm_backward]
    d = x_hat.shape[-1]
    dx_hat = d_out * gamma
    dx = inv_std / d * (d * dx_hat - dx_hat.sum(axis=-1, keepdims=True)
                        - x_hat * np.sum(dx_hat * x_hat, axis=-1, keepdims=True))
    dgamma, dbeta = np.sum(d_out * x_hat, axis=(0, 1)), d_out.sum(axis=(0, 1))
    # --8<-- [end:layer_norm_backward]
    return dx, dgamma, dbeta


def ffn_forward(x: ArrayLike, parameters: dict[str, NDArray[np.float64]]):
    r"""The position-wise feed-forward network: two dense layers, ReLU between, the same at every position.

    Parameters
    ----------
    x : array_like of shape (batch, seq_len, d_model)
    parameters : dict
        ``W1 (d_model, d_ff)``, ``b1 (d_ff,)``, ``W2 (d_ff, d_model)``, ``b2 (d_model,)``.

    Returns
    -------
    out : ndarray of shape (batch, seq_len, d_model)
    cache : tuple
        ``(x, hidden, parameters)``.

    Raises
    ------
    ValueError
        If a weight's shape does not fit `x`.

    Notes
    -----
    $$\mathrm{FFN}(x) = \max(0,\ x W_1 + b_1)\, W_2 + b_2$$

    Examples
    --------
    >>> p = {"W1": np.array([[1.0, -1.0]]), "b1": np.zeros(2), "W2": np.ones((2, 1)), "b2": np.zeros(1)}
    >>> ffn_forward(np.array([[[2.0], [-3.0]]]), p)[0].tolist()
    [[[2.0], [3.0]]]
    """
    x = _check_tokens("x", x)
    d_model = x.shape[-1]
    check_entries("parameters", parameters, ("W1", "b1", "W2", "b2"), "the feed-forward network")
    why = f" (x has shape {x.shape})"
    W1 = _check_weight(parameters, "W1", (d_model, np.shape(parameters["W1"])[-1] if np.ndim(parameters["W1"]) else 0), why)
    d_ff = W1.shape[1]
    p = {"W1": W1, "b1": _check_weight(parameters, "b1", (d_ff,)), "W2": _check_weight(parameters, "W2", (d_ff, d_model)),
         "b2": _check_weight(parameters, "b2", (d_model,))}
    # --8<-- [start:ffn_forward]
    hidden = np.maximum(0.0, x @ p["W1"] + p["b1"])  # (batch, seq_len, d_ff)
    out = hidden @ p["W2"] + p["b2"]
    # --8<-- [end:ffn_forward]
    return out, (x, hidden, p)


def ffn_backward(d_out: ArrayLike, cache: tuple) -> dict[str, NDArray[np.float64]]:
    r"""Backward pass of `ffn_forward`.

    Parameters
    ----------
    d_out : array_like of shape (batch, seq_len, d_model)
    cache : tuple
        From `ffn_forward`.

    Returns
    -------
    gradients : dict
        ``dx`` of the shape of ``x``, and ``dW1, db1, dW2, db2``.

    Raises
    ------
    ValueError
        If `d_out` does not have the output's shape.

    Notes
    -----
    $$dH = dY\, W_2^T \odot [H > 0], \qquad dW_2 = \textstyle\sum H^T dY, \qquad dx = dH\, W_1^T, \qquad dW_1 = \textstyle\sum x^T dH$$

    Examples
    --------
    >>> p = {"W1": np.array([[1.0, -1.0]]), "b1": np.zeros(2), "W2": np.ones((2, 1)), "b2": np.zeros(1)}
    >>> _, cache = ffn_forward(np.array([[[2.0]]]), p)
    >>> ffn_backward(np.ones((1, 1, 1)), cache)["dx"].tolist()
    [[[1.0]]]
    """
    x, hidden, p = check_cache(cache, 3, "ffn_forward")
    check_entries("cache's parameters", p, ("W1", "W2"), "the feed-forward network")
    p = {"W1": _check_weight(p, "W1", (x.shape[-1], hidden.shape[-1]), " (in cache)"),
         "W2": _check_weight(p, "W2", (hidden.shape[-1], x.shape[-1]), " (in cache)")}
    d_out = as_float_array("d_out", d_out)
    if d_out.shape != x.shape:
        raise ValueError(f"d_out has shape {d_out.shape}; expected the output's shape {x.shape}.")
    # --8<-- [start:ffn_backward]
    d_hidden, dW2, db2 = _dense_backward(d_out, hidden, p["W2"])
    d_hidden = d_hidden * (hidden > 0)  # through the ReLU
    dx, dW1, db1 = _dense_backward(d_hidden, x, p["W1"])
    # --8<-- [end:ffn_backward]
    return {"dx": dx, "dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def encoder_layer_forward(x: ArrayLike, mask, parameters: dict, num_heads: int, epsilon: float = 1e-6):
    r"""One encoder layer: self-attention and a feed-forward network, each with a residual and layer norm.

    Parameters
    ----------
    x : array_like of shape (batch, seq_len, d_model)
    mask : array_like or None
        A padding mask ``(batch, 1, seq_len)``. **1 = keep, 0 = masked.**
    parameters : dict
        ``{"mha": {...}, "ln1": {"gamma", "beta"}, "ffn": {"W1", "b1", "W2", "b2"}, "ln2": {"gamma", "beta"}}``,
        as in `multi_head_attention_forward`, `layer_norm_forward` and `ffn_forward`.
    num_heads : int
    epsilon : float, default 1e-6

    Returns
    -------
    out : ndarray of shape (batch, seq_len, d_model)
    cache : tuple
        The four sub-layers' caches.

    Raises
    ------
    ValueError
        As the sub-layers.

    Notes
    -----
    Post-norm, as in the course:

    $$z = \mathrm{LayerNorm}_1\bigl(x + \mathrm{MultiHead}(x, x, x)\bigr), \qquad
    \text{out} = \mathrm{LayerNorm}_2\bigl(z + \mathrm{FFN}(z)\bigr)$$

    Examples
    --------
    >>> d = 2
    >>> p = {"mha": {f"W{n}": np.eye(d) for n in "qkvo"} | {f"b{n}": np.zeros(d) for n in "qkvo"},
    ...      "ln1": {"gamma": np.ones(d), "beta": np.zeros(d)}, "ln2": {"gamma": np.ones(d), "beta": np.zeros(d)},
    ...      "ffn": {"W1": np.eye(d), "b1": np.zeros(d), "W2": np.eye(d), "b2": np.zeros(d)}}
    >>> out, _ = encoder_layer_forward(np.array([[[1.0, 3.0]]]), None, p, 1)
    >>> out.round(4).tolist()
    [[[-1.0, 1.0]]]
    """
    check_entries("parameters", parameters, ("mha", "ln1", "ffn", "ln2"), "an encoder layer")
    for ln in ("ln1", "ln2"):
        check_entries(f"parameters[{ln!r}]", parameters[ln], ("gamma", "beta"), "a layer normalization")
    x = _check_tokens("x", x, _d_model(parameters, "mha", "an encoder layer"), " (the rows of Wq)")
    # --8<-- [start:encoder_layer_forward]
    attn, mha_cache = multi_head_attention_forward(x, x, x, mask, parameters["mha"], num_heads)
    z, ln1_cache = layer_norm_forward(np.asarray(x) + attn, **parameters["ln1"], epsilon=epsilon)
    ffn_out, ffn_cache = ffn_forward(z, parameters["ffn"])
    out, ln2_cache = layer_norm_forward(z + ffn_out, **parameters["ln2"], epsilon=epsilon)
    # --8<-- [end:encoder_layer_forward]
    return out, (mha_cache, ln1_cache, ffn_cache, ln2_cache)


def encoder_layer_backward(d_out: ArrayLike, cache: tuple) -> dict:
    r"""Backward pass of `encoder_layer_forward`: through both sub-layers and both residual paths.

    Parameters
    ----------
    d_out : array_like of shape (batch, seq_len, d_model)
    cache : tuple
        From `encoder_layer_forward`.

    Returns
    -------
    gradients : dict
        ``{"dx": ..., "mha": {...}, "ln1": {"dgamma", "dbeta"}, "ffn": {...}, "ln2": {...}}``,
        each sub-dict keyed like its sub-layer's backward function.

    Raises
    ------
    ValueError
        If `d_out` does not have the output's shape.

    Notes
    -----
    A residual $y = x + f(x)$ passes its gradient both ways: $dx = dy + f'(x)^T dy$. So

    $$dz = d(z + \mathrm{FFN}(z)) + \mathrm{FFN}'^T\, d(z + \mathrm{FFN}(z)), \qquad
    dx = d(x + \mathrm{MH}(x)) + (\partial_q + \partial_k + \partial_v)\,\mathrm{MH}'^T\, d(x + \mathrm{MH}(x))$$

    Examples
    --------
    >>> d = 2
    >>> p = {"mha": {f"W{n}": np.eye(d) for n in "qkvo"} | {f"b{n}": np.zeros(d) for n in "qkvo"},
    ...      "ln1": {"gamma": np.ones(d), "beta": np.zeros(d)}, "ln2": {"gamma": np.ones(d), "beta": np.zeros(d)},
    ...      "ffn": {"W1": np.eye(d), "b1": np.zeros(d), "W2": np.eye(d), "b2": np.zeros(d)}}
    >>> _, cache = encoder_layer_forward(np.array([[[1.0, 3.0]]]), None, p, 1)
    >>> encoder_layer_backward(np.ones((1, 1, 2)), cache)["ln2"]["dbeta"].tolist()
    [1.0, 1.0]
    """
    mha_cache, ln1_cache, ffn_cache, ln2_cache = check_cache(cache, 4, "encoder_layer_forward")
    # --8<-- [start:encoder_layer_backward]
    d_sum2, dgamma2, dbeta2 = layer_norm_backward(d_out, ln2_cache)  # d(z + FFN(z))
    g_ffn = ffn_backward(d_sum2, ffn_cache)
    dz = d_sum2 + g_ffn["dx"]  # the residual path and the FFN path
    d_sum1, dgamma1, dbeta1 = layer_norm_backward(dz, ln1_cache)  # d(x + MH(x))
    g_mha = multi_head_attention_backward(d_sum1, mha_cache)
    dx = d_sum1 + g_mha["dq_in"] + g_mha["dk_in"] + g_mha["dv_in"]  # x is query, key and value
    # --8<-- [end:encoder_layer_backward]
    return {"dx": dx, "mha": {k: v for k, v in g_mha.items() if k[1] in "Wb"}, "ffn": {k: v for k, v in g_ffn.items() if k != "dx"},
            "ln1": {"dgamma": dgamma1, "dbeta": dbeta1}, "ln2": {"dgamma": dgamma2, "dbeta": dbeta2}}
