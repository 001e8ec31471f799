"""The date translator: its data (every format reads back, the calendar year), its gradients, its weights."""

from __future__ import annotations

import copy
import datetime as dt

import numpy as np
import pytest
from numpy.testing import assert_allclose

from conftest import ROOT
from dlref import date_data as dd
from dlref import date_translator as tr
from gradcheck import numerical_gradient, relative_error

WEIGHTS = str(ROOT / "examples" / "date_translator" / "weights.npz")
EDGE_DATES = [dt.date(1970, 1, 1), dt.date(2049, 12, 31), dt.date(2000, 2, 29), dt.date(2024, 12, 30),
              dt.date(2024, 12, 31), dt.date(2021, 1, 1), dt.date(2010, 1, 3), dt.date(1979, 5, 3)]


# --- data -------------------------------------------------------------------------------------

@pytest.mark.parametrize("template", list(dd.FORMATS))
def test_every_format_reads_back_to_the_same_date_with_strptime(template):
    for date in EDGE_DATES + [dd.FIRST + dt.timedelta(days=int(k)) for k in np.random.default_rng(3).integers(0, 29_000, 50)]:
        human = template.format(**dd._fields(date))
        assert dt.datetime.strptime(human, dd.FORMATS[template]).date() == date, (template, human)


def test_every_drawn_pair_reads_back_with_one_of_the_formats():
    dataset, *_ = dd.load_dataset(500, np.random.default_rng(4))
    for human, machine in dataset:
        parsed = set()
        for fmt in dd.FORMATS.values():
            try:
                parsed.add(dt.datetime.strptime(human, fmt).date().isoformat())
            except ValueError:
                continue
        assert parsed == {machine}, (human, machine, parsed)


def courses_year(date):
    """The year the course's generator prints: babel's YYY, the en_US week's year (babel ships with mkdocs-material)."""
    from babel.dates import format_date

    return int(format_date(date, "YYY", locale="en_US"))


def test_a_date_whose_week_year_is_not_its_calendar_year_gets_the_calendar_year():
    """The course's generator printed 31 Dec 2024 as "31 Dec 2025"; every format here keeps 2024."""
    for date in (dt.date(2024, 12, 29), dt.date(2024, 12, 31), dt.date(2020, 12, 27)):
        assert courses_year(date) == date.year + 1  # the course's mislabel
        for template in dd.FORMATS:
            human = template.format(**dd._fields(date))
            assert human.endswith((str(date.year), f"{date.year % 100:02d}")) and str(date.year + 1) not in human
    dataset, *_ = dd.load_dataset(5000, np.random.default_rng(5))
    turns = [(human, machine) for human, machine in dataset
             if courses_year(dt.date.fromisoformat(machine)) != int(machine[:4])]
    assert len(turns) >= 10  # the sample holds such dates; each keeps its calendar year in both strings
    for human, machine in turns:
        assert human.endswith((machine[:4], machine[2:4]))


def test_the_courses_week_year_mislabels_about_0_8_percent_of_the_days():
    days = [dd.FIRST + dt.timedelta(days=k) for k in range(0, (dd.LAST - dd.FIRST).days + 1)]
    share = np.mean([courses_year(d) != d.year for d in days])
    assert 0.0075 < share < 0.009  # the errata's "about 0.8%": 3 days a year on average, 3 / 365.25


def test_the_vocabularies_cover_every_format_and_no_string_is_cut():
    dataset, human_vocab, machine_vocab, inv = dd.load_dataset(3000, np.random.default_rng(6))
    assert len(human_vocab) == len(dd.HUMAN_CHARACTERS) + 2 and {"<unk>", "<pad>"} <= set(human_vocab)
    assert sorted(machine_vocab) == sorted("-0123456789") and all(inv[i] == c for c, i in machine_vocab.items())
    X, Y, Xoh, Yoh = dd.preprocess_data(dataset, human_vocab, machine_vocab)
    assert human_vocab["<unk>"] not in X and max(len(h.replace(",", "")) for h, _ in dataset) <= 30
    assert_allclose(Xoh.sum(axis=2), 1.0) and assert_allclose(Yoh.sum(axis=2), 1.0)
    assert (Xoh.argmax(axis=2) == X).all() and (Yoh.argmax(axis=2) == Y).all()


def test_string_to_int_lowers_drops_commas_and_pads():
    _, vocab, _, _ = dd.load_dataset(1, np.random.default_rng(0))
    rep = dd.string_to_int("Thursday, 05/03/1979", 30, vocab)
    assert rep == [vocab[c] for c in "thursday 05/03/1979"] + [vocab["<pad>"]] * 11
    assert dd.string_to_int("3 May 1979 é", 12, vocab)[-1] == vocab["<unk>"]
    assert len(dd.string_to_int("x" * 40, 30, vocab)) == 30


# --- the model --------------------------------------------------------------------------------

def small_problem(seed, m=3, Tx=5, n_x=4, n_y=3, Ty=3):
    rng = np.random.default_rng(seed)
    p = tr.initialize_translator(n_x, n_y, rng, n_a=2, n_s=3, n_e=4)
    p = {g: {k: v + 0.5 * rng.standard_normal(v.shape) for k, v in d.items()} for g, d in p.items()}
    p["attention"]["b2"] = np.array([1.0])  # most energies above the ReLU's kink
    return p, rng.standard_normal((m, Tx, n_x)), rng.standard_normal((m, Ty, n_y)), Ty


def with_entry(p, group, key, value):
    q = {g: dict(d) for g, d in p.items()}
    q[group][key] = value
    return q


@pytest.mark.parametrize("seed", [0, 1])
def test_translator_backward_gradient_check_of_every_parameter(seed):
    p, Xoh, G, Ty = small_problem(seed)
    Y_hat, _, cache = tr.translator_forward(Xoh, p, Ty)
    grads = tr.translator_backward(G, cache)
    analytic, numeric = [], []
    for group, entries in p.items():
        for key, value in entries.items():
            analytic.append(grads[group][f"d{key}"].ravel())
            numeric.append(numerical_gradient(
                lambda v: np.sum(G * tr.translator_forward(Xoh, with_entry(p, group, key, v), Ty)[0]), value).ravel())
            assert analytic[-1].shape == value.ravel().shape, (group, key)
    assert relative_error(np.concatenate(analytic), np.concatenate(numeric)) < 1e-7  # every parameter at once


def test_the_training_gradient_is_the_cost_gradient():
    p, Xoh, _, Ty = small_problem(2)
    Yoh = np.eye(3)[np.random.default_rng(7).integers(0, 3, (3, Ty))]
    Y_hat, _, cache = tr.translator_forward(Xoh, p, Ty)
    grads = tr._backward_from_scores((Y_hat - Yoh) / Xoh.shape[0], cache)
    keys = (("forward", "Wi"), ("backward", "Wc"), ("attention", "W1"), ("post", "Wy"), ("post", "bo"))
    numeric = [numerical_gradient(lambda v: tr.translator_cost(tr.translator_forward(Xoh, with_entry(p, g, k, v), Ty)[0], Yoh),
                                  p[g][k]).ravel() for g, k in keys]
    analytic = [grads[g][f"d{k}"].ravel() for g, k in keys]
    assert relative_error(np.concatenate(analytic), np.concatenate(numeric)) < 1e-7


def test_the_backward_direction_reads_the_sequence_from_its_end():
    """Changing only the last character changes the backward LSTM's state at the first position."""
    p, Xoh, _, Ty = small_problem(3)
    p["forward"] = {k: np.zeros_like(v) for k, v in p["forward"].items()}  # only the backward direction is left
    changed = Xoh.copy()
    changed[:, -1] += 1.0
    (_, a1, _), (_, a2, _) = tr.translator_forward(Xoh, p, Ty), tr.translator_forward(changed, p, Ty)
    assert not np.allclose(a1[:, 0], a2[:, 0])  # the first output step's attention already sees the change


def test_a_few_training_steps_from_scratch_lower_the_cost():
    dataset, hv, mv, _ = dd.load_dataset(200, np.random.default_rng(8))
    _, _, Xoh, Yoh = dd.preprocess_data(dataset, hv, mv)
    p = tr.initialize_translator(len(hv), len(mv), np.random.default_rng(9), n_a=8, n_s=16)
    before = copy.deepcopy(p)
    trained, costs = tr.train_translator(Xoh, Yoh, p, np.random.default_rng(10), epochs=2, batch_size=50, learning_rate=0.01)
    assert len(costs) == 8
    assert tr.translator_cost(tr.translator_forward(Xoh, trained)[0], Yoh) < tr.translator_cost(tr.translator_forward(Xoh, p)[0], Yoh) - 1.0
    for g in p:
        for k in p[g]:
            np.testing.assert_array_equal(p[g][k], before[g][k])  # the starting point is left unchanged


def test_the_committed_weights_translate_fresh_dates_exactly():
    parameters = tr.load_translator(WEIGHTS)
    test, *_ = dd.load_dataset(1000, np.random.default_rng(11))  # a seed the training never used
    predicted = tr.translate([human for human, _ in test], parameters)
    assert np.mean([p == machine for p, (_, machine) in zip(predicted, test)]) >= 0.95
    assert tr.translate(["Tuesday, December 31, 2024", "1 jan 2021"], parameters) == ["2024-12-31", "2021-01-01"]


def test_the_cost_stays_finite_when_a_probability_is_zero():
    assert np.isfinite(tr.translator_cost(np.eye(2)[None, [0, 1]], np.eye(2)[None, [1, 0]]))


# --- bad input --------------------------------------------------------------------------------

@pytest.mark.parametrize("call, name", [
    (lambda p: dd.load_dataset(0, np.random.default_rng(0)), "m"),
    (lambda p: dd.load_dataset(3, 0), "rng"),
    (lambda p: dd.string_to_int(19790503, 30, {"<unk>": 0, "<pad>": 1}), "string"),
    (lambda p: dd.string_to_int("3 may", 30, {"a": 0}), "vocab"),
    (lambda p: dd.preprocess_data([("3 May 1979", "1979-5-3")], *dd._vocabularies()[:2]), "dataset"),
    (lambda p: tr.translator_forward(np.zeros((30, 42)), p), "Xoh"),
    (lambda p: tr.translator_forward(np.zeros((1, 30, 41)), p), "Wf"),
    (lambda p: tr.translator_forward(np.zeros((1, 30, 42)), with_entry(p, "attention", "b1", np.zeros((10, 1)))), "b1"),
    (lambda p: tr.translate("3 May 1979", p), "dates"),
    (lambda p: tr.translator_cost(np.full((1, 10, 11), 0.1), np.zeros((1, 11, 10))), "Yoh"),
])
def test_bad_input_is_a_value_error_naming_the_argument(call, name):
    p = tr.initialize_translator(42, 11, np.random.default_rng(0), n_a=2, n_s=2, n_e=10)
    with pytest.raises(ValueError, match=rf"\b{name}\b"):
        call(p)


def test_the_attention_map_of_the_page_looks_at_the_digits_of_each_field():
    """The page's reading of its figure: each field's output characters attend most to that field's input digits."""
    date = "Thursday, 05/03/1979"
    human_vocab, machine_vocab, _ = dd._vocabularies()
    _, _, Xoh, _ = dd.preprocess_data([(date, "1979-05-03")], human_vocab, machine_vocab)
    _, alphas, _ = tr.translator_forward(Xoh, tr.load_translator(WEIGHTS))
    read = date.lower().replace(",", "")
    fields = {range(0, 4): "1979", range(5, 7): "05", range(8, 10): "03"}  # output rows of 1979-05-03
    for rows, digits in fields.items():
        start = read.index(digits)
        assert all(start <= alphas[0, t].argmax() < start + len(digits) for t in rows), (digits, alphas[0].argmax(axis=1))
