"""Error analysis: the course's ceilings, and a tally of a real dlref classifier's mistakes."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

from dlref.error_analysis import error_ceiling, mistake_tags, tally_errors
from figures_course3 import digits_mistakes


def test_the_course_dogs_5_of_100_mistakes_at_10_percent_error_cap_the_gain_at_half_a_point():
    assert error_ceiling(5, 100, 0.10) == pytest.approx(0.005)
    assert 0.10 - error_ceiling(50, 100, 0.10) == pytest.approx(0.05)  # 50 dogs: down to 5%


def test_the_course_incorrect_labels_6_percent_of_mistakes_are_0_6_points_of_10():
    due_to_labels = error_ceiling(6, 100, 0.10)
    assert due_to_labels == pytest.approx(0.006)
    assert 0.10 - due_to_labels == pytest.approx(0.094)  # the other causes
    # at 2% dev error the same 0.6 points are 30% of the mistakes: worth fixing then
    assert due_to_labels / 0.02 == pytest.approx(0.30)


def test_the_tally_counts_each_tag_once_per_mistake_and_orders_by_count():
    tags = [["dog"], ["great cat", "blurry"], ["blurry"], ["blurry", "blurry"], [], "dog", ["blurry"]]
    tally = tally_errors(tags, dev_error=0.10)
    assert list(tally) == ["blurry", "dog", "great cat"]
    assert {t: row["count"] for t, row in tally.items()} == {"blurry": 4, "dog": 2, "great cat": 1}
    assert tally["blurry"]["fraction"] == pytest.approx(4 / 7)
    assert tally["blurry"]["ceiling"] == pytest.approx(4 / 7 * 0.10)


def test_a_tag_given_as_a_generator_is_counted():
    tally = tally_errors([(t for t in ["dog"]), ["dog"]], dev_error=0.1)
    assert tally["dog"]["count"] == 2


def test_mistake_tags_name_the_true_class_then_the_predicted_one():
    indices, tags = mistake_tags(np.array([[0.0, 1.0, 2.0, 2.0]]), np.array([[0.0, 2.0, 2.0, 1.0]]))
    assert indices.tolist() == [1, 3] and tags == ["1→2", "2→1"]


def test_the_digits_classifier_mistakes_tally_matches_an_independent_count():
    images, y_dev, y_hat, indices, tags, dev_error = digits_mistakes()
    assert len(tags) == int(np.sum(y_hat != y_dev)) and len(tags) > 50  # enough mistakes to analyse
    tally = tally_errors(tags, dev_error)
    pairs = Counter((int(y_dev[0, i]), int(y_hat[0, i])) for i in range(y_dev.shape[1]) if y_dev[0, i] != y_hat[0, i])
    (true, predicted), count = pairs.most_common(1)[0]
    worst, row = next(iter(tally.items()))
    assert worst == f"{true}→{predicted}" and row["count"] == count
    # the ceilings of all the tags add up to the whole dev error: each mistake has exactly one tag
    assert sum(r["ceiling"] for r in tally.values()) == pytest.approx(dev_error)


@pytest.mark.parametrize("call, message", [
    (lambda: error_ceiling(-1, 100, 0.1), "count must be at least 0"),
    (lambda: error_ceiling(5, 0, 0.1), "examined must be at least 1"),
    (lambda: error_ceiling(101, 100, 0.1), "count \\(101\\) cannot exceed examined \\(100\\)"),
    (lambda: error_ceiling(5, 100, 10), "dev_error must be a fraction in \\[0, 1\\]"),
    (lambda: error_ceiling(5.0, 100, 0.1), "count must be an integer"),
    (lambda: tally_errors([], 0.1), "tags must be a non-empty list"),
    (lambda: tally_errors("dog", 0.1), "tags must be a non-empty list"),
    (lambda: tally_errors([["dog"], [3]], 0.1), "tags\\[1\\] must be a tag"),
    (lambda: tally_errors([["dog"]], -0.1), "dev_error must be a fraction"),
    (lambda: mistake_tags([[1, 2]], [[1, 2.5]]), "y_hat must hold class labels"),
    (lambda: mistake_tags([[-1, 2]], [[1, 2]]), "y must hold class labels"),
    (lambda: mistake_tags([1, 2], [1, 2]), "y has shape \\(2,\\), a rank-1 array"),
    (lambda: mistake_tags([[1, 2]], [[1, 2, 3]]), "y_hat has shape \\(1, 3\\)"),
])
def test_bad_input_raises_a_value_error_naming_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()
