r"""The transformer's attention: positional encodings, masks, scaled dot-product and multi-head attention.

Tensors follow the course's week 4: ``(batch, seq_len, d)``, one row per position, and weights
act on the right, ``X @ W + b``, with ``W`` of shape ``(d_in, d_out)`` and a 1-D bias ``b`` of
shape ``(d_out,)`` (the rank-1 rule of the earlier courses does not apply here: the bias is added
to every row).

**Masks: 1 = keep, 0 = masked.** A mask holds 1 where a query may attend to a key and 0 where
it may not; masked logits get $-10^9$ added before the softmax, so their weights are 0.

Each backward function returns the gradients of a scalar loss with respect to every input,
given the gradient of the output; nothing is averaged over the batch.

Attention's arrays are large (the benchmark's weights alone are 16 MB), so each call makes what
it returns as views into one new buffer (`scaled_dot_product_attention` its output and weights;
the backward its three gradients and its scratch rows). Its memory then stays mapped from one
call to the next instead of being handed back to the system and faulted in again (about 2,500
pages a call, 15% of its time, with a new array each); `dlref/_memory.py` gives the rule.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._memory import one_block
from dlref._validation import as_float_array, check_count, check_finite, check_matrix

__all__ = [
    "create_look_ahead_mask",
    "create_padding_mask",
    "get_angles",
    "positional_encoding",
    "scaled_dot_product_attention",
    "scaled_dot_product_attention_backward",
]

MASKED = -1e9


def get_angles(pos: ArrayLike, k: ArrayLike, d: int) -> NDArray[np.float64]:
    r"""The angles of the positional encoding: position over $10000^{2i/d}$, with $i = \lfloor k/2 \rfloor$.

    Parameters
    ----------
    pos : array_like of shape (positions, 1)
        Positions $0, 1, \dots$, a column.
    k : array_like of shape (1, d)
        Column indices $0, \dots, d - 1$, a row.
    d : int
        The encoding size.

    Returns
    -------
    angles : ndarray of shape (positions, d)

    Raises
    ------
    ValueError
        If `d` is not a positive integer.

    Notes
    -----
    $$\theta(\text{pos}, k) = \frac{\text{pos}}{10000^{2 \lfloor k/2 \rfloor / d}}$$

    Columns $2i$ and $2i + 1$ share one frequency; without the floor every column gets its own.

    Examples
    --------
    >>> get_angles(np.array([[2.0]]), np.arange(4)[None, :], 4).round(4).tolist()
    [[2.0, 2.0, 0.02, 0.02]]
    """
    d = check_count("d", d, minimum=1)
    pos = check_finite("pos", check_matrix("pos", pos, ("positions", 1), hint="pos is a column of positions."))
    k = check_finite("k", check_matrix("k", k, (1, d), hint=f"k is a row of the column indices 0, ..., d - 1 = {d - 1}."))
    # --8<-- [start:get_angles]
    i = np.floor(k / 2)  # columns 2i and 2i + 1 share a frequency
    angles = pos / np.power(10000.0, 2 * i / d)  # (positions, 1) / (1, d) -> (positions, d)
    # --8<-- [end:get_angles]
    return angles


def positional_encoding(positions: int, d: int) -> NDArray[np.float64]:
    r"""The sinusoidal positional encodings of positions $0, \dots, \text{positions} - 1$.

    Parameters
    ----------
    positions : int
        The number of positions (the longest sequence).
    d : int
        The encoding size, that of the embeddings it is added to.

    Returns
    -------
    pos_encoding : ndarray of shape (1, positions, d)

    Raises
    ------
    ValueError
        If `positions` or `d` is not a positive integer.

    Notes
    -----
    $$PE_{(\text{pos}, 2i)} = \sin\Bigl(\frac{\text{pos}}{10000^{2i/d}}\Bigr), \qquad
    PE_{(\text{pos}, 2i+1)} = \cos\Bigl(\frac{\text{pos}}{10000^{2i/d}}\Bigr)$$

    Examples
    --------
    >>> positional_encoding(2, 4).round(4).tolist()
    [[[0.0, 1.0, 0.0, 1.0], [0.8415, 0.5403, 0.01, 1.0]]]
    """
    positions, d = check_count("positions", positions, minimum=1), check_count("d", d, minimum=1)
    # --8<-- [start:positional_encoding]
    angles = get_angles(np.arange(positions)[:, None], np.arange(d)[None, :], d)
    angles[:, 0::2] = np.sin(angles[:, 0::2])  # even columns: sine
    angles[:, 1::2] = np.cos(angles[:, 1::2])  # odd columns: cosine
    pos_encoding = angles[None, :, :]  # (1, positions, d)
    # --8<-- [end:positional_encoding]
    return pos_encoding


def create_padding_mask(decoder_token_ids: ArrayLike) -> NDArray[np.float64]:
    r"""A mask that hides the padding tokens (id 0) of each sequence. **1 = keep, 0 = masked.**

    Parameters
    ----------
    decoder_token_ids : array_like of shape (batch, seq_len)
        Token ids, 0 for padding.

    Returns
    -------
    mask : ndarray of shape (batch, 1, seq_len)
        1.0 at real tokens (keep), 0.0 at padding (masked); the middle axis broadcasts over the
        queries, so no query attends to a padding key.

    Raises
    ------
    ValueError
        If `decoder_token_ids` is not 2-D.

    Notes
    -----
    $$\text{mask}_{b, j} = [\text{token}_{b, j} \neq 0]$$

    Examples
    --------
    >>> create_padding_mask([[7, 6, 0, 0]]).tolist()
    [[[1.0, 1.0, 0.0, 0.0]]]
    """
    ids = np.asarray(decoder_token_ids)
    if ids.ndim != 2:
        raise ValueError(f"decoder_token_ids has shape {ids.shape}; expected a 2-D array of shape (batch, seq_len).")
    # --8<-- [start:create_padding_mask]
    mask = (ids != 0).astype(np.float64)[:, None, :]  # 1 = keep a real token, 0 = mask padding
    # --8<-- [end:create_padding_mask]
    return mask


def create_look_ahead_mask(sequence_length: int) -> NDArray[np.float64]:
    r"""A mask that lets position $i$ attend to positions $0, \dots, i$ only. **1 = keep, 0 = masked.**

    Parameters
    ----------
    sequence_length : int

    Returns
    -------
    mask : ndarray of shape (1, sequence_length, sequence_length)
        Lower-triangular: row $i$ (a query) keeps columns $j \le i$ (the keys up to it) and
        masks the future, $j > i$.

    Raises
    ------
    ValueError
        If `sequence_length` is not a positive integer.

    Notes
    -----
    $$\text{mask}_{i, j} = [j \le i]$$

    Examples
    --------
    >>> create_look_ahead_mask(3)[0].tolist()
    [[1.0, 0.0, 0.0], [1.0, 1.0, 0.0], [1.0, 1.0, 1.0]]
    """
    sequence_length = check_count("sequence_length", sequence_length, minimum=1)
    # --8<-- [start:create_look_ahead_mask]
    mask = np.tril(np.ones((1, sequence_length, sequence_length)))  # 1 = keep j <= i, 0 = mask the future
    # --8<-- [end:create_look_ahead_mask]
    return mask


def _check_attention(q, k, v, mask):
    q, k, v = as_float_array("q", q), as_float_array("k", k), as_float_array("v", v)
    if q.ndim < 2 or q.shape[:-2] != k.shape[:-2] or k.shape[:-2] != v.shape[:-2] or q.shape[-1] != k.shape[-1] or k.shape[-2] != v.shape[-2]:
        raise ValueError(
            f"q, k, v have shapes {q.shape}, {k.shape}, {v.shape}; expected (..., seq_q, d_k), "
            "(..., seq_k, d_k), (..., seq_k, d_v) with the same leading axes."
        )
    if mask is not None:
        mask = as_float_array("mask", mask)
        logits_shape = q.shape[:-1] + (k.shape[-2],)
        try:
            ok = np.broadcast_shapes(mask.shape, logits_shape) == logits_shape
        except ValueError:
            ok = False
        if not ok:
            raise ValueError(
                f"mask has shape {mask.shape}; it must broadcast to the attention logits' shape "
                f"{logits_shape} (..., seq_q, seq_k). Masks hold 1 = keep, 0 = masked."
            )
        if not np.all((mask == 0) | (mask == 1)):
            raise ValueError("mask must hold only 1 (keep) and 0 (masked).")
    return q, k, v, mask


# Attention works on a few (batch x heads) rows at a time, so that the score-sized temporaries
# (seq_q x seq_k each) stay near this size: in cache, and not handed back to the system and
# faulted in again on every call.
CHUNK_BYTES = 2**20


def _row_chunks(n_rows: int, row_size: int) -> list[slice]:
    """Slices of ``range(n_rows)``, each of about `CHUNK_BYTES` of float64 rows of ``row_size`` entries."""
    step = max(1, CHUNK_BYTES // (8 * max(row_size, 1)))
    return [slice(start, min(start + step, n_rows)) for start in range(0, n_rows, step)]


def _leading_rows(a: NDArray[np.float64], lead: tuple[int, ...]):
    """A function of a slice of the flattened leading axes ``lead`` giving those rows of ``a``
    broadcast to ``lead + (.., ..)``, without making the broadcast whole."""
    a = a.reshape((1,) * (2 - a.ndim) + a.shape)  # at least (seq_q or 1, seq_k)
    full = np.broadcast_to(a, lead + a.shape[-2:])  # a view: nothing is copied
    if not lead:
        return lambda rows: full[None]
    return lambda rows: full[np.unravel_index(np.arange(rows.start, rows.stop), lead)]


def scaled_dot_product_attention(q: ArrayLike, k: ArrayLike, v: ArrayLike, mask: ArrayLike | None = None):
    r"""Attention: each query's weighted average of the values, weighted by its similarity to the keys.

    Parameters
    ----------
    q : array_like of shape (..., seq_q, d_k)
        Queries.
    k : array_like of shape (..., seq_k, d_k)
        Keys.
    v : array_like of shape (..., seq_k, d_v)
        Values.
    mask : array_like or None
        Broadcastable to ``(..., seq_q, seq_k)``. **1 = keep, 0 = masked**: a 0 at ``[i, j]``
        stops query ``i`` from attending to key ``j``.

    Returns
    -------
    output : ndarray of shape (..., seq_q, d_v)
    attention_weights : ndarray of shape (..., seq_q, seq_k)
        Each row sums to 1; masked entries are 0.

    Raises
    ------
    ValueError
        If the shapes do not fit together, or `mask` does not broadcast or holds values other than 0 and 1.

    Notes
    -----
    $$\mathrm{Attention}(Q, K, V) = \mathrm{softmax}\Bigl(\frac{Q K^T}{\sqrt{d_k}} + (1 - M)(-10^9)\Bigr) V$$

    with the softmax over the keys (the last axis).

    Examples
    --------
    >>> out, w = scaled_dot_product_attention(np.ones((1, 2)), np.ones((2, 2)), np.array([[1.0], [3.0]]),
    ...                                       mask=np.array([[1.0, 0.0]]))
    >>> out.tolist(), w.tolist()
    ([[1.0]], [[1.0, 0.0]])
    """
    q, k, v, mask = _check_attention(q, k, v, mask)
    lead, (seq_q, seq_k, d_v) = q.shape[:-2], (q.shape[-2], k.shape[-2], v.shape[-1])
    q3, k3, v3 = (x.reshape((-1,) + x.shape[-2:]) for x in (q, k, v))  # (batch x heads, seq, d)
    bias = None if mask is None else _leading_rows((1.0 - mask) * MASKED, lead)  # 1 = keep, 0 = masked
    attention_weights, output = one_block((len(q3), seq_q, seq_k), (len(q3), seq_q, d_v))
    for rows in _row_chunks(len(q3), seq_q * seq_k):
        _attention_rows(q3[rows], k3[rows], v3[rows], None if bias is None else bias(rows), attention_weights[rows], output[rows])
    return output.reshape(lead + (seq_q, d_v)), attention_weights.reshape(lead + (seq_q, seq_k))


def _attention_rows(q, k, v, bias, attention_weights, output) -> None:
    """`scaled_dot_product_attention` on a few (batch x heads) rows of checked inputs, written into
    ``attention_weights`` and ``output``; ``bias`` is ``(1 - mask) * -1e9`` for those rows."""
    # --8<-- [start:scaled_dot_product_attention]
    logits = np.matmul(q, np.swapaxes(k, -1, -2), out=attention_weights)  # (rows, seq_q, seq_k), in place below
    logits /= np.sqrt(k.shape[-1])
    if bias is not None:
        logits += bias  # (1 - mask) * -1e9: 1 = keep, 0 = masked
    logits -= logits.max(axis=-1, keepdims=True)  # softmax over the keys: subtract each row's max,
    np.exp(logits, out=logits)  # exponentiate,
    logits /= logits.sum(axis=-1, keepdims=True)  # divide by the row's sum: the attention weights
    np.matmul(attention_weights, v, out=output)  # (rows, seq_q, d_v)
    # --8<-- [end:scaled_dot_product_attention]


def scaled_dot_product_attention_backward(d_output: ArrayLike, q: ArrayLike, k: ArrayLike, v: ArrayLike, attention_weights: ArrayLike):
    r"""Backward pass of `scaled_dot_product_attention`: the gradients of the queries, keys and values.

    Parameters
    ----------
    d_output : array_like of shape (..., seq_q, d_v)
        Gradient of the loss with respect to the output.
    q, k, v : array_like
        The forward pass's inputs.
    attention_weights : array_like of shape (..., seq_q, seq_k)
        The forward pass's weights (they carry the mask: masked weights are 0 and pass no gradient).

    Returns
    -------
    dq : ndarray of shape (..., seq_q, d_k)
    dk : ndarray of shape (..., seq_k, d_k)
    dv : ndarray of shape (..., seq_k, d_v)

    Raises
    ------
    ValueError
        If the shapes do not fit together.

    Notes
    -----
    With $A$ the weights and $S = QK^T/\sqrt{d_k}$ the logits,

    $$dV = A^T dO, \quad dA = dO\, V^T, \quad
    dS = A \odot \Bigl(dA - \textstyle\sum_j (dA \odot A)_{:, j}\Bigr), \quad
    dQ = \frac{dS\, K}{\sqrt{d_k}}, \quad dK = \frac{dS^T Q}{\sqrt{d_k}}$$

    (the softmax's Jacobian, row by row).

    Examples
    --------
    >>> q, k, v = np.zeros((1, 1)), np.zeros((2, 1)), np.array([[1.0], [3.0]])
    >>> out, w = scaled_dot_product_attention(q, k, v)
    >>> dq, dk, dv = scaled_dot_product_attention_backward(np.ones((1, 1)), q, k, v, w)
    >>> dv.tolist(), dq.tolist()
    ([[0.5], [0.5]], [[0.0]])
    """
    q, k, v, _ = _check_attention(q, k, v, None)
    A = as_float_array("attention_weights", attention_weights)
    dO = as_float_array("d_output", d_output)
    if A.shape != q.shape[:-1] + (k.shape[-2],) or dO.shape != q.shape[:-1] + (v.shape[-1],):
        raise ValueError(f"attention_weights {A.shape} and d_output {dO.shape} do not fit q {q.shape}, k {k.shape}, v {v.shape}.")
    q3, k3, v3, A3, dO3 = (x.reshape((-1,) + x.shape[-2:]) for x in (q, k, v, A, dO))  # (batch x heads, seq, d)
    chunks = _row_chunks(len(q3), A.shape[-2] * A.shape[-1])
    # the gradients, and dA of one chunk (reused by every chunk), in one buffer
    dq, dk, dv, buffer = one_block(q3.shape, k3.shape, v3.shape, (chunks[0].stop if chunks else 0,) + A.shape[-2:])
    for rows in chunks:
        dA = buffer[: rows.stop - rows.start]
        _attention_rows_backward(dO3[rows], q3[rows], k3[rows], v3[rows], A3[rows], dA, dq[rows], dk[rows], dv[rows])
    return dq.reshape(q.shape), dk.reshape(k.shape), dv.reshape(v.shape)


def _attention_rows_backward(dO, q, k, v, A, dA, dq, dk, dv) -> None:
    """`scaled_dot_product_attention_backward` on a few (batch x heads) rows of checked inputs,
    written into ``dq``, ``dk`` and ``dv``; ``dA`` is scratch memory of the weights' shape."""
    # --8<-- [start:scaled_dot_product_attention_backward]
    np.matmul(np.swapaxes(A, -1, -2), dO, out=dv)  # dV = A^T dO, (rows, seq_k, d_v)
    np.matmul(dO, np.swapaxes(v, -1, -2), out=dA)  # dA = dO V^T, (rows, seq_q, seq_k)
    dA -= np.einsum("...ij,...ij->...i", dA, A)[..., None]  # dA - sum_j (dA * A) of each row
    dS = np.multiply(A, dA, out=dA)  # through the softmax of each row
    np.matmul(dS, k, out=dq)  # dQ = dS K / sqrt(d_k)
    dq /= np.sqrt(k.shape[-1])
    np.matmul(np.swapaxes(dS, -1, -2), q, out=dk)  # dK = dS^T Q / sqrt(d_k)
    dk /= np.sqrt(k.shape[-1])
    # --8<-- [end:scaled_dot_product_attention_backward]
