r"""Neural style transfer's costs: content, style (through Gram matrices) and their weighted sum.

Activations of one layer for one image are ``(1, n_H, n_W, n_C)``, as in the course. Every cost
comes with its gradient with respect to the generated image's activations ``a_G``, which is what
style transfer follows (through the network, back to the pixels).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import check_matrix, check_scalar
from dlref.convolution import check_volume

__all__ = [
    "compute_content_cost",
    "compute_content_cost_backward",
    "compute_layer_style_cost",
    "compute_layer_style_cost_backward",
    "compute_style_cost",
    "gram_matrix",
    "total_cost",
]

Array = NDArray[np.float64]


def _pair(a_X: ArrayLike, a_G: ArrayLike, name: str) -> tuple[Array, Array]:
    a_X, a_G = check_volume(name, a_X, "(1, n_H, n_W, n_C)"), check_volume("a_G", a_G, "(1, n_H, n_W, n_C)")
    if a_X.shape != a_G.shape or a_X.shape[0] != 1:
        raise ValueError(f"{name} has shape {a_X.shape} and a_G has shape {a_G.shape}; expected the same shape (1, n_H, n_W, n_C).")
    return a_X, a_G


def unroll(a: Array) -> Array:
    """``(1, n_H, n_W, n_C)`` to ``(n_C, n_H * n_W)``: one row per channel, without scrambling them."""
    n_C = a.shape[3]
    # --8<-- [start:unroll]
    A = a.reshape(-1, n_C).T  # reshape to (n_H * n_W, n_C) FIRST, then transpose: (n_C, n_H * n_W)
    # --8<-- [end:unroll]
    return A


def compute_content_cost(a_C: ArrayLike, a_G: ArrayLike) -> float:
    r"""How far the generated image's activations are from the content image's, at one layer.

    Parameters
    ----------
    a_C : array_like of shape (1, n_H, n_W, n_C)
        Activations of the content image.
    a_G : array_like of shape (1, n_H, n_W, n_C)
        Activations of the generated image.

    Returns
    -------
    J_content : float

    Raises
    ------
    ValueError
        If the shapes differ or are not ``(1, n_H, n_W, n_C)``.

    Notes
    -----
    $$J_{\text{content}}(C, G) = \frac{1}{4\, n_H n_W n_C} \sum_{\text{all entries}} \bigl(a^{(C)} - a^{(G)}\bigr)^2$$

    Examples
    --------
    >>> round(compute_content_cost(np.ones((1, 2, 2, 1)), np.zeros((1, 2, 2, 1))), 4)
    0.25
    """
    a_C, a_G = _pair(a_C, a_G, "a_C")
    _, n_H, n_W, n_C = a_G.shape
    # --8<-- [start:compute_content_cost]
    J_content = np.sum((a_C - a_G) ** 2) / (4 * n_H * n_W * n_C)
    # --8<-- [end:compute_content_cost]
    return float(J_content)


def compute_content_cost_backward(a_C: ArrayLike, a_G: ArrayLike) -> NDArray[np.float64]:
    r"""Gradient of `compute_content_cost` with respect to ``a_G``.

    Parameters
    ----------
    a_C, a_G : array_like of shape (1, n_H, n_W, n_C)

    Returns
    -------
    da_G : ndarray of shape (1, n_H, n_W, n_C)

    Raises
    ------
    ValueError
        As `compute_content_cost`.

    Notes
    -----
    $$\frac{\partial J_{\text{content}}}{\partial a^{(G)}} = \frac{a^{(G)} - a^{(C)}}{2\, n_H n_W n_C}$$

    Examples
    --------
    >>> compute_content_cost_backward(np.ones((1, 1, 2, 1)), np.zeros((1, 1, 2, 1))).ravel().tolist()
    [-0.25, -0.25]
    """
    a_C, a_G = _pair(a_C, a_G, "a_C")
    _, n_H, n_W, n_C = a_G.shape
    # --8<-- [start:compute_content_cost_backward]
    da_G = (a_G - a_C) / (2 * n_H * n_W * n_C)
    # --8<-- [end:compute_content_cost_backward]
    return da_G


def gram_matrix(A: ArrayLike) -> NDArray[np.float64]:
    r"""The Gram matrix of unrolled activations: how strongly each pair of channels fires together.

    Parameters
    ----------
    A : array_like of shape (n_C, n_H * n_W)
        One row per channel (see the Notes for how to unroll a layer's activations).

    Returns
    -------
    G : ndarray of shape (n_C, n_C)

    Raises
    ------
    ValueError
        If `A` is not 2-D.

    Notes
    -----
    $$G_{kk'} = \sum_{i} A_{k i} A_{k' i}, \qquad G = A A^T$$

    To unroll activations ``a`` of shape ``(1, n_H, n_W, n_C)`` without mixing channels, reshape
    to ``(n_H * n_W, n_C)`` first and then transpose; reshaping straight to ``(n_C, n_H * n_W)``
    reads the numbers in the wrong order and scrambles the channels.

    Examples
    --------
    >>> gram_matrix(np.array([[1.0, 2.0], [0.0, 3.0]])).tolist()
    [[5.0, 6.0], [6.0, 9.0]]
    """
    A = check_matrix("A", A, ("n_C", "n_H * n_W"))
    # --8<-- [start:gram_matrix]
    G = A @ A.T
    # --8<-- [end:gram_matrix]
    return G


def compute_layer_style_cost(a_S: ArrayLike, a_G: ArrayLike) -> float:
    r"""How far the generated image's style is from the style image's, at one layer.

    Parameters
    ----------
    a_S : array_like of shape (1, n_H, n_W, n_C)
        Activations of the style image.
    a_G : array_like of shape (1, n_H, n_W, n_C)
        Activations of the generated image.

    Returns
    -------
    J_style_layer : float

    Raises
    ------
    ValueError
        If the shapes differ or are not ``(1, n_H, n_W, n_C)``.

    Notes
    -----
    $$J^{[l]}_{\text{style}}(S, G) = \frac{1}{4\, n_C^2 (n_H n_W)^2} \sum_{k, k'} \bigl(G^{(S)}_{kk'} - G^{(G)}_{kk'}\bigr)^2$$

    Examples
    --------
    >>> a_S = np.array([1.0, 0.0]).reshape(1, 1, 1, 2)
    >>> round(compute_layer_style_cost(a_S, np.zeros((1, 1, 1, 2))), 4)  # (1 - 0)^2 / (4 * 2^2 * 1^2)
    0.0625
    """
    a_S, a_G = _pair(a_S, a_G, "a_S")
    _, n_H, n_W, n_C = a_G.shape
    # --8<-- [start:compute_layer_style_cost]
    GS, GG = gram_matrix(unroll(a_S)), gram_matrix(unroll(a_G))  # (n_C, n_C) each
    J_style_layer = np.sum((GS - GG) ** 2) / (4 * n_C**2 * (n_H * n_W) ** 2)
    # --8<-- [end:compute_layer_style_cost]
    return float(J_style_layer)


def compute_layer_style_cost_backward(a_S: ArrayLike, a_G: ArrayLike) -> NDArray[np.float64]:
    r"""Gradient of `compute_layer_style_cost` with respect to ``a_G``.

    Parameters
    ----------
    a_S, a_G : array_like of shape (1, n_H, n_W, n_C)

    Returns
    -------
    da_G : ndarray of shape (1, n_H, n_W, n_C)

    Raises
    ------
    ValueError
        As `compute_layer_style_cost`.

    Notes
    -----
    With $A$ the unrolled $a^{(G)}$ and $G = A A^T$ symmetric,

    $$\frac{\partial J^{[l]}_{\text{style}}}{\partial A} = \frac{\bigl(G^{(G)} - G^{(S)}\bigr) A}{n_C^2 (n_H n_W)^2}$$

    rolled back to ``(1, n_H, n_W, n_C)``.

    Examples
    --------
    >>> a = np.array([1.0, 0.0]).reshape(1, 1, 1, 2)
    >>> compute_layer_style_cost_backward(np.zeros((1, 1, 1, 2)), a).ravel().tolist()
    [0.25, 0.0]
    """
    a_S, a_G = _pair(a_S, a_G, "a_S")
    _, n_H, n_W, n_C = a_G.shape
    # --8<-- [start:compute_layer_style_cost_backward]
    A_S, A_G = unroll(a_S), unroll(a_G)
    dA_G = (gram_matrix(A_G) - gram_matrix(A_S)) @ A_G / (n_C**2 * (n_H * n_W) ** 2)
    da_G = dA_G.T.reshape(a_G.shape)  # undo the unrolling: transpose, then reshape
    # --8<-- [end:compute_layer_style_cost_backward]
    return da_G


def compute_style_cost(a_S_layers: Sequence[ArrayLike], a_G_layers: Sequence[ArrayLike], coefficients: Sequence[float]) -> float:
    r"""The style cost over several layers, each weighted by its coefficient.

    Parameters
    ----------
    a_S_layers : sequence of array_like of shape (1, n_H, n_W, n_C)
        The style image's activations, one array per chosen layer.
    a_G_layers : sequence of array_like
        The generated image's activations at the same layers.
    coefficients : sequence of float
        $\lambda^{[l]}$, one per layer (the course uses 0.2 for each of five layers).

    Returns
    -------
    J_style : float

    Raises
    ------
    ValueError
        If the three sequences differ in length, or a layer's shapes differ.

    Notes
    -----
    $$J_{\text{style}}(S, G) = \sum_{l} \lambda^{[l]}\, J^{[l]}_{\text{style}}(S, G)$$

    Shallow layers carry fine textures, deep ones larger patterns; the weights choose the mix.

    Examples
    --------
    >>> a_S, a_G = np.array([1.0, 0.0]).reshape(1, 1, 1, 2), np.zeros((1, 1, 1, 2))
    >>> compute_style_cost([a_S, a_S], [a_G, a_S], [0.5, 0.5])
    0.03125
    """
    for name, x in (("a_S_layers", a_S_layers), ("a_G_layers", a_G_layers), ("coefficients", coefficients)):
        if not isinstance(x, (list, tuple)):
            raise ValueError(f"{name} must be a list with one entry per layer, got {type(x).__name__}.")
    if not len(a_S_layers) == len(a_G_layers) == len(coefficients):
        raise ValueError(
            f"a_S_layers, a_G_layers and coefficients must have one entry per layer; got {len(a_S_layers)}, "
            f"{len(a_G_layers)} and {len(coefficients)}."
        )
    # --8<-- [start:compute_style_cost]
    for l, (a_S, a_G, coeff) in enumerate(zip(a_S_layers, a_G_layers, coefficients)):
        check_scalar(f"coefficients[{l}]", coeff)
        try:
            _pair(a_S, a_G, "a_S")
        except ValueError as error:
            raise ValueError(f"a_S_layers[{l}], a_G_layers[{l}]: {error}") from None
    J_style = 0.0
    for a_S, a_G, coeff in zip(a_S_layers, a_G_layers, coefficients):
        J_style += float(coeff) * compute_layer_style_cost(a_S, a_G)
    # --8<-- [end:compute_style_cost]
    return float(J_style)


def total_cost(J_content: float, J_style: float, alpha: float = 10, beta: float = 40) -> float:
    r"""Neural style transfer's cost: content and style, weighted.

    Parameters
    ----------
    J_content : float
    J_style : float
    alpha : float, default 10
        Weight of the content cost.
    beta : float, default 40
        Weight of the style cost.

    Returns
    -------
    J : float

    Raises
    ------
    ValueError
        If an argument is not a finite number.

    Notes
    -----
    $$J(G) = \alpha\, J_{\text{content}}(C, G) + \beta\, J_{\text{style}}(S, G)$$

    Its gradient is $\alpha$ and $\beta$ times those of the two parts.

    Examples
    --------
    >>> total_cost(1.0, 0.5)
    30.0
    """
    J_content, J_style = check_scalar("J_content", J_content), check_scalar("J_style", J_style)
    alpha, beta = check_scalar("alpha", alpha), check_scalar("beta", beta)
    # --8<-- [start:total_cost]
    J = alpha * J_content + beta * J_style
    # --8<-- [end:total_cost]
    return float(J)
