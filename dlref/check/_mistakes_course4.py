"""The known mistakes of the Course 4 checks, each written as the wrong formula itself.

They come from the formula pitfalls of convolutional networks and from the Course 4 rows of the
errata (``docs/errata-courses-2-5.md``, cited by section). Each wrong version is otherwise right, and the
right parts reuse dlref.
"""

from __future__ import annotations

import numpy as np

from dlref import convolution, pooling
from dlref.check._engine import Mistake
from dlref.detection import _iou_matrix
from dlref.style_transfer import gram_matrix


# ---------------------------------------------------------------- convolution


def conv_output_size_without_plus_one(n, f, pad=0, stride=1):
    return (n + 2 * pad - f) // stride  # the + 1 (the first window) is missing


def conv_output_size_without_floor(n, f, pad=0, stride=1):
    return (n + 2 * pad - f) / stride + 1  # a window that does not fit is counted as a fraction


def conv_parameter_count_flat_filters(f, n_C_prev, n_C):
    return (f * f + 1) * n_C  # each filter f x f, as if the input had one channel


def zero_pad_channels_too(X, pad):
    return np.pad(X, ((0, 0), (pad, pad), (pad, pad), (pad, pad)))  # pads the channel axis as well


def _without_plus_one(forward):
    def conv_forward(A_prev, W, b, hparameters):
        Z, cache = forward(A_prev, W, b, hparameters)
        f, pad, stride = W.shape[0], hparameters["pad"], hparameters["stride"]
        n_H = (A_prev.shape[1] + 2 * pad - f) // stride  # the + 1 is missing
        n_W = (A_prev.shape[2] + 2 * pad - f) // stride
        return Z[:, :n_H, :n_W, :], cache
    return conv_forward


conv_forward_without_plus_one = _without_plus_one(convolution.conv_forward)
conv_forward_loop_without_plus_one = _without_plus_one(convolution.conv_forward_loop)


def conv_backward_db_per_example(dZ, cache):
    dA_prev, dW, _ = convolution.conv_backward(dZ, cache)
    return dA_prev, dW, np.sum(dZ, axis=(1, 2), keepdims=True)  # summed over positions, not over examples


def conv_backward_db_assigned(dZ, cache):
    dA_prev, dW, _ = convolution.conv_backward(dZ, cache)
    return dA_prev, dW, dZ[-1:, -1:, -1:, :].copy()  # db[..., c] = dZ[i, h, w, c]: only the last one stays


def conv_backward_strip_with_minus_pad(dZ, cache):
    A_prev, W, b, hparameters = cache
    pad = hparameters["pad"]
    padded = (convolution.zero_pad(A_prev, pad), W, b, {"stride": hparameters["stride"], "pad": 0})
    dA_prev_pad, dW, db = convolution.conv_backward(dZ, padded)
    return dA_prev_pad[:, pad:-pad, pad:-pad, :], dW, db  # empty at pad = 0: -0 is 0


# ---------------------------------------------------------------- pooling


def mask_every_maximum(x):
    return x == np.max(x)  # every tied maximum is marked


def distribute_value_undivided(dz, shape):
    return np.full(shape, float(dz))  # dz copied to every entry, not dz / (n_H n_W)


def _pool_backward(mask, spread):
    def pool_backward(dA, cache, mode="max"):
        A_prev, hparameters = cache
        f, stride = hparameters["f"], hparameters["stride"]
        dA_prev = np.zeros_like(A_prev, dtype=float)
        m, n_H, n_W, n_C = dA.shape
        for i in range(m):
            for h in range(n_H):
                for w in range(n_W):
                    for c in range(n_C):
                        window = (i, slice(h * stride, h * stride + f), slice(w * stride, w * stride + f), c)
                        if mode == "max":
                            dA_prev[window] += mask(A_prev[window]) * dA[i, h, w, c]
                        else:
                            dA_prev[window] += spread(dA[i, h, w, c], (f, f))
        return dA_prev
    return pool_backward


pool_backward_ties_twice = _pool_backward(mask_every_maximum, pooling.distribute_value)
pool_backward_average_undivided = _pool_backward(pooling.create_mask_from_window, distribute_value_undivided)


# ---------------------------------------------------------------- detection


def yolo_boxes_to_corners_tensorflow_order(box_xy, box_wh):
    low, high = box_xy - box_wh / 2, box_xy + box_wh / 2
    return np.concatenate([low[..., 1:2], low[..., 0:1], high[..., 1:2], high[..., 0:1]], axis=-1)  # (y1, x1, y2, x2)


def iou_unclamped(box1, box2):
    inter_w = min(box1[2], box2[2]) - max(box1[0], box2[0])
    inter_h = min(box1[3], box2[3]) - max(box1[1], box2[1])
    inter = inter_w * inter_h  # not clamped at 0: two negative sides make a positive area
    union = (box1[2] - box1[0]) * (box1[3] - box1[1]) + (box2[2] - box2[0]) * (box2[3] - box2[1]) - inter
    return float(inter / union) if union > 0 else 0.0


def _nms(per_class: bool, by_score: bool):
    def yolo_non_max_suppression(scores, boxes, classes, max_boxes=10, iou_threshold=0.5):
        groups = np.unique(classes) if per_class else [None]
        keep = []
        for c in groups:
            candidates = np.arange(len(scores)) if c is None else np.flatnonzero(classes == c)
            if by_score:
                candidates = candidates[np.argsort(-scores[candidates], kind="stable")]
            while candidates.size:
                best, candidates = candidates[0], candidates[1:]
                keep.append(best)
                candidates = candidates[_iou_matrix(boxes[[best]], boxes[candidates])[0] <= iou_threshold]
        keep = np.array(keep, dtype=int)
        keep = keep[np.argsort(-scores[keep], kind="stable")][:max_boxes]
        return scores[keep], boxes[keep], np.asarray(classes)[keep].astype(np.int64)
    return yolo_non_max_suppression


nms_across_classes = _nms(per_class=False, by_score=True)
nms_unsorted = _nms(per_class=True, by_score=False)


# ---------------------------------------------------------------- faces and style


def triplet_loss_sum_then_max(y_true, y_pred, alpha=0.2):
    anchor, positive, negative = y_pred
    basic_loss = np.sum((anchor - positive) ** 2, axis=1) - np.sum((anchor - negative) ** 2, axis=1) + alpha
    return float(np.maximum(np.sum(basic_loss), 0.0))  # the sum first lets satisfied triplets cancel violated ones


def gram_matrix_transpose_first(A):
    return A.T @ A  # (n_H n_W, n_H n_W): correlations of positions, not of channels


def layer_style_cost_reshaped(a_S, a_G):
    _, n_H, n_W, n_C = a_G.shape
    GS = gram_matrix(a_S.reshape(n_C, n_H * n_W))  # memory order: each row mixes channels
    GG = gram_matrix(a_G.reshape(n_C, n_H * n_W))
    return float(np.sum((GS - GG) ** 2) / (4 * n_C**2 * (n_H * n_W) ** 2))


# ---------------------------------------------------------------- the catalogue


def _m(id: str, wrong: object, text: tuple[str, str, str | None]) -> Mistake:
    return Mistake(id, wrong, *text)  # type: ignore[arg-type]


_PLUS_ONE = ("counts the output positions as ⌊(n + 2p − f)/s⌋, without the + 1 for the first window: one row and "
             "one column too few", "n_out = ⌊(n + 2p − f)/s⌋ + 1", None)
_DB_PER_EXAMPLE = ("sums dZ over the positions but not over the examples: db has one row per example",
                   "db_c = Σ_i Σ_h Σ_w dZ[i, h, w, c], of shape (1, 1, 1, n_C)", None)
_DB_ASSIGNED = ("assigns db = dZ[i, h, w] in the loop instead of adding to it: only the last example's last "
                "position is left", "db_c = Σ_i Σ_h Σ_w dZ[i, h, w, c] (db += ...)", None)
_STRIP = ("strips the padding with [pad:-pad], which is empty at pad = 0 (−0 is 0)",
          "dA_prev = dA_prev_pad[:, pad:pad + n_H_prev, pad:pad + n_W_prev, :]", "4.1 assignment")
_TIES = ("marks every tied maximum (mask = x == max(x)): a window with a tie passes its gradient back more than once",
         "one maximum per window gets dA, the first in row-major order", "4.1 assignment")
_UNDIVIDED = ("gives every entry of an average-pooling window the whole dz instead of dz / (f · f)",
              "each entry of the window gets dz / (n_H · n_W)", None)

MISTAKES: dict[str, list[Mistake]] = {
    "conv_output_size": [
        _m("without_plus_one", conv_output_size_without_plus_one, _PLUS_ONE),
        _m("without_floor", conv_output_size_without_floor, (
            "divides without taking the floor: a window that does not fit is counted as a fraction",
            "n_out = ⌊(n + 2p − f)/s⌋ + 1, an int", None)),
    ],
    "conv_parameter_count": [_m("flat_filters", conv_parameter_count_flat_filters, (
        "counts each filter as f · f weights: a filter is as deep as its input, f · f · n_C_prev",
        "(f · f · n_C_prev + 1) · n_C", "4.1 lecture"))],
    "zero_pad": [_m("channels_too", zero_pad_channels_too, (
        "pads the channel axis as well: only the height and the width get zeros",
        "np.pad(X, ((0, 0), (pad, pad), (pad, pad), (0, 0)))", None))],
    "conv_forward": [_m("without_plus_one", conv_forward_without_plus_one, _PLUS_ONE)],
    "conv_forward_loop": [_m("without_plus_one", conv_forward_loop_without_plus_one, _PLUS_ONE)],
    "conv_backward": [
        _m("db_per_example", conv_backward_db_per_example, _DB_PER_EXAMPLE),
        _m("db_assigned", conv_backward_db_assigned, _DB_ASSIGNED),
        _m("strip_minus_pad", conv_backward_strip_with_minus_pad, _STRIP),
    ],
    "conv_backward_loop": [
        _m("db_per_example", conv_backward_db_per_example, _DB_PER_EXAMPLE),
        _m("db_assigned", conv_backward_db_assigned, _DB_ASSIGNED),
        _m("strip_minus_pad", conv_backward_strip_with_minus_pad, _STRIP),
    ],
    "create_mask_from_window": [_m("every_maximum", mask_every_maximum, _TIES)],
    "distribute_value": [_m("undivided", distribute_value_undivided, _UNDIVIDED)],
    "pool_backward": [
        _m("ties_twice", pool_backward_ties_twice, _TIES),
        _m("average_undivided", pool_backward_average_undivided, _UNDIVIDED),
    ],
    "pool_backward_loop": [
        _m("ties_twice", pool_backward_ties_twice, _TIES),
        _m("average_undivided", pool_backward_average_undivided, _UNDIVIDED),
    ],
    "yolo_boxes_to_corners": [_m("tensorflow_order", yolo_boxes_to_corners_tensorflow_order, (
        "returns TensorFlow's corner order (y1, x1, y2, x2): iou and the plots take (x1, y1, x2, y2)",
        "boxes = (x − w/2, y − h/2, x + w/2, y + h/2)", None))],
    "iou": [_m("unclamped", iou_unclamped, (
        "multiplies the intersection's sides without clamping them at 0: two disjoint boxes get a positive intersection",
        "inter = max(0, x2 − x1) · max(0, y2 − y1)", "4.3"))],
    "yolo_non_max_suppression": [
        _m("across_classes", nms_across_classes, (
            "suppresses boxes across classes: a box of one class removes an overlapping box of another",
            "non-max suppression within each class separately", "4.3 assignment")),
        _m("unsorted", nms_unsorted, (
            "takes the boxes in the order given instead of the highest score first",
            "repeatedly keep the highest-scoring remaining box and drop those with IoU > iou_threshold", None)),
    ],
    "triplet_loss": [_m("sum_then_max", triplet_loss_sum_then_max, (
        "sums the triplets' losses before taking the max with 0: satisfied triplets cancel violated ones",
        "J = Σ_i max(‖f(A) − f(P)‖² − ‖f(A) − f(N)‖² + α, 0), the max per triplet", "4.4"))],
    "gram_matrix": [_m("transpose_first", gram_matrix_transpose_first, (
        "puts the transpose on the first factor, AᵀA: that correlates positions, not channels",
        "G = A Aᵀ, of shape (n_C, n_C)", None))],
    "compute_layer_style_cost": [_m("reshaped", layer_style_cost_reshaped, (
        "unrolls a by reshaping it straight to (n_C, n_H · n_W): that reads the numbers in memory order and mixes the channels",
        "reshape to (n_H · n_W, n_C), then transpose", "4.4 assignment"))],
}
