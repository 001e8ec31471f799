r"""Word vectors: cosine similarity, analogies, debiasing, and the average of a sentence's vectors.

As in the course, ``word_to_vec_map`` is a dict from a word to its embedding, a **1-D** array
of shape ``(n_e,)`` (50 for GloVe 6B 50d). The rule of the earlier courses that a column must be
``(n, 1)`` does not apply to word vectors: here every vector is rank 1 and the functions expect it.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import as_float_array

__all__ = ["complete_analogy", "cosine_similarity", "equalize", "neutralize", "sentence_to_avg"]



def _vector(name: str, u: ArrayLike, n: int | None = None) -> NDArray[np.float64]:
    arr = as_float_array(name, u)
    if arr.ndim != 1 or (n is not None and arr.size != n):
        raise ValueError(f"{name} has shape {arr.shape}; expected a 1-D word vector of shape ({n if n else 'n_e'},).")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} holds NaN or infinity.")
    return arr


def _lookup(word: str, word_to_vec_map: Mapping[str, ArrayLike], n: int | None = None) -> NDArray[np.float64]:
    if word not in word_to_vec_map:
        raise ValueError(f"{word!r} is not in word_to_vec_map.")
    return _vector(f"word_to_vec_map[{word!r}]", word_to_vec_map[word], n)


def _word(name: str, word: object) -> str:
    if not isinstance(word, str):
        raise ValueError(f"{name} must be a word (a str); got {word!r}.")
    return word


def _check_map(word_to_vec_map: object) -> Mapping[str, ArrayLike]:
    if not isinstance(word_to_vec_map, Mapping) or not word_to_vec_map:
        raise ValueError(f"word_to_vec_map must be a non-empty dict from words to 1-D vectors; got {type(word_to_vec_map).__name__}.")
    return word_to_vec_map


def _embedding_matrix(words: list[str], word_to_vec_map: Mapping[str, ArrayLike]) -> NDArray[np.float64]:
    """Every vector of the map as one row of a ``(n_words, n_e)`` matrix, or raise naming a bad one."""
    try:
        E = np.asarray([word_to_vec_map[w] for w in words], dtype=np.float64)
    except (TypeError, ValueError):
        E = np.empty((0, 0, 0))
    if E.ndim != 2 or not np.all(np.isfinite(E)):  # find the first bad vector, to name it
        n_e = _lookup(words[0], word_to_vec_map).size
        for w in words:
            _lookup(w, word_to_vec_map, n_e)
    return E


def cosine_similarity(u: ArrayLike, v: ArrayLike) -> float:
    r"""The cosine of the angle between two word vectors: 1 for the same direction, 0 for orthogonal.

    Parameters
    ----------
    u, v : array_like of shape (n_e,)
        Two word vectors (1-D).

    Returns
    -------
    similarity : float
        In $[-1, 1]$.

    Raises
    ------
    ValueError
        If the vectors are not 1-D of one length, or one of them is zero (its direction is undefined).

    Notes
    -----
    $$\mathrm{CosineSimilarity}(u, v) = \frac{u \cdot v}{\lVert u \rVert_2\, \lVert v \rVert_2} = \cos\theta$$

    Examples
    --------
    >>> round(cosine_similarity([1.0, 0.0], [1.0, 1.0]), 4)
    0.7071
    """
    u = _vector("u", u)
    v = _vector("v", v, u.size)
    norm_u, norm_v = np.linalg.norm(u), np.linalg.norm(v)
    if norm_u == 0 or norm_v == 0:
        raise ValueError("cosine_similarity of a zero vector is undefined: it has no direction.")
    # --8<-- [start:cosine_similarity]
    similarity = np.dot(u, v) / (norm_u * norm_v)
    # --8<-- [end:cosine_similarity]
    return float(similarity)


def complete_analogy(word_a: str, word_b: str, word_c: str, word_to_vec_map: Mapping[str, ArrayLike]) -> str:
    r"""Complete "a is to b as c is to ?": the word $w$ whose offset from $c$ best matches $b - a$.

    Parameters
    ----------
    word_a, word_b, word_c : str
        Looked up lower-cased, as in the course.
    word_to_vec_map : dict
        Word to 1-D vector.

    Returns
    -------
    best_word : str
        The word maximizing the cosine similarity below, other than `word_a`, `word_b` and `word_c`.

    Raises
    ------
    ValueError
        If a word is missing from `word_to_vec_map`.

    Notes
    -----
    $$w^* = \arg\max_{w \notin \{a, b, c\}} \mathrm{CosineSimilarity}\bigl(e_b - e_a,\ e_w - e_c\bigr)$$

    One matrix product scores every word at once; the course's loop over 400 000 words in
    Python takes seconds.

    Examples
    --------
    >>> m = {"man": np.array([1.0, 0.0]), "woman": np.array([1.0, 1.0]),
    ...      "king": np.array([3.0, 0.1]), "queen": np.array([3.0, 1.1]), "apple": np.array([-2.0, 0.5])}
    >>> complete_analogy("man", "woman", "king", m)
    'queen'
    """
    word_a, word_b, word_c = (_word(n, w).lower() for n, w in (("word_a", word_a), ("word_b", word_b), ("word_c", word_c)))
    e_a, e_b, e_c = (_lookup(w, _check_map(word_to_vec_map)) for w in (word_a, word_b, word_c))
    words = list(word_to_vec_map)
    E = _embedding_matrix(words, word_to_vec_map)  # (n_words, n_e)
    # --8<-- [start:complete_analogy]
    target = e_b - e_a  # the offset to reproduce
    offsets = E - e_c  # e_w - e_c for every word, (n_words, n_e)
    with np.errstate(invalid="ignore", divide="ignore"):  # w = c gives 0/0, excluded below
        scores = offsets @ target / (np.linalg.norm(offsets, axis=1) * np.linalg.norm(target))
    for w in (word_a, word_b, word_c):
        scores[words.index(w)] = -np.inf  # the three input words are not answers
    best_word = words[int(np.nanargmax(scores))]
    # --8<-- [end:complete_analogy]
    return best_word


def neutralize(word: str, g: ArrayLike, word_to_vec_map: Mapping[str, ArrayLike]) -> NDArray[np.float64]:
    r"""Remove a word vector's component along the bias direction $g$.

    Parameters
    ----------
    word : str
        A word that should not carry the bias, such as "receptionist".
    g : array_like of shape (n_e,)
        The bias direction, for example $e_{\text{woman}} - e_{\text{man}}$.
    word_to_vec_map : dict

    Returns
    -------
    e_debiased : ndarray of shape (n_e,)
        Orthogonal to `g`.

    Raises
    ------
    ValueError
        If `word` is missing, or `g` is zero or does not have the vectors' length.

    Notes
    -----
    $$e^{\text{bias\_component}} = \frac{e \cdot g}{\lVert g \rVert_2^2}\, g, \qquad
    e^{\text{debiased}} = e - e^{\text{bias\_component}}$$

    Bolukbasi et al. also rescale the result to unit length; that changes no cosine similarity,
    so dlref returns it as the course does.

    Examples
    --------
    >>> neutralize("nurse", [0.0, 2.0], {"nurse": np.array([3.0, 1.0])}).tolist()
    [3.0, 0.0]
    """
    e = _lookup(_word("word", word), _check_map(word_to_vec_map))
    g = _vector("g", g, e.size)
    if not np.any(g):
        raise ValueError("g is the zero vector: it defines no bias direction.")
    # --8<-- [start:neutralize]
    e_biascomponent = (np.dot(e, g) / np.dot(g, g)) * g  # the projection of e on g
    e_debiased = e - e_biascomponent
    # --8<-- [end:neutralize]
    return e_debiased


def equalize(pair: tuple[str, str], bias_axis: ArrayLike, word_to_vec_map: Mapping[str, ArrayLike]) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""Make a pair of words (such as "actor", "actress") differ only along the bias axis, symmetrically.

    Parameters
    ----------
    pair : tuple of two str
    bias_axis : array_like of shape (n_e,)
        The bias direction $g$.
    word_to_vec_map : dict

    Returns
    -------
    e1, e2 : ndarray of shape (n_e,)
        Unit vectors with the same component orthogonal to `bias_axis` and opposite components
        along it: any neutral word is then equally similar to both.

    Raises
    ------
    ValueError
        If a word is missing or `bias_axis` is zero.

    Notes
    -----
    Bolukbasi et al.'s equations hold for unit vectors, so dlref first scales both words (and the
    axis) to unit length; applied to raw GloVe vectors, as in the course, $\lVert \mu_\perp \rVert$
    can exceed 1 and the square root below has no real value. With $\hat g = g / \lVert g \rVert$
    and $x_B = (x \cdot \hat g)\,\hat g$:

    $$\mu = \frac{e_{w1} + e_{w2}}{2}, \qquad \mu_\perp = \mu - \mu_B$$

    $$e_{wi} \leftarrow \mu_\perp + \sqrt{1 - \lVert \mu_\perp \rVert_2^2}\;
    \frac{e_{wi,B} - \mu_B}{\lVert e_{wi,B} - \mu_B \rVert_2}$$

    Examples
    --------
    >>> m = {"he": np.array([1.0, 1.0]), "she": np.array([-0.5, 1.0])}
    >>> e1, e2 = equalize(("he", "she"), np.array([1.0, 0.0]), m)
    >>> e1.round(4).tolist(), e2.round(4).tolist()
    ([0.599, 0.8008], [-0.599, 0.8008])
    """
    if not isinstance(pair, (tuple, list)) or len(pair) != 2:
        raise ValueError(f"pair must be two words such as ('actor', 'actress'); got {pair!r}.")
    w1, w2 = _word("pair[0]", pair[0]), _word("pair[1]", pair[1])
    e_w1 = _lookup(w1, _check_map(word_to_vec_map))
    e_w2 = _lookup(w2, word_to_vec_map, e_w1.size)
    g = _vector("bias_axis", bias_axis, e_w1.size)
    if not np.any(g):
        raise ValueError("bias_axis is the zero vector: it defines no direction.")
    # --8<-- [start:equalize]
    g, e_w1, e_w2 = g / np.linalg.norm(g), e_w1 / np.linalg.norm(e_w1), e_w2 / np.linalg.norm(e_w2)  # unit vectors
    mu = (e_w1 + e_w2) / 2
    mu_B = np.dot(mu, g) * g  # projections on the bias axis
    mu_orth = mu - mu_B
    e_w1B, e_w2B = np.dot(e_w1, g) * g, np.dot(e_w2, g) * g
    scale = np.sqrt(1 - np.dot(mu_orth, mu_orth))  # keeps the results at unit length
    e1 = mu_orth + scale * (e_w1B - mu_B) / np.linalg.norm(e_w1B - mu_B)
    e2 = mu_orth + scale * (e_w2B - mu_B) / np.linalg.norm(e_w2B - mu_B)
    # --8<-- [end:equalize]
    return e1, e2


def sentence_to_avg(sentence: str, word_to_vec_map: Mapping[str, ArrayLike]) -> NDArray[np.float64]:
    r"""The average of the word vectors of a sentence: a fixed-size input for a sentiment classifier.

    Parameters
    ----------
    sentence : str
        Split on whitespace and lower-cased; words missing from `word_to_vec_map` are skipped.
    word_to_vec_map : dict

    Returns
    -------
    avg : ndarray of shape (n_e,)
        Zeros if no word of the sentence is known, as in the course.

    Raises
    ------
    ValueError
        If `word_to_vec_map` is empty.

    Notes
    -----
    $$\text{avg} = \frac{1}{|S|} \sum_{w \in S} e_w, \qquad S = \text{the known words of the sentence}$$

    Examples
    --------
    >>> sentence_to_avg("I love you", {"love": np.array([1.0, 3.0]), "you": np.array([3.0, 1.0])}).tolist()
    [2.0, 2.0]
    """
    sentence, word_to_vec_map = _word("sentence", sentence), _check_map(word_to_vec_map)
    n_e = _lookup(next(iter(word_to_vec_map)), word_to_vec_map).size
    # --8<-- [start:sentence_to_avg]
    known = [w for w in sentence.lower().split() if w in word_to_vec_map]
    avg = np.mean([_lookup(w, word_to_vec_map, n_e) for w in known], axis=0) if known else np.zeros(n_e)
    # --8<-- [end:sentence_to_avg]
    return np.asarray(avg, dtype=np.float64)
