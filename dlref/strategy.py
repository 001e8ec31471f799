r"""Where to look next: human-level error as a proxy for Bayes error, the gaps between the errors
a project measures, and the knob of orthogonalization that each gap calls for.

Errors are fractions in $[0, 1]$ (``0.08`` for 8%). `dlref.bias_variance` reads the first two
gaps (avoidable bias and variance) as high or not; this module adds the training-dev set, which
separates variance from data mismatch, and the test set, which shows overfitting to the dev set.
"""

from __future__ import annotations

from collections.abc import Mapping

from dlref._validation import check_scalar
from dlref.bias_variance import _check_error, diagnose_bias_variance

__all__ = ["bayes_error_proxy", "error_gaps", "largest_gap", "orthogonalization_stage"]

# --8<-- [start:STAGES]
STAGES = {  # problem: (stage of the chain, the knobs that act on it and on little else)
    "avoidable_bias": ("fit the training set well on the cost function",
                       ("bigger network", "better optimizer (Adam)", "train longer",
                        "other architecture or hyperparameters")),
    "variance": ("fit the dev set well",
                 ("regularization (L2, dropout, augmentation)", "bigger training set",
                  "other architecture or hyperparameters")),
    "data_mismatch": ("fit the dev set well when it comes from another distribution",
                      ("error analysis of how training and dev data differ",
                       "training data made more like the dev data (collected or synthesized)")),
    "dev_overfitting": ("fit the test set well", ("bigger dev set",)),
    "real_world": ("perform well in the real world",
                   ("dev and test sets that reflect the real data", "another cost function")),
}
# --8<-- [end:STAGES]


def orthogonalization_stage(problem: str) -> dict[str, object]:
    r"""Name the stage of the chain of assumptions that a diagnosed problem breaks, and its knobs.

    Parameters
    ----------
    problem : {"avoidable_bias", "variance", "data_mismatch", "dev_overfitting", "real_world"}
        The diagnosis, for example ``largest_gap(error_gaps(...))``; ``"real_world"`` is a
        system that does well on its test set but not for its users.

    Returns
    -------
    stage : dict
        ``{"problem": str, "stage": str, "knobs": tuple of str}``: the assumption that fails
        and the remedies that act on it.

    Raises
    ------
    ValueError
        If `problem` is not one of the five names.

    Notes
    -----
    The chain, in order: fit the training set, then the dev set, then the test set, then the
    real world. Orthogonalization means having one knob per link, so that fixing one does not
    disturb the others. Early stopping is a knob that is not orthogonal: it fits the training
    set less well in order to do better on the dev set.

    Examples
    --------
    >>> orthogonalization_stage("dev_overfitting")["knobs"]
    ('bigger dev set',)
    """
    if problem not in STAGES:
        raise ValueError(f"problem must be one of {list(STAGES)}; got {problem!r}.")
    stage, knobs = STAGES[problem]
    return {"problem": problem, "stage": stage, "knobs": knobs}


def bayes_error_proxy(human_errors: Mapping[str, float]) -> tuple[str, float]:
    r"""The human-level error to use as a proxy for Bayes error: the best that people reach.

    Parameters
    ----------
    human_errors : mapping of str to float
        The error of each kind of human judge, fractions in $[0, 1]$; for example a typical
        person, a typical doctor, an experienced doctor, a team of experienced doctors.

    Returns
    -------
    name : str
        The judge with the lowest error (the first one on a tie).
    error : float
        That error: Bayes error is no larger, so it is the best available estimate.

    Raises
    ------
    ValueError
        If `human_errors` is empty or an error is outside $[0, 1]$.

    Notes
    -----
    $$\text{Bayes error} \le \min_j \, e_j^{\text{human}}$$

    Examples
    --------
    >>> bayes_error_proxy({"one reader": 0.01, "a panel of readers": 0.004})
    ('a panel of readers', 0.004)
    """
    if not isinstance(human_errors, Mapping) or not human_errors:
        raise ValueError(f"human_errors must be a non-empty mapping {{judge: error}}; got {human_errors!r}.")
    errors = {name: _check_error(f"human_errors[{name!r}]", e) for name, e in human_errors.items()}
    # --8<-- [start:bayes_error_proxy]
    name = min(errors, key=errors.__getitem__)  # the best human performance
    # --8<-- [end:bayes_error_proxy]
    return name, errors[name]


def error_gaps(
    human_error: float,
    train_error: float,
    dev_error: float,
    train_dev_error: float | None = None,
    test_error: float | None = None,
) -> dict[str, float]:
    r"""Split the errors a project measures into the gaps between consecutive ones.

    Parameters
    ----------
    human_error : float
        Human-level error, the proxy for Bayes error (`bayes_error_proxy`).
    train_error : float
        Error on the training set.
    dev_error : float
        Error on the dev set.
    train_dev_error : float, optional
        Error on the training-dev set: examples from the training distribution that the model
        was not trained on. Without it, variance and data mismatch cannot be told apart, and
        their sum is reported as variance.
    test_error : float, optional
        Error on the test set, from the dev set's distribution.

    Returns
    -------
    gaps : dict
        ``avoidable_bias`` and ``variance``, then ``data_mismatch`` when `train_dev_error` is
        given and ``dev_overfitting`` when `test_error` is given, in this order.

    Raises
    ------
    ValueError
        If an error is outside $[0, 1]$.

    See Also
    --------
    dlref.bias_variance.diagnose_bias_variance : which of the first two gaps is high.
    largest_gap : the gap to work on first.

    Notes
    -----
    $$\begin{aligned}
    \text{avoidable bias} &= e_{\text{train}} - e_{\text{human}} \\
    \text{variance} &= e_{\text{train-dev}} - e_{\text{train}} \\
    \text{data mismatch} &= e_{\text{dev}} - e_{\text{train-dev}} \\
    \text{overfitting to the dev set} &= e_{\text{test}} - e_{\text{dev}}
    \end{aligned}$$

    A negative avoidable bias means the model beats the human proxy on its training set: the
    true Bayes error is then unknown, and so is the avoidable bias.

    Examples
    --------
    >>> gaps = error_gaps(0.0, 0.01, 0.10, train_dev_error=0.015)
    >>> {name: round(gap, 4) for name, gap in gaps.items()}
    {'avoidable_bias': 0.01, 'variance': 0.005, 'data_mismatch': 0.085}
    """
    human_error = _check_error("human_error", human_error)
    train_error = _check_error("train_error", train_error)
    dev_error = _check_error("dev_error", dev_error)
    # --8<-- [start:error_gaps]
    seen = dev_error if train_dev_error is None else _check_error("train_dev_error", train_dev_error)
    d = diagnose_bias_variance(train_error, seen, bayes_error=human_error)
    gaps = {"avoidable_bias": d["avoidable_bias"],  # train - human
            "variance": d["variance"]}  # train-dev - train (dev - train without a train-dev set)
    if train_dev_error is not None:
        gaps["data_mismatch"] = dev_error - seen  # dev - train-dev
    if test_error is not None:
        gaps["dev_overfitting"] = _check_error("test_error", test_error) - dev_error  # test - dev
    # --8<-- [end:error_gaps]
    return gaps


def largest_gap(gaps: Mapping[str, float]) -> str:
    r"""The gap to work on first: the largest one.

    Parameters
    ----------
    gaps : mapping of str to float
        As returned by `error_gaps`.

    Returns
    -------
    name : str
        The key of the largest gap (the first in order on a tie), to pass to
        `orthogonalization_stage`.

    Raises
    ------
    ValueError
        If `gaps` is empty, has a name `orthogonalization_stage` does not know, or a gap that
        is not a finite number.

    Notes
    -----
    $$\text{focus} = \arg\max_{g} \; \text{gap}_g$$

    Examples
    --------
    >>> largest_gap({"avoidable_bias": 0.07, "variance": 0.02})
    'avoidable_bias'
    """
    if not isinstance(gaps, Mapping) or not gaps:
        raise ValueError(f"gaps must be a non-empty mapping such as error_gaps returns; got {gaps!r}.")
    unknown = [name for name in gaps if name not in STAGES]
    if unknown:
        raise ValueError(f"gaps has unknown name(s) {unknown}; expected some of {list(STAGES)}.")
    values = {name: check_scalar(f"gaps[{name!r}]", value) for name, value in gaps.items()}
    return max(values, key=values.__getitem__)

