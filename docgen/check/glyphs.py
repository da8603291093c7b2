"""Characters drawn without a glyph: glyph id 0 (.notdef), U+FFFD, or an empty outline.

A character's glyph is looked up in the embedded font it was drawn with: the font is told
apart from others of the same base name (subsets) by its ToUnicode map, which must map
one of its codes to the character and, through the font's cmap, to the same glyph id.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from dataclasses import dataclass, field

import pymupdf

from docgen.check.content import Char, GlyphCheck
from docgen.check.fontclass import base_name

_BFCHAR = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")
_BFRANGE = re.compile(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")


@dataclass
class EmbeddedFont:
    font: object  # fontTools TTFont
    pairs: set[tuple[int, str]] = field(default_factory=set)  # (glyph id, character)
    _outlines: dict[int, tuple | None] = field(default_factory=dict)

    def outline(self, gid: int) -> tuple | None:
        """Glyph ``gid``'s drawing as a tuple of pen operations; None when it draws nothing."""
        if gid not in self._outlines:
            self._outlines[gid] = _outline(self.font, gid)
        return self._outlines[gid]

    def missing(self, gid: int) -> str | None:
        """Why glyph ``gid`` shows no character: no outline, or a copy of .notdef (the
        box a renderer draws for a character its font lacks)."""
        drawing = self.outline(gid)
        if drawing is None:
            return "its glyph has no outline"
        if gid and drawing == self.outline(0):
            return "its glyph is a copy of .notdef (an empty box)"
        return None


def _to_unicode(doc: pymupdf.Document, xref: int) -> dict[int, str]:
    kind, value = doc.xref_get_key(xref, "ToUnicode")
    if kind != "xref":
        return {}
    text = doc.xref_stream(int(value.split()[0])).decode("latin-1", "replace")
    out: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for code, uni in _BFCHAR.findall(block):
            out[int(code, 16)] = bytes.fromhex(uni).decode("utf-16-be", "replace")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, start in _BFRANGE.findall(block):
            first = int(start, 16)
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(first + i) if first + i < 0x110000 else "\ufffd"
    return out


def _code_to_gid(font, doc: pymupdf.Document, xref: int) -> dict[int, int] | None:
    """Glyph id per code: CIDs (Type0) through CIDToGIDMap, simple fonts through cmap."""
    subtype = doc.xref_get_key(xref, "Subtype")[1]
    if subtype == "/Type0":
        return None  # Identity: code = CID = glyph id (the usual embedding)
    order = font.getGlyphOrder()
    index = {name: i for i, name in enumerate(order)}
    if "cmap" not in font:
        return None
    out: dict[int, int] = {}
    for table in font["cmap"].tables:
        for code, name in table.cmap.items():
            out.setdefault(code & 0xFF, index.get(name, 0))
    return out


def _outline(font, gid: int) -> tuple | None:
    """A comparable form of a glyph's outline: TrueType points and contour ends, or the
    recorded drawing of a CFF glyph; None when the glyph draws nothing."""
    order = font.getGlyphOrder()
    if gid >= len(order):
        return None
    try:
        if "glyf" in font:
            glyf = font["glyf"]
            glyph = glyf[order[gid]]  # not expanded: the header and the raw bytes only
            if glyph.numberOfContours == 0:
                return None
            data = getattr(glyph, "data", None) or glyph.compile(glyf)
            return (glyph.numberOfContours, bytes(data[10:]))  # skip the bbox header
        return _recorded(font, order[gid])
    except Exception:  # a broken glyph program draws nothing
        return None


def _recorded(font, name: str) -> tuple | None:
    from fontTools.pens.recordingPen import RecordingPen

    pen = RecordingPen()
    font.getGlyphSet()[name].draw(pen)
    drawing = tuple((op, tuple(args)) for op, args in pen.value)
    return drawing if any(op != "closePath" for op, _ in drawing) else None


def _load(doc: pymupdf.Document, xref: int) -> EmbeddedFont | None:
    from fontTools.ttLib import TTFont

    _, ext, _, data = doc.extract_font(xref)
    if not data or ext not in ("ttf", "otf", "cff", "ttc"):
        return None
    try:
        font = TTFont(io.BytesIO(data), lazy=True)
        gids = _code_to_gid(font, doc, xref)
    except Exception:  # bare CFF programs and broken fonts: not verifiable here
        return None
    out = EmbeddedFont(font)
    for code, ch in _to_unicode(doc, xref).items():
        gid = code if gids is None else gids.get(code)
        if gid is not None:
            out.pairs.add((gid, ch))
    return out


def _fonts(doc: pymupdf.Document) -> dict[str, list[EmbeddedFont]]:
    by_name: dict[str, list[EmbeddedFont]] = defaultdict(list)
    seen: set[int] = set()
    for page in doc:
        for xref, _ext, _type, name, *_ in page.get_fonts():
            if xref in seen:
                continue
            seen.add(xref)
            font = _load(doc, xref)
            if font is not None:
                by_name[base_name(name)].append(font)
    return by_name


def record(result: GlyphCheck, page: int, char: Char, gid: int, owners: list[EmbeddedFont]) -> None:
    """Count one drawn character: missing when it is U+FFFD or glyph id 0, or when every
    embedded font that may have drawn it (``owners``) has no outline for it; verified
    when such a font was found.  Shared with the OFD reader."""
    result.total += 1
    if char.c == "\ufffd" or gid == 0:
        why = "mapped to U+FFFD" if char.c == "\ufffd" else "glyph id 0 (.notdef)"
        result.missing.append((page, char, why))
        return
    if owners:
        result.outlines_verified += 1
        reasons = [f.missing(gid) for f in owners]
        if all(reasons):
            result.missing.append((page, char, str(reasons[0])))


def verify_glyphs(doc: pymupdf.Document, traced: list[list[tuple[Char, tuple]]]) -> GlyphCheck:
    result = GlyphCheck()
    fonts = _fonts(doc)
    for page, chars in enumerate(traced):
        for char, (font_name, gid) in chars:
            owners = [f for f in fonts.get(base_name(font_name), []) if (gid, char.c) in f.pairs]
            record(result, page, char, gid, owners)
    return result
