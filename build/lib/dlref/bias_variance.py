r"""Bias and variance read off the training, dev and Bayes errors.

Errors are fractions in $[0, 1]$ (``0.15`` for 15%). The diagnosis compares two gaps with a
threshold: the *avoidable bias* between the training error and the best error possible (the
Bayes error), and the *variance* between the dev error and the training error.
"""

from __future__ import annotations

from dlref._validation import check_scalar

__all__ = ["diagnose_bias_variance"]


def diagnose_bias_variance(
    train_error: float,
    dev_error: float,
    bayes_error: float = 0.0,
    threshold: float = 0.02,
) -> dict[str, object]:
    r"""Diagnose high bias, high variance, both or neither from three error rates.

    Parameters
    ----------
    train_error : float
        Error on the training set, a fraction in $[0, 1]$.
    dev_error : float
        Error on the dev set, a fraction in $[0, 1]$.
    bayes_error : float, default 0.0
        The lowest error any classifier could reach (the course's *optimal* or *Bayes* error),
        often estimated by human-level error. The course's examples assume it is about 0.
    threshold : float, default 0.02
        A gap larger than this (two percentage points by default) counts as "high". It is a
        judgement call, not a law: what counts as a large gap depends on the problem.

    Returns
    -------
    diagnosis : dict
        ``{"avoidable_bias": float, "variance": float, "high_bias": bool,
        "high_variance": bool, "verdict": str}``, where the verdict is one of
        ``"high bias"``, ``"high variance"``, ``"high bias and high variance"`` and
        ``"neither"``.

    Raises
    ------
    ValueError
        If an error is outside $[0, 1]$ or `threshold` is negative.

    Notes
    -----
    $$\begin{aligned}
    \text{avoidable bias} &= \text{train error} - \text{Bayes error} \\
    \text{variance} &= \text{dev error} - \text{train error}
    \end{aligned}$$

    A training error below the Bayes error gives a negative avoidable bias: the model has
    memorised its training set, and the bias is not high.

    Examples
    --------
    >>> diagnose_bias_variance(0.15, 0.30)["verdict"]
    'high bias and high variance'
    >>> diagnose_bias_variance(0.15, 0.16, bayes_error=0.15)["verdict"]
    'neither'
    """
    train_error = _check_error("train_error", train_error)
    dev_error = _check_error("dev_error", dev_error)
    bayes_error = _check_error("bayes_error", bayes_error)
    threshold = check_scalar("threshold", threshold)
    if threshold < 0:
        raise ValueError(f"threshold must not be negative, got {threshold}.")
    # --8<-- [start:diagnose_bias_variance]
    avoidable_bias = train_error - bayes_error  # above the best possible
    variance = dev_error - train_error  # worse on unseen examples
    high_bias, high_variance = avoidable_bias > threshold, variance > threshold
    # --8<-- [end:diagnose_bias_variance]
    verdict = {
        (True, True): "high bias and high variance",
        (True, False): "high bias",
        (False, True): "high variance",
        (False, False): "neither",
    }[(high_bias, high_variance)]
    return {
        "avoidable_bias": avoidable_bias,
        "variance": variance,
        "high_bias": high_bias,
        "high_variance": high_variance,
        "verdict": verdict,
    }


def _check_error(name: str, value: object) -> float:
    error = check_scalar(name, value)
    if not 0.0 <= error <= 1.0:
        raise ValueError(f"{name} must be a fraction in [0, 1] (0.15 for 15%), got {error}.")
    return error
