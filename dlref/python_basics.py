r"""The NumPy warm-ups of the course's first programming exercise, "Python basics with NumPy".

They are small on purpose: each shows one vectorized idiom (a reshape, a norm along an axis,
broadcasting a column against a matrix, a sum over all entries) that the later functions use
without comment. Unlike the rest of dlref they work on **rows**, as the exercise does:
`normalizeRows` and `softmax` treat each row of ``x`` as one vector. For the softmax output
layer of a network, whose examples are columns, use `dlref.softmax.softmax`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import as_float_array, check_finite, check_matrix, check_same_shape

__all__ = ["L1", "L2", "image2vector", "normalizeRows", "softmax"]


def image2vector(image: ArrayLike) -> NDArray[np.float64]:
    r"""Unroll an image of shape (length, height, depth) into one column.

    Parameters
    ----------
    image : array_like of shape (length, height, depth)
        For example an RGB picture, ``depth = 3``.

    Returns
    -------
    v : ndarray of shape (length * height * depth, 1)
        The entries in C order (the last axis varies fastest): one column, ready to be one
        example of a matrix ``X`` of shape ``(n_x, m)``.

    Raises
    ------
    ValueError
        If `image` is not 3-D.

    Notes
    -----
    $$v = \operatorname{vec}(\text{image}) \in \mathbb{R}^{n_x \times 1}, \qquad
    n_x = \text{length} \cdot \text{height} \cdot \text{depth}$$

    Examples
    --------
    >>> image = np.arange(12.0).reshape(2, 2, 3)  # 2 x 2 pixels, 3 channels
    >>> v = image2vector(image)
    >>> v.shape, v[:4, 0].tolist()
    ((12, 1), [0.0, 1.0, 2.0, 3.0])
    """
    image = as_float_array("image", image)
    if image.ndim != 3:
        raise ValueError(
            f"image has shape {image.shape} ({image.ndim}-D); expected a 3-D array of shape "
            "(length, height, depth)."
        )
    # --8<-- [start:image2vector]
    length, height, depth = image.shape
    v = image.reshape(length * height * depth, 1)  # one column
    # --8<-- [end:image2vector]
    return v


def normalizeRows(x: ArrayLike) -> NDArray[np.float64]:
    r"""Divide each row of a matrix by its Euclidean length, so that every row has length 1.

    Parameters
    ----------
    x : array_like of shape (n, d)
        ``n`` vectors of ``d`` entries, one per row.

    Returns
    -------
    x_normalized : ndarray of shape (n, d)
        A new array; every row has length 1.

    Raises
    ------
    ValueError
        If `x` is not 2-D, holds NaN or infinity, or has a row of zeros (which has no
        direction to keep).

    Notes
    -----
    $$\lVert x_i \rVert = \sqrt{\textstyle\sum_j x_{ij}^2}, \qquad
    x_i := \frac{x_i}{\lVert x_i \rVert} \quad \text{for each row } i$$

    The lengths form an ``(n, 1)`` column (``keepdims=True``), which broadcasting divides into
    every entry of its row.

    Examples
    --------
    >>> normalizeRows([[0.0, 3.0, 4.0], [1.0, 0.0, 0.0]]).tolist()
    [[0.0, 0.6, 0.8], [1.0, 0.0, 0.0]]
    """
    x = check_finite("x", check_matrix("x", x, ("n", "d"), hint="Each row is one vector."))
    zero = np.flatnonzero(np.all(x == 0, axis=1))
    if zero.size:
        raise ValueError(f"x has a row of zeros (row {zero[0]}), which cannot be scaled to length 1.")
    # --8<-- [start:normalizeRows]
    x_norm = np.linalg.norm(x, axis=1, keepdims=True)  # (n, 1): the length of each row
    x_normalized = x / x_norm  # (n, d) / (n, 1): broadcast along each row
    # --8<-- [end:normalizeRows]
    return x_normalized


def softmax(x: ArrayLike) -> NDArray[np.float64]:
    r"""Softmax of each **row**, as in the Python-basics exercise.

    The exercise applies softmax to the rows of a matrix; a network's output layer applies it to
    the columns, one per example, and that is `dlref.softmax.softmax`. The two agree up to a
    transpose: ``softmax(x) == dlref.softmax.softmax(x.T).T``.

    Parameters
    ----------
    x : array_like of shape (n, d)
        ``n`` rows of ``d`` scores each.

    Returns
    -------
    s : ndarray of shape (n, d)
        Every row holds positive numbers that sum to 1.

    Raises
    ------
    ValueError
        If `x` is not 2-D (a rank-1 array above all).

    Notes
    -----
    $$s_{ij} = \frac{e^{x_{ij}}}{\sum_{k} e^{x_{ik}}}
    = \frac{e^{x_{ij} - \max_k x_{ik}}}{\sum_{k} e^{x_{ik} - \max_k x_{ik}}}$$

    Subtracting each row's largest entry changes nothing in exact arithmetic and keeps
    ``np.exp`` from overflowing: ``softmax([[1000.0, 1000.0]])`` is ``[[0.5, 0.5]]``.

    Examples
    --------
    >>> softmax([[0.0, np.log(3.0)], [1000.0, 1000.0]]).round(6).tolist()
    [[0.25, 0.75], [0.5, 0.5]]
    """
    x = check_matrix("x", x, ("n", "d"), hint="Each row is one vector of scores.")
    with np.errstate(under="ignore"):  # e^{x - max} may round to 0: that is the exact answer
        # --8<-- [start:softmax]
        x_exp = np.exp(x - np.max(x, axis=1, keepdims=True))  # each row's own max: <= 1
        x_sum = np.sum(x_exp, axis=1, keepdims=True)  # (n, 1)
        s = x_exp / x_sum  # broadcast along each row
        # --8<-- [end:softmax]
    return s


def L1(yhat: ArrayLike, y: ArrayLike) -> np.float64:
    r"""L1 loss: the sum of the absolute differences between predictions and labels.

    Parameters
    ----------
    yhat : array_like of any shape
        Predictions.
    y : array_like of the shape of yhat
        True labels.

    Returns
    -------
    loss : numpy.float64
        A float (with an empty ``.shape``).

    Raises
    ------
    ValueError
        If `y` does not have the shape of `yhat` (broadcasting a row against a column would
        sum a whole table of differences).

    Notes
    -----
    $$L_1(\hat y, y) = \sum_{i=1}^{m} \bigl\lvert y^{(i)} - \hat y^{(i)} \bigr\rvert$$

    Examples
    --------
    >>> yhat, y = np.array([0.9, 0.2, 0.1, 0.4, 0.9]), np.array([1.0, 0.0, 0.0, 1.0, 1.0])
    >>> round(float(L1(yhat, y)), 6)
    1.1
    """
    yhat = as_float_array("yhat", yhat)
    y = check_same_shape("y", y, "yhat", yhat)
    # --8<-- [start:L1]
    loss = np.sum(np.abs(y - yhat))
    # --8<-- [end:L1]
    return np.float64(loss)


def L2(yhat: ArrayLike, y: ArrayLike) -> np.float64:
    r"""L2 loss: the sum of the squared differences between predictions and labels.

    Parameters
    ----------
    yhat : array_like of any shape
        Predictions.
    y : array_like of the shape of yhat
        True labels.

    Returns
    -------
    loss : numpy.float64
        A float (with an empty ``.shape``).

    Raises
    ------
    ValueError
        If `y` does not have the shape of `yhat`.

    Notes
    -----
    $$L_2(\hat y, y) = \sum_{i=1}^{m} \bigl(y^{(i)} - \hat y^{(i)}\bigr)^2$$

    For a vector of differences $d = y - \hat y$ this is the dot product $d \cdot d$, which is
    how a vectorized version computes it.

    Examples
    --------
    >>> yhat, y = np.array([0.9, 0.2, 0.1, 0.4, 0.9]), np.array([1.0, 0.0, 0.0, 1.0, 1.0])
    >>> round(float(L2(yhat, y)), 6)
    0.43
    """
    yhat = as_float_array("yhat", yhat)
    y = check_same_shape("y", y, "yhat", yhat)
    # --8<-- [start:L2]
    d = (y - yhat).ravel()
    loss = np.dot(d, d)  # the sum of the squares
    # --8<-- [end:L2]
    return np.float64(loss)
