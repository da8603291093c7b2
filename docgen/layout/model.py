"""What the layout produces: pages of positioned glyphs and rules, in points.

Coordinates are points from the page's top-left corner, y growing downwards; writers
convert to their own systems.  Nothing here knows about YAML or about reportlab.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docgen.fonts.roles import Role


@dataclass(frozen=True)
class Glyph:
    ch: str
    x: float  # where the glyph's origin is drawn
    role: Role  # the face that draws it (after Latin and fallback substitution)


@dataclass(frozen=True)
class TextLine:
    glyphs: tuple[Glyph, ...]
    baseline: float
    size: float
    kind: str  # "title", "body", "signature", "date", "page-number", …
    color: tuple[float, float, float, float] | None = None  # CMYK; None = black

    @property
    def text(self) -> str:
        return "".join(g.ch for g in self.glyphs)


@dataclass(frozen=True)
class Rule:
    x0: float
    x1: float
    y: float  # centre of the stroke
    thickness: float
    color: tuple[float, float, float, float]


@dataclass(frozen=True)
class VRule:
    """A vertical rule (table borders)."""

    x: float
    y0: float
    y1: float
    thickness: float
    color: tuple[float, float, float, float]


@dataclass(frozen=True)
class Image:
    """A picture (印章, 签名章) placed by its top-left corner."""

    path: Path
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class OutlineEntry:
    level: int
    text: str
    page: int  # index into Layout.pages
    y: float


@dataclass
class Page:
    number: int | None  # the printed page number, or None where none is shown
    lines: list[TextLine] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    vrules: list[VRule] = field(default_factory=list)
    # 横排表格 (§8): the page is printed portrait but read turned a quarter clockwise; all
    # its content but the page number is in the turned page's coordinates (297 × 210 mm).
    landscape: bool = False


@dataclass
class Layout:
    pages: list[Page]
    outline: list[OutlineEntry]
    title_lines: tuple[str, ...]
