r"""Softmax output layer and the cross-entropy cost for multi-class classification.

Shapes follow the course: with $C$ classes and $m$ examples, the logits $Z^{[L]}$, the
probabilities $A^{[L]} = \hat Y$ and the one-hot labels $Y$ are all ``(C, m)``, one example per
column; each column of $A^{[L]}$ sums to 1.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import check_count, check_matrix, check_same_shape

__all__ = [
    "convert_to_one_hot",
    "cross_entropy_cost",
    "softmax",
    "softmax_cross_entropy_backward",
]

TINY = np.finfo(np.float64).tiny
"""Smallest positive normal float64 (about 2.2e-308): probabilities are clipped to it before the log."""


def softmax(Z: ArrayLike) -> NDArray[np.float64]:
    r"""Softmax of each column: $C$ logits become $C$ probabilities that sum to 1.

    Parameters
    ----------
    Z : array_like of shape (C, m)
        Logits $Z^{[L]}$, one column per example.

    Returns
    -------
    A : ndarray of shape (C, m)
        Probabilities $A^{[L]} = \hat Y$; each column sums to 1.

    Raises
    ------
    ValueError
        If `Z` is not 2-D (a rank-1 ``(C,)`` above all).

    Notes
    -----
    $$t = e^{z}, \qquad a_k = \frac{t_k}{\sum_{j=1}^{C} t_j}
    = \frac{e^{z_k - \max_j z_j}}{\sum_{j=1}^{C} e^{z_j - \max_j z_j}}$$

    Subtracting a constant from every logit of a column leaves its softmax unchanged, so each
    column's largest logit is subtracted first: the exponentials are then at most 1 and never
    overflow. It must be each column's own maximum; one global maximum can underflow a whole
    column to zeros and divide 0 by 0.

    Examples
    --------
    >>> softmax([[1000.0, 0.0], [1000.0, np.log(3.0)]]).round(6).tolist()
    [[0.5, 0.25], [0.5, 0.75]]
    """
    Z = check_matrix("Z", Z, ("C", "m"), hint="Logits have one class per row, one example per column.")
    with np.errstate(under="ignore"):  # e^{z - max} may round to 0: that is the exact answer
        # --8<-- [start:softmax]
        t = np.exp(Z - np.max(Z, axis=0, keepdims=True))  # each column's own max: t <= 1
        A = t / np.sum(t, axis=0, keepdims=True)  # (C, m), columns sum to 1
        # --8<-- [end:softmax]
    return A


def cross_entropy_cost(AL: ArrayLike, Y: ArrayLike) -> np.float64:
    r"""Cross-entropy cost of softmax outputs against one-hot labels.

    Parameters
    ----------
    AL : array_like of shape (C, m)
        Predicted probabilities $\hat Y = A^{[L]}$, each in $[0, 1]$.
    Y : array_like of shape (C, m)
        One-hot labels: each column holds a single 1 and zeros.

    Returns
    -------
    cost : numpy.float64
        $J \ge 0$, finite for any `AL`; a float with an empty ``.shape``.

    Raises
    ------
    ValueError
        If `AL` is not 2-D or leaves $[0, 1]$, or `Y` differs in shape or is not one-hot.

    Notes
    -----
    $$\mathcal{L}(\hat y, y) = -\sum_{k=1}^{C} y_k \log \hat y_k, \qquad
    J = \frac{1}{m} \sum_{i=1}^{m} \mathcal{L}\bigl(\hat y^{(i)}, y^{(i)}\bigr)$$

    Only the true class $k$ of each example contributes, $-\log \hat y_k$. A zero probability
    where $y_k = 0$ adds nothing (not $0 \cdot \log 0 = \mathrm{nan}$). A zero probability where
    $y_k = 1$ would cost $+\infty$; `AL` is clipped below at the smallest positive float
    (about $2.2 \times 10^{-308}$), so that example costs about 708 instead.

    Examples
    --------
    >>> round(float(cross_entropy_cost([[0.5, 0.0], [0.5, 1.0]], [[1.0, 0.0], [0.0, 1.0]])), 6)
    0.346574
    """
    AL = check_matrix("AL", AL, ("C", "m"), hint="Probabilities have one class per row, one example per column.")
    if np.any((AL < 0) | (AL > 1)):
        raise ValueError(f"AL must hold probabilities in [0, 1]; got values from {AL.min()} to {AL.max()}.")
    Y = _check_one_hot(Y, AL)
    # --8<-- [start:cross_entropy_cost]
    m = Y.shape[1]
    log_AL = np.log(np.maximum(AL, TINY))  # finite even where AL == 0
    cost = -np.sum(Y * log_AL) / m  # sum over classes and examples, then / m
    # --8<-- [end:cross_entropy_cost]
    return cost


def softmax_cross_entropy_backward(AL: ArrayLike, Y: ArrayLike) -> NDArray[np.float64]:
    r"""Gradient $dZ^{[L]}$ of a softmax output layer trained with the cross-entropy loss.

    Parameters
    ----------
    AL : array_like of shape (C, m)
        Softmax outputs $A^{[L]} = \operatorname{softmax}(Z^{[L]})$.
    Y : array_like of shape (C, m)
        One-hot labels.

    Returns
    -------
    dZ : ndarray of shape (C, m)
        $dZ^{[L]} = \partial \mathcal{L} / \partial Z^{[L]}$ per example, without the $1/m$ of
        the cost (the course's convention: $dW^{[L]} = \frac{1}{m} dZ^{[L]} A^{[L-1]T}$ adds
        it).

    Raises
    ------
    ValueError
        If `AL` is not 2-D, or `Y` differs in shape or is not one-hot.

    Notes
    -----
    $$dZ^{[L]} = A^{[L]} - Y$$

    For one example, $\partial a_j / \partial z_k = a_j(\delta_{jk} - a_k)$, so
    $\partial \mathcal{L} / \partial z_k = -\sum_j \frac{y_j}{a_j} a_j (\delta_{jk} - a_k)
    = -y_k + a_k \sum_j y_j = a_k - y_k$, because the $y_j$ sum to 1.

    Examples
    --------
    >>> softmax_cross_entropy_backward([[0.7, 0.2], [0.3, 0.8]], [[1.0, 0.0], [0.0, 1.0]]).round(6).tolist()
    [[-0.3, 0.2], [0.3, -0.2]]
    """
    AL = check_matrix("AL", AL, ("C", "m"), hint="Probabilities have one class per row, one example per column.")
    Y = _check_one_hot(Y, AL)
    # --8<-- [start:softmax_cross_entropy_backward]
    dZ = AL - Y  # (C, m)
    # --8<-- [end:softmax_cross_entropy_backward]
    return dZ


def convert_to_one_hot(Y: ArrayLike, C: int) -> NDArray[np.float64]:
    r"""Turn integer class labels into one-hot columns.

    Parameters
    ----------
    Y : array_like of shape (1, m)
        Class labels, integers from 0 to $C - 1$ (as integers or integral floats).
    C : int
        Number of classes, at least 1.

    Returns
    -------
    Y_one_hot : ndarray of shape (C, m)
        Column $i$ has a 1 in row ``Y[0, i]`` and zeros elsewhere.

    Raises
    ------
    ValueError
        If `Y` is not a ``(1, m)`` row, holds a non-integer or a label outside
        $\{0, \dots, C - 1\}$, or `C` is not a positive integer.

    Notes
    -----
    $$y^{(i)}_k = \begin{cases} 1 & \text{if } k = \text{label}^{(i)}, \\
    0 & \text{otherwise,} \end{cases} \qquad k = 0, \dots, C - 1$$

    Examples
    --------
    >>> convert_to_one_hot([[2, 0, 1]], C=3).tolist()
    [[0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]
    """
    C = check_count("C", C, minimum=1)
    Y = check_matrix("Y", Y, (1, "m"), hint="Labels are one row with one column per example.")
    if np.any(Y != np.round(Y)) or np.any((Y < 0) | (Y >= C)):
        raise ValueError(f"Y must hold integer labels from 0 to C - 1 = {C - 1}; got {np.unique(Y)[:10].tolist()}.")
    # --8<-- [start:convert_to_one_hot]
    Y_one_hot = np.eye(C)[Y[0].astype(np.intp)].T  # row Y[0, i] of I as column i
    # --8<-- [end:convert_to_one_hot]
    return Y_one_hot


def _check_one_hot(Y: ArrayLike, AL: NDArray[np.float64]) -> NDArray[np.float64]:
    Y = check_same_shape("Y", Y, "AL", AL)
    if not (np.all((Y == 0) | (Y == 1)) and np.all(np.sum(Y, axis=0) == 1)):
        raise ValueError(
            "Y must be one-hot: zeros and a single 1 in each column (convert_to_one_hot turns labels into this form)."
        )
    return Y
