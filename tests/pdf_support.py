"""Measuring produced PDFs: characters with their font, size, colour and position in mm."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from docgen.standard import EM_ASCENT, MM_PER_PT


@dataclass(frozen=True)
class Char:
    page: int  # 0-based
    c: str
    x0: float  # mm from the page's left edge
    x1: float
    baseline: float  # mm from the page's top edge
    size: float  # pt
    font: str  # base font name without the subset prefix
    color: int  # sRGB as an integer

    @property
    def em_top(self) -> float:
        return self.baseline - EM_ASCENT * self.size * MM_PER_PT

    @property
    def em_bottom(self) -> float:
        return self.em_top + self.size * MM_PER_PT


@dataclass(frozen=True)
class Line:
    page: int
    baseline: float
    chars: tuple[Char, ...]

    @property
    def text(self) -> str:
        """The line's text; a hyphen drawn where a word breaks (U+00AD) is not text."""
        return "".join(c.c for c in self.chars if c.c != "\u00ad")

    @property
    def x0(self) -> float:
        return self.chars[0].x0

    @property
    def x1(self) -> float:
        return self.chars[-1].x1


def chars(path: Path) -> list[Char]:
    """Upright characters (text turned with a 横排表格 is measured separately)."""
    out = []
    with pymupdf.open(path) as doc:
        for number, page in enumerate(doc):
            for block in page.get_text("rawdict")["blocks"]:
                for line in block.get("lines", []):
                    if tuple(round(v, 3) for v in line["dir"]) != (1.0, 0.0):
                        continue
                    for span in line["spans"]:
                        font = span["font"].split("+", 1)[-1]
                        for ch in span["chars"]:
                            if ch["c"].isspace():
                                continue
                            x0, _, x1, _ = ch["bbox"]
                            out.append(
                                Char(
                                    number,
                                    ch["c"],
                                    x0 * MM_PER_PT,
                                    x1 * MM_PER_PT,
                                    ch["origin"][1] * MM_PER_PT,
                                    span["size"],
                                    font,
                                    span["color"],
                                )
                            )
    return out


def lines(path: Path) -> list[Line]:
    """Characters grouped into visual lines (same page, same baseline), top to bottom."""
    groups: dict[tuple[int, float], list[Char]] = defaultdict(list)
    for c in chars(path):
        groups[(c.page, round(c.baseline, 1))].append(c)
    return [
        Line(page, cs[0].baseline, tuple(sorted(cs, key=lambda c: c.x0)))
        for (page, _), cs in sorted(groups.items())
    ]


def text(path: Path) -> str:
    return "".join(line.text for line in lines(path))


def page_count(path: Path) -> int:
    with pymupdf.open(path) as doc:
        return doc.page_count


@dataclass(frozen=True)
class HLine:
    """A horizontal rule: page, x from/to and y in mm, thickness in mm, colour class."""

    page: int
    x0: float
    x1: float
    y: float
    thickness: float
    colour: str


@dataclass(frozen=True)
class Picture:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float


def colour_class(rgb: tuple[float, float, float] | int | None) -> str:
    """'red', 'black' or 'other' — CMYK inks reach PyMuPDF converted to RGB."""
    if rgb is None:
        return "other"
    if isinstance(rgb, int):
        rgb = ((rgb >> 16) / 255, ((rgb >> 8) & 255) / 255, (rgb & 255) / 255)
    r, g, b = rgb
    if max(r, g, b) < 0.25:
        return "black"
    if r > 0.8 and g < 0.5 and b < 0.5:
        return "red"
    return "other"


def rules(path: Path) -> list[HLine]:
    out = []
    with pymupdf.open(path) as doc:
        for number, page in enumerate(doc):
            for drawing in page.get_drawings():
                for item in drawing["items"]:
                    if item[0] == "l" and abs(item[1].y - item[2].y) < 0.01:
                        x0, x1 = sorted((item[1].x, item[2].x))
                        out.append(
                            HLine(
                                number,
                                x0 * MM_PER_PT,
                                x1 * MM_PER_PT,
                                item[1].y * MM_PER_PT,
                                drawing["width"] * MM_PER_PT,
                                colour_class(drawing["color"]),
                            )
                        )
    return out


def pictures(path: Path) -> list[Picture]:
    with pymupdf.open(path) as doc:
        return [
            Picture(number, *(v * MM_PER_PT for v in info["bbox"]))
            for number, page in enumerate(doc)
            for info in page.get_image_info()
        ]


def embedded_glyphs(path: Path) -> dict[str, dict[str, bool]]:
    """For each embedded font (by base name): character → whether the glyph that draws it
    has an outline.  Reads the subset font programs and their ToUnicode maps, so it checks
    what is drawn, not just the text layer."""
    import io
    import re

    from fontTools.ttLib import TTFont

    out: dict[str, dict[str, bool]] = defaultdict(dict)
    seen: set[int] = set()
    with pymupdf.open(path) as doc:
        for page in doc:
            for xref, _, _, basefont, *_ in page.get_fonts(full=True):
                if xref in seen:
                    continue
                seen.add(xref)
                kind, ref = doc.xref_get_key(xref, "ToUnicode")
                if kind != "xref":
                    continue
                cmap_text = doc.xref_stream(int(ref.split()[0])).decode("latin-1")
                to_unicode = {
                    int(code, 16): int(uni, 16)
                    for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", cmap_text)
                }
                font = TTFont(io.BytesIO(doc.extract_font(xref)[3]))
                codes = {}
                for table in font["cmap"].tables:
                    codes.update({code & 0xFF: name for code, name in table.cmap.items()})
                glyf = font["glyf"]
                base = basefont.split("+", 1)[-1]
                for code, uni in to_unicode.items():
                    name = codes.get(code)
                    if uni == 0 or name is None:
                        continue
                    ch = chr(uni)
                    drawn = name != ".notdef" and (ch.isspace() or glyf[name].numberOfContours != 0)
                    out[base][ch] = drawn
    return out
