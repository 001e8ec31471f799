r"""Error analysis: tally the dev-set mistakes by cause, and bound what fixing each cause can gain.

Look at a sample of the misclassified dev examples, give each one tags (a dog taken for a cat,
a blurry picture, a wrong label, ...), and count. A cause seen in a fraction $f$ of the
mistakes can remove at most a fraction $f$ of the dev error: that is its *ceiling*.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import check_count, check_matrix, check_same_shape
from dlref.bias_variance import _check_error

__all__ = ["error_ceiling", "mistake_tags", "tally_errors"]


def error_ceiling(count: int, examined: int, dev_error: float) -> float:
    r"""The most that removing one cause of mistakes can take off the dev error.

    Parameters
    ----------
    count : int
        Mistakes with this cause among those examined, at least 0.
    examined : int
        Misclassified dev examples looked at, at least 1 and at least `count`.
    dev_error : float
        The dev error, a fraction in $[0, 1]$.

    Returns
    -------
    ceiling : float
        The share of the dev error due to this cause: fixing every such mistake lowers the
        dev error to ``dev_error - ceiling`` and no further.

    Raises
    ------
    ValueError
        If a count is negative or not an integer, `count` exceeds `examined`, or `dev_error`
        is outside $[0, 1]$.

    Notes
    -----
    $$\text{ceiling} = \frac{\text{count}}{\text{examined}} \times e_{\text{dev}}$$

    The same bound says how much incorrectly labelled dev examples weigh in the dev error.

    Examples
    --------
    >>> round(error_ceiling(count=5, examined=100, dev_error=0.10), 4)  # the course's dogs
    0.005
    """
    examined = check_count("examined", examined, minimum=1)
    count = check_count("count", count)
    if count > examined:
        raise ValueError(f"count ({count}) cannot exceed examined ({examined}): it counts some of the examined mistakes.")
    dev_error = _check_error("dev_error", dev_error)
    # --8<-- [start:error_ceiling]
    ceiling = count / examined * dev_error  # this cause's share of the mistakes, times the error
    # --8<-- [end:error_ceiling]
    return ceiling


def tally_errors(tags: Sequence[str | Iterable[str]], dev_error: float) -> dict[str, dict[str, float]]:
    r"""Count the tags of the examined mistakes, each with its share and its ceiling.

    Parameters
    ----------
    tags : sequence
        One entry per examined mistake: a tag (a ``str``) or an iterable of tags (several
        causes at once, or none). A tag is counted at most once per mistake.
    dev_error : float
        The dev error, a fraction in $[0, 1]$.

    Returns
    -------
    tally : dict
        ``{tag: {"count": int, "fraction": float, "ceiling": float}}``, the most frequent tag
        first (ties in the order the tags first appear). The fractions may add up to more
        than 1, since a mistake may carry several tags.

    Raises
    ------
    ValueError
        If `tags` is empty or holds an entry that is not a string or an iterable of strings,
        or `dev_error` is outside $[0, 1]$.

    See Also
    --------
    error_ceiling : the bound of one tag.

    Notes
    -----
    $$\text{fraction}_t = \frac{\#\{\text{mistakes tagged } t\}}{\#\{\text{mistakes examined}\}},
    \qquad \text{ceiling}_t = \text{fraction}_t \times e_{\text{dev}}$$

    Examples
    --------
    >>> tally = tally_errors([["dog"], ["blurry"], ["dog", "blurry"], "blurry"], dev_error=0.1)
    >>> {tag: (row["count"], round(row["ceiling"], 4)) for tag, row in tally.items()}
    {'blurry': (3, 0.075), 'dog': (2, 0.05)}
    """
    dev_error = _check_error("dev_error", dev_error)
    per_mistake = _check_tags(tags)
    # --8<-- [start:tally_errors]
    counts = Counter(tag for mistake in per_mistake for tag in mistake)
    examined = len(per_mistake)
    tally = {tag: {"count": n, "fraction": n / examined, "ceiling": error_ceiling(n, examined, dev_error)}
             for tag, n in counts.most_common()}  # most frequent first
    # --8<-- [end:tally_errors]
    return tally


def mistake_tags(y: ArrayLike, y_hat: ArrayLike) -> tuple[NDArray[np.int64], list[str]]:
    r"""Tag each misclassified example of a multi-class classifier by its true and predicted class.

    Parameters
    ----------
    y : array_like of shape (1, m)
        True class labels, whole numbers from 0 (as `dlref.deep_network.predict` returns them).
    y_hat : array_like of shape (1, m)
        Predicted class labels.

    Returns
    -------
    indices : ndarray of int, shape (k,)
        The columns of the $k$ misclassified examples, in order.
    tags : list of str
        ``"3→8"`` for a 3 predicted as an 8, one per misclassified example; pass them to
        `tally_errors`.

    Raises
    ------
    ValueError
        If `y` is not a ``(1, m)`` row, `y_hat` does not have its shape, or a label is not a
        whole number at least 0.

    Notes
    -----
    $$\text{mistakes} = \{\, i : \hat y^{(i)} \ne y^{(i)} \,\}$$

    Examples
    --------
    >>> indices, tags = mistake_tags([[3, 3, 5, 8]], [[3, 8, 5, 3]])
    >>> indices.tolist(), tags
    ([1, 3], ['3→8', '8→3'])
    """
    y = check_matrix("y", y, (1, "m"), hint="Labels are one row with one column per example.")
    y_hat = check_same_shape("y_hat", y_hat, "y", y)
    for name, labels in (("y", y), ("y_hat", y_hat)):
        if not np.all((labels >= 0) & (labels == np.round(labels))):
            raise ValueError(f"{name} must hold class labels 0, 1, 2, ...; got values from {labels.min()} to {labels.max()}.")
    # --8<-- [start:mistake_tags]
    indices = np.flatnonzero(y_hat[0] != y[0])  # the misclassified columns
    tags = [f"{int(y[0, i])}→{int(y_hat[0, i])}" for i in indices]  # true→predicted
    # --8<-- [end:mistake_tags]
    return indices, tags


def _check_tags(tags: object) -> list[list[str]]:
    if isinstance(tags, str) or not isinstance(tags, Sequence) or len(tags) == 0:
        raise ValueError(f"tags must be a non-empty list with one entry per examined mistake; got {tags!r}.")
    per_mistake = []
    for i, entry in enumerate(tags):
        entry = [entry] if isinstance(entry, str) else list(entry) if isinstance(entry, Iterable) else None
        if entry is None or not all(isinstance(tag, str) for tag in entry):
            raise ValueError(f"tags[{i}] must be a tag (str) or an iterable of tags; got {tags[i]!r}.")
        per_mistake.append(list(dict.fromkeys(entry)))  # each tag once, in order
    return per_mistake
