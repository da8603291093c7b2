"""Colours (§5.2.4, §6.2): all text and rules black, except the red 标志, red rules, seals."""

from __future__ import annotations

from docgen.check import catalog as C
from docgen.check.colour import is_black
from docgen.check.colour import name as colour_name
from docgen.check.content import Char, Shape
from docgen.check.findings import Findings
from docgen.check.model import Identified
from docgen.check.rules.common import snippet


def _in_seal(char: Char, seals: list[Shape]) -> bool:
    return any(s.x0 <= char.centre_x <= s.x1 and s.y0 <= char.baseline <= s.y1 for s in seals)


def run(doc: Identified, out: Findings) -> None:
    _text(doc, out)
    _rules(doc, out)


def _text(doc: Identified, out: Findings) -> None:
    red_elements = {id(ln) for ln in (doc.header.mark if doc.header else [])}
    seals = doc.closing.seals
    total, faults = 0, 0
    for page in doc.pages:
        wrong = [
            (line, c)
            for line in page.lines
            if id(line) not in red_elements
            for c in line.chars
            if not is_black(c.rgb) and not _in_seal(c, seals)
        ]
        total += sum(len(ln.chars) for ln in page.lines if id(ln) not in red_elements)
        if wrong:
            faults += 1
            line, char = wrong[0]
            out.result(
                C.TEXT_COLOUR,
                False,
                f"{len(wrong)} characters not black, first in {snippet(line.text)}",
                page=page.number,
                measured=colour_name(char.rgb),
                expected="black (BL100%)",
            )
    if total and not faults:
        out.result(
            C.TEXT_COLOUR,
            True,
            f"{total} characters black (the red 标志 aside)",
            measured="black",
            expected="black (BL100%)",
        )


def _rules(doc: Identified, out: Findings) -> None:
    red = set()
    if doc.header:
        red = {id(r) for r in [doc.header.rule, *doc.header.letter_rules] if r is not None}
    rules = [(p, r) for p in doc.pages for r in p.rules if id(r) not in red]
    wrong = [(p, r) for p, r in rules if not is_black(r.rgb)]
    for page, rule in wrong:
        out.result(
            C.RULE_COLOUR,
            False,
            f"a rule at y {rule.y:.1f} mm is not black",
            page=page.number,
            measured=colour_name(rule.rgb),
            expected="black",
        )
    if rules and not wrong:
        out.result(
            C.RULE_COLOUR,
            True,
            f"{len(rules)} rules black (the 版头 rule aside)",
            measured="black",
            expected="black",
        )
