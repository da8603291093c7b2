"""Reports: text for people (by level, then page, then element) and JSON for machines."""

from __future__ import annotations

import json
from collections import Counter
from itertools import groupby

from docgen.check.findings import FileReport, Finding, Level
from docgen.i18n import N_, tr

_HEADINGS = {
    Level.ERROR: N_("ERRORS"),
    Level.WARNING: N_("WARNINGS"),
    Level.NOT_CHECKED: N_("NOT CHECKED (element not found or not measurable)"),
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
        parts.append(tr("measured {value}").format(value=f.measured))
    if f.expected:
        parts.append(tr("expected {value}").format(value=f.expected))
    if f.tolerance:
        parts.append(tr("tolerance {value}").format(value=f.tolerance))
    return " · ".join(parts)


def _section(level: Level, findings: list[Finding]) -> list[str]:
    chosen = sorted((f for f in findings if f.level == level), key=_page_key)
    if not chosen:
        return []
    out = ["", tr(_HEADINGS[level])]
    for page, on_page in groupby(chosen, key=_page_key):
        out.append("  " + (tr("Whole document") if page == 0 else tr("Page {n}").format(n=page)))
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
        return ["", tr("PASSED: nothing was measured within tolerance")]
    items = [f"{rule}{f' ×{n}' if n > 1 else ''}" for rule, n in counts.items()]
    lines, current = [], "  "
    for item in items:
        if len(current) + len(item) > 88:
            lines.append(current.rstrip(", "))
            current = "  "
        current += item + ", "
    lines.append(current.rstrip(", "))
    return ["", tr("PASSED (measured and within tolerance)"), *lines]


def summary(report: FileReport) -> str:
    text = tr("errors {errors} · warnings {warnings} · not checked {unchecked} · passed {passed}")
    return text.format(
        errors=report.count(Level.ERROR),
        warnings=report.count(Level.WARNING),
        unchecked=report.count(Level.NOT_CHECKED),
        passed=report.count(Level.PASS),
    )


def clean(report: FileReport) -> bool:
    """Read, and no error or warning."""
    return (
        not report.unreadable and not report.count(Level.ERROR) and not report.count(Level.WARNING)
    )


def one_line(reports: list[FileReport]) -> str:
    """A clean result in one line (build --check)."""
    text = tr(
        "GB/T 9704-2012: {files} file(s), no problems ({passed} measurements within"
        " tolerance, {unchecked} not measurable)"
    )
    return text.format(
        files=len(reports),
        passed=sum(r.count(Level.PASS) for r in reports),
        unchecked=sum(r.count(Level.NOT_CHECKED) for r in reports),
    )


def render_short(reports: list[FileReport]) -> str:
    """What a reader needs: per file one line (符合, or how many problems), then each
    problem with its page and element.  Measurements, what was not measurable and what
    passed are in the verbose report and in --json."""
    blocks = []
    for report in reports:
        if report.unreadable:
            blocks.append(
                tr("{path}: cannot read: {why}").format(path=report.path, why=report.unreadable)
            )
            continue
        problems = sorted(
            (f for f in report.findings if f.level in (Level.ERROR, Level.WARNING)),
            key=lambda f: (f.level != Level.ERROR, _page_key(f)),
        )
        if not problems:
            blocks.append(
                tr("{path}: meets GB/T 9704-2012 ({passed} measurements)").format(
                    path=report.path, passed=report.count(Level.PASS)
                )
            )
            continue
        head = tr("{path}: {errors} error(s), {warnings} warning(s)").format(
            path=report.path,
            errors=report.count(Level.ERROR),
            warnings=report.count(Level.WARNING),
        )
        lines = [head]
        for f in problems:
            where = tr("whole document") if f.page is None else tr("page {n}").format(n=f.page)
            kind = tr("error") if f.level == Level.ERROR else tr("warning")
            lines.append(f"  {kind} · {where} · {f.element}: {f.message}")
        blocks.append("\n".join(lines))
    return "\n".join(blocks)


def render_text(reports: list[FileReport]) -> str:
    blocks = []
    for report in reports:
        if report.pages:
            head = tr("{path} ({kind}, {n} pages)").format(
                path=report.path, kind=report.kind, n=report.pages
            )
        else:
            head = tr("{path} ({kind})").format(path=report.path, kind=report.kind)
        lines = [head]
        if report.unreadable:
            lines.append("  " + tr("cannot read: {why}").format(why=report.unreadable))
            blocks.append("\n".join(lines))
            continue
        lines.append(f"  {summary(report)}")
        lines += ["  " + tr("note: {note}").format(note=note) for note in report.notes]
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
