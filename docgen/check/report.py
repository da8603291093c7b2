"""Reports: text for people (by level, then page, then element) and JSON for machines."""

from __future__ import annotations

import json
import re
from collections import Counter
from itertools import groupby

from docgen.check.advice import advice_for, element_name
from docgen.check.findings import FileReport, Finding, Level, number
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


_SHOWN = 3  # measured values listed for a problem found several times on one page

# A figure: a number or range with its unit ("40.20 mm", "210.0 × 297.0 mm", "≤ 262 mm",
# "23 lines"); other measurements ("FandolHei (黑体) …") are for --verbose.
_NUMBER = r"-?\d+(?:\.\d+)?"
_FIGURE = re.compile(
    rf"(?P<sign>[≤≥] ?)?(?P<a>{_NUMBER})(?: ?(?P<sep>[–×]) ?(?P<b>{_NUMBER}))?"
    r"(?: (?P<unit>mm|pt|lines|characters))?"
)
_UNITS = {"mm": N_("mm"), "pt": N_("pt"), "lines": N_("lines"), "characters": N_("characters")}
_ONE = {"lines": N_("line"), "characters": N_("character")}  # "1 line", not "1 lines"


def _figure(value: str) -> str | None:
    """A measured or expected value as a reader writes it ("40.20 mm" → 40.2 毫米 in
    Chinese); None if it is not a plain figure."""
    match = _FIGURE.fullmatch(value.strip())
    if not match:
        return None
    text = number(float(match["a"]))
    if match["b"]:
        text += f" {match['sep']} {number(float(match['b']))}"
    if match["sign"]:
        text = f"{match['sign'].strip()} {text}"
    unit = match["unit"]
    if not unit:
        return text
    return f"{text} {tr(_ONE[unit] if text == '1' and unit in _ONE else _UNITS[unit])}"


def _figures(group: list[Finding]) -> str:
    """What was measured and what the standard asks, for the problem's line."""
    expected = _figure(group[0].expected)
    measured = [v for f in group if (v := _figure(f.measured))] if expected else []
    if len(group) == 1:
        if not measured:
            return ""
        text = tr(" (measured {measured}, should be {expected})")
        return text.format(measured=measured[0], expected=expected)
    if not measured:
        return tr(" ({n} times)").format(n=len(group))
    values = list(dict.fromkeys(measured))  # the same value twice says nothing new
    listed = tr(", ").join(values[:_SHOWN]) + ("…" if len(values) > _SHOWN else "")
    text = tr(" ({n} times; measured {measured}, should be {expected})")
    return text.format(n=len(group), measured=listed, expected=expected)


def _groups(problems: list[Finding]) -> list[list[Finding]]:
    """Findings of one check on one element and page, together, in the order given."""
    groups: dict[tuple[Level, int, str, str], list[Finding]] = {}
    for f in problems:
        groups.setdefault((f.level, _page_key(f), f.rule, f.element), []).append(f)
    return list(groups.values())


def _problem(group: list[Finding], advise: bool = True) -> list[str]:
    """A problem's line (page · element · what is wrong) and the line saying what to do
    (unless ``advise`` is false: the line above says it already)."""
    first = group[0]
    where = tr("whole document") if first.page is None else tr("page {n}").format(n=first.page)
    found = advice_for(first.rule)
    problem = found.problem if found else first.message  # a check without plain words yet
    lines = [f"  {where} · {element_name(first.element)} · {problem}{_figures(group)}"]
    if found and advise:
        lines.append("    " + tr("What to do: {advice}").format(advice=found.advice))
    return lines


def _count(n: int, one: str, many: str) -> str:
    return tr(one if n == 1 else many).format(n=n)


def _head(report: FileReport) -> str:
    errors, warnings = report.count(Level.ERROR), report.count(Level.WARNING)
    return tr("{path}: {problems} ({errors}, {warnings})").format(
        path=report.path,
        problems=_count(errors + warnings, N_("{n} problem"), N_("{n} problems")),
        errors=_count(errors, N_("{n} error"), N_("{n} errors")),
        warnings=_count(warnings, N_("{n} warning"), N_("{n} warnings")),
    )


def render_short(reports: list[FileReport]) -> str:
    """What a reader needs: per file one line (符合, or how many problems), then each
    problem in plain words with its page and element, and what to do about it.
    Measurements, what was not measurable and what passed are in the verbose report and
    in --json."""
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
        lines, previous = [_head(report)], ""
        for group in _groups(problems):
            lines += _problem(group, advise=group[0].rule != previous)
            previous = group[0].rule
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
