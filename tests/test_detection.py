"""Detection: IoU (clamped, empty unions), corners, filtering by score, per-class non-max suppression."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from dlref import detection as dt


def brute_iou(a, b, n=400):
    """IoU by counting cells of a fine grid over [0, 4]^2: independent of the formula."""
    grid = (np.arange(n) + 0.5) * 4 / n
    x, y = np.meshgrid(grid, grid)
    inside = lambda box: (x >= box[0]) & (x < box[2]) & (y >= box[1]) & (y < box[3])  # noqa: E731
    A, B = inside(a), inside(b)
    return (A & B).sum() / (A | B).sum()


@pytest.mark.parametrize("a, b", [
    ((2, 1, 4, 3), (1, 2, 3, 4)), ((0, 0, 2, 2), (1, 1, 3, 3)), ((0, 0, 4, 4), (1, 1, 2, 2)),
    ((0, 0, 1, 1), (2, 2, 3, 3)), ((0, 0, 2, 1), (1, 0, 3, 1)), ((0, 0, 1, 1), (1, 1, 2, 2)),
])
def test_iou_matches_counting_cells(a, b):
    assert dt.iou(a, b) == pytest.approx(brute_iou(a, b), abs=1e-2)
    assert dt.iou(a, b) == pytest.approx(dt.iou(b, a))


def test_iou_is_one_seventh_on_the_assignments_example():
    assert dt.iou((2, 1, 4, 3), (1, 2, 3, 4)) == pytest.approx(1 / 7)


def test_disjoint_boxes_are_clamped_to_zero_not_a_positive_product_of_negatives():
    # unclamped: (min(2, 5) - max(1, 4)) * (min(2, 5) - max(1, 4)) = (-2) * (-2) = 4 > 0
    assert dt.iou((1, 1, 2, 2), (4, 4, 5, 5)) == 0.0
    assert dt.iou((0, 0, 1, 1), (1, 0, 2, 1)) == 0.0  # touching edges: zero-area intersection


def test_empty_union_gives_zero_not_nan():
    assert dt.iou((1, 1, 1, 1), (1, 1, 1, 1)) == 0.0


def test_iou_matrix_agrees_with_iou():
    rng = np.random.default_rng(0)
    corners = np.sort(rng.uniform(0, 5, (12, 2, 2)), axis=1).transpose(0, 2, 1).reshape(12, 4)[:, [0, 2, 1, 3]]
    M = dt._iou_matrix(corners[:5], corners[5:])
    for i in range(5):
        for j in range(7):
            assert M[i, j] == pytest.approx(dt.iou(corners[i], corners[5 + j]))


def test_corners_from_centres_and_sizes():
    boxes = dt.yolo_boxes_to_corners([[2.0, 3.0], [0.0, 0.0]], [[2.0, 4.0], [1.0, 1.0]])
    assert_allclose(boxes, [[1.0, 1.0, 3.0, 5.0], [-0.5, -0.5, 0.5, 0.5]])


def test_filter_keeps_scores_at_or_above_the_threshold_on_a_yolo_grid():
    rng = np.random.default_rng(1)
    conf, probs = rng.random((19, 19, 5, 1)), rng.dirichlet(np.ones(80), (19, 19, 5))
    xy, wh = rng.random((19, 19, 5, 2)), rng.random((19, 19, 5, 2))
    boxes = dt.yolo_boxes_to_corners(xy, wh)
    scores, kept, classes = dt.yolo_filter_boxes(boxes, conf, probs, threshold=0.1)
    all_scores = conf * probs
    expected = all_scores.max(axis=-1) >= 0.1
    assert scores.shape == (expected.sum(),) and kept.shape == (expected.sum(), 4)
    assert_allclose(scores, all_scores.max(axis=-1)[expected])
    assert_array_equal(classes, all_scores.argmax(axis=-1)[expected])


def test_nms_suppresses_within_a_class_only():
    boxes = np.array([[0, 0, 2, 2], [0.1, 0.1, 2.1, 2.1], [0, 0, 2, 2], [5, 5, 6, 6]], dtype=float)
    scores = np.array([0.6, 0.9, 0.8, 0.7])
    classes = np.array([0, 0, 1, 0])
    s, b, c = dt.yolo_non_max_suppression(scores, boxes, classes, iou_threshold=0.5)
    assert_allclose(s, [0.9, 0.8, 0.7])  # the 0.6 car overlaps the 0.9 car; the 0.8 pedestrian stays
    assert_array_equal(c, [0, 1, 0])
    assert_allclose(b[0], boxes[1])


def test_nms_keeps_the_best_box_first_whatever_the_input_order():
    boxes = np.array([[0, 0, 2, 2], [0, 0, 2.2, 2], [0, 0, 2, 2.2]], dtype=float)
    for order in ([0, 1, 2], [2, 0, 1], [1, 2, 0]):
        scores = np.array([0.5, 0.95, 0.7])[order]
        s, b, _ = dt.yolo_non_max_suppression(scores, boxes[order], np.zeros(3, dtype=int))
        assert_allclose(s, [0.95])
        assert_allclose(b, boxes[[1]])


def test_nms_respects_max_boxes_and_leaves_inputs_untouched():
    rng = np.random.default_rng(2)
    boxes = np.column_stack([np.arange(20.0) * 3, np.zeros(20), np.arange(20.0) * 3 + 1, np.ones(20)])
    scores, classes = rng.random(20), rng.integers(0, 3, 20)
    before = boxes.copy(), scores.copy()
    s, b, c = dt.yolo_non_max_suppression(scores, boxes, classes, max_boxes=5)
    assert len(s) == 5 and np.all(np.diff(s) <= 0)
    assert_allclose(s, np.sort(scores)[::-1][:5])  # disjoint boxes: nothing is suppressed
    assert_array_equal(boxes, before[0])
    assert_array_equal(scores, before[1])


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="x1 <= x2"):
        dt.iou((2, 0, 1, 1), (0, 0, 1, 1))
    with pytest.raises(ValueError, match=r"box1 has shape \(3,\)"):
        dt.iou((0, 0, 1), (0, 0, 1, 1))
    with pytest.raises(ValueError, match=r"box_confidence \(2, 2\)"):
        dt.yolo_filter_boxes(np.zeros((2, 4)), np.ones((2, 2)), np.ones((2, 3)))
    with pytest.raises(ValueError, match="threshold must be in"):
        dt.yolo_filter_boxes(np.zeros((2, 4)), np.ones((2, 1)), np.ones((2, 3)), threshold=1.5)
    with pytest.raises(ValueError, match=r"scores has shape \(2,\), boxes \(3, 4\)"):
        dt.yolo_non_max_suppression([0.1, 0.2], np.zeros((3, 4)), [0, 0, 0])


def test_localization_loss_scores_everything_with_an_object_and_only_p_c_without():
    y_hat = np.array([0.8, 0.4, 0.6, 0.3, 0.2, 0.1, 0.9])
    with_object = np.array([1.0, 0.5, 0.5, 0.3, 0.3, 0.0, 1.0])
    assert dt.localization_loss(y_hat, with_object) == pytest.approx(np.sum((y_hat - with_object) ** 2))
    no_object = np.array([0.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0])  # the rest is "don't care"
    assert dt.localization_loss(y_hat, no_object) == pytest.approx(0.64)
    with pytest.raises(ValueError, match="p_c must be 0 or 1"):
        dt.localization_loss(y_hat, np.full(7, 0.5))


def test_nan_scores_are_reported_not_dropped():
    with pytest.raises(ValueError, match="NaN"):
        dt.yolo_filter_boxes(np.zeros((2, 4)), np.array([[np.nan], [0.9]]), np.ones((2, 3)) / 3)
    with pytest.raises(ValueError, match="NaN"):
        dt.yolo_non_max_suppression([np.nan, 0.5], np.zeros((2, 4)), [0, 0])
