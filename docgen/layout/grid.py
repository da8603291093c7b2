"""The 22 × 28 grid of the 版心: where rows and columns are, in points from the page top-left."""

from __future__ import annotations

import math

from docgen.standard import (
    BLOCK_BOTTOM_PT,
    BLOCK_TOP_PT,
    BODY_SIZE_PT,
    CHAR_PITCH_PT,
    EM_ASCENT,
    LINE_PITCH_PT,
    fig,
    mm_to_pt,
)

# Body text is set 16 pt on the grid's character pitch: the tracking between glyphs.
BODY_TRACKING = CHAR_PITCH_PT - BODY_SIZE_PT


def fit_spacing(size: float = BODY_SIZE_PT) -> float:
    """The character spacing Word and LibreOffice give text of ``size`` in the DOCX: the
    grid's tracking scaled to the size, in whole twentieths of a point (−0.25 pt for the
    body).  Lines are measured with it (linebreak.py), so that the PDF and the DOCX break
    paragraphs at the same characters."""
    return math.floor(BODY_TRACKING * size / BODY_SIZE_PT * 20) / 20


def row_top(row: int) -> float:
    """Top of grid row ``row`` (0-based) on a page."""
    return BLOCK_TOP_PT + row * LINE_PITCH_PT


def baseline(row: int, size: float = BODY_SIZE_PT) -> float:
    """Baseline of type of ``size`` whose em box is centred in grid row ``row``."""
    em_top = row_top(row) + (LINE_PITCH_PT - size) / 2
    return em_top + EM_ASCENT * size


def chars(n: float, size: float = BODY_SIZE_PT) -> float:
    """The width of ``n`` 字 at ``size`` (1 字 = one character at the element's size)."""
    return n * size


def indent(n: float) -> float:
    """``n`` 字 of body text on the grid: n columns."""
    return n * CHAR_PITCH_PT


def page_number_baseline(size: float) -> float:
    """Baseline of the page number: its em box centred 7 mm below the 版心 (§7.5)."""
    centre = BLOCK_BOTTOM_PT + mm_to_pt(fig("page_number_gap"))
    return centre - size / 2 + EM_ASCENT * size
