r"""Multi-task learning: one network, several yes/no questions about each example.

The output layer has one sigmoid unit per task, so ``ZL`` and ``Y`` have shape ``(n_tasks, m)``,
one column per example. Unlike softmax, several tasks may be 1 at once (a picture can show a
pedestrian *and* a stop sign). A label nobody provided, the course's "?", is ``np.nan`` in ``Y``:
it adds nothing to the cost and sends no gradient back.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import check_matrix, check_same_shape
from dlref.activations import sigmoid
from dlref.logistic_regression import logistic_loss

__all__ = ["multitask_backward", "multitask_cost", "multitask_loss"]


def multitask_loss(ZL: ArrayLike, Y: ArrayLike) -> NDArray[np.float64]:
    r"""Logistic loss of every task of every example, 0 where the label is unknown.

    Parameters
    ----------
    ZL : array_like of shape (n_tasks, m)
        Logits of the output layer, $\hat y_j^{(i)} = \sigma(z_j^{(i)})$.
    Y : array_like of shape (n_tasks, m)
        Labels: 0, 1, or ``np.nan`` for an unknown label ("?").

    Returns
    -------
    L : ndarray of shape (n_tasks, m)
        $\mathcal{L}(\hat y_j^{(i)}, y_j^{(i)})$ where the label is known, 0 where it is not;
        finite for any finite logit.

    Raises
    ------
    ValueError
        If `ZL` is not 2-D or holds NaN or infinity, `Y` does not have its shape, or a label
        is not 0, 1 or NaN.

    Notes
    -----
    $$\mathcal{L}_j^{(i)} = \begin{cases}
    -\bigl(y_j^{(i)} \log \hat y_j^{(i)} + (1 - y_j^{(i)}) \log (1 - \hat y_j^{(i)})\bigr)
    & \text{if } y_j^{(i)} \in \{0, 1\} \\
    0 & \text{if } y_j^{(i)} = \text{?}
    \end{cases}$$

    computed from $z$ as `dlref.logistic_regression.logistic_loss` does, so it stays exact when
    the sigmoid saturates.

    Examples
    --------
    >>> multitask_loss([[0.0, 0.0], [0.0, 0.0]], [[1.0, np.nan], [0.0, 1.0]]).round(4).tolist()
    [[0.6931, 0.0], [0.6931, 0.6931]]
    """
    ZL, Y, known = _check_problem(ZL, Y)
    # --8<-- [start:multitask_loss]
    Y_known = np.where(known, Y, 0.0)  # any 0/1 value in place of "?": its loss is dropped below
    L = logistic_loss(ZL.reshape(1, -1), Y_known.reshape(1, -1)).reshape(ZL.shape)
    L = np.where(known, L, 0.0)  # unknown labels add nothing
    # --8<-- [end:multitask_loss]
    return L


def multitask_cost(ZL: ArrayLike, Y: ArrayLike) -> float:
    r"""Multi-task cost: the losses of the known labels, summed over tasks, averaged over examples.

    Parameters
    ----------
    ZL : array_like of shape (n_tasks, m)
        Logits of the output layer.
    Y : array_like of shape (n_tasks, m)
        Labels 0, 1 or ``np.nan`` (unknown).

    Returns
    -------
    cost : float

    Raises
    ------
    ValueError
        As `multitask_loss`.

    Notes
    -----
    $$J = \frac{1}{m} \sum_{i=1}^{m} \sum_{j \,:\, y_j^{(i)} \ne \text{?}}
    \mathcal{L}\bigl(\hat y_j^{(i)}, y_j^{(i)}\bigr)$$

    The sum runs over the known labels only, and the mean is over the $m$ examples, as in the
    course: an example with fewer known labels weighs less, and the cost does not depend on
    how many labels are missing elsewhere.

    Examples
    --------
    >>> round(multitask_cost([[0.0, 0.0], [0.0, 0.0]], [[1.0, np.nan], [0.0, 1.0]]), 4)
    1.0397
    """
    L = multitask_loss(ZL, Y)
    # --8<-- [start:multitask_cost]
    cost = float(np.sum(L) / L.shape[1])  # sum over the tasks, mean over the m examples
    # --8<-- [end:multitask_cost]
    return cost


def multitask_backward(ZL: ArrayLike, Y: ArrayLike) -> NDArray[np.float64]:
    r"""Gradient of each example's multi-task loss with respect to the output logits.

    Parameters
    ----------
    ZL : array_like of shape (n_tasks, m)
        Logits of the output layer.
    Y : array_like of shape (n_tasks, m)
        Labels 0, 1 or ``np.nan`` (unknown).

    Returns
    -------
    dZL : ndarray of shape (n_tasks, m)
        $\partial \mathcal{L}^{(i)} / \partial z_j^{(i)}$: $\hat y - y$ for a known label, 0
        for an unknown one. As everywhere in dlref, ``dZ`` holds each example's derivative;
        the cost's is ``dZL / m`` (`dlref.layers.linear_backward` applies the $\frac{1}{m}$).

    Raises
    ------
    ValueError
        As `multitask_loss`.

    Notes
    -----
    $$dZ^{[L]}_{j,i} = \begin{cases} \sigma(z_j^{(i)}) - y_j^{(i)} & \text{if } y_j^{(i)} \ne \text{?} \\
    0 & \text{if } y_j^{(i)} = \text{?} \end{cases}$$

    Examples
    --------
    >>> multitask_backward([[0.0, 0.0], [0.0, 0.0]], [[1.0, np.nan], [0.0, 1.0]]).tolist()
    [[-0.5, 0.0], [0.5, -0.5]]
    """
    ZL, Y, known = _check_problem(ZL, Y)
    # --8<-- [start:multitask_backward]
    dZL = np.where(known, sigmoid(ZL) - np.where(known, Y, 0.0), 0.0)  # y_hat - y, or 0 for "?"
    # --8<-- [end:multitask_backward]
    return dZL


def _check_problem(ZL: ArrayLike, Y: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.bool_]]:
    ZL = check_matrix("ZL", ZL, ("n_tasks", "m"), hint="One row per task, one column per example.")
    if not np.all(np.isfinite(ZL)):
        raise ValueError("ZL must hold finite logits; it holds NaN or infinity (did training diverge?).")
    Y = check_same_shape("Y", Y, "ZL", ZL)
    known = ~np.isnan(Y)
    if not np.all((Y[known] == 0) | (Y[known] == 1)):
        bad = Y[known & (Y != 0) & (Y != 1)]
        raise ValueError(f"Y must hold labels 0, 1 or np.nan (unknown); {bad.size} value(s) are none of these, the first {bad[0]}.")
    return ZL, Y, known
