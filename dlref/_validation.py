"""Argument checks shared by the public functions.

Every check raises :class:`ValueError` with a message that names the argument, the shape it
has and the shape that was expected, so a learner can fix the call without reading the source.
"""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Integral, Real

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.float64]


def scalar_if_0d(x: FloatArray) -> FloatArray | np.float64:
    """Return a 0-d array as a NumPy scalar (``np.float64``), as NumPy's ufuncs do; others unchanged."""
    return x[()] if x.ndim == 0 else x


def _fmt(shape: Sequence[int | str | None]) -> str:
    parts = ["?" if s is None else str(s) for s in shape]
    return "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"


def as_float_array(name: str, x: ArrayLike) -> FloatArray:
    """Return ``x`` as a float64 array (a copy only when a conversion is needed)."""
    if x is None:  # np.asarray(None, dtype=float) would be a NaN
        raise ValueError(f"{name} must be an array of real numbers, got None.")
    try:
        arr = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} must be an array of real numbers, got {type(x).__name__}") from exc
    return arr


def check_matrix(
    name: str,
    x: ArrayLike,
    shape: tuple[int | str | None, int | str | None] = (None, None),
    *,
    hint: str = "",
) -> FloatArray:
    """Return ``x`` as a 2-D float array, or raise if its rank or shape is wrong.

    ``shape`` may hold ``None`` for a free dimension, or a string such as ``"n_x"`` naming it
    in the message while leaving it free.
    """
    arr = as_float_array(name, x)
    rows, cols = shape
    if arr.ndim == 2 and (not isinstance(rows, int) or arr.shape[0] == rows) and (
        not isinstance(cols, int) or arr.shape[1] == cols
    ):
        return arr  # the common case, without formatting a message
    expected = _fmt(shape)
    if arr.ndim == 1:
        raise ValueError(
            f"{name} has shape {arr.shape}, a rank-1 array; expected a 2-D array of shape "
            f"{expected}. Reshape it, for example {name}.reshape(1, -1) for a row or "
            f"{name}.reshape(-1, 1) for a column.{' ' + hint if hint else ''}"
        )
    if arr.ndim != 2:
        raise ValueError(
            f"{name} has shape {arr.shape} ({arr.ndim}-D); expected a 2-D array of shape "
            f"{expected}.{' ' + hint if hint else ''}"
        )
    for got, want in zip(arr.shape, shape):
        if isinstance(want, int) and got != want:
            raise ValueError(
                f"{name} has shape {arr.shape}; expected shape {expected}."
                f"{' ' + hint if hint else ''}"
            )
    return arr


def check_same_shape(name: str, x: ArrayLike, other_name: str, other: FloatArray) -> FloatArray:
    """Return ``x`` as a float array with the shape of ``other``, or raise."""
    arr = as_float_array(name, x)
    if arr.shape != other.shape:
        raise ValueError(
            f"{name} has shape {arr.shape}; expected the shape of {other_name}, {other.shape}."
        )
    return arr


def check_labels(name: str, Y: ArrayLike, m: int) -> FloatArray:
    """Return labels as a ``(1, m)`` float array with values in [0, 1], or raise."""
    arr = check_matrix(name, Y, (1, m), hint="Labels are one row with one column per example.")
    if not np.all((arr >= 0) & (arr <= 1)):
        raise ValueError(f"{name} must hold labels in [0, 1]; got values from {arr.min()} to {arr.max()}.")
    return arr


def check_scalar(name: str, x: object, *, diverged: bool = False) -> float:
    """Return ``x`` as a finite Python float, or raise (saying that training diverged with ``diverged``)."""
    if np.ndim(x) != 0 or isinstance(x, (bool, np.bool_)) or not isinstance(np.asarray(x).item(), Real):
        raise ValueError(f"{name} must be a real number (a scalar), got {np.shape(x) or type(x).__name__}.")
    value = float(np.asarray(x).item())
    if not np.isfinite(value):
        if diverged:
            check_finite(name, np.asarray(value), diverged=True)
        raise ValueError(f"{name} must be finite, got {value}.")
    return value


def check_positive(name: str, x: object) -> float:
    """Return ``x`` as a float greater than zero, or raise."""
    value = check_scalar(name, x)
    if value <= 0:
        raise ValueError(f"{name} must be greater than 0, got {value}.")
    return value


def check_nonnegative(name: str, x: object) -> float:
    """Return ``x`` as a float no smaller than zero, or raise."""
    value = check_scalar(name, x)
    if value < 0:
        raise ValueError(f"{name} must be at least 0, got {value}.")
    return value


def check_count(name: str, x: object, *, minimum: int = 0) -> int:
    """Return ``x`` as an int no smaller than ``minimum``, or raise."""
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, Integral):
        raise ValueError(f"{name} must be an integer, got {type(x).__name__} {x!r}.")
    if x < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {x}.")
    return int(x)


def check_layer_dims(layer_dims: object, name: str = "layer_dims") -> list[int]:
    """Return the layer sizes ``[n_x, n[1], ..., n[L]]`` as a list of positive ints, or raise."""
    if isinstance(layer_dims, (str, bytes)) or not isinstance(layer_dims, (Sequence, np.ndarray)) or len(layer_dims) < 2:
        raise ValueError(
            f"{name} must be a list of at least two layer sizes [n_x, n[1], ..., n[L]] "
            f"(the input and one layer); got {layer_dims!r}."
        )
    return [check_count(f"{name}[{i}]", n, minimum=1) for i, n in enumerate(layer_dims)]


def check_generator(name: str, rng: object) -> np.random.Generator:
    """Return ``rng`` if it is a :class:`numpy.random.Generator`, or raise."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError(
            f"{name} must be a numpy.random.Generator, for example np.random.default_rng(0); "
            f"got {type(rng).__name__}."
        )
    return rng


def check_parameters(
    parameters: object, n_x: int | None = None, *, layers: int | None = None, chained: bool = True
) -> dict[str, FloatArray]:
    """Return the parameters ``{"W1", "b1", ..., "WL", "bL"}`` as float arrays, or raise.

    ``W{l}`` must have shape ``(n[l], n[l-1])`` and ``b{l}`` shape ``(n[l], 1)``, with ``n[0]``
    equal to ``n_x`` when it is given (the rows of ``X``) and, if ``chained``, each layer's columns
    equal to the previous layer's rows (an optimizer, which updates each parameter on its own, may
    pass ``chained=False``). ``layers`` fixes the number of layers ``L`` when given.
    """
    if not isinstance(parameters, dict):
        raise ValueError(f"parameters must be a dict {{'W1': ..., 'b1': ...}}, got {type(parameters).__name__}.")
    # the highest layer index among the W{l} and b{l} keys: a missing W2 is reported as missing
    L = max((int(key[1:]) for key in parameters if isinstance(key, str) and key[:1] in "Wb" and key[1:].isdigit()), default=0)
    expected = {f"{p}{l}" for l in range(1, L + 1) for p in "Wb"}
    if L == 0 or set(parameters) != expected:
        missing, unexpected = sorted(expected - set(parameters)), sorted(set(parameters) - expected, key=str)
        raise ValueError(
            "parameters must hold W1, b1, ..., WL, bL for layers 1 to L; "
            f"missing {missing or 'nothing'}, unexpected {unexpected or 'nothing'}."
        )
    if layers is not None and L != layers:
        raise ValueError(f"parameters describe {L} layer(s); expected {layers}: W1, b1, ..., W{layers}, b{layers}.")
    checked: dict[str, FloatArray] = {}
    n_prev = n_x
    hint = "" if n_x is None else f"W1 needs one column per row of X (X has {n_x} rows)."
    for l in range(1, L + 1):
        W = check_matrix(f"W{l}", parameters[f"W{l}"], (None, n_prev), hint=hint)
        b = check_matrix(
            f"b{l}", parameters[f"b{l}"], (W.shape[0], 1),
            hint=f"b{l} is a column with one bias per row of W{l} (W{l} has shape {W.shape}).",
        )
        checked[f"W{l}"], checked[f"b{l}"] = W, b
        n_prev = W.shape[0] if chained else None
        hint = f"W{l + 1} needs one column per unit of layer {l} (W{l} has shape {W.shape})." if chained else ""
    return checked


def check_fits_W1(n_x: int, W1: FloatArray, x_shape: tuple[int, ...] | None = None, name: str = "X") -> None:
    """Raise, naming the inputs `name`, if they do not have one row per column of ``W1``."""
    if n_x != W1.shape[1]:
        has = f"shape {x_shape}" if x_shape is not None else f"{n_x} rows"
        raise ValueError(
            f"{name} has {has}; expected shape ({W1.shape[1]}, m) because W1 has shape {W1.shape}: "
            f"{name} needs one row per column of W1 (one per input feature) and one column per example."
        )


def check_keep_prob(keep_prob: object) -> float:
    """Return `keep_prob` as a float in (0, 1], or raise a ValueError naming it."""
    value = check_scalar("keep_prob", keep_prob)
    if not 0.0 < value <= 1.0:
        raise ValueError(
            f"keep_prob must be in (0, 1], got {value}: it is the probability of KEEPING a unit "
            "(1.0 turns dropout off)."
        )
    return value


def check_finite(name: str, x: FloatArray, *, diverged: bool = False) -> FloatArray:
    """Return ``x`` if it holds no NaN or infinity, or raise.

    With ``diverged`` the message says that the array is a trained parameter, so a NaN in it
    means that training diverged (a learning rate too large, most often).
    """
    if np.all(np.isfinite(x)):
        return x
    bad = "NaN" if np.any(np.isnan(x)) else "infinity"
    if diverged:
        raise ValueError(
            f"{name} holds {bad}: training diverged (try a smaller learning rate); "
            "a network with non-finite parameters has no predictions."
        )
    raise ValueError(f"{name} holds {bad}; expected finite numbers.")


def check_parameters_finite(parameters: dict[str, FloatArray]) -> dict[str, FloatArray]:
    """Return ``parameters`` if every array is finite, or raise saying that training diverged."""
    for key, value in parameters.items():
        check_finite(key, value, diverged=True)
    return parameters
