r"""Face verification and recognition on encodings: the triplet loss, verify and who_is_it.

An encoder $f$ maps an image to a vector of $d$ numbers (128 in FaceNet). Two images show the
same person when their encodings are close. Encodings here are rows: ``(m, d)`` for $m$ images.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import as_float_array, check_nonnegative

__all__ = ["triplet_loss", "triplet_loss_backward", "verify", "who_is_it"]

Array = NDArray[np.float64]


def _check_triplet(y_pred: object) -> tuple[Array, Array, Array]:
    if not isinstance(y_pred, (tuple, list)) or len(y_pred) != 3:
        raise ValueError("y_pred must be the triple (anchor, positive, negative) of encodings, each (m, d).")
    anchor, positive, negative = (as_float_array(n, x) for n, x in zip(("anchor", "positive", "negative"), y_pred))
    if anchor.ndim != 2 or positive.shape != anchor.shape or negative.shape != anchor.shape:
        raise ValueError(
            f"anchor has shape {anchor.shape}, positive {positive.shape}, negative {negative.shape}; "
            "expected three 2-D arrays of the same shape (m, d), one encoding per row."
        )
    for name, x in (("anchor", anchor), ("positive", positive), ("negative", negative)):
        if np.isnan(x).any():
            raise ValueError(f"{name} holds NaN: its triplet would compare as not violated and drop out of the loss.")
    return anchor, positive, negative


def triplet_loss(y_true: object, y_pred: tuple[ArrayLike, ArrayLike, ArrayLike], alpha: float = 0.2) -> float:
    r"""The triplet loss, summed over the $m$ triplets.

    Parameters
    ----------
    y_true : object
        Unused; kept so the signature is the course's (Keras passes labels to every loss).
    y_pred : tuple of three array_like of shape (m, d)
        ``(anchor, positive, negative)``: encodings of an anchor image, of another image of the
        same person, and of an image of someone else.
    alpha : float, default 0.2
        The margin $\alpha \ge 0$.

    Returns
    -------
    loss : float

    Raises
    ------
    ValueError
        If the three encodings are not 2-D arrays of one shape, or `alpha` is negative.

    Notes
    -----
    $$\mathcal{J} = \sum_{i=1}^{m} \max\Bigl(\lVert f(A^{(i)}) - f(P^{(i)}) \rVert_2^2
    - \lVert f(A^{(i)}) - f(N^{(i)}) \rVert_2^2 + \alpha,\ 0\Bigr)$$

    The max is taken per triplet, then summed: summing first would let easy triplets hide the
    hard ones. The margin stops the trivial solution $f = 0$, for which both distances are 0.

    Examples
    --------
    >>> a, p, n = np.array([[0.0, 0.0], [0.0, 0.0]]), np.array([[1.0, 0.0], [1.0, 0.0]]), np.array([[0.0, 1.2], [0.0, 0.5]])
    >>> round(triplet_loss(None, (a, p, n)), 4)  # the first triplet is satisfied, the second is not
    0.95
    """
    anchor, positive, negative = _check_triplet(y_pred)
    alpha = check_nonnegative("alpha", alpha)
    # --8<-- [start:triplet_loss]
    pos_dist = np.sum((anchor - positive) ** 2, axis=1)  # (m,): ||f(A) - f(P)||^2
    neg_dist = np.sum((anchor - negative) ** 2, axis=1)  # (m,): ||f(A) - f(N)||^2
    basic_loss = pos_dist - neg_dist + alpha
    loss = np.sum(np.maximum(basic_loss, 0.0))  # max per triplet, THEN the sum
    # --8<-- [end:triplet_loss]
    return float(loss)


def triplet_loss_backward(
    y_pred: tuple[ArrayLike, ArrayLike, ArrayLike], alpha: float = 0.2
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    r"""Gradient of `triplet_loss` with respect to the three encodings.

    Parameters
    ----------
    y_pred : tuple of three array_like of shape (m, d)
        ``(anchor, positive, negative)``.
    alpha : float, default 0.2
        The margin.

    Returns
    -------
    d_anchor, d_positive, d_negative : ndarray of shape (m, d)

    Raises
    ------
    ValueError
        As `triplet_loss`.

    Notes
    -----
    Only the triplets with a positive loss contribute ($[\cdot]$ is 1 when it holds, else 0):

    $$\frac{\partial \mathcal{J}}{\partial f(A)} = 2\bigl(f(N) - f(P)\bigr)\,[\ell > 0], \quad
    \frac{\partial \mathcal{J}}{\partial f(P)} = -2\bigl(f(A) - f(P)\bigr)\,[\ell > 0], \quad
    \frac{\partial \mathcal{J}}{\partial f(N)} = 2\bigl(f(A) - f(N)\bigr)\,[\ell > 0]$$

    Examples
    --------
    >>> a, p, n = np.array([[0.0, 0.0]]), np.array([[1.0, 0.0]]), np.array([[0.0, 0.5]])
    >>> [(g + 0.0).tolist() for g in triplet_loss_backward((a, p, n))]  # + 0.0 turns -0.0 into 0.0
    [[[-2.0, 1.0]], [[2.0, 0.0]], [[0.0, -1.0]]]
    """
    anchor, positive, negative = _check_triplet(y_pred)
    alpha = check_nonnegative("alpha", alpha)
    # --8<-- [start:triplet_loss_backward]
    basic_loss = np.sum((anchor - positive) ** 2, axis=1) - np.sum((anchor - negative) ** 2, axis=1) + alpha
    active = (basic_loss > 0.0)[:, None]  # (m, 1): triplets that still violate the margin
    d_anchor = 2.0 * (negative - positive) * active
    d_positive = -2.0 * (anchor - positive) * active
    d_negative = 2.0 * (anchor - negative) * active
    # --8<-- [end:triplet_loss_backward]
    return d_anchor, d_positive, d_negative


def _check_encoding(encoding: ArrayLike, database: object) -> tuple[Array, dict[str, Array]]:
    encoding = as_float_array("encoding", encoding)
    if not isinstance(database, dict) or not database:
        raise ValueError("database must be a non-empty dict {name: encoding}.")
    checked = {name: as_float_array(f"database[{name!r}]", e) for name, e in database.items()}
    for name, e in checked.items():
        if e.shape != encoding.shape:
            raise ValueError(f"database[{name!r}] has shape {e.shape} and encoding has shape {encoding.shape}; they must match.")
    for name, e in [("encoding", encoding), *((f"database[{k!r}]", v) for k, v in checked.items())]:
        if np.isnan(e).any():
            raise ValueError(f"{name} holds NaN: its distances would compare as False and be ignored.")
    return encoding, checked


def verify(encoding: ArrayLike, identity: str, database: dict[str, ArrayLike], threshold: float = 0.7) -> tuple[float, bool]:
    r"""Face verification: is this the person they claim to be?

    Parameters
    ----------
    encoding : array_like of shape (d,) or (1, d)
        Encoding of the image at the door.
    identity : str
        The name claimed, a key of `database`.
    database : dict
        ``{name: encoding}``, one encoding per person, of the shape of `encoding`.
    threshold : float, default 0.7
        The largest distance that still counts as the same person.

    Returns
    -------
    dist : float
        $\lVert f(\text{image}) - f(\text{identity}) \rVert_2$.
    door_open : bool
        ``dist < threshold``.

    Raises
    ------
    ValueError
        If `identity` is not in `database`, or the shapes differ.

    Notes
    -----
    $$d = \lVert f(x) - f(x_{\text{identity}}) \rVert_2, \qquad \text{open if } d < \tau$$

    Examples
    --------
    >>> database = {"ana": np.array([0.0, 1.0]), "ben": np.array([1.0, 0.0])}
    >>> dist, door_open = verify(np.array([0.1, 0.9]), "ana", database)
    >>> round(dist, 4), door_open
    (0.1414, True)
    """
    encoding, database = _check_encoding(encoding, database)
    if identity not in database:
        raise ValueError(f"identity {identity!r} is not in the database ({sorted(database)}).")
    threshold = check_nonnegative("threshold", threshold)
    # --8<-- [start:verify]
    dist = float(np.linalg.norm(encoding - database[identity]))
    door_open = dist < threshold
    # --8<-- [end:verify]
    return dist, bool(door_open)


def who_is_it(encoding: ArrayLike, database: dict[str, ArrayLike], threshold: float = 0.7) -> tuple[float, str | None]:
    r"""Face recognition: the closest person in the database, if close enough.

    Parameters
    ----------
    encoding : array_like of shape (d,) or (1, d)
        Encoding of the image.
    database : dict
        ``{name: encoding}``.
    threshold : float, default 0.7
        Beyond this distance the person is not recognised.

    Returns
    -------
    min_dist : float
        Distance to the closest encoding.
    identity : str or None
        That person's name, or None when `min_dist` is not below `threshold` (the course prints
        "Not in the database").

    Raises
    ------
    ValueError
        If the database is empty or the shapes differ.

    Notes
    -----
    $$\text{identity} = \operatorname{argmin}_{k} \lVert f(x) - f(x_k) \rVert_2$$

    Examples
    --------
    >>> database = {"ana": np.array([0.0, 1.0]), "ben": np.array([1.0, 0.0])}
    >>> who_is_it(np.array([0.9, 0.2]), database)[1], who_is_it(np.array([5.0, 5.0]), database)[1]
    ('ben', None)
    """
    encoding, database = _check_encoding(encoding, database)
    threshold = check_nonnegative("threshold", threshold)
    # --8<-- [start:who_is_it]
    distances = {name: float(np.linalg.norm(encoding - e)) for name, e in database.items()}
    identity = min(distances, key=distances.get)
    min_dist = distances[identity]
    # --8<-- [end:who_is_it]
    return min_dist, (identity if min_dist < threshold else None)
