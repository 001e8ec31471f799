"""Data augmentation: flips, random crops and colour shifts keep shapes and move pixels as documented."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from dlref.augmentation import color_shift, flip_horizontal, random_crop


@pytest.mark.parametrize("shape", [(3, 4, 5), (2, 4, 5, 3)])
def test_flip_mirrors_each_image_and_undoes_itself(shape):
    images = np.random.default_rng(0).random(shape)
    flipped = flip_horizontal(images)
    for image, mirrored in zip(images, flipped):
        assert_array_equal(mirrored, np.fliplr(image))
    assert_array_equal(flip_horizontal(flipped), images)


def shifted(image: np.ndarray, dr: int, dc: int) -> np.ndarray:
    """``image`` moved down by dr and right by dc, with zeros coming in: written independently."""
    out = np.zeros_like(image)
    n_H, n_W = image.shape[:2]
    for h in range(n_H):
        for w in range(n_W):
            if 0 <= h + dr < n_H and 0 <= w + dc < n_W:
                out[h + dr, w + dc] = image[h, w]
    return out


@pytest.mark.parametrize("shape", [(20, 6, 7), (10, 5, 5, 2)])
@pytest.mark.parametrize("padding", [1, 2])
def test_random_crop_is_a_translation_within_the_padding(shape, padding):
    images = np.random.default_rng(1).random(shape)
    cropped = random_crop(images, padding, np.random.default_rng(2))
    assert cropped.shape == images.shape
    shifts = set()
    for image, out in zip(images, cropped):
        matches = [
            (dr, dc)
            for dr in range(-padding, padding + 1)
            for dc in range(-padding, padding + 1)
            if np.array_equal(out, shifted(image, dr, dc))
        ]
        assert len(matches) == 1
        shifts.add(matches[0])
    assert len(shifts) > 1  # offsets are drawn per image


def test_random_crop_without_padding_is_the_identity():
    images = np.random.default_rng(3).random((4, 8, 8))
    assert_array_equal(random_crop(images, 0, np.random.default_rng(0)), images)


@pytest.mark.parametrize("bad", [np.ones((8, 8)), np.ones(5), np.ones((1, 2, 3, 4, 5))])
def test_images_of_the_wrong_rank_are_rejected(bad):
    with pytest.raises(ValueError, match=r"images has shape .*; expected \(m, n_H, n_W\)"):
        flip_horizontal(bad)
    with pytest.raises(ValueError, match="images has shape"):
        random_crop(bad, 1, np.random.default_rng(0))


def test_crop_arguments_are_checked():
    with pytest.raises(ValueError, match="padding must be at least 0"):
        random_crop(np.ones((1, 3, 3)), -1, np.random.default_rng(0))
    with pytest.raises(ValueError, match="rng must be a numpy.random.Generator"):
        random_crop(np.ones((1, 3, 3)), 1, None)


def test_inputs_are_not_modified():
    images = np.random.default_rng(4).random((3, 5, 5))
    copy = images.copy()
    flip_horizontal(images)
    random_crop(images, 2, np.random.default_rng(0))
    assert_array_equal(images, copy)


@pytest.mark.parametrize("shape, max_shift", [((3, 4, 5, 3), 0.1), ((2, 3, 3, 1), 0.3), ((5, 2, 6, 4), 0.05)])
def test_color_shift_adds_one_bounded_offset_per_image_and_channel(shape, max_shift):
    rng = np.random.default_rng(5)
    images = 0.3 + 0.4 * rng.random(shape)  # inside [0.3, 0.7]: no offset reaches the clip
    shifted = color_shift(images, max_shift, np.random.default_rng(6))
    delta = shifted - images
    assert shifted.shape == images.shape
    np.testing.assert_allclose(delta, np.broadcast_to(delta[:, :1, :1, :], shape), atol=1e-15)  # same on every pixel
    assert np.all(np.abs(delta) <= max_shift)
    # the offsets are rng.uniform(-s, s) draws, one per (image, channel), in that order
    expected = np.random.default_rng(6).uniform(-max_shift, max_shift, (shape[0], shape[3]))
    np.testing.assert_allclose(delta[:, 0, 0, :], expected, atol=1e-15)


def test_color_shift_clips_into_0_1_and_zero_shift_is_the_identity():
    images = np.random.default_rng(7).random((4, 3, 3, 3))
    shifted = color_shift(images, 0.5, np.random.default_rng(8))
    assert shifted.min() >= 0.0 and shifted.max() <= 1.0
    assert (shifted == 0.0).any() and (shifted == 1.0).any()  # offsets this large do reach the clip
    assert_array_equal(color_shift(images, 0.0, np.random.default_rng(8)), images)


def test_color_shift_arguments_are_checked_and_its_input_is_kept():
    images = np.full((2, 3, 3, 3), 0.5)
    with pytest.raises(ValueError, match=r"images has shape \(2, 3, 3\); expected \(m, n_H, n_W, n_C\)"):
        color_shift(images[..., 0], 0.1, np.random.default_rng(0))
    with pytest.raises(ValueError, match=r"values in \[0, 1\]"):
        color_shift(255 * images, 0.1, np.random.default_rng(0))
    with pytest.raises(ValueError, match="max_shift must be at least 0"):
        color_shift(images, -0.1, np.random.default_rng(0))
    with pytest.raises(ValueError, match="rng must be a numpy.random.Generator"):
        color_shift(images, 0.1, 0)
    copy = images.copy()
    color_shift(images, 0.1, np.random.default_rng(0))
    assert_array_equal(images, copy)
