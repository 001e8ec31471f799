"""Figures of Course 4 (convolutional networks), drawn from dlref when the site is built."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits, load_sample_image
from sklearn.model_selection import train_test_split
from threadpoolctl import threadpool_limits

from dlref.cnn import cnn_model, cnn_predict
from dlref.convolution import conv_forward
from dlref.deep_network import predict
from dlref.softmax import convert_to_one_hot
from dlref.training import model

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


@lru_cache(maxsize=1)
def digits_runs():
    """The CNN and Course 2's dense network on the training page's split: costs and predictions."""
    digits = load_digits()
    x_train, x_test, y_train, y_test = train_test_split(
        digits.images / 16.0, digits.target, test_size=0.25, random_state=0, stratify=digits.target
    )
    Y_train = convert_to_one_hot(y_train.reshape(1, -1), 10)
    with threadpool_limits(1):  # small matrices: BLAS threads only add overhead
        parameters, cnn_costs = cnn_model(x_train[..., None], Y_train, rng=np.random.default_rng(0))
        dense, dense_costs = model(x_train.reshape(-1, 64).T, Y_train, [64, 32, 10], optimizer="adam",
                                   learning_rate=0.001, num_epochs=60)
    return {
        "cnn_costs": cnn_costs, "dense_costs": dense_costs, "x_test": x_test, "y_test": y_test,
        "cnn_pred": cnn_predict(parameters, x_test[..., None])[0],
        "dense_pred": predict(dense, x_test.reshape(-1, 64).T)[0],
    }


def fig_cnn_costs() -> plt.Figure:
    """Training cost per epoch of the small CNN and of Course 2's dense network on the digits."""
    runs = digits_runs()
    fig, ax = plt.subplots()
    for key, label in [("cnn_costs", "CNN (conv-pool, conv-pool, softmax)"), ("dense_costs", "dense network [64, 32, 10]")]:
        costs = runs[key]
        ax.plot(np.arange(1, len(costs) + 1), costs, marker="o" if len(costs) < 20 else None, markersize=4, label=label)
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("training cost (log scale)")
    ax.legend(frameon=False)
    fig.tight_layout()
    return _transparent(fig)


def fig_cnn_mistakes() -> plt.Figure:
    """The held-out digits the CNN gets wrong, each with its label and the CNN's answer."""
    runs = digits_runs()
    wrong = np.flatnonzero(runs["cnn_pred"] != runs["y_test"])[:10]
    fig, axes = plt.subplots(2, 5, figsize=(6.4, 3.4))
    for ax, k in zip(axes.flat, wrong):
        ax.imshow(runs["x_test"][k], cmap="gray_r", vmin=0, vmax=1)
        ax.set_title(f"{runs['y_test'][k]} read as {runs['cnn_pred'][k]}", fontsize=11)
    for ax in axes.flat:
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
    for ax in axes.flat[len(wrong):]:
        ax.axis("off")
    fig.tight_layout()
    return _transparent(fig)


FIGURES: dict[str, Callable[[], plt.Figure]] = {
    "edge-detection": fig_edge_detection,
    "cnn-costs": fig_cnn_costs,
    "cnn-mistakes": fig_cnn_mistakes,
}
