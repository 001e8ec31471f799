r"""Mini-batches: one shuffle of the examples, then consecutive slices of the columns.

``X`` has shape ``(n_x, m)`` and ``Y`` shape ``(n_y, m)`` (``n_y = 1`` for binary labels,
$C$ for one-hot labels). Mini-batch $t$ is written $X^{\{t\}}, Y^{\{t\}}$ in the course.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import check_count, check_generator, check_matrix

__all__ = ["random_mini_batches"]


def random_mini_batches(
    X: ArrayLike,
    Y: ArrayLike,
    mini_batch_size: int = 64,
    *,
    rng: np.random.Generator,
) -> list[tuple[NDArray[np.float64], NDArray[np.float64]]]:
    r"""Shuffle the examples and cut them into mini-batches of `mini_batch_size` columns.

    Parameters
    ----------
    X : array_like of shape (n_x, m)
        Inputs, one example per column.
    Y : array_like of shape (n_y, m)
        Labels, one column per example.
    mini_batch_size : int, default 64
        Number of examples per mini-batch, at least 1 (the course suggests a power of two
        such as 64, 128, 256 or 512).
    rng : numpy.random.Generator
        Source of the shuffle (keyword only). Pass the same generator every epoch, so each
        epoch gets a new order.

    Returns
    -------
    mini_batches : list of (mini_batch_X, mini_batch_Y)
        $\lceil m / s \rceil$ pairs, with $s$ = `mini_batch_size`; ``mini_batch_X`` has
        shape ``(n_x, s)`` and ``mini_batch_Y`` shape ``(n_y, s)``, except the last pair,
        which holds the remaining $m \bmod s$ examples when $s$ does not divide $m$.

    Raises
    ------
    ValueError
        If `X` or `Y` is not 2-D, their numbers of columns differ, `mini_batch_size` is not
        a positive integer, or `rng` is not a ``numpy.random.Generator``.

    Notes
    -----
    With a permutation $\pi$ of the $m$ columns, shared by `X` and `Y` so that every label
    stays with its example, and $s$ = `mini_batch_size`:

    $$X^{\{t\}} = X_{:,\, \pi(ts + 1), \dots, \pi(\min((t + 1)s,\, m))}, \qquad
    t = 0, \dots, \lceil m / s \rceil - 1$$

    and likewise for $Y^{\{t\}}$. Every example is in exactly one mini-batch per epoch.

    Examples
    --------
    >>> X = np.arange(10.0).reshape(2, 5)
    >>> Y = np.array([[0.0, 1.0, 2.0, 3.0, 4.0]])
    >>> batches = random_mini_batches(X, Y, 2, rng=np.random.default_rng(0))
    >>> [b_X.shape for b_X, b_Y in batches]
    [(2, 2), (2, 2), (2, 1)]
    >>> all((b_X[0] == b_Y[0]).all() for b_X, b_Y in batches)  # labels follow their examples
    True
    """
    X = check_matrix("X", X, ("n_x", "m"), hint="Inputs have one example per column.")
    m = X.shape[1]
    Y = check_matrix("Y", Y, ("n_y", m), hint="Labels have one column per example, like X.")
    mini_batch_size = check_count("mini_batch_size", mini_batch_size, minimum=1)
    rng = check_generator("rng", rng)
    # --8<-- [start:random_mini_batches]
    permutation = rng.permutation(m)  # one shuffle for both X and Y
    shuffled_X, shuffled_Y = X[:, permutation], Y[:, permutation]
    mini_batches = []
    for t in range(math.ceil(m / mini_batch_size)):  # the last batch may be smaller
        columns = slice(t * mini_batch_size, (t + 1) * mini_batch_size)
        mini_batches.append((shuffled_X[:, columns], shuffled_Y[:, columns]))
    # --8<-- [end:random_mini_batches]
    return mini_batches
