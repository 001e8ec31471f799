"""Figures of Course 4 (convolutional networks), drawn from dlref when the site is built."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import matplotlib.pyplot as plt
import numpy as np
from sklearn.datasets import load_digits, load_sample_image
from sklearn.model_selection import train_test_split
from threadpoolctl import threadpool_limits

from dlref import residual
from dlref import style_transfer as st
from dlref.convolution import conv_backward
from dlref.optimizers import initialize_adam, update_parameters_with_adam
from dlref.pooling import pool_backward, pool_forward
from dlref.activations import relu, relu_backward
from dlref.cnn import cnn_features, cnn_model, cnn_predict, retrain_cnn_head
from dlref.convolution import conv_forward
from dlref.deep_network import predict
from dlref.detection import yolo_non_max_suppression
from dlref.softmax import convert_to_one_hot
from dlref.training import model
from stored_runs import stored

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


def gradient_norms(depth: int = 30, seed: int = 0) -> dict[str, list[float]]:
    """Norm of the gradient at the input of each block of a plain and a residual stack (same weights)."""
    rng = np.random.default_rng(seed)
    blocks = [residual.initialize_block(8, 3, (4, 4, 8), rng) for _ in range(depth)]
    X = rng.standard_normal((8, 6, 6, 8))
    G = rng.standard_normal(X.shape)
    G /= np.linalg.norm(G)  # one random upstream gradient of norm 1 at the top
    norms = {}
    for kind in ("plain", "residual"):
        A, caches = X, []
        for p in blocks:
            if kind == "residual":
                A, cache = residual.identity_block(A, 3, p)
            else:  # the same three conv + batch-norm steps, without the shortcut
                Z3, main = residual._main_path(A, 3, p, s=1)
                A, cache = relu(Z3), (main, Z3)
            caches.append(cache)
        dA, per_block = G, []
        for cache in reversed(caches):
            if kind == "residual":
                dA, _ = residual.identity_block_backward(dA, cache)
            else:
                dA = residual._main_path_backward(relu_backward(dA, cache[1]), cache[0], {})
            per_block.append(float(np.linalg.norm(dA)))
        norms[kind] = per_block[::-1]  # block 1 first
    return norms


def fig_residual_gradients() -> plt.Figure:
    """Gradient norm at each block's input, 30 blocks deep, with and without the shortcuts."""
    norms = gradient_norms()
    fig, ax = plt.subplots()
    blocks = np.arange(1, len(norms["plain"]) + 1)
    ax.semilogy(blocks, norms["plain"], marker="o", markersize=3, label="plain: conv-BN-ReLU blocks")
    ax.semilogy(blocks, norms["residual"], marker="s", markersize=3, label="residual: the same blocks + shortcut")
    ax.axhline(1.0, color="grey", linewidth=0.8, linestyle=":")
    ax.set_xlabel("block (1 = next to the input)")
    ax.set_ylabel("gradient norm at its input")
    ax.legend(frameon=False)
    fig.tight_layout()
    return _transparent(fig)


def noisy_detections(seed: int = 3):
    """Three objects (two cars, one pedestrian in front of a car), each detected five times with jitter."""
    rng = np.random.default_rng(seed)
    objects = [((1.0, 1.0, 4.0, 3.0), 0), ((5.0, 1.2, 8.5, 3.4), 0), ((1.8, 0.9, 3.9, 3.2), 1)]
    boxes, scores, classes = [], [], []
    for box, label in objects:
        for _ in range(5):
            boxes.append(np.array(box) + rng.normal(0, 0.15, 4))
            scores.append(rng.uniform(0.6, 0.95))
            classes.append(label)
    return np.array(scores), np.array(boxes), np.array(classes)


def fig_nms() -> plt.Figure:
    """Boxes of two classes before and after per-class non-max suppression."""
    scores, boxes, classes = noisy_detections()
    kept = yolo_non_max_suppression(scores, boxes, classes, iou_threshold=0.5)
    colours, names = ["#1f77b4", "#d62728"], ["car", "pedestrian"]
    fig, axes = plt.subplots(1, 2, figsize=(6.4, 2.9), sharey=True)
    for ax, (title, (s, b, c)) in zip(axes, [("before: 15 boxes", (scores, boxes, classes)),
                                           (f"after: {len(kept[0])} boxes", kept)]):
        for score, (x1, y1, x2, y2), label in zip(s, b, c):
            ax.add_patch(plt.Rectangle((x1, y1), x2 - x1, y2 - y1, fill=False, edgecolor=colours[label], linewidth=1.4))
            if len(s) < len(scores):
                y_text = y2 + 0.08 if label == 0 else y1 - 0.5  # pedestrians' scores below their box
                ax.text(x1 + 0.05, y_text, f"{score:.2f}", color=colours[label], fontsize=11)
        ax.set_xlim(0, 9.5)
        ax.set_ylim(0, 5.2)
        ax.set_aspect("equal")
        ax.set_title(title, fontsize=11)
        ax.set_xlabel("x")
    axes[0].set_ylabel("y")
    for label in (0, 1):
        axes[1].plot([], [], color=colours[label], label=names[label])
    axes[1].legend(frameon=False, loc="upper center", ncol=2, fontsize=11, borderaxespad=0.1)
    fig.tight_layout()
    return _transparent(fig)


def _random_features(rng: np.random.Generator):
    """A fixed two-layer conv network with random He weights: conv-ReLU, average-pool, conv-ReLU."""
    W1 = rng.standard_normal((3, 3, 3, 32)) * np.sqrt(2 / 27)
    W2 = rng.standard_normal((3, 3, 32, 64)) * np.sqrt(2 / 288)
    b1, b2, hp, pool = np.zeros((1, 1, 1, 32)), np.zeros((1, 1, 1, 64)), {"stride": 1, "pad": 1}, {"f": 2, "stride": 2}

    def forward(G):
        Z1, c1 = conv_forward(G - 0.5, W1, b1, hp)
        P1, cp = pool_forward(relu(Z1), pool, mode="average")
        Z2, c2 = conv_forward(P1, W2, b2, hp)
        return (relu(Z1), relu(Z2)), (c1, Z1, cp, c2, Z2)

    def backward(dA1, dA2, caches):
        c1, Z1, cp, c2, Z2 = caches
        dP1, _, _ = conv_backward(relu_backward(dA2, Z2), c2)
        dG, _, _ = conv_backward(relu_backward(dA1 + pool_backward(dP1, cp, mode="average"), Z1), c1)
        return dG

    return forward, backward


def style_transfer_run(steps: int = 150, alpha: float = 10, beta: float = 400, seed: int = 0):
    """Adam on the pixels of G, from the content photograph plus noise; features of a random network."""
    C, S = ((load_sample_image(n)[::10, ::10] / 255.0)[None] for n in ("china.jpg", "flower.jpg"))
    rng = np.random.default_rng(seed)
    forward, backward = _random_features(rng)
    (S1, S2), _ = forward(S)
    (_, C2), _ = forward(C)
    lam = (0.5, 0.5)  # style weight of each layer
    theta = {"W1": (C + 0.1 * rng.standard_normal(C.shape)).reshape(1, -1), "b1": np.zeros((1, 1))}
    v, s, costs = *initialize_adam(theta), []
    with threadpool_limits(1):
        for t in range(1, steps + 1):
            (A1, A2), caches = forward(theta["W1"].reshape(C.shape))
            J_content, J_style = st.compute_content_cost(C2, A2), st.compute_style_cost([S1, S2], [A1, A2], lam)
            costs.append(st.total_cost(J_content, J_style, alpha, beta))
            dA2 = alpha * st.compute_content_cost_backward(C2, A2) + beta * lam[1] * st.compute_layer_style_cost_backward(S2, A2)
            dA1 = beta * lam[0] * st.compute_layer_style_cost_backward(S1, A1)
            dG = backward(dA1, dA2, caches)
            theta, v, s = update_parameters_with_adam(theta, {"dW1": dG.reshape(1, -1), "db1": np.zeros((1, 1))}, v, s, t, 0.03)
    return C[0], S[0], np.clip(theta["W1"].reshape(C.shape)[0], 0, 1), costs


def fig_style_transfer() -> plt.Figure:
    """Content photograph, style photograph, and the generated image."""
    C, S, G, _ = style_transfer_run()
    fig, axes = plt.subplots(1, 3, figsize=(6.4, 1.8))
    for ax, image, title in zip(axes, (C, S, G), ("content C", "style S", "generated G")):
        ax.imshow(image)
        ax.set_title(title, fontsize=11)
        ax.axis("off")
    fig.tight_layout()
    return _transparent(fig)


TRANSFER_SIZES = (2, 5, 10, 20)  # training images per class of task B


@stored  # the figure and its test share one run
def transfer_runs(sizes: tuple[int, ...] = TRANSFER_SIZES, seeds: tuple[int, ...] = (0, 1, 2)):
    """Task A: digits 0-4; task B: digits 5-9 from a few images per class. Held-out accuracy on B.

    The CNN (channels 8, 16) is pre-trained on every 0-4 image. For task B, 400 images of 5-9 are
    held out; each seed draws `size` training images per class from the others and trains
    (a) a new softmax head on the frozen conv blocks and (b) the same CNN from random weights,
    200 full-batch Adam steps. Returns ``{"frozen": (len(sizes), len(seeds)), "scratch": ...}``.
    """
    digits = load_digits()
    X, y = digits.images[..., None] / 16.0, digits.target
    with threadpool_limits(1):  # small matrices: BLAS threads only add overhead
        pre, _ = cnn_model(X[y < 5], convert_to_one_hot(y[y < 5].reshape(1, -1), 5), channels=(8, 16),
                           num_epochs=8, rng=np.random.default_rng(0))
        XB, yB = X[y >= 5], y[y >= 5] - 5
        order = np.random.default_rng(1).permutation(len(yB))
        test, pool = order[:400], order[400:]
        accuracy = {"frozen": np.zeros((len(sizes), len(seeds))), "scratch": np.zeros((len(sizes), len(seeds)))}
        for i, size in enumerate(sizes):
            for j, seed in enumerate(seeds):
                rng = np.random.default_rng(100 + seed)
                train = np.concatenate([rng.choice(pool[yB[pool] == c], size, replace=False) for c in range(5)])
                Y = convert_to_one_hot(yB[train].reshape(1, -1), 5)
                head, _ = retrain_cnn_head(pre, XB[train], Y, optimizer="adam", learning_rate=0.01, num_epochs=200,
                                           mini_batch_size=len(train), rng=np.random.default_rng(seed))
                scratch, _ = cnn_model(XB[train], Y, channels=(8, 16), num_epochs=200, mini_batch_size=len(train),
                                       rng=np.random.default_rng(seed))
                for key, parameters in (("frozen", head), ("scratch", scratch)):
                    accuracy[key][i, j] = np.mean(cnn_predict(parameters, XB[test])[0] == yB[test])
    return accuracy


def fig_transfer_learning() -> plt.Figure:
    """Held-out accuracy on digits 5-9: a new head on conv blocks pre-trained on 0-4, versus from scratch."""
    runs = transfer_runs()
    fig, ax = plt.subplots()
    for key, label, marker in (("scratch", "whole CNN trained from scratch", "o"),
                               ("frozen", "new head on frozen 0-4 conv blocks", "s")):
        acc = 100 * runs[key]
        ax.errorbar(TRANSFER_SIZES, acc.mean(axis=1), yerr=[acc.mean(axis=1) - acc.min(axis=1),
                    acc.max(axis=1) - acc.mean(axis=1)], marker=marker, capsize=3, label=label)
    ax.set_xscale("log")
    ax.set_xticks(TRANSFER_SIZES, [str(n) for n in TRANSFER_SIZES])
    ax.set_xticks([], minor=True)
    ax.set_xlabel("training images per class of 5-9")
    ax.set_ylabel("held-out accuracy (%)")
    ax.legend(frameon=False, loc="lower right")
    fig.tight_layout()
    return _transparent(fig)


FIGURES: dict[str, Callable[[], plt.Figure]] = {
    "edge-detection": fig_edge_detection,
    "cnn-costs": fig_cnn_costs,
    "cnn-mistakes": fig_cnn_mistakes,
    "cnn-transfer": fig_transfer_learning,
    "residual-gradients": fig_residual_gradients,
    "nms": fig_nms,
    "style-transfer": fig_style_transfer,
}
