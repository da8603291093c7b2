"""DOCX checks: the structure from the XML, and — with LibreOffice — the rendered pages.

From the XML: page size and margins (sectPr), the line grid (docGrid), character
spacing, fonts and sizes resolved through styles (docDefaults → paragraph style chain →
run style chain → direct formatting), heading numbers, the 成文日期, the 发文字号, the
版记 text and the page-number footers.  Positions on the page exist only once a program
lays the document out, so they come from the LibreOffice rendering (a PDF checked like
any other); without LibreOffice they are reported as not checked.
"""

from __future__ import annotations

import math
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from docgen.check import catalog as C
from docgen.check import patterns as pat
from docgen.check.findings import Check, FileReport, Findings
from docgen.check.fontclass import describe, font_class
from docgen.check.rules.headings import LEVEL_NAMES, sequence_faults
from docgen.standard import FIGURES, MM_PER_PT, fig, typefaces
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
    settings: etree._Element | None
    footers: dict[str, etree._Element]  # footerReference type → footer root


def _xml(zf: zipfile.ZipFile, name: str) -> etree._Element | None:
    try:
        return etree.fromstring(zf.read(name))
    except KeyError:
        return None


def _footers(zf: zipfile.ZipFile, document: etree._Element) -> dict[str, etree._Element]:
    rels = _xml(zf, "word/_rels/document.xml.rels")
    targets = {}
    if rels is not None:
        for rel in rels:
            targets[rel.get("Id")] = rel.get("Target", "")
    out = {}
    sect = document.findall(".//w:sectPr", NS)
    for ref in sect[-1].findall("w:footerReference", NS) if sect else []:
        target = targets.get(ref.get(f"{{{R}}}id"), "")
        root = _xml(zf, "word/" + target.lstrip("/").removeprefix("word/"))
        if root is not None:
            out[ref.get(_w("type"), "default")] = root
    return out


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
        defaults = None
        if styles_root is not None:
            styles = {s.get(_w("styleId")): s for s in styles_root.findall("w:style", NS)}
            defaults = styles_root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
        return Package(
            document, styles, defaults, _xml(zf, "word/settings.xml"), _footers(zf, document)
        )


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
    """A paragraph property through the style chain, e.g. ('w:jc', 'val')."""
    value = None
    for style in _chain(pkg, _para_style(pkg, p)):
        el = style.find(f"w:pPr/{path}", NS)
        if el is not None and el.get(_w(attr)) is not None:
            value = el.get(_w(attr))
    el = p.find(f"w:pPr/{path}", NS)
    if el is not None and el.get(_w(attr)) is not None:
        value = el.get(_w(attr))
    return value


def text_runs(p: etree._Element) -> list[tuple[etree._Element, str]]:
    return [
        (r, "".join(t.text or "" for t in r.findall("w:t", NS)))
        for r in p.findall(".//w:r", NS)
        if r.findall("w:t", NS)
    ]


def para_text(p: etree._Element) -> str:
    return "".join(text for _, text in text_runs(p))


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


def _grid(pkg: Package, body: list[etree._Element], out: Findings) -> None:
    sect = _section(pkg)
    grid = sect.find("w:docGrid", NS) if sect is not None else None
    pitch = grid.get(_w("linePitch")) if grid is not None else None
    if grid is None or grid.get(_w("type")) not in ("lines", "linesAndChars", "snapToChars"):
        out.not_checked(C.LINES_PER_PAGE, "no line grid (w:docGrid): lines a page need a rendering")
    elif pitch:
        pitch_mm = twips_to_mm(int(pitch))
        capacity = math.floor(fig("block_height") / pitch_mm + _ROUNDING)
        out.result(
            C.LINES_PER_PAGE,
            capacity == int(fig("lines_per_page")),
            f"line grid pitch {int(pitch) / TWIPS_PER_PT:g} pt"
            f" in the {fig('block_height'):g} mm 版心",
            measured=f"{capacity} lines",
            expected=f"{fig('lines_per_page'):g} lines",
            tolerance="exact",
        )
    runs = [(p, r) for p in body for r, text in text_runs(p) if text.strip()]
    if not runs:
        out.not_checked(C.CHARS_PER_LINE, "no body text")
        return
    p, r = runs[0]
    size = run_size(pkg, p, r) or fig("body_size")
    advance = (size + run_spacing(pkg, p, r)) * MM_PER_PT
    capacity = math.floor((fig("block_width") - size * MM_PER_PT) / advance + 1 + _ROUNDING)
    out.result(
        C.CHARS_PER_LINE,
        capacity == int(fig("chars_per_line")),
        f"body characters advance {advance / MM_PER_PT:.2f} pt (size + w:spacing), as set",
        measured=f"{capacity} characters",
        expected=f"{fig('chars_per_line'):g} characters",
        tolerance="exact",
    )


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
        heading = pat.heading_number(para_text(p).strip())
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


def _title(pkg: Package, paras: list[etree._Element], out: Findings) -> None:
    titled = [p for p in paras if _para_style(pkg, p) == "Title" and para_text(p).strip()]
    if not titled:
        out.not_checked(C.TITLE_SIZE, "no paragraph in the Title style")
        return
    p = titled[0]
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


def _headings(pkg: Package, paras: list[etree._Element], out: Findings) -> None:
    found = []
    in_note = False  # 附件：1.…  2.… : the numbers of an 附件说明 are not headings
    for p in paras:
        text = para_text(p).strip()
        if text.startswith("附件：") or (in_note and re.match(r"^\d+[.．]", text)):
            in_note = True
            continue
        in_note = False
        number = pat.heading_number(text)
        if number:
            found.append((p, *number))
    if not found:
        out.not_checked(C.HEADING_ORDER, "no numbered heading (一、（一）1.（1）) found")
        return
    faults = sequence_faults([(0, level, n) for _, level, n, _ in found])
    for index, expected in faults:
        _, level, _, label = found[index]
        out.result(
            C.HEADING_ORDER,
            False,
            f"{LEVEL_NAMES[level]} {label} out of order",
            measured=label,
            expected=expected,
        )
    if not faults:
        out.result(
            C.HEADING_ORDER,
            True,
            f"{len(found)} headings numbered in order",
            measured="in order",
            expected="1, 2, 3 … within each parent",
        )
    for p, level, _, label in found:
        run = _first_run(p)
        family = run_font(pkg, p, run) if run is not None else None
        expected = typefaces.HEADINGS[level - 1].typeface
        _font_result(out, C.HEADING_FONT, f"{LEVEL_NAMES[level]} {label}", family, expected)


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
    numbers = [t for t in texts[:12] if pat.DOC_NUMBER_LOOSE.search(t) and len(t) < 40]
    if numbers:
        text = numbers[0].split("签发人")[0]
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
    paras = [p for p in root.iter(_w("p"))]
    instr = "".join(t.text or "" for t in root.iter(_w("instrText")))
    instr += " ".join(f.get(_w("instr"), "") for f in root.iter(_w("fldSimple")))
    target = next((p for p in paras if "—" in para_text(p) or "PAGE" in instr), None)
    if target is None or "PAGE" not in instr.upper():
        out.not_checked(C.PAGE_NUMBER_TEXT, f"footer '{kind}' has no PAGE field", element=element)
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


def _page_numbers(pkg: Package, out: Findings) -> None:
    if not pkg.footers:
        out.not_checked(C.PAGE_NUMBER_TEXT, "no footer: no page numbers")
        return
    even_odd = pkg.settings is not None and pkg.settings.find("w:evenAndOddHeaders", NS) is not None
    if "default" in pkg.footers:
        _footer(pkg, "default", pkg.footers["default"], out, odd=True)
    if even_odd and "even" in pkg.footers:
        _footer(pkg, "even", pkg.footers["even"], out, odd=False)
    else:
        out.result(
            C.PAGE_NUMBER_SIDE,
            False,
            "no separate even-page footer (w:evenAndOddHeaders): even pages cannot"
            " number on the left",
            measured="one footer for all pages",
            expected="odd right, even left",
        )


def _body_paragraphs(pkg: Package, paras: list[etree._Element]) -> list[etree._Element]:
    skip = {"Title", "Signature", "DocDate", "Recipients"}
    out = []
    for p in paras:
        text = re.sub(r"\s+", "", para_text(p))
        if not text or _para_style(pkg, p) in skip or pat.DATE_LOOSE.match(text):
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
    paras = list(pkg.document.iter(_w("p")))
    body = _body_paragraphs(pkg, paras)
    out = Findings()
    _page(pkg, out)
    _grid(pkg, body, out)
    _body(pkg, body, out)
    _title(pkg, paras, out)
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
        try:
            pdf = convert_to_pdf(path, Path(tmp), fontconfig=fontconfig)
        except LibreOfficeError as exc:
            return _not_rendered(path, f"LibreOffice could not convert it: {exc}")
        report = check_pdf(pdf, kind)
    report.path = str(path)
    fonts = "the given font configuration" if fontconfig else "this machine's fonts"
    report.notes.append(f"laid out by LibreOffice with {fonts}; positions are LibreOffice's")
    return report


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
