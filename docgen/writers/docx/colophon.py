"""版记 (§7.4): at the foot of the last page, which the layout makes even (§7.4.1).

The 版记 is a floating table anchored to the bottom of the 版心 (``w:tblpPr``,
``tblpYSpec="bottom"``), so its last rule stays on the 版心 bottom whatever the text above
does, and its rows keep editing like a table.  Its rules are cell borders: thick (0.35 mm)
above the first row and below the last, thin (0.25 mm) between 抄送 and 印发.  Rows are one
grid pitch a line; the 4号 text is raised to sit centred in its row as the layout has it.
Rows are exactly as tall as the layout's (a 版记 that grows needs its row made taller):
LibreOffice adds the top rule's width to a row of "at least" height, which lifts the
first rule 0.35 mm and, under a body that ends right above the 版记, pushes the table to
the next page (measured).

Where the layout gives the 版记 a page of its own, a page break precedes it; where it puts
an unnumbered blank page first (the body filled an even page), a section without page
numbers starts there: the blank page and the 版记 page carry no number (§7.5).  The table's
anchor is a paragraph one twip tall: it fits in the 18 twips the 22 grid rows leave
under the last row, so a body that fills the page up to the 版记 does not push it over.
"""

from __future__ import annotations

from docx.oxml.xmlchemy import BaseOxmlElement

from docgen import standard as gb
from docgen.document.model import Colophon, Listing
from docgen.fonts.roles import Role
from docgen.standard.formats import Format
from docgen.writers.docx import xml as x
from docgen.writers.docx import xml_table as t
from docgen.writers.docx.context import Context
from docgen.writers.docx.sections import Item, SectionEnd, SectionSpec
from docgen.writers.docx.styles import SMALL_SIZE_PT, small_line_raise, small_runs
from docgen.writers.docx.text import blank, run_props, style_para
from docgen.writers.docx.units import (
    BLOCK_WIDTH,
    LINE_PITCH,
    MARGIN_LEFT,
    TWIPS_PER_PT,
    pt_twips,
    spacing_twips,
    text_width_pt,
)

INSET = round(gb.fig("colophon_inset") * SMALL_SIZE_PT * TWIPS_PER_PT)  # 1 字 of 4号
THICK = t.Border(round(gb.mm_to_pt(gb.fig("colophon_thick_rule")) * 8))
THIN = t.Border(round(gb.mm_to_pt(gb.fig("colophon_thin_rule")) * 8))


def _small_width(text: str) -> int:
    spacing = spacing_twips(SMALL_SIZE_PT) / TWIPS_PER_PT
    return pt_twips(text_width_pt(text, SMALL_SIZE_PT, spacing))


def colophon_items(
    ctx: Context, current: SectionSpec, after_break: bool
) -> tuple[list[Item], SectionSpec]:
    """The 版记 and the breaks before it; returns the items and the spec of the section
    they end in."""
    plan = ctx.plan.colophon
    if plan is None:
        return [], current
    items: list[Item] = []
    spec = current
    if plan.blank_before:
        spec = SectionSpec(footer="none")
        items += [SectionEnd(current), blank(), _page_break()]
    elif plan.own_page:
        # After a section break the page is new already, but the floating table still
        # needs a paragraph before it in its section (LibreOffice anchors it there).
        items.append(_anchor() if after_break else _page_break())
    items += [_table(ctx, plan.rows), _anchor()]
    return items, spec


def _page_break() -> BaseOxmlElement:
    return blank(x.ParaProps(page_break_before=True))


def _anchor() -> BaseOxmlElement:
    """The floating table's anchor paragraph: 1 twip tall, off the grid."""
    return x.paragraph(style_para("间距", spacing=x.Spacing(exact=1)))


def _listing(listing: Listing) -> BaseOxmlElement:
    """主送：… / 抄送：…。 one 字 in on both sides, wrapped names after the colon."""
    hang = _small_width(listing.label)
    ind = x.Indent(left=INSET + hang, right=INSET, first_line=-hang)
    para = style_para("版记", indent=ind, justify="both")
    return x.paragraph(para, small_runs(listing.text))


def _printed(parts: Colophon) -> BaseOxmlElement:
    """印发机关 左空一字, 印发日期 右空一字, on one line (a right tab stop)."""
    tab = x.Tab("right", BLOCK_WIDTH - INSET)
    para = style_para("版记", indent=x.Indent(left=INSET), tabs=(tab,))
    tab = x.tab_run(run_props(Role.FANGSONG, raise_half_points=small_line_raise()))
    runs = [*small_runs(parts.printer or ""), tab, *small_runs(parts.print_date or "")]
    return x.paragraph(para, runs)


def _top_rule(letter: bool) -> int:
    """Twips of the first rule, which LibreOffice adds above the table's rows (measured):
    the first row is that much shorter, so the table is as tall as its grid rows."""
    return 0 if letter else THICK.eighths * TWIPS_PER_PT // 8


def _table(ctx: Context, rows: int) -> BaseOxmlElement:
    parts = ctx.doc.colophon
    letter = ctx.doc.format == Format.LETTER  # 信函: no 印发 line and no rules (§10.1)
    printed = bool(parts.printer) and not letter
    listings = [_listing(part) for part in parts.parts(ctx.plan.recipients_moved)]
    cc_rows = rows - (1 if printed else 0)
    table_rows = []
    if listings:
        borders = {} if letter else {"top": THICK, "bottom": THIN if printed else THICK}
        cell = t.Cell(listings, BLOCK_WIDTH, borders=borders)
        table_rows.append(
            t.Row([cell], height=cc_rows * LINE_PITCH - _top_rule(letter), exact=True)
        )
    if printed:
        borders = {"bottom": THICK, "top": THIN if listings else THICK}
        cell = t.Cell([_printed(parts)], BLOCK_WIDTH, borders=borders)
        height = LINE_PITCH - (0 if listings else _top_rule(letter))
        table_rows.append(t.Row([cell], height=height, exact=True))
    props = t.TableProps((BLOCK_WIDTH,), floating=t.Floating(MARGIN_LEFT))
    return t.table(props, table_rows)
