r"""One training entry point for the L-layer network, as in the course's Course 2 assignments.

`model` runs mini-batch training with a choice of optimizer (plain gradient descent, momentum,
RMSprop or Adam), optional learning-rate decay, L2 regularization and dropout.
`model_with_early_stopping` runs the same loop while watching the cost on a dev set.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import numpy as np
from numpy.typing import ArrayLike

from dlref._validation import (
    check_count,
    check_generator,
    check_keep_prob,
    check_layer_dims,
    check_matrix,
    check_nonnegative,
    check_positive,
)
from dlref.deep_network import (
    L_model_forward,
    Parameters,
    _L_model_backward,
    _L_model_forward,
    _update_parameters,
    initialize_parameters_deep,
)
from dlref.mini_batches import random_mini_batches
from dlref.optimizers import (
    _update_parameters_with_adam,
    _update_parameters_with_momentum,
    _update_parameters_with_rmsprop,
    initialize_adam,
    initialize_rmsprop,
    initialize_velocity,
)
from dlref.regularization import compute_cost_with_regularization

__all__ = ["model", "model_with_early_stopping"]

OPTIMIZERS = ("gd", "momentum", "rmsprop", "adam")
Decay = Callable[[float, int, float], float]


def model(
    X: ArrayLike,
    Y: ArrayLike,
    layers_dims: Sequence[int],
    optimizer: str = "gd",
    learning_rate: float = 0.0007,
    mini_batch_size: int = 64,
    beta: float = 0.9,
    beta1: float = 0.9,
    beta2: float = 0.999,
    epsilon: float = 1e-8,
    num_epochs: int = 5000,
    lambd: float = 0.0,
    keep_prob: float = 1.0,
    decay: Callable[[float, int, float], float] | None = None,
    decay_rate: float = 1.0,
    print_cost: bool = False,
    rng: np.random.Generator | None = None,
) -> tuple[dict[str, NDArray[np.float64]], list[float]]:
    r"""Train an L-layer network with mini-batches and the chosen optimizer.

    Parameters
    ----------
    X : array_like of shape (n_x, m)
        Training inputs, one example per column.
    Y : array_like of shape (n[L], m)
        Labels: one row of 0/1 for a sigmoid output, one-hot columns for $C$ classes.
    layers_dims : sequence of int
        $[n_x, n^{[1]}, \dots, n^{[L]}]$; $n^{[L]} = 1$ (sigmoid) or $C$ (softmax).
    optimizer : {"gd", "momentum", "rmsprop", "adam"}, default "gd"
        The update rule: plain (mini-batch) gradient descent, momentum, RMSprop or Adam.
    learning_rate : float, default 0.0007
        The initial learning rate $\alpha_0 > 0$.
    mini_batch_size : int, default 64
        Examples per mini-batch; ``m`` gives batch gradient descent, 1 stochastic.
    beta : float, default 0.9
        Momentum's (or RMSprop's) averaging coefficient.
    beta1, beta2 : float, default 0.9 and 0.999
        Adam's coefficients for the first and second moments.
    epsilon : float, default 1e-8
        RMSprop's and Adam's safeguard against division by zero.
    num_epochs : int, default 5000
        Passes over the training set.
    lambd : float, default 0.0
        L2 regularization strength $\lambda \ge 0$.
    keep_prob : float, default 1.0
        Dropout's probability of keeping a hidden unit, in $(0, 1]$.
    decay : callable, optional
        A schedule ``decay(learning_rate0, epoch_num, decay_rate) -> learning_rate`` such as
        `dlref.lr_decay.update_lr` or `dlref.lr_decay.schedule_lr_decay`, applied each epoch.
    decay_rate : float, default 1.0
        Passed to `decay`.
    print_cost : bool, default False
        Print the cost every 100 epochs (and the learning rate when it decays).
    rng : numpy.random.Generator, optional
        Source of the initial weights, the shuffles and the dropout masks. None, the default,
        uses ``np.random.default_rng(0)``.

    Returns
    -------
    parameters : dict
        The trained ``W1, b1, ..., WL, bL``.
    costs : list of float
        The cost of every epoch: the mean over its mini-batches, weighted by their sizes, of the
        (regularized) cost.

    Raises
    ------
    ValueError
        If a shape does not fit `layers_dims`, `optimizer` is unknown, or a hyperparameter is
        out of range.

    Notes
    -----
    Each epoch shuffles the training set into mini-batches (`dlref.mini_batches.random_mini_batches`);
    each mini-batch takes one step of forward propagation (with dropout), the regularized cost,
    backward propagation (with the L2 term) and the optimizer's update. Adam's step counter $t$
    counts mini-batches from 1. With a `decay` schedule the learning rate of epoch $e$ is
    ``decay(learning_rate, e, decay_rate)``.

    Examples
    --------
    >>> X = np.array([[-2.0, -1.0, 1.0, 2.0], [1.0, -1.0, 1.0, -1.0]])
    >>> Y = np.array([[0.0, 0.0, 1.0, 1.0]])
    >>> parameters, costs = model(X, Y, [2, 3, 1], optimizer="adam", learning_rate=0.05,
    ...                           mini_batch_size=2, num_epochs=100)
    >>> len(costs), bool(costs[-1] < 0.1 < costs[0])
    (100, True)
    """
    epochs = _train(
        X, Y, layers_dims, optimizer, learning_rate, mini_batch_size, beta, beta1, beta2, epsilon,
        num_epochs, lambd, keep_prob, decay, decay_rate, print_cost, rng,
    )
    parameters, costs = {}, []
    for parameters, cost in epochs:
        costs.append(cost)
    return parameters, costs


def model_with_early_stopping(
    X: ArrayLike,
    Y: ArrayLike,
    X_dev: ArrayLike,
    Y_dev: ArrayLike,
    layers_dims: Sequence[int],
    patience: int = 20,
    **options: object,
) -> tuple[dict[str, NDArray[np.float64]], list[float], list[float], int]:
    r"""Train like `model` while watching the dev cost; keep the parameters of its best epoch.

    Parameters
    ----------
    X, Y : array_like
        The training set, as for `model`.
    X_dev, Y_dev : array_like
        A dev set with the same rows as `X` and `Y`.
    layers_dims : sequence of int
        As for `model`.
    patience : int, default 20
        Stop once the dev cost has not improved for this many epochs (at least 1).
    **options
        Any other argument of `model` (``optimizer``, ``learning_rate``, ``num_epochs``, ...).

    Returns
    -------
    parameters : dict
        The parameters of the epoch with the lowest dev cost.
    costs : list of float
        The training cost of every epoch run.
    dev_costs : list of float
        The dev cost (unregularized, dropout off) after every epoch run.
    best_epoch : int
        The index of the epoch whose parameters are returned.

    Raises
    ------
    ValueError
        As `model`; or if the dev set does not fit, or `patience` < 1.

    Notes
    -----
    $$e^{*} = \arg\min_{e} J_{\text{dev}}(e)$$

    Training stops at epoch $e^{*} + \text{patience}$ or at ``num_epochs``, whichever comes
    first.

    Examples
    --------
    >>> X = np.array([[-2.0, -1.0, 1.0, 2.0]]); Y = np.array([[0.0, 0.0, 1.0, 1.0]])
    >>> _, costs, dev_costs, best = model_with_early_stopping(
    ...     X, Y, X, Y, [1, 2, 1], patience=5, optimizer="adam", learning_rate=0.1, num_epochs=50)
    >>> len(dev_costs) == len(costs), bool(dev_costs[best] == min(dev_costs))
    (True, True)
    """
    patience = check_count("patience", patience, minimum=1)
    X = check_matrix("X", X, ("n_x", "m"), hint="Inputs have one example per column.")
    Y = check_matrix("Y", Y, (None, X.shape[1]), hint="Labels have one column per example, like X.")
    X_dev = check_matrix("X_dev", X_dev, (X.shape[0], "m_dev"), hint="X_dev has the rows of X.")
    Y_dev = check_matrix("Y_dev", Y_dev, (Y.shape[0], X_dev.shape[1]), hint="Y_dev has the rows of Y.")
    costs: list[float] = []
    dev_costs: list[float] = []
    best_parameters: Parameters = {}
    # --8<-- [start:model_with_early_stopping]
    for epoch, (parameters, cost) in enumerate(_train(X, Y, layers_dims, **options)):
        costs.append(cost)
        AL_dev, _ = L_model_forward(X_dev, parameters)  # no dropout on the dev set
        dev_costs.append(float(compute_cost_with_regularization(AL_dev, Y_dev, parameters, 0.0)))
        best_epoch = int(np.argmin(dev_costs))
        if best_epoch == epoch:
            best_parameters = parameters  # the best so far
        elif epoch - best_epoch >= patience:
            break  # no improvement for `patience` epochs
    # --8<-- [end:model_with_early_stopping]
    return best_parameters, costs, dev_costs, best_epoch


def _train(
    X: ArrayLike,
    Y: ArrayLike,
    layers_dims: Sequence[int],
    optimizer: str = "gd",
    learning_rate: float = 0.0007,
    mini_batch_size: int = 64,
    beta: float = 0.9,
    beta1: float = 0.9,
    beta2: float = 0.999,
    epsilon: float = 1e-8,
    num_epochs: int = 5000,
    lambd: float = 0.0,
    keep_prob: float = 1.0,
    decay: Decay | None = None,
    decay_rate: float = 1.0,
    print_cost: bool = False,
    rng: np.random.Generator | None = None,
) -> Iterator[tuple[Parameters, float]]:
    """Check every argument, then yield ``(parameters, cost)`` after each epoch."""
    X = check_matrix("X", X, ("n_x", "m"), hint="Inputs have one example per column.")
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {OPTIMIZERS}; got {optimizer!r}.")
    learning_rate = check_positive("learning_rate", learning_rate)
    mini_batch_size = check_count("mini_batch_size", mini_batch_size, minimum=1)
    num_epochs = check_count("num_epochs", num_epochs)
    lambd = check_nonnegative("lambd", lambd)
    keep_prob = check_keep_prob(keep_prob)
    if decay is not None and not callable(decay):
        raise ValueError(f"decay must be None or a function like update_lr; got {type(decay).__name__}.")
    rng = np.random.default_rng(0) if rng is None else check_generator("rng", rng)
    layers_dims = check_layer_dims(layers_dims, "layers_dims")
    parameters = initialize_parameters_deep(layers_dims, rng)
    Y = check_matrix("Y", Y, (parameters[f"W{len(layers_dims) - 1}"].shape[0], X.shape[1]),
                     hint="Y has one row per output unit (1 for 0/1 labels, C for one-hot) and one column per example.")
    if layers_dims[0] != X.shape[0]:
        raise ValueError(
            f"layers_dims must start with the number of rows of X ({X.shape[0]}, X has shape {X.shape}); "
            f"got {list(layers_dims)}."
        )
    v = initialize_velocity(parameters) if optimizer == "momentum" else {}
    s = initialize_rmsprop(parameters) if optimizer == "rmsprop" else {}
    if optimizer == "adam":
        v, s = initialize_adam(parameters)
    t, m = 0, X.shape[1]  # Adam's step counter; the number of training examples
    for epoch in range(num_epochs):
        alpha = learning_rate if decay is None else decay(learning_rate, epoch, decay_rate)
        cost_total = 0.0
        # --8<-- [start:model]
        # The steps without their checks (made once, above) and without dA0, which no update uses
        for mini_batch_X, mini_batch_Y in random_mini_batches(X, Y, mini_batch_size, rng=rng):
            AL, caches = _L_model_forward(mini_batch_X, parameters, keep_prob, rng)
            cost = compute_cost_with_regularization(AL, mini_batch_Y, parameters, lambd)
            cost_total += cost * mini_batch_X.shape[1]
            grads = _L_model_backward(AL, mini_batch_Y, caches, lambd, compute_dA0=False)
            if optimizer == "gd":
                parameters = _update_parameters(parameters, grads, alpha)
            elif optimizer == "momentum":
                parameters, v = _update_parameters_with_momentum(
                    parameters, grads, v, beta, alpha)
            elif optimizer == "rmsprop":
                parameters, s = _update_parameters_with_rmsprop(
                    parameters, grads, s, beta, alpha, epsilon)
            else:
                t += 1  # Adam counts steps from 1
                parameters, v, s = _update_parameters_with_adam(
                    parameters, grads, v, s, t, alpha, beta1, beta2, epsilon)
        # --8<-- [end:model]
        if print_cost and epoch % 100 == 0:
            print(f"Cost after epoch {epoch}: {cost_total / m:.6f}" + ("" if decay is None else f" (learning rate {alpha:.2e})"))
        yield parameters, float(cost_total / m)
