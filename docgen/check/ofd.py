"""OFD (GB/T 33190-2016, 版式文档) → the pages the rules measure (check/content.py), so
that an OFD is checked exactly as the PDF of the same document is.

The package is followed as the standard lays it out, not as docgen happens to write it:
OFD.xml → DocBody/DocRoot → Document.xml → Pages/Page (BaseLoc); the page size from
CommonData/PageArea unless a page has its own Area; template pages; resources from
PublicRes, DocumentRes and each page's PageRes (fonts, colour spaces, draw parameters,
images).  OFD measures in mm from the page's top-left corner, y down — the checker's own
frame — so positions only pass through each object's CTM and Boundary.

A font is named by its embedded file's PostScript name (what a PDF calls it), else by
FontName; its class (仿宋, 黑体 …) comes from those names and FamilyName (fontclass.py).
Advances, glyph ids and outlines come from the embedded file (fontTools).
"""

from __future__ import annotations

import io
import posixpath
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from docgen.check.content import Char, GlyphCheck, PageContent, PdfContent, Shape
from docgen.check.extract import Drawn, group_lines, once
from docgen.check.findings import FileReport
from docgen.check.fontclass import base_name, font_class, is_bold
from docgen.check.glyphs import EmbeddedFont, record
from docgen.check.ofdpaint import (
    ColourSpace,
    Matrix,
    OfdError,
    colour,
    drawn_path,
    image_shape,
    matrix,
    number,
    numbers,
    path_data,
    placed,
    scale,
    upright,
)
from docgen.i18n import tr
from docgen.standard import MM_PER_PT
from docgen.standard.typefaces import Typeface

RGB = tuple[float, float, float]
BLACK: RGB = (0.0, 0.0, 0.0)
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
)
_MAX_PART = 256 * 2**20  # bytes: no page, font or image of a real document is near this
_DEFAULT_LINE_WIDTH = 0.353  # mm (GB/T 33190's default LineWidth)
_DRAW_PARAM_DEPTH = 16  # Relative chains of draw parameters followed this far


def check_ofd(path: Path) -> FileReport:
    """All findings for one OFD, by the PDF's rules; an unreadable package gives a report
    saying where it is broken."""
    from docgen.check.pdf import check_pages

    return check_pages(path, "ofd", read_ofd)


def read_ofd(path: Path) -> PdfContent:
    """Every page of the package's first document; raises OfdError (an UnreadableError)
    naming the part at fault for anything malformed."""
    try:
        package = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise OfdError(tr("not a readable OFD package: {why}").format(why=exc)) from None
    with package:
        reader = _Reader(_Package(package))
        try:
            return reader.read(path)
        except OfdError:
            raise
        except (ValueError, LookupError, TypeError, ArithmeticError, RecursionError) as exc:
            # a structure the standard does not allow, met where no check expected it
            why = tr("{part}: cannot be read: {why}").format(part=reader.part, why=exc)
            raise OfdError(why) from None


# ---- The package -----------------------------------------------------------------------------


class _Package:
    """The zip's parts, read on demand; every failure names the part and what named it."""

    def __init__(self, package: zipfile.ZipFile) -> None:
        self.zip = package
        self.names = set(package.namelist())

    def data(self, part: str, named_by: str | None) -> bytes:
        if part not in self.names and named_by is None:
            raise OfdError(tr("{part} is missing from the package").format(part=part))
        if part not in self.names:
            why = tr("{part} is missing from the package (named in {by})")
            raise OfdError(why.format(part=part, by=named_by))
        if self.zip.getinfo(part).file_size > _MAX_PART:
            raise OfdError(tr("{part} is too large to be read").format(part=part))
        try:
            return self.zip.read(part)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
            why = tr("{part} is damaged in the zip package: {why}")
            raise OfdError(why.format(part=part, why=exc)) from None

    def xml(self, part: str, named_by: str | None) -> etree._Element:
        data = self.data(part, named_by)
        try:
            return etree.fromstring(data, _PARSER)
        except etree.XMLSyntaxError as exc:
            line, column = exc.position
            reason = re.sub(r", line \d+, column \d+$", "", str(exc.msg or exc))
            why = tr("{part}, line {line}, column {column}: not well-formed XML: {why}")
            raise OfdError(why.format(part=part, line=line, column=column, why=reason)) from None


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _kids(el: etree._Element | None, name: str) -> list[etree._Element]:
    """Children by local name: producers write the OFD namespace with any prefix, or none."""
    return [] if el is None else [c for c in el if _local(c) == name]


def _kid(el: etree._Element | None, name: str) -> etree._Element | None:
    found = _kids(el, name)
    return found[0] if found else None


def _path(el: etree._Element | None, *names: str) -> etree._Element | None:
    for name in names:
        el = _kid(el, name)
    return el


def _text(el: etree._Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


def _resolve(folder: str, location: str) -> str:
    """A part's name from a location in a part in ``folder``: relative to it, or to the
    package's root when it starts with "/" (GB/T 33190 §7.3, ST_Loc)."""
    location = location.strip().replace("\\", "/")
    if location.startswith("/"):
        return posixpath.normpath(location.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, location))


def _where(part: str, el: etree._Element) -> str:
    ident = f" {el.get('ID')}" if el.get("ID") else ""
    return tr("{part}, line {line}, {element}").format(
        part=part, line=el.sourceline, element=f"{_local(el)}{ident}"
    )


# ---- Resources -------------------------------------------------------------------------------


@dataclass
class _Resources:
    """What objects refer to by ID: fonts (with the folder their files are in), colour
    spaces, draw parameters and images."""

    fonts: dict[str, tuple[etree._Element, str, str]] = field(default_factory=dict)
    spaces: dict[str, ColourSpace] = field(default_factory=dict)
    params: dict[str, etree._Element] = field(default_factory=dict)
    media: dict[str, tuple[str, str]] = field(default_factory=dict)  # ID → part, named in

    def copy(self) -> _Resources:
        return _Resources(dict(self.fonts), dict(self.spaces), dict(self.params), dict(self.media))

    def add(self, package: _Package, part: str, named_by: str) -> None:
        root = package.xml(part, named_by)
        folder = _resolve(posixpath.dirname(part), root.get("BaseLoc", ""))
        for font in _kids(_kid(root, "Fonts"), "Font"):
            self.fonts[font.get("ID", "")] = (font, folder, part)
        for space in _kids(_kid(root, "ColorSpaces"), "ColorSpace"):
            self.spaces[space.get("ID", "")] = _colour_space(space, _where(part, space))
        for param in _kids(_kid(root, "DrawParams"), "DrawParam"):
            self.params[param.get("ID", "")] = param
        for media in _kids(_kid(root, "MultiMedias"), "MultiMedia"):
            location = _text(_kid(media, "MediaFile"))
            if location:
                self.media[media.get("ID", "")] = (_resolve(folder, location), part)


def _colour_space(el: etree._Element, where: str) -> ColourSpace:
    bits = int(number(el.get("BitsPerComponent"), where, "BitsPerComponent", 8))
    palette = tuple(tuple(numbers(cv.text, where, "CV")) for cv in _kids(_kid(el, "Palette"), "CV"))
    return ColourSpace(el.get("Type", "RGB").upper(), bits, palette)


@dataclass
class _Font:
    """A font resource: its name, class and, when embedded, its glyphs."""

    name: str
    bold: bool
    cls: Typeface | None
    embedded: EmbeddedFont | None = None
    glyph_ids: dict[int, int] = field(default_factory=dict)  # code point → glyph id
    advances: list[float] = field(default_factory=list)  # em, by glyph id

    def gid(self, ch: str) -> int:
        """The glyph drawn for ``ch``: 0 (.notdef) when the embedded font lacks it, −1
        when no font is embedded (nothing to verify)."""
        return self.glyph_ids.get(ord(ch), 0) if self.embedded else -1

    def advance(self, ch: str, gid: int) -> float:
        """In em; without an embedded font, an ideograph's 1 em or half of it."""
        if 0 < gid < len(self.advances):
            return self.advances[gid]
        return 1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.5


def _load_font(package: _Package, el: etree._Element, folder: str, part: str) -> _Font:
    font_name, family = el.get("FontName", ""), el.get("FamilyName", "")
    location = _text(_kid(el, "FontFile"))
    tt = _font_file(package, _resolve(folder, location), part) if location else None
    names = [font_name, family]
    if tt is not None:
        names = [_name(tt, 6), font_name, family, _name(tt, 16), _name(tt, 1)]
    name = base_name(next((n for n in names if n), tr("unnamed font")))
    bold = el.get("Bold") == "true" or any(is_bold(n) for n in names if n) or _bold(tt)
    cls = next((c for n in names if n and (c := font_class(n, bold))), None)
    font = _Font(name, bold, cls)
    if tt is not None:
        _glyphs(font, tt)
    return font


def _font_file(package: _Package, part: str, named_by: str):
    """The embedded font (fontTools, loaded lazily); None when it is not a font fontTools
    reads (a Type 1 program, a damaged file): then it is measured by name only."""
    from fontTools.ttLib import TTFont

    data = package.data(part, named_by)
    try:
        number_in_collection = 0 if data[:4] == b"ttcf" else -1
        return TTFont(io.BytesIO(data), lazy=True, fontNumber=number_in_collection)
    except Exception:  # fontTools raises many types for files that are not fonts
        return None


def _name(tt, name_id: int) -> str:
    try:
        return tt["name"].getDebugName(name_id) or ""
    except Exception:  # no or a broken name table
        return ""


def _bold(tt) -> bool:
    """The font's own bold flags (head.macStyle, OS/2.fsSelection), which PDF readers
    report too."""
    if tt is None:
        return False
    try:
        return bool(tt["head"].macStyle & 1) or bool("OS/2" in tt and tt["OS/2"].fsSelection & 0x20)
    except Exception:  # a broken table says nothing
        return False


def _glyphs(font: _Font, tt) -> None:
    try:
        order = tt.getGlyphOrder()
        index = {name: i for i, name in enumerate(order)}
        cmap = tt.getBestCmap() or {}
        upem = tt["head"].unitsPerEm or 1000
        metrics = tt["hmtx"].metrics
    except Exception:  # a font without the tables to read: measured by name only
        return
    font.embedded = EmbeddedFont(tt)
    font.glyph_ids = {code: index.get(name, 0) for code, name in cmap.items()}
    font.advances = [metrics.get(name, (0, 0))[0] / upem for name in order]


@dataclass(frozen=True)
class _Run:
    """What a text object gives each of its characters."""

    font: _Font
    size: float  # mm: the em
    h_scale: float
    m: Matrix  # object space → page
    rgb: RGB
    glyphs: dict[int, int]  # glyph ids by position in the object's text (CGTransform)

    def gid(self, at: int, ch: str) -> int:
        return self.glyphs.get(at, self.font.gid(ch))

    def advance(self, at: int, ch: str) -> float:
        """The glyph's own advance in the object's space (mm)."""
        return self.font.advance(ch, self.gid(at, ch)) * self.size * self.h_scale


# ---- Pages ------------------------------------------------------------------------------------


@dataclass
class _Drawn:
    """One page's drawing: upright characters (with their fonts and glyph ids), how many
    are turned, rules and shapes."""

    chars: list[tuple[Char, _Font, int]] = field(default_factory=list)
    turned: int = 0
    lines: Drawn = field(default_factory=lambda: ([], [], []))
    images: list[Shape] = field(default_factory=list)


class _Reader:
    def __init__(self, package: _Package) -> None:
        self.package = package
        self.part = "OFD.xml"  # the part being read, for messages
        self.fonts: dict[str, _Font] = {}
        self.glyphs = GlyphCheck()

    def read(self, path: Path) -> PdfContent:
        doc_part = self._doc_root()
        self.part = doc_part
        document = self.package.xml(doc_part, "OFD.xml")
        folder = posixpath.dirname(doc_part)
        common = _kid(document, "CommonData")
        resources = _Resources()
        for name in ("PublicRes", "DocumentRes"):
            for loc in _kids(common, name):
                resources.add(self.package, _resolve(folder, _text(loc)), doc_part)
        templates = {
            t.get("ID", ""): _resolve(folder, t.get("BaseLoc", ""))
            for t in _kids(common, "TemplatePage")
        }
        box = _path(common, "PageArea", "PhysicalBox")
        entries = _kids(_kid(document, "Pages"), "Page")
        if not entries:
            raise OfdError(tr("{part} has no pages").format(part=doc_part))
        pages = []
        for index, entry in enumerate(entries):
            part = _resolve(folder, entry.get("BaseLoc", ""))
            self.part = part
            pages.append(self._page(index, part, doc_part, box, resources, templates))
        return PdfContent(path, pages, self.glyphs)

    def _doc_root(self) -> str:
        root = self.package.xml("OFD.xml", None)
        location = _text(_path(root, "DocBody", "DocRoot"))
        if not location:
            raise OfdError(tr("OFD.xml names no document (DocBody/DocRoot)"))
        return _resolve("", location)

    def _page(
        self,
        index: int,
        part: str,
        doc_part: str,
        default_box: etree._Element | None,
        resources: _Resources,
        templates: dict[str, str],
    ) -> PageContent:
        page = self.package.xml(part, doc_part)
        sources = [(part, page)]
        for template in _kids(page, "Template"):
            template_part = templates.get(template.get("TemplateID", ""))
            if template_part:
                sources.insert(0, (template_part, self.package.xml(template_part, part)))
        box = _path(page, "Area", "PhysicalBox")
        width, height = self._size(box if box is not None else default_box, part, doc_part)
        drawn = _Drawn()
        for source_part, source in sources:
            self.part = source_part
            own = resources.copy()
            for loc in _kids(source, "PageRes"):
                folder = posixpath.dirname(source_part)
                own.add(self.package, _resolve(folder, _text(loc)), source_part)
            _PageDrawer(self, own, source_part, drawn).content(_kid(source, "Content"))
        return self._content(index, width, height, drawn)

    def _size(self, box: etree._Element | None, part: str, doc_part: str) -> tuple[float, float]:
        if box is None:
            why = tr("{part}: no page size (CommonData/PageArea/PhysicalBox in {doc})")
            raise OfdError(why.format(part=part, doc=doc_part))
        values = numbers(box.text, _where(part, box), "PhysicalBox")
        if len(values) != 4 or values[2] <= 0 or values[3] <= 0:
            why = tr("{where}: a page box is four numbers, x y width height: {value!r}")
            raise OfdError(why.format(where=_where(part, box), value=box.text))
        return values[2], values[3]

    def _content(self, index: int, width: float, height: float, drawn: _Drawn) -> PageContent:
        for char, font, gid in drawn.chars:
            owners = [font.embedded] if font.embedded is not None and gid > 0 else []
            record(self.glyphs, index, char, gid, owners)
        chars = [c for c, _, _ in drawn.chars]
        rules, verticals, shapes = once(drawn.lines[0]), drawn.lines[1], drawn.lines[2]
        turned = drawn.turned
        if width > height:
            # as the PDF reader: a landscape page's text is not on the portrait grid
            turned += len(chars)
            chars, rules, verticals = [], [], []
        return PageContent(
            index,
            width,
            height,
            group_lines(index, chars),
            rules,
            [*drawn.images, *(Shape(*box[:4], box[4], "drawing") for box in shapes)],
            verticals,
            turned_chars=turned,
        )

    def font(self, font_id: str, resources: _Resources) -> _Font:
        if font_id not in self.fonts:
            found = resources.fonts.get(font_id)
            if found is None:  # named but not defined: measured by nothing but its ID
                self.fonts[font_id] = _Font(tr("font {id}").format(id=font_id), False, None)
            else:
                self.fonts[font_id] = _load_font(self.package, *found)
        return self.fonts[font_id]


class _PageDrawer:
    """Draws one page part's content (layers, page blocks, objects) into ``drawn``."""

    def __init__(self, reader: _Reader, resources: _Resources, part: str, drawn: _Drawn):
        self.reader, self.resources, self.part, self.drawn = reader, resources, part, drawn

    def content(self, content: etree._Element | None) -> None:
        for layer in _kids(content, "Layer"):
            for el, layer_param in self._objects(layer):
                kind = _local(el)
                if el.get("Visible") == "false" or el.get("Alpha") == "0":
                    continue
                if kind == "TextObject":
                    self._text(el, layer_param)
                elif kind == "PathObject":
                    self._path(el, layer_param)
                elif kind == "ImageObject":
                    self._image(el)

    def _objects(self, layer: etree._Element) -> Iterator[tuple[etree._Element, str | None]]:
        """The layer's objects in drawing order, page blocks opened (iteratively: a
        hostile file may nest them deeply)."""
        stack = list(reversed(list(layer)))
        while stack:
            el = stack.pop()
            if _local(el) == "PageBlock":
                stack += reversed(list(el))
            else:
                yield el, layer.get("DrawParam")

    # -- draw parameters: the object's own, then its DrawParam's, then its layer's

    def _params(self, el: etree._Element, layer_param: str | None) -> Iterator[etree._Element]:
        yield el
        for first in (el.get("DrawParam"), layer_param):
            param_id, depth = first, 0
            while param_id and param_id in self.resources.params and depth < _DRAW_PARAM_DEPTH:
                param = self.resources.params[param_id]
                yield param
                param_id, depth = param.get("Relative"), depth + 1

    def _colour(self, el: etree._Element, layer_param: str | None, name: str) -> RGB | None:
        for holder in self._params(el, layer_param):
            found = _kid(holder, name)
            if found is not None:
                space = self.resources.spaces.get(found.get("ColorSpace", ""), ColourSpace())
                where = _where(self.part, found)
                return colour(found.get("Value"), found.get("Index"), space, where)
        return None

    def _attribute(self, el: etree._Element, layer_param: str | None, name: str) -> str | None:
        return next((h.get(name) for h in self._params(el, layer_param) if h.get(name)), None)

    def _matrix(self, el: etree._Element, where: str) -> Matrix:
        box = numbers(el.get("Boundary"), where, "Boundary") if el.get("Boundary") else [0, 0]
        if len(box) < 2:
            raise OfdError(tr("{where}: Boundary is x y width height").format(where=where))
        return placed(matrix(el.get("CTM"), where), (box[0], box[1]))

    # -- objects

    def _text(self, el: etree._Element, layer_param: str | None) -> None:
        where = _where(self.part, el)
        fill = el.get("Fill", "true") != "false"
        if not fill and el.get("Stroke") != "true":
            return  # neither filled nor stroked: invisible (an OCR layer)
        run = _Run(
            self.reader.font(el.get("Font", ""), self.resources),
            number(el.get("Size"), where, "Size", None),
            number(el.get("HScale"), where, "HScale", 1.0),
            self._matrix(el, where),
            self._colour(el, layer_param, "FillColor" if fill else "StrokeColor") or BLACK,
            _cg_glyphs(el, where),
        )
        turned = el.get("ReadDirection", "0") != "0" or el.get("CharDirection", "0") != "0"
        turned = turned or not upright(run.m)
        at = 0  # the first character's position in the object's text
        x = y = None  # a TextCode without X or Y takes the previous one's
        for code in _kids(el, "TextCode"):
            text, code_where = code.text or "", _where(self.part, code)
            x = number(code.get("X"), code_where, "X", x)
            y = number(code.get("Y"), code_where, "Y", y)
            dx = numbers(code.get("DeltaX"), code_where, "DeltaX")
            dy = numbers(code.get("DeltaY"), code_where, "DeltaY")
            if turned or (any(dy) and not any(dx)):  # rotated, or set vertically
                self.drawn.turned += sum(1 for ch in text if not _blank(ch))
            else:
                self._code(run, text, at, (x, y), (dx, dy))
            at += len(text)

    def _code(
        self,
        run: _Run,
        text: str,
        at: int,
        origin: tuple[float, float],
        deltas: tuple[list[float], list[float]],
    ) -> None:
        """A TextCode's characters, from the first one's origin and the advances after
        it: DeltaX and DeltaY where given, else the glyph's own advance (§11.3)."""
        (x, y), (dx, dy) = origin, deltas
        a, _, _, d, e, f = run.m
        points = round(run.size * d / MM_PER_PT, 2)  # Size is written to 0.001 mm
        for i, ch in enumerate(text):
            if i:
                x += dx[i - 1] if i - 1 < len(dx) else run.advance(at + i - 1, text[i - 1])
                y += dy[i - 1] if i - 1 < len(dy) else 0.0
            if _blank(ch):
                continue
            gid, x0, font = run.gid(at + i, ch), a * x + e, run.font
            x1 = x0 + run.advance(at + i, ch) * a
            char = Char(ch, gid, x0, x1, d * y + f, points, font.name, font.bold, font.cls, run.rgb)
            self.drawn.chars.append((char, font, gid))

    def _path(self, el: etree._Element, layer_param: str | None) -> None:
        where = _where(self.part, el)
        m = self._matrix(el, where)
        stroke = None
        if el.get("Stroke", "true") != "false":
            stroke = self._colour(el, layer_param, "StrokeColor") or BLACK
        fill = None
        if el.get("Fill") == "true":  # the default fill is transparent
            fill = self._colour(el, layer_param, "FillColor")
        width_text = self._attribute(el, layer_param, "LineWidth")
        width = number(width_text, where, "LineWidth", _DEFAULT_LINE_WIDTH) * scale(m)
        paths = path_data(_text(_kid(el, "AbbreviatedData")), m, where)
        drawn_path(paths, stroke, fill, width, self.drawn.lines)

    def _image(self, el: etree._Element) -> None:
        where = _where(self.part, el)
        m = self._matrix(el, where)
        found = self.resources.media.get(el.get("ResourceID", ""))
        data = self.reader.package.data(*found) if found else None
        self.drawn.images.append(image_shape(m, data))


def _blank(ch: str) -> bool:
    """Space, as the PDF reader leaves it out: advance, not ink."""
    return ch.isspace() or ch == "\u3000"


def _cg_glyphs(el: etree._Element, where: str) -> dict[int, int]:
    """Glyph ids by code position from the object's CGTransforms (one glyph a code)."""
    out: dict[int, int] = {}
    for cg in _kids(el, "CGTransform"):
        start = int(number(cg.get("CodePosition"), where, "CodePosition", 0))
        count = int(number(cg.get("CodeCount"), where, "CodeCount", 1))
        ids = [int(g) for g in numbers(_text(_kid(cg, "Glyphs")), where, "Glyphs")]
        if count == len(ids):
            out.update({start + i: gid for i, gid in enumerate(ids)})
    return out
