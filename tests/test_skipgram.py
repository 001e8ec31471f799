"""Skip-gram training on Python's own documentation: the vocabulary, the pairs, the batched loss, the loop."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from pydoc_data.topics import topics

from dlref import embedding_learning as el, skipgram as sg
from dlref.word_vectors import cosine_similarity
from gradcheck import numerical_gradient, relative_error

TEXT = "\n".join(topics[key] for key in sorted(topics))
# Pairs of words the reference uses in the same places: each is the other's counterpart.
RELATED = [("true", "false"), ("int", "float"), ("upper", "lower"), ("two", "three"), ("keys", "values"),
           ("first", "second"), ("left", "right"), ("read", "write"), ("start", "stop"), ("get", "set"),
           ("list", "tuple"), ("positional", "keyword")]


@pytest.fixture(scope="module")
def corpus():
    return sg.build_vocabulary(TEXT)


@pytest.fixture(scope="module")
def trained(corpus):
    words, counts, ids = corpus
    E, theta, losses = sg.train_skipgram(ids, counts, np.random.default_rng(0), n_e=20, epochs=2)
    return words, E, losses


def test_the_vocabulary_keeps_the_words_seen_min_count_times_most_frequent_first(corpus):
    words, counts, ids = corpus
    tokens = re.findall(r"[a-z]+", TEXT.lower())  # the tokenizer the docstring describes
    expected = Counter(tokens)
    assert set(words) == {w for w, n in expected.items() if n >= 5}
    assert_array_equal(counts, [expected[w] for w in words])
    assert all(counts[:-1] >= counts[1:]) and words[0] == "the"
    assert [words[i] for i in ids] == [t for t in tokens if expected[t] >= 5]


def test_the_pairs_are_every_word_with_every_word_within_the_window():
    ids = np.random.default_rng(0).integers(0, 9, 12)
    for window in (1, 2, 3):
        contexts, targets = sg.skipgram_pairs(ids, window)
        loop = [(ids[i], ids[j]) for i in range(12) for j in range(12) if 1 <= abs(i - j) <= window]
        assert sorted(zip(contexts.tolist(), targets.tolist())) == sorted((int(c), int(t)) for c, t in loop)
        assert contexts.size == 2 * sum(12 - d for d in range(1, window + 1))


def batch_problem(seed, V=6, n_e=4, B=7, k=3):
    rng = np.random.default_rng(seed)
    return (rng.standard_normal((V, n_e)), rng.standard_normal((V, n_e)), rng.integers(0, V, B), rng.integers(0, V, B),
            rng.integers(0, V, (B, k)))  # with 6 words and 7 pairs, indices repeat


@pytest.mark.parametrize("seed", range(3))
def test_the_batched_loss_is_the_sum_of_the_per_pair_losses_and_their_gradients(seed):
    E, theta, contexts, targets, negatives = batch_problem(seed)
    loss, g = el.skipgram_batch_loss(E, theta, contexts, targets, negatives)
    dE, dtheta, total = np.zeros_like(E), np.zeros_like(theta), 0.0
    for c, t, neg in zip(contexts, targets, negatives):
        pair_loss, pg = el.skipgram_negative_sampling_loss(E[c], theta[t], theta[neg])
        total += pair_loss
        dE[c] += pg["de_c"]
        dtheta[t] += pg["dtheta_t"]
        for row, i in zip(pg["dtheta_neg"], neg):
            dtheta[i] += row  # a word drawn twice gets both gradients
    assert loss == pytest.approx(total, rel=1e-12)
    assert_allclose(g["dE"], dE, rtol=1e-12, atol=1e-14)
    assert_allclose(g["dtheta"], dtheta, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("seed", range(2))
def test_the_batched_loss_gradient_check(seed):
    E, theta, contexts, targets, negatives = batch_problem(seed)
    _, g = el.skipgram_batch_loss(E, theta, contexts, targets, negatives)
    J = lambda E_, theta_: el.skipgram_batch_loss(E_, theta_, contexts, targets, negatives)[0]  # noqa: E731
    assert relative_error(g["dE"], numerical_gradient(lambda v: J(v, theta), E)) < 1e-7
    assert relative_error(g["dtheta"], numerical_gradient(lambda v: J(E, v), theta)) < 1e-7


def test_training_lowers_the_loss(trained):
    _, _, losses = trained
    assert losses.shape[0] == 2 and np.all(np.isfinite(losses))
    assert losses[0, 0] > 4.0  # at the start theta = 0: each of the k + 1 = 6 terms is log 2, 4.16 in all
    assert losses[-1].mean() < 0.9 * losses[0].mean()


def test_related_words_end_up_closer_than_random_pairs(trained):
    words, E, _ = trained
    index = {w: i for i, w in enumerate(words)}
    related = np.array([cosine_similarity(E[index[a]], E[index[b]]) for a, b in RELATED])
    i, j = np.random.default_rng(1).integers(0, 300, (2, 500))  # pairs of frequent words, drawn blind
    chance = np.array([cosine_similarity(E[a], E[b]) for a, b in zip(i, j) if a != b])
    assert related.mean() > chance.mean() + 0.2
    assert np.mean(related > np.median(chance)) >= 0.9


def test_untrained_vectors_show_no_such_pattern(corpus):
    words, counts, ids = corpus  # one epoch at a tiny rate: the vectors are still their random start
    E, _, _ = sg.train_skipgram(ids[:200], counts, np.random.default_rng(0), n_e=20, epochs=1, learning_rate=1e-9)
    index = {w: i for i, w in enumerate(words)}
    related = np.array([cosine_similarity(E[index[a]], E[index[b]]) for a, b in RELATED])
    assert abs(related.mean()) < 0.2


def test_training_is_deterministic_for_a_seed_and_leaves_its_inputs_alone(corpus):
    _, counts, ids = corpus
    ids_before, counts_before = ids.copy(), counts.copy()
    runs = [sg.train_skipgram(ids[:3000], counts, np.random.default_rng(seed), n_e=8, epochs=2) for seed in (3, 3, 4)]
    for a, b in zip(runs[0], runs[1]):
        assert_array_equal(a, b)
    assert not np.array_equal(runs[0][0], runs[2][0])
    assert_array_equal(ids, ids_before)
    assert_array_equal(counts, counts_before)


def test_nearest_neighbours_are_the_largest_cosine_similarities(trained):
    words, E, _ = trained
    neighbours = sg.nearest_neighbours("true", E, words, n=5)
    by_loop = sorted(((cosine_similarity(E[words.index("true")], E[j]), w) for j, w in enumerate(words) if w != "true"),
                     reverse=True)[:5]
    assert [w for w, _ in neighbours] == [w for _, w in by_loop]
    assert_allclose([s for _, s in neighbours], [s for s, _ in by_loop], rtol=1e-12)


def test_bad_input_is_rejected(corpus):
    words, counts, ids = corpus
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="text must be a string"):
        sg.build_vocabulary(["a", "b"])
    with pytest.raises(ValueError, match="min_count = 10"):
        sg.build_vocabulary("a b a", min_count=10)
    with pytest.raises(ValueError, match=r"ids has shape \(2, 3\)"):
        sg.skipgram_pairs(np.zeros((2, 3), dtype=int))
    with pytest.raises(ValueError, match="ids must hold word indices from 0 to 2"):
        sg.train_skipgram([0, 1, 5], [1.0, 1.0, 1.0], rng)
    with pytest.raises(ValueError, match="ids has shape .* dtype float64"):
        sg.train_skipgram(np.array([0.0, 1.0]), [1.0, 1.0], rng)
    with pytest.raises(ValueError, match="window must be at least 1"):
        sg.train_skipgram(ids[:10], counts, rng, window=0)
    with pytest.raises(ValueError, match="rng must be a numpy.random.Generator"):
        sg.train_skipgram(ids[:10], counts, 0)
    with pytest.raises(ValueError, match="'qwerty' is not in the vocabulary"):
        sg.nearest_neighbours("qwerty", np.ones((len(words), 2)), words)
    with pytest.raises(ValueError, match=r"E has shape \(3, 2\)"):
        sg.nearest_neighbours("the", np.ones((3, 2)), words)
    with pytest.raises(ValueError, match=r"negatives has shape \(7,\)"):
        E, theta, contexts, targets, negatives = batch_problem(0)
        el.skipgram_batch_loss(E, theta, contexts, targets, negatives[:, 0])
