"""PDF writer: draws a :class:`~docgen.layout.model.Layout` with reportlab.

Glyph positions come from the layout; this module only groups glyphs into text runs that
share a face and a spacing, embeds the fonts as subsets and writes deterministic bytes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from docgen.document.model import Document
from docgen.fonts import rl_internals
from docgen.fonts.faces import Faces
from docgen.fonts.roles import Role
from docgen.layout import Layout
from docgen.layout.model import Glyph, Image, Page, Rule, TextLine, VRule
from docgen.standard import BLACK_CMYK, BODY_SIZE_PT, PAGE_HEIGHT_PT, PAGE_WIDTH_PT
from docgen.version import __version__
from docgen.writers import WriteOptions


def _segments(line: TextLine) -> Iterator[tuple[Sequence[Glyph], float]]:
    """Runs of glyphs in one face set with one character spacing: the gap between two
    glyphs beyond the first one's own advance (as the layout measured it)."""
    glyphs = line.glyphs
    start = 0
    spacing: float | None = None
    for i in range(1, len(glyphs)):
        prev, cur = glyphs[i - 1], glyphs[i]
        if cur.role == prev.role:
            gap = cur.x - prev.x - prev.advance
            if spacing is None:
                spacing = gap
                continue
            if abs(gap - spacing) < 1e-4:
                continue
        yield glyphs[start:i], spacing or 0.0
        start, spacing = i, None
    if glyphs:
        yield glyphs[start:], spacing or 0.0


class _TextOperators:
    """A page's text as PDF operators, each state (colour, font, spacing) set only when
    it changes: one text object (BT … ET) for many lines."""

    def __init__(self, encoder: rl_internals.TextEncoder, faces: Faces) -> None:
        self.encoder, self.faces = encoder, faces

    def page(self, lines: Sequence[TextLine], height: float) -> str:
        out = ["BT"]
        color = font = spacing = None
        for line in lines:
            if (want := line.color or BLACK_CMYK) != color:  # §5.2.4: black unless stated
                color = want
                out.append(f"{fp_str(*color)} k")
            y = height - line.baseline
            size = fp_str(line.size)
            for run, gap in _segments(line):
                if gap != spacing:
                    spacing = gap
                    out.append(f"{fp_str(gap)} Tc")
                out.append(f"1 0 0 1 {fp_str(run[0].x, y)} Tm")
                text = "".join(g.ch for g in run)
                for name, encoded in self.encoder.runs(self.faces.font(run[0].role), text):
                    if (name, size) != font:
                        font = (name, size)
                        out.append(f"{name} {size} Tf")
                    out.append(f"({encoded}) Tj")
        out.append("ET")
        return "\n".join(out)


def _draw_rule(canvas: Canvas, rule: Rule, height: float) -> None:
    canvas.setStrokeColorCMYK(*rule.color)
    canvas.setLineWidth(rule.thickness)
    y = height - rule.y
    canvas.line(rule.x0, y, rule.x1, y)


def _draw_vrule(canvas: Canvas, rule: VRule, height: float) -> None:
    canvas.setStrokeColorCMYK(*rule.color)
    canvas.setLineWidth(rule.thickness)
    canvas.line(rule.x, height - rule.y0, rule.x, height - rule.y1)


def _draw_page(canvas: Canvas, page: Page, text: _TextOperators) -> None:
    """A page's content; a turned page (横排表格) is drawn in its own coordinates,
    rotated a quarter turn, and only its page number stays upright."""
    height = PAGE_HEIGHT_PT
    if page.landscape:
        canvas.saveState()
        canvas.translate(PAGE_WIDTH_PT, 0)
        canvas.rotate(90)
        height = PAGE_WIDTH_PT  # the turned page is 297 wide and 210 high
    canvas.addLiteral(text.page(page.lines, height))
    for rule in page.rules:
        _draw_rule(canvas, rule, height)
    for vrule in page.vrules:
        _draw_vrule(canvas, vrule, height)
    for image in page.images:
        _draw_image(canvas, image, height)
    if page.landscape:
        canvas.restoreState()
    if page.folio:
        canvas.addLiteral(text.page([page.folio], PAGE_HEIGHT_PT))


def _draw_image(canvas: Canvas, image: Image, height: float) -> None:
    y = height - image.y - image.height
    canvas.drawImage(str(image.path), image.x, y, image.width, image.height, mask="auto")


def _lines(page: Page) -> list[TextLine]:
    return [*page.lines, page.folio] if page.folio else page.lines


def write(
    doc: Document, layout: Layout, faces: Faces, target: BinaryIO, options: WriteOptions
) -> None:
    """The writer registry's entry: draw ``layout`` into a PDF written to ``target``."""
    write_pdf(layout, faces, target, doc.meta)


def write_pdf(layout: Layout, faces: Faces, path: Path | BinaryIO, meta: dict[str, str]) -> None:
    rl_internals.use_binary_streams()
    roles = {g.role for page in layout.pages for line in _lines(page) for g in line.glyphs}
    roles.add(Role.FANGSONG)
    for role in sorted(roles):
        pdfmetrics.registerFont(faces.font(role))
    canvas = Canvas(
        str(path) if isinstance(path, Path) else path,
        pagesize=(PAGE_WIDTH_PT, PAGE_HEIGHT_PT),
        invariant=True,  # fixed dates and IDs: the same layout gives the same bytes
        pageCompression=1,
        # reportlab would otherwise reference Helvetica, an unembedded font, on every page
        initialFontName=faces.font_name(Role.FANGSONG),
        initialFontSize=BODY_SIZE_PT,
    )
    canvas.setTitle(meta.get("title", ""))
    canvas.setAuthor(meta.get("author", ""))
    canvas.setSubject(meta.get("subject", ""))
    canvas.setCreator(f"docgen {__version__}")
    canvas.setProducer(f"docgen {__version__} (reportlab)")
    text = _TextOperators(rl_internals.TextEncoder(canvas), faces)
    outline_by_page: dict[int, list] = {}
    for entry in layout.outline:
        outline_by_page.setdefault(entry.page, []).append(entry)
    for index, page in enumerate(layout.pages):
        _draw_page(canvas, page, text)
        for n, entry in enumerate(outline_by_page.get(index, [])):
            key = f"s{index}-{n}"
            canvas.bookmarkHorizontal(key, 0, PAGE_HEIGHT_PT - entry.y + 20)
            canvas.addOutlineEntry(entry.text, key, level=entry.level - 1)
        canvas.showPage()
    canvas.save()
