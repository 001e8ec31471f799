r"""Object detection with YOLO's output: boxes, intersection over union, filtering, non-max suppression.

Boxes are corners ``(x1, y1, x2, y2)`` with ``x1 <= x2`` and ``y1 <= y2``, in any unit. YOLO
predicts centres and sizes, ``(b_x, b_y)`` and ``(b_w, b_h)``; `yolo_boxes_to_corners` turns
them into corners. Non-max suppression here works **per class**, as the lecture describes it: a
car never suppresses a pedestrian it overlaps. (The assignment's version calls TensorFlow's
``non_max_suppression`` once over every box and so suppresses across classes.)
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import as_float_array, check_count, check_scalar

__all__ = ["iou", "localization_loss", "yolo_boxes_to_corners", "yolo_filter_boxes", "yolo_non_max_suppression"]

Array = NDArray[np.float64]


def _check_boxes(name: str, boxes: ArrayLike) -> Array:
    boxes = as_float_array(name, boxes)
    if boxes.shape[-1:] != (4,) or np.isnan(boxes).any():
        raise ValueError(f"{name} has shape {boxes.shape}; expected (..., 4) corners (x1, y1, x2, y2) without NaN.")
    if np.any(boxes[..., 2] < boxes[..., 0]) or np.any(boxes[..., 3] < boxes[..., 1]):
        raise ValueError(f"{name} must hold corners (x1, y1, x2, y2) with x1 <= x2 and y1 <= y2.")
    return boxes


def _iou_matrix(a: Array, b: Array) -> Array:
    """IoU of every box of ``a`` (k, 4) with every box of ``b`` (n, 4): shape (k, n)."""
    x1 = np.maximum(a[:, None, 0], b[None, :, 0])
    y1 = np.maximum(a[:, None, 1], b[None, :, 1])
    x2 = np.minimum(a[:, None, 2], b[None, :, 2])
    y2 = np.minimum(a[:, None, 3], b[None, :, 3])
    inter = np.clip(x2 - x1, 0, None) * np.clip(y2 - y1, 0, None)
    area = lambda c: (c[:, 2] - c[:, 0]) * (c[:, 3] - c[:, 1])  # noqa: E731
    union = area(a)[:, None] + area(b)[None, :] - inter
    return np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)


def iou(box1: ArrayLike, box2: ArrayLike) -> float:
    r"""Intersection over union of two boxes.

    Parameters
    ----------
    box1, box2 : array_like of shape (4,)
        Corners ``(x1, y1, x2, y2)``.

    Returns
    -------
    iou : float
        In $[0, 1]$; 0 for disjoint boxes, and 0 when both boxes have zero area (an empty union).

    Raises
    ------
    ValueError
        If a box is not four numbers with ``x1 <= x2`` and ``y1 <= y2``.

    Notes
    -----
    $$\operatorname{IoU} = \frac{\lvert B_1 \cap B_2 \rvert}{\lvert B_1 \rvert + \lvert B_2 \rvert - \lvert B_1 \cap B_2 \rvert}$$

    The intersection's width and height are clamped at 0: for disjoint boxes the unclamped
    product of two negative numbers would be a positive "intersection".

    Examples
    --------
    >>> iou((2, 1, 4, 3), (1, 2, 3, 4))  # the assignment's example: 1 / 7
    0.14285714285714285
    >>> iou((1, 1, 2, 2), (3, 3, 4, 4))  # disjoint on both axes
    0.0
    """
    box1, box2 = _check_boxes("box1", box1), _check_boxes("box2", box2)
    if box1.shape != (4,) or box2.shape != (4,):
        raise ValueError(f"box1 has shape {box1.shape} and box2 has shape {box2.shape}; expected (4,) each.")
    # --8<-- [start:iou]
    xi1, yi1 = max(box1[0], box2[0]), max(box1[1], box2[1])
    xi2, yi2 = min(box1[2], box2[2]), min(box1[3], box2[3])
    inter_area = max(xi2 - xi1, 0.0) * max(yi2 - yi1, 0.0)  # clamped: disjoint boxes give 0
    box1_area = (box1[2] - box1[0]) * (box1[3] - box1[1])
    box2_area = (box2[2] - box2[0]) * (box2[3] - box2[1])
    union_area = box1_area + box2_area - inter_area
    result = inter_area / union_area if union_area > 0 else 0.0  # two empty boxes: no overlap
    # --8<-- [end:iou]
    return float(result)


def localization_loss(y_hat: ArrayLike, y: ArrayLike) -> float:
    r"""The course's squared-error loss of a localization target, with "don't care" entries.

    Parameters
    ----------
    y_hat : array_like of shape (5 + C,)
        The prediction $[p_c, b_x, b_y, b_h, b_w, c_1, \dots, c_C]$.
    y : array_like of shape (5 + C,)
        The target; $p_c = y_1$ is 1 when there is an object, 0 when there is none.

    Returns
    -------
    loss : float

    Raises
    ------
    ValueError
        If the shapes differ, are shorter than 6, or $y_1$ is not 0 or 1.

    Notes
    -----
    $$\mathcal{L}(\hat y, y) = \begin{cases} \sum_{j} (\hat y_j - y_j)^2 & y_1 = 1 \\
    (\hat y_1 - y_1)^2 & y_1 = 0 \end{cases}$$

    Without an object the box and the classes are "don't care": only $p_c$ is scored. (In
    practice $p_c$ is often given a logistic loss and the classes a softmax loss; the course
    writes squared error throughout for simplicity.)

    Examples
    --------
    >>> y = np.array([0.0, 9.0, 9.0, 9.0, 9.0, 9.0])  # no object: the rest is "don't care"
    >>> localization_loss(np.array([0.1, 0.5, 0.5, 0.2, 0.2, 1.0]), y)
    0.010000000000000002
    """
    y_hat, y = as_float_array("y_hat", y_hat), as_float_array("y", y)
    if y_hat.shape != y.shape or y.ndim != 1 or y.size < 6:
        raise ValueError(f"y_hat has shape {y_hat.shape} and y has shape {y.shape}; expected the same (5 + C,) with C >= 1.")
    if y[0] not in (0.0, 1.0):
        raise ValueError(f"y[0] = p_c must be 0 or 1, got {y[0]}.")
    # --8<-- [start:localization_loss]
    if y[0] == 1:  # an object: every entry counts
        loss = np.sum((y_hat - y) ** 2)
    else:  # no object: only p_c counts
        loss = (y_hat[0] - y[0]) ** 2
    # --8<-- [end:localization_loss]
    return float(loss)


def yolo_boxes_to_corners(box_xy: ArrayLike, box_wh: ArrayLike) -> NDArray[np.float64]:
    r"""Turn YOLO's centres and sizes into corners.

    Parameters
    ----------
    box_xy : array_like of shape (..., 2)
        Centres ``(b_x, b_y)``.
    box_wh : array_like of shape (..., 2)
        Widths and heights ``(b_w, b_h)``, not negative.

    Returns
    -------
    boxes : ndarray of shape (..., 4)
        ``(x1, y1, x2, y2)``.

    Raises
    ------
    ValueError
        If the shapes differ, the last axis is not 2, or a size is negative.

    Notes
    -----
    $$x_1 = b_x - \tfrac{b_w}{2}, \quad y_1 = b_y - \tfrac{b_h}{2}, \quad
    x_2 = b_x + \tfrac{b_w}{2}, \quad y_2 = b_y + \tfrac{b_h}{2}$$

    The assignment returns ``(y1, x1, y2, x2)``, the order TensorFlow's NMS expects; dlref keeps
    one order, the one `iou` takes.

    Examples
    --------
    >>> yolo_boxes_to_corners([[0.5, 0.5]], [[0.2, 0.4]]).round(6).tolist()
    [[0.4, 0.3, 0.6, 0.7]]
    """
    box_xy, box_wh = as_float_array("box_xy", box_xy), as_float_array("box_wh", box_wh)
    if box_xy.shape != box_wh.shape or box_xy.shape[-1:] != (2,):
        raise ValueError(f"box_xy has shape {box_xy.shape} and box_wh has shape {box_wh.shape}; expected the same shape (..., 2).")
    if np.any(box_wh < 0):
        raise ValueError("box_wh must hold widths and heights of at least 0.")
    # --8<-- [start:yolo_boxes_to_corners]
    box_mins = box_xy - box_wh / 2.0
    box_maxes = box_xy + box_wh / 2.0
    boxes = np.concatenate([box_mins, box_maxes], axis=-1)  # (x1, y1, x2, y2)
    # --8<-- [end:yolo_boxes_to_corners]
    return boxes


def yolo_filter_boxes(
    boxes: ArrayLike, box_confidence: ArrayLike, box_class_probs: ArrayLike, threshold: float = 0.6
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.int64]]:
    r"""Keep the boxes whose best class score reaches a threshold.

    Parameters
    ----------
    boxes : array_like of shape (..., 4)
        Corners of every anchor box of every grid cell, e.g. ``(19, 19, 5, 4)``.
    box_confidence : array_like of shape (..., 1)
        $p_c$, the probability that the box holds an object.
    box_class_probs : array_like of shape (..., C)
        $c_1, \dots, c_C$, the class probabilities given an object.
    threshold : float, default 0.6
        Boxes whose best score is below it are dropped.

    Returns
    -------
    scores : ndarray of shape (k,)
        The best class score of each kept box.
    boxes : ndarray of shape (k, 4)
    classes : ndarray of int, shape (k,)
        The index of that class.

    Raises
    ------
    ValueError
        If the leading shapes differ or `threshold` is not in [0, 1].

    Notes
    -----
    $$\text{score}_{k} = p_c \cdot c_k, \qquad \text{class} = \operatorname{argmax}_k \text{score}_k,
    \qquad \text{keep if } \max_k \text{score}_k \ge \text{threshold}$$

    Examples
    --------
    >>> boxes = np.array([[0, 0, 1, 1], [1, 1, 2, 2]], dtype=float)
    >>> scores, kept, classes = yolo_filter_boxes(boxes, [[0.9], [0.3]], [[0.2, 0.8], [0.5, 0.5]])
    >>> scores.round(2).tolist(), kept.tolist(), classes.tolist()
    ([0.72], [[0.0, 0.0, 1.0, 1.0]], [1])
    """
    boxes = _check_boxes("boxes", boxes)
    box_confidence, box_class_probs = as_float_array("box_confidence", box_confidence), as_float_array("box_class_probs", box_class_probs)
    lead = boxes.shape[:-1]
    if box_confidence.shape != (*lead, 1) or box_class_probs.shape[:-1] != lead:
        raise ValueError(
            f"boxes has shape {boxes.shape}, box_confidence {box_confidence.shape}, box_class_probs "
            f"{box_class_probs.shape}; expected (..., 4), (..., 1) and (..., C) with the same leading axes."
        )
    if np.isnan(box_confidence).any() or np.isnan(box_class_probs).any():
        raise ValueError("box_confidence and box_class_probs must not hold NaN (a NaN score would be dropped silently).")
    threshold = check_scalar("threshold", threshold)
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be in [0, 1], got {threshold}.")
    # --8<-- [start:yolo_filter_boxes]
    box_scores = box_confidence * box_class_probs  # (..., C): p_c times each class probability
    box_classes = np.argmax(box_scores, axis=-1)
    box_class_scores = np.max(box_scores, axis=-1)
    mask = box_class_scores >= threshold
    scores, boxes, classes = box_class_scores[mask], boxes[mask], box_classes[mask]
    # --8<-- [end:yolo_filter_boxes]
    return scores, boxes, classes


def yolo_non_max_suppression(
    scores: ArrayLike, boxes: ArrayLike, classes: ArrayLike, max_boxes: int = 10, iou_threshold: float = 0.5
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.int64]]:
    r"""Non-max suppression, class by class: keep the best box, drop its overlapping rivals, repeat.

    Parameters
    ----------
    scores : array_like of shape (k,)
        Score of each box (from `yolo_filter_boxes`).
    boxes : array_like of shape (k, 4)
        Corners ``(x1, y1, x2, y2)``.
    classes : array_like of int, shape (k,)
        Class of each box.
    max_boxes : int, default 10
        At most this many boxes are returned, the highest scores first.
    iou_threshold : float, default 0.5
        A box whose IoU with a kept box **of the same class** exceeds this is dropped.

    Returns
    -------
    scores : ndarray of shape (j,)
    boxes : ndarray of shape (j, 4)
    classes : ndarray of int, shape (j,)
        The kept boxes, sorted by decreasing score.

    Raises
    ------
    ValueError
        If the shapes do not match, or an argument is out of range.

    Notes
    -----
    For each class: sort its boxes by score; take the best, remove every remaining box with
    $\operatorname{IoU} > $ `iou_threshold` against it, and repeat until none is left. Boxes of
    different classes never suppress each other.

    Examples
    --------
    >>> boxes = np.array([[0, 0, 2, 2], [0.1, 0, 2.1, 2], [0, 0, 2, 2]])
    >>> scores, kept, classes = yolo_non_max_suppression([0.9, 0.8, 0.7], boxes, [0, 0, 1])
    >>> scores.tolist(), classes.tolist()  # the second car goes; the pedestrian in the same place stays
    ([0.9, 0.7], [0, 1])
    """
    boxes = _check_boxes("boxes", boxes)
    scores, classes = as_float_array("scores", scores), np.asarray(classes)
    if np.isnan(scores).any():
        raise ValueError("scores must not hold NaN: a NaN would sort anywhere and never be compared.")
    if boxes.ndim != 2 or scores.shape != boxes.shape[:1] or classes.shape != boxes.shape[:1]:
        raise ValueError(f"scores has shape {scores.shape}, boxes {boxes.shape}, classes {classes.shape}; expected (k,), (k, 4), (k,).")
    max_boxes = check_count("max_boxes", max_boxes, minimum=1)
    iou_threshold = check_scalar("iou_threshold", iou_threshold)
    if not 0.0 <= iou_threshold <= 1.0:
        raise ValueError(f"iou_threshold must be in [0, 1], got {iou_threshold}.")
    # --8<-- [start:yolo_non_max_suppression]
    keep = []
    for c in np.unique(classes):  # per class: a car never suppresses a pedestrian
        candidates = np.flatnonzero(classes == c)
        candidates = candidates[np.argsort(-scores[candidates], kind="stable")]  # best first
        while candidates.size:
            best, candidates = candidates[0], candidates[1:]
            keep.append(best)
            overlap = _iou_matrix(boxes[[best]], boxes[candidates])[0]
            candidates = candidates[overlap <= iou_threshold]  # drop the best box's rivals
    keep = np.array(keep, dtype=int)
    keep = keep[np.argsort(-scores[keep], kind="stable")][:max_boxes]
    # --8<-- [end:yolo_non_max_suppression]
    return scores[keep], boxes[keep], classes[keep].astype(np.int64)
