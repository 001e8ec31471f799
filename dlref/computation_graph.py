r"""The course's computation-graph example, $J(a, b, c) = 3(a + bc)$.

The forward pass computes the graph from left to right through the intermediate nodes
$u = bc$ and $v = a + u$; the backward pass applies the chain rule from right to left.
"""

from __future__ import annotations

from dlref._validation import check_scalar

__all__ = ["computation_graph_backward", "computation_graph_forward"]


def computation_graph_forward(a: float, b: float, c: float) -> tuple[float, dict[str, float]]:
    r"""Forward pass of $J = 3(a + bc)$, node by node.

    Parameters
    ----------
    a, b, c : float
        The three inputs.

    Returns
    -------
    J : float
    cache : dict
        The inputs and intermediate nodes ``{"a", "b", "c", "u", "v"}`` for the backward pass.

    Raises
    ------
    ValueError
        If an input is not a finite real number.

    Notes
    -----
    $$u = bc, \qquad v = a + u, \qquad J = 3v$$

    Examples
    --------
    >>> J, cache = computation_graph_forward(5.0, 3.0, 2.0)
    >>> J, cache["u"], cache["v"]
    (33.0, 6.0, 11.0)
    """
    a, b, c = check_scalar("a", a), check_scalar("b", b), check_scalar("c", c)
    # --8<-- [start:computation_graph_forward]
    u = b * c
    v = a + u
    J = 3.0 * v
    # --8<-- [end:computation_graph_forward]
    return J, {"a": a, "b": b, "c": c, "u": u, "v": v}


def computation_graph_backward(cache: dict[str, float], dJ: float = 1.0) -> dict[str, float]:
    r"""Backward pass of $J = 3(a + bc)$ by the chain rule.

    Parameters
    ----------
    cache : dict
        The cache returned by `computation_graph_forward`.
    dJ : float, default 1.0
        Upstream gradient $\partial \text{loss} / \partial J$; 1 gives the derivatives of $J$.

    Returns
    -------
    grads : dict
        ``{"dv", "du", "da", "db", "dc"}``, each the derivative of the loss with respect to
        that node.

    Raises
    ------
    ValueError
        If `cache` is not a dict, lacks a node, or `dJ` is not a finite real number.

    Notes
    -----
    $$\begin{aligned}
    \frac{dJ}{dv} &= 3, &
    \frac{dJ}{da} &= \frac{dJ}{dv}\frac{dv}{da} = 3, &
    \frac{dJ}{du} &= \frac{dJ}{dv}\frac{dv}{du} = 3, \\
    \frac{dJ}{db} &= \frac{dJ}{du}\frac{du}{db} = 3c, &
    \frac{dJ}{dc} &= \frac{dJ}{du}\frac{du}{dc} = 3b
    \end{aligned}$$

    Examples
    --------
    >>> _, cache = computation_graph_forward(5.0, 3.0, 2.0)
    >>> computation_graph_backward(cache)
    {'dv': 3.0, 'du': 3.0, 'da': 3.0, 'db': 6.0, 'dc': 9.0}
    """
    if not isinstance(cache, dict):
        raise ValueError(f"cache must be the dict that computation_graph_forward returns, got {type(cache).__name__}.")
    missing = {"b", "c"} - set(cache)
    if missing:
        raise ValueError(f"cache lacks {sorted(missing)}; pass the cache from computation_graph_forward.")
    dJ = check_scalar("dJ", dJ)
    b, c = check_scalar("cache['b']", cache["b"]), check_scalar("cache['c']", cache["c"])
    # --8<-- [start:computation_graph_backward]
    dv = 3.0 * dJ  # J = 3v
    du = dv * 1.0  # v = a + u
    da = dv * 1.0
    db = du * c  # u = bc
    dc = du * b
    # --8<-- [end:computation_graph_backward]
    return {"dv": dv, "du": du, "da": da, "db": db, "dc": dc}
