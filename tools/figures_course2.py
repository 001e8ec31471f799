"""Figures of Course 2, Improving Deep Neural Networks: one function per figure, in page order.

Each function returns a Matplotlib figure drawn from dlref; :mod:`figures` registers
``FIGURES`` and renders them with its phone-sized style. Figures whose numbers the prose
quotes get those numbers from a helper here (``*_runs``), which tests/test_figures_numbers.py
checks against the prose's claims.
"""

from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.lines import Line2D
from sklearn.datasets import load_digits

from dlref import activations as act
from dlref.augmentation import flip_horizontal, random_crop
from dlref.averages import exponentially_weighted_average
from dlref.batch_norm import batchnorm_forward
from dlref.batch_norm_network import model_bn
from dlref.data_setup import normalization_stats, normalize
from dlref.initialization import initialize_parameters_he, initialize_parameters_xavier
from dlref.logistic_regression import initialize_with_zeros, optimize
from dlref.lr_decay import exponential_decay, schedule_lr_decay, update_lr
from dlref.optimizers import (
    initialize_adam,
    initialize_rmsprop,
    initialize_velocity,
    update_parameters_with_adam,
    update_parameters_with_momentum,
    update_parameters_with_rmsprop,
)
from dlref.softmax import convert_to_one_hot, softmax, softmax_cross_entropy_backward
from dlref.training import model, model_with_early_stopping
from dlref.tuning import random_search, sample_beta, sample_log_uniform
from real_data import breast_cancer_raw_split, digits_split
from stored_runs import stored


def legend_below(ax: plt.Axes, ncol: int = 1, **kwargs) -> None:
    """A legend under the axes, so that long labels never cover a curve on a narrow screen."""
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=ncol, **kwargs)


# --- Regularization -----------------------------------------------------------------------------


def fig_augmentation() -> plt.Figure:
    """Five digits as loaded, flipped, and shifted at random by up to one pixel."""
    images = load_digits().images[:5]
    rows = [
        ("as loaded", images),
        ("flipped", flip_horizontal(images)),
        ("random shift", random_crop(images, 1, np.random.default_rng(0))),
    ]
    fig, axes = plt.subplots(3, 5, figsize=(6.0, 3.9))
    for r, (title, batch) in enumerate(rows):
        for c in range(5):
            ax = axes[r, c]
            ax.imshow(batch[c], cmap="gray_r", vmin=0, vmax=16)
            ax.set_xticks([])
            ax.set_yticks([])
            ax.grid(False)
        axes[r, 0].set_ylabel(title)
    fig.tight_layout()
    return fig


@stored  # the figure and its test share one run
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
    ax.plot(dev_costs, "--", label="dev cost")
    ax.axvline(best_epoch, color="grey", linestyle=":", label=f"lowest dev cost (epoch {best_epoch})")
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("cost")
    ax.legend()
    return fig


# --- Setting up the optimization problem --------------------------------------------------------


def fig_normalization_cost() -> plt.Figure:
    """Logistic regression on the breast-cancer data, raw features against normalized ones."""
    X_train, Y_train = breast_cancer_raw_split()[:2]
    mu, sigma = normalization_stats(X_train)
    w, b = initialize_with_zeros(X_train.shape[0])
    runs = [
        ("raw features, $\\alpha = 10^{-5}$", X_train, 1e-5, "-"),
        ("raw features, $\\alpha = 10^{-4}$ (too large)", X_train, 1e-4, ":"),
        ("normalized, $\\alpha = 0.1$", normalize(X_train, mu, sigma), 0.1, "--"),
    ]
    fig, ax = plt.subplots()
    for label, X, alpha, style in runs:
        _, _, costs = optimize(w, b, X, Y_train, num_iterations=3000, learning_rate=alpha)
        ax.plot(np.arange(len(costs)) * 100, costs, style, marker="o", markersize=3, label=label)
    ax.set_yscale("log")
    ax.set_xlabel("iteration")
    ax.set_ylabel("training cost")
    ax.set_title("Logistic regression on breast-cancer data")
    legend_below(ax)
    return fig


def fig_activation_norms() -> plt.Figure:
    """Size of the activations through 50 layers: linear layers near the identity, ReLU layers."""
    L, n = 50, 100
    A0 = np.random.default_rng(0).standard_normal((n, 50))
    layers = np.arange(L + 1)

    def rms_per_layer(Ws, g):
        A, sizes = A0, [np.sqrt(np.mean(A0**2))]
        for W in Ws:
            A = g(W @ A)
            sizes.append(np.sqrt(np.mean(A**2)))
        return sizes

    fig, (top, bottom) = plt.subplots(2, 1, figsize=(6.4, 6.4), sharex=True)
    for scale, style in [(1.1, "-"), (1.0, "--"), (0.9, ":")]:
        sizes = rms_per_layer([scale * np.eye(n)] * L, lambda Z: Z)
        top.plot(layers, sizes, style, label=f"$W^{{[l]}} = {scale:g}\\, I$")
    top.set_title("linear layers")
    runs = [
        ("He, Var $= 2/n$", initialize_parameters_he, "-"),
        ("Xavier, Var $= 1/n$", initialize_parameters_xavier, "--"),
        ("He $\\times 1.2$", lambda dims, rng: {k: 1.2 * v for k, v in initialize_parameters_he(dims, rng).items()},
         ":"),
    ]
    for label, initialize, style in runs:
        parameters = initialize([n] * (L + 1), np.random.default_rng(1))
        sizes = rms_per_layer([parameters[f"W{l}"] for l in range(1, L + 1)], act.relu)
        bottom.plot(layers, sizes, style, label=label)
    bottom.set_title("ReLU layers, random weights")
    bottom.set_xlabel("layer $l$")
    for ax in (top, bottom):
        ax.set_yscale("log")
        ax.set_ylabel("RMS of $a^{[l]}$")
        ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5))
    fig.tight_layout()
    return fig


# --- Optimization algorithms --------------------------------------------------------------------


def fig_ewa() -> plt.Figure:
    """Exponentially weighted averages of a noisy daily series, with and without bias correction."""
    rng = np.random.default_rng(4)
    days = np.arange(1, 181)
    theta = 12 + 8 * np.sin(2 * np.pi * (days - 40) / 365) + rng.normal(0, 3, days.size)
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    ax.plot(days, theta, ".", color="0.6", markersize=4, label=r"daily value $\theta_t$")
    for beta, color in [(0.9, "#c62828"), (0.98, "#2e7d32")]:
        ax.plot(days, exponentially_weighted_average(theta, beta, bias_correction=True), color=color,
                label=rf"$\beta = {beta}$ (about {1 / (1 - beta):.0f} days)")
        ax.plot(days, exponentially_weighted_average(theta, beta), color=color, linestyle="--",
                linewidth=1, label=rf"$\beta = {beta}$, no bias correction")
    ax.set_xlabel("day $t$")
    ax.set_ylabel("temperature")
    legend_below(ax, ncol=2)
    return fig


def _valley_grads(parameters):
    """Gradient of f(w) = (w1^2 + 25 w2^2) / 2, with w = W1 (shape (1, 2)) and b1 unused."""
    w1, w2 = parameters["W1"][0]
    return {"dW1": np.array([[w1, 25.0 * w2]]), "db1": np.zeros((1, 1))}


def fig_optimizer_paths() -> plt.Figure:
    """Gradient descent, momentum, RMSprop and Adam on one elongated bowl, 40 steps each."""
    start = {"W1": np.array([[-4.5, 1.0]]), "b1": np.zeros((1, 1))}
    steps = 40

    def run(update, state):
        parameters, path = start, [start["W1"][0]]
        for t in range(1, steps + 1):
            parameters, state = update(parameters, _valley_grads(parameters), state, t)
            path.append(parameters["W1"][0])
        return np.array(path)

    def adam(p, g, state, t):
        p, v, s = update_parameters_with_adam(p, g, *state, t, learning_rate=0.3)
        return p, (v, s)

    paths = [
        ("gradient descent, $\\alpha = 0.075$",
         run(lambda p, g, v, t: update_parameters_with_momentum(p, g, v, 0.0, 0.075), initialize_velocity(start))),
        ("momentum, $\\beta = 0.9$, $\\alpha = 0.075$",
         run(lambda p, g, v, t: update_parameters_with_momentum(p, g, v, 0.9, 0.075), initialize_velocity(start))),
        ("RMSprop, $\\beta = 0.9$, $\\alpha = 0.1$",
         run(lambda p, g, s, t: update_parameters_with_rmsprop(p, g, s, 0.9, 0.1), initialize_rmsprop(start))),
        ("Adam, $\\alpha = 0.3$", run(adam, initialize_adam(start))),
    ]
    w1, w2 = np.meshgrid(np.linspace(-5, 1.5, 200), np.linspace(-1.5, 1.5, 200))
    fig, axes = plt.subplots(2, 2, figsize=(6.4, 5.4), sharex=True, sharey=True)
    for ax, (title, path) in zip(axes.flat, paths):
        ax.contour(w1, w2, 0.5 * (w1**2 + 25 * w2**2), levels=np.geomspace(0.05, 40, 12), colors="0.75",
                   linewidths=0.7)
        ax.plot(path[:, 0], path[:, 1], "-o", color="#3f51b5", markersize=2.5, linewidth=1)
        ax.plot([0], [0], "*", color="#c62828", markersize=10)
        ax.set_title(title, fontsize=11)
        ax.grid(False)
    for ax in axes[1]:
        ax.set_xlabel("$w_1$")
    for ax in axes[:, 0]:
        ax.set_ylabel("$w_2$")
    handles = [Line2D([], [], marker="o", markersize=3, color="#3f51b5", label="path, one dot per step"),
               Line2D([], [], marker="*", markersize=10, linestyle="", color="#c62828", label="minimum")]
    fig.legend(handles=handles, loc="lower center", ncol=2)
    fig.suptitle(f"{steps} steps on $f(w) = (w_1^2 + 25\\, w_2^2)/2$ from $(-4.5, 1)$")
    fig.tight_layout(rect=(0, 0.06, 1, 1))
    return fig


def fig_lr_schedules() -> plt.Figure:
    """The learning-rate schedules of dlref.lr_decay over 100 epochs, from alpha0 = 0.1."""
    epochs = range(101)
    fig, ax = plt.subplots()
    ax.plot(epochs, [update_lr(0.1, e, 0.1) for e in epochs], label="update_lr, decay_rate = 0.1 (inverse time)")
    ax.plot(epochs, [schedule_lr_decay(0.1, e, 0.5, time_interval=20) for e in epochs], "--",
            label="schedule_lr_decay, decay_rate = 0.5, every 20 epochs")
    ax.plot(epochs, [exponential_decay(0.1, e, 0.95) for e in epochs], ":", linewidth=2,
            label="exponential_decay, base 0.95")
    ax.set_xlabel("epoch")
    ax.set_ylabel(r"learning rate $\alpha$")
    legend_below(ax)
    return fig


# --- Hyperparameter tuning ----------------------------------------------------------------------


def fig_tuning_grid_vs_random() -> plt.Figure:
    """25 settings of two hyperparameters: a 5 x 5 grid against 25 random draws."""
    k = 5
    grid = np.array([(a, e) for a in np.linspace(0.05, 0.95, k) for e in np.linspace(0.05, 0.95, k)])
    configs = random_search({"a": (0.0, 1.0, "linear"), "e": (0.0, 1.0, "linear")}, k * k, np.random.default_rng(1))
    drawn = np.array([(c["a"], c["e"]) for c in configs])
    fig, axes = plt.subplots(1, 2, figsize=(6.4, 3.8), sharey=True)
    for ax, points, title in [(axes[0], grid, "grid: 5 values of each"),
                              (axes[1], drawn, "random: 25 values of each")]:
        ax.scatter(points[:, 0], points[:, 1], s=18)
        for a in np.unique(points[:, 0]):
            ax.plot([a, a], [-0.1, -0.04], color="C3", linewidth=1)  # the values of alpha tried
        ax.set_xlim(0, 1)
        ax.set_ylim(-0.12, 1.02)
        ax.set_title(title)
        ax.set_xlabel(r"hyperparameter 1 ($\alpha$)")
    axes[0].set_ylabel(r"hyperparameter 2 (Adam's $\varepsilon$)")
    fig.tight_layout()
    return fig


def fig_tuning_scales() -> plt.Figure:
    """Learning rates and averaging factors drawn on a linear scale and on the right scale."""
    rng = np.random.default_rng(0)
    n = 60
    fig, axes = plt.subplots(2, 1, figsize=(6.4, 4.8))
    ax = axes[0]
    alpha_linear = rng.uniform(1e-4, 1.0, n)
    alpha_log = sample_log_uniform(1e-4, 1.0, n, rng)
    ax.scatter(alpha_linear, np.full(n, 1.0) + rng.uniform(-0.15, 0.15, n), s=10)
    ax.scatter(alpha_log, np.zeros(n) + rng.uniform(-0.15, 0.15, n), s=10, marker="s")
    ax.set_xscale("log")
    ax.set_yticks([0, 1], ["sample_log_uniform", "uniform"])
    ax.set_ylim(-0.6, 1.6)
    ax.set_xlabel(r"learning rate $\alpha$, drawn from $[10^{-4}, 1]$")
    ax = axes[1]
    beta_linear = rng.uniform(0.9, 0.999, n)
    beta_log = sample_beta(0.9, 0.999, n, rng)
    ax.scatter(1.0 / (1.0 - beta_linear), np.full(n, 1.0) + rng.uniform(-0.15, 0.15, n), s=10)
    ax.scatter(1.0 / (1.0 - beta_log), np.zeros(n) + rng.uniform(-0.15, 0.15, n), s=10, marker="s")
    ax.set_xscale("log")
    ax.set_yticks([0, 1], ["sample_beta", "uniform"])
    ax.set_ylim(-0.6, 1.6)
    ax.set_xlabel(r"averaging window $1/(1-\beta)$, $\beta$ drawn from $[0.9, 0.999]$")
    for a in axes:
        a.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig


# --- Batch normalization ------------------------------------------------------------------------


def fig_batchnorm_distributions() -> plt.Figure:
    """A layer's Z on 256 digit images, per unit, before and after batchnorm_forward."""
    X = load_digits().data[:256].T / 16.0  # (64, 256), pixel intensities in [0, 1]
    rng = np.random.default_rng(0)
    n = 8
    W = rng.standard_normal((n, 64)) * np.sqrt(2.0 / 64)  # He initialization
    b = rng.normal(0, 1, (n, 1))
    Z = W @ X + b
    Z_tilde, _ = batchnorm_forward(Z, np.ones((n, 1)), np.zeros((n, 1)))
    fig, axes = plt.subplots(1, 2, figsize=(6.4, 3.8), sharey=True)
    for ax, values, title in [(axes[0], Z, r"before: $Z^{[1]}$"),
                              (axes[1], Z_tilde, r"after: $\tilde Z^{[1]}$, $\gamma = 1$, $\beta = 0$")]:
        ax.boxplot(values.T, whis=(0, 100))
        ax.axhline(0, color="grey", linewidth=0.8)
        ax.set_title(title)
        ax.set_xlabel("unit")
    axes[0].set_ylabel("value over 256 examples")
    fig.tight_layout()
    return fig


@stored  # the figure and its test share one run
def batchnorm_network_runs() -> dict[tuple[str, bool], tuple[dict, list[float]]]:
    """``(parameters, cost per epoch)`` of [30, 20, 7, 1] on the breast-cancer data for each
    (features, with batch norm): features "standardized" or "raw", 30 epochs, alpha = 0.1."""
    from dlref.deep_network import L_model_backward, L_model_forward, compute_cost, initialize_parameters_deep, update_parameters
    from dlref.mini_batches import random_mini_batches

    def without_batch_norm(X, Y, learning_rate, num_epochs, rng):  # model_bn's loop, on the plain network
        parameters, costs = initialize_parameters_deep([30, 20, 7, 1], rng), []
        for _ in range(num_epochs):
            total = 0.0
            for X_t, Y_t in random_mini_batches(X, Y, 64, rng=rng):
                AL, caches = L_model_forward(X_t, parameters)
                total += compute_cost(AL, Y_t) * X_t.shape[1]
                parameters = update_parameters(parameters, L_model_backward(AL, Y_t, caches), learning_rate)
            costs.append(total / X.shape[1])
        return parameters, costs

    X_raw, Y_train = breast_cancer_raw_split()[:2]
    X_std = normalize(X_raw, *normalization_stats(X_raw))
    runs = {}
    for X, features in [(X_std, "standardized"), (X_raw, "raw")]:
        parameters, _, costs = model_bn(X, Y_train, [30, 20, 7, 1], 0.1, 30)
        runs[(features, True)] = (parameters, costs)
        runs[(features, False)] = without_batch_norm(X, Y_train, 0.1, 30, np.random.default_rng(0))
    return runs


def fig_batchnorm_network_cost() -> plt.Figure:
    """Training cost per epoch of [30, 20, 7, 1] with and without batch norm, on raw and standardized features."""
    runs = batchnorm_network_runs()
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    epochs = np.arange(1, 31)
    for features, color in [("standardized", "C0"), ("raw", "C3")]:
        ax.plot(epochs, runs[(features, True)][1], "-", color=color, label=f"{features}, with batch norm")
        ax.plot(epochs, runs[(features, False)][1], ":", color=color, linewidth=2, label=f"{features}, without")
    ax.set_yscale("log")
    ax.set_xlabel("epoch (mini-batches of 64)")
    ax.set_ylabel("training cost")
    ax.set_title(r"[30, 20, 7, 1] on breast-cancer data, $\alpha = 0.1$")
    legend_below(ax, ncol=2)
    return fig


# --- Multi-class classification -----------------------------------------------------------------


def fig_softmax_regions() -> plt.Figure:
    """Softmax regression (no hidden layer) on three 2-D clusters: linear boundaries between classes."""
    rng = np.random.default_rng(0)
    centres = np.array([[-2.0, 0.0], [2.0, -1.0], [0.5, 2.5]])
    labels = np.repeat(np.arange(3), 60).reshape(1, -1)
    X = centres[labels[0]].T + rng.standard_normal((2, labels.shape[1]))  # (2, m)
    Y = convert_to_one_hot(labels, 3)
    W, b = np.zeros((3, 2)), np.zeros((3, 1))
    for _ in range(500):
        A = softmax(W @ X + b)
        dZ = softmax_cross_entropy_backward(A, Y)
        W, b = W - 0.5 * dZ @ X.T / X.shape[1], b - 0.5 * dZ.mean(axis=1, keepdims=True)
    u, v = np.meshgrid(np.linspace(-5.5, 5.5, 300), np.linspace(-4.5, 6, 300))
    grid = np.vstack([u.ravel(), v.ravel()])
    regions = np.argmax(W @ grid + b, axis=0).reshape(u.shape)
    fig, ax = plt.subplots(figsize=(5.2, 4.4))
    ax.contourf(u, v, regions, levels=[-0.5, 0.5, 1.5, 2.5], colors=["C0", "C1", "C2"], alpha=0.25)
    for k, marker in zip(range(3), "o^s"):
        ax.scatter(*X[:, labels[0] == k], s=14, color=f"C{k}", marker=marker, label=f"class {k}")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title("Softmax regression, C = 3: linear boundaries")
    ax.legend(loc="upper right")
    ax.grid(False)
    return fig


# --- Putting it together: training --------------------------------------------------------------

DIGITS_OPTIMIZERS = ("gd", "momentum", "rmsprop", "adam")
DIGITS_EPOCHS = 40


@stored  # the figure and its test share one run
def digits_optimizer_runs() -> dict[tuple[str, float], list[float]]:
    """Cost per epoch of ``model`` on the digits, [64, 32, 10], for each (optimizer, learning rate):
    the four optimizers at 0.001, and gradient descent and momentum again at 0.05."""
    X_train, Y_train, _, _ = digits_split()
    runs = [(optimizer, 0.001) for optimizer in DIGITS_OPTIMIZERS] + [("gd", 0.05), ("momentum", 0.05)]
    return {(optimizer, learning_rate): model(X_train, Y_train, [64, 32, 10], optimizer=optimizer,
                                              learning_rate=learning_rate, num_epochs=DIGITS_EPOCHS)[1]
            for optimizer, learning_rate in runs}


def fig_digits_optimizers() -> plt.Figure:
    """Cost per epoch of gd, momentum, RMSprop and Adam on the digits: same network, same start.

    Gradient descent and momentum follow each other so closely that they are drawn with
    different markers and line styles, and drawn again at a larger rate in the right panel.
    """
    runs = digits_optimizer_runs()
    styles = {"gd": ("C0", "-", "o", 0), "momentum": ("C1", "--", "x", 2),
              "rmsprop": ("C2", "-.", "s", 0), "adam": ("C3", ":", "^", 2)}
    epochs = np.arange(1, DIGITS_EPOCHS + 1)
    fig, axes = plt.subplots(1, 2, figsize=(6.4, 4.0), sharey=True)
    for (optimizer, learning_rate), costs in runs.items():
        color, line, marker, offset = styles[optimizer]
        ax = axes[0] if learning_rate == 0.001 else axes[1]
        ax.plot(epochs, costs, line, color=color, marker=marker, markevery=(offset, 4), markersize=5,
                linewidth=1.6, label=optimizer)
    axes[1].plot(epochs, runs[("adam", 0.001)], ":", color="C3", marker="^", markevery=(2, 4), markersize=5,
                 linewidth=1.6, label="adam, 0.001")
    axes[0].set_title(r"all at $\alpha = 0.001$")
    axes[1].set_title(r"gd, momentum at $\alpha = 0.05$")
    axes[0].set_ylabel("training cost")
    for ax in axes:
        ax.set_yscale("log")
        ax.set_xlabel("epoch")
    handles = [Line2D([], [], color=c, linestyle=ls, marker=m, markersize=5, label=name)
               for name, (c, ls, m, _) in styles.items()]
    fig.legend(handles=handles, loc="lower center", ncol=4)
    fig.tight_layout(rect=(0, 0.08, 1, 1))
    return fig


FIGURES: dict[str, Callable[[], plt.Figure]] = {
    "augmentation": fig_augmentation,
    "early-stopping": fig_early_stopping,
    "normalization-cost": fig_normalization_cost,
    "activation-norms": fig_activation_norms,
    "ewa": fig_ewa,
    "optimizer-paths": fig_optimizer_paths,
    "lr-schedules": fig_lr_schedules,
    "tuning-grid-vs-random": fig_tuning_grid_vs_random,
    "tuning-scales": fig_tuning_scales,
    "batchnorm-distributions": fig_batchnorm_distributions,
    "batchnorm-network-cost": fig_batchnorm_network_cost,
    "softmax-regions": fig_softmax_regions,
    "digits-optimizers": fig_digits_optimizers,
}
