"""Positioned pages: glyphs, rules and images, in points.

Coordinates are points from the page's top-left corner, y growing downwards; writers
convert to their own systems.  Nothing here knows about YAML or about reportlab.
"""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct, field

from docgen.fonts.roles import Role
from docgen.standard.elements import Element


class Glyph(Struct, frozen=True):
    ch: str
    x: float  # where the glyph's origin is drawn
    role: Role  # the face that draws it (after Latin and fallback substitution)
    advance: float  # points: the face's own advance, as the layout measured it


class TextLine(Struct, frozen=True):
    glyphs: tuple[Glyph, ...]
    baseline: float
    size: float
    element: Element
    color: tuple[float, float, float, float] | None = None  # CMYK; None = black

    @property
    def text(self) -> str:
        return "".join(g.ch for g in self.glyphs)


class Rule(Struct, frozen=True):
    x0: float
    x1: float
    y: float  # centre of the stroke
    thickness: float
    color: tuple[float, float, float, float]


class VRule(Struct, frozen=True):
    """A vertical rule (table borders)."""

    x: float
    y0: float
    y1: float
    thickness: float
    color: tuple[float, float, float, float]


class Image(Struct, frozen=True):
    """A picture (印章, 签名章) placed by its top-left corner."""

    path: Path
    x: float
    y: float
    width: float
    height: float


class OutlineEntry(Struct, frozen=True):
    level: int
    text: str
    page: int  # index into Layout.pages
    y: float


class Page(Struct):
    number: int | None  # the printed page number, or None where none is shown
    lines: list[TextLine] = field(default_factory=list)
    folio: TextLine | None = None  # the page number as set: upright on turned pages too
    rules: list[Rule] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    vrules: list[VRule] = field(default_factory=list)
    # 横排表格 (§8): the page is printed portrait but read turned a quarter clockwise; all
    # its content but the page number is in the turned page's coordinates (297 × 210 mm).
    landscape: bool = False
