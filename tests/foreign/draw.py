"""The correct 通知 drawn straight into a PDF with reportlab: no word processor, no docgen.

Every line is placed by hand on the standard's grid: 22 rows of 225/22 mm from the 版心
top (each line's em box centred in its row), 28 characters a line (the first at the left
edge, the 28th ending at the right edge), 行首/行尾禁则 kept by pushing a character down.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from tests.foreign.make import NOTICE, Content

FONTS = Path(__file__).resolve().parents[2] / "fonts"
MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM
LEFT, TOP, WIDTH = 28 * MM, 37 * MM, 156 * MM
ROWS = 22
PITCH = 225 * MM / ROWS
BODY = 16.0
CHAR = (WIDTH - BODY) / 27  # 28 characters: the 28th ends at the right edge
ASCENT = 0.88  # the em box's top above the baseline, in em
NO_START = "、，。：；！？）》」』】〕”’"
NO_END = "（《「『【〔“‘"
FACES = {
    "fang": "FandolFang-Regular",
    "hei": "FandolHei-Regular",
    "kai": "FandolKai-Regular",
    "xbs": "FandolSong-Bold",  # stands in for 方正小标宋, as docgen's fontconfig maps it
    "song": "FandolSong-Regular",
    "latin": "LiberationSerif-Regular",
}


@dataclass
class Cursor:
    page: int = 0
    row: int = 0


def _register() -> None:
    for face in FACES.values():
        pdfmetrics.registerFont(TTFont(face, str(FONTS / f"{face}.ttf")))


def _baseline(row: int, size: float) -> float:
    """reportlab's y of the baseline of ``size`` type centred in grid ``row``."""
    em_top = TOP + row * PITCH + (PITCH - size) / 2
    return PAGE_H - (em_top + ASCENT * size)


def _units(ch: str) -> float:
    return 0.5 if ch.isascii() else 1.0


def _width(text: str) -> float:
    return sum(_units(c) for c in text)


def _lines(text: str, first: float) -> list[str]:
    """Break ``text`` into lines of 28 character units (``first`` on the first line).  No
    line starts with a closing mark or ends with an opening one (行首/行尾禁则), and no
    number is split: the characters before them go down with them."""
    lines, line = [], ""
    for ch in text:
        if _width(line + ch) <= (first if not lines else 28):
            line += ch
            continue
        carry = ch
        while line and (
            carry[0] in NO_START or line[-1] in NO_END or (carry[0] + line[-1]).isascii()
        ):
            carry, line = line[-1] + carry, line[:-1]
        lines.append(line)
        line = carry
    return [*lines, line]


def _draw(
    canvas: Canvas, x: float, y: float, text: str, face: str, size: float, step: float
) -> float:
    """Characters one by one, ``step`` apart (half that after a Latin one, which is set in
    Times, except in a 宋体 page number); returns where the next one goes."""
    for ch in text:
        canvas.setFont(FACES["latin" if ch.isascii() and face != "song" else face], size)
        canvas.drawString(x, y, ch)
        x += step * _units(ch)
    return x


def _centred(canvas: Canvas, row: int, text: str, face: str, size: float) -> None:
    width = size * _width(text)
    _draw(canvas, LEFT + (WIDTH - width) / 2, _baseline(row, size), text, face, size, size)


class Notice:
    """Draws the 通知 page by page, keeping the grid row it is at."""

    def __init__(self, path: Path, content: Content) -> None:
        self.canvas = Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1)
        self.canvas.setCreator("reportlab")
        self.content = content
        self.at = Cursor()

    def next_row(self) -> int:
        if self.at.row == ROWS:
            self.page_number()
            self.canvas.showPage()
            self.at = Cursor(self.at.page + 1, 0)
        self.at.row += 1
        return self.at.row - 1

    def paragraph(self, runs: list[tuple[str, str]], indent: int = 2) -> None:
        """``runs`` of (text, face); wrapped lines spread to the full width."""
        text = "".join(t for t, _ in runs)
        faces = [face for t, face in runs for _ in t]
        done = 0
        for i, line in enumerate(_lines(text, 28 - indent)):
            x = LEFT + (indent * CHAR if i == 0 else 0)
            step = CHAR
            if done + len(line) < len(text):  # a full line ends at the right edge
                tail = _units(line[-1])
                step = (LEFT + WIDTH - x - BODY * tail) / (_width(line) - tail)
            y = _baseline(self.next_row(), BODY)
            for ch in line:
                x = _draw(self.canvas, x, y, ch, faces[done], BODY, step)
                done += 1

    def page_number(self) -> None:
        text, size = f"— {self.at.page + 1} —", 14.0
        width = size * _width(text.replace(" ", "")) + size * 0.5
        odd = self.at.page % 2 == 0
        x = LEFT + WIDTH - size - width if odd else LEFT + size
        em_centre = TOP + 225 * MM + 7 * MM  # the dashes' centre 7 mm below the 版心
        y = PAGE_H - (em_centre - size / 2 + ASCENT * size)
        for part in text.split(" "):
            x = _draw(self.canvas, x, y, part, "song", size, size) + size * 0.25

    def rule(self, y_from_top: float, width_mm: float, rgb: tuple[float, float, float]) -> None:
        self.canvas.setStrokeColorRGB(*rgb)
        self.canvas.setLineWidth(width_mm * MM)
        self.canvas.line(LEFT, PAGE_H - y_from_top, LEFT + WIDTH, PAGE_H - y_from_top)


def _header(doc: Notice) -> None:
    c, canvas = doc.content, doc.canvas
    size = 36.0
    canvas.setFillColorRGB(1, 0, 0)  # the mark's em top 35 mm below the 版心 top
    x = LEFT + (WIDTH - len(c.mark) * size) / 2
    _draw(canvas, x, PAGE_H - (TOP + 35 * MM + ASCENT * size), c.mark, "xbs", size, size)
    canvas.setFillColorRGB(0, 0, 0)
    doc.at.row = 7  # two empty rows below the mark
    _centred(canvas, doc.next_row(), c.doc_number, "fang", BODY)
    em_bottom = TOP + 7 * PITCH + (PITCH + BODY) / 2
    doc.rule(em_bottom + 4 * MM, 0.5, (1, 0, 0))
    doc.at.row = 10  # two empty rows below the rule's row
    for line in c.title:
        _centred(canvas, doc.next_row(), line, "xbs", 22.0)
    doc.next_row()
    doc.paragraph([(c.recipients, "fang")], indent=0)


def _body(doc: Notice) -> None:
    face = {"text": "fang", "h1": "hei", "h2": "kai"}
    for block in doc.content.body:
        runs = [(block.text, face[block.kind])]
        if block.tail:
            runs.append((block.tail, "fang"))
        doc.paragraph(runs)


def _closing(doc: Notice) -> None:
    c, canvas = doc.content, doc.canvas
    doc.next_row()
    right = LEFT + WIDTH - 2 * BODY  # 署名 右空二字
    start = right - len(c.signature) * BODY
    _draw(canvas, start, _baseline(doc.next_row(), BODY), c.signature, "fang", BODY, BODY)
    _draw(canvas, start + 2 * BODY, _baseline(doc.next_row(), BODY), c.date, "fang", BODY, BODY)


def _colophon(doc: Notice) -> None:
    """抄送 and 印发 on the last two rows of the page, between 0.35/0.25/0.35 mm rules."""
    c, canvas, size = doc.content, doc.canvas, 14.0
    for row, weight in ((ROWS - 2, 0.35), (ROWS - 1, 0.25), (ROWS, 0.35)):
        doc.rule(TOP + row * PITCH, weight, (0, 0, 0))
    _draw(canvas, LEFT + size, _baseline(ROWS - 2, size), c.cc, "fang", size, size)
    y = _baseline(ROWS - 1, size)
    _draw(canvas, LEFT + size, y, c.printer, "fang", size, size)
    width = size * _width(c.printed)
    _draw(canvas, LEFT + WIDTH - size - width, y, c.printed, "fang", size, size)


def reportlab_pdf(path: Path, content: Content = NOTICE) -> Path:
    _register()
    doc = Notice(path, content)
    _header(doc)
    _body(doc)
    _closing(doc)
    assert doc.at.row <= ROWS - 2, "the 版记 needs the last two rows of the page"
    _colophon(doc)
    doc.page_number()
    doc.canvas.showPage()
    doc.canvas.save()
    return path
