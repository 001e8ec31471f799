r"""Exponentially weighted (moving) averages, the building block of momentum, RMSprop and Adam.

A series $\theta_1, \theta_2, \dots, \theta_T$ is averaged with a weight $\beta \in [0, 1)$
that decays geometrically into the past; the average covers roughly the last
$1 / (1 - \beta)$ values.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import as_float_array, check_scalar

__all__ = ["exponentially_weighted_average"]


def exponentially_weighted_average(
    theta: ArrayLike, beta: float, bias_correction: bool = False
) -> NDArray[np.float64]:
    r"""Exponentially weighted average $v_t$ of a series, with optional bias correction.

    Parameters
    ----------
    theta : array_like of shape (T,)
        The series $\theta_1, \dots, \theta_T$, in time order.
    beta : float
        Weight of the past, in $[0, 1)$; ``beta = 0`` returns the series itself.
    bias_correction : bool, default False
        Divide $v_t$ by $1 - \beta^t$, which removes the pull towards the starting value
        $v_0 = 0$ during the first steps.

    Returns
    -------
    v : ndarray of shape (T,)
        $v_1, \dots, v_T$ (bias-corrected if asked).

    Raises
    ------
    ValueError
        If `theta` is not one-dimensional or `beta` is outside $[0, 1)$.

    Notes
    -----
    $$v_0 = 0, \qquad v_t = \beta\, v_{t-1} + (1 - \beta)\, \theta_t \quad (t = 1, \dots, T)$$

    $$v_t^{\text{corrected}} = \frac{v_t}{1 - \beta^t}$$

    Unrolled, $v_t = (1 - \beta) \sum_{k=1}^{t} \beta^{t-k} \theta_k$: the weights decay
    geometrically and add up to $1 - \beta^t$, which is what the correction divides by.

    Examples
    --------
    >>> exponentially_weighted_average([10.0, 10.0], 0.9).round(4).tolist()
    [1.0, 1.9]
    >>> exponentially_weighted_average([10.0, 10.0], 0.9, bias_correction=True).round(4).tolist()
    [10.0, 10.0]
    """
    theta = as_float_array("theta", theta)
    if theta.ndim != 1:
        raise ValueError(
            f"theta has shape {theta.shape}; expected a one-dimensional series of shape (T,)."
        )
    beta = check_scalar("beta", beta)
    if not 0.0 <= beta < 1.0:
        raise ValueError(f"beta must be in [0, 1), got {beta}.")
    v = np.empty_like(theta)
    # --8<-- [start:exponentially_weighted_average]
    v_t = 0.0  # v_0
    for t in range(1, len(theta) + 1):  # t counts from 1
        v_t = beta * v_t + (1 - beta) * theta[t - 1]
        v[t - 1] = v_t / (1 - beta**t) if bias_correction else v_t
    # --8<-- [end:exponentially_weighted_average]
    return v
