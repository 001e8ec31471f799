r"""Logistic regression as a one-neuron network, vectorized over examples.

Shapes follow the course: ``X`` is ``(n_x, m)`` with one example per column, ``Y`` is
``(1, m)``, the weights ``w`` are a column ``(n_x, 1)`` and the bias ``b`` is a Python float.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import (
    check_count,
    check_finite,
    check_labels,
    check_matrix,
    check_positive,
    check_scalar,
)
from dlref.activations import sigmoid

__all__ = [
    "initialize_with_zeros",
    "logistic_cost",
    "logistic_loss",
    "optimize",
    "predict",
    "propagate",
    "propagate_loop",
]


def initialize_with_zeros(dim: int) -> tuple[NDArray[np.float64], float]:
    r"""Zero weights and bias for logistic regression.

    Zeros are fine here: with a single neuron there is no symmetry between hidden units to break.

    Parameters
    ----------
    dim : int
        Number of input features $n_x$, at least 1.

    Returns
    -------
    w : ndarray of shape (dim, 1)
    b : float

    Raises
    ------
    ValueError
        If `dim` is not a positive integer.

    Examples
    --------
    >>> w, b = initialize_with_zeros(2)
    >>> w.tolist(), b
    ([[0.0], [0.0]], 0.0)
    """
    dim = check_count("dim", dim, minimum=1)
    return np.zeros((dim, 1)), 0.0


def logistic_loss(Z: ArrayLike, Y: ArrayLike) -> NDArray[np.float64]:
    r"""Cross-entropy loss of each example, computed from the logits $z$.

    Parameters
    ----------
    Z : array_like of shape (1, m)
        Logits $z^{(i)} = w^T x^{(i)} + b$.
    Y : array_like of shape (1, m)
        Labels in $[0, 1]$ (usually 0 or 1).

    Returns
    -------
    L : ndarray of shape (1, m)
        Loss of each example, finite for any finite $z$.

    Raises
    ------
    ValueError
        If `Z` is not a ``(1, m)`` row, or `Y` does not match it or leaves $[0, 1]$.

    Notes
    -----
    With $\hat y = \sigma(z)$,

    $$\mathcal{L}(\hat y, y) = -\bigl(y \log \hat y + (1 - y) \log(1 - \hat y)\bigr)
    = y \log(1 + e^{-z}) + (1 - y) \log(1 + e^{z}).$$

    The right-hand form never takes the logarithm of a rounded $\hat y$, so it stays exact
    when the sigmoid saturates ($\hat y$ rounds to 0 or 1).

    Examples
    --------
    >>> logistic_loss([[0.0, -1000.0]], [[1.0, 1.0]]).round(4).tolist()
    [[0.6931, 1000.0]]
    """
    Z = check_matrix("Z", Z, (1, None))
    Y = check_labels("Y", Y, Z.shape[1])
    # --8<-- [start:logistic_loss]
    # log(1 + e^x) is np.logaddexp(0, x), which never overflows
    L = Y * np.logaddexp(0.0, -Z) + (1.0 - Y) * np.logaddexp(0.0, Z)
    # --8<-- [end:logistic_loss]
    return L


def logistic_cost(Z: ArrayLike, Y: ArrayLike) -> np.float64:
    r"""Cost $J$: the mean cross-entropy loss over the $m$ examples.

    Parameters
    ----------
    Z : array_like of shape (1, m)
        Logits.
    Y : array_like of shape (1, m)
        Labels in $[0, 1]$.

    Returns
    -------
    cost : numpy.float64
        A Python float (``numpy.float64`` subclasses it) with an empty ``.shape``, as the
        course's tests expect.

    Raises
    ------
    ValueError
        As `logistic_loss`.

    Notes
    -----
    $$J(w, b) = \frac{1}{m} \sum_{i=1}^{m} \mathcal{L}\bigl(\hat y^{(i)}, y^{(i)}\bigr)$$

    Examples
    --------
    >>> round(float(logistic_cost([[0.0, 0.0]], [[0.0, 1.0]])), 6)
    0.693147
    """
    # --8<-- [start:logistic_cost]
    cost = np.mean(logistic_loss(Z, Y))  # a NumPy float64
    # --8<-- [end:logistic_cost]
    return cost


def propagate(w: ArrayLike, b: float, X: ArrayLike, Y: ArrayLike) -> tuple[dict[str, object], np.float64]:
    r"""Cost and its gradient for logistic regression, vectorized over the examples.

    Parameters
    ----------
    w : array_like of shape (n_x, 1)
        Weights, a column.
    b : float
        Bias.
    X : array_like of shape (n_x, m)
        Inputs, one example per column.
    Y : array_like of shape (1, m)
        Labels in $[0, 1]$.

    Returns
    -------
    grads : dict
        ``{"dw": ndarray of shape (n_x, 1), "db": numpy.float64}``.
    cost : numpy.float64

    Raises
    ------
    ValueError
        If a shape is wrong (a rank-1 `w` or `Y` above all) or `b` is not a scalar.

    See Also
    --------
    propagate_loop : The same computation with explicit loops.

    Notes
    -----
    $$Z = w^T X + b, \quad A = \sigma(Z), \quad dZ = A - Y,$$

    $$dw = \frac{1}{m} X\, dZ^T, \qquad db = \frac{1}{m} \sum_{i=1}^{m} dz^{(i)}.$$

    Examples
    --------
    >>> grads, cost = propagate([[1.0], [2.0]], 0.0, [[1.0, -1.0], [0.0, 1.0]], [[1.0, 0.0]])
    >>> grads["dw"].round(4).tolist(), round(float(grads["db"]), 4), round(float(cost), 4)
    ([[-0.5], [0.3655]], 0.2311, 0.8133)
    """
    w, b, X, Y = _check_problem(w, b, X, Y)
    # --8<-- [start:propagate]
    m = X.shape[1]
    Z = w.T @ X + b  # (1, m)
    A = sigmoid(Z)
    cost = logistic_cost(Z, Y)
    dZ = A - Y  # (1, m)
    dw = (X @ dZ.T) / m  # (n_x, 1)
    db = np.sum(dZ) / m  # a NumPy float64
    # --8<-- [end:propagate]
    return {"dw": dw, "db": db}, cost


def propagate_loop(
    w: ArrayLike, b: float, X: ArrayLike, Y: ArrayLike
) -> tuple[dict[str, object], np.float64]:
    r"""The computation of `propagate`, one example and one feature at a time.

    This is the loop the notes write before vectorizing. It returns the same values as
    `propagate` and is many times slower; it exists to be compared with it.

    Parameters
    ----------
    w : array_like of shape (n_x, 1)
    b : float
    X : array_like of shape (n_x, m)
    Y : array_like of shape (1, m)

    Returns
    -------
    grads : dict
        ``{"dw": ndarray of shape (n_x, 1), "db": numpy.float64}``.
    cost : numpy.float64

    Raises
    ------
    ValueError
        As `propagate`.

    Notes
    -----
    For $i = 1, \dots, m$:
    $z^{(i)} = w^T x^{(i)} + b$, $a^{(i)} = \sigma(z^{(i)})$,
    $J \mathrel{+}= \mathcal{L}(a^{(i)}, y^{(i)})$, $dz^{(i)} = a^{(i)} - y^{(i)}$,
    $dw_j \mathrel{+}= x_j^{(i)} dz^{(i)}$ for each feature $j$, $db \mathrel{+}= dz^{(i)}$;
    then divide $J$, $dw$ and $db$ by $m$.

    Examples
    --------
    >>> grads, cost = propagate_loop([[1.0], [2.0]], 0.0, [[1.0, -1.0], [0.0, 1.0]], [[1.0, 0.0]])
    >>> grads["dw"].round(4).tolist(), round(float(grads["db"]), 4), round(float(cost), 4)
    ([[-0.5], [0.3655]], 0.2311, 0.8133)
    """
    w, b, X, Y = _check_problem(w, b, X, Y)
    # --8<-- [start:propagate_loop]
    n_x, m = X.shape
    J, dw, db = 0.0, np.zeros((n_x, 1)), 0.0
    for i in range(m):
        z_i = b
        for j in range(n_x):
            z_i += w[j, 0] * X[j, i]
        a_i = 1.0 / (1.0 + np.exp(-z_i)) if z_i >= 0 else np.exp(z_i) / (1.0 + np.exp(z_i))
        J += Y[0, i] * np.logaddexp(0.0, -z_i) + (1.0 - Y[0, i]) * np.logaddexp(0.0, z_i)
        dz_i = a_i - Y[0, i]
        for j in range(n_x):
            dw[j, 0] += X[j, i] * dz_i
        db += dz_i
    # --8<-- [end:propagate_loop]
    return {"dw": dw / m, "db": np.float64(db) / m}, np.float64(J) / m


def optimize(
    w: ArrayLike,
    b: float,
    X: ArrayLike,
    Y: ArrayLike,
    num_iterations: int = 100,
    learning_rate: float = 0.009,
    print_cost: bool = False,
) -> tuple[dict[str, object], dict[str, object], list[np.float64]]:
    r"""Batch gradient descent on the logistic-regression cost.

    Parameters
    ----------
    w : array_like of shape (n_x, 1)
        Initial weights (not modified).
    b : float
        Initial bias.
    X : array_like of shape (n_x, m)
    Y : array_like of shape (1, m)
    num_iterations : int, default 100
        Number of gradient steps, at least 0.
    learning_rate : float, default 0.009
        Step size $\alpha > 0$.
    print_cost : bool, default False
        Print the cost every 100 iterations.

    Returns
    -------
    params : dict
        ``{"w": ndarray of shape (n_x, 1), "b": float}`` after the last step.
    grads : dict
        The gradients ``{"dw", "db"}`` of the last step.
    costs : list of numpy.float64
        The cost before iterations 0, 100, 200, ...

    Raises
    ------
    ValueError
        As `propagate`; or if `num_iterations` is negative or `learning_rate` is not
        positive.

    Notes
    -----
    Each iteration takes one step against the gradient:

    $$w := w - \alpha\, dw, \qquad b := b - \alpha\, db$$

    Examples
    --------
    >>> X, Y = [[-2.0, -1.0, 1.0, 2.0]], [[0.0, 0.0, 1.0, 1.0]]
    >>> params, grads, costs = optimize([[0.0]], 0.0, X, Y, num_iterations=201, learning_rate=0.5)
    >>> [round(float(c), 3) for c in costs]
    [0.693, 0.017, 0.009]
    """
    w, b, X, Y = _check_problem(w, b, X, Y)
    num_iterations = check_count("num_iterations", num_iterations)
    learning_rate = check_positive("learning_rate", learning_rate)
    costs: list[np.float64] = []
    grads: dict[str, object] = {"dw": np.zeros_like(w), "db": np.float64(0.0)}
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        # --8<-- [start:optimize]
        w = w - learning_rate * grads["dw"]  # a new array: the caller's w is untouched
        b = b - learning_rate * grads["db"]
        # --8<-- [end:optimize]
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:.6f}")
    return {"w": w, "b": b}, grads, costs


def predict(w: ArrayLike, b: float, X: ArrayLike) -> NDArray[np.float64]:
    r"""Predict labels 0 or 1 with learned logistic-regression parameters.

    Parameters
    ----------
    w : array_like of shape (n_x, 1)
    b : float
    X : array_like of shape (n_x, m)

    Returns
    -------
    Y_prediction : ndarray of shape (1, m)
        1.0 where $\hat y > 0.5$, else 0.0.

    Raises
    ------
    ValueError
        If a shape is wrong, `b` is not a scalar, or `w`, `b` or `X` holds NaN or infinity
        (in `w` or `b` a sign that training diverged: no label is made up for it).

    Notes
    -----
    $\hat y = \sigma(w^T x + b) > 0.5$ exactly when $w^T x + b > 0$, so the logit is compared
    with zero and no rounding of $\sigma$ can flip a prediction.

    Examples
    --------
    >>> predict([[1.0]], -0.5, [[0.0, 0.4, 0.6, 2.0]]).tolist()
    [[0.0, 0.0, 1.0, 1.0]]
    """
    check_scalar("b", b, diverged=True)
    w, b, X = _check_model(w, b, X)
    check_finite("w", w, diverged=True)
    check_finite("X", X)
    # --8<-- [start:predict]
    Z = w.T @ X + b
    Y_prediction = (Z > 0).astype(np.float64)  # sigma(z) > 0.5  <=>  z > 0
    # --8<-- [end:predict]
    return Y_prediction


def _check_model(w: ArrayLike, b: object, X: ArrayLike) -> tuple[NDArray[np.float64], float, NDArray[np.float64]]:
    X = check_matrix("X", X, ("n_x", "m"), hint="Inputs have one example per column.")
    w = check_matrix("w", w, (X.shape[0], 1), hint="w is a column with one weight per feature (row of X).")
    return w, check_scalar("b", b), X


def _check_problem(
    w: ArrayLike, b: object, X: ArrayLike, Y: ArrayLike
) -> tuple[NDArray[np.float64], float, NDArray[np.float64], NDArray[np.float64]]:
    w, b, X = _check_model(w, b, X)
    return w, b, X, check_labels("Y", Y, X.shape[1])
