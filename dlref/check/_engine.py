"""Run a learner's function on a check's cases and turn what differs from dlref into findings."""

from __future__ import annotations

import contextlib
import copy
import inspect
import io
import itertools
import numbers
import os
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from dlref.check._report import Line, Report

_DLREF_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_NUMPY_DIR = os.path.dirname(os.path.abspath(np.__file__))


@dataclass(frozen=True)
class Seed:
    """Stands for ``numpy.random.default_rng(seed)`` in a case: each call gets a fresh generator."""

    seed: int


@dataclass(frozen=True)
class Case:
    """One call of the checked function: its arguments, a label, and the constants it involves."""

    label: str
    args: tuple
    kwargs: dict = field(default_factory=dict)
    edge: bool = False
    factors: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Mistake:
    """A known wrong version of a function, written as the wrong formula itself."""

    id: str
    wrong: Callable
    says: str
    right: str
    errata: str | None = None


@dataclass
class Spec:
    """Everything one check needs: the reference, its cases, how its output is named."""

    name: str
    reference: Callable
    cases: Callable[[], list[Case]]
    outputs: tuple[str, ...] | str
    page: str
    rtol: float = 1e-7
    atol: float = 0.0
    random: bool = False
    assignment: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()  # outputs not compared (a cache whose layout is the learner's own)
    mistakes: list[Mistake] = field(default_factory=list)

    @property
    def qualname(self) -> str:
        return f"{self.reference.__module__}.{self.reference.__name__}"


@dataclass
class Outcome:
    value: object = None
    error: str | None = None
    where: str | None = None
    timed_out: bool = False
    warned: tuple[str, ...] = ()
    modified: tuple[str, ...] = ()
    global_state: bool = False


# ---------------------------------------------------------------- calling


def errata_page(sections: str) -> str:
    """The errata page that lists the notes' ``sections`` (e.g. "1.2.2, 1.2.5"): Course 1 has a page
    of its own, Courses 2 to 5 share the next one."""
    return "docs/errata.md" if sections.startswith("1.") else "docs/errata-courses-2-5.md"


def _materialize(value: object) -> object:
    if isinstance(value, Seed):
        return np.random.default_rng(value.seed)
    if isinstance(value, tuple):
        return tuple(_materialize(v) for v in value)
    if isinstance(value, list):
        return [_materialize(v) for v in value]
    if isinstance(value, dict):
        return {k: _materialize(v) for k, v in value.items()}
    return copy.deepcopy(value)


def _same(a: object, b: object) -> bool:
    """Exact equality of nested inputs (generators are skipped: drawing from them is allowed)."""
    if isinstance(a, np.random.Generator):
        return True
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        return a.shape == b.shape and a.dtype == b.dtype and bool(np.array_equal(a, b, equal_nan=a.dtype.kind == "f"))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return type(a) is type(b) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and (a == b or (a != a and b != b))


def _where(error: BaseException) -> str | None:
    """The innermost line of the traceback that is the learner's, not dlref's or NumPy's."""
    frames = [f for f in inspect.getinnerframes(error.__traceback__, context=0)[1:]]
    mine = [f for f in frames if not f.filename.startswith((_DLREF_DIR, _NUMPY_DIR))]
    if not mine:
        return None
    frame = mine[-1]
    return f"{os.path.basename(frame.filename)} line {frame.lineno}, in {frame.function}"


def call(fn: Callable, case: Case, timeout: float | None, names: list[str]) -> Outcome:
    """Call ``fn`` on copies of the case's inputs, in a thread, recording what it did."""
    args, kwargs = _materialize(case.args), _materialize(case.kwargs)
    before = (_materialize(case.args), _materialize(case.kwargs))
    box: dict[str, object] = {}

    def target() -> None:
        try:
            box["value"] = fn(*args, **kwargs)
        except BaseException as error:  # noqa: BLE001 - the learner's error is a finding
            box["error"] = error

    state = np.random.get_state()
    np.random.seed(20240601)
    probe = np.random.get_state()
    outcome = Outcome()
    try:
        with warnings.catch_warnings(record=True) as caught, contextlib.redirect_stdout(io.StringIO()):
            warnings.simplefilter("always")
            if timeout is None:
                target()
            else:
                worker = threading.Thread(target=target, daemon=True)
                worker.start()
                worker.join(timeout)
                outcome.timed_out = worker.is_alive()
        after = np.random.get_state()
        outcome.global_state = not (np.array_equal(after[1], probe[1]) and after[2] == probe[2])
    finally:
        np.random.set_state(state)
    outcome.warned = tuple(sorted({f"{w.category.__name__}: {w.message}" for w in caught}))
    if outcome.timed_out:
        return outcome
    if "error" in box:
        error = box["error"]
        outcome.error = f"{type(error).__name__}: {error}".rstrip(": ")
        outcome.where = _where(error)
        return outcome
    outcome.value = box.get("value")
    arguments = list(zip(names, args)) + list(kwargs.items())
    originals = list(before[0]) + list(before[1].values())
    outcome.modified = tuple(name for (name, now), was in zip(arguments, originals) if not _same(was, now))
    return outcome


def describe(value: object, depth: int = 0) -> str:
    """A short picture of an input: shapes for arrays, keys for dicts."""
    if isinstance(value, Seed):
        return f"default_rng({value.seed})"
    if isinstance(value, np.ndarray):
        return str(value.shape)
    if isinstance(value, dict):
        items = [f"{k} {describe(v, depth + 1)}" for k, v in itertools.islice(value.items(), 4)]
        return "{" + ", ".join(items) + (", …" if len(value) > 4 else "") + "}"
    if isinstance(value, (tuple, list)):
        if depth > 1:
            return "(…)"
        inner = ", ".join(describe(v, depth + 1) for v in value[:4]) + (", …" if len(value) > 4 else "")
        return f"({inner})" if isinstance(value, tuple) else f"[{inner}]"
    if isinstance(value, float):
        return f"{value:g}"
    return repr(value)


def describe_case(case: Case, names: list[str]) -> str:
    pairs = list(zip(names, case.args)) + list(case.kwargs.items())
    return ", ".join(f"{name} {describe(v)}" for name, v in pairs)


# ---------------------------------------------------------------- comparing


def _is_number_list(value: object) -> bool:
    return isinstance(value, (list, tuple)) and all(
        isinstance(v, numbers.Number) and not isinstance(v, bool) for v in value
    )


def flatten(value: object, outputs: tuple[str, ...] | str, ignore: tuple[str, ...] = ()) -> dict[str, object]:
    """Name every leaf of an output: ``dW``, ``grads["dw"]``, ``mini_batches[2][0]``."""
    leaves: dict[str, object] = {}

    def walk(v: object, path: str) -> None:
        if path in ignore:
            return
        if isinstance(v, dict):
            for key, item in v.items():
                walk(item, f'{path}["{key}"]' if path else str(key))
        elif isinstance(v, (list, tuple)) and not _is_number_list(v):
            if isinstance(v, list):
                leaves[f"len({path})"] = len(v)
            for i, item in enumerate(v):
                walk(item, f"{path}[{i}]")
        else:
            leaves[path] = v

    if isinstance(outputs, tuple):
        for name, item in zip(outputs, value):  # type: ignore[call-overload]
            walk(item, name)
    else:
        walk(value, outputs)
    return leaves


def _float_scalar(v: object) -> bool:
    return isinstance(v, (float, np.floating)) and not isinstance(v, np.ndarray)


@dataclass(frozen=True)
class Finding:
    kind: str  # ok, missing, type, shape, nonfinite, value
    detail: str = ""
    amount: float = 0.0  # the largest difference, for "value"


def compare_leaf(ref: object, got: object, rtol: float, atol: float) -> Finding:
    if isinstance(ref, str) or ref is None:
        return Finding("ok") if got == ref else Finding("value", f"is {got!r} where dlref's is {ref!r}")
    if isinstance(ref, bool):
        ok = isinstance(got, (bool, np.bool_)) and bool(got) == ref
        return Finding("ok") if ok else Finding("value", f"is {got!r} where dlref's is {ref!r}")
    if isinstance(ref, numbers.Integral) and not isinstance(ref, np.ndarray):
        if isinstance(got, numbers.Integral) and not isinstance(got, (bool, np.bool_)):
            return Finding("ok") if got == ref else Finding("value", f"is {got} where dlref's is {ref}")
        return Finding("type", f"is {type(got).__name__} {got!r} where dlref's is the int {ref}")
    if _float_scalar(ref):
        if not isinstance(got, float):
            if isinstance(got, (np.ndarray, np.generic, numbers.Number)) and np.size(got) == 1:
                shown = f"an array of shape {np.shape(got)}" if isinstance(got, np.ndarray) else type(got).__name__
                if np.isclose(np.asarray(got, dtype=float).item(), ref, rtol=rtol, atol=atol, equal_nan=True):
                    return Finding("type", f"is {shown}, not a float: return float(x) (or x.item())")
            elif got is None or isinstance(got, (list, tuple, dict, str)):
                return Finding("type", f"is {type(got).__name__} where dlref returns a float")
    elif isinstance(ref, np.ndarray) and ref.ndim > 0 and not isinstance(got, np.ndarray):
        return Finding("type", f"is {type(got).__name__} where dlref returns an ndarray")
    try:
        g = np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return Finding("type", f"is {type(got).__name__}, not numbers")
    r = np.asarray(ref, dtype=float)
    if g.shape != r.shape and not (r.ndim == 0 and g.size == 1):
        return Finding("shape", _shape_detail(r, g, rtol, atol))
    g = g.reshape(r.shape)
    scale = float(np.max(np.abs(r[np.isfinite(r)]), initial=0.0))
    close = np.isclose(g, r, rtol=rtol, atol=atol + rtol * 1e-3 * scale, equal_nan=True)
    if close.all():
        return Finding("ok")
    if not np.isfinite(g[~close]).all() and np.isfinite(r[~close]).all():
        bad = "nan" if np.isnan(g).any() else "inf"
        return Finding("nonfinite", f"is {bad} where dlref's value is finite")
    return Finding("value", "differs from dlref's", float(np.max(np.abs(g - r)[~close])))


def _shape_detail(r: np.ndarray, g: np.ndarray, rtol: float, atol: float) -> str:
    shapes = f"has shape {g.shape} where dlref's has {r.shape}"
    if g.shape == r.shape[::-1] and r.ndim == 2:
        same = np.allclose(g.T, r, rtol=rtol, atol=atol + 1e-12)
        return shapes + (": it is the transpose of the right value" if same else ": it is transposed")
    if g.ndim == 1 and r.ndim == 2 and g.size == r.size:
        return shapes + ": a rank-1 array; keep the column (keepdims=True, or reshape)"
    if r.ndim == 2 and 1 in r.shape and g.ndim == 2 and g.shape == (max(r.shape),) * 2:
        return shapes + ": a rank-1 array broadcast against a column"
    return shapes


_FACTOR_HINTS = {
    "m": "the 1/m is missing",
    "1/m": "it is divided by m once too often",
    "keep_prob": "the division by keep_prob is missing",
    "1/keep_prob": "it is divided by keep_prob once too often",
    "2": "a factor of 2 too many",
    "1/2": "a factor of 1/2 too many",
}
_CONSTANTS = {"-1": -1.0, "2": 2.0, "1/2": 0.5, "-2": -2.0, "-1/2": -0.5}


def _factors(case: Case) -> dict[str, float]:
    named: dict[str, float] = {}
    for name, value in case.factors.items():
        named[name] = float(value)
        named[f"1/{name}"] = 1.0 / float(value)
    return {**named, **_CONSTANTS}


def _matching_factors(ref: object, got: object, case: Case, rtol: float, atol: float) -> set[str]:
    try:
        r, g = np.asarray(ref, dtype=float), np.asarray(got, dtype=float)
    except (TypeError, ValueError):
        return set()
    if r.shape != g.shape and not (r.ndim == 0 and g.size == 1):
        return set()
    g = g.reshape(r.shape)
    if not np.isfinite(r).all() or not np.isfinite(g).all() or not np.any(r):
        return set()
    scale = float(np.max(np.abs(r)))
    return {
        name for name, c in _factors(case).items()
        if np.allclose(g, c * r, rtol=rtol, atol=atol + rtol * 1e-3 * scale * abs(c))
    }


# ---------------------------------------------------------------- the check


def _join(names: list[str]) -> str:
    if len(names) <= 5:
        return ", ".join(names)
    return ", ".join(names[:3]) + f" and the {len(names) - 3} other outputs"


def _verb(names: list[str], singular: str, plural: str) -> str:
    return singular if len(names) == 1 else plural


def _leaf_verdicts(spec: Spec, cases: list[Case], refs: list[dict], gots: list[dict | None]) -> dict[str, tuple]:
    """For every leaf, a (kind, message-tail) verdict over all cases that ran."""
    verdicts: dict[str, tuple] = {}
    ran = [i for i, got in enumerate(gots) if got is not None]
    paths = list(dict.fromkeys(path for leaves in refs for path in leaves))  # every case's outputs, in order
    for path in paths:
        findings = {i: compare_leaf(refs[i][path], gots[i][path], spec.rtol, spec.atol)
                    if path in gots[i] else Finding("missing") for i in ran if path in refs[i]}
        wrong = [i for i, f in findings.items() if f.kind != "ok"]
        if not wrong:
            verdicts[path] = ("ok", "")
            continue
        kinds = {findings[i].kind for i in wrong}
        on = "on every case" if len(wrong) == len(findings) else (
            f"on {len(wrong)} of {len(ran)} cases ({'; '.join(cases[i].label for i in wrong[:3])}"
            + ("; …" if len(wrong) > 3 else "") + ")")
        for kind in ("missing", "shape", "type"):
            if kind in kinds:
                first = next(i for i in wrong if findings[i].kind == kind)
                tail = {"missing": "is missing from your output"}.get(kind, findings[first].detail)
                verdicts[path] = (kind, _place(tail, on))
                break
        else:
            common = None
            for i in findings:
                if findings[i].kind == "ok":
                    names = {k for k, v in _factors(cases[i]).items() if abs(v - 1.0) < 1e-12}
                else:
                    names = _matching_factors(refs[i][path], gots[i][path], cases[i], spec.rtol, spec.atol)
                common = names if common is None else common & names
            order = list(_factors(cases[wrong[0]]))
            if common:
                name = min(common, key=order.index)
                # the factor holds on every case that ran, including those where it equals 1
                if name == "-1":
                    verdicts[path] = ("sign", "has the wrong sign on every case")
                else:
                    hint = _FACTOR_HINTS.get(name, "")
                    verdicts[path] = ("factor", f"is {name} times the right value on every case" + (f": {hint}" if hint else ""))
            elif all(cases[i].edge for i in wrong) and any(not c.edge for i, c in enumerate(cases) if i in findings):
                detail = findings[wrong[0]].detail
                verdicts[path] = ("edge", f"is right on the random cases but wrong on the edge cases: {detail} {on}")
            else:
                detail = findings[wrong[0]].detail
                amount = max(findings[i].amount for i in wrong)
                verdicts[path] = ("value", _place(detail, on), amount)
    return verdicts


def _order_problem(spec: Spec, refs_raw: list, gots_raw: list) -> str | None:
    """If a tuple came back in another order, say which."""
    if not isinstance(spec.outputs, tuple) or len(spec.outputs) < 2:
        return None
    n = len(spec.outputs)
    pairs = [(r, g) for r, g in zip(refs_raw, gots_raw) if isinstance(g, tuple | list) and len(g) == n]
    if not pairs:
        return None

    def matches(i: int, j: int) -> bool:
        for r, g in pairs:
            a, b = flatten(r[i], "x"), flatten(g[j], "x")
            if a.keys() != b.keys() or any(compare_leaf(a[k], b[k], spec.rtol, spec.atol).kind != "ok" for k in a):
                return False
        return True

    for perm in itertools.permutations(range(n)):
        if perm != tuple(range(n)) and all(matches(i, perm[i]) for i in range(n)):
            got_order = [spec.outputs[perm.index(j)] for j in range(n)]
            return f"returns ({', '.join(got_order)}) where dlref returns ({', '.join(spec.outputs)}): swap them"
    return None


def _structure_problem(spec: Spec, value: object) -> str | None:
    if isinstance(spec.outputs, tuple):
        n = len(spec.outputs)
        if not isinstance(value, (tuple, list)):
            return f"returns {type(value).__name__} where dlref returns {n} values ({', '.join(spec.outputs)})"
        if len(value) != n:
            return f"returns {len(value)} values where dlref returns {n} ({', '.join(spec.outputs)})"
    return None


def _run_mistake(mistake: Mistake, case: Case, names: list[str], spec: Spec) -> tuple[dict, tuple, tuple]:
    outcome = call(mistake.wrong, case, None, names)
    if outcome.error:
        raise RuntimeError(f"known mistake {mistake.id} raised on {case.label}: {outcome.error}")
    return flatten(outcome.value, spec.outputs, spec.ignore), outcome.warned, outcome.modified


def _explained(spec: Spec, mistake: Mistake, cases: list[Case], refs: list[dict], gots: list[dict | None],
               warned: list[tuple], names: list[str], modified: list[tuple]) -> set[str] | None:
    """The leaves a known mistake explains, if the learner's outputs (and side effects) match it on every case."""
    explains: set[str] = set()
    runs = [_run_mistake(mistake, case, names, spec) for case in cases]
    for i, (leaves, mistake_warned, mistake_modified) in enumerate(runs):
        for path, ref in refs[i].items():
            if path not in leaves or compare_leaf(ref, leaves[path], spec.rtol, spec.atol).kind != "ok":
                explains.add(path)
        if mistake_warned:
            explains.add("warnings")
        if mistake_modified:
            explains.add("modified")  # a mistake of side effect: the outputs may be right
    if not explains:
        raise RuntimeError(f"known mistake {mistake.id} gives dlref's output on every case")
    for i, (leaves, mistake_warned, mistake_modified) in enumerate(runs):
        if gots[i] is None:
            return None
        if "modified" in explains and mistake_modified != modified[i]:
            return None
        for path in explains - {"warnings", "modified"}:
            if (path in leaves) != (path in gots[i]):
                return None
            if path in leaves and compare_leaf(leaves[path], gots[i][path], spec.rtol, spec.atol).kind != "ok":
                return None
        if "warnings" in explains and set(mistake_warned) != set(warned[i]):
            return None
    return explains


def run_check(spec: Spec, fn: Callable, timeout: float | None = 5.0) -> Report:
    """Run ``fn`` on every case of ``spec`` and write the report."""
    if not callable(fn):
        raise TypeError(f"dlref.check.{spec.name} takes your function itself; got {type(fn).__name__}.")
    names = list(inspect.signature(spec.reference).parameters)
    cases = spec.cases()
    refs_raw = [spec.reference(*_materialize(c.args), **_materialize(c.kwargs)) for c in cases]
    refs = [flatten(r, spec.outputs, spec.ignore) for r in refs_raw]
    outcomes: list[Outcome | None] = []
    for case in cases:
        if any(o is not None and o.timed_out for o in outcomes):
            outcomes.append(None)  # stop after a timeout: the stuck call still runs
            continue
        outcomes.append(call(fn, case, timeout, names))
    lines: list[Line] = []
    problems: list[str] = []
    matched: list[str] = []  # the known mistakes found
    wrong_cases: set[int] = set()

    # errors and time-outs
    errors: dict[str, list[int]] = {}
    for i, outcome in enumerate(outcomes):
        if outcome is None:
            wrong_cases.add(i)
        elif outcome.timed_out:
            wrong_cases.add(i)
            problems.append("timeout")
            skipped = len(cases) - i - 1
            lines.append(Line(False, f"took longer than {timeout:g} s on the case \"{cases[i].label}\" "
                              f"(inputs: {describe_case(cases[i], names)}); stopped waiting"
                              + (f", and did not run the {skipped} cases after it" if skipped else "")))
        elif outcome.error is not None:
            wrong_cases.add(i)
            errors.setdefault(outcome.error.split(":")[0], []).append(i)
    for which in errors.values():
        problems.append("raised")
        first = outcomes[which[0]]
        count = "on every case" if len(which) == len(cases) else f"on {len(which)} of {len(cases)} cases"
        lines.append(Line(False, f"raised {count}, first on the case \"{cases[which[0]].label}\" "
                          f"(inputs: {describe_case(cases[which[0]], names)}):\n{first.error}"  # type: ignore[union-attr]
                          + (f"\n(at {first.where})" if first.where else "")))  # type: ignore[union-attr]

    # structure, then leaves
    gots: list[dict | None] = []
    structure = None
    for outcome in outcomes:
        if outcome is None or outcome.error is not None or outcome.timed_out:
            gots.append(None)
            continue
        problem = _structure_problem(spec, outcome.value)
        structure = structure or problem
        gots.append(None if problem else flatten(outcome.value, spec.outputs, spec.ignore))
    ran = [i for i, g in enumerate(gots) if g is not None]
    direct_ok = not structure and all(
        p in gots[i] and compare_leaf(refs[i][p], gots[i][p], spec.rtol, spec.atol).kind == "ok"
        for i in ran for p in refs[i])
    order = None if direct_ok else _order_problem(spec, refs_raw, [o.value if o else None for o in outcomes])
    warned = [o.warned if o else () for o in outcomes]
    modified = [o.modified if o else () for o in outcomes]
    if order:
        problems.append("order")
        lines.append(Line(False, order))
        wrong_cases.update(ran)
    elif structure:
        problems.append("structure")
        lines.append(Line(False, structure))
        wrong_cases.update(i for i, o in enumerate(outcomes) if o and o.error is None and not o.timed_out)
    elif ran:
        verdicts = _leaf_verdicts(spec, cases, refs, gots)
        for i in ran:
            if any(compare_leaf(refs[i][p], gots[i][p], spec.rtol, spec.atol).kind != "ok"
                   if p in gots[i] else True for p in refs[i]):
                wrong_cases.add(i)
        explained: set[str] = set()
        if len(ran) == len(cases):
            for mistake in spec.mistakes:
                leaves = _explained(spec, mistake, cases, refs, gots, warned, names, modified)
                if leaves is None or not (leaves - explained):
                    continue
                if all(verdicts.get(p, ("ok",))[0] == "ok" for p in leaves - {"warnings", "modified"}) and not {
                        "warnings", "modified"} & leaves:
                    continue
                explained |= leaves
                matched.append(mistake.id)
                lines.append(Line(False, mistake.says))
                where = spec.page + (f"; errata § {mistake.errata} ({errata_page(mistake.errata)})" if mistake.errata else "")
                lines.append(Line(None, f"(right: {mistake.right} — see {where})"))
        groups: dict[tuple[str, str], list[str]] = {}
        for path, (kind, tail, *_) in verdicts.items():
            if path not in explained:
                groups.setdefault((kind, tail), []).append(path)
        good: list[str] = []
        for (kind, tail), paths in groups.items():
            if kind == "ok":
                good.extend(p for p in paths if not p.startswith("len("))
                continue
            problems.append(kind)
            subject = _join(paths)
            if kind == "value":  # one line for every output wrong on the same cases
                largest = max(verdicts[p][2] for p in paths)
                tail = tail.replace("differs from dlref's", f"differs from dlref's by up to {largest:.3g}", 1)
            for singular, plural in (("is ", "are "), ("has ", "have "), ("differs ", "differ ")):
                if tail.startswith(singular) and len(paths) > 1:
                    tail = plural + tail[len(singular):]
            lines.append(Line(False, f"{subject} {tail}"))
        if good:
            within = f"to {_tol(spec.rtol)}" + ("" if spec.atol == 0 else f" (relative) and {_tol(spec.atol)} (absolute)")
            agree = _verb(good, "agrees", "agree")
            lines.append(Line(True, f"{_join(good)} {agree} with {spec.qualname} {within}"
                              + ("" if len(ran) == len(cases) else f" on the {len(ran)} cases that ran")))
        noisy = [i for i in ran if warned[i]]
        if noisy and "warnings" not in explained:
            problems.append("warned")
            lines.append(Line(False, f"warned {warned[noisy[0]][0]} on the case \"{cases[noisy[0]].label}\""
                              + ("" if len(noisy) == 1 else f" (and on {len(noisy) - 1} other cases)")))

    # side effects
    touched = [i for i, o in enumerate(outcomes) if o and o.modified]
    if touched:
        problems.append("modified")
        i = touched[0]
        which = ", ".join(outcomes[i].modified)  # type: ignore[union-attr]
        lines.append(Line(False, f"your function changed its input {which} in place (first on the case \"{cases[i].label}\"); "
                          "work on new arrays (W = W - ..., not W -= ...)"))
    elif ran:
        lines.append(Line(True, "your function left its inputs unchanged"))
    global_users = [i for i, o in enumerate(outcomes) if o and o.global_state]
    if global_users:
        problems.append("global_random")
        lines.append(Line(False, "used NumPy's global random state (np.random.seed, np.random.rand, ...) "
                          f"on the case \"{cases[global_users[0]].label}\": "
                          + ("draw from the rng argument instead" if spec.random
                             else "dlref's version draws no random numbers")))
    elif spec.random and ran:
        lines.append(Line(True, "draws only from the rng it is given"))
    if spec.random and ran and not global_users:
        i = ran[0]
        again = call(fn, cases[i], timeout, names)
        same = (again.error is None and not again.timed_out
                and _same_output(flatten(again.value, spec.outputs, spec.ignore), gots[i]))  # type: ignore[arg-type]
        if not same:
            problems.append("not_reproducible")
            lines.append(Line(False, f"not reproducible: two calls with the same seed gave different outputs on the case \"{cases[i].label}\""))
        else:
            lines.append(Line(True, "same seed, same output"))
    return Report(name=spec.name, reference=spec.qualname, cases=len(cases), wrong=len(wrong_cases),
                  lines=tuple(lines), mistakes=tuple(matched), problems=tuple(dict.fromkeys(problems)))


def _same_output(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(_same(np.asarray(a[k]), np.asarray(b[k])) for k in a)


def _tol(x: float) -> str:
    return f"{x:.0e}".replace("e-0", "e-")


def _place(detail: str, on: str) -> str:
    """Put "on every case" after the finding and before its hint."""
    main, _, hint = detail.partition(": ")
    return f"{main} {on}" + (f": {hint}" if hint else "")
