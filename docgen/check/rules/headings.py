"""Heading numbers in order within each parent, and fonts by level (§7.3.3)."""

from __future__ import annotations

from collections import Counter

from docgen.check import catalog as C
from docgen.check.findings import Findings
from docgen.check.fontclass import describe
from docgen.check.model import Heading, Identified
from docgen.check.patterns import LEVEL_LABELS
from docgen.check.rules.common import snippet
from docgen.standard import typefaces
from docgen.standard.numbering import ordinal

LEVEL_NAMES = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}


def run(doc: Identified, out: Findings) -> None:
    if not doc.headings:
        for check in (C.HEADING_ORDER, C.HEADING_FONT):
            out.not_checked(check, "no numbered heading (一、（一）1.（1）) found")
        return
    _sequence(doc, out)
    _fonts(doc, out)


def _label(level: int, number: int) -> str:
    return ordinal(number, level) if number > 0 else "—"


def sequence_faults(items: list[tuple[int, int, int]]) -> list[tuple[int, str]]:
    """``(section, level, number)`` in reading order → ``(index, expected label)`` for each
    number that does not follow the previous one of its level under the same parent."""
    last: dict[tuple[int, int], int] = {}
    faults = []
    for i, (section, level, number) in enumerate(items):
        expected = last.get((section, level), 0) + 1
        if number != expected:
            faults.append((i, _label(level, expected)))
        last[(section, level)] = number
        for deeper in range(level + 1, 5):
            last.pop((section, deeper), None)
    return faults


def _sequence(doc: Identified, out: Findings) -> None:
    items = [(h.paragraph.section, h.level, h.number) for h in doc.headings]
    faults = sequence_faults(items)
    for index, expected in faults:
        h = doc.headings[index]
        out.result(
            C.HEADING_ORDER,
            False,
            f"{LEVEL_NAMES[h.level]} {h.label} where {expected} belongs: "
            f"{snippet(h.paragraph.text)}",
            page=h.paragraph.page + 1,
            measured=h.label,
            expected=expected,
        )
    if not faults:
        levels = Counter(h.level for h in doc.headings)
        summary = ", ".join(f"{n} × {LEVEL_LABELS[lv]}" for lv, n in sorted(levels.items()))
        out.result(
            C.HEADING_ORDER,
            True,
            f"headings numbered in order ({summary})",
            measured="in order",
            expected="1, 2, 3 … within each parent",
        )


def _fonts(doc: Identified, out: Findings) -> None:
    body_class = Counter(
        c.cls for ln in doc.body_lines() for c in ln.chars if not c.c.isascii()
    ).most_common(1)
    body_cls = body_class[0][0] if body_class else None
    faults = 0
    checked = 0
    for h in doc.headings:
        expected = typefaces.HEADINGS[h.level - 1].typeface
        cls = _class(h)
        if cls is None:
            continue
        if h.level >= 3 and cls == body_cls:
            continue  # set like the body: judged with the body's font (body.font)
        checked += 1
        if cls != expected:
            faults += 1
            kind = "inline " if h.inline else ""
            out.result(
                C.HEADING_FONT,
                False,
                f"{kind}{LEVEL_NAMES[h.level]} {h.label} in {describe(cls)}: "
                f"{snippet(h.paragraph.text)}",
                page=h.paragraph.page + 1,
                measured=describe(cls),
                expected=describe(expected),
            )
    if checked and not faults:
        out.result(
            C.HEADING_FONT,
            True,
            f"{checked} headings in their level's font",
            measured="黑/楷/仿/仿 as expected",
            expected="一、黑体 （一）楷体 1.（1）仿宋",
        )
    elif not checked:
        out.not_checked(C.HEADING_FONT, "only level-3/4 headings set like the body text")


def _class(h: Heading):
    cjk = [c for c in h.chars if not c.c.isascii()]
    return Counter(c.cls for c in cjk).most_common(1)[0][0] if cjk else None
