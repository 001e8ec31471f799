"""Single-number metrics and model choice on the course's own numbers, against scikit-learn."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose
from sklearn.metrics import confusion_matrix, f1_score as sk_f1, precision_score, recall_score

from dlref.metrics import (
    average_error,
    choose_model,
    confusion_counts,
    f1_score,
    precision_recall_f1,
    weighted_error,
)


@pytest.mark.parametrize("precision, recall, f1", [(0.95, 0.90, 0.924), (0.98, 0.85, 0.910)])
def test_the_course_classifiers_A_and_B_have_F1_92_4_and_91_0_percent(precision, recall, f1):
    assert round(f1_score(precision, recall), 3) == f1


def test_F1_is_the_harmonic_mean_not_the_arithmetic_one():
    # pin the harmonic form: the arithmetic mean of 1.0 and 0.1 would be 0.55
    assert f1_score(0.95, 0.90) == pytest.approx(2 / (1 / 0.95 + 1 / 0.90))
    assert f1_score(1.0, 0.1) == pytest.approx(2 * 0.1 / 1.1)  # far below (1 + 0.1) / 2
    assert f1_score(0.0, 0.0) == 0.0


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_counts_and_metrics_agree_with_scikit_learn(seed):
    rng = np.random.default_rng(seed)
    Y, Y_hat = rng.integers(0, 2, (1, 50)), rng.integers(0, 2, (1, 50))
    counts = confusion_counts(Y, Y_hat)
    tn, fp, fn, tp = confusion_matrix(Y[0], Y_hat[0], labels=[0, 1]).ravel()
    assert counts == {"tp": tp, "fp": fp, "fn": fn, "tn": tn}
    precision, recall, f1 = precision_recall_f1(counts["tp"], counts["fp"], counts["fn"])
    assert_allclose([precision, recall, f1],
                    [precision_score(Y[0], Y_hat[0]), recall_score(Y[0], Y_hat[0]), sk_f1(Y[0], Y_hat[0])])


def test_precision_and_recall_are_not_swapped():
    # 1 true positive, 3 false positives, no false negative: precise it is not, complete it is
    precision, recall, _ = precision_recall_f1(tp=1, fp=3, fn=0)
    assert (precision, recall) == (0.25, 1.0)
    assert precision_recall_f1(0, 0, 0) == (0.0, 0.0, 0.0)


def test_the_course_regions_table_averages_to_pick_C():
    errors = {  # US, China, India, other
        "A": [0.03, 0.07, 0.05, 0.09], "B": [0.05, 0.06, 0.05, 0.10], "C": [0.02, 0.03, 0.04, 0.05],
        "D": [0.05, 0.08, 0.07, 0.02], "E": [0.04, 0.05, 0.02, 0.04], "F": [0.07, 0.11, 0.08, 0.12],
    }
    mean = average_error(list(errors.values()))
    assert_allclose(mean, [0.06, 0.065, 0.035, 0.055, 0.0375, 0.095])
    assert list(errors)[int(np.argmin(mean))] == "C"


def test_the_course_accuracy_and_running_time_example_picks_B():
    candidates = {"A": {"accuracy": 0.90, "running_time_ms": 80},
                  "B": {"accuracy": 0.92, "running_time_ms": 95},
                  "C": {"accuracy": 0.95, "running_time_ms": 1500}}
    assert choose_model(candidates, "accuracy", {"running_time_ms": (None, 100)}) == "B"
    assert choose_model(candidates, "accuracy") == "C"  # with no constraint, the most accurate
    assert choose_model(candidates, "running_time_ms", maximize=False) == "A"
    assert choose_model(candidates, "accuracy", {"running_time_ms": (None, 50)}) is None


def test_a_satisficing_bound_is_inclusive_and_may_be_a_lower_bound():
    candidates = {"A": {"acc": 0.9, "fp": 1.0}, "B": {"acc": 0.95, "fp": 2.0}}
    assert choose_model(candidates, "acc", {"fp": (None, 2.0)}) == "B"
    assert choose_model(candidates, "fp", {"acc": (0.93, None)}, maximize=False) == "B"


def test_weighted_error_weights_the_unacceptable_mistakes_and_divides_by_the_weights():
    Y = np.array([[1, 0, 0, 1, 0]])
    Y_hat = np.array([[1, 1, 0, 0, 0]])  # two mistakes, one of them on the heavy example
    w = np.array([[1, 10, 1, 1, 1]])
    assert weighted_error(Y, Y_hat, w) == pytest.approx((10 + 1) / 14)
    assert weighted_error(Y, Y_hat, np.ones((1, 5))) == pytest.approx(2 / 5)  # the plain error
    assert weighted_error(Y, Y_hat, 3 * w) == pytest.approx(weighted_error(Y, Y_hat, w))


def test_inputs_are_not_modified():
    Y, Y_hat, w = np.array([[1.0, 0.0]]), np.array([[0.0, 0.0]]), np.array([[2.0, 1.0]])
    copies = [Y.copy(), Y_hat.copy(), w.copy()]
    weighted_error(Y, Y_hat, w)
    confusion_counts(Y, Y_hat)
    for a, b in zip([Y, Y_hat, w], copies):
        assert_allclose(a, b)


@pytest.mark.parametrize("call, message", [
    (lambda: confusion_counts([[1, 0]], [[1, 2]]), "Y_hat must hold labels 0 or 1"),
    (lambda: confusion_counts([[1, 0.5]], [[1, 0]]), "Y must hold labels 0 or 1"),
    (lambda: confusion_counts([1, 0], [1, 0]), "Y has shape \\(2,\\), a rank-1 array"),
    (lambda: confusion_counts([[1, 0]], [[1, 0, 1]]), "Y_hat has shape \\(1, 3\\)"),
    (lambda: confusion_counts([[1, np.nan]], [[1, 0]]), "Y must hold labels 0 or 1"),
    (lambda: precision_recall_f1(-1, 0, 0), "tp must be at least 0"),
    (lambda: precision_recall_f1(1, 0.5, 0), "fp must be an integer"),
    (lambda: f1_score(95, 0.9), "precision must be a fraction in \\[0, 1\\]"),
    (lambda: f1_score(0.9, -0.1), "recall must be a fraction in \\[0, 1\\]"),
    (lambda: average_error([[0.1, 1.2]]), "errors must hold fractions in \\[0, 1\\]"),
    (lambda: average_error([0.1, 0.2]), "errors has shape \\(2,\\), a rank-1 array"),
    (lambda: weighted_error([[1, 0]], [[0, 0]], [[1, -1]]), "w must hold weights of at least 0"),
    (lambda: weighted_error([[1, 0]], [[0, 0]], [[0, 0]]), "not all 0"),
    (lambda: weighted_error([[1, 0]], [[0, 0]], [[1, np.nan]]), "w must hold weights"),
    (lambda: choose_model({}, "acc"), "candidates must be a non-empty mapping"),
    (lambda: choose_model({"A": {"acc": 0.9}}, "acc", {"ms": (None, 1)}), "candidates\\['A'\\] has no value for \\['ms'\\]"),
    (lambda: choose_model({"A": {"acc": 0.9, "ms": 1}}, "acc", {"ms": (5, 1)}), "low bound 5.0 above its high bound"),
    (lambda: choose_model({"A": {"acc": 0.9, "ms": 1}}, "acc", {"ms": 100}), "must be a pair \\(low, high\\)"),
    (lambda: choose_model({"A": {"acc": float("nan")}}, "acc"), "must be finite"),
])
def test_bad_input_raises_a_value_error_naming_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()
