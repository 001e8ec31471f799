r"""Convolutional layers: padding, one step of the convolution, forward and backward passes.

Shapes follow the course: activations are ``(m, n_H, n_W, n_C)``, the filters of a layer are
``W`` of shape ``(f, f, n_C_prev, n_C)``, the biases ``b`` of shape ``(1, 1, 1, n_C)``, and
``hparameters = {"stride": s, "pad": p}``. Each forward function returns ``(Z, cache)`` and its
backward function takes ``(dZ, cache)``.

Every function comes twice. ``conv_forward_loop`` and ``conv_backward_loop`` are the course's
nested loops, the definition; ``conv_forward`` and ``conv_backward`` compute the same numbers
with strided views and one matrix product, and are the ones to call. As in deep-learning
frameworks, "convolution" here is cross-correlation: the filter is not flipped.
"""

from __future__ import annotations


import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import ArrayLike, NDArray

from dlref._memory import one_block
from dlref._validation import as_float_array, check_count

__all__ = [
    "conv_backward",
    "conv_backward_loop",
    "conv_forward",
    "conv_forward_loop",
    "conv_output_size",
    "conv_parameter_count",
    "conv_single_step",
    "zero_pad",
]

Array = NDArray[np.float64]


def check_volume(name: str, x: ArrayLike, what: str = "(m, n_H, n_W, n_C)") -> Array:
    """Return ``x`` as a 4-D float array, or raise naming `name`, its shape and ``what``."""
    arr = as_float_array(name, x)
    if arr.ndim != 4:
        raise ValueError(f"{name} has shape {arr.shape} ({arr.ndim}-D); expected a 4-D array of shape {what}.")
    return arr


def check_hyper(hparameters: object, keys: tuple[str, str]) -> dict[str, int]:
    """Return ``hparameters`` as a dict of ints with exactly ``keys``, or raise."""
    if not isinstance(hparameters, dict) or set(hparameters) != set(keys):
        raise ValueError(f"hparameters must be a dict with the keys {list(keys)}, got {hparameters!r}.")
    minimum = {"stride": 1, "f": 1, "pad": 0}
    return {k: check_count(f'hparameters["{k}"]', hparameters[k], minimum=minimum[k]) for k in keys}


def check_fits(name: str, shape: tuple[int, ...], f: int, pad: int, stride: int) -> tuple[int, int]:
    """Return the output's ``(n_H, n_W)``, or raise when a window of size `f` does not fit."""
    n_H_prev, n_W_prev = shape[1], shape[2]
    if n_H_prev + 2 * pad < f or n_W_prev + 2 * pad < f:
        raise ValueError(
            f"a filter of size f={f} does not fit {name} of shape {shape} with pad={pad}: "
            f"n_H + 2*pad and n_W + 2*pad must be at least f."
        )
    return conv_output_size(n_H_prev, f, pad, stride), conv_output_size(n_W_prev, f, pad, stride)


def conv_output_size(n: int, f: int, pad: int = 0, stride: int = 1) -> int:
    r"""Height (or width) of a convolution's or a pooling's output.

    Parameters
    ----------
    n : int
        Height (or width) of the input.
    f : int
        Size of the filter (or pooling window).
    pad : int, default 0
        Zeros added on each side.
    stride : int, default 1
        Step of the window.

    Returns
    -------
    n_out : int

    Raises
    ------
    ValueError
        If an argument is not an integer in range, or the window does not fit the padded input.

    Notes
    -----
    $$n_{\text{out}} = \left\lfloor \frac{n + 2p - f}{s} \right\rfloor + 1$$

    A window that would run past the edge is not computed: hence the floor. "Valid" padding is
    $p = 0$; "same" padding with stride 1 is $p = (f - 1)/2$, for an odd $f$.

    Examples
    --------
    >>> conv_output_size(6, 3), conv_output_size(6, 3, pad=1), conv_output_size(7, 3, stride=2)
    (4, 6, 3)
    """
    n, f = check_count("n", n, minimum=1), check_count("f", f, minimum=1)
    pad, stride = check_count("pad", pad), check_count("stride", stride, minimum=1)
    if n + 2 * pad < f:
        raise ValueError(f"a window of size f={f} does not fit n={n} with pad={pad}.")
    # --8<-- [start:conv_output_size]
    n_out = (n + 2 * pad - f) // stride + 1
    # --8<-- [end:conv_output_size]
    return n_out


def conv_parameter_count(f: int, n_C_prev: int, n_C: int) -> int:
    r"""Number of parameters of a convolutional layer: the filters and one bias per filter.

    Parameters
    ----------
    f : int
        Filter size.
    n_C_prev : int
        Channels of the layer's input (the depth of every filter).
    n_C : int
        Number of filters (the channels of the output).

    Returns
    -------
    count : int

    Raises
    ------
    ValueError
        If an argument is not a positive integer.

    Notes
    -----
    $$(f \cdot f \cdot n_C^{[l-1]} + 1) \cdot n_C^{[l]}$$

    It does not depend on the size of the image: the same filters slide over every position.

    Examples
    --------
    >>> conv_parameter_count(3, 3, 10)  # the course's ten 3 x 3 x 3 filters
    280
    """
    f, n_C_prev, n_C = (check_count(k, v, minimum=1) for k, v in [("f", f), ("n_C_prev", n_C_prev), ("n_C", n_C)])
    # --8<-- [start:conv_parameter_count]
    count = (f * f * n_C_prev + 1) * n_C
    # --8<-- [end:conv_parameter_count]
    return count


def zero_pad(X: ArrayLike, pad: int) -> NDArray[np.float64]:
    r"""Pad a batch of images with zeros around their height and width.

    Parameters
    ----------
    X : array_like of shape (m, n_H, n_W, n_C)
        A batch of ``m`` images (or activations).
    pad : int
        Zeros added on each side of the height and the width; 0 returns a copy.

    Returns
    -------
    X_pad : ndarray of shape (m, n_H + 2 pad, n_W + 2 pad, n_C)

    Raises
    ------
    ValueError
        If `X` is not 4-D or `pad` is not a non-negative integer.

    Notes
    -----
    Only the two spatial axes are padded; the examples and the channels are not.

    Examples
    --------
    >>> zero_pad(np.ones((1, 1, 2, 1)), 1)[0, :, :, 0].tolist()
    [[0.0, 0.0, 0.0, 0.0], [0.0, 1.0, 1.0, 0.0], [0.0, 0.0, 0.0, 0.0]]
    """
    X = check_volume("X", X)
    pad = check_count("pad", pad)
    # --8<-- [start:zero_pad]
    X_pad = np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)), mode="constant", constant_values=0.0)
    # --8<-- [end:zero_pad]
    return X_pad


def conv_single_step(a_slice_prev: ArrayLike, W: ArrayLike, b: ArrayLike) -> np.float64:
    r"""Apply one filter at one position: multiply element by element, sum, add the bias.

    Parameters
    ----------
    a_slice_prev : array_like of shape (f, f, n_C_prev)
        The window of the (padded) input under the filter.
    W : array_like of shape (f, f, n_C_prev)
        One filter.
    b : array_like of shape (1, 1, 1)
        Its bias.

    Returns
    -------
    Z : numpy.float64
        One entry of the output.

    Raises
    ------
    ValueError
        If `W` does not have the shape of `a_slice_prev`, or `b` holds more than one number.

    Notes
    -----
    $$Z = \sum_{h, w, c} a_{h, w, c}\, W_{h, w, c} + b$$

    The bias is taken out with ``.item()``: the course's ``float(b)`` raises a ``TypeError`` on
    a ``(1, 1, 1)`` array from NumPy 2.4 on.

    Examples
    --------
    >>> float(conv_single_step(np.ones((2, 2, 1)), np.full((2, 2, 1), 0.5), np.full((1, 1, 1), -1.0)))
    1.0
    """
    a_slice_prev, W, b = (as_float_array(n, x) for n, x in [("a_slice_prev", a_slice_prev), ("W", W), ("b", b)])
    if W.shape != a_slice_prev.shape or a_slice_prev.ndim != 3:
        raise ValueError(
            f"W has shape {W.shape} and a_slice_prev has shape {a_slice_prev.shape}; "
            "both must be (f, f, n_C_prev), one filter and the window under it."
        )
    if b.size != 1:
        raise ValueError(f"b has shape {b.shape}; expected (1, 1, 1), the bias of one filter.")
    # --8<-- [start:conv_single_step]
    s = a_slice_prev * W  # element-wise product of the window and the filter
    Z = np.sum(s) + b.item()  # .item(): float(b) fails on a (1, 1, 1) array on NumPy >= 2.4
    # --8<-- [end:conv_single_step]
    return np.float64(Z)


def _check_conv(A_prev: ArrayLike, W: ArrayLike, b: ArrayLike, hparameters: object):
    A_prev = check_volume("A_prev", A_prev)
    W = check_volume("W", W, "(f, f, n_C_prev, n_C)")
    b = as_float_array("b", b)
    if W.shape[0] != W.shape[1]:
        raise ValueError(f"W has shape {W.shape}; the filters must be square, (f, f, n_C_prev, n_C).")
    if W.shape[2] != A_prev.shape[3]:
        raise ValueError(
            f"W has shape {W.shape} and A_prev has shape {A_prev.shape}: the filters' depth "
            f"W.shape[2] = {W.shape[2]} must equal the channels of A_prev, {A_prev.shape[3]}."
        )
    if b.shape != (1, 1, 1, W.shape[3]):
        raise ValueError(f"b has shape {b.shape}; expected (1, 1, 1, {W.shape[3]}), one bias per filter of W {W.shape}.")
    hp = check_hyper(hparameters, ("stride", "pad"))
    n_H, n_W = check_fits("A_prev", A_prev.shape, W.shape[0], hp["pad"], hp["stride"])
    return A_prev, W, b, hp, n_H, n_W


def conv_forward_loop(
    A_prev: ArrayLike, W: ArrayLike, b: ArrayLike, hparameters: dict
) -> tuple[NDArray[np.float64], tuple]:
    r"""Forward pass of a convolutional layer, with the course's loops (the definition).

    Parameters
    ----------
    A_prev : array_like of shape (m, n_H_prev, n_W_prev, n_C_prev)
        Activations of the previous layer.
    W : array_like of shape (f, f, n_C_prev, n_C)
        The ``n_C`` filters.
    b : array_like of shape (1, 1, 1, n_C)
        One bias per filter.
    hparameters : dict
        ``{"stride": s, "pad": p}``.

    Returns
    -------
    Z : ndarray of shape (m, n_H, n_W, n_C)
        $n_H = \lfloor (n_{H,\text{prev}} + 2p - f)/s \rfloor + 1$, and likewise $n_W$.
    cache : tuple
        ``(A_prev, W, b, hparameters)``, for `conv_backward_loop`.

    Raises
    ------
    ValueError
        If an array has the wrong rank, the depth of `W` is not the channels of `A_prev`, `b`
        is not ``(1, 1, 1, n_C)``, or the filter does not fit the padded input.

    See Also
    --------
    conv_forward : the same numbers, vectorized; the one to use.

    Notes
    -----
    $$Z_{i, h, w, c} = \sum_{h'=0}^{f-1} \sum_{w'=0}^{f-1} \sum_{c'}
    A^{\text{pad}}_{i,\, hs + h',\, ws + w',\, c'}\; W_{h', w', c', c} + b_c$$

    Examples
    --------
    >>> Z, _ = conv_forward_loop(np.ones((1, 3, 3, 1)), np.ones((2, 2, 1, 1)), np.zeros((1, 1, 1, 1)),
    ...                          {"stride": 1, "pad": 0})
    >>> Z[0, :, :, 0].tolist()
    [[4.0, 4.0], [4.0, 4.0]]
    """
    A_prev, W, b, hp, n_H, n_W = _check_conv(A_prev, W, b, hparameters)
    stride, pad, f = hp["stride"], hp["pad"], W.shape[0]
    m, n_C = A_prev.shape[0], W.shape[3]
    # --8<-- [start:conv_forward_loop]
    Z = np.zeros((m, n_H, n_W, n_C))
    A_prev_pad = zero_pad(A_prev, pad)
    for i in range(m):  # every example
        for h in range(n_H):  # every output row
            vert_start = h * stride
            for w in range(n_W):  # every output column
                horiz_start = w * stride
                a_slice_prev = A_prev_pad[i, vert_start:vert_start + f, horiz_start:horiz_start + f, :]
                for c in range(n_C):  # every filter
                    Z[i, h, w, c] = conv_single_step(a_slice_prev, W[:, :, :, c], b[:, :, :, c])
    # --8<-- [end:conv_forward_loop]
    return Z, (A_prev, W, b, dict(hp))


def windows(A_pad: Array, f: int, stride: int) -> Array:
    """The ``f x f`` windows of ``A_pad`` at the given stride, as a view ``(m, n_H, n_W, n_C, f, f)``."""
    return sliding_window_view(A_pad, (f, f), axis=(1, 2))[:, ::stride, ::stride]


CHUNK_BYTES = 2**20  # window rows per chunk: about 1 MB, small enough to stay in the L2 cache


def window_rows(A_pad: Array, f: int, stride: int, buffer: Array | None = None):
    """Yield ``(batch, rows)`` a few examples at a time: a slice of the batch and its windows as rows.

    ``rows`` is ``(examples * n_H * n_W, f*f*n_C)``, one row ``(h', w', c')`` per window, copied
    from the strided view into one buffer that every chunk reuses: `buffer`, of the shape
    `_rows_buffer_shape` gives, or a new one. A chunk holds as many examples as fit in
    ``CHUNK_BYTES`` (at least one), so the rows stay in cache instead of being fresh memory on
    every call. The buffer is overwritten by the next chunk: use ``rows`` at once.
    """
    view = _window_row_items(A_pad, f, stride)  # (m, n_H, n_W, f): the same numbers as windows()
    m, row_length = view.shape[0], f * f * A_pad.shape[3]
    buffer = np.empty(_rows_buffer_shape(A_pad.shape, f, stride)) if buffer is None else buffer
    size = len(buffer)
    for i in range(0, m, size):
        chunk = buffer[:min(size, m - i)]
        np.copyto(chunk.view(view.dtype).reshape(view[i:i + size].shape), view[i:i + size])
        yield slice(i, i + size), chunk.reshape(-1, row_length)


def _rows_buffer_shape(shape: tuple[int, ...], f: int, stride: int) -> tuple[int, int, int, int]:
    """The shape of `window_rows`' buffer for a padded input of `shape` ``(m, n_H, n_W, n_C)``:
    as many examples' window rows as fit in ``CHUNK_BYTES``, at least one."""
    m, n_H_pad, n_W_pad, n_C = shape
    n_H, n_W = conv_output_size(n_H_pad, f, 0, stride), conv_output_size(n_W_pad, f, 0, stride)
    row_length = f * f * n_C
    return (min(m, max(1, CHUNK_BYTES // (n_H * n_W * row_length * 8))), n_H, n_W, row_length)


def _window_row_items(A_pad: Array, f: int, stride: int) -> NDArray[np.void]:
    """The windows of ``A_pad`` as ``(m, n_H, n_W, f)`` items, item ``[i, h, w, h']`` being row
    ``h'`` of window ``(h, w)``: the ``f * n_C`` numbers of its ``f`` positions, which lie side by
    side in ``A_pad``. Copying windows item by item moves whole window rows, where NumPy would
    otherwise loop over runs of only ``f * n_C`` numbers (9 in the benchmark) at a time."""
    A_pad = np.ascontiguousarray(A_pad)  # the strides below assume C order
    m, n_H_pad, n_W_pad, n_C = A_pad.shape
    n_H, n_W = conv_output_size(n_H_pad, f, 0, stride), conv_output_size(n_W_pad, f, 0, stride)
    row_bytes = f * n_C * A_pad.itemsize
    s_i, s_h, s_w, _ = A_pad.strides
    rows = np.lib.stride_tricks.as_strided(  # overlapping windows: a read-only view, nothing copied
        A_pad.reshape(-1).view(np.uint8), shape=(m, n_H, n_W, f, row_bytes),
        strides=(s_i, stride * s_h, stride * s_w, s_h, 1), writeable=False,
    )
    return rows.view(np.dtype((np.void, row_bytes)))[..., 0]


def conv_forward(
    A_prev: ArrayLike, W: ArrayLike, b: ArrayLike, hparameters: dict
) -> tuple[NDArray[np.float64], tuple]:
    r"""Forward pass of a convolutional layer, vectorized: one matrix product over all windows.

    Parameters
    ----------
    A_prev : array_like of shape (m, n_H_prev, n_W_prev, n_C_prev)
        Activations of the previous layer.
    W : array_like of shape (f, f, n_C_prev, n_C)
        The ``n_C`` filters.
    b : array_like of shape (1, 1, 1, n_C)
        One bias per filter.
    hparameters : dict
        ``{"stride": s, "pad": p}``.

    Returns
    -------
    Z : ndarray of shape (m, n_H, n_W, n_C)
    cache : tuple
        ``(A_prev, W, b, hparameters)``, for `conv_backward`.

    Raises
    ------
    ValueError
        As `conv_forward_loop`.

    See Also
    --------
    conv_forward_loop : the course's loops, which this function reproduces.

    Notes
    -----
    The formula of `conv_forward_loop`, computed for many windows at once: a strided view of
    the windows is copied into rows of $f \cdot f \cdot n_{C,\text{prev}}$ numbers, and one
    matrix product with the filters (reshaped to $f \cdot f \cdot n_{C,\text{prev}} \times n_C$)
    gives their outputs. The rows are made a few examples at a time (about ``CHUNK_BYTES`` of
    them, one buffer reused), so they stay in cache; the products are the same.

    Examples
    --------
    >>> Z, _ = conv_forward(np.ones((1, 3, 3, 1)), np.ones((2, 2, 1, 1)), np.zeros((1, 1, 1, 1)),
    ...                     {"stride": 1, "pad": 0})
    >>> Z[0, :, :, 0].tolist()
    [[4.0, 4.0], [4.0, 4.0]]
    """
    A_prev, W, b, hp, n_H, n_W = _check_conv(A_prev, W, b, hparameters)
    # --8<-- [start:conv_forward]
    f, n_C = W.shape[0], W.shape[3]
    W_cols = W.reshape(-1, n_C)  # one row per (h', w', c'), one column per filter
    Z = np.empty((A_prev.shape[0], n_H, n_W, n_C))
    for batch, cols in window_rows(zero_pad(A_prev, hp["pad"]), f, hp["stride"]):  # a few examples at a time
        # Z[i,h,w,c] = sum over (h', w', c') of window * W[h', w', c', c]: one row of cols per window
        np.matmul(cols, W_cols, out=Z[batch].reshape(-1, n_C))
    Z += b
    # --8<-- [end:conv_forward]
    return Z, (A_prev, W, b, dict(hp))


def _check_conv_backward(dZ: ArrayLike, cache: object):
    if not isinstance(cache, tuple) or len(cache) != 4:
        raise ValueError("cache must be the tuple (A_prev, W, b, hparameters) returned by conv_forward.")
    A_prev, W, b, hp, n_H, n_W = _check_conv(*cache)
    dZ = check_volume("dZ", dZ)
    expected = (A_prev.shape[0], n_H, n_W, W.shape[3])
    if dZ.shape != expected:
        raise ValueError(
            f"dZ has shape {dZ.shape}; expected the shape of the forward output Z, {expected} "
            f"(A_prev {A_prev.shape}, W {W.shape}, {hp})."
        )
    return dZ, A_prev, W, hp


def conv_backward_loop(
    dZ: ArrayLike, cache: tuple
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    r"""Backward pass of a convolutional layer, with the course's loops (the definition).

    Parameters
    ----------
    dZ : array_like of shape (m, n_H, n_W, n_C)
        Gradient of the cost with respect to the layer's output ``Z``.
    cache : tuple
        ``(A_prev, W, b, hparameters)`` from `conv_forward_loop` or `conv_forward`.

    Returns
    -------
    dA_prev : ndarray of shape (m, n_H_prev, n_W_prev, n_C_prev)
    dW : ndarray of shape (f, f, n_C_prev, n_C)
    db : ndarray of shape (1, 1, 1, n_C)

    Raises
    ------
    ValueError
        If `dZ` does not have the shape of the forward output, or the cache is not one.

    See Also
    --------
    conv_backward : the same numbers, vectorized; the one to use.

    Notes
    -----
    Each output entry $Z_{i,h,w,c}$ came from one window and one filter, so its gradient flows
    back to both:

    $$dA^{\text{pad}}_{i,\,\text{window}} \mathrel{+}= W_{:,:,:,c}\; dZ_{i,h,w,c}, \qquad
    dW_{:,:,:,c} \mathrel{+}= A^{\text{pad}}_{i,\,\text{window}}\; dZ_{i,h,w,c}, \qquad
    db_c = \sum_{i,h,w} dZ_{i,h,w,c}$$

    No $\frac{1}{m}$ here: ``dZ`` is already the gradient of the cost. The padding is stripped
    only when $p > 0$ (the course's ``da_prev_pad[pad:-pad, pad:-pad, :]`` is empty at $p = 0$).

    Examples
    --------
    >>> cache = (np.ones((1, 3, 3, 1)), np.ones((2, 2, 1, 1)), np.zeros((1, 1, 1, 1)), {"stride": 1, "pad": 0})
    >>> dA_prev, dW, db = conv_backward_loop(np.ones((1, 2, 2, 1)), cache)
    >>> dA_prev[0, :, :, 0].tolist(), db.ravel().tolist()
    ([[1.0, 2.0, 1.0], [2.0, 4.0, 2.0], [1.0, 2.0, 1.0]], [4.0])
    """
    dZ, A_prev, W, hp = _check_conv_backward(dZ, cache)
    stride, pad, f = hp["stride"], hp["pad"], W.shape[0]
    m, n_H, n_W, n_C = dZ.shape
    # --8<-- [start:conv_backward_loop]
    A_prev_pad = zero_pad(A_prev, pad)
    dA_prev_pad = np.zeros_like(A_prev_pad)
    dW, db = np.zeros_like(W), np.zeros((1, 1, 1, n_C))
    for i in range(m):
        for h in range(n_H):
            vs = h * stride
            for w in range(n_W):
                hs = w * stride
                a_slice = A_prev_pad[i, vs:vs + f, hs:hs + f, :]
                for c in range(n_C):
                    dA_prev_pad[i, vs:vs + f, hs:hs + f, :] += W[:, :, :, c] * dZ[i, h, w, c]
                    dW[:, :, :, c] += a_slice * dZ[i, h, w, c]
                    db[:, :, :, c] += dZ[i, h, w, c]
    n_H_prev, n_W_prev = A_prev.shape[1:3]
    dA_prev = dA_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :]  # right at pad = 0 too
    # --8<-- [end:conv_backward_loop]
    return dA_prev.copy(), dW, db


def _backward_buffers(A_prev: Array, pad: int, f: int, stride: int) -> list[Array]:
    """``zero_pad(A_prev, pad)``, the zeros of its gradient channels first ``(n_C, m, n_H, n_W)``
    and `window_rows`' buffer, as views into one new buffer. Separate arrays (three blocks and
    more) can exceed twice the largest of them when freed, and glibc then hands them back to the
    system, to be faulted in again by the next call: 2,300 pages a call, in some processes,
    which more than doubled the time of `conv_backward` (`dlref/_memory.py` gives the rule)."""
    m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
    padded = (m, n_H_prev + 2 * pad, n_W_prev + 2 * pad, n_C_prev)
    A_prev_pad, dA_pad_T, rows = one_block(padded, (n_C_prev, *padded[:3]), _rows_buffer_shape(padded, f, stride))
    A_prev_pad.fill(0.0)
    A_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev] = A_prev
    dA_pad_T.fill(0.0)
    return [A_prev_pad, dA_pad_T, rows]


def conv_backward(
    dZ: ArrayLike, cache: tuple
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    r"""Backward pass of a convolutional layer, vectorized.

    Parameters
    ----------
    dZ : array_like of shape (m, n_H, n_W, n_C)
        Gradient of the cost with respect to the layer's output ``Z``.
    cache : tuple
        ``(A_prev, W, b, hparameters)`` from `conv_forward` or `conv_forward_loop`.

    Returns
    -------
    dA_prev : ndarray of shape (m, n_H_prev, n_W_prev, n_C_prev)
    dW : ndarray of shape (f, f, n_C_prev, n_C)
    db : ndarray of shape (1, 1, 1, n_C)

    Raises
    ------
    ValueError
        As `conv_backward_loop`.

    See Also
    --------
    conv_backward_loop : the course's loops, which this function reproduces.

    Notes
    -----
    $dW$ is one matrix product of the windows' rows with $dZ$ (a sum over examples and
    positions); $db$ sums $dZ$ over the same axes. $dZ\, W^T$ gives every window's gradient;
    the windows overlap, so they are added into $dA$ by a loop over the $f^2$ offsets of the
    filter rather than the positions of the image, one strided slice-add per offset. The work
    goes a few examples at a time, as in `conv_forward`, with $dW$ and $db$ summed over the
    chunks; $dA$ is gathered channels first, so that each slice-add runs along whole rows of
    the image, and turned back to ``(m, n_H, n_W, n_C)`` at the end.

    $$dA^{\text{pad}}_{i,\, hs + h',\, ws + w',\, :} \mathrel{+}= \sum_c dZ_{i,h,w,c}\, W_{h',w',:,c}$$

    Examples
    --------
    >>> cache = (np.ones((1, 3, 3, 1)), np.ones((2, 2, 1, 1)), np.zeros((1, 1, 1, 1)), {"stride": 1, "pad": 0})
    >>> dA_prev, dW, db = conv_backward(np.ones((1, 2, 2, 1)), cache)
    >>> dA_prev[0, :, :, 0].tolist(), dW.ravel().tolist()
    ([[1.0, 2.0, 1.0], [2.0, 4.0, 2.0], [1.0, 2.0, 1.0]], [4.0, 4.0, 4.0, 4.0])
    """
    dZ, A_prev, W, hp = _check_conv_backward(dZ, cache)
    stride, pad, f = hp["stride"], hp["pad"], W.shape[0]
    n_H, n_W, n_C, n_C_prev = dZ.shape[1], dZ.shape[2], W.shape[3], W.shape[2]
    # --8<-- [start:conv_backward]
    # in one new buffer: zero_pad(A_prev, pad), the zeros of dA (channels first,
    # so slice-adds run along rows) and room for a chunk's window rows
    A_prev_pad, dA_pad_T, rows = _backward_buffers(A_prev, pad, f, stride)
    W_cols = W.reshape(-1, n_C)  # one row per (h', w', c'), one column per filter
    dW, db = np.zeros(W_cols.shape), np.zeros(n_C)
    for batch, cols in window_rows(A_prev_pad, f, stride, rows):  # a few examples
        dZ_rows = dZ[batch].reshape(-1, n_C)  # windows x filters
        dW += cols.T @ dZ_rows  # sum over examples and positions
        db += np.ones(len(dZ_rows)) @ dZ_rows  # the sum over windows, one product
        # every window's gradient, W dZ^T: (h', w', c') first, then the windows
        d_cols = (W_cols @ dZ_rows.T).reshape(f, f, n_C_prev, -1, n_H, n_W)
        for dh in range(f):  # f*f slice-adds instead of a loop over every position
            for dw in range(f):
                dA_pad_T[:, batch, dh:dh + stride * n_H:stride,
                         dw:dw + stride * n_W:stride] += d_cols[dh, dw]
    n_H_prev, n_W_prev = A_prev.shape[1:3]
    # strip the padding (right at pad = 0 too), then channels last again
    dA_prev_T = dA_pad_T[:, :, pad:pad + n_H_prev, pad:pad + n_W_prev]
    dA_prev = dA_prev_T.transpose(1, 2, 3, 0)  # (m, n_H_prev, n_W_prev, n_C_prev)
    # --8<-- [end:conv_backward]
    return np.ascontiguousarray(dA_prev), dW.reshape(W.shape), db.reshape(1, 1, 1, n_C)
