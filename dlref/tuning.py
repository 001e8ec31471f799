r"""Random hyperparameter search on the right scale.

Hyperparameters are drawn at random rather than from a grid, and each one on the scale on which
it matters: the learning rate $\alpha$ uniformly in its exponent, the averaging factor $\beta$
uniformly in the exponent of $1 - \beta$. Every function takes an explicit
``rng: numpy.random.Generator`` and returns new arrays.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import NDArray

from dlref._validation import check_count, check_generator, check_positive, check_scalar

__all__ = [
    "random_search",
    "sample_beta",
    "sample_log_uniform",
]

SCALES = ("linear", "log", "beta", "int")


def sample_log_uniform(
    low: float, high: float, size: int, rng: np.random.Generator
) -> NDArray[np.float64]:
    r"""Draw values uniformly on a logarithmic scale between `low` and `high`.

    Each decade between `low` and `high` receives the same share of the samples: for
    $\alpha \in [10^{-4}, 1]$, a quarter fall in $[10^{-4}, 10^{-3}]$, a quarter in
    $[10^{-3}, 10^{-2}]$, and so on, where a uniform draw would put 90% of them in $[0.1, 1]$.

    Parameters
    ----------
    low, high : float
        The range, with $0 < \text{low} < \text{high}$.
    size : int
        Number of samples, at least 1.
    rng : numpy.random.Generator
        The source of randomness, for example ``np.random.default_rng(0)``.

    Returns
    -------
    samples : ndarray of shape (size,)
        Values in $[\text{low}, \text{high}]$.

    Raises
    ------
    ValueError
        If `low` or `high` is not positive, if ``low >= high``, or if `size` is not a positive
        integer.

    Notes
    -----
    $$r \sim \mathcal{U}\bigl[\log_{10} \text{low},\ \log_{10} \text{high}\bigr], \qquad
    \alpha = 10^{r}$$

    Examples
    --------
    >>> alpha = sample_log_uniform(1e-4, 1.0, 100_000, np.random.default_rng(0))
    >>> bool(alpha.min() >= 1e-4 and alpha.max() <= 1.0)
    True
    >>> counts, _ = np.histogram(alpha, bins=[1e-4, 1e-3, 1e-2, 1e-1, 1.0])
    >>> (counts / alpha.size).round(2).tolist()  # the same share in each decade
    [0.25, 0.25, 0.25, 0.25]
    """
    low, high = _check_range(low, high, positive=True)
    size = check_count("size", size, minimum=1)
    check_generator("rng", rng)
    # --8<-- [start:sample_log_uniform]
    r = rng.uniform(np.log10(low), np.log10(high), size)  # uniform in the exponent
    samples = 10.0**r
    # --8<-- [end:sample_log_uniform]
    return np.clip(samples, low, high)  # 10**log10(x) may miss x by one rounding


def sample_beta(low: float, high: float, size: int, rng: np.random.Generator) -> NDArray[np.float64]:
    r"""Draw an averaging factor $\beta$ between `low` and `high` by sampling $1 - \beta$ on a log scale.

    An exponentially weighted average with factor $\beta$ averages over roughly the last
    $1 / (1 - \beta)$ values. Near 1 that window is very sensitive to $\beta$: from 0.9000 to
    0.9005 it barely moves (about 10 values), from 0.999 to 0.9995 it doubles (1000 to 2000
    values). Sampling $1 - \beta$ log-uniformly spends as many samples on $[0.99, 0.999]$ as on
    $[0.9, 0.99]$.

    Parameters
    ----------
    low, high : float
        The range of $\beta$, with $0 < \text{low} < \text{high} < 1$.
    size : int
        Number of samples, at least 1.
    rng : numpy.random.Generator

    Returns
    -------
    samples : ndarray of shape (size,)
        Values of $\beta$ in $[\text{low}, \text{high}]$.

    Raises
    ------
    ValueError
        If the range is not inside $(0, 1)$, if ``low >= high``, or if `size` is not a positive
        integer.

    See Also
    --------
    sample_log_uniform : The same idea applied to $\beta$ itself.

    Notes
    -----
    $$r \sim \mathcal{U}\bigl[\log_{10}(1 - \text{high}),\ \log_{10}(1 - \text{low})\bigr],
    \qquad 1 - \beta = 10^{r}, \qquad \beta = 1 - 10^{r}$$

    Examples
    --------
    >>> beta = sample_beta(0.9, 0.999, 100_000, np.random.default_rng(0))
    >>> bool(beta.min() >= 0.9 and beta.max() <= 0.999)
    True
    >>> round(float(np.mean(beta < 0.99)), 2)  # half in [0.9, 0.99], half in [0.99, 0.999]
    0.5
    """
    low, high = _check_range(low, high, positive=True)
    if high >= 1.0:
        raise ValueError(f"high must be less than 1 for an averaging factor beta, got {high}.")
    size = check_count("size", size, minimum=1)
    check_generator("rng", rng)
    # --8<-- [start:sample_beta]
    r = rng.uniform(np.log10(1.0 - high), np.log10(1.0 - low), size)  # exponent of 1 - beta
    samples = 1.0 - 10.0**r
    # --8<-- [end:sample_beta]
    return np.clip(samples, low, high)


def random_search(
    space: Mapping[str, tuple[float, float, str]], num_configs: int, rng: np.random.Generator
) -> list[dict[str, float | int]]:
    r"""Draw `num_configs` random hyperparameter settings, each hyperparameter on its own scale.

    Parameters
    ----------
    space : mapping of str to (low, high, scale)
        For each hyperparameter its range and scale: ``"linear"`` (uniform),
        ``"log"`` (`sample_log_uniform`), ``"beta"`` (`sample_beta`) or ``"int"``
        (a uniform integer from `low` to `high`, both included).
    num_configs : int
        Number of settings to draw, at least 1.
    rng : numpy.random.Generator

    Returns
    -------
    configs : list of dict
        `num_configs` dicts with the keys of `space`; Python ``float`` values (``int`` for the
        ``"int"`` scale).

    Raises
    ------
    ValueError
        If `space` is empty, a scale is unknown, or a range is invalid for its scale.

    Notes
    -----
    With $k$ values per hyperparameter, a grid over two hyperparameters tries $k^2$ settings
    but only $k$ distinct values of each; $k^2$ random settings try $k^2$ distinct values of
    each. When one of the two hardly matters, the grid has in effect tried only $k$ settings.

    Examples
    --------
    >>> space = {"learning_rate": (1e-4, 1.0, "log"), "beta": (0.9, 0.999, "beta"),
    ...          "n_h": (50, 100, "int")}
    >>> configs = random_search(space, 3, np.random.default_rng(0))
    >>> len(configs), sorted(configs[0])
    (3, ['beta', 'learning_rate', 'n_h'])
    >>> all(50 <= c["n_h"] <= 100 and 1e-4 <= c["learning_rate"] <= 1.0 for c in configs)
    True
    """
    num_configs = check_count("num_configs", num_configs, minimum=1)
    check_generator("rng", rng)
    _check_space(space)
    # --8<-- [start:random_search]
    columns = {}
    for name, (low, high, scale) in space.items():  # each hyperparameter on its own scale
        if scale == "log":
            values = sample_log_uniform(low, high, num_configs, rng)
        elif scale == "beta":
            values = sample_beta(low, high, num_configs, rng)
        elif scale == "int":
            values = rng.integers(low, high, num_configs, endpoint=True)
        else:
            values = rng.uniform(low, high, num_configs)
        columns[name] = values.tolist()  # Python floats (ints for the "int" scale)
    configs = [{name: columns[name][i] for name in space} for i in range(num_configs)]
    # --8<-- [end:random_search]
    return configs


def _check_space(space: Mapping[str, tuple[float, float, str]]) -> None:
    if not space:
        raise ValueError("space must name at least one hyperparameter.")
    for name, spec in space.items():
        if not isinstance(spec, tuple) or len(spec) != 3 or spec[2] not in SCALES:
            raise ValueError(
                f"space[{name!r}] must be a tuple (low, high, scale) with scale one of {SCALES}, got {spec!r}."
            )
        low, high, scale = spec
        if scale == "int":
            _check_int_range(name, low, high)
        elif scale == "beta" and _check_range(low, high, positive=True)[1] >= 1.0:
            raise ValueError(f"space[{name!r}]: high must be less than 1 for an averaging factor beta, got {high}.")
        else:
            _check_range(low, high, positive=scale != "linear")


def _check_range(low: object, high: object, *, positive: bool) -> tuple[float, float]:
    low = check_positive("low", low) if positive else check_scalar("low", low)
    high = check_positive("high", high) if positive else check_scalar("high", high)
    if low >= high:
        raise ValueError(f"low must be less than high, got low={low} and high={high}.")
    return low, high


def _check_int_range(name: str, low: object, high: object) -> tuple[int, int]:
    low, high = check_count("low", low, minimum=-(2**62)), check_count("high", high, minimum=-(2**62))
    if low > high:
        raise ValueError(f"space[{name!r}]: low must not exceed high, got low={low} and high={high}.")
    return low, high
