"""Tables in the body (§8 and practice): ruled grid, 4号 text, header rows that repeat.

Column widths are the layout's (read from the rules it drew), so the DOCX wraps cells
where the PDF does.  Cell text takes one grid pitch a line, as in the layout (exact
lines: see docx_styles); a cell whose text fits one line is centred, longer ones are
justified.  Rows are exactly as tall as the layout's: LibreOffice adds a rule's width to
every row of "at least" height (measured: 0.26 mm a row, 1.2 mm under a 4-row table), which
would move everything after a table and in the end the page breaks.  A table too wide for
the portrait 版心 goes in a landscape section (see docx_sections).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field

from docx.oxml.xmlchemy import BaseOxmlElement

from docgen import standard as gb
from docgen.document.model import Table
from docgen.fonts.roles import Role
from docgen.layout.model import Layout
from docgen.writers import docx_xml as x
from docgen.writers import docx_xml_table as t
from docgen.writers.docx_styles import small_runs
from docgen.writers.docx_text import style_para
from docgen.writers.docx_units import (
    BLOCK_HEIGHT,
    BLOCK_WIDTH,
    LINE_PITCH,
    TWIPS_PER_PT,
    pt_twips,
    spacing_twips,
    text_width_pt,
    twips,
)

SIZE_PT = gb.fig("table_size")
PADDING = twips(gb.fig("table_cell_padding"))
RULE = t.Border(round(gb.mm_to_pt(gb.fig("table_rule")) * 8))  # eighths of a point


@dataclass
class TableShape:
    """A table as the layout set it: turned (横排) or not, its column edges (pt), and its
    rows as (page index, height in pt), repeated header rows included."""

    landscape: bool
    edges: tuple[float, ...]
    rows: list[tuple[int, float]] = field(default_factory=list)

    def heights(self, table: Table) -> list[int | None]:
        """Each table row's height in twips (whole grid rows), header repeats left out."""
        pages = sorted({page for page, _ in self.rows})
        out: list[float] = []
        for page in pages:
            on_page = [h for p, h in self.rows if p == page]
            out += on_page[table.header_rows :] if page != pages[0] else on_page
        rows = [round(h / gb.LINE_PITCH_PT) * LINE_PITCH for h in out[: len(table.rows)]]
        return [*rows, *[None] * (len(table.rows) - len(rows))]


def layout_tables(layout: Layout) -> Iterator[TableShape]:
    """The layout's tables in order, told apart by their vertical rules: a row continues
    the table above when it has the same edges and follows it (or a page break)."""
    shape: TableShape | None = None
    previous: tuple[int, float] | None = None
    for index, page in enumerate(layout.pages):
        rows: dict[tuple[float, float], set[float]] = {}
        for rule in page.vrules:
            rows.setdefault((round(rule.y0, 2), round(rule.y1, 2)), set()).add(round(rule.x, 2))
        for (top, bottom), xs in sorted(rows.items()):
            edges = tuple(sorted(xs))
            follows = previous is not None and (
                previous[0] != index or abs(previous[1] - top) < 0.1
            )
            if shape is None or shape.edges != edges or not follows:
                if shape is not None:
                    yield shape
                shape = TableShape(page.landscape, edges)
            shape.rows.append((index, bottom - top))
            previous = (index, bottom)
    if shape is not None:
        yield shape


def _widths(table: Table, shape: TableShape | None, landscape: bool) -> list[int]:
    if shape and len(shape.edges) == table.columns + 1:
        return [pt_twips(b - a) for a, b in itertools.pairwise(shape.edges)]
    total = BLOCK_HEIGHT if landscape else BLOCK_WIDTH
    weights = table.widths or tuple(
        max(text_width_pt(row[c], SIZE_PT) for row in table.rows if c < len(row)) + 1
        for c in range(table.columns)
    )
    return [round(total * w / sum(weights)) for w in weights]


def _cell(text: str, width: int, header: bool) -> t.Cell:
    spacing = spacing_twips(SIZE_PT) / TWIPS_PER_PT
    room = (width - 2 * PADDING) / TWIPS_PER_PT
    one_line = text_width_pt(text, SIZE_PT, spacing) <= room
    para = style_para("表格文字", justify="center" if one_line else "both")
    role = Role.HEITI if header else Role.FANGSONG
    return t.Cell([x.paragraph(para, small_runs(text, role) if text else [])], width)


def body_table(table: Table, shape: TableShape | None, landscape: bool) -> BaseOxmlElement:
    widths = _widths(table, shape, landscape)
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    props = t.TableProps(
        tuple(widths), borders=dict.fromkeys(sides, RULE), cell_margins=(PADDING, PADDING)
    )
    heights = shape.heights(table) if shape else [None] * len(table.rows)
    rows = []
    for r, (row, height) in enumerate(zip(table.rows, heights, strict=True)):
        texts = list(row) + [""] * (table.columns - len(row))
        header = r < table.header_rows
        cells = [_cell(text, w, header) for text, w in zip(texts, widths, strict=True)]
        rows.append(t.Row(cells, height=height, exact=height is not None, header=header))
    return t.table(props, rows)
