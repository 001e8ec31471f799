"""One row of the contract battery (``test_contract.py``), shared by the per-course tables."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

Args = dict[str, object]


@dataclass
class Case:
    """One public function, a valid call of it, and the arguments it must refuse.

    ``none_ok`` names the arguments for which None is a documented value without being the
    default (a mask that may be None, for example); ``one_d`` the word vectors and other arrays
    that are 1-D by the course's convention, which must refuse a column of the same numbers.
    """

    name: str
    args: Callable[[], Args]
    rank1: dict[str, str] = field(default_factory=dict)
    transposed: dict[str, str] = field(default_factory=dict)
    extra: dict[str, str] = field(default_factory=dict)
    nan: dict[str, str] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    one_d: dict[str, str] = field(default_factory=dict)
    none_ok: tuple[str, ...] = ()

    @property
    def function(self) -> Callable[..., object]:
        module, name = self.name.split(".")
        return getattr(importlib.import_module(f"dlref.{module}"), name)


def same(*paths: str) -> dict[str, str]:
    """Each path with the name a message must give: its last component."""
    return {path: path.split(".")[-1] for path in paths}


def rng() -> np.random.Generator:
    return np.random.default_rng(0)
