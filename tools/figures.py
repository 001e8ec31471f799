"""Figures for the site, drawn from dlref itself when the site is built.

Each ``fig_*`` function returns a Matplotlib figure; :func:`draw_all` renders them all to SVG
(text as paths, so no font is loaded from anywhere) and caches the result until a source
file changes.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from dlref import activations as act  # noqa: E402
from dlref.activations import sigmoid, sigmoid_backward  # noqa: E402
from dlref.batch_norm import batchnorm_forward  # noqa: E402
from dlref.batch_norm_network import model_bn  # noqa: E402
from dlref.computation_graph import computation_graph_backward, computation_graph_forward  # noqa: E402
from dlref.logistic_regression import initialize_with_zeros, optimize  # noqa: E402
from dlref.deep_network import L_layer_model  # noqa: E402
from dlref.shallow_network import nn_model  # noqa: E402
from dlref.shallow_network import predict as predict_shallow  # noqa: E402
from dlref.averages import exponentially_weighted_average  # noqa: E402
from dlref.data_setup import normalization_stats, normalize, train_dev_test_split  # noqa: E402
from dlref.initialization import initialize_parameters_he, initialize_parameters_xavier  # noqa: E402
from dlref.lr_decay import exponential_decay, schedule_lr_decay, update_lr  # noqa: E402
from dlref.optimizers import (  # noqa: E402
    initialize_adam,
    initialize_rmsprop,
    initialize_velocity,
    update_parameters_with_adam,
    update_parameters_with_momentum,
    update_parameters_with_rmsprop,
)
from dlref.softmax import convert_to_one_hot, softmax, softmax_cross_entropy_backward  # noqa: E402
from dlref.tuning import random_search, sample_beta, sample_log_uniform  # noqa: E402
import figures_course4  # noqa: E402
import figures_training  # noqa: E402
from real_data import breast_cancer_split, flower_dataset  # noqa: E402
from sklearn.datasets import load_breast_cancer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
STYLE = {
    "svg.fonttype": "path",
    "svg.hashsalt": "dlref",
    "font.size": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "figure.figsize": (6.4, 3.6),
    "figure.dpi": 100,
}


def fig_sigmoid() -> plt.Figure:
    """The sigmoid and its derivative a(1 - a)."""
    z = np.linspace(-8, 8, 401).reshape(1, -1)
    fig, ax = plt.subplots()
    ax.plot(z[0], sigmoid(z)[0], label=r"$\sigma(z)$")
    ax.plot(z[0], sigmoid_backward(np.ones_like(z), z)[0], label=r"$\sigma'(z) = a(1-a)$")
    ax.axhline(0.5, color="grey", linewidth=0.8, linestyle=":")
    ax.set_xlabel("$z$")
    ax.legend(frameon=False)
    return fig


def fig_activations() -> plt.Figure:
    """The four activations of the course, each with its derivative."""
    z = np.linspace(-4, 4, 801).reshape(1, -1)
    ones = np.ones_like(z)
    panels = [
        ("sigmoid", act.sigmoid, act.sigmoid_backward),
        ("tanh", act.tanh, act.tanh_backward),
        ("ReLU", act.relu, act.relu_backward),
        ("leaky ReLU (slope 0.1 shown)", lambda z: act.leaky_relu(z, 0.1),
         lambda d, z: act.leaky_relu_backward(d, z, 0.1)),
    ]
    fig, axes = plt.subplots(2, 2, figsize=(7.2, 5.2), sharex=True)
    for ax, (title, forward, backward) in zip(axes.flat, panels):
        ax.plot(z[0], forward(z)[0], label="$g(z)$")
        ax.plot(z[0], backward(ones, z)[0], label="$g'(z)$", linestyle="--")
        ax.set_title(title, fontsize=11)
        ax.axhline(0, color="grey", linewidth=0.6)
    axes[0, 0].legend(frameon=False, loc="upper left")
    for ax in axes[1]:
        ax.set_xlabel("$z$")
    fig.tight_layout()
    return fig


def fig_computation_graph() -> plt.Figure:
    """The graph of J = 3(a + bc) at a = 5, b = 3, c = 2: values forward, derivatives backward."""
    J, cache = computation_graph_forward(5.0, 3.0, 2.0)
    grads = computation_graph_backward(cache)
    nodes = {  # name: (x, y, label)
        "a": (0.0, 3.2, "$a$"), "b": (0.0, 1.6, "$b$"), "c": (0.0, 0.0, "$c$"),
        "u": (2.4, 0.8, "$u = bc$"), "v": (4.8, 2.0, "$v = a + u$"), "J": (7.0, 2.0, "$J = 3v$"),
    }
    values = {**cache, "J": J}
    derivative = {**{k[1:]: v for k, v in grads.items()}, "J": 1.0}
    fig, ax = plt.subplots(figsize=(7.6, 3.8))
    for start, end in [("a", "v"), ("b", "u"), ("c", "u"), ("u", "v"), ("v", "J")]:
        (x0, y0, _), (x1, y1, _) = nodes[start], nodes[end]
        ax.annotate("", xy=(x1 - 0.62, y1), xytext=(x0 + 0.62, y0),
                    arrowprops={"arrowstyle": "->", "color": "0.4", "lw": 1.2})
    for name, (x, y, label) in nodes.items():
        ax.text(x, y, f"{label}\n{values[name]:g}", ha="center", va="center", fontsize=11,
                bbox={"boxstyle": "round,pad=0.4", "facecolor": "#e8eaf6", "edgecolor": "#3f51b5"})
        ax.text(x, y - 0.55, f"$dJ/d{name}$ = {derivative[name]:g}", ha="center", va="top",
                fontsize=9.5, color="#c62828")
    ax.set_xlim(-0.8, 7.8)
    ax.set_ylim(-1.0, 3.8)
    ax.axis("off")
    ax.set_title("forward: values (black), left to right; backward: derivatives (red), right to left",
                 fontsize=10)
    return fig


def fig_logistic_cost() -> plt.Figure:
    """Cost of logistic regression on the breast-cancer data during gradient descent."""
    X_train, Y_train, _, _ = breast_cancer_split()
    w, b = initialize_with_zeros(X_train.shape[0])
    _, _, costs = optimize(w, b, X_train, Y_train, num_iterations=3000, learning_rate=0.1)
    fig, ax = plt.subplots()
    ax.plot(np.arange(len(costs)) * 100, costs, marker="o", markersize=3)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost $J(w, b)$")
    ax.set_yscale("log")
    ax.set_title(r"Logistic regression on breast-cancer data, $\alpha = 0.1$", fontsize=11)
    return fig



def fig_tuning_grid_vs_random() -> plt.Figure:
    """25 settings of two hyperparameters: a 5 x 5 grid against 25 random draws."""
    k = 5
    grid = np.array([(a, e) for a in np.linspace(0.05, 0.95, k) for e in np.linspace(0.05, 0.95, k)])
    configs = random_search({"a": (0.0, 1.0, "linear"), "e": (0.0, 1.0, "linear")}, k * k, np.random.default_rng(1))
    drawn = np.array([(c["a"], c["e"]) for c in configs])
    fig, axes = plt.subplots(1, 2, figsize=(7.2, 3.6), sharey=True)
    for ax, points, title in [(axes[0], grid, "grid: 5 distinct values of each"),
                              (axes[1], drawn, "random: 25 distinct values of each")]:
        ax.scatter(points[:, 0], points[:, 1], s=18)
        for a in np.unique(points[:, 0]):
            ax.plot([a, a], [-0.1, -0.04], color="C3", linewidth=1)  # the values of alpha tried
        ax.set_xlim(0, 1)
        ax.set_ylim(-0.12, 1.02)
        ax.set_title(title, fontsize=11)
        ax.set_xlabel(r"hyperparameter 1 (say $\alpha$)")
    axes[0].set_ylabel(r"hyperparameter 2 (say Adam's $\varepsilon$)")
    fig.tight_layout()
    return fig


def fig_tuning_scales() -> plt.Figure:
    """Learning rates and averaging factors drawn on a linear scale and on the right scale."""
    rng = np.random.default_rng(0)
    n = 60
    fig, axes = plt.subplots(1, 2, figsize=(7.6, 3.2))
    ax = axes[0]
    alpha_linear = rng.uniform(1e-4, 1.0, n)
    alpha_log = sample_log_uniform(1e-4, 1.0, n, rng)
    ax.scatter(alpha_linear, np.full(n, 1.0) + rng.uniform(-0.15, 0.15, n), s=10, label="uniform")
    ax.scatter(alpha_log, np.zeros(n) + rng.uniform(-0.15, 0.15, n), s=10, label="log scale")
    ax.set_xscale("log")
    ax.set_yticks([0, 1], ["sample_log_uniform", "uniform"])
    ax.set_ylim(-0.6, 1.6)
    ax.set_xlabel(r"learning rate $\alpha$")
    ax.set_title(r"$\alpha \in [10^{-4}, 1]$", fontsize=11)
    ax = axes[1]
    beta_linear = rng.uniform(0.9, 0.999, n)
    beta_log = sample_beta(0.9, 0.999, n, rng)
    ax.scatter(1.0 / (1.0 - beta_linear), np.full(n, 1.0) + rng.uniform(-0.15, 0.15, n), s=10)
    ax.scatter(1.0 / (1.0 - beta_log), np.zeros(n) + rng.uniform(-0.15, 0.15, n), s=10)
    ax.set_xscale("log")
    ax.set_yticks([0, 1], ["sample_beta", "uniform"])
    ax.set_ylim(-0.6, 1.6)
    ax.set_xlabel(r"averaging window $1/(1-\beta)$")
    ax.set_title(r"$\beta \in [0.9, 0.999]$", fontsize=11)
    for a in axes:
        a.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig


def fig_batchnorm_distributions() -> plt.Figure:
    """A layer's Z on 256 digit images, per unit, before and after batchnorm_forward."""
    from sklearn.datasets import load_digits

    X = load_digits().data[:256].T / 16.0  # (64, 256), pixel intensities in [0, 1]
    rng = np.random.default_rng(0)
    n = 8
    W = rng.standard_normal((n, 64)) * np.sqrt(2.0 / 64)  # He initialization
    b = rng.normal(0, 1, (n, 1))
    Z = W @ X + b
    Z_tilde, _ = batchnorm_forward(Z, np.ones((n, 1)), np.zeros((n, 1)))
    fig, axes = plt.subplots(1, 2, figsize=(7.6, 3.4), sharey=True)
    for ax, values, title in [(axes[0], Z, r"$Z^{[1]}$ before"),
                              (axes[1], Z_tilde, r"$\tilde Z^{[1]}$ after batch norm ($\gamma = 1$, $\beta = 0$)")]:
        ax.boxplot(values.T, whis=(0, 100))
        ax.axhline(0, color="grey", linewidth=0.8)
        ax.set_title(title, fontsize=11)
        ax.set_xlabel("unit")
    axes[0].set_ylabel("value over the 256 examples")
    fig.tight_layout()
    return fig


def fig_batchnorm_network_cost() -> plt.Figure:
    """Training cost per epoch of [30, 20, 7, 1] with and without batch norm, on raw and standardized features."""
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
        return costs

    X_raw, Y_train = _breast_cancer_raw_split()[:2]
    X_std = normalize(X_raw, *normalization_stats(X_raw))
    fig, ax = plt.subplots()
    epochs = np.arange(1, 31)
    for X, features, color in [(X_std, "standardized features", "C0"), (X_raw, "raw features", "C3")]:
        ax.plot(epochs, model_bn(X, Y_train, [30, 20, 7, 1], 0.1, 30)[2], "-", color=color,
                label=f"{features}, with batch norm")
        ax.plot(epochs, without_batch_norm(X, Y_train, 0.1, 30, np.random.default_rng(0)), ":", color=color,
                label=f"{features}, without")
    ax.set_yscale("log")
    ax.set_xlabel("epoch (mini-batches of 64)")
    ax.set_ylabel("training cost")
    ax.set_title(r"[30, 20, 7, 1] on breast-cancer data, $\alpha = 0.1$", fontsize=11)
    ax.legend(frameon=False, fontsize=9)
    return fig


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
    fig, ax = plt.subplots(figsize=(5.2, 4.2))
    ax.contourf(u, v, regions, levels=[-0.5, 0.5, 1.5, 2.5], colors=["C0", "C1", "C2"], alpha=0.25)
    for k, marker in zip(range(3), "o^s"):
        ax.scatter(*X[:, labels[0] == k], s=14, color=f"C{k}", marker=marker, label=f"class {k}")
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    ax.set_title("Softmax regression, C = 3: linear boundaries", fontsize=11)
    ax.legend(frameon=False, loc="upper right", fontsize=9)
    ax.grid(False)
    return fig


def fig_planar_boundaries() -> plt.Figure:
    """Decision boundaries of the one-hidden-layer network on the flower data, for 1, 2, 4, 20 hidden units."""
    X, Y = flower_dataset()
    x0, x1 = np.meshgrid(np.linspace(-4.5, 4.5, 181), np.linspace(-4.5, 4.5, 181))
    grid = np.vstack([x0.ravel(), x1.ravel()])
    fig, axes = plt.subplots(2, 2, figsize=(7.2, 7.0), sharex=True, sharey=True)
    for ax, n_h in zip(axes.flat, [1, 2, 4, 20]):
        parameters, _ = nn_model(X, Y, n_h, num_iterations=1500)
        accuracy = np.mean(predict_shallow(parameters, X) == Y)
        regions = predict_shallow(parameters, grid).reshape(x0.shape)
        ax.imshow(regions, extent=(-4.5, 4.5, -4.5, 4.5), origin="lower", interpolation="nearest",
                  cmap=matplotlib.colors.ListedColormap(["C0", "C3"]), alpha=0.25)
        for label, color in [(0, "C0"), (1, "C3")]:
            ax.scatter(*X[:, Y[0] == label], s=6, color=color)
        ax.set_title(f"{n_h} hidden unit{'s' if n_h > 1 else ''}: {accuracy:.0%} of training points", fontsize=11)
        ax.set_aspect("equal")
        ax.grid(False)
    fig.tight_layout()
    return fig


def fig_deep_cost() -> plt.Figure:
    """Cost of a [30, 20, 7, 1] network on the breast-cancer data during gradient descent."""
    X_train, Y_train, _, _ = breast_cancer_split()
    _, costs = L_layer_model(X_train, Y_train, [30, 20, 7, 1])
    fig, ax = plt.subplots()
    ax.plot(np.arange(len(costs)) * 100, costs, marker="o", markersize=3)
    ax.set_xlabel("iteration")
    ax.set_ylabel("cost $J$")
    ax.set_yscale("log")
    ax.set_title(r"L-layer network [30, 20, 7, 1] on breast-cancer data, $\alpha = 0.0075$", fontsize=11)
    return fig


def _breast_cancer_raw_split():
    """The breast-cancer data, unscaled, split 60/20/20 by dlref (one example per column)."""
    data = load_breast_cancer()
    X, Y = data.data.T, data.target.reshape(1, -1).astype(np.float64)
    return train_dev_test_split(X, Y, 0.2, 0.2, np.random.default_rng(0))


def fig_normalization_cost() -> plt.Figure:
    """Logistic regression on the breast-cancer data, raw features against normalized ones."""
    X_train, Y_train = _breast_cancer_raw_split()[:2]
    mu, sigma = normalization_stats(X_train)
    w, b = initialize_with_zeros(X_train.shape[0])
    runs = [
        ("raw features, $\\alpha = 10^{-5}$", X_train, 1e-5, "-"),
        ("raw features, $\\alpha = 10^{-4}$ (too large)", X_train, 1e-4, ":"),
        ("normalized, $\\alpha = 0.1$", normalize(X_train, mu, sigma), 0.1, "-"),
    ]
    fig, ax = plt.subplots()
    for label, X, alpha, style in runs:
        _, _, costs = optimize(w, b, X, Y_train, num_iterations=3000, learning_rate=alpha)
        ax.plot(np.arange(len(costs)) * 100, costs, style, marker="o", markersize=3, label=label)
    ax.set_yscale("log")
    ax.set_xlabel("iteration")
    ax.set_ylabel("training cost")
    ax.legend(frameon=False)
    ax.set_title("Logistic regression on breast-cancer data", fontsize=11)
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

    fig, (left, right) = plt.subplots(1, 2, figsize=(8.4, 3.6), sharey=True)
    for scale in (1.1, 1.0, 0.9):
        sizes = rms_per_layer([scale * np.eye(n)] * L, lambda Z: Z)
        left.plot(layers, sizes, label=f"$W^{{[l]}} = {scale:g}\\, I$")
    left.set_title("linear layers", fontsize=11)
    runs = [
        ("He, Var $= 2/n$", initialize_parameters_he),
        ("Xavier, Var $= 1/n$", initialize_parameters_xavier),
        ("He $\\times 1.2$", lambda dims, rng: {k: 1.2 * v for k, v in initialize_parameters_he(dims, rng).items()}),
    ]
    for label, initialize in runs:
        parameters = initialize([n] * (L + 1), np.random.default_rng(1))
        sizes = rms_per_layer([parameters[f"W{l}"] for l in range(1, L + 1)], act.relu)
        right.plot(layers, sizes, label=label)
    right.set_title("ReLU layers, random weights", fontsize=11)
    for ax in (left, right):
        ax.set_yscale("log")
        ax.set_xlabel("layer $l$")
        ax.legend(frameon=False, fontsize=9)
    left.set_ylabel("root mean square of $a^{[l]}$")
    fig.tight_layout()
    return fig


def fig_ewa() -> plt.Figure:
    """Exponentially weighted averages of a noisy daily series, with and without bias correction."""
    rng = np.random.default_rng(4)
    days = np.arange(1, 181)
    theta = 12 + 8 * np.sin(2 * np.pi * (days - 40) / 365) + rng.normal(0, 3, days.size)
    fig, ax = plt.subplots(figsize=(7.2, 3.8))
    ax.plot(days, theta, ".", color="0.6", markersize=4, label=r"$\theta_t$")
    for beta, color in [(0.9, "#c62828"), (0.98, "#2e7d32")]:
        ax.plot(days, exponentially_weighted_average(theta, beta, bias_correction=True), color=color,
                label=rf"$\beta = {beta}$, bias-corrected (about {1 / (1 - beta):.0f} days)")
        ax.plot(days, exponentially_weighted_average(theta, beta), color=color, linestyle="--",
                linewidth=1, label=rf"$\beta = {beta}$, no correction")
    ax.set_xlabel("day $t$")
    ax.set_ylabel("temperature")
    ax.legend(frameon=False, fontsize=8.5, loc="lower right")
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
    fig, axes = plt.subplots(2, 2, figsize=(8.4, 5.6), sharex=True, sharey=True)
    for ax, (title, path) in zip(axes.flat, paths):
        ax.contour(w1, w2, 0.5 * (w1**2 + 25 * w2**2), levels=np.geomspace(0.05, 40, 12), colors="0.75",
                   linewidths=0.7)
        ax.plot(path[:, 0], path[:, 1], "-o", color="#3f51b5", markersize=2.5, linewidth=1)
        ax.plot([0], [0], "*", color="#c62828", markersize=9)
        ax.set_title(title, fontsize=10)
        ax.grid(False)
    for ax in axes[1]:
        ax.set_xlabel("$w_1$")
    for ax in axes[:, 0]:
        ax.set_ylabel("$w_2$")
    fig.suptitle(f"{steps} steps on $f(w) = (w_1^2 + 25\\, w_2^2)/2$ from $(-4.5, 1)$", fontsize=11)
    fig.tight_layout()
    return fig


def fig_lr_schedules() -> plt.Figure:
    """The learning-rate schedules of dlref.lr_decay over 100 epochs, from alpha0 = 0.1."""
    epochs = range(101)
    fig, ax = plt.subplots()
    ax.plot(epochs, [update_lr(0.1, e, 0.1) for e in epochs], label="update_lr, decay_rate = 0.1 (inverse time)")
    ax.plot(epochs, [schedule_lr_decay(0.1, e, 0.5, time_interval=20) for e in epochs],
            label="schedule_lr_decay, decay_rate = 0.5, every 20 epochs")
    ax.plot(epochs, [exponential_decay(0.1, e, 0.95) for e in epochs], label="exponential_decay, base 0.95")
    ax.set_xlabel("epoch")
    ax.set_ylabel(r"learning rate $\alpha$")
    ax.legend(frameon=False, fontsize=9, loc="upper right")
    return fig


FIGURES: dict[str, Callable[[], plt.Figure]] = {
    "normalization-cost": fig_normalization_cost,
    "activation-norms": fig_activation_norms,
    "ewa": fig_ewa,
    "optimizer-paths": fig_optimizer_paths,
    "lr-schedules": fig_lr_schedules,
    "sigmoid": fig_sigmoid,
    "activations": fig_activations,
    "computation-graph": fig_computation_graph,
    "logistic-cost": fig_logistic_cost,
    "planar-boundaries": fig_planar_boundaries,
    "deep-cost": fig_deep_cost,
    "tuning-grid-vs-random": fig_tuning_grid_vs_random,
    "tuning-scales": fig_tuning_scales,
    "batchnorm-distributions": fig_batchnorm_distributions,
    "batchnorm-network-cost": fig_batchnorm_network_cost,
    "softmax-regions": fig_softmax_regions,
}

FIGURES.update(figures_training.FIGURES)
FIGURES.update(figures_course4.FIGURES)

CACHE = ROOT / ".cache" / "figures"


def sources_key() -> str:
    """A hash of everything a figure depends on: dlref's and the tools' source, and Matplotlib."""
    digest = hashlib.sha256(matplotlib.__version__.encode())
    for path in sorted((ROOT / "dlref").glob("*.py")) + sorted((ROOT / "tools").glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def to_svg(fig: plt.Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return buffer.getvalue()


def draw_all() -> dict[str, bytes]:
    """Every figure as SVG bytes, keyed by name.

    Figures are drawn again only when a source file changed: the SVGs are kept in
    ``.cache/figures/<hash of the sources>/``, so a rebuild (``mkdocs serve``, or the second
    build of a test session) reuses them.
    """
    folder = CACHE / sources_key()
    paths = {name: folder / f"{name}.svg" for name in FIGURES}
    if not all(path.exists() for path in paths.values()):
        folder.mkdir(parents=True, exist_ok=True)
        with plt.rc_context(STYLE):
            for name, draw in FIGURES.items():
                if not paths[name].exists():
                    temporary = paths[name].with_suffix(".tmp")
                    temporary.write_bytes(to_svg(draw()))
                    temporary.replace(paths[name])  # atomic: a concurrent build never reads half a file
    return {name: path.read_bytes() for name, path in paths.items()}
