"""DOCX writer: the document model as an editable GB/T 9704-2012 Word file.

Every figure comes from :mod:`docgen.standard`; the OOXML beyond python-docx's API is built
by the schema-ordered helpers in :mod:`docgen.writers.docx.xml`.

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

Every element of the PDF, from the layout's decisions
-----------------------------------------------------
The writer follows the plan of the layout the PDF is drawn from (:mod:`docgen.layout.plan`)
— the title's lines, the mark's size, the rows of the header parts and closing parts,
whether the 主送机关 moved to the 版记, each table's shape, where attachments and turned
tables start, and the 版记's page — but writes a flowing, editable document: paragraphs on
the grid, styles by role, tab stops and hanging indents for alignments, pictures and lines
anchored to the paragraphs they belong to.  Every text comes from the document model as
composed.  One module per element: header (版头, 信函, 命令, 纪要), body (title, body,
tables' placement, 附件 pages), table, closing (附件说明, 出席, 署名/日期/印章/签名章,
附注), colophon (版记), sections (page numbers, turned pages, the 信函's page 1).  The raw
OOXML is in xml*, measurements in units, python-docx's private members in internals.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from docgen.document.model import Document
from docgen.fonts.faces import Faces
from docgen.fonts.roles import CJK_ROLES, FALLBACK_ROLES, OFFICIAL_NAMES, docx_family
from docgen.layout import Layout
from docgen.standard.formats import Format
from docgen.writers import WriteOptions
from docgen.writers.docx import body as body
from docgen.writers.docx import closing as closing
from docgen.writers.docx import header as header
from docgen.writers.docx import xml as x
from docgen.writers.docx.closing import SignatureLayout, signature_layout
from docgen.writers.docx.colophon import colophon_items
from docgen.writers.docx.context import Context
from docgen.writers.docx.line_breaks import apply_line_breaks
from docgen.writers.docx.sections import Item, SectionEnd, SectionSpec, place_breaks, set_up
from docgen.writers.docx.styles import doc_defaults, style_defs
from docgen.writers.docx.text import LATIN, STYLE_IDS, STYLE_NAMES, blanks
from docgen.writers.docx.units import (
    BODY_CHAR,
    BODY_CHAR_PT,
    BODY_SPACING,
    LINE_PITCH,
    TWIPS_PER_PT,
    text_width_pt,
)

# ---- Content --------------------------------------------------------------------------


def _content(ctx: Context) -> tuple[list[Item], SectionSpec]:
    """The body's elements and section ends, and the spec of the last section."""
    doc, plan = ctx.doc, ctx.plan
    current = SectionSpec(letter_first_page=doc.format == Format.LETTER)
    tables = iter(plan.tables)
    items: list[Item] = []
    items += (
        header.letter_header(ctx) if doc.format == Format.LETTER else header.document_header(ctx)
    )
    if plan.title_lines:
        items += [body.title(plan.title_lines), *body.adopted(doc.adopted), *blanks(1)]
    items += [] if plan.recipients_moved else body.recipients(doc.recipients)
    moved = {text for scope, text in plan.headings_moved if scope == "body"}
    body_items, current = body.blocks(doc.body, tables, current, moved)
    items += body_items
    items += _kept(items, closing.attachment_note(doc.attachment_note))
    items += closing.attendees(doc.attendees, plan.attendees_start_page)
    if doc.signature:
        items += _kept(items, closing.signature(ctx, doc.signature))
    items += closing.note(doc.note)
    titles = iter(plan.attachment_titles)
    pages, current = body.attachment_pages(
        doc.attachments, tables, titles, current, plan.headings_moved
    )
    items += pages
    after_break = bool(items) and isinstance(items[-1], SectionEnd)
    colophon, current = colophon_items(ctx, current, after_break)
    return items + colophon, current


def _kept(items: list[Item], block: list[BaseOxmlElement]) -> list[BaseOxmlElement]:
    """``block``, with the paragraph before it kept with it (see closing.py)."""
    last = items[-1] if items else None
    if block and last is not None and not isinstance(last, SectionEnd) and last.tag == qn("w:p"):
        x.keep_with_next(last)
    return block


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


def _set_settings(document: DocxDocument, *, embed: bool, double_sided: bool) -> None:
    children = x.settings_children(embed_fonts=embed, even_and_odd=double_sided)
    x.replace_children(document.settings.element, children)


def _document_date(doc: Document) -> dt.datetime:
    """The 成文日期 at 00:00 UTC: fixed, so two builds give the same bytes."""
    day = doc.date or dt.date(1980, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def _set_properties(document: DocxDocument, doc: Document) -> None:
    props = document.core_properties
    # The core properties hold 255 characters at most (OPC); the text itself is whole.
    props.title = doc.meta.get("title", doc.title_text)[:255]
    props.author = doc.meta.get("author", doc.issuer)[:255]
    props.subject = doc.meta.get("subject", doc.kind)[:255]
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
    doc: Document, layout: Layout, embed_fonts: dict[str, Path] | None = None
) -> DocxDocument:
    document = docx.Document()
    _strip_template(document)
    x.replace_styles(document.styles.element, doc_defaults(), style_defs())
    _set_settings(document, embed=bool(embed_fonts), double_sided=doc.double_sided)
    _set_font_table(document, embed_fonts)
    ctx = Context(doc, layout.plan, lambda path: document.part.get_or_add_image(str(path))[0])
    items, last = _content(ctx)
    element = document.element.body
    specs = place_breaks(element, items, element.find(qn("w:sectPr")))
    plan = layout.plan
    apply_line_breaks(element, plan.inserts, plan.loosened, plan.squeezed)
    letter_lines = header.letter_lines(ctx) if doc.format == Format.LETTER else []
    set_up(
        document,
        [*specs, last],
        double_sided=doc.double_sided,
        ids=ctx.ids,
        letter_lines=letter_lines,
    )
    _set_properties(document, doc)
    _set_app_properties(document)
    return document


def write(
    doc: Document, layout: Layout, faces: Faces, target: BinaryIO, options: WriteOptions
) -> None:
    """The writer registry's entry: ``doc`` as a DOCX written to ``target``, fonts embedded
    when ``options`` ask for it (each cut to the document's characters)."""
    if not options.embed_fonts:
        target.write(docx_bytes(doc, layout))
        return
    with tempfile.TemporaryDirectory(prefix="docgen-fonts-") as folder:
        fonts = _font_subsets(faces, layout, Path(folder))
        target.write(docx_bytes(doc, layout, embed_fonts=fonts))


def _font_subsets(faces: Faces, layout: Layout, folder: Path) -> dict[str, Path]:
    """The fonts to embed, each cut to the document's characters, keyed by the family
    names the runs use (LibreOffice registers an embedded font under the name the
    document's font table gives it)."""
    from docgen.fonts.subset import subset_font

    chars = {g.ch for page in layout.pages for line in page.lines for g in line.glyphs}
    text = "".join(sorted(chars))
    out = {}
    for choice in faces.choices.values():
        if choice.role in FALLBACK_ROLES:
            continue
        target = folder / f"{choice.role.value}.ttf"
        out[docx_family(choice.role)] = subset_font(choice.path, text, target)
    return out


def write_docx(
    doc: Document,
    layout: Layout,
    path: Path,
    *,
    embed_fonts: dict[str, Path] | None = None,
) -> None:
    """Write ``doc`` as a GB/T 9704 DOCX at ``path``, following docgen's PDF ``layout``
    (:func:`docgen.layout.pages.lay_out`) in its decisions.

    ``embed_fonts`` maps family names to font files (TrueType outlines) to embed,
    obfuscated per ECMA-376.  Key them by the names the document asks for —
    ``docx_family(role)``: 仿宋_GB2312, 黑体, 宋体, 方正小标宋简体, Times New Roman … —
    so the font serves that name where it is not installed: LibreOffice registers an
    embedded font under its font-table name (measured).  A key the document does not use
    is embedded under its own name and serves only that name.
    """
    path.write_bytes(docx_bytes(doc, layout, embed_fonts=embed_fonts))


def docx_bytes(
    doc: Document, layout: Layout, *, embed_fonts: dict[str, Path] | None = None
) -> bytes:
    """The DOCX's bytes (see :func:`write_docx`)."""
    buffer = BytesIO()
    build_docx(doc, layout, embed_fonts).save(buffer)
    return deterministic_zip(buffer.getvalue())


__all__ = [
    "BODY_CHAR",
    "BODY_CHAR_PT",
    "BODY_SPACING",
    "LINE_PITCH",
    "STYLE_IDS",
    "STYLE_NAMES",
    "TWIPS_PER_PT",
    "SignatureLayout",
    "build_docx",
    "deterministic_zip",
    "signature_layout",
    "text_width_pt",
    "write_docx",
]
