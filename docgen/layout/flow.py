"""Set a document on pages: title, recipients, body, signature, page numbers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from docgen.document.model import Document, Paragraph
from docgen.fonts.faces import Faces
from docgen.fonts.roles import STYLE_ROLE, Role
from docgen.layout import grid
from docgen.layout.linebreak import Placed, set_paragraph
from docgen.layout.model import Glyph, Layout, OutlineEntry, Page, TextLine
from docgen.layout.title import break_title
from docgen.standard import (
    BLOCK_LEFT_PT,
    BLOCK_RIGHT_PT,
    BLOCK_WIDTH_PT,
    BODY_SIZE_PT,
    LINES_PER_PAGE,
    PAGE_WIDTH_PT,
    TITLE_SIZE_PT,
    fig,
)

Row = tuple[list[Placed], str, float]  # placed glyphs (x from the block's left), kind, size


@dataclass
class Flow:
    """Rows of text poured onto pages, one grid row each."""

    faces: Faces
    pages: list[Page] = field(default_factory=lambda: [Page(number=1)])
    row: int = 0

    def new_page(self) -> None:
        self.pages.append(Page(number=len(self.pages) + 1))
        self.row = 0

    def skip(self, rows: int) -> None:
        self.row += rows
        if self.row >= LINES_PER_PAGE:
            self.new_page()

    def room(self) -> int:
        return LINES_PER_PAGE - self.row

    def put(self, placed: Sequence[Placed], kind: str, size: float, left: float) -> float:
        """Set one line in the current row; returns its baseline."""
        if self.row >= LINES_PER_PAGE:
            self.new_page()
        y = grid.baseline(self.row, size)
        glyphs = tuple(Glyph(p.ch, left + p.x, p.role) for p in placed)
        self.pages[-1].lines.append(TextLine(glyphs, y, size, kind))
        self.row += 1
        return y


def _measure(faces: Faces):
    def measure(ch: str, role: Role) -> tuple[Role, float]:
        face = faces.face_for(role, ch)
        return face, faces.advance(face, ch)

    return measure


def _set_plain(faces: Faces, text: str, role: Role, size: float) -> list[Placed]:
    """A short line at its natural width (title lines, signature, date)."""
    out, x = [], 0.0
    for ch in text:
        face = faces.face_for(role, ch)
        out.append(Placed(ch, x, face))
        x += faces.advance(face, ch) * size
    return out


def _line_width(placed: Sequence[Placed], faces: Faces, size: float) -> float:
    last = placed[-1]
    return last.x + faces.advance(last.role, last.ch) * size


def title_lines(doc: Document) -> tuple[str, ...]:
    if doc.title_breaks_given:
        return doc.title
    return break_title(doc.title_text, int(BLOCK_WIDTH_PT // TITLE_SIZE_PT))


def _paragraph_lines(faces: Faces, paragraph: Paragraph) -> list[list[Placed]]:
    text = paragraph.text
    roles = [STYLE_ROLE[run.style] for run in paragraph.runs for _ in run.text]
    return set_paragraph(
        text,
        roles,
        size=BODY_SIZE_PT,
        width=BLOCK_WIDTH_PT,
        first_indent=grid.indent(fig("paragraph_indent")),
        tracking=grid.BODY_TRACKING,
        measure=_measure(faces),
    )


def _centre(flow: Flow, text: str, role: Role, size: float, kind: str) -> None:
    placed = _set_plain(flow.faces, text, role, size)
    width = _line_width(placed, flow.faces, size)
    flow.put(placed, kind, size, (PAGE_WIDTH_PT - width) / 2)


def _signature(flow: Flow, doc: Document, body_tail: list[TextLine]) -> None:
    """署名 and 成文日期 without a seal (§7.3.5.2), kept on a page with body text."""
    sig = doc.signature
    if sig is None:
        return
    faces, size = flow.faces, BODY_SIZE_PT
    name = _set_plain(faces, sig.issuer, Role.FANGSONG, size)
    date = _set_plain(faces, sig.date, Role.FANGSONG, size)
    name_w, date_w = _line_width(name, faces, size), _line_width(date, faces, size)
    right = BLOCK_RIGHT_PT - grid.chars(fig("signature_right"))
    name_x = right - name_w
    date_x = name_x + grid.chars(fig("date_shift"))
    if date_x + date_w > right:  # a date longer than the name: the date sets the edge
        date_x = right - date_w
        name_x = date_x - grid.chars(fig("date_shift"))
    needed = int(fig("signature_gap")) + 2
    if flow.room() < needed and body_tail:
        _carry_last_body_line(flow, body_tail[-1])
    flow.skip(int(fig("signature_gap")))
    flow.put(name, "signature", size, name_x)
    flow.put(date, "date", size, date_x)


def _carry_last_body_line(flow: Flow, line: TextLine) -> None:
    """Move the last body line to a new page so the signature is not alone there."""
    page = flow.pages[-1]
    if line in page.lines:
        page.lines.remove(line)
    flow.new_page()
    flow.pages[-1].lines.append(
        TextLine(line.glyphs, grid.baseline(0, line.size), line.size, line.kind)
    )
    flow.row = 1


def _page_numbers(faces: Faces, pages: list[Page]) -> None:
    size = fig("page_number_size")
    inset = grid.chars(fig("page_number_inset"), size)
    y = grid.page_number_baseline(size)
    for page in pages:
        if page.number is None:
            continue
        placed = _set_plain(faces, f"— {page.number} —", Role.SONGTI, size)
        width = _line_width(placed, faces, size)
        odd = page.number % 2 == 1
        left = BLOCK_RIGHT_PT - inset - width if odd else BLOCK_LEFT_PT + inset
        glyphs = tuple(Glyph(p.ch, left + p.x, p.role) for p in placed)
        page.lines.append(TextLine(glyphs, y, size, "page-number"))


def lay_out(doc: Document, faces: Faces) -> Layout:
    flow = Flow(faces)
    lines = title_lines(doc)
    for text in lines:
        _centre(flow, text, Role.XIAOBIAOSONG, TITLE_SIZE_PT, "title")
    flow.skip(int(fig("recipients_gap")))
    if doc.recipients:
        recipients = "、".join(doc.recipients) + "："
        roles = [Role.FANGSONG] * len(recipients)
        for placed in set_paragraph(
            recipients, roles, size=BODY_SIZE_PT, width=BLOCK_WIDTH_PT, first_indent=0,
            tracking=grid.BODY_TRACKING, measure=_measure(faces),
        ):
            flow.put(placed, "recipients", BODY_SIZE_PT, BLOCK_LEFT_PT)
    outline: list[OutlineEntry] = []
    body_tail: list[TextLine] = []
    for paragraph in doc.body:
        for n, placed in enumerate(_paragraph_lines(faces, paragraph)):
            y = flow.put(placed, "body", BODY_SIZE_PT, BLOCK_LEFT_PT)
            body_tail = [flow.pages[-1].lines[-1]]
            if n == 0 and paragraph.outline:
                level, text = paragraph.outline
                outline.append(OutlineEntry(level, text, len(flow.pages) - 1, y))
    _signature(flow, doc, body_tail)
    _page_numbers(faces, flow.pages)
    return Layout(flow.pages, outline, lines)
