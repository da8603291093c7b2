"""版头 (§7.2) and the headers of the special formats (§10): set on page 1 of a flow.

Each function leaves ``flow.row`` at the row where the title goes and returns the
header's plan.  Positions fixed by the standard (the mark, the red rules) are absolute;
text lines sit in grid rows, and "下空N行" means N empty rows between two elements' rows
(standard/figures.py, ``row_gap_rule``).
"""

from __future__ import annotations

import math

from msgspec.structs import replace

from docgen.document.model import Header
from docgen.fonts.roles import Role
from docgen.layout import grid
from docgen.layout.flow import Flow
from docgen.layout.linebreak import Placed
from docgen.layout.model import Rule, TextLine
from docgen.layout.plan import HeaderPlan, MarkPlan, NumberRow, RowText
from docgen.layout.text import Setter
from docgen.standard import (
    BLOCK_CENTRE_PT,
    BLOCK_LEFT_PT,
    BLOCK_RIGHT_PT,
    BLOCK_TOP_PT,
    BLOCK_WIDTH_PT,
    BODY_SIZE_PT,
    EM_ASCENT,
    LINE_PITCH_PT,
    PAGE_HEIGHT_PT,
    PAGE_WIDTH_PT,
    RED_CMYK,
    fig,
    mm_to_pt,
    typefaces,
)
from docgen.standard.elements import TOP_LEFT_ELEMENTS, Element
from docgen.standard.formats import MARK_TOP, Format
from docgen.standard.typefaces import typeface


def first_row_below(y: float) -> int:
    """The first grid row that starts at or below ``y``."""
    row = 0
    while grid.row_top(row) < y - 0.01:
        row += 1
    return row


def nearest_row(y: float) -> int:
    return max(round((y - BLOCK_TOP_PT) / LINE_PITCH_PT), 0)


def _gap_rows(figure: str) -> int:
    return int(fig(figure))


# ---- 发文机关标志 -------------------------------------------------------------------


def _ems(setter: Setter, text: str) -> float:
    """Width of ``text`` as set in 小标宋, in em."""
    probe = 100.0
    return setter.width(setter.plain(text, Role.XIAOBIAOSONG, probe)) / probe


def _mark_size(ems: float) -> float:
    """The largest size, at most the cap and in whole steps, at which ``ems`` em fit the
    版心 with the margin LibreOffice needs (standard/figures.py, ``mark_fit_margin``)."""
    fit = (BLOCK_WIDTH_PT - fig("mark_fit_margin")) / max(ems, 1.0)
    step = fig("mark_size_step")
    return math.floor(min(mm_to_pt(fig("mark_max_size")), fit) / step) * step


def _absolute(placed: list[Placed], left: float, baseline: float, size: float, element: Element):
    glyphs = tuple(p.glyph(left) for p in placed)
    return TextLine(glyphs, baseline, size, element, RED_CMYK if element == Element.MARK else None)


def _spread(setter: Setter, text: str, width: float, size: float) -> list[Placed]:
    """A name spread evenly to ``width`` (joint issuers' names share one width)."""
    placed = setter.plain(text, Role.XIAOBIAOSONG, size)
    natural = setter.width(placed)
    if len(placed) < 2 or natural >= width:
        return placed
    extra = (width - natural) / (len(placed) - 1)
    return [p.moved(i * extra) for i, p in enumerate(placed)]


def set_mark(
    flow: Flow, setter: Setter, names: tuple[str, ...], suffix: str, top: float
) -> MarkPlan:
    """The red 发文机关标志, its em top at ``top``, centred.

    Joint issuers' names stand one above the other, spread to one width, with the suffix
    (文件) to their right, vertically centred on them (§7.2.4)."""
    gap = fig("joint_mark_gap") if suffix and len(names) > 1 else 0.0
    if len(names) == 1:
        size = _mark_size(_ems(setter, names[0] + suffix))
    else:
        size = _mark_size(max(_ems(setter, n) for n in names) + gap + _ems(setter, suffix))
    if len(names) == 1:
        placed = setter.plain(names[0] + suffix, Role.XIAOBIAOSONG, size)
        width = setter.width(placed)
        left = BLOCK_CENTRE_PT - width / 2
        flow.page.lines.append(_absolute(placed, left, top + EM_ASCENT * size, size, Element.MARK))
        return MarkPlan((names[0] + suffix,), "", size, top, left, width)
    # One width for all names: the widest name as set (a Latin letter and the spaces
    # around it make a name wider than its character count says).
    names_width = max(setter.width(setter.plain(n, Role.XIAOBIAOSONG, size)) for n in names)
    suffix_placed = setter.plain(suffix, Role.XIAOBIAOSONG, size)
    total = names_width + (gap * size + setter.width(suffix_placed) if suffix else 0.0)
    left = BLOCK_CENTRE_PT - total / 2
    leading = fig("joint_mark_leading") * size
    for i, name in enumerate(names):
        baseline = top + i * leading + EM_ASCENT * size
        placed = _spread(setter, name, names_width, size)
        flow.page.lines.append(_absolute(placed, left, baseline, size, Element.MARK))
    height = (len(names) - 1) * leading + size
    suffix_left = None
    if suffix:
        suffix_top = top + (height - size) / 2
        suffix_left = left + names_width + gap * size
        baseline = suffix_top + EM_ASCENT * size
        flow.page.lines.append(_absolute(suffix_placed, suffix_left, baseline, size, Element.MARK))
    return MarkPlan(names, suffix, size, top, left, names_width, suffix_left, leading)


def mark_bottom(mark: MarkPlan) -> float:
    """The em bottom of the mark's last line."""
    return mark.em_top + (len(mark.lines) - 1) * mark.leading + mark.size


# ---- 份号, 密级, 紧急程度 -------------------------------------------------------------


def _top_left_elements(header: Header) -> list[tuple[str, Role, Element]]:
    """份号 → 密级和保密期限 → 紧急程度, one a line in that order (§7.2.1–7.2.3)."""
    texts = (header.copy_number, header.secrecy, header.urgency)
    return [
        (text, Role.of(typeface(element)), element)
        for text, element in zip(texts, TOP_LEFT_ELEMENTS, strict=True)
        if text
    ]


def _rule(y: float, thickness_mm: float, x0: float, x1: float) -> Rule:
    return Rule(x0, x1, y, mm_to_pt(thickness_mm), RED_CMYK)


# ---- 文件格式, 纪要格式, 命令格式 ------------------------------------------------------


def _top_left(flow: Flow, setter: Setter, header: Header) -> tuple[RowText, ...]:
    rows = []
    for row, (text, role, element) in enumerate(_top_left_elements(header)):
        flow.row = row
        flow.line(setter.plain(text, role), element)
        rows.append(RowText(element, row, text))
    return tuple(rows)


def set_document_header(flow: Flow, setter: Setter, header: Header, fmt: Format) -> HeaderPlan:
    top_left = _top_left(flow, setter, header)
    mark_top = BLOCK_TOP_PT + mm_to_pt(fig(MARK_TOP[fmt]))
    mark = set_mark(flow, setter, header.mark_names, header.mark_suffix, mark_top)
    number_row = first_row_below(mark_bottom(mark)) + _gap_rows("doc_number_gap")
    plan = HeaderPlan(top_left, mark, (), None, None, None, body_row=number_row)
    if fmt == Format.ORDER or (fmt == Format.MINUTES and header.order_number):
        # 令号 (§10.2), and a 纪要's own number in the same place: centred, no red rule
        # (§10.3 prescribes none; interpretation)
        flow.row = number_row
        numbers: tuple[NumberRow, ...] = ()
        if header.order_number:
            _centred(flow, setter, header.order_number, Element.ORDER_NUMBER)
            order = NumberRow(number_row, header.order_number, Element.ORDER_NUMBER, None, None)
            numbers = (order,)
        flow.row = number_row + _gap_rows("doc_number_gap") + 1
        return replace(plan, numbers=numbers, body_row=flow.row)
    if not header.doc_number:
        flow.row = number_row
        return plan
    numbers = _number_and_signers(flow, setter, header, number_row)
    last_row = numbers[-1].row
    em_bottom = grid.baseline(last_row) - EM_ASCENT * BODY_SIZE_PT + BODY_SIZE_PT
    rule_y = em_bottom + mm_to_pt(fig("header_rule_gap"))
    rule = _rule(rule_y, fig("header_rule_thickness"), BLOCK_LEFT_PT, BLOCK_RIGHT_PT)
    flow.page.rules.append(rule)
    flow.row = last_row + _gap_rows("title_gap") + 1
    first_names = header.signer_lines[0] if header.signer_lines else None
    return replace(
        plan,
        numbers=numbers,
        signers_first_line=first_names,
        rule=rule,
        rule_row=last_row,
        body_row=flow.row,
    )


def _centred(flow: Flow, setter: Setter, text: str, element: Element) -> None:
    placed = setter.plain(text, Role.FANGSONG)
    flow.line(placed, element, left=BLOCK_CENTRE_PT - setter.width(placed) / 2)


def _number_and_signers(
    flow: Flow, setter: Setter, header: Header, row: int
) -> tuple[NumberRow, ...]:
    """发文字号, centred; for 上行文 flush left one 字 in, on the last 签发人 line (§7.2.5–6)."""
    number = header.doc_number
    assert number
    if not header.signer_lines:
        flow.row = row
        _centred(flow, setter, number, Element.DOC_NUMBER)
        return (NumberRow(row, number, Element.DOC_NUMBER, None, None),)
    inset = grid.indent(fig("signer_inset"))
    names_role = Role.of(typefaces.SIGNER_NAMES.typeface)
    label = setter.plain(header.signers_label, Role.FANGSONG)
    first = setter.plain(header.signer_lines[0], names_role)
    names_x = BLOCK_RIGHT_PT - inset - setter.width(first)
    label_x = names_x - setter.width(label)
    rows = []
    for i, text in enumerate(header.signer_lines):
        flow.row = row + i
        line = flow.line(setter.plain(text, names_role), Element.SIGNERS, left=names_x)
        if i == 0:
            flow.page.lines.append(
                _absolute(label, label_x, line.baseline, line.size, Element.SIGNERS)
            )
        rows.append(NumberRow(row + i, None, None, header.signers_label if i == 0 else None, text))
    last = row + len(header.signer_lines) - 1
    flow.row = last
    placed = setter.plain(number, Role.FANGSONG)
    flow.line(placed, Element.DOC_NUMBER, left=BLOCK_LEFT_PT + inset)
    rows[-1] = replace(rows[-1], number=number, number_element=Element.DOC_NUMBER)
    return tuple(rows)


# ---- 信函格式 -------------------------------------------------------------------------


def _double_rule(y: float, thick_first: bool) -> list[Rule]:
    """A red double line 170 mm long, centred: thick over thin with the thick one at ``y``,
    or thin over thick with the thick one at ``y`` (the pair's outer line is placed)."""
    length = mm_to_pt(fig("letter_rule_length"))
    x0 = (PAGE_WIDTH_PT - length) / 2  # wider than the 版心: centred on the paper
    thick, thin = fig("letter_thick_rule"), fig("letter_thin_rule")
    gap = mm_to_pt(fig("letter_rule_gap"))
    widths = (thick, thin) if thick_first else (thin, thick)
    step = widths[0] / 2 + gap + widths[1] / 2
    if not thick_first:
        y -= step
    second = y + step
    return [
        Rule(x0, x0 + length, y, widths[0], RED_CMYK),
        Rule(x0, x0 + length, second, widths[1], RED_CMYK),
    ]


def set_letter_header(flow: Flow, setter: Setter, header: Header) -> HeaderPlan:
    """信函格式 page 1 (§10.1)."""
    top = mm_to_pt(fig(MARK_TOP[Format.LETTER]))
    mark = set_mark(flow, setter, header.mark_names, header.mark_suffix, top)
    top_pair = _double_rule(mark_bottom(mark) + mm_to_pt(fig("letter_top_rule_gap")), True)
    bottom_y = PAGE_HEIGHT_PT - mm_to_pt(fig("letter_bottom_rule"))
    bottom_pair = _double_rule(bottom_y, thick_first=False)
    rules = [*top_pair, *bottom_pair]
    flow.page.rules.extend(rules)
    line_bottom = top_pair[1].y + top_pair[1].thickness / 2
    em_top = line_bottom + mm_to_pt(fig("letter_element_gap"))
    elements = _top_left_elements(header)
    top_left = []
    for i, (text, role, element) in enumerate(elements):
        placed = setter.plain(text, role)
        baseline = em_top + i * LINE_PITCH_PT + EM_ASCENT * BODY_SIZE_PT
        flow.page.lines.append(_absolute(placed, BLOCK_LEFT_PT, baseline, BODY_SIZE_PT, element))
        top_left.append(RowText(element, i, text))
    numbers = ()
    if header.doc_number:
        placed = setter.plain(header.doc_number, Role.FANGSONG)
        left = BLOCK_RIGHT_PT - setter.width(placed)
        baseline = em_top + EM_ASCENT * BODY_SIZE_PT
        line = _absolute(placed, left, baseline, BODY_SIZE_PT, Element.DOC_NUMBER)
        flow.page.lines.append(line)
        numbers = (NumberRow(0, header.doc_number, Element.DOC_NUMBER, None, None),)
    rows = max(len(elements), 1)  # with none, the title counts from the line's first row
    last_em_top = em_top + (rows - 1) * LINE_PITCH_PT
    last_row_top = last_em_top - (LINE_PITCH_PT - BODY_SIZE_PT) / 2
    flow.row = nearest_row(last_row_top + (_gap_rows("title_gap") + 1) * LINE_PITCH_PT)
    return HeaderPlan(
        tuple(top_left),
        mark,
        numbers,
        None,
        None,
        None,
        letter_rules=tuple(rules),
        letter_em_top=em_top,
        body_row=flow.row,
    )
