"""Figures for the site, drawn from dlref itself when the site is built.

Each ``fig_*`` function returns a Matplotlib figure; :func:`draw_all` renders them all to SVG
(text as paths, so no font is loaded from anywhere) and caches the result until a source
file changes.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from dlref import activations as act  # noqa: E402
from dlref.activations import sigmoid, sigmoid_backward  # noqa: E402
from dlref.computation_graph import computation_graph_backward, computation_graph_forward  # noqa: E402
from dlref.logistic_regression import initialize_with_zeros, optimize  # noqa: E402
from real_data import breast_cancer_split  # noqa: E402

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


FIGURES: dict[str, Callable[[], plt.Figure]] = {
    "sigmoid": fig_sigmoid,
    "activations": fig_activations,
    "computation-graph": fig_computation_graph,
    "logistic-cost": fig_logistic_cost,
}

_cache: dict[str, bytes] = {}
_cache_key: tuple[float, ...] = ()


def _sources_mtime() -> tuple[float, ...]:
    paths = sorted((ROOT / "dlref").glob("*.py")) + sorted((ROOT / "tools").glob("*.py"))
    return tuple(p.stat().st_mtime for p in paths)


def to_svg(fig: plt.Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    return buffer.getvalue()


def draw_all() -> dict[str, bytes]:
    """Every figure as SVG bytes, keyed by name; redrawn only when a source file changed."""
    global _cache, _cache_key
    key = _sources_mtime()
    if key != _cache_key:
        with plt.rc_context(STYLE):
            _cache = {name: to_svg(draw()) for name, draw in FIGURES.items()}
        _cache_key = key
    return dict(_cache)
