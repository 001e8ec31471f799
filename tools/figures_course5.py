"""Figures of Course 5 (sequence models), drawn from dlref when the site is built."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np

from dlref.char_model import model, sample
from dlref.date_data import _vocabularies, preprocess_data
from dlref.date_translator import load_translator, translator_forward
from dlref.lstm import lstm_backward, lstm_forward
from dlref.rnn import rnn_backward, rnn_forward
from dlref.skipgram import build_vocabulary, nearest_neighbours, train_skipgram
from dlref.transformer import positional_encoding


def state_jacobian_norms(forward, backward, x, a0, parameters) -> np.ndarray:
    """``||d a<t> / d a<0>||_F`` for t = 1..T_x, read off the backward pass.

    The sequence is repeated in ``n_a`` columns; seeding column ``i`` of ``da`` at step ``t``
    with the unit vector ``e_i`` makes column ``i`` of ``da0`` the ``i``-th row of the Jacobian.
    """
    n_a, T_x = a0.shape[0], x.shape[2]
    X = np.repeat(x, n_a, axis=1)
    A0 = np.repeat(a0, n_a, axis=1)
    caches = forward(X, A0, parameters)[-1]
    norms = np.zeros(T_x)
    for t in range(T_x):
        da = np.zeros((n_a, n_a, T_x))
        da[:, :, t] = np.eye(n_a)
        norms[t] = np.linalg.norm(backward(da, caches)["da0"])
    return norms


def vanishing_gradient_setup(T_x: int = 60, n_x: int = 8, n_a: int = 32, seed: int = 0):
    """An RNN and an LSTM with weights drawn at the same scale, one input sequence."""
    rng = np.random.default_rng(seed)
    x, a0 = rng.standard_normal((n_x, 1, T_x)), np.zeros((n_a, 1))
    rnn = {"Wax": rng.standard_normal((n_a, n_x)) / np.sqrt(n_x), "Waa": rng.standard_normal((n_a, n_a)) / np.sqrt(n_a),
           "Wya": np.zeros((1, n_a)), "ba": np.zeros((n_a, 1)), "by": np.zeros((1, 1))}
    lstm = {f"W{g}": rng.standard_normal((n_a, n_a + n_x)) / np.sqrt(n_a + n_x) for g in "fico"}
    lstm |= {f"b{g}": np.zeros((n_a, 1)) for g in "fico"}
    lstm |= {"Wy": np.zeros((1, n_a)), "by": np.zeros((1, 1))}
    return x, a0, rnn, lstm


def with_forget_bias(lstm: dict, bf: float) -> dict:
    """The same LSTM with every forget-gate bias set to ``bf`` (sigmoid(2) = 0.88: mostly keep)."""
    return lstm | {"bf": np.full_like(lstm["bf"], bf)}


def fig_vanishing_gradients() -> plt.Figure:
    """How much the initial state still moves step t: the RNN's influence decays geometrically."""
    x, a0, rnn, lstm = vanishing_gradient_setup()
    steps = np.arange(1, x.shape[2] + 1)
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.semilogy(steps, state_jacobian_norms(rnn_forward, rnn_backward, x, a0, rnn), label="basic RNN")
    for bf in (0.0, 2.0):
        norms = state_jacobian_norms(lstm_forward, lstm_backward, x, a0, with_forget_bias(lstm, bf))
        ax.semilogy(steps, norms, label=f"LSTM, forget-gate bias {bf:g}")
    ax.set_xlabel("time step $t$")
    ax.set_ylabel(r"$\|\partial a^{\langle t \rangle} / \partial a^{\langle 0 \rangle}\|_F$")
    ax.legend()
    fig.tight_layout()
    return fig


def first_names() -> list[str]:
    """The first names the ``names`` package ships (US census lists), lower-case, without duplicates."""
    import names

    words = set()
    for key in ("first:female", "first:male"):
        with open(names.FILES[key], encoding="ascii") as lines:
            words |= {line.split()[0].lower() for line in lines if line.strip()}
    return sorted(words)


def train_char_model(num_iterations: int = 6000):
    """The character model of the page, trained on the first names; returns what the figure shows."""
    words = first_names()
    ix_to_char = ["\n"] + sorted(set("".join(words)))
    char_to_ix = {ch: i for i, ch in enumerate(ix_to_char)}
    parameters, losses = model(words, char_to_ix, np.random.default_rng(0), num_iterations=num_iterations, learning_rate=0.03)
    rng = np.random.default_rng(1)
    generated = ["".join(ix_to_char[i] for i in sample(parameters, char_to_ix, rng)).strip() for _ in range(12)]
    return words, losses, generated


def fig_char_model() -> plt.Figure:
    """The smoothed loss of the character model, and twelve names it generates once trained."""
    words, losses, generated = train_char_model()
    fig, (ax, text) = plt.subplots(1, 2, figsize=(6.4, 3.6), gridspec_kw={"width_ratios": [2.2, 1]})
    ax.plot(np.arange(1, len(losses) + 1), losses, label="smoothed loss")
    ax.set_xlabel("iteration (one name each)")
    ax.set_ylabel("loss per name")
    ax.legend()
    text.axis("off")
    text.set_title("sampled", fontsize=11)
    text.text(0.05, 0.98, "\n".join(name.capitalize() for name in generated), va="top", fontsize=11, transform=text.transAxes)
    fig.tight_layout()
    return fig


def fig_positional_encoding() -> plt.Figure:
    """The encodings of 50 positions in 64 columns: fast sines and cosines first, slow ones last."""
    pe = positional_encoding(50, 64)[0]
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    image = ax.imshow(pe, cmap="RdBu", vmin=-1, vmax=1, aspect="auto")
    ax.set_xlabel("column $k$ (pairs $2i$, $2i + 1$)")
    ax.set_ylabel("position")
    ax.grid(False)
    fig.colorbar(image, ax=ax, label="$PE$")
    fig.tight_layout()
    return fig


def python_docs_text() -> str:
    """The corpus of the skip-gram page: the reference topics that ship with Python (``pydoc_data``)."""
    from pydoc_data.topics import topics

    return "\n".join(topics[key] for key in sorted(topics))


SKIPGRAM_QUERIES = ("true", "int", "lower", "two", "key", "module")


@functools.cache  # both figures show this one run: train it once per build
def train_python_docs_skipgram():
    """The page's run: skip-gram with negative sampling on Python's reference topics, default settings."""
    words, counts, ids = build_vocabulary(python_docs_text())
    E, theta, losses = train_skipgram(ids, counts, np.random.default_rng(0))
    return words, E, losses


def fig_skipgram_loss() -> plt.Figure:
    """The mean loss per pair of every batch over five epochs, with each epoch's mean."""
    _, _, losses = train_python_docs_skipgram()
    epochs, n_batches = losses.shape
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    ax.plot(np.arange(losses.size) / n_batches, losses.ravel(), lw=1, alpha=0.6, label="one batch")
    ax.plot(np.arange(epochs) + 0.5, losses.mean(axis=1), "o-", label="mean of the epoch")
    ax.axhline(6 * np.log(2), color="gray", ls="--", lw=1, label=r"start: $\theta = 0$, $(k + 1) \log 2$")
    ax.set_xlabel("epoch")
    ax.set_ylabel("loss per pair")
    ax.legend()
    fig.tight_layout()
    return fig


def fig_skipgram_neighbours() -> plt.Figure:
    """A table: for a few words, their three nearest neighbours in the trained vectors and the cosines."""
    words, E, _ = train_python_docs_skipgram()
    fig, ax = plt.subplots(figsize=(6.4, 2.6))
    ax.axis("off")
    rows = [[query] + [f"{w} {s:.2f}" for w, s in nearest_neighbours(query, E, words, n=3)] for query in SKIPGRAM_QUERIES]
    table = ax.table(cellText=rows, colLabels=["word", "nearest", "second", "third"], loc="center", cellLoc="left",
                     colWidths=[0.19, 0.27, 0.27, 0.27])
    table.auto_set_font_size(False)
    table.set_fontsize(12)
    table.scale(1, 1.6)
    for cell in table.get_celld().values():
        cell.set_facecolor("none")
        cell.set_edgecolor("0.6")
    fig.tight_layout()
    return fig


TRANSLATOR_WEIGHTS = Path(__file__).resolve().parents[1] / "examples" / "date_translator" / "weights.npz"
ATTENTION_MAP_DATE = "Thursday, 05/03/1979"  # one of the formats with the day's name, the month before the day


def fig_attention_map() -> plt.Figure:
    """The committed translator's attention weights while it writes one date: output step by input character."""
    human_vocab, machine_vocab, inv_machine_vocab = _vocabularies()
    _, _, Xoh, _ = preprocess_data([(ATTENTION_MAP_DATE, "1979-05-03")], human_vocab, machine_vocab)
    Y_hat, alphas, _ = translator_forward(Xoh, load_translator(str(TRANSLATOR_WEIGHTS)))
    shown = len(ATTENTION_MAP_DATE.replace(",", ""))  # the characters the model reads; the rest is padding
    fig, ax = plt.subplots(figsize=(6.4, 3.6))
    # white to blue: on the dark scheme the inverted map runs from the background to light blue
    image = ax.imshow(alphas[0, :, :shown], cmap="Blues", vmin=0, vmax=1, aspect="auto")
    ax.set_xticks(range(shown), list(ATTENTION_MAP_DATE.lower().replace(",", "")), fontsize=11)
    ax.set_yticks(range(alphas.shape[1]), [inv_machine_vocab[i] for i in Y_hat[0].argmax(axis=1).tolist()], fontsize=11)
    ax.set_xlabel("input character $t'$ (after lower-casing and dropping commas)")
    ax.set_ylabel(r"output character $t$")
    fig.colorbar(image, ax=ax, label=r"$\alpha^{\langle t, t' \rangle}$")
    fig.tight_layout()
    return fig


FIGURES: dict[str, Callable[[], plt.Figure]] = {
    "vanishing-gradients": fig_vanishing_gradients,
    "char-model": fig_char_model,
    "positional-encoding": fig_positional_encoding,
    "skipgram-loss": fig_skipgram_loss,
    "skipgram-neighbours": fig_skipgram_neighbours,
    "attention-map": fig_attention_map,
}
