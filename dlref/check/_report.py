"""The result of one check: a list of ✓/✗ lines, falsy when anything is wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape


@dataclass(frozen=True)
class Line:
    """One finding: ``ok`` is True (✓), False (✗) or None (a note under the previous line)."""

    ok: bool | None
    text: str

    def render(self) -> str:
        mark = {True: "  ✓ ", False: "  ✗ ", None: "    "}[self.ok]
        return mark + self.text.replace("\n", "\n    ")


@dataclass(frozen=True)
class Report:
    """What a check found about a learner's function.

    ``bool(report)`` is True only when every case agreed with dlref and nothing else was wrong,
    so ``assert dlref.check.linear_backward(my_linear_backward)`` works in a learner's own tests.
    ``str(report)`` is the report text; notebooks show the same text.

    Attributes
    ----------
    name : str
        The checked function's name.
    reference : str
        The dlref function it was compared with.
    cases : int
        How many cases were run.
    wrong : int
        How many of them gave a wrong output (or raised).
    lines : tuple of Line
        The findings, in the order they are printed.
    mistakes : tuple of str
        The identifiers of the known mistakes the function matched.
    problems : tuple of str
        The kinds of the generic problems found (``"factor"``, ``"shape"``, ``"raised"``, ...).
    """

    name: str
    reference: str
    cases: int
    wrong: int
    lines: tuple[Line, ...] = ()
    mistakes: tuple[str, ...] = ()
    problems: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        return self.wrong == 0 and not self.problems and not self.mistakes

    def __bool__(self) -> bool:
        return self.ok

    @property
    def header(self) -> str:
        if self.wrong:
            return f"{self.name}: {self.wrong} of {self.cases} cases wrong"
        if not self.ok:
            return f"{self.name}: right values on all {self.cases} cases, but not all is well"
        return f"{self.name}: all {self.cases} cases right"

    def __str__(self) -> str:
        return "\n".join([self.header, *(line.render() for line in self.lines)])

    def __repr__(self) -> str:
        return str(self)

    def _repr_pretty_(self, printer: object, cycle: bool) -> None:
        printer.text(str(self))  # type: ignore[attr-defined]

    def _repr_html_(self) -> str:
        return f'<pre style="white-space: pre-wrap">{escape(str(self))}</pre>'
