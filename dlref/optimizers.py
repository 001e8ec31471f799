r"""Gradient descent with momentum, RMSprop and Adam on an $L$-layer network's parameters.

``parameters`` holds ``W1, b1, ..., WL, bL`` (any $L$, read from the keys); ``grads`` holds
``dW1, db1, ..., dWL, dbL`` of the same shapes (other keys, such as ``dA0``, are ignored).
The optimizer state (``v`` for momentum and Adam's first moment, ``s`` for RMSprop and Adam's
second moment) is keyed like the gradients, as in the course. Every update returns new
dictionaries of new arrays; the arguments are left untouched. Each parameter is updated on its
own, so the layers need not chain: only each gradient and state must have its parameter's shape.

The updates compute into the arrays they return (NumPy's ``out=``) rather than into a new
temporary for every operator of the formula, and the arrays one call returns are views into a
single new buffer (their ``base``), beside one scratch buffer: two allocations per call however
many layers there are, where the formula written one operator at a time makes about eight per
parameter. Fewer megabyte-sized blocks allocated and freed means fewer that the C allocator can
hand back to the system and fault in again on the next call (glibc does this), so the time of a
step depends less on what the process did before; ``make bench`` measures both ways. The results
are the same to the last bit as the formulas written one operator at a time, except Adam's new
parameters: its step folds the bias corrections into the step size and epsilon, which saves two
passes over every array and changes only the last bits (a test holds them within 1e-12).
"""

from __future__ import annotations

import math

import numpy as np

from dlref._validation import check_count, check_matrix, check_positive, check_same_shape, check_scalar

__all__ = [
    "initialize_adam",
    "initialize_rmsprop",
    "initialize_velocity",
    "update_parameters_with_adam",
    "update_parameters_with_momentum",
    "update_parameters_with_rmsprop",
]


def initialize_velocity(parameters: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    r"""Zero velocities for gradient descent with momentum.

    Parameters
    ----------
    parameters : dict
        ``W{l}`` : ndarray of shape (n[l], n[l-1]) and ``b{l}`` : ndarray of shape (n[l], 1),
        for $l = 1, \dots, L$.

    Returns
    -------
    v : dict
        ``dW{l}`` and ``db{l}``: zeros of the shapes of ``W{l}`` and ``b{l}``.

    Raises
    ------
    ValueError
        If `parameters` is not ``{"W1", "b1", ..., "WL", "bL"}`` of matrices.

    Notes
    -----
    $$v_{dW^{[l]}} = 0, \qquad v_{db^{[l]}} = 0$$

    Examples
    --------
    >>> v = initialize_velocity({"W1": np.ones((1, 2)), "b1": np.ones((1, 1))})
    >>> v["dW1"].tolist(), v["db1"].tolist()
    ([[0.0, 0.0]], [[0.0]])
    """
    parameters = _check_parameters(parameters)
    # --8<-- [start:initialize_velocity]
    v = {"d" + name: np.zeros_like(value) for name, value in parameters.items()}
    # --8<-- [end:initialize_velocity]
    return v


def update_parameters_with_momentum(
    parameters: dict[str, np.ndarray],
    grads: dict[str, np.ndarray],
    v: dict[str, np.ndarray],
    beta: float,
    learning_rate: float,
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    r"""One step of gradient descent with momentum.

    Parameters
    ----------
    parameters : dict
        ``W{l}`` : ndarray of shape (n[l], n[l-1]), ``b{l}`` : ndarray of shape (n[l], 1).
    grads : dict
        ``dW{l}``, ``db{l}`` of the shapes of ``W{l}``, ``b{l}``.
    v : dict
        Velocities ``dW{l}``, ``db{l}`` from the previous step (or `initialize_velocity`).
    beta : float
        Momentum, in $[0, 1)$; 0.9 is the usual choice, and 0 gives plain gradient descent.
    learning_rate : float
        Step size $\alpha > 0$.

    Returns
    -------
    parameters : dict
        The updated parameters (new arrays).
    v : dict
        The updated velocities (new arrays).

    Raises
    ------
    ValueError
        If a dictionary misses a key or has a wrong shape, `beta` is outside $[0, 1)$ or
        `learning_rate` is not positive.

    Notes
    -----
    $$v_{dW^{[l]}} = \beta\, v_{dW^{[l]}} + (1 - \beta)\, dW^{[l]}, \qquad
    W^{[l]} = W^{[l]} - \alpha\, v_{dW^{[l]}}$$

    and likewise for $b^{[l]}$. The velocity is an exponentially weighted average of the
    gradients: components that flip sign from step to step cancel out, and those that keep
    their sign add up.

    Examples
    --------
    >>> params, v = update_parameters_with_momentum(
    ...     {"W1": np.array([[1.0]]), "b1": np.array([[0.0]])},
    ...     {"dW1": np.array([[10.0]]), "db1": np.array([[0.0]])},
    ...     {"dW1": np.array([[0.0]]), "db1": np.array([[0.0]])}, beta=0.9, learning_rate=0.1)
    >>> round(float(v["dW1"][0, 0]), 6), round(float(params["W1"][0, 0]), 6)
    (1.0, 0.9)
    """
    parameters, grads, (v,) = _check_step(parameters, grads, v=v)
    beta = _check_beta("beta", beta)
    learning_rate = check_positive("learning_rate", learning_rate)
    return _update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)


def _update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    """`update_parameters_with_momentum` without the checks."""
    new_parameters, new_v, scratch = _new_arrays(parameters, 2)
    _momentum(parameters, grads, v, beta, learning_rate, (new_parameters, new_v), scratch)
    return new_parameters, new_v


def _momentum(parameters, grads, v, beta, learning_rate, out, scratch) -> None:
    """Momentum into ``out = (parameters, v)``, with the scratch arrays of `_new_arrays`."""
    new_parameters, new_v = out
    for name, value in parameters.items():
        # --8<-- [start:update_parameters_with_momentum]
        d = "d" + name  # "dW1", "db1", ...
        g, v_d, (tmp, _) = grads[d], new_v[d], scratch[name]
        np.multiply(1 - beta, g, out=tmp)
        np.multiply(beta, v[d], out=v_d)
        v_d += tmp  # v = beta v + (1 - beta) dW
        np.multiply(learning_rate, v_d, out=tmp)
        np.subtract(value, tmp, out=new_parameters[name])  # W = W - alpha v
        # --8<-- [end:update_parameters_with_momentum]


def initialize_rmsprop(parameters: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    r"""Zero running averages of the squared gradients, for RMSprop.

    Parameters
    ----------
    parameters : dict
        ``W{l}`` : ndarray of shape (n[l], n[l-1]), ``b{l}`` : ndarray of shape (n[l], 1).

    Returns
    -------
    s : dict
        ``dW{l}`` and ``db{l}``: zeros of the shapes of ``W{l}`` and ``b{l}``.

    Raises
    ------
    ValueError
        If `parameters` is not ``{"W1", "b1", ..., "WL", "bL"}`` of matrices.

    Notes
    -----
    $$S_{dW^{[l]}} = 0, \qquad S_{db^{[l]}} = 0$$

    Examples
    --------
    >>> s = initialize_rmsprop({"W1": np.ones((2, 1)), "b1": np.ones((2, 1))})
    >>> s["dW1"].tolist()
    [[0.0], [0.0]]
    """
    parameters = _check_parameters(parameters)
    # --8<-- [start:initialize_rmsprop]
    s = {"d" + name: np.zeros_like(value) for name, value in parameters.items()}
    # --8<-- [end:initialize_rmsprop]
    return s


def update_parameters_with_rmsprop(
    parameters: dict[str, np.ndarray],
    grads: dict[str, np.ndarray],
    s: dict[str, np.ndarray],
    beta: float,
    learning_rate: float,
    epsilon: float = 1e-8,
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    r"""One step of RMSprop (root mean square propagation).

    Parameters
    ----------
    parameters : dict
        ``W{l}`` : ndarray of shape (n[l], n[l-1]), ``b{l}`` : ndarray of shape (n[l], 1).
    grads : dict
        ``dW{l}``, ``db{l}`` of the shapes of ``W{l}``, ``b{l}``.
    s : dict
        Running averages of the squared gradients from the previous step (or
        `initialize_rmsprop`).
    beta : float
        Weight of the past in the running average, in $[0, 1)$; 0.9 or 0.999 are usual.
    learning_rate : float
        Step size $\alpha > 0$.
    epsilon : float, default 1e-8
        Added to the root, outside it, so that a zero average never divides by zero.

    Returns
    -------
    parameters : dict
        The updated parameters (new arrays).
    s : dict
        The updated running averages (new arrays).

    Raises
    ------
    ValueError
        If a dictionary misses a key or has a wrong shape, `beta` is outside $[0, 1)$, or
        `learning_rate` or `epsilon` is not positive.

    Notes
    -----
    $$S_{dW^{[l]}} = \beta\, S_{dW^{[l]}} + (1 - \beta)\, \bigl(dW^{[l]}\bigr)^2, \qquad
    W^{[l]} = W^{[l]} - \alpha\, \frac{dW^{[l]}}{\sqrt{S_{dW^{[l]}}} + \varepsilon}$$

    with the square and the root taken element by element, and likewise for $b^{[l]}$. A
    direction with large gradients gets a large $S$ and so a smaller step; a direction with
    small gradients a larger one. The course's RMSprop has no bias correction.

    Examples
    --------
    >>> params, s = update_parameters_with_rmsprop(
    ...     {"W1": np.array([[1.0]]), "b1": np.array([[0.0]])},
    ...     {"dW1": np.array([[4.0]]), "db1": np.array([[0.0]])},
    ...     {"dW1": np.array([[0.0]]), "db1": np.array([[0.0]])}, beta=0.75, learning_rate=0.1)
    >>> round(float(s["dW1"][0, 0]), 6), round(float(params["W1"][0, 0]), 6)
    (4.0, 0.8)
    """
    parameters, grads, (s,) = _check_step(parameters, grads, s=s)
    beta = _check_beta("beta", beta)
    learning_rate = check_positive("learning_rate", learning_rate)
    epsilon = check_positive("epsilon", epsilon)
    return _update_parameters_with_rmsprop(parameters, grads, s, beta, learning_rate, epsilon)


def _update_parameters_with_rmsprop(parameters, grads, s, beta, learning_rate, epsilon):
    """`update_parameters_with_rmsprop` without the checks."""
    new_parameters, new_s, scratch = _new_arrays(parameters, 2)
    _rmsprop(parameters, grads, s, beta, learning_rate, epsilon, (new_parameters, new_s), scratch)
    return new_parameters, new_s


def _rmsprop(parameters, grads, s, beta, learning_rate, epsilon, out, scratch) -> None:
    """RMSprop into ``out = (parameters, s)``, with the scratch arrays of `_new_arrays`."""
    new_parameters, new_s = out
    for name, value in parameters.items():
        # --8<-- [start:update_parameters_with_rmsprop]
        d = "d" + name
        g, s_d, (tmp, step) = grads[d], new_s[d], scratch[name]
        np.multiply(g, g, out=tmp)
        tmp *= 1 - beta
        np.multiply(beta, s[d], out=s_d)
        s_d += tmp  # S = beta S + (1 - beta) dW^2
        np.sqrt(s_d, out=tmp)
        tmp += epsilon  # sqrt(S) + eps: epsilon outside the root
        np.multiply(learning_rate, g, out=step)
        step /= tmp
        np.subtract(value, step, out=new_parameters[name])  # W = W - alpha dW / (sqrt(S) + eps)
        # --8<-- [end:update_parameters_with_rmsprop]


def initialize_adam(parameters: dict[str, np.ndarray]) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    r"""Zero first and second moments for Adam.

    Parameters
    ----------
    parameters : dict
        ``W{l}`` : ndarray of shape (n[l], n[l-1]), ``b{l}`` : ndarray of shape (n[l], 1).

    Returns
    -------
    v : dict
        First moments ``dW{l}``, ``db{l}``: zeros of the shapes of ``W{l}``, ``b{l}``.
    s : dict
        Second moments, keyed and shaped like `v`, also zeros.

    Raises
    ------
    ValueError
        If `parameters` is not ``{"W1", "b1", ..., "WL", "bL"}`` of matrices.

    Notes
    -----
    $$v_{dW^{[l]}} = 0, \quad S_{dW^{[l]}} = 0, \quad v_{db^{[l]}} = 0, \quad S_{db^{[l]}} = 0$$

    Examples
    --------
    >>> v, s = initialize_adam({"W1": np.ones((1, 2)), "b1": np.ones((1, 1))})
    >>> sorted(v), s["dW1"].tolist()
    (['dW1', 'db1'], [[0.0, 0.0]])
    """
    parameters = _check_parameters(parameters)
    # --8<-- [start:initialize_adam]
    v = {"d" + name: np.zeros_like(value) for name, value in parameters.items()}
    s = {"d" + name: np.zeros_like(value) for name, value in parameters.items()}
    # --8<-- [end:initialize_adam]
    return v, s


def update_parameters_with_adam(
    parameters: dict[str, np.ndarray],
    grads: dict[str, np.ndarray],
    v: dict[str, np.ndarray],
    s: dict[str, np.ndarray],
    t: int,
    learning_rate: float = 0.01,
    beta1: float = 0.9,
    beta2: float = 0.999,
    epsilon: float = 1e-8,
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], dict[str, np.ndarray]]:
    r"""One step of Adam: momentum and RMSprop together, both bias-corrected.

    Parameters
    ----------
    parameters : dict
        ``W{l}`` : ndarray of shape (n[l], n[l-1]), ``b{l}`` : ndarray of shape (n[l], 1).
    grads : dict
        ``dW{l}``, ``db{l}`` of the shapes of ``W{l}``, ``b{l}``.
    v : dict
        First moments (averages of the gradients) from step $t - 1$.
    s : dict
        Second moments (averages of the squared gradients) from step $t - 1$.
    t : int
        Number of this step, counting from 1 (the bias correction divides by $1 - \beta^t$,
        which is 0 at $t = 0$).
    learning_rate : float, default 0.01
        Step size $\alpha > 0$.
    beta1 : float, default 0.9
        Weight of the past in the first moment, in $[0, 1)$.
    beta2 : float, default 0.999
        Weight of the past in the second moment, in $[0, 1)$.
    epsilon : float, default 1e-8
        Added to the root of the corrected second moment, outside the root.

    Returns
    -------
    parameters : dict
        The updated parameters (new arrays).
    v : dict
        The updated first moments, not bias-corrected (new arrays).
    s : dict
        The updated second moments, not bias-corrected (new arrays).

    Raises
    ------
    ValueError
        If a dictionary misses a key or has a wrong shape, `t` is not an integer of at least
        1, a `beta` is outside $[0, 1)$, or `learning_rate` or `epsilon` is not positive.

    Notes
    -----
    $$v_{dW} = \beta_1 v_{dW} + (1 - \beta_1)\, dW, \qquad
    S_{dW} = \beta_2 S_{dW} + (1 - \beta_2)\, (dW)^2$$

    $$v^{\text{corrected}}_{dW} = \frac{v_{dW}}{1 - \beta_1^t}, \qquad
    S^{\text{corrected}}_{dW} = \frac{S_{dW}}{1 - \beta_2^t}$$

    $$W = W - \alpha\, \frac{v^{\text{corrected}}_{dW}}{\sqrt{S^{\text{corrected}}_{dW}} + \varepsilon}$$

    for every $W^{[l]}$ and $b^{[l]}$. The corrected moments, not the running ones, go into the
    step; $v$ and $S$ themselves are kept uncorrected for the next step. The code computes the
    same step with the corrections folded into two numbers, as the Adam paper suggests, which
    saves two passes over every array:

    $$W = W - \alpha_t\, \frac{v_{dW}}{\sqrt{S_{dW}} + \varepsilon_t}, \qquad
    \alpha_t = \alpha\, \frac{\sqrt{1 - \beta_2^t}}{1 - \beta_1^t}, \qquad
    \varepsilon_t = \varepsilon \sqrt{1 - \beta_2^t}$$

    Examples
    --------
    >>> params = {"W1": np.array([[1.0, 1.0]]), "b1": np.array([[0.0]])}
    >>> grads = {"dW1": np.array([[3.0, -0.001]]), "db1": np.array([[0.0]])}
    >>> v, s = initialize_adam(params)
    >>> params, v, s = update_parameters_with_adam(params, grads, v, s, t=1, learning_rate=0.1)
    >>> params["W1"].round(4).tolist()  # the first step moves each weight by about 0.1
    [[0.9, 1.1]]
    """
    parameters, grads, (v, s) = _check_step(parameters, grads, v=v, s=s)
    t = check_count("t", t, minimum=1)
    learning_rate = check_positive("learning_rate", learning_rate)
    beta1, beta2 = _check_beta("beta1", beta1), _check_beta("beta2", beta2)
    epsilon = check_positive("epsilon", epsilon)
    return _update_parameters_with_adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon)


def _update_parameters_with_adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon):
    """`update_parameters_with_adam` without the checks."""
    new_parameters, new_v, new_s, scratch = _new_arrays(parameters, 3)
    _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, (new_parameters, new_v, new_s), scratch)
    return new_parameters, new_v, new_s


def _adam(parameters, grads, v, s, t, learning_rate, beta1, beta2, epsilon, out, scratch) -> None:
    """Adam into ``out = (parameters, v, s)``, with the scratch arrays of `_new_arrays`."""
    new_parameters, new_v, new_s = out
    # --8<-- [start:update_parameters_with_adam]
    root = math.sqrt(1 - beta2**t)  # both corrections folded into two numbers
    alpha_t, epsilon_t = learning_rate * root / (1 - beta1**t), epsilon * root
    for name, value in parameters.items():
        d = "d" + name
        g, v_d, s_d, (tmp, step) = grads[d], new_v[d], new_s[d], scratch[name]
        np.multiply(1 - beta1, g, out=tmp)
        np.multiply(beta1, v[d], out=v_d)
        v_d += tmp  # v = beta1 v + (1 - beta1) dW: momentum, the 1st moment
        np.multiply(g, g, out=tmp)
        tmp *= 1 - beta2
        np.multiply(beta2, s[d], out=s_d)
        s_d += tmp  # S = beta2 S + (1 - beta2) dW^2: RMSprop, the 2nd moment
        np.sqrt(s_d, out=tmp)
        tmp += epsilon_t  # sqrt(S) + eps_t: epsilon outside the root
        np.divide(v_d, tmp, out=step)
        step *= alpha_t  # alpha_t v / (sqrt(S) + eps_t)
        np.subtract(value, step, out=new_parameters[name])  # W = W - step
    # --8<-- [end:update_parameters_with_adam]


def _new_arrays(parameters: dict[str, np.ndarray], count: int, scratch: bool = True) -> tuple[dict[str, np.ndarray], ...]:
    """`count` dicts of new arrays shaped like `parameters`, and the scratch pairs of an update.

    The new arrays are views into one new buffer, and the scratch arrays into another: two
    allocations per call, whatever the number of layers (see the module's docstring). The second
    scratch array of each pair is the new parameter itself, written last from the old one, so it
    can hold the step until then. With ``scratch=False`` (plain gradient descent, which needs
    none) the second buffer is not allocated and the scratch dict is empty.
    """
    total = sum(x.size for x in parameters.values())
    buffer, scratch_buffer = np.empty((count, total)), np.empty(total if scratch else 0)
    fresh: list[dict[str, np.ndarray]] = [{} for _ in range(count)]
    pairs = {}
    start = 0
    for name, x in parameters.items():
        stop = start + x.size
        for i, new in enumerate(fresh):
            new[name if i == 0 else "d" + name] = buffer[i, start:stop].reshape(x.shape)
        if scratch:
            pairs[name] = (scratch_buffer[start:stop].reshape(x.shape), fresh[0][name])
        start = stop
    return (*fresh, pairs)


def _check_step(
    parameters: object, grads: object, **states: object
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], tuple[dict[str, np.ndarray], ...]]:
    """Check `parameters`, and that `grads` and each state hold dW{l}, db{l} of their shapes."""
    parameters = _check_parameters(parameters)
    checked = []
    for dict_name, d in [("grads", grads), *states.items()]:
        if not isinstance(d, dict):
            raise ValueError(f"{dict_name} must be a dict {{'dW1': ..., 'db1': ...}}, got {type(d).__name__}.")
        missing = [f"d{name}" for name in parameters if f"d{name}" not in d]
        if missing:
            raise ValueError(f"{dict_name} lacks {missing}: it needs dW1, db1, ..., dWL, dbL.")
        checked.append({
            f"d{name}": check_same_shape(f'{dict_name}["d{name}"]', d[f"d{name}"], name, value)
            for name, value in parameters.items()
        })
    return parameters, checked[0], tuple(checked[1:])


def _check_parameters(parameters: object) -> dict[str, np.ndarray]:
    """``{"W1", "b1", ..., "WL", "bL"}`` as float matrices; the layers need not chain."""
    if not isinstance(parameters, dict):
        raise ValueError(f"parameters must be a dict {{'W1': ..., 'b1': ...}}, got {type(parameters).__name__}.")
    L = sum(1 for key in parameters if isinstance(key, str) and key[:1] == "W")
    expected = {f"{p}{l}" for l in range(1, L + 1) for p in "Wb"}
    if L == 0 or set(parameters) != expected:
        missing, unexpected = sorted(expected - set(parameters)), sorted(set(parameters) - expected, key=str)
        raise ValueError(
            "parameters must hold W1, b1, ..., WL, bL for layers 1 to L; "
            f"missing {missing or 'nothing'}, unexpected {unexpected or 'nothing'}."
        )
    return {key: check_matrix(key, value) for key, value in sorted(parameters.items(), key=_layer_order)}


def _layer_order(item: tuple[str, object]) -> tuple[int, str]:
    return int(item[0][1:]), item[0]


def _check_beta(name: str, beta: object) -> float:
    value = check_scalar(name, beta)
    if not 0.0 <= value < 1.0:
        raise ValueError(f"{name} must be in [0, 1), got {value}.")
    return value

