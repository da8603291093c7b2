"""The whole document on pages: header, title, body, closing parts, attachments, 版记."""

from __future__ import annotations

from msgspec.structs import replace

from docgen.document.model import Attachment, Block, Document, Table
from docgen.fonts.faces import Faces
from docgen.fonts.roles import Role
from docgen.layout import closing, colophon, grid, header, table
from docgen.layout.flow import Flow
from docgen.layout.model import Glyph, Layout, OutlineEntry, Page, TextLine
from docgen.layout.text import Setter
from docgen.layout.title import break_title
from docgen.standard import (
    BLOCK_CENTRE_PT,
    BLOCK_LEFT_PT,
    BLOCK_RIGHT_PT,
    BLOCK_WIDTH_PT,
    BODY_SIZE_PT,
    LINES_PER_PAGE,
    TITLE_SIZE_PT,
    fig,
)


def title_lines(doc: Document) -> tuple[str, ...]:
    if not doc.title:
        return ()
    if doc.title_breaks_given:
        return doc.title
    return _break(doc.title_text)


def _break(title: str) -> tuple[str, ...]:
    """A 2号 title in balanced lines that fit the 版心 (§7.3.1)."""
    return break_title(title, int(BLOCK_WIDTH_PT // TITLE_SIZE_PT))


def _title(flow: Flow, setter: Setter, lines: tuple[str, ...], kind: str = "title") -> None:
    for text in lines:
        placed = setter.plain(text, Role.XIAOBIAOSONG, TITLE_SIZE_PT)
        left = BLOCK_CENTRE_PT - setter.width(placed, TITLE_SIZE_PT) / 2
        flow.line(placed, kind, TITLE_SIZE_PT, left)


def _recipients(flow: Flow, setter: Setter, doc: Document) -> tuple[str, ...]:
    """主送机关, flush left; moved to the 版记 when they would leave page 1 without body
    text (§7.3.2).  Returns the recipients that go to the 版记."""
    if not doc.recipients:
        return ()
    text = "、".join(doc.recipients) + "："
    lines = setter.wrap(text, Role.FANGSONG)
    if len(flow.pages) == 1 and flow.row + len(lines) >= LINES_PER_PAGE:
        return doc.recipients
    for placed in lines:
        flow.line(placed, "recipients")
    return ()


def _paragraphs(flow: Flow, setter: Setter, body: tuple[Block, ...]) -> list[OutlineEntry]:
    outline = []
    indent = grid.indent(fig("paragraph_indent"))
    for paragraph in body:
        if isinstance(paragraph, Table):
            table.set_table(flow, setter, paragraph)
            continue
        if paragraph.heading_level and flow.room() == 1:
            flow.new_page()  # a heading on its own line never ends a page (keep with next)
        roles = [r for run in paragraph.runs for r in [Role.of(run.style.typeface)] * len(run.text)]
        for n, placed in enumerate(setter.wrap(paragraph.text, roles, first_indent=indent)):
            line = flow.line(placed, "body")
            if n == 0 and paragraph.outline:
                level, text = paragraph.outline
                outline.append(OutlineEntry(level, text, flow.page_index, line.baseline))
    return outline


def _attachment_pages(flow: Flow, setter: Setter, items: tuple[Attachment, ...]) -> None:
    """附件: a new page, 附件N in 黑体 on row 1, the title centred on row 3 (§7.3.7)."""
    for item in items:
        if not item.body:
            continue
        first = item.body[0]
        if isinstance(first, Table) and not table.fits_portrait(setter, first):
            # A turned table carries the label and title on its own turned page.
            label = setter.plain(item.label, Role.HEITI)
            title = setter.plain(item.title, Role.XIAOBIAOSONG, TITLE_SIZE_PT)
            lead = [
                (label, "attachment-label", BODY_SIZE_PT, False),
                ([], "blank", BODY_SIZE_PT, False),
                (title, "attachment-title", TITLE_SIZE_PT, True),
                ([], "blank", BODY_SIZE_PT, False),
            ]
            table.set_table(flow, setter, first, lead)
            _paragraphs(flow, setter, item.body[1:])
            continue
        flow.new_page()
        flow.line(setter.plain(item.label, Role.HEITI), "attachment-label")
        flow.skip(1)
        _title(flow, setter, _break(item.title), "attachment-title")
        flow.skip(1)
        _paragraphs(flow, setter, item.body)


def _page_numbers(setter: Setter, pages: list[Page]) -> None:
    """— N — in 4号宋体, 7 mm below the 版心; odd pages right, even pages left (§7.5)."""
    size = fig("page_number_size")
    inset = grid.chars(fig("page_number_inset"), size)
    y = grid.page_number_baseline(size)
    for page in pages:
        if page.number is None:
            continue
        placed = setter.plain(f"— {page.number} —", Role.SONGTI, size)
        width = setter.width(placed, size)
        left = BLOCK_RIGHT_PT - inset - width if page.number % 2 else BLOCK_LEFT_PT + inset
        glyphs = tuple(Glyph(p.ch, left + p.x, p.role) for p in placed)
        page.lines.append(TextLine(glyphs, y, size, "page-number"))


def lay_out(doc: Document, faces: Faces) -> Layout:
    setter = Setter(faces)
    flow = Flow()
    if doc.header and doc.format == "letter":
        header.set_letter_header(flow, setter, doc.header)
    elif doc.header:
        header.set_document_header(flow, setter, doc.header, doc.format)
    lines = title_lines(doc)
    if lines:
        _title(flow, setter, lines)
        flow.skip(int(fig("recipients_gap")))
    moved = _recipients(flow, setter, doc)
    outline = _paragraphs(flow, setter, doc.body)
    closing.attachment_note(flow, setter, doc.attachments)
    closing.attendees(flow, setter, doc.attendees)
    if doc.signature:
        closing.signature(flow, setter, doc.signature)
    closing.note(flow, setter, doc.note)
    _attachment_pages(flow, setter, doc.attachments)
    parts = replace(doc.colophon, recipients=moved) if moved else doc.colophon
    if parts:
        colophon.place(flow, setter, parts, doc.format, doc.double_sided)
    if doc.format == "letter":
        flow.pages[0].number = None  # 信函格式: page 1 unnumbered (§10.1)
    _page_numbers(setter, flow.pages)
    return Layout(flow.pages, outline, lines)
