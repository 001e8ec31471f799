r"""The attention model of sequence-to-sequence translation: one step of attention, forward and backward.

Shapes follow the course's week 3 assignment (Keras, batch first): the encoder's activations
``a`` are ``(m, T_x, n_a2)`` (``n_a2 = 2 n_a`` for a bidirectional encoder), the decoder's
previous state ``s_prev`` is ``(m, n_s)``. A small network scores every input position
against the decoder's state; the softmax of the scores over the input positions gives the
attention weights, and the context is the weighted sum of the encoder's activations.

The parameters follow the assignment's two dense layers: ``W1 (n_a2 + n_s, n_e)``, ``b1
(n_e,)`` with tanh, ``W2 (n_e, 1)``, ``b2 (1,)`` with ReLU. Gradients are summed over the batch.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._sequence import check_cache, check_entries
from dlref._validation import as_float_array, check_matrix

__all__ = ["one_step_attention_backward", "one_step_attention_forward"]



def _check(a, s_prev, parameters):
    a = as_float_array("a", a)
    if a.ndim != 3:
        raise ValueError(f"a has shape {a.shape}; expected (m, T_x, n_a2), the encoder's activations at every input position.")
    m, T_x, n_a2 = a.shape
    s_prev = check_matrix("s_prev", s_prev, (m, None), hint=f"s_prev is (m, n_s), one row per example of a {a.shape}.")
    n_in = n_a2 + s_prev.shape[1]
    check_entries("parameters", parameters, ("W1", "b1", "W2", "b2"), "the attention's small network")
    shapes = {"W1": (n_in, None), "W2": (None, 1)}
    W1 = check_matrix("W1", parameters["W1"], shapes["W1"], hint=f"W1 acts on [a; s_prev], {n_in} features.")
    n_e = W1.shape[1]
    p = {"W1": W1, "b1": as_float_array("b1", parameters["b1"]), "W2": check_matrix("W2", parameters["W2"], (n_e, 1)),
         "b2": as_float_array("b2", parameters["b2"])}
    if p["b1"].shape != (n_e,) or p["b2"].shape != (1,):
        raise ValueError(f"b1 and b2 have shapes {p['b1'].shape}, {p['b2'].shape}; expected ({n_e},) and (1,).")
    return a, s_prev, p


def one_step_attention_forward(a: ArrayLike, s_prev: ArrayLike, parameters: dict[str, NDArray[np.float64]]):
    r"""One step of attention: the weights $\alpha^{\langle t, t' \rangle}$ over the inputs and the context $c^{\langle t \rangle}$.

    Parameters
    ----------
    a : array_like of shape (m, T_x, n_a2)
        The encoder's activations $a^{\langle t' \rangle}$, $t' = 1, \dots, T_x$.
    s_prev : array_like of shape (m, n_s)
        The decoder's state $s^{\langle t-1 \rangle}$.
    parameters : dict
        ``W1 (n_a2 + n_s, n_e)``, ``b1 (n_e,)``, ``W2 (n_e, 1)``, ``b2 (1,)``.

    Returns
    -------
    context : ndarray of shape (m, 1, n_a2)
    alphas : ndarray of shape (m, T_x, 1)
        The attention weights; they sum to 1 over the $T_x$ input positions.
    cache : tuple
        What `one_step_attention_backward` needs.

    Raises
    ------
    ValueError
        If `a` is not 3-D or the shapes do not fit together.

    Notes
    -----
    $$e^{\langle t, t' \rangle} = \mathrm{relu}\bigl(\tanh([a^{\langle t' \rangle}; s^{\langle t-1 \rangle}] W_1 + b_1) W_2 + b_2\bigr), \qquad
    \alpha^{\langle t, t' \rangle} = \frac{\exp e^{\langle t, t' \rangle}}{\sum_{t''=1}^{T_x} \exp e^{\langle t, t'' \rangle}}$$

    $$c^{\langle t \rangle} = \sum_{t'=1}^{T_x} \alpha^{\langle t, t' \rangle} a^{\langle t' \rangle}$$

    Examples
    --------
    >>> p = {"W1": np.zeros((3, 2)), "b1": np.zeros(2), "W2": np.zeros((2, 1)), "b2": np.zeros(1)}
    >>> context, alphas, _ = one_step_attention_forward(np.array([[[1.0, 0.0], [3.0, 2.0]]]), np.zeros((1, 1)), p)
    >>> context.tolist(), alphas[:, :, 0].tolist()
    ([[[2.0, 1.0]]], [[0.5, 0.5]])
    """
    a, s_prev, p = _check(a, s_prev, parameters)
    # --8<-- [start:one_step_attention_forward]
    s_rep = np.repeat(s_prev[:, None, :], a.shape[1], axis=1)  # (m, T_x, n_s): s_prev beside every a<t'>
    concat = np.concatenate([a, s_rep], axis=-1)  # (m, T_x, n_a2 + n_s)
    h = np.tanh(concat @ p["W1"] + p["b1"])  # (m, T_x, n_e)
    e = np.maximum(0.0, h @ p["W2"] + p["b2"])  # energies (m, T_x, 1)
    t = np.exp(e - e.max(axis=1, keepdims=True))
    alphas = t / t.sum(axis=1, keepdims=True)  # softmax over the T_x input positions
    context = np.sum(alphas * a, axis=1, keepdims=True)  # (m, 1, n_a2)
    # --8<-- [end:one_step_attention_forward]
    return context, alphas, (a, concat, h, e, alphas, p)


def one_step_attention_backward(dcontext: ArrayLike, cache: tuple):
    r"""Backward pass of `one_step_attention_forward`.

    Parameters
    ----------
    dcontext : array_like of shape (m, 1, n_a2)
        Gradient of the loss with respect to the context.
    cache : tuple
        From `one_step_attention_forward`.

    Returns
    -------
    da : ndarray of shape (m, T_x, n_a2)
        Through the weighted sum and through the energies.
    ds_prev : ndarray of shape (m, n_s)
        Summed over the $T_x$ copies of $s^{\langle t-1 \rangle}$.
    gradients : dict
        ``dW1, db1, dW2, db2``, summed over the batch and the positions.

    Raises
    ------
    ValueError
        If `dcontext` is not ``(m, 1, n_a2)``.

    Notes
    -----
    $$d\alpha^{\langle t' \rangle} = dc \cdot a^{\langle t' \rangle}, \quad
    de = \alpha \odot \bigl(d\alpha - \textstyle\sum_{t'} \alpha^{\langle t' \rangle} d\alpha^{\langle t' \rangle}\bigr) \odot [e > 0], \quad
    da^{\langle t' \rangle} = \alpha^{\langle t' \rangle} dc + (\ldots)_{\text{via } e}$$

    Examples
    --------
    >>> p = {"W1": np.zeros((3, 2)), "b1": np.zeros(2), "W2": np.zeros((2, 1)), "b2": np.zeros(1)}
    >>> _, _, cache = one_step_attention_forward(np.array([[[1.0, 0.0], [3.0, 2.0]]]), np.zeros((1, 1)), p)
    >>> da, ds_prev, g = one_step_attention_backward(np.ones((1, 1, 2)), cache)
    >>> da.tolist(), ds_prev.tolist()
    ([[[0.5, 0.5], [0.5, 0.5]]], [[0.0]])
    """
    a, concat, h, e, alphas, p = check_cache(cache, 6, "one_step_attention_forward")
    for name, arr, last in (("a", a, None), ("concat", concat, None), ("h", h, None), ("e", e, 1), ("alphas", alphas, 1)):
        if arr.ndim != 3 or arr.shape[:2] != a.shape[:2] or (last is not None and arr.shape[2] != last):
            raise ValueError(f"cache's {name} has shape {arr.shape}; expected (m, T_x, {last or '...'}) with (m, T_x) = "
                             f"{a.shape[:2]}. Pass the cache one_step_attention_forward returned, unchanged.")
    check_entries("cache's parameters", p, ("W1", "b1", "W2", "b2"), "the attention's small network")
    p = {"W1": check_matrix("cache's W1", p["W1"], (concat.shape[2], h.shape[2])), "W2": check_matrix("cache's W2", p["W2"], (h.shape[2], 1))}
    dcontext = as_float_array("dcontext", dcontext)
    if dcontext.shape != (a.shape[0], 1, a.shape[2]):
        raise ValueError(f"dcontext has shape {dcontext.shape}; expected the context's shape {(a.shape[0], 1, a.shape[2])}.")
    n_a2 = a.shape[2]
    # --8<-- [start:one_step_attention_backward]
    dalphas = np.sum(dcontext * a, axis=-1, keepdims=True)  # (m, T_x, 1)
    de = alphas * (dalphas - np.sum(alphas * dalphas, axis=1, keepdims=True))  # through the softmax
    de = de * (e > 0)  # through the ReLU
    dW2, db2 = np.einsum("mte,mto->eo", h, de), de.sum(axis=(0, 1))
    dz1 = (de @ p["W2"].T) * (1 - h**2)  # through the tanh
    dW1, db1 = np.einsum("mti,mte->ie", concat, dz1), dz1.sum(axis=(0, 1))
    dconcat = dz1 @ p["W1"].T  # (m, T_x, n_a2 + n_s)
    da = alphas * dcontext + dconcat[:, :, :n_a2]  # the weighted sum, and the path through e
    ds_prev = dconcat[:, :, n_a2:].sum(axis=1)  # s_prev was copied to every position
    # --8<-- [end:one_step_attention_backward]
    return da, ds_prev, {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
