"""What the prose says about a figure's training runs, checked on the very runs the figure draws.

A page may describe a figure ("the two curves coincide", "falls below 0.2"); these tests call the
helper the figure function calls, so a change to dlref or to the figure that breaks a sentence
fails here and names it.
"""

from __future__ import annotations

import numpy as np
import pytest

import figures_course2


@pytest.fixture(scope="module")
def digits_runs():
    return figures_course2.digits_optimizer_runs()


def test_training_page_gd_and_momentum_coincide_and_stay_above_2_at_a_small_rate(digits_runs):
    gd, momentum = np.array(digits_runs[("gd", 0.001)]), np.array(digits_runs[("momentum", 0.001)])
    # "their two curves lie on top of each other": within 1% at every epoch
    assert np.max(np.abs(gd - momentum) / gd) < 0.01
    # "hardly move": the figure's alt text says they stay above 2
    assert gd.min() > 2 and momentum.min() > 2


def test_training_page_rmsprop_and_adam_fall_below_0_2_at_the_same_rate(digits_runs):
    for optimizer in ("rmsprop", "adam"):
        assert digits_runs[(optimizer, 0.001)][-1] < 0.2, optimizer


def test_training_page_a_50_times_larger_rate_brings_gd_and_momentum_close_to_adam(digits_runs):
    adam = digits_runs[("adam", 0.001)][-1]
    for optimizer in ("gd", "momentum"):
        final = digits_runs[(optimizer, 0.05)][-1]
        assert final < 0.2 and 2 / 3 < final / adam < 3 / 2, (optimizer, final, adam)


def test_regularization_page_early_stopping_run():
    X_train, Y_train, X_dev, _ = figures_course2.digits_split(test_size=0.5, seed=1)
    assert X_dev.shape[1] == 899  # "its dev cost, on 899 other digits"
    assert X_train[:, :150].shape[1] == 150  # "learns 150 handwritten digits"
    _, costs, dev_costs, best_epoch = figures_course2.early_stopping_run()
    # "the dev cost stops falling after 20 to 40 epochs and then stays flat"
    assert 20 <= best_epoch <= 40
    assert min(dev_costs[best_epoch:]) == dev_costs[best_epoch]
    assert max(dev_costs[best_epoch:]) < 1.5 * dev_costs[best_epoch]
    # "the training cost keeps falling", long after the dev cost stopped
    assert costs[-1] < costs[best_epoch] / 2


@pytest.fixture(scope="module")
def batchnorm_runs():
    return figures_course2.batchnorm_network_runs()


def test_batch_norm_page_cost_curves_match_the_alt_text(batchnorm_runs):
    costs = {key: cost for key, (_, cost) in batchnorm_runs.items()}
    # "with batch norm the cost falls from 0.85 to about 0.08; without it, from 0.77 to 0.045"
    assert (round(costs[("standardized", True)][0], 2), round(costs[("standardized", True)][-1], 2)) == (0.85, 0.08)
    assert (round(costs[("standardized", False)][0], 2), round(costs[("standardized", False)][-1], 3)) == (0.77, 0.045)
    # "the network without batch norm reaches a lower cost"
    assert costs[("standardized", False)][-1] < costs[("standardized", True)][-1]
    # raw features: "drops from 7.1 to 0.66 after one epoch and stays near 0.65"
    raw = costs[("raw", False)]
    assert (round(raw[0], 1), round(raw[1], 2)) == (7.1, 0.66)
    assert all(0.63 < c < 0.67 for c in raw[1:])
    # "with batch norm it falls from 0.52 to about 0.17"
    assert (round(costs[("raw", True)][0], 2), round(costs[("raw", True)][-1], 2)) == (0.52, 0.17)


def test_batch_norm_page_raw_features_kill_18_of_20_first_layer_relus(batchnorm_runs):
    X_raw = figures_course2.breast_cancer_raw_split()[0]
    assert X_raw.min() == 0 and X_raw.max() > 4000  # "values run from 0 to over 4000"
    parameters = batchnorm_runs[("raw", False)][0]
    Z1 = parameters["W1"] @ X_raw + parameters["b1"]
    assert Z1.shape[0] == 20
    assert int(np.sum(np.all(Z1 <= 0, axis=1))) == 18  # "negative on every example"
