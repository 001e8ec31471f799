r"""Data augmentation: new training images made from existing ones by label-preserving changes.

Images use the course's layout for convolutional networks, one image per row of the first axis:
``(m, n_H, n_W)`` for grey-scale or ``(m, n_H, n_W, n_C)`` for colour.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import as_float_array, check_count, check_generator, check_nonnegative

__all__ = ["color_shift", "flip_horizontal", "random_crop"]


def _check_images(images: ArrayLike) -> NDArray[np.float64]:
    images = as_float_array("images", images)
    if images.ndim not in (3, 4):
        raise ValueError(
            f"images has shape {images.shape}; expected (m, n_H, n_W) or (m, n_H, n_W, n_C), "
            "one image per entry of the first axis."
        )
    return images


def flip_horizontal(images: ArrayLike) -> NDArray[np.float64]:
    r"""Mirror every image left to right.

    Parameters
    ----------
    images : array_like of shape (m, n_H, n_W) or (m, n_H, n_W, n_C)

    Returns
    -------
    flipped : ndarray of the shape of images
        ``flipped[i, h, w] = images[i, h, n_W - 1 - w]``.

    Raises
    ------
    ValueError
        If `images` is not 3-D or 4-D.

    Notes
    -----
    A flip preserves the label of a cat photo, but not of every image: a mirrored digit 3 is
    not a 3. Augment only with changes that keep the label true.

    Examples
    --------
    >>> flip_horizontal([[[1.0, 2.0, 3.0]]]).tolist()
    [[[3.0, 2.0, 1.0]]]
    """
    images = _check_images(images)
    # --8<-- [start:flip_horizontal]
    flipped = images[:, :, ::-1].copy()  # reverse the width axis of every image
    # --8<-- [end:flip_horizontal]
    return flipped


def random_crop(images: ArrayLike, padding: int, rng: np.random.Generator) -> NDArray[np.float64]:
    r"""Shift every image by a random offset: zero-pad, then crop back to the original size.

    Parameters
    ----------
    images : array_like of shape (m, n_H, n_W) or (m, n_H, n_W, n_C)
    padding : int
        Largest shift in pixels, in each direction; at least 0.
    rng : numpy.random.Generator
        Source of the offsets, drawn independently for each image.

    Returns
    -------
    cropped : ndarray of the shape of images

    Raises
    ------
    ValueError
        If `images` is not 3-D or 4-D, `padding` is negative, or `rng` is not a Generator.

    Notes
    -----
    Each image is padded with $p$ zeros on every side, to $(n_H + 2p) \times (n_W + 2p)$, and an
    $n_H \times n_W$ window is cut out at offsets $(r, c)$ drawn uniformly from
    $\{0, \dots, 2p\}^2$: a translation by $(p - r, p - c)$ pixels.

    Examples
    --------
    >>> image = [[[0.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 0.0]]]
    >>> float(random_crop(image, 1, np.random.default_rng(0)).sum())
    1.0
    """
    images = _check_images(images)
    padding = check_count("padding", padding)
    rng = check_generator("rng", rng)
    m, n_H, n_W = images.shape[:3]
    # --8<-- [start:random_crop]
    pad = [(0, 0), (padding, padding), (padding, padding)] + [(0, 0)] * (images.ndim - 3)
    padded = np.pad(images, pad)  # zeros around every image
    offsets = rng.integers(0, 2 * padding + 1, size=(m, 2))
    cropped = np.stack([padded[i, r : r + n_H, c : c + n_W] for i, (r, c) in enumerate(offsets)])
    # --8<-- [end:random_crop]
    return cropped


def color_shift(images: ArrayLike, max_shift: float, rng: np.random.Generator) -> NDArray[np.float64]:
    r"""Colour shifting: add one random offset to each colour channel of each image.

    Parameters
    ----------
    images : array_like of shape (m, n_H, n_W, n_C)
        Colour images with values in $[0, 1]$, for example RGB with $n_C = 3$.
    max_shift : float
        Largest offset, at least 0; offsets are drawn uniformly from
        $[-\text{max\_shift}, \text{max\_shift}]$.
    rng : numpy.random.Generator
        Source of the offsets, drawn independently for every image and channel.

    Returns
    -------
    shifted : ndarray of shape (m, n_H, n_W, n_C)
        The shifted images, clipped back into $[0, 1]$.

    Raises
    ------
    ValueError
        If `images` is not 4-D or holds a value outside $[0, 1]$ (or NaN), `max_shift` is
        negative or NaN, or `rng` is not a Generator.

    Notes
    -----
    For image $i$ and channel $c$, one offset $\delta_{ic} \sim U(-s, s)$ is added to every pixel:

    $$\tilde X_{i,h,w,c} = \min\bigl(1, \max(0, X_{i,h,w,c} + \delta_{ic})\bigr)$$

    so a photo looks as if taken under redder or bluer light, with the same label. AlexNet's PCA
    colour augmentation draws the offsets along the principal axes of the colours instead.

    Examples
    --------
    >>> image = np.full((1, 2, 2, 3), 0.5)
    >>> shifted = color_shift(image, 0.2, np.random.default_rng(0))
    >>> [round(float(x), 4) for x in shifted[0, 0, 0]], bool((shifted == shifted[:, :1, :1]).all())
    ([0.5548, 0.4079, 0.3164], True)
    """
    images = as_float_array("images", images)
    if images.ndim != 4:
        raise ValueError(f"images has shape {images.shape}; expected (m, n_H, n_W, n_C), colour images with channels last.")
    if not ((images >= 0.0) & (images <= 1.0)).all():
        raise ValueError("images must hold values in [0, 1] (and no NaN); divide 0-255 images by 255.")
    max_shift = check_nonnegative("max_shift", max_shift)
    rng = check_generator("rng", rng)
    m, n_C = images.shape[0], images.shape[3]
    # --8<-- [start:color_shift]
    offsets = rng.uniform(-max_shift, max_shift, size=(m, 1, 1, n_C))  # one per image and channel
    shifted = np.clip(images + offsets, 0.0, 1.0)  # broadcast over the pixels, kept in [0, 1]
    # --8<-- [end:color_shift]
    return shifted
