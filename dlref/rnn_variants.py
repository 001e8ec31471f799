r"""Bidirectional and deep recurrent networks, forward and backward: the basic RNN cell arranged in two new ways.

Shapes follow `dlref.rnn`: ``x`` is ``(n_x, m, T_x)``. Each recurrent layer (or direction) has
``Wax (n_a, n_in)``, ``Waa (n_a, n_a)`` and ``ba (n_a, 1)``; the prediction layer on top has
``Wy (n_y, ·)`` and ``by (n_y, 1)``, with a softmax per column.

The backward passes take ``dy``, the derivative of a loss with respect to the forward's
``y_pred``, and return gradients nested like the parameters (``"forward"``, ``"backward"`` or
``"layers"`` hold ``dWax``, ``dWaa``, ``dba``), summed over examples and time steps with no
$\frac{1}{m}$, as in `dlref.rnn`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._sequence import check_cache, check_entries, check_gradient, check_sequence, check_state, check_weights
from dlref._validation import check_matrix
from dlref.rnn import rnn_backward, rnn_forward
from dlref.softmax import softmax

__all__ = ["brnn_backward", "brnn_forward", "deep_rnn_backward", "deep_rnn_forward"]



def _states(x: NDArray[np.float64], a0: ArrayLike, layer: dict[str, NDArray[np.float64]], name: str) -> tuple:
    """The hidden states of one recurrent layer, ``(n_a, m, T_x)``, and the caches of `rnn_forward` that computed them."""
    check_entries("a recurrent layer of parameters", layer, ("Wax", "Waa", "ba"), f"the layer that {name} starts")
    n_a = check_weights(layer, {"Waa": (None, None)}, "a recurrent layer")["Waa"].shape[0]
    a0 = check_state(name, a0, n_a, x.shape[1], rows_from="the rows of Waa", cols_from=f"the columns of x, whose shape is {x.shape}")
    no_output = {"Wya": np.zeros((1, n_a)), "by": np.zeros((1, 1))}  # rnn_forward's predictions are not used
    a, _, caches = rnn_forward(x, a0, {k: layer[k] for k in ("Wax", "Waa", "ba")} | no_output)
    return a, caches


def _predict(parts: list[NDArray[np.float64]], parameters: dict) -> tuple:
    """Softmax predictions from the states in `parts` stacked along the rows, and the cache of the output layer."""
    states = np.concatenate(parts, axis=0)
    n, m, T = states.shape
    n_y = check_weights(parameters, {"Wy": (None, n)}, f"the output layer on {n} features")["Wy"].shape[0]
    p = check_weights(parameters, {"Wy": (n_y, n), "by": (n_y, 1)}, f"the output layer on {n} features")
    y_pred = softmax(p["Wy"] @ states.reshape(n, m * T) + p["by"]).reshape(-1, m, T)  # every step at once
    return y_pred, (parts, y_pred, p["Wy"])


def _predict_backward(dy: ArrayLike, cache: object, kind: str, n_parts: int) -> tuple:
    """Through the softmax output layer: the gradients of the states in each part, dWy and dby."""
    parts, y_pred, Wy = check_cache(cache, 3, kind, "caches[-1]")
    if not isinstance(parts, list) or len(parts) != n_parts:
        raise ValueError(f"caches[-1][0] must be the list of the {n_parts} state arrays that {kind} fed to the output layer.")
    n_y, m, T = check_sequence("caches[-1][1] (y_pred)", y_pred).shape
    parts = [check_sequence(f"caches[-1][0][{i}]", s) for i, s in enumerate(parts)]
    for i, s in enumerate(parts):
        if s.shape[1:] != (m, T):
            raise ValueError(f"caches[-1][0][{i}] has shape {s.shape}; expected (n_a, {m}, {T}), the examples and steps of y_pred.")
    states = np.concatenate(parts, axis=0)
    n = states.shape[0]
    Wy = check_matrix("caches[-1][2] (Wy)", Wy, (n_y, n), hint=f"Wy maps the {n} cached state rows to the {n_y} rows of y_pred.")
    dy = check_gradient("dy", dy, "y_pred", (n_y, m, T))
    # --8<-- [start:predict_backward]
    dz = y_pred * (dy - np.sum(y_pred * dy, axis=0, keepdims=True))  # through the softmax of each column
    dz, states = dz.reshape(n_y, m * T), states.reshape(n, m * T)  # every step at once
    dWy = dz @ states.T  # (n_y, n), summed over examples and steps
    dby = np.sum(dz, axis=1, keepdims=True)  # (n_y, 1)
    dstates = (Wy.T @ dz).reshape(n, m, T)  # to the states that fed the output layer
    # --8<-- [end:predict_backward]
    rows = np.cumsum([s.shape[0] for s in parts])[:-1]
    return np.split(dstates, rows, axis=0), dWy, dby


def brnn_forward(x: ArrayLike, a0_f: ArrayLike, a0_b: ArrayLike, parameters: dict):
    r"""A bidirectional RNN: one chain of states reads the sequence forwards, another backwards.

    Parameters
    ----------
    x : array_like of shape (n_x, m, T_x)
    a0_f, a0_b : array_like of shape (n_a, m)
        The initial states of the forward and the backward chain.
    parameters : dict
        ``{"forward": {"Wax", "Waa", "ba"}, "backward": {"Wax", "Waa", "ba"}, "Wy": (n_y, 2 n_a), "by": (n_y, 1)}``.

    Returns
    -------
    a_f, a_b : ndarray of shape (n_a, m, T_x)
        The forward states ($a^{\langle t \rangle}$ from $x^{\langle 1 \rangle}, \dots, x^{\langle t \rangle}$)
        and the backward ones (from $x^{\langle t \rangle}, \dots, x^{\langle T_x \rangle}$).
    y_pred : ndarray of shape (n_y, m, T_x)
    caches : tuple
        ``(caches_f, caches_b, output_cache)``, kept for `brnn_backward`; the backward chain's
        caches are those of `dlref.rnn.rnn_forward` on the time-reversed sequence.

    Raises
    ------
    ValueError
        As `dlref.rnn.rnn_forward`, or if ``Wy`` does not have ``2 n_a`` columns.

    Notes
    -----
    $$\overrightarrow{a}^{\langle t \rangle} = \tanh(W_{aa}^{\rightarrow} \overrightarrow{a}^{\langle t-1 \rangle} + W_{ax}^{\rightarrow} x^{\langle t \rangle} + b_a^{\rightarrow}), \qquad
    \overleftarrow{a}^{\langle t \rangle} = \tanh(W_{aa}^{\leftarrow} \overleftarrow{a}^{\langle t+1 \rangle} + W_{ax}^{\leftarrow} x^{\langle t \rangle} + b_a^{\leftarrow})$$

    $$\hat y^{\langle t \rangle} = \mathrm{softmax}\bigl(W_y [\overrightarrow{a}^{\langle t \rangle}; \overleftarrow{a}^{\langle t \rangle}] + b_y\bigr)$$

    Examples
    --------
    >>> layer = {"Wax": np.ones((1, 1)), "Waa": np.zeros((1, 1)), "ba": np.zeros((1, 1))}
    >>> p = {"forward": layer, "backward": layer, "Wy": np.ones((2, 2)), "by": np.zeros((2, 1))}
    >>> a_f, a_b, y_pred, caches = brnn_forward(np.zeros((1, 1, 3)), np.zeros((1, 1)), np.zeros((1, 1)), p)
    >>> a_f.shape, y_pred[:, 0, 0].tolist()
    ((1, 1, 3), [0.5, 0.5])
    """
    x = check_sequence("x", x)
    # --8<-- [start:brnn_forward]
    check_entries("parameters", parameters, ("forward", "backward", "Wy", "by"), "a bidirectional RNN")
    a_f, caches_f = _states(x, a0_f, parameters["forward"], "a0_f")
    a_b, caches_b = _states(x[:, :, ::-1], a0_b, parameters["backward"], "a0_b")  # reads x from the last step
    a_b = a_b[:, :, ::-1]  # re-aligned: a_b[:, :, t] has read x[:, :, t:]
    y_pred, output_cache = _predict([a_f, a_b], parameters)
    # --8<-- [end:brnn_forward]
    return a_f, a_b, y_pred, (caches_f, caches_b, output_cache)


_CELL = ("dWax", "dWaa", "dba")  # the gradients rnn_backward returns for one recurrent layer


def brnn_backward(dy: ArrayLike, caches: tuple) -> dict:
    r"""Backward pass of the bidirectional RNN: from the gradient of its predictions to every parameter.

    Parameters
    ----------
    dy : array_like of shape (n_y, m, T_x)
        Gradient of the loss with respect to ``y_pred``, the softmax probabilities of
        `brnn_forward`. For the cross-entropy $-\sum y \log \hat y$ it is ``-Y / y_pred``.
    caches : tuple
        ``(caches_f, caches_b, output_cache)`` from `brnn_forward`.

    Returns
    -------
    gradients : dict
        ``dx (n_x, m, T_x)``, ``da0_f (n_a, m)``, ``da0_b (n_a, m)``, ``dWy (n_y, 2 n_a)``,
        ``dby (n_y, 1)``, and ``"forward"`` and ``"backward"`` each holding ``dWax (n_a, n_x)``,
        ``dWaa (n_a, n_a)`` and ``dba (n_a, 1)``: the layout of the parameters.

    Raises
    ------
    ValueError
        If `dy` does not have the shape of ``y_pred``, or `caches` is not what `brnn_forward` returned.

    See Also
    --------
    dlref.rnn.rnn_backward : the backward pass of each chain.

    Notes
    -----
    Through the softmax, $dz^{\langle t \rangle} = \hat y^{\langle t \rangle} \odot \bigl(dy^{\langle t \rangle}
    - \sum_k \hat y^{\langle t \rangle}_k dy^{\langle t \rangle}_k\bigr)$ (it is $\hat y - y$ for the
    cross-entropy), and the output layer splits $W_y^T dz^{\langle t \rangle}$ between the chains:

    $$[d\overrightarrow{a}^{\langle t \rangle}; d\overleftarrow{a}^{\langle t \rangle}] = W_y^T dz^{\langle t \rangle},
    \qquad dW_y = \sum_t dz^{\langle t \rangle} [\overrightarrow{a}^{\langle t \rangle}; \overleftarrow{a}^{\langle t \rangle}]^T$$

    The forward chain carries its gradient from step $T_x$ down to 1, the backward chain from
    step 1 up to $T_x$ (the reverse of the order it ran in), and $x^{\langle t \rangle}$ receives
    the gradient of both: $dx^{\langle t \rangle} = W_{ax}^{\rightarrow T} d\overrightarrow{z}^{\langle t \rangle}
    + W_{ax}^{\leftarrow T} d\overleftarrow{z}^{\langle t \rangle}$.

    Examples
    --------
    >>> layer = {"Wax": np.ones((1, 1)), "Waa": np.zeros((1, 1)), "ba": np.zeros((1, 1))}
    >>> p = {"forward": layer, "backward": layer, "Wy": np.array([[1.0, 1.0], [0.0, 0.0]]), "by": np.zeros((2, 1))}
    >>> *_, caches = brnn_forward(np.zeros((1, 1, 2)), np.zeros((1, 1)), np.zeros((1, 1)), p)
    >>> g = brnn_backward(np.array([[[1.0, 1.0]], [[0.0, 0.0]]]), caches)
    >>> g["dx"].tolist(), sorted(g)
    ([[[0.5, 0.5]]], ['backward', 'dWy', 'da0_b', 'da0_f', 'dby', 'dx', 'forward'])
    """
    caches_f, caches_b, output_cache = check_cache(caches, 3, "brnn_forward", "caches")
    # --8<-- [start:brnn_backward]
    (da_f, da_b), dWy, dby = _predict_backward(dy, output_cache, "brnn_forward", 2)
    g_f = rnn_backward(da_f, caches_f)  # carried from step T_x down to step 1
    g_b = rnn_backward(da_b[:, :, ::-1], caches_b)  # in the chain's own order: from step 1 up to step T_x
    dx = g_f["dx"] + g_b["dx"][:, :, ::-1]  # x feeds both chains
    # --8<-- [end:brnn_backward]
    return {"dx": dx, "da0_f": g_f["da0"], "da0_b": g_b["da0"], "forward": {k: g_f[k] for k in _CELL},
            "backward": {k: g_b[k] for k in _CELL}, "dWy": dWy, "dby": dby}


def deep_rnn_forward(x: ArrayLike, a0: list, parameters: dict):
    r"""A deep RNN: $L$ recurrent layers stacked, each reading the states of the layer below.

    Parameters
    ----------
    x : array_like of shape (n_x, m, T_x)
    a0 : list of L arrays of shape (n_a[l], m)
        The initial state of every layer.
    parameters : dict
        ``{"layers": [{"Wax", "Waa", "ba"}, ...], "Wy": (n_y, n_a[L]), "by": (n_y, 1)}``; layer 1's
        ``Wax`` is ``(n_a[1], n_x)``, layer $l$'s is ``(n_a[l], n_a[l-1])``.

    Returns
    -------
    a : list of L ndarrays of shape (n_a[l], m, T_x)
        The states of every layer.
    y_pred : ndarray of shape (n_y, m, T_x)
    caches : tuple
        ``(list_of_layer_caches, output_cache)``, kept for `deep_rnn_backward`.

    Raises
    ------
    ValueError
        If `a0` does not hold one state per layer, or as `dlref.rnn.rnn_forward`.

    Notes
    -----
    $$a^{[l]\langle t \rangle} = \tanh\bigl(W_{aa}^{[l]} a^{[l]\langle t-1 \rangle} + W_{ax}^{[l]} a^{[l-1]\langle t \rangle} + b_a^{[l]}\bigr),
    \qquad a^{[0]\langle t \rangle} = x^{\langle t \rangle}$$

    Examples
    --------
    >>> layer = {"Wax": np.ones((1, 1)), "Waa": np.zeros((1, 1)), "ba": np.zeros((1, 1))}
    >>> p = {"layers": [layer, layer], "Wy": np.ones((1, 1)), "by": np.zeros((1, 1))}
    >>> a, y_pred, caches = deep_rnn_forward(np.ones((1, 1, 2)), [np.zeros((1, 1))] * 2, p)
    >>> [round(s[0, 0, 0].item(), 4) for s in a]
    [0.7616, 0.642]
    """
    x = check_sequence("x", x)
    check_entries("parameters", parameters, ("layers", "Wy", "by"), "a deep RNN")
    if not isinstance(parameters["layers"], (list, tuple)) or not parameters["layers"]:
        raise ValueError(f"parameters['layers'] must be a list with one dict per recurrent layer; got {parameters['layers']!r}.")
    if not isinstance(a0, (list, tuple)) or len(a0) != len(parameters["layers"]):
        raise ValueError(f"a0 must be a list with one initial state per layer ({len(parameters['layers'])}).")
    # --8<-- [start:deep_rnn_forward]
    a, layer_caches, inputs = [], [], x
    for l, (a0_l, layer) in enumerate(zip(a0, parameters["layers"])):
        inputs, caches_l = _states(inputs, a0_l, layer, f"a0[{l}]")  # layer l reads the states of layer l - 1
        a.append(inputs)
        layer_caches.append(caches_l)
    y_pred, output_cache = _predict([a[-1]], parameters)  # only the top layer predicts
    # --8<-- [end:deep_rnn_forward]
    return a, y_pred, (layer_caches, output_cache)


def deep_rnn_backward(dy: ArrayLike, caches: tuple) -> dict:
    r"""Backward pass of the deep RNN: from the gradient of its predictions down through every layer.

    Parameters
    ----------
    dy : array_like of shape (n_y, m, T_x)
        Gradient of the loss with respect to ``y_pred``, the softmax probabilities of
        `deep_rnn_forward`. For the cross-entropy $-\sum y \log \hat y$ it is ``-Y / y_pred``.
    caches : tuple
        ``(list_of_layer_caches, output_cache)`` from `deep_rnn_forward`.

    Returns
    -------
    gradients : dict
        ``dx (n_x, m, T_x)``, ``da0`` (a list of L arrays ``(n_a[l], m)``, like `a0`),
        ``dWy (n_y, n_a[L])``, ``dby (n_y, 1)``, and ``"layers"``, a list holding for each layer
        ``dWax (n_a[l], n_a[l-1])``, ``dWaa (n_a[l], n_a[l])`` and ``dba (n_a[l], 1)``: the
        layout of the parameters.

    Raises
    ------
    ValueError
        If `dy` does not have the shape of ``y_pred``, or `caches` is not what `deep_rnn_forward` returned.

    See Also
    --------
    dlref.rnn.rnn_backward : the backward pass of each layer.

    Notes
    -----
    The top layer receives $da^{[L]\langle t \rangle} = W_y^T dz^{\langle t \rangle}$ from the
    softmax output layer (as in `brnn_backward`). Each layer runs backpropagation through time,
    and the gradient it sends to its inputs is the upstream gradient of the layer below:

    $$da^{[l-1]\langle t \rangle} = W_{ax}^{[l]T} dz^{[l]\langle t \rangle}, \qquad
    dz^{[l]\langle t \rangle} = da^{[l]\langle t \rangle}_{\text{total}} \odot \bigl(1 - (a^{[l]\langle t \rangle})^2\bigr),
    \qquad dx^{\langle t \rangle} = da^{[0]\langle t \rangle}$$

    where $da^{[l]\langle t \rangle}_{\text{total}}$ adds the gradient carried back from step
    $t + 1$ of the same layer.

    Examples
    --------
    >>> layer = {"Wax": np.ones((1, 1)), "Waa": np.zeros((1, 1)), "ba": np.zeros((1, 1))}
    >>> p = {"layers": [layer, layer], "Wy": np.array([[1.0], [0.0]]), "by": np.zeros((2, 1))}
    >>> *_, caches = deep_rnn_forward(np.zeros((1, 1, 2)), [np.zeros((1, 1))] * 2, p)
    >>> g = deep_rnn_backward(np.array([[[1.0, 1.0]], [[0.0, 0.0]]]), caches)
    >>> g["dx"].tolist(), len(g["layers"]), g["dby"].tolist()
    ([[[0.25, 0.25]]], 2, [[0.5], [-0.5]])
    """
    layer_caches, output_cache = check_cache(caches, 2, "deep_rnn_forward", "caches")
    if not isinstance(layer_caches, list) or not layer_caches:
        raise ValueError("caches[0] must be the list with one rnn_forward cache per layer that deep_rnn_forward returned.")
    # --8<-- [start:deep_rnn_backward]
    (da,), dWy, dby = _predict_backward(dy, output_cache, "deep_rnn_forward", 1)  # da: of the top layer's states
    layers, da0 = [{}] * len(layer_caches), [np.zeros(0)] * len(layer_caches)
    for l in reversed(range(len(layer_caches))):
        g = rnn_backward(da, layer_caches[l])  # through time, within layer l
        layers[l], da0[l] = {k: g[k] for k in _CELL}, g["da0"]
        da = g["dx"]  # the gradient of layer l's inputs: the states of layer l - 1
    # --8<-- [end:deep_rnn_backward]
    return {"dx": da, "da0": da0, "layers": layers, "dWy": dWy, "dby": dby}
