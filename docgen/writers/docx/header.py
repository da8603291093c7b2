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

from docx.oxml.xmlchemy import BaseOxmlElement

from docgen import standard as gb
from docgen.fonts.roles import Role
from docgen.layout.model import Rule
from docgen.layout.plan import HeaderPlan, MarkPlan, NumberRow
from docgen.standard import typefaces
from docgen.writers.docx import xml as x
from docgen.writers.docx import xml_drawing as d
from docgen.writers.docx import xml_table as t
from docgen.writers.docx.context import Context
from docgen.writers.docx.text import (
    blanks,
    object_props,
    plain,
    run_props,
    spacer,
    style_para,
    text_runs,
)
from docgen.writers.docx.units import (
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
    row_twips,
    spacing_twips,
    text_width_pt,
)

MARK_LEADING = gb.fig("joint_mark_leading")  # an exact line of the mark: 1.2 em


def mark_runs(text: str, size: float) -> list[BaseOxmlElement]:
    extra = x.RunProps(size_pt=size, spacing_twips=spacing_twips(size))
    return text_runs(text, Role.XIAOBIAOSONG, extra=extra)


def _role(element) -> Role:
    return Role.of(typefaces.typeface(element))


# ---- 文件格式, 命令格式, 纪要格式 ---------------------------------------------------------


def document_header(ctx: Context) -> list[BaseOxmlElement]:
    """Paragraphs for the rows above the title; the next paragraph lands on its row."""
    plan = ctx.plan.header
    if plan is None:
        return []
    out: list[BaseOxmlElement] = []
    row = 0
    for item in plan.top_left:
        out += blanks(item.row - row)
        out.append(plain(item.text, style_para("版头"), _role(item.element)))
        row = item.row + 1
    end = plan.numbers[0].row if plan.numbers else plan.body_row
    if plan.mark:
        out += _mark_block(plan.mark, row, end)
        row = end
    for number in plan.numbers:
        out += blanks(number.row - row)
        out.append(_number_row(ctx, plan, number))
        row = number.row + 1
    return out + blanks(plan.body_row - row)


def _mark_block(mark: MarkPlan, top_row: int, end_row: int) -> list[BaseOxmlElement]:
    """The mark between grid rows ``top_row`` and ``end_row`` (exclusive)."""
    if len(mark.lines) > 1:
        return _joint_mark(mark, top_row, end_row)
    size = mark.size
    height = pt_twips(MARK_LEADING * size)
    before = _before(mark.em_top, top_row, height, size)
    after = max(row_twips(end_row - top_row) - before - height, 0)
    spacing = x.Spacing(before=before, after=after, exact=height)
    return [
        x.paragraph(style_para("发文机关标志", spacing=spacing), mark_runs(mark.lines[0], size))
    ]


def _before(target_em_top: float, top_row: int, line_twips: int, size: float) -> int:
    """Spacing before an exact line of ``line_twips`` that starts at grid row ``top_row``
    so that the em top of ``size`` type in it lands on ``target_em_top`` (points)."""
    line_top = target_em_top - (exact_ascent_pt(line_twips) - gb.EM_ASCENT * size)
    return max(pt_twips(line_top - docx_row_top_pt(top_row) - LO_DROP_PT), 0)


def _joint_mark(mark: MarkPlan, top_row: int, end_row: int) -> list[BaseOxmlElement]:
    """Joint issuers (§7.2.4): the names stacked and spread to one width, 文件 to their
    right, vertically centred on them: a borderless table of exact rows."""
    size = mark.size
    lead = pt_twips(MARK_LEADING * size)
    names = mark.lines
    # As wide as the layout's (the longest name's characters at full width), or wider where
    # a Latin letter and its spacing make a name wider than that: it must stay one line.
    natural = max(text_width_pt(n, size, spacing_twips(size) / TWIPS_PER_PT) for n in names)
    names_width = pt_twips(max(max(len(n) for n in names) * size, natural + 1))
    suffix = mark.suffix
    gap = 0  # the names' column ends, and 文件 starts, where the layout has them
    if suffix and mark.suffix_left is not None:
        gap = max(pt_twips(mark.suffix_left - mark.left) - names_width, 0)
    suffix_width = pt_twips(text_width_pt(suffix, size) + 1) + gap if suffix else 0
    rows = _joint_rows(names, suffix, size, lead, (names_width, suffix_width, gap))
    widths = (names_width, suffix_width) if suffix else (names_width,)
    indent = pt_twips(mark.left - gb.BLOCK_LEFT_PT)
    props = t.TableProps(widths, borders=_no_borders(), indent=indent)
    height = lead * len(names)
    before = _before(mark.em_top, top_row, lead, size)
    after = row_twips(end_row - top_row) - before - height
    out = [spacer(before)] if before > 0 else []
    out.append(t.table(props, rows))
    return [*out, spacer(max(after, 1))]


def _no_borders() -> dict[str, t.Border]:
    return {side: t.NO_BORDER for side in ("top", "left", "bottom", "right", "insideH", "insideV")}


def _joint_rows(
    names: tuple[str, ...], suffix: str, size: float, lead: int, widths: tuple[int, int, int]
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


def _number_row(ctx: Context, plan: HeaderPlan, row: NumberRow) -> BaseOxmlElement:
    """发文字号 centred; 上行文: 发文字号 one 字 in at the left and 签发人 one 字 in at
    the right of the same line (§7.2.5–7.2.6); or the 令号 (§10.2)."""
    rule = _rule(ctx, plan) if row.row == plan.rule_row else []
    number_runs = text_runs(row.number, Role.FANGSONG) if row.number else []
    if row.signer_names is None:
        return x.paragraph(style_para("发文字号"), [*number_runs, *rule])
    runs = list(number_runs)
    names_x, label_x = _signer_stops(plan)
    runs.append(x.tab_run(run_props(Role.FANGSONG)))
    if row.signers_label:
        runs += text_runs(row.signers_label, Role.FANGSONG)
    else:
        runs.append(x.tab_run(run_props(Role.FANGSONG)))
    runs += text_runs(row.signer_names, Role.of(typefaces.SIGNER_NAMES.typeface))
    tabs = (x.Tab("left", label_x), x.Tab("left", names_x))
    indent = x.Indent(left=BODY_CHAR) if row.number else x.Indent()
    para = style_para("发文字号", justify="left", tabs=tabs, indent=indent)
    return x.paragraph(para, [*runs, *rule])


def _signer_stops(plan: HeaderPlan) -> tuple[int, int]:
    """Tab stops for the 签发人 names and label: the first line of names ends one 字
    from the right edge, later lines' names start under the first (§7.2.6)."""
    assert plan.signers_first_line is not None
    inset = round(gb.fig("signer_inset")) * BODY_CHAR
    names_x = BLOCK_WIDTH - inset - body_width(plan.signers_first_line)
    label = next(n.signers_label for n in plan.numbers if n.signers_label)
    return names_x, names_x - body_width(label or "")


def _rule(ctx: Context, plan: HeaderPlan) -> list[BaseOxmlElement]:
    """The red rule 4 mm under the 发文字号, anchored to its paragraph (§7.2.7)."""
    if plan.rule is None or plan.rule_row is None:
        return []
    offset = plan.rule.y - layout_row_top(plan.rule_row)
    return [red_line(ctx, plan.rule, "margin", offset)]


def red_line(ctx: Context, rule: Rule, h_from: str, y_pt: float, v_from: str = "paragraph"):
    """A drawn red line as the layout has it: ``y_pt`` is its centre below the reference."""
    x0 = rule.x0 - gb.BLOCK_LEFT_PT if h_from == "margin" else rule.x0
    place = d.Place(pt_emu(x0), pt_emu(y_pt), h_from, v_from)
    number, doc_pr = d.doc_pr(ctx.ids, "红线")
    graphic = d.line(pt_emu(rule.x1 - rule.x0), pt_emu(rule.thickness), gb.RED_HEX)
    size = (pt_emu(rule.x1 - rule.x0), 0)
    return d.anchored(graphic, size, place, doc_pr, z=number, run_props=object_props())


# ---- 信函格式 (§10.1) -------------------------------------------------------------------


def letter_header(ctx: Context) -> list[BaseOxmlElement]:
    """信函 page 1: the mark 30 mm from the paper top (above the 版心: a text box anchored
    to the page), then 份号… flush left and the 发文字号 flush right under the double line
    (exact lines placed by spacing), ending on the title's grid row."""
    plan = ctx.plan.header
    if plan is None:
        return []
    number = plan.numbers[0].number if plan.numbers else None
    firsts: list[tuple[str, Role]] = [(r.text, _role(r.element)) for r in plan.top_left]
    anchor = _letter_mark(ctx, plan.mark) if plan.mark else []
    if not firsts and number is None:
        return [x.paragraph(style_para("间距"), anchor), *blanks(plan.body_row)]
    rows = max(len(firsts), 1)  # with only a 发文字号, it stands on the first line alone
    pitch = row_twips(1)
    assert plan.letter_em_top is not None
    before = _before(plan.letter_em_top, 0, pitch, gb.BODY_SIZE_PT)
    after = max(row_twips(plan.body_row) - before - pitch * rows, 0)
    out = []
    for i in range(rows):
        spacing = x.Spacing(
            before=before if i == 0 else 0,
            after=after if i == rows - 1 else 0,
            exact=pitch,
        )
        para = style_para("版头", spacing=spacing, snap_to_grid=False)
        runs = text_runs(*firsts[i]) if i < len(firsts) else []
        if i == 0:
            runs = [*anchor, *runs, *_letter_number(number)]
            para = style_para(
                "版头", spacing=spacing, snap_to_grid=False, tabs=(x.Tab("right", BLOCK_WIDTH),)
            )
        out.append(x.paragraph(para, runs))
    return out


def _letter_number(number: str | None) -> list[BaseOxmlElement]:
    if number is None:
        return []
    return [x.tab_run(run_props(Role.FANGSONG)), *text_runs(number, Role.FANGSONG)]


def _letter_mark(ctx: Context, mark: MarkPlan) -> list[BaseOxmlElement]:
    """The mark in a text box as wide as the 版心, its em top where the layout has it."""
    size = mark.size
    height = pt_twips(MARK_LEADING * size)
    paragraphs = [
        x.paragraph(
            style_para("发文机关标志", spacing=x.Spacing(exact=height)), mark_runs(line, size)
        )
        for line in mark.lines
    ]
    top = mark.em_top - (exact_ascent_pt(height) - gb.EM_ASCENT * size)
    box = (pt_emu(BLOCK_WIDTH / TWIPS_PER_PT), pt_emu(height / TWIPS_PER_PT) * len(paragraphs))
    place = d.Place(pt_emu(gb.BLOCK_LEFT_PT), pt_emu(top), "page", "page")
    _, doc_pr = d.doc_pr(ctx.ids, "发文机关标志")
    return [d.anchored(d.text_box(paragraphs, box), box, place, doc_pr, run_props=object_props())]


def letter_lines(ctx: Context) -> list[BaseOxmlElement]:
    """The red double lines for the first-page header: drawn lines anchored to the page."""
    plan = ctx.plan.header
    rules = plan.letter_rules if plan else ()
    runs = [red_line(ctx, rule, "page", rule.y, "page") for rule in rules]
    return [x.paragraph(style_para("间距", spacing=x.Spacing(exact=1)), runs)]
