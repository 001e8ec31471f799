r"""Setting up the data: a train/dev/test split and input normalization.

Examples are columns, as everywhere in dlref: ``X`` has shape ``(n_x, m)`` and the labels
``Y`` have shape ``(n_y, m)`` (one row for binary labels, $C$ rows for one-hot labels).
The normalization statistics are computed on the training set only and reused, unchanged, on
the dev and test sets.
"""

from __future__ import annotations

from numbers import Integral, Real

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import check_generator, check_matrix

__all__ = [
    "normalization_stats",
    "normalize",
    "train_dev_test_split",
]


def train_dev_test_split(
    X: ArrayLike,
    Y: ArrayLike,
    dev_size: float | int,
    test_size: float | int,
    rng: np.random.Generator,
) -> tuple[NDArray[np.float64], ...]:
    r"""Split the examples (columns) into training, dev and test sets after one shuffle.

    Parameters
    ----------
    X : array_like of shape (n_x, m)
        Inputs, one example per column.
    Y : array_like of shape (n_y, m)
        Labels, one column per example (``n_y = 1`` for binary labels).
    dev_size, test_size : float in [0, 1) or int
        Size of the dev and test sets: a fraction of $m$ (rounded to the nearest count, halves up) or a
        number of examples. Zero is allowed (no test set, say).
    rng : numpy.random.Generator
        Source of the shuffle.

    Returns
    -------
    X_train : ndarray of shape (n_x, m_train)
    Y_train : ndarray of shape (n_y, m_train)
    X_dev : ndarray of shape (n_x, m_dev)
    Y_dev : ndarray of shape (n_y, m_dev)
    X_test : ndarray of shape (n_x, m_test)
    Y_test : ndarray of shape (n_y, m_test)

    Raises
    ------
    ValueError
        If `X` or `Y` is not 2-D, their numbers of columns differ, a size is negative, a
        fraction is not below 1, or the sizes leave no training example.

    Notes
    -----
    One permutation $\pi$ of $\{1, \dots, m\}$ orders the columns of both `X` and `Y`, so each
    label stays with its example. The first $m_{\text{dev}}$ shuffled columns form the dev set, the
    next $m_{\text{test}}$ the test set, and the remaining

    $$m_{\text{train}} = m - m_{\text{dev}} - m_{\text{test}} \ge 1$$

    the training set.

    Examples
    --------
    >>> X, Y = np.arange(10.0).reshape(1, 10), np.arange(10.0).reshape(1, 10)
    >>> parts = train_dev_test_split(X, Y, 0.2, 1, np.random.default_rng(0))
    >>> [p.shape[1] for p in parts]
    [7, 7, 2, 2, 1, 1]
    >>> bool(np.all(parts[0] == parts[1]))
    True
    """
    X = check_matrix("X", X, ("n_x", "m"), hint="Inputs have one example per column.")
    m = X.shape[1]
    Y = check_matrix("Y", Y, ("n_y", m), hint="Labels have one column per example, like X.")
    m_dev, m_test = _size("dev_size", dev_size, m), _size("test_size", test_size, m)
    if m_dev + m_test >= m:
        raise ValueError(
            f"dev_size and test_size take {m_dev} + {m_test} of the {m} examples, leaving no "
            "training example."
        )
    rng = check_generator("rng", rng)
    # --8<-- [start:train_dev_test_split]
    order = rng.permutation(m)  # one shuffle, shared by X and Y
    dev, test, train = np.split(order, [m_dev, m_dev + m_test])
    # --8<-- [end:train_dev_test_split]
    return X[:, train], Y[:, train], X[:, dev], Y[:, dev], X[:, test], Y[:, test]


def normalization_stats(X: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""Mean and standard deviation of each feature (row) over the training examples.

    Parameters
    ----------
    X : array_like of shape (n_x, m)
        Training inputs, one example per column.

    Returns
    -------
    mu : ndarray of shape (n_x, 1)
        Mean of each feature.
    sigma : ndarray of shape (n_x, 1)
        Standard deviation of each feature (not the variance). A feature that is constant on
        the training set has deviation 0; it is returned as 1 instead, so that
        `normalize` maps that feature to 0 rather than dividing by zero.

    Raises
    ------
    ValueError
        If `X` is not a 2-D array with at least one column.

    Notes
    -----
    $$\mu = \frac{1}{m} \sum_{i=1}^{m} x^{(i)}, \qquad
    \sigma^2 = \frac{1}{m} \sum_{i=1}^{m} \bigl(x^{(i)} - \mu\bigr)^2 \quad
    \text{(element-wise)}$$

    The variance subtracts the mean first; $\sigma$ is its square root.

    Examples
    --------
    >>> mu, sigma = normalization_stats([[1.0, 3.0], [10.0, 10.0]])
    >>> mu.tolist(), sigma.tolist()
    ([[2.0], [10.0]], [[1.0], [1.0]])
    """
    X = check_matrix("X", X, ("n_x", "m"), hint="Inputs have one example per column.")
    if X.shape[1] == 0:
        raise ValueError("X has no columns: the statistics need at least one example.")
    # --8<-- [start:normalization_stats]
    mu = np.mean(X, axis=1, keepdims=True)  # (n_x, 1)
    variance = np.mean((X - mu) ** 2, axis=1, keepdims=True)  # centred first
    sigma = np.sqrt(variance)  # the standard deviation, not the variance
    sigma = np.where(sigma > 0, sigma, 1.0)  # a constant feature: 1
    # --8<-- [end:normalization_stats]
    return mu, sigma


def normalize(X: ArrayLike, mu: ArrayLike, sigma: ArrayLike) -> NDArray[np.float64]:
    r"""Centre and scale inputs with statistics computed on the training set.

    Parameters
    ----------
    X : array_like of shape (n_x, m)
        Inputs to normalize: training, dev or test examples.
    mu : array_like of shape (n_x, 1)
        Training mean, from `normalization_stats`.
    sigma : array_like of shape (n_x, 1)
        Training standard deviation, from `normalization_stats`; every entry positive.

    Returns
    -------
    X_norm : ndarray of shape (n_x, m)

    Raises
    ------
    ValueError
        If a shape is wrong (a rank-1 `mu` or `sigma` above all) or `sigma` has an entry that
        is not positive.

    Notes
    -----
    $$x := \frac{x - \mu}{\sigma}$$

    The same $\mu$ and $\sigma$, those of the training set, are used for the dev and test
    sets, so every set goes through the same transformation.

    Examples
    --------
    >>> normalize([[4.0, 0.0]], [[2.0]], [[2.0]]).tolist()
    [[1.0, -1.0]]
    """
    X = check_matrix("X", X, ("n_x", "m"), hint="Inputs have one example per column.")
    n_x = X.shape[0]
    mu = check_matrix("mu", mu, (n_x, 1), hint="mu is a column with one mean per feature (row of X).")
    sigma = check_matrix("sigma", sigma, (n_x, 1), hint="sigma is a column, one deviation per feature.")
    if not np.all(sigma > 0):
        raise ValueError(f"sigma must be positive everywhere; its smallest entry is {sigma.min()}.")
    # --8<-- [start:normalize]
    X_norm = (X - mu) / sigma  # sigma, not the variance sigma^2
    # --8<-- [end:normalize]
    return X_norm


def _size(name: str, size: object, m: int) -> int:
    if isinstance(size, (bool, np.bool_)) or not isinstance(size, Real):
        raise ValueError(f"{name} must be a fraction in [0, 1) or a count of examples, got {size!r}.")
    if size < 0:
        raise ValueError(f"{name} must not be negative, got {size}.")
    if isinstance(size, Integral):
        return int(size)
    if not size < 1:
        raise ValueError(f"{name} as a fraction must be below 1, got {size}; pass an int for a count.")
    return int(np.floor(float(size) * m + 0.5))  # the nearest count, halves rounded up

