"""``python -m dlref.check my_solutions.py``: check every course function a file defines.

The file is imported, each function whose name is a course assignment function is checked,
one report is printed per function, and the exit status is 1 if any of them is wrong (or if
the file defines none), 0 otherwise.
"""

from __future__ import annotations

import importlib.util
import inspect
import sys
from pathlib import Path

from dlref.check import CANDIDATES, choose
from dlref.check._engine import run_check
from dlref.check._report import Report


def check_file(path: str | Path) -> list[Report]:
    """Import the learner's file and check each of its course functions, in file order."""
    path = Path(path).resolve()
    spec = importlib.util.spec_from_file_location(f"_dlref_check_{path.stem}", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.path.insert(0, str(path.parent))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    functions = [(name, value) for name, value in vars(module).items()
                 if inspect.isfunction(value) and value.__module__ == module.__name__ and name in CANDIDATES]
    reports = []
    for name, fn in functions:
        runs = [run_check(candidate, fn) for candidate in choose(CANDIDATES[name], fn)]
        reports.append(min(runs, key=lambda report: (not report.ok, report.wrong, len(report.problems))))
    return reports


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m dlref.check my_solutions.py", file=sys.stderr)
        return 2
    reports = check_file(args[0])
    if not reports:
        print(f"{args[0]} defines no function named like a course assignment function.")
        return 1
    print("\n\n".join(str(report) for report in reports))
    wrong = sum(not report for report in reports)
    print(f"\n{len(reports) - wrong} of {len(reports)} functions right.")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
