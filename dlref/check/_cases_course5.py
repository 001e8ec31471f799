"""The cases of the Course 5 checks: recurrent networks, word vectors, attention, transformers.

Shapes stay small (m ≤ 4, T_x ≤ 4, n ≤ 5) so that every check runs in a few milliseconds. The
edge cases are the ones the course's slips fail on: saturated gates, logits a thousand apart in
different columns, a padded row, gradients beyond the clipping bound.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from dlref import (
    attention,
    char_model,
    embedding_learning,
    gru,
    lstm,
    rnn,
    rnn_variants,
    sequence_decoding,
    transformer,
    transformer_decoder,
    transformer_encoder,
    word_vectors,
)
from dlref.check._cases import _rng, _spec
from dlref.check._engine import Case, Seed, Spec

C5 = "docs/course-5/"
VARIANTS_PAGE = C5 + "bidirectional-deep-rnns.md"
RNN_PAGE, GATES_PAGE, CHAR_PAGE = C5 + "recurrent-neural-networks.md", C5 + "gru-lstm.md", C5 + "character-language-model.md"
WORDS_PAGE, SEQ_PAGE, TRANSFORMER_PAGE = C5 + "word-embeddings.md", C5 + "sequence-to-sequence.md", C5 + "transformers.md"
LSTM_PAGE = C5 + "lstm.md"  # the LSTM's half of the gated cells
LAYERS_PAGE = C5 + "transformer-layers.md"  # the layers built from attention
LEARN_PAGE = C5 + "learning-word-embeddings.md"  # the skip-gram and GloVe objectives

SHAPES = [(3, 4, 2, 4, 3), (2, 3, 3, 2, 4), (1, 2, 2, 1, 1)]  # n_x, n_a, n_y, m, T_x


# ---------------------------------------------------------------- week 1: the RNN


def _rnn_params(rng: np.random.Generator, n_x: int, n_a: int, n_y: int) -> dict:
    return {
        "Wax": rng.standard_normal((n_a, n_x)),
        "Waa": rng.standard_normal((n_a, n_a)) / np.sqrt(n_a),
        "Wya": rng.standard_normal((n_y, n_a)),
        "ba": rng.standard_normal((n_a, 1)),
        "by": rng.standard_normal((n_y, 1)),
    }


def _far_apart_rnn() -> tuple[dict, np.ndarray, np.ndarray]:
    """Saturated states of opposite signs: the logits are (800, 0) in one column, (−800, 0) in the other."""
    p = {
        "Wax": np.full((2, 1), 50.0),
        "Waa": np.zeros((2, 2)),
        "ba": np.zeros((2, 1)),
        "Wya": np.array([[400.0, 400.0], [0.0, 0.0]]),
        "by": np.zeros((2, 1)),
    }
    return p, np.array([[1.0, -1.0]]), np.zeros((2, 2))


_FAR_APART = "saturated tanh, logits ±800 in different columns"


def cases_rnn_cell_forward() -> list[Case]:
    rng = _rng(500)
    cases = [
        Case(
            f"n_x = {n_x}, n_a = {n_a}, n_y = {n_y}, m = {m}",
            (rng.standard_normal((n_x, m)), rng.standard_normal((n_a, m)), _rnn_params(rng, n_x, n_a, n_y)),
        )
        for n_x, n_a, n_y, m, _ in SHAPES
    ]
    p, xt, a_prev = _far_apart_rnn()
    return cases + [Case(_FAR_APART, (xt, a_prev, p), edge=True)]


def cases_rnn_forward() -> list[Case]:
    rng = _rng(501)
    cases = [
        Case(
            f"n_x = {n_x}, n_a = {n_a}, m = {m}, T_x = {T}",
            (rng.standard_normal((n_x, m, T)), rng.standard_normal((n_a, m)), _rnn_params(rng, n_x, n_a, n_y)),
        )
        for n_x, n_a, n_y, m, T in SHAPES
    ]
    p, xt, a0 = _far_apart_rnn()
    return cases + [Case(_FAR_APART + ", T_x = 2", (np.stack([xt, -xt], axis=2), a0, p), edge=True)]


def cases_rnn_cell_backward() -> list[Case]:
    rng = _rng(502)
    cases = []
    for n_x, n_a, n_y, m, _ in SHAPES:
        _, _, cache = rnn.rnn_cell_forward(
            rng.standard_normal((n_x, m)), rng.standard_normal((n_a, m)), _rnn_params(rng, n_x, n_a, n_y)
        )
        cases.append(Case(f"n_x = {n_x}, n_a = {n_a}, m = {m}", (rng.standard_normal((n_a, m)), cache)))
    return cases


def cases_rnn_backward() -> list[Case]:
    rng = _rng(503)
    cases = []
    for n_x, n_a, n_y, m, T in SHAPES[:2] + [(2, 2, 1, 3, 2)]:
        _, _, caches = rnn.rnn_forward(
            rng.standard_normal((n_x, m, T)), rng.standard_normal((n_a, m)), _rnn_params(rng, n_x, n_a, n_y)
        )
        cases.append(Case(f"n_x = {n_x}, n_a = {n_a}, m = {m}, T_x = {T}", (rng.standard_normal((n_a, m, T)), caches)))
    _, _, caches = rnn.rnn_forward(rng.standard_normal((2, 2, 3)), rng.standard_normal((3, 2)), _rnn_params(rng, 2, 3, 1))
    da = np.zeros((3, 2, 3))
    da[:, :, -1] = rng.standard_normal((3, 2))
    return cases + [Case("a gradient at the last step only, T_x = 3", (da, caches), edge=True)]


# ---------------------------------------------------------------- week 1: GRU and LSTM


def _lstm_params(rng: np.random.Generator, n_x: int, n_a: int, n_y: int, scale: float = 1.0) -> dict:
    p = {f"W{g}": rng.standard_normal((n_a, n_a + n_x)) * scale / np.sqrt(n_a + n_x) for g in "fico"}
    p |= {f"b{g}": rng.standard_normal((n_a, 1)) for g in "fico"}
    return p | {"Wy": rng.standard_normal((n_y, n_a)), "by": rng.standard_normal((n_y, 1))}


def _lstm_problems(seed: int, edge: bool = True) -> list[tuple[str, dict, np.ndarray, np.ndarray, bool]]:
    rng = _rng(seed)
    problems = [
        (
            f"n_x = {n_x}, n_a = {n_a}, m = {m}, T_x = {T}",
            _lstm_params(rng, n_x, n_a, n_y),
            rng.standard_normal((n_x, m, T)),
            rng.standard_normal((n_a, m)),
            False,
        )
        for n_x, n_a, n_y, m, T in SHAPES
    ]
    if edge:
        problems.append(
            (
                "saturated gates: weights × 40",
                _lstm_params(rng, 2, 3, 2, scale=40.0),
                rng.standard_normal((2, 2, 3)),
                rng.standard_normal((3, 2)),
                True,
            )
        )
    return problems


def cases_lstm_cell_forward() -> list[Case]:
    rng = _rng(504)
    return [
        Case(label, (x[:, :, 0], a0, rng.standard_normal(a0.shape), p), edge=edge)
        for label, p, x, a0, edge in _lstm_problems(505)
    ]


def cases_lstm_forward() -> list[Case]:
    return [Case(label, (x, a0, p), edge=edge) for label, p, x, a0, edge in _lstm_problems(506)]


def cases_lstm_cell_backward() -> list[Case]:
    rng = _rng(507)
    cases = []
    for label, p, x, a0, edge in _lstm_problems(508):
        *_, cache = lstm.lstm_cell_forward(x[:, :, 0], a0, rng.standard_normal(a0.shape), p)
        cases.append(Case(label, (rng.standard_normal(a0.shape), rng.standard_normal(a0.shape), cache), edge=edge))
    return cases


def cases_lstm_backward() -> list[Case]:
    rng = _rng(509)
    cases = []
    for label, p, x, a0, edge in _lstm_problems(510):
        *_, caches = lstm.lstm_forward(x, a0, p)
        cases.append(Case(label, (rng.standard_normal(a0.shape + (x.shape[2],)), caches), edge=edge))
    return cases


def _gru_params(rng: np.random.Generator, n_x: int, n_a: int, full: bool) -> dict:
    gates = "ucr" if full else "uc"
    return {f"W{g}": rng.standard_normal((n_a, n_a + n_x)) / np.sqrt(n_a + n_x) for g in gates} | {
        f"b{g}": rng.standard_normal((n_a, 1)) for g in gates
    }


def _gru_problems(seed: int) -> list[tuple[str, dict, np.ndarray, np.ndarray]]:
    rng = _rng(seed)
    return [
        (
            f"{'full' if full else 'simplified'} GRU, n_x = {n_x}, n_a = {n_a}, m = {m}, T_x = {T}",
            _gru_params(rng, n_x, n_a, full),
            rng.standard_normal((n_x, m, T)),
            rng.standard_normal((n_a, m)),
        )
        for full, (n_x, n_a, _, m, T) in zip((True, False, True), SHAPES)
    ]


def cases_gru_cell_forward() -> list[Case]:
    return [Case(label, (x[:, :, 0], c0, p)) for label, p, x, c0 in _gru_problems(511)]


def cases_gru_forward() -> list[Case]:
    return [Case(label, (x, c0, p)) for label, p, x, c0 in _gru_problems(512)]


def cases_gru_cell_backward() -> list[Case]:
    rng = _rng(513)
    return [
        Case(label, (rng.standard_normal(c0.shape), gru.gru_cell_forward(x[:, :, 0], c0, p)[1]))
        for label, p, x, c0 in _gru_problems(514)
    ]


def cases_gru_backward() -> list[Case]:
    rng = _rng(515)
    return [
        Case(label, (rng.standard_normal(c0.shape + (x.shape[2],)), gru.gru_forward(x, c0, p)[1]))
        for label, p, x, c0 in _gru_problems(516)
    ]


def _layer(rng: np.random.Generator, n_in: int, n_a: int) -> dict:
    return {
        "Wax": rng.standard_normal((n_a, n_in)),
        "Waa": rng.standard_normal((n_a, n_a)) / np.sqrt(n_a),
        "ba": rng.standard_normal((n_a, 1)),
    }


def cases_brnn_forward() -> list[Case]:
    rng = _rng(517)
    cases = []
    for n_x, n_a, n_y, m, T in SHAPES:
        p = {
            "forward": _layer(rng, n_x, n_a),
            "backward": _layer(rng, n_x, n_a),
            "Wy": rng.standard_normal((n_y, 2 * n_a)),
            "by": rng.standard_normal((n_y, 1)),
        }
        args = (rng.standard_normal((n_x, m, T)), rng.standard_normal((n_a, m)), rng.standard_normal((n_a, m)), p)
        cases.append(Case(f"n_x = {n_x}, n_a = {n_a}, m = {m}, T_x = {T}", args))
    return cases


def cases_deep_rnn_forward() -> list[Case]:
    rng = _rng(518)
    cases = []
    for n_x, sizes, n_y, m, T in [(3, [4, 2], 2, 3, 3), (2, [3, 3, 2], 3, 2, 4), (1, [2], 2, 1, 2)]:
        layers = [_layer(rng, n_in, n_a) for n_in, n_a in zip([n_x] + sizes[:-1], sizes)]
        p = {"layers": layers, "Wy": rng.standard_normal((n_y, sizes[-1])), "by": rng.standard_normal((n_y, 1))}
        a0 = [rng.standard_normal((n_a, m)) for n_a in sizes]
        cases.append(Case(f"layers {sizes}, n_x = {n_x}, m = {m}, T_x = {T}", (rng.standard_normal((n_x, m, T)), a0, p)))
    return cases


def _backward_cases(forward, forward_cases: list[Case], seed: int) -> list[Case]:
    """The forward's cases run, with a random upstream gradient of their predictions: (dy, caches)."""
    rng = _rng(seed)
    cases = []
    for case in forward_cases:
        *_, y_pred, caches = forward(*case.args)
        cases.append(Case(case.label, (rng.standard_normal(y_pred.shape), caches)))
    return cases


def cases_brnn_backward() -> list[Case]:
    return _backward_cases(rnn_variants.brnn_forward, cases_brnn_forward(), 519)


def cases_deep_rnn_backward() -> list[Case]:
    return _backward_cases(rnn_variants.deep_rnn_forward, cases_deep_rnn_forward(), 520)


# ---------------------------------------------------------------- week 1: the character-level model

CHARS = ["\n", "a", "b", "c", "d"]
CHAR_TO_IX = {c: i for i, c in enumerate(CHARS)}


def _char_params(rng: np.random.Generator, n_a: int, vocab: int = len(CHARS), scale: float = 0.5) -> dict:
    return {
        "Wax": scale * rng.standard_normal((n_a, vocab)),
        "Waa": scale * rng.standard_normal((n_a, n_a)),
        "Wya": scale * rng.standard_normal((vocab, n_a)),
        "ba": scale * rng.standard_normal((n_a, 1)),
        "by": scale * rng.standard_normal((vocab, 1)),
    }


def cases_clip() -> list[Case]:
    rng = _rng(519)
    cases = []
    for n_a, bound in [(3, 5.0), (2, 1.0), (4, 10.0)]:
        gradients = {f"d{k}": v * 8 for k, v in _char_params(rng, n_a, scale=1.0).items()}  # many entries beyond the bound
        cases.append(Case(f"n_a = {n_a}, maxValue = {bound:g}", (gradients, bound)))
    return cases


def cases_sample() -> list[Case]:
    rng = _rng(520)
    return [
        Case(
            f"n_a = {n_a}, max_length = {length}",
            (_char_params(rng, n_a, scale=scale), CHAR_TO_IX, Seed(i)),
            {"max_length": length},
        )
        for i, (n_a, scale, length) in enumerate([(3, 0.5, 50), (4, 1.0, 8), (2, 0.2, 3)])
    ]


def cases_char_model_optimize() -> list[Case]:
    rng = _rng(521)
    cases = []
    for word, n_a, alpha, bound in [("abc", 3, 0.01, 5.0), ("dab", 4, 0.1, 0.05), ("c", 2, 0.5, 5.0)]:
        ix = [CHAR_TO_IX[c] for c in word]
        args = ([None] + ix, ix + [CHAR_TO_IX["\n"]], rng.standard_normal((n_a, 1)), _char_params(rng, n_a))
        cases.append(
            Case(
                f'"{word}", n_a = {n_a}, maxValue = {bound:g}', args, {"learning_rate": alpha, "maxValue": bound}, edge=bound < 1
            )
        )
    return cases


def cases_char_model_model() -> list[Case]:
    words = [["ab", "cad", "bd"], ["dab", "c", "abba", "cd"]]
    return [
        Case(f"{len(w)} words, n_a = {n_a}, {it} iterations", (w, CHAR_TO_IX, Seed(i)), {"num_iterations": it, "n_a": n_a})
        for i, (w, n_a, it) in enumerate([(words[0], 3, 6), (words[1], 4, 9)])
    ]


# ---------------------------------------------------------------- week 2: word vectors


def _vectors(seed: int, n: int = 5) -> dict:
    rng = _rng(seed)
    words = ["man", "woman", "king", "queen", "boy", "girl", "actor", "actress", "nurse", "doctor"]
    return {w: rng.standard_normal(n) for w in words}


def cases_cosine_similarity() -> list[Case]:
    rng = _rng(522)
    cases = [Case(f"u, v of length {n}", (rng.standard_normal(n), rng.standard_normal(n) * 3)) for n in (5, 2, 4)]
    u = rng.standard_normal(4)
    return cases + [
        Case("v = −3u: similarity −1", (u, -3 * u), edge=True),
        Case("vectors of length 1e3: long, parallel", (u * 1e3, u * 2e3), edge=True),
    ]


def cases_complete_analogy() -> list[Case]:
    m = _vectors(523)
    m["queen"] = m["king"] - m["man"] + m["woman"] + 0.1 * _rng(524).standard_normal(5)
    m["actress"] = m["actor"] - m["man"] + m["woman"] + 0.2 * _rng(525).standard_normal(5)
    return [
        Case(f"{a} : {b} :: {c} : ?", (a, b, c, m))
        for a, b, c in [("man", "woman", "king"), ("man", "woman", "actor"), ("woman", "man", "queen"), ("boy", "girl", "nurse")]
    ]


def cases_neutralize() -> list[Case]:
    m = _vectors(526)
    g = m["woman"] - m["man"]
    return [Case(f'"{w}", g = woman − man', (w, g, m)) for w in ("nurse", "doctor", "actor")] + [
        Case('"nurse", g = 3 (woman − man): a long bias axis', ("nurse", 3 * g, m))
    ]


def cases_equalize() -> list[Case]:
    m = _vectors(527)
    g = m["woman"] - m["man"]
    return [Case(f"{pair}, g = woman − man", (pair, g, m)) for pair in (("actor", "actress"), ("boy", "girl"), ("king", "queen"))]


def cases_sentence_to_avg() -> list[Case]:
    m = _vectors(528)
    return [
        Case('"man king woman"', ("man king woman", m)),
        Case('"Boy  girl"', ("Boy  girl", m)),
        Case('"the nurse and the doctor": unknown words', ("the nurse and the doctor", m), edge=True),
        Case('"no word is known": zeros', ("no word is known", m), edge=True),
    ]


def cases_skipgram_negative_sampling_loss() -> list[Case]:
    rng = _rng(529)
    cases = [
        Case(f"d = {d}, k = {k}", (rng.standard_normal(d), rng.standard_normal(d), rng.standard_normal((k, d))))
        for d, k in [(5, 3), (2, 1), (4, 5)]
    ]
    e = rng.standard_normal(3)
    return cases + [Case("|z| ≈ 1000: log σ saturated", (e * 300, e * 1.0, np.stack([e, -e])), edge=True)]


def cases_negative_sampling_distribution() -> list[Case]:
    return [
        Case("counts [16, 1, 4]", (np.array([16.0, 1.0, 4.0]),)),
        Case("counts of 5 words, power 0.5", (np.arange(1.0, 6.0), 0.5)),
        Case("a word never seen", (np.array([3.0, 0.0, 9.0]),), edge=True),
    ]


def cases_glove_loss() -> list[Case]:
    rng = _rng(530)
    cases = []
    for V, d, x_max in [(4, 3, 100.0), (3, 2, 5.0), (5, 2, 10.0)]:
        X = np.floor(rng.random((V, V)) * 2 * x_max) * (rng.random((V, V)) < 0.7)  # some zeros: their terms vanish
        args = (X, rng.standard_normal((V, d)), rng.standard_normal((V, d)), rng.standard_normal(V), rng.standard_normal(V))
        cases.append(Case(f"V = {V}, d = {d}, x_max = {x_max:g}", args, {"x_max": x_max}))
    return cases


# ---------------------------------------------------------------- week 3: decoding, BLEU, CTC, attention


@dataclass(frozen=True)
class Table:
    """A toy model for beam search: the log-probabilities of the next token after each prefix."""

    rows: tuple
    default: tuple

    def __call__(self, prefix: tuple) -> np.ndarray:
        return np.array(dict(self.rows).get(tuple(prefix), self.default))

    def __repr__(self) -> str:
        return f"a table of {len(self.rows)} prefixes"


def _table(seed: int, vocab: int, depth: int) -> Table:
    rng = _rng(seed)
    prefixes = [p for n in range(depth + 1) for p in itertools.product(range(1, vocab), repeat=n)]  # token 0 ends a sentence
    rows = tuple((p, tuple(np.log(rng.dirichlet(np.ones(vocab))))) for p in prefixes)
    return Table(rows, tuple(np.log(rng.dirichlet(np.ones(vocab)))))


def cases_beam_search() -> list[Case]:
    cases = [
        Case(f"vocab {v}, beam_width = {b}, max_length = {n}, alpha = {a:g}", (_table(531 + i, v, 2), b, n, 0), {"alpha": a})
        for i, (v, b, n, a) in enumerate([(3, 2, 3, 0.7), (4, 3, 4, 1.0), (3, 1, 3, 0.0), (4, 2, 2, 0.5)])
    ]
    return cases


_REFS = ["the cat is on the mat".split(), "there is a cat on the mat".split()]


def cases_modified_precision() -> list[Case]:
    return [
        Case(f'"{" ".join(c)}", n = {n}', (c, _REFS, n))
        for c, n in [
            ("the cat the cat on the mat".split(), 1),
            ("the cat the cat on the mat".split(), 2),
            ("the the the the the the the".split(), 1),
            ("a cat is on a mat".split(), 3),
        ]
    ] + [Case('a candidate shorter than n: "cat"', (["cat"], _REFS, 2), edge=True)]


def cases_bleu_score() -> list[Case]:
    return [
        Case(f'"{" ".join(c)}", max_n = {n}', (c, _REFS, n))
        for c, n in [
            ("the cat is on the mat".split(), 4),
            ("the cat the cat on the mat".split(), 2),
            ("a cat is on the mat".split(), 3),
            ("the cat".split(), 2),
        ]
    ] + [Case('no 4-gram in common: "mat the cat on"', ("mat the cat on".split(), _REFS, 4), edge=True)]


def cases_ctc_collapse() -> list[Case]:
    return [
        Case('"ttt_h_eee___ ___qqq"', (list("ttt_h_eee___ ___qqq"),)),
        Case('"aa_a"', (list("aa_a"),)),
        Case("token ids, blank 0", ([3, 3, 0, 3, 1, 1, 0, 0, 2],), {"blank": 0}),
        Case('"___": all blanks', (list("___"),), edge=True),
    ]


def cases_ctc_loss() -> list[Case]:
    rng = _rng(535)
    cases = []
    for T, C, labels in [(4, 3, [1, 2]), (5, 3, [1, 1]), (3, 4, [3]), (4, 2, [])]:
        logits = rng.standard_normal((T, C))
        log_probs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
        cases.append(Case(f"T = {T}, {C} tokens, labels {labels}", (log_probs, labels), edge=len(labels) < 1))
    return cases


def _attention_params(rng: np.random.Generator, n_in: int, n_e: int) -> dict:
    return {
        "W1": rng.standard_normal((n_in, n_e)),
        "b1": rng.standard_normal(n_e),
        "W2": rng.standard_normal((n_e, 1)),
        "b2": np.array([0.5]),
    }


def _attention_problems(seed: int) -> list[tuple[str, np.ndarray, np.ndarray, dict]]:
    rng = _rng(seed)
    return [
        (
            f"m = {m}, T_x = {T}, n_a2 = {n_a2}, n_s = {n_s}",
            rng.standard_normal((m, T, n_a2)),
            rng.standard_normal((m, n_s)),
            _attention_params(rng, n_a2 + n_s, n_e),
        )
        for m, T, n_a2, n_s, n_e in [(3, 4, 2, 3, 5), (2, 3, 4, 2, 3), (1, 2, 3, 1, 2)]
    ]


def cases_one_step_attention_forward() -> list[Case]:
    return [Case(label, (a, s, p)) for label, a, s, p in _attention_problems(536)]


def cases_one_step_attention_backward() -> list[Case]:
    rng = _rng(537)
    cases = []
    for label, a, s, p in _attention_problems(538):
        context, _, cache = attention.one_step_attention_forward(a, s, p)
        cases.append(Case(label, (rng.standard_normal(context.shape), cache)))
    return cases


# ---------------------------------------------------------------- week 4: the transformer


def cases_get_angles() -> list[Case]:
    return [
        Case(f"{n} positions, d = {d}", (np.arange(n, dtype=float)[:, None], np.arange(d)[None, :], d))
        for n, d in [(4, 6), (3, 5), (1, 2)]
    ]


def cases_positional_encoding() -> list[Case]:
    return [Case(f"positions = {n}, d = {d}", (n, d)) for n, d in [(4, 6), (3, 5), (5, 8), (1, 2)]]


def cases_create_padding_mask() -> list[Case]:
    return [
        Case("ids (2, 4)", ([[7, 6, 0, 0], [1, 2, 3, 4]],)),
        Case("ids (3, 3)", ([[5, 0, 0], [3, 1, 0], [2, 2, 2]],)),
        Case("a row of padding only", ([[0, 0, 0], [4, 0, 1]],), edge=True),
    ]


def cases_create_look_ahead_mask() -> list[Case]:
    return [Case(f"sequence_length = {n}", (n,)) for n in (4, 3, 5)] + [Case("sequence_length = 1", (1,), edge=True)]


def _qkv(rng: np.random.Generator, batch: int, sq: int, sk: int, depth: int, dv: int) -> tuple[np.ndarray, ...]:
    return (
        rng.standard_normal((batch, sq, depth)),
        rng.standard_normal((batch, sk, depth)),
        rng.standard_normal((batch, sk, dv)),
    )


def cases_scaled_dot_product_attention() -> list[Case]:
    rng = _rng(539)
    cases = [
        Case("q (2, 3, 4), k (2, 4, 4), no mask", _qkv(rng, 2, 3, 4, 4, 2) + (None,)),
        Case("q (1, 4, 2), k (1, 4, 2), look-ahead mask", _qkv(rng, 1, 4, 4, 2, 3) + (transformer.create_look_ahead_mask(4),)),
        Case(
            "q (2, 2, 3), k (2, 3, 3), padding mask",
            _qkv(rng, 2, 2, 3, 3, 2) + (transformer.create_padding_mask([[4, 1, 0], [2, 0, 0]]),),
        ),
    ]
    q, k, v = _qkv(rng, 1, 2, 3, 2, 2)
    padded = transformer.create_padding_mask([[3, 1, 0], [0, 0, 0]])  # the second sequence is padding only
    return cases + [
        Case("logits near ±1000", (q * 30, k * 30, v, None), edge=True),
        Case("a mask row of zeros: a sequence of padding only", _qkv(rng, 2, 2, 3, 2, 2) + (padded,), edge=True),
    ]


def cases_scaled_dot_product_attention_backward() -> list[Case]:
    rng = _rng(540)
    cases = []
    for label, (q, k, v), mask in [
        ("q (2, 3, 4), k (2, 4, 4)", _qkv(rng, 2, 3, 4, 4, 2), None),
        ("look-ahead mask, seq 4", _qkv(rng, 1, 4, 4, 2, 3), transformer.create_look_ahead_mask(4)),
        ("q (3, 2), k (2, 2), rank 2", tuple(x[0] for x in _qkv(rng, 1, 3, 2, 2, 2)), None),
    ]:
        out, w = transformer.scaled_dot_product_attention(q, k, v, mask)
        cases.append(Case(label, (rng.standard_normal(out.shape), q, k, v, w)))
    return cases


D, H, F = 4, 2, 6  # d_model, heads, d_ff


def _mha(rng: np.random.Generator) -> dict:
    return {f"W{n}": rng.standard_normal((D, D)) / np.sqrt(D) for n in "qkvo"} | {
        f"b{n}": 0.1 * rng.standard_normal(D) for n in "qkvo"
    }


def _ln(rng: np.random.Generator) -> dict:
    return {"gamma": 1 + 0.1 * rng.standard_normal(D), "beta": 0.1 * rng.standard_normal(D)}


def _ffn(rng: np.random.Generator) -> dict:
    return {
        "W1": rng.standard_normal((D, F)) / 2,
        "b1": 0.1 * rng.standard_normal(F),
        "W2": rng.standard_normal((F, D)) / 2,
        "b2": 0.1 * rng.standard_normal(D),
    }


def _encoder_layer(rng: np.random.Generator) -> dict:
    return {"mha": _mha(rng), "ln1": _ln(rng), "ffn": _ffn(rng), "ln2": _ln(rng)}


def _decoder_layer(rng: np.random.Generator) -> dict:
    return {"mha1": _mha(rng), "mha2": _mha(rng), "ln1": _ln(rng), "ln2": _ln(rng), "ln3": _ln(rng), "ffn": _ffn(rng)}


PAD_MASK = ([[3, 1, 2], [5, 4, 0]], "a padding mask")


def _mha_problems(seed: int) -> list[tuple[str, tuple, dict]]:
    rng = _rng(seed)
    x = rng.standard_normal((2, 3, D))
    return [
        ("self-attention, batch 2, seq 3, no mask", (x, x, x, None), _mha(rng)),
        ("self-attention with a padding mask", (x, x, x, transformer.create_padding_mask(PAD_MASK[0])), _mha(rng)),
        (
            "cross-attention: queries (1, 2, 4), keys (1, 4, 4)",
            (rng.standard_normal((1, 2, D)),) + (rng.standard_normal((1, 4, D)),) * 2 + (None,),
            _mha(rng),
        ),
    ]


def cases_multi_head_attention_forward() -> list[Case]:
    return [Case(label, args + (p, H)) for label, args, p in _mha_problems(541)]


def cases_multi_head_attention_backward() -> list[Case]:
    rng = _rng(542)
    cases = []
    for label, args, p in _mha_problems(543):
        out, cache = transformer_encoder.multi_head_attention_forward(*args, p, H)
        cases.append(Case(label, (rng.standard_normal(out.shape), cache)))
    return cases


def _ln_problems(seed: int) -> list[tuple[str, np.ndarray, np.ndarray, np.ndarray, dict]]:
    rng = _rng(seed)
    return [
        (f"x {s}", rng.standard_normal(s) * 3 + 1, 1 + 0.1 * rng.standard_normal(s[-1]), 0.1 * rng.standard_normal(s[-1]), {})
        for s in [(2, 3, 4), (1, 2, 5), (3, 1, 2)]
    ] + [("x (2, 3, 4), epsilon = 0.5", rng.standard_normal((2, 3, 4)), np.ones(4), np.zeros(4), {"epsilon": 0.5})]


def cases_layer_norm_forward() -> list[Case]:
    return [Case(label, (x, g, b), kw) for label, x, g, b, kw in _ln_problems(544)]


def cases_layer_norm_backward() -> list[Case]:
    rng = _rng(545)
    return [
        Case(label, (rng.standard_normal(x.shape), transformer_encoder.layer_norm_forward(x, g, b, **kw)[1]))
        for label, x, g, b, kw in _ln_problems(546)
    ]


def cases_ffn_forward() -> list[Case]:
    rng = _rng(547)
    return [Case(f"x {s}", (rng.standard_normal(s), _ffn(rng))) for s in [(2, 3, D), (1, 4, D), (3, 1, D)]]


def cases_ffn_backward() -> list[Case]:
    rng = _rng(548)
    cases = []
    for s in [(2, 3, D), (1, 4, D), (3, 1, D)]:
        out, cache = transformer_encoder.ffn_forward(rng.standard_normal(s), _ffn(rng))
        cases.append(Case(f"x {s}", (rng.standard_normal(out.shape), cache)))
    return cases


def _encoder_problems(seed: int) -> list[tuple[str, np.ndarray, object, dict]]:
    rng = _rng(seed)
    return [
        ("batch 2, seq 3, no mask", rng.standard_normal((2, 3, D)), None, _encoder_layer(rng)),
        (
            "batch 2, seq 3, " + PAD_MASK[1],
            rng.standard_normal((2, 3, D)),
            transformer.create_padding_mask(PAD_MASK[0]),
            _encoder_layer(rng),
        ),
        ("batch 1, seq 4", rng.standard_normal((1, 4, D)), None, _encoder_layer(rng)),
    ]


def cases_encoder_layer_forward() -> list[Case]:
    return [Case(label, (x, mask, p, H)) for label, x, mask, p in _encoder_problems(549)]


def cases_encoder_layer_backward() -> list[Case]:
    rng = _rng(550)
    cases = []
    for label, x, mask, p in _encoder_problems(551):
        out, cache = transformer_encoder.encoder_layer_forward(x, mask, p, H)
        cases.append(Case(label, (rng.standard_normal(out.shape), cache)))
    return cases


def _decoder_problems(seed: int) -> list[tuple[str, tuple, dict]]:
    rng = _rng(seed)
    look, pad = transformer.create_look_ahead_mask(3), transformer.create_padding_mask([[3, 1, 2, 7], [5, 4, 0, 0]])
    return [
        (
            "batch 2, targets 3, inputs 4, no masks",
            (rng.standard_normal((2, 3, D)), rng.standard_normal((2, 4, D)), None, None),
            _decoder_layer(rng),
        ),
        (
            "batch 2, look-ahead and padding masks",
            (rng.standard_normal((2, 3, D)), rng.standard_normal((2, 4, D)), look, pad),
            _decoder_layer(rng),
        ),
        (
            "batch 1, targets 2, inputs 3",
            (rng.standard_normal((1, 2, D)), rng.standard_normal((1, 3, D)), transformer.create_look_ahead_mask(2), None),
            _decoder_layer(rng),
        ),
    ]


def cases_decoder_layer_forward() -> list[Case]:
    return [Case(label, args + (p, H)) for label, args, p in _decoder_problems(552)]


def cases_decoder_layer_backward() -> list[Case]:
    rng = _rng(553)
    cases = []
    for label, args, p in _decoder_problems(554):
        out, cache = transformer_decoder.decoder_layer_forward(*args, p, H)
        cases.append(Case(label, (rng.standard_normal(out.shape), cache)))
    return cases


def cases_transformer_forward() -> list[Case]:
    rng = _rng(555)
    cases = []
    for n_layers, inp, tar in [(1, [[1, 2, 3, 0], [4, 5, 0, 0]], [[1, 2, 3], [5, 4, 0]]), (2, [[6, 1, 2]], [[2, 3]])]:
        p = {
            "enc_embedding": rng.standard_normal((7, D)),
            "dec_embedding": rng.standard_normal((6, D)),
            "encoder": [_encoder_layer(rng) for _ in range(n_layers)],
            "decoder": [_decoder_layer(rng) for _ in range(n_layers)],
            "W_out": rng.standard_normal((D, 6)),
            "b_out": rng.standard_normal(6),
        }
        cases.append(Case(f"{n_layers} layers, inputs {np.shape(inp)}, targets {np.shape(tar)}", (inp, tar, p, H)))
    return cases


# ---------------------------------------------------------------- the checks

_DICT = ""  # the backward passes return one dict of named gradients: its keys name them

SPECS: list[Spec] = [
    # week 1: the RNN, the LSTM, the GRU, and the variants
    _spec("rnn_cell_forward", rnn.rnn_cell_forward, cases_rnn_cell_forward, ("a_next", "yt_pred", "cache"), RNN_PAGE),
    _spec("rnn_forward", rnn.rnn_forward, cases_rnn_forward, ("a", "y_pred", "caches"), RNN_PAGE),
    _spec("rnn_cell_backward", rnn.rnn_cell_backward, cases_rnn_cell_backward, _DICT, RNN_PAGE),
    _spec("rnn_backward", rnn.rnn_backward, cases_rnn_backward, _DICT, RNN_PAGE),
    _spec(
        "lstm_cell_forward", lstm.lstm_cell_forward, cases_lstm_cell_forward, ("a_next", "c_next", "yt_pred", "cache"), LSTM_PAGE
    ),
    _spec("lstm_forward", lstm.lstm_forward, cases_lstm_forward, ("a", "y", "c", "caches"), LSTM_PAGE),
    _spec("lstm_cell_backward", lstm.lstm_cell_backward, cases_lstm_cell_backward, _DICT, LSTM_PAGE),
    _spec("lstm_backward", lstm.lstm_backward, cases_lstm_backward, _DICT, LSTM_PAGE),
    _spec("gru_cell_forward", gru.gru_cell_forward, cases_gru_cell_forward, ("c_next", "cache"), GATES_PAGE, ignore=("cache",)),
    _spec("gru_forward", gru.gru_forward, cases_gru_forward, ("c", "caches"), GATES_PAGE, ignore=("caches",)),
    _spec("gru_cell_backward", gru.gru_cell_backward, cases_gru_cell_backward, _DICT, GATES_PAGE),
    _spec("gru_backward", gru.gru_backward, cases_gru_backward, _DICT, GATES_PAGE),
    _spec("brnn_forward", rnn_variants.brnn_forward, cases_brnn_forward, ("a_f", "a_b", "y_pred", "caches"), VARIANTS_PAGE,
          ignore=("caches",)),
    _spec("brnn_backward", rnn_variants.brnn_backward, cases_brnn_backward, _DICT, VARIANTS_PAGE),
    _spec("deep_rnn_forward", rnn_variants.deep_rnn_forward, cases_deep_rnn_forward, ("a", "y_pred", "caches"), VARIANTS_PAGE,
          ignore=("caches",)),
    _spec("deep_rnn_backward", rnn_variants.deep_rnn_backward, cases_deep_rnn_backward, _DICT, VARIANTS_PAGE),
    # week 1: the character-level language model
    _spec("clip", char_model.clip, cases_clip, _DICT, CHAR_PAGE),
    _spec("sample", char_model.sample, cases_sample, "indices", CHAR_PAGE, random=True),
    _spec(
        "char_model_optimize",
        char_model.optimize,
        cases_char_model_optimize,
        ("loss", "gradients", "a_last", "parameters"),
        CHAR_PAGE,
        assignment=("optimize",),
    ),
    _spec(
        "char_model_model",
        char_model.model,
        cases_char_model_model,
        ("parameters", "losses"),
        CHAR_PAGE,
        random=True,
        assignment=("model",),
    ),
    # week 2: word vectors and how they are learned
    _spec("cosine_similarity", word_vectors.cosine_similarity, cases_cosine_similarity, "similarity", WORDS_PAGE),
    _spec("complete_analogy", word_vectors.complete_analogy, cases_complete_analogy, "best_word", WORDS_PAGE),
    _spec("neutralize", word_vectors.neutralize, cases_neutralize, "e_debiased", WORDS_PAGE),
    _spec("equalize", word_vectors.equalize, cases_equalize, ("e1", "e2"), WORDS_PAGE),
    _spec("sentence_to_avg", word_vectors.sentence_to_avg, cases_sentence_to_avg, "avg", WORDS_PAGE),
    _spec(
        "skipgram_negative_sampling_loss",
        embedding_learning.skipgram_negative_sampling_loss,
        cases_skipgram_negative_sampling_loss,
        ("loss", "gradients"),
        LEARN_PAGE,
    ),
    _spec(
        "negative_sampling_distribution",
        embedding_learning.negative_sampling_distribution,
        cases_negative_sampling_distribution,
        "p",
        LEARN_PAGE,
    ),
    _spec("glove_loss", embedding_learning.glove_loss, cases_glove_loss, ("loss", "gradients"), LEARN_PAGE),
    # week 3: decoding, BLEU, CTC, attention
    _spec("beam_search", sequence_decoding.beam_search, cases_beam_search, ("best", "score"), SEQ_PAGE),
    _spec("modified_precision", sequence_decoding.modified_precision, cases_modified_precision, "p_n", SEQ_PAGE),
    _spec("bleu_score", sequence_decoding.bleu_score, cases_bleu_score, "bleu", SEQ_PAGE),
    _spec("ctc_collapse", sequence_decoding.ctc_collapse, cases_ctc_collapse, "collapsed", SEQ_PAGE),
    _spec("ctc_loss", sequence_decoding.ctc_loss, cases_ctc_loss, "loss", SEQ_PAGE),
    _spec(
        "one_step_attention_forward",
        attention.one_step_attention_forward,
        cases_one_step_attention_forward,
        ("context", "alphas", "cache"),
        SEQ_PAGE,
        ignore=("cache",),
        assignment=("one_step_attention",),
    ),
    _spec(
        "one_step_attention_backward",
        attention.one_step_attention_backward,
        cases_one_step_attention_backward,
        ("da", "ds_prev", "gradients"),
        SEQ_PAGE,
    ),
    # week 4: the transformer
    _spec("get_angles", transformer.get_angles, cases_get_angles, "angles", TRANSFORMER_PAGE),
    _spec("positional_encoding", transformer.positional_encoding, cases_positional_encoding, "pos_encoding", TRANSFORMER_PAGE),
    _spec("create_padding_mask", transformer.create_padding_mask, cases_create_padding_mask, "mask", TRANSFORMER_PAGE),
    _spec("create_look_ahead_mask", transformer.create_look_ahead_mask, cases_create_look_ahead_mask, "mask", TRANSFORMER_PAGE),
    _spec(
        "scaled_dot_product_attention",
        transformer.scaled_dot_product_attention,
        cases_scaled_dot_product_attention,
        ("output", "attention_weights"),
        TRANSFORMER_PAGE,
    ),
    _spec(
        "scaled_dot_product_attention_backward",
        transformer.scaled_dot_product_attention_backward,
        cases_scaled_dot_product_attention_backward,
        ("dq", "dk", "dv"),
        TRANSFORMER_PAGE,
    ),
    _spec(
        "multi_head_attention_forward",
        transformer_encoder.multi_head_attention_forward,
        cases_multi_head_attention_forward,
        ("out", "cache"),
        LAYERS_PAGE,
        ignore=("cache",),
    ),
    _spec(
        "multi_head_attention_backward",
        transformer_encoder.multi_head_attention_backward,
        cases_multi_head_attention_backward,
        _DICT,
        LAYERS_PAGE,
    ),
    _spec(
        "layer_norm_forward",
        transformer_encoder.layer_norm_forward,
        cases_layer_norm_forward,
        ("out", "cache"),
        LAYERS_PAGE,
        ignore=("cache",),
    ),
    _spec(
        "layer_norm_backward",
        transformer_encoder.layer_norm_backward,
        cases_layer_norm_backward,
        ("dx", "dgamma", "dbeta"),
        LAYERS_PAGE,
    ),
    _spec(
        "ffn_forward", transformer_encoder.ffn_forward, cases_ffn_forward, ("out", "cache"), LAYERS_PAGE, ignore=("cache",)
    ),
    _spec("ffn_backward", transformer_encoder.ffn_backward, cases_ffn_backward, _DICT, LAYERS_PAGE),
    _spec(
        "encoder_layer_forward",
        transformer_encoder.encoder_layer_forward,
        cases_encoder_layer_forward,
        ("out", "cache"),
        LAYERS_PAGE,
        ignore=("cache",),
    ),
    _spec(
        "encoder_layer_backward", transformer_encoder.encoder_layer_backward, cases_encoder_layer_backward, "", LAYERS_PAGE
    ),
    _spec(
        "decoder_layer_forward",
        transformer_decoder.decoder_layer_forward,
        cases_decoder_layer_forward,
        ("out", "cache"),
        LAYERS_PAGE,
        ignore=("cache",),
    ),
    _spec(
        "decoder_layer_backward", transformer_decoder.decoder_layer_backward, cases_decoder_layer_backward, "", LAYERS_PAGE
    ),
    _spec(
        "transformer_forward",
        transformer_decoder.transformer_forward,
        cases_transformer_forward,
        "probabilities",
        LAYERS_PAGE,
    ),
]
