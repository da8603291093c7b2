"""版头 (§7.2) and the 命令/纪要 headers (§10.2–10.3): page 1 above the title.

The layout decides the rows: 份号/密级/紧急程度 on rows 1–3, the 发文字号 (or 令号, or
the title) two rows below the mark.  Row elements are grid paragraphs, with empty
paragraphs for the empty rows.  The mark is the one element off the grid: its em top is a
fixed distance below the 版心 top (35 mm; 20 mm for 命令), so it is an exact-height
paragraph (``snapToGrid`` off) whose spacing before puts its em top there and whose
spacing after ends on the grid row of the 发文字号 — the rows below stay on the grid.
Joint issuers' names stand in a borderless table (names stacked and spread to one width,
文件 to their right in a merged cell, vertically centred), between two exact spacers.
The red rule under the 发文字号 is a drawn line anchored to that paragraph, so it moves
with it; a paragraph border would add height and push every row below off the grid.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from docx.oxml.xmlchemy import BaseOxmlElement

from docgen import standard as gb
from docgen.fonts.roles import Role
from docgen.layout.model import Rule, TextLine
from docgen.writers import docx_xml as x
from docgen.writers import docx_xml_drawing as d
from docgen.writers import docx_xml_table as t
from docgen.writers.docx_context import PAGE_NUMBER, Context
from docgen.writers.docx_text import (
    blanks,
    object_props,
    plain,
    run_props,
    spacer,
    style_para,
    text_runs,
)
from docgen.writers.docx_units import (
    BLOCK_WIDTH,
    BODY_CHAR,
    LO_DROP_PT,
    TWIPS_PER_PT,
    body_width,
    docx_row_top_pt,
    exact_ascent_pt,
    layout_row_top,
    pt_emu,
    pt_twips,
    row_of,
    row_twips,
    spacing_twips,
    text_width_pt,
)

TOP_LEFT = ("copy-number", "secrecy", "urgency")  # 份号, 密级和保密期限, 紧急程度
NUMBER_KINDS = ("doc-number", "signers", "order-number")
HEADER_KINDS = (*TOP_LEFT, "mark", *NUMBER_KINDS)
_ROLES = {"copy-number": Role.FANGSONG, "secrecy": Role.HEITI, "urgency": Role.HEITI}
MARK_LEADING = gb.fig("joint_mark_leading")  # an exact line of the mark: 1.2 em


def header_lines(ctx: Context) -> list[TextLine]:
    return [ln for ln in ctx.first_page.lines if ln.kind in HEADER_KINDS]


def flow_start(ctx: Context) -> int:
    """The row of the first line after the 版头 on page 1 (title, 令号's body …)."""
    rows = [
        row_of(ln) for ln in ctx.first_page.lines if ln.kind not in (*HEADER_KINDS, PAGE_NUMBER)
    ]
    return min(rows, default=0)


def mark_size(line: TextLine) -> float:
    """The layout's mark size in Word's half points: the nearest, or the one below when
    the nearest would not fit the mark on one line of the 版心."""
    size = round(line.size * 2) / 2
    width = text_width_pt(line.text, size, spacing_twips(size) / TWIPS_PER_PT)
    return size if width <= BLOCK_WIDTH / TWIPS_PER_PT else math.floor(line.size * 2) / 2


def mark_runs(text: str, size: float) -> list[BaseOxmlElement]:
    extra = x.RunProps(size_pt=size, spacing_twips=spacing_twips(size))
    return text_runs(text, Role.XIAOBIAOSONG, extra=extra)


def em_top(lines: Sequence[TextLine]) -> float:
    return min(ln.baseline - gb.EM_ASCENT * ln.size for ln in lines)


# ---- 文件格式, 命令格式, 纪要格式 ---------------------------------------------------------


def document_header(ctx: Context) -> list[BaseOxmlElement]:
    """Paragraphs for the rows above the title; the next paragraph lands on its row."""
    lines = header_lines(ctx)
    if not lines:
        return []
    out: list[BaseOxmlElement] = []
    row = 0
    for line in sorted((ln for ln in lines if ln.kind in TOP_LEFT), key=lambda ln: ln.baseline):
        out += blanks(row_of(line) - row)
        out.append(plain(line.text, style_para("版头"), _ROLES[line.kind]))
        row = row_of(line) + 1
    numbered = [ln for ln in lines if ln.kind in NUMBER_KINDS]
    end = min((row_of(ln) for ln in numbered), default=flow_start(ctx))
    marks = [ln for ln in lines if ln.kind == "mark"]
    if marks:
        out += _mark_block(ctx, marks, row, end)
        row = end
    for number_row in sorted({row_of(ln) for ln in numbered}):
        out += blanks(number_row - row)
        out.append(_number_row(ctx, [ln for ln in numbered if row_of(ln) == number_row]))
        row = number_row + 1
    return out + blanks(flow_start(ctx) - row)


def _mark_block(
    ctx: Context, marks: list[TextLine], top_row: int, end_row: int
) -> list[BaseOxmlElement]:
    """The mark between grid rows ``top_row`` and ``end_row`` (exclusive)."""
    header = ctx.doc.header
    names = header.mark_names if header else ()
    if len(names) > 1:
        return _joint_mark(ctx, marks, top_row, end_row)
    line = marks[0]
    size = mark_size(line)
    height = pt_twips(MARK_LEADING * size)
    before = _before(em_top(marks), top_row, height, size)
    after = max(row_twips(end_row - top_row) - before - height, 0)
    spacing = x.Spacing(before=before, after=after, exact=height)
    return [x.paragraph(style_para("发文机关标志", spacing=spacing), mark_runs(line.text, size))]


def _before(target_em_top: float, top_row: int, line_twips: int, size: float) -> int:
    """Spacing before an exact line of ``line_twips`` that starts at grid row ``top_row``
    so that the em top of ``size`` type in it lands on ``target_em_top`` (points)."""
    line_top = target_em_top - (exact_ascent_pt(line_twips) - gb.EM_ASCENT * size)
    return max(pt_twips(line_top - docx_row_top_pt(top_row) - LO_DROP_PT), 0)


def _joint_mark(
    ctx: Context, marks: list[TextLine], top_row: int, end_row: int
) -> list[BaseOxmlElement]:
    """Joint issuers (§7.2.4): the names stacked and spread to one width, 文件 to their
    right, vertically centred on them: a borderless table of exact rows."""
    header = ctx.doc.header
    assert header is not None
    size = mark_size(marks[0])
    lead = pt_twips(MARK_LEADING * size)
    # As wide as the layout's (the longest name's characters at full width), or wider where
    # a Latin letter and its spacing make a name wider than that: it must stay one line.
    natural = max(
        text_width_pt(n, size, spacing_twips(size) / TWIPS_PER_PT) for n in header.mark_names
    )
    names_width = pt_twips(max(max(len(n) for n in header.mark_names) * size, natural + 1))
    suffix = header.mark_suffix
    suffix_lines = [ln for ln in marks if suffix and ln.text == suffix]
    names_left = min(ln.glyphs[0].x for ln in marks if ln not in suffix_lines)
    gap = 0  # the names' column ends, and 文件 starts, where the layout has them
    if suffix_lines:
        gap = max(pt_twips(suffix_lines[0].glyphs[0].x - names_left) - names_width, 0)
    suffix_width = pt_twips(text_width_pt(suffix, size) + 1) + gap if suffix else 0
    rows = _joint_rows(header.mark_names, suffix, size, lead, (names_width, suffix_width, gap))
    widths = (names_width, suffix_width) if suffix else (names_width,)
    indent = pt_twips(names_left - gb.BLOCK_LEFT_PT)
    props = t.TableProps(widths, borders=_no_borders(), indent=indent)
    height = lead * len(header.mark_names)
    before = _before(em_top(marks), top_row, lead, size)
    after = row_twips(end_row - top_row) - before - height
    out = [spacer(before)] if before > 0 else []
    out.append(t.table(props, rows))
    return [*out, spacer(max(after, 1))]


def _no_borders() -> dict[str, t.Border]:
    return {side: t.NO_BORDER for side in ("top", "left", "bottom", "right", "insideH", "insideV")}


def _joint_rows(
    names: Sequence[str], suffix: str, size: float, lead: int, widths: tuple[int, int, int]
) -> list[t.Row]:
    names_width, suffix_width, gap = widths
    spacing = x.Spacing(exact=lead)
    rows = []
    for i, name in enumerate(names):
        para = style_para("发文机关标志", spacing=spacing, justify="distribute")
        cells = [t.Cell([x.paragraph(para, mark_runs(name, size))], names_width)]
        if suffix:
            content = mark_runs(suffix, size) if i == 0 else []
            left = style_para(
                "发文机关标志", spacing=spacing, justify="left", indent=x.Indent(left=gap)
            )
            merge = "restart" if i == 0 else ""
            cells.append(
                t.Cell([x.paragraph(left, content)], suffix_width, v_align="center", v_merge=merge)
            )
        rows.append(t.Row(cells, height=lead, exact=True))
    return rows


def _number_row(ctx: Context, lines: list[TextLine]) -> BaseOxmlElement:
    """发文字号 centred; 上行文: 发文字号 one 字 in at the left and 签发人 one 字 in at
    the right of the same line (§7.2.5–7.2.6); or the 令号 (§10.2)."""
    number = next((ln for ln in lines if ln.kind in ("doc-number", "order-number")), None)
    signers = [ln for ln in lines if ln.kind == "signers"]
    rule = _rule(ctx, number) if number and number.kind == "doc-number" else []
    if not signers:
        assert number is not None
        return x.paragraph(style_para("发文字号"), [*text_runs(number.text, Role.FANGSONG), *rule])
    runs = text_runs(number.text, Role.FANGSONG) if number else []
    label = next((ln for ln in signers if ln.text.startswith("签发人")), None)
    names = next(ln for ln in signers if ln is not label)
    names_x, label_x = _signer_stops(ctx)
    runs.append(x.tab_run(run_props(Role.FANGSONG)))
    if label:
        runs += text_runs(label.text, Role.FANGSONG)
    else:
        runs.append(x.tab_run(run_props(Role.FANGSONG)))
    runs += text_runs(names.text, Role.KAITI)
    tabs = (x.Tab("left", label_x), x.Tab("left", names_x))
    indent = x.Indent(left=BODY_CHAR) if number else x.Indent()
    para = style_para("发文字号", justify="left", tabs=tabs, indent=indent)
    return x.paragraph(para, [*runs, *rule])


def _signer_stops(ctx: Context) -> tuple[int, int]:
    """Tab stops for the 签发人 names and label: the first line of names ends one 字
    from the right edge, later lines' names start under the first (§7.2.6)."""
    first = min(
        (ln for ln in header_lines(ctx) if ln.kind == "signers" and "签发人" not in ln.text),
        key=lambda ln: ln.baseline,
    )
    inset = round(gb.fig("signer_inset")) * BODY_CHAR
    names_x = BLOCK_WIDTH - inset - body_width(first.text)
    return names_x, names_x - body_width("签发人：")


def _rule(ctx: Context, number: TextLine) -> list[BaseOxmlElement]:
    """The red rule 4 mm under the 发文字号, anchored to its paragraph (§7.2.7)."""
    rules = [r for r in ctx.first_page.rules if r.color == gb.RED_CMYK]
    if not rules:
        return []
    return [red_line(ctx, rules[0], "margin", rules[0].y - layout_row_top(row_of(number)))]


def red_line(ctx: Context, rule: Rule, h_from: str, y_pt: float, v_from: str = "paragraph"):
    """A drawn red line as the layout has it: ``y_pt`` is its centre below the reference."""
    x0 = rule.x0 - gb.BLOCK_LEFT_PT if h_from == "margin" else rule.x0
    place = d.Place(pt_emu(x0), pt_emu(y_pt), h_from, v_from)
    number, doc_pr = d.doc_pr(ctx.ids, "红线")
    graphic = d.line(pt_emu(rule.x1 - rule.x0), pt_emu(rule.thickness), "FF0000")
    size = (pt_emu(rule.x1 - rule.x0), 0)
    return d.anchored(graphic, size, place, doc_pr, z=number, run_props=object_props())


# ---- 信函格式 (§10.1) -------------------------------------------------------------------


def letter_header(ctx: Context) -> list[BaseOxmlElement]:
    """信函 page 1: the mark 30 mm from the paper top (above the 版心: a text box anchored
    to the page), then 份号… flush left and the 发文字号 flush right under the double line
    (exact lines placed by spacing), ending on the title's grid row."""
    lines = header_lines(ctx)
    left = sorted((ln for ln in lines if ln.kind in TOP_LEFT), key=lambda ln: ln.baseline)
    number = next((ln for ln in lines if ln.kind == "doc-number"), None)
    marks = [ln for ln in lines if ln.kind == "mark"]
    firsts = left or ([number] if number else [])
    anchor = _letter_mark(ctx, marks) if marks else []
    if not firsts:
        return [x.paragraph(style_para("间距"), anchor), *blanks(flow_start(ctx))]
    pitch = row_twips(1)
    before = _before(em_top(firsts[:1]), 0, pitch, gb.BODY_SIZE_PT)
    after = max(row_twips(flow_start(ctx)) - before - pitch * len(firsts), 0)
    out = []
    for i, line in enumerate(firsts):
        spacing = x.Spacing(
            before=before if i == 0 else 0,
            after=after if i == len(firsts) - 1 else 0,
            exact=pitch,
        )
        para = style_para("版头", spacing=spacing, snap_to_grid=False)
        runs = text_runs(line.text, _ROLES.get(line.kind, Role.FANGSONG)) if line in left else []
        if i == 0:
            runs = [*anchor, *runs, *_letter_number(number, para)]
            para = style_para(
                "版头", spacing=spacing, snap_to_grid=False, tabs=(x.Tab("right", BLOCK_WIDTH),)
            )
        out.append(x.paragraph(para, runs))
    return out


def _letter_number(number: TextLine | None, para: x.ParaProps) -> list[BaseOxmlElement]:
    if number is None:
        return []
    return [x.tab_run(run_props(Role.FANGSONG)), *text_runs(number.text, Role.FANGSONG)]


def _letter_mark(ctx: Context, marks: list[TextLine]) -> list[BaseOxmlElement]:
    """The mark in a text box as wide as the 版心, its em top where the layout has it."""
    size = mark_size(marks[0])
    height = pt_twips(MARK_LEADING * size)
    paragraphs = [
        x.paragraph(
            style_para("发文机关标志", spacing=x.Spacing(exact=height)), mark_runs(ln.text, size)
        )
        for ln in sorted(marks, key=lambda ln: ln.baseline)
    ]
    top = em_top(marks) - (exact_ascent_pt(height) - gb.EM_ASCENT * size)
    box = (pt_emu(BLOCK_WIDTH / TWIPS_PER_PT), pt_emu(height / TWIPS_PER_PT) * len(paragraphs))
    place = d.Place(pt_emu(gb.BLOCK_LEFT_PT), pt_emu(top), "page", "page")
    _, doc_pr = d.doc_pr(ctx.ids, "发文机关标志")
    return [d.anchored(d.text_box(paragraphs, box), box, place, doc_pr, run_props=object_props())]


def letter_lines(ctx: Context) -> list[BaseOxmlElement]:
    """The red double lines for the first-page header: drawn lines anchored to the page."""
    runs = [
        red_line(ctx, rule, "page", rule.y, "page")
        for rule in ctx.first_page.rules
        if rule.color == gb.RED_CMYK
    ]
    return [x.paragraph(style_para("间距", spacing=x.Spacing(exact=1)), runs)]
