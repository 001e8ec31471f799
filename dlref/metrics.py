r"""Single-number evaluation metrics, and choosing a model by one metric under constraints.

Labels are 0/1 rows of shape ``(1, m)``, one column per example, as everywhere in dlref.
Rates (errors, precision, recall) are fractions in $[0, 1]$: ``0.05`` for 5%.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import check_count, check_matrix, check_same_shape, check_scalar
from dlref.bias_variance import _check_error

__all__ = [
    "average_error",
    "choose_model",
    "confusion_counts",
    "f1_score",
    "precision_recall_f1",
    "weighted_error",
]


def confusion_counts(Y: ArrayLike, Y_hat: ArrayLike) -> dict[str, int]:
    r"""Count true and false positives and negatives of a binary classifier.

    Parameters
    ----------
    Y : array_like of shape (1, m)
        True labels, each 0 or 1.
    Y_hat : array_like of shape (1, m)
        Predicted labels, each 0 or 1.

    Returns
    -------
    counts : dict
        ``{"tp": int, "fp": int, "fn": int, "tn": int}``; the four add up to $m$.

    Raises
    ------
    ValueError
        If `Y` is not a ``(1, m)`` row, `Y_hat` does not have its shape, or either holds a
        value other than 0 or 1.

    See Also
    --------
    precision_recall_f1 : the metrics computed from these counts.

    Notes
    -----
    $$\mathrm{TP} = \sum_i [\hat y^{(i)} = 1][y^{(i)} = 1], \qquad
    \mathrm{FP} = \sum_i [\hat y^{(i)} = 1][y^{(i)} = 0]$$

    and likewise $\mathrm{FN}$ (predicted 0, truly 1) and $\mathrm{TN}$ (both 0).

    Examples
    --------
    >>> confusion_counts([[1, 1, 0, 0, 1]], [[1, 0, 1, 0, 1]])
    {'tp': 2, 'fp': 1, 'fn': 1, 'tn': 1}
    """
    Y, Y_hat = _check_binary_pair(Y, Y_hat)
    # --8<-- [start:confusion_counts]
    tp = int(np.sum((Y_hat == 1) & (Y == 1)))  # predicted 1, truly 1
    fp = int(np.sum((Y_hat == 1) & (Y == 0)))  # predicted 1, truly 0
    fn = int(np.sum((Y_hat == 0) & (Y == 1)))  # predicted 0, truly 1
    tn = int(np.sum((Y_hat == 0) & (Y == 0)))
    # --8<-- [end:confusion_counts]
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn}


def precision_recall_f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    r"""Precision, recall and their harmonic mean F1 from the confusion counts.

    Parameters
    ----------
    tp, fp, fn : int
        True positives, false positives and false negatives, each at least 0 (as returned by
        `confusion_counts`).

    Returns
    -------
    precision : float
        Of the examples predicted 1, the fraction that are 1; 0.0 when nothing is predicted 1.
    recall : float
        Of the examples that are 1, the fraction predicted 1; 0.0 when no example is 1.
    f1 : float
        `f1_score` of the two.

    Raises
    ------
    ValueError
        If a count is negative or not an integer.

    Notes
    -----
    $$P = \frac{\mathrm{TP}}{\mathrm{TP} + \mathrm{FP}}, \qquad
    R = \frac{\mathrm{TP}}{\mathrm{TP} + \mathrm{FN}}$$

    Examples
    --------
    >>> [round(x, 4) for x in precision_recall_f1(tp=2, fp=1, fn=1)]
    [0.6667, 0.6667, 0.6667]
    """
    tp, fp, fn = (check_count(name, x) for name, x in (("tp", tp), ("fp", fp), ("fn", fn)))
    # --8<-- [start:precision_recall_f1]
    precision = tp / (tp + fp) if tp + fp else 0.0  # of those predicted 1, how many are 1
    recall = tp / (tp + fn) if tp + fn else 0.0  # of those that are 1, how many were found
    # --8<-- [end:precision_recall_f1]
    return precision, recall, f1_score(precision, recall)


def f1_score(precision: float, recall: float) -> float:
    r"""The F1 score: the harmonic mean of precision and recall.

    Parameters
    ----------
    precision, recall : float
        Fractions in $[0, 1]$.

    Returns
    -------
    f1 : float
        In $[0, 1]$; 0.0 when both are 0.

    Raises
    ------
    ValueError
        If either is outside $[0, 1]$.

    Notes
    -----
    $$F_1 = \frac{2}{\frac{1}{P} + \frac{1}{R}} = \frac{2PR}{P + R}$$

    The harmonic mean is pulled towards the smaller of the two, so a classifier cannot buy a
    good score with a high precision alone.

    Examples
    --------
    >>> round(f1_score(0.95, 0.90), 4)  # the course's classifier A
    0.9243
    """
    P = _check_error("precision", precision)
    R = _check_error("recall", recall)
    # --8<-- [start:f1_score]
    f1 = 2 * P * R / (P + R) if P + R else 0.0  # 2 / (1/P + 1/R)
    # --8<-- [end:f1_score]
    return f1


def average_error(errors: ArrayLike) -> NDArray[np.float64]:
    r"""Average each model's errors over several groups (regions, devices, ...) into one number.

    Parameters
    ----------
    errors : array_like of shape (n_models, n_groups)
        ``errors[k, g]`` is model $k$'s error on group $g$, a fraction in $[0, 1]$.

    Returns
    -------
    mean : ndarray of shape (n_models,)
        The plain mean over the groups.

    Raises
    ------
    ValueError
        If `errors` is not 2-D or holds a value outside $[0, 1]$ (or NaN).

    Notes
    -----
    $$\bar e_k = \frac{1}{G} \sum_{g=1}^{G} e_{k,g}$$

    Examples
    --------
    >>> average_error([[0.03, 0.07], [0.05, 0.06]]).round(4).tolist()
    [0.05, 0.055]
    """
    errors = check_matrix("errors", errors, ("n_models", "n_groups"), hint="One row per model, one column per group.")
    _check_rates("errors", errors)
    # --8<-- [start:average_error]
    mean = errors.mean(axis=1)  # one number per model
    # --8<-- [end:average_error]
    return mean


def weighted_error(Y: ArrayLike, Y_hat: ArrayLike, w: ArrayLike) -> float:
    r"""Error rate in which each example counts with its own weight.

    Parameters
    ----------
    Y, Y_hat : array_like of shape (1, m)
        True and predicted labels, each 0 or 1.
    w : array_like of shape (1, m)
        Weight of each example, at least 0 and not all 0; the course gives an unacceptable
        mistake (a pornographic image shown as a cat) weight 10 and every other example 1.

    Returns
    -------
    error : float
        In $[0, 1]$; with all weights equal it is the plain error rate.

    Raises
    ------
    ValueError
        If a shape does not match, a label is not 0 or 1, or a weight is negative, NaN, or
        they are all 0.

    Notes
    -----
    $$\text{error} = \frac{\sum_i w^{(i)} \, [\hat y^{(i)} \ne y^{(i)}]}{\sum_i w^{(i)}}$$

    Dividing by $\sum_i w^{(i)}$, not by $m$, keeps the error between 0 and 1.

    Examples
    --------
    >>> weighted_error([[1, 0, 0]], [[1, 1, 0]], [[1, 10, 1]])  # the heavy example is missed
    0.8333333333333334
    """
    Y, Y_hat = _check_binary_pair(Y, Y_hat)
    w = check_same_shape("w", w, "Y", Y)
    if not np.all(w >= 0) or not w.sum() > 0:
        raise ValueError(f"w must hold weights of at least 0, not all 0 (and no NaN); got values from {w.min()} to {w.max()}.")
    # --8<-- [start:weighted_error]
    mistakes = (Y_hat != Y).astype(np.float64)  # [y_hat != y]: 1 for a mistake
    error = float(np.sum(w * mistakes) / np.sum(w))
    # --8<-- [end:weighted_error]
    return error


def choose_model(
    candidates: Mapping[str, Mapping[str, float]],
    optimizing: str,
    satisficing: Mapping[str, tuple[float | None, float | None]] | None = None,
    maximize: bool = True,
) -> str | None:
    r"""Pick the model that is best on one metric among those good enough on the others.

    Parameters
    ----------
    candidates : mapping of str to mapping of str to float
        Each model's name and its metrics, for example
        ``{"A": {"accuracy": 0.90, "running_time_ms": 80}}``.
    optimizing : str
        The metric to make as good as possible.
    satisficing : mapping of str to (low, high), optional
        For each other metric, the range it must fall in (bounds included); ``None`` leaves a
        side open, so ``{"running_time_ms": (None, 100)}`` means "at most 100 ms".
    maximize : bool, default True
        Whether a larger `optimizing` metric is better (accuracy) or a smaller one (error).

    Returns
    -------
    name : str or None
        The best model that meets every constraint; the first in order on a tie; None when
        no model meets them.

    Raises
    ------
    ValueError
        If there are no candidates, a candidate lacks a metric that is named, a metric is not
        a finite number, or a range has its low bound above its high bound.

    Notes
    -----
    With $N$ metrics, choose one to optimize and make the other $N - 1$ satisficing:

    $$k^{*} = \arg\max_{k} \; m_{\text{opt}}(k) \quad \text{subject to} \quad
    \ell_j \le m_j(k) \le h_j \text{ for every satisficing metric } j$$

    Examples
    --------
    >>> candidates = {"fast": {"acc": 0.9, "ms": 20}, "slow": {"acc": 0.95, "ms": 900}}
    >>> choose_model(candidates, "acc", {"ms": (None, 100)})
    'fast'
    """
    if not isinstance(optimizing, str):
        raise ValueError(f"optimizing must be the name of a metric (a str); got {optimizing!r}.")
    satisficing = {} if satisficing is None else dict(satisficing)
    table = _check_candidates(candidates, [optimizing, *satisficing])
    bounds = {name: _check_bounds(name, b) for name, b in satisficing.items()}
    # --8<-- [start:choose_model]
    feasible = [k for k, metrics in table.items()
                if all(low <= metrics[j] <= high for j, (low, high) in bounds.items())]
    if not feasible:
        return None  # no model is good enough on every satisficing metric
    sign = 1.0 if maximize else -1.0
    best = max(feasible, key=lambda k: sign * table[k][optimizing])  # the first on a tie
    # --8<-- [end:choose_model]
    return best


def _check_rates(name: str, x: NDArray[np.float64]) -> None:
    if not np.all((x >= 0) & (x <= 1)):
        raise ValueError(f"{name} must hold fractions in [0, 1] (0.05 for 5%), with no NaN; got values from {x.min()} to {x.max()}.")


def _check_binary_pair(Y: ArrayLike, Y_hat: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    Y = check_matrix("Y", Y, (1, "m"), hint="Labels are one row with one column per example.")
    Y_hat = check_same_shape("Y_hat", Y_hat, "Y", Y)
    for name, labels in (("Y", Y), ("Y_hat", Y_hat)):
        if not np.all((labels == 0) | (labels == 1)):
            bad = labels[(labels != 0) & (labels != 1)]
            raise ValueError(f"{name} must hold labels 0 or 1; {bad.size} value(s) are neither, the first {bad[0]}.")
    return Y, Y_hat


def _check_candidates(candidates: object, metrics: list[str]) -> dict[str, dict[str, float]]:
    if not isinstance(candidates, Mapping) or not candidates:
        raise ValueError(f"candidates must be a non-empty mapping {{name: {{metric: value}}}}; got {candidates!r}.")
    table = {}
    for name, values in candidates.items():
        if not isinstance(values, Mapping):
            raise ValueError(f"candidates[{name!r}] must be a mapping of metric names to values; got {values!r}.")
        missing = [m for m in metrics if m not in values]
        if missing:
            raise ValueError(f"candidates[{name!r}] has no value for {missing}; it has {sorted(values)}.")
        table[name] = {m: check_scalar(f"candidates[{name!r}][{m!r}]", values[m]) for m in metrics}
    return table


def _check_bounds(name: str, bounds: object) -> tuple[float, float]:
    if not isinstance(bounds, tuple) or len(bounds) != 2:
        raise ValueError(f"satisficing[{name!r}] must be a pair (low, high), either of them None; got {bounds!r}.")
    low = -np.inf if bounds[0] is None else check_scalar(f"satisficing[{name!r}] low", bounds[0])
    high = np.inf if bounds[1] is None else check_scalar(f"satisficing[{name!r}] high", bounds[1])
    if low > high:
        raise ValueError(f"satisficing[{name!r}] has its low bound {low} above its high bound {high}.")
    return low, high
