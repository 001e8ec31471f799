"""Figures of Course 3 (Structuring Machine Learning Projects), drawn from dlref on real digits.

The two experiments behind the figures, `digits_mistakes` and `transfer_accuracies`, are also
what ``tests/test_transfer.py`` and ``tests/test_error_analysis.py`` check, so the figures show
what the tests assert.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from threadpoolctl import threadpool_limits

from dlref.augmentation import random_crop
from dlref.deep_network import predict
from dlref.error_analysis import mistake_tags, tally_errors
from dlref.softmax import convert_to_one_hot
from dlref.strategy import error_gaps
from dlref.training import model
from dlref.transfer import retrain_last_layer
from stored_runs import stored

COLOURS = {"avoidable_bias": "#3f51b5", "variance": "#ef6c00", "data_mismatch": "#2e7d32",
           "dev_overfitting": "#8e24aa"}
GAP_LABELS = {"avoidable_bias": "avoidable bias", "variance": "variance",
              "data_mismatch": "data mismatch", "dev_overfitting": "overfitting to dev"}


@stored  # the figure and its test share one run
def digits_mistakes(train_size: int = 200):
    """Train a small dlref network on ``train_size`` digits; return the dev set and its mistakes.

    Returns ``(images, y_dev, y_hat, indices, tags, dev_error)``.
    """
    digits = load_digits()
    x_train, x_dev, y_train, y_dev, _, images = train_test_split(
        digits.data / 16.0, digits.target, digits.images, train_size=train_size, random_state=0,
        stratify=digits.target,
    )
    Y_train = convert_to_one_hot(y_train.reshape(1, -1), 10)
    parameters, _ = model(x_train.T, Y_train, [64, 32, 10], optimizer="adam", learning_rate=0.01,
                          mini_batch_size=32, num_epochs=100)
    y_dev, y_hat = y_dev.reshape(1, -1), predict(parameters, x_dev.T)
    indices, tags = mistake_tags(y_dev, y_hat)
    return images, y_dev, y_hat, indices, tags, float(np.mean(y_hat != y_dev))


def transfer_tasks(shift: int, copies: int = 10, seed: int = 100):
    """Task A (digits 0-4, ``copies`` shifted copies of each) and task B (digits 5-9, one copy).

    Every image is moved by a random offset of up to ``shift`` pixels (0: as scikit-learn ships
    them, centred). Returns ``(X_A, Y_A, X_B, y_B)``: inputs ``(64, m)``, ``Y_A`` one-hot over
    five classes, ``y_B`` the labels 0-4 of the digits 5-9.
    """
    digits = load_digits()
    rng = np.random.default_rng(seed)
    a, b = digits.target < 5, digits.target >= 5

    def columns(images):
        return random_crop(images, shift, rng).reshape(len(images), -1).T / 16.0

    X_A = np.hstack([columns(digits.images[a]) for _ in range(copies if shift else 1)])
    y_A = np.tile(digits.target[a], copies if shift else 1)
    return X_A, convert_to_one_hot(y_A.reshape(1, -1), 5), columns(digits.images[b]), digits.target[b] - 5


def transfer_accuracies(shift: int, per_class: Sequence[int], seeds: Sequence[int], pre_seed: int = 100):
    """Held-out accuracy on task B of (pre-trained + last layer retrained, from scratch).

    Returns an array of shape ``(len(per_class), len(seeds), 2)``. For each seed, ``n`` digits
    of each class 5-9 are drawn for training; all the other digits 5-9 are the held-out set.
    The matrices are small: one BLAS thread is faster than several on a busy machine.
    """
    with threadpool_limits(limits=1, user_api="blas"):
        return _transfer_accuracies(shift, per_class, seeds, pre_seed)


def _transfer_accuracies(shift, per_class, seeds, pre_seed):
    X_A, Y_A, X_B, y_B = transfer_tasks(shift, seed=pre_seed)
    pre, _ = model(X_A, Y_A, [64, 128, 5], optimizer="adam", learning_rate=0.005, mini_batch_size=32,
                   num_epochs=20, rng=np.random.default_rng(pre_seed))
    options = {"optimizer": "adam", "num_epochs": 200, "mini_batch_size": 256}
    result = np.zeros((len(per_class), len(seeds), 2))
    for i, n in enumerate(per_class):
        for j, seed in enumerate(seeds):
            order = np.random.default_rng(seed).permutation(y_B.size)
            train = np.concatenate([order[y_B[order] == c][:n] for c in range(5)])
            held_out = np.setdiff1d(np.arange(y_B.size), train)
            Y = convert_to_one_hot(y_B[train].reshape(1, -1), 5)
            transferred, _ = retrain_last_layer(pre, X_B[:, train], Y, learning_rate=0.05,
                                                rng=np.random.default_rng(seed), **options)
            scratch, _ = model(X_B[:, train], Y, [64, 128, 5], learning_rate=0.01,
                               rng=np.random.default_rng(seed), **options)
            for k, parameters in enumerate((transferred, scratch)):
                result[i, j, k] = np.mean(predict(parameters, X_B[:, held_out]) == y_B[held_out])
    return result


def fig_digits_confusions() -> plt.Figure:
    """The worst confusions of a digits classifier: one example each, and each one's ceiling."""
    images, _, _, indices, tags, dev_error = digits_mistakes()
    tally = list(tally_errors(tags, dev_error).items())[:8]
    fig = plt.figure(figsize=(6.4, 5.0))
    grid = fig.add_gridspec(2, 6, height_ratios=[1, 2.6])
    for c, (tag, _) in enumerate(tally[:6]):
        ax = fig.add_subplot(grid[0, c])
        ax.imshow(images[indices[tags.index(tag)]], cmap="gray_r", vmin=0, vmax=16)
        ax.set_title(tag.replace("→", " as "), fontsize=11)
        ax.set_xticks([])
        ax.set_yticks([])
        ax.grid(False)
    ax = fig.add_subplot(grid[1, :])
    names = [tag.replace("→", " as ") for tag, _ in tally][::-1]
    ceilings = [100 * row["ceiling"] for _, row in tally][::-1]
    ax.barh(names, ceilings, color="#3f51b5", label="ceiling: the most fixing it can gain")
    for y, (_, row) in enumerate(tally[::-1]):
        ax.text(100 * row["ceiling"], y, f"  {row['count']} of {len(tags)}", va="center", fontsize=11)
    ax.set_xlabel(f"percentage points of the {100 * dev_error:.1f}% dev error")
    ax.set_xlim(0, 1.3 * max(ceilings))
    ax.legend(loc="lower right")
    fig.tight_layout()
    return fig


def fig_transfer_learning() -> plt.Figure:
    """Held-out accuracy on digits 5-9 against training examples: transfer against scratch."""
    per_class, seeds = [2, 5, 10, 20, 50], [0, 1]
    fig, axes = plt.subplots(1, 2, figsize=(6.4, 4.0), sharey=True)
    for ax, shift, title in [(axes[0], 0, "digits as shipped (centred)"),
                             (axes[1], 1, "digits shifted by up to 1 pixel")]:
        accuracy = transfer_accuracies(shift, per_class, seeds).mean(axis=1)
        ax.plot(per_class, 100 * accuracy[:, 0], marker="o", label="pre-trained on 0–4,\nlast layer retrained")
        ax.plot(per_class, 100 * accuracy[:, 1], marker="s", linestyle="--", label="trained from scratch")
        ax.set_xscale("log")
        ax.set_xticks(per_class, [str(n) for n in per_class])
        ax.minorticks_off()
        ax.set_xlabel("training digits per class (5–9)")
        ax.set_title(title, fontsize=11)
    axes[0].set_ylabel("held-out accuracy (%)")
    axes[0].legend(loc="lower right")  # the left panel's curves stay high: its lower right is empty
    fig.tight_layout()
    return fig


def fig_error_gaps() -> plt.Figure:
    """The course's five sets of errors split into their gaps, as stacked bars."""
    cases = [  # (label, human, train, train-dev, dev, test)
        ("1 / 9 / 10", 0.0, 0.01, 0.09, 0.10, None),
        ("1 / 1.5 / 10", 0.0, 0.01, 0.015, 0.10, None),
        ("10 / 11 / 12", 0.0, 0.10, 0.11, 0.12, None),
        ("10 / 11 / 20", 0.0, 0.10, 0.11, 0.20, None),
        ("7 / 10 / 12, test 12", 0.04, 0.07, 0.10, 0.12, 0.12),
    ]
    fig, ax = plt.subplots(figsize=(6.4, 4.0))
    for y, (label, human, train, train_dev, dev, test) in enumerate(cases[::-1]):
        left = 100 * human
        for name, gap in error_gaps(human, train, dev, train_dev, test).items():
            ax.barh(y, 100 * gap, left=left, color=COLOURS[name], label=GAP_LABELS[name] if y == 0 else None)
            left += 100 * gap
    ax.set_yticks(range(len(cases)), [c[0] for c in cases[::-1]])
    ax.set_xlabel("error (%), from human level (0%, or 4% in the last case) up")
    ax.set_ylabel("train / train-dev / dev (%)")
    ax.legend(ncol=2, loc="lower center", bbox_to_anchor=(0.4, 1.0))
    fig.tight_layout()
    return fig


FIGURES: dict[str, Callable[[], plt.Figure]] = {
    "error-gaps": fig_error_gaps,
    "digits-confusions": fig_digits_confusions,
    "transfer-learning": fig_transfer_learning,
}
