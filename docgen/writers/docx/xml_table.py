"""Raw OOXML tables (``w:tbl``), children in ECMA-376 schema order.

Used for body tables, the 版记 (a floating table at the foot of the page) and joint
issuers' 发文机关标志 (a borderless table).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from docx.oxml.xmlchemy import BaseOxmlElement
from msgspec import Struct, field

from docgen.writers.docx.xml import el

_SIDES = ("top", "left", "bottom", "right")
_TABLE_SIDES = (*_SIDES, "insideH", "insideV")


class Border(Struct, frozen=True):
    """A rule: ``eighths`` of a point thick (w:sz), colour RRGGBB."""

    eighths: int
    color: str = "000000"

    def element(self, side: str) -> BaseOxmlElement:
        attrs = {"w:val": "single", "w:sz": self.eighths, "w:space": 0, "w:color": self.color}
        return el(f"w:{side}", attrs)


NO_BORDER = Border(0)


def _borders(tag: str, sides: Sequence[str], borders: Mapping[str, Border]) -> BaseOxmlElement:
    def one(side: str) -> BaseOxmlElement | None:
        border = borders.get(side)
        if border is None:
            return None
        if border.eighths == 0:
            return el(f"w:{side}", {"w:val": "nil"})
        return border.element(side)

    return el(tag, None, *(one(s) for s in sides))


class Floating(Struct, frozen=True):
    """``w:tblpPr``: a table placed on the page, text flowing around it.

    The 版记 uses ``y_spec="bottom"`` relative to the margin: its last rule sits on the
    版心 bottom whatever the text above does.  The horizontal anchor is the page: LibreOffice
    7.4 keeps a margin-anchored table as wide as the text area in the flow (its floating
    table heuristic), but floats one anchored to the page.
    """

    x: int  # twips from the page's left edge
    y_spec: str = "bottom"

    def element(self) -> BaseOxmlElement:
        return el(
            "w:tblpPr",
            {
                "w:leftFromText": 0,
                "w:rightFromText": 0,
                "w:topFromText": 0,
                "w:bottomFromText": 0,
                "w:vertAnchor": "margin",
                "w:horzAnchor": "page",
                "w:tblpX": self.x,
                "w:tblpYSpec": self.y_spec,
            },
        )


class TableProps(Struct, frozen=True):
    widths: tuple[int, ...]  # column widths, twips
    borders: Mapping[str, Border] = field(default_factory=dict)  # top … insideV
    cell_margins: tuple[int, int] = (0, 0)  # left/right padding, twips
    justify: str | None = None  # table alignment: center …
    indent: int = 0  # from the margin to the table's left edge (when not justified)
    floating: Floating | None = None

    @property
    def width(self) -> int:
        return sum(self.widths)

    def element(self) -> BaseOxmlElement:
        left, right = self.cell_margins
        margins = el(
            "w:tblCellMar",
            None,
            el("w:top", {"w:w": 0, "w:type": "dxa"}),
            el("w:left", {"w:w": left, "w:type": "dxa"}),
            el("w:bottom", {"w:w": 0, "w:type": "dxa"}),
            el("w:right", {"w:w": right, "w:type": "dxa"}),
        )
        return el(
            "w:tblPr",
            None,
            self.floating.element() if self.floating else None,
            el("w:tblOverlap", {"w:val": "never"}) if self.floating else None,
            el("w:tblW", {"w:w": self.width, "w:type": "dxa"}),
            el("w:jc", {"w:val": self.justify}) if self.justify else None,
            el("w:tblInd", {"w:w": self.indent, "w:type": "dxa"}) if not self.justify else None,
            _borders("w:tblBorders", _TABLE_SIDES, self.borders),
            el("w:tblLayout", {"w:type": "fixed"}),
            margins,
            el("w:tblLook", {"w:val": "0000", "w:firstRow": 0, "w:lastRow": 0,
                             "w:firstColumn": 0, "w:lastColumn": 0, "w:noHBand": 1,
                             "w:noVBand": 1}),
        )  # fmt: skip


class Cell(Struct, frozen=True):
    paragraphs: Sequence[BaseOxmlElement]
    width: int
    borders: Mapping[str, Border] = field(default_factory=dict)
    v_align: str | None = None  # top, center, bottom
    v_merge: str | None = None  # "restart" starts a vertically merged cell, "" continues

    def element(self) -> BaseOxmlElement:
        merge = None
        if self.v_merge is not None:
            merge = el("w:vMerge", {"w:val": self.v_merge} if self.v_merge else None)
        tc_pr = el(
            "w:tcPr",
            None,
            el("w:tcW", {"w:w": self.width, "w:type": "dxa"}),
            merge,
            _borders("w:tcBorders", _SIDES, self.borders) if self.borders else None,
            el("w:vAlign", {"w:val": self.v_align}) if self.v_align else None,
        )
        return el("w:tc", None, tc_pr, *self.paragraphs)


class Row(Struct, frozen=True):
    cells: Sequence[Cell]
    height: int | None = None  # twips
    exact: bool = False  # exact height, else at least
    header: bool = False  # repeated at the top of each page
    cant_split: bool = True

    def element(self) -> BaseOxmlElement:
        height = None
        if self.height is not None:
            rule = "exact" if self.exact else "atLeast"
            height = el("w:trHeight", {"w:val": self.height, "w:hRule": rule})
        tr_pr = el(
            "w:trPr",
            None,
            el("w:cantSplit") if self.cant_split else None,
            height,
            el("w:tblHeader") if self.header else None,
        )
        return el("w:tr", None, tr_pr, *(c.element() for c in self.cells))


def table(props: TableProps, rows: Sequence[Row]) -> BaseOxmlElement:
    grid = el("w:tblGrid", None, *(el("w:gridCol", {"w:w": w}) for w in props.widths))
    return el("w:tbl", None, props.element(), grid, *(r.element() for r in rows))
