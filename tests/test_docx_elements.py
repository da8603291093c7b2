"""Issue 6, DOCX side: every element of the PDF in the DOCX, as LibreOffice renders it.

Each example spec (and two made-up ones for the 版记's page) is built to docgen's PDF and
to DOCX; LibreOffice renders the DOCX with the bundled fonts only.  Both PDFs are measured
with the same helpers, and each element is checked twice: against the standard's figure
(the check the PDF passes, test_elements.py) and against docgen's own PDF, within 1 mm
unless a line says otherwise.  Run with ``-s`` to see every delta.
"""

from __future__ import annotations

import itertools
import re
import zipfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml
from lxml import etree

from docgen.fonts.fontconfig import write_fontconfig
from docgen.fonts.resolve import BUNDLED_DIR
from docgen.fonts.roles import Role
from docgen.libreoffice import find_soffice
from docgen.standard import LINE_PITCH_PT, MM_PER_PT, fig
from tests.conftest import SPECS
from tests.lo_support import (
    Built,
    build_both,
    hrules,
    page_sizes,
    postscript_name,
    require_bundled_fonts,
    text_lines,
    turned_chars,
)
from tests.pdf_support import Line, colour_class, page_count, pictures

LEFT, TOP = fig("margin_left"), fig("margin_top")
RIGHT, BOTTOM = LEFT + fig("block_width"), TOP + fig("block_height")
CENTRE = (LEFT + RIGHT) / 2
ROW = LINE_PITCH_PT * MM_PER_PT
CHAR = 15.75 * MM_PER_PT  # 1 字 of body text as both set it (the grid's pitch)
SMALL = fig("colophon_size") * MM_PER_PT  # 1 字 of 4号
TOL = 1.0  # mm: §6.1's 版心 error, the brief's DOCX-to-PDF tolerance

EXAMPLES = ["notice", "request", "report", "joint-notice", "letter", "minutes", "order"]
ALL = [*EXAMPLES, "work-summary"]
MADE_UP = ["colophon-tight", "colophon-blank"]  # 版记 right under the text; after a blank page
MARK_TOP = {
    "letter": fig("letter_mark_top"),
    "order": TOP + fig("order_mark_top"),
    "minutes": TOP + fig("minutes_mark_top"),
}
FILLER = "为深入贯彻落实有关工作部署要求切实加强统筹协调推动"  # one full line with the indent


def _made_up(folder: Path, name: str) -> Path:
    """A 通知 whose body ends right above the 版记 (37 lines) or fills an even page (38)."""
    paragraphs = {"colophon-tight": 37, "colophon-blank": 38}[name]
    spec = {
        "kind": "通知",
        "title": "关于版记位置测试的通知",
        "issuer": "测试机关",
        "date": "2021-07-01",
        "body": {"opening": [FILLER] * paragraphs},
        "cc": ["某某单位"],
        "printer": "测试机关办公室",
        "print_date": "2021-07-02",
    }
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: no DOCX rendering to measure")
    require_bundled_fonts()
    out = tmp_path_factory.mktemp("docx-elements")
    conf = write_fontconfig(out / "fontconfig", [BUNDLED_DIR])
    specs = [SPECS / f"{n}.yaml" for n in ALL] + [_made_up(out, n) for n in MADE_UP]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda s: build_both(s, out / s.stem, conf), specs))
    print(f"\nrenderings in {out}")
    return {b.name: b for b in results}


# ---- Measuring --------------------------------------------------------------------------


class Deltas:
    """Pairs of measurements (docgen's PDF, LibreOffice's rendering of the DOCX), printed
    as a table and checked: the DOCX within ``tol`` of the PDF."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.rows: list[tuple[str, float, float, float]] = []

    def __call__(self, what: str, pdf: float, lo: float, tol: float = TOL) -> None:
        self.rows.append((what, pdf, lo, tol))

    def check(self) -> None:
        print(f"\n{self.name}: {'element':42s} {'PDF':>8s} {'DOCX':>8s} {'delta':>7s}")
        for what, pdf, lo, _ in self.rows:
            print(f"{'':{len(self.name)}s}  {what:42s} {pdf:8.2f} {lo:8.2f} {lo - pdf:+7.2f}")
        bad = [(w, round(lo - pdf, 2)) for w, pdf, lo, tol in self.rows if abs(lo - pdf) > tol]
        assert not bad, f"DOCX differs from the PDF by more than the tolerance: {bad}"


def lines_of(pdf: Path, page: int | None = None) -> list[Line]:
    return [ln for ln in text_lines(pdf) if page is None or ln.page == page]


def find(pdf: Path, pattern: str, page: int | None = None) -> Line:
    found = [ln for ln in lines_of(pdf, page) if re.search(pattern, ln.text)]
    assert found, f"no line matches {pattern!r} in {pdf}"
    return found[0]


def em_centre(line: Line) -> float:
    c = line.chars[0]
    return (c.em_top + c.em_bottom) / 2


def red_lines(pdf: Path) -> list[Line]:
    return [ln for ln in lines_of(pdf, 0) if colour_class(ln.chars[0].color) == "red"]


def number_lines(pdf: Path) -> dict[int, Line]:
    """Upright page numbers, by page."""
    return {
        ln.page: ln
        for ln in lines_of(pdf)
        if re.fullmatch(r"—\d+—", ln.text) and ln.chars[0].baseline > BOTTOM
    }


def fonts_of(line: Line, chars: str) -> set[str]:
    return {c.font for c in line.chars if c.c in chars}


# ---- Page count, page numbers ------------------------------------------------------------


@pytest.mark.parametrize("name", ALL + MADE_UP)
def test_same_page_count_and_numbering(built: dict[str, Built], name: str) -> None:
    """The same pages, numbered where the PDF numbers them (§7.5, §10.1), at the standard's
    place: odd 居右空一字, even 居左空一字, the dash centre 7 mm below the 版心."""
    b = built[name]
    pages = page_count(b.pdf)
    assert page_count(b.lo) == pages
    ours, theirs = number_lines(b.pdf), number_lines(b.lo)
    turned = [i for i, (w, h) in enumerate(page_sizes(b.lo)) if w > h]
    numbered = sorted([*theirs, *(i for i in turned if _turned_number(b.lo, i))])
    print(f"{name}: {pages} pages; numbered in the PDF {sorted(ours)}, in the DOCX {numbered}")
    assert numbered == sorted(ours)
    deltas = Deltas(name)
    inset, target = SMALL, BOTTOM + fig("page_number_gap")
    for page, line in theirs.items():
        n = page + 1
        assert line.text == f"—{n}—"
        edge = line.x1 if n % 2 else line.x0
        assert edge == pytest.approx(RIGHT - inset if n % 2 else LEFT + inset, abs=TOL)
        assert em_centre(line) == pytest.approx(target, abs=TOL)
        mine = ours[page]
        deltas(f"p{n} number edge", mine.x1 if n % 2 else mine.x0, edge)
        deltas(f"p{n} number dash centre", em_centre(mine), em_centre(line))
    deltas.check()
    if name == "letter":
        assert 0 not in theirs, "信函格式: page 1 carries no number"


def _turned_number(pdf: Path, page: int) -> str:
    return "".join(c.c for c in turned_chars(pdf, page) if c.c in "—0123456789" and c.x0 < 35)


def test_turned_page_keeps_the_portrait_page_number(built: dict[str, Built]) -> None:
    """§8: the 横排表格's page keeps its number where portrait pages have it: on the
    landscape page that is the left edge, 28 mm in, turned with the page."""
    b = built["report"]
    page = next(i for i, (w, h) in enumerate(page_sizes(b.lo)) if w > h)
    number = [c for c in turned_chars(b.lo, page) if c.c in "—0123456789" and c.x0 < 35]
    assert "".join(c.c for c in number) == f"—{page + 1}—"
    portrait_y = 297 - (number[0].x0 + number[0].x1) / 2  # back on the portrait page
    portrait_x = (number[0].y0, number[-1].y1)
    edge = portrait_x[1] if (page + 1) % 2 else portrait_x[0]
    expected = RIGHT - SMALL if (page + 1) % 2 else LEFT + SMALL
    mine = number_lines(b.pdf)[page]
    deltas = Deltas("report (turned page)")
    deltas("number dash centre, portrait y", em_centre(mine), portrait_y)
    deltas("number edge, portrait x", mine.x1 if (page + 1) % 2 else mine.x0, edge)
    deltas.check()
    assert portrait_y == pytest.approx(BOTTOM + fig("page_number_gap"), abs=TOL)
    assert edge == pytest.approx(expected, abs=TOL)


def test_turned_table_page(built: dict[str, Built]) -> None:
    """The 横排表格 with its 附件 label and title, turned, where the PDF has them."""
    b = built["report"]
    page = next(i for i, (w, h) in enumerate(page_sizes(b.lo)) if w > h)
    deltas = Deltas("report (turned page)")
    for text in ("附件", "2021年上半年全市主要经济指标", "社会消费品零售总额", "同比增长"):
        mine, theirs = (_turned_text(pdf, page, text) for pdf in (b.pdf, b.lo))
        deltas(f"{text[:8]} x0", mine[0], theirs[0])
        deltas(f"{text[:8]} baseline", mine[1], theirs[1])
    deltas.check()


def _turned_text(pdf: Path, page: int, text: str) -> tuple[float, float]:
    chars = turned_chars(pdf, page)
    joined = "".join(c.c for c in chars)
    start = joined.index(text)
    run = chars[start : start + len(text)]
    return min(c.x0 for c in run), run[0].baseline


def test_blank_page_and_the_colophon_page_after_it(built: dict[str, Built]) -> None:
    """§7.5: a body filling an even page: a blank page, then the 版记 on the next even
    page; neither carries a number."""
    b = built["colophon-blank"]
    pages = page_count(b.lo)
    assert pages == page_count(b.pdf) == 4
    assert not lines_of(b.lo, pages - 2), "the blank page is blank"
    assert {pages - 2, pages - 1}.isdisjoint(number_lines(b.lo))
    assert find(b.lo, "印发$", pages - 1)


# ---- 版头 --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", EXAMPLES)
def test_mark(built: dict[str, Built], name: str) -> None:
    """§7.2.4, §10: the red 发文机关标志, its em top 35 mm below the 版心 top (命令 20 mm,
    信函 30 mm from the paper top), centred, in the 小标宋 font."""
    b = built[name]
    mine, theirs = red_lines(b.pdf), red_lines(b.lo)
    assert theirs and all(colour_class(c.color) == "red" for ln in theirs for c in ln.chars)
    top = min(c.em_top for ln in theirs for c in ln.chars)
    centre = (min(ln.x0 for ln in theirs) + max(ln.x1 for ln in theirs)) / 2
    assert top == pytest.approx(MARK_TOP.get(name, TOP + fig("mark_top")), abs=TOL)
    assert centre == pytest.approx(CENTRE, abs=TOL)
    fonts = {c.font for ln in theirs for c in ln.chars if not c.c.isascii()}
    assert fonts == {postscript_name(Role.XIAOBIAOSONG)}
    deltas = Deltas(name)
    deltas("mark em top", min(c.em_top for ln in mine for c in ln.chars), top)
    deltas("mark centre", (min(ln.x0 for ln in mine) + max(ln.x1 for ln in mine)) / 2, centre)
    deltas("mark size (pt)", mine[0].chars[0].size, theirs[0].chars[0].size, 0.5)
    for a, c in zip(sorted(mine, key=lambda ln: ln.baseline), theirs, strict=True):
        deltas(f"mark line {c.text[:6]} x0", a.x0, c.x0)
        deltas(f"mark line {c.text[:6]} baseline", a.baseline, c.baseline)
    deltas.check()


@pytest.mark.parametrize("name", ["notice", "request"])
def test_copy_number_secrecy_urgency(built: dict[str, Built], name: str) -> None:
    """§7.2.1–7.2.3: top left on lines 1–3, 密级 and 紧急程度 in 黑体."""
    b = built[name]
    deltas = Deltas(name)
    for pattern, role in ((r"^\d{6}$", None), ("★", Role.HEITI), ("^(特急|加急)$", Role.HEITI)):
        if not any(re.search(pattern, ln.text) for ln in lines_of(b.pdf, 0)):
            continue
        mine, theirs = find(b.pdf, pattern, 0), find(b.lo, pattern, 0)
        assert theirs.x0 == pytest.approx(LEFT, abs=TOL)
        if role:
            assert fonts_of(theirs, "密级特急加") <= {postscript_name(role)}
        deltas(f"{theirs.text} em top", mine.chars[0].em_top, theirs.chars[0].em_top)
        deltas(f"{theirs.text} x0", mine.x0, theirs.x0)
    deltas.check()


@pytest.mark.parametrize("name", ["notice", "request", "report", "joint-notice"])
def test_doc_number_rule_and_signers(built: dict[str, Built], name: str) -> None:
    """§7.2.5–7.2.7: 发文字号 centred (上行文: one 字 in, with 签发人 one 字 in at the right
    on the same line, names in 楷体); the red rule 156 mm wide, 4 mm under it."""
    b = built[name]
    deltas = Deltas(name)
    pattern = r"〔\d{4}〕[1-9]\d*号"
    for pdf in (b.pdf, b.lo):
        number = find(pdf, pattern, 0)
        red = [r for r in hrules(pdf) if r.page == 0 and r.colour == "red"]
        assert len(red) == 1
        rule = red[0]
        assert rule.x0 == pytest.approx(LEFT, abs=0.5)
        assert rule.x1 - rule.x0 == pytest.approx(fig("header_rule_width"), abs=0.5)
        digits = [c for c in number.chars if c.c not in "签发人：" and c.x0 < CENTRE + 30]
        assert rule.y == pytest.approx(digits[0].em_bottom + fig("header_rule_gap"), abs=0.5)
        if "签发人" in number.text:
            assert number.x0 == pytest.approx(LEFT + CHAR, abs=TOL)
            assert number.x1 == pytest.approx(RIGHT - CHAR, abs=TOL)
        else:
            assert (number.x0 + number.x1) / 2 == pytest.approx(CENTRE, abs=TOL)
    mine, theirs = find(b.pdf, pattern, 0), find(b.lo, pattern, 0)
    if "签发人" in theirs.text:
        names = theirs.text.split("：", 1)[1]
        assert fonts_of(theirs, names) == {postscript_name(Role.KAITI)}
    mine_rule, their_rule = (
        next(r for r in hrules(pdf) if r.page == 0 and r.colour == "red") for pdf in (b.pdf, b.lo)
    )
    deltas("发文字号 baseline", mine.baseline, theirs.baseline)
    deltas("发文字号 x0", mine.x0, theirs.x0)
    deltas("发文字号/签发人 x1", mine.x1, theirs.x1)
    deltas("red rule y", mine_rule.y, their_rule.y, 0.5)
    deltas("red rule thickness", mine_rule.thickness, their_rule.thickness, 0.05)
    deltas.check()


def test_letter_format(built: dict[str, Built]) -> None:
    """§10.1: red double lines 170 mm, centred on the paper, thick over thin 4 mm under the
    mark, thin over thick 20 mm above the paper bottom; 份号 flush left and 发文字号 flush
    right 4.94 mm under the first pair; no 版记 rules."""
    b = built["letter"]
    deltas = Deltas("letter")
    measured = {}
    for pdf in (b.pdf, b.lo):
        red = sorted((r for r in hrules(pdf) if r.colour == "red"), key=lambda r: r.y)
        assert [r.page for r in red] == [0, 0, 0, 0]
        for r in red:
            assert r.x1 - r.x0 == pytest.approx(fig("letter_rule_length"), abs=0.5)
            assert (r.x0 + r.x1) / 2 == pytest.approx(105, abs=0.5)
        assert red[0].thickness > red[1].thickness and red[2].thickness < red[3].thickness
        assert red[3].y == pytest.approx(297 - fig("letter_bottom_rule"), abs=0.5)
        mark_bottom = max(c.em_bottom for ln in red_lines(pdf) for c in ln.chars)
        assert red[0].y == pytest.approx(mark_bottom + fig("letter_top_rule_gap"), abs=0.5)
        first = find(pdf, r"^\d{6}.*〔\d{4}〕\d+号$", 0)
        line_bottom = red[1].y + red[1].thickness / 2
        assert first.chars[0].em_top == pytest.approx(line_bottom + 7 / 8 * 16 * MM_PER_PT, abs=0.5)
        assert first.x0 == pytest.approx(LEFT, abs=0.5)
        assert first.x1 == pytest.approx(RIGHT, abs=0.5)
        assert not [r for r in hrules(pdf) if r.colour == "black"]
        measured[pdf] = (red, first)
    (mine, mine_first), (theirs, their_first) = measured[b.pdf], measured[b.lo]
    for i, (a, c) in enumerate(zip(mine, theirs, strict=True)):
        deltas(f"double line {i + 1} y", a.y, c.y, 0.5)
        deltas(f"double line {i + 1} thickness", a.thickness, c.thickness, 0.05)
    deltas("份号/发文字号 em top", mine_first.chars[0].em_top, their_first.chars[0].em_top, 0.5)
    deltas.check()


def test_order_number(built: dict[str, Built]) -> None:
    """§10.2: 令号 centred, two rows below the mark; the body two rows below it."""
    b = built["order"]
    deltas = Deltas("order")
    for what, pattern in (("令号", r"^第\d+号$"), ("正文", "^《")):
        mine, theirs = find(b.pdf, pattern, 0), find(b.lo, pattern, 0)
        deltas(f"{what} baseline", mine.baseline, theirs.baseline)
        deltas(f"{what} x0", mine.x0, theirs.x0)
    number = find(b.lo, r"^第\d+号$", 0)
    assert (number.x0 + number.x1) / 2 == pytest.approx(CENTRE, abs=TOL)
    deltas.check()


@pytest.mark.parametrize("name", [*EXAMPLES, "work-summary"])
def test_title(built: dict[str, Built], name: str) -> None:
    """§7.3.1: the title's lines where the PDF has them, centred on the 版心."""
    b = built[name]
    mine = [ln for ln in lines_of(b.pdf, 0) if ln.chars[0].size == fig("title_size")]
    theirs = [ln for ln in lines_of(b.lo, 0) if ln.chars[0].size == fig("title_size")]
    assert [ln.text for ln in theirs] == [ln.text for ln in mine]
    deltas = Deltas(name)
    for a, c in zip(mine, theirs, strict=True):
        assert (c.x0 + c.x1) / 2 == pytest.approx(CENTRE, abs=TOL)
        deltas(f"title {c.text[:6]} em top", a.chars[0].em_top, c.chars[0].em_top)
        deltas(f"title {c.text[:6]} centre", (a.x0 + a.x1) / 2, (c.x0 + c.x1) / 2)
    deltas.check()


# ---- 主体: closing parts ------------------------------------------------------------------


def _signature(pdf: Path) -> tuple[list[Line], Line]:
    """The 署名 lines (one row, or one a line) and the 成文日期 below them."""
    found = lines_of(pdf)
    date = [ln for ln in found if re.fullmatch(r"20\d\d年\d{1,2}月\d{1,2}日", ln.text)][-1]
    same_page = [ln for ln in found if ln.page == date.page and ln.baseline < date.baseline]
    names = [
        ln for ln in same_page if ln.x0 > CENTRE - 50 and date.baseline - ln.baseline < 1.5 * ROW
    ]
    return names, date


@pytest.mark.parametrize("name", ["request", "minutes", "work-summary"])
def test_plain_signature(built: dict[str, Built], name: str) -> None:
    """§7.3.5.2: 署名 右空二字 one row below the text, the date below, 2 字 further right
    (or the date 右空二字 when it is the longer)."""
    b = built[name]
    deltas = Deltas(name)
    for pdf in (b.pdf, b.lo):
        names, date = _signature(pdf)
        issuer = names[-1]
        assert date.x0 - issuer.x0 == pytest.approx(2 * CHAR, abs=TOL)
        right = RIGHT - 2 * CHAR
        assert min(abs(issuer.x1 - right), abs(date.x1 - right)) <= TOL
        assert date.baseline - issuer.baseline == pytest.approx(ROW, abs=0.4)
    (mine, mine_date), (theirs, their_date) = _signature(b.pdf), _signature(b.lo)
    deltas("署名 x0", mine[-1].x0, theirs[-1].x0)
    deltas("署名 baseline", mine[-1].baseline, theirs[-1].baseline)
    deltas("成文日期 x0", mine_date.x0, their_date.x0)
    deltas("成文日期 x1", mine_date.x1, their_date.x1)
    deltas("成文日期 baseline", mine_date.baseline, their_date.baseline)
    deltas.check()


@pytest.mark.parametrize("name", ["notice", "joint-notice", "letter"])
def test_sealed_signature(built: dict[str, Built], name: str) -> None:
    """§7.3.5.1: the date 右空四字; each 署名 centred under its seal, the last seal over the
    date too, the seal's top within one row of the text; joint seals do not touch."""
    b = built[name]
    deltas = Deltas(name)
    measured = {}
    for pdf in (b.pdf, b.lo):
        names, date = _signature(pdf)
        seals = sorted((p for p in pictures(pdf) if p.page == date.page), key=lambda p: p.x0)
        assert seals, "a seal on the date's page"
        assert date.x1 == pytest.approx(RIGHT - 4 * CHAR, abs=TOL), "右空四字"
        last = seals[-1]
        assert (last.x0 + last.x1) / 2 == pytest.approx((date.x0 + date.x1) / 2, abs=TOL)
        assert last.y0 < date.chars[0].em_top < last.y1, "the seal presses on the date"
        above = [ln for ln in lines_of(pdf, date.page) if ln.baseline < last.y0]
        assert last.y0 - above[-1].chars[0].em_bottom <= ROW, "seal top within 1 行"
        for a, c in itertools.pairwise(seals):
            assert a.x1 < c.x0, "joint seals do not touch"
        name_chars = [c for ln in names for c in ln.chars]
        for seal in seals:
            under = [c for c in name_chars if seal.x0 < (c.x0 + c.x1) / 2 < seal.x1]
            centre = (min(c.x0 for c in under) + max(c.x1 for c in under)) / 2
            assert centre == pytest.approx((seal.x0 + seal.x1) / 2, abs=TOL), "署名 under seal"
        measured[pdf] = (seals, date, names)
    (mine, mine_date, mine_names), (theirs, their_date, their_names) = (
        measured[b.pdf],
        measured[b.lo],
    )
    assert len(theirs) == len(mine)
    for i, (a, c) in enumerate(zip(mine, theirs, strict=True)):
        deltas(f"seal {i + 1} x0", a.x0, c.x0)
        deltas(f"seal {i + 1} y0", a.y0, c.y0)
        deltas(f"seal {i + 1} width", a.x1 - a.x0, c.x1 - c.x0, 0.2)
    deltas("署名 baseline", mine_names[0].baseline, their_names[0].baseline)
    deltas("署名 x0", mine_names[0].x0, their_names[0].x0)
    deltas("成文日期 x1", mine_date.x1, their_date.x1)
    deltas("成文日期 baseline", mine_date.baseline, their_date.baseline)
    deltas.check()


@pytest.mark.parametrize("name", ["report", "order"])
def test_stamp_signature(built: dict[str, Built], name: str) -> None:
    """§7.3.5.3: the 签名章 右空四字, 职务 two 字 to its left and centred on it, the date
    one row below the stamp, 右空四字."""
    b = built[name]
    deltas = Deltas(name)
    measured = {}
    for pdf in (b.pdf, b.lo):
        _, date = _signature(pdf)
        stamp = [p for p in pictures(pdf) if p.page == date.page]
        assert len(stamp) == 1
        stamp_box = stamp[0]
        title = find(pdf, "^(局长|市长)$", date.page)
        assert stamp_box.x1 == pytest.approx(RIGHT - 4 * CHAR, abs=TOL)
        assert date.x1 == pytest.approx(RIGHT - 4 * CHAR, abs=TOL)
        assert stamp_box.x0 - title.x1 == pytest.approx(2 * CHAR, abs=TOL)
        centre = (stamp_box.y0 + stamp_box.y1) / 2
        assert em_centre(title) == pytest.approx(centre, abs=TOL)
        assert date.chars[0].em_top > stamp_box.y1
        measured[pdf] = (stamp_box, title, date)
    (ms, mt, md), (ts, tt, td) = measured[b.pdf], measured[b.lo]
    deltas("签名章 x0", ms.x0, ts.x0)
    deltas("签名章 y0", ms.y0, ts.y0)
    deltas("签名章 height", ms.y1 - ms.y0, ts.y1 - ts.y0, 0.2)
    deltas("职务 x1", mt.x1, tt.x1)
    deltas("职务 em centre", em_centre(mt), em_centre(tt))
    deltas("成文日期 x1", md.x1, td.x1)
    deltas("成文日期 baseline", md.baseline, td.baseline)
    deltas.check()


@pytest.mark.parametrize("name", ["notice", "report"])
def test_attachment_note(built: dict[str, Built], name: str) -> None:
    """§7.3.4: 附件：1.name 2 字 in, later numbers under "1.", one row below the text."""
    b = built[name]
    deltas = Deltas(name)
    for pdf in (b.pdf, b.lo):
        first = find(pdf, "^附件：")
        assert first.x0 == pytest.approx(LEFT + 2 * CHAR, abs=0.5)
        later = [
            ln
            for ln in lines_of(pdf, first.page)
            if re.match(r"^\d+\.\D", ln.text) and 0 < ln.baseline - first.baseline < 3 * ROW
        ]
        if later:
            number = next(c for c in first.chars if c.c == "1")
            assert later[0].x0 == pytest.approx(number.x0, abs=0.5), "numbers under 1."
    for pattern in ("^附件：", r"^2\."):
        if any(re.search(pattern, ln.text) for ln in lines_of(b.pdf)):
            mine, theirs = find(b.pdf, pattern), find(b.lo, pattern)
            deltas(f"{pattern} x0", mine.x0, theirs.x0, 0.5)
            deltas(f"{pattern} baseline", mine.baseline, theirs.baseline)
    deltas.check()


@pytest.mark.parametrize("name", ["notice", "request"])
def test_note(built: dict[str, Built], name: str) -> None:
    """§7.3.6: 附注 in parentheses, 2 字 in, on the line after the date."""
    b = built[name]
    deltas = Deltas(name)
    for pdf in (b.pdf, b.lo):
        note = find(pdf, "^（.*）$")
        _, date = _signature(pdf)
        assert note.x0 == pytest.approx(LEFT + 2 * CHAR, abs=0.5)
        assert note.baseline - date.baseline == pytest.approx(ROW, abs=0.4)
    mine, theirs = find(b.pdf, "^（.*）$"), find(b.lo, "^（.*）$")
    deltas("附注 baseline", mine.baseline, theirs.baseline)
    deltas("附注 x0", mine.x0, theirs.x0, 0.5)
    deltas.check()


def test_attendees(built: dict[str, Built]) -> None:
    """§10.3: 出席/请假/列席 2 字 in, the label in 黑体, the names in 仿宋 after it."""
    b = built["minutes"]
    deltas = Deltas("minutes")
    for label in ("出席", "请假", "列席"):
        mine, theirs = find(b.pdf, f"^{label}："), find(b.lo, f"^{label}：")
        assert theirs.x0 == pytest.approx(LEFT + 2 * CHAR, abs=0.5)
        assert fonts_of(theirs, label) == {postscript_name(Role.HEITI)}
        names = theirs.text.split("：", 1)[1]
        assert fonts_of(theirs, names.replace("、", "")) == {postscript_name(Role.FANGSONG)}
        deltas(f"{label} page", mine.page, theirs.page, 0)
        deltas(f"{label} baseline", mine.baseline, theirs.baseline)
        deltas(f"{label} names x0", mine.chars[3].x0, theirs.chars[3].x0, 0.5)
    deltas.check()


@pytest.mark.parametrize("name", ["notice", "report"])
def test_attachment_pages(built: dict[str, Built], name: str) -> None:
    """§7.3.7: each 附件 on a new page, 附件N in 黑体 flush left on row 1, the title
    centred on row 3."""
    b = built[name]
    deltas = Deltas(name)
    for mine in [ln for ln in lines_of(b.pdf) if re.fullmatch(r"附件\d*", ln.text)]:
        theirs = find(b.lo, f"^{mine.text}$", mine.page)
        assert theirs.x0 == pytest.approx(LEFT, abs=0.5)
        assert fonts_of(theirs, "附件") == {postscript_name(Role.HEITI)}
        deltas(f"{mine.text} em top", mine.chars[0].em_top, theirs.chars[0].em_top)
        title = [ln for ln in lines_of(b.lo, mine.page) if ln.chars[0].size == fig("title_size")]
        their_title = [ln for ln in lines_of(b.pdf, mine.page) if ln.chars[0].size == 22]
        assert [ln.text for ln in title] == [ln.text for ln in their_title]
        for a, c in zip(their_title, title, strict=True):
            assert (c.x0 + c.x1) / 2 == pytest.approx(CENTRE, abs=TOL)
            deltas(f"{mine.text} title em top", a.chars[0].em_top, c.chars[0].em_top)
    deltas.check()


def test_portrait_table(built: dict[str, Built]) -> None:
    """A body table: ruled 156 mm wide, a header row in 黑体, 4号 text, on the grid."""
    b = built["notice"]
    deltas = Deltas("notice (table)")
    measured = {}
    for pdf in (b.pdf, b.lo):
        header = find(pdf, "^单位")
        rows = [
            r
            for r in hrules(pdf)
            if r.page == header.page and r.colour == "black" and r.y < header.baseline + 6 * ROW
        ]
        assert len(rows) == 5, "a top rule and one under the header and each row"
        for r in rows:
            assert r.x0 == pytest.approx(LEFT, abs=0.5) and r.x1 == pytest.approx(RIGHT, abs=0.5)
        assert header.chars[0].size == fig("table_size")
        measured[pdf] = (header, sorted(r.y for r in rows))
    (mh, my), (th, ty) = measured[b.pdf], measured[b.lo]
    assert fonts_of(th, "单位") == {postscript_name(Role.HEITI)}
    deltas("header baseline", mh.baseline, th.baseline)
    for i, (a, c) in enumerate(zip(my, ty, strict=True)):
        deltas(f"table rule {i + 1} y", a, c)
    for cell in ("市委统战部机关", "含线上学习"):
        mine, theirs = find(b.pdf, cell), find(b.lo, cell)
        deltas(
            f"{cell} x0",
            mine.chars[mine.text.index(cell)].x0,
            theirs.chars[theirs.text.index(cell)].x0,
        )
        deltas(f"{cell} baseline", mine.baseline, theirs.baseline)
    deltas.check()


# ---- 版记 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["notice", "request", "report", "joint-notice", "minutes", *MADE_UP]
)
def test_colophon(built: dict[str, Built], name: str) -> None:
    """§7.4: on the last page, an even one; rules 156 mm wide, thick first and last, thin
    between, the last on the 版心 bottom; 抄送 and 印发机关 one 字 in, 印发日期 one 字 from
    the right."""
    b = built[name]
    deltas = Deltas(name)
    measured = {}
    for pdf in (b.pdf, b.lo):
        last = page_count(pdf) - 1
        assert (last + 1) % 2 == 0, "double-sided: the 版记 is on an even page"
        printed = find(pdf, "印发$", last)
        parts = [ln for ln in lines_of(pdf, last) if ln.text.startswith(("抄送", "主送"))]
        top = min(ln.chars[0].em_top for ln in [*parts, printed]) - 4  # the first rule's row
        rules = sorted(
            (r for r in hrules(pdf) if r.page == last and r.colour == "black" and r.y > top),
            key=lambda r: r.y,
        )
        for r in rules:
            assert r.x0 == pytest.approx(LEFT, abs=0.5) and r.x1 == pytest.approx(RIGHT, abs=0.5)
        thick, thin = fig("colophon_thick_rule"), fig("colophon_thin_rule")
        assert rules[0].thickness == pytest.approx(thick, abs=0.05)
        assert rules[-1].thickness == pytest.approx(thick, abs=0.05)
        assert all(r.thickness == pytest.approx(thin, abs=0.05) for r in rules[1:-1])
        assert rules[-1].y == pytest.approx(BOTTOM, abs=0.5)
        assert printed.chars[0].size == fig("colophon_size")
        assert printed.x0 == pytest.approx(LEFT + SMALL, abs=0.5)
        assert printed.x1 == pytest.approx(RIGHT - SMALL, abs=0.5)
        cc = [ln for ln in lines_of(pdf, last) if ln.text.startswith("抄送")]
        if cc:
            assert cc[0].x0 == pytest.approx(LEFT + SMALL, abs=0.5)
        measured[pdf] = (rules, printed, cc)
    (mr, mp, mc), (tr, tp, tc) = measured[b.pdf], measured[b.lo]
    assert len(tr) == len(mr)
    for i, (a, c) in enumerate(zip(mr, tr, strict=True)):
        deltas(f"版记 rule {i + 1} y", a.y, c.y)
        deltas(f"版记 rule {i + 1} thickness", a.thickness, c.thickness, 0.05)
    deltas("印发 line baseline", mp.baseline, tp.baseline)
    deltas("印发日期 x1", mp.x1, tp.x1, 0.5)
    if mc:
        deltas("抄送 baseline", mc[0].baseline, tc[0].baseline)
    deltas.check()


def test_letter_colophon(built: dict[str, Built]) -> None:
    """§10.1: the 信函's 版记 has no 印发 line and no rules, at the bottom of the 版心."""
    b = built["letter"]
    deltas = Deltas("letter")
    for pdf in (b.pdf, b.lo):
        assert page_count(pdf) % 2 == 0
    mine, theirs = (find(pdf, "^抄送", page_count(pdf) - 1) for pdf in (b.pdf, b.lo))
    assert theirs.x0 == pytest.approx(LEFT + SMALL, abs=0.5)
    deltas("抄送 baseline", mine.baseline, theirs.baseline)
    deltas("抄送 x0", mine.x0, theirs.x0, 0.5)
    deltas.check()


# ---- Colours and fonts --------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL)
def test_only_the_mark_is_red(built: dict[str, Built], name: str) -> None:
    """§5.2.4: all text black but the 发文机关标志 (seals and rules are not text)."""
    b = built[name]
    mark = {(ln.page, ln.baseline) for ln in red_lines(b.lo)}
    for line in lines_of(b.lo):
        colours = {colour_class(c.color) for c in line.chars}
        expected = {"red"} if (line.page, line.baseline) in mark else {"black"}
        assert colours == expected, line.text


# ---- The package ---------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _parts(docx: Path) -> Iterable[tuple[str, etree._Element]]:
    with zipfile.ZipFile(docx) as zf:
        for name in zf.namelist():
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                yield name, etree.fromstring(zf.read(name))


@pytest.mark.parametrize("name", ALL)
def test_every_run_names_its_east_asian_font(built: dict[str, Built], name: str) -> None:
    """Every run — body, tables, text boxes, headers, footers — names its fonts itself."""
    count = 0
    for part, root in _parts(built[name].docx):
        for run in root.iter(f"{{{W}}}r"):
            fonts = run.find(f"{{{W}}}rPr/{{{W}}}rFonts")
            assert fonts is not None and fonts.get(f"{{{W}}}eastAsia"), (
                part,
                etree.tostring(run)[:200],
            )
            count += 1
    print(f"{name}: {count} runs, each with w:eastAsia")


@pytest.mark.parametrize("name", ALL)
def test_no_theme_fonts(built: dict[str, Built], name: str) -> None:
    with zipfile.ZipFile(built[name].docx) as zf:
        assert not any(n.startswith("word/theme/") for n in zf.namelist())
        for part in zf.namelist():
            if part.endswith((".xml", ".rels")):
                text = zf.read(part).decode("utf-8")
                assert not re.search(r"w:(ascii|hAnsi|eastAsia|cs)Theme=", text), part


@pytest.mark.parametrize("name", ALL)
def test_python_docx_opens_it(built: dict[str, Built], name: str) -> None:
    import docx

    document = docx.Document(str(built[name].docx))
    texts = "".join(p.text for p in document.paragraphs)
    print(f"{name}: {len(document.sections)} sections, {len(document.tables)} tables")
    assert texts
    for section in document.sections:
        assert section.footer is not None


@pytest.mark.parametrize("name", ALL)
def test_two_writes_give_the_same_bytes(tmp_path: Path, name: str) -> None:
    from docgen.build import BuildOptions, build

    first = build(SPECS / f"{name}.yaml", BuildOptions(out_dir=tmp_path / "a", formats=("docx",)))
    second = build(SPECS / f"{name}.yaml", BuildOptions(out_dir=tmp_path / "b", formats=("docx",)))
    assert first.files[0].read_bytes() == second.files[0].read_bytes()


# ---- The package's structure (no LibreOffice needed) -------------------------------------

NS = {"w": W}


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, etree._Element]]:
    from docgen.build import BuildOptions, build

    out = tmp_path_factory.mktemp("docx-structure")
    found = {}
    for name in ALL:
        path = build(SPECS / f"{name}.yaml", BuildOptions(out_dir=out, formats=("docx",))).files[0]
        with zipfile.ZipFile(path) as zf:
            found[name] = {
                n: etree.fromstring(zf.read(n)) for n in zf.namelist() if n.endswith(".xml")
            }
    return found


def _styled(root: etree._Element, style: str) -> list[etree._Element]:
    return [
        p
        for p in root.iter(f"{{{W}}}p")
        if p.find(f"w:pPr/w:pStyle[@w:val='{style}']", NS) is not None
    ]


def test_the_mark_is_an_exact_line_off_the_grid(packages: dict) -> None:
    """The 发文机关标志: red, 小标宋, an exact line placed by spacing, not snapped."""
    document = packages["notice"]["word/document.xml"]
    mark = _styled(document, "MarkGw")
    assert len(mark) == 1
    spacing = mark[0].find("w:pPr/w:spacing", NS)
    assert spacing.get(f"{{{W}}}lineRule") == "exact"
    assert int(spacing.get(f"{{{W}}}before")) > 0
    styles = packages["notice"]["word/styles.xml"]
    style = styles.find("w:style[@w:styleId='MarkGw']", NS)
    assert style.find("w:pPr/w:snapToGrid", NS).get(f"{{{W}}}val") == "0"
    assert style.find("w:rPr/w:color", NS).get(f"{{{W}}}val") == "FF0000"


def test_the_letter_has_its_own_first_page(packages: dict) -> None:
    """信函: w:titlePg; page 1's header holds the four red lines, its footer no number."""
    parts = packages["letter"]
    sect = parts["word/document.xml"].find("w:body/w:sectPr", NS)
    assert sect.find("w:titlePg", NS) is not None
    rels = {ref.get(f"{{{W}}}type") for ref in sect.findall("w:footerReference", NS)}
    assert rels == {"default", "even", "first"}
    headers = [root for name, root in parts.items() if name.startswith("word/header")]
    lines = [
        g
        for h in headers
        for g in h.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}ln")
    ]
    assert len(lines) == 4
    footers = [root for name, root in parts.items() if name.startswith("word/footer")]
    assert any(not list(f.iter(f"{{{W}}}fldChar")) for f in footers), "an empty footer"


def test_a_turned_table_is_a_landscape_section(packages: dict) -> None:
    document = packages["report"]["word/document.xml"]
    sections = document.findall(".//w:sectPr", NS)
    orients = [s.find("w:pgSz", NS).get(f"{{{W}}}orient") for s in sections]
    print(f"report sections: {orients}")
    assert orients.count("landscape") == 1 and len(sections) == 3
    header_rows = document.findall(".//w:tr/w:trPr/w:tblHeader", NS)
    assert header_rows, "the header row repeats"


def test_the_colophon_is_a_table_at_the_foot_of_the_page(packages: dict) -> None:
    document = packages["notice"]["word/document.xml"]
    floating = document.findall(".//w:tblpPr", NS)
    assert len(floating) == 1
    assert floating[0].get(f"{{{W}}}tblpYSpec") == "bottom"
    assert floating[0].get(f"{{{W}}}vertAnchor") == "margin"
