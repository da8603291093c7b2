"""PDF → pages of text lines, characters, rules and shapes (check/content.py), read with
PyMuPDF."""

from __future__ import annotations

from pathlib import Path

import pymupdf

from docgen.check.colour import red_share
from docgen.check.content import (
    Char,
    HRule,
    Line,
    PageContent,
    PdfContent,
    Shape,
    UnreadableError,
    VRule,
)
from docgen.check.fontclass import base_name, font_class, is_bold
from docgen.check.glyphs import verify_glyphs
from docgen.standard import MM_PER_PT

RGB = tuple[float, float, float]
_INVISIBLE = 3  # PDF text render mode 3: neither filled nor stroked (OCR layers)
_RULE_MAX_THICKNESS = 3.0  # mm: a filled rectangle thinner than this and wide is a rule
_RULE_MIN_LENGTH = 20.0  # mm
_STRAIGHT = 0.2 * MM_PER_PT  # mm: ends this close in y (or x) make a level (upright) line


def _rgb(color: object) -> RGB:
    if isinstance(color, int):
        return ((color >> 16 & 255) / 255, (color >> 8 & 255) / 255, (color & 255) / 255)
    values = tuple(color or (0.0,))  # type: ignore[arg-type]
    if len(values) == 1:
        return (values[0], values[0], values[0])
    if len(values) == 4:
        c, m, y, k = values
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return (values[0], values[1], values[2])


def _chars(page: pymupdf.Page) -> tuple[list[tuple[Char, tuple]], int]:
    """Horizontal characters with their (font, glyph id); and how many others there are."""
    out = []
    turned = 0
    for span in page.get_texttrace():
        if span.get("type") == _INVISIBLE or span.get("opacity", 1) == 0:
            continue
        if tuple(round(v) for v in span["dir"]) != (1, 0) or span.get("wmode"):
            turned += len(span["chars"])  # vertical or rotated text is not measured
            continue
        font = base_name(span["font"])
        bold = is_bold(font, span.get("flags", 0))
        cls = font_class(font, bold)
        rgb = _rgb(span["color"])
        size = span["size"]
        for uni, gid, origin, bbox in span["chars"]:
            ch = chr(uni) if uni >= 0 else "\ufffd"
            if ch.isspace() or ch == "\u3000":
                continue
            x0 = origin[0] * MM_PER_PT
            advance = (bbox[2] - bbox[0]) * MM_PER_PT
            char = Char(
                ch, gid, x0, x0 + advance, origin[1] * MM_PER_PT, size, font, bold, cls, rgb
            )
            out.append((char, (span["font"], gid)))
    return out, turned


def group_lines(index: int, chars: list[Char]) -> list[Line]:
    """Characters on (nearly) the same baseline form a line; lines top to bottom."""
    lines: list[list[Char]] = []
    for ch in sorted(chars, key=lambda c: (c.baseline, c.x0)):
        if lines and ch.baseline - lines[-1][0].baseline <= 0.6:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return [Line(index, tuple(sorted(group, key=lambda c: c.x0))) for group in lines]


Drawn = tuple[list[HRule], list[VRule], list[tuple[float, ...]]]


Point = tuple[float, float]


def rule_from_segment(p: Point, q: Point, width: float, rgb: RGB, out: Drawn) -> bool:
    """A stroked segment (mm) that is a horizontal or vertical rule goes into ``out``;
    whether it was one.  Shared with the OFD reader, so both formats classify alike."""
    (px, py), (qx, qy) = p, q
    if abs(py - qy) < _STRAIGHT and abs(qx - px) >= _RULE_MIN_LENGTH:
        x0, x1 = sorted((px, qx))
        out[0].append(HRule(x0, x1, py, width, rgb))
        return True
    if abs(px - qx) < _STRAIGHT and abs(qy - py) >= 3:
        y0, y1 = sorted((py, qy))
        out[1].append(VRule(px, y0, y1))
        return True
    return False


def rule_from_rect(box: tuple[float, float, float, float], rgb: RGB, out: Drawn) -> bool:
    """A filled rectangle (x0, y0, x1, y1 in mm) thin enough to be a rule goes into
    ``out``; whether it was one."""
    x0, y0, x1, y1 = box
    width, height = x1 - x0, y1 - y0
    if height <= _RULE_MAX_THICKNESS and width >= _RULE_MIN_LENGTH:
        out[0].append(HRule(x0, x1, (y0 + y1) / 2, height, rgb))
        return True
    if width <= _RULE_MAX_THICKNESS / 3 and height >= 3:
        out[1].append(VRule((x0 + x1) / 2, y0, y1))
        return True
    return False


def _segment(item, stroke, width: float, out: Drawn) -> bool:
    p, q = item[1], item[2]
    ends = (p.x * MM_PER_PT, p.y * MM_PER_PT), (q.x * MM_PER_PT, q.y * MM_PER_PT)
    return rule_from_segment(*ends, width, _rgb(stroke), out)


def _rect(rect, fill, out: Drawn) -> bool:
    r = rect * MM_PER_PT
    return rule_from_rect((r.x0, r.y0, r.x1, r.y1), _rgb(fill), out)


def _rules_and_shapes(page: pymupdf.Page) -> Drawn:
    """Horizontal rules, vertical rules, and boxes of other filled drawings."""
    out: Drawn = ([], [], [])
    for path in page.get_drawings():
        width = (path.get("width") or 0) * MM_PER_PT
        stroke, fill = path.get("color"), path.get("fill")
        found = False
        for item in path["items"]:
            if item[0] == "l" and stroke is not None:
                found |= _segment(item, stroke, width, out)
            elif item[0] == "re" and fill is not None:
                found |= _rect(item[1], fill, out)
        if not found and fill is not None:
            r = path["rect"] * MM_PER_PT
            if r.width > 3 and r.height > 3:
                out[2].append((r.x0, r.y0, r.x1, r.y1, 0.0))
    return once(out[0]), out[1], out[2]


def once(rules: list[HRule]) -> list[HRule]:
    """Each rule once: LibreOffice strokes a paragraph border twice, the same line."""
    seen: set[tuple] = set()
    out = []
    for rule in rules:
        key = (round(rule.x0, 1), round(rule.x1, 1), round(rule.y, 1), rule.rgb)
        if key not in seen:
            seen.add(key)
            out.append(rule)
    return out


def _red_share(page: pymupdf.Page, box: tuple[float, ...]) -> float:
    """The share of a region's inked pixels that are red (colour.red_share)."""
    clip = pymupdf.Rect(*(v / MM_PER_PT for v in box[:4]))
    pix = page.get_pixmap(clip=clip, dpi=36, colorspace=pymupdf.csRGB, alpha=False)
    return red_share(pix.samples)


def _shapes(page: pymupdf.Page, drawn: list[tuple[float, ...]]) -> list[Shape]:
    out = []
    for info in page.get_image_info():
        box = tuple(v * MM_PER_PT for v in info["bbox"])
        out.append(Shape(*box, _red_share(page, box), "image"))
    for box in drawn:
        out.append(Shape(*box[:4], _red_share(page, box), "drawing"))
    return out


def read_pdf(path: Path) -> PdfContent:
    """Read every page; raises UnreadableError for anything that is not a readable PDF."""
    try:
        doc = pymupdf.open(path)
    except Exception as exc:  # pymupdf raises several types for broken files
        raise UnreadableError(f"not a readable PDF: {exc}") from None
    with doc:
        if not doc.is_pdf:
            raise UnreadableError("not a PDF")
        if doc.needs_pass or doc.is_encrypted:
            raise UnreadableError("the PDF is encrypted")
        if doc.page_count == 0:
            raise UnreadableError("the PDF has no pages")
        pages, traced = [], []
        for page in doc:
            chars, turned = _chars(page)
            traced.append(chars)
            rules, verticals, drawn = _rules_and_shapes(page)
            if page.rect.width > page.rect.height:
                # A page laid out landscape holds a 横排表格 (§8): none of its text is on the
                # portrait grid, so all of it counts as turned, not measured.
                turned += len(chars)
                chars, rules, verticals = [], [], []
            content = PageContent(
                page.number,
                page.rect.width * MM_PER_PT,
                page.rect.height * MM_PER_PT,
                group_lines(page.number, [c for c, _ in chars]),
                rules,
                _shapes(page, drawn),
                verticals,
                turned_chars=turned,
            )
            pages.append(content)
        glyphs = verify_glyphs(doc, traced)
    return PdfContent(path, pages, glyphs)
