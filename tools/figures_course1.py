"""Figures of Course 1, Neural Networks and Deep Learning: one function per figure.

Each function returns a Matplotlib figure drawn from dlref; :mod:`figures` registers
``FIGURES`` and renders them with its phone-sized style.
"""

from __future__ import annotations

from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.lines import Line2D

from dlref import activations as act
from dlref.computation_graph import computation_graph_backward, computation_graph_forward
from dlref.deep_network import L_layer_model
from dlref.logistic_regression import initialize_with_zeros, optimize
from dlref.shallow_network import nn_model
from dlref.shallow_network import predict as predict_shallow
from real_data import breast_cancer_split, flower_dataset

# The flower data's two classes, in the points and in the regions the network assigns them.
CLASS_COLORS = ("C0", "C3")
PLANAR_HIDDEN_UNITS = (1, 2, 4, 20)
PLANAR_ITERATIONS = 1500


def fig_sigmoid() -> plt.Figure:
    """The sigmoid and its derivative a(1 - a)."""
    z = np.linspace(-8, 8, 401).reshape(1, -1)
    fig, ax = plt.subplots()
    ax.plot(z[0], act.sigmoid(z)[0], label=r"$\sigma(z)$")
    ax.plot(z[0], act.sigmoid_backward(np.ones_like(z), z)[0], "--", label=r"$\sigma'(z) = \sigma(z)\,(1-\sigma(z))$")
    ax.axhline(0.5, color="grey", linewidth=0.8, linestyle=":")
    ax.set_xlabel("$z$")
    ax.set_ylabel("value")
    ax.legend(loc="upper left")
    return fig


def fig_activations() -> plt.Figure:
    """The four activations of the course, each with its derivative."""
    z = np.linspace(-4, 4, 801).reshape(1, -1)
    ones = np.ones_like(z)
    panels = [
        ("sigmoid", act.sigmoid, act.sigmoid_backward),
        ("tanh", act.tanh, act.tanh_backward),
        ("ReLU", act.relu, act.relu_backward),
        ("leaky ReLU, slope 0.1", lambda z: act.leaky_relu(z, 0.1),
         lambda d, z: act.leaky_relu_backward(d, z, 0.1)),
    ]
    fig, axes = plt.subplots(2, 2, figsize=(6.4, 5.4), sharex=True)
    for ax, (title, forward, backward) in zip(axes.flat, panels):
        ax.plot(z[0], forward(z)[0], label="$g(z)$")
        ax.plot(z[0], backward(ones, z)[0], label="$g'(z)$", linestyle="--")
        ax.set_title(title)
        ax.axhline(0, color="grey", linewidth=0.6)
    axes[0, 0].legend(loc="upper left")
    for ax in axes[1]:
        ax.set_xlabel("$z$")
    for ax in axes[:, 0]:
        ax.set_ylabel("$g(z)$, $g'(z)$")
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
    fig, ax = plt.subplots(figsize=(6.4, 3.8))
    for start, end in [("a", "v"), ("b", "u"), ("c", "u"), ("u", "v"), ("v", "J")]:
        (x0, y0, _), (x1, y1, _) = nodes[start], nodes[end]
        ax.annotate("", xy=(x1 - 0.7, y1), xytext=(x0 + 0.7, y0),
                    arrowprops={"arrowstyle": "->", "color": "0.4", "lw": 1.2})
    for name, (x, y, label) in nodes.items():
        ax.text(x, y, f"{label}\n{values[name]:g}", ha="center", va="center",
                bbox={"boxstyle": "round,pad=0.4", "facecolor": "#e8eaf6", "edgecolor": "#3f51b5"})
        ax.text(x, y - 0.6, f"$dJ/d{name}$ = {derivative[name]:g}", ha="center", va="top",
                fontsize=11, color="#c62828")
    ax.set_xlim(-0.8, 7.9)
    ax.set_ylim(-1.1, 3.8)
    ax.axis("off")
    ax.set_title("forward, left to right: values\nbackward, right to left: derivatives (red)")
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
    ax.set_title(r"Logistic regression on breast-cancer data, $\alpha = 0.1$")
    return fig


def fig_planar_boundaries() -> plt.Figure:
    """Decision boundaries of the one-hidden-layer network on the flower data, for 1, 2, 4, 20 hidden units."""
    X, Y = flower_dataset()
    x0, x1 = np.meshgrid(np.linspace(-4.5, 4.5, 181), np.linspace(-4.5, 4.5, 181))
    grid = np.vstack([x0.ravel(), x1.ravel()])
    fig, axes = plt.subplots(2, 2, figsize=(6.4, 7.4), sharex=True, sharey=True)
    for ax, n_h in zip(axes.flat, PLANAR_HIDDEN_UNITS):
        parameters, _ = nn_model(X, Y, n_h, num_iterations=PLANAR_ITERATIONS)
        accuracy = np.mean(predict_shallow(parameters, X) == Y)
        regions = predict_shallow(parameters, grid).reshape(x0.shape)
        ax.imshow(regions, extent=(-4.5, 4.5, -4.5, 4.5), origin="lower", interpolation="nearest",
                  cmap=ListedColormap(CLASS_COLORS), alpha=0.25)
        for label, color in enumerate(CLASS_COLORS):
            ax.scatter(*X[:, Y[0] == label], s=6, color=color)
        ax.set_title(f"{n_h} hidden unit{'s' if n_h > 1 else ''}: {accuracy:.0%}")
        ax.set_aspect("equal")
        ax.grid(False)
    for ax in axes[1]:
        ax.set_xlabel("$x_1$")
    for ax in axes[:, 0]:
        ax.set_ylabel("$x_2$")
    handles = [Line2D([], [], marker="o", linestyle="", color=color, label=f"$y = {label}$")
               for label, color in enumerate(CLASS_COLORS)]
    fig.legend(handles=handles, loc="lower center", ncol=2, bbox_to_anchor=(0.5, -0.02),
               title="points and regions: class")
    fig.suptitle(f"training accuracy after {PLANAR_ITERATIONS} iterations")
    fig.tight_layout(rect=(0, 0.07, 1, 1))
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
    ax.set_title("L-layer network [30, 20, 7, 1] on breast-cancer data,\n"
                 r"gradient descent with $\alpha = 0.0075$")
    return fig


FIGURES: dict[str, Callable[[], plt.Figure]] = {
    "sigmoid": fig_sigmoid,
    "computation-graph": fig_computation_graph,
    "logistic-cost": fig_logistic_cost,
    "activations": fig_activations,
    "planar-boundaries": fig_planar_boundaries,
    "deep-cost": fig_deep_cost,
}
