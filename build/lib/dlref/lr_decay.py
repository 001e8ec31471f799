r"""Learning-rate decay: schedules that shrink the step size $\alpha$ as training goes on.

An *epoch* is one pass through the training set. Each function maps the initial rate
$\alpha_0$ and the epoch number (counting from 0) to the rate for that epoch.
"""

from __future__ import annotations

from dlref._validation import check_count, check_positive, check_scalar

__all__ = [
    "exponential_decay",
    "schedule_lr_decay",
    "update_lr",
]


def update_lr(learning_rate0: float, epoch_num: int, decay_rate: float) -> float:
    r"""Inverse-time decay: the rate falls like $1 / \text{epoch}$.

    Parameters
    ----------
    learning_rate0 : float
        Initial learning rate $\alpha_0 > 0$.
    epoch_num : int
        Epoch number, from 0.
    decay_rate : float
        Decay rate, at least 0 (0 keeps the rate constant).

    Returns
    -------
    learning_rate : float

    Raises
    ------
    ValueError
        If `learning_rate0` is not positive, `epoch_num` is not a non-negative integer or
        `decay_rate` is negative.

    Notes
    -----
    $$\alpha = \frac{1}{1 + \text{decay\_rate} \cdot \text{epoch\_num}}\, \alpha_0$$

    This is *inverse-time* decay, not exponential decay: after $k$ epochs the rate is about
    $\alpha_0 / (\text{decay\_rate} \cdot k)$, a power law, whereas an exponential schedule
    multiplies the rate by the same factor every epoch.

    Examples
    --------
    >>> [update_lr(0.2, epoch, decay_rate=1.0) for epoch in range(4)]
    [0.2, 0.1, 0.06666666666666667, 0.05]
    """
    learning_rate0, epoch_num, decay_rate = _check(learning_rate0, epoch_num, decay_rate)
    # --8<-- [start:update_lr]
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)
    # --8<-- [end:update_lr]
    return learning_rate


def schedule_lr_decay(
    learning_rate0: float, epoch_num: int, decay_rate: float, time_interval: int = 1000
) -> float:
    r"""Inverse-time decay applied in steps: the rate changes once every `time_interval` epochs.

    Parameters
    ----------
    learning_rate0 : float
        Initial learning rate $\alpha_0 > 0$.
    epoch_num : int
        Epoch number, from 0.
    decay_rate : float
        Decay rate, at least 0.
    time_interval : int, default 1000
        Number of epochs between two changes of the rate, at least 1.

    Returns
    -------
    learning_rate : float

    Raises
    ------
    ValueError
        As `update_lr`, or if `time_interval` is not a positive integer.

    Notes
    -----
    $$\alpha = \frac{1}{1 + \text{decay\_rate} \cdot
    \lfloor \text{epoch\_num} / \text{time\_interval} \rfloor}\, \alpha_0$$

    With many mini-batches per epoch and thousands of epochs, `update_lr` would shrink
    the rate to almost nothing; waiting `time_interval` epochs between steps slows it down.

    Examples
    --------
    >>> [schedule_lr_decay(0.2, epoch, 1.0, time_interval=2) for epoch in range(5)]
    [0.2, 0.2, 0.1, 0.1, 0.06666666666666667]
    """
    learning_rate0, epoch_num, decay_rate = _check(learning_rate0, epoch_num, decay_rate)
    time_interval = check_count("time_interval", time_interval, minimum=1)
    # --8<-- [start:schedule_lr_decay]
    learning_rate = learning_rate0 / (1 + decay_rate * (epoch_num // time_interval))
    # --8<-- [end:schedule_lr_decay]
    return learning_rate


def exponential_decay(learning_rate0: float, epoch_num: int, base: float = 0.95) -> float:
    r"""Exponential decay: the rate is multiplied by `base` every epoch.

    Parameters
    ----------
    learning_rate0 : float
        Initial learning rate $\alpha_0 > 0$.
    epoch_num : int
        Epoch number, from 0.
    base : float, default 0.95
        Factor applied each epoch, in $(0, 1]$.

    Returns
    -------
    learning_rate : float

    Raises
    ------
    ValueError
        If `learning_rate0` is not positive, `epoch_num` is not a non-negative integer or
        `base` is outside $(0, 1]$.

    Notes
    -----
    $$\alpha = \text{base}^{\,\text{epoch\_num}}\, \alpha_0, \qquad \text{e.g. } 0.95^{\,\text{epoch\_num}}\, \alpha_0$$

    Examples
    --------
    >>> [round(exponential_decay(0.2, epoch, base=0.5), 6) for epoch in range(4)]
    [0.2, 0.1, 0.05, 0.025]
    """
    learning_rate0 = check_positive("learning_rate0", learning_rate0)
    epoch_num = check_count("epoch_num", epoch_num)
    base = check_scalar("base", base)
    if not 0.0 < base <= 1.0:
        raise ValueError(f"base must be in (0, 1], got {base}.")
    # --8<-- [start:exponential_decay]
    learning_rate = float(base**epoch_num * learning_rate0)
    # --8<-- [end:exponential_decay]
    return learning_rate


def _check(learning_rate0: object, epoch_num: object, decay_rate: object) -> tuple[float, int, float]:
    learning_rate0 = check_positive("learning_rate0", learning_rate0)
    epoch_num = check_count("epoch_num", epoch_num)
    decay_rate = check_scalar("decay_rate", decay_rate)
    if decay_rate < 0:
        raise ValueError(f"decay_rate must not be negative, got {decay_rate}.")
    return learning_rate0, epoch_num, decay_rate
