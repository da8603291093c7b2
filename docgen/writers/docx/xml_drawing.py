"""Raw DrawingML for the DOCX writer: pictures, lines and text boxes, anchored.

Every object is anchored (``wp:anchor``) and floats: seals over the 署名, the 签名章
beside the 职务, the 版头's red rule, the 信函's double lines and mark, the turned page's
number.  They wrap nothing (``wp:wrapNone``), so the text flows on the grid as if they
were not there.  Lines and text boxes are Word 2010 shapes (``wps:wsp``), which Word
2010+ and LibreOffice read directly; no VML fallback is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import count

from docx.oxml.ns import nsdecls
from docx.oxml.parser import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement
from msgspec import Struct, field

from docgen.writers.docx.xml import el

_PIC_URI = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_WPS_URI = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_WPS_NS = _WPS_URI  # the wps: namespace, also the graphicData URI


class DrawingIds(Struct):
    """``wp:docPr`` ids: unique in the document, in order, so the bytes are repeatable."""

    _next: count = field(default_factory=lambda: count(1))

    def take(self) -> int:
        return next(self._next)


class Place(Struct, frozen=True):
    """Where an anchored object's top-left corner goes, in EMU from its references:
    ``h_from`` page, margin …; ``v_from`` page, margin, paragraph …"""

    x: int
    y: int
    h_from: str = "margin"
    v_from: str = "paragraph"
    h_align: str | None = None  # left, center, right: instead of the x offset


def _graphic(uri: str, content: BaseOxmlElement) -> BaseOxmlElement:
    return el("a:graphic", None, el("a:graphicData", {"uri": uri}, content))


def _extent(cx: int, cy: int) -> list[BaseOxmlElement]:
    return [
        el("wp:extent", {"cx": cx, "cy": cy}),
        el("wp:effectExtent", {"l": 0, "t": 0, "r": 0, "b": 0}),
    ]


def anchored(
    graphic: BaseOxmlElement,
    size: tuple[int, int],
    place: Place,
    doc_pr: BaseOxmlElement,
    *,
    behind: bool = False,
    z: int = 0,
    run_props: BaseOxmlElement | None = None,
) -> BaseOxmlElement:
    """A floating object in a run: positioned by ``place``, wrapping no text.
    ``run_props`` (a w:rPr) names the run's fonts like every other run's."""
    anchor = el(
        "wp:anchor",
        {
            "distT": 0,
            "distB": 0,
            "distL": 0,
            "distR": 0,
            "simplePos": 0,
            "relativeHeight": 251658240 + z,
            "behindDoc": int(behind),
            "locked": 0,
            "layoutInCell": 1,
            "allowOverlap": 1,
        },
        el("wp:simplePos", {"x": 0, "y": 0}),
        el("wp:positionH", {"relativeFrom": place.h_from}, _horizontal(place)),
        el("wp:positionV", {"relativeFrom": place.v_from}, _offset(place.y)),
        *_extent(*size),
        el("wp:wrapNone"),
        doc_pr,
        el("wp:cNvGraphicFramePr"),
        graphic,
    )
    return el("w:r", None, run_props, el("w:drawing", None, anchor))


def _horizontal(place: Place) -> BaseOxmlElement:
    if place.h_align is None:
        return _offset(place.x)
    align = el("wp:align")
    align.text = place.h_align
    return align


def _offset(value: int) -> BaseOxmlElement:
    offset = el("wp:posOffset")
    offset.text = str(value)
    return offset


# ---- Content ----------------------------------------------------------------------------


def _xfrm(cx: int, cy: int) -> BaseOxmlElement:
    return el("a:xfrm", None, el("a:off", {"x": 0, "y": 0}), el("a:ext", {"cx": cx, "cy": cy}))


def _geometry(preset: str) -> BaseOxmlElement:
    return el("a:prstGeom", {"prst": preset}, el("a:avLst"))


def picture(rid: str, size: tuple[int, int], number: int, name: str) -> BaseOxmlElement:
    """A picture from the package part ``rid``, stretched to ``size`` EMU."""
    pic = el(
        "pic:pic",
        None,
        el(
            "pic:nvPicPr",
            None,
            el("pic:cNvPr", {"id": number, "name": name}),
            el("pic:cNvPicPr", None, el("a:picLocks", {"noChangeAspect": 1})),
        ),
        el("pic:blipFill", None, el("a:blip", {"r:embed": rid}), _stretch()),
        el("pic:spPr", None, _xfrm(*size), _geometry("rect")),
    )
    return _graphic(_PIC_URI, pic)


def _stretch() -> BaseOxmlElement:
    return el("a:stretch", None, el("a:fillRect"))


def _solid(color: str) -> BaseOxmlElement:
    return el("a:solidFill", None, el("a:srgbClr", {"val": color}))


def _wps(tag: str, attrs: dict[str, str] | None = None) -> BaseOxmlElement:
    """A ``wps:`` element (python-docx's OxmlElement knows no wps prefix)."""
    text = " ".join(f'{k}="{v}"' for k, v in (attrs or {}).items())
    return parse_xml(f'<wps:{tag} xmlns:wps="{_WPS_NS}" {text}/>')


def line(length: int, thickness: int, color: str) -> BaseOxmlElement:
    """A horizontal line ``length`` EMU long, ``thickness`` EMU thick."""
    shape = _wps("wsp")
    shape.append(_wps("cNvCnPr"))
    sp_pr = _wps("spPr")
    for child in (
        _xfrm(length, 0),
        _geometry("line"),
        el("a:ln", {"w": thickness}, _solid(color)),
    ):
        sp_pr.append(child)
    shape.append(sp_pr)
    shape.append(_wps("bodyPr"))
    return _graphic(_WPS_URI, shape)


def text_box(
    paragraphs: Sequence[BaseOxmlElement], size: tuple[int, int], vertical: bool = False
) -> BaseOxmlElement:
    """A borderless, unfilled text box with no insets; ``vertical`` turns its text a
    quarter clockwise (``vert="vert"``: lines run top to bottom)."""
    shape = _wps("wsp")
    shape.append(_wps("cNvSpPr", {"txBox": "1"}))
    sp_pr = _wps("spPr")
    no_line = el("a:ln", None, el("a:noFill"))
    for child in (_xfrm(*size), _geometry("rect"), el("a:noFill"), no_line):
        sp_pr.append(child)
    shape.append(sp_pr)
    box = _wps("txbx")
    content = parse_xml(f"<w:txbxContent {nsdecls('w')}/>")
    for paragraph in paragraphs:
        content.append(paragraph)
    box.append(content)
    shape.append(box)
    body = _wps(
        "bodyPr",
        {
            "rot": "0",
            "vert": "vert" if vertical else "horz",
            "wrap": "square",
            "lIns": "0",
            "tIns": "0",
            "rIns": "0",
            "bIns": "0",
            "anchor": "t",
            "anchorCtr": "0",
        },
    )
    body.append(el("a:noAutofit"))
    shape.append(body)
    return _graphic(_WPS_URI, shape)


def doc_pr(ids: DrawingIds, name: str) -> tuple[int, BaseOxmlElement]:
    """A ``wp:docPr`` with the next id, and that id (pictures repeat it in ``pic:cNvPr``)."""
    number = ids.take()
    return number, el("wp:docPr", {"id": number, "name": f"{name} {number}"})
