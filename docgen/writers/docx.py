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
  character advances 15.75 pt and 28 take 441 pt of the 442.25-pt line; a 29th does not
  fit.  Word applies ``w:spacing`` after every character exactly as LibreOffice does, and
  both measure the line the same way, so both break after 28 characters.
* Widow/orphan control is off (it would move lines and leave 21-line pages), full-width
  punctuation is not compressed (``doNotCompress``), and kinsoku is on.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Twips
from reportlab.pdfbase.pdfmetrics import stringWidth

from docgen import standard as gb
from docgen.document.model import HEADING_STYLES, Document, Paragraph, Run, Signature, Style
from docgen.fonts.roles import OFFICIAL_NAMES, STYLE_ROLE, Role, docx_family
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
# centre is 7.56 pt above the footer distance (tests/test_libreoffice.py re-measures it).
# Word draws the official 宋体 (SimSun, descent 0.141 em) and should land within ~0.5 mm.
DASH_ABOVE_FOOTER_DISTANCE_PT = 7.56
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
# Word names built-in styles in English in the file and shows them localized: a custom
# style literally named "正文" or "标题" would clash in Chinese Word with the built-in
# Normal (shown as 正文) and Title (shown as 标题), and Word renames one of them.  So the
# 正文, 标题 and 页码 roles are the built-ins; all other roles are custom styles named in
# Chinese.  STYLE_NAMES maps each role to the w:name in styles.xml.
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
    "署名": "Signature",
    "成文日期": "DocDate",
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


def _body_para(**changes) -> x.ParaProps:
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


def _style_defs() -> list[x.StyleDef]:
    body_run = x.RunProps(
        fonts=_fonts(Role.FANGSONG), spacing_twips=BODY_SPACING, size_pt=gb.BODY_SIZE_PT
    )
    sid = STYLE_IDS
    defs = [
        x.StyleDef(
            "paragraph",
            sid["正文"],
            "Normal",
            custom=False,
            default=True,
            para=_body_para(),
            run=body_run,
        ),
        x.StyleDef(
            "character",
            "DefaultParagraphFont",
            "Default Paragraph Font",
            custom=False,
            default=True,
            ui_priority=1,
        ),
        x.StyleDef(
            "paragraph",
            sid["标题"],
            "Title",
            based_on=sid["正文"],
            next_style=sid["正文"],
            custom=False,
            ui_priority=10,
            para=_body_para(indent=x.Indent(), justify="center", keep_next=True),
            run=x.RunProps(
                fonts=_fonts(Role.XIAOBIAOSONG), spacing_twips=0, size_pt=gb.TITLE_SIZE_PT
            ),
        ),
        x.StyleDef(
            "paragraph",
            sid["主送机关"],
            "主送机关",
            based_on=sid["正文"],
            next_style=sid["正文"],
            para=_body_para(indent=x.Indent(), keep_next=True),
        ),
        x.StyleDef(
            "paragraph",
            sid["署名"],
            "署名",
            based_on=sid["正文"],
            para=_body_para(indent=x.Indent(), justify="right", keep_next=True),
        ),
        x.StyleDef(
            "paragraph",
            sid["成文日期"],
            "成文日期",
            based_on=sid["正文"],
            para=_body_para(indent=x.Indent(), justify="right"),
        ),
        x.StyleDef(
            "character",
            sid["着重"],
            "着重",
            based_on="DefaultParagraphFont",
            run=x.RunProps(fonts=_fonts(STYLE_ROLE[Style.EMPHASIS])),
        ),
        x.StyleDef(
            "character",
            sid["页码"],
            "page number",
            based_on="DefaultParagraphFont",
            custom=False,
            run=x.RunProps(fonts=PAGE_NUMBER_FONTS, spacing_twips=0, size_pt=PAGE_NUMBER_SIZE_PT),
        ),
        *_page_number_styles(),
    ]
    for level, (label, style) in enumerate(zip(_HEADING_LABELS, HEADING_STYLES, strict=True)):
        defs += _heading_styles(label, level, _fonts(STYLE_ROLE[style]))
    return defs


def _heading_styles(label: str, level: int, fonts: x.Fonts) -> list[x.StyleDef]:
    """一级标题 … as a paragraph style (heading on its own line, with an outline level) and
    a linked character style (heading opening a paragraph inline)."""
    para_id, char_id = STYLE_IDS[label], STYLE_IDS[label + "字符"]
    return [
        x.StyleDef(
            "paragraph",
            para_id,
            label,
            based_on=STYLE_IDS["正文"],
            next_style=STYLE_IDS["正文"],
            link=char_id,
            para=_body_para(keep_next=True, outline_level=level),
            run=x.RunProps(fonts=fonts),
        ),
        x.StyleDef(
            "character",
            char_id,
            label + "字符",
            based_on="DefaultParagraphFont",
            link=para_id,
            run=x.RunProps(fonts=fonts),
        ),
    ]


def _page_number_styles() -> list[x.StyleDef]:
    """§7.5: odd pages 居右空一字, even pages 居左空一字 (1 字 = one 4号 character)."""
    para = x.ParaProps(widow_control=False, snap_to_grid=False, single_spacing=True)
    run = x.RunProps(fonts=PAGE_NUMBER_FONTS, spacing_twips=0, size_pt=PAGE_NUMBER_SIZE_PT)
    odd = x.ParaProps(
        **(vars(para) | {"indent": x.Indent(right=PAGE_NUMBER_CHAR), "justify": "right"})
    )
    even = x.ParaProps(
        **(vars(para) | {"indent": x.Indent(left=PAGE_NUMBER_CHAR), "justify": "left"})
    )
    return [
        x.StyleDef("paragraph", STYLE_IDS["奇数页页码"], "奇数页页码", para=odd, run=run),
        x.StyleDef("paragraph", STYLE_IDS["偶数页页码"], "偶数页页码", para=even, run=run),
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
    slightly off moves a line a little but can never wrap it.
    """
    spacing = BODY_SPACING / TWIPS_PER_PT
    issuer_w = round(text_width_pt(sig.issuer, spacing_pt=spacing) * TWIPS_PER_PT)
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


def _run_props(run: Run) -> x.RunProps:
    style = None
    if run.style in HEADING_STYLES:
        style = STYLE_IDS[_HEADING_LABELS[HEADING_STYLES.index(run.style)] + "字符"]
    elif run.style == Style.EMPHASIS:
        style = STYLE_IDS["着重"]
    return x.RunProps(style=style, fonts=_fonts(STYLE_ROLE[run.style]), hint_east_asia=True)


def _body_paragraph(par: Paragraph) -> BaseOxmlElement:
    level = par.heading_level
    if level:  # a heading on its own line: the paragraph style carries the font
        run = par.runs[0]
        props = x.RunProps(fonts=_fonts(STYLE_ROLE[run.style]), hint_east_asia=True)
        style = STYLE_IDS[_HEADING_LABELS[level - 1]]
        return x.paragraph(x.ParaProps(style=style), [x.text_run(run.text, props)])
    runs = [x.text_run(run.text, _run_props(run)) for run in par.runs]
    return x.paragraph(x.ParaProps(), runs)


def _title(lines: Iterable[str]) -> BaseOxmlElement:
    """§7.3.1: 2号小标宋, centred; the given lines separated by line breaks."""
    props = x.RunProps(fonts=_fonts(Role.XIAOBIAOSONG), hint_east_asia=True)
    runs: list[BaseOxmlElement] = []
    for i, line in enumerate(lines):
        if i:
            runs.append(x.break_run(props))
        runs.append(x.text_run(line, props))
    return x.paragraph(x.ParaProps(style=STYLE_IDS["标题"]), runs)


def recipients_text(recipients: Iterable[str]) -> str:
    """§7.3.2: names joined by 、, a full-width colon after the last."""
    text = "、".join(r.strip().rstrip("：:") for r in recipients)
    return f"{text}：" if text else ""


def _blank() -> BaseOxmlElement:
    return x.paragraph(x.ParaProps())


def _plain(text: str, para: x.ParaProps, role: Role = Role.FANGSONG) -> BaseOxmlElement:
    props = x.RunProps(fonts=_fonts(role), hint_east_asia=True)
    return x.paragraph(para, [x.text_run(text, props)])


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
            _plain(doc.signature.issuer, layout.issuer),
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


def _set_footer(footer, style_label: str) -> None:
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
    app = Part(
        PackURI("/docProps/app.xml"),
        CT.OFC_EXTENDED_PROPERTIES,
        _APP_XML.encode("utf-8"),
        document.part.package,
    )
    document.part.package.relate_to(app, RT.EXTENDED_PROPERTIES)


_APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>docgen</Application></Properties>"
)

_FONT_CT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"


def _font_names() -> list[tuple[str, bool]]:
    """(family, East Asian) for every family a run or style names."""
    cjk = [
        docx_family(role)
        for role in (Role.FANGSONG, Role.KAITI, Role.HEITI, Role.SONGTI, Role.XIAOBIAOSONG)
    ]
    return [(LATIN, False), *((name, True) for name in cjk)]


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
    names = sorted(
        source.namelist(),
        key=lambda n: (
            n not in _FIRST_ENTRIES,
            _FIRST_ENTRIES.index(n) if n in _FIRST_ENTRIES else 0,
            n,
        ),
    )
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
    return document


def write_docx(
    doc: Document,
    title_lines: tuple[str, ...],
    path: Path,
    *,
    embed_fonts: dict[str, Path] | None = None,
) -> None:
    """Write ``doc`` as a GB/T 9704 DOCX; ``embed_fonts`` maps family names to font files
    to embed (obfuscated, ECMA-376) so the file shows them where they are not installed."""
    buffer = BytesIO()
    build_docx(doc, title_lines, embed_fonts).save(buffer)
    path.write_bytes(deterministic_zip(buffer.getvalue()))
