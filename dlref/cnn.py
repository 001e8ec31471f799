r"""A small convolutional network built from dlref's own layers, trained with dlref's Adam.

The network is the course's pattern, conv → ReLU → max-pool, twice, then a dense softmax layer:

``X (m, n_H, n_W, n_C)`` → conv $3 \times 3$ "same", ReLU, max-pool $2 \times 2$ → conv
$3 \times 3$ "same", ReLU, max-pool $2 \times 2$ → flatten → dense softmax ``(C, m)``.

Parameters are ``W1, b1`` (first conv, ``(3, 3, n_C_prev, n_C1)`` and ``(1, 1, 1, n_C1)``),
``W2, b2`` (second conv) and ``W3, b3`` (dense, ``(C, n_flat)`` and ``(C, 1)``). Gradients are
those of the cost $J = \frac{1}{m}\sum_i \mathcal{L}^{(i)}$, keyed ``dW1, db1, ...``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import check_count, check_generator, check_positive, check_same_shape
from dlref.activations import relu, relu_backward
from dlref.convolution import check_volume, conv_backward, conv_forward, conv_output_size
from dlref.layers import linear_backward, linear_forward
from dlref.optimizers import initialize_adam, update_parameters_with_adam
from dlref.pooling import pool_backward, pool_forward
from dlref.softmax import cross_entropy_cost, softmax, softmax_cross_entropy_backward
from dlref.training import model

__all__ = [
    "cnn_backward", "cnn_features", "cnn_forward", "cnn_model", "cnn_predict", "initialize_cnn", "retrain_cnn_head",
]

Params = dict[str, NDArray[np.float64]]
CONV = {"stride": 1, "pad": 1}  # 3 x 3 "same" convolutions
POOL = {"f": 2, "stride": 2}
NAMES = ("W1", "b1", "W2", "b2", "W3", "b3")


def initialize_cnn(
    input_shape: tuple[int, int, int], channels: Sequence[int], n_classes: int, rng: np.random.Generator
) -> dict[str, NDArray[np.float64]]:
    r"""He-initialized parameters of the two-block network for inputs of one shape.

    Parameters
    ----------
    input_shape : tuple of int
        ``(n_H, n_W, n_C)`` of one example, for example ``(8, 8, 1)`` for the digits.
    channels : sequence of two int
        Filters of the first and the second convolution, ``(n_C1, n_C2)``.
    n_classes : int
        $C$, the units of the softmax layer.
    rng : numpy.random.Generator
        Source of the random weights.

    Returns
    -------
    parameters : dict
        ``W1`` (3, 3, n_C, n_C1), ``b1`` (1, 1, 1, n_C1), ``W2`` (3, 3, n_C1, n_C2),
        ``b2`` (1, 1, 1, n_C2), ``W3`` (C, n_flat), ``b3`` (C, 1); biases are zero.

    Raises
    ------
    ValueError
        If a size is not a positive integer, `rng` is not a Generator, or the image is too small
        for two poolings.

    Notes
    -----
    He initialization, variance $2 / \text{fan-in}$, where the fan-in of a filter is
    $3 \cdot 3 \cdot n_C^{[l-1]}$. After two $2 \times 2$ poolings the flattened size is
    $n_{\text{flat}} = \lfloor \lfloor n_H/2 \rfloor /2 \rfloor \cdot \lfloor \lfloor n_W/2 \rfloor /2 \rfloor \cdot n_{C2}$.

    Examples
    --------
    >>> p = initialize_cnn((8, 8, 1), (4, 8), 10, np.random.default_rng(0))
    >>> p["W1"].shape, p["W2"].shape, p["W3"].shape
    ((3, 3, 1, 4), (3, 3, 4, 8), (10, 32))
    """
    rng = check_generator("rng", rng)
    if not isinstance(input_shape, (tuple, list)) or not isinstance(channels, (tuple, list)) \
            or len(input_shape) != 3 or len(channels) != 2:
        raise ValueError(f"input_shape must be (n_H, n_W, n_C) and channels (n_C1, n_C2); got {input_shape!r}, {channels!r}.")
    n_H, n_W, n_C = (check_count(f"input_shape[{k}]", n, minimum=1) for k, n in enumerate(input_shape))
    n_C1, n_C2 = (check_count(f"channels[{k}]", n, minimum=1) for k, n in enumerate(channels))
    C = check_count("n_classes", n_classes, minimum=2)
    if min(n_H, n_W) < 4:
        raise ValueError(f"input_shape {input_shape} is too small: two 2 x 2 poolings need n_H, n_W >= 4.")
    side = [conv_output_size(conv_output_size(n, 2, 0, 2), 2, 0, 2) for n in (n_H, n_W)]
    n_flat = side[0] * side[1] * n_C2
    # --8<-- [start:initialize_cnn]
    parameters = {
        "W1": rng.standard_normal((3, 3, n_C, n_C1)) * np.sqrt(2 / (9 * n_C)),
        "b1": np.zeros((1, 1, 1, n_C1)),
        "W2": rng.standard_normal((3, 3, n_C1, n_C2)) * np.sqrt(2 / (9 * n_C1)),
        "b2": np.zeros((1, 1, 1, n_C2)),
        "W3": rng.standard_normal((C, n_flat)) * np.sqrt(2 / n_flat),
        "b3": np.zeros((C, 1)),
    }
    # --8<-- [end:initialize_cnn]
    return parameters


def _check_params(parameters: object) -> Params:
    if not isinstance(parameters, dict) or set(parameters) != set(NAMES):
        raise ValueError(f"parameters must be the dict {list(NAMES)} from initialize_cnn.")
    p = {k: np.asarray(v, dtype=np.float64) for k, v in parameters.items()}
    for k in ("W1", "W2"):
        p[k] = check_volume(k, p[k], "(f, f, n_C_prev, n_C)")
    return p


def cnn_features(
    X: ArrayLike, parameters: dict[str, NDArray[np.float64]]
) -> tuple[NDArray[np.float64], tuple]:
    r"""The two convolutional blocks alone: each image's features, flattened into a column.

    Parameters
    ----------
    X : array_like of shape (m, n_H, n_W, n_C)
        A batch of images.
    parameters : dict
        ``W1, b1, W2, b2`` (and ``W3, b3``, unused here) from `initialize_cnn` or training.

    Returns
    -------
    A2_flat : ndarray of shape (n_flat, m)
        The second block's output, one column per example: what the dense layer sees, and what
        transfer learning reuses with the convolutional layers frozen.
    caches : tuple
        For `cnn_backward`.

    Raises
    ------
    ValueError
        If `X` is not 4-D or a parameter does not fit it.

    Notes
    -----
    $$A^{[1]} = \operatorname{pool}\bigl(\operatorname{relu}(W^{[1]} * X + b^{[1]})\bigr), \quad
    A^{[2]} = \operatorname{pool}\bigl(\operatorname{relu}(W^{[2]} * A^{[1]} + b^{[2]})\bigr)$$

    where $*$ is the convolution; flattening turns each example's volume into one column.

    Examples
    --------
    >>> p = initialize_cnn((8, 8, 1), (4, 8), 10, np.random.default_rng(0))
    >>> cnn_features(np.zeros((3, 8, 8, 1)), p)[0].shape
    (32, 3)
    """
    X = check_volume("X", X)
    p = _check_params(parameters)
    if X.shape[3] != p["W1"].shape[2]:
        raise ValueError(f"X has shape {X.shape} and W1 has shape {p['W1'].shape}: X must have W1.shape[2] channels.")
    # --8<-- [start:cnn_features]
    Z1, conv1 = conv_forward(X, p["W1"], p["b1"], CONV)
    A1, pool1 = pool_forward(relu(Z1), POOL, mode="max")
    Z2, conv2 = conv_forward(A1, p["W2"], p["b2"], CONV)
    A2, pool2 = pool_forward(relu(Z2), POOL, mode="max")
    A2_flat = A2.reshape(A2.shape[0], -1).T  # (n_flat, m): one column per example
    # --8<-- [end:cnn_features]
    return A2_flat, (conv1, Z1, pool1, conv2, Z2, pool2, A2.shape)


def cnn_forward(
    X: ArrayLike, parameters: dict[str, NDArray[np.float64]]
) -> tuple[NDArray[np.float64], tuple]:
    r"""Forward propagation of the network: two conv blocks, then a dense softmax layer.

    Parameters
    ----------
    X : array_like of shape (m, n_H, n_W, n_C)
        A batch of images.
    parameters : dict
        ``W1, b1, W2, b2, W3, b3`` from `initialize_cnn`.

    Returns
    -------
    AL : ndarray of shape (C, m)
        Class probabilities, one column per example.
    caches : tuple
        What `cnn_backward` needs.

    Raises
    ------
    ValueError
        If `X` is not 4-D or a parameter does not fit it.

    Notes
    -----
    `cnn_features`, then

    $$\hat Y = \operatorname{softmax}\bigl(W^{[3]} \operatorname{flatten}(A^{[2]}) + b^{[3]}\bigr)$$

    Examples
    --------
    >>> p = initialize_cnn((8, 8, 1), (4, 8), 10, np.random.default_rng(0))
    >>> AL, _ = cnn_forward(np.zeros((3, 8, 8, 1)), p)
    >>> AL.shape, bool(np.allclose(AL.sum(axis=0), 1.0))
    ((10, 3), True)
    """
    A2_flat, feature_caches = cnn_features(X, parameters)
    p = _check_params(parameters)
    # --8<-- [start:cnn_forward]
    Z3, dense = linear_forward(A2_flat, p["W3"], p["b3"])
    AL = softmax(Z3)
    # --8<-- [end:cnn_forward]
    return AL, (*feature_caches, dense)


def cnn_backward(AL: ArrayLike, Y: ArrayLike, caches: tuple) -> dict[str, NDArray[np.float64]]:
    r"""Backward propagation of the network, layer by layer in reverse.

    Parameters
    ----------
    AL : array_like of shape (C, m)
        The output of `cnn_forward`.
    Y : array_like of shape (C, m)
        One-hot labels.
    caches : tuple
        From `cnn_forward`.

    Returns
    -------
    grads : dict
        ``dW1, db1, dW2, db2, dW3, db3``: derivatives of the cost, of the shapes of the parameters.

    Raises
    ------
    ValueError
        If `Y` is not one-hot of the shape of `AL`.

    Notes
    -----
    $$dZ^{[3]} = \hat Y - Y, \qquad dA^{[2]} = \tfrac{1}{m}\, \operatorname{unflatten}(W^{[3]T} dZ^{[3]})$$

    then pool, ReLU and conv backward for each block. The dense layer's `linear_backward`
    follows the course's convention ($dZ$ per example, $\frac{1}{m}$ in $dW$); dividing its
    $dA$ by $m$ turns it into the derivative of the cost, which the convolution layers take.

    Examples
    --------
    >>> p = initialize_cnn((8, 8, 1), (4, 8), 10, np.random.default_rng(0))
    >>> X, Y = np.ones((2, 8, 8, 1)), np.eye(10)[:, :2]
    >>> AL, caches = cnn_forward(X, p)
    >>> grads = cnn_backward(AL, Y, caches)
    >>> grads["dW1"].shape, grads["db3"].shape
    ((3, 3, 1, 4), (10, 1))
    """
    AL = np.asarray(AL, dtype=np.float64)
    Y = check_same_shape("Y", Y, "AL", AL)
    if not isinstance(caches, tuple) or len(caches) != 8:
        raise ValueError(f"caches must be the tuple of 8 entries returned by cnn_forward, got {type(caches).__name__}.")
    conv1, Z1, pool1, conv2, Z2, pool2, A2_shape, dense = caches
    m = AL.shape[1]
    # --8<-- [start:cnn_backward]
    dZ3 = softmax_cross_entropy_backward(AL, Y)  # per example: A - Y
    dA2_flat, dW3, db3 = linear_backward(dZ3, dense)
    dA2 = (dA2_flat / m).T.reshape(A2_shape)  # now the cost's derivative, back to volumes
    dZ2 = relu_backward(pool_backward(dA2, pool2, mode="max"), Z2)
    dA1, dW2, db2 = conv_backward(dZ2, conv2)
    dZ1 = relu_backward(pool_backward(dA1, pool1, mode="max"), Z1)
    _, dW1, db1 = conv_backward(dZ1, conv1)
    # --8<-- [end:cnn_backward]
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2, "dW3": dW3, "db3": db3}


def cnn_predict(parameters: dict[str, NDArray[np.float64]], X: ArrayLike) -> NDArray[np.int64]:
    r"""The likeliest class of each image.

    Parameters
    ----------
    parameters : dict
        Trained parameters.
    X : array_like of shape (m, n_H, n_W, n_C)

    Returns
    -------
    predictions : ndarray of int, shape (1, m)

    Raises
    ------
    ValueError
        If the shapes do not fit, or the network's output holds NaN (diverged training).

    Notes
    -----
    $$\hat y^{(i)} = \operatorname{argmax}_k \hat Y_{k, i}$$

    Examples
    --------
    >>> p = initialize_cnn((8, 8, 1), (4, 8), 10, np.random.default_rng(0))
    >>> cnn_predict(p, np.zeros((2, 8, 8, 1))).shape
    (1, 2)
    """
    AL, _ = cnn_forward(X, parameters)
    if np.isnan(AL).any():
        raise ValueError("the network's output holds NaN: the parameters or X hold NaN (did training diverge?).")
    return AL.argmax(axis=0).reshape(1, -1)


def _adam_step(parameters: Params, grads: Params, v, s, t: int, learning_rate: float):
    """dlref's Adam on all parameters laid end to end as one row (Adam acts entry by entry)."""
    theta = {"W1": np.concatenate([parameters[k].ravel() for k in NAMES])[None, :], "b1": np.zeros((1, 1))}
    dtheta = {"dW1": np.concatenate([grads["d" + k].ravel() for k in NAMES])[None, :], "db1": np.zeros((1, 1))}
    if v is None:
        v, s = initialize_adam(theta)
    theta, v, s = update_parameters_with_adam(theta, dtheta, v, s, t, learning_rate)
    sizes = np.cumsum([parameters[k].size for k in NAMES])[:-1]
    pieces = np.split(theta["W1"][0], sizes)
    return {k: x.reshape(parameters[k].shape) for k, x in zip(NAMES, pieces)}, v, s


def cnn_model(
    X: ArrayLike,
    Y: ArrayLike,
    channels: Sequence[int] = (16, 32),
    learning_rate: float = 0.005,
    num_epochs: int = 10,
    mini_batch_size: int = 32,
    rng: np.random.Generator | None = None,
) -> tuple[dict[str, NDArray[np.float64]], list[float]]:
    r"""Train the network with mini-batch Adam.

    Parameters
    ----------
    X : array_like of shape (m, n_H, n_W, n_C)
        Training images.
    Y : array_like of shape (C, m)
        One-hot labels.
    channels : sequence of two int, default (16, 32)
        Filters of the two convolutions.
    learning_rate : float, default 0.005
        Adam's step size.
    num_epochs : int, default 10
        Passes over the training set.
    mini_batch_size : int, default 32
        Examples per step.
    rng : numpy.random.Generator, optional
        Source of the initial weights and the shuffles; None uses ``np.random.default_rng(0)``.

    Returns
    -------
    parameters : dict
        The trained parameters.
    costs : list of float
        The mean cross-entropy cost of every epoch (weighted by the mini-batches' sizes).

    Raises
    ------
    ValueError
        If a shape or a hyperparameter is out of range.

    Notes
    -----
    Each epoch shuffles the examples, and each mini-batch takes one step: `cnn_forward`, the
    cost, `cnn_backward`, and `dlref.optimizers.update_parameters_with_adam` with the step
    counter $t$ counting mini-batches from 1.

    Examples
    --------
    >>> X = np.zeros((4, 4, 4, 1)); X[2:, :2] = 1.0  # two blank images, two with a bright top
    >>> Y = np.array([[1.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 1.0]])
    >>> parameters, costs = cnn_model(X, Y, channels=(2, 2), num_epochs=30, mini_batch_size=4)
    >>> cnn_predict(parameters, X).tolist(), bool(costs[-1] < costs[0])
    ([[0, 0, 1, 1]], True)
    """
    X = check_volume("X", X)
    Y = np.asarray(Y, dtype=np.float64)
    if Y.ndim != 2 or Y.shape[1] != X.shape[0]:
        raise ValueError(f"Y has shape {Y.shape}; expected (C, {X.shape[0]}), one one-hot column per image of X {X.shape}.")
    learning_rate = check_positive("learning_rate", learning_rate)
    num_epochs = check_count("num_epochs", num_epochs, minimum=1)
    batch = check_count("mini_batch_size", mini_batch_size, minimum=1)
    rng = np.random.default_rng(0) if rng is None else check_generator("rng", rng)
    parameters = initialize_cnn(X.shape[1:], channels, Y.shape[0], rng)
    m, v, s, t, costs = X.shape[0], None, None, 0, []
    # --8<-- [start:cnn_model]
    for epoch in range(num_epochs):
        order, total = rng.permutation(m), 0.0
        for start in range(0, m, batch):
            idx = order[start:start + batch]
            AL, caches = cnn_forward(X[idx], parameters)
            total += cross_entropy_cost(AL, Y[:, idx]) * len(idx)
            grads = cnn_backward(AL, Y[:, idx], caches)
            t += 1  # Adam counts steps from 1
            parameters, v, s = _adam_step(parameters, grads, v, s, t, learning_rate)
        costs.append(total / m)
    # --8<-- [end:cnn_model]
    return parameters, costs


def retrain_cnn_head(
    parameters: dict[str, NDArray[np.float64]], X: ArrayLike, Y: ArrayLike, **options: object
) -> tuple[dict[str, NDArray[np.float64]], list[float]]:
    r"""Transfer learning: keep the two convolutional blocks frozen, train a new softmax head on task B.

    Parameters
    ----------
    parameters : dict
        ``W1, b1, W2, b2, W3, b3`` trained on task A (pre-training), for example by `cnn_model`.
    X : array_like of shape (m, n_H, n_W, n_C)
        Task B's training images, of the shape the network was trained on.
    Y : array_like of shape (C, m)
        Task B's one-hot labels; $C$ need not be task A's number of classes.
    **options
        Passed to `dlref.training.model`, which trains the head: ``optimizer``,
        ``learning_rate``, ``num_epochs``, ``mini_batch_size``, ``rng``, ...

    Returns
    -------
    parameters : dict
        ``W1, b1, W2, b2`` unchanged (the same arrays when they are float64) and a new ``W3`` of shape ``(C, n_flat)``
        and ``b3`` of shape ``(C, 1)``; `cnn_predict` takes it as it is.
    costs : list of float
        The training cost of each epoch of the head.

    Raises
    ------
    ValueError
        As `cnn_features` and `dlref.training.model`, or if `Y` has not one column per image.

    See Also
    --------
    dlref.transfer.retrain_last_layer : The same for a dense network.

    Notes
    -----
    The frozen blocks' output $F = \operatorname{flatten}(A^{[2]})$ is computed once for every
    training image; the head is then a softmax regression on those columns,

    $$\hat Y = \operatorname{softmax}\bigl(W^{[3]}_{\text{new}} F + b^{[3]}_{\text{new}}\bigr)$$

    with $C \cdot (n_{\text{flat}} + 1)$ parameters to fit instead of the whole network's.

    Examples
    --------
    >>> pre = initialize_cnn((4, 4, 1), (2, 2), 3, np.random.default_rng(0))
    >>> X = np.zeros((4, 4, 4, 1)); X[2:, :2] = 1.0  # two blank images, two with a bright top
    >>> new, costs = retrain_cnn_head(pre, X, np.eye(2)[:, [0, 0, 1, 1]], optimizer="adam",
    ...                               learning_rate=0.1, num_epochs=100, rng=np.random.default_rng(1))
    >>> new["W1"] is pre["W1"], new["W3"].shape, cnn_predict(new, X).tolist()
    (True, (2, 2), [[0, 0, 1, 1]])
    """
    parameters = _check_params(parameters)  # float64; the same arrays when they already are
    F, _ = cnn_features(X, parameters)  # the frozen blocks, run once: (n_flat, m)
    Y = np.asarray(Y, dtype=np.float64)
    if Y.ndim != 2 or Y.shape[1] != F.shape[1]:
        raise ValueError(f"Y has shape {Y.shape}; expected (C, {F.shape[1]}), one one-hot column per image of X.")
    # --8<-- [start:retrain_cnn_head]
    head, costs = model(F, Y, [F.shape[0], Y.shape[0]], **options)  # softmax regression on F
    new_parameters = {**parameters, "W3": head["W1"], "b3": head["b1"]}  # W1..b2 kept as they are
    # --8<-- [end:retrain_cnn_head]
    return new_parameters, costs
