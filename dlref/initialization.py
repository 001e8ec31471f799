r"""Weight initialization for an $L$-layer network: zeros, large random, He and Xavier.

``layers_dims`` lists the layer sizes $[n^{[0]}, n^{[1]}, \dots, n^{[L]}]$, input size first.
Every function returns ``{"W1": ..., "b1": ..., "WL": ..., "bL": ...}`` with ``W{l}`` of shape
``(n[l], n[l-1])`` and ``b{l}`` of shape ``(n[l], 1)``; the biases are always zero, which is
safe once the weights differ. Randomness comes only from the ``rng`` argument.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from dlref._validation import check_generator, check_layer_dims
from dlref.deep_network import initialize_parameters_deep

__all__ = [
    "initialize_parameters_he",
    "initialize_parameters_random",
    "initialize_parameters_xavier",
    "initialize_parameters_zeros",
]

Parameters = dict[str, NDArray[np.float64]]


def initialize_parameters_zeros(layers_dims: Sequence[int]) -> dict[str, NDArray[np.float64]]:
    r"""All weights and biases zero: the initialization that fails to break symmetry.

    Parameters
    ----------
    layers_dims : sequence of int
        Layer sizes $[n^{[0]}, \dots, n^{[L]}]$, at least two entries, each at least 1.

    Returns
    -------
    parameters : dict
        ``W{l}`` : ndarray of shape (n[l], n[l-1]) and ``b{l}`` : ndarray of shape (n[l], 1),
        all zeros.

    Raises
    ------
    ValueError
        If `layers_dims` has fewer than two entries or an entry is not a positive integer.

    Notes
    -----
    $$W^{[l]} = 0, \qquad b^{[l]} = 0$$

    Every unit of a layer then computes the same function of its inputs and receives the same
    gradient, so the units stay identical however long the network trains: a layer of
    $n^{[l]}$ units learns no more than a single unit would.

    Examples
    --------
    >>> p = initialize_parameters_zeros([2, 1])
    >>> p["W1"].tolist(), p["b1"].tolist()
    ([[0.0, 0.0]], [[0.0]])
    """
    layers_dims = check_layer_dims(layers_dims, "layers_dims")
    parameters: Parameters = {}
    for l in range(1, len(layers_dims)):
        # --8<-- [start:initialize_parameters_zeros]
        n, n_prev = layers_dims[l], layers_dims[l - 1]
        parameters[f"W{l}"] = np.zeros((n, n_prev))
        parameters[f"b{l}"] = np.zeros((n, 1))
        # --8<-- [end:initialize_parameters_zeros]
    return parameters


def initialize_parameters_random(
    layers_dims: Sequence[int], rng: np.random.Generator
) -> dict[str, NDArray[np.float64]]:
    r"""Large random weights, standard normal times 10: the course's example of a bad scale.

    Parameters
    ----------
    layers_dims : sequence of int
        Layer sizes $[n^{[0]}, \dots, n^{[L]}]$.
    rng : numpy.random.Generator
        Source of the random weights.

    Returns
    -------
    parameters : dict
        ``W{l}`` : ndarray of shape (n[l], n[l-1]), ``b{l}`` : ndarray of shape (n[l], 1) (zeros).

    Raises
    ------
    ValueError
        If `layers_dims` is invalid or `rng` is not a ``numpy.random.Generator``.

    Notes
    -----
    $$W^{[l]}_{ij} \sim 10 \cdot \mathcal{N}(0, 1), \quad
    \operatorname{Var}\bigl(W^{[l]}_{ij}\bigr) = 100, \qquad b^{[l]} = 0$$

    The weights break symmetry but are far too large: the pre-activations $z$ are large, a
    sigmoid output saturates at 0 or 1, and the first costs are huge.

    Examples
    --------
    >>> p = initialize_parameters_random([3, 2], np.random.default_rng(0))
    >>> p["W1"].shape, p["b1"].tolist()
    ((2, 3), [[0.0], [0.0]])
    """
    layers_dims = check_layer_dims(layers_dims, "layers_dims")
    rng = check_generator("rng", rng)
    parameters: Parameters = {}
    for l in range(1, len(layers_dims)):
        # --8<-- [start:initialize_parameters_random]
        n, n_prev = layers_dims[l], layers_dims[l - 1]
        parameters[f"W{l}"] = rng.standard_normal((n, n_prev)) * 10  # variance 100
        parameters[f"b{l}"] = np.zeros((n, 1))
        # --8<-- [end:initialize_parameters_random]
    return parameters


def initialize_parameters_he(
    layers_dims: Sequence[int], rng: np.random.Generator
) -> dict[str, NDArray[np.float64]]:
    r"""He initialization, for ReLU layers: weights of variance $2 / n^{[l-1]}$.

    Parameters
    ----------
    layers_dims : sequence of int
        Layer sizes $[n^{[0]}, \dots, n^{[L]}]$.
    rng : numpy.random.Generator
        Source of the random weights.

    Returns
    -------
    parameters : dict
        ``W{l}`` : ndarray of shape (n[l], n[l-1]), ``b{l}`` : ndarray of shape (n[l], 1) (zeros).

    Raises
    ------
    ValueError
        If `layers_dims` is invalid or `rng` is not a ``numpy.random.Generator``.

    Notes
    -----
    $$\operatorname{Var}\bigl(W^{[l]}_{ij}\bigr) = \frac{2}{n^{[l-1]}}, \qquad
    W^{[l]} = \mathcal{N}(0, 1) \cdot \sqrt{\frac{2}{n^{[l-1]}}}$$

    The variance is $2 / n^{[l-1]}$, so the factor multiplying the standard normal draw is its
    square root. A ReLU zeroes half of its inputs on average; the factor 2 makes up for it.

    Examples
    --------
    >>> p = initialize_parameters_he([2, 400, 1], np.random.default_rng(0))
    >>> [p[k].shape for k in ("W1", "b1", "W2", "b2")]
    [(400, 2), (400, 1), (1, 400), (1, 1)]
    >>> round(float(p["W1"].var()), 1)  # about 2 / n[0] = 1
    1.0
    """
    layers_dims = check_layer_dims(layers_dims, "layers_dims")
    # --8<-- [start:initialize_parameters_he]
    # Course 1's initialize_parameters_deep already draws W[l] ~ N(0, 1) * sqrt(2 / n[l-1]), b[l] = 0
    parameters = initialize_parameters_deep(layers_dims, rng)
    # --8<-- [end:initialize_parameters_he]
    return parameters


def initialize_parameters_xavier(
    layers_dims: Sequence[int], rng: np.random.Generator
) -> dict[str, NDArray[np.float64]]:
    r"""Xavier initialization, for tanh (or sigmoid) layers: weights of variance $1 / n^{[l-1]}$.

    Parameters
    ----------
    layers_dims : sequence of int
        Layer sizes $[n^{[0]}, \dots, n^{[L]}]$.
    rng : numpy.random.Generator
        Source of the random weights.

    Returns
    -------
    parameters : dict
        ``W{l}`` : ndarray of shape (n[l], n[l-1]), ``b{l}`` : ndarray of shape (n[l], 1) (zeros).

    Raises
    ------
    ValueError
        If `layers_dims` is invalid or `rng` is not a ``numpy.random.Generator``.

    Notes
    -----
    $$\operatorname{Var}\bigl(W^{[l]}_{ij}\bigr) = \frac{1}{n^{[l-1]}}, \qquad
    W^{[l]} = \mathcal{N}(0, 1) \cdot \sqrt{\frac{1}{n^{[l-1]}}}$$

    This is the form the course uses. Glorot and Bengio's original averages the two layer
    sizes, $\operatorname{Var} = 2 / (n^{[l-1]} + n^{[l]})$, which is the same when the sizes
    are equal.

    Examples
    --------
    >>> p = initialize_parameters_xavier([4, 400, 1], np.random.default_rng(0))
    >>> round(float(p["W1"].var()), 1)  # about 1 / n[0] = 0.25
    0.2
    """
    layers_dims = check_layer_dims(layers_dims, "layers_dims")
    rng = check_generator("rng", rng)
    parameters: Parameters = {}
    for l in range(1, len(layers_dims)):
        # --8<-- [start:initialize_parameters_xavier]
        n, n_prev = layers_dims[l], layers_dims[l - 1]
        scale = np.sqrt(1.0 / n_prev)  # the standard deviation: sqrt of the variance
        parameters[f"W{l}"] = rng.standard_normal((n, n_prev)) * scale
        parameters[f"b{l}"] = np.zeros((n, 1))
        # --8<-- [end:initialize_parameters_xavier]
    return parameters
