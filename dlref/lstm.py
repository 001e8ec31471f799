r"""The long short-term memory (LSTM) network: one cell, the forward pass, backpropagation through time.

Shapes follow the course: ``x`` is ``(n_x, m, T_x)``, the hidden states ``a`` and the memory
cells ``c`` are ``(n_a, m, T_x)``. Each gate's weights act on the stacked column
$[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$, so ``Wf``, ``Wi``, ``Wc`` and ``Wo`` are
``(n_a, n_a + n_x)`` and their biases ``(n_a, 1)``; the prediction uses ``Wy (n_y, n_a)`` and
``by (n_y, 1)``.

Gradient convention (the course's): every gradient is the derivative of one loss
$\mathcal{L}$, summed over examples and time steps, with no $\frac{1}{m}$.

`lstm_forward` keeps what its step caches hold (every step's gates, candidate, memory cell and
hidden state) in one buffer for the whole sequence, ``(T_x, 6 n_a, m)``, instead of six new
arrays a step. One large block allocated and freed a call, rather than a hundred medium ones,
leaves glibc nothing to hand back to the system at the end of a call and fault in again on the
next: at the benchmark's size that was about 1,800 page faults a call and a third of the time of
a forward and backward pass. The values are the same to the last bit.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._memory import keep
from dlref._sequence import check_cache, check_caches, check_step_arrays, check_gradient, check_sequence, check_state, check_weights
from dlref._validation import check_matrix
from dlref.activations import sigmoid
from dlref.softmax import softmax

__all__ = ["lstm_backward", "lstm_cell_backward", "lstm_cell_forward", "lstm_forward"]

GATES = ("f", "i", "c", "o")


def _lstm_weights(parameters: object, n_x: int, source: str = "") -> dict[str, NDArray[np.float64]]:
    """The weights as float arrays of the shapes they need; `source` says where n_x came from, for the message."""
    n_a = check_weights(parameters, {"bf": (None, 1)}, "the LSTM")["bf"].shape[0]
    n_y = check_weights(parameters, {"Wy": (None, n_a)}, "the LSTM: Wy needs one column per hidden unit")["Wy"].shape[0]
    shapes = {f"W{g}": (n_a, n_a + n_x) for g in GATES} | {f"b{g}": (n_a, 1) for g in GATES}
    shapes |= {"Wy": (n_y, n_a), "by": (n_y, 1)}
    return check_weights(parameters, shapes, f"the LSTM with n_x = {n_x}, n_a = {n_a}: gates act on [a_prev; xt]{source}")


def lstm_cell_forward(xt: ArrayLike, a_prev: ArrayLike, c_prev: ArrayLike, parameters: dict[str, NDArray[np.float64]]):
    r"""One time step of the LSTM: four gates, the new memory cell, the new hidden state.

    Parameters
    ----------
    xt : array_like of shape (n_x, m)
        The inputs at step $t$.
    a_prev : array_like of shape (n_a, m)
        The hidden state of step $t - 1$.
    c_prev : array_like of shape (n_a, m)
        The memory cell of step $t - 1$.
    parameters : dict
        ``Wf, Wi, Wc, Wo`` of shape ``(n_a, n_a + n_x)``, ``bf, bi, bc, bo`` of shape
        ``(n_a, 1)``, ``Wy (n_y, n_a)``, ``by (n_y, 1)``.

    Returns
    -------
    a_next : ndarray of shape (n_a, m)
    c_next : ndarray of shape (n_a, m)
    yt_pred : ndarray of shape (n_y, m)
        Softmax probabilities, each column summing to 1.
    cache : tuple
        ``(a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)``.

    Raises
    ------
    ValueError
        If a state is not ``(n_a, m)`` or a gate's weights are not ``(n_a, n_a + n_x)``.

    Notes
    -----
    With $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$ the two columns stacked,

    $$\Gamma_f = \sigma(W_f [a^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b_f), \quad
    \Gamma_i = \sigma(W_i [\cdot] + b_i), \quad \Gamma_o = \sigma(W_o [\cdot] + b_o)$$

    $$\tilde c^{\langle t \rangle} = \tanh(W_c [\cdot] + b_c), \quad
    c^{\langle t \rangle} = \Gamma_f \odot c^{\langle t-1 \rangle} + \Gamma_i \odot \tilde c^{\langle t \rangle}, \quad
    a^{\langle t \rangle} = \Gamma_o \odot \tanh(c^{\langle t \rangle})$$

    Examples
    --------
    >>> p = {f"W{g}": np.zeros((1, 2)) for g in "fico"} | {f"b{g}": np.zeros((1, 1)) for g in "fico"}
    >>> p |= {"Wy": np.ones((1, 1)), "by": np.zeros((1, 1))}
    >>> a_next, c_next, _, _ = lstm_cell_forward(np.ones((1, 1)), np.zeros((1, 1)), np.ones((1, 1)), p)
    >>> round(c_next.item(), 4), round(a_next.item(), 4)
    (0.5, 0.2311)
    """
    xt = check_matrix("xt", xt, ("n_x", "m"), hint="xt is one time step, x[:, :, t].")
    p = _lstm_weights(parameters, xt.shape[0], f"; n_x is the rows of xt, whose shape is {xt.shape}")
    n_a, m = p["bf"].shape[0], xt.shape[1]
    a_prev = check_state("a_prev", a_prev, n_a, m, rows_from="the rows of Wf", cols_from="the columns of xt")
    c_prev = check_state("c_prev", c_prev, n_a, m, rows_from="the rows of Wf", cols_from="the columns of xt")
    return _lstm_step(xt, a_prev, c_prev, p, *_stack_gates(p))


def _stack_gates(p: dict[str, NDArray[np.float64]]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The gates' weights and biases stacked as [Wf; Wi; Wo; Wc], so one product gives all four."""
    W = np.concatenate([p["Wf"], p["Wi"], p["Wo"], p["Wc"]], axis=0)  # (4 n_a, n_a + n_x)
    b = np.concatenate([p["bf"], p["bi"], p["bo"], p["bc"]], axis=0)  # (4 n_a, 1)
    return W, b


def _lstm_step(xt, a_prev, c_prev, p, W, b):
    """One step of `lstm_cell_forward` on checked inputs, with the gates stacked by `_stack_gates`."""
    n_a = a_prev.shape[0]
    # --8<-- [start:lstm_cell_forward]
    concat = np.concatenate([a_prev, xt], axis=0)  # (n_a + n_x, m)
    z = W @ concat + b  # all four gates at once: W = [Wf; Wi; Wo; Wc], b = [bf; bi; bo; bc]
    gates = sigmoid(z[: 3 * n_a])  # rows of Wf, Wi, Wo
    ft, it, ot = gates[:n_a], gates[n_a : 2 * n_a], gates[2 * n_a :]  # forget, update (input), output gates
    cct = np.tanh(z[3 * n_a :])  # candidate memory, from the rows of Wc
    c_next = ft * c_prev + it * cct
    a_next = ot * np.tanh(c_next)
    yt_pred = softmax(p["Wy"] @ a_next + p["by"])  # softmax of each column
    # --8<-- [end:lstm_cell_forward]
    cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p)
    return a_next, c_next, yt_pred, cache


def _keep(cache: tuple, rows: NDArray[np.float64]) -> tuple:
    """Step `cache` with its new arrays copied into `rows` ``(6 n_a, m)``, one step's share of a
    buffer for the whole sequence; returns the copies of ``a_next`` and ``c_next`` and the cache."""
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p = cache
    ft, it, ot, cct, c_next, a_next = keep(rows, ft, it, ot, cct, c_next, a_next)
    return a_next, c_next, (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p)


def lstm_forward(x: ArrayLike, a0: ArrayLike, parameters: dict[str, NDArray[np.float64]]):
    r"""The LSTM over a whole sequence, starting from $a^{\langle 0 \rangle}$ and a zero memory cell.

    Parameters
    ----------
    x : array_like of shape (n_x, m, T_x)
    a0 : array_like of shape (n_a, m)
        The initial hidden state; the initial memory cell $c^{\langle 0 \rangle}$ is zero, as in the course.
    parameters : dict
        As in `lstm_cell_forward`.

    Returns
    -------
    a : ndarray of shape (n_a, m, T_x)
    y : ndarray of shape (n_y, m, T_x)
    c : ndarray of shape (n_a, m, T_x)
    caches : tuple
        ``(list_of_step_caches, x)``, kept for `lstm_backward`.

    Raises
    ------
    ValueError
        If `x` is not 3-D, `a0` is not ``(n_a, m)``, or a parameter does not fit.

    Notes
    -----
    `lstm_cell_forward` at $t = 1, \dots, T_x$, each step taking the previous step's
    $a^{\langle t-1 \rangle}$ and $c^{\langle t-1 \rangle}$, with $c^{\langle 0 \rangle} = 0$.

    Examples
    --------
    >>> p = {f"W{g}": np.zeros((1, 2)) for g in "fico"} | {f"b{g}": np.zeros((1, 1)) for g in "fico"}
    >>> p |= {"Wy": np.ones((1, 1)), "by": np.zeros((1, 1)), "bc": np.ones((1, 1))}
    >>> a, y, c, _ = lstm_forward(np.zeros((1, 1, 2)), np.zeros((1, 1)), p)
    >>> c.round(4).tolist()
    [[[0.3808, 0.5712]]]
    """
    x = check_sequence("x", x)
    p = _lstm_weights(parameters, x.shape[0], f"; n_x is the rows of x, whose shape is {x.shape}")
    n_a, (n_x, m, T_x) = p["bf"].shape[0], x.shape
    a0 = check_state("a0", a0, n_a, m, rows_from="the rows of Wf", cols_from=f"the columns of x, whose shape is {x.shape}")
    # --8<-- [start:lstm_forward]
    a, c = np.zeros((n_a, m, T_x)), np.zeros((n_a, m, T_x))
    y = np.zeros((p["Wy"].shape[0], m, T_x))
    step_caches, a_next, c_next = [], a0, np.zeros((n_a, m))
    W, b = _stack_gates(p)  # the four gates' weights, stacked once for all steps
    kept = np.empty((T_x, 6 * n_a, m))  # one buffer for the step caches
    for t in range(T_x):
        a_next, c_next, y[:, :, t], cache = _lstm_step(x[:, :, t], a_next, c_next, p, W, b)  # lstm_cell_forward
        a_next, c_next, cache = _keep(cache, kept[t])
        a[:, :, t], c[:, :, t] = a_next, c_next
        step_caches.append(cache)
    # --8<-- [end:lstm_forward]
    return a, y, c, (step_caches, x)


def lstm_cell_backward(da_next: ArrayLike, dc_next: ArrayLike, cache: tuple) -> dict[str, NDArray[np.float64]]:
    r"""Backward pass of one LSTM cell: through the output, the memory cell and the four gates.

    Parameters
    ----------
    da_next : array_like of shape (n_a, m)
        Gradient with respect to $a^{\langle t \rangle}$ (the step's own plus the one carried from $t + 1$).
    dc_next : array_like of shape (n_a, m)
        Gradient with respect to $c^{\langle t \rangle}$ carried from step $t + 1$.
    cache : tuple
        From `lstm_cell_forward`.

    Returns
    -------
    gradients : dict
        ``dxt (n_x, m)``, ``da_prev (n_a, m)``, ``dc_prev (n_a, m)``, ``dWf, dWi, dWc, dWo``
        of shape ``(n_a, n_a + n_x)`` and ``dbf, dbi, dbc, dbo`` of shape ``(n_a, 1)``.

    Raises
    ------
    ValueError
        If `da_next` or `dc_next` does not have the shape ``(n_a, m)``.

    Notes
    -----
    The memory cell receives the gradient carried along it and the one through $a = \Gamma_o \tanh(c)$:

    $$dc = dc^{\langle t \rangle} + da^{\langle t \rangle} \odot \Gamma_o \odot (1 - \tanh^2 c^{\langle t \rangle})$$

    $$d\Gamma_o = da \odot \tanh c^{\langle t \rangle} \odot \Gamma_o(1 - \Gamma_o), \quad
    d\tilde c = dc \odot \Gamma_i \odot (1 - \tilde c^2), \quad
    d\Gamma_i = dc \odot \tilde c \odot \Gamma_i(1 - \Gamma_i), \quad
    d\Gamma_f = dc \odot c^{\langle t-1 \rangle} \odot \Gamma_f(1 - \Gamma_f)$$

    (the gate derivatives are taken before the sigmoid or tanh). Then
    $dW_g = d\Gamma_g [a^{\langle t-1 \rangle}; x^{\langle t \rangle}]^T$, $db_g = \sum_i d\Gamma_g^{(i)}$,
    $[da^{\langle t-1 \rangle}; dx^{\langle t \rangle}] = \sum_g W_g^T d\Gamma_g$ and
    $dc^{\langle t-1 \rangle} = dc \odot \Gamma_f$.

    Examples
    --------
    >>> p = {f"W{g}": np.zeros((1, 2)) for g in "fico"} | {f"b{g}": np.zeros((1, 1)) for g in "fico"}
    >>> p |= {"Wy": np.ones((1, 1)), "by": np.zeros((1, 1))}
    >>> *_, cache = lstm_cell_forward(np.ones((1, 1)), np.zeros((1, 1)), np.ones((1, 1)), p)
    >>> g = lstm_cell_backward(np.zeros((1, 1)), np.ones((1, 1)), cache)
    >>> g["dc_prev"].tolist(), g["dbf"].tolist()
    ([[0.5]], [[0.25]])
    """
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p = cache = _check_step_cache(cache)
    p = _lstm_weights(p, xt.shape[0], f" (in cache; n_x is the rows of its xt, {xt.shape})")
    da_next = check_gradient("da_next", da_next, "a_next", a_next.shape)
    dc_next = check_gradient("dc_next", dc_next, "c_next", c_next.shape)
    n_a = a_next.shape[0]
    dz = np.empty((4 * n_a, a_next.shape[1]))  # filled with [dft; dit; dot; dcct]
    dconcat, dc_prev = _lstm_step_backward(da_next, dc_next, cache, _stack_gates(p)[0], dz)
    # --8<-- [start:lstm_cell_weights]
    concat = np.concatenate([a_prev, xt], axis=0)  # (n_a + n_x, m)
    grads = _split_gates(dz @ concat.T, dz.sum(axis=1, keepdims=True))  # dW_g = dGamma_g concat^T, all gates at once
    grads |= {"da_prev": dconcat[:n_a], "dxt": dconcat[n_a:], "dc_prev": dc_prev}
    # --8<-- [end:lstm_cell_weights]
    return grads


def _check_step_cache(cache: object, name: str = "cache") -> tuple:
    """A step's cache from `lstm_cell_forward`, its arrays float64 and shaped like one step, or raise naming the entry."""
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p = check_cache(cache, 10, "lstm_cell_forward", name)
    a_next = check_matrix(f"{name}'s a_next", a_next, ("n_a", "m"))
    check_step_arrays(name, ("c_next", "a_prev", "c_prev", "ft", "it", "cct", "ot"), (c_next, a_prev, c_prev, ft, it, cct, ot), a_next)
    xt = check_matrix(f"{name}'s xt", xt, ("n_x", a_next.shape[1]))
    return a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, p


def _split_gates(dW: NDArray[np.float64], db: NDArray[np.float64]) -> dict[str, NDArray[np.float64]]:
    """The stacked gradients of the gates, rows [f; i; o; c] as in `_stack_gates`, as ``dWf, dbf, ...``."""
    n_a = db.shape[0] // 4
    rows = {g: slice(k * n_a, (k + 1) * n_a) for k, g in enumerate("fioc")}
    return {f"dW{g}": dW[rows[g]] for g in GATES} | {f"db{g}": db[rows[g]] for g in GATES}


def _check_lstm_caches(caches: object) -> tuple[list[tuple], NDArray[np.float64], dict[str, NDArray[np.float64]]]:
    """The checked step caches, x and weights of `lstm_forward`'s caches, once for the whole sequence, or raise."""
    step_caches, x = check_caches(caches, "lstm")
    if len(step_caches) != x.shape[2]:
        raise ValueError(f"caches hold {len(step_caches)} step caches for x of shape {x.shape}; expected T_x = {x.shape[2]}, one a step.")
    step_caches = [_check_step_cache(cache, f"caches[0][{t}]") for t, cache in enumerate(step_caches)]
    p = _lstm_weights(step_caches[0][-1], x.shape[0], " (in caches)")
    check_state("caches[0][0]'s a_next", step_caches[0][0], p["bf"].shape[0], x.shape[1], rows_from="the rows of Wf", cols_from="the columns of x")
    for t, cache in enumerate(step_caches):  # lstm_forward's steps share one dict; steps cached one by one are compared
        if cache[-1] is not step_caches[0][-1] and not _same_weights(p, _lstm_weights(cache[-1], x.shape[0], f" (in caches[0][{t}])")):
            raise ValueError(f"caches[0][{t}] holds other parameters than caches[0][0]; the steps of one sequence share them.")
    return step_caches, x, p


def _same_weights(p: dict, q: dict) -> bool:
    return all(np.array_equal(p[k], q[k]) for k in p)


def _lstm_step_backward(da_next, dc_next, cache, W, dz):
    """One step of `lstm_cell_backward` on a checked cache: fills `dz` with the gates' gradients
    [dft; dit; dot; dcct] (the rows of W = [Wf; Wi; Wo; Wc] from `_stack_gates`); returns d[a_prev; xt] and dc_prev."""
    a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, _ = cache
    # --8<-- [start:lstm_cell_backward]
    dft, dit, dot, dcct = np.split(dz, 4)  # dz is (4 n_a, m); these are views of it, filled below
    tanh_c = np.tanh(c_next)
    dc = dc_next + da_next * ot * (1 - tanh_c**2)  # carried along c, plus through a = o * tanh(c)
    dot[:] = da_next * tanh_c * ot * (1 - ot)
    dcct[:] = dc * it * (1 - cct**2)
    dit[:] = dc * cct * it * (1 - it)
    dft[:] = dc * c_prev * ft * (1 - ft)
    dconcat = W.T @ dz  # [da_prev; dxt] = sum over the gates of W_g^T dGamma_g, in one product
    dc_prev = dc * ft
    # --8<-- [end:lstm_cell_backward]
    return dconcat, dc_prev


def lstm_backward(da: ArrayLike, caches: tuple) -> dict[str, NDArray[np.float64]]:
    r"""Backpropagation through time for the LSTM, carrying both $da$ and $dc$ to the earlier step.

    Parameters
    ----------
    da : array_like of shape (n_a, m, T_x)
        Gradient of the loss with respect to every hidden state, from above (the predictions).
    caches : tuple
        ``(list_of_step_caches, x)`` from `lstm_forward`.

    Returns
    -------
    gradients : dict
        ``dx (n_x, m, T_x)``, ``da0 (n_a, m)``, ``dWf, dWi, dWc, dWo`` of shape
        ``(n_a, n_a + n_x)``, ``dbf, dbi, dbc, dbo`` of shape ``(n_a, 1)``.

    Raises
    ------
    ValueError
        If `caches` is not what `lstm_forward` returned (one step cache a time step, all with the
        same parameters) or `da` is not ``(n_a, m, T_x)``.

    Notes
    -----
    Step $t$ runs `lstm_cell_backward` on $da^{\langle t \rangle} + da_{\text{prev}}$ and
    $dc_{\text{prev}}$, both carried back from step $t + 1$ (zero at $t = T_x$); the weight
    gradients are summed over the steps, each step adding those of all four gates in one product
    of its stacked gate gradients and $[a^{\langle t-1 \rangle}; x^{\langle t \rangle}]$:

    $$dW_g = \sum_{t=1}^{T_x} d\Gamma_g^{\langle t \rangle} [a^{\langle t-1 \rangle}; x^{\langle t \rangle}]^T$$

    Dropping the carried terms, as widely copied solutions do, gives every step only its own gradient.

    Examples
    --------
    >>> p = {f"W{g}": np.zeros((1, 2)) for g in "fico"} | {f"b{g}": np.zeros((1, 1)) for g in "fico"}
    >>> p |= {"Wy": np.ones((1, 1)), "by": np.zeros((1, 1)), "Wc": np.array([[0.0, 1.0]])}
    >>> *_, caches = lstm_forward(np.ones((1, 1, 2)), np.zeros((1, 1)), p)
    >>> g = lstm_backward(np.array([[[0.0, 1.0]]]), caches)
    >>> round(g["dx"][0, 0, 0].item(), 4)
    0.0385
    """
    step_caches, x, p = _check_lstm_caches(caches)
    (n_x, m, T_x), n_a = x.shape, p["bf"].shape[0]
    da = check_gradient("da", da, "a", (n_a, m, T_x))
    # --8<-- [start:lstm_backward]
    W, _ = _stack_gates(p)  # [Wf; Wi; Wo; Wc], as in the forward pass
    dW, db = np.zeros_like(W), np.zeros((4 * n_a, 1))  # the four gates' dW and db, stacked like W
    dz = np.empty((4 * n_a, m))  # step t's [dft; dit; dot; dcct], filled again at every step
    dx, da_prevt, dc_prevt = np.empty_like(x), np.zeros((n_a, m)), np.zeros((n_a, m))
    for t in reversed(range(T_x)):
        a_prev, xt = step_caches[t][2], step_caches[t][8]
        dconcat, dc_prevt = _lstm_step_backward(da[:, :, t] + da_prevt, dc_prevt, step_caches[t], W, dz)  # carry both
        da_prevt, dx[:, :, t] = dconcat[:n_a], dconcat[n_a:]
        dW += dz @ np.concatenate([a_prev, xt], axis=0).T  # dW_g += dGamma_g [a_prev; xt]^T, all gates in one product
        db += dz.sum(axis=1, keepdims=True)
    grads = _split_gates(dW, db)  # dWf, dWi, dWo, dWc and dbf, ... from the stacked rows
    # --8<-- [end:lstm_backward]
    return {"dx": dx, "da0": da_prevt} | grads
