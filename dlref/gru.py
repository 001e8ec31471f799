r"""The gated recurrent unit (GRU), simplified and full: one cell, the forward pass, backpropagation.

In the GRU the hidden state is the memory cell, $a^{\langle t \rangle} = c^{\langle t \rangle}$,
of shape ``(n_a, m)``; ``x`` is ``(n_x, m, T_x)``. The gates act on the stacked column
$[c^{\langle t-1 \rangle}; x^{\langle t \rangle}]$: ``Wu``, ``Wc`` (and ``Wr`` for the full
GRU) are ``(n_a, n_a + n_x)``, their biases ``(n_a, 1)``. A parameter dict without ``Wr`` and
``br`` is the simplified GRU, which is the full one with its relevance gate held at 1.

Gradient convention (the course's): derivatives of one loss, summed over examples and steps.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._memory import keep, one_block
from dlref._sequence import check_cache, check_caches, check_step_arrays, check_gradient, check_sequence, check_state, check_weights
from dlref._validation import check_matrix
from dlref.activations import sigmoid

__all__ = ["gru_backward", "gru_cell_backward", "gru_cell_forward", "gru_forward"]



def _gru_weights(parameters: object, n_x: int, source: str = "") -> dict[str, NDArray[np.float64]]:
    """The weights as float arrays of the shapes they need; `source` says where n_x came from, for the message."""
    n_a = check_weights(parameters, {"bu": (None, 1)}, "the GRU")["bu"].shape[0]
    gates = "ucr" if isinstance(parameters, dict) and ("Wr" in parameters or "br" in parameters) else "uc"
    shapes = {f"W{g}": (n_a, n_a + n_x) for g in gates} | {f"b{g}": (n_a, 1) for g in gates}
    return check_weights(parameters, shapes, f"the GRU with n_x = {n_x}, n_a = {n_a}: gates act on [c_prev; xt]{source}")


def gru_cell_forward(xt: ArrayLike, c_prev: ArrayLike, parameters: dict[str, NDArray[np.float64]]):
    r"""One time step of the GRU: the candidate, the update gate, and the new memory cell.

    Parameters
    ----------
    xt : array_like of shape (n_x, m)
    c_prev : array_like of shape (n_a, m)
        The memory cell (= hidden state) of step $t - 1$.
    parameters : dict
        ``Wu, Wc`` of shape ``(n_a, n_a + n_x)`` and ``bu, bc`` of shape ``(n_a, 1)``; add
        ``Wr, br`` for the full GRU.

    Returns
    -------
    c_next : ndarray of shape (n_a, m)
    cache : tuple
        ``(c_next, c_prev, xt, gu, gr, cct, parameters)``.

    Raises
    ------
    ValueError
        If `c_prev` is not ``(n_a, m)`` or a gate's weights are not ``(n_a, n_a + n_x)``.

    Notes
    -----
    $$\Gamma_r = \sigma(W_r [c^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b_r) \quad (\Gamma_r = 1 \text{ in the simplified GRU})$$

    $$\tilde c^{\langle t \rangle} = \tanh(W_c [\Gamma_r \odot c^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b_c), \qquad
    \Gamma_u = \sigma(W_u [c^{\langle t-1 \rangle}; x^{\langle t \rangle}] + b_u)$$

    $$c^{\langle t \rangle} = \Gamma_u \odot \tilde c^{\langle t \rangle} + (1 - \Gamma_u) \odot c^{\langle t-1 \rangle}$$

    Examples
    --------
    >>> p = {"Wu": np.zeros((1, 2)), "bu": np.zeros((1, 1)), "Wc": np.zeros((1, 2)), "bc": np.ones((1, 1))}
    >>> c_next, _ = gru_cell_forward(np.zeros((1, 1)), np.ones((1, 1)), p)
    >>> round(c_next.item(), 4)
    0.8808
    """
    xt = check_matrix("xt", xt, ("n_x", "m"), hint="xt is one time step, x[:, :, t].")
    p = _gru_weights(parameters, xt.shape[0], f"; n_x is the rows of xt, whose shape is {xt.shape}")
    c_prev = check_state("c_prev", c_prev, p["bu"].shape[0], xt.shape[1], rows_from="the rows of Wu", cols_from="the columns of xt")
    # --8<-- [start:gru_cell_forward]
    concat = np.concatenate([c_prev, xt], axis=0)  # (n_a + n_x, m)
    gr = sigmoid(p["Wr"] @ concat + p["br"]) if "Wr" in p else np.ones_like(c_prev)  # relevance
    cct = np.tanh(p["Wc"] @ np.concatenate([gr * c_prev, xt], axis=0) + p["bc"])  # candidate
    gu = sigmoid(p["Wu"] @ concat + p["bu"])  # update gate
    c_next = gu * cct + (1 - gu) * c_prev
    # --8<-- [end:gru_cell_forward]
    return c_next, (c_next, c_prev, xt, gu, gr, cct, p)


def gru_forward(x: ArrayLike, c0: ArrayLike, parameters: dict[str, NDArray[np.float64]]):
    r"""The GRU over a whole sequence.

    Parameters
    ----------
    x : array_like of shape (n_x, m, T_x)
    c0 : array_like of shape (n_a, m)
        The initial memory cell.
    parameters : dict
        As in `gru_cell_forward`.

    Returns
    -------
    c : ndarray of shape (n_a, m, T_x)
        The memory cells (= hidden states) of every step.
    caches : tuple
        ``(list_of_step_caches, x)``, kept for `gru_backward`.

    Raises
    ------
    ValueError
        If `x` is not 3-D, `c0` is not ``(n_a, m)``, or a parameter does not fit.

    Notes
    -----
    `gru_cell_forward` at $t = 1, \dots, T_x$, each step taking $c^{\langle t-1 \rangle}$.

    Examples
    --------
    >>> p = {"Wu": np.zeros((1, 2)), "bu": np.zeros((1, 1)), "Wc": np.zeros((1, 2)), "bc": np.zeros((1, 1))}
    >>> c, _ = gru_forward(np.zeros((1, 1, 3)), np.ones((1, 1)), p)
    >>> c.tolist()
    [[[0.5, 0.25, 0.125]]]
    """
    x = check_sequence("x", x)
    p = _gru_weights(parameters, x.shape[0], f"; n_x is the rows of x, whose shape is {x.shape}")
    n_a, (n_x, m, T_x) = p["bu"].shape[0], x.shape
    c0 = check_state("c0", c0, n_a, m, rows_from="the rows of Wu", cols_from=f"the columns of x, whose shape is {x.shape}")
    # --8<-- [start:gru_forward]
    # one new buffer: c and the new arrays of every step's cache
    c, kept = one_block((n_a, m, T_x), (T_x, 4 * n_a, m))
    step_caches, c_next = [], c0
    for t in range(T_x):
        c_next, cache = gru_cell_forward(x[:, :, t], c_next, p)
        _, c_prev, xt, gu, gr, cct, weights = cache
        # the step's new arrays, moved into the buffer
        c_next, gu, gr, cct = keep(kept[t], c_next, gu, gr, cct)
        c[:, :, t] = c_next
        step_caches.append((c_next, c_prev, xt, gu, gr, cct, weights))
    # --8<-- [end:gru_forward]
    return c, (step_caches, x)


def gru_cell_backward(dc_next: ArrayLike, cache: tuple) -> dict[str, NDArray[np.float64]]:
    r"""Backward pass of one GRU cell.

    Parameters
    ----------
    dc_next : array_like of shape (n_a, m)
        Gradient with respect to $c^{\langle t \rangle}$ (the step's own plus the one carried from $t + 1$).
    cache : tuple
        From `gru_cell_forward`.

    Returns
    -------
    gradients : dict
        ``dxt (n_x, m)``, ``dc_prev (n_a, m)``, ``dWu, dWc`` (and ``dWr``) of shape
        ``(n_a, n_a + n_x)``, ``dbu, dbc`` (and ``dbr``) of shape ``(n_a, 1)``.

    Raises
    ------
    ValueError
        If `dc_next` is not ``(n_a, m)``.

    Notes
    -----
    $c^{\langle t-1 \rangle}$ reaches $c^{\langle t \rangle}$ along four paths: directly through
    $1 - \Gamma_u$, and through $\Gamma_u$, $\tilde c$ and $\Gamma_r$. With $dc = dc^{\langle t \rangle}$,

    $$dz_c = dc \odot \Gamma_u \odot (1 - \tilde c^2), \qquad
    dz_u = dc \odot (\tilde c - c^{\langle t-1 \rangle}) \odot \Gamma_u (1 - \Gamma_u)$$

    $$dz_r = \bigl(W_c^T dz_c\bigr)_{1:n_a} \odot c^{\langle t-1 \rangle} \odot \Gamma_r(1 - \Gamma_r)$$

    and every $dW = dz\,[\text{its input}]^T$, $db = \sum_i dz^{(i)}$.

    Examples
    --------
    >>> p = {"Wu": np.zeros((1, 2)), "bu": np.zeros((1, 1)), "Wc": np.zeros((1, 2)), "bc": np.zeros((1, 1))}
    >>> _, cache = gru_cell_forward(np.zeros((1, 1)), np.ones((1, 1)), p)
    >>> g = gru_cell_backward(np.ones((1, 1)), cache)
    >>> g["dc_prev"].tolist(), g["dbu"].tolist(), g["dbc"].tolist()
    ([[0.5]], [[-0.25]], [[0.5]])
    """
    c_next, c_prev, xt, gu, gr, cct, p = check_cache(cache, 7, "gru_cell_forward")
    c_next = check_matrix("cache's c_next", c_next, ("n_a", "m"))
    check_step_arrays("cache", ("c_prev", "gu", "gr", "cct"), (c_prev, gu, gr, cct), c_next)
    xt = check_matrix("cache's xt", xt, ("n_x", c_next.shape[1]))
    p = _gru_weights(p, xt.shape[0], f" (in cache; n_x is the rows of its xt, {xt.shape})")
    dc = check_gradient("dc_next", dc_next, "c_next", c_next.shape)
    n_a = c_prev.shape[0]
    # --8<-- [start:gru_cell_backward]
    dzc = dc * gu * (1 - cct**2)  # through the candidate's tanh
    dzu = dc * (cct - c_prev) * gu * (1 - gu)  # through the update gate's sigmoid
    concat = np.concatenate([c_prev, xt], axis=0)
    dcat_u, dcat_c = p["Wu"].T @ dzu, p["Wc"].T @ dzc  # (n_a + n_x, m) each
    grads = {"dWu": dzu @ concat.T, "dbu": dzu.sum(axis=1, keepdims=True),
             "dWc": dzc @ np.concatenate([gr * c_prev, xt], axis=0).T, "dbc": dzc.sum(axis=1, keepdims=True)}
    dc_prev = dc * (1 - gu) + dcat_u[:n_a] + dcat_c[:n_a] * gr
    dxt = dcat_u[n_a:] + dcat_c[n_a:]
    if "Wr" in p:  # the full GRU: one more path, through the relevance gate
        dzr = dcat_c[:n_a] * c_prev * gr * (1 - gr)
        dcat_r = p["Wr"].T @ dzr
        grads |= {"dWr": dzr @ concat.T, "dbr": dzr.sum(axis=1, keepdims=True)}
        dc_prev, dxt = dc_prev + dcat_r[:n_a], dxt + dcat_r[n_a:]
    # --8<-- [end:gru_cell_backward]
    return grads | {"dxt": dxt, "dc_prev": dc_prev}


def gru_backward(dc: ArrayLike, caches: tuple) -> dict[str, NDArray[np.float64]]:
    r"""Backpropagation through time for the GRU, carrying $dc$ into the earlier step.

    Parameters
    ----------
    dc : array_like of shape (n_a, m, T_x)
        Gradient of the loss with respect to every memory cell, from above.
    caches : tuple
        ``(list_of_step_caches, x)`` from `gru_forward`.

    Returns
    -------
    gradients : dict
        ``dx (n_x, m, T_x)``, ``dc0 (n_a, m)`` and the weight gradients of `gru_cell_backward`,
        summed over the steps.

    Raises
    ------
    ValueError
        If `caches` is not what `gru_forward` returned or `dc` is not ``(n_a, m, T_x)``.

    Notes
    -----
    Step $t$ runs `gru_cell_backward` on $dc^{\langle t \rangle} + dc_{\text{prev}}$, the
    second term carried back from step $t + 1$ (zero at $t = T_x$).

    Examples
    --------
    >>> p = {"Wu": np.zeros((1, 2)), "bu": np.zeros((1, 1)), "Wc": np.zeros((1, 2)), "bc": np.zeros((1, 1))}
    >>> _, caches = gru_forward(np.zeros((1, 1, 2)), np.ones((1, 1)), p)
    >>> gru_backward(np.array([[[0.0, 1.0]]]), caches)["dc0"].tolist()
    [[0.25]]
    """
    step_caches, x = check_caches(caches, "gru")
    first = check_cache(step_caches[0], 7, "gru_cell_forward", "caches[0][0]")
    n_a, m = check_matrix("caches[0][0]'s c_next", first[0], ("n_a", "m")).shape
    dc = check_gradient("dc", dc, "c", (n_a, m, x.shape[2]))
    p = _gru_weights(first[-1], x.shape[0], " (in caches)")
    # --8<-- [start:gru_backward]
    dx, dc_prevt = np.zeros_like(x), np.zeros((n_a, m))
    grads = {f"d{k}": np.zeros_like(v) for k, v in p.items()}
    for t in reversed(range(x.shape[2])):
        g = gru_cell_backward(dc[:, :, t] + dc_prevt, step_caches[t])  # own + carried gradient
        dx[:, :, t], dc_prevt = g["dxt"], g["dc_prev"]
        grads = {k: grads[k] + g[k] for k in grads}
    # --8<-- [end:gru_backward]
    return {"dx": dx, "dc0": dc_prevt} | grads
