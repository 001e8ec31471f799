r"""Cheaper convolutions: what a layer costs, the 1 x 1 bottleneck, and MobileNet's depthwise convolution.

A convolution's cost is counted as the course counts it, in multiplications: each output number
takes one multiplication per number of its filter.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import as_float_array, check_count, check_scalar
from dlref.convolution import check_fits, check_hyper, check_volume, windows, zero_pad

__all__ = [
    "bottleneck_cost",
    "compound_scaling",
    "mobilenet_v2_bottleneck_cost",
    "conv_cost",
    "depthwise_conv_backward",
    "depthwise_conv_forward",
    "depthwise_separable_cost",
]


def _counts(**sizes: object) -> list[int]:
    return [check_count(name, n, minimum=1) for name, n in sizes.items()]


def conv_cost(n_H: int, n_W: int, n_C_prev: int, f: int, n_C: int) -> int:
    r"""Multiplications of a convolution with an output of ``n_H x n_W x n_C``.

    Parameters
    ----------
    n_H, n_W : int
        Height and width of the output.
    n_C_prev : int
        Channels of the input (the depth of each filter).
    f : int
        Filter size.
    n_C : int
        Number of filters.

    Returns
    -------
    multiplications : int

    Raises
    ------
    ValueError
        If a size is not a positive integer.

    Notes
    -----
    $$n_H\, n_W\, n_C \times f\, f\, n_C^{\text{prev}}$$

    Examples
    --------
    >>> conv_cost(28, 28, 192, 5, 32)  # the course's 5 x 5 convolution in an Inception module
    120422400
    """
    n_H, n_W, n_C_prev, f, n_C = _counts(n_H=n_H, n_W=n_W, n_C_prev=n_C_prev, f=f, n_C=n_C)
    # --8<-- [start:conv_cost]
    multiplications = (n_H * n_W * n_C) * (f * f * n_C_prev)  # outputs x numbers per filter
    # --8<-- [end:conv_cost]
    return multiplications


def bottleneck_cost(n_H: int, n_W: int, n_C_prev: int, n_bottleneck: int, f: int, n_C: int) -> int:
    r"""Multiplications of a 1 x 1 "bottleneck" convolution followed by the ``f x f`` one.

    Parameters
    ----------
    n_H, n_W : int
        Height and width of both outputs ("same" padding).
    n_C_prev : int
        Channels of the input.
    n_bottleneck : int
        Filters of the 1 x 1 convolution, fewer than `n_C_prev`.
    f : int
        Size of the second convolution's filters.
    n_C : int
        Filters of the second convolution.

    Returns
    -------
    multiplications : int

    Raises
    ------
    ValueError
        If a size is not a positive integer.

    Notes
    -----
    $$n_H n_W n_b \cdot n_C^{\text{prev}} \;+\; n_H n_W n_C \cdot f^2 n_b$$

    The 1 x 1 convolution shrinks the channels to $n_b$ first, so the expensive $f \times f$
    filters are only $n_b$ deep.

    Examples
    --------
    >>> bottleneck_cost(28, 28, 192, 16, 5, 32)  # about a tenth of the 120 million without it
    12443648
    """
    n_H, n_W, n_C_prev, n_b, f, n_C = _counts(n_H=n_H, n_W=n_W, n_C_prev=n_C_prev, n_bottleneck=n_bottleneck, f=f, n_C=n_C)
    # --8<-- [start:bottleneck_cost]
    multiplications = conv_cost(n_H, n_W, n_C_prev, 1, n_b) + conv_cost(n_H, n_W, n_b, f, n_C)
    # --8<-- [end:bottleneck_cost]
    return multiplications


def depthwise_separable_cost(n_H: int, n_W: int, n_C_prev: int, f: int, n_C: int) -> int:
    r"""Multiplications of a depthwise convolution followed by a 1 x 1 pointwise one.

    Parameters
    ----------
    n_H, n_W : int
        Height and width of the output.
    n_C_prev : int
        Channels of the input.
    f : int
        Size of the depthwise filters.
    n_C : int
        Filters of the pointwise convolution (the output's channels).

    Returns
    -------
    multiplications : int

    Raises
    ------
    ValueError
        If a size is not a positive integer.

    Notes
    -----
    The depthwise step filters each input channel with its own $f \times f$ filter, the
    pointwise step mixes the channels:

    $$n_H n_W n_C^{\text{prev}} \cdot f^2 \;+\; n_H n_W n_C \cdot n_C^{\text{prev}}$$

    Relative to a normal convolution this is $\frac{1}{n_C} + \frac{1}{f^2}$ of the cost.

    Examples
    --------
    >>> depthwise_separable_cost(4, 4, 3, 3, 5), conv_cost(4, 4, 3, 3, 5)  # the course's example
    (672, 2160)
    """
    n_H, n_W, n_C_prev, f, n_C = _counts(n_H=n_H, n_W=n_W, n_C_prev=n_C_prev, f=f, n_C=n_C)
    # --8<-- [start:depthwise_separable_cost]
    depthwise = (n_H * n_W * n_C_prev) * (f * f)  # one f x f filter per input channel
    pointwise = (n_H * n_W * n_C) * n_C_prev  # 1 x 1 x n_C_prev filters, n_C of them
    multiplications = depthwise + pointwise
    # --8<-- [end:depthwise_separable_cost]
    return multiplications


def mobilenet_v2_bottleneck_cost(n_H: int, n_W: int, n_C: int, expansion: int, n_C_out: int, f: int = 3) -> int:
    r"""Multiplications of MobileNet v2's bottleneck block: expand, depthwise, project.

    Parameters
    ----------
    n_H, n_W : int
        Height and width (stride 1, "same" padding, so the same for every step).
    n_C : int
        Channels of the input.
    expansion : int
        The expansion factor $t$ (6 in MobileNet v2): the 1 x 1 expansion makes $t\, n_C$ channels.
    n_C_out : int
        Channels after the 1 x 1 projection.
    f : int, default 3
        Size of the depthwise filters.

    Returns
    -------
    multiplications : int

    Raises
    ------
    ValueError
        If a size is not a positive integer.

    Notes
    -----
    $$n_H n_W (t n_C) \cdot n_C \;+\; n_H n_W (t n_C) \cdot f^2 \;+\; n_H n_W n_C^{\text{out}} \cdot t n_C$$

    The block works in a wide space ($t n_C$ channels, where the depthwise filters are cheap)
    and passes only a narrow one ($n_C$, $n_C^{\text{out}}$) between blocks, which keeps the
    memory of the activations small. A residual connection adds the input when the shapes match.

    Examples
    --------
    >>> mobilenet_v2_bottleneck_cost(4, 4, 3, 6, 5)  # expand 3 -> 18, depthwise 3 x 3, project 18 -> 5
    4896
    """
    n_H, n_W, n_C, t, n_C_out, f = _counts(n_H=n_H, n_W=n_W, n_C=n_C, expansion=expansion, n_C_out=n_C_out, f=f)
    # --8<-- [start:mobilenet_v2_bottleneck_cost]
    expand = conv_cost(n_H, n_W, n_C, 1, t * n_C)  # 1 x 1: n_C -> t n_C channels
    depthwise = (n_H * n_W * t * n_C) * (f * f)  # one f x f filter per expanded channel
    project = conv_cost(n_H, n_W, t * n_C, 1, n_C_out)  # 1 x 1: t n_C -> n_C_out channels
    multiplications = expand + depthwise + project
    # --8<-- [end:mobilenet_v2_bottleneck_cost]
    return multiplications


def compound_scaling(phi: float, alpha: float = 1.2, beta: float = 1.1, gamma: float = 1.15) -> tuple[float, float, float]:
    r"""EfficientNet's compound scaling: one knob $\phi$ for depth, width and resolution together.

    Parameters
    ----------
    phi : float
        How much larger a network to build; each step of 1 about doubles the computation.
    alpha, beta, gamma : float, default 1.2, 1.1, 1.15
        Per-step multipliers of the depth, the width and the resolution (EfficientNet's values,
        found by a small grid search with $\alpha \beta^2 \gamma^2 \approx 2$).

    Returns
    -------
    depth, width, resolution : float
        The multipliers $\alpha^\phi$, $\beta^\phi$, $\gamma^\phi$ of the number of layers, of the
        channels and of the image's height and width.

    Raises
    ------
    ValueError
        If an argument is not a number or a multiplier is below 1.

    Notes
    -----
    $$d = \alpha^\phi, \quad w = \beta^\phi, \quad r = \gamma^\phi, \qquad
    \text{FLOPs} \propto d\, w^2 r^2 = (\alpha \beta^2 \gamma^2)^\phi \approx 2^\phi$$

    The width and the resolution enter squared: a convolution's cost grows with the product of
    its input and output channels, and with the number of positions.

    Examples
    --------
    >>> [round(x, 4) for x in compound_scaling(1)]
    [1.2, 1.1, 1.15]
    """
    phi = check_scalar("phi", phi)
    alpha, beta, gamma = (check_scalar(n, x) for n, x in (("alpha", alpha), ("beta", beta), ("gamma", gamma)))
    if min(alpha, beta, gamma) < 1:
        raise ValueError(f"alpha, beta and gamma must be at least 1, got {alpha}, {beta}, {gamma}.")
    # --8<-- [start:compound_scaling]
    depth, width, resolution = alpha**phi, beta**phi, gamma**phi
    # --8<-- [end:compound_scaling]
    return depth, width, resolution


def _check_depthwise(A_prev: ArrayLike, W: ArrayLike, b: ArrayLike, hparameters: object):
    A_prev = check_volume("A_prev", A_prev)
    W, b = as_float_array("W", W), as_float_array("b", b)
    n_C = A_prev.shape[3]
    if W.ndim != 3 or W.shape[0] != W.shape[1] or W.shape[2] != n_C:
        raise ValueError(f"W has shape {W.shape} and A_prev has shape {A_prev.shape}; expected W of shape (f, f, {n_C}), one filter per channel.")
    if b.shape != (1, 1, 1, n_C):
        raise ValueError(f"b has shape {b.shape}; expected (1, 1, 1, {n_C}).")
    hp = check_hyper(hparameters, ("stride", "pad"))
    n_H, n_W = check_fits("A_prev", A_prev.shape, W.shape[0], hp["pad"], hp["stride"])
    return A_prev, W, b, hp, n_H, n_W


def depthwise_conv_forward(
    A_prev: ArrayLike, W: ArrayLike, b: ArrayLike, hparameters: dict
) -> tuple[NDArray[np.float64], tuple]:
    r"""Depthwise convolution: each channel filtered on its own by its own filter.

    Parameters
    ----------
    A_prev : array_like of shape (m, n_H_prev, n_W_prev, n_C)
        Input activations.
    W : array_like of shape (f, f, n_C)
        One $f \times f$ filter per channel.
    b : array_like of shape (1, 1, 1, n_C)
        One bias per channel.
    hparameters : dict
        ``{"stride": s, "pad": p}``.

    Returns
    -------
    Z : ndarray of shape (m, n_H, n_W, n_C)
        The channels are kept.
    cache : tuple
        ``(A_prev, W, b, hparameters)``.

    Raises
    ------
    ValueError
        If `W` is not ``(f, f, n_C)`` for the channels of `A_prev`, `b` is not
        ``(1, 1, 1, n_C)``, or the filter does not fit.

    Notes
    -----
    $$Z_{i,h,w,c} = \sum_{h', w'} A^{\text{pad}}_{i,\, hs + h',\, ws + w',\, c}\, W_{h', w', c} + b_c$$

    Followed by a 1 x 1 `dlref.convolution.conv_forward` (the pointwise step) it is MobileNet's
    depthwise-separable convolution.

    Examples
    --------
    >>> Z, _ = depthwise_conv_forward(np.ones((1, 3, 3, 2)), np.stack([np.ones((2, 2)), -np.ones((2, 2))], axis=-1),
    ...                               np.zeros((1, 1, 1, 2)), {"stride": 1, "pad": 0})
    >>> Z[0, 0, 0].tolist()
    [4.0, -4.0]
    """
    A_prev, W, b, hp, n_H, n_W = _check_depthwise(A_prev, W, b, hparameters)
    # --8<-- [start:depthwise_conv_forward]
    view = windows(zero_pad(A_prev, hp["pad"]), W.shape[0], hp["stride"])  # (m, n_H, n_W, n_C, f, f)
    Z = np.einsum("ihwcab,abc->ihwc", view, W) + b  # channel c meets only filter c
    # --8<-- [end:depthwise_conv_forward]
    return Z, (A_prev, W, b, dict(hp))


def depthwise_conv_backward(
    dZ: ArrayLike, cache: tuple
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    r"""Backward pass of `depthwise_conv_forward`.

    Parameters
    ----------
    dZ : array_like of shape (m, n_H, n_W, n_C)
        Gradient of the cost with respect to the output.
    cache : tuple
        From `depthwise_conv_forward`.

    Returns
    -------
    dA_prev : ndarray of shape (m, n_H_prev, n_W_prev, n_C)
    dW : ndarray of shape (f, f, n_C)
    db : ndarray of shape (1, 1, 1, n_C)

    Raises
    ------
    ValueError
        If `dZ` does not have the shape of the forward output.

    Notes
    -----
    $$dW_{h',w',c} = \sum_{i,h,w} A^{\text{pad}}_{i,\, hs+h',\, ws+w',\, c}\, dZ_{i,h,w,c}, \qquad
    dA^{\text{pad}}_{i,\, hs+h',\, ws+w',\, c} \mathrel{+}= W_{h',w',c}\, dZ_{i,h,w,c}$$

    the second as one strided slice-add per filter offset $(h', w')$, as in
    `dlref.convolution.conv_backward`.

    Examples
    --------
    >>> cache = (np.ones((1, 3, 3, 1)), np.ones((2, 2, 1)), np.zeros((1, 1, 1, 1)), {"stride": 1, "pad": 0})
    >>> dA_prev, dW, db = depthwise_conv_backward(np.ones((1, 2, 2, 1)), cache)
    >>> dA_prev[0, :, :, 0].tolist(), db.ravel().tolist()
    ([[1.0, 2.0, 1.0], [2.0, 4.0, 2.0], [1.0, 2.0, 1.0]], [4.0])
    """
    if not isinstance(cache, tuple) or len(cache) != 4:
        raise ValueError("cache must be the tuple (A_prev, W, b, hparameters) returned by depthwise_conv_forward.")
    A_prev, W, b, hp, n_H, n_W = _check_depthwise(*cache)
    dZ = check_volume("dZ", dZ)
    if dZ.shape != (A_prev.shape[0], n_H, n_W, A_prev.shape[3]):
        raise ValueError(f"dZ has shape {dZ.shape}; expected the forward output's, {(A_prev.shape[0], n_H, n_W, A_prev.shape[3])}.")
    f, s, pad = W.shape[0], hp["stride"], hp["pad"]
    # --8<-- [start:depthwise_conv_backward]
    A_prev_pad = zero_pad(A_prev, pad)
    dW = np.einsum("ihwcab,ihwc->abc", windows(A_prev_pad, f, s), dZ)
    db = dZ.sum(axis=(0, 1, 2)).reshape(1, 1, 1, -1)
    dA_prev_pad = np.zeros_like(A_prev_pad)
    for dh in range(f):
        for dw in range(f):
            dA_prev_pad[:, dh:dh + s * n_H:s, dw:dw + s * n_W:s, :] += dZ * W[dh, dw]
    dA_prev = dA_prev_pad[:, pad:pad + A_prev.shape[1], pad:pad + A_prev.shape[2], :]
    # --8<-- [end:depthwise_conv_backward]
    return dA_prev.copy(), dW, db
