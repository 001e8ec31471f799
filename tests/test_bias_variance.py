"""The bias/variance diagnosis on the notes' examples, with and without a Bayes error."""

from __future__ import annotations

import pytest

from dlref.bias_variance import diagnose_bias_variance


@pytest.mark.parametrize("train, dev, verdict", [
    (0.01, 0.11, "high variance"),
    (0.15, 0.16, "high bias"),
    # the notes list 15% / 30% under "high bias" and again under "high variance": it is both
    (0.15, 0.30, "high bias and high variance"),
    (0.005, 0.01, "neither"),
])
def test_the_notes_examples_with_a_bayes_error_near_zero(train, dev, verdict):
    diagnosis = diagnose_bias_variance(train, dev)
    assert diagnosis["verdict"] == verdict
    assert diagnosis["high_bias"] == ("high bias" in verdict)
    assert diagnosis["high_variance"] == ("high variance" in verdict)


def test_the_gaps_are_train_minus_bayes_and_dev_minus_train():
    diagnosis = diagnose_bias_variance(0.08, 0.10, bayes_error=0.01)
    assert diagnosis["avoidable_bias"] == pytest.approx(0.07)
    assert diagnosis["variance"] == pytest.approx(0.02)


def test_a_high_bayes_error_turns_high_bias_into_neither():
    # blurry images: if even the best classifier errs 15% of the time, 15% training error is fine
    assert diagnose_bias_variance(0.15, 0.16)["verdict"] == "high bias"
    diagnosis = diagnose_bias_variance(0.15, 0.16, bayes_error=0.15)
    assert diagnosis["verdict"] == "neither"
    assert diagnosis["avoidable_bias"] == pytest.approx(0.0)


def test_the_threshold_decides_what_counts_as_high():
    assert diagnose_bias_variance(0.05, 0.08)["verdict"] == "high bias and high variance"
    assert diagnose_bias_variance(0.05, 0.08, threshold=0.04)["verdict"] == "high bias"
    assert diagnose_bias_variance(0.05, 0.08, threshold=0.06)["verdict"] == "neither"


def test_a_training_error_below_the_bayes_error_is_not_high_bias():
    diagnosis = diagnose_bias_variance(0.02, 0.20, bayes_error=0.05)
    assert diagnosis["avoidable_bias"] == pytest.approx(-0.03)
    assert diagnosis["verdict"] == "high variance"


@pytest.mark.parametrize("kwargs, message", [
    ({"train_error": 15}, r"train_error must be a fraction in \[0, 1\]"),
    ({"dev_error": -0.1}, r"dev_error must be a fraction in \[0, 1\]"),
    ({"bayes_error": 1.5}, r"bayes_error must be a fraction"),
    ({"threshold": -0.01}, "threshold must not be negative"),
    ({"train_error": [0.1, 0.2]}, "train_error must be a real number"),
    ({"dev_error": float("nan")}, "dev_error must be finite"),
])
def test_bad_input_is_rejected(kwargs, message):
    args = {"train_error": 0.1, "dev_error": 0.2, **kwargs}
    with pytest.raises(ValueError, match=message):
        diagnose_bias_variance(**args)
