r"""Learning word embeddings: the skip-gram loss with negative sampling, and the GloVe objective.

Word vectors are **1-D** arrays ``(n_e,)`` as in `dlref.word_vectors`; a set of them is a matrix
with one word per row, ``(V, n_e)``. Each loss returns its value and its gradients, which the
tests check against centred differences.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import as_float_array, check_positive
from dlref.activations import sigmoid

__all__ = ["glove_loss", "negative_sampling_distribution", "skipgram_batch_loss", "skipgram_negative_sampling_loss"]



def _log_sigmoid(z: NDArray[np.float64]) -> NDArray[np.float64]:
    return -np.logaddexp(0.0, -z)  # log sigma(z), finite for any z


def skipgram_negative_sampling_loss(e_c: ArrayLike, theta_t: ArrayLike, theta_neg: ArrayLike):
    r"""The loss of one (context, target) pair and $k$ negative words: $k + 1$ logistic regressions.

    Parameters
    ----------
    e_c : array_like of shape (n_e,)
        The context word's embedding.
    theta_t : array_like of shape (n_e,)
        The output parameters of the true target word (label 1).
    theta_neg : array_like of shape (k, n_e)
        The output parameters of $k$ words drawn at random (label 0), one per row.

    Returns
    -------
    loss : float
    gradients : dict
        ``de_c (n_e,)``, ``dtheta_t (n_e,)``, ``dtheta_neg (k, n_e)``.

    Raises
    ------
    ValueError
        If the vectors do not share one length or `theta_neg` is not 2-D.

    Notes
    -----
    $$P(y = 1 \mid c, t) = \sigma(\theta_t^T e_c), \qquad
    \mathcal{L} = -\log \sigma(\theta_t^T e_c) - \sum_{i=1}^{k} \log \sigma(-\theta_i^T e_c)$$

    $$\frac{\partial \mathcal{L}}{\partial e_c} = (\sigma(\theta_t^T e_c) - 1)\,\theta_t + \sum_i \sigma(\theta_i^T e_c)\,\theta_i$$

    Examples
    --------
    >>> loss, g = skipgram_negative_sampling_loss(np.zeros(2), np.ones(2), np.ones((3, 2)))
    >>> round(loss, 4), g["de_c"].tolist()
    (2.7726, [1.0, 1.0])
    """
    e_c, theta_t, theta_neg = as_float_array("e_c", e_c), as_float_array("theta_t", theta_t), as_float_array("theta_neg", theta_neg)
    if e_c.ndim != 1 or theta_t.shape != e_c.shape or theta_neg.ndim != 2 or theta_neg.shape[1] != e_c.size:
        raise ValueError(f"e_c, theta_t, theta_neg have shapes {e_c.shape}, {theta_t.shape}, {theta_neg.shape}; "
                         "expected (n_e,), (n_e,) and (k, n_e).")
    # --8<-- [start:skipgram_negative_sampling_loss]
    z_t, z_neg = theta_t @ e_c, theta_neg @ e_c  # scalar and (k,)
    loss = -_log_sigmoid(z_t) - np.sum(_log_sigmoid(-z_neg))
    s_t, s_neg = sigmoid(z_t), sigmoid(z_neg)
    de_c = (s_t - 1) * theta_t + s_neg @ theta_neg
    dtheta_t = (s_t - 1) * e_c
    dtheta_neg = s_neg[:, None] * e_c[None, :]  # (k, n_e)
    # --8<-- [end:skipgram_negative_sampling_loss]
    return float(loss), {"de_c": de_c, "dtheta_t": dtheta_t, "dtheta_neg": dtheta_neg}


def _indices(name: str, x: ArrayLike, V: int | None, ndim: int, rows: int | None = None, of: str = "the rows of E") -> NDArray[np.intp]:
    """Word indices as an integer array of `ndim` dimensions, each in [0, V) (V None: any index >= 0)."""
    if x is None:
        raise ValueError(f"{name} must be an array of word indices, got None.")
    arr = np.asarray(x)
    if arr.ndim != ndim or arr.dtype.kind not in "iu" or (rows is not None and arr.shape[0] != rows):
        expected = "(B,)" if ndim == 1 else "(B, k)"
        raise ValueError(f"{name} has shape {arr.shape} and dtype {arr.dtype}; expected integer word indices of shape {expected}"
                         + (f" with B = {rows}" if rows is not None else "") + ".")
    if arr.size and (arr.min() < 0 or (V is not None and arr.max() >= V)):
        allowed = "non-negative word indices" if V is None else f"word indices from 0 to {V - 1} ({of})"
        raise ValueError(f"{name} must hold {allowed}; got {arr.min()} to {arr.max()}.")
    return arr.astype(np.intp, copy=False)


def skipgram_batch_loss(E: ArrayLike, theta: ArrayLike, contexts: ArrayLike, targets: ArrayLike, negatives: ArrayLike):
    r"""The skip-gram loss with negative sampling summed over a batch of pairs, with the gradients of both matrices.

    The same formula as `skipgram_negative_sampling_loss`, for $B$ (context, target) pairs at
    once; the tests check it against that function pair by pair.

    Parameters
    ----------
    E : array_like of shape (V, n_e)
        The embeddings, one word per row: $e_c$ is ``E[c]``.
    theta : array_like of shape (V, n_e)
        The output parameters, one word per row.
    contexts, targets : array_like of int, shape (B,)
        The context word and the true target word of each pair, as row indices.
    negatives : array_like of int, shape (B, k)
        The $k$ words drawn at random for each pair.

    Returns
    -------
    loss : float
        The sum of the $B$ pairs' losses.
    gradients : dict
        ``dE (V, n_e)`` and ``dtheta (V, n_e)``: a word's row adds up the gradients of every pair
        that uses it; the rows of words the batch does not use are zero.

    Raises
    ------
    ValueError
        If `E` and `theta` differ in shape, or an index array has the wrong shape, is not integer, or
        holds an index outside ``0 … V - 1``.

    Notes
    -----
    $$\mathcal{L} = \sum_{b=1}^{B} \Bigl( -\log \sigma(\theta_{t_b}^T e_{c_b}) - \sum_{i=1}^{k} \log \sigma(-\theta_{n_{bi}}^T e_{c_b}) \Bigr)$$

    Examples
    --------
    >>> loss, g = skipgram_batch_loss(np.ones((3, 2)), np.zeros((3, 2)), [0, 1], [1, 2], [[2], [0]])
    >>> round(loss, 4), g["dtheta"].tolist()
    (2.7726, [[0.5, 0.5], [-0.5, -0.5], [0.0, 0.0]])
    """
    E, theta = as_float_array("E", E), as_float_array("theta", theta)
    if E.ndim != 2 or theta.shape != E.shape:
        raise ValueError(f"E has shape {E.shape} and theta {theta.shape}; expected two arrays of one shape (V, n_e).")
    V, n_e = E.shape
    contexts = _indices("contexts", contexts, V, 1)
    targets, negatives = _indices("targets", targets, V, 1, contexts.size), _indices("negatives", negatives, V, 2, contexts.size)
    # --8<-- [start:skipgram_batch_loss]
    e_c, theta_t, theta_neg = E[contexts], theta[targets], theta[negatives]  # (B, n_e), (B, n_e), (B, k, n_e)
    z_t = np.einsum("bi,bi->b", theta_t, e_c)  # theta_t . e_c for every pair
    z_neg = np.einsum("bki,bi->bk", theta_neg, e_c)
    loss = -np.sum(_log_sigmoid(z_t)) - np.sum(_log_sigmoid(-z_neg))
    s_t, s_neg = sigmoid(z_t)[:, None], sigmoid(z_neg)
    de_c = (s_t - 1) * theta_t + np.einsum("bk,bki->bi", s_neg, theta_neg)
    dE, dtheta = np.zeros_like(E), np.zeros_like(theta)
    np.add.at(dE, contexts, de_c)  # a word used by several pairs adds up their gradients
    np.add.at(dtheta, targets, (s_t - 1) * e_c)
    np.add.at(dtheta, negatives.ravel(), (s_neg[:, :, None] * e_c[:, None, :]).reshape(-1, n_e))
    # --8<-- [end:skipgram_batch_loss]
    return float(loss), {"dE": dE, "dtheta": dtheta}


def negative_sampling_distribution(counts: ArrayLike, power: float = 0.75) -> NDArray[np.float64]:
    r"""The distribution negative words are drawn from: frequencies raised to the power 3/4, renormalized.

    Parameters
    ----------
    counts : array_like of shape (V,)
        How often each word occurs in the corpus.
    power : float, default 0.75

    Returns
    -------
    p : ndarray of shape (V,)
        Sums to 1.

    Raises
    ------
    ValueError
        If a count is negative or all are zero.

    Notes
    -----
    $$P(w_i) = \frac{f(w_i)^{3/4}}{\sum_{j} f(w_j)^{3/4}}$$

    between sampling by frequency (which draws "the", "of", "and" most of the time) and sampling
    uniformly (which ignores how words are used).

    Examples
    --------
    >>> negative_sampling_distribution([16.0, 1.0]).round(4).tolist()
    [0.8889, 0.1111]
    """
    counts = as_float_array("counts", counts)
    power = check_positive("power", power)
    if counts.ndim != 1 or not np.all(counts >= 0) or not np.any(counts > 0):  # a NaN fails counts >= 0
        raise ValueError(f"counts must be a 1-D array of non-negative counts (no NaN), not all zero; got shape {counts.shape}.")
    # --8<-- [start:negative_sampling_distribution]
    weights = counts**power
    p = weights / weights.sum()
    # --8<-- [end:negative_sampling_distribution]
    return p


def glove_loss(X: ArrayLike, theta: ArrayLike, e: ArrayLike, b: ArrayLike, b_prime: ArrayLike, x_max: float = 100.0, alpha: float = 0.75):
    r"""The GloVe objective: weighted squared errors between $\theta_i^T e_j + b_i + b'_j$ and $\log X_{ij}$.

    Parameters
    ----------
    X : array_like of shape (V, V)
        Co-occurrence counts: $X_{ij}$ is how often word $j$ appears in the context of word $i$.
    theta, e : array_like of shape (V, n_e)
        The two sets of word vectors, one word per row (GloVe's final embedding is often their average).
    b, b_prime : array_like of shape (V,)
        The two sets of biases.
    x_max : float, default 100.0
    alpha : float, default 0.75

    Returns
    -------
    loss : float
    gradients : dict
        ``dtheta, de (V, n_e)``, ``db, db_prime (V,)``.

    Raises
    ------
    ValueError
        If the shapes do not fit or a count is negative.

    Notes
    -----
    $$J = \sum_{i=1}^{V} \sum_{j=1}^{V} f(X_{ij})\,\bigl(\theta_i^T e_j + b_i + b'_j - \log X_{ij}\bigr)^2, \qquad
    f(x) = \begin{cases} (x / x_{\max})^{\alpha} & x < x_{\max} \\ 1 & x \ge x_{\max} \end{cases}$$

    $f(0) = 0$, so pairs that never co-occur drop out, and with them $\log 0$.

    Examples
    --------
    >>> X = np.array([[0.0, 100.0], [100.0, 0.0]])
    >>> loss, g = glove_loss(X, np.zeros((2, 1)), np.zeros((2, 1)), np.zeros(2), np.zeros(2))
    >>> round(loss, 4), g["db"].round(4).tolist()
    (42.4152, [-9.2103, -9.2103])
    """
    X = as_float_array("X", X)
    theta, e = as_float_array("theta", theta), as_float_array("e", e)
    b, b_prime = as_float_array("b", b), as_float_array("b_prime", b_prime)
    V = X.shape[0] if X.ndim == 2 else -1
    if X.shape != (V, V) or theta.ndim != 2 or theta.shape[0] != V or e.shape != theta.shape or b.shape != (V,) or b_prime.shape != (V,):
        raise ValueError(f"X {X.shape}, theta {theta.shape}, e {e.shape}, b {b.shape}, b_prime {b_prime.shape}: "
                         "expected (V, V), (V, n_e), (V, n_e), (V,), (V,).")
    if np.any(X < 0):
        raise ValueError("X must hold non-negative co-occurrence counts.")
    x_max, alpha = check_positive("x_max", x_max), check_positive("alpha", alpha)
    # --8<-- [start:glove_loss]
    f = np.minimum(X / x_max, 1.0) ** alpha  # the weighting; f(0) = 0
    log_X = np.log(np.where(X > 0, X, 1.0))  # log 0 is never used: f(0) = 0 removes the pair
    residual = theta @ e.T + b[:, None] + b_prime[None, :] - log_X  # (V, V)
    loss = np.sum(f * residual**2)
    R = 2 * f * residual  # dJ / d(theta_i . e_j)
    gradients = {"dtheta": R @ e, "de": R.T @ theta, "db": R.sum(axis=1), "db_prime": R.sum(axis=0)}
    # --8<-- [end:glove_loss]
    return float(loss), gradients
