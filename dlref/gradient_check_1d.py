r"""The gradient-checking exercise's warm-up: one parameter, $J(\theta) = \theta x$.

Before checking a network, the exercise checks a function whose derivative is known by heart:
$J(\theta) = \theta x$, so $\frac{dJ}{d\theta} = x$. The names are the exercise's; the
network version is `dlref.gradient_check.gradient_check_n`.
"""

from __future__ import annotations

import numpy as np

from dlref._validation import check_positive, check_scalar

__all__ = ["backward_propagation", "forward_propagation", "gradient_check"]

THRESHOLD = 1e-7
"""`gradient_check` reports a mistake when the difference exceeds this value (the exercise's)."""


def forward_propagation(x: float, theta: float) -> np.float64:
    r"""The cost $J = \theta x$ of the one-dimensional warm-up.

    Parameters
    ----------
    x : float
        The input, a real number.
    theta : float
        The parameter, a real number.

    Returns
    -------
    J : numpy.float64

    Raises
    ------
    ValueError
        If `x` or `theta` is not a finite real number.

    Notes
    -----
    $$J(\theta) = \theta x$$

    Examples
    --------
    >>> float(forward_propagation(2.0, 4.0))
    8.0
    """
    x, theta = check_scalar("x", x), check_scalar("theta", theta)
    # --8<-- [start:forward_propagation]
    J = np.float64(theta * x)
    # --8<-- [end:forward_propagation]
    return J


def backward_propagation(x: float, theta: float) -> np.float64:
    r"""The derivative $\frac{dJ}{d\theta}$ of $J = \theta x$.

    Parameters
    ----------
    x : float
        The input, a real number.
    theta : float
        The parameter (the derivative does not depend on it).

    Returns
    -------
    dtheta : numpy.float64

    Raises
    ------
    ValueError
        If `x` or `theta` is not a finite real number.

    Notes
    -----
    $$\frac{dJ}{d\theta} = x$$

    Examples
    --------
    >>> float(backward_propagation(2.0, 4.0))
    2.0
    """
    x, theta = check_scalar("x", x), check_scalar("theta", theta)
    # --8<-- [start:backward_propagation]
    dtheta = np.float64(x)  # d(theta x) / d theta
    # --8<-- [end:backward_propagation]
    return dtheta


def gradient_check(x: float, theta: float, epsilon: float = 1e-7, print_msg: bool = False) -> np.float64:
    r"""Compare `backward_propagation` with a two-sided difference of `forward_propagation`.

    Parameters
    ----------
    x : float
        The input.
    theta : float
        The point at which the derivative is checked.
    epsilon : float, default 1e-7
        The step $\varepsilon > 0$.
    print_msg : bool, default False
        Print whether the difference is above the exercise's threshold $10^{-7}$.

    Returns
    -------
    difference : numpy.float64
        The relative difference, in $[0, 1]$ (0 when both derivatives are 0).

    Raises
    ------
    ValueError
        If an argument is not a finite real number, `epsilon` is not positive, or the cost
        overflows near `theta` (a NaN difference would otherwise read as a pass).

    Notes
    -----
    $$d\theta_{\text{approx}} = \frac{J(\theta + \varepsilon) - J(\theta - \varepsilon)}{2\varepsilon},
    \qquad \text{difference} = \frac{\lvert d\theta - d\theta_{\text{approx}} \rvert}
    {\lvert d\theta \rvert + \lvert d\theta_{\text{approx}} \rvert}$$

    For one number the norms of `gradient_check_n` are absolute values.

    Examples
    --------
    >>> bool(gradient_check(2.0, 4.0) < 1e-7)
    True
    >>> float(gradient_check(0.0, 4.0))  # both derivatives are 0
    0.0
    """
    x, theta = check_scalar("x", x), check_scalar("theta", theta)
    epsilon = check_positive("epsilon", epsilon)
    with np.errstate(over="ignore", invalid="ignore"):  # a cost that overflows is reported below
        # --8<-- [start:gradient_check]
        J_plus = forward_propagation(x, theta + epsilon)
        J_minus = forward_propagation(x, theta - epsilon)
        gradapprox = (J_plus - J_minus) / (2 * epsilon)
        grad = backward_propagation(x, theta)
        numerator = abs(grad - gradapprox)
        denominator = abs(grad) + abs(gradapprox)
        difference = np.float64(0.0) if denominator == 0 else numerator / denominator  # NaN stays NaN
        # --8<-- [end:gradient_check]
    if not np.isfinite(difference):
        raise ValueError(f"The cost is not finite near theta = {theta} (x = {x}): there is nothing to check against.")
    if print_msg:
        verdict = "disagrees with" if difference > THRESHOLD else "agrees with"
        print(f"The derivative {verdict} the approximation: difference = {difference:.3e}.")
    return np.float64(difference)
