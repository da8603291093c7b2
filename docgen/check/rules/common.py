"""Helpers shared by the rules: units, tolerances, line descriptions."""

from __future__ import annotations

from docgen.check.content import Line, block
from docgen.check.findings import Check, Findings
from docgen.standard import FIGURES, MM_PER_PT, fig

LEFT, TOP, RIGHT, BOTTOM = block()
CENTRE_X = (LEFT + RIGHT) / 2


def zi(n: float, size_pt: float) -> float:
    """``n`` 字 in mm: 1 字 is one character at the element's own size (char_unit)."""
    return n * size_pt * MM_PER_PT * fig("char_unit")


def tolerance_mm(figure: str, size_pt: float | None = None) -> float:
    """A figure's tolerance in mm: its own (converted from 字 or lines when needed), else
    the position tolerance for positions the standard gives without one."""
    spec = FIGURES[figure]
    if not spec.tolerance:
        return fig("position_tolerance")
    if spec.unit == "字" and size_pt is not None:
        return zi(spec.tolerance, size_pt)
    return float(spec.tolerance)


def row_of(line: Line, pitch: float) -> int:
    """The 1-based grid row a line sits in on its page."""
    return round((line.em_centre - TOP) / pitch - 0.5) + 1


def box_top(line: Line, pitch: float) -> float:
    """Top of a line's line box: the grid row with the em box centred in it."""
    return line.em_centre - pitch / 2


def box_bottom(line: Line, pitch: float) -> float:
    return line.em_centre + pitch / 2


def rows_between(upper: Line, lower: Line, pitch: float) -> float:
    """Empty grid rows between two lines on one page."""
    return (lower.em_centre - upper.em_centre) / pitch - 1


def snippet(text: str, n: int = 14) -> str:
    return f"“{text[:n]}…”" if len(text) > n else f"“{text}”"


def where(line: Line, pitch: float | None) -> str:
    """“line 7 “正文…”” — the grid row when the line is inside the 版心."""
    row = row_of(line, pitch) if pitch else 0
    return f"line {row} {snippet(line.text)}" if row >= 1 else snippet(line.text)


def unknown_font(
    out: Findings, check: Check, lines: list[Line], page: int | None, element: str | None = None
) -> bool:
    """Report lines whose font is of no known class as not checked; True if there are any."""
    fonts = sorted({ln.main_font() for ln in lines if ln.main_class() is None})
    if fonts:
        why = f"font {', '.join(fonts)} is of no known class (仿宋/楷/黑/宋/小标宋)"
        out.not_checked(check, why, page=page, element=element)
    return bool(fonts)
