"""Word vectors: cosine similarity, the vectorized analogy against a loop, neutralize and equalize."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from scipy.spatial.distance import cosine as scipy_cosine_distance

from dlref import word_vectors as wv


def vocabulary(seed: int, n_words: int = 300, n_e: int = 20):
    rng = np.random.default_rng(seed)
    return {f"w{i}": rng.standard_normal(n_e) for i in range(n_words)}


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_cosine_similarity_matches_scipy(seed):
    rng = np.random.default_rng(seed)
    u, v = rng.standard_normal(50), rng.standard_normal(50)
    assert wv.cosine_similarity(u, v) == pytest.approx(1 - scipy_cosine_distance(u, v), rel=1e-12)
    assert wv.cosine_similarity(u, 3 * u) == pytest.approx(1.0)
    assert wv.cosine_similarity(u, -u) == pytest.approx(-1.0)


def analogy_loop(a, b, c, m):
    """The course's loop, written independently."""
    e_a, e_b, e_c = m[a], m[b], m[c]
    best, best_sim = None, -np.inf
    for w, e_w in m.items():
        if w in (a, b, c):
            continue
        sim = np.dot(e_b - e_a, e_w - e_c) / (np.linalg.norm(e_b - e_a) * np.linalg.norm(e_w - e_c))
        if sim > best_sim:
            best, best_sim = w, sim
    return best


@pytest.mark.parametrize("seed", range(4))
def test_the_vectorized_analogy_agrees_with_the_loop(seed):
    m = vocabulary(seed)
    rng = np.random.default_rng(seed)
    for _ in range(5):
        a, b, c = (f"w{i}" for i in rng.choice(300, 3, replace=False))
        assert wv.complete_analogy(a, b, c, m) == analogy_loop(a, b, c, m)


def test_the_analogy_never_answers_one_of_its_own_words():
    m = {"a": np.array([1.0, 0.0]), "b": np.array([2.0, 0.0]), "c": np.array([3.0, 0.0]), "d": np.array([0.0, 1.0])}
    assert wv.complete_analogy("a", "b", "c", m) == "d"  # c itself would be the 0/0 case, b the best otherwise


def test_neutralize_removes_the_bias_component_and_nothing_else():
    m = vocabulary(0)
    g = m["w1"] - m["w2"]
    e = wv.neutralize("w3", g, m)
    assert abs(np.dot(e, g)) < 1e-12
    assert_allclose(m["w3"] - e, (np.dot(m["w3"], g) / np.dot(g, g)) * g)


@pytest.mark.parametrize("seed", range(3))
def test_equalize_gives_unit_vectors_equidistant_from_the_bias_axis(seed):
    m = vocabulary(seed)
    g = m["w1"] - m["w2"]
    e1, e2 = wv.equalize(("w3", "w4"), g, m)
    assert_allclose([np.linalg.norm(e1), np.linalg.norm(e2)], 1.0)  # the course's version fails this
    g_hat = g / np.linalg.norm(g)
    assert np.dot(e1, g_hat) == pytest.approx(-np.dot(e2, g_hat))  # opposite along the axis
    assert_allclose(e1 - np.dot(e1, g_hat) * g_hat, e2 - np.dot(e2, g_hat) * g_hat, atol=1e-12)  # same elsewhere
    neutral = wv.neutralize("w5", g, m)
    assert wv.cosine_similarity(neutral, e1) == pytest.approx(wv.cosine_similarity(neutral, e2))


def test_sentence_to_avg_averages_the_known_words():
    m = vocabulary(0, n_words=5, n_e=3)
    assert_allclose(wv.sentence_to_avg("W1 w2 unknown w2", m), (m["w1"] + 2 * m["w2"]) / 3)
    assert_allclose(wv.sentence_to_avg("nothing known", m), np.zeros(3))


def test_bad_input_is_rejected():
    m = vocabulary(0, n_words=5, n_e=3)
    with pytest.raises(ValueError, match=r"u has shape \(3, 1\); expected a 1-D word vector"):
        wv.cosine_similarity(np.ones((3, 1)), np.ones(3))
    with pytest.raises(ValueError, match="zero vector"):
        wv.cosine_similarity(np.zeros(3), np.ones(3))
    with pytest.raises(ValueError, match="'zebra' is not in word_to_vec_map"):
        wv.complete_analogy("w1", "w2", "zebra", m)
    with pytest.raises(ValueError, match=r"g has shape \(2,\); expected a 1-D word vector of shape \(3,\)"):
        wv.neutralize("w1", np.ones(2), m)


def test_inputs_are_not_modified():
    m = vocabulary(0, n_words=6, n_e=3)
    before = {k: v.copy() for k, v in m.items()}
    g = m["w1"] - m["w2"]
    wv.equalize(("w3", "w4"), g, m), wv.neutralize("w5", g, m), wv.complete_analogy("w0", "w1", "w2", m)
    assert all(np.array_equal(before[k], m[k]) for k in m)


def course_equalize(pair, bias_axis, m):
    """The course's version: Bolukbasi's formulas on raw vectors, with an absolute value in the root."""
    e_w1, e_w2 = m[pair[0]], m[pair[1]]
    mu = (e_w1 + e_w2) / 2
    mu_B = np.dot(mu, bias_axis) / np.sum(bias_axis**2) * bias_axis
    mu_orth = mu - mu_B
    e_w1B = np.dot(e_w1, bias_axis) / np.sum(bias_axis**2) * bias_axis
    e_w2B = np.dot(e_w2, bias_axis) / np.sum(bias_axis**2) * bias_axis
    root = np.sqrt(np.abs(1 - np.sum(mu_orth**2)))
    e1 = root * (e_w1B - mu_B) / np.linalg.norm(e_w1 - mu_orth - mu_B) + mu_orth
    e2 = root * (e_w2B - mu_B) / np.linalg.norm(e_w2 - mu_orth - mu_B) + mu_orth
    return e1, e2


def test_the_course_equalize_on_raw_vectors_is_not_unit_length_where_dlref_s_is():
    m = {k: 4 * v for k, v in vocabulary(1).items()}  # GloVe-like lengths, far from 1
    g = m["w1"] - m["w2"]
    e1, e2 = course_equalize(("w3", "w4"), g, m)
    assert abs(np.linalg.norm(e1) - 1) > 0.5
    d1, d2 = wv.equalize(("w3", "w4"), g, m)
    assert_allclose([np.linalg.norm(d1), np.linalg.norm(d2)], 1.0)
