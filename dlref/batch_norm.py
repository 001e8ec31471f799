r"""Batch normalization of a layer's pre-activations $Z^{[l]}$, for training and for test time.

Shapes follow the course: ``Z`` is ``(n, m)``, one unit per row and one example per column;
batch norm normalizes each unit (row) over the $m$ examples of the mini-batch, and its
parameters $\gamma$ and $\beta$ are columns of shape ``(n, 1)``, like a bias $b^{[l]}$.

Gradients follow the course's convention: the upstream ``dZ_tilde`` is $m$ times the gradient
of the cost $J$ (as $dZ^{[L]} = A^{[L]} - Y$ is), the returned ``dZ`` keeps that scale, and
``dgamma``, ``dbeta`` are the gradients of $J$ itself, averaged over the examples like $db$.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import check_matrix, check_positive, check_same_shape, check_scalar

__all__ = [
    "batchnorm_backward",
    "batchnorm_forward",
    "batchnorm_inference",
    "update_running_averages",
]

EPSILON = 1e-8
r"""Default $\varepsilon$, added to the variance inside the square root."""


def batchnorm_forward(
    Z: ArrayLike, gamma: ArrayLike, beta: ArrayLike, epsilon: float = EPSILON
) -> tuple[NDArray[np.float64], dict[str, object]]:
    r"""Batch-normalize the pre-activations of a mini-batch during training.

    Parameters
    ----------
    Z : array_like of shape (n, m)
        Pre-activations $Z^{[l]}$ of a layer's $n$ units on a mini-batch of $m \ge 2$ examples.
    gamma : array_like of shape (n, 1)
        Learned scale $\gamma^{[l]}$, one per unit.
    beta : array_like of shape (n, 1)
        Learned shift $\beta^{[l]}$, one per unit (it takes the place of the bias $b^{[l]}$).
    epsilon : float, default 1e-8
        $\varepsilon > 0$, added to the variance so that a unit that is constant over the
        mini-batch does not divide by zero.

    Returns
    -------
    Z_tilde : ndarray of shape (n, m)
        $\tilde Z^{[l]}$, which goes into the activation: $A^{[l]} = g^{[l]}(\tilde Z^{[l]})$.
    cache : dict
        ``{"Z_norm": (n, m), "mu": (n, 1), "var": (n, 1), "gamma": (n, 1), "epsilon": float}``,
        kept for `batchnorm_backward`; ``mu`` and ``var`` also feed
        `update_running_averages`.

    Raises
    ------
    ValueError
        If `Z` is not 2-D with at least two columns, if `gamma` or `beta` is not an ``(n, 1)``
        column (a rank-1 ``(n,)`` or a row ``(1, n)`` above all), or if `epsilon` is not
        positive.

    Notes
    -----
    For each unit, over the examples $i = 1, \dots, m$ of the mini-batch:

    $$\mu = \frac{1}{m} \sum_{i} z^{(i)}, \qquad
    \sigma^2 = \frac{1}{m} \sum_{i} \bigl(z^{(i)} - \mu\bigr)^2$$

    $$z^{(i)}_{\text{norm}} = \frac{z^{(i)} - \mu}{\sqrt{\sigma^2 + \varepsilon}}, \qquad
    \tilde z^{(i)} = \gamma\, z^{(i)}_{\text{norm}} + \beta$$

    Examples
    --------
    >>> Z_tilde, cache = batchnorm_forward([[1.0, 3.0], [10.0, 10.0]], [[1.0], [1.0]], [[0.0], [5.0]])
    >>> Z_tilde.round(6).tolist()
    [[-1.0, 1.0], [5.0, 5.0]]
    >>> cache["mu"].tolist(), cache["var"].tolist()
    ([[2.0], [10.0]], [[1.0], [0.0]])
    """
    Z = check_matrix("Z", Z, ("n", "m"), hint="Pre-activations have one unit per row, one example per column.")
    if Z.shape[1] < 2:
        raise ValueError(
            f"Z has shape {Z.shape}: batch norm needs a mini-batch of at least 2 examples (columns) to "
            "estimate a mean and a variance; at test time use batchnorm_inference."
        )
    gamma, beta = _check_column("gamma", gamma, Z), _check_column("beta", beta, Z)
    epsilon = check_positive("epsilon", epsilon)
    # --8<-- [start:batchnorm_forward]
    mu = np.mean(Z, axis=1, keepdims=True)  # (n, 1): per unit, over examples
    var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)  # (n, 1), 1/m
    Z_norm = (Z - mu) / np.sqrt(var + epsilon)  # epsilon inside the square root
    Z_tilde = gamma * Z_norm + beta
    # --8<-- [end:batchnorm_forward]
    cache = {"Z_norm": Z_norm, "mu": mu, "var": var, "gamma": gamma, "epsilon": epsilon}
    return Z_tilde, cache


def batchnorm_backward(
    dZ_tilde: ArrayLike, cache: dict[str, object]
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    r"""Backward pass of `batchnorm_forward`, through the mean and the variance.

    Every $z^{(i)}$ of the mini-batch moves $\mu$ and $\sigma^2$ and so every
    $z^{(j)}_{\text{norm}}$; the two sums in the formula below are those paths. Dropping them
    (treating $\mu$ and $\sigma^2$ as constants) gives a wrong gradient.

    Parameters
    ----------
    dZ_tilde : array_like of shape (n, m)
        Gradient with respect to $\tilde Z$, in the course's scale (without the $1/m$ of the
        cost, like $dZ = A - Y$).
    cache : dict
        The cache returned by `batchnorm_forward`.

    Returns
    -------
    dZ : ndarray of shape (n, m)
        Gradient with respect to $Z$, in the same scale as `dZ_tilde`.
    dgamma : ndarray of shape (n, 1)
        $\partial J / \partial \gamma$.
    dbeta : ndarray of shape (n, 1)
        $\partial J / \partial \beta$.

    Raises
    ------
    ValueError
        If `cache` is not the dict of `batchnorm_forward` (a key missing, ``Z_norm`` not 2-D,
        ``var`` or ``gamma`` not an ``(n, 1)`` column, ``var`` negative, ``epsilon`` not
        positive), or `dZ_tilde` does not have the shape of the cached $Z$.

    Notes
    -----
    With $\hat z = z_{\text{norm}}$, $s = \sqrt{\sigma^2 + \varepsilon}$ and each sum over the
    $m$ examples of the mini-batch, per unit:

    $$d\beta = \frac{1}{m} \sum_{i} d\tilde z^{(i)}, \qquad
    d\gamma = \frac{1}{m} \sum_{i} d\tilde z^{(i)} \hat z^{(i)}, \qquad
    d\hat z^{(i)} = \gamma\, d\tilde z^{(i)}$$

    $$dz^{(i)} = \frac{1}{m s} \Bigl( m\, d\hat z^{(i)} - \sum_{j} d\hat z^{(j)}
    - \hat z^{(i)} \sum_{j} d\hat z^{(j)} \hat z^{(j)} \Bigr)$$

    The first sum is the path through $\mu$, the second the path through $\sigma^2$.

    Examples
    --------
    >>> Z_tilde, cache = batchnorm_forward([[1.0, 2.0, 6.0]], [[2.0]], [[0.0]])
    >>> dZ, dgamma, dbeta = batchnorm_backward([[3.0, 3.0, 3.0]], cache)
    >>> dZ.round(6).tolist(), round(float(dbeta[0, 0]), 6)  # a shift of every output: no change in Z helps
    ([[0.0, 0.0, 0.0]], 3.0)
    """
    Z_norm, var, gamma, epsilon = _check_bn_cache(cache)
    dZ_tilde = check_same_shape("dZ_tilde", dZ_tilde, "Z", Z_norm)
    # --8<-- [start:batchnorm_backward]
    m = Z_norm.shape[1]
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True) / m  # (n, 1), like db
    dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True) / m  # (n, 1)
    dZ_norm = gamma * dZ_tilde
    dZ = (
        m * dZ_norm
        - np.sum(dZ_norm, axis=1, keepdims=True)  # through the mean
        - Z_norm * np.sum(dZ_norm * Z_norm, axis=1, keepdims=True)  # through the variance
    ) / (m * np.sqrt(var + epsilon))
    # --8<-- [end:batchnorm_backward]
    return dZ, dgamma, dbeta


def update_running_averages(
    running_mean: ArrayLike,
    running_var: ArrayLike,
    mu: ArrayLike,
    var: ArrayLike,
    momentum: float = 0.9,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""Fold one mini-batch's mean and variance into exponentially weighted averages.

    During training, call it once per mini-batch with the ``mu`` and ``var`` of the cache of
    `batchnorm_forward`; at test time, `batchnorm_inference` uses the averages.

    Parameters
    ----------
    running_mean, running_var : array_like of shape (n, 1)
        The averages so far (often started at zeros and ones).
    mu, var : array_like of shape (n, 1)
        The current mini-batch's mean and variance of each unit.
    momentum : float, default 0.9
        Weight $\beta_{\text{avg}} \in [0, 1)$ of the past, as in the course's exponentially
        weighted averages (Keras calls it ``momentum`` too; PyTorch's ``momentum`` is
        $1 - \beta_{\text{avg}}$).

    Returns
    -------
    running_mean, running_var : ndarray of shape (n, 1)
        New arrays; the arguments are not modified.

    Raises
    ------
    ValueError
        If a shape differs from ``(n, 1)`` or `momentum` is outside $[0, 1)$.

    Notes
    -----
    $$\mu_{\text{run}} := \beta_{\text{avg}}\, \mu_{\text{run}} + (1 - \beta_{\text{avg}})\, \mu,
    \qquad
    \sigma^2_{\text{run}} := \beta_{\text{avg}}\, \sigma^2_{\text{run}}
    + (1 - \beta_{\text{avg}})\, \sigma^2$$

    No bias correction is applied; the averages forget their starting values after a few
    times $1 / (1 - \beta_{\text{avg}})$ mini-batches.

    Examples
    --------
    >>> mean, var = update_running_averages([[0.0]], [[1.0]], [[2.0]], [[3.0]], momentum=0.5)
    >>> mean.tolist(), var.tolist()
    ([[1.0]], [[2.0]])
    """
    running_mean = check_matrix("running_mean", running_mean, ("n", 1))
    running_var = _check_column("running_var", running_var, running_mean)
    mu = _check_column("mu", mu, running_mean)
    var = _check_column("var", var, running_mean)
    momentum = check_scalar("momentum", momentum)
    if not 0.0 <= momentum < 1.0:
        raise ValueError(f"momentum must be in [0, 1), got {momentum}.")
    # --8<-- [start:update_running_averages]
    running_mean = momentum * running_mean + (1.0 - momentum) * mu
    running_var = momentum * running_var + (1.0 - momentum) * var
    # --8<-- [end:update_running_averages]
    return running_mean, running_var


def batchnorm_inference(
    Z: ArrayLike,
    gamma: ArrayLike,
    beta: ArrayLike,
    running_mean: ArrayLike,
    running_var: ArrayLike,
    epsilon: float = EPSILON,
) -> NDArray[np.float64]:
    r"""Batch norm at test time: normalize with the running averages, not the batch's own statistics.

    At test time examples may come one at a time, so there is no mini-batch to average over;
    and a prediction should not depend on which other examples share its batch.

    Parameters
    ----------
    Z : array_like of shape (n, m)
        Pre-activations of any number $m \ge 1$ of examples.
    gamma, beta : array_like of shape (n, 1)
        The learned scale and shift.
    running_mean, running_var : array_like of shape (n, 1)
        The averages from `update_running_averages`; `running_var` non-negative.
    epsilon : float, default 1e-8
        The $\varepsilon$ used in training.

    Returns
    -------
    Z_tilde : ndarray of shape (n, m)

    Raises
    ------
    ValueError
        If a shape is wrong, `running_var` has a negative entry, or `epsilon` is not positive.

    Notes
    -----
    $$z_{\text{norm}} = \frac{z - \mu_{\text{run}}}{\sqrt{\sigma^2_{\text{run}} + \varepsilon}},
    \qquad \tilde z = \gamma\, z_{\text{norm}} + \beta$$

    Examples
    --------
    >>> batchnorm_inference([[7.0]], [[1.0]], [[0.0]], [[5.0]], [[4.0]], epsilon=1e-12).round(6).tolist()
    [[1.0]]
    """
    Z = check_matrix("Z", Z, ("n", "m"), hint="Pre-activations have one unit per row, one example per column.")
    gamma, beta = _check_column("gamma", gamma, Z), _check_column("beta", beta, Z)
    running_mean = _check_column("running_mean", running_mean, Z)
    running_var = _check_column("running_var", running_var, Z)
    if np.any(running_var < 0):
        raise ValueError(f"running_var must be non-negative, got a minimum of {running_var.min()}.")
    epsilon = check_positive("epsilon", epsilon)
    # --8<-- [start:batchnorm_inference]
    Z_norm = (Z - running_mean) / np.sqrt(running_var + epsilon)  # statistics from training
    Z_tilde = gamma * Z_norm + beta
    # --8<-- [end:batchnorm_inference]
    return Z_tilde


def _check_column(name: str, x: ArrayLike, Z: NDArray[np.float64]) -> NDArray[np.float64]:
    return check_matrix(
        name, x, (Z.shape[0], 1), hint=f"{name} holds one value per unit (row of Z), as a column like b."
    )


def _check_bn_cache(cache: object) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], float]:
    keys = ("Z_norm", "var", "gamma", "epsilon")
    if not isinstance(cache, dict) or not set(keys) <= set(cache):
        got = f"a dict missing {sorted(set(keys) - set(cache))}" if isinstance(cache, dict) else type(cache).__name__
        raise ValueError(f"cache must be the dict {{{', '.join(keys)}}} that batchnorm_forward returns; got {got}.")
    Z_norm = check_matrix("Z_norm", cache["Z_norm"], ("n", "m"), hint="The cached Z_norm has the shape of Z.")
    var, gamma = _check_column("var", cache["var"], Z_norm), _check_column("gamma", cache["gamma"], Z_norm)
    if np.any(var < 0):
        raise ValueError(f"var must be non-negative, got a minimum of {var.min()}.")
    return Z_norm, var, gamma, check_positive("epsilon", cache["epsilon"])
