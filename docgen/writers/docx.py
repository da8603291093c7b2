"""DOCX writer: the document model as an editable GB/T 9704-2012 Word file.

Every figure comes from :mod:`docgen.standard`; the OOXML beyond python-docx's API is built
by the schema-ordered helpers in :mod:`docgen.writers.docx_xml`.

How the page gets 28 characters × 22 lines, in LibreOffice and in Word
----------------------------------------------------------------------
* Lines: a *line-only* document grid (``w:docGrid w:type="lines"``) with a pitch of
  ⌊版心 height / 22⌋ = 579 twips (28.95 pt).  Body paragraphs use single line spacing and
  snap to the grid, so each line takes exactly one grid row: 22 × 579 = 12738 twips fits
  the 12756-twip 版心 and a 23rd does not.  LibreOffice imports this as its "lines only"
  text grid and snaps every line to it (measured).  Word does the same for this grid type:
  a line whose single-spaced height (≈1.0–1.3 em of 16 pt type, under 28.95 pt) fits one
  row takes one row, and Word computes "lines per page" as ⌊12756 / 579⌋ = 22.
* Characters: *not* Word's character grid (``linesAndChars``): LibreOffice gives a 16 pt
  glyph wider than a grid cell two cells (14 characters a line, measured).  Instead body
  runs are condensed by ⌊(156 mm / 28 − 16 pt) × 20⌋ = −5 twentieths (−0.25 pt), so one
  character advances 15.75 pt and 28 take 441 pt of the 442.2-pt line; a 29th does not
  fit.  Word applies ``w:spacing`` after every character exactly as LibreOffice does, and
  both measure the line the same way, so both break after 28 characters.
* Widow/orphan control is off (it would move lines and leave 21-line pages), full-width
  punctuation is not compressed (``doNotCompress``), and kinsoku is on.

Measured in LibreOffice 7.4 (tests/test_libreoffice.py): 28 characters on full lines
(fewer only where kinsoku pushed one down), 22 lines on full pages, lines from 28.05 to
183.5–184.0 mm.  LibreOffice centres each line's own height in its grid row, so a line
holding Latin letters or digits (Liberation Serif: taller than the Fandol faces) sits
~0.28 mm higher than a pure CJK line; exact line spacing instead of the grid would fix
that but gave only 21 lines a page.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, replace
from io import BytesIO
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import _Footer
from docx.shared import Twips
from reportlab.pdfbase.pdfmetrics import stringWidth

from docgen import standard as gb
from docgen.document.model import HEADING_STYLES, Document, Paragraph, Signature, Style
from docgen.fonts.roles import CJK_ROLES, OFFICIAL_NAMES, STYLE_ROLE, Role, docx_family
from docgen.writers import docx_xml as x

TWIPS_PER_PT = 20


def _twips(mm: float) -> int:
    return round(gb.mm_to_pt(mm) * TWIPS_PER_PT)


# ---- Page and grid (§5.2) -----------------------------------------------------------
PAGE_WIDTH = _twips(gb.fig("page_width"))  # 11906
PAGE_HEIGHT = _twips(gb.fig("page_height"))  # 16838
MARGIN_LEFT = _twips(gb.fig("margin_left"))  # 订口 28 mm
MARGIN_TOP = _twips(gb.fig("margin_top"))  # 天头 37 mm
MARGIN_RIGHT = PAGE_WIDTH - MARGIN_LEFT - _twips(gb.fig("block_width"))  # 26 mm
MARGIN_BOTTOM = PAGE_HEIGHT - MARGIN_TOP - _twips(gb.fig("block_height"))  # 35 mm
BLOCK_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT
LINE_PITCH = math.floor((PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM) / gb.LINES_PER_PAGE)
# Condensing that makes 28 body characters fit the line (see the module docstring).
BODY_SPACING = math.floor((gb.CHAR_PITCH_PT - gb.BODY_SIZE_PT) * TWIPS_PER_PT)
BODY_CHAR_PT = gb.BODY_SIZE_PT + BODY_SPACING / TWIPS_PER_PT  # 1 字 of body text: 15.75 pt
BODY_CHAR = round(BODY_CHAR_PT * TWIPS_PER_PT)
PAGE_NUMBER_SIZE_PT = gb.fig("page_number_size")
PAGE_NUMBER_CHAR = round(PAGE_NUMBER_SIZE_PT * TWIPS_PER_PT)  # 1 字 of the 4号 page number

# ---- Page-number footer (§7.5) ------------------------------------------------------
# "一字线距版心下边缘7mm": the dash centre sits 7 mm below the 版心, 28 mm above the page
# bottom.  The footer distance is the gap from the page bottom to the footer paragraph's
# lower edge; the dash centre sits that paragraph's descent plus the dash's height above
# its baseline higher.  Measured in LibreOffice 7.4 with FandolSong at 14 pt: the dash
# centre is 8.11 pt above the footer distance (tests/test_libreoffice.py re-measures it).
# Word draws the official 宋体 (SimSun, descent 0.141 em instead of FandolSong's 0.2):
# estimated ~0.3 mm lower there, inside the ±1 mm tolerance (not measured: no Word here).
DASH_ABOVE_FOOTER_DISTANCE_PT = 8.11
_DASH_FROM_BOTTOM_PT = gb.PAGE_HEIGHT_PT - (
    gb.BLOCK_BOTTOM_PT + gb.mm_to_pt(gb.fig("page_number_gap"))
)
FOOTER_DISTANCE = round((_DASH_FROM_BOTTOM_PT - DASH_ABOVE_FOOTER_DISTANCE_PT) * TWIPS_PER_PT)
HEADER_DISTANCE = _twips(15)  # no header is drawn; any value inside the top margin

# ---- Spacing LibreOffice adds between CJK and Latin/digits ------------------------
# LibreOffice always applies "autospace" around runs of Latin letters and digits inside
# CJK text (it ignores w:autoSpaceDE/DN); Word applies the same by default.  Measured in
# LibreOffice 7.4 at 16 pt: the gap per CJK↔Latin boundary, in em.
AUTOSPACE_EM = 0.2

LATIN = docx_family(Role.LATIN)  # "Times New Roman": half-width digits and Latin letters
LANG_EAST_ASIA = "zh-CN"
PAGE_NUMBER_DASH = "\u2014"  # 一字线

# ---- Styles -------------------------------------------------------------------------
# Word stores built-in styles under English names and shows them localized: Chinese Word
# shows Normal as 正文, Title as 标题 and "page number" as 页码, and keeps style names
# unique, so custom styles literally named 正文/标题/页码 would clash with them.  Those
# three roles are therefore the built-ins; every other role is a custom style named in
# Chinese.  STYLE_NAMES maps each role to its w:name in styles.xml.
STYLE_IDS = {
    "正文": "Normal",
    "标题": "Title",
    "主送机关": "Recipients",
    "一级标题": "Heading1Gw",
    "二级标题": "Heading2Gw",
    "三级标题": "Heading3Gw",
    "四级标题": "Heading4Gw",
    "一级标题字符": "Heading1GwChar",
    "二级标题字符": "Heading2GwChar",
    "三级标题字符": "Heading3GwChar",
    "四级标题字符": "Heading4GwChar",
    "着重": "EmphasisGw",
    "署名": "SignatureGw",
    "成文日期": "DocDateGw",
    "页码": "PageNumber",
    "奇数页页码": "PageNumberOdd",
    "偶数页页码": "PageNumberEven",
}
_BUILT_IN_NAMES = {"正文": "Normal", "标题": "Title", "页码": "page number"}
STYLE_NAMES = {role: _BUILT_IN_NAMES.get(role, role) for role in STYLE_IDS}
_HEADING_LABELS = ("一级标题", "二级标题", "三级标题", "四级标题")


def _fonts(role: Role) -> x.Fonts:
    """Body-text fonts: the role's official CJK family, Times New Roman for Latin."""
    return x.Fonts(latin=LATIN, east_asia=docx_family(role))


PAGE_NUMBER_FONTS = x.Fonts(latin=docx_family(Role.SONGTI), east_asia=docx_family(Role.SONGTI))


def _body_para(**changes: object) -> x.ParaProps:
    """正文 paragraph: indented 2 字, justified, on the grid, no widow control."""
    base = {
        "widow_control": False,
        "kinsoku": True,
        # LibreOffice 7.4's DOCX import reads w:overflowPunct inverted: "1" keeps line-end
        # punctuation inside the 版心, "0" (and the element's absence) hangs it 1 字 past
        # the margin (measured).  Word reads "1" as the standard says (hanging allowed),
        # which is also Word's own default, so Word may hang a final ，。 — the one
        # setting cannot keep punctuation inside the block in both.  We choose the
        # LibreOffice rendering that the tests measure; Word users keep Word's default.
        "overflow_punct": True,
        "snap_to_grid": True,
        "single_spacing": True,
        "indent": x.Indent(first_line=2 * BODY_CHAR),
        "justify": "both",
    }
    return x.ParaProps(**(base | changes))


def _role_style(label: str, para: x.ParaProps, role: Role = Role.FANGSONG) -> x.StyleDef:
    """A custom paragraph style named after its 公文 role, based on 正文 (Normal)."""
    normal, run = STYLE_IDS["正文"], x.RunProps(fonts=_fonts(role))
    return x.StyleDef("paragraph", STYLE_IDS[label], label, based_on=normal, para=para, run=run)


def _built_in_styles() -> list[x.StyleDef]:
    """正文 (Normal), 标题 (Title), 页码 (page number) and the default character style."""
    body_run = x.RunProps(
        fonts=_fonts(Role.FANGSONG), spacing_twips=BODY_SPACING, size_pt=gb.BODY_SIZE_PT
    )
    title_run = x.RunProps(
        fonts=_fonts(Role.XIAOBIAOSONG), spacing_twips=0, size_pt=gb.TITLE_SIZE_PT
    )
    title_para = _body_para(indent=x.Indent(), justify="center", keep_next=True)
    page_number_run = x.RunProps(
        fonts=PAGE_NUMBER_FONTS, spacing_twips=0, size_pt=PAGE_NUMBER_SIZE_PT
    )
    sid, default_font = STYLE_IDS, "DefaultParagraphFont"
    return [
        x.StyleDef("paragraph", sid["正文"], "Normal", custom=False, default=True,
                   para=_body_para(), run=body_run),
        x.StyleDef("character", default_font, "Default Paragraph Font", custom=False,
                   default=True, ui_priority=1),
        x.StyleDef("paragraph", sid["标题"], "Title", based_on=sid["正文"],
                   next_style=sid["正文"], custom=False, para=title_para, run=title_run),
        x.StyleDef("character", sid["页码"], "page number", based_on=default_font,
                   custom=False, run=page_number_run),
    ]  # fmt: skip


def _style_defs() -> list[x.StyleDef]:
    flush = x.Indent()
    defs = [
        *_built_in_styles(),
        _role_style("主送机关", _body_para(indent=flush, keep_next=True)),
        _role_style("署名", _body_para(indent=flush, justify="right", keep_next=True)),
        _role_style("成文日期", _body_para(indent=flush, justify="right")),
        x.StyleDef("character", STYLE_IDS["着重"], "着重", based_on="DefaultParagraphFont",
                   run=x.RunProps(fonts=_fonts(STYLE_ROLE[Style.EMPHASIS]))),
        *_page_number_styles(),
    ]  # fmt: skip
    for level, (label, style) in enumerate(zip(_HEADING_LABELS, HEADING_STYLES, strict=True)):
        defs += _heading_styles(label, level, STYLE_ROLE[style])
    return defs


def _heading_styles(label: str, level: int, role: Role) -> list[x.StyleDef]:
    """一级标题 … as a paragraph style (heading on its own line, with an outline level) and
    a linked character style (heading opening a paragraph inline)."""
    para_id, char_id = STYLE_IDS[label], STYLE_IDS[label + "字符"]
    para, fonts = _body_para(keep_next=True, outline_level=level), _fonts(role)
    return [
        replace(_role_style(label, para, role), link=char_id),
        x.StyleDef("character", char_id, label + "字符", based_on="DefaultParagraphFont",
                   link=para_id, run=x.RunProps(fonts=fonts)),
    ]  # fmt: skip


def _page_number_styles() -> list[x.StyleDef]:
    """§7.5: odd pages 居右空一字, even pages 居左空一字 (1 字 = one 4号 character).

    Off the grid (``snapToGrid`` 0): the footer distance alone places the number."""
    para = x.ParaProps(widow_control=False, snap_to_grid=False, single_spacing=True)
    run = x.RunProps(fonts=PAGE_NUMBER_FONTS, spacing_twips=0, size_pt=PAGE_NUMBER_SIZE_PT)
    odd = replace(para, indent=x.Indent(right=PAGE_NUMBER_CHAR), justify="right")
    even = replace(para, indent=x.Indent(left=PAGE_NUMBER_CHAR), justify="left")
    return [
        x.StyleDef("paragraph", STYLE_IDS[label], label, para=props, run=run)
        for label, props in (("奇数页页码", odd), ("偶数页页码", even))
    ]


# ---- Widths (for the 署名/成文日期 arrangement) ---------------------------------------


def _is_half_width(ch: str) -> bool:
    return ch.isascii()


def text_width_pt(text: str, size_pt: float = gb.BODY_SIZE_PT, spacing_pt: float = 0.0) -> float:
    """Advance width of one line of text as LibreOffice and Word set it.

    CJK characters are one em; half-width digits and letters take Times New Roman's
    advances (reportlab's Times-Roman metrics, which Times New Roman and its metric clones
    share: digits are ½ em); every character carries the run's character spacing, and
    each CJK↔Latin boundary adds the renderers' autospace.
    """
    width = 0.0
    for i, ch in enumerate(text):
        half = _is_half_width(ch)
        width += (stringWidth(ch, "Times-Roman", size_pt) if half else size_pt) + spacing_pt
        if i and half != _is_half_width(text[i - 1]):
            width += AUTOSPACE_EM * size_pt
    return width


@dataclass(frozen=True)
class SignatureLayout:
    issuer: x.ParaProps
    date: x.ParaProps


def signature_layout(sig: Signature) -> SignatureLayout:
    """§7.3.5.2 (no seal): 署名 右空二字; the date on the next line starts 2 字 right of the
    署名's first character.  If the date is longer than the 署名, the date is 右空二字 and
    the 署名 moves left so the date still starts 2 字 right of it.

    Both lines are right-aligned with computed right indents, so a width estimate that is
    slightly off moves a line a little but can never wrap it.  Joint issuers stand one a
    line, lead issuer first, right-aligned together; the widest counts as "the 署名".
    """
    spacing = BODY_SPACING / TWIPS_PER_PT
    issuer_w = max(round(text_width_pt(i, spacing_pt=spacing) * TWIPS_PER_PT) for i in sig.issuers)
    date_w = round(text_width_pt(sig.date, spacing_pt=spacing) * TWIPS_PER_PT)
    inset = round(gb.fig("signature_right")) * BODY_CHAR
    shift = round(gb.fig("date_shift")) * BODY_CHAR
    if date_w <= issuer_w:
        issuer_right, date_right = inset, inset + issuer_w - shift - date_w
    else:
        issuer_right, date_right = inset + date_w + shift - issuer_w, inset
    return SignatureLayout(
        issuer=x.ParaProps(style=STYLE_IDS["署名"], indent=x.Indent(right=issuer_right)),
        date=x.ParaProps(style=STYLE_IDS["成文日期"], indent=x.Indent(right=date_right)),
    )


# ---- Body ---------------------------------------------------------------------------


def _char_style(style: Style) -> str | None:
    if style in HEADING_STYLES:
        return STYLE_IDS[_HEADING_LABELS[HEADING_STYLES.index(style)] + "字符"]
    if style == Style.EMPHASIS:
        return STYLE_IDS["着重"]
    return None


def _is_ambiguous(ch: str) -> bool:
    """East Asian Width "A": “”‘’—…·°×※ … full width in Chinese text, but shared with
    Latin text, so a renderer may give them the Latin font."""
    return not ch.isascii() and unicodedata.east_asian_width(ch) == "A"


def _latin_in_libreoffice(segment: str, before: str) -> bool:
    """Whether LibreOffice sets a run of ambiguous characters in the Latin font.

    LibreOffice gives a shared character the script of the character before it (the ”
    of “X” follows X: Latin) and always treats Latin-1 signs (· ° ×) as Latin; it ignores
    w:hint.  Elsewhere the shared characters follow CJK text and take the East Asian font.
    """
    return before.isascii() or any(ord(ch) < 0x100 for ch in segment)


def text_runs(text: str, role: Role, char_style: str | None = None) -> list[BaseOxmlElement]:
    """Runs for ``text`` in ``role``'s font, half-width letters and digits in Times New Roman.

    Shared punctuation that LibreOffice would set in the Latin font (half width: the
    closing quote of “X” came out 2.5 mm wide) gets a run naming the CJK family in every
    slot.  Only those: a run boundary between CJK characters costs LibreOffice a little
    width (measured: a 26-character first line lost a character when every quote mark had
    its own run).  Word draws all of them in the East Asian font anyway (w:hint).
    """
    runs, before = [], ""
    for ambiguous, chars in itertools.groupby(text, key=_is_ambiguous):
        segment = "".join(chars)
        cjk_only = ambiguous and _latin_in_libreoffice(segment, before[-1:] or "a")
        east_asia = docx_family(role)
        fonts = x.Fonts(latin=east_asia if cjk_only else LATIN, east_asia=east_asia)
        props = x.RunProps(style=char_style, fonts=fonts, hint_east_asia=True)
        if runs and not cjk_only and not runs[-1][0]:
            runs[-1] = (False, runs[-1][1] + segment, props)
        else:
            runs.append((cjk_only, segment, props))
        before = segment
    return [x.text_run(segment, props) for _, segment, props in runs]


def _body_paragraph(par: Paragraph) -> BaseOxmlElement:
    level = par.heading_level
    if level:  # a heading on its own line: the paragraph style carries the font
        run = par.runs[0]
        style = STYLE_IDS[_HEADING_LABELS[level - 1]]
        return x.paragraph(x.ParaProps(style=style), text_runs(run.text, STYLE_ROLE[run.style]))
    runs = []
    for run in par.runs:
        runs += text_runs(run.text, STYLE_ROLE[run.style], _char_style(run.style))
    return x.paragraph(x.ParaProps(), runs)


def _title(lines: Iterable[str]) -> BaseOxmlElement:
    """§7.3.1: 2号小标宋, centred; the given lines separated by line breaks."""
    props = x.RunProps(fonts=_fonts(Role.XIAOBIAOSONG), hint_east_asia=True)
    runs: list[BaseOxmlElement] = []
    for i, line in enumerate(lines):
        if i:
            runs.append(x.break_run(props))
        runs += text_runs(line, Role.XIAOBIAOSONG)
    return x.paragraph(x.ParaProps(style=STYLE_IDS["标题"]), runs)


def recipients_text(recipients: Iterable[str]) -> str:
    """§7.3.2: names joined by 、, a full-width colon after the last."""
    text = "、".join(r.strip().rstrip("：:") for r in recipients)
    return f"{text}：" if text else ""


def _blank() -> BaseOxmlElement:
    return x.paragraph(x.ParaProps())


def _plain(text: str, para: x.ParaProps, role: Role = Role.FANGSONG) -> BaseOxmlElement:
    return x.paragraph(para, text_runs(text, role))


def _content(doc: Document, title_lines: tuple[str, ...]) -> list[BaseOxmlElement]:
    out = [_title(title_lines), _blank()]  # §7.3.2: 主送机关 1 行 below the title
    if doc.recipients:
        out.append(
            _plain(recipients_text(doc.recipients), x.ParaProps(style=STYLE_IDS["主送机关"]))
        )
    out += [_body_paragraph(par) for par in doc.body]
    if doc.signature:
        layout = signature_layout(doc.signature)
        out += [
            _blank(),  # §7.3.5.2: 署名 1 行 below the body
            *(_plain(issuer, layout.issuer) for issuer in doc.signature.issuers),
            _plain(doc.signature.date, layout.date),
        ]
    return out


# ---- Footers ------------------------------------------------------------------------


def _page_number_paragraph(style_label: str) -> BaseOxmlElement:
    """ "— N —": U+2014 一字线, a space, the PAGE field, a space, 一字线 (§7.5)."""
    props = x.RunProps(style=STYLE_IDS["页码"], fonts=PAGE_NUMBER_FONTS, hint_east_asia=True)
    runs = [
        x.text_run(f"{PAGE_NUMBER_DASH} ", props),
        *x.field_runs("PAGE", "1", props),
        x.text_run(f" {PAGE_NUMBER_DASH}", props),
    ]
    return x.paragraph(x.ParaProps(style=STYLE_IDS[style_label]), runs)


def _set_footer(footer: _Footer, style_label: str) -> None:
    footer.is_linked_to_previous = False
    x.replace_children(footer._element, [_page_number_paragraph(style_label)])


# ---- Package ------------------------------------------------------------------------

_DROPPED_RELS = {
    RT.THEME,  # no theme: nothing may resolve to a theme font
    RT.CUSTOM_XML,
    RT.WEB_SETTINGS,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
}


def _strip_template(document: DocxDocument) -> None:
    """Remove the default template's parts that carry theme fonts or nothing of ours."""
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype in _DROPPED_RELS:
            part.drop_rel(rid)
    package_rels = part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype in (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES):
            package_rels.pop(rid)


def _set_styles(document: DocxDocument) -> None:
    defaults = x.doc_defaults(
        x.RunProps(
            fonts=_fonts(Role.FANGSONG), size_pt=gb.BODY_SIZE_PT, lang_east_asia=LANG_EAST_ASIA
        ),
        x.ParaProps(widow_control=False, kinsoku=True, single_spacing=True),
    )
    x.replace_styles(document.styles.element, defaults, _style_defs())


def _set_section(document: DocxDocument, double_sided: bool) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
    section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.header_distance, section.footer_distance = (
        Twips(HEADER_DISTANCE),
        Twips(FOOTER_DISTANCE),
    )
    section.gutter = Twips(0)
    _set_footer(section.footer, "奇数页页码")
    if double_sided:
        _set_footer(section.even_page_footer, "偶数页页码")
    x.set_line_grid(section._sectPr, LINE_PITCH)


def _set_settings(document: DocxDocument, *, embed: bool, double_sided: bool) -> None:
    children = x.settings_children(embed_fonts=embed, even_and_odd=double_sided)
    x.replace_children(document.settings.element, children)


def _document_date(doc: Document) -> dt.datetime:
    """The 成文日期 at 00:00 UTC: fixed, so two builds give the same bytes."""
    match = re.search(
        r"(\d{4})年(\d{1,2})月(\d{1,2})日", doc.signature.date if doc.signature else ""
    )
    if not match:
        return dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
    year, month, day = map(int, match.groups())
    return dt.datetime(year, month, day, tzinfo=dt.UTC)


def _set_properties(document: DocxDocument, doc: Document) -> None:
    props = document.core_properties
    props.title = doc.meta.get("title", doc.title_text)
    props.author = doc.meta.get("author", doc.issuer)
    props.subject = doc.meta.get("subject", doc.kind)
    props.last_modified_by = props.author
    props.comments = props.keywords = props.category = ""
    props.revision = 1
    props.created = props.modified = _document_date(doc).replace(tzinfo=None)


def _set_app_properties(document: DocxDocument) -> None:
    """docProps/app.xml naming docgen (the template's names Microsoft Macintosh Word)."""
    package = document.part.package
    app_xml = _APP_XML.encode("utf-8")
    app = Part(PackURI("/docProps/app.xml"), CT.OFC_EXTENDED_PROPERTIES, app_xml, package)
    package.relate_to(app, RT.EXTENDED_PROPERTIES)


_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>docgen</Application></Properties>"
)

_FONT_CT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"


def _font_names() -> list[tuple[str, bool]]:
    """(family, East Asian) for every family a run or style names."""
    return [(LATIN, False), *((docx_family(role), True) for role in CJK_ROLES)]


def _alt_name(family: str) -> str | None:
    """A second official name Word may substitute (仿宋_GB2312 → 仿宋 on newer Windows)."""
    for names in OFFICIAL_NAMES.values():
        if names and names[0] == family:
            return next((n for n in names[1:] if not n.isascii() and "_" not in n), None)
    return None


def _set_font_table(document: DocxDocument, embed_fonts: dict[str, Path] | None) -> None:
    """Replace the template's font table with ours, embedding the fonts asked for."""
    doc_part = document.part
    for rid, rel in list(doc_part.rels.items()):
        if rel.reltype == RT.FONT_TABLE:
            doc_part.drop_rel(rid)
    table = XmlPart(
        PackURI("/word/fontTable.xml"), CT.WML_FONT_TABLE, x.font_table([]), doc_part.package
    )
    doc_part.relate_to(table, RT.FONT_TABLE)
    embed = dict(embed_fonts or {})
    names = _font_names()
    names += [(name, not name.isascii()) for name in embed if name not in dict(names)]
    for number, (name, east_asian) in enumerate(names, start=1):
        rid = key = None
        if name in embed:
            rid, key = _embed_font(table, embed[name], number)
        entry = x.FontEntry(name, east_asian, _alt_name(name), rid, key)
        table.element.append(entry.element())


def _embed_font(table: XmlPart, path: Path, number: int) -> tuple[str, str]:
    data = path.read_bytes()
    key = x.font_key(data)
    part = Part(
        PackURI(f"/word/fonts/font{number}.odttf"),
        _FONT_CT,
        x.obfuscate_font(data, key),
        table.package,
    )
    return table.relate_to(part, RT.FONT), key


# ---- Deterministic zip --------------------------------------------------------------
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_FIRST_ENTRIES = ("[Content_Types].xml", "_rels/.rels")


def deterministic_zip(data: bytes) -> bytes:
    """The same package with fixed timestamps, entry order and compression."""
    source = zipfile.ZipFile(BytesIO(data))
    rest = sorted(n for n in source.namelist() if n not in _FIRST_ENTRIES)
    names = [n for n in _FIRST_ENTRIES if n in source.namelist()] + rest
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(name), compresslevel=6)
    return out.getvalue()


# ---- Entry point --------------------------------------------------------------------


def build_docx(
    doc: Document, title_lines: tuple[str, ...], embed_fonts: dict[str, Path] | None = None
) -> DocxDocument:
    document = docx.Document()
    _strip_template(document)
    _set_styles(document)
    _set_settings(document, embed=bool(embed_fonts), double_sided=doc.double_sided)
    _set_font_table(document, embed_fonts)
    _set_section(document, doc.double_sided)
    body = document.element.body
    for element in _content(doc, title_lines):
        body._insert_p(element)
    _set_properties(document, doc)
    _set_app_properties(document)
    return document


def write_docx(
    doc: Document,
    title_lines: tuple[str, ...],
    path: Path,
    *,
    embed_fonts: dict[str, Path] | None = None,
) -> None:
    """Write ``doc`` as a GB/T 9704 DOCX at ``path``; ``title_lines`` are the title's lines.

    ``embed_fonts`` maps family names to font files (TrueType outlines) to embed,
    obfuscated per ECMA-376.  Key them by the names the document asks for —
    ``docx_family(role)``: 仿宋_GB2312, 黑体, 宋体, 方正小标宋简体, Times New Roman … —
    so the font serves that name where it is not installed: LibreOffice registers an
    embedded font under its font-table name (measured).  A key the document does not use
    is embedded under its own name and serves only that name.
    """
    buffer = BytesIO()
    build_docx(doc, title_lines, embed_fonts).save(buffer)
    path.write_bytes(deterministic_zip(buffer.getvalue()))
