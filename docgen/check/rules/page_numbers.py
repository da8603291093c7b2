"""页码 (§7.5): text, font, size, side, 7 mm offset, continuity and the blank-page rule."""

from __future__ import annotations

import re

from docgen.check import catalog as C
from docgen.check.content import Line
from docgen.check.findings import Findings, near
from docgen.check.fontclass import describe
from docgen.check.model import Identified
from docgen.check.patterns import PAGE_NUMBER_LOOSE, PAGE_NUMBER_STRICT
from docgen.check.rules.common import BOTTOM, CENTRE_X, LEFT, RIGHT, tolerance_mm, zi
from docgen.standard import FIGURES, fig
from docgen.standard.typefaces import Typeface


def run(doc: Identified, out: Findings) -> None:
    if not doc.page_numbers:
        numbered = [p for p in doc.pages if p.index not in _exempt(doc) | set(doc.blank_pages)]
        if numbered:  # §7.5: every page of text shows its number
            out.result(
                C.PAGE_NUMBER_TEXT,
                False,
                "no page number on any page",
                measured="none",
                expected="— N — below the 版心 on every page",
            )
        for check in (C.PAGE_NUMBER_SIDE, C.PAGE_NUMBER_ORDER):
            out.not_checked(check, "no page number found below the 版心")
        return
    for index, line in sorted(doc.page_numbers.items()):
        _text(out, index, line)
        _font(out, index, line)
        _side(out, index, line)
        _offset(out, index, line)
    _sequence(doc, out)
    _blank_rule(doc, out)


def _squeezed(line: Line) -> str:
    return re.sub(r"\s+", "", line.text)


def _text(out: Findings, index: int, line: Line) -> None:
    text = _squeezed(line)
    out.result(
        C.PAGE_NUMBER_TEXT,
        bool(PAGE_NUMBER_STRICT.match(text)),
        "page number between 一字线 (U+2014)",
        page=index + 1,
        measured=" ".join(f"{c}" for c in line.text),
        expected="— N — (U+2014 each side)",
    )


def _font(out: Findings, index: int, line: Line) -> None:
    spec = FIGURES["page_number_size"]
    digits = [c for c in line.chars if c.c.isdigit()] or list(line.chars)
    classes = {c.cls for c in digits}
    if None in classes:
        out.not_checked(C.PAGE_NUMBER_FONT, "its font is of no known class", page=index + 1)
        out.within(C.PAGE_NUMBER_FONT, line.size, spec.value, spec.tolerance, "pt",
                   "page number size", page=index + 1)  # fmt: skip
        return
    size_ok = near(line.size, spec.value, spec.tolerance)
    font_ok = classes == {Typeface.SONGTI}
    fonts = ", ".join(sorted({f"{c.font} ({describe(c.cls)})" for c in digits}))
    out.result(
        C.PAGE_NUMBER_FONT,
        size_ok and font_ok,
        "page number font and size",
        page=index + 1,
        measured=f"{fonts}, {line.size:g} pt",
        expected=f"{describe(Typeface.SONGTI)}, {spec.value:g} pt",
        tolerance=f"±{spec.tolerance:g} pt",
    )


def _side(out: Findings, index: int, line: Line) -> None:
    """Odd pages: 居右空一字; even pages: 居左空一字 (1 字 at the page number's size)."""
    inset = zi(fig("page_number_inset"), line.size)
    tol = tolerance_mm("page_number_inset")
    odd = (index + 1) % 2 == 1
    on_right = line.centre_x > CENTRE_X
    if odd:
        measured, expected, edge = line.x1, RIGHT - inset, "right end"
    else:
        measured, expected, edge = line.x0, LEFT + inset, "left start"
    ok = on_right == odd and near(measured, expected, tol)
    side = "right" if on_right else "left"
    want = "right" if odd else "left"
    out.result(
        C.PAGE_NUMBER_SIDE,
        ok,
        f"{'odd' if odd else 'even'} page: page number on the {side}"
        + ("" if on_right == odd else f", expected on the {want}"),
        page=index + 1,
        measured=f"{edge} at {measured:.2f} mm",
        expected=f"{edge} at {expected:.2f} mm (1 字 in from the 版心 {want} edge)",
        tolerance=f"±{tol:g} mm",
    )


def _offset(out: Findings, index: int, line: Line) -> None:
    """standard/figures.py reads 一字线距版心下边缘7mm as the em box centre 7 mm below the 版心."""
    spec = FIGURES["page_number_gap"]
    out.within(
        C.PAGE_NUMBER_GAP,
        line.em_centre - BOTTOM,
        spec.value,
        spec.tolerance,
        "mm",
        "dash centre (em box centre) below the 版心 bottom",
        page=index + 1,
    )


def _exempt(doc: Identified) -> set[int]:
    """Pages the standard leaves unnumbered: a blank page before the 版记 page and that page;
    page 1 of a 信函."""
    out: set[int] = set()
    col = doc.colophon
    if col and col.page - 1 in doc.blank_pages:
        out |= {col.page - 1, col.page}
    if doc.header and doc.header.letter_rules:
        out.add(0)
    return out


def _sequence(doc: Identified, out: Findings) -> None:
    exempt = _exempt(doc)
    faults = 0
    for page in doc.pages:
        line = doc.page_numbers.get(page.index)
        if line is None and page.turned_chars and page.index not in exempt:
            out.not_checked(
                C.PAGE_NUMBER_ORDER,
                "a turned page (横排表格): its page number, turned with it, is not read",
                page=page.number,
            )
            continue
        if line is None:
            if page.index not in exempt and page.index not in doc.blank_pages:
                faults += 1
                out.result(
                    C.PAGE_NUMBER_ORDER,
                    False,
                    "page has text but no page number",
                    page=page.number,
                    measured="none",
                    expected=f"— {page.number} —",
                )
            continue
        m = PAGE_NUMBER_LOOSE.match(_squeezed(line))
        printed = int(next(g for g in m.groups() if g)) if m else None
        if printed != page.number:
            faults += 1
            out.result(
                C.PAGE_NUMBER_ORDER,
                False,
                "page numbers not continuous",
                page=page.number,
                measured=str(printed),
                expected=str(page.number),
            )
    if not faults:
        out.result(
            C.PAGE_NUMBER_ORDER,
            True,
            f"{len(doc.page_numbers)} pages numbered continuously",
            measured=f"1–{max(doc.page_numbers) + 1}",
            expected="1, 2, 3 … by physical page",
        )


def _blank_rule(doc: Identified, out: Findings) -> None:
    col = doc.colophon
    if not col or col.page - 1 not in doc.blank_pages:
        return  # no blank page before the 版记 page: the rule does not apply
    numbered = [p for p in (col.page - 1, col.page) if p in doc.page_numbers]
    out.result(
        C.PAGE_NUMBER_BLANK,
        not numbered,
        "the blank page before the 版记 page and the 版记 page carry no page number",
        page=col.page + 1,
        measured=f"numbered: {', '.join(str(p + 1) for p in numbered) or 'none'}",
        expected="none",
    )
