"""The whole document on pages: header, title, body, closing parts, attachments, 版记."""

from __future__ import annotations

from docgen.document.model import Attachment, Block, Document, Paragraph, Table
from docgen.fonts.faces import Faces
from docgen.fonts.roles import Role
from docgen.i18n import tr
from docgen.layout import Layout, closing, colophon, grid, header, table
from docgen.layout.flow import Flow
from docgen.layout.model import OutlineEntry, Page, TextLine
from docgen.layout.plan import BreakReason, Plan
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
from docgen.standard.elements import Element
from docgen.standard.formats import Format
from docgen.standard.numbering import page_number_text
from docgen.standard.typefaces import typeface


def title_lines(doc: Document, plan: Plan) -> tuple[str, ...]:
    if not doc.title:
        return ()
    if doc.title_breaks_given:
        return doc.title
    return _break(doc.title_text, plan)


def _break(title: str, plan: Plan) -> tuple[str, ...]:
    """A 2号 title in balanced lines that fit the 版心 (§7.3.1)."""
    lines, forced = break_title(title, int(BLOCK_WIDTH_PT // TITLE_SIZE_PT))
    if forced:
        plan.warnings.append(
            tr(
                "the title {title}… has no place to break between words that fits a line;"
                " it was broken inside a word (give title: as a list of lines to choose)"
            ).format(title=repr(title[:20]))
        )
    return lines


def _title(flow: Flow, setter: Setter, lines: tuple[str, ...], element: Element) -> None:
    role = Role.of(typeface(element))
    for text in lines:
        placed = setter.plain(text, role, TITLE_SIZE_PT)
        left = BLOCK_CENTRE_PT - setter.width(placed) / 2
        flow.line(placed, element, TITLE_SIZE_PT, left)


def _adopted(flow: Flow, setter: Setter, text: str | None) -> None:
    """A 决议's （……会议通过）: centred in 3号楷体 on the row under the title (practice)."""
    if not text:
        return
    role = Role.of(typeface(Element.ADOPTED))
    for placed in setter.wrap(text, role):
        left = BLOCK_CENTRE_PT - setter.width(placed) / 2 - placed[0].x
        flow.line(placed, Element.ADOPTED, left=left)


def _recipients(flow: Flow, setter: Setter, doc: Document) -> bool:
    """主送机关, flush left; moved to the 版记 when they would leave page 1 without body
    text (§7.3.2).  Returns whether they moved."""
    if not doc.recipients:
        return False
    lines = setter.wrap(doc.recipients, Role.FANGSONG)
    if len(flow.pages) == 1 and flow.row + len(lines) >= LINES_PER_PAGE:
        return True
    for placed in lines:
        flow.line(placed, Element.RECIPIENTS)
    return False


def _paragraphs(
    flow: Flow, setter: Setter, body: tuple[Block, ...], scope: str = "body"
) -> list[OutlineEntry]:
    outline = []
    indent = grid.indent(fig("paragraph_indent"))
    for index, paragraph in enumerate(body):
        if isinstance(paragraph, Table):
            table.set_table(flow, setter, paragraph)
            continue
        lines = setter.wrap(paragraph.text, _roles(paragraph), first_indent=indent)
        if (
            paragraph.heading_level
            and flow.row
            and flow.room() < len(lines) + _kept(setter, body[index + 1 : index + 2], indent)
        ):
            flow.new_page(BreakReason.KEEP_HEADING)
            flow.plan.headings_moved.append((scope, paragraph.text))
        for n, placed in enumerate(lines):
            line = flow.line(placed, Element.BODY)
            if n == 0 and paragraph.outline:
                level, text = paragraph.outline
                outline.append(OutlineEntry(level, text, flow.page_index, line.baseline))
    return outline


def _roles(paragraph: Paragraph) -> list[Role]:
    return [r for run in paragraph.runs for r in [Role.of(run.style.typeface)] * len(run.text)]


def _kept(setter: Setter, following: tuple[Block, ...], indent: float) -> int:
    """Lines of the text after a heading that stay with it: its first two (a heading
    never ends a page, nor stands with one line of its text; interpretation of §7.3.3's
    层次 as a compositor keeps them)."""
    nxt = following[0] if following else None
    if not isinstance(nxt, Paragraph) or nxt.heading_level:
        return 1 if nxt is not None else 0
    return min(2, len(setter.wrap(nxt.text, _roles(nxt), first_indent=indent)))


def _attachment_pages(flow: Flow, setter: Setter, items: tuple[Attachment, ...]) -> None:
    """附件: a new page, 附件N in 黑体 on row 1, the title centred on row 3 (§7.3.7)."""
    for item in items:
        if not item.body:
            continue
        first = item.body[0]
        if isinstance(first, Table) and not table.fits_portrait(setter, first):
            # A turned table carries the label and title on its own turned page.
            label = setter.plain(item.label, Role.of(typeface(Element.ATTACHMENT_LABEL)))
            title_role = Role.of(typeface(Element.ATTACHMENT_TITLE))
            title = setter.plain(item.title, title_role, TITLE_SIZE_PT)
            flow.plan.attachment_titles.append((item.title,))
            lead = [
                (label, Element.ATTACHMENT_LABEL, BODY_SIZE_PT, False),
                ([], Element.BLANK, BODY_SIZE_PT, False),
                (title, Element.ATTACHMENT_TITLE, TITLE_SIZE_PT, True),
                ([], Element.BLANK, BODY_SIZE_PT, False),
            ]
            table.set_table(flow, setter, first, lead)
            _paragraphs(flow, setter, item.body[1:], item.label)
            continue
        flow.new_page(BreakReason.ATTACHMENT)
        label_role = Role.of(typeface(Element.ATTACHMENT_LABEL))
        flow.line(setter.plain(item.label, label_role), Element.ATTACHMENT_LABEL)
        flow.skip(1)
        lines = _break(item.title, flow.plan)
        flow.plan.attachment_titles.append(lines)
        _title(flow, setter, lines, Element.ATTACHMENT_TITLE)
        flow.skip(1)
        _paragraphs(flow, setter, item.body, item.label)


def _page_numbers(setter: Setter, pages: list[Page]) -> None:
    """— N — in 4号宋体, 7 mm below the 版心; odd pages right, even pages left (§7.5)."""
    size = fig("page_number_size")
    inset = grid.chars(fig("page_number_inset"), size)
    y = grid.page_number_baseline(size)
    for page in pages:
        if page.number is None:
            continue
        role = Role.of(typeface(Element.PAGE_NUMBER))
        placed = setter.plain(page_number_text(page.number), role, size)
        width = setter.width(placed)
        left = BLOCK_RIGHT_PT - inset - width if page.number % 2 else BLOCK_LEFT_PT + inset
        glyphs = tuple(p.glyph(left) for p in placed)
        page.folio = TextLine(glyphs, y, size, Element.PAGE_NUMBER)


def lay_out(doc: Document, faces: Faces) -> Layout:
    setter = Setter(faces)
    flow = Flow()
    plan = flow.plan
    if doc.header and doc.format == Format.LETTER:
        plan.header = header.set_letter_header(flow, setter, doc.header)
    elif doc.header:
        plan.header = header.set_document_header(flow, setter, doc.header, doc.format)
    plan.title_lines = title_lines(doc, plan)
    if plan.title_lines:
        _title(flow, setter, plan.title_lines, Element.TITLE)
        _adopted(flow, setter, doc.adopted)
        flow.skip(int(fig("recipients_gap")))
    plan.recipients_moved = _recipients(flow, setter, doc)
    outline = _paragraphs(flow, setter, doc.body)
    closing.attachment_note(flow, setter, doc.attachment_note)
    closing.attendees(flow, setter, doc.attendees)
    if doc.signature:
        plan.signature = closing.signature(flow, setter, doc.signature)
    closing.note(flow, setter, doc.note)
    _attachment_pages(flow, setter, doc.attachments)
    if doc.colophon.has_content(plan.recipients_moved):
        plan.colophon = colophon.place(
            flow, setter, doc.colophon, doc.format, doc.double_sided, plan.recipients_moved
        )
    if doc.format == Format.LETTER:
        flow.pages[0].number = None  # 信函格式: page 1 unnumbered (§10.1)
    _page_numbers(setter, flow.pages)
    plan.numbered = tuple(page.number is not None for page in flow.pages)
    plan.inserts, plan.loosened, plan.squeezed = setter.inserts, setter.loosened, setter.squeezed
    plan.last_resort = setter.last_resort
    return Layout(flow.pages, outline, plan)
