"""Rows of the contract battery for Course 3 (metrics, strategy, error analysis, transfer, multi-task)."""

from __future__ import annotations

import numpy as np

from contract_case import Args, Case, same

Y5 = np.array([[1.0, 1.0, 0.0, 0.0, 1.0]])
Y_HAT5 = np.array([[1.0, 0.0, 1.0, 0.0, 1.0]])
CLASSES, PREDICTED = np.array([[3.0, 1.0, 4.0, 1.0, 5.0, 9.0]]), np.array([[3.0, 7.0, 4.0, 1.0, 6.0, 9.0]])
MULTITASK_Z = np.array([[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]])
MULTITASK_Y = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]])  # no unknown (NaN) label: an integer copy could not hold it


def pretrained() -> Args:
    from dlref.deep_network import initialize_parameters_deep

    r = np.random.default_rng(7)
    return {"parameters": initialize_parameters_deep([3, 4, 1], r), "X": r.standard_normal((3, 6))}


CASES = [
    # metrics
    Case("metrics.confusion_counts", lambda: {"Y": Y5, "Y_hat": Y_HAT5},
         rank1=same("Y", "Y_hat"), transposed=same("Y", "Y_hat"), extra=same("Y_hat"), nan=same("Y", "Y_hat")),
    Case("metrics.precision_recall_f1", lambda: {"tp": 2, "fp": 1, "fn": 1}, nan=same("tp", "fp", "fn")),
    Case("metrics.f1_score", lambda: {"precision": 0.95, "recall": 0.9}, nan=same("precision", "recall")),
    Case("metrics.average_error", lambda: {"errors": np.array([[0.03, 0.07, 0.02], [0.05, 0.06, 0.04]])},
         rank1=same("errors"), nan=same("errors")),
    Case("metrics.weighted_error", lambda: {"Y": Y5, "Y_hat": Y_HAT5, "w": np.array([[1.0, 10.0, 1.0, 1.0, 2.0]])},
         rank1=same("Y", "w"), transposed=same("Y_hat", "w"), extra=same("Y_hat", "w"), nan=same("Y", "w")),
    Case("metrics.choose_model",
         lambda: {"candidates": {"A": {"acc": 0.9, "ms": 80.0}, "B": {"acc": 0.92, "ms": 95.0}}, "optimizing": "acc",
                  "satisficing": {"ms": (None, 100.0)}},
         nan={"candidates.B.acc": "candidates", "candidates.A.ms": "candidates"},
         missing={"candidates.A.ms": "candidates", "candidates.B.acc": "candidates"}),
    # strategy
    Case("strategy.orthogonalization_stage", lambda: {"problem": "variance"}),
    Case("strategy.bayes_error_proxy", lambda: {"human_errors": {"typical doctor": 0.01, "team of doctors": 0.005}},
         nan={"human_errors.team of doctors": "human_errors"}),
    Case("strategy.error_gaps",
         lambda: {"human_error": 0.0, "train_error": 0.01, "dev_error": 0.1, "train_dev_error": 0.015, "test_error": 0.12},
         nan=same("human_error", "train_error", "dev_error", "train_dev_error", "test_error")),
    Case("strategy.largest_gap", lambda: {"gaps": {"avoidable_bias": 0.07, "variance": 0.02}},
         nan={"gaps.variance": "gaps"}),
    # error analysis
    Case("error_analysis.error_ceiling", lambda: {"count": 5, "examined": 100, "dev_error": 0.1},
         nan=same("count", "examined", "dev_error")),
    Case("error_analysis.tally_errors", lambda: {"tags": ["dog", ["blurry", "great cat"], "dog"], "dev_error": 0.1},
         nan=same("dev_error")),
    Case("error_analysis.mistake_tags", lambda: {"y": CLASSES, "y_hat": PREDICTED},
         rank1=same("y", "y_hat"), transposed=same("y", "y_hat"), extra=same("y_hat"), nan=same("y", "y_hat")),
    # transfer learning
    Case("transfer.frozen_features", pretrained,
         rank1=same("X", "parameters.W1"), transposed=same("X", "parameters.b1"), extra={"parameters.W2": "W2"},
         missing=same("parameters.b2")),
    Case("transfer.retrain_last_layer",
         lambda: {**pretrained(), "Y": np.array([[1.0, 0.0, 1.0, 1.0, 0.0, 0.0]]), "num_epochs": 2},
         rank1=same("X", "Y", "parameters.W1"), transposed=same("X", "Y"), extra=same("X", "Y"), nan=same("Y"),
         missing=same("parameters.b2")),
    # multi-task learning: a NaN label is an unknown one, so only a NaN logit is refused
    *[Case(f"multitask.{n}", lambda: {"ZL": MULTITASK_Z, "Y": MULTITASK_Y},
           rank1=same("ZL", "Y"), transposed=same("Y"), extra=same("Y"), nan=same("ZL"))
      for n in ("multitask_loss", "multitask_cost", "multitask_backward")],
]
