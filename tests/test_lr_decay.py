"""Learning-rate schedules: inverse-time, stepwise and exponential decay."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from dlref.lr_decay import exponential_decay, schedule_lr_decay, update_lr


@pytest.mark.parametrize("alpha0, decay_rate", [(0.5, 1.0), (0.01, 0.3), (1.0, 0.0)])
def test_update_lr_is_inverse_time_decay(alpha0, decay_rate):
    epochs = np.arange(50)
    rates = np.array([update_lr(alpha0, int(e), decay_rate) for e in epochs])
    assert_allclose(rates, alpha0 / (1 + decay_rate * epochs), rtol=1e-15)
    assert update_lr(alpha0, 0, decay_rate) == alpha0


def test_inverse_time_decay_is_not_exponential():
    # an exponential schedule multiplies the rate by the same factor every epoch; 1/(1 + kt) does not
    inverse = np.array([update_lr(1.0, e, 1.0) for e in range(20)])
    ratios = inverse[1:] / inverse[:-1]
    assert ratios[0] == pytest.approx(0.5) and ratios[-1] == pytest.approx(19 / 20)
    assert inverse[-1] == pytest.approx(1 / 20)  # alpha0 / (1 + decay_rate * t): a power law in t
    exponential = np.array([exponential_decay(1.0, e, 0.5) for e in range(20)])
    assert_allclose(exponential[1:] / exponential[:-1], 0.5, rtol=1e-12)


@pytest.mark.parametrize("base", [0.95, 0.5, 1.0])
def test_exponential_decay_is_a_power_of_the_base(base):
    for epoch in range(30):
        assert exponential_decay(0.2, epoch, base) == pytest.approx(0.2 * base**epoch, rel=1e-14)
    assert exponential_decay(0.2, 10) == pytest.approx(0.2 * 0.95**10, rel=1e-14)  # the default base


@pytest.mark.parametrize("time_interval", [1, 3, 1000])
def test_schedule_lr_decay_changes_the_rate_once_every_interval(time_interval):
    epochs = range(5 * time_interval)
    rates = [schedule_lr_decay(0.1, e, 0.5, time_interval) for e in epochs]
    for e, rate in zip(epochs, rates):
        assert rate == pytest.approx(0.1 / (1 + 0.5 * np.floor(e / time_interval)), rel=1e-15)
    assert len(set(rates)) == 5
    assert schedule_lr_decay(0.1, 7, 0.5, 1) == update_lr(0.1, 7, 0.5)


@pytest.mark.parametrize("call, message", [
    (lambda: update_lr(0.0, 1, 1.0), "learning_rate0 must be greater than 0"),
    (lambda: update_lr(0.1, -1, 1.0), "epoch_num must be at least 0"),
    (lambda: update_lr(0.1, 1.5, 1.0), "epoch_num must be an integer"),
    (lambda: update_lr(0.1, 1, -0.5), "decay_rate must not be negative"),
    (lambda: schedule_lr_decay(0.1, 1, 1.0, time_interval=0), "time_interval must be at least 1"),
    (lambda: schedule_lr_decay(-0.1, 1, 1.0), "learning_rate0 must be greater than 0"),
    (lambda: exponential_decay(0.1, 1, base=1.5), r"base must be in \(0, 1\]"),
    (lambda: exponential_decay(0.1, 1, base=0.0), r"base must be in \(0, 1\]"),
    (lambda: exponential_decay(0.1, -2), "epoch_num must be at least 0"),
    (lambda: exponential_decay([0.1], 1), "learning_rate0 must be a real number"),
])
def test_bad_input_is_rejected(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_rates_are_python_floats():
    assert all(type(r) is float for r in (update_lr(0.1, 2, 1.0), schedule_lr_decay(0.1, 2, 1.0), exponential_decay(0.1, 2)))
