"""版头 (§7.2, §10): 份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人 and the red rule."""

from __future__ import annotations

import math
import re

from docgen.check import catalog as C
from docgen.check.colour import is_red
from docgen.check.colour import name as colour_name
from docgen.check.content import Line
from docgen.check.findings import Check, Findings, near
from docgen.check.fontclass import describe
from docgen.check.model import Header, Identified
from docgen.check.patterns import DOC_NUMBER_STRICT, ORDER_NUMBER_STRICT
from docgen.check.rules.common import (
    CENTRE_X,
    LEFT,
    RIGHT,
    TOP,
    box_top,
    snippet,
    unknown_font,
    zi,
)
from docgen.standard import FIGURES, fig
from docgen.standard.typefaces import Typeface


def run(doc: Identified, out: Findings) -> None:
    header = doc.header
    if header is None:
        out.not_checked(
            C.MARK_TOP,
            "no 版头 on page 1 (no red rule, 发文字号 or red 发文机关标志): header not checked",
            element="版头 header",
        )
        return
    _mark(doc, header, out)
    _doc_number(doc, header, out)
    if header.kind == "letter":
        _letter_rules(header, out)
    elif header.kind == "standard":
        _rule(header, out)
    _top_left(header, out)


def _squeezed(line: Line) -> str:
    return re.sub(r"\s+", "", line.text)


# ---- 发文机关标志 ------------------------------------------------------------------


def _mark_top_check(header: Header) -> tuple[Check, float]:
    """The check and expected top (mm from the page top) for this document's format."""
    text = "".join(_squeezed(ln) for ln in header.mark)
    if header.letter_rules:
        return C.LETTER_MARK_TOP, fig("letter_mark_top")
    if text.endswith("令"):
        return C.ORDER_MARK_TOP, TOP + fig("order_mark_top")
    if text.endswith("纪要"):
        return C.MARK_TOP, TOP + fig("minutes_mark_top")
    return C.MARK_TOP, TOP + fig("mark_top")


def _mark(doc: Identified, header: Header, out: Findings) -> None:
    if not header.mark:
        out.not_checked(C.MARK_TOP, "no 发文机关标志 found above the 发文字号 and rule")
        return
    check, expected = _mark_top_check(header)
    first = header.mark[0]
    out.within(
        check,
        first.em_top,
        expected,
        FIGURES[check.figure or "mark_top"].tolerance,
        "mm",
        f"top of the mark's em box: {snippet(first.text)}",
        page=1,
    )
    chars = [c for ln in header.mark for c in ln.chars]
    not_red = [c for c in chars if not is_red(c.rgb)]
    out.result(
        C.MARK_COLOUR,
        not not_red,
        "发文机关标志 colour",
        page=1,
        measured=colour_name(not_red[0].rgb) if not_red else "red",
        expected="red",
    )
    x0, x1 = min(ln.x0 for ln in header.mark), max(ln.x1 for ln in header.mark)
    out.within(
        C.MARK_CENTRE,
        (x0 + x1) / 2,
        CENTRE_X,
        fig("position_tolerance"),
        "mm",
        "horizontal centre of the mark",
        page=1,
    )
    _mark_lines(header, out)
    cls = first.main_class()
    out.result(
        C.MARK_FONT,
        cls == Typeface.XIAOBIAOSONG,
        "发文机关标志 font",
        page=1,
        measured=f"{first.main_font()} ({describe(cls)})",
        expected=describe(Typeface.XIAOBIAOSONG),
    )


def _mark_lines(header: Header, out: Findings) -> None:
    """A single issuer's mark on one line: a first line that fills the 版心 with a short
    centred line below it is a mark the word processor wrapped (a joint mark stacks whole
    names, with 文件 beside them)."""
    lines = sorted(header.mark, key=lambda ln: ln.baseline)
    first, last = lines[0], lines[-1]
    width = first.x1 - first.x0
    wrapped = (
        len(lines) >= 2
        and width >= fig("block_width") - 1.5 * first.em
        and (last.x1 - last.x0) < 0.6 * width
        and abs((last.x0 + last.x1) / 2 - CENTRE_X) < first.em
    )
    out.result(
        C.MARK_LINES,
        not wrapped,
        f"the mark on {len(lines)} line(s): {snippet(''.join(ln.text for ln in lines))}",
        page=1,
        measured=f"{len(lines)} lines" if wrapped else "one line (or one line an issuer)",
        expected="one line",
    )


# ---- 发文字号 and 签发人 ------------------------------------------------------------


def _doc_number(doc: Identified, header: Header, out: Findings) -> None:
    number = header.doc_number
    if number is None:
        if header.kind != "minutes":  # 纪要格式 "可以根据实际制定": no 发文字号 required
            out.not_checked(C.DOC_NUMBER_FORMAT, "no 发文字号 found on page 1", page=1)
        return
    text = _squeezed(number)
    if header.kind == "minutes" and not DOC_NUMBER_STRICT.match(text):
        out.not_checked(
            C.DOC_NUMBER_FORMAT,
            f"{text}: a 纪要's own number; 纪要格式可以根据实际制定 (§10.3)",
            page=1,
        )
        return
    if header.kind == "order":
        out.result(
            C.DOC_NUMBER_FORMAT,
            bool(ORDER_NUMBER_STRICT.match(text)),
            "令号: 第N号, no leading zero",
            page=1,
            measured=text,
            expected="第N号",
        )
    else:
        out.result(
            C.DOC_NUMBER_FORMAT,
            bool(DOC_NUMBER_STRICT.match(text)),
            "发文字号: year in full in 〔〕, no leading zero, ends with 号",
            page=1,
            measured=text,
            expected="机关代字〔YYYY〕N号 (^.+〔\\d{4}〕[1-9]\\d*号$)",
        )
    _number_place(header, number, out)
    if header.kind != "letter":
        _number_gap(doc, header, number, out)


def _number_place(header: Header, number: Line, out: Findings) -> None:
    tol = fig("position_tolerance")
    if header.kind == "letter":  # §10.1: 发文字号 flush right under the double line
        out.within(
            C.DOC_NUMBER_PLACE,
            number.x1,
            RIGHT,
            tol,
            "mm",
            "信函: 发文字号 flush right",
            page=1,
        )
        return
    if header.signer is not None:  # 上行文: 发文字号 居左空一字, 签发人 居右空一字
        inset = zi(fig("signer_inset"), number.size)
        out.within(
            C.DOC_NUMBER_PLACE,
            number.x0,
            LEFT + inset,
            tol,
            "mm",
            "上行文: 发文字号 starts 1 字 in from the left",
            page=1,
        )
        out.within(
            C.DOC_NUMBER_PLACE,
            header.signer.x1,
            RIGHT - inset,
            tol,
            "mm",
            "签发人 ends 1 字 in from the right",
            page=1,
            element="签发人 signer",
        )
        return
    out.within(
        C.DOC_NUMBER_PLACE,
        number.centre_x,
        CENTRE_X,
        tol,
        "mm",
        "发文字号 centred",
        page=1,
    )


_ROW_SLACK = 0.1  # measuring noise: 1.95 rows of space are 2 rows


def _number_gap(doc: Identified, header: Header, number: Line, out: Findings) -> None:
    """下空二行 below the mark: empty grid rows between the mark's em box and the number's
    line box (an interpretation: the mark has no line box of its own)."""
    if not header.mark or doc.pitch is None:
        out.not_checked(C.DOC_NUMBER_GAP, "no mark or no line pitch to count rows with", page=1)
        return
    if any(
        f.rule in (C.MARK_TOP.id, C.LETTER_MARK_TOP.id, C.ORDER_MARK_TOP.id)
        and f.level.value in ("error", "warning")
        for f in out
    ):
        out.not_checked(
            C.DOC_NUMBER_GAP,
            "the mark is misplaced (see its top): the gap below it follows",
            page=1,
        )
        return
    # With two signers' lines or more, the 发文字号 shares the last one (§7.2.6): the
    # rows are counted to the first line of the block.
    first = min([number, *([header.signer] if header.signer else [])], key=lambda ln: ln.baseline)
    rows = (box_top(first, doc.pitch) - header.mark[-1].em_bottom) / doc.pitch
    # The mark's last row is partly filled, and the 发文字号 starts on a grid row: the
    # empty rows are the whole rows in between (2.58 rows of space are 2 empty rows).
    out.within(
        C.DOC_NUMBER_GAP,
        math.floor(rows + _ROW_SLACK),
        fig("doc_number_gap"),
        fig("row_gap_tolerance"),
        "lines",
        "rows between the mark and the 发文字号's line box",
        page=1,
    )


# ---- The red rule ------------------------------------------------------------------


def _letter_rules(header: Header, out: Findings) -> None:
    """§10.1: red double lines, 170 mm, centred: one 4 mm below the mark, one 20 mm above
    the paper bottom."""
    rules = header.letter_rules
    spec = FIGURES["letter_rule_length"]
    page_centre = fig("page_width") / 2
    ok = all(
        near(r.width, spec.value, spec.tolerance)
        and near((r.x0 + r.x1) / 2, page_centre, spec.tolerance)
        for r in rules
    )
    out.result(
        C.LETTER_RULES,
        ok and len(rules) >= 4,
        "信函: red double lines, 170 mm, centred",
        page=1,
        measured=f"{len(rules)} lines: "
        + ", ".join(f"{r.width:.1f} mm at y {r.y:.1f}" for r in rules),
        expected=f"4 lines of {spec.value:g} mm centred on x {page_centre:g}",
        tolerance=f"±{spec.tolerance:g} mm",
    )
    tol = fig("position_tolerance")
    if header.mark and rules:
        out.within(
            C.LETTER_RULES,
            rules[0].y - header.mark[-1].em_bottom,
            fig("letter_top_rule_gap"),
            tol,
            "mm",
            "信函: first double line below the mark's em box",
            page=1,
        )
    if rules:
        out.within(
            C.LETTER_RULES,
            fig("page_height") - rules[-1].y,
            fig("letter_bottom_rule"),
            tol,
            "mm",
            "信函: second double line above the paper bottom",
            page=1,
        )


def _rule(header: Header, out: Findings) -> None:
    rule = header.rule
    if rule is None and header.doc_number is not None:
        out.result(  # a 文件格式 版头 with its 发文字号 and no rule under it (§7.2.7)
            C.RULE_RED,
            False,
            "no red rule below the 发文字号",
            page=1,
            measured="none",
            expected="a red rule 4 mm below the 发文字号",
        )
        out.not_checked(C.RULE_GAP, "no 版头 rule found below the 发文字号", page=1)
        return
    if rule is None:
        out.not_checked(C.RULE_GAP, "no 版头 rule found below the 发文字号", page=1)
        return
    if header.doc_number is not None:
        spec = FIGURES["header_rule_gap"]
        out.within(
            C.RULE_GAP,
            rule.y - header.doc_number.em_bottom,
            spec.value,
            spec.tolerance,
            "mm",
            "rule below the 发文字号's em box",
            page=1,
        )
    spec = FIGURES["header_rule_width"]
    ok = near(rule.width, spec.value, spec.tolerance) and near(rule.x0, LEFT, spec.tolerance)
    out.result(
        C.RULE_WIDTH,
        ok,
        "版头 rule as wide as the 版心, centred",
        page=1,
        measured=f"{rule.width:.2f} mm from x {rule.x0:.2f}",
        expected=f"{spec.value:g} mm from x {LEFT:g}",
        tolerance=f"±{spec.tolerance:g} mm",
    )
    out.result(
        C.RULE_RED,
        is_red(rule.rgb),
        "版头 rule colour",
        page=1,
        measured=colour_name(rule.rgb),
        expected="red (Y80% M80%)",
    )


# ---- 份号, 密级, 紧急程度 -------------------------------------------------------------


def _top_left(header: Header, out: Findings) -> None:
    tol = fig("position_tolerance")
    if header.copy_number is not None:
        line = header.copy_number
        digits = len(_squeezed(line))
        ok = digits == int(fig("copy_number_digits")) and near(line.x0, LEFT, tol)
        out.result(
            C.COPY_NUMBER,
            ok,
            "份号: 6 digits, flush left",
            page=1,
            measured=f"{digits} digits at x {line.x0:.2f} mm",
            expected=f"{fig('copy_number_digits'):g} digits at x {LEFT:g} mm",
            tolerance=f"±{tol:g} mm",
        )
    for check, line in ((C.SECRECY, header.secrecy), (C.URGENCY, header.urgency)):
        if line is None or unknown_font(out, check, [line], 1):
            continue
        cls = line.main_class()
        ok = cls == Typeface.HEITI and near(line.x0, LEFT, tol)
        out.result(
            check,
            ok,
            f"{check.element}: 3号黑体, flush left",
            page=1,
            measured=f"{line.main_font()} ({describe(cls)}) at x {line.x0:.2f} mm",
            expected=f"{describe(Typeface.HEITI)} at x {LEFT:g} mm",
            tolerance=f"±{tol:g} mm",
        )
