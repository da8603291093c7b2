"""Issue 4: the PDF on the GB/T 9704 grid, measured from the file."""

from __future__ import annotations

import itertools
import statistics
from pathlib import Path

import pytest

from docgen.build import BuildOptions, build
from docgen.fonts.resolve import bundled
from docgen.fonts.roles import Role
from docgen.layout.linebreak import units
from docgen.standard import (
    BODY_SIZE_PT,
    CHARS_PER_LINE,
    LINE_PITCH_PT,
    LINES_PER_PAGE,
    MM_PER_PT,
    fig,
)
from docgen.standard.punctuation import NO_LINE_END, NO_LINE_START, SQUEEZABLE
from tests.conftest import ROOT
from tests.pdf_support import Line, lines
from tests.pdf_support import chars as chars_of

LEFT, TOP = fig("margin_left"), fig("margin_top")
RIGHT = LEFT + fig("block_width")
CENTRE = LEFT + fig("block_width") / 2  # "居中": on the 版心, x = 106 mm
PITCH_MM = LINE_PITCH_PT * MM_PER_PT
EM_MM = BODY_SIZE_PT * MM_PER_PT
CELL_MM = fig("block_width") / CHARS_PER_LINE
INDENT_MM = LEFT + 2 * CELL_MM


def family(role: Role) -> str:
    """The base font name (PostScript name) the bundled font of a role has in a PDF."""
    from fontTools.ttLib import TTFont

    return str(TTFont(bundled()[role].path, lazy=True)["name"].getDebugName(6))


def body_lines(pdf: Path) -> list[Line]:
    return [ln for ln in lines(pdf) if abs(ln.chars[0].size - BODY_SIZE_PT) < 0.01]


def full_lines(pdf: Path) -> list[Line]:
    """Body lines followed by a line of the same paragraph (one that is not indented)."""
    body = [ln for ln in body_lines(pdf) if ln.chars[0].x0 < RIGHT - 60]  # not the signature
    return [line for line, after in itertools.pairwise(body) if abs(after.x0 - LEFT) < 0.5]


def assert_justified(line: Line) -> None:
    """The last glyph ends at the block's right edge: its advance, or half of it for a mark
    set in half an em (标点挤压: its ink is in the left half)."""
    last = line.chars[-1]
    half = last.x0 + (last.x1 - last.x0) / 2
    squeezed = last.c in SQUEEZABLE and abs(half - RIGHT) <= 0.5
    assert squeezed or abs(last.x1 - RIGHT) <= 0.5, f"not justified: {line.text}"


def squeezable(text: str) -> int:
    """How many cells squeezing could win on a line: half an em a mark."""
    return sum(c in SQUEEZABLE for c in text) // 2 + 1


def is_cjk(c: str) -> bool:
    return not c.isascii()


def test_full_lines_have_28_cells_from_28_to_184_mm(work_summary_pdf: Path) -> None:
    full = full_lines(work_summary_pdf)
    on_grid = 0
    for line, after in itertools.pairwise([*full, None]):
        assert_justified(line)
        if not all(is_cjk(c.c) for c in line.chars):
            continue  # half-width letters and digits take their own widths
        indent = 2 if line.x0 > LEFT + 1 else 0
        cells = CHARS_PER_LINE - indent
        if len(line.chars) < cells:
            # 后推出: the next line starts with a unit that did not fit whole (a character and
            # its mark), or the layout pushed a unit that fitted, to keep a line from spreading
            # or a paragraph from ending in one character — then this line spreads little.
            assert after is not None, line.text
            first_unit = units(after.text)[0]
            fitted = len(line.chars) + first_unit[1] - first_unit[0] <= cells
            pitch = (line.chars[-1].x0 - line.chars[0].x0) / (len(line.chars) - 1)
            grid_pitch = (RIGHT - EM_MM - LEFT) / (CHARS_PER_LINE - 1)
            assert not fitted or pitch - grid_pitch <= fig("max_spread") + 0.01, line.text
        elif len(line.chars) > cells:  # punctuation set in half an em made room
            assert len(line.chars) - cells <= squeezable(line.text), line.text
        else:
            step = (RIGHT - EM_MM - LEFT) / (CHARS_PER_LINE - 1)
            for i, c in enumerate(line.chars, start=indent):
                assert abs(c.x0 - (LEFT + i * step)) <= 0.5, (line.text, i)
            on_grid += 1
    print(f"{on_grid} of {len(full)} full lines exactly on the 28-cell grid")
    assert on_grid >= 0.6 * len(full)


def test_every_full_page_has_22_lines_on_a_constant_pitch(work_summary_pdf: Path) -> None:
    body = body_lines(work_summary_pdf)
    pages = sorted({ln.page for ln in body})
    for page in pages[1:-1]:  # page 1 holds the title; the last page ends the text
        rows = [ln for ln in body if ln.page == page]
        assert len(rows) == LINES_PER_PAGE, f"page {page + 1}"
        pitches = [b.baseline - a.baseline for a, b in itertools.pairwise(rows)]
        assert max(pitches) - min(pitches) < 0.01
        assert statistics.mean(pitches) == pytest.approx(PITCH_MM, abs=0.01)


def test_first_line_box_starts_at_37_mm(work_summary_pdf: Path) -> None:
    """The line box is the grid row: the em box centred in it (standard.py, 'line_box')."""
    first = next(ln for ln in body_lines(work_summary_pdf) if ln.page == 1)
    row_top = first.chars[0].em_top - (PITCH_MM - EM_MM) / 2
    print(f"grid row top {row_top:.2f} mm, em box top {first.chars[0].em_top:.2f} mm")
    assert row_top == pytest.approx(TOP, abs=0.5)


def test_paragraphs_start_two_characters_in(work_summary_pdf: Path) -> None:
    starts = [ln for ln in body_lines(work_summary_pdf) if ln.x0 > LEFT + 1 and ln.x0 < 60]
    assert len(starts) == 6  # opening, four sections, closing
    for line in starts:
        assert line.x0 == pytest.approx(INDENT_MM, abs=0.5)


def test_no_line_starts_or_ends_with_a_forbidden_character(work_summary_pdf: Path) -> None:
    for line in lines(work_summary_pdf):
        assert line.text[0] not in NO_LINE_START, line.text
        assert line.text[-1] not in NO_LINE_END, line.text


def test_inline_level_one_headings_are_heiti(work_summary_pdf: Path) -> None:
    chars = [c for ln in body_lines(work_summary_pdf) for c in ln.chars]
    text = "".join(c.c for c in chars)
    heading = "一、坚持高位推进，强化组织领导，推动党史学习教育走深走实。"
    start = text.index(heading)
    assert {c.font for c in chars[start : start + len(heading)]} == {family(Role.HEITI)}
    after = chars[start + len(heading) : start + len(heading) + 20]
    assert {c.font for c in after} == {family(Role.FANGSONG)}


@pytest.fixture(scope="module")
def headings_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("headings")
    spec = ROOT / "tests" / "specs" / "headings.yaml"
    return build(spec, BuildOptions(out_dir=out, formats=("pdf",))).files[0]


def test_heading_fonts_per_level(headings_pdf: Path) -> None:
    expected = {
        "一、总体要求": Role.HEITI,
        "（一）指导思想": Role.KAITI,
        "1.学习重点": Role.FANGSONG,
        "（1）第一项重点": Role.FANGSONG,
        "（2）第二项重点": Role.FANGSONG,
        "2.方法步骤": Role.FANGSONG,
        "（二）基本原则": Role.KAITI,
        "二、主要任务": Role.HEITI,
    }
    found = {}
    for line in body_lines(headings_pdf):
        for heading, role in expected.items():
            if line.text.startswith(heading):
                fonts = {c.font for c in line.chars[: len(heading)] if is_cjk(c.c)}
                assert fonts == {family(role)}, heading
                found[heading] = line
    assert set(found) == set(expected), "every heading, numbered in order"
    text = "".join(ln.text for ln in body_lines(headings_pdf))
    assert "（二）基本原则坚持问题导向。一是强化组织领导。二是坚持高位推进。" in text


LONG_TITLE = "关于进一步加强和改进新时代全市统一战线党史学习教育" + "与理论武装工作的实施意见的通知"


def test_a_40_character_title_breaks_into_balanced_lines(headings_pdf: Path) -> None:
    title = [ln for ln in lines(headings_pdf) if ln.chars[0].size == 22]
    texts = [ln.text for ln in title]
    assert (
        "".join(texts)
        == "关于进一步加强和改进新时代全市统一战线党史学习教育与理论武装工作的实施意见的通知"
    )
    lengths = [len(t) for t in texts]
    assert len(texts) >= 2 and max(lengths) - min(lengths) <= 2, texts
    assert lengths[0] <= lengths[1], "a trapezoid: no line longer than the one below"
    for a, b in itertools.pairwise(texts):  # words kept whole
        assert (a[-2:], b[:2]) not in {("统一", "战线"), ("学习", "教育")}
        assert a[-1] + b[0] not in {"统一", "战线", "学习", "教育", "理论", "武装", "意见", "通知"}
    for line in title:
        centre = (line.x0 + line.x1) / 2
        assert centre == pytest.approx(CENTRE, abs=1.0)


def test_page_numbers(work_summary_pdf: Path) -> None:
    numbers = [ln for ln in lines(work_summary_pdf) if ln.chars[0].size == 14]
    pages = sorted({ln.page for ln in lines(work_summary_pdf)})
    assert [ln.page for ln in numbers] == pages
    inset = fig("page_number_inset") * 14 * MM_PER_PT
    for line in numbers:
        n = line.page + 1
        assert line.text == f"—{n}—"
        assert {c.font for c in line.chars} == {family(Role.SONGTI)}
        dash = line.chars[0]
        centre = dash.em_top + 14 * MM_PER_PT / 2
        assert centre == pytest.approx(fig("margin_top") + fig("block_height") + 7, abs=0.5)
        if n % 2:
            assert line.x1 == pytest.approx(RIGHT - inset, abs=0.5)
        else:
            assert line.x0 == pytest.approx(LEFT + inset, abs=0.5)


def test_outline_and_metadata(work_summary_pdf: Path) -> None:
    import pymupdf

    with pymupdf.open(work_summary_pdf) as doc:
        toc = doc.get_toc()
        meta = doc.metadata
    assert [entry[1][:2] for entry in toc] == ["一、", "二、", "三、", "四、"]
    assert meta["title"] == "中共X市委统战部党史学习教育工作总结"
    assert meta["author"] == "中共X市委统战部"
    assert meta["subject"] == "总结"
    assert meta["creator"].startswith("docgen")


def test_item_leads_in_emphasis_when_asked(tmp_path: Path) -> None:
    import yaml

    spec = yaml.safe_load((ROOT / "tests" / "specs" / "headings.yaml").read_text("utf-8"))
    spec["body"]["item_leads"] = "emphasis"
    spec["body"]["sections"][0]["sections"][1]["items"] = ["强化组织领导。成立领导小组。"]
    path = tmp_path / "emphasis.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    pdf = build(path, BuildOptions(out_dir=tmp_path, formats=("pdf",))).files[0]
    chars = [c for ln in body_lines(pdf) for c in ln.chars]
    text = "".join(c.c for c in chars)
    start = text.index("一是强化组织领导。")
    lead = chars[start : start + len("一是强化组织领导。")]
    rest = chars[
        start + len("一是强化组织领导。") : start + len("一是强化组织领导。成立领导小组。")
    ]
    assert {c.font for c in lead} == {family(Role.HEITI)}
    assert {c.font for c in rest} == {family(Role.FANGSONG)}


def test_item_leads_are_body_text_by_default(headings_pdf: Path) -> None:
    chars = [c for ln in body_lines(headings_pdf) for c in ln.chars]
    text = "".join(c.c for c in chars)
    start = text.index("一是强化组织领导。")
    assert {c.font for c in chars[start : start + 9]} == {family(Role.FANGSONG)}


def test_the_pdf_writer_draws_the_layout_without_measuring_again(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Issue 19: every glyph where the layout put it, in the face it chose, with no
    advance looked up again (not in docgen's faces, not in reportlab's metrics)."""
    from reportlab.pdfbase import pdfmetrics, ttfonts

    from docgen.build import make_faces
    from docgen.compose import compose
    from docgen.layout.pages import lay_out
    from docgen.render import load_spec
    from docgen.writers import WriteOptions, pdf

    loaded = load_spec(ROOT / "tests" / "stress" / "specs" / "tz-latin.yaml")
    doc = compose(loaded)
    faces, _ = make_faces(loaded, BuildOptions())
    layout = lay_out(doc, faces)

    def measured(*_args, **_kwargs):
        raise AssertionError("measured again while writing")

    for name in ("advance", "measure", "measure_text"):
        monkeypatch.setattr(type(faces), name, measured)
    monkeypatch.setattr(pdfmetrics, "stringWidth", measured)
    monkeypatch.setattr(ttfonts.TTFont, "stringWidth", measured)
    target = tmp_path / "drawn.pdf"
    with target.open("wb") as out:
        pdf.write(doc, layout, faces, out, WriteOptions())

    drawn = [c for c in chars_of(target) if c.c != "\u00ad"]
    wanted = [
        (number, g.ch, g.x * MM_PER_PT)
        for number, page in enumerate(layout.pages)
        if not page.landscape
        for line in ([*page.lines, page.folio] if page.folio else page.lines)
        for g in line.glyphs
        if not g.ch.isspace() and g.ch != "\u00ad"
    ]
    assert len(drawn) == len(wanted) > 500
    key = lambda item: (item[0], round(item[2], 2))  # noqa: E731
    got = sorted(((c.page, c.c, c.x0) for c in drawn), key=key)
    for (page, ch, x), (want_page, want_ch, want_x) in zip(
        got, sorted(wanted, key=key), strict=True
    ):
        assert (page, ch) == (want_page, want_ch)
        assert abs(x - want_x) < 0.01
