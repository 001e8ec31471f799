"""Data augmentation: flips and random crops keep shapes and move pixels as documented."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_array_equal

from dlref.augmentation import flip_horizontal, random_crop


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
