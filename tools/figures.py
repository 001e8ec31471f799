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
