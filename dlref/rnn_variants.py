r"""Bidirectional and deep recurrent networks, forward: the basic RNN cell arranged in two new ways.

Shapes follow `dlref.rnn`: ``x`` is ``(n_x, m, T_x)``. Each recurrent layer (or direction) has
``Wax (n_a, n_in)``, ``Waa (n_a, n_a)`` and ``ba (n_a, 1)``; the prediction layer on top has
``Wy (n_y, ·)`` and ``by (n_y, 1)``, with a softmax per column.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._sequence import check_entries, check_sequence, check_state, check_weights
from dlref.rnn import rnn_forward
from dlref.softmax import softmax

__all__ = ["brnn_forward", "deep_rnn_forward"]



def _states(x: NDArray[np.float64], a0: ArrayLike, layer: dict[str, NDArray[np.float64]], name: str) -> NDArray[np.float64]:
    """The hidden states of one recurrent layer, ``(n_a, m, T_x)``, computed by `rnn_forward`."""
    check_entries("a recurrent layer of parameters", layer, ("Wax", "Waa", "ba"), f"the layer that {name} starts")
    n_a = check_weights(layer, {"Waa": (None, None)}, "a recurrent layer")["Waa"].shape[0]
    a0 = check_state(name, a0, n_a, x.shape[1], rows_from="the rows of Waa", cols_from=f"the columns of x, whose shape is {x.shape}")
    no_output = {"Wya": np.zeros((1, n_a)), "by": np.zeros((1, 1))}  # rnn_forward's predictions are not used
    return rnn_forward(x, a0, {k: layer[k] for k in ("Wax", "Waa", "ba")} | no_output)[0]


def _predict(states: NDArray[np.float64], parameters: dict) -> NDArray[np.float64]:
    n, m, T = states.shape
    n_y = check_weights(parameters, {"Wy": (None, n)}, f"the output layer on {n} features")["Wy"].shape[0]
    p = check_weights(parameters, {"Wy": (n_y, n), "by": (n_y, 1)}, f"the output layer on {n} features")
    return softmax(p["Wy"] @ states.reshape(n, m * T) + p["by"]).reshape(-1, m, T)  # every step at once


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
    >>> a_f, a_b, y_pred = brnn_forward(np.zeros((1, 1, 3)), np.zeros((1, 1)), np.zeros((1, 1)), p)
    >>> a_f.shape, y_pred[:, 0, 0].tolist()
    ((1, 1, 3), [0.5, 0.5])
    """
    x = check_sequence("x", x)
    # --8<-- [start:brnn_forward]
    check_entries("parameters", parameters, ("forward", "backward", "Wy", "by"), "a bidirectional RNN")
    a_f = _states(x, a0_f, parameters["forward"], "a0_f")
    a_b = _states(x[:, :, ::-1], a0_b, parameters["backward"], "a0_b")[:, :, ::-1]  # read backwards, then re-align
    y_pred = _predict(np.concatenate([a_f, a_b], axis=0), parameters)
    # --8<-- [end:brnn_forward]
    return a_f, a_b, y_pred


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
    >>> a, y_pred = deep_rnn_forward(np.ones((1, 1, 2)), [np.zeros((1, 1))] * 2, p)
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
    a, inputs = [], x
    for l, (a0_l, layer) in enumerate(zip(a0, parameters["layers"])):
        inputs = _states(inputs, a0_l, layer, f"a0[{l}]")  # layer l reads the states of layer l - 1
        a.append(inputs)
    y_pred = _predict(a[-1], parameters)
    # --8<-- [end:deep_rnn_forward]
    return a, y_pred
