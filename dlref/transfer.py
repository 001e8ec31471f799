r"""Transfer learning: reuse the hidden layers of a network trained on task A for task B.

With little data for task B, keep the hidden layers fixed and train only a new output layer on
the features they compute; with more data, one could fine-tune every layer. The network is the
L-layer ReLU network of `dlref.deep_network`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import check_fits_W1, check_matrix, check_parameters
from dlref.deep_network import L_model_forward
from dlref.training import model

__all__ = ["frozen_features", "retrain_last_layer"]


def frozen_features(parameters: dict[str, NDArray[np.float64]], X: ArrayLike) -> NDArray[np.float64]:
    r"""The activations of the last hidden layer: the features a pre-trained network has learned.

    Parameters
    ----------
    parameters : dict
        ``W1, b1, ..., WL, bL`` of a trained L-layer network.
    X : array_like of shape (n_x, m)
        Inputs, one example per column.

    Returns
    -------
    A_prev : ndarray of shape (n[L-1], m)
        $A^{[L-1]}$, the input of the output layer ($X$ itself when $L = 1$).

    Raises
    ------
    ValueError
        As `dlref.deep_network.L_model_forward`.

    Notes
    -----
    $$A^{[l]} = \operatorname{relu}\bigl(W^{[l]} A^{[l-1]} + b^{[l]}\bigr), \quad l = 1, \dots, L - 1$$

    Examples
    --------
    >>> parameters = {"W1": np.array([[1.0], [-1.0]]), "b1": np.zeros((2, 1)),
    ...               "W2": np.array([[1.0, 1.0]]), "b2": np.zeros((1, 1))}
    >>> frozen_features(parameters, np.array([[2.0, -3.0]])).tolist()
    [[2.0, 0.0], [0.0, 3.0]]
    """
    parameters = check_parameters(parameters)
    X = check_matrix("X", X, ("n_x", "m"), hint="One column per example.")
    check_fits_W1(X.shape[0], parameters["W1"], X.shape)
    # --8<-- [start:frozen_features]
    _, caches = L_model_forward(X, parameters)  # no dropout: the features are fixed
    A_prev = caches[-1][0][0]  # the output layer's cache is ((A_prev, W, b), Z)
    # --8<-- [end:frozen_features]
    return A_prev


def retrain_last_layer(
    parameters: dict[str, NDArray[np.float64]], X: ArrayLike, Y: ArrayLike, **options: object
) -> tuple[dict[str, NDArray[np.float64]], list[float]]:
    r"""Replace a trained network's output layer by a new one trained on task B; keep the rest.

    Parameters
    ----------
    parameters : dict
        ``W1, b1, ..., WL, bL`` trained on task A (pre-training).
    X : array_like of shape (n_x, m)
        Task B's training inputs, with the rows the network was trained on.
    Y : array_like of shape (n_y, m)
        Task B's labels: a 0/1 row, or one-hot columns for $n_y$ classes. $n_y$ need not be
        the number of outputs of task A.
    **options
        Passed to `dlref.training.model`, which trains the new layer: ``optimizer``,
        ``learning_rate``, ``num_epochs``, ``rng``, ...

    Returns
    -------
    parameters : dict
        ``W1, b1, ..., W(L-1), b(L-1)`` unchanged (the same arrays), and a new ``WL`` of shape
        ``(n_y, n[L-1])`` and ``bL`` of shape ``(n_y, 1)``.
    costs : list of float
        The training cost of each epoch.

    Raises
    ------
    ValueError
        As `frozen_features` and `dlref.training.model`; or if the network has a single layer,
        which leaves nothing to transfer.

    Notes
    -----
    The new output layer is a one-layer network (softmax or sigmoid regression) trained on the
    frozen features $A^{[L-1]}$ of task B's examples; its He-initialized weights start afresh.
    Training it is much cheaper than training the whole network, and it has far fewer
    parameters to fit from task B's few examples.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> pre = {"W1": rng.standard_normal((3, 1)), "b1": np.zeros((3, 1)),
    ...        "W2": np.ones((1, 3)), "b2": np.zeros((1, 1))}
    >>> new, costs = retrain_last_layer(pre, [[-2.0, -1.0, 1.0, 2.0]], [[0, 0, 1, 1]],
    ...                                 optimizer="adam", learning_rate=0.1, num_epochs=50)
    >>> new["W1"] is pre["W1"], new["W2"].shape, bool(costs[-1] < costs[0])
    (True, (1, 3), True)
    """
    parameters = check_parameters(parameters)
    L = len(parameters) // 2
    if L < 2:
        raise ValueError("parameters describe a single layer; transfer needs at least one hidden layer to keep.")
    n_x = parameters["W1"].shape[1]
    X = check_matrix("X", X, (n_x, "m"), hint=f"X needs the {n_x} rows the network was trained on.")
    A_prev = frozen_features(parameters, X)
    Y = check_matrix("Y", Y, (None, A_prev.shape[1]), hint="Y has one column per example of X.")
    # --8<-- [start:retrain_last_layer]
    head, costs = model(A_prev, Y, [A_prev.shape[0], Y.shape[0]], **options)  # a one-layer network
    new_parameters = {**parameters, f"W{L}": head["W1"], f"b{L}": head["b1"]}  # layers 1..L-1 kept
    # --8<-- [end:retrain_last_layer]
    return new_parameters, costs
