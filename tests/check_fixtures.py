"""Small GB/T 9704 documents drawn directly with reportlab, with one fault at a time.

``build_fixture(path, Faults(...))`` draws a two-page 通知: 版头 (red mark, 发文字号, red
rule), title, 主送机关, body with 一、/（一） headings, 署名 and 成文日期 without a seal,
a 版记 on the last (even) page and page numbers.  Every position comes from
docgen.standard and the checker's interpretations (grid rows of 225/22 mm with the em box
centred, 1 字 = one character at the element's size), so the clean document passes
every check; each field of :class:`Faults` breaks exactly one rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from docgen.fonts.resolve import bundled
from docgen.fonts.roles import Role
from docgen.standard import (
    BODY_SIZE_PT,
    EM_ASCENT,
    PAGE_HEIGHT_PT,
    PAGE_WIDTH_PT,
    RED_CMYK,
    TITLE_SIZE_PT,
    fig,
    mm_to_pt,
    pt_to_mm,
)

LEFT, TOP = fig("margin_left"), fig("margin_top")
RIGHT, BOTTOM = LEFT + fig("block_width"), TOP + fig("block_height")
CENTRE = (LEFT + RIGHT) / 2
MARK_SIZE = 30.0  # pt: the standard leaves the mark's size open
_RARE = "喆"  # outside the body face: drawn from the Song-style fallback (Noto Serif CJK)
SMALL = fig("colophon_size")  # 4号 版记

_IDEOGRAPHS = (
    "为深入贯彻落实党中央国务院决策部署进一步做好有关工作现就有关事项通知如下各单位要高度"
    "重视切实加强组织领导明确责任分工抓好贯彻落实确保各项任务按期完成取得实效市政府将适时"
    "组织督促检查对工作推进不力的单位予以通报各地区各部门要结合实际制定具体实施方案细化"
)


@dataclass(frozen=True)
class Faults:
    """One field at a time; the defaults draw a clean document."""

    chars_per_line: int = int(fig("chars_per_line"))
    lines_per_page: int = int(fig("lines_per_page"))
    comma_at_line_start: bool = False
    page_number_wrong_side: bool = False
    header_rule_black: bool = False
    mark_top: float = fig("mark_top")  # mm below the 版心 top
    date: str = "2021年7月1日"
    second_heading: str = "二、"
    colophon_on_odd_page: bool = False
    colophon_after_blank_page: bool = False  # 版记 alone on page 4, page 3 blank (clean)
    number_blank_pages: bool = False  # … and then numbered anyway (a fault)
    body_role: Role = Role.FANGSONG
    mark_wraps: bool = False  # the mark's last character alone on a second line
    loose_line: bool = False  # a full line one character short, spread (avoidably)
    fallback_char: bool = False  # 喆 in the body drawn from the Song-style fallback
    fragment_page: bool = False  # a page holding only a paragraph's last line


@dataclass
class _Text:
    text: str
    x: float  # mm, first character's origin
    baseline: float  # mm from the page top
    size: float
    role: Role
    step: float | None = None  # mm between origins; None: the font's own advances
    red: bool = False


@dataclass
class _Page:
    texts: list[_Text] = field(default_factory=list)
    rules: list[tuple[float, float, float, float, bool]] = field(default_factory=list)


def _register(role: Role) -> str:
    path = bundled()[role].path
    name = path.stem
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    return name


def _width(text: str, role: Role, size: float) -> float:
    """mm: CJK from the role's font; ASCII digits from the Latin font (as docgen sets them)."""
    total = 0.0
    for ch in text:
        face = Role.LATIN if ch.isascii() and role != Role.SONGTI else role
        total += pdfmetrics.stringWidth(ch, _register(face), size)
    return pt_to_mm(total)


class _Grid:
    def __init__(self, faults: Faults) -> None:
        self.pitch = fig("block_height") / faults.lines_per_page
        self.rows = faults.lines_per_page
        self.chars = faults.chars_per_line
        self.step = (fig("block_width") - pt_to_mm(BODY_SIZE_PT)) / (self.chars - 1)

    def baseline(self, row: int, size: float) -> float:
        """The baseline of type of ``size`` with its em box centred in grid row ``row``."""
        em = pt_to_mm(size)
        return TOP + row * self.pitch + (self.pitch - em) / 2 + EM_ASCENT * em

    def row_of_top(self, y: float) -> int:
        return round((y - TOP) / self.pitch)


@dataclass
class _Flow:
    grid: _Grid
    pages: list[_Page] = field(default_factory=lambda: [_Page()])
    row: int = 0

    def need(self, rows: int) -> None:
        if self.row + rows > self.grid.rows:
            self.pages.append(_Page())
            self.row = 0

    def put(self, text: _Text) -> None:
        self.need(1)
        text.baseline = self.grid.baseline(self.row, text.size)
        self.pages[-1].texts.append(text)
        self.row += 1


def _lines(text: str, chars: int) -> list[str]:
    """Cut a paragraph into grid lines: 2 cells of indent on the first."""
    out, start, width = [], 0, chars - 2
    while start < len(text):
        out.append(text[start : start + width])
        start, width = start + width, chars
    return out


def _paragraph_text(n: int, offset: int) -> str:
    pool = _IDEOGRAPHS * 4
    return pool[offset : offset + n] + "。"


def _paragraph(
    flow: _Flow, text: str, role: Role, comma: bool = False, loose: bool = False
) -> None:
    chars = flow.grid.chars
    if comma:  # the second line opens with a comma
        text = text[: chars - 2] + "，" + text[chars - 2 :]
    lines = _lines(text, chars)
    while len(lines[-1]) == 1 and len(lines) > 1:  # a lone 。 would start a line: shorten
        text = text[:-2] + "。"
        lines = _lines(text, chars)
    if loose:  # the first line two characters short, spread over the whole measure
        first = lines[0][:-2]
        rest = text[len(first) :]
        lines = [first, *(rest[i : i + chars] for i in range(0, len(rest), chars))]
    for n, line in enumerate(lines):
        x = LEFT + (2 if n == 0 else 0) * flow.grid.step
        step = flow.grid.step
        if loose and n == 0:
            step = (RIGHT - pt_to_mm(BODY_SIZE_PT) - x) / (len(line) - 1)
        flow.put(_Text(line, x, 0, BODY_SIZE_PT, role, step=step))


def _heading(flow: _Flow, text: str, role: Role) -> None:
    flow.put(_Text(text, LEFT + 2 * flow.grid.step, 0, BODY_SIZE_PT, role, step=flow.grid.step))


# ---- 版头 ---------------------------------------------------------------------------


def _header(flow: _Flow, faults: Faults) -> float:
    """Mark, 发文字号 and rule on page 1; returns the rule's y (mm)."""
    grid, page = flow.grid, flow.pages[0]
    mark_text = "某某市人民政府文件"
    mark_em = pt_to_mm(MARK_SIZE)
    nominal_top = TOP + fig("mark_top")
    top = TOP + faults.mark_top
    if faults.mark_wraps:  # as a word processor wraps a mark set too large: 件 alone below
        mark_text = "某某市人民政府办公厅文"
        step = (fig("block_width") - mark_em) / (len(mark_text) - 1)
        baseline = top + EM_ASCENT * mark_em
        page.texts.append(
            _Text(mark_text, LEFT, baseline, MARK_SIZE, Role.XIAOBIAOSONG, step=step, red=True)
        )
        page.texts.append(
            _Text(
                "件",
                CENTRE - mark_em / 2,
                baseline + mark_em,
                MARK_SIZE,
                Role.XIAOBIAOSONG,
                red=True,
            )
        )
        nominal_top += mark_em  # the lines below move down with it
    else:
        width = _width(mark_text, Role.XIAOBIAOSONG, MARK_SIZE)
        page.texts.append(
            _Text(
                mark_text,
                CENTRE - width / 2,
                top + EM_ASCENT * mark_em,
                MARK_SIZE,
                Role.XIAOBIAOSONG,
                red=True,
            )
        )
    # 下空二行: the 发文字号's line box starts two rows below the (nominal) mark's em box.
    number_box = nominal_top + mark_em + fig("doc_number_gap") * grid.pitch
    em = pt_to_mm(BODY_SIZE_PT)
    number_top = number_box + (grid.pitch - em) / 2
    number = "某政发〔2021〕12号"
    width = _width(number, Role.FANGSONG, BODY_SIZE_PT)
    page.texts.append(
        _Text(number, CENTRE - width / 2, number_top + EM_ASCENT * em, BODY_SIZE_PT, Role.FANGSONG)
    )
    rule_y = number_top + em + fig("header_rule_gap")
    page.rules.append(
        (LEFT, RIGHT, rule_y, fig("header_rule_thickness"), not faults.header_rule_black)
    )
    return rule_y


# ---- 主体 ---------------------------------------------------------------------------


def _title_and_recipients(flow: _Flow, rule_y: float) -> None:
    grid = flow.grid
    flow.row = grid.row_of_top(rule_y + fig("title_gap") * grid.pitch)
    title = "某某市人民政府关于做好某某工作的通知"
    width = _width(title, Role.XIAOBIAOSONG, TITLE_SIZE_PT)
    flow.put(_Text(title, CENTRE - width / 2, 0, TITLE_SIZE_PT, Role.XIAOBIAOSONG))
    flow.row += int(fig("recipients_gap"))
    flow.put(
        _Text(
            "各区县人民政府，市政府各部门：", LEFT, 0, BODY_SIZE_PT, Role.FANGSONG, step=grid.step
        )
    )


def _body(flow: _Flow, faults: Faults) -> None:
    role = faults.body_role
    first = _paragraph_text(50, 0)
    if faults.fallback_char:
        first = first[:5] + "喆" + first[6:]
    _paragraph(flow, first, role)
    _heading(flow, "一、总体要求", Role.HEITI)
    _heading(flow, "（一）工作目标", Role.KAITI)
    _paragraph(flow, _paragraph_text(70, 10), role, comma=faults.comma_at_line_start)
    _heading(flow, faults.second_heading + "主要任务", Role.HEITI)
    _paragraph(flow, _paragraph_text(90, 20), role, loose=faults.loose_line)
    if faults.colophon_on_odd_page:
        _paragraph(flow, _paragraph_text(600, 30), role)
    if faults.fragment_page:  # the last paragraph's last line alone on page 2
        flow.row = flow.grid.rows - 2
        _paragraph(flow, _paragraph_text(60, 40), role)
        flow.need(flow.grid.rows)  # and the 署名 at the top of the page after
        flow.row = -int(fig("signature_gap"))
        return
    _paragraph(flow, _paragraph_text(60, 40), role)


def _signature(flow: _Flow, faults: Faults) -> None:
    """§7.3.5.2: 署名 右空二字, the date's first character 2 字 right of the 署名's."""
    issuer, size = "某某市人民政府", BODY_SIZE_PT
    zi = pt_to_mm(size)
    name_w = _width(issuer, Role.FANGSONG, size)
    name_x = RIGHT - 2 * zi - name_w
    flow.need(int(fig("signature_gap")) + 2)
    flow.row += int(fig("signature_gap"))
    flow.put(_Text(issuer, name_x, 0, size, Role.FANGSONG))
    flow.put(_Text(faults.date, name_x + 2 * zi, 0, size, Role.FANGSONG))


# ---- 版记 and page numbers ----------------------------------------------------------


def _colophon(flow: _Flow, faults: Faults) -> None:
    """Two rows at the foot of the last page: 抄送 and 印发, between 0.35/0.25/0.35 rules."""
    grid = flow.grid
    if faults.colophon_after_blank_page:
        flow.pages += [_Page(), _Page()]
    elif flow.row > grid.rows - 2:
        flow.pages.append(_Page())
    page = flow.pages[-1]
    first, last = grid.rows - 2, grid.rows - 1
    inset = pt_to_mm(SMALL)
    top_y, mid_y = TOP + first * grid.pitch, TOP + last * grid.pitch
    page.rules += [
        (LEFT, RIGHT, top_y, fig("colophon_thick_rule"), False),
        (LEFT, RIGHT, mid_y, fig("colophon_thin_rule"), False),
        (LEFT, RIGHT, BOTTOM, fig("colophon_thick_rule"), False),
    ]
    cc = "抄送：市委各部门，市人大常委会办公厅，市政协办公厅。"
    page.texts.append(_Text(cc, LEFT + inset, grid.baseline(first, SMALL), SMALL, Role.FANGSONG))
    issuer, date = "某某市人民政府办公室", "2021年7月1日印发"
    base = grid.baseline(last, SMALL)
    page.texts.append(_Text(issuer, LEFT + inset, base, SMALL, Role.FANGSONG))
    date_x = RIGHT - inset - _width(date, Role.FANGSONG, SMALL)
    page.texts.append(_Text(date, date_x, base, SMALL, Role.FANGSONG))


def _page_numbers(pages: list[_Page], faults: Faults) -> None:
    size = fig("page_number_size")
    inset = em = pt_to_mm(size)
    baseline = BOTTOM + fig("page_number_gap") - em / 2 + EM_ASCENT * em
    unnumbered = set()
    if faults.colophon_after_blank_page and not faults.number_blank_pages:
        unnumbered = {len(pages) - 1, len(pages)}  # §7.5: the blank page and the 版记 page
    for n, page in enumerate(pages, start=1):
        if n in unnumbered:
            continue
        text = f"— {n} —"
        width = _width(text, Role.SONGTI, size)
        right = n % 2 == 1 or (n == 2 and faults.page_number_wrong_side)
        x = RIGHT - inset - width if right else LEFT + inset
        page.texts.append(_Text(text, x, baseline, size, Role.SONGTI))


# ---- Drawing -------------------------------------------------------------------------


def _draw_text(canvas: Canvas, item: _Text) -> None:
    text = canvas.beginText()
    if item.red:
        text.setFillColorCMYK(*RED_CMYK)
    else:
        text.setFillColorRGB(0, 0, 0)
    y = PAGE_HEIGHT_PT - mm_to_pt(item.baseline)
    x = item.x
    for ch in item.text:
        face = Role.LATIN if ch.isascii() and ch != " " and item.role != Role.SONGTI else item.role
        face = Role.FALLBACK if ch in _RARE else face
        text.setFont(_register(face), item.size)
        text.setTextOrigin(mm_to_pt(x), y)
        text.textOut(ch)
        x += item.step if item.step is not None else _width(ch, item.role, item.size)
    canvas.drawText(text)


def _draw_rule(canvas: Canvas, rule: tuple[float, float, float, float, bool]) -> None:
    x0, x1, y, thickness, red = rule
    if red:
        canvas.setStrokeColorCMYK(*RED_CMYK)
    else:
        canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(mm_to_pt(thickness))
    canvas.line(
        mm_to_pt(x0), PAGE_HEIGHT_PT - mm_to_pt(y), mm_to_pt(x1), PAGE_HEIGHT_PT - mm_to_pt(y)
    )


def build_fixture(path: Path, faults: Faults = Faults()) -> Path:
    """Draw the fixture document with ``faults`` into ``path``."""
    flow = _Flow(_Grid(faults))
    rule_y = _header(flow, faults)
    _title_and_recipients(flow, rule_y)
    _body(flow, faults)
    _signature(flow, faults)
    _colophon(flow, faults)
    _page_numbers(flow.pages, faults)
    canvas = Canvas(str(path), pagesize=(PAGE_WIDTH_PT, PAGE_HEIGHT_PT), invariant=True)
    for page in flow.pages:
        for item in page.texts:
            _draw_text(canvas, item)
        for rule in page.rules:
            _draw_rule(canvas, rule)
        canvas.showPage()
    canvas.save()
    return path
