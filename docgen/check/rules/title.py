"""标题 (§7.3.1) and 主送机关 (§7.3.2)."""

from __future__ import annotations

import re

from docgen.check import catalog as C
from docgen.check.findings import Findings, near
from docgen.check.fontclass import describe
from docgen.check.model import Identified
from docgen.check.rules.common import (
    CENTRE_X,
    LEFT,
    box_top,
    rows_between,
    snippet,
    unknown_font,
)
from docgen.standard import FIGURES, fig
from docgen.standard.typefaces import Typeface


def run(doc: Identified, out: Findings) -> None:
    _title(doc, out)
    _recipients(doc, out)


def _title(doc: Identified, out: Findings) -> None:
    if not doc.title:
        out.not_checked(
            C.TITLE_SIZE, "no title found (no line on page 1 clearly larger than the body)", page=1
        )
        return
    spec = FIGURES["title_size"]
    tol = fig("position_tolerance")
    for line in doc.title:
        page = line.page + 1
        what = snippet(line.text)
        out.within(C.TITLE_SIZE, line.size, spec.value, spec.tolerance, "pt",
                   f"title size: {what}", page=page)  # fmt: skip
        if not unknown_font(out, C.TITLE_FONT, [line], page):
            cls = line.main_class()
            out.result(
                C.TITLE_FONT,
                cls == Typeface.XIAOBIAOSONG,
                f"title font: {what}",
                page=page,
                measured=f"{line.main_font()} ({describe(cls)})",
                expected=f"{describe(Typeface.XIAOBIAOSONG)} (or a bold 宋体)",
            )
        out.within(C.TITLE_CENTRE, line.centre_x, CENTRE_X, tol, "mm",
                   f"title line centre: {what}", page=page)  # fmt: skip
    _title_gap(doc, out)


def _title_gap(doc: Identified, out: Findings) -> None:
    header = doc.header
    rule = header.rule if header else None
    if header is not None and header.kind in ("letter", "order", "minutes"):
        out.not_checked(
            C.TITLE_GAP,
            f"{header.kind} format (§10): the title's distance is not measured",
            page=1,
        )
        return
    if rule is None or doc.pitch is None:
        out.not_checked(
            C.TITLE_GAP, "no 版头 rule: the title's distance from it is not defined", page=1
        )
        return
    rows = (box_top(doc.title[0], doc.pitch) - rule.y) / doc.pitch
    out.within(
        C.TITLE_GAP,
        rows,
        fig("title_gap"),
        fig("row_gap_tolerance"),
        "lines",
        "grid rows between the 版头 rule and the title's line box",
        page=1,
    )


def _recipients(doc: Identified, out: Findings) -> None:
    lines = doc.recipients
    if not lines:
        out.not_checked(C.RECIPIENTS_FORMAT, "no 主送机关 line (flush left, ending ：) found")
        return
    text = re.sub(r"\s+", "", "".join(ln.text for ln in lines))
    tol = fig("position_tolerance")
    flush = all(near(ln.x0, LEFT, tol) for ln in lines)
    out.result(
        C.RECIPIENTS_FORMAT,
        flush and text.endswith("："),
        "主送机关 flush left, full-width colon after the last name",
        page=lines[0].page + 1,
        measured=f"x {lines[0].x0:.2f} mm, ends {text[-1]!r}",
        expected=f"x {LEFT:g} mm, ends '：'",
        tolerance=f"±{tol:g} mm",
    )
    if doc.title and doc.pitch and doc.title[-1].page == lines[0].page:
        rows = rows_between(doc.title[-1], lines[0], doc.pitch)
        out.within(
            C.RECIPIENTS_GAP,
            rows,
            fig("recipients_gap"),
            fig("row_gap_tolerance"),
            "lines",
            "empty grid rows between the title and the 主送机关",
            page=lines[0].page + 1,
        )
