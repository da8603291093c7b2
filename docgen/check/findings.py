"""Typed records of what the checker measured, found or could not check."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from docgen.standard import FIGURES, Strength

# Measurements are compared at the precision they are reported in (0.01): a deviation
# of 1.004 mm from a figure with ±1 mm is within it.
RESOLUTION = 0.005


def near(measured: float, expected: float, tolerance: float) -> bool:
    return abs(measured - expected) <= tolerance + RESOLUTION


def number(value: float) -> str:
    """2.822 → "2.82", 1.0 → "1", 0.5 → "0.5"."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


class Level(StrEnum):
    ERROR = "error"  # deviates from a figure the standard states without hedging
    WARNING = "warning"  # deviates from a 一般/推荐/practice figure or an interpretation
    NOT_CHECKED = "not checked"  # the element was not found or could not be measured
    PASS = "pass"  # measured and within tolerance


@dataclass(frozen=True)
class Check:
    """One rule of the checker: its id, the clause it enforces and how strongly."""

    id: str
    clause: str
    strength: Strength
    element: str  # what it looks at, e.g. "正文 body"
    title: str
    figure: str | None = None  # the FIGURES entry it reads, if any

    @classmethod
    def of(cls, id: str, figure: str, element: str, title: str) -> Check:
        """A check whose clause and strength are those of a figure in docgen.standard."""
        spec = FIGURES[figure]
        return cls(id, spec.clause, spec.strength, element, title, figure)

    @property
    def failure_level(self) -> Level:
        return Level.ERROR if self.strength == Strength.MANDATORY else Level.WARNING


@dataclass(frozen=True)
class Finding:
    rule: str
    clause: str
    element: str
    page: int | None  # 1-based physical page; None for the whole document
    level: Level
    message: str
    measured: str = ""
    expected: str = ""
    tolerance: str = ""
    strength: str = ""

    def to_json(self) -> dict[str, object]:
        out = asdict(self)
        out["level"] = str(self.level)
        return out


@dataclass
class Findings:
    """Collects findings; the only way rules report anything."""

    items: list[Finding] = field(default_factory=list)

    def add(
        self,
        check: Check,
        level: Level,
        message: str,
        *,
        page: int | None = None,
        measured: str = "",
        expected: str = "",
        tolerance: str = "",
        element: str | None = None,
    ) -> None:
        self.items.append(
            Finding(
                check.id,
                check.clause,
                element or check.element,
                page,
                level,
                message,
                measured,
                expected,
                tolerance,
                str(check.strength),
            )
        )

    def result(self, check: Check, ok: bool, message: str, **where: Any) -> bool:
        """A measurement: a pass, or a failure at the check's own level.

        ``where`` takes :meth:`add`'s keywords (page, measured, expected, tolerance,
        element)."""
        self.add(check, Level.PASS if ok else check.failure_level, message, **where)
        return ok

    def within(
        self,
        check: Check,
        measured: float,
        expected: float,
        tolerance: float,
        unit: str,
        what: str,
        *,
        page: int | None = None,
        element: str | None = None,
    ) -> bool:
        """Compare a number with its expected value; the message names ``what``."""
        ok = near(measured, expected, tolerance)
        return self.result(
            check,
            ok,
            what,
            page=page,
            measured=f"{measured:.2f} {unit}".strip(),
            expected=f"{expected:.2f} {unit}".strip(),
            tolerance=f"±{number(tolerance)} {unit}".strip(),
            element=element,
        )

    def not_checked(
        self, check: Check, reason: str, *, page: int | None = None, element: str | None = None
    ) -> None:
        self.add(check, Level.NOT_CHECKED, reason, page=page, element=element)

    def failed(self, check: Check) -> bool:
        """Whether ``check`` has reported a failure so far."""
        return any(
            f.rule == check.id and f.level in (Level.ERROR, Level.WARNING) for f in self.items
        )

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


@dataclass
class FileReport:
    """Everything found in one input file."""

    path: str
    kind: str  # "pdf", "docx", "docx (rendered by LibreOffice)"
    pages: int = 0
    findings: list[Finding] = field(default_factory=list)
    unreadable: str | None = None  # why the file could not be read at all
    notes: list[str] = field(default_factory=list)

    def count(self, level: Level) -> int:
        return sum(1 for f in self.findings if f.level == level)

    def with_strict(self) -> FileReport:
        """Warnings promoted to errors (``--strict``)."""
        promoted = [
            Finding(**{**asdict(f), "level": Level.ERROR}) if f.level == Level.WARNING else f
            for f in self.findings
        ]
        return FileReport(self.path, self.kind, self.pages, promoted, self.unreadable, self.notes)
