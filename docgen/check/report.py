"""Reports: text for people (by level, then page, then element) and JSON for machines."""

from __future__ import annotations

import json
from collections import Counter
from itertools import groupby

from docgen.check.findings import FileReport, Finding, Level

_HEADINGS = {
    Level.ERROR: "ERRORS",
    Level.WARNING: "WARNINGS",
    Level.NOT_CHECKED: "NOT CHECKED (element not found or not measurable)",
}


def exit_code(reports: list[FileReport]) -> int:
    """0 clean, 1 errors found, 2 an input could not be read."""
    if any(r.unreadable for r in reports):
        return 2
    return 1 if any(r.count(Level.ERROR) for r in reports) else 0


def _page_key(f: Finding) -> int:
    return 0 if f.page is None else f.page


def _detail(f: Finding) -> str:
    parts = []
    if f.measured:
        parts.append(f"measured {f.measured}")
    if f.expected:
        parts.append(f"expected {f.expected}")
    if f.tolerance:
        parts.append(f"tolerance {f.tolerance}")
    return " · ".join(parts)


def _section(level: Level, findings: list[Finding]) -> list[str]:
    chosen = sorted((f for f in findings if f.level == level), key=_page_key)
    if not chosen:
        return []
    out = ["", _HEADINGS[level]]
    for page, on_page in groupby(chosen, key=_page_key):
        out.append(f"  {'Whole document' if page == 0 else f'Page {page}'}")
        for element, items in groupby(
            sorted(on_page, key=lambda f: f.element), lambda f: f.element
        ):
            out.append(f"    {element}")
            for f in items:
                strength = f", {f.strength}" if f.strength else ""
                out.append(f"      [{f.rule}] §{f.clause}{strength}: {f.message}")
                detail = _detail(f)
                if detail and level != Level.NOT_CHECKED:
                    out.append(f"          {detail}")
    return out


def _passed(findings: list[Finding]) -> list[str]:
    counts = Counter(f.rule for f in findings if f.level == Level.PASS)
    if not counts:
        return ["", "PASSED: nothing was measured within tolerance"]
    items = [f"{rule}{f' ×{n}' if n > 1 else ''}" for rule, n in counts.items()]
    lines, current = [], "  "
    for item in items:
        if len(current) + len(item) > 88:
            lines.append(current.rstrip(", "))
            current = "  "
        current += item + ", "
    lines.append(current.rstrip(", "))
    return ["", "PASSED (measured and within tolerance)", *lines]


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summary(report: FileReport) -> str:
    return (
        f"{_n(report.count(Level.ERROR), 'error')} · {_n(report.count(Level.WARNING), 'warning')}"
        f" · {report.count(Level.NOT_CHECKED)} not checked · {report.count(Level.PASS)} passed"
    )


def render_text(reports: list[FileReport]) -> str:
    blocks = []
    for report in reports:
        head = f"{report.path} ({report.kind}"
        head += f", {report.pages} pages)" if report.pages else ")"
        lines = [head]
        if report.unreadable:
            lines.append(f"  cannot read: {report.unreadable}")
            blocks.append("\n".join(lines))
            continue
        lines.append(f"  {summary(report)}")
        lines += [f"  note: {note}" for note in report.notes]
        for level in (Level.ERROR, Level.WARNING, Level.NOT_CHECKED):
            lines += _section(level, report.findings)
        lines += _passed(report.findings)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def render_json(reports: list[FileReport]) -> str:
    files = [
        {
            "path": r.path,
            "kind": r.kind,
            "pages": r.pages,
            "unreadable": r.unreadable,
            "notes": r.notes,
            "summary": {str(level): r.count(level) for level in Level},
            "findings": [f.to_json() for f in r.findings],
        }
        for r in reports
    ]
    return json.dumps(
        {"exit_code": exit_code(reports), "files": files}, ensure_ascii=False, indent=2
    )
