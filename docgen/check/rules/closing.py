"""附件说明 (§7.3.4), 署名 and 成文日期 (§7.3.5), 附注 (§7.3.6)."""

from __future__ import annotations

import re

from docgen.check import catalog as C
from docgen.check.content import Line
from docgen.check.findings import Findings, near
from docgen.check.model import Closing, Identified
from docgen.check.patterns import DATE_STRICT
from docgen.check.rules.common import (
    LEFT,
    RIGHT,
    box_bottom,
    box_top,
    rows_between,
    snippet,
    tolerance_mm,
    zi,
)
from docgen.standard import fig

_END_MARKS = "。，；、．.,;"


def _squeezed(line: Line) -> str:
    return re.sub(r"\s+", "", line.text)


def run(doc: Identified, out: Findings) -> None:
    closing = doc.closing
    _attachment_note(doc, closing, out)
    if closing.date is None:
        for check in (C.DATE_FORMAT, C.SIGNATURE_PLACE):
            out.not_checked(check, "no 成文日期 found at the end of the main text")
        return
    date = closing.date
    out.result(
        C.DATE_FORMAT,
        bool(DATE_STRICT.match(_squeezed(date))),
        "成文日期: Arabic numerals, full year, no leading zeros",
        page=date.page + 1,
        measured=_squeezed(date),
        expected="2012年7月1日 form",
    )
    if not closing.signature:
        out.not_checked(C.SIGNATURE_PLACE, "no 署名 found above the date", page=date.page + 1)
    elif closing.stamp is not None:
        _stamped(doc, closing, out)
    elif closing.seals:
        _sealed(doc, closing, out)
    else:
        _unsealed(doc, closing, out)
    _remark(doc, closing, out)


def _attachment_note(doc: Identified, closing: Closing, out: Findings) -> None:
    lines = closing.attachment_note
    if not lines:
        return
    first = lines[0]
    size = first.size
    out.within(
        C.NOTE_INDENT,
        first.x0,
        LEFT + zi(fig("attachment_indent"), size),
        tolerance_mm("attachment_indent"),
        "mm",
        "附件说明 indented 2 字",
        page=first.page + 1,
    )
    ends = [ln for ln in lines if _squeezed(ln)[-1] in _END_MARKS]
    out.result(
        C.NOTE_FORMAT,
        not ends,
        "附件说明: no punctuation after the names",
        page=first.page + 1,
        measured=f"ends {_squeezed(ends[0])[-1]!r}: {snippet(ends[0].text)}" if ends else "none",
        expected="no 。，；、 after a name",
    )
    last = closing.last_text
    if last is not None and doc.pitch and last.page == first.page:
        out.within(
            C.NOTE_GAP,
            rows_between(last, first, doc.pitch),
            fig("attachment_gap"),
            fig("row_gap_tolerance"),
            "lines",
            "empty rows between 正文 and 附件说明",
            page=first.page + 1,
        )


def _gap_above_signature(doc: Identified, closing: Closing, out: Findings, rows: float) -> None:
    above = closing.attachment_note[-1] if closing.attachment_note else closing.last_text
    sig = closing.signature[0]
    if above is None or doc.pitch is None or above.page != sig.page:
        out.not_checked(
            C.SIGNATURE_GAP,
            "the 署名 starts a page: no text above it to measure from",
            page=sig.page + 1,
        )
        return
    out.within(
        C.SIGNATURE_GAP,
        rows_between(above, sig, doc.pitch),
        rows,
        fig("row_gap_tolerance"),
        "lines",
        "empty rows between the text and the 署名",
        page=sig.page + 1,
    )


def _unsealed(doc: Identified, closing: Closing, out: Findings) -> None:
    """§7.3.5.2: 署名 右空二字; the date's first character 2 字 right of the 署名's.
    "如成文日期长于发文机关署名": then the date is 右空二字 and the 署名 moves left.
    Widths within the tolerance of each other may follow either arrangement."""
    sig, date = closing.signature[-1], closing.date
    assert date is not None
    right = RIGHT - zi(fig("signature_right"), sig.size)
    tol = fig("position_tolerance")
    sig_w, date_w = sig.x1 - sig.x0, date.x1 - date.x0
    options = []
    if date_w <= sig_w + tol:
        options.append((sig, "署名", ""))
    if date_w >= sig_w - tol:
        options.append((date, "成文日期", " (the date is longer than the 署名)"))
    line, what, why = min(options, key=lambda o: abs(o[0].x1 - right))
    out.within(
        C.SIGNATURE_PLACE,
        line.x1,
        right,
        tol,
        "mm",
        f"{what} ends 2 字 in from the right{why}",
        page=line.page + 1,
    )
    out.within(
        C.DATE_SHIFT,
        date.x0 - sig.x0,
        zi(fig("date_shift"), sig.size),
        tol,
        "mm",
        "成文日期's first character 2 字 right of the 署名's",
        page=date.page + 1,
    )
    _gap_above_signature(doc, closing, out, fig("signature_gap"))


def _sealed(doc: Identified, closing: Closing, out: Findings) -> None:
    """§7.3.5.1: 成文日期 右空四字; 署名 centred over it; seal within 1 行 of the text."""
    sig, date = closing.signature[-1], closing.date
    assert date is not None
    seal = min(closing.seals, key=lambda s: s.y0)
    tol = fig("position_tolerance")
    out.within(
        C.SEALED_DATE,
        date.x1,
        RIGHT - zi(fig("sealed_date_right"), date.size),
        tol,
        "mm",
        "with a seal: 成文日期 ends 4 字 in from the right",
        page=date.page + 1,
    )
    if len(sig.segments()) == 1 and len(closing.seals) == 1:  # single issuer
        out.within(
            C.SEALED_DATE,
            sig.centre_x,
            date.centre_x,
            tol,
            "mm",
            "with a seal: 署名 centred over the date",
            page=sig.page + 1,
            element="发文机关署名 signature",
        )
    above = closing.attachment_note[-1] if closing.attachment_note else closing.last_text
    if above is not None and doc.pitch and above.page == date.page:
        out.result(
            C.SEAL_PLACE,
            seal.y0 - above.em_bottom <= fig("seal_top_gap") * doc.pitch,
            "seal top within 1 行 of the last text line",
            page=date.page + 1,
            measured=f"{seal.y0 - above.em_bottom:.2f} mm",
            expected=f"≤ {fig('seal_top_gap') * doc.pitch:.2f} mm",
        )


def _stamped(doc: Identified, closing: Closing, out: Findings) -> None:
    """§7.3.5.3: 签名章 2 行 below the text, 右空四字; 职务 左空二字 of it, centred on it
    vertically; 成文日期 下空一行 below it, 右空四字."""
    title, date, stamp = closing.signature[-1], closing.date, closing.stamp
    assert date is not None and stamp is not None
    size = date.size
    tol = fig("position_tolerance")
    right = RIGHT - zi(fig("stamp_right"), size)
    page = date.page + 1
    out.within(C.STAMP_PLACE, stamp.x1, right, tol, "mm", "签名章 右空四字", page=page)
    out.within(
        C.STAMP_PLACE,
        title.x1,
        stamp.x0 - zi(fig("stamp_title_gap"), size),
        tol,
        "mm",
        "职务 ends 2 字 left of the 签名章",
        page=page,
    )
    out.within(
        C.STAMP_PLACE,
        title.em_centre,
        (stamp.y0 + stamp.y1) / 2,
        tol,
        "mm",
        "职务 centred on the 签名章 vertically",
        page=page,
    )
    out.within(
        C.STAMP_PLACE,
        date.x1,
        right,
        tol,
        "mm",
        "成文日期 右空四字",
        page=page,
        element="成文日期 date",
    )
    if doc.pitch is None:
        return
    out.within(
        C.STAMP_GAP,
        (box_top(date, doc.pitch) - stamp.y1) / doc.pitch,
        fig("stamp_date_gap"),
        fig("row_gap_tolerance"),
        "lines",
        "rows between the 签名章 and the date's line box",
        page=page,
    )
    above = closing.attachment_note[-1] if closing.attachment_note else closing.last_text
    if above is not None and above.page == date.page:
        rows = (stamp.y0 - box_bottom(above, doc.pitch)) / doc.pitch
        out.within(
            C.STAMP_GAP,
            rows,
            fig("stamp_gap"),
            fig("row_gap_tolerance"),
            "lines",
            "rows between the text's line box and the 签名章",
            page=page,
        )


def _remark(doc: Identified, closing: Closing, out: Findings) -> None:
    if not closing.remark or closing.date is None:
        return
    first = closing.remark[0]
    text = _squeezed(first)
    indent = LEFT + zi(fig("note_indent"), first.size)
    tol = fig("position_tolerance")
    if doc.pitch is None:
        next_row, row = True, "its line not measured (no line pitch)"
    else:
        gap = rows_between(closing.date, first, doc.pitch)
        next_row, row = abs(gap) < 0.5, f"{gap:.1f} empty rows after the date"
    ok = near(first.x0, indent, tol) and text.startswith("（") and next_row
    out.result(
        C.REMARK,
        ok,
        "附注: on the line after the date, indented 2 字, in （）",
        page=first.page + 1,
        measured=f"x {first.x0:.2f} mm, {row}: {snippet(first.text)}",
        expected=f"x {indent:.2f} mm, starts with （, next line",
        tolerance=f"±{tol:g} mm",
    )
