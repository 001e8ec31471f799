r"""Check your own implementation of a course function against dlref's, and learn what is wrong.

Every function a learner writes in the programming assignments of Courses 1, 2, 4 and 5 has a check of the
same name: ``dlref.check.linear_backward(my_linear_backward)`` runs the learner's function on
seeded random cases at several shapes and on edge cases (saturated sigmoids, ``log(0)``, ties,
the last partial mini-batch, ...), compares every output with dlref's, and returns a `Report`
that names what is wrong: a shape (transposed, rank-1), a constant factor (and which one: ``m``,
``2``, ``keep_prob``, ...), a sign, the edge cases only, a changed input, the global random
state, or one of the known mistakes of that formula, with the right formula and where it is
explained. The report is falsy when anything is wrong, so ``assert dlref.check.propagate(f)``
works in a learner's own tests.

Several assignment names belong to several functions (``predict``, ``compute_cost``,
``update_parameters``, ``forward_propagation``, ``backward_propagation``, ``softmax``, and Course
5's ``optimize`` and ``model``); their
checks are named after the module (``shallow_network_predict``,
``gradient_check_1d_forward_propagation``, ``python_basics_softmax``), and the plain name picks
the one whose parameters the learner's function has: ``forward_propagation(x, theta)`` is the
gradient-checking warm-up, ``forward_propagation(X, parameters)`` the shallow network. A single
parameter's name decides nothing (``softmax(x)`` may be either softmax), so then every candidate
runs and the report is that of the one the learner's output agrees with best.
Courses 1, 2, 4 and 5 are covered; Course 3 has no programming assignment.

``python -m dlref.check my_solutions.py`` checks every function of a file whose name is a
course assignment function.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable

from dlref.check._cases import SPECS
from dlref.check._engine import Spec, run_check
from dlref.check._mistakes import MISTAKES
from dlref.check._report import Line, Report

_BY_NAME: dict[str, Spec] = {spec.name: spec for spec in SPECS}
for _name, _mistakes in MISTAKES.items():
    _BY_NAME[_name].mistakes = list(_mistakes)

_DOC = r"""Check your own ``{name}`` against {qualname}.

Parameters
----------
fn : callable
    Your function, called like dlref's: ``{call}``.
timeout : float, default 5.0
    Seconds each case may take before the check stops waiting for it.

Returns
-------
Report
    Falsy if anything is wrong; ``str(report)`` says what.

Notes
-----
{mistakes}

Examples
--------
>>> from dlref import check
>>> from {module} import {function}
>>> bool(check.{name}({function}))
True
"""


def _describe_mistakes(spec: Spec) -> str:
    if not spec.mistakes:
        return "The report diagnoses shapes, constant factors, signs, edge cases and side effects."
    known = "; ".join(mistake.says.split(":")[0].rstrip(".") for mistake in spec.mistakes)
    return "Besides the generic diagnoses, the known mistakes it recognises: " + known + "."


def _plain_signature(function: Callable) -> inspect.Signature:
    """The signature without annotations: ``(dZ, cache)``."""
    signature = inspect.signature(function)
    parameters = [p.replace(annotation=inspect.Parameter.empty) for p in signature.parameters.values()]
    return signature.replace(parameters=parameters, return_annotation=inspect.Signature.empty)


def _make(spec: Spec) -> Callable[..., Report]:
    def check(fn: Callable, *, timeout: float = 5.0) -> Report:
        return run_check(spec, fn, timeout)

    reference = spec.reference
    check.__name__ = check.__qualname__ = spec.name
    check.__module__ = __name__
    check.__doc__ = _DOC.format(
        name=spec.name, qualname=f"`{spec.qualname}`", call=f"{reference.__name__}{_plain_signature(reference)}",
        mistakes=_describe_mistakes(spec), module=reference.__module__, function=reference.__name__,
    )
    return check


def _pick(name: str, candidates: list[Spec]) -> Callable[..., Report]:
    def check(fn: Callable, *, timeout: float = 5.0) -> Report:
        reports = [run_check(spec, fn, timeout) for spec in choose(candidates, fn)]
        return min(reports, key=lambda report: (not report.ok, report.wrong, len(report.problems)))

    check.__name__ = check.__qualname__ = name
    check.__module__ = __name__
    first = candidates[0].reference
    check.__doc__ = _DOC.format(
        name=name, qualname=f"the dlref function named ``{name}`` whose parameters it has",
        call=" or ".join(dict.fromkeys(f"``{name}{_plain_signature(s.reference)}``" for s in candidates)).strip("`"),
        mistakes="The course has several functions of this name: " + ", ".join(f"`{s.qualname}`" for s in candidates)
        + ". The check runs those whose parameter names your function has (all of them if none match, or if "
        "your function takes a single parameter) and returns the report of the one your function agrees with best.",
        module=first.__module__, function=name,
    )
    return check


def choose(candidates: list[Spec], fn: Callable) -> list[Spec]:
    """The candidate checks whose reference takes the parameters ``fn`` takes, by name.

    A function of one parameter keeps every candidate: whether it is called ``x`` or ``Z`` says
    nothing about which function it is.
    """
    try:
        mine = [p for p in inspect.signature(fn).parameters]
    except (TypeError, ValueError):
        return candidates
    if len(mine) <= 1:
        return candidates
    same = [s for s in candidates if list(inspect.signature(s.reference).parameters)[: len(mine)] == mine]
    return same or candidates


_checks = {spec.name: _make(spec) for spec in SPECS}
_ambiguous: dict[str, list[Spec]] = {}
for _spec in SPECS:
    for _alias in _spec.assignment:
        if _alias not in _checks:
            _ambiguous.setdefault(_alias, []).append(_spec)
        elif _alias in _BY_NAME and _BY_NAME[_alias] is not _spec:  # a later course reuses a check's name
            _ambiguous.setdefault(_alias, [_BY_NAME[_alias]]).append(_spec)
_checks.update({alias: _pick(alias, specs) for alias, specs in _ambiguous.items() if len(specs) > 1})
globals().update(_checks)

__all__ = sorted(_checks, key=str.lower)

CANDIDATES: dict[str, list[Spec]] = {spec.name: [spec] for spec in SPECS}
"""For each function name of the assignments, the checks that may apply (used by the command line)."""
for _alias, _specs in _ambiguous.items():
    CANDIDATES.setdefault(_alias, []).extend(s for s in _specs if all(s is not c for c in CANDIDATES[_alias]))

