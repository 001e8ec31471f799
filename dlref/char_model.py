r"""A character-level language model: a basic RNN that reads a word one character at a time.

Each character is a one-hot column over a vocabulary of ``vocab_size`` characters, one of them
the newline ``"\n"`` that ends a word. The network is `dlref.rnn`'s, with parameters ``Wax
(n_a, vocab_size)``, ``Waa (n_a, n_a)``, ``Wya (vocab_size, n_a)``, ``ba (n_a, 1)`` and ``by
(vocab_size, 1)``; at step $t$ it predicts the probability of every character coming next.
Training is one word at a time (``m = 1``), as in the course.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

from dlref._sequence import check_state, check_weights
from dlref._validation import as_float_array, check_count, check_generator, check_parameters_finite, check_positive
from dlref.rnn import _rnn_weights, rnn_backward, rnn_cell_forward, rnn_forward

__all__ = ["clip", "model", "optimize", "sample"]

GRADIENTS = ("dWax", "dWaa", "dWya", "dba", "dby")


def clip(gradients: Mapping[str, NDArray[np.float64]], maxValue: float) -> dict[str, NDArray[np.float64]]:
    r"""Clip every entry of every gradient to $[-\text{maxValue}, \text{maxValue}]$.

    Parameters
    ----------
    gradients : dict
        ``dWax, dWaa, dWya, dba, dby`` (any other keys are clipped too).
    maxValue : float
        The bound, greater than 0.

    Returns
    -------
    clipped : dict
        New arrays; `gradients` is left untouched (the course's version clips in place).

    Raises
    ------
    ValueError
        If `maxValue` is not a positive number, or a gradient holds NaN (clipping would keep it).

    Notes
    -----
    $$g \leftarrow \min\bigl(\max(g, -\text{maxValue}), \text{maxValue}\bigr)$$
    element by element, which bounds exploding gradients without changing small ones.

    Examples
    --------
    >>> clip({"dWax": np.array([[-10.0, 0.5, 7.0]])}, 5)["dWax"].tolist()
    [[-5.0, 0.5, 5.0]]
    """
    maxValue = check_positive("maxValue", maxValue)
    if not isinstance(gradients, Mapping):
        raise ValueError(f"gradients must be a dict of arrays such as {{'dWax': ...}}; got {type(gradients).__name__}.")
    gradients = {key: as_float_array(f"gradients[{key!r}]", g) for key, g in gradients.items()}
    for key, g in gradients.items():
        if np.isnan(g).any():
            raise ValueError(f"gradients[{key!r}] holds NaN: training has diverged, and clipping cannot repair it.")
    # --8<-- [start:clip]
    clipped = {key: np.clip(g, -maxValue, maxValue) for key, g in gradients.items()}  # new arrays
    # --8<-- [end:clip]
    return clipped


def _one_hot(index: int | None, vocab_size: int) -> NDArray[np.float64]:
    x = np.zeros((vocab_size, 1))
    if index is not None:
        x[index, 0] = 1.0
    return x


def sample(parameters: dict[str, NDArray[np.float64]], char_to_ix: Mapping[str, int], rng: np.random.Generator, max_length: int = 50) -> list[int]:
    r"""Generate one word, character by character, each drawn from the model's own prediction.

    Parameters
    ----------
    parameters : dict
        ``Wax, Waa, Wya, ba, by`` as in `dlref.rnn.rnn_cell_forward`, with ``vocab_size`` rows of ``Wya``.
    char_to_ix : dict
        Character to index, holding ``"\n"``, the end of a word.
    rng : numpy.random.Generator
        Draws each character.
    max_length : int, default 50
        At most this many characters are drawn; a newline is then appended, as in the course.

    Returns
    -------
    indices : list of int
        The indices of the drawn characters, ending with the newline's.

    Raises
    ------
    ValueError
        If `char_to_ix` has no ``"\n"``, its size differs from the rows of ``Wya``, or `rng` is not a Generator.

    Notes
    -----
    Starting from $x^{\langle 1 \rangle} = \vec 0$ and $a^{\langle 0 \rangle} = \vec 0$:

    $$a^{\langle t \rangle} = \tanh(W_{ax} x^{\langle t \rangle} + W_{aa} a^{\langle t-1 \rangle} + b_a), \quad
    \hat y^{\langle t \rangle} = \mathrm{softmax}(W_{ya} a^{\langle t \rangle} + b_y), \quad
    i_t \sim \hat y^{\langle t \rangle}, \quad x^{\langle t+1 \rangle} = \text{one-hot}(i_t)$$

    Examples
    --------
    >>> p = {"Wax": np.zeros((1, 2)), "Waa": np.zeros((1, 1)), "Wya": np.zeros((2, 1)),
    ...      "ba": np.zeros((1, 1)), "by": np.array([[50.0], [0.0]])}
    >>> sample(p, {"\n": 0, "a": 1}, np.random.default_rng(0))
    [0]
    """
    rng = check_generator("rng", rng)
    max_length = check_count("max_length", max_length, minimum=1)
    _check_vocabulary(char_to_ix)
    vocab_size = len(char_to_ix)
    parameters = check_parameters_finite(_rnn_weights(parameters, vocab_size))  # NaN: no distribution to draw from
    n_a = parameters["Waa"].shape[0]
    # --8<-- [start:sample]
    x, a_prev, indices = _one_hot(None, vocab_size), np.zeros((n_a, 1)), []
    while len(indices) < max_length:
        a_prev, y, _ = rnn_cell_forward(x, a_prev, parameters)  # y: (vocab_size, 1)
        idx = int(rng.choice(vocab_size, p=y[:, 0]))  # draw, rather than take the most likely
        indices.append(idx)
        if idx == char_to_ix["\n"]:
            break
        x = _one_hot(idx, vocab_size)  # the drawn character is the next input
    else:
        indices.append(char_to_ix["\n"])
    # --8<-- [end:sample]
    return indices


def optimize(X: Sequence[int | None], Y: Sequence[int], a_prev, parameters: dict[str, NDArray[np.float64]], learning_rate: float = 0.01, maxValue: float = 5.0):
    r"""One step of training on one word: forward, loss, backward through time, clip, update.

    Parameters
    ----------
    X : list
        The input characters' indices, starting with ``None`` (the zero vector $x^{\langle 1 \rangle}$).
    Y : list of int
        The characters to predict: ``X`` shifted by one, ending with the newline's index.
    a_prev : ndarray of shape (n_a, 1)
        The hidden state to start from.
    parameters : dict
        ``Wax, Waa, Wya, ba, by``.
    learning_rate : float, default 0.01
    maxValue : float, default 5.0
        The gradients are clipped to $[-\text{maxValue}, \text{maxValue}]$ before the update.

    Returns
    -------
    loss : float
        The cross-entropy summed over the word's characters, before the update.
    gradients : dict
        ``dWax, dWaa, dWya, dba, dby``, clipped.
    a_last : ndarray of shape (n_a, 1)
        The hidden state after the last character.
    parameters : dict
        The updated parameters (new arrays; the argument is left untouched).

    Raises
    ------
    ValueError
        If `X` and `Y` differ in length, or as `dlref.rnn.rnn_forward` and `clip`.

    Notes
    -----
    $$\mathcal{L} = -\sum_{t} \log \hat y^{\langle t \rangle}_{y^{\langle t \rangle}}, \qquad
    dz_y^{\langle t \rangle} = \hat y^{\langle t \rangle} - y^{\langle t \rangle}, \qquad
    da^{\langle t \rangle} = W_{ya}^T dz_y^{\langle t \rangle}$$

    then `dlref.rnn.rnn_backward`, `clip`, and $W := W - \alpha\, dW$ for every parameter.

    Examples
    --------
    >>> p = {"Wax": np.zeros((1, 2)), "Waa": np.zeros((1, 1)), "Wya": np.zeros((2, 1)),
    ...      "ba": np.zeros((1, 1)), "by": np.zeros((2, 1))}
    >>> loss, g, a_last, p = optimize([None, 1], [1, 0], np.zeros((1, 1)), p)
    >>> round(loss, 4), g["dby"].tolist()
    (1.3863, [[0.0], [0.0]])
    """
    for name, seq in (("X", X), ("Y", Y)):
        if not isinstance(seq, Sequence) or isinstance(seq, str) or len(seq) == 0:
            raise ValueError(f"{name} must be a non-empty list of character indices; got {seq!r}.")
    if len(X) != len(Y):
        raise ValueError(f"X and Y must have one entry per step; got len(X) = {len(X)}, len(Y) = {len(Y)}.")
    vocab_size = check_weights(parameters, {"Wya": (None, None)}, "the character model")["Wya"].shape[0]
    parameters = _rnn_weights(parameters, vocab_size)
    a_prev = check_state("a_prev", a_prev, parameters["Waa"].shape[0], 1, rows_from="the rows of Waa", cols_from="one word at a time")
    learning_rate = check_positive("learning_rate", learning_rate)
    # --8<-- [start:optimize]
    x = np.stack([_one_hot(i, vocab_size) for i in X], axis=2)  # (vocab_size, 1, T)
    y = np.stack([_one_hot(i, vocab_size) for i in Y], axis=2)
    a, y_hat, caches = rnn_forward(x, a_prev, parameters)
    loss = -np.sum(np.log(np.sum(y_hat * y, axis=0)))  # -log of each target's probability
    dz_y = y_hat - y  # softmax + cross-entropy, at every step
    gradients = {"dWya": np.tensordot(dz_y, a, axes=([1, 2], [1, 2])), "dby": dz_y.sum(axis=(1, 2))[:, None]}
    g = rnn_backward(np.tensordot(parameters["Wya"].T, dz_y, axes=1), caches)  # da: (n_a, 1, T)
    gradients = clip(gradients | {k: g[k] for k in ("dWax", "dWaa", "dba")}, maxValue)
    parameters = {k: v - learning_rate * gradients["d" + k] for k, v in parameters.items()}
    # --8<-- [end:optimize]
    return float(loss), gradients, a[:, :, -1], parameters


def model(words: Sequence[str], char_to_ix: Mapping[str, int], rng: np.random.Generator, num_iterations: int = 2000, n_a: int = 50, learning_rate: float = 0.01):
    r"""Train the character-level model on a list of words, one word per iteration.

    Parameters
    ----------
    words : list of str
        The training words, without their newline; every character must be in `char_to_ix`.
    char_to_ix : dict
        Character to index, holding ``"\n"``.
    rng : numpy.random.Generator
        Draws the initial weights and shuffles the words once.
    num_iterations : int, default 2000
    n_a : int, default 50
        Hidden units.
    learning_rate : float, default 0.01

    Returns
    -------
    parameters : dict
        The trained ``Wax, Waa, Wya, ba, by``.
    losses : list of float
        The smoothed loss after every iteration.

    Raises
    ------
    ValueError
        If a word holds a character missing from `char_to_ix`, or as `optimize`.

    Notes
    -----
    The weights start as $0.01$ times standard normal draws, the biases at zero. The loss of one
    word jumps from word to word, so progress is read off an exponentially weighted average that
    starts at the loss of uniform guessing over 7 characters:

    $$\bar{\mathcal{L}}_0 = -7 \log \frac{1}{n_{\text{vocab}}}, \qquad
    \bar{\mathcal{L}}_k = 0.999\, \bar{\mathcal{L}}_{k-1} + 0.001\, \mathcal{L}_k$$

    The hidden state is carried from one word to the next, as in the course.

    Examples
    --------
    >>> p, losses = model(["ab", "ba"], {"\n": 0, "a": 1, "b": 2}, np.random.default_rng(0), num_iterations=3, n_a=4)
    >>> len(losses), p["Waa"].shape
    (3, (4, 4))
    """
    rng = check_generator("rng", rng)
    num_iterations, n_a = check_count("num_iterations", num_iterations, minimum=1), check_count("n_a", n_a, minimum=1)
    if isinstance(words, str) or not isinstance(words, Sequence) or not words or not all(isinstance(w, str) for w in words):
        raise ValueError(f"words must be a non-empty list of str; got {type(words).__name__}.")
    _check_vocabulary(char_to_ix)
    missing = sorted({ch for w in words for ch in w} - set(char_to_ix))
    if missing:
        raise ValueError(f"words hold characters missing from char_to_ix: {missing}.")
    vocab_size = len(char_to_ix)
    parameters = {"Wax": 0.01 * rng.standard_normal((n_a, vocab_size)), "Waa": 0.01 * rng.standard_normal((n_a, n_a)),
                  "Wya": 0.01 * rng.standard_normal((vocab_size, n_a)), "ba": np.zeros((n_a, 1)), "by": np.zeros((vocab_size, 1))}
    words = [words[i] for i in rng.permutation(len(words))]
    # --8<-- [start:model]
    smooth, losses, a_prev = -7 * np.log(1.0 / vocab_size), [], np.zeros((n_a, 1))
    for j in range(num_iterations):
        X = [None] + [char_to_ix[ch] for ch in words[j % len(words)]]
        Y = X[1:] + [char_to_ix["\n"]]  # the next character at every step, then the end
        loss, _, a_prev, parameters = optimize(X, Y, a_prev, parameters, learning_rate)
        smooth = 0.999 * smooth + 0.001 * loss
        losses.append(float(smooth))
    # --8<-- [end:model]
    return parameters, losses


def _check_vocabulary(char_to_ix: object) -> None:
    if not isinstance(char_to_ix, Mapping):
        raise ValueError(f"char_to_ix must be a dict from characters to indices; got {type(char_to_ix).__name__}.")
    if "\n" not in char_to_ix:
        raise ValueError('char_to_ix must hold "\\n", the character that ends a word.')
