r"""Inverted dropout, the regularizer that randomly shuts units off during training.

At training time each unit of a layer's activations $A^{[l]}$ is kept with probability
``keep_prob`` and set to zero otherwise; the kept activations are divided by ``keep_prob`` so
that their expected value does not change. The backward pass applies the *same* mask and the
same scaling. At test time there is no dropout at all.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import check_generator, check_keep_prob, check_matrix, check_same_shape

__all__ = ["dropout_backward", "dropout_forward"]


def dropout_forward(
    A: ArrayLike, keep_prob: float, rng: np.random.Generator
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    r"""Apply inverted dropout to a layer's activations.

    Parameters
    ----------
    A : array_like of shape (n, m)
        Activations of one layer, one column per example.
    keep_prob : float
        Probability of keeping each unit, in $(0, 1]$. ``1.0`` keeps everything.
    rng : numpy.random.Generator
        Source of the random mask.

    Returns
    -------
    A_dropped : ndarray of shape (n, m)
        $A \odot D / \text{keep\_prob}$.
    D : ndarray of bool, shape (n, m)
        The mask: True where a unit is kept. Keep it for `dropout_backward`.

    Raises
    ------
    ValueError
        If `A` is not 2-D (a rank-1 array above all), `keep_prob` is outside $(0, 1]$, or
        `rng` is not a Generator.

    Notes
    -----
    $$D^{[l]}_{ij} \sim \text{Bernoulli}(\text{keep\_prob}), \qquad
    A^{[l]} := \frac{A^{[l]} \odot D^{[l]}}{\text{keep\_prob}}$$

    Dividing by ``keep_prob`` keeps $\mathbb{E}[A^{[l]}]$ unchanged, so nothing needs rescaling
    at test time, when dropout is off.

    Examples
    --------
    >>> A_dropped, D = dropout_forward(np.ones((2, 3)), 0.5, np.random.default_rng(0))
    >>> D.tolist()
    [[False, True, True], [True, False, False]]
    >>> A_dropped.tolist()
    [[0.0, 2.0, 2.0], [2.0, 0.0, 0.0]]
    """
    A = check_matrix("A", A, ("n", "m"), hint="Activations have one unit per row, one example per column.")
    keep_prob = check_keep_prob(keep_prob)
    rng = check_generator("rng", rng)
    # --8<-- [start:dropout_forward]
    D = rng.random(A.shape) < keep_prob  # keep each unit with probability keep_prob
    A_dropped = A * D / keep_prob  # inverted dropout: the expected value is unchanged
    # --8<-- [end:dropout_forward]
    return A_dropped, D


def dropout_backward(dA: ArrayLike, D: ArrayLike, keep_prob: float) -> NDArray[np.float64]:
    r"""Backward pass of inverted dropout, with the mask of the forward pass.

    Parameters
    ----------
    dA : array_like of shape (n, m)
        Gradient of the cost with respect to the dropped-out activations.
    D : array_like of bool, shape (n, m)
        The mask returned by `dropout_forward` for this layer.
    keep_prob : float
        The same `keep_prob` as in the forward pass, in $(0, 1]$.

    Returns
    -------
    dA_prev_dropout : ndarray of shape (n, m)
        Gradient with respect to the activations before dropout.

    Raises
    ------
    ValueError
        If `dA` is not 2-D (a rank-1 array above all), `D` does not have its shape, or
        `keep_prob` is outside $(0, 1]$.

    Notes
    -----
    The forward pass multiplies by the constant $D / \text{keep\_prob}$, so the backward pass
    multiplies by the same constant:

    $$dA^{[l]} := \frac{dA^{[l]} \odot D^{[l]}}{\text{keep\_prob}}$$

    Examples
    --------
    >>> D = np.array([[True, False, True]])
    >>> dropout_backward([[1.0, 1.0, 1.0]], D, 0.8).tolist()
    [[1.25, 0.0, 1.25]]
    """
    dA = check_matrix("dA", dA, ("n", "m"), hint="Gradients have one unit per row, one example per column.")
    D = check_same_shape("D", D, "dA", dA)
    keep_prob = check_keep_prob(keep_prob)
    # --8<-- [start:dropout_backward]
    dA_prev_dropout = dA * D / keep_prob  # the same mask and scaling as the forward pass
    # --8<-- [end:dropout_backward]
    return dA_prev_dropout

