"""What the checker reads from a page: characters, lines, rules and shapes in mm from the
page's top-left corner.

Positions come from each character's origin (baseline) and size, never from the font's
bbox heights, which differ from font to font: the em box is ``EM_ASCENT`` em above the
baseline to ``1 − EM_ASCENT`` em below it (docgen.standard's interpretation).
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from docgen.standard import EM_ASCENT, MM_PER_PT, fig
from docgen.standard.typefaces import Typeface

RGB = tuple[float, float, float]


class UnreadableError(Exception):
    """The input is not a PDF (or DOCX) that can be read: exit code 2."""


class EmBox:
    """The ideographic em box of type set on ``self.baseline`` (mm) at ``self.size`` (pt),
    from standard/figures.py's ``em_ascent``: positions are measured from it, never from a
    font's own bounding box."""

    @property
    def em(self) -> float:
        return self.size * MM_PER_PT

    @property
    def em_top(self) -> float:
        return self.baseline - EM_ASCENT * self.em

    @property
    def em_bottom(self) -> float:
        return self.em_top + self.em


@dataclass(frozen=True)
class Char(EmBox):
    c: str
    gid: int
    x0: float  # mm: the origin
    x1: float  # mm: origin + advance
    baseline: float  # mm from the page top
    size: float  # pt
    font: str  # base font name, subset prefix removed
    bold: bool
    cls: Typeface | None  # font class (仿宋, 楷体 …) from the name
    rgb: RGB

    @property
    def centre_x(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Line(EmBox):
    """Characters on one baseline, left to right."""

    page: int  # 0-based
    chars: tuple[Char, ...]

    @property
    def text(self) -> str:
        return "".join(c.c for c in self.chars)

    @property
    def baseline(self) -> float:
        return statistics.median(c.baseline for c in self.chars)

    @property
    def size(self) -> float:
        """The size most characters have (pt)."""
        return Counter(round(c.size, 2) for c in self.chars).most_common(1)[0][0]

    @property
    def em_centre(self) -> float:
        return self.em_top + self.em / 2

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return self.chars[-1].x1

    @property
    def centre_x(self) -> float:
        return (self.x0 + self.x1) / 2

    def cjk(self) -> list[Char]:
        return [c for c in self.chars if not c.c.isascii()]

    def main_class(self) -> Typeface | None:
        """The font class of most of the line's CJK characters (or of all, if none)."""
        chars = self.cjk() or list(self.chars)
        return Counter(c.cls for c in chars).most_common(1)[0][0]

    def main_font(self) -> str:
        chars = self.cjk() or list(self.chars)
        return Counter(c.font for c in chars).most_common(1)[0][0]

    def segments(self, gap_em: float = 1.5) -> list[Line]:
        """Pieces separated by more than ``gap_em`` ems of empty space."""
        pieces: list[list[Char]] = [[self.chars[0]]]
        for prev, cur in zip(self.chars, self.chars[1:], strict=False):
            if cur.x0 - prev.x1 > gap_em * cur.em:
                pieces.append([])
            pieces[-1].append(cur)
        return [Line(self.page, tuple(p)) for p in pieces]


@dataclass(frozen=True)
class HRule:
    """A horizontal line (stroked segment or thin filled rectangle)."""

    x0: float
    x1: float
    y: float  # centre of the stroke
    thickness: float
    rgb: RGB

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass(frozen=True)
class VRule:
    """A vertical line (table borders)."""

    x: float
    y0: float
    y1: float


@dataclass(frozen=True)
class Shape:
    """An image or a filled drawing that is not a rule (seals, logos)."""

    x0: float
    y0: float
    x1: float
    y1: float
    red_share: float  # share of its coloured pixels that are red
    kind: str  # "image" or "drawing"


@dataclass
class PageContent:
    index: int  # 0-based
    width: float  # mm
    height: float
    lines: list[Line] = field(default_factory=list)
    rules: list[HRule] = field(default_factory=list)
    shapes: list[Shape] = field(default_factory=list)
    verticals: list[VRule] = field(default_factory=list)
    turned_chars: int = 0  # characters set vertically or rotated (not measured)

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def blank(self) -> bool:
        return not (self.lines or self.rules or self.verticals or self.shapes or self.turned_chars)


@dataclass
class PdfContent:
    path: Path
    pages: list[PageContent]
    glyphs: GlyphCheck


@dataclass
class GlyphCheck:
    """Characters drawn without a glyph, and how many were verified how."""

    missing: list[tuple[int, Char, str]] = field(default_factory=list)  # page, char, why
    total: int = 0
    outlines_verified: int = 0


def block() -> tuple[float, float, float, float]:
    """The 版心 (left, top, right, bottom) in mm, from docgen.standard."""
    left, top = fig("margin_left"), fig("margin_top")
    return left, top, left + fig("block_width"), top + fig("block_height")
