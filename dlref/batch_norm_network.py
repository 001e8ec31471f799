r"""An L-layer network with batch norm: [LINEAR -> BATCHNORM -> RELU] x (L-1) -> LINEAR -> SIGMOID.

Each hidden layer $l$ has parameters ``W{l}`` ``(n[l], n[l-1])``, ``gamma{l}`` and ``beta{l}``
``(n[l], 1)``, and no bias: batch norm subtracts each unit's mean, which cancels any bias, and
$\beta^{[l]}$ takes its place. The output layer keeps ``W{L}`` and ``b{L}``. The running
averages used at test time are kept in a separate dict, ``running_mean{l}`` and
``running_var{l}`` of shape ``(n[l], 1)``: they are estimated, not learned by gradient descent.

Gradients follow `dlref.batch_norm`: ``dZ`` and ``dA`` are per-example (no $1/m$), and
``dW{l}``, ``dgamma{l}``, ``dbeta{l}``, ``db{L}`` are derivatives of the cost $J$.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import (
    check_count,
    check_generator,
    check_labels,
    check_layer_dims,
    check_matrix,
    check_positive,
    check_same_shape,
)
from dlref.activations import relu, relu_backward
from dlref.batch_norm import EPSILON, batchnorm_backward, batchnorm_forward, batchnorm_inference, update_running_averages
from dlref.deep_network import compute_cost
from dlref.layers import _check_cache, linear_activation_forward, linear_backward
from dlref.mini_batches import random_mini_batches

__all__ = [
    "L_model_backward_bn",
    "L_model_forward_bn",
    "initialize_parameters_bn",
    "initialize_running_averages",
    "model_bn",
    "predict_bn",
    "update_parameters_bn",
]

Arrays = dict[str, NDArray[np.float64]]


def initialize_parameters_bn(layer_dims: Sequence[int], rng: np.random.Generator) -> Arrays:
    r"""He-initialized weights, $\gamma = 1$ and $\beta = 0$ for the hidden layers, a bias for the output.

    Parameters
    ----------
    layer_dims : sequence of int
        $[n^{[0]}, n^{[1]}, \dots, n^{[L]}]$, at least two positive integers.
    rng : numpy.random.Generator
        Source of the random weights.

    Returns
    -------
    parameters : dict
        ``W{l}`` of shape ``(n[l], n[l-1])`` for $l = 1, \dots, L$; ``gamma{l}`` (ones) and
        ``beta{l}`` (zeros) of shape ``(n[l], 1)`` for the hidden layers $l < L$; ``b{L}``
        (zeros) of shape ``(n[L], 1)``. No ``b{l}`` for $l < L$.

    Raises
    ------
    ValueError
        If `layer_dims` is not a list of at least two positive integers, or `rng` is not a Generator.

    Notes
    -----
    $$W^{[l]} \sim \mathcal{N}\Bigl(0, \frac{2}{n^{[l-1]}}\Bigr), \qquad
    \gamma^{[l]} = 1, \quad \beta^{[l]} = 0 \ (l < L), \qquad b^{[L]} = 0$$

    Examples
    --------
    >>> parameters = initialize_parameters_bn([3, 2, 1], np.random.default_rng(0))
    >>> {key: value.shape for key, value in parameters.items()}
    {'W1': (2, 3), 'gamma1': (2, 1), 'beta1': (2, 1), 'W2': (1, 2), 'b2': (1, 1)}
    """
    layer_dims = check_layer_dims(layer_dims)
    rng = check_generator("rng", rng)
    L = len(layer_dims) - 1
    parameters: Arrays = {}
    # --8<-- [start:initialize_parameters_bn]
    for l in range(1, L + 1):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        std = np.sqrt(2.0 / n_prev)  # He: variance 2 / n[l-1]
        parameters[f"W{l}"] = rng.standard_normal((n, n_prev)) * std
        if l < L:  # batch norm: gamma and beta, and no bias (beta takes its place)
            parameters[f"gamma{l}"] = np.ones((n, 1))
            parameters[f"beta{l}"] = np.zeros((n, 1))
        else:  # the sigmoid output layer keeps its bias
            parameters[f"b{l}"] = np.zeros((n, 1))
    # --8<-- [end:initialize_parameters_bn]
    return parameters


def initialize_running_averages(layer_dims: Sequence[int]) -> Arrays:
    r"""Starting running averages for test time: mean 0 and variance 1 for every hidden unit.

    Parameters
    ----------
    layer_dims : sequence of int
        $[n^{[0]}, n^{[1]}, \dots, n^{[L]}]$, as for `initialize_parameters_bn`.

    Returns
    -------
    running : dict
        ``running_mean{l}`` (zeros) and ``running_var{l}`` (ones) of shape ``(n[l], 1)``, $l < L$.

    Raises
    ------
    ValueError
        As `initialize_parameters_bn`.

    Notes
    -----
    $$\mu^{[l]}_{\text{run}} = 0, \qquad \sigma^{2[l]}_{\text{run}} = 1$$

    Examples
    --------
    >>> running = initialize_running_averages([3, 2, 1])
    >>> running["running_mean1"].tolist(), running["running_var1"].tolist()
    ([[0.0], [0.0]], [[1.0], [1.0]])
    """
    layer_dims = check_layer_dims(layer_dims)
    means = {f"running_mean{l}": np.zeros((n, 1)) for l, n in enumerate(layer_dims[1:-1], start=1)}
    return {**means, **{f"running_var{l}": np.ones((n, 1)) for l, n in enumerate(layer_dims[1:-1], start=1)}}


def L_model_forward_bn(
    X: ArrayLike,
    parameters: Arrays,
    running: Arrays | None = None,
    training: bool = True,
    momentum: float = 0.9,
    epsilon: float = EPSILON,
) -> tuple[NDArray[np.float64], list[tuple], Arrays]:
    r"""Forward propagation through [LINEAR -> BATCHNORM -> RELU] x (L-1) -> LINEAR -> SIGMOID.

    Parameters
    ----------
    X : array_like of shape (n_x, m)
        Inputs, one example per column; $m \ge 2$ in training mode, any $m \ge 1$ in test mode.
    parameters : dict
        As returned by `initialize_parameters_bn`.
    running : dict, optional
        ``running_mean{l}``, ``running_var{l}`` of shape ``(n[l], 1)``; required in test mode.
        None in training mode means `initialize_running_averages`.
    training : bool, default True
        True: normalize with the mini-batch's mean and variance, and update the running
        averages. False (test time): normalize with the running averages, so that each
        output depends on its own example only.
    momentum : float, default 0.9
        Weight of the past in the running averages, in $[0, 1)$.
    epsilon : float, default 1e-8
        $\varepsilon > 0$ inside the square root of batch norm.

    Returns
    -------
    AL : ndarray of shape (1, m)
        The output probabilities $A^{[L]}$.
    caches : list of tuple
        ``caches[l - 1]`` for layer $l$: ``(A_prev, W, bn_cache, Z_tilde)`` for a hidden layer
        (``bn_cache`` is None in test mode), ``((A_prev, W, b), Z)`` for the output layer.
    running : dict
        In training mode, new running averages that fold in this mini-batch's statistics; in
        test mode, copies of the given ones. The argument is not modified.

    Raises
    ------
    ValueError
        If a shape does not fit, `parameters` or `running` lacks a key or has an extra one (such
        as a bias ``b{l}`` before batch norm), or `X` has one column in training mode.

    Notes
    -----
    For each hidden layer $l = 1, \dots, L-1$, with $\mu$ and $\sigma^2$ the mini-batch's
    statistics in training and the running averages at test time:

    $$Z^{[l]} = W^{[l]} A^{[l-1]}, \qquad
    \tilde Z^{[l]} = \gamma^{[l]} \odot \frac{Z^{[l]} - \mu^{[l]}}{\sqrt{\sigma^{2[l]} + \varepsilon}}
    + \beta^{[l]}, \qquad A^{[l]} = \operatorname{relu}(\tilde Z^{[l]})$$

    $$A^{[L]} = \sigma\bigl(W^{[L]} A^{[L-1]} + b^{[L]}\bigr)$$

    Examples
    --------
    >>> parameters = {"W1": np.array([[1.0]]), "gamma1": np.array([[2.0]]),
    ...               "beta1": np.array([[0.5]]), "W2": np.ones((1, 1)),
    ...               "b2": np.zeros((1, 1))}
    >>> X = np.array([[1.0, 3.0]])
    >>> AL, caches, running = L_model_forward_bn(X, parameters, momentum=0.5)
    >>> caches[0][3].round(6).tolist()  # Z_tilde = 2 Z_norm + 0.5 with Z_norm = -1, 1
    [[-1.5, 2.5]]
    >>> running["running_mean1"].tolist(), running["running_var1"].tolist()
    ([[1.0]], [[1.0]])
    >>> AL, _, _ = L_model_forward_bn([[3.0]], parameters, running, training=False)
    >>> round(float(AL[0, 0]), 4)  # one example: z_tilde = 2 (3 - 1) / 1 + 0.5 = 4.5
    0.989
    """
    X = check_matrix("X", X, ("n_x", "m"), hint="Inputs have one example per column.")
    parameters = _check_parameters_bn(parameters, X.shape[0])
    L = _layers(parameters)
    if not isinstance(training, (bool, np.bool_)):
        raise ValueError(f"training must be True or False, got {training!r}.")
    if running is None and training:
        running = initialize_running_averages([X.shape[0]] + [parameters[f"W{l}"].shape[0] for l in range(1, L + 1)])
    running = _check_running(running, parameters)
    new_running = {key: value.copy() for key, value in running.items()}
    caches: list[tuple] = []
    A = X
    # --8<-- [start:L_model_forward_bn]
    for l in range(1, L):  # hidden layers: LINEAR (no bias) -> BATCHNORM -> RELU
        A_prev, W = A, parameters[f"W{l}"]
        gamma, beta = parameters[f"gamma{l}"], parameters[f"beta{l}"]
        mean, var = running[f"running_mean{l}"], running[f"running_var{l}"]
        Z = W @ A_prev  # no + b: batch norm would subtract it again
        if training:  # this mini-batch's mean and variance
            Z_tilde, bn_cache = batchnorm_forward(Z, gamma, beta, epsilon)
            mu, sigma2 = bn_cache["mu"], bn_cache["var"]
            new_running[f"running_mean{l}"], new_running[f"running_var{l}"] = (
                update_running_averages(mean, var, mu, sigma2, momentum))
        else:  # test time: the running averages (works for a single example)
            Z_tilde = batchnorm_inference(Z, gamma, beta, mean, var, epsilon)
            bn_cache = None
        A = relu(Z_tilde)
        caches.append((A_prev, W, bn_cache, Z_tilde))
    WL, bL = parameters[f"W{L}"], parameters[f"b{L}"]
    AL, cache = linear_activation_forward(A, WL, bL, "sigmoid")  # LINEAR -> SIGMOID
    caches.append(cache)
    # --8<-- [end:L_model_forward_bn]
    return AL, caches, new_running


def L_model_backward_bn(AL: ArrayLike, Y: ArrayLike, caches: Sequence[tuple]) -> Arrays:
    r"""Backward propagation through the network of `L_model_forward_bn` (training mode).

    Parameters
    ----------
    AL : array_like of shape (1, m)
        Output of `L_model_forward_bn` with ``training=True``.
    Y : array_like of shape (1, m)
        Labels in $[0, 1]$.
    caches : list of tuple
        The caches of that forward pass.

    Returns
    -------
    grads : dict
        ``dW{l}`` for $l = 1, \dots, L$; ``dgamma{l}``, ``dbeta{l}`` of shape ``(n[l], 1)``
        for $l < L$; ``db{L}``. There is no ``db{l}`` for a layer with batch norm.

    Raises
    ------
    ValueError
        If `AL` or `Y` is not a ``(1, m)`` row, or `caches` is malformed or comes from a
        test-mode forward pass.

    Notes
    -----
    $dZ^{[L]} = A^{[L]} - Y$ and $dA^{[L-1]} = W^{[L]T} dZ^{[L]}$; then for $l = L-1, \dots, 1$:

    $$d\tilde Z^{[l]} = dA^{[l]} \odot \operatorname{relu}'(\tilde Z^{[l]}), \qquad
    dZ^{[l]}, d\gamma^{[l]}, d\beta^{[l]} = \text{batchnorm\_backward}(d\tilde Z^{[l]})$$

    $$dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T}, \qquad dA^{[l-1]} = W^{[l]T} dZ^{[l]}$$

    Examples
    --------
    >>> parameters = initialize_parameters_bn([2, 3, 1], np.random.default_rng(0))
    >>> X = np.array([[1.0, -1.0, 2.0], [0.0, 1.0, 1.0]])
    >>> Y = np.array([[1.0, 0.0, 1.0]])
    >>> AL, caches, _ = L_model_forward_bn(X, parameters)
    >>> sorted(L_model_backward_bn(AL, Y, caches))
    ['dW1', 'dW2', 'db2', 'dbeta1', 'dgamma1']
    """
    AL = check_matrix("AL", AL, (1, "m"), hint="AL is one row with one probability per example.")
    Y = check_labels("Y", Y, AL.shape[1])
    if isinstance(caches, (str, bytes)) or not isinstance(caches, Sequence) or len(caches) == 0:
        raise ValueError("caches must be the non-empty list of per-layer caches that L_model_forward_bn returns.")
    L = len(caches)
    output_cache = _check_cache(caches[L - 1])
    check_same_shape("AL", AL, "the last layer's Z", output_cache[1])
    for l in range(1, L):
        cache = caches[l - 1]
        if not isinstance(cache, tuple) or len(cache) != 4 or not isinstance(cache[2], dict):
            raise ValueError(
                f"caches[{l - 1}] must be (A_prev, W, bn_cache, Z_tilde) from L_model_forward_bn with "
                "training=True; a test-mode forward pass normalizes with constants and cannot be backpropagated."
            )
    grads: Arrays = {}
    # --8<-- [start:L_model_backward_bn]
    dZL = AL - Y  # sigmoid + cross-entropy
    dA, grads[f"dW{L}"], grads[f"db{L}"] = linear_backward(dZL, output_cache[0])
    for l in range(L - 1, 0, -1):  # hidden layers, backwards: RELU, BATCHNORM, LINEAR
        A_prev, W, bn_cache, Z_tilde = caches[l - 1]
        m = A_prev.shape[1]
        dZ_tilde = relu_backward(dA, Z_tilde)
        dZ, dgamma, dbeta = batchnorm_backward(dZ_tilde, bn_cache)  # all paths
        grads[f"dgamma{l}"], grads[f"dbeta{l}"] = dgamma, dbeta
        grads[f"dW{l}"] = dZ @ A_prev.T / m  # no db: there is no bias
        dA = W.T @ dZ
    # --8<-- [end:L_model_backward_bn]
    return grads


def update_parameters_bn(parameters: Arrays, grads: Arrays, learning_rate: float) -> Arrays:
    r"""One step of gradient descent on every parameter, whatever its name.

    Parameters
    ----------
    parameters : dict
        Any 2-D arrays, such as ``W{l}``, ``gamma{l}``, ``beta{l}``, ``b{L}`` (not modified).
    grads : dict
        ``"d" + name`` for each parameter, of its shape; other keys are ignored.
    learning_rate : float
        Step size $\alpha > 0$.

    Returns
    -------
    parameters : dict
        New arrays $p - \alpha\, dp$.

    Raises
    ------
    ValueError
        If a gradient is missing or has the wrong shape, or `learning_rate` is not positive.

    Notes
    -----
    $$W^{[l]} := W^{[l]} - \alpha\, dW^{[l]}, \qquad \gamma^{[l]} := \gamma^{[l]} - \alpha\, d\gamma^{[l]},
    \qquad \beta^{[l]} := \beta^{[l]} - \alpha\, d\beta^{[l]}$$

    Examples
    --------
    >>> parameters, grads = {"gamma1": np.ones((1, 1))}, {"dgamma1": np.array([[2.0]])}
    >>> new = update_parameters_bn(parameters, grads, 0.25)
    >>> new["gamma1"].tolist()
    [[0.5]]
    """
    if not isinstance(parameters, dict) or not isinstance(grads, dict):
        raise ValueError(f"parameters and grads must be dicts, got {type(parameters).__name__} and {type(grads).__name__}.")
    learning_rate = check_positive("learning_rate", learning_rate)
    missing = [f"d{key}" for key in parameters if f"d{key}" not in grads]
    if missing:
        raise ValueError(f"grads lacks {missing}: every parameter needs its gradient.")
    parameters = {key: check_matrix(key, value) for key, value in parameters.items()}
    grads = {f"d{key}": check_same_shape(f"d{key}", grads[f"d{key}"], key, value) for key, value in parameters.items()}
    # --8<-- [start:update_parameters_bn]
    new_parameters = {
        key: value - learning_rate * grads[f"d{key}"]  # W, gamma, beta, b alike
        for key, value in parameters.items()
    }
    # --8<-- [end:update_parameters_bn]
    return new_parameters


def model_bn(
    X: ArrayLike,
    Y: ArrayLike,
    layers_dims: Sequence[int],
    learning_rate: float = 0.1,
    num_epochs: int = 30,
    mini_batch_size: int = 64,
    rng: np.random.Generator | None = None,
    print_cost: bool = False,
) -> tuple[Arrays, Arrays, list[float]]:
    r"""Train the batch-norm network by mini-batch gradient descent.

    Parameters
    ----------
    X : array_like of shape (n_x, m)
    Y : array_like of shape (1, m)
        Labels 0 or 1.
    layers_dims : sequence of int
        $[n_x, n^{[1]}, \dots, n^{[L-1]}, 1]$.
    learning_rate : float, default 0.1
        Step size $\alpha > 0$.
    num_epochs : int, default 30
        Passes over the training set, at least 0.
    mini_batch_size : int, default 64
        Examples per mini-batch, at least 2 (batch norm needs a mean and a variance). A last
        mini-batch of a single example is skipped in that epoch.
    rng : numpy.random.Generator, optional
        Source of the initial weights and of the shuffles. None, the default, uses
        ``np.random.default_rng(0)``, so a call gives the same result every time.
    print_cost : bool, default False
        Print the cost after every epoch.

    Returns
    -------
    parameters : dict
        The trained parameters.
    running : dict
        The running averages, for `predict_bn`.
    costs : list of float
        One per epoch: the costs of its mini-batches during training, averaged over the examples.

    Raises
    ------
    ValueError
        If `layers_dims` does not start with the number of rows of `X` or end with 1, `Y` is
        not a ``(1, m)`` row of labels, or a hyperparameter is out of range.

    Notes
    -----
    For each mini-batch $X^{\{t\}}, Y^{\{t\}}$: `L_model_forward_bn` (training mode, which
    also updates the running averages), `dlref.deep_network.compute_cost`,
    `L_model_backward_bn`, `update_parameters_bn`:

    $$p := p - \alpha\, dp \quad \text{for } p \in \{W^{[l]}, \gamma^{[l]}, \beta^{[l]}, b^{[L]}\}$$

    Examples
    --------
    >>> X = np.array([[-2.0, -1.5, -1.0, 1.0, 1.5, 2.0]])
    >>> Y = np.array([[0.0, 0.0, 0.0, 1.0, 1.0, 1.0]])
    >>> parameters, running, costs = model_bn(X, Y, [1, 3, 1], 0.5, num_epochs=50,
    ...                                       mini_batch_size=6)
    >>> len(costs), costs[-1] < costs[0]
    (50, True)
    >>> predict_bn(parameters, running, X).tolist()
    [[0.0, 0.0, 0.0, 1.0, 1.0, 1.0]]
    """
    X = check_matrix("X", X, ("n_x", "m"), hint="Inputs have one example per column.")
    Y = check_labels("Y", Y, X.shape[1])
    if X.shape[1] < 2:
        raise ValueError(f"X has shape {X.shape}: batch norm needs at least 2 examples (columns) to train on.")
    layers_dims = check_layer_dims(layers_dims, "layers_dims")
    if layers_dims[0] != X.shape[0] or layers_dims[-1] != 1:
        raise ValueError(
            f"layers_dims must start with the number of rows of X ({X.shape[0]}, X has shape {X.shape}) "
            f"and end with 1 (one sigmoid output); got {list(layers_dims)}."
        )
    learning_rate = check_positive("learning_rate", learning_rate)
    num_epochs = check_count("num_epochs", num_epochs)
    mini_batch_size = check_count("mini_batch_size", mini_batch_size, minimum=2)
    rng = np.random.default_rng(0) if rng is None else check_generator("rng", rng)
    parameters, running = initialize_parameters_bn(layers_dims, rng), initialize_running_averages(layers_dims)
    costs: list[float] = []
    # --8<-- [start:model_bn]
    for epoch in range(num_epochs):
        total, seen = 0.0, 0
        for X_t, Y_t in random_mini_batches(X, Y, mini_batch_size, rng=rng):
            if X_t.shape[1] < 2:  # a left-over single example has no variance
                continue
            AL, caches, running = L_model_forward_bn(X_t, parameters, running)
            total += compute_cost(AL, Y_t) * X_t.shape[1]
            seen += X_t.shape[1]
            grads = L_model_backward_bn(AL, Y_t, caches)
            parameters = update_parameters_bn(parameters, grads, learning_rate)
        costs.append(float(total / seen))
        if print_cost:
            print(f"Cost after epoch {epoch}: {costs[-1]:.6f}")
    # --8<-- [end:model_bn]
    return parameters, running, costs


def predict_bn(parameters: Arrays, running: Arrays, X: ArrayLike) -> NDArray[np.float64]:
    r"""Predict labels 0 or 1 with a trained batch-norm network, in test mode.

    Parameters
    ----------
    parameters : dict
        As returned by `model_bn`.
    running : dict
        The running averages returned by `model_bn`.
    X : array_like of shape (n_x, m)
        Any number $m \ge 1$ of examples.

    Returns
    -------
    predictions : ndarray of shape (1, m)
        1.0 where $\hat y > 0.5$, else 0.0; each depends on its own example only.

    Raises
    ------
    ValueError
        As `L_model_forward_bn`.

    Notes
    -----
    $$\hat y = 1 \iff z^{[L]} > 0,$$

    with every hidden layer normalized by the running averages (``training=False``).

    Examples
    --------
    >>> parameters = {"W1": np.ones((1, 1)), "gamma1": np.ones((1, 1)),
    ...               "beta1": np.zeros((1, 1)), "W2": np.ones((1, 1)),
    ...               "b2": np.array([[-0.5]])}
    >>> running = {"running_mean1": [[2.0]], "running_var1": [[1.0]]}
    >>> predict_bn(parameters, running, np.array([[2.0, 2.4, 2.6]])).tolist()
    [[0.0, 0.0, 1.0]]
    """
    _, caches, _ = L_model_forward_bn(X, parameters, running, training=False)
    return (caches[-1][1] > 0).astype(np.float64)  # sigma(z) > 0.5  <=>  z > 0


def _layers(parameters: Arrays) -> int:
    return sum(1 for key in parameters if isinstance(key, str) and key[:1] == "W")


def _check_parameters_bn(parameters: object, n_x: int) -> Arrays:
    if not isinstance(parameters, dict):
        raise ValueError(f"parameters must be a dict {{'W1': ..., 'gamma1': ..., 'beta1': ...}}, got {type(parameters).__name__}.")
    L = _layers(parameters)
    expected = {f"{p}{l}" for l in range(1, L) for p in ("W", "gamma", "beta")} | {f"W{L}", f"b{L}"}
    if L == 0 or set(parameters) != expected:
        missing, unexpected = sorted(expected - set(parameters)), sorted(set(parameters) - expected, key=str)
        hint = " A layer with batch norm has no bias b{l}: beta{l} takes its place." if any(
            str(k).startswith("b") and not str(k).startswith("beta") for k in unexpected) else ""
        raise ValueError(
            "parameters must hold W{l}, gamma{l}, beta{l} for the hidden layers and WL, bL for the output; "
            f"missing {missing or 'nothing'}, unexpected {unexpected or 'nothing'}.{hint}"
        )
    checked, n_prev = {}, n_x
    for l in range(1, L + 1):
        W = checked[f"W{l}"] = check_matrix(
            f"W{l}", parameters[f"W{l}"], (None, n_prev), hint=f"W{l} needs one column per unit of layer {l - 1} ({n_prev}).")
        for name in ("gamma", "beta") if l < L else ("b",):
            checked[f"{name}{l}"] = check_matrix(
                f"{name}{l}", parameters[f"{name}{l}"], (W.shape[0], 1), hint=f"One value per row of W{l}, as a column.")
        n_prev = W.shape[0]
    if n_prev != 1:
        raise ValueError(f"W{L} has shape {checked[f'W{L}'].shape}; the sigmoid output layer has 1 unit, so 1 row.")
    return checked


def _check_running(running: object, parameters: Arrays) -> Arrays:
    L = _layers(parameters)
    expected = [f"running_{s}{l}" for l in range(1, L) for s in ("mean", "var")]
    if not isinstance(running, dict) or sorted(running) != sorted(expected):
        got = sorted(running, key=str) if isinstance(running, dict) else type(running).__name__
        raise ValueError(
            f"running must be a dict with keys {expected} (from initialize_running_averages or training); "
            f"got {got}. Test mode (training=False) needs the running averages."
        )
    checked = {}
    for l in range(1, L):
        n = parameters[f"W{l}"].shape[0]
        for key in (f"running_mean{l}", f"running_var{l}"):
            checked[key] = check_matrix(key, running[key], (n, 1), hint=f"One value per unit of layer {l}, as a column.")
    return checked
