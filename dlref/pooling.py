r"""Pooling layers: max and average pooling, forward and backward, loops and vectorized.

``A_prev`` is ``(m, n_H_prev, n_W_prev, n_C)``, ``hparameters = {"f": f, "stride": s}``;
pooling has no parameters and no padding, and works on every channel on its own.

Max-pool backward sends each window's gradient to **one** position: the first maximum of the
window in row-major order (the order ``np.argmax`` reads a flattened window). The course's
mask ``x == np.max(x)`` sends it to every tied maximum, so a window with a tie passes its
gradient back two or more times.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import as_float_array, check_count, check_scalar
from dlref import convolution
from dlref.convolution import check_fits, check_hyper, check_volume, windows

__all__ = [
    "create_mask_from_window",
    "distribute_value",
    "pool_backward",
    "pool_backward_loop",
    "pool_forward",
    "pool_forward_loop",
]

MODES = ("max", "average")


def _check_pool(A_prev: ArrayLike, hparameters: object, mode: object):
    A_prev = check_volume("A_prev", A_prev)
    hp = check_hyper(hparameters, ("f", "stride"))
    if mode not in MODES:
        raise ValueError(f'mode must be "max" or "average", got {mode!r}.')
    n_H, n_W = check_fits("A_prev", A_prev.shape, hp["f"], 0, hp["stride"])
    return A_prev, hp, n_H, n_W


def create_mask_from_window(x: ArrayLike) -> NDArray[np.bool_]:
    r"""Mark the position of a window's maximum: the one entry its gradient goes back to.

    Parameters
    ----------
    x : array_like of shape (f, f)
        One window of one channel.

    Returns
    -------
    mask : ndarray of bool, shape (f, f)
        True at exactly one position: the first maximum in row-major order.

    Raises
    ------
    ValueError
        If `x` is not 2-D or holds a NaN.

    Notes
    -----
    $$\text{mask}_{h,w} = [\,(h, w) = \operatorname{argmax} x\,]$$

    With ties, the first maximum (reading row by row) wins, so the gradient is passed back once.
    The course's ``x == np.max(x)`` marks every tied maximum.

    Examples
    --------
    >>> create_mask_from_window(np.array([[1.0, 3.0], [3.0, 0.0]])).tolist()
    [[False, True], [False, False]]
    """
    x = as_float_array("x", x)
    if x.ndim != 2 or np.isnan(x).any():
        raise ValueError(f"x has shape {x.shape}; expected a 2-D window (f, f) of numbers without NaN.")
    # --8<-- [start:create_mask_from_window]
    mask = np.zeros(x.shape, dtype=bool)
    mask[np.unravel_index(np.argmax(x), x.shape)] = True  # one position, even with ties
    # --8<-- [end:create_mask_from_window]
    return mask


def distribute_value(dz: float, shape: tuple[int, int]) -> NDArray[np.float64]:
    r"""Spread a gradient evenly over an average-pooling window.

    Parameters
    ----------
    dz : float
        The gradient of one output of average pooling.
    shape : tuple of int
        ``(n_H, n_W)``, the window's shape.

    Returns
    -------
    a : ndarray of shape (n_H, n_W)
        Every entry is ``dz / (n_H * n_W)``.

    Raises
    ------
    ValueError
        If `dz` is not a number or `shape` is not two positive integers.

    Notes
    -----
    Each input of the window contributed $\frac{1}{n_H n_W}$ of the average, so

    $$a_{h,w} = \frac{dz}{n_H\, n_W}$$

    Examples
    --------
    >>> distribute_value(2.0, (2, 2)).tolist()
    [[0.5, 0.5], [0.5, 0.5]]
    """
    dz = check_scalar("dz", dz)
    if not isinstance(shape, tuple) or len(shape) != 2:
        raise ValueError(f"shape must be a pair (n_H, n_W), got {shape!r}.")
    n_H, n_W = (check_count(f"shape[{k}]", n, minimum=1) for k, n in enumerate(shape))
    # --8<-- [start:distribute_value]
    average = dz / (n_H * n_W)
    a = np.full((n_H, n_W), average)
    # --8<-- [end:distribute_value]
    return a


def pool_forward_loop(
    A_prev: ArrayLike, hparameters: dict, mode: str = "max"
) -> tuple[NDArray[np.float64], tuple]:
    r"""Forward pass of a pooling layer, with the course's loops (the definition).

    Parameters
    ----------
    A_prev : array_like of shape (m, n_H_prev, n_W_prev, n_C)
        Input activations.
    hparameters : dict
        ``{"f": f, "stride": s}``.
    mode : {"max", "average"}, default "max"

    Returns
    -------
    A : ndarray of shape (m, n_H, n_W, n_C)
        $n_H = \lfloor (n_{H,\text{prev}} - f)/s \rfloor + 1$, likewise $n_W$; the channels are kept.
    cache : tuple
        ``(A_prev, hparameters)``.

    Raises
    ------
    ValueError
        If `A_prev` is not 4-D, `hparameters` is not ``{"f", "stride"}`` with positive
        integers, the window does not fit, or `mode` is unknown.

    See Also
    --------
    pool_forward : the same numbers, vectorized; the one to use.

    Notes
    -----
    $$A_{i,h,w,c} = \max_{0 \le h', w' < f} A^{\text{prev}}_{i,\, hs + h',\, ws + w',\, c}
    \quad\text{or}\quad \frac{1}{f^2} \sum_{h', w'} A^{\text{prev}}_{i,\, hs + h',\, ws + w',\, c}$$

    Examples
    --------
    >>> A_prev = np.arange(16.0).reshape(1, 4, 4, 1)
    >>> A, _ = pool_forward_loop(A_prev, {"f": 2, "stride": 2})
    >>> A[0, :, :, 0].tolist()
    [[5.0, 7.0], [13.0, 15.0]]
    """
    A_prev, hp, n_H, n_W = _check_pool(A_prev, hparameters, mode)
    f, stride = hp["f"], hp["stride"]
    m, n_C = A_prev.shape[0], A_prev.shape[3]
    # --8<-- [start:pool_forward_loop]
    A = np.zeros((m, n_H, n_W, n_C))
    for i in range(m):
        for h in range(n_H):
            vs = h * stride
            for w in range(n_W):
                hs = w * stride
                for c in range(n_C):
                    a_prev_slice = A_prev[i, vs:vs + f, hs:hs + f, c]
                    A[i, h, w, c] = np.max(a_prev_slice) if mode == "max" else np.mean(a_prev_slice)
    # --8<-- [end:pool_forward_loop]
    return A, (A_prev, dict(hp))


def pool_forward(
    A_prev: ArrayLike, hparameters: dict, mode: str = "max"
) -> tuple[NDArray[np.float64], tuple]:
    r"""Forward pass of a pooling layer, vectorized over every window.

    Parameters
    ----------
    A_prev : array_like of shape (m, n_H_prev, n_W_prev, n_C)
        Input activations.
    hparameters : dict
        ``{"f": f, "stride": s}``.
    mode : {"max", "average"}, default "max"

    Returns
    -------
    A : ndarray of shape (m, n_H, n_W, n_C)
    cache : tuple
        ``(A_prev, hparameters)``.

    Raises
    ------
    ValueError
        As `pool_forward_loop`.

    See Also
    --------
    pool_forward_loop : the course's loops, which this function reproduces.

    Notes
    -----
    The formula of `pool_forward_loop`: a strided view lists every window, and one ``max`` (or
    ``mean``) over the window's two axes computes them all.

    Examples
    --------
    >>> A, _ = pool_forward(np.arange(16.0).reshape(1, 4, 4, 1), {"f": 2, "stride": 2}, mode="average")
    >>> A[0, :, :, 0].tolist()
    [[2.5, 4.5], [10.5, 12.5]]
    """
    A_prev, hp, n_H, n_W = _check_pool(A_prev, hparameters, mode)
    f, stride = hp["f"], hp["stride"]
    if stride == f:  # side-by-side windows: f*f strided slices, each one entry of every window
        return _pool_forward_blocks(A_prev, f, n_H, n_W, mode), (A_prev, dict(hp))
    # --8<-- [start:pool_forward]
    view = windows(A_prev, f, stride)  # (m, n_H, n_W, n_C, f, f)
    A = view.max(axis=(4, 5)) if mode == "max" else view.mean(axis=(4, 5))
    # --8<-- [end:pool_forward]
    return A, (A_prev, dict(hp))


def _offset(A: NDArray[np.float64], dh: int, dw: int, f: int, n_H: int, n_W: int) -> NDArray[np.float64]:
    """Entry ``(dh, dw)`` of every stride-``f`` window, a view ``(m, n_H, n_W, n_C)``.

    Rows and columns past the last whole window are left out, as the output size says.
    """
    return A[:, dh:dh + f * n_H:f, dw:dw + f * n_W:f, :]


def _pool_forward_blocks(A_prev, f, n_H, n_W, mode):
    """`pool_forward` for ``stride == f``: a running max (or sum) over the f*f offsets."""
    # --8<-- [start:pool_forward_blocks]
    combine = np.maximum if mode == "max" else np.add
    A = _offset(A_prev, 0, 0, f, n_H, n_W).copy()
    for dh in range(f):
        for dw in range(f):
            if dh or dw:
                combine(A, _offset(A_prev, dh, dw, f, n_H, n_W), out=A)
    if mode == "average":
        A /= f * f
    # --8<-- [end:pool_forward_blocks]
    return A


def _pool_backward_blocks(dA, A_prev, f, mode):
    """`pool_backward` for ``stride == f``: each offset's gradient written in place, no adds.

    Max pooling works a few examples at a time (about ``CHUNK_BYTES`` of `A_prev`, the constant
    `conv_forward` uses), so that their windows, copied with each offset contiguous, stay in the
    cache while the $f^2$ offsets go by.
    """
    m, n_H, n_W, n_C = dA.shape
    covered = A_prev.shape[1] == f * n_H and A_prev.shape[2] == f * n_W  # no row or column left out
    dA_prev = np.empty(A_prev.shape) if covered else np.zeros(A_prev.shape)  # every entry written below
    if mode == "average":
        for dh in range(f):
            for dw in range(f):
                np.divide(dA, f * f, out=_offset(dA_prev, dh, dw, f, n_H, n_W))
        return dA_prev
    A_prev = np.ascontiguousarray(A_prev)  # a copy only if the caller's array is not C-ordered
    step = max(1, convolution.CHUNK_BYTES // max(1, A_prev[0].nbytes))
    for i in range(0, m, step):
        if _max_pool_backward_blocks(dA[i:i + step], A_prev[i:i + step], dA_prev[i:i + step], f):
            raise _nan_error(A_prev)
    return dA_prev


def _reject_nan(A_prev: NDArray[np.float64], mode: str) -> None:
    """Raise `_nan_error` for max pooling of an `A_prev` that holds a NaN (a pass over `A_prev`:
    the side-by-side path checks the window maxima it computes instead)."""
    if mode == "max" and np.isnan(A_prev).any():
        raise _nan_error(A_prev)


def _nan_error(A_prev: NDArray[np.float64]) -> ValueError:
    return ValueError(
        f"A_prev (the cache's first element, shape {A_prev.shape}) holds NaN; max pooling passes each "
        "window's gradient to its maximum, which a window holding a NaN does not have."
    )


def _by_offset(A: NDArray[np.float64], f: int, n_H: int, n_W: int) -> NDArray[np.float64]:
    """A view ``(f, f, m, n_H, n_W, n_C)`` of the stride-``f`` windows: ``[dh, dw]`` is entry
    ``(dh, dw)`` of every window, as `_offset` gives it. Rows and columns past the last whole
    window are left out."""
    m, n_C = A.shape[0], A.shape[3]
    # --8<-- [start:by_offset]
    windows = A[:, :f * n_H, :f * n_W].reshape(m, n_H, f, n_W, f, n_C)  # [i, h, dh, w, dw, c]
    return windows.transpose(2, 4, 0, 1, 3, 5)  # [dh, dw, i, h, w, c], a view
    # --8<-- [end:by_offset]


def _channels_as_items(A: NDArray[np.float64]) -> NDArray[np.void]:
    """`A` with each position's n_C channels viewed as one item, the last axis of length 1: a
    copy through this view moves whole channel vectors, where NumPy would otherwise loop over
    runs of only n_C numbers (16 in the benchmark, and the loop's overhead is most of the copy)."""
    return A.view(np.dtype((np.void, A.shape[-1] * A.itemsize)))


def _max_pool_backward_blocks(dA, A_prev, dA_prev, f) -> bool:
    """Max-pool backward for ``stride == f`` on a few examples, written into `dA_prev`; returns
    whether a window held a NaN (which has no maximum to pass the gradient to)."""
    m, n_H, n_W, n_C = dA.shape
    # --8<-- [start:pool_backward_blocks]
    entries = np.empty((f, f) + dA.shape)  # each offset's entries side by side:
    _channels_as_items(entries)[...] = _by_offset(_channels_as_items(A_prev), f, n_H, n_W)
    offsets = entries.reshape(f * f, *dA.shape)  # row-major, as argmax reads a window
    maxima = offsets.max(axis=0)  # a window holding a NaN has a NaN maximum
    first = offsets == maxima  # every maximum of each window...
    seen = first[0].copy()
    for hit in first[1:]:  # ...of which a tie keeps only the first:
        np.greater(hit, seen, out=hit)  # here, and at no earlier offset
        seen |= hit
    np.multiply(dA, first, out=offsets)  # the gradient, at each first maximum
    _by_offset(_channels_as_items(dA_prev), f, n_H, n_W)[...] = _channels_as_items(entries)
    # --8<-- [end:pool_backward_blocks]
    return bool(np.isnan(maxima).any())


def _check_pool_backward(dA: ArrayLike, cache: object, mode: object):
    if not isinstance(cache, tuple) or len(cache) != 2:
        raise ValueError("cache must be the tuple (A_prev, hparameters) returned by pool_forward.")
    A_prev, hp, n_H, n_W = _check_pool(cache[0], cache[1], mode)
    dA = check_volume("dA", dA)
    expected = (A_prev.shape[0], n_H, n_W, A_prev.shape[3])
    if dA.shape != expected:
        raise ValueError(f"dA has shape {dA.shape}; expected the shape of the forward output, {expected} (A_prev {A_prev.shape}, {hp}).")
    return dA, A_prev, hp


def pool_backward_loop(dA: ArrayLike, cache: tuple, mode: str = "max") -> NDArray[np.float64]:
    r"""Backward pass of a pooling layer, with the course's loops (the definition).

    Parameters
    ----------
    dA : array_like of shape (m, n_H, n_W, n_C)
        Gradient of the cost with respect to the pooling's output.
    cache : tuple
        ``(A_prev, hparameters)`` from the forward pass.
    mode : {"max", "average"}, default "max"

    Returns
    -------
    dA_prev : ndarray of shape (m, n_H_prev, n_W_prev, n_C)

    Raises
    ------
    ValueError
        If `dA` does not have the forward output's shape, the cache is not one, `mode` is
        unknown, or, for max pooling, `A_prev` holds a NaN (a window with one has no maximum).

    See Also
    --------
    pool_backward : the same numbers, vectorized; the one to use.

    Notes
    -----
    Max pooling: the window's gradient goes to its maximum (`create_mask_from_window`; with ties,
    the first in row-major order). Average pooling: it is spread over the window
    (`distribute_value`, $dA / f^2$ each). Overlapping windows ($s < f$) add up.

    Examples
    --------
    >>> cache = (np.array([[1.0, 2.0], [4.0, 3.0]]).reshape(1, 2, 2, 1), {"f": 2, "stride": 2})
    >>> pool_backward_loop(np.ones((1, 1, 1, 1)), cache)[0, :, :, 0].tolist()
    [[0.0, 0.0], [1.0, 0.0]]
    """
    dA, A_prev, hp = _check_pool_backward(dA, cache, mode)
    _reject_nan(A_prev, mode)
    f, stride = hp["f"], hp["stride"]
    m, n_H, n_W, n_C = dA.shape
    # --8<-- [start:pool_backward_loop]
    dA_prev = np.zeros_like(A_prev)
    for i in range(m):
        for h in range(n_H):
            vs = h * stride
            for w in range(n_W):
                hs = w * stride
                for c in range(n_C):
                    if mode == "max":
                        mask = create_mask_from_window(A_prev[i, vs:vs + f, hs:hs + f, c])
                        dA_prev[i, vs:vs + f, hs:hs + f, c] += mask * dA[i, h, w, c]
                    else:
                        dA_prev[i, vs:vs + f, hs:hs + f, c] += distribute_value(dA[i, h, w, c], (f, f))
    # --8<-- [end:pool_backward_loop]
    return dA_prev


def pool_backward(dA: ArrayLike, cache: tuple, mode: str = "max") -> NDArray[np.float64]:
    r"""Backward pass of a pooling layer, vectorized: one slice-add per window offset.

    Parameters
    ----------
    dA : array_like of shape (m, n_H, n_W, n_C)
        Gradient of the cost with respect to the pooling's output.
    cache : tuple
        ``(A_prev, hparameters)`` from the forward pass.
    mode : {"max", "average"}, default "max"

    Returns
    -------
    dA_prev : ndarray of shape (m, n_H_prev, n_W_prev, n_C)

    Raises
    ------
    ValueError
        As `pool_backward_loop`.

    See Also
    --------
    pool_backward_loop : the course's loops, which this function reproduces.

    Notes
    -----
    ``argmax`` over each flattened window finds, for all windows at once, the offset
    $k = f h' + w'$ of its first maximum. Then, for each of the $f^2$ offsets,

    $$dA^{\text{prev}}_{i,\, hs + h',\, ws + w',\, c} \mathrel{+}= dA_{i,h,w,c}\,[k_{i,h,w,c} = f h' + w']$$

    and for average pooling the bracket is replaced by $\frac{1}{f^2}$.

    Examples
    --------
    >>> cache = (np.array([[1.0, 2.0], [4.0, 3.0]]).reshape(1, 2, 2, 1), {"f": 2, "stride": 2})
    >>> pool_backward(np.ones((1, 1, 1, 1)), cache, mode="average")[0, :, :, 0].tolist()
    [[0.25, 0.25], [0.25, 0.25]]
    """
    dA, A_prev, hp = _check_pool_backward(dA, cache, mode)
    f, stride = hp["f"], hp["stride"]
    m, n_H, n_W, n_C = dA.shape
    if stride == f:  # every input in at most one window: write the gradients, nothing to add
        return _pool_backward_blocks(dA, A_prev, f, mode)
    _reject_nan(A_prev, mode)
    # --8<-- [start:pool_backward]
    dA_prev = np.zeros_like(A_prev)
    if mode == "max":
        view = windows(A_prev, f, stride).reshape(m, n_H, n_W, n_C, f * f)
        k = view.argmax(axis=4)  # the first maximum of every window
    for dh in range(f):
        for dw in range(f):
            share = dA * (k == dh * f + dw) if mode == "max" else dA / (f * f)
            dA_prev[:, dh:dh + stride * n_H:stride, dw:dw + stride * n_W:stride, :] += share
    # --8<-- [end:pool_backward]
    return dA_prev
