"""DOCX checks: the structure from the XML, and — with LibreOffice — the rendered pages.

From the XML: page size and margins (sectPr), the line grid and Word's character grid
(docGrid), character spacing, fonts and sizes resolved through styles (docDefaults →
paragraph style chain → run style chain → direct formatting), the mark (red, 小标宋, one
line), the red rule under the 发文字号 (a drawn line or a paragraph border), the title (its
style, or the first large paragraph after the 发文字号), the 主送机关's colon, heading
numbers (restarting in each 附件), the 成文日期, the 发文字号, the 版记 text and the
page-number footers.  Elements are told apart by their text, size, colour and alignment,
not by style names: a clerk's document sets them by direct formatting.

Positions on the page exist only once a program lays the document out, so they come from
the LibreOffice rendering (a PDF checked like any other); without LibreOffice they are
reported as not checked.  Where LibreOffice reads a Word setting otherwise than Word, it
renders a copy that states the setting the way it reads it right (:func:`_for_libreoffice`).
"""

from __future__ import annotations

import math
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from docgen.check import catalog as C
from docgen.check import patterns as pat
from docgen.check.findings import Check, FileReport, Findings
from docgen.check.fontclass import describe, font_class
from docgen.check.rules.headings import LEVEL_NAMES, sequence_faults
from docgen.standard import FIGURES, MM_PER_PT, RED_HEX, fig, typefaces
from docgen.standard.typefaces import Typeface

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W, "r": R}
TWIPS_PER_PT = 20
_ROUNDING = 0.05


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def twips_to_mm(value: float) -> float:
    return value / TWIPS_PER_PT * MM_PER_PT


class DocxError(Exception):
    """Not a readable DOCX."""


# ---- Reading the package ---------------------------------------------------------------


@dataclass
class Package:
    document: etree._Element
    styles: dict[str, etree._Element]
    defaults: etree._Element | None  # docDefaults/rPrDefault/rPr
    para_defaults: etree._Element | None  # docDefaults/pPrDefault/pPr
    settings: etree._Element | None
    footers: list[dict[str, etree._Element]]  # per section: footerReference type → root
    headers: list[etree._Element] = field(default_factory=list)  # every page-header part


def _xml(zf: zipfile.ZipFile, name: str) -> etree._Element | None:
    try:
        return etree.fromstring(zf.read(name))
    except KeyError:
        return None


def _footers(zf: zipfile.ZipFile, document: etree._Element) -> list[dict[str, etree._Element]]:
    """Each section's footers by type; a section that names none keeps the previous one's."""
    rels = _xml(zf, "word/_rels/document.xml.rels")
    targets = {}
    if rels is not None:
        for rel in rels:
            targets[rel.get("Id")] = rel.get("Target", "")
    sections: list[dict[str, etree._Element]] = []
    for sect in document.iter(_w("sectPr")):
        own = dict(sections[-1]) if sections else {}
        for ref in sect.findall("w:footerReference", NS):
            target = targets.get(ref.get(f"{{{R}}}id"), "")
            root = _xml(zf, "word/" + target.lstrip("/").removeprefix("word/"))
            if root is not None:
                own[ref.get(_w("type"), "default")] = root
        sections.append(own)
    return sections


def _is_header(name: str) -> bool:
    return re.fullmatch(r"word/header\d*\.xml", name) is not None


def read_package(path: Path) -> Package:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise DocxError(f"not a DOCX (zip) file: {exc}") from None
    with zf:
        document = _xml(zf, "word/document.xml")
        if document is None:
            raise DocxError("no word/document.xml: not a Word document")
        styles_root = _xml(zf, "word/styles.xml")
        styles = {}
        defaults = para_defaults = None
        if styles_root is not None:
            styles = {s.get(_w("styleId")): s for s in styles_root.findall("w:style", NS)}
            defaults = styles_root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
            para_defaults = styles_root.find("w:docDefaults/w:pPrDefault/w:pPr", NS)
        return Package(
            document,
            styles,
            defaults,
            para_defaults,
            _xml(zf, "word/settings.xml"),
            _footers(zf, document),
            _headers(zf),
        )


def _headers(zf: zipfile.ZipFile) -> list[etree._Element]:
    roots = [_xml(zf, name) for name in sorted(zf.namelist()) if _is_header(name)]
    return [root for root in roots if root is not None]


# ---- Resolving run and paragraph properties --------------------------------------------


def _chain(pkg: Package, style_id: str | None) -> list[etree._Element]:
    """A style and the styles it is based on, base first."""
    out: list[etree._Element] = []
    while style_id and style_id in pkg.styles and len(out) < 20:
        style = pkg.styles[style_id]
        out.insert(0, style)
        based = style.find("w:basedOn", NS)
        style_id = based.get(_w("val")) if based is not None else None
    return out


def _default_paragraph_style(pkg: Package) -> str | None:
    for sid, style in pkg.styles.items():
        if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in ("1", "true"):
            return sid
    return None


def _para_style(pkg: Package, p: etree._Element) -> str | None:
    ps = p.find("w:pPr/w:pStyle", NS)
    return ps.get(_w("val")) if ps is not None else _default_paragraph_style(pkg)


def _run_sources(pkg: Package, p: etree._Element, r: etree._Element) -> list[etree._Element]:
    """rPr elements from weakest to strongest."""
    out = [pkg.defaults] if pkg.defaults is not None else []
    out += [s.find("w:rPr", NS) for s in _chain(pkg, _para_style(pkg, p))]
    rpr = r.find("w:rPr", NS)
    rstyle = rpr.find("w:rStyle", NS) if rpr is not None else None
    if rstyle is not None:
        out += [s.find("w:rPr", NS) for s in _chain(pkg, rstyle.get(_w("val")))]
    out.append(rpr)
    return [e for e in out if e is not None]


def run_font(pkg: Package, p: etree._Element, r: etree._Element) -> str | None:
    """The East Asian font family a run asks for ('theme' for a theme font)."""
    value = None
    for rpr in _run_sources(pkg, p, r):
        fonts = rpr.find("w:rFonts", NS)
        if fonts is None:
            continue
        if fonts.get(_w("eastAsia")):
            value = fonts.get(_w("eastAsia"))
        elif fonts.get(_w("eastAsiaTheme")):
            value = "theme"
    return value


def run_size(pkg: Package, p: etree._Element, r: etree._Element) -> float | None:
    """Size in pt (w:sz is in half-points)."""
    value = None
    for rpr in _run_sources(pkg, p, r):
        sz = rpr.find("w:sz", NS)
        if sz is not None and sz.get(_w("val")):
            value = int(sz.get(_w("val"))) / 2
    return value


def run_spacing(pkg: Package, p: etree._Element, r: etree._Element) -> float:
    """Character spacing in pt (w:spacing is in twentieths of a point)."""
    value = 0.0
    for rpr in _run_sources(pkg, p, r):
        sp = rpr.find("w:spacing", NS)
        if sp is not None and sp.get(_w("val")):
            value = int(sp.get(_w("val"))) / TWIPS_PER_PT
    return value


def para_prop(pkg: Package, p: etree._Element, path: str, attr: str) -> str | None:
    """A paragraph property through docDefaults and the style chain, e.g. ('w:jc', 'val')."""
    value = None
    for ppr in _para_sources(pkg, p):
        el = ppr.find(path, NS)
        if el is not None and el.get(_w(attr)) is not None:
            value = el.get(_w(attr))
    return value


def _para_sources(pkg: Package, p: etree._Element) -> list[etree._Element]:
    """pPr elements from weakest to strongest."""
    out = [pkg.para_defaults]
    out += [s.find("w:pPr", NS) for s in _chain(pkg, _para_style(pkg, p))]
    out.append(p.find("w:pPr", NS))
    return [e for e in out if e is not None]


def para_flag(pkg: Package, p: etree._Element, tag: str, default: bool) -> bool:
    """An on/off paragraph property (w:snapToGrid …): present without w:val means on."""
    value = default
    for ppr in _para_sources(pkg, p):
        el = ppr.find(tag, NS)
        if el is not None:
            value = el.get(_w("val"), "1") not in ("0", "false", "off")
    return value


def _own_runs(p: etree._Element) -> list[etree._Element]:
    """The runs of ``p`` itself, not those of paragraphs in text boxes inside it."""
    return [r for r in p.iter(_w("r")) if next(r.iterancestors(_w("p")), None) is p]


def text_runs(p: etree._Element) -> list[tuple[etree._Element, str]]:
    """The paragraph's own runs with text (not those of a text box anchored in it)."""
    return [
        (r, "".join(t.text or "" for t in r.findall("w:t", NS)))
        for r in _own_runs(p)
        if r.findall("w:t", NS)
    ]


def para_text(p: etree._Element) -> str:
    return "".join(text for _, text in text_runs(p))


_GAP = re.compile(r"\s{2,}|\u3000+")


def para_segments(p: etree._Element) -> list[str]:
    """The pieces of a paragraph set apart by tabs, line breaks or runs of spaces, without
    whitespace: 发文字号<tab>签发人：… shares one paragraph in an 上行文."""
    parts = []
    for r in p.iter(_w("r")):
        for el in r.iterchildren(_w("t"), _w("tab"), _w("ptab"), _w("br"), _w("cr")):
            parts.append(el.text or "" if el.tag == _w("t") else "\t")
    pieces = _GAP.split("".join(parts).replace("\t", "  "))
    return [squeezed for piece in pieces if (squeezed := re.sub(r"\s+", "", piece))]


MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def paragraphs(root: etree._Element) -> list[etree._Element]:
    """Every paragraph in reading order, text boxes' included, once: a shape's VML copy
    (mc:Fallback of its DrawingML) is left out."""
    return [
        p for p in root.iter(_w("p")) if not any(a.tag == MC_FALLBACK for a in p.iterancestors())
    ]


# ---- Checks ----------------------------------------------------------------------------


def _section(pkg: Package) -> etree._Element | None:
    sects = pkg.document.findall(".//w:sectPr", NS)
    return sects[-1] if sects else None


def _page(pkg: Package, out: Findings) -> None:
    sect = _section(pkg)
    size = sect.find("w:pgSz", NS) if sect is not None else None
    mar = sect.find("w:pgMar", NS) if sect is not None else None
    if size is None or mar is None:
        for check in (C.PAGE_SIZE, C.BLOCK_LEFT):
            out.not_checked(check, "no page size or margins in the section properties")
        return
    width, height = (twips_to_mm(int(size.get(_w(k)))) for k in ("w", "h"))
    out.within(
        C.PAGE_SIZE,
        width,
        fig("page_width"),
        FIGURES["page_width"].tolerance,
        "mm",
        "page width (w:pgSz)",
    )
    out.within(
        C.PAGE_SIZE,
        height,
        fig("page_height"),
        FIGURES["page_height"].tolerance,
        "mm",
        "page height (w:pgSz)",
    )
    margin = {k: twips_to_mm(int(mar.get(_w(k), "0"))) for k in ("top", "left", "right", "bottom")}
    left, top = fig("margin_left"), fig("margin_top")
    out.within(
        C.BLOCK_LEFT,
        margin["left"],
        left,
        FIGURES["margin_left"].tolerance,
        "mm",
        "left margin (订口, w:pgMar)",
    )
    out.within(
        C.BLOCK_TOP,
        margin["top"],
        top,
        FIGURES["margin_top"].tolerance,
        "mm",
        "top margin (天头, w:pgMar)",
    )
    out.within(
        C.BLOCK_RIGHT,
        width - margin["right"],
        left + fig("block_width"),
        FIGURES["block_width"].tolerance,
        "mm",
        "版心 right edge (w:pgMar)",
    )
    out.within(
        C.BLOCK_BOTTOM,
        height - margin["bottom"],
        top + fig("block_height"),
        FIGURES["block_height"].tolerance,
        "mm",
        "版心 bottom edge (w:pgMar)",
    )


# Word's document grid: w:type "lines" sets the line pitch; "linesAndChars" and
# "snapToChars" also a character pitch, w:charSpace (1/4096 pt) added to every character
# of a paragraph that snaps to the grid (ECMA-376 §17.6.5).
_LINE_GRIDS = ("lines", "linesAndChars", "snapToChars")
_CHAR_GRIDS = ("linesAndChars", "snapToChars")
_CHAR_SPACE_UNIT = 4096


def _grid_element(pkg: Package) -> etree._Element | None:
    sect = _section(pkg)
    return sect.find("w:docGrid", NS) if sect is not None else None


def _text_area(pkg: Package) -> tuple[float, float]:
    """The width and height (mm) the section leaves for text; the 版心 when unreadable."""
    sect = _section(pkg)
    size = sect.find("w:pgSz", NS) if sect is not None else None
    mar = sect.find("w:pgMar", NS) if sect is not None else None
    if size is None or mar is None:
        return fig("block_width"), fig("block_height")

    def get(el: etree._Element, key: str) -> float:
        return twips_to_mm(int(el.get(_w(key), "0")))

    width = get(size, "w") - get(mar, "left") - get(mar, "right") - get(mar, "gutter")
    return width, get(size, "h") - get(mar, "top") - get(mar, "bottom")


def _snaps(pkg: Package, p: etree._Element) -> bool:
    return para_flag(pkg, p, "w:snapToGrid", default=True)


def _char_grid_delta(pkg: Package) -> float:
    """Points the character grid adds to each character of a snapping paragraph."""
    grid = _grid_element(pkg)
    if grid is None or grid.get(_w("type")) not in _CHAR_GRIDS:
        return 0.0
    value = int(grid.get(_w("charSpace"), "0"))
    if value >= 2**31:  # LibreOffice writes a negative charSpace as an unsigned 32-bit value
        value -= 2**32
    return value / _CHAR_SPACE_UNIT


def _weighted_mode(counts: dict, default=None):
    return max(counts, key=counts.__getitem__) if counts else default


def _body_line(pkg: Package, body: list[etree._Element]) -> tuple[str | None, int | None, bool]:
    """The line spacing most body text has: (w:lineRule, w:line, snaps to the grid)."""
    counts: dict[tuple[str | None, int | None, bool], int] = {}
    for p in body:
        line = para_prop(pkg, p, "w:spacing", "line")
        key = (
            para_prop(pkg, p, "w:spacing", "lineRule") or "auto",
            int(line) if line and line.lstrip("-").isdigit() else None,
            _snaps(pkg, p),
        )
        counts[key] = counts.get(key, 0) + len(para_text(p))
    return _weighted_mode(counts, ("auto", None, True))


def _line_pitch_pt(pkg: Package, body: list[etree._Element]) -> tuple[float | None, str]:
    """The body's line pitch as Word sets it, and how it follows from the settings."""
    grid = _grid_element(pkg)
    kind = grid.get(_w("type")) if grid is not None else None
    pitch = grid.get(_w("linePitch")) if grid is not None else None
    grid_pt = int(pitch) / TWIPS_PER_PT if kind in _LINE_GRIDS and pitch else None
    rule, line, snaps = _body_line(pkg, body)
    if rule == "exact" and line:
        return abs(line) / TWIPS_PER_PT, f"exact line spacing {abs(line) / TWIPS_PER_PT:g} pt"
    if grid_pt is None or not snaps:
        return None, "no line grid (w:docGrid) and no exact line spacing"
    if rule == "atLeast" and line:
        value = max(grid_pt, line / TWIPS_PER_PT)
        return value, f"line grid {grid_pt:g} pt, at least {line / TWIPS_PER_PT:g} pt"
    multiple = (line or 240) / 240
    if multiple == 1:
        return grid_pt, f"line grid pitch {grid_pt:g} pt"
    return grid_pt * multiple, f"line grid pitch {grid_pt:g} pt × {multiple:g} line spacing"


def _lines_per_page(pkg: Package, body: list[etree._Element], out: Findings) -> None:
    pitch, how = _line_pitch_pt(pkg, body)
    if pitch is None:
        out.not_checked(C.LINES_PER_PAGE, f"{how}: the lines a page holds need a rendering")
        return
    height = _text_area(pkg)[1]
    capacity = math.floor(height / (pitch * MM_PER_PT) + _ROUNDING)
    out.result(
        C.LINES_PER_PAGE,
        capacity == int(fig("lines_per_page")),
        f"{how} in the {height:.4g} mm of text height (w:pgMar)",
        measured=f"{capacity} lines",
        expected=f"{fig('lines_per_page'):g} lines",
        tolerance="exact",
    )


def _body_advance(pkg: Package, body: list[etree._Element]) -> tuple[float, float] | None:
    """The size and the advance (pt) of most body characters: size + w:spacing, plus the
    character grid's pitch in paragraphs that snap to it."""
    delta = _char_grid_delta(pkg)
    counts: dict[tuple[float, float], int] = {}
    for p in body:
        grid = delta if _snaps(pkg, p) else 0.0
        for r, text in text_runs(p):
            size = run_size(pkg, p, r) or fig("body_size")
            key = (size, size + run_spacing(pkg, p, r) + grid)
            counts[key] = counts.get(key, 0) + len(text.strip())
    return _weighted_mode({k: n for k, n in counts.items() if n})


def _chars_per_line(pkg: Package, body: list[etree._Element], out: Findings) -> None:
    found = _body_advance(pkg, body)
    if found is None:
        out.not_checked(C.CHARS_PER_LINE, "no body text")
        return
    size, advance = found
    width = _text_area(pkg)[0] / MM_PER_PT
    # The first character starts at the left edge and the last ends at the right edge.
    capacity = math.floor((width - size) / advance + 1 + _ROUNDING)
    grid = " and the character grid" if _char_grid_delta(pkg) else ""
    out.result(
        C.CHARS_PER_LINE,
        capacity == int(fig("chars_per_line")),
        f"body characters advance {advance:.2f} pt (size + w:spacing{grid}) in a"
        f" {width * MM_PER_PT:.4g} mm line, as set",
        measured=f"{capacity} characters",
        expected=f"{fig('chars_per_line'):g} characters",
        tolerance="exact",
    )


def _grid(pkg: Package, body: list[etree._Element], out: Findings) -> None:
    _lines_per_page(pkg, body, out)
    _chars_per_line(pkg, body, out)


def _font_result(
    out: Findings, check: Check, element: str, family: str | None, expected: Typeface
) -> None:
    if family is None or family == "theme":
        why = "a theme font" if family == "theme" else "no East Asian font"
        out.not_checked(check, f"{element}: {why}; the renderer chooses", element=element)
        return
    cls = font_class(family)
    out.result(
        check,
        cls == expected,
        f"{element} font (w:rFonts w:eastAsia)",
        measured=f"{family} ({describe(cls)})",
        expected=describe(expected),
        element=element,
    )


def _first_run(p: etree._Element) -> etree._Element | None:
    runs = [r for r, text in text_runs(p) if text.strip()]
    return runs[0] if runs else None


def _body(pkg: Package, body: list[etree._Element], out: Findings) -> None:
    if not body:
        out.not_checked(C.BODY_FONT, "no body paragraph found")
        return
    families: dict[str, int] = {}
    sizes: dict[float, int] = {}
    for p in body:
        heading = _heading_number(para_text(p).strip())
        for i, (r, text) in enumerate(text_runs(p)):
            if heading and i == 0:
                continue  # the heading run is judged by level
            family = run_font(pkg, p, r) or "none"
            families[family] = families.get(family, 0) + len(text)
            size = run_size(pkg, p, r)
            if size is not None:
                sizes[size] = sizes.get(size, 0) + len(text)
    family = max(families, key=families.__getitem__)
    _font_result(
        out, C.BODY_FONT, "正文 body", None if family == "none" else family, Typeface.FANGSONG
    )
    spec = FIGURES["body_size"]
    if sizes:
        size = max(sizes, key=sizes.__getitem__)
        out.within(C.BODY_SIZE, size, spec.value, spec.tolerance, "pt", "body size (w:sz)")
    else:
        out.not_checked(C.BODY_SIZE, "no size set anywhere: the renderer's default applies")


# ---- The 版头 rule: a drawn line (DrawingML or VML) or a paragraph border ---------------

DML = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPD = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
VML = "urn:schemas-microsoft-com:vml"
EMU_PER_MM = 36000
_WIDE_MM = 100.0  # a line at least this long is a rule across the 版心, not a decoration
_VML_NAMES = {"red": "FF0000", "black": "000000"}
_LINE_SHAPES = ("line", "straightConnector1")


@dataclass(frozen=True)
class Rule:
    width_mm: float | None  # None: as wide as its paragraph
    colour: str  # "FF0000", or how it is coloured when not by an RGB value
    source: str


def _drawn_rules(p: etree._Element) -> list[Rule]:
    out = []
    for anchor in p.iter(f"{{{WPD}}}anchor", f"{{{WPD}}}inline"):
        geom = anchor.find(f".//{{{DML}}}prstGeom")
        extent = anchor.find(f"{{{WPD}}}extent")
        if geom is None or extent is None or geom.get("prst") not in _LINE_SHAPES:
            continue
        if int(extent.get("cy", "0")) > 3 * EMU_PER_MM:
            continue  # a slanting or vertical line
        rgb = anchor.find(f".//{{{DML}}}ln/{{{DML}}}solidFill/{{{DML}}}srgbClr")
        colour = rgb.get("val", "").upper() if rgb is not None else "a theme colour"
        width = int(extent.get("cx", "0")) / EMU_PER_MM
        out.append(Rule(width, colour, "a drawn line (DrawingML)"))
    for line in p.iter(f"{{{VML}}}line"):
        stroke = (line.get("strokecolor") or "black").lower()
        colour = _VML_NAMES.get(stroke, stroke.lstrip("#").upper())
        out.append(Rule(None, colour, "a drawn line (VML)"))
    return out


def _border_rules(p: etree._Element) -> list[Rule]:
    out = []
    for side in ("top", "bottom"):
        border = p.find(f"w:pPr/w:pBdr/w:{side}", NS)
        if border is not None and border.get(_w("val")) not in (None, "nil", "none"):
            colour = (border.get(_w("color")) or "auto").upper()
            out.append(Rule(None, colour, f"a paragraph border ({side})"))
    return out


def _header_rule(pkg: Package, paras: list[etree._Element], out: Findings) -> None:
    """§7.2.7: a red rule under the 发文字号: a line drawn (anchored to any paragraph above
    the title, or in the page header) or a paragraph border above the title."""
    head = [p for p in paras[:_HEADER_PARAGRAPHS] if not _in_box(p)]
    numbered = [i for i, p in enumerate(head) if doc_number(p) is not None]
    if not numbered:
        out.not_checked(C.RULE_RED, "no 发文字号 found: no 版头 rule looked for")
        return
    title = _find_title(pkg, paras)
    end = head.index(title) if title in head else len(head)
    rules = [r for p in head[:end] for r in _drawn_rules(p) + _border_rules(p)]
    rules += [r for root in pkg.headers for p in root.iter(_w("p")) for r in _drawn_rules(p)]
    rules = [r for r in rules if r.width_mm is None or r.width_mm >= _WIDE_MM]
    if any(r.width_mm and r.width_mm > fig("block_width") + 5 for r in rules):
        out.not_checked(C.RULE_RED, "信函格式: red lines across the page, no 版头 rule")
        return
    if not rules:
        out.result(
            C.RULE_RED,
            False,
            "no red rule under the 发文字号 (no drawn line, no paragraph border)",
            measured="no rule",
            expected="a red rule as wide as the 版心",
        )
        return
    rule = next((r for r in rules if red_hex(r.colour)), rules[0])
    out.result(
        C.RULE_RED,
        red_hex(rule.colour),
        f"版头 rule colour ({rule.source})",
        measured=rule.colour,
        expected=RED_HEX,
    )
    if rule.width_mm is not None:
        spec = FIGURES["header_rule_width"]
        out.within(
            C.RULE_WIDTH, rule.width_mm, spec.value, spec.tolerance, "mm", "版头 rule length"
        )


def doc_number(p: etree._Element) -> str | None:
    """The 发文字号 standing in a paragraph on its own (or beside a 签发人), not one a
    sentence cites."""
    return next(
        (
            seg
            for seg in para_segments(p)
            if seg.endswith("号") and len(seg) <= 30 and pat.DOC_NUMBER_LOOSE.search(seg)
        ),
        None,
    )


_TITLE_MIN_PT = 19.0  # clearly larger than the 3号 body (16 pt): a title, not a line of text
_HEADER_PARAGRAPHS = 15  # the 版头 and title stand within the first paragraphs


def _colour(pkg: Package, p: etree._Element, r: etree._Element) -> str:
    """A run's w:color, "auto" when none is set."""
    colour = "auto"
    for rpr in _run_sources(pkg, p, r):
        el = rpr.find("w:color", NS)
        if el is not None and el.get(_w("val")):
            colour = el.get(_w("val")).upper()
    return colour


def red_hex(colour: str) -> bool:
    """An RRGGBB value that prints red: the red channel high, green and blue low (FF0000,
    the Y80% M80% ink's FF3333, E60012, C00000 …)."""
    if not re.fullmatch(r"[0-9A-Fa-f]{6}", colour):
        return False
    red, green, blue = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return red >= 0xB0 and max(green, blue) <= 0x40


def _is_red(pkg: Package, p: etree._Element, r: etree._Element) -> bool:
    return red_hex(_colour(pkg, p, r))


def _find_title(pkg: Package, paras: list[etree._Element]) -> etree._Element | None:
    """The paragraph in the Title style; else, as a clerk sets it with direct formatting,
    the first large paragraph, not red, after the 发文字号 (or the mark, with none)."""
    titled = [p for p in paras if _para_style(pkg, p) == "Title" and para_text(p).strip()]
    if titled:
        return titled[0]
    head = [p for p in paras[:_HEADER_PARAGRAPHS] if not _in_box(p)]
    numbered = [i for i, p in enumerate(head) if doc_number(p) is not None]
    for p in head[numbered[0] + 1 :] if numbered else head:
        run = _first_run(p)
        size = run_size(pkg, p, run) if run is not None else None
        if size and size >= _TITLE_MIN_PT and not _is_red(pkg, p, run):
            return p
    return None


def _title(pkg: Package, paras: list[etree._Element], out: Findings) -> None:
    p = _find_title(pkg, paras)
    if p is None:
        out.not_checked(
            C.TITLE_SIZE, "no paragraph in the Title style, nor a large one after the 发文字号"
        )
        return
    run = _first_run(p)
    assert run is not None
    spec = FIGURES["title_size"]
    size = run_size(pkg, p, run)
    if size is None:
        out.not_checked(C.TITLE_SIZE, "the title has no size set")
    else:
        out.within(C.TITLE_SIZE, size, spec.value, spec.tolerance, "pt", "title size (w:sz)")
    _font_result(out, C.TITLE_FONT, "标题 title", run_font(pkg, p, run), Typeface.XIAOBIAOSONG)
    jc = para_prop(pkg, p, "w:jc", "val")
    out.result(
        C.TITLE_CENTRE,
        jc == "center",
        "title paragraph alignment (w:jc)",
        measured=str(jc),
        expected="center",
    )


@dataclass(frozen=True)
class FoundHeading:
    p: etree._Element
    section: int  # 0: the main text; k: the k-th attachment, whose numbering starts again
    level: int
    number: int
    label: str  # as the scheme writes it: "（一）"
    written: str  # as the document writes it: "(一)" in half-width brackets


# "(一)" and "(1)": the second and fourth levels in half-width brackets, which GB/T 15834
# does not use in Chinese text (§9): read as their level, reported as written.
_HALF_WIDTH = re.compile(r"^\(([一二三四五六七八九十]+|\d{1,3})\)")


def _heading_number(text: str) -> tuple[int, int, str, str] | None:
    found = pat.heading_number(text)
    if found is not None:
        return (*found, found[2])
    m = _HALF_WIDTH.match(text)
    found = pat.heading_number(f"（{m.group(1)}）{text[m.end() :]}") if m else None
    return (*found, m.group(0)) if found and m else None


def _find_headings(paras: list[etree._Element]) -> list[FoundHeading]:
    """Each numbered heading; an attachment (附件k on a line of its own) starts a section."""
    found = []
    section = 0
    in_note = False  # 附件：1.…  2.… : the numbers of an 附件说明 are not headings
    for p in paras:
        text = para_text(p).strip()
        if pat.ATTACHMENT_LABEL.match(re.sub(r"\s+", "", text)):
            section += 1
            continue
        if text.startswith("附件：") or (in_note and re.match(r"^\d+[.．]", text)):
            in_note = True
            continue
        in_note = False
        number = _heading_number(text)
        if number and not _in_box(p):
            found.append(FoundHeading(p, section, *number))
    return found


_MARK_SLACK_PT = 0.5  # rounding in the line measure: a mark this much too long still fits


def _mark_width_pt(pkg: Package, p: etree._Element) -> float:
    """A lower bound of the mark's width: full-width characters one em (plus spacing and
    the character grid's pitch), Latin letters and digits 0.4 em."""
    delta = _char_grid_delta(pkg) if _snaps(pkg, p) else 0.0
    width = 0.0
    for r, text in text_runs(p):
        size = run_size(pkg, p, r) or fig("body_size")
        step = run_spacing(pkg, p, r) + delta
        width += sum((0.4 * size if ch.isascii() else size) + step for ch in text.strip())
    return width


def _mark(pkg: Package, paras: list[etree._Element], out: Findings) -> None:
    """§7.2.4: the 发文机关标志 — the large paragraphs above the 发文字号 — red, in 小标宋,
    a single issuer's on one line (joint issuers' names stand in a table)."""
    head = paras[:_HEADER_PARAGRAPHS]
    numbered = [i for i, p in enumerate(head) if doc_number(p) is not None]
    marks = []
    for p in head[: numbered[0]] if numbered else []:
        run = _first_run(p)
        size = run_size(pkg, p, run) if run is not None else None
        if size and size >= _TITLE_MIN_PT:
            marks.append(p)
    if not marks:
        out.not_checked(C.MARK_COLOUR, "no 发文机关标志 (large text above a 发文字号) found")
        return
    runs = [(p, r) for p in marks for r, text in text_runs(p) if text.strip()]
    black = [(p, r) for p, r in runs if not _is_red(pkg, p, r)]
    out.result(
        C.MARK_COLOUR,
        not black,
        "发文机关标志 colour (w:color)",
        measured=_colour(pkg, *(black or runs)[0]),
        expected=RED_HEX,
    )
    first = runs[0]
    _font_result(
        out, C.MARK_FONT, "发文机关标志 mark", run_font(pkg, *first), Typeface.XIAOBIAOSONG
    )
    for p in (p for p in marks if not _in_box(p)):
        width = _mark_width_pt(pkg, p)
        line = _text_area(pkg)[0] / MM_PER_PT
        lines = math.ceil((width - _MARK_SLACK_PT) / line) + len(p.findall(".//w:br", NS))
        out.result(
            C.MARK_LINES,
            lines <= 1,
            f"the mark's characters take {width * MM_PER_PT:.1f} mm of a"
            f" {line * MM_PER_PT:.1f} mm line (w:sz, w:spacing)",
            measured=f"{lines} line{'s' if lines > 1 else ''}",
            expected="one line",
        )


def _indented(pkg: Package, p: etree._Element) -> bool:
    """Whether the paragraph's first line starts right of the margin."""
    values = [
        para_prop(pkg, p, "w:ind", key)
        for key in ("firstLine", "firstLineChars", "left", "leftChars", "start")
    ]
    return any(v and v.lstrip("-").isdigit() and int(v) > 0 for v in values)


def _recipients(pkg: Package, paras: list[etree._Element], out: Findings) -> None:
    """§7.3.2: the 主送机关 — the flush-left paragraph right after the title — ends with a
    full-width colon.  A first paragraph indented 2 字 is body text: no 主送机关."""
    title = _find_title(pkg, paras)
    if title is None:
        out.not_checked(C.RECIPIENTS_FORMAT, "no title found: no 主送机关 looked for")
        return
    after = paras[paras.index(title) + 1 :]
    rest = [p for p in after if para_text(p).strip() and not _in_box(p)]
    rest = [p for p in rest if para_prop(pkg, p, "w:jc", "val") not in _NOT_BODY_ALIGN]
    first = rest[0] if rest else None
    if first is None or _indented(pkg, first) or _heading_number(para_text(first).strip()):
        out.not_checked(C.RECIPIENTS_FORMAT, "no flush-left paragraph after the title")
        return
    text = re.sub(r"\s+", "", para_text(first))
    out.result(
        C.RECIPIENTS_FORMAT,
        text.endswith("："),
        "主送机关 (flush left after the title) ends with a full-width colon",
        measured=f"ends {text[-1]!r}",
        expected="ends '：'",
    )


def _headings(pkg: Package, paras: list[etree._Element], out: Findings) -> None:
    found = _find_headings(paras)
    if not found:
        out.not_checked(C.HEADING_ORDER, "no numbered heading (一、（一）1.（1）) found")
        return
    faults = sequence_faults([(h.section, h.level, h.number) for h in found])
    for index, expected in faults:
        h = found[index]
        where = f" in 附件{h.section}" if h.section else ""
        out.result(
            C.HEADING_ORDER,
            False,
            f"{LEVEL_NAMES[h.level]} {h.written} out of order{where}",
            measured=h.written,
            expected=expected,
        )
    for h in found:
        if h.written != h.label:
            out.result(
                C.HEADING_ORDER,
                False,
                f"{LEVEL_NAMES[h.level]} {h.written} in half-width brackets: Chinese text"
                " takes full-width ones (§9, GB/T 15834)",
                measured=h.written,
                expected=h.label,
            )
    if not out.failed(C.HEADING_ORDER):
        out.result(
            C.HEADING_ORDER,
            True,
            f"{len(found)} headings numbered in order",
            measured="in order",
            expected="1, 2, 3 … within each parent",
        )
    for h in found:
        run = _first_run(h.p)
        family = run_font(pkg, h.p, run) if run is not None else None
        expected = typefaces.HEADINGS[h.level - 1].typeface
        _font_result(out, C.HEADING_FONT, f"{LEVEL_NAMES[h.level]} {h.written}", family, expected)


def _texts(paras: list[etree._Element], out: Findings) -> None:
    texts = [re.sub(r"\s+", "", para_text(p)) for p in paras]
    dates = [t for t in texts if pat.DATE_LOOSE.match(t)]
    if dates:
        out.result(
            C.DATE_FORMAT,
            bool(pat.DATE_STRICT.match(dates[-1])),
            "成文日期: Arabic numerals, full year, no leading zeros",
            measured=dates[-1],
            expected="2012年7月1日 form",
        )
    else:
        out.not_checked(C.DATE_FORMAT, "no 成文日期 paragraph found")
    numbers = [n for p in paras[:_HEADER_PARAGRAPHS] if (n := doc_number(p))]
    if numbers:
        text = numbers[0]
        out.result(
            C.DOC_NUMBER_FORMAT,
            bool(pat.DOC_NUMBER_STRICT.match(text)),
            "发文字号: 〔YYYY〕N号",
            measured=text,
            expected="机关代字〔YYYY〕N号",
        )
    for t in texts:
        if pat.CC_LINE.match(t):
            out.result(
                C.COLOPHON_TEXT,
                t.endswith("。"),
                "抄送 ends with a 句号",
                measured=f"ends {t[-1]!r}",
                expected="ends '。'",
            )


def _footer(pkg: Package, kind: str, root: etree._Element, out: Findings, odd: bool) -> None:
    element = f"页码 page number ({'odd' if odd else 'even'} pages)"
    paras = [p for p in root.iter(_w("p")) if para_text(p).strip() or _page_field(p)]
    target = next((p for p in paras if _page_field(p)), None)
    if target is None:
        out.result(
            C.PAGE_NUMBER_TEXT,
            False,
            f"footer '{kind}' has no PAGE field: these pages are not numbered",
            measured="no page number",
            expected="— N —",
            element=element,
        )
        return
    text = para_text(target)
    out.result(
        C.PAGE_NUMBER_TEXT,
        text.count("—") == 2,
        "一字线 (U+2014) each side of PAGE",
        measured=text.replace(" ", "␣") + " around the field",
        expected="— PAGE —",
        element=element,
    )
    run = _first_run(target)
    if run is not None:
        _font_result(out, C.PAGE_NUMBER_FONT, element, run_font(pkg, target, run), Typeface.SONGTI)
    jc = para_prop(pkg, target, "w:jc", "val")
    side = "right" if odd else "left"
    indent = para_prop(pkg, target, "w:ind", side)
    size = (run_size(pkg, target, run) if run is not None else None) or fig("page_number_size")
    want = fig("page_number_inset") * size
    got = int(indent) / TWIPS_PER_PT if indent else 0.0
    accepted = ("right", "end") if odd else ("left", "start", None)
    ok = jc in accepted and abs(got - want) * MM_PER_PT <= fig("position_tolerance")
    out.result(
        C.PAGE_NUMBER_SIDE,
        ok,
        f"footer aligned {side}, 1 字 in (w:jc, w:ind)",
        measured=f"jc={jc}, {side} indent {got:g} pt",
        expected=f"jc={side}, {side} indent {want:g} pt",
        element=element,
    )


def _page_field(root: etree._Element) -> bool:
    instr = "".join(t.text or "" for t in root.iter(_w("instrText")))
    instr += " ".join(f.get(_w("instr"), "") for f in root.iter(_w("fldSimple")))
    return re.search(r"\bPAGE\b", instr.upper()) is not None


def _page_numbers(pkg: Package, out: Findings) -> None:
    """The footers of the first section that numbers its pages (a last section may leave
    the 版记 page unnumbered, §7.5)."""
    numbered = [f for f in pkg.footers if any(_page_field(root) for root in f.values())]
    if not numbered:
        out.result(
            C.PAGE_NUMBER_TEXT,
            False,
            "no footer with a PAGE field: the pages are not numbered",
            measured="no page number",
            expected="— N — below the 版心",
        )
        return
    footers = numbered[0]
    even_odd = pkg.settings is not None and pkg.settings.find("w:evenAndOddHeaders", NS) is not None
    if "default" in footers:
        _footer(pkg, "default", footers["default"], out, odd=True)
    if even_odd and "even" in footers:
        _footer(pkg, "even", footers["even"], out, odd=False)
    else:
        out.result(
            C.PAGE_NUMBER_SIDE,
            False,
            "no separate even-page footer (w:evenAndOddHeaders): even pages cannot"
            " number on the left",
            measured="one footer for all pages",
            expected="odd right, even left",
        )


_NOT_BODY_ALIGN = ("center", "right", "end", "distribute")


def _in_box(p: etree._Element) -> bool:
    """Inside a table or a text box: a 版记, a table, a mark drawn in a box."""
    return any(a.tag in (_w("tbl"), _w("txbxContent")) for a in p.iterancestors())


def _body_paragraphs(pkg: Package, paras: list[etree._Element]) -> list[etree._Element]:
    """Paragraphs set like body text: aligned left or justified, in the text flow.  The
    mark, 发文字号, title, 署名 and date are centred or set right (by whatever style
    names the document uses); 版记 and tables stand in tables."""
    out = []
    for p in paras:
        text = re.sub(r"\s+", "", para_text(p))
        if not text or _in_box(p) or pat.DATE_LOOSE.match(text):
            continue
        if _para_style(pkg, p) == "Title" or para_prop(pkg, p, "w:jc", "val") in _NOT_BODY_ALIGN:
            continue
        out.append(p)
    return out


_LAYOUT_ONLY = (
    (C.LINE_START, "line breaks exist only once a program lays the text out"),
    (C.SIGNATURE_PLACE, "positions exist only once a program lays the page out"),
    (C.PAGE_NUMBER_GAP, "the footer's position depends on the renderer's font metrics"),
    (C.GLYPHS, "glyphs are chosen by the renderer"),
)


def check_structure(path: Path) -> FileReport:
    report = FileReport(str(path), "docx (structure)")
    try:
        pkg = read_package(path)
    except DocxError as exc:
        report.unreadable = str(exc)
        return report
    paras = paragraphs(pkg.document)
    body = _body_paragraphs(pkg, paras)
    out = Findings()
    _page(pkg, out)
    _grid(pkg, body, out)
    _body(pkg, body, out)
    _title(pkg, paras, out)
    _mark(pkg, paras, out)
    _header_rule(pkg, paras, out)
    _recipients(pkg, paras, out)
    _headings(pkg, paras, out)
    _texts(paras, out)
    _page_numbers(pkg, out)
    for check, why in _LAYOUT_ONLY:
        out.not_checked(check, f"{why}: see the rendered report")
    report.findings = list(out)
    return report


def check_rendered(path: Path, fontconfig: Path | None = None) -> FileReport:
    """The DOCX as LibreOffice lays it out, checked like any PDF."""
    from docgen.check.pdf import check_pdf

    kind = "docx rendered by LibreOffice"
    try:
        from docgen.libreoffice import LibreOfficeError, convert_to_pdf, find_soffice
    except ImportError:  # pragma: no cover - docgen.libreoffice ships with docgen
        return _not_rendered(path, "docgen.libreoffice is missing")
    if find_soffice() is None:
        return _not_rendered(path, "LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="docgen-check-") as tmp:
        source, restated = _for_libreoffice(path, Path(tmp) / "source")
        try:
            pdf = convert_to_pdf(source, Path(tmp), fontconfig=fontconfig)
        except LibreOfficeError as exc:
            return _not_rendered(path, f"LibreOffice could not convert it: {exc}")
        report = check_pdf(pdf, kind)
    report.path = str(path)
    fonts = "the given font configuration" if fontconfig else "this machine's fonts"
    report.notes.append(f"laid out by LibreOffice with {fonts}; positions are LibreOffice's")
    report.notes += restated
    return report


def _for_libreoffice(path: Path, folder: Path) -> tuple[Path, list[str]]:
    """The file LibreOffice renders, and notes on what a copy restates for it.

    LibreOffice 7.4 reads two Word settings otherwise than Word (measured), and a copy
    states them the way it reads them right:

    * a character grid whose w:charSpace is negative — Word's 28 characters of 3号 on
      156 mm — it sets with every character over two grid cells, 14 a line.  The copy
      gives the grid's pitch as character spacing (w:spacing, rounded down to 1/20 pt) on
      each run of the paragraphs that snap to the grid, on a grid of lines only;
    * w:overflowPunct it reads inverted: "0" (Word: keep punctuation inside the margins)
      hangs a line-end mark past the margin.  The copy says "1" there.  Where Word may hang
      punctuation (on, the default) the copy keeps what the file says."""
    try:
        pkg = read_package(path)
    except DocxError:
        return path, []
    notes = [note for note in (_restate_grid(pkg), _restate_overflow(pkg)) if note]
    if not notes:
        return path, []
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / path.name
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                data = etree.tostring(pkg.document, xml_declaration=True, standalone=True)
            dst.writestr(item, data)
    return copy, notes


def _restate_grid(pkg: Package) -> str | None:
    delta = _char_grid_delta(pkg)
    if delta >= 0:
        return None
    step = math.floor(delta * TWIPS_PER_PT)
    for p in pkg.document.iter(_w("p")):
        if _snaps(pkg, p):
            for r in _own_runs(p):
                _set_spacing(r, round(run_spacing(pkg, p, r) * TWIPS_PER_PT) + step)
    for grid in pkg.document.iter(_w("docGrid")):
        if grid.get(_w("type")) in _CHAR_GRIDS:
            grid.set(_w("type"), "lines")
            grid.attrib.pop(_w("charSpace"), None)
    return (
        f"the character grid (w:charSpace, {delta:+.3f} pt a character) was given to"
        " LibreOffice as character spacing: it sets a negative charSpace two cells a character"
    )


def _restate_overflow(pkg: Package) -> str | None:
    kept = [
        p
        for p in pkg.document.iter(_w("p"))
        if not para_flag(pkg, p, "w:overflowPunct", default=True)
    ]
    for p in kept:
        ppr = p.find("w:pPr", NS)
        if ppr is None:
            ppr = etree.Element(_w("pPr"))
            p.insert(0, ppr)
        flag = ppr.find("w:overflowPunct", NS)
        if flag is None:
            flag = etree.SubElement(ppr, _w("overflowPunct"))
        flag.set(_w("val"), "1")
    if not kept:
        return None
    return (
        "punctuation kept inside the margins (w:overflowPunct off) was given to LibreOffice"
        ' as w:overflowPunct="1": it reads the setting inverted'
    )


def _set_spacing(r: etree._Element, twentieths: int) -> None:
    rpr = r.find("w:rPr", NS)
    if rpr is None:
        rpr = etree.SubElement(r, _w("rPr"))
        r.insert(0, rpr)
    spacing = rpr.find("w:spacing", NS)
    if spacing is None:
        spacing = etree.SubElement(rpr, _w("spacing"))
    spacing.set(_w("val"), str(twentieths))


def _not_rendered(path: Path, why: str) -> FileReport:
    report = FileReport(str(path), "docx rendered by LibreOffice")
    out = Findings()
    for check, _ in _LAYOUT_ONLY:
        out.not_checked(check, f"no rendering: {why}")
    report.findings = list(out)
    return report


def check_docx(path: Path, fontconfig: Path | None = None) -> list[FileReport]:
    structure = check_structure(path)
    if structure.unreadable:
        return [structure]
    return [structure, check_rendered(path, fontconfig)]
