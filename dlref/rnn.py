r"""The basic recurrent network: one cell, the forward pass over time, backpropagation through time.

Shapes follow the course: the inputs ``x`` are ``(n_x, m, T_x)`` (features, examples, time
steps), the hidden states ``a`` are ``(n_a, m, T_x)``, the predictions ``y_pred`` are
``(n_y, m, T_x)``. The parameters are a dict with ``Wax (n_a, n_x)``, ``Waa (n_a, n_a)``,
``Wya (n_y, n_a)``, ``ba (n_a, 1)`` and ``by (n_y, 1)``.

Gradient convention (the course's for sequence models): ``da`` holds the derivative of a loss
$\mathcal{L}$ with respect to each hidden state, and every returned gradient is the derivative
of that same $\mathcal{L}$, summed over examples and time steps, with no $\frac{1}{m}$.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._memory import keep, one_block
from dlref._validation import check_matrix
from dlref._sequence import check_cache, check_caches, check_step_arrays, check_gradient, check_sequence, check_state, check_weights
from dlref.softmax import softmax

__all__ = ["rnn_backward", "rnn_cell_backward", "rnn_cell_forward", "rnn_forward"]



def _rnn_weights(parameters: object, n_x: int, source: str = "") -> dict[str, NDArray[np.float64]]:
    """The weights as float arrays of the shapes they need; `source` says where n_x came from, for the message."""
    Waa = check_weights(parameters, {"Waa": (None, None)}, "the RNN")["Waa"]
    n_a = Waa.shape[0]
    n_y = check_weights(parameters, {"Wya": (None, n_a)}, "the RNN: Wya needs one column per hidden unit")["Wya"].shape[0]
    shapes = {"Wax": (n_a, n_x), "Waa": (n_a, n_a), "Wya": (n_y, n_a), "ba": (n_a, 1), "by": (n_y, 1)}
    return check_weights(parameters, shapes, f"the RNN with n_x = {n_x}, n_a = {n_a}, n_y = {n_y}{source}")


def rnn_cell_forward(xt: ArrayLike, a_prev: ArrayLike, parameters: dict[str, NDArray[np.float64]]):
    r"""One time step of the basic RNN: the new hidden state and its prediction.

    Parameters
    ----------
    xt : array_like of shape (n_x, m)
        The inputs at time step $t$, one column per example.
    a_prev : array_like of shape (n_a, m)
        The hidden state of step $t - 1$.
    parameters : dict
        ``Wax (n_a, n_x)``, ``Waa (n_a, n_a)``, ``Wya (n_y, n_a)``, ``ba (n_a, 1)``, ``by (n_y, 1)``.

    Returns
    -------
    a_next : ndarray of shape (n_a, m)
    yt_pred : ndarray of shape (n_y, m)
        Softmax probabilities, each column summing to 1.
    cache : tuple
        ``(a_next, a_prev, xt, parameters)``, kept for `rnn_cell_backward`.

    Raises
    ------
    ValueError
        If `xt` or `a_prev` is not 2-D, or a parameter's shape does not fit the others.

    Notes
    -----
    $$a^{\langle t \rangle} = \tanh\bigl(W_{aa} a^{\langle t-1 \rangle} + W_{ax} x^{\langle t \rangle} + b_a\bigr),
    \qquad \hat y^{\langle t \rangle} = \mathrm{softmax}\bigl(W_{ya} a^{\langle t \rangle} + b_y\bigr)$$

    Examples
    --------
    >>> p = {"Wax": np.ones((1, 2)), "Waa": np.zeros((1, 1)), "Wya": np.ones((2, 1)),
    ...      "ba": np.zeros((1, 1)), "by": np.zeros((2, 1))}
    >>> a_next, yt_pred, _ = rnn_cell_forward(np.zeros((2, 1)), np.zeros((1, 1)), p)
    >>> a_next.tolist(), yt_pred.tolist()
    ([[0.0]], [[0.5], [0.5]])
    """
    xt = check_matrix("xt", xt, ("n_x", "m"), hint="xt is one time step, x[:, :, t].")
    p = _rnn_weights(parameters, xt.shape[0], f"; n_x is the rows of xt, whose shape is {xt.shape}")
    a_prev = check_state("a_prev", a_prev, p["Waa"].shape[0], xt.shape[1], rows_from="the rows of Waa", cols_from="the columns of xt")
    Wax, Waa, Wya, ba, by = p["Wax"], p["Waa"], p["Wya"], p["ba"], p["by"]
    # --8<-- [start:rnn_cell_forward]
    a_next = np.tanh(Waa @ a_prev + Wax @ xt + ba)  # (n_a, m)
    yt_pred = softmax(Wya @ a_next + by)  # (n_y, m), softmax of each column
    cache = (a_next, a_prev, xt, p)
    # --8<-- [end:rnn_cell_forward]
    return a_next, yt_pred, cache


def rnn_forward(x: ArrayLike, a0: ArrayLike, parameters: dict[str, NDArray[np.float64]]):
    r"""The basic RNN over a whole sequence: the same cell applied at every time step.

    Parameters
    ----------
    x : array_like of shape (n_x, m, T_x)
        The inputs, time step $t$ in ``x[:, :, t]``.
    a0 : array_like of shape (n_a, m)
        The initial hidden state.
    parameters : dict
        As in `rnn_cell_forward`.

    Returns
    -------
    a : ndarray of shape (n_a, m, T_x)
        The hidden states of every step ($a^{\langle 0 \rangle}$ is not included).
    y_pred : ndarray of shape (n_y, m, T_x)
    caches : tuple
        ``(list_of_step_caches, x)``, kept for `rnn_backward`.

    Raises
    ------
    ValueError
        If `x` is not 3-D, `a0` is not ``(n_a, m)``, or a parameter does not fit.

    Notes
    -----
    $$a^{\langle t \rangle} = \tanh\bigl(W_{aa} a^{\langle t-1 \rangle} + W_{ax} x^{\langle t \rangle} + b_a\bigr),
    \qquad t = 1, \dots, T_x$$

    Examples
    --------
    >>> p = {"Wax": np.ones((1, 1)), "Waa": np.ones((1, 1)), "Wya": np.ones((1, 1)),
    ...      "ba": np.zeros((1, 1)), "by": np.zeros((1, 1))}
    >>> a, y_pred, _ = rnn_forward(np.zeros((1, 1, 3)), np.ones((1, 1)), p)
    >>> a.round(4).tolist()
    [[[0.7616, 0.642, 0.5663]]]
    """
    x = check_sequence("x", x)
    p = _rnn_weights(parameters, x.shape[0], f"; n_x is the rows of x, whose shape is {x.shape}")
    n_a, m, T_x = p["Waa"].shape[0], x.shape[1], x.shape[2]
    a0 = check_state("a0", a0, n_a, m, rows_from="the rows of Waa", cols_from=f"the columns of x, whose shape is {x.shape}")
    # --8<-- [start:rnn_forward]
    n_y = p["Wya"].shape[0]
    # one new buffer: a, the predictions and the caches' copies of each a<t>
    a, y_pred, kept = one_block((n_a, m, T_x), (n_y, m, T_x), (T_x, n_a, m))
    step_caches, a_next = [], a0
    for t in range(T_x):
        a_next, y_pred[:, :, t], cache = rnn_cell_forward(x[:, :, t], a_next, p)
        (a_next,) = keep(kept[t], a_next)  # a<t>, moved into the buffer
        a[:, :, t] = a_next
        step_caches.append((a_next, *cache[1:]))
    # --8<-- [end:rnn_forward]
    return a, y_pred, (step_caches, x)


def rnn_cell_backward(da_next: ArrayLike, cache: tuple) -> dict[str, NDArray[np.float64]]:
    r"""Backward pass of one RNN cell: from the gradient of its hidden state to its inputs and weights.

    Parameters
    ----------
    da_next : array_like of shape (n_a, m)
        Gradient of the loss with respect to $a^{\langle t \rangle}$: the step's own gradient
        plus the one carried back from step $t + 1$.
    cache : tuple
        ``(a_next, a_prev, xt, parameters)`` from `rnn_cell_forward`.

    Returns
    -------
    gradients : dict
        ``dxt (n_x, m)``, ``da_prev (n_a, m)``, ``dWax (n_a, n_x)``, ``dWaa (n_a, n_a)``,
        ``dba (n_a, 1)``.

    Raises
    ------
    ValueError
        If `da_next` does not have the shape of $a^{\langle t \rangle}$.

    Notes
    -----
    With $dz = da^{\langle t \rangle} \odot \bigl(1 - (a^{\langle t \rangle})^2\bigr)$, the slope of tanh,

    $$dx^{\langle t \rangle} = W_{ax}^T dz, \quad da^{\langle t-1 \rangle} = W_{aa}^T dz, \quad
    dW_{ax} = dz\, x^{\langle t \rangle T}, \quad dW_{aa} = dz\, a^{\langle t-1 \rangle T}, \quad
    db_a = \textstyle\sum_{i} dz^{(i)}$$

    Examples
    --------
    >>> p = {"Wax": np.ones((1, 1)), "Waa": np.ones((1, 1)), "Wya": np.ones((1, 1)),
    ...      "ba": np.zeros((1, 1)), "by": np.zeros((1, 1))}
    >>> _, _, cache = rnn_cell_forward(np.zeros((1, 1)), np.zeros((1, 1)), p)
    >>> g = rnn_cell_backward(np.ones((1, 1)), cache)
    >>> g["dxt"].tolist(), g["dWaa"].tolist()
    ([[1.0]], [[0.0]])
    """
    a_next, a_prev, xt, p = check_cache(cache, 4, "rnn_cell_forward")
    a_next = check_matrix("cache's a_next", a_next, ("n_a", "m"))
    check_step_arrays("cache", ("a_prev",), (a_prev,), a_next)
    xt = check_matrix("cache's xt", xt, ("n_x", a_next.shape[1]))
    p = _rnn_weights(p, xt.shape[0], f" (in cache; n_x is the rows of its xt, {xt.shape})")
    da_next = check_gradient("da_next", da_next, "a_next", a_next.shape)
    Wax, Waa = p["Wax"], p["Waa"]
    # --8<-- [start:rnn_cell_backward]
    dz = da_next * (1 - a_next**2)  # through tanh: tanh'(z) = 1 - a^2
    dxt = Wax.T @ dz  # (n_x, m)
    da_prev = Waa.T @ dz  # (n_a, m), carried to step t - 1
    dWax = dz @ xt.T  # (n_a, n_x), summed over the m examples
    dWaa = dz @ a_prev.T  # (n_a, n_a)
    dba = np.sum(dz, axis=1, keepdims=True)  # (n_a, 1)
    # --8<-- [end:rnn_cell_backward]
    return {"dxt": dxt, "da_prev": da_prev, "dWax": dWax, "dWaa": dWaa, "dba": dba}


def rnn_backward(da: ArrayLike, caches: tuple) -> dict[str, NDArray[np.float64]]:
    r"""Backpropagation through time for the basic RNN.

    Parameters
    ----------
    da : array_like of shape (n_a, m, T_x)
        Gradient of the loss with respect to every hidden state, coming from above (from the
        predictions $\hat y^{\langle t \rangle}$), not yet including the paths through later steps.
    caches : tuple
        ``(list_of_step_caches, x)`` from `rnn_forward`.

    Returns
    -------
    gradients : dict
        ``dx (n_x, m, T_x)``, ``da0 (n_a, m)``, ``dWax (n_a, n_x)``, ``dWaa (n_a, n_a)``,
        ``dba (n_a, 1)``.

    Raises
    ------
    ValueError
        If `caches` is not what `rnn_forward` returned or `da` is not ``(n_a, m, T_x)``.

    Notes
    -----
    Step $t$ receives its own gradient plus the one carried back from step $t + 1$:

    $$da^{\langle t \rangle}_{\text{total}} = da^{\langle t \rangle} + da^{\langle t \rangle}_{\text{prev}}(t+1),$$

    and the weight gradients are summed over the steps, since every step uses the same weights.

    Examples
    --------
    >>> p = {"Wax": np.ones((1, 1)), "Waa": np.ones((1, 1)), "Wya": np.ones((1, 1)),
    ...      "ba": np.zeros((1, 1)), "by": np.zeros((1, 1))}
    >>> a, _, caches = rnn_forward(np.zeros((1, 1, 2)), np.zeros((1, 1)), p)
    >>> g = rnn_backward(np.ones((1, 1, 2)), caches)
    >>> g["dx"].tolist(), g["da0"].tolist()
    ([[[2.0, 1.0]]], [[2.0]])
    """
    step_caches, x = check_caches(caches, "rnn")
    first = check_cache(step_caches[0], 4, "rnn_cell_forward", "caches[0][0]")
    n_a, m = check_matrix("caches[0][0]'s a_next", first[0], ("n_a", "m")).shape
    da = check_gradient("da", da, "a", (n_a, m, x.shape[2]))
    p = _rnn_weights(first[3], x.shape[0], " (in caches)")
    # --8<-- [start:rnn_backward]
    dx = np.zeros_like(x)
    dWax, dWaa, dba = np.zeros_like(p["Wax"]), np.zeros_like(p["Waa"]), np.zeros_like(p["ba"])
    da_prevt = np.zeros((n_a, m))
    for t in reversed(range(x.shape[2])):
        g = rnn_cell_backward(da[:, :, t] + da_prevt, step_caches[t])  # own + carried gradient
        dx[:, :, t], da_prevt = g["dxt"], g["da_prev"]
        dWax, dWaa, dba = dWax + g["dWax"], dWaa + g["dWaa"], dba + g["dba"]
    # --8<-- [end:rnn_backward]
    return {"dx": dx, "da0": da_prevt, "dWax": dWax, "dWaa": dWaa, "dba": dba}
