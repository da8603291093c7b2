"""Tables in the body (§8 and practice): ruled grid, 4号 text, header rows that repeat.

Column widths are the layout's (its plan), so the DOCX wraps cells
where the PDF does.  Cell text takes one grid pitch a line, as in the layout (exact
lines: see docx_styles); a cell whose text fits one line is centred, longer ones are
justified.  Rows are exactly as tall as the layout's: LibreOffice adds a rule's width to
every row of "at least" height (measured: 0.26 mm a row, 1.2 mm under a 4-row table), which
would move everything after a table and in the end the page breaks.  A table too wide for
the portrait 版心 goes in a landscape section (see docx_sections).
"""

from __future__ import annotations

from docx.oxml.xmlchemy import BaseOxmlElement

from docgen import standard as gb
from docgen.document.model import Table
from docgen.fonts.roles import Role
from docgen.layout.plan import TablePlan
from docgen.writers.docx import xml as x
from docgen.writers.docx import xml_table as t
from docgen.writers.docx.styles import small_runs
from docgen.writers.docx.text import style_para
from docgen.writers.docx.units import (
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


def _widths(table: Table, shape: TablePlan | None, landscape: bool) -> list[int]:
    if shape and len(shape.widths) == table.columns:
        return [pt_twips(w) for w in shape.widths]
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


def body_table(table: Table, shape: TablePlan | None, landscape: bool) -> BaseOxmlElement:
    widths = _widths(table, shape, landscape)
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    props = t.TableProps(
        tuple(widths), borders=dict.fromkeys(sides, RULE), cell_margins=(PADDING, PADDING)
    )
    heights: list[int | None] = [None] * len(table.rows)
    if shape:
        heights = [rows * LINE_PITCH for rows in shape.row_heights]
    rows = []
    for r, (row, height) in enumerate(zip(table.rows, heights, strict=True)):
        texts = list(row) + [""] * (table.columns - len(row))
        header = r < table.header_rows
        cells = [_cell(text, w, header) for text, w in zip(texts, widths, strict=True)]
        rows.append(t.Row(cells, height=height, exact=height is not None, header=header))
    return t.table(props, rows)
