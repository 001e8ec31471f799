"""Argument checks shared by the sequence models (RNN, LSTM, GRU, the character model).

Sequences follow the course: ``x`` has shape ``(n_x, m, T_x)``, one example per column and one
time step per slice along the last axis; states such as ``a0`` have shape ``(n_a, m)``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.typing import ArrayLike, NDArray

from dlref._validation import as_float_array, check_matrix

FloatArray = NDArray[np.float64]


def check_sequence(name: str, x: ArrayLike, n_x: int | None = None, m: int | None = None) -> FloatArray:
    """Return ``x`` as a float ``(n_x, m, T_x)`` array, or raise naming its shape."""
    arr = as_float_array(name, x)
    expected = f"(n_x, m, T_x){'' if n_x is None else f' with n_x = {n_x}'}{'' if m is None else f', m = {m}'}"
    if arr.ndim != 3:
        raise ValueError(
            f"{name} has shape {arr.shape} ({arr.ndim}-D); expected a 3-D array of shape {expected}: "
            f"features, examples, time steps. A single time step is {name}[:, :, t]; "
            f"one sequence of T steps is {name}.reshape(n_x, 1, T)."
        )
    if (n_x is not None and arr.shape[0] != n_x) or (m is not None and arr.shape[1] != m):
        raise ValueError(f"{name} has shape {arr.shape}; expected shape {expected}.")
    if arr.shape[2] == 0:
        raise ValueError(f"{name} has shape {arr.shape}: it holds no time step (T_x = 0).")
    return arr


def check_state(name: str, a: ArrayLike, n_a: int, m: int, *, rows_from: str, cols_from: str) -> FloatArray:
    """Return a hidden or cell state as a float ``(n_a, m)`` array, or raise naming both shapes."""
    return check_matrix(name, a, (n_a, m), hint=f"{name} needs n_a = {n_a} rows ({rows_from}) and m = {m} columns ({cols_from}).")


def check_weights(parameters: object, shapes: Mapping[str, tuple[int, int]], owner: str) -> dict[str, FloatArray]:
    """Return the named parameters as float arrays of the given shapes, or raise naming the key."""
    if not isinstance(parameters, Mapping):
        raise ValueError(f"parameters must be a dict holding {', '.join(shapes)}; got {type(parameters).__name__}.")
    missing = [key for key in shapes if key not in parameters]
    if missing:
        raise ValueError(f"parameters of {owner} must hold {', '.join(shapes)}; missing {', '.join(missing)}.")
    return {key: check_matrix(key, parameters[key], shape, hint=f"({owner})") for key, shape in shapes.items()}


def check_gradient(name: str, d: ArrayLike, like_name: str, like_shape: tuple[int, ...]) -> FloatArray:
    """Return an upstream gradient with the shape of the value it belongs to, or raise."""
    arr = as_float_array(name, d)
    if arr.shape != like_shape:
        raise ValueError(f"{name} has shape {arr.shape}; expected the shape of {like_name}, {like_shape}.")
    return arr


def check_caches(caches: object, kind: str) -> tuple[list, FloatArray]:
    """Return ``(list_of_step_caches, x)`` from a forward pass's ``caches``, or raise."""
    if not (isinstance(caches, tuple) and len(caches) == 2 and isinstance(caches[0], list) and caches[0]):
        raise ValueError(f"caches must be the (step_caches, x) pair returned by {kind}_forward.")
    return caches[0], check_sequence("x (in caches)", caches[1])


def check_cache(cache: object, size: int, kind: str, name: str = "cache") -> tuple:
    """Return a forward pass's ``cache`` tuple with its arrays as float64, or raise naming it."""
    if not isinstance(cache, tuple) or len(cache) != size:
        got = f"a tuple of {len(cache)}" if isinstance(cache, tuple) else type(cache).__name__
        raise ValueError(f"{name} must be the tuple of {size} values returned by {kind}; got {got}.")
    return tuple(as_float_array(name, c) if isinstance(c, np.ndarray) else c for c in cache)


def check_entries(name: str, mapping: object, keys: tuple[str, ...], owner: str) -> Mapping:
    """Return ``mapping`` if it is a dict holding every one of ``keys``, or raise naming the missing ones."""
    if not isinstance(mapping, Mapping):
        raise ValueError(f"{name} must be a dict holding {', '.join(keys)} ({owner}); got {type(mapping).__name__}.")
    missing = [key for key in keys if key not in mapping]
    if missing:
        raise ValueError(f"{name} must hold {', '.join(keys)} ({owner}); missing {', '.join(missing)}.")
    return mapping


def check_step_arrays(cache_name: str, names: tuple[str, ...], arrays: tuple, like: FloatArray) -> None:
    """Raise, naming the entry, unless each cached array has the shape ``like`` of the step's state."""
    for name, arr in zip(names, arrays):
        if arr.shape != like.shape:
            raise ValueError(f"{cache_name}'s {name} has shape {arr.shape}; expected {like.shape}, the shape of the "
                             f"step's state. Pass the cache the forward step returned, unchanged.")
