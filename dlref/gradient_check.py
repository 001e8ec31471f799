r"""Gradient checking of an L-layer network: backpropagation against centred differences.

All parameters are laid out in one column vector $\theta$ (``W1, b1, W2, b2, ...``, each
flattened row by row), and the gradients in a vector $d\theta$ of the same layout. Each component
of $d\theta$ is compared with the two-sided difference of the cost along that component, and the
two vectors with their relative difference.

The layout that undoes the flattening is a list of ``(name, shape)`` pairs, such as
``[("W1", (3, 2)), ("b1", (3, 1)), ...]``. (The course's ``dictionary_to_vector`` returns instead
one key per component, ``["W1", "W1", ..., "b1", ...]``, and its ``vector_to_dictionary``
hard-codes the shapes of a 3-layer network.)
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import (
    check_matrix,
    check_finite,
    check_fits_W1,
    check_nonnegative,
    check_parameters,
    check_positive,
    check_same_shape,
)
from dlref.deep_network import L_model_forward, compute_cost
from dlref.regularization import compute_cost_with_regularization

__all__ = [
    "dictionary_to_vector",
    "gradient_approximation",
    "gradient_check_n",
    "gradients_to_vector",
    "vector_to_dictionary",
]


THRESHOLD = 2e-7
"""`gradient_check_n` reports a mistake when the difference exceeds this value (the course's)."""


def dictionary_to_vector(parameters: dict[str, np.ndarray]) -> tuple[NDArray[np.float64], list[tuple[str, tuple[int, ...]]]]:
    r"""Stack all the parameters of a network into one column vector $\theta$.

    Parameters
    ----------
    parameters : dict
        ``W1, b1, ..., WL, bL``, with ``W{l}`` of shape ``(n[l], n[l-1])`` and ``b{l}`` of shape
        ``(n[l], 1)``.

    Returns
    -------
    theta : ndarray of shape (n, 1)
        ``W1, b1, W2, b2, ..., WL, bL`` in this order, each flattened row by row (C order);
        $n = \sum_l n^{[l]} (n^{[l-1]} + 1)$ is the number of parameters.
    layout : list of (str, tuple of int)
        ``[("W1", W1.shape), ("b1", b1.shape), ...]``, in the order of `theta`: what
        `vector_to_dictionary` and `gradients_to_vector` need.

    Raises
    ------
    ValueError
        If `parameters` lacks a key, has an extra one, or a shape does not fit the previous
        layer's.

    Notes
    -----
    $$\theta = \begin{bmatrix} \operatorname{vec} W^{[1]} \\ b^{[1]} \\ \vdots \\
    \operatorname{vec} W^{[L]} \\ b^{[L]} \end{bmatrix}$$

    Examples
    --------
    >>> parameters = {"W1": np.array([[1.0, 2.0], [3.0, 4.0]]), "b1": np.array([[5.0], [6.0]])}
    >>> theta, layout = dictionary_to_vector(parameters)
    >>> theta.ravel().tolist()
    [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    >>> layout
    [('W1', (2, 2)), ('b1', (2, 1))]
    """
    parameters = check_parameters(parameters)
    L = len(parameters) // 2
    # --8<-- [start:dictionary_to_vector]
    keys = [f"{p}{l}" for l in range(1, L + 1) for p in "Wb"]  # W1, b1, ...
    layout = [(key, parameters[key].shape) for key in keys]
    theta = np.concatenate([parameters[key].reshape(-1, 1) for key in keys])
    # --8<-- [end:dictionary_to_vector]
    return theta, layout


def vector_to_dictionary(theta: ArrayLike, layout: list[tuple[str, tuple[int, ...]]]) -> dict[str, np.ndarray]:
    r"""Cut the column vector $\theta$ back into the parameters it was stacked from.

    Parameters
    ----------
    theta : array_like of shape (n, 1)
        A vector in the layout of `dictionary_to_vector`; `n` must be the number of entries
        that `layout` describes.
    layout : list of (str, tuple of int)
        The ``(name, shape)`` pairs that `dictionary_to_vector` returned.

    Returns
    -------
    parameters : dict
        One new array per name of `layout`, of its shape: the inverse of
        `dictionary_to_vector`.

    Raises
    ------
    ValueError
        If `layout` is not a list of ``(name, shape)`` pairs, or `theta` is not a column of the
        length it describes.

    Notes
    -----
    Each name of `layout` takes the next $s$ entries of $\theta$, where $s$ is the size of its
    shape, refilled row by row: if the parameters before $W^{[l]}$ hold $k$ entries,

    $$W^{[l]} = \operatorname{reshape}\bigl((\theta_{k+1}, \dots, \theta_{k+s}),\
    (n^{[l]}, n^{[l-1]})\bigr), \qquad s = n^{[l]} n^{[l-1]}$$

    Examples
    --------
    >>> layout = [("W1", (2, 2)), ("b1", (2, 1))]
    >>> parameters = vector_to_dictionary(np.arange(6.0).reshape(-1, 1), layout)
    >>> parameters["W1"].tolist(), parameters["b1"].tolist()
    ([[0.0, 1.0], [2.0, 3.0]], [[4.0], [5.0]])
    """
    layout = _check_layout(layout)
    n = sum(int(np.prod(shape)) for _, shape in layout)
    theta = check_matrix("theta", theta, (n, 1), hint="theta is one column with one entry per parameter of layout.")
    parameters: dict[str, np.ndarray] = {}
    # --8<-- [start:vector_to_dictionary]
    start = 0
    for key, shape in layout:
        size = int(np.prod(shape))
        parameters[key] = theta[start : start + size].reshape(shape).copy()  # row by row
        start += size
    # --8<-- [end:vector_to_dictionary]
    return parameters


def gradients_to_vector(gradients: dict[str, ArrayLike], layout: list[tuple[str, tuple[int, ...]]]) -> NDArray[np.float64]:
    r"""Stack the gradients ``dW1, db1, ..., dWL, dbL`` into one column $d\theta$, in the layout of $\theta$.

    Parameters
    ----------
    gradients : dict
        At least ``d<name>`` for every name of `layout` (``dW1``, ``db1``, ...), each of the
        shape of its parameter; other keys, such as ``dA{l}``, are ignored.
    layout : list of (str, tuple of int)
        The ``(name, shape)`` pairs that `dictionary_to_vector` returned.

    Returns
    -------
    dtheta : ndarray of shape (n, 1)
        Component $i$ is the derivative of the cost with respect to $\theta_i$.

    Raises
    ------
    ValueError
        If `gradients` is not a dict, lacks a gradient, or a gradient does not have the shape of
        its parameter.

    Notes
    -----
    $$d\theta = \begin{bmatrix} \operatorname{vec} dW^{[1]} \\ db^{[1]} \\ \vdots \\
    \operatorname{vec} dW^{[L]} \\ db^{[L]} \end{bmatrix}$$

    Examples
    --------
    >>> grads = {"dW1": np.array([[1.0, 2.0]]), "db1": np.array([[3.0]]), "dA0": np.ones((2, 4))}
    >>> gradients_to_vector(grads, [("W1", (1, 2)), ("b1", (1, 1))]).ravel().tolist()
    [1.0, 2.0, 3.0]
    """
    layout = _check_layout(layout)
    if not isinstance(gradients, dict):
        raise ValueError(f"gradients must be a dict {{'dW1': ..., 'db1': ...}}, got {type(gradients).__name__}.")
    missing = [f"d{key}" for key, _ in layout if f"d{key}" not in gradients]
    if missing:
        raise ValueError(f"gradients lacks {missing}: every parameter needs its gradient.")
    checked = {
        f"d{key}": check_same_shape(f"d{key}", gradients[f"d{key}"], key, np.empty(shape))
        for key, shape in layout
    }
    # --8<-- [start:gradients_to_vector]
    dtheta = np.concatenate([checked[f"d{key}"].reshape(-1, 1) for key, _ in layout])
    # --8<-- [end:gradients_to_vector]
    return dtheta


def gradient_approximation(
    parameters: dict[str, np.ndarray], X: ArrayLike, Y: ArrayLike, epsilon: float = 1e-7, lambd: float = 0.0
) -> NDArray[np.float64]:
    r"""Approximate every component of $d\theta$ by a two-sided difference of the cost.

    Parameters
    ----------
    parameters : dict
        ``W1, b1, ..., WL, bL`` of the network of `dlref.deep_network.L_model_forward` (not
        modified).
    X : array_like of shape (n_x, m)
        Inputs, one example per column.
    Y : array_like of shape (n[L], m)
        Labels in $[0, 1]$ for one sigmoid output; one-hot columns for a softmax output.
    epsilon : float, default 1e-7
        The step $\varepsilon > 0$.
    lambd : float, default 0.0
        L2 regularization strength $\lambda \ge 0$; when positive the cost includes the penalty
        (`dlref.regularization.compute_cost_with_regularization`).

    Returns
    -------
    gradapprox : ndarray of shape (n, 1)
        In the layout of `dictionary_to_vector`.

    Raises
    ------
    ValueError
        If `parameters` is malformed or does not fit `X`, `Y` does not have one row per output
        unit and one column per example, `epsilon` is not positive, or `lambd` is negative.

    Notes
    -----
    The cost is computed without dropout. For each $i = 1, \dots, n$:

    $$d\theta_{\text{approx}}[i] = \frac{J(\theta_1, \dots, \theta_i + \varepsilon, \dots, \theta_n)
    - J(\theta_1, \dots, \theta_i - \varepsilon, \dots, \theta_n)}{2 \varepsilon}
    \approx \frac{\partial J}{\partial \theta_i}$$

    That is $2n$ forward passes: a tool for debugging, far too slow for training.

    Examples
    --------
    One sigmoid unit at $w = b = 0$, so $a = 0.5$, with $x = 2$, $y = 1$:
    $\partial J / \partial w = (a - y) x = -1$ and $\partial J / \partial b = a - y = -0.5$.

    >>> parameters = {"W1": np.array([[0.0]]), "b1": np.array([[0.0]])}
    >>> gradapprox = gradient_approximation(parameters, [[2.0]], [[1.0]])
    >>> gradapprox.round(6).ravel().tolist()
    [-1.0, -0.5]
    """
    parameters, X, Y = _check_problem(parameters, X, Y)
    epsilon = check_positive("epsilon", epsilon)
    lambd = check_nonnegative("lambd", lambd)
    theta, layout = dictionary_to_vector(parameters)
    gradapprox = np.zeros_like(theta)
    # --8<-- [start:gradient_approximation]
    for i in range(theta.shape[0]):
        theta_plus = theta.copy()  # a copy: theta itself is never perturbed
        theta_plus[i] += epsilon
        J_plus = _cost(theta_plus, layout, X, Y, lambd)
        theta_minus = theta.copy()
        theta_minus[i] -= epsilon
        J_minus = _cost(theta_minus, layout, X, Y, lambd)
        gradapprox[i] = (J_plus - J_minus) / (2 * epsilon)
    # --8<-- [end:gradient_approximation]
    return gradapprox


def gradient_check_n(
    parameters: dict[str, np.ndarray],
    gradients: dict[str, ArrayLike],
    X: ArrayLike,
    Y: ArrayLike,
    epsilon: float = 1e-7,
    lambd: float = 0.0,
    print_msg: bool = False,
) -> float:
    r"""Relative difference between backpropagation's gradients and their two-sided approximation.

    Parameters
    ----------
    parameters : dict
        ``W1, b1, ..., WL, bL`` (not modified).
    gradients : dict
        ``dW1, db1, ..., dWL, dbL`` from backpropagation at `parameters`, for instance
        `dlref.deep_network.L_model_backward` with the same `lambd`; ``dA{l}`` keys are ignored.
    X : array_like of shape (n_x, m)
        Inputs, one example per column.
    Y : array_like of shape (n[L], m)
        Labels in $[0, 1]$ for one sigmoid output; one-hot columns for a softmax output.
    epsilon : float, default 1e-7
        The step $\varepsilon > 0$ of the two-sided differences.
    lambd : float, default 0.0
        L2 regularization strength $\lambda \ge 0$ of the cost the gradients belong to.
    print_msg : bool, default False
        Print whether the difference is above the course's threshold $2 \cdot 10^{-7}$.

    Returns
    -------
    difference : float
        In $[0, 1]$: about $10^{-7}$ or less for correct gradients, $10^{-3}$ or more for a bug
        (0 when both vectors are zero).

    Raises
    ------
    ValueError
        As `gradient_approximation`; if `gradients` lacks a gradient or one does not have
        the shape of its parameter; or if anything holds NaN or infinity: `X`, `Y`, a
        parameter, a gradient, or the approximation (a cost that is not finite near
        `parameters`). A NaN is never reported as a pass: ``nan > threshold`` is False, so a
        returned NaN would read as agreement in the course's ``if difference > 2e-7`` test.

    Notes
    -----
    With $d\theta$ from `gradients_to_vector` and $d\theta_{\text{approx}}$ from
    `gradient_approximation`:

    $$\text{difference} = \frac{\lVert d\theta - d\theta_{\text{approx}} \rVert_2}
    {\lVert d\theta \rVert_2 + \lVert d\theta_{\text{approx}} \rVert_2}$$

    The numerator alone is a Euclidean distance, which scales with the gradients; dividing by
    their lengths makes the difference relative, so one threshold fits every problem.

    Examples
    --------
    >>> parameters = {"W1": np.array([[0.0]]), "b1": np.array([[0.0]])}
    >>> right = {"dW1": np.array([[-1.0]]), "db1": np.array([[-0.5]])}
    >>> wrong = {"dW1": np.array([[-1.0]]), "db1": np.array([[-1.0]])}  # no 1/m in db1
    >>> X, Y = [[2.0, 2.0]], [[1.0, 1.0]]
    >>> bool(gradient_check_n(parameters, right, X, Y) < 1e-7)
    True
    >>> round(gradient_check_n(parameters, wrong, X, Y, print_msg=True), 3)
    Backward propagation disagrees with the approximation: difference = 1.975e-01 > 2e-07.
    0.197

    That is $0.5 / (\sqrt{2} + \sqrt{1.25})$: the vectors $(-1, -1)$ and $(-1, -0.5)$ are $0.5$ apart.
    """
    parameters, X, Y = _check_problem(parameters, X, Y)
    for key, value in {"X": X, "Y": Y, **parameters}.items():
        check_finite(key, value)
    _, layout = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients, layout)
    for key, _ in layout:
        check_finite(f"d{key}", np.asarray(gradients[f"d{key}"], dtype=np.float64))
    gradapprox = gradient_approximation(parameters, X, Y, epsilon, lambd)
    _check_approximation_finite(gradapprox, layout)
    # --8<-- [start:gradient_check_n]
    numerator = np.linalg.norm(grad - gradapprox)  # the Euclidean distance
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = 0.0 if denominator == 0 else float(numerator / denominator)  # NaN stays NaN
    # --8<-- [end:gradient_check_n]
    if print_msg:
        if difference > THRESHOLD:
            verdict = f"disagrees with the approximation: difference = {difference:.3e} > {THRESHOLD:.0e}."
        else:
            verdict = f"agrees with the approximation: difference = {difference:.3e} <= {THRESHOLD:.0e}."
        print("Backward propagation " + verdict)
    return difference


def _cost(theta: NDArray[np.float64], layout: list[tuple[str, tuple[int, ...]]], X: NDArray[np.float64], Y: NDArray[np.float64],
          lambd: float) -> float:
    """The cost at `theta`, without dropout; with the L2 penalty when `lambd` > 0."""
    parameters = vector_to_dictionary(theta, layout)
    AL, _ = L_model_forward(X, parameters)  # keep_prob = 1: no dropout
    if lambd > 0:
        return compute_cost_with_regularization(AL, Y, parameters, lambd)
    return compute_cost(AL, Y)


def _check_approximation_finite(gradapprox: NDArray[np.float64], layout: list[tuple[str, tuple[int, ...]]]) -> None:
    bad = np.flatnonzero(~np.isfinite(gradapprox))
    if bad.size:
        sizes = np.cumsum([int(np.prod(shape)) for _, shape in layout])
        name = layout[int(np.searchsorted(sizes, bad[0], side="right"))][0]
        raise ValueError(
            f"The two-sided approximation holds {gradapprox[bad[0], 0]} at theta[{bad[0]}] (a component of "
            f"{name}): the cost is not finite near parameters, so there is nothing to check against."
        )


def _check_problem(
    parameters: object, X: ArrayLike, Y: ArrayLike
) -> tuple[dict[str, np.ndarray], NDArray[np.float64], NDArray[np.float64]]:
    X = check_matrix("X", X, ("n_x", "m"), hint="Inputs have one example per column.")
    checked = check_parameters(parameters)
    check_fits_W1(X.shape[0], checked["W1"], X.shape)
    n_L = checked[f"W{len(checked) // 2}"].shape[0]
    Y = check_matrix("Y", Y, (n_L, X.shape[1]),
                     hint="Y has one row per output unit (1 for 0/1 labels, C for one-hot) and one column per example.")
    return checked, X, Y


def _check_layout(layout: object) -> list[tuple[str, tuple[int, ...]]]:
    message = ("layout must be the list of (name, shape) pairs that dictionary_to_vector returns, "
               'like [("W1", (3, 2)), ...]')
    if isinstance(layout, (str, bytes)) or not isinstance(layout, Sequence) or len(layout) == 0:
        raise ValueError(f"{message}; got {layout!r}.")
    checked: list[tuple[str, tuple[int, ...]]] = []
    for entry in layout:
        if not (isinstance(entry, Sequence) and len(entry) == 2 and isinstance(entry[0], str)
                and isinstance(entry[1], Sequence)
                and all(isinstance(s, (int, np.integer)) and s >= 0 for s in entry[1])):
            raise ValueError(f"{message}; got the entry {entry!r}.")
        checked.append((entry[0], tuple(int(s) for s in entry[1])))
    return checked
