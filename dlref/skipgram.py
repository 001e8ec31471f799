r"""Training skip-gram embeddings on a corpus: the vocabulary, the (context, target) pairs, the loop.

The loss and its gradients are `dlref.embedding_learning`'s; this module turns a text into word
indices, the indices into training pairs, and runs stochastic gradient descent on them. Word
vectors are rows of a matrix ``E (V, n_e)``, one word per row, as in `dlref.embedding_learning`.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import as_float_array, check_count, check_generator, check_nonnegative, check_positive
from dlref.embedding_learning import _indices, negative_sampling_distribution, skipgram_batch_loss

__all__ = ["build_vocabulary", "nearest_neighbours", "skipgram_pairs", "train_skipgram"]

_WORD = re.compile(r"[a-z]+")


def build_vocabulary(text: str, min_count: int = 5):
    r"""Split a text into lowercase words, keep those seen at least `min_count` times, and number them.

    Parameters
    ----------
    text : str
    min_count : int, default 5
        Rarer words are dropped from the vocabulary and from the corpus: a word seen twice
        gives too few pairs to learn a vector from.

    Returns
    -------
    words : list of str
        The vocabulary, the most frequent word first (ties in alphabetical order).
    counts : ndarray of shape (V,)
        How often each word occurs.
    ids : ndarray of int, shape (n_tokens,)
        The corpus as word indices, the dropped words left out.

    Raises
    ------
    ValueError
        If `text` is not a string or no word occurs `min_count` times.

    Notes
    -----
    A word is a run of the letters a to z after lowercasing, so "Don't" gives "don" and "t".

    Examples
    --------
    >>> words, counts, ids = build_vocabulary("The cat saw the dog. The dog ran.", min_count=2)
    >>> words, counts.tolist(), ids.tolist()
    (['the', 'dog'], [3.0, 2.0], [0, 0, 1, 0, 1])
    """
    if not isinstance(text, str):
        raise ValueError(f"text must be a string, got {type(text).__name__}.")
    min_count = check_count("min_count", min_count, minimum=1)
    # --8<-- [start:build_vocabulary]
    tokens = _WORD.findall(text.lower())
    frequency = Counter(tokens)
    words = sorted((w for w, n in frequency.items() if n >= min_count), key=lambda w: (-frequency[w], w))
    index = {w: i for i, w in enumerate(words)}
    ids = np.array([index[t] for t in tokens if t in index], dtype=np.intp)
    # --8<-- [end:build_vocabulary]
    if not words:
        raise ValueError(f"text has no word that occurs min_count = {min_count} times ({len(tokens)} words in all).")
    return words, np.array([float(frequency[w]) for w in words]), ids


def skipgram_pairs(ids: ArrayLike, window: int = 2):
    r"""Every (context, target) pair of a corpus: each word with each word at most `window` places away.

    Parameters
    ----------
    ids : array_like of int, shape (n_tokens,)
        The corpus as word indices.
    window : int, default 2

    Returns
    -------
    contexts, targets : ndarray of int, shape (n_pairs,)
        ``n_pairs`` is $2 \sum_{d=1}^{\text{window}} (n_{\text{tokens}} - d)$: the pairs at distance
        1 first (each followed by its mirror image), then those at distance 2, and so on.

    Raises
    ------
    ValueError
        If `ids` is not a 1-D array of non-negative integers or `window` is not a positive integer.

    Notes
    -----
    $$\{(w_i, w_j) : 1 \le |i - j| \le \text{window}\}$$

    Examples
    --------
    >>> c, t = skipgram_pairs([7, 8, 9], window=1)
    >>> c.tolist(), t.tolist()
    ([7, 8, 8, 9], [8, 7, 9, 8])
    """
    ids = _indices("ids", ids, None, 1)
    window = check_count("window", window, minimum=1)
    # --8<-- [start:skipgram_pairs]
    contexts, targets = [], []
    for d in range(1, min(window, ids.size - 1) + 1):
        left, right = ids[:-d], ids[d:]  # the words d places apart
        contexts.append(np.column_stack([left, right]).ravel())
        targets.append(np.column_stack([right, left]).ravel())
    # --8<-- [end:skipgram_pairs]
    if not contexts:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.intp)
    return np.concatenate(contexts), np.concatenate(targets)


def _subsample(ids: NDArray[np.intp], counts: NDArray[np.float64], threshold: float, rng: np.random.Generator) -> NDArray[np.intp]:
    """Drop each occurrence of a word of frequency f with probability 1 - sqrt(threshold / f)."""
    f = counts / counts.sum()
    keep = np.minimum(1.0, np.sqrt(threshold / f))
    return ids[rng.random(ids.size) < keep[ids]]


def train_skipgram(ids: ArrayLike, counts: ArrayLike, rng: np.random.Generator, n_e: int = 50, window: int = 2, k: int = 5,
                   epochs: int = 5, learning_rate: float = 0.05, batch_size: int = 1024, subsample: float = 1e-3):
    r"""Learn word vectors with skip-gram and negative sampling, by stochastic gradient descent.

    Parameters
    ----------
    ids : array_like of int, shape (n_tokens,)
        The corpus as word indices, from `build_vocabulary`.
    counts : array_like of shape (V,)
        How often each word occurs: it sets the negative-sampling distribution and the subsampling.
    rng : numpy.random.Generator
        Draws the initial vectors, the subsampling, the order of the pairs and the negative words.
    n_e : int, default 50
    window : int, default 2
    k : int, default 5
        Negative words per pair.
    epochs : int, default 5
    learning_rate : float, default 0.05
        The step per pair: a batch's gradients are summed, as if its pairs were taken one by one.
    batch_size : int, default 1024
    subsample : float, default 1e-3
        Each occurrence of a word of frequency $f$ is dropped with probability
        $1 - \sqrt{\text{subsample} / f}$ (once, before training), which thins out "the" and "a"
        and leaves rare words alone; 0 keeps every word.

    Returns
    -------
    E : ndarray of shape (V, n_e)
        The embeddings, one word per row.
    theta : ndarray of shape (V, n_e)
        The output parameters.
    losses : ndarray of shape (epochs, n_batches)
        The mean loss per pair of every batch, one row per epoch.

    Raises
    ------
    ValueError
        If an index in `ids` is not a row of `counts`, the corpus has fewer than two words left,
        or an argument is out of range.

    Notes
    -----
    For every batch of pairs $(c_b, t_b)$ and their negative words,

    $$E \leftarrow E - \alpha \frac{\partial \mathcal{L}}{\partial E}, \qquad
    \theta \leftarrow \theta - \alpha \frac{\partial \mathcal{L}}{\partial \theta}$$

    with $\mathcal{L}$ from `dlref.embedding_learning.skipgram_batch_loss`. $E$ starts uniform
    in $\pm 0.5 / n_e$ and $\theta$ at zero, as in word2vec.

    Examples
    --------
    >>> ids = np.array([0, 1, 0, 1, 0, 1, 2, 3, 2, 3, 2, 3] * 10)
    >>> E, theta, losses = train_skipgram(ids, np.bincount(ids), np.random.default_rng(0), n_e=4,
    ...                                   k=2, epochs=40, learning_rate=0.1, batch_size=64, subsample=0)
    >>> E.shape, bool(losses[-1].mean() < losses[0].mean())
    ((4, 4), True)
    """
    counts = as_float_array("counts", counts)
    if counts.ndim != 1:
        raise ValueError(f"counts has shape {counts.shape}; expected (V,), one count per word.")
    ids = _indices("ids", ids, counts.size, 1, of="one per entry of counts")
    rng = check_generator("rng", rng)
    n_e, window, k = check_count("n_e", n_e, minimum=1), check_count("window", window, minimum=1), check_count("k", k, minimum=1)
    epochs, batch_size = check_count("epochs", epochs, minimum=1), check_count("batch_size", batch_size, minimum=1)
    learning_rate, subsample = check_positive("learning_rate", learning_rate), check_nonnegative("subsample", subsample)
    p = negative_sampling_distribution(counts)
    kept = _subsample(ids, counts, subsample, rng) if subsample > 0 else ids
    if kept.size < 2:
        raise ValueError(f"ids leaves {kept.size} word(s) after subsampling: no pair to train on.")
    contexts, targets = skipgram_pairs(kept, window)
    n_pairs, V = contexts.size, counts.size
    # --8<-- [start:train_skipgram]
    E = (rng.random((V, n_e)) - 0.5) / n_e
    theta = np.zeros((V, n_e))
    losses = np.zeros((epochs, -(-n_pairs // batch_size)))  # ceil(n_pairs / batch_size) batches
    for epoch in range(epochs):
        order = rng.permutation(n_pairs)
        negatives = rng.choice(V, size=(n_pairs, k), p=p)  # f(w)^(3/4), fresh every epoch
        for b, start in enumerate(range(0, n_pairs, batch_size)):
            batch = order[start:start + batch_size]
            loss, g = skipgram_batch_loss(E, theta, contexts[batch], targets[batch], negatives[batch])
            E, theta = E - learning_rate * g["dE"], theta - learning_rate * g["dtheta"]
            losses[epoch, b] = loss / batch.size
    # --8<-- [end:train_skipgram]
    return E, theta, losses


def nearest_neighbours(word: str, E: ArrayLike, words: list[str], n: int = 5) -> list[tuple[str, float]]:
    r"""The `n` words whose vectors have the largest cosine similarity with `word`'s.

    Parameters
    ----------
    word : str
    E : array_like of shape (V, n_e)
        The embeddings, one word per row, in the order of `words`.
    words : list of str
        The vocabulary.
    n : int, default 5

    Returns
    -------
    neighbours : list of (str, float)
        The words and their similarities, the closest first; `word` itself is left out.

    Raises
    ------
    ValueError
        If `word` is not in `words`, `E` does not have one row per word, or a row is zero.

    Notes
    -----
    All $V$ similarities in one product of the normalized rows:

    $$\mathrm{CosineSimilarity}(e_w, e_j) = \frac{e_w \cdot e_j}{\lVert e_w \rVert_2\, \lVert e_j \rVert_2}, \qquad j = 1, \dots, V$$

    Examples
    --------
    >>> E = np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [-1.0, 0.0]])
    >>> [(w, round(s, 4)) for w, s in nearest_neighbours("a", E, ["a", "b", "c", "d"], n=2)]
    [('b', 0.7071), ('c', 0.0)]
    """
    E = as_float_array("E", E)
    if not isinstance(words, (list, tuple)) or E.ndim != 2 or E.shape[0] != len(words):
        raise ValueError(f"E has shape {E.shape}; expected (V, n_e) with V = {len(words) if isinstance(words, (list, tuple)) else '?'}, "
                         "one row per word of words (a list of str).")
    if word not in words:
        raise ValueError(f"word {word!r} is not in the vocabulary (words).")
    n = check_count("n", n, minimum=1)
    norms = np.linalg.norm(E, axis=1, keepdims=True)
    if not np.all(norms > 0):  # a NaN fails too
        raise ValueError("E has a zero (or NaN) row: a zero vector has no direction.")
    # --8<-- [start:nearest_neighbours]
    unit = E / norms  # every row of length 1
    i = words.index(word)
    similarity = unit @ unit[i]  # (V,): cosines with every word
    similarity[i] = -np.inf  # not its own neighbour
    closest = np.argsort(-similarity, kind="stable")[:n]
    # --8<-- [end:nearest_neighbours]
    return [(words[j], float(similarity[j])) for j in closest if j != i]
