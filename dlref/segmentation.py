r"""Semantic segmentation's up-sampling step: the transposed convolution, forward and backward.

A transposed convolution runs a convolution's arithmetic the other way round: each input number
scales the whole filter, which is added into the output at the input's position times the
stride. With the same ``W`` and ``hparameters`` it maps a convolution's output shape back to its
input shape, and it is the convolution's adjoint: $\langle \operatorname{conv}(x), y \rangle =
\langle x, \operatorname{conv}^T(y) \rangle$. U-Net uses it to grow the feature maps back to the
image's size.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import as_float_array
from dlref.convolution import check_hyper, check_volume, conv_backward, conv_forward

__all__ = ["conv_transpose_backward", "conv_transpose_forward"]


def _check(Z: ArrayLike, W: ArrayLike, b: ArrayLike, hparameters: object):
    Z, W, b = check_volume("Z", Z), check_volume("W", W, "(f, f, n_C_out, n_C)"), as_float_array("b", b)
    if W.shape[0] != W.shape[1] or W.shape[3] != Z.shape[3]:
        raise ValueError(
            f"W has shape {W.shape} and Z has shape {Z.shape}: W must be (f, f, n_C_out, n_C) with "
            f"n_C = {Z.shape[3]}, the channels of Z (the shape of the convolution it transposes)."
        )
    if b.shape != (1, 1, 1, W.shape[2]):
        raise ValueError(f"b has shape {b.shape}; expected (1, 1, 1, {W.shape[2]}), one bias per output channel.")
    hp = check_hyper(hparameters, ("stride", "pad"))
    f, s, p = W.shape[0], hp["stride"], hp["pad"]
    n_H, n_W = ((n - 1) * s + f - 2 * p for n in Z.shape[1:3])
    if min(n_H, n_W) < 1:
        raise ValueError(f"pad={p} is too large for Z of shape {Z.shape} and f={f}: the output would be empty.")
    return Z, W, b, hp, n_H, n_W


def conv_transpose_forward(
    Z: ArrayLike, W: ArrayLike, b: ArrayLike, hparameters: dict
) -> tuple[NDArray[np.float64], tuple]:
    r"""Transposed convolution: spread every input number over a filter-sized patch of the output.

    Parameters
    ----------
    Z : array_like of shape (m, n_H, n_W, n_C)
        Input (a small feature map).
    W : array_like of shape (f, f, n_C_out, n_C)
        The filters, in the layout of the convolution this one transposes.
    b : array_like of shape (1, 1, 1, n_C_out)
        One bias per output channel.
    hparameters : dict
        ``{"stride": s, "pad": p}``; the padding is cropped from the output's border.

    Returns
    -------
    A : ndarray of shape (m, (n_H - 1) s + f - 2p, (n_W - 1) s + f - 2p, n_C_out)
    cache : tuple
        ``(Z, W, b, hparameters)``.

    Raises
    ------
    ValueError
        If `W` does not match the channels of `Z`, `b` is not ``(1, 1, 1, n_C_out)``, or the
        padding leaves nothing.

    Notes
    -----
    $$A^{\text{pad}}_{i,\, hs + h',\, ws + w',\, :} \mathrel{+}= \sum_c Z_{i,h,w,c}\, W_{h', w', :, c},
    \qquad A = \operatorname{crop}_p\bigl(A^{\text{pad}}\bigr) + b$$

    This is the computation of $dA$ in `dlref.convolution.conv_backward`: the transposed
    convolution is the convolution's adjoint. Keras's ``Conv2DTranspose(padding="same")`` makes
    the output exactly $s$ times the input, one more row and column than this formula gives for
    odd $f$ and $p = (f - 1)/2$.

    Examples
    --------
    >>> A, _ = conv_transpose_forward(np.ones((1, 2, 2, 1)), np.ones((2, 2, 1, 1)), np.zeros((1, 1, 1, 1)),
    ...                               {"stride": 2, "pad": 0})
    >>> A[0, :, :, 0].tolist()  # each input number fills its own 2 x 2 patch
    [[1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0], [1.0, 1.0, 1.0, 1.0]]
    """
    Z, W, b, hp, n_H, n_W = _check(Z, W, b, hparameters)
    f, s, p = W.shape[0], hp["stride"], hp["pad"]
    m, n_H_in, n_W_in, _ = Z.shape
    # --8<-- [start:conv_transpose_forward]
    A_pad = np.zeros((m, n_H + 2 * p, n_W + 2 * p, W.shape[2]))
    for dh in range(f):  # one slice-add per filter offset
        for dw in range(f):
            A_pad[:, dh:dh + s * n_H_in:s, dw:dw + s * n_W_in:s, :] += Z @ W[dh, dw].T
    A = A_pad[:, p:p + n_H, p:p + n_W, :] + b  # crop the padding, add the bias
    # --8<-- [end:conv_transpose_forward]
    return A, (Z, W, b, dict(hp))


def conv_transpose_backward(
    dA: ArrayLike, cache: tuple
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    r"""Backward pass of `conv_transpose_forward`: a plain convolution of the gradient.

    Parameters
    ----------
    dA : array_like of shape (m, n_H_out, n_W_out, n_C_out)
        Gradient of the cost with respect to the output.
    cache : tuple
        From `conv_transpose_forward`.

    Returns
    -------
    dZ : ndarray of shape (m, n_H, n_W, n_C)
    dW : ndarray of shape (f, f, n_C_out, n_C)
    db : ndarray of shape (1, 1, 1, n_C_out)

    Raises
    ------
    ValueError
        If `dA` does not have the shape of the output.

    Notes
    -----
    The adjoint of the adjoint is the convolution itself, so $dZ = \operatorname{conv}(dA, W)$;
    $dW$ is what `dlref.convolution.conv_backward` computes for a convolution of $dA$ whose
    output gradient is $Z$, and $db$ sums $dA$ over the examples and positions.

    $$dZ = W * dA, \qquad dW_{h',w',c',c} = \sum_{i,h,w} dA^{\text{pad}}_{i,\, hs+h',\, ws+w',\, c'}\, Z_{i,h,w,c}$$

    Examples
    --------
    >>> A, cache = conv_transpose_forward(np.ones((1, 2, 2, 1)), np.ones((2, 2, 1, 1)), np.zeros((1, 1, 1, 1)),
    ...                                   {"stride": 2, "pad": 0})
    >>> dZ, dW, db = conv_transpose_backward(np.ones_like(A), cache)
    >>> dZ[0, :, :, 0].tolist(), db.ravel().tolist()
    ([[4.0, 4.0], [4.0, 4.0]], [16.0])
    """
    if not isinstance(cache, tuple) or len(cache) != 4:
        raise ValueError("cache must be the tuple (Z, W, b, hparameters) returned by conv_transpose_forward.")
    Z, W, b, hp, n_H, n_W = _check(*cache)
    dA = check_volume("dA", dA)
    expected = (Z.shape[0], n_H, n_W, W.shape[2])
    if dA.shape != expected:
        raise ValueError(f"dA has shape {dA.shape}; expected the shape of the output, {expected}.")
    # --8<-- [start:conv_transpose_backward]
    no_bias = np.zeros((1, 1, 1, W.shape[3]))
    dZ, conv_cache = conv_forward(dA, W, no_bias, hp)  # the adjoint's adjoint: a convolution
    _, dW, _ = conv_backward(Z, conv_cache)  # that convolution's dW, with Z as its output gradient
    db = dA.sum(axis=(0, 1, 2)).reshape(1, 1, 1, -1)
    # --8<-- [end:conv_transpose_backward]
    return dZ, dW, db
