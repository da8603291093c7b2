"""Tables in the body: a grid of ruled cells on the line grid; wide ones turned (§8).

Each table row takes as many grid rows as its tallest cell has lines; a table that runs
over a page repeats its header rows.  A table too wide for the portrait 版心 goes on pages
of its own that are read turned a quarter clockwise (横排表格): its head towards the
binding edge on odd pages and the trimmed edge on even ones — both the viewer's left with
left binding — while the page number stays where it is on portrait pages.
"""

from __future__ import annotations

from msgspec import Struct

from docgen.document.model import Table
from docgen.fonts.roles import Role
from docgen.layout.flow import Flow
from docgen.layout.linebreak import Placed, units
from docgen.layout.model import Rule, TextLine, VRule
from docgen.layout.plan import BreakReason, TablePlan
from docgen.layout.text import Setter
from docgen.standard import (
    BLACK_CMYK,
    BLOCK_BOTTOM_PT,
    BLOCK_HEIGHT_PT,
    BLOCK_LEFT_PT,
    BLOCK_TOP_PT,
    BLOCK_WIDTH_PT,
    EM_ASCENT,
    LINE_PITCH_PT,
    LINES_PER_PAGE,
    PAGE_HEIGHT_PT,
    fig,
    mm_to_pt,
)
from docgen.standard.elements import Element


class Frame(Struct, frozen=True):
    """The 版心 as a table sees it: portrait, or turned for a 横排表格."""

    left: float
    top: float
    width: float
    rows: int

    def row_top(self, row: int) -> float:
        return self.top + row * LINE_PITCH_PT

    def baseline(self, row: int, size: float) -> float:
        return self.row_top(row) + (LINE_PITCH_PT - size) / 2 + EM_ASCENT * size


PORTRAIT = Frame(BLOCK_LEFT_PT, BLOCK_TOP_PT, BLOCK_WIDTH_PT, LINES_PER_PAGE)
# Turned a quarter clockwise, the portrait bottom margin is on the left and the binding
# margin at the top: the 版心 is 225 mm wide and 156 mm high.
LANDSCAPE = Frame(
    PAGE_HEIGHT_PT - BLOCK_BOTTOM_PT,
    BLOCK_LEFT_PT,
    BLOCK_HEIGHT_PT,
    int(BLOCK_WIDTH_PT // LINE_PITCH_PT),
)


def _size() -> float:
    return fig("table_size")


def _padding() -> float:
    return mm_to_pt(fig("table_cell_padding"))


def _text_width(setter: Setter, text: str, role: Role) -> float:
    return setter.width(setter.plain(text, role, _size()))


def _column_widths(setter: Setter, table: Table, frame: Frame) -> list[float]:
    """Widths that fill the frame: as asked, else by content (wrapping the widest)."""
    if table.widths:
        total = sum(table.widths)
        return [frame.width * w / total for w in table.widths]
    pad = 2 * _padding()
    desired, least = [], []
    for col in range(table.columns):
        cells = [(row[col], _role(i, table)) for i, row in enumerate(table.rows)]
        desired.append(max(_text_width(setter, t, r) for t, r in cells) + pad)
        least.append(max(_least_width(setter, t, r) for t, r in cells) + pad)
    if sum(desired) <= frame.width:
        return [frame.width * d / sum(desired) for d in desired]
    spare = frame.width - sum(least)
    stretch = [d - m for d, m in zip(desired, least, strict=True)]
    if spare < 0 or sum(stretch) <= 0:  # even the least widths do not fit: share the frame
        return [frame.width * m / sum(least) for m in least]
    return [m + spare * s / sum(stretch) for m, s in zip(least, stretch, strict=True)]


SHORT_CELL = 6  # characters: a cell this short is not wrapped if it can be helped


def _least_width(setter: Setter, text: str, role: Role) -> float:
    """The narrowest a cell may get: short texts whole, long ones down to their
    longest unbreakable unit (a number, a Latin word) or two characters."""
    if len(text) <= SHORT_CELL:
        return _text_width(setter, text, role)
    longest = max((_text_width(setter, text[a:b], role) for a, b in units(text)), default=0.0)
    return max(longest, 2 * _size())


def _role(row: int, table: Table) -> Role:
    return Role.HEITI if row < table.header_rows else Role.FANGSONG


def fits_portrait(setter: Setter, table: Table) -> bool:
    if table.landscape is not None:
        return not table.landscape
    widths = _column_widths(setter, table, PORTRAIT)
    return min(widths) >= 2 * _size() + 2 * _padding()


def _cell_lines(setter: Setter, text: str, role: Role, width: float) -> list[list[Placed]]:
    if not text:
        return [[]]
    lines = setter.wrap(text, role, size=_size(), width=width - 2 * _padding())
    if len(lines) == 1:  # a one-line cell is centred
        shift = (width - setter.width(lines[0])) / 2 - _padding()
        return [[p.moved(shift) for p in lines[0]]]
    return lines


class _Placer(Struct):
    flow: Flow
    frame: Frame
    widths: list[float]
    landscape: bool

    ruled: int = -1  # the page whose top rule is drawn

    def start_page(self, reason: BreakReason) -> None:
        self.flow.new_page(reason)
        self.flow.page.landscape = self.landscape

    def draw_row(self, cells: list[list[list[Placed]]], height: int) -> None:
        flow, frame, size = self.flow, self.frame, _size()
        top = frame.row_top(flow.row)
        x = frame.left
        for width, lines in zip(self.widths, cells, strict=True):
            for i, placed in enumerate(lines):
                glyphs = tuple(p.glyph(x + _padding()) for p in placed)
                baseline = frame.baseline(flow.row + i, size)
                flow.page.lines.append(TextLine(glyphs, baseline, size, Element.TABLE))
            x += width
        bottom = frame.row_top(flow.row + height)
        thickness = mm_to_pt(fig("table_rule"))
        right = frame.left + sum(self.widths)
        if self.ruled != flow.page_index:  # the first row on a page draws the top rule
            flow.page.rules.append(Rule(frame.left, right, top, thickness, BLACK_CMYK))
            self.ruled = flow.page_index
        flow.page.rules.append(Rule(frame.left, right, bottom, thickness, BLACK_CMYK))
        edges = [frame.left]
        for width in self.widths:
            edges.append(edges[-1] + width)
        for edge in edges:
            flow.page.vrules.append(VRule(edge, top, bottom, thickness, BLACK_CMYK))
        flow.row += height


Lead = tuple[list[Placed], Element, float, bool]  # glyphs, element, size, centred


def set_table(flow: Flow, setter: Setter, table: Table, lead: list[Lead] | None = None) -> None:
    """Set a table; ``lead`` lines (an attachment's label and title) go on its first
    turned page with it, one grid row each, when the table is turned."""
    landscape = not fits_portrait(setter, table)
    frame = LANDSCAPE if landscape else PORTRAIT
    widths = _column_widths(setter, table, frame)
    rows = [
        [
            _cell_lines(setter, text, _role(r, table), width)
            for text, width in zip(row, widths, strict=True)
        ]
        for r, row in enumerate(table.rows)
    ]
    heights = [max(len(cell) for cell in row) for row in rows]
    placer = _Placer(flow, frame, widths, landscape)
    flow.plan.tables.append(TablePlan(landscape, tuple(widths), tuple(heights)))
    if landscape:
        placer.start_page(BreakReason.TABLE_TURNED)
        for placed, element, size, centred in lead or []:
            left = frame.left
            if centred:
                left += (frame.width - setter.width(placed)) / 2
            glyphs = tuple(p.glyph(left) for p in placed)
            baseline = frame.baseline(flow.row, size)
            flow.page.lines.append(TextLine(glyphs, baseline, size, element))
            flow.row += 1
    header = list(zip(rows[: table.header_rows], heights[: table.header_rows], strict=True))
    for index, (row, height) in enumerate(zip(rows, heights, strict=True)):
        repeat = index >= table.header_rows and header
        if flow.row + height > frame.rows:
            placer.start_page(BreakReason.TABLE_ROWS)
            if repeat:
                for head, head_height in header:
                    placer.draw_row(head, head_height)
        placer.draw_row(row, height)
    if landscape:
        flow.row = LINES_PER_PAGE  # what follows starts on a new portrait page
