"""Raw OOXML for the DOCX writer: a few named builders that keep the schema's child order.

python-docx models pages, runs and core properties; East Asian fonts, the document grid,
kinsoku, fields, font embedding and settings it does not.  Everything the writer needs
beyond python-docx is built here, each builder listing its children in the order the
ECMA-376 schema requires (Word rejects a file whose children are out of order).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Sequence
from functools import cache

from docx.oxml.ns import NamespacePrefixedTag, nsmap, qn
from docx.oxml.parser import OxmlElement, oxml_parser
from docx.oxml.xmlchemy import BaseOxmlElement
from msgspec import Struct

Attrs = dict[str, str | int | None]


@cache
def _tag(tag: str) -> tuple[str, dict[str, str]]:
    """A prefixed tag's Clark name and namespace map (python-docx's OxmlElement works them
    out again for every element: a third of the DOCX writer's time)."""
    name = NamespacePrefixedTag(tag)
    return name.clark_name, name.nsmap


@cache
def _attr(name: str) -> str:
    return qn(name) if ":" in name else name


def el(tag: str, attrs: Attrs | None = None, *children: BaseOxmlElement | None) -> BaseOxmlElement:
    """``<tag attrs>children</tag>``; attributes and children that are None are left out.
    Attribute names without a prefix (DrawingML's ``id``, ``cx`` …) are unqualified."""
    values = {_attr(k): str(v) for k, v in (attrs or {}).items() if v is not None}
    clark, namespaces = _tag(tag)
    element = oxml_parser.makeelement(clark, attrib=values, nsmap=namespaces)
    for child in children:
        if child is not None:
            element.append(child)
    return element


def _flag(tag: str, value: bool | None) -> BaseOxmlElement | None:
    """An on/off property: absent when None, ``w:val="0"`` when off."""
    if value is None:
        return None
    return el(tag, None if value else {"w:val": "0"})


# ---- Run properties (w:rPr) ---------------------------------------------------------


class Fonts(Struct, frozen=True):
    """``w:rFonts``: every slot named explicitly, never a theme font."""

    latin: str  # ascii, hAnsi and cs
    east_asia: str

    def element(self, hint_east_asia: bool = False) -> BaseOxmlElement:
        return el(
            "w:rFonts",
            {
                "w:ascii": self.latin,
                "w:hAnsi": self.latin,
                "w:eastAsia": self.east_asia,
                "w:cs": self.latin,
                # Word: shared punctuation (“” — …) takes the East Asian font and stays full
                # width.  LibreOffice ignores the hint (see docx.text_runs).
                "w:hint": "eastAsia" if hint_east_asia else None,
            },
        )


class RunProps(Struct, frozen=True):
    style: str | None = None
    fonts: Fonts | None = None
    hint_east_asia: bool = False
    color: str | None = None  # RRGGBB; None: automatic (black)
    spacing_twips: int | None = None  # character spacing in 1/20 pt (negative condenses)
    raise_half_points: int | None = None  # w:position: baseline shift, + raises
    size_pt: float | None = None
    lang_east_asia: str | None = None

    def element(self) -> BaseOxmlElement:
        half_points = None if self.size_pt is None else round(self.size_pt * 2)
        return el(
            "w:rPr",
            None,
            el("w:rStyle", {"w:val": self.style}) if self.style else None,
            self.fonts.element(self.hint_east_asia) if self.fonts else None,
            el("w:color", {"w:val": self.color}) if self.color else None,
            (
                None
                if self.spacing_twips is None
                else el("w:spacing", {"w:val": self.spacing_twips})
            ),
            (
                None
                if self.raise_half_points is None
                else el("w:position", {"w:val": self.raise_half_points})
            ),
            el("w:sz", {"w:val": half_points}) if half_points else None,
            el("w:szCs", {"w:val": half_points}) if half_points else None,
            _lang(self.lang_east_asia),
        )


def _lang(east_asia: str | None) -> BaseOxmlElement | None:
    if not east_asia:
        return None
    return el("w:lang", {"w:val": "en-US", "w:eastAsia": east_asia, "w:bidi": "ar-SA"})


# ---- Paragraph properties (w:pPr) ---------------------------------------------------


class Indent(Struct, frozen=True):
    """Twips; ``first_line`` may be negative for a hanging indent."""

    left: int = 0
    right: int = 0
    first_line: int = 0

    def element(self) -> BaseOxmlElement:
        attrs: Attrs = {"w:left": self.left, "w:right": self.right}
        if self.first_line >= 0:
            attrs["w:firstLine"] = self.first_line
        else:
            attrs["w:hanging"] = -self.first_line
        return el("w:ind", attrs)


class Spacing(Struct, frozen=True):
    """``w:spacing``: twips before and after, and an exact line height (None: single)."""

    before: int = 0
    after: int = 0
    exact: int | None = None

    def element(self) -> BaseOxmlElement:
        line, rule = (240, "auto") if self.exact is None else (self.exact, "exact")
        attrs: Attrs = {"w:before": self.before, "w:after": self.after}
        return el("w:spacing", attrs | {"w:line": line, "w:lineRule": rule})


SINGLE = Spacing()


class Tab(Struct, frozen=True):
    """A tab stop: ``kind`` left, center or right, at ``pos`` twips from the margin."""

    kind: str
    pos: int

    def element(self) -> BaseOxmlElement:
        return el("w:tab", {"w:val": self.kind, "w:pos": self.pos})


class ParaProps(Struct, frozen=True):
    style: str | None = None
    keep_next: bool | None = None
    keep_lines: bool | None = None
    page_break_before: bool | None = None
    widow_control: bool | None = None
    tabs: tuple[Tab, ...] = ()
    kinsoku: bool | None = None
    overflow_punct: bool | None = None
    snap_to_grid: bool | None = None
    single_spacing: bool = False  # before = after = 0, single line spacing
    spacing: Spacing | None = None  # overrides single_spacing
    indent: Indent | None = None
    justify: str | None = None  # left, center, right, both, distribute
    outline_level: int | None = None  # 0 = level 1

    def element(self, run_props: RunProps | None = None) -> BaseOxmlElement:
        spacing = self.spacing or (SINGLE if self.single_spacing else None)
        return el(
            "w:pPr",
            None,
            el("w:pStyle", {"w:val": self.style}) if self.style else None,
            _flag("w:keepNext", self.keep_next),
            _flag("w:keepLines", self.keep_lines),
            _flag("w:pageBreakBefore", self.page_break_before),
            _flag("w:widowControl", self.widow_control),
            el("w:tabs", None, *(t.element() for t in self.tabs)) if self.tabs else None,
            _flag("w:kinsoku", self.kinsoku),
            _flag("w:overflowPunct", self.overflow_punct),
            _flag("w:snapToGrid", self.snap_to_grid),
            spacing.element() if spacing else None,
            self.indent.element() if self.indent else None,
            el("w:jc", {"w:val": self.justify}) if self.justify else None,
            None
            if self.outline_level is None
            else el("w:outlineLvl", {"w:val": self.outline_level}),
            run_props.element() if run_props else None,
        )


# ---- Styles -------------------------------------------------------------------------


class StyleDef(Struct, frozen=True):
    kind: str  # paragraph or character
    style_id: str
    name: str
    based_on: str | None = None
    next_style: str | None = None
    link: str | None = None
    custom: bool = True
    default: bool = False
    ui_priority: int | None = None
    para: ParaProps | None = None
    run: RunProps | None = None

    def element(self) -> BaseOxmlElement:
        return el(
            "w:style",
            {
                "w:type": self.kind,
                "w:default": "1" if self.default else None,
                "w:customStyle": "1" if self.custom else None,
                "w:styleId": self.style_id,
            },
            el("w:name", {"w:val": self.name}),
            el("w:basedOn", {"w:val": self.based_on}) if self.based_on else None,
            el("w:next", {"w:val": self.next_style}) if self.next_style else None,
            el("w:link", {"w:val": self.link}) if self.link else None,
            None if self.ui_priority is None else el("w:uiPriority", {"w:val": self.ui_priority}),
            el("w:qFormat") if self.kind == "paragraph" else None,
            self.para.element() if self.para else None,
            self.run.element() if self.run else None,
        )


def doc_defaults(run: RunProps, para: ParaProps) -> BaseOxmlElement:
    return el(
        "w:docDefaults",
        None,
        el("w:rPrDefault", None, run.element()),
        el("w:pPrDefault", None, para.element()),
    )


def replace_styles(styles: BaseOxmlElement, defaults: BaseOxmlElement, defs: Iterable[StyleDef]):
    """Give ``w:styles`` our docDefaults and exactly our styles (latentStyles are kept)."""
    for child in list(styles):
        if child.tag in (qn("w:docDefaults"), qn("w:style")):
            styles.remove(child)
    styles.insert(0, defaults)
    for definition in defs:
        styles.append(definition.element())


# ---- Paragraph content --------------------------------------------------------------


def text_run(text: str, props: RunProps) -> BaseOxmlElement:
    t = el("w:t", {"xml:space": "preserve"} if text != text.strip() else None)
    t.text = text
    return el("w:r", None, props.element(), t)


def tab_run(props: RunProps) -> BaseOxmlElement:
    return el("w:r", None, props.element(), el("w:tab"))


def break_run(props: RunProps) -> BaseOxmlElement:
    return el("w:r", None, props.element(), el("w:br"))


def field_runs(instruction: str, placeholder: str, props: RunProps) -> list[BaseOxmlElement]:
    """A complex field (``PAGE`` …): begin, instruction, separate, shown result, end."""
    instr = el("w:instrText", {"xml:space": "preserve"})
    instr.text = f" {instruction} "
    return [
        el("w:r", None, props.element(), el("w:fldChar", {"w:fldCharType": "begin"})),
        el("w:r", None, props.element(), instr),
        el("w:r", None, props.element(), el("w:fldChar", {"w:fldCharType": "separate"})),
        text_run(placeholder, props),
        el("w:r", None, props.element(), el("w:fldChar", {"w:fldCharType": "end"})),
    ]


def paragraph(props: ParaProps, runs: Sequence[BaseOxmlElement] = ()) -> BaseOxmlElement:
    ppr = props.element()
    return el("w:p", None, ppr if len(ppr) else None, *runs)


def keep_with_next(p: BaseOxmlElement) -> None:
    """Keep paragraph ``p``'s last line on the page of the next paragraph (w:keepNext)."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = el("w:pPr")
        p.insert(0, ppr)
    if ppr.find(qn("w:keepNext")) is None:
        style = ppr.find(qn("w:pStyle"))
        ppr.insert(0 if style is None else 1, el("w:keepNext"))


def set_section_break(p: BaseOxmlElement, sect_pr: BaseOxmlElement) -> None:
    """End a section at paragraph ``p``: its ``w:pPr`` holds the section's properties."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = el("w:pPr")
        p.insert(0, ppr)
    ppr.append(sect_pr)  # after every other pPr child, as the schema wants


# ---- Section ------------------------------------------------------------------------

_SECT_PR_AFTER_DOC_GRID = ("w:printerSettings", "w:sectPrChange")


def set_line_grid(sect_pr: BaseOxmlElement, pitch_twips: int) -> None:
    """``w:docGrid w:type="lines"``: every line snaps to rows ``pitch_twips`` apart."""
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    grid = el("w:docGrid", {"w:type": "lines", "w:linePitch": pitch_twips})
    sect_pr.insert_element_before(grid, *_SECT_PR_AFTER_DOC_GRID)


# ---- Settings -----------------------------------------------------------------------


def settings_children(*, embed_fonts: bool, even_and_odd: bool) -> list[BaseOxmlElement]:
    """The children of ``w:settings``, in schema order."""
    return [
        el("w:zoom", {"w:percent": 100}),
        el("w:embedTrueTypeFonts") if embed_fonts else None,
        # The embedded fonts hold only the document's characters (docgen/fonts/subset.py).
        el("w:saveSubsetFonts") if embed_fonts else None,
        el("w:defaultTabStop", {"w:val": 420}),
        el("w:evenAndOddHeaders") if even_and_odd else None,
        # Full-width punctuation keeps its full em: every character one grid column.
        el("w:characterSpacingControl", {"w:val": "doNotCompress"}),
        el(
            "w:compat",
            None,
            el("w:useFELayout"),
            el(
                "w:compatSetting",
                {
                    "w:name": "compatibilityMode",
                    "w:uri": "http://schemas.microsoft.com/office/word",
                    "w:val": 15,
                },
            ),
        ),
        el("w:decimalSymbol", {"w:val": "."}),
        el("w:listSeparator", {"w:val": ","}),
    ]


def replace_children(parent: BaseOxmlElement, children: Iterable[BaseOxmlElement | None]) -> None:
    for child in list(parent):
        parent.remove(child)
    for child in children:
        if child is not None:
            parent.append(child)


# ---- Font table and embedded fonts --------------------------------------------------


class FontEntry(Struct, frozen=True):
    name: str
    east_asian: bool  # GB2312 charset, so Word substitutes a Chinese face when missing
    alt_name: str | None = None
    embed_rid: str | None = None
    embed_key: str | None = None  # {GUID} the font data is obfuscated with

    def element(self) -> BaseOxmlElement:
        return el(
            "w:font",
            {"w:name": self.name},
            el("w:altName", {"w:val": self.alt_name}) if self.alt_name else None,
            el("w:charset", {"w:val": "86" if self.east_asian else "00"}),
            el("w:family", {"w:val": "auto"}),
            el("w:pitch", {"w:val": "variable"}),
            (
                el("w:embedRegular", {"r:id": self.embed_rid, "w:fontKey": self.embed_key})
                if self.embed_rid
                else None
            ),
        )


def font_table(entries: Iterable[FontEntry]) -> BaseOxmlElement:
    root = OxmlElement("w:fonts", nsdecls={"w": nsmap["w"], "r": nsmap["r"]})
    for entry in entries:
        root.append(entry.element())
    return root


def font_key(data: bytes) -> str:
    """A GUID derived from the font's bytes, so the same font gives the same package."""
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"


def obfuscate_font(data: bytes, key: str) -> bytes:
    """ECMA-376 Part 2 §15.2.1 font obfuscation (.odttf).

    The first 32 bytes are XORed with the GUID's 16 bytes taken from the *end* of its
    hex string backwards (as Word and LibreOffice's importer read it); the operation is
    its own inverse.
    """
    guid = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(b ^ guid[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]
