r"""An L-layer network, [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID, built from the blocks of
`dlref.layers`.

Shapes follow the course: ``X`` is
``(n[0], m)``, ``W{l}`` is ``(n[l], n[l-1])``, ``b{l}`` is ``(n[l], 1)``, ``Z[l]`` and ``A[l]``
are ``(n[l], m)``.

Gradient convention (the course's): ``dZ`` and ``dA`` hold, column by column, the derivatives
of each example's loss $\mathcal{L}^{(i)}$; ``dW`` and ``db`` are derivatives of the cost
$J = \frac{1}{m}\sum_i \mathcal{L}^{(i)}$, which is where the $\frac{1}{m}$ comes in.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import (
    check_count,
    check_fits_W1,
    check_generator,
    check_keep_prob,
    check_labels,
    check_layer_dims,
    check_matrix,
    check_nonnegative,
    check_parameters,
    check_positive,
    check_same_shape,
)
from dlref.activations import relu, relu_backward, sigmoid
from dlref.dropout import dropout_backward, dropout_forward
from dlref.layers import (
    Cache,
    _check_cache,
    _linear_activation_backward,
    _linear_activation_forward,
    _linear_backward,
)
from dlref.optimizers import _check_step, _new_arrays
from dlref.softmax import _check_one_hot, cross_entropy_cost, softmax

__all__ = [
    "L_layer_model",
    "L_model_backward",
    "L_model_forward",
    "compute_cost",
    "initialize_parameters_deep",
    "predict",
    "update_parameters",
]

Parameters = dict[str, NDArray[np.float64]]


EPS = 1e-15
"""Outputs are clipped to ``[EPS, 1 - EPS]`` inside the logarithms of `compute_cost`."""


def initialize_parameters_deep(
    layer_dims: Sequence[int], rng: np.random.Generator
) -> dict[str, NDArray[np.float64]]:
    r"""He initialization of an L-layer network: Gaussian weights of variance $2/n^{[l-1]}$, zero biases.

    Parameters
    ----------
    layer_dims : sequence of int
        Layer sizes $[n^{[0]}, n^{[1]}, \dots, n^{[L]}]$, at least two positive integers;
        $n^{[0]} = n_x$ is the number of input features.
    rng : numpy.random.Generator
        Source of the random weights.

    Returns
    -------
    parameters : dict
        ``W{l}`` of shape ``(n[l], n[l-1])`` and ``b{l}`` of shape ``(n[l], 1)`` for $l = 1, \dots, L$.

    Raises
    ------
    ValueError
        If `layer_dims` has fewer than two entries or a size that is not a positive integer, or
        `rng` is not a Generator.

    Notes
    -----
    $$W^{[l]} \sim \mathcal{N}\Bigl(0, \frac{2}{n^{[l-1]}}\Bigr), \qquad b^{[l]} = 0$$

    The variance $2/n^{[l-1]}$ keeps the scale of the activations roughly constant from layer to
    layer through ReLUs (He et al., 2015). The course's step-by-step exercise scales by 0.01
    instead, which makes the activations shrink by a constant factor at every layer, so a deep
    network's output and gradients all but vanish. Random weights break the symmetry between the
    units of a layer; the biases may start at zero.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> parameters = initialize_parameters_deep([3, 2, 1], rng)
    >>> {key: value.shape for key, value in parameters.items()}
    {'W1': (2, 3), 'b1': (2, 1), 'W2': (1, 2), 'b2': (1, 1)}
    """
    layer_dims = check_layer_dims(layer_dims)
    rng = check_generator("rng", rng)
    parameters: Parameters = {}
    # --8<-- [start:initialize_parameters_deep]
    for l in range(1, len(layer_dims)):
        n, n_prev = layer_dims[l], layer_dims[l - 1]
        std = np.sqrt(2.0 / n_prev)  # variance 2 / n[l-1]
        parameters[f"W{l}"] = rng.standard_normal((n, n_prev)) * std
        parameters[f"b{l}"] = np.zeros((n, 1))
    # --8<-- [end:initialize_parameters_deep]
    return parameters


def L_model_forward(
    X: ArrayLike,
    parameters: dict[str, NDArray[np.float64]],
    keep_prob: float = 1.0,
    rng: np.random.Generator | None = None,
) -> tuple[NDArray[np.float64], list[tuple]]:
    r"""Forward propagation through [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID or SOFTMAX.

    Parameters
    ----------
    X : array_like of shape (n_x, m)
        Inputs, one example per column ($A^{[0]} = X$).
    parameters : dict
        ``W1, b1, ..., WL, bL`` as returned by `initialize_parameters_deep`.
    keep_prob : float, default 1.0
        Probability of keeping each hidden unit under inverted dropout (Course 2), in
        $(0, 1]$; 1.0, the default, turns dropout off, as it must be at prediction time.
    rng : numpy.random.Generator, optional
        Source of the dropout masks; required when `keep_prob` < 1.

    Returns
    -------
    AL : ndarray of shape (n[L], m)
        The output $A^{[L]} = \hat Y$: sigmoid probabilities when $n^{[L]} = 1$, a softmax
        distribution over the $C = n^{[L]}$ classes in each column otherwise.
    caches : list of tuple
        The cache of every layer, ``caches[l - 1]`` for layer $l$: ``(linear_cache, Z)``, or
        ``(linear_cache, Z, (D, keep_prob))`` for a hidden layer under dropout, so that the
        backward pass reuses the same mask and scaling.

    Raises
    ------
    ValueError
        If `W1` has not one column per row of `X`, if a layer's parameters do not fit the
        previous layer's, if `parameters` lacks a key or has an extra one, or if `keep_prob`
        is outside $(0, 1]$ or is below 1 with no `rng`.

    Notes
    -----
    For $l = 1, \dots, L$, with $g^{[l]} = \operatorname{relu}$ for $l < L$ and
    $g^{[L]} = \sigma$ (one output unit) or softmax ($C > 1$ units):

    $$Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \qquad A^{[l]} = g^{[l]}(Z^{[l]})$$

    Under dropout each hidden layer's $A^{[l]}$ is then replaced by
    $A^{[l]} \odot D^{[l]} / \text{keep\_prob}$ (see `dlref.dropout.dropout_forward`).

    The arguments are checked once, on entry; the loop then calls the layers' unchecked steps
    (``_linear_activation_forward``), which compute exactly what
    `dlref.layers.linear_activation_forward` computes without checking its arguments again.

    Examples
    --------
    >>> parameters = {"W1": np.array([[1.0], [-1.0]]), "b1": np.zeros((2, 1)),
    ...               "W2": np.array([[1.0, 1.0]]), "b2": np.zeros((1, 1))}
    >>> AL, caches = L_model_forward(np.array([[0.0, 2.0]]), parameters)
    >>> AL.round(4).tolist(), len(caches)
    ([[0.5, 0.8808]], 2)
    """
    X = check_matrix("X", X, ("n_x", "m"), hint="Inputs have one example per column.")
    parameters = check_parameters(parameters)
    check_fits_W1(X.shape[0], parameters["W1"], X.shape)
    keep_prob = check_keep_prob(keep_prob)
    if keep_prob < 1.0:
        rng = check_generator("rng", rng)
    return _L_model_forward(X, parameters, keep_prob, rng)


def _L_model_forward(
    X: NDArray[np.float64], parameters: Parameters, keep_prob: float = 1.0, rng: np.random.Generator | None = None
) -> tuple[NDArray[np.float64], list[Cache]]:
    """`L_model_forward` without the checks: the training loops check their arguments once."""
    L = len(parameters) // 2
    # --8<-- [start:L_model_forward]
    caches = []
    A = X  # A[0]
    for l in range(1, L):  # the hidden layers: LINEAR -> RELU
        W, b = parameters[f"W{l}"], parameters[f"b{l}"]
        A, cache = _linear_activation_forward(A, W, b, relu)
        # --8<-- [end:L_model_forward]
        # --8<-- [start:L_model_forward_dropout]
        if keep_prob < 1.0:  # inverted dropout, its mask kept in the cache
            A, D = dropout_forward(A, keep_prob, rng)
            cache = (*cache, (D, keep_prob))
        # --8<-- [end:L_model_forward_dropout]
        # --8<-- [start:L_model_forward_output]
        caches.append(cache)
    W, b = parameters[f"W{L}"], parameters[f"b{L}"]
    g = sigmoid  # one output unit: LINEAR -> SIGMOID
    # --8<-- [end:L_model_forward_output]
    # --8<-- [start:L_model_forward_softmax]
    if W.shape[0] > 1:  # C > 1 classes: LINEAR -> SOFTMAX
        g = softmax
    # --8<-- [end:L_model_forward_softmax]
    # --8<-- [start:L_model_forward_last]
    AL, cache = _linear_activation_forward(A, W, b, g)
    caches.append(cache)
    # --8<-- [end:L_model_forward_last]
    return AL, caches


def compute_cost(AL: ArrayLike, Y: ArrayLike) -> np.float64:
    r"""Cross-entropy cost of the network's outputs: the mean loss over the $m$ examples.

    Parameters
    ----------
    AL : array_like of shape (1, m) or (C, m)
        Predicted probabilities $\hat y^{(i)} = a^{[L](i)}$, in $[0, 1]$: one sigmoid row, or
        $C > 1$ rows of softmax probabilities.
    Y : array_like of the shape of AL
        Labels in $[0, 1]$ for one row; one-hot columns for $C > 1$ rows, whose cost is then
        `dlref.softmax.cross_entropy_cost`.

    Returns
    -------
    cost : numpy.float64
        A 0-d NumPy float (a `float` with a ``.shape`` of ``()``, as the course's tests expect).
        Finite even where `AL` is exactly 0 or 1: `AL` is clipped to
        $[\varepsilon, 1 - \varepsilon]$ with $\varepsilon = 10^{-15}$ inside the logarithms, so a
        confidently wrong example costs at most $-\log \varepsilon \approx 34.5$.

    Raises
    ------
    ValueError
        If `AL` or `Y` is not a ``(1, m)`` row (a rank-1 array above all), they differ in
        shape, or a value leaves $[0, 1]$.

    Notes
    -----
    $$J = -\frac{1}{m} \sum_{i=1}^{m} \Bigl(y^{(i)} \log a^{[L](i)}
    + \bigl(1 - y^{(i)}\bigr) \log\bigl(1 - a^{[L](i)}\bigr)\Bigr)$$

    Examples
    --------
    >>> round(float(compute_cost([[0.8, 0.9, 0.4]], [[1.0, 1.0, 0.0]])), 4)
    0.2798
    >>> round(float(compute_cost([[0.0]], [[1.0]])), 2)  # log(0) would be -inf
    34.54
    """
    AL = check_matrix("AL", AL, ("n[L]", "m"), hint="AL has one column of output probabilities per example.")
    if AL.shape[0] > 1:  # a softmax output: C classes, one-hot labels
        return np.float64(cross_entropy_cost(AL, Y))
    Y = check_labels("Y", Y, AL.shape[1])
    if not np.all((AL >= 0) & (AL <= 1)):
        raise ValueError(f"AL must hold probabilities in [0, 1]; got values from {AL.min()} to {AL.max()}.")
    # --8<-- [start:compute_cost]
    m = Y.shape[1]
    A = np.clip(AL, EPS, 1.0 - EPS)  # keeps log finite where AL rounds to 0 or 1
    cost = -np.sum(Y * np.log(A) + (1.0 - Y) * np.log(1.0 - A)) / m
    # --8<-- [end:compute_cost]
    return np.float64(cost)


def L_model_backward(
    AL: ArrayLike, Y: ArrayLike, caches: Sequence[tuple], lambd: float = 0.0, compute_dA0: bool = True
) -> dict[str, NDArray[np.float64]]:
    r"""Backward propagation through [LINEAR -> RELU] x (L-1) -> LINEAR -> SIGMOID or SOFTMAX.

    Parameters
    ----------
    AL : array_like of shape (n[L], m)
        Output of `L_model_forward`.
    Y : array_like of the shape of AL
        Labels in $[0, 1]$ for a sigmoid output; one-hot columns for a softmax output.
    caches : list of tuple
        The caches `L_model_forward` returned, one per layer. A hidden layer's cache that
        carries a dropout mask has it applied again here, with the same scaling.
    lambd : float, default 0.0
        L2 regularization strength $\lambda \ge 0$ (Course 2); 0 turns it off.
    compute_dA0 : bool, default True
        Compute ``dA0``, the gradient with respect to the inputs $X$, as the course's
        assignment does. Nothing in training uses it, so the training loops pass False and
        save the largest matrix product of the backward pass.

    Returns
    -------
    grads : dict
        ``dW{l}`` and ``db{l}`` for $l = 1, \dots, L$ (shapes of ``W{l}`` and ``b{l}``), and
        ``dA{l}`` of shape ``(n[l], m)`` for $l = 0, \dots, L-1$, as in the course's assignment
        (without ``dA0`` when `compute_dA0` is False).

    Raises
    ------
    ValueError
        If `AL` and `Y` differ in shape or hold invalid labels, `caches` is empty or
        malformed, `AL` does not have the shape of the last layer's $Z$, or `lambd` < 0.

    Notes
    -----
    A sigmoid output with the binary cross-entropy, and a softmax output with the categorical
    cross-entropy, both give $dZ^{[L]} = A^{[L]} - Y$. Then, for $l = L, \dots, 1$, with
    $dZ^{[l]} = dA^{[l]} \odot g^{[l]\prime}(Z^{[l]})$ for $l < L$:

    $$dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T} + \frac{\lambda}{m} W^{[l]}, \qquad
    db^{[l]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[l](i)}, \qquad dA^{[l-1]} = W^{[l]T} dZ^{[l]}$$

    The L2 term $\frac{\lambda}{m} W^{[l]}$ is the derivative of the penalty
    $\frac{\lambda}{2m} \sum_l \lVert W^{[l]} \rVert_F^2$; biases are not regularized. Under
    dropout, $dA^{[l]}$ is multiplied by the forward pass's mask and divided by ``keep_prob``
    before it enters layer $l$'s backward step.

    The arguments and every cache are checked once, on entry; the loop then calls the layers'
    unchecked steps (``_linear_backward``, ``_linear_activation_backward``), which compute
    exactly what `dlref.layers.linear_backward` and `dlref.layers.linear_activation_backward`
    compute.

    The course's assignment computes $dA^{[L]} = -\bigl(Y / A^{[L]} - (1 - Y)/(1 - A^{[L]})\bigr)$
    and passes it through the sigmoid's backward step. That is the same $A^{[L]} - Y$ in exact
    arithmetic, but it divides by zero where $A^{[L]}$ rounds to 0 or 1.

    Examples
    --------
    >>> parameters = {"W1": np.array([[1.0]]), "b1": np.zeros((1, 1)),
    ...               "W2": np.array([[2.0]]), "b2": np.zeros((1, 1))}
    >>> AL, caches = L_model_forward(np.array([[1.0, -1.0]]), parameters)
    >>> grads = L_model_backward(AL, np.array([[1.0, 0.0]]), caches)
    >>> sorted(grads), round(float(grads["dW2"][0, 0]), 4)
    (['dA0', 'dA1', 'dW1', 'dW2', 'db1', 'db2'], -0.0596)
    """
    AL = check_matrix("AL", AL, ("n[L]", "m"), hint="AL has one column of output probabilities per example.")
    Y = check_labels("Y", Y, AL.shape[1]) if AL.shape[0] == 1 else _check_one_hot(Y, AL)
    if isinstance(caches, (str, bytes)) or not isinstance(caches, Sequence) or len(caches) == 0:
        raise ValueError("caches must be the non-empty list of per-layer caches that L_model_forward returns.")
    lambd = check_nonnegative("lambd", lambd)
    caches = [_check_layer_cache(cache, l, len(caches)) for l, cache in enumerate(caches, start=1)]
    check_same_shape("AL", AL, "the last layer's Z", caches[-1][1])
    return _L_model_backward(AL, Y, caches, lambd, bool(compute_dA0))


def _L_model_backward(
    AL: NDArray[np.float64],
    Y: NDArray[np.float64],
    caches: Sequence[Cache],
    lambd: float = 0.0,
    compute_dA0: bool = True,
) -> dict[str, NDArray[np.float64]]:
    """`L_model_backward` without the checks: the training loops check their arguments once."""
    L, m = len(caches), AL.shape[1]
    # --8<-- [start:L_model_backward]
    grads = {}
    dZ = AL - Y  # sigmoid output and cross-entropy: dZ[L] = A[L] - Y
    dA_prev, dW, db = _linear_backward(dZ, caches[L - 1][0], L > 1 or compute_dA0)
    grads[f"dA{L - 1}"], grads[f"dW{L}"], grads[f"db{L}"] = dA_prev, dW, db
    for l in range(L - 1, 0, -1):  # the ReLU layers L-1, ..., 1
        dA = grads[f"dA{l}"]
        # --8<-- [end:L_model_backward]
        # --8<-- [start:L_model_backward_dropout]
        if len(caches[l - 1]) == 3:  # dropout: the same mask, the same scaling
            D, keep_prob = caches[l - 1][2]
            dA = dropout_backward(dA, D, keep_prob)
        # --8<-- [end:L_model_backward_dropout]
        # --8<-- [start:L_model_backward_relu]
        dA_prev, dW, db = _linear_activation_backward(dA, caches[l - 1][:2], relu_backward, l > 1 or compute_dA0)
        grads[f"dA{l - 1}"], grads[f"dW{l}"], grads[f"db{l}"] = dA_prev, dW, db
    if not compute_dA0:  # dA0, the gradient with respect to X, was not computed
        del grads["dA0"]
    # --8<-- [end:L_model_backward_relu]
    if lambd > 0:
        for l in range(1, L + 1):
            W = caches[l - 1][0][1]
            # --8<-- [start:l2_backward]
            grads[f"dW{l}"] = grads[f"dW{l}"] + (lambd / m) * W  # d/dW of (lambd / 2m) ||W||_F^2
            # --8<-- [end:l2_backward]
    return grads


def _check_layer_cache(cache: object, l: int, L: int) -> tuple:
    """Check layer l's cache: ``(linear_cache, Z)``, plus ``(D, keep_prob)`` for a hidden layer under dropout."""
    if l < L and isinstance(cache, tuple) and len(cache) == 3:
        if not isinstance(cache[2], tuple) or len(cache[2]) != 2:
            raise ValueError(f"caches[{l - 1}][2] must be the pair (D, keep_prob) that dropout_forward's mask gives.")
        linear_cache, Z = _check_cache(cache[:2])
        D = np.asarray(cache[2][0])
        if D.shape != Z.shape:
            raise ValueError(f"caches[{l - 1}] holds a dropout mask D of shape {D.shape}; expected the shape of Z, {Z.shape}.")
        return linear_cache, Z, (D, check_keep_prob(cache[2][1]))
    return _check_cache(cache)


def update_parameters(
    parameters: dict[str, NDArray[np.float64]], grads: dict[str, ArrayLike], learning_rate: float
) -> dict[str, NDArray[np.float64]]:
    r"""One step of gradient descent on every layer's parameters.

    Parameters
    ----------
    parameters : dict
        ``W1, b1, ..., WL, bL`` (not modified).
    grads : dict
        At least ``dW1, db1, ..., dWL, dbL``, each of the shape of its parameter; other keys
        (such as ``dA{l}``) are ignored.
    learning_rate : float
        Step size $\alpha > 0$.

    Returns
    -------
    parameters : dict
        New arrays $W^{[l]} - \alpha\, dW^{[l]}$ and $b^{[l]} - \alpha\, db^{[l]}$.

    Raises
    ------
    ValueError
        If `parameters` is not a dict ``W1, b1, ..., WL, bL`` of matrices, a gradient is
        missing or has the wrong shape, or `learning_rate` is not a positive number. The layers
        need not chain: each parameter is updated on its own.

    Notes
    -----
    $$W^{[l]} := W^{[l]} - \alpha\, dW^{[l]}, \qquad b^{[l]} := b^{[l]} - \alpha\, db^{[l]}$$

    Examples
    --------
    >>> parameters = {"W1": np.ones((1, 2)), "b1": np.zeros((1, 1))}
    >>> grads = {"dW1": np.array([[1.0, -1.0]]), "db1": np.array([[2.0]])}
    >>> new = update_parameters(parameters, grads, 0.5)
    >>> new["W1"].tolist(), new["b1"].tolist()
    ([[0.5, 1.5]], [[-1.0]])
    """
    parameters, grads, _ = _check_step(parameters, grads)
    learning_rate = check_positive("learning_rate", learning_rate)
    return _update_parameters(parameters, grads, learning_rate)


def _update_parameters(parameters: Parameters, grads: Parameters, learning_rate: float) -> Parameters:
    """`update_parameters` without the checks.

    The new parameters are views into one new buffer, written with ``out=``: one allocation of
    the same size every step, which glibc's allocator reuses instead of handing the freed blocks
    back to the system and faulting them in again (see `dlref.optimizers`).
    """
    new_parameters, _ = _new_arrays(parameters, 1, scratch=False)
    # --8<-- [start:update_parameters]
    for key, value in parameters.items():  # key: "W1", "b1", ..., "bL"
        new = new_parameters[key]  # a new array, not yet written
        np.multiply(learning_rate, grads[f"d{key}"], out=new)  # alpha dW
        np.subtract(value, new, out=new)  # W - alpha dW
    # --8<-- [end:update_parameters]
    return new_parameters


def L_layer_model(
    X: ArrayLike,
    Y: ArrayLike,
    layers_dims: Sequence[int],
    learning_rate: float = 0.0075,
    num_iterations: int = 3000,
    print_cost: bool = False,
    rng: np.random.Generator | None = None,
) -> tuple[dict[str, NDArray[np.float64]], list[float]]:
    r"""Train an L-layer network by batch gradient descent.

    Parameters
    ----------
    X : array_like of shape (n_x, m)
    Y : array_like of shape (n[L], m)
        Labels 0 or 1 in one row for a sigmoid output; one-hot columns for $C > 1$ classes.
    layers_dims : sequence of int
        $[n_x, n^{[1]}, \dots, n^{[L-1]}, n^{[L]}]$: the first entry is the number of rows of
        `X`; the last is 1 (one sigmoid output) or the number of classes $C$ (softmax).
    learning_rate : float, default 0.0075
        Step size $\alpha > 0$.
    num_iterations : int, default 3000
        Number of gradient steps, at least 0.
    print_cost : bool, default False
        Print the cost every 100 iterations.
    rng : numpy.random.Generator, optional
        Source of the initial weights. The default, None, uses ``np.random.default_rng(0)``, so
        a call gives the same result every time.

    Returns
    -------
    parameters : dict
        The trained ``W1, b1, ..., WL, bL``.
    costs : list of float
        The cost before iterations 0, 100, 200, ...

    Raises
    ------
    ValueError
        If `layers_dims` does not start with the number of rows of `X`, `Y` does not have
        ``layers_dims[-1]`` rows and one column per example, or a hyperparameter is out of
        range.

    Notes
    -----
    Each iteration: `L_model_forward`, `compute_cost`, `L_model_backward`,
    then `update_parameters`, starting from `initialize_parameters_deep`. The arguments are
    checked once, here; the loop runs the same steps without their checks and without
    ``dA0``, which no update uses.

    Examples
    --------
    >>> X, Y = np.array([[-2.0, -1.0, 1.0, 2.0]]), np.array([[0.0, 0.0, 1.0, 1.0]])
    >>> parameters, costs = L_layer_model(X, Y, [1, 3, 1], 0.5, num_iterations=201)
    >>> len(costs), costs[-1] < costs[0], predict(parameters, X).tolist()
    (3, True, [[0.0, 0.0, 1.0, 1.0]])
    """
    X = check_matrix("X", X, ("n_x", "m"), hint="Inputs have one example per column.")
    layers_dims = check_layer_dims(layers_dims, "layers_dims")
    Y = check_matrix("Y", Y, (layers_dims[-1], X.shape[1]),
                     hint="Y has one row per output unit (1 for 0/1 labels, C for one-hot) and one column per example.")
    if layers_dims[0] != X.shape[0]:
        raise ValueError(
            f"layers_dims must start with the number of rows of X ({X.shape[0]}, X has shape {X.shape}); "
            f"got {list(layers_dims)}."
        )
    learning_rate = check_positive("learning_rate", learning_rate)
    num_iterations = check_count("num_iterations", num_iterations)
    rng = np.random.default_rng(0) if rng is None else check_generator("rng", rng)
    parameters = initialize_parameters_deep(layers_dims, rng)
    costs: list[float] = []
    if layers_dims[-1] == 1:
        Y = check_labels("Y", Y, X.shape[1])
    else:
        _check_one_hot(Y, Y)
    for i in range(num_iterations):  # the checked public steps, unchecked: checked once above
        AL, caches = _L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = _L_model_backward(AL, Y, caches, compute_dA0=False)
        parameters = _update_parameters(parameters, grads, learning_rate)
        if i % 100 == 0:
            costs.append(float(cost))
            if print_cost:
                print(f"Cost after iteration {i}: {cost:.6f}")
    return parameters, costs


def predict(parameters: dict[str, NDArray[np.float64]], X: ArrayLike) -> NDArray[np.float64]:
    r"""Predict labels 0 or 1 with a trained L-layer network.

    Parameters
    ----------
    parameters : dict
        ``W1, b1, ..., WL, bL``.
    X : array_like of shape (n_x, m)

    Returns
    -------
    predictions : ndarray of shape (1, m)
        For one sigmoid output, 1.0 where $\hat y > 0.5$, else 0.0; for a softmax output, the
        index of the likeliest class (as a float, like the labels of `convert_to_one_hot`).

    Raises
    ------
    ValueError
        As `L_model_forward`; or if a parameter or an input is NaN or infinite, as after
        training that diverged (a NaN output would otherwise be predicted as label 0).

    Notes
    -----
    $\hat y = \sigma(z^{[L]}) > 0.5$ exactly when $z^{[L]} > 0$, so the last layer's $Z$ is
    compared with zero and no rounding of $\sigma$ can flip a prediction.

    Examples
    --------
    >>> parameters = {"W1": np.array([[1.0]]), "b1": np.array([[-0.5]])}
    >>> predict(parameters, np.array([[0.0, 0.4, 0.6, 2.0]])).tolist()
    [[0.0, 0.0, 1.0, 1.0]]
    """
    X = check_matrix("X", X, ("n_x", "m"), hint="Inputs have one example per column.")
    parameters = check_parameters(parameters)
    check_fits_W1(X.shape[0], parameters["W1"], X.shape)
    for name, value in [("X", X), *parameters.items()]:
        if not np.all(np.isfinite(value)):
            raise ValueError(
                f"{name} holds NaN or infinite values: training diverged (try a smaller learning rate), "
                "or the inputs are corrupt; a prediction from it would be meaningless."
            )
    _, caches = _L_model_forward(X, parameters)
    # --8<-- [start:predict]
    ZL = caches[-1][1]  # the last layer's cache is ((A_prev, W, b), Z)
    if ZL.shape[0] == 1:
        predictions = (ZL > 0).astype(np.float64)  # sigma(z) > 0.5  <=>  z > 0
    else:
        predictions = np.argmax(ZL, axis=0).reshape(1, -1).astype(np.float64)  # the likeliest class
    # --8<-- [end:predict]
    return predictions
