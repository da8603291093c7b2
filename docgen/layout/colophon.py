"""版记 (§7.4): at the foot of the last page, on an even page when printing both sides."""

from __future__ import annotations

from msgspec import Struct

from docgen.document.model import Colophon, Listing
from docgen.errors import LayoutError
from docgen.fonts.roles import Role
from docgen.i18n import tr
from docgen.layout import grid
from docgen.layout.flow import Flow
from docgen.layout.linebreak import Placed
from docgen.layout.model import Rule, TextLine
from docgen.layout.plan import BreakReason, ColophonPlan
from docgen.layout.text import Setter
from docgen.standard import (
    BLACK_CMYK,
    BLOCK_LEFT_PT,
    BLOCK_RIGHT_PT,
    BLOCK_WIDTH_PT,
    LINES_PER_PAGE,
    fig,
    mm_to_pt,
)
from docgen.standard.elements import Element
from docgen.standard.formats import Format


class ColophonBlock(Struct):
    lines: list[list[Placed]]  # one grid row each, x from the page's left edge
    cc_rows: int  # rows of 主送/抄送 above the 印发 row
    printed: bool  # has the 印发机关/印发日期 row


def _size() -> float:
    return fig("colophon_size")


def _listing(setter: Setter, listing: Listing) -> list[list[Placed]]:
    """主送：… / 抄送：…。 one 字 in on both sides, wraps aligned after the colon."""
    size = _size()
    inset = grid.chars(fig("colophon_inset"), size)
    hanging = setter.width(setter.plain(listing.label, Role.FANGSONG, size))
    width = BLOCK_WIDTH_PT - 2 * inset
    lines = setter.wrap(listing.text, Role.FANGSONG, size=size, width=width, hanging=hanging)
    return [[p.moved(BLOCK_LEFT_PT + inset) for p in line] for line in lines]


def build_block(
    setter: Setter, colophon: Colophon, fmt: Format, recipients_moved: bool
) -> ColophonBlock:
    lines: list[list[Placed]] = []
    for listing in colophon.parts(recipients_moved):
        lines += _listing(setter, listing)
    cc_rows = len(lines)
    printed = bool(colophon.printer) and fmt != Format.LETTER  # 信函: no 印发 line (§10.1)
    if printed:
        size = _size()
        inset = grid.chars(fig("colophon_inset"), size)
        printer = setter.plain(colophon.printer or "", Role.FANGSONG, size)
        date = setter.plain(colophon.print_date or "", Role.FANGSONG, size)
        date_x = BLOCK_RIGHT_PT - inset - setter.width(date)
        row = [p.moved(BLOCK_LEFT_PT + inset) for p in printer]
        row += [p.moved(date_x) for p in date]
        lines.append(row)
    return ColophonBlock(lines, cc_rows, printed)


def _rules(block: ColophonBlock, first_row: int, fmt: Format) -> list[Rule]:
    """Thick first and last rules, thin ones between parts; the last on the 版心 bottom."""
    if fmt == Format.LETTER:
        return []
    thick = mm_to_pt(fig("colophon_thick_rule"))
    thin = mm_to_pt(fig("colophon_thin_rule"))

    def rule(y: float, width: float) -> Rule:
        return Rule(BLOCK_LEFT_PT, BLOCK_RIGHT_PT, y, width, BLACK_CMYK)

    rules = [rule(grid.row_top(first_row), thick), rule(grid.row_top(LINES_PER_PAGE), thick)]
    if block.cc_rows and block.printed:
        rules.append(rule(grid.row_top(first_row + block.cc_rows), thin))
    return rules


def place(
    flow: Flow, setter: Setter, colophon: Colophon, fmt: Format, double_sided: bool, moved: bool
) -> ColophonPlan | None:
    """Put the 版记 on the last page, adding pages so that it lands on an even one."""
    block = build_block(setter, colophon, fmt, moved)
    rows = len(block.lines)
    if not rows:
        return None
    if rows > LINES_PER_PAGE:
        raise LayoutError(
            tr(
                "the 版记 needs {rows} lines but a page holds {most}: shorten 抄送"
                " (or the 主送机关 moved there because they filled page 1)"
            ).format(rows=rows, most=LINES_PER_PAGE),
            field="recipients" if moved and not colophon.cc else "cc",
        )
    first_row = LINES_PER_PAGE - rows
    fits = flow.row <= first_row
    pages_before = len(flow.pages)
    blank_before = False
    if double_sided:
        if len(flow.pages) % 2 == 1:  # odd: the 版记 goes alone on the back of this sheet
            flow.new_page(BreakReason.COLOPHON)
        elif not fits:  # even and full: a blank odd page, then the 版记 on the next even one
            flow.new_page(BreakReason.COLOPHON)
            flow.page.number = None
            flow.new_page(BreakReason.COLOPHON)
            flow.page.number = None
            blank_before = True
    elif not fits:
        flow.new_page(BreakReason.COLOPHON)
    size = _size()
    for i, placed in enumerate(block.lines):
        baseline = grid.baseline(first_row + i, size)
        glyphs = tuple(p.glyph() for p in placed)
        flow.page.lines.append(TextLine(glyphs, baseline, size, Element.COLOPHON))
    flow.page.rules.extend(_rules(block, first_row, fmt))
    flow.row = LINES_PER_PAGE
    own_page = len(flow.pages) > pages_before
    return ColophonPlan(flow.page_index, rows, own_page, blank_before)
