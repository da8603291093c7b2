"""Units, page geometry and text widths for the DOCX writer, and the layout's rows.

Every figure comes from :mod:`docgen.standard`; what LibreOffice 7.4 was measured to do
with the OOXML is recorded here once, with the measurement, so the element modules only
ask for positions.

Two measured facts shape the header and closing parts:

* **Exact line heights.**  A paragraph with ``w:lineRule="exact"`` and ``w:snapToGrid
  w:val="0"`` is exactly as tall as asked, and the grid rows after it start where it ends
  (LibreOffice's line grid is relative: each grid line is one pitch tall, rows are not
  fixed to the page).  LibreOffice puts the baseline of an exact line 80 % of the way down
  it (measured: 0.806–0.812 of heights from 16 to 80 pt; Word is believed to do the same —
  not measured, no Word here).  So an off-grid element (the 发文机关标志) is placed by
  exact spacing before it, an exact line, and spacing after it that ends on a grid row.
* **LibreOffice centres the grid rows in the text area.**  22 rows of 579 twips leave 18
  of the 版心's 12756 twips, so every paragraph, anchored picture and exact line of the
  body sits 9 twips (0.16 mm) lower than the twips say (measured: 0.14–0.18 mm).
  Absolute positions taken from the layout subtract it; positions relative to a
  paragraph need nothing.  (A turned page is given a whole number of rows instead.)
"""

from __future__ import annotations

import math

from docgen import standard as gb
from docgen.layout import grid

TWIPS_PER_PT = 20
EMU_PER_PT = 12700


def twips(mm: float) -> int:
    return round(gb.mm_to_pt(mm) * TWIPS_PER_PT)


def pt_twips(pt: float) -> int:
    return round(pt * TWIPS_PER_PT)


def pt_emu(pt: float) -> int:
    return round(pt * EMU_PER_PT)


# ---- Page and grid (§5.2) -----------------------------------------------------------
PAGE_WIDTH = twips(gb.fig("page_width"))  # 11906
PAGE_HEIGHT = twips(gb.fig("page_height"))  # 16838
MARGIN_LEFT = twips(gb.fig("margin_left"))  # 订口 28 mm
MARGIN_TOP = twips(gb.fig("margin_top"))  # 天头 37 mm
MARGIN_RIGHT = PAGE_WIDTH - MARGIN_LEFT - twips(gb.fig("block_width"))  # 26 mm
MARGIN_BOTTOM = PAGE_HEIGHT - MARGIN_TOP - twips(gb.fig("block_height"))  # 35 mm
BLOCK_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
BLOCK_HEIGHT = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
LINE_PITCH = math.floor(BLOCK_HEIGHT / gb.LINES_PER_PAGE)  # 579 twips: one grid row
# Condensing that makes 28 body characters fit the line (see the package docstring).
BODY_SPACING = round(grid.fit_spacing() * TWIPS_PER_PT)
BODY_CHAR_PT = gb.BODY_SIZE_PT + BODY_SPACING / TWIPS_PER_PT  # 1 字 of body text: 15.75 pt
BODY_CHAR = round(BODY_CHAR_PT * TWIPS_PER_PT)
PAGE_NUMBER_SIZE_PT = gb.fig("page_number_size")
PAGE_NUMBER_CHAR = round(PAGE_NUMBER_SIZE_PT * TWIPS_PER_PT)  # 1 字 of the 4号 page number

# ---- Measured in LibreOffice 7.4 (tests/test_docx_elements.py re-measures) -------------
EXACT_BASELINE = 0.8  # baseline of an exact-height line, as a share of its height
# LibreOffice draws the body this much lower than the twips say (see above).
LO_DROP_PT = (BLOCK_HEIGHT - gb.LINES_PER_PAGE * LINE_PITCH) / 2 / TWIPS_PER_PT


def spacing_twips(size_pt: float) -> int:
    """Character spacing that sets ``size_pt`` text on the layout's pitch (the body's
    −0.25 pt scaled to the size), so lines hold what the PDF's lines hold: the measure the
    layout fills lines by (grid.fit_spacing)."""
    return round(grid.fit_spacing(size_pt) * TWIPS_PER_PT)


def exact_ascent_pt(line_twips: int) -> float:
    """Where an exact line of ``line_twips`` puts its baseline, below the line's top."""
    return EXACT_BASELINE * line_twips / TWIPS_PER_PT


# ---- Text widths ----------------------------------------------------------------------


def _ideograph(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch >= "\U00020000"


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


# Advances of printable ASCII in Times New Roman, in 1/1000 em: the Times-Roman metrics
# (Adobe's AFM, as reportlab ships them), which Times New Roman and Liberation Serif share;
# tests/test_docx.py holds the table to reportlab's.  A table here, so that writing a
# DOCX needs nothing of reportlab (≈ 20 ms to import, with PIL).
_TIMES = dict(
    zip(
        map(chr, range(0x20, 0x7F)),
        (
            250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278,
            500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444,
            921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722,
            556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500,
            333, 444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500,
            500, 500, 333, 389, 278, 500, 500, 722, 500, 500, 444, 480, 200, 480, 541,
        ),
        strict=True,
    )
)  # fmt: skip
_NO_GLYPH = 761  # what the metrics give an ASCII control character


def text_width_pt(text: str, size_pt: float = gb.BODY_SIZE_PT, spacing_pt: float = 0.0) -> float:
    """Advance width of one line of text as LibreOffice and Word set it.

    CJK characters are one em; half-width characters take Times New Roman's advances
    (``_TIMES``: digits are ½ em); every character carries the run's character spacing,
    and each ideograph–Latin boundary adds the renderers' space (standard/figures.py,
    ``cjk_latin_space``).
    """
    space = gb.fig("cjk_latin_space") * size_pt
    width = 0.0
    for i, ch in enumerate(text):
        em = _TIMES.get(ch, _NO_GLYPH) * 0.001 if ch.isascii() else 1.0  # as reportlab rounds
        width += em * size_pt + spacing_pt
        if i and (
            (_ideograph(text[i - 1]) and _latin(ch)) or (_latin(text[i - 1]) and _ideograph(ch))
        ):
            width += space
    return width


def body_width(text: str) -> int:
    """Width in twips of body text (16 pt, the body's condensing)."""
    return pt_twips(text_width_pt(text, spacing_pt=BODY_SPACING / TWIPS_PER_PT))


# ---- The layout's rows ------------------------------------------------------------------


def layout_row_top(row: int) -> float:
    """Top of a grid row in the layout's (PDF's) points from the page top."""
    return grid.row_top(row)


def row_twips(rows: int) -> int:
    return rows * LINE_PITCH


def docx_row_top_pt(row: int) -> float:
    """Top of grid row ``row`` as the DOCX lays it out, in points from the page top."""
    return (MARGIN_TOP + row * LINE_PITCH) / TWIPS_PER_PT
