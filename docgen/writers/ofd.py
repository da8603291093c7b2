"""OFD writer (GB/T 33190-2016, the format of 电子公文): draws the same positioned pages
as the PDF writer.

The package is a zip of XML parts:

    OFD.xml                     DocInfo (title, author = issuer, dates, creator), DocRoot
    Doc_0/Document.xml          the page area (A4 in mm), the pages, the outline
    Doc_0/PublicRes.xml         the fonts, each embedded as a TrueType subset
    Doc_0/DocumentRes.xml       the images (seals)
    Doc_0/Res/…                 the font and image files
    Doc_0/Pages/Page_N/Content.xml   text, rules and images in one layer, in mm

Every object uses the whole page as its boundary and draws in page millimetres (a turned
横排表格 page through a quarter-turn CTM), so positions are the layout's, converted once.
Colours are written in the default RGB space: the layout's CMYK converted without a
profile (red 0/100/100/0 → 255/0/0).  Deterministic: IDs in drawing order, fixed zip
times, the document's 成文日期 as its creation date, a DocID hashed from the content.
"""

from __future__ import annotations

import hashlib
import itertools
import zipfile
from collections.abc import Iterator
from typing import BinaryIO
from xml.sax.saxutils import escape, quoteattr

from docgen.document.model import Document
from docgen.fonts.faces import Faces
from docgen.fonts.roles import Role
from docgen.fonts.subset import subset_bytes
from docgen.layout import Layout
from docgen.layout.model import Image, Page, Rule, TextLine, VRule
from docgen.standard import BLACK_CMYK, PAGE_HEIGHT_PT, PAGE_WIDTH_PT
from docgen.version import __version__
from docgen.writers import WriteOptions

NS = "http://www.ofdspec.org/2016"
MM = 25.4 / 72  # mm a point
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_DOC = "Doc_0"


def _mm(value: float) -> str:
    """A length in mm, at 0.001 mm (finer than any device draws)."""
    text = f"{value * MM:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


_BOX = f"0 0 {_mm(PAGE_WIDTH_PT)} {_mm(PAGE_HEIGHT_PT)}"  # every object's: the page


def _rgb(cmyk: tuple[float, float, float, float] | None) -> str:
    c, m, y, k = cmyk or BLACK_CMYK
    return " ".join(str(round(255 * (1 - v) * (1 - k))) for v in (c, m, y))


class _Ids:
    """Object IDs in drawing order (GB/T 33190 §7.5: unique in the document)."""

    def __init__(self) -> None:
        self.last = 0

    def next(self) -> int:
        self.last += 1
        return self.last


class _Fonts:
    """The faces the pages use, each with an ID and the characters it draws."""

    def __init__(self, faces: Faces, ids: _Ids) -> None:
        self.faces, self.ids = faces, ids
        self.by_role: dict[Role, int] = {}
        self.chars: dict[Role, set[str]] = {}

    def id(self, role: Role, text: str) -> int:
        if role not in self.by_role:
            self.by_role[role] = self.ids.next()
        self.chars.setdefault(role, set()).update(text)
        return self.by_role[role]

    def files(self) -> Iterator[tuple[Role, int, str, bytes]]:
        for role, font_id in self.by_role.items():
            yield role, font_id, f"font_{font_id}.ttf", self._subset(role)

    def _subset(self, role: Role) -> bytes:
        """The face cut to the characters it draws, as a TrueType file."""
        choice = self.faces.choices[role]
        return subset_bytes(choice.path, "".join(self.chars[role]), choice.index)


def _text(line: TextLine, fonts: _Fonts, ids: _Ids, ctm: str = "") -> Iterator[str]:
    """A text object per run of one face: its first glyph's origin and the advances to
    the next (DeltaX), so every glyph stands where the layout put it."""
    for run in _runs(line):
        text = "".join(g.ch for g in run)
        font = fonts.id(run[0].role, text)
        deltas = " ".join(_mm(b.x - a.x) for a, b in itertools.pairwise(run))
        delta = f" DeltaX={quoteattr(deltas)}" if deltas else ""
        yield (
            f'<ofd:TextObject ID="{ids.next()}" Boundary="{_BOX}"{ctm}'
            f' Font="{font}" Size="{_mm(line.size)}">'
            f'<ofd:FillColor Value="{_rgb(line.color)}"/>'
            f'<ofd:TextCode X="{_mm(run[0].x)}" Y="{_mm(line.baseline)}"{delta}>'
            f"{escape(text)}</ofd:TextCode></ofd:TextObject>"
        )


def _runs(line: TextLine) -> Iterator[tuple]:
    glyphs = line.glyphs
    start = 0
    for i in range(1, len(glyphs) + 1):
        if i == len(glyphs) or glyphs[i].role != glyphs[start].role:
            yield glyphs[start:i]
            start = i


def _path(ids: _Ids, data: str, width: float, color, ctm: str) -> str:
    return (
        f'<ofd:PathObject ID="{ids.next()}" Boundary="{_BOX}"{ctm}'
        f' LineWidth="{_mm(width)}" Stroke="true" Fill="false">'
        f'<ofd:StrokeColor Value="{_rgb(color)}"/>'
        f"<ofd:AbbreviatedData>{data}</ofd:AbbreviatedData></ofd:PathObject>"
    )


def _rule(rule: Rule, ids: _Ids, ctm: str) -> str:
    y = _mm(rule.y)
    data = f"M {_mm(rule.x0)} {y} L {_mm(rule.x1)} {y}"
    return _path(ids, data, rule.thickness, rule.color, ctm)


def _vrule(rule: VRule, ids: _Ids, ctm: str) -> str:
    x = _mm(rule.x)
    data = f"M {x} {_mm(rule.y0)} L {x} {_mm(rule.y1)}"
    return _path(ids, data, rule.thickness, rule.color, ctm)


def _image(image: Image, media: dict[str, int], ids: _Ids, turned: bool) -> str:
    """The image in its own box: readers place an image by its Boundary (the unit square
    through the CTM, in the box's coordinates).  On a turned page the box is turned with
    the page, (u, v) → (v, 297 − u), and the CTM turns the image inside it."""
    resource = media.setdefault(str(image.path), ids.next())
    w, h, x, y = (_mm(v) for v in (image.width, image.height, image.x, image.y))
    if turned:
        box = f"{y} {_mm(PAGE_HEIGHT_PT - image.x - image.width)} {h} {w}"
        ctm = f"0 -{w} {h} 0 0 {w}"
    else:
        box, ctm = f"{x} {y} {w} {h}", f"{w} 0 0 {h} 0 0"
    return (
        f'<ofd:ImageObject ID="{ids.next()}" Boundary="{box}" CTM="{ctm}" ResourceID="{resource}"/>'
    )


def _page(page: Page, fonts: _Fonts, media: dict[str, int], ids: _Ids) -> bytes:
    """A page's content in one layer; a turned page's objects (in the coordinates of the
    297 × 210 mm turned page) through a quarter turn: (u, v) → (v, 297 − u)."""
    ctm = f' CTM="0 -1 1 0 0 {_mm(PAGE_HEIGHT_PT)}"' if page.landscape else ""
    drawn = [t for line in page.lines for t in _text(line, fonts, ids, ctm)]
    drawn += [_rule(r, ids, ctm) for r in page.rules]
    drawn += [_vrule(r, ids, ctm) for r in page.vrules]
    drawn += [_image(i, media, ids, page.landscape) for i in page.images]
    if page.folio:
        drawn += _text(page.folio, fonts, ids)
    body = "".join(drawn)
    return _xml(
        f'<ofd:Page xmlns:ofd="{NS}"><ofd:Content><ofd:Layer ID="{ids.next()}">'
        f"{body}</ofd:Layer></ofd:Content></ofd:Page>"
    )


def _xml(text: str) -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text).encode("utf-8")


def _document(pages: int, max_id: int, outline: str) -> bytes:
    page_list = "".join(
        f'<ofd:Page ID="{max_id + n + 1}" BaseLoc="Pages/Page_{n}/Content.xml"/>'
        for n in range(pages)
    )
    return _xml(
        f'<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData>'
        f"<ofd:MaxUnitID>{max_id + pages}</ofd:MaxUnitID>"
        f"<ofd:PageArea><ofd:PhysicalBox>0 0 {_mm(PAGE_WIDTH_PT)} {_mm(PAGE_HEIGHT_PT)}"
        f"</ofd:PhysicalBox></ofd:PageArea>"
        "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
        "<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>"
        f"</ofd:CommonData><ofd:Pages>{page_list}</ofd:Pages>{outline}</ofd:Document>"
    )


def _outline(layout: Layout, first_page_id: int) -> str:
    """Bookmarks, flat (GB/T 33190 §7.6 OutlineElem), each to its page and height."""
    if not layout.outline:
        return ""
    items = "".join(
        f'<ofd:OutlineElem Title={quoteattr(e.text)}><ofd:Actions><ofd:Action Event="CLICK">'
        f'<ofd:Goto><ofd:Dest Type="XYZ" PageID="{first_page_id + e.page}" Left="0"'
        f' Top="{_mm(e.y)}"/></ofd:Goto></ofd:Action></ofd:Actions></ofd:OutlineElem>'
        for e in layout.outline
    )
    return f"<ofd:Outlines>{items}</ofd:Outlines>"


def _public_res(fonts: list[tuple[Role, int, str, bytes]], faces: Faces) -> bytes:
    entries = "".join(
        f'<ofd:Font ID="{font_id}" FontName={quoteattr(faces.choices[role].family)}'
        f" FamilyName={quoteattr(faces.choices[role].family)}>"
        f"<ofd:FontFile>{name}</ofd:FontFile></ofd:Font>"
        for role, font_id, name, _ in fonts
    )
    return _xml(
        f'<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>{entries}</ofd:Fonts></ofd:Res>'
    )


def _document_res(media: dict[str, int]) -> bytes:
    entries = "".join(
        f'<ofd:MultiMedia ID="{mid}" Type="Image" Format="{_format(path)}">'
        f"<ofd:MediaFile>image_{mid}{_suffix(path)}</ofd:MediaFile></ofd:MultiMedia>"
        for path, mid in media.items()
    )
    body = f"<ofd:MultiMedias>{entries}</ofd:MultiMedias>" if entries else ""
    return _xml(f'<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">{body}</ofd:Res>')


def _suffix(path: str) -> str:
    return "." + path.rsplit(".", 1)[-1].lower()


def _format(path: str) -> str:
    return {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG"}.get(_suffix(path), "PNG")


def _ofd_xml(doc: Document, doc_id: str) -> bytes:
    meta = doc.meta
    created = doc.date.isoformat() if doc.date else "2000-01-01"
    info = "".join(
        f"<ofd:{tag}>{escape(value)}</ofd:{tag}>"
        for tag, value in (
            ("DocID", doc_id),
            ("Title", meta.get("title", "")),
            ("Author", meta.get("author", "")),
            ("Subject", meta.get("subject", "")),
            ("CreationDate", created),
            ("Creator", "docgen"),
            ("CreatorVersion", __version__),
        )
        if value
    )
    return _xml(
        f'<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
        f"<ofd:DocInfo>{info}</ofd:DocInfo><ofd:DocRoot>{_DOC}/Document.xml</ofd:DocRoot>"
        "</ofd:DocBody></ofd:OFD>"
    )


def _zip(parts: list[tuple[str, bytes]], target: BinaryIO) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, data)


def write(
    doc: Document, layout: Layout, faces: Faces, target: BinaryIO, options: WriteOptions
) -> None:
    """The writer registry's entry: ``layout``'s pages as an OFD package in ``target``."""
    ids = _Ids()
    fonts = _Fonts(faces, ids)
    media: dict[str, int] = {}
    pages = [_page(page, fonts, media, ids) for page in layout.pages]
    font_files = list(fonts.files())
    first_page_id = ids.last + 1
    parts = [
        (f"{_DOC}/Document.xml", _document(len(pages), ids.last, _outline(layout, first_page_id))),
        (f"{_DOC}/PublicRes.xml", _public_res(font_files, faces)),
        (f"{_DOC}/DocumentRes.xml", _document_res(media)),
        *((f"{_DOC}/Pages/Page_{n}/Content.xml", page) for n, page in enumerate(pages)),
        *((f"{_DOC}/Res/{name}", data) for _, _, name, data in font_files),
        *((f"{_DOC}/Res/image_{mid}{_suffix(path)}", _read(path)) for path, mid in media.items()),
    ]
    digest = hashlib.sha256(b"".join(data for _, data in parts)).hexdigest()[:32]
    _zip([("OFD.xml", _ofd_xml(doc, digest)), *parts], target)


def _read(path: str) -> bytes:
    from pathlib import Path

    return Path(path).read_bytes()
