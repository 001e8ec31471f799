"""Beam search against exhaustive search, BLEU against nltk, CTC against a sum over every path."""

from __future__ import annotations

import itertools
import warnings

import numpy as np
import pytest
from nltk.translate.bleu_score import modified_precision as nltk_modified_precision
from nltk.translate.bleu_score import sentence_bleu

from dlref import sequence_decoding as sd


def toy_model(seed: int, vocab: int = 3):
    """A fixed random conditional distribution over the next token for every prefix."""
    def next_log_probs(prefix):
        rng = np.random.default_rng([seed, *prefix, len(prefix)])
        z = 2.0 * rng.standard_normal(vocab)
        return z - np.log(np.sum(np.exp(z)))
    return next_log_probs


def exhaustive(model, vocab, max_length, end_token, alpha):
    """Every output (stopped at its first end token or at max_length), scored like beam_search."""
    best = (None, -np.inf)
    for length in range(1, max_length + 1):
        for seq in itertools.product(range(vocab), repeat=length):
            if end_token in seq[:-1] or (length < max_length and seq[-1] != end_token):
                continue
            total = sum(model(seq[:t])[seq[t]] for t in range(length))
            score = total / length**alpha
            if score > best[1]:
                best = (seq, score)
    return best


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("alpha", [0.0, 0.7, 1.0])
def test_a_beam_wide_enough_finds_the_exhaustive_best(seed, alpha):
    model = toy_model(seed)
    best, score = sd.beam_search(model, beam_width=81, max_length=4, end_token=0, alpha=alpha)
    oracle, oracle_score = exhaustive(model, 3, 4, 0, alpha)
    assert best == oracle and score == pytest.approx(oracle_score)


@pytest.mark.parametrize("seed", range(5))
def test_beam_width_1_is_greedy_search(seed):
    model = toy_model(seed)
    prefix = ()
    while len(prefix) < 4 and (not prefix or prefix[-1] != 0):
        prefix += (int(np.argmax(model(prefix))),)
    assert sd.beam_search(model, beam_width=1, max_length=4, end_token=0)[0] == prefix


def test_beam_search_beats_greedy_when_the_likeliest_first_word_leads_nowhere():
    table = {(): np.log([0.01, 0.55, 0.44]), (1,): np.log([0.34, 0.33, 0.33]), (2,): np.log([0.98, 0.01, 0.01])}
    model = lambda prefix: table.get(prefix, np.log([0.98, 0.01, 0.01]))  # noqa: E731
    assert sd.beam_search(model, 1, 3, end_token=0, alpha=1.0)[0] == (1, 0)  # greedy: 0.55 * 0.34
    assert sd.beam_search(model, 2, 3, end_token=0, alpha=1.0)[0] == (2, 0)  # beam: 0.44 * 0.98


def test_length_normalization_stops_the_preference_for_short_outputs():
    table = {(): np.log([0.6, 0.4]), (1,): np.log([0.05, 0.95])}
    model = lambda prefix: table.get(prefix, np.log([0.95, 0.05]))  # noqa: E731
    assert sd.beam_search(model, 3, 3, end_token=0, alpha=0.0)[0] == (0,)  # total: 0.6 > 0.4 * 0.95 * 0.95
    assert sd.beam_search(model, 3, 3, end_token=0, alpha=1.0)[0] == (1, 1, 0)  # per token it is better


REFS = [["the cat is on the mat".split(), "there is a cat on the mat".split()],
        [["it", "is", "a", "guide", "to", "action", "that", "ensures", "that", "the", "military", "always", "obeys"]]]
CANDIDATES = ["the cat the cat on the mat".split(), "the cat is on the mat".split(), "there is a cat on a mat today".split(),
              "it is a guide to action that ensures that the military".split(), "the the the the the the the".split()]


@pytest.mark.parametrize("candidate", CANDIDATES)
@pytest.mark.parametrize("refs", REFS)
@pytest.mark.parametrize("n", [1, 2, 3])
def test_modified_precision_matches_nltk(candidate, refs, n):
    assert sd.modified_precision(candidate, refs, n) == pytest.approx(float(nltk_modified_precision(refs, candidate, n)))


@pytest.mark.parametrize("candidate", CANDIDATES)
@pytest.mark.parametrize("refs", REFS)
@pytest.mark.parametrize("max_n", [1, 2, 4])
def test_bleu_matches_nltk_sentence_bleu(candidate, refs, max_n):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nltk warns when some p_n is 0
        expected = sentence_bleu(refs, candidate, weights=[1 / max_n] * max_n)
    assert sd.bleu_score(candidate, refs, max_n) == pytest.approx(expected, abs=1e-12)


def test_the_course_example_the_the_the_scores_two_sevenths():
    assert sd.modified_precision(CANDIDATES[4], REFS[0], 1) == pytest.approx(2 / 7)


def test_ctc_collapse_merges_runs_then_drops_blanks():
    assert "".join(sd.ctc_collapse("ttt_h_eee___ ___qqq")) == "the q"
    assert sd.ctc_collapse([1, 1, 0, 1, 2, 2], blank=0) == [1, 1, 2]  # a blank keeps a real repeat


@pytest.mark.parametrize("T, C, labels", [(1, 2, [1]), (3, 3, [1, 2]), (4, 3, [1, 1]), (5, 4, [2, 3, 2]), (2, 2, [1, 1])])
@pytest.mark.parametrize("seed", [0, 1])
def test_ctc_loss_sums_the_probability_of_every_path_that_collapses_to_the_labels(T, C, labels, seed):
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((T, C))
    log_probs = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
    total = sum(np.exp(sum(log_probs[t, path[t]] for t in range(T)))
                for path in itertools.product(range(C), repeat=T) if sd.ctc_collapse(list(path), blank=0) == labels)
    loss = sd.ctc_loss(log_probs, labels)
    if total == 0:
        assert loss == np.inf  # (2, 2, [1, 1]): "a_a" needs 3 frames
    else:
        assert loss == pytest.approx(-np.log(total), rel=1e-12)


def test_bad_arguments_are_rejected():
    with pytest.raises(ValueError, match="beam_width must be at least 1"):
        sd.beam_search(toy_model(0), 0, 3, 0)
    with pytest.raises(ValueError, match=r"log_probs has shape \(3,\)"):
        sd.ctc_loss(np.zeros(3), [1])
    with pytest.raises(ValueError, match="exclude the blank"):
        sd.ctc_loss(np.zeros((3, 2)), [0])
    with pytest.raises(ValueError, match="at least one reference"):
        sd.modified_precision(["a"], [], 1)


@pytest.mark.parametrize("bad", [np.array([np.log(0.5), np.nan, np.log(0.2)]), np.log(np.full((1, 3), 1 / 3))])
def test_beam_search_refuses_a_model_that_returns_nan_or_a_matrix(bad):
    """A NaN log-probability would sort anywhere and pick an arbitrary beam; it must be refused."""
    with pytest.raises(ValueError, match=r"next_log_probs\(\).*shape") as caught:
        sd.beam_search(lambda prefix: bad, beam_width=2, max_length=3, end_token=0)
    assert str(bad.shape) in str(caught.value)
