"""Figures of Course 4 (convolutional networks), drawn from dlref when the site is built."""

from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_sample_image

from dlref.convolution import conv_forward

EDGE_FILTERS = {
    "vertical": np.array([[1.0, 0.0, -1.0]] * 3),
    "horizontal": np.array([[1.0, 0.0, -1.0]] * 3).T,
    "Sobel (vertical)": np.array([[1.0, 0.0, -1.0], [2.0, 0.0, -2.0], [1.0, 0.0, -1.0]]),
    "Scharr (vertical)": np.array([[3.0, 0.0, -3.0], [10.0, 0.0, -10.0], [3.0, 0.0, -3.0]]),
}


def _transparent(fig: plt.Figure) -> plt.Figure:
    fig.patch.set_alpha(0.0)
    return fig


def grey_photo(name: str = "china.jpg", step: int = 3) -> np.ndarray:
    """One of scikit-learn's bundled photographs in grey levels 0-1, as ``(1, n_H, n_W, 1)``."""
    rgb = load_sample_image(name)[::step, ::step].astype(np.float64) / 255.0
    return (rgb @ np.array([0.299, 0.587, 0.114])).reshape(1, *rgb.shape[:2], 1)


def fig_edge_detection() -> plt.Figure:
    """A photograph and what four 3 x 3 edge filters, applied with conv_forward, find in it."""
    image = grey_photo()
    hp = {"stride": 1, "pad": 0}  # valid: no false edges at the border
    fig, axes = plt.subplots(2, 3, figsize=(6.4, 3.6))
    axes[0, 0].imshow(image[0, :, :, 0], cmap="gray", vmin=0, vmax=1)
    axes[0, 0].set_title("photograph", fontsize=11)
    sobel = EDGE_FILTERS["Sobel (vertical)"]
    panels = dict(EDGE_FILTERS)
    for ax, (title, kernel) in zip(axes.flat[1:5], panels.items()):
        Z, _ = conv_forward(image, kernel.reshape(3, 3, 1, 1), np.zeros((1, 1, 1, 1)), hp)
        limit = np.percentile(np.abs(Z), 99)
        ax.imshow(Z[0, :, :, 0], cmap="RdBu", vmin=-limit, vmax=limit)
        ax.set_title(title, fontsize=11)
    W_both = np.stack([sobel, sobel.T], axis=-1).reshape(3, 3, 1, 2)  # two filters, one layer
    Z, _ = conv_forward(image, W_both, np.zeros((1, 1, 1, 2)), hp)
    magnitude = np.sqrt((Z[0] ** 2).sum(axis=-1))
    axes[1, 2].imshow(magnitude, cmap="gray_r", vmax=np.percentile(magnitude, 99))
    axes[1, 2].set_title("Sobel, both", fontsize=11)
    for ax in axes.flat:
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
    fig.tight_layout()
    return _transparent(fig)


FIGURES: dict[str, Callable[[], plt.Figure]] = {
    "edge-detection": fig_edge_detection,
}
