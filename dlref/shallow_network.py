r"""A network with one hidden layer: tanh hidden units, one sigmoid output unit.

Shapes follow the course: ``X`` is ``(n_x, m)``, ``W1`` is ``(n_h, n_x)``, ``b1`` is ``(n_h, 1)``,
``W2`` is ``(n_y, n_h)``, ``b2`` is ``(n_y, 1)``, and the labels ``Y`` are ``(1, m)`` (so
$n_y = 1$). The cost and the update step are those of `dlref.deep_network`, which this
network is the $L = 2$ case of.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref import deep_network
from dlref._validation import (
    check_count,
    check_finite,
    check_fits_W1,
    check_generator,
    check_labels,
    check_matrix,
    check_parameters,
    check_parameters_finite,
    check_positive,
)
from dlref.activations import sigmoid, tanh

__all__ = [
    "backward_propagation",
    "compute_cost",
    "forward_propagation",
    "initialize_parameters",
    "layer_sizes",
    "nn_model",
    "predict",
    "update_parameters",
]


def layer_sizes(X: ArrayLike, Y: ArrayLike, n_h: int = 4) -> tuple[int, int, int]:
    r"""The sizes of the three layers: input, hidden and output.

    Parameters
    ----------
    X : array_like of shape (n_x, m)
        Inputs, one example per column.
    Y : array_like of shape (n_y, m)
        Labels, one column per example.
    n_h : int, default 4
        Number of hidden units, at least 1.

    Returns
    -------
    n_x : int
        Number of input features, the rows of `X` ($n^{[0]}$).
    n_h : int
        Number of hidden units ($n^{[1]}$).
    n_y : int
        Number of output units, the rows of `Y` ($n^{[2]}$).

    Raises
    ------
    ValueError
        If `X` or `Y` is not 2-D (a rank-1 array above all), they differ in their number of
        columns, or `n_h` is not a positive integer.

    Examples
    --------
    >>> layer_sizes(np.zeros((5, 3)), np.zeros((1, 3)))
    (5, 4, 1)
    """
    X = check_matrix("X", X, ("n_x", "m"), hint="Inputs have one example per column.")
    Y = check_matrix("Y", Y, ("n_y", X.shape[1]), hint=f"Y needs one column per column of X (X has shape {X.shape}).")
    n_h = check_count("n_h", n_h, minimum=1)
    return X.shape[0], n_h, Y.shape[0]


def initialize_parameters(n_x: int, n_h: int, n_y: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    r"""Small random weights and zero biases for the one-hidden-layer network.

    Parameters
    ----------
    n_x : int
        Number of input features $n^{[0]}$, at least 1.
    n_h : int
        Number of hidden units $n^{[1]}$, at least 1.
    n_y : int
        Number of output units $n^{[2]}$, at least 1.
    rng : numpy.random.Generator
        Source of the random weights.

    Returns
    -------
    parameters : dict
        ``W1`` of shape ``(n_h, n_x)``, ``b1`` of shape ``(n_h, 1)``, ``W2`` of shape
        ``(n_y, n_h)``, ``b2`` of shape ``(n_y, 1)``.

    Raises
    ------
    ValueError
        If a size is not a positive integer or `rng` is not a Generator.

    Notes
    -----
    $$W^{[l]} = 0.01 \cdot \mathcal{N}(0, 1), \qquad b^{[l]} = 0$$

    The weights must be random: if all hidden units start equal they get equal gradients and
    stay equal forever. They are small so that tanh starts in its steep middle part. (For deep
    ReLU networks, 0.01 is too small; see `dlref.deep_network.initialize_parameters_deep`.)

    Examples
    --------
    >>> parameters = initialize_parameters(2, 4, 1, np.random.default_rng(0))
    >>> {key: value.shape for key, value in parameters.items()}
    {'W1': (4, 2), 'b1': (4, 1), 'W2': (1, 4), 'b2': (1, 1)}
    """
    n_x, n_h, n_y = (check_count(name, n, minimum=1) for name, n in [("n_x", n_x), ("n_h", n_h), ("n_y", n_y)])
    rng = check_generator("rng", rng)
    # --8<-- [start:initialize_parameters]
    W1 = rng.standard_normal((n_h, n_x)) * 0.01  # (n[1], n[0])
    b1 = np.zeros((n_h, 1))
    W2 = rng.standard_normal((n_y, n_h)) * 0.01  # (n[2], n[1])
    b2 = np.zeros((n_y, 1))
    # --8<-- [end:initialize_parameters]
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def forward_propagation(X: ArrayLike, parameters: dict[str, np.ndarray]) -> tuple[NDArray[np.float64], dict]:
    r"""Forward propagation: tanh hidden layer, sigmoid output, vectorized over the examples.

    Parameters
    ----------
    X : array_like of shape (n_x, m)
    parameters : dict
        ``W1, b1, W2, b2`` as from `initialize_parameters`.

    Returns
    -------
    A2 : ndarray of shape (n_y, m)
        The output $A^{[2]} = \hat Y$.
    cache : dict
        ``{"Z1", "A1", "Z2", "A2"}``, kept for `backward_propagation`.

    Raises
    ------
    ValueError
        If `W1` has not one column per row of `X`, `W2` not one column per row of `W1`, a bias
        is not a column of the right length, or `parameters` has other keys than the four.

    Notes
    -----
    $$Z^{[1]} = W^{[1]} X + b^{[1]}, \qquad A^{[1]} = \tanh(Z^{[1]})$$

    $$Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}, \qquad A^{[2]} = \sigma(Z^{[2]})$$

    Examples
    --------
    >>> parameters = {"W1": np.array([[1.0], [-1.0]]), "b1": np.zeros((2, 1)),
    ...               "W2": np.array([[1.0, 1.0]]), "b2": np.zeros((1, 1))}
    >>> A2, cache = forward_propagation(np.array([[0.0, 2.0]]), parameters)
    >>> A2.tolist(), cache["A1"][:, 1].round(4).tolist()
    ([[0.5, 0.5]], [0.964, -0.964])
    """
    X = check_matrix("X", X, ("n_x", "m"), hint="Inputs have one example per column.")
    p = check_parameters(parameters, layers=2)
    check_fits_W1(X.shape[0], p["W1"], X.shape)
    W1, b1, W2, b2 = p["W1"], p["b1"], p["W2"], p["b2"]
    # --8<-- [start:forward_propagation]
    Z1 = W1 @ X + b1  # (n_h, m)
    A1 = tanh(Z1)
    Z2 = W2 @ A1 + b2  # (n_y, m)
    A2 = sigmoid(Z2)
    # --8<-- [end:forward_propagation]
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2: ArrayLike, Y: ArrayLike) -> np.float64:
    r"""Cross-entropy cost of the network's outputs, averaged over the $m$ examples.

    The same function as `dlref.deep_network.compute_cost`, named as in the course's
    one-hidden-layer assignment.

    Parameters
    ----------
    A2 : array_like of shape (1, m)
        Output probabilities.
    Y : array_like of shape (1, m)
        Labels in $[0, 1]$.

    Returns
    -------
    cost : numpy.float64
        A float with an empty ``.shape``, finite even where `A2` is exactly 0 or 1 (it is
        clipped to $[10^{-15}, 1 - 10^{-15}]$).

    Raises
    ------
    ValueError
        If `A2` or `Y` is not a ``(1, m)`` row or a value leaves $[0, 1]$.

    Notes
    -----
    $$J\bigl(W^{[1]}, b^{[1]}, W^{[2]}, b^{[2]}\bigr) = \frac{1}{m} \sum_{i=1}^{m}
    \mathcal{L}\bigl(a^{[2](i)}, y^{(i)}\bigr)$$

    Examples
    --------
    >>> round(float(compute_cost([[0.5, 0.5]], [[1.0, 0.0]])), 6)
    0.693147
    """
    A2 = check_matrix("A2", A2, (1, "m"), hint="A2 is one row with one probability per example.")
    check_labels("Y", Y, A2.shape[1])
    if not np.all((A2 >= 0) & (A2 <= 1)):
        raise ValueError(f"A2 must hold probabilities in [0, 1]; got values from {A2.min()} to {A2.max()}.")
    return np.float64(deep_network.compute_cost(A2, Y))


def backward_propagation(
    parameters: dict[str, np.ndarray], cache: dict, X: ArrayLike, Y: ArrayLike
) -> dict[str, NDArray[np.float64]]:
    r"""Gradients of the cost with respect to ``W1, b1, W2, b2``.

    Parameters
    ----------
    parameters : dict
        ``W1, b1, W2, b2``; `W2` has one row (one output unit).
    cache : dict
        ``{"Z1", "A1", "Z2", "A2"}`` from `forward_propagation`.
    X : array_like of shape (n_x, m)
    Y : array_like of shape (1, m)
        Labels in $[0, 1]$.

    Returns
    -------
    grads : dict
        ``dW1, db1, dW2, db2``, each of the shape of its parameter.

    Raises
    ------
    ValueError
        If the shapes of `parameters`, `cache`, `X` and `Y` do not fit together.

    Notes
    -----
    $$dZ^{[2]} = A^{[2]} - Y, \qquad dW^{[2]} = \frac{1}{m} dZ^{[2]} A^{[1]T}, \qquad
    db^{[2]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[2](i)}$$

    $$dZ^{[1]} = W^{[2]T} dZ^{[2]} \odot g^{[1]\prime}(Z^{[1]}), \qquad
    dW^{[1]} = \frac{1}{m} dZ^{[1]} X^T, \qquad db^{[1]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[1](i)}$$

    with $g^{[1]\prime}(Z^{[1]}) = 1 - (A^{[1]})^2$ for tanh: the slope is read from the cached
    activations ``A1``, as in the course, so ``Z1`` is not needed.

    Examples
    --------
    >>> parameters = {"W1": np.ones((1, 1)), "b1": np.zeros((1, 1)),
    ...               "W2": np.ones((1, 1)), "b2": np.zeros((1, 1))}
    >>> X, Y = np.array([[0.0]]), np.array([[1.0]])
    >>> _, cache = forward_propagation(X, parameters)
    >>> grads = backward_propagation(parameters, cache, X, Y)
    >>> {key: value.shape for key, value in grads.items()}
    {'dW1': (1, 1), 'db1': (1, 1), 'dW2': (1, 1), 'db2': (1, 1)}
    >>> grads["db2"].tolist(), grads["db1"].tolist()  # a2 - y; times w2 (1 - a1^2) = 1
    ([[-0.5]], [[-0.5]])
    """
    X = check_matrix("X", X, ("n_x", "m"), hint="Inputs have one example per column.")
    p = check_parameters(parameters, layers=2)
    check_fits_W1(X.shape[0], p["W1"], X.shape)
    W2 = check_matrix("W2", p["W2"], (1, None), hint="Y has one row, so the network has one output unit.")
    Y = check_labels("Y", Y, X.shape[1])
    if not isinstance(cache, dict) or not {"A1", "A2"} <= set(cache):
        got = f"a dict missing {sorted({'A1', 'A2'} - set(cache))}" if isinstance(cache, dict) else type(cache).__name__
        raise ValueError(
            f"cache must be the dict {{'Z1', 'A1', 'Z2', 'A2'}} that forward_propagation returns "
            f"(backward_propagation reads A1 and A2); got {got}."
        )
    n_h, m = p["W1"].shape[0], X.shape[1]
    A1 = check_matrix("A1", cache["A1"], (n_h, m), hint="It has one row per hidden unit.")
    A2 = check_matrix("A2", cache["A2"], (1, m))
    # --8<-- [start:backward_propagation]
    dZ2 = A2 - Y  # (1, m)
    dW2 = dZ2 @ A1.T / m  # (1, n_h)
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m  # (1, 1)
    dZ1 = (W2.T @ dZ2) * (1.0 - A1**2)  # tanh'(Z1) = 1 - A1^2, from the cache: (n_h, m)
    dW1 = dZ1 @ X.T / m  # (n_h, n_x)
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m  # (n_h, 1)
    # --8<-- [end:backward_propagation]
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(parameters: dict[str, np.ndarray], grads: dict, learning_rate: float = 1.2) -> dict[str, np.ndarray]:
    r"""One step of gradient descent on ``W1, b1, W2, b2``.

    The general step of `dlref.deep_network.update_parameters`, restricted to two layers.

    Parameters
    ----------
    parameters : dict
        ``W1, b1, W2, b2`` (not modified).
    grads : dict
        ``dW1, db1, dW2, db2``, each of the shape of its parameter.
    learning_rate : float, default 1.2
        Step size $\alpha > 0$.

    Returns
    -------
    parameters : dict
        New arrays, $\theta - \alpha\, d\theta$ for each parameter $\theta$.

    Raises
    ------
    ValueError
        If `parameters` is not a two-layer network, a gradient is missing or misshapen, or
        `learning_rate` is not a positive number.

    Notes
    -----
    $$W^{[l]} := W^{[l]} - \alpha\, dW^{[l]}, \qquad b^{[l]} := b^{[l]} - \alpha\, db^{[l]}, \qquad l = 1, 2$$

    Examples
    --------
    >>> parameters = {"W1": np.ones((1, 1)), "b1": np.zeros((1, 1)),
    ...               "W2": np.ones((1, 1)), "b2": np.zeros((1, 1))}
    >>> grads = {"dW1": np.ones((1, 1)), "db1": np.ones((1, 1)),
    ...          "dW2": np.zeros((1, 1)), "db2": np.ones((1, 1))}
    >>> new = update_parameters(parameters, grads, 0.5)
    >>> {key: value.tolist() for key, value in new.items()}
    {'W1': [[0.5]], 'b1': [[-0.5]], 'W2': [[1.0]], 'b2': [[-0.5]]}
    """
    check_parameters(parameters, layers=2)
    return deep_network.update_parameters(parameters, grads, learning_rate)


def nn_model(
    X: ArrayLike,
    Y: ArrayLike,
    n_h: int,
    num_iterations: int = 10000,
    learning_rate: float = 1.2,
    print_cost: bool = False,
    rng: np.random.Generator | None = None,
) -> tuple[dict[str, np.ndarray], list[float]]:
    r"""Train the one-hidden-layer network by batch gradient descent.

    Parameters
    ----------
    X : array_like of shape (n_x, m)
    Y : array_like of shape (1, m)
        Labels 0 or 1.
    n_h : int
        Number of hidden units, at least 1.
    num_iterations : int, default 10000
        Number of gradient steps, at least 0.
    learning_rate : float, default 1.2
        Step size $\alpha > 0$.
    print_cost : bool, default False
        Print the cost every 1000 iterations.
    rng : numpy.random.Generator, optional
        Source of the initial weights. The default, None, uses ``np.random.default_rng(0)``, so
        a call gives the same result every time.

    Returns
    -------
    parameters : dict
        The trained ``W1, b1, W2, b2``.
    costs : list of float
        The cost before iterations 0, 100, 200, ...

    Raises
    ------
    ValueError
        If `Y` is not a ``(1, m)`` row of labels for the columns of `X`, or a hyperparameter is
        out of range.

    Notes
    -----
    Each iteration: `forward_propagation`, `compute_cost`,
    `backward_propagation`, then `update_parameters`, starting from
    `initialize_parameters`.

    Examples
    --------
    >>> X, Y = np.array([[-2.0, -1.0, 1.0, 2.0]]), np.array([[0.0, 0.0, 1.0, 1.0]])
    >>> parameters, costs = nn_model(X, Y, n_h=2, num_iterations=301)
    >>> len(costs), bool(costs[-1] < 0.1 < costs[0]), predict(parameters, X).tolist()
    (4, True, [[0.0, 0.0, 1.0, 1.0]])
    """
    n_x, n_h, _ = layer_sizes(X, Y, n_h)
    X = np.asarray(X, dtype=np.float64)
    Y = check_labels("Y", Y, X.shape[1])
    num_iterations = check_count("num_iterations", num_iterations)
    learning_rate = check_positive("learning_rate", learning_rate)
    rng = np.random.default_rng(0) if rng is None else check_generator("rng", rng)
    parameters = initialize_parameters(n_x, n_h, 1, rng)
    costs: list[float] = []
    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads, learning_rate)
        if i % 100 == 0:
            costs.append(float(cost))
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:.6f}")
    return parameters, costs


def predict(parameters: dict[str, np.ndarray], X: ArrayLike) -> NDArray[np.float64]:
    r"""Predict labels 0 or 1 with the trained one-hidden-layer network.

    Parameters
    ----------
    parameters : dict
        ``W1, b1, W2, b2``.
    X : array_like of shape (n_x, m)

    Returns
    -------
    predictions : ndarray of shape (n_y, m)
        1.0 where $a^{[2]} > 0.5$, else 0.0.

    Raises
    ------
    ValueError
        As `forward_propagation`; or if `X` or a parameter holds NaN or infinity (in a
        parameter a sign that training diverged: no label is made up for it).

    Notes
    -----
    $a^{[2]} = \sigma(z^{[2]}) > 0.5$ exactly when $z^{[2]} > 0$, so $Z^{[2]}$ is compared with
    zero and no rounding of $\sigma$ can flip a prediction.

    Examples
    --------
    >>> parameters = {"W1": np.ones((1, 1)), "b1": np.zeros((1, 1)),
    ...               "W2": np.ones((1, 1)), "b2": np.zeros((1, 1))}
    >>> predict(parameters, np.array([[-1.0, 0.0, 1.0]])).tolist()
    [[0.0, 0.0, 1.0]]
    """
    _, cache = forward_propagation(X, parameters)
    check_finite("X", check_matrix("X", X))
    check_parameters_finite(check_parameters(parameters))
    # --8<-- [start:predict]
    predictions = (cache["Z2"] > 0).astype(np.float64)  # a2 > 0.5  <=>  z2 > 0
    # --8<-- [end:predict]
    return predictions
