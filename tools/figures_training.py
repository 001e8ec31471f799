"""Figures of Course 2's training pages: augmentation, early stopping, optimizers on digits."""

from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits

from dlref.augmentation import flip_horizontal, random_crop
from dlref.softmax import convert_to_one_hot
from dlref.training import model, model_with_early_stopping
from real_data import digits_split


def fig_augmentation() -> plt.Figure:
    """Five digits as loaded, flipped, and shifted at random by up to one pixel."""
    images = load_digits().images[:5]
    rows = [
        ("as loaded", images),
        ("flipped", flip_horizontal(images)),
        ("random shift", random_crop(images, 1, np.random.default_rng(0))),
    ]
    fig, axes = plt.subplots(3, 5, figsize=(6.0, 3.8))
    for r, (title, batch) in enumerate(rows):
        for c in range(5):
            ax = axes[r, c]
            ax.imshow(batch[c], cmap="gray_r", vmin=0, vmax=16)
            ax.set_xticks([])
            ax.set_yticks([])
            ax.grid(False)
        axes[r, 0].set_ylabel(title, fontsize=10)
    fig.tight_layout()
    return fig


def early_stopping_run():
    X_train, Y_train, X_dev, y_dev = digits_split(test_size=0.5, seed=1)
    return model_with_early_stopping(
        X_train[:, :150], Y_train[:, :150], X_dev, convert_to_one_hot(y_dev, 10), [64, 64, 10],
        patience=40, optimizer="adam", learning_rate=0.01, mini_batch_size=32, num_epochs=300,
    )


def fig_early_stopping() -> plt.Figure:
    """Training and dev cost of an overfitting network, with the epoch early stopping keeps."""
    _, costs, dev_costs, best_epoch = early_stopping_run()
    fig, ax = plt.subplots()
    ax.plot(costs, label="training cost")
    ax.plot(dev_costs, label="dev cost")
    ax.axvline(best_epoch, color="grey", linestyle=":", label=f"lowest dev cost (epoch {best_epoch})")
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("cost")
    ax.legend(frameon=False)
    return fig


def fig_digits_optimizers() -> plt.Figure:
    """Cost per epoch of gd, momentum, RMSprop and Adam on the digits: same network, start, rate."""
    X_train, Y_train, _, _ = digits_split()
    runs = [("gd", 0.001), ("momentum", 0.001), ("rmsprop", 0.001), ("adam", 0.001)]
    fig, ax = plt.subplots()
    for optimizer, learning_rate in runs:
        _, costs = model(X_train, Y_train, [64, 32, 10], optimizer=optimizer,
                         learning_rate=learning_rate, num_epochs=40)
        ax.plot(np.arange(1, len(costs) + 1), costs, label=f"{optimizer}, $\\alpha$ = {learning_rate:g}")
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("training cost")
    ax.legend(frameon=False)
    return fig


FIGURES: dict[str, Callable[[], plt.Figure]] = {
    "augmentation": fig_augmentation,
    "early-stopping": fig_early_stopping,
    "digits-optimizers": fig_digits_optimizers,
}
