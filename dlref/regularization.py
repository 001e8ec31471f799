r"""L2 regularization of an L-layer network: the penalized cost.

The matching gradient term, $\frac{\lambda}{m} W^{[l]}$, is added by
`dlref.deep_network.L_model_backward` when it is given ``lambd``; dropout, the other
regularizer of the course, is in `dlref.dropout`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from dlref._validation import check_matrix, check_nonnegative, check_parameters
from dlref.deep_network import Parameters, compute_cost

__all__ = ["compute_cost_with_regularization"]


def compute_cost_with_regularization(
    AL: ArrayLike, Y: ArrayLike, parameters: Parameters, lambd: float
) -> float:
    r"""Cross-entropy cost plus the L2 penalty on every weight matrix (not on the biases).

    Parameters
    ----------
    AL : array_like of shape (n[L], m)
        Output of `dlref.deep_network.L_model_forward`.
    Y : array_like of the shape of AL
        Labels, as for `dlref.deep_network.compute_cost`.
    parameters : dict
        ``W1, b1, ..., WL, bL``.
    lambd : float
        Regularization strength $\lambda \ge 0$ (``lambda`` is a Python keyword).

    Returns
    -------
    cost : float

    Raises
    ------
    ValueError
        As `dlref.deep_network.compute_cost`; or if `parameters` is malformed, its last layer
        does not have one row per row of `AL`, or `lambd` is negative.

    Notes
    -----
    $$J = \underbrace{\frac{1}{m} \sum_{i=1}^{m} \mathcal{L}\bigl(\hat y^{(i)}, y^{(i)}\bigr)}
    _{\text{cross-entropy cost}}
    + \frac{\lambda}{2m} \sum_{l=1}^{L} \lVert W^{[l]} \rVert_F^2,
    \qquad
    \lVert W^{[l]} \rVert_F^2 = \sum_{i=1}^{n^{[l]}} \sum_{j=1}^{n^{[l-1]}} \bigl(W^{[l]}_{ij}\bigr)^2$$

    Examples
    --------
    >>> parameters = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([[5.0]])}
    >>> AL, Y = np.array([[0.5, 0.5]]), np.array([[1.0, 0.0]])
    >>> round(float(compute_cost_with_regularization(AL, Y, parameters, lambd=0.0)), 4)
    0.6931
    >>> round(float(compute_cost_with_regularization(AL, Y, parameters, lambd=0.4)), 4)  # + 0.4/4 * 5
    1.1931
    """
    AL = check_matrix("AL", AL, ("n[L]", "m"), hint="AL has one column of output probabilities per example.")
    parameters = check_parameters(parameters)
    lambd = check_nonnegative("lambd", lambd)
    L = len(parameters) // 2
    if parameters[f"W{L}"].shape[0] != AL.shape[0]:
        raise ValueError(
            f"W{L} has shape {parameters[f'W{L}'].shape}; the last layer must have one row per row of "
            f"AL, which has shape {AL.shape}."
        )
    # --8<-- [start:compute_cost_with_regularization]
    m = AL.shape[1]
    cross_entropy_cost = compute_cost(AL, Y)
    squared_norms = sum(np.sum(parameters[f"W{l}"] ** 2) for l in range(1, L + 1))  # ||W[l]||_F^2
    L2_regularization_cost = lambd / (2 * m) * float(squared_norms)
    cost = cross_entropy_cost + L2_regularization_cost
    # --8<-- [end:compute_cost_with_regularization]
    return cost
