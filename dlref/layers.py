r"""The building blocks of a network: one layer's forward and backward steps, with caches.

Each forward function returns its output and a ``cache`` of what the backward pass needs; the
matching backward function takes the upstream gradient and that cache. Shapes follow the course:
``A_prev`` is ``(n[l-1], m)``, ``W`` is ``(n[l], n[l-1])``, ``b`` is ``(n[l], 1)``, ``Z`` and
``A`` are ``(n[l], m)``.

Gradient convention (the course's): ``dZ`` and ``dA`` hold, column by column, the derivatives
of each example's loss $\mathcal{L}^{(i)}$; ``dW`` and ``db`` are derivatives of the cost
$J = \frac{1}{m}\sum_i \mathcal{L}^{(i)}$, which is where the $\frac{1}{m}$ comes in.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import check_matrix, check_same_shape
from dlref.activations import relu, relu_backward, sigmoid, sigmoid_backward, tanh, tanh_backward

__all__ = [
    "linear_activation_backward",
    "linear_activation_forward",
    "linear_backward",
    "linear_forward",
]

FloatArray = NDArray[np.float64]
LinearCache = tuple[FloatArray, FloatArray, FloatArray]
Cache = tuple[LinearCache, FloatArray]

_ACTIVATIONS = {"relu": (relu, relu_backward), "sigmoid": (sigmoid, sigmoid_backward), "tanh": (tanh, tanh_backward)}


def linear_forward(A: ArrayLike, W: ArrayLike, b: ArrayLike) -> tuple[NDArray[np.float64], tuple]:
    r"""Linear part of a layer's forward propagation.

    Parameters
    ----------
    A : array_like of shape (n_prev, m)
        Activations of the previous layer (or the inputs ``X``), one column per example.
    W : array_like of shape (n, n_prev)
        The layer's weights.
    b : array_like of shape (n, 1)
        The layer's biases, a column.

    Returns
    -------
    Z : ndarray of shape (n, m)
    cache : tuple
        ``(A, W, b)``, kept for `linear_backward`.

    Raises
    ------
    ValueError
        If `W` has not one column per row of `A`, or `b` is not an ``(n, 1)`` column.

    Notes
    -----
    $$Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$$

    Examples
    --------
    >>> A, W, b = np.ones((2, 3)), np.array([[1.0, 2.0]]), np.array([[0.5]])
    >>> Z, cache = linear_forward(A, W, b)
    >>> Z.tolist()
    [[3.5, 3.5, 3.5]]
    """
    A, W, b = _check_linear("A", A, W, b)
    return _linear_forward(A, W, b)


def _linear_forward(A: FloatArray, W: FloatArray, b: FloatArray) -> tuple[FloatArray, LinearCache]:
    """`linear_forward` without the checks, for callers that have made them."""
    # --8<-- [start:linear_forward]
    Z = W @ A  # (n, n_prev) @ (n_prev, m)
    Z += b  # + b, a column broadcast over the m columns (in place: Z is a new array)
    cache = (A, W, b)
    # --8<-- [end:linear_forward]
    return Z, cache


def linear_activation_forward(
    A_prev: ArrayLike, W: ArrayLike, b: ArrayLike, activation: str
) -> tuple[NDArray[np.float64], tuple]:
    r"""Forward propagation of one layer: the linear step, then the activation.

    Parameters
    ----------
    A_prev : array_like of shape (n_prev, m)
    W : array_like of shape (n, n_prev)
    b : array_like of shape (n, 1)
    activation : {"relu", "sigmoid", "tanh"}

    Returns
    -------
    A : ndarray of shape (n, m)
    cache : tuple
        ``(linear_cache, Z)`` with ``linear_cache = (A_prev, W, b)``: everything the backward
        step needs.

    Raises
    ------
    ValueError
        As `linear_forward`, or if `activation` is not one of the three names.

    Notes
    -----
    $$Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \qquad A^{[l]} = g^{[l]}(Z^{[l]})$$

    Examples
    --------
    >>> A_prev, W, b = np.ones((2, 1)), np.array([[1.0, -3.0]]), np.zeros((1, 1))
    >>> A, cache = linear_activation_forward(A_prev, W, b, "relu")
    >>> A.tolist(), cache[1].tolist()
    ([[0.0]], [[-2.0]])
    """
    g, _ = _activation(activation)
    A_prev, W, b = _check_linear("A_prev", A_prev, W, b)
    return _linear_activation_forward(A_prev, W, b, g)


def _linear_activation_forward(
    A_prev: FloatArray, W: FloatArray, b: FloatArray, g: Callable[[FloatArray], FloatArray]
) -> tuple[FloatArray, Cache]:
    """`linear_activation_forward` without the checks, with the activation function `g` itself."""
    # --8<-- [start:linear_activation_forward]
    Z, linear_cache = _linear_forward(A_prev, W, b)
    A = g(Z)
    cache = (linear_cache, Z)
    # --8<-- [end:linear_activation_forward]
    return A, cache


def linear_backward(
    dZ: ArrayLike, cache: tuple, compute_dA_prev: bool = True
) -> tuple[NDArray[np.float64] | None, NDArray[np.float64], NDArray[np.float64]]:
    r"""Linear part of a layer's backward propagation.

    Parameters
    ----------
    dZ : array_like of shape (n, m)
        Gradient of the loss with respect to the layer's $Z$, one column per example.
    cache : tuple
        ``(A_prev, W, b)`` from `linear_forward`.
    compute_dA_prev : bool, default True
        Compute $dA^{[l-1]}$. A training loop passes False for the first layer, whose
        $dA^{[0]}$ (the gradient with respect to the inputs) nothing uses: it saves a matrix
        product as large as the one for $dW^{[1]}$.

    Returns
    -------
    dA_prev : ndarray of shape (n_prev, m), or None
        None when `compute_dA_prev` is False.
    dW : ndarray of shape (n, n_prev)
    db : ndarray of shape (n, 1)

    Raises
    ------
    ValueError
        If the cache is not ``(A_prev, W, b)`` with matching shapes or `dZ` does not have
        the shape of $Z$, ``(n, m)``.

    Notes
    -----
    $$dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T}$$

    $$db^{[l]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[l](i)}, \qquad dA^{[l-1]} = W^{[l]T} dZ^{[l]}$$

    Examples
    --------
    >>> cache = (np.array([[1.0, 3.0]]), np.array([[2.0]]), np.zeros((1, 1)))
    >>> dA_prev, dW, db = linear_backward(np.array([[1.0, 1.0]]), cache)
    >>> dA_prev.tolist(), dW.tolist(), db.tolist()
    ([[2.0, 2.0]], [[2.0]], [[1.0]])
    """
    A_prev, W, b = _check_linear_cache(cache)
    dZ = check_matrix("dZ", dZ, (W.shape[0], A_prev.shape[1]), hint="dZ has the shape of Z = W @ A_prev + b.")
    return _linear_backward(dZ, (A_prev, W, b), bool(compute_dA_prev))


def _linear_backward(
    dZ: FloatArray, cache: LinearCache, compute_dA_prev: bool = True
) -> tuple[FloatArray | None, FloatArray, FloatArray]:
    """`linear_backward` without the checks."""
    A_prev, W, _ = cache
    # --8<-- [start:linear_backward]
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T  # (n, m) @ (m, n_prev): the transpose makes it fit
    dW /= m  # 1/m, in place on the new array
    db = np.sum(dZ, axis=1, keepdims=True) / m  # sum over the examples: (n, 1)
    dA_prev = W.T @ dZ if compute_dA_prev else None  # (n_prev, n) @ (n, m)
    # --8<-- [end:linear_backward]
    return dA_prev, dW, db


def linear_activation_backward(
    dA: ArrayLike, cache: tuple, activation: str, compute_dA_prev: bool = True
) -> tuple[NDArray[np.float64] | None, NDArray[np.float64], NDArray[np.float64]]:
    r"""Backward propagation of one layer: through the activation, then the linear step.

    Parameters
    ----------
    dA : array_like of shape (n, m)
        Gradient of the loss with respect to the layer's output $A$.
    cache : tuple
        ``(linear_cache, Z)`` from `linear_activation_forward`.
    activation : {"relu", "sigmoid", "tanh"}
        The activation the forward step used.
    compute_dA_prev : bool, default True
        Compute $dA^{[l-1]}$; as for `linear_backward`.

    Returns
    -------
    dA_prev : ndarray of shape (n_prev, m), or None
        None when `compute_dA_prev` is False.
    dW : ndarray of shape (n, n_prev)
    db : ndarray of shape (n, 1)

    Raises
    ------
    ValueError
        If `activation` is unknown, the cache is malformed, or `dA` does not have the shape of $Z$.

    Notes
    -----
    $$dZ^{[l]} = dA^{[l]} \odot g^{[l]\prime}(Z^{[l]})$$

    followed by `linear_backward`.

    Examples
    --------
    >>> A_prev, W, b = np.array([[1.0, 1.0]]), np.array([[1.0]]), np.zeros((1, 1))
    >>> cache = ((A_prev, W, b), np.array([[-1.0, 2.0]]))  # Z = [-1, 2]
    >>> dA = np.array([[3.0, 3.0]])
    >>> dA_prev, dW, db = linear_activation_backward(dA, cache, "relu")
    >>> dA_prev.tolist(), dW.tolist(), db.tolist()
    ([[0.0, 3.0]], [[1.5]], [[1.5]])
    """
    _, g_backward = _activation(activation)
    linear_cache, Z = _check_cache(cache)
    dA = check_same_shape("dA", dA, "Z", Z)
    return _linear_activation_backward(dA, (linear_cache, Z), g_backward, bool(compute_dA_prev))


def _linear_activation_backward(
    dA: FloatArray,
    cache: Cache,
    g_backward: Callable[[FloatArray, FloatArray], FloatArray],
    compute_dA_prev: bool = True,
) -> tuple[FloatArray | None, FloatArray, FloatArray]:
    """`linear_activation_backward` without the checks, with the backward function itself."""
    linear_cache, Z = cache
    # --8<-- [start:linear_activation_backward]
    dZ = g_backward(dA, Z)  # dA * g'(Z), element by element
    dA_prev, dW, db = _linear_backward(dZ, linear_cache, compute_dA_prev)
    # --8<-- [end:linear_activation_backward]
    return dA_prev, dW, db


def _activation(name: object) -> tuple:
    if not isinstance(name, str) or name not in _ACTIVATIONS:
        raise ValueError(f"activation must be one of {sorted(_ACTIVATIONS)}; got {name!r}.")
    return _ACTIVATIONS[name]


def _check_linear(A_name: str, A: ArrayLike, W: ArrayLike, b: ArrayLike) -> LinearCache:
    """Check a layer's input (called `A_name` in messages, as the caller named it), W and b."""
    A = check_matrix(A_name, A, ("n_prev", "m"))
    W = check_matrix("W", W, (None, A.shape[0]), hint=f"W needs one column per row of {A_name} ({A_name} has shape {A.shape}).")
    b = check_matrix("b", b, (W.shape[0], 1), hint=f"b is a column with one bias per row of W (W has shape {W.shape}).")
    return A, W, b


def _check_linear_cache(cache: object) -> LinearCache:
    if not isinstance(cache, tuple) or len(cache) != 3:
        raise ValueError("cache must be the tuple (A_prev, W, b) that linear_forward returns.")
    return _check_linear("A_prev", *cache)


def _check_cache(cache: object) -> Cache:
    if not isinstance(cache, tuple) or len(cache) != 2:
        raise ValueError("cache must be the tuple (linear_cache, Z) that linear_activation_forward returns.")
    A_prev, W, b = _check_linear_cache(cache[0])
    Z = check_matrix("Z", cache[1], (W.shape[0], A_prev.shape[1]), hint="Z has the shape of W @ A_prev + b.")
    return (A_prev, W, b), Z
