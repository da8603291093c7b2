"""Issue 6: every GB/T 9704 element, measured from the PDFs of the example specs."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import pytest

from docgen.build import BuildOptions, build
from docgen.standard import CHAR_PITCH_PT, LINE_PITCH_PT, MM_PER_PT, fig
from tests.conftest import SPECS
from tests.pdf_support import Line, colour_class, lines, page_count, pictures, rules

LEFT = fig("margin_left")
RIGHT = LEFT + fig("block_width")
CENTRE = LEFT + fig("block_width") / 2  # "居中": on the 版心, x = 106 mm
BOTTOM = fig("margin_top") + fig("block_height")
CELL = CHAR_PITCH_PT * MM_PER_PT
ROW = LINE_PITCH_PT * MM_PER_PT
EXAMPLES = ["notice", "request", "report", "joint-notice", "letter", "minutes", "order"]
MARK_TOP = {  # mm from the page top, by spec
    "notice": fig("margin_top") + fig("mark_top"),
    "request": fig("margin_top") + fig("mark_top"),
    "report": fig("margin_top") + fig("mark_top"),
    "joint-notice": fig("margin_top") + fig("mark_top"),
    "minutes": fig("margin_top") + fig("minutes_mark_top"),
    "order": fig("margin_top") + fig("order_mark_top"),
    "letter": fig("letter_mark_top"),
}


@pytest.fixture(scope="session")
def example_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("examples")
    return {
        name: build(SPECS / f"{name}.yaml", BuildOptions(out_dir=out, formats=("pdf",))).files[0]
        for name in EXAMPLES
    }


def _red_lines(pdf: Path) -> list[Line]:
    return [ln for ln in lines(pdf) if colour_class(ln.chars[0].color) == "red"]


def _line(pdf: Path, pattern: str, page: int | None = None) -> Line:
    found = [
        ln for ln in lines(pdf) if re.search(pattern, ln.text) and (page is None or ln.page == page)
    ]
    assert found, f"no line matches {pattern!r}"
    return found[0]


@pytest.mark.parametrize("name", EXAMPLES)
def test_mark_top_colour_and_centre(example_pdfs: dict[str, Path], name: str) -> None:
    mark = [ln for ln in _red_lines(example_pdfs[name]) if ln.page == 0]
    assert mark, "a red 发文机关标志 on page 1"
    top = min(c.em_top for ln in mark for c in ln.chars)
    assert top == pytest.approx(MARK_TOP[name], abs=1.0)
    left = min(ln.x0 for ln in mark)
    right = max(ln.x1 for ln in mark)
    assert (left + right) / 2 == pytest.approx(CENTRE, abs=1.0)
    assert all(colour_class(c.color) == "red" for ln in mark for c in ln.chars)


@pytest.mark.parametrize("name", ["notice", "request", "report", "joint-notice"])
def test_number_rule_and_title(example_pdfs: dict[str, Path], name: str) -> None:
    pdf = example_pdfs[name]
    number = _line(pdf, r"〔\d{4}〕[1-9]\d*号", page=0)
    doc_no = re.search(r"\S+〔\d{4}〕[1-9]\d*号", number.text)
    assert doc_no
    number_chars = [c for c in number.chars if c.c in doc_no.group()]
    red = [r for r in rules(pdf) if r.page == 0 and r.colour == "red"]
    assert len(red) == 1
    rule = red[0]
    assert rule.x0 == pytest.approx(LEFT, abs=0.5)
    assert rule.x1 - rule.x0 == pytest.approx(fig("header_rule_width"), abs=0.5)
    assert rule.y == pytest.approx(number_chars[0].em_bottom + fig("header_rule_gap"), abs=0.5)
    if name in ("request", "report"):  # 上行文: flush left one 字 in, 签发人 on the right
        assert number_chars[0].x0 == pytest.approx(LEFT + CELL, abs=1.0)
        signer = _line(pdf, "签发人", page=0)
        assert signer.x1 == pytest.approx(RIGHT - CELL, abs=1.0)
        assert signer.baseline == pytest.approx(number.baseline, abs=0.2)
    else:
        centre = (number_chars[0].x0 + number_chars[-1].x1) / 2
        assert centre == pytest.approx(CENTRE, abs=1.0)
    title = next(ln for ln in lines(pdf) if ln.chars[0].size == 22 and ln.page == 0)
    assert title.chars[0].em_top - rule.y == pytest.approx(2 * ROW, abs=3.0)


def test_letter_format(example_pdfs: dict[str, Path]) -> None:
    pdf = example_pdfs["letter"]
    red = sorted((r for r in rules(pdf) if r.colour == "red"), key=lambda r: r.y)
    assert [r.page for r in red] == [0, 0, 0, 0], "two double lines, page 1 only"
    for r in red:
        assert r.x1 - r.x0 == pytest.approx(fig("letter_rule_length"), abs=0.5)
        assert (r.x0 + r.x1) / 2 == pytest.approx(105, abs=0.5)  # on the paper
    assert red[0].thickness > red[1].thickness, "thick over thin under the mark"
    assert red[2].thickness < red[3].thickness, "thin over thick at the foot"
    assert red[3].y == pytest.approx(297 - fig("letter_bottom_rule"), abs=0.5)
    mark_bottom = max(c.em_bottom for ln in _red_lines(pdf) for c in ln.chars)
    assert red[0].y == pytest.approx(mark_bottom + fig("letter_top_rule_gap"), abs=0.5)
    first = _line(pdf, r"^\d{6}.*〔\d{4}〕\d+号$", page=0)  # 份号 left, 发文字号 right
    line_bottom = red[1].y + red[1].thickness / 2
    gap = fig("letter_element_gap")
    assert first.chars[0].em_top == pytest.approx(line_bottom + gap, abs=0.5)
    assert first.x0 == pytest.approx(LEFT, abs=0.5)
    assert first.x1 == pytest.approx(RIGHT, abs=0.5)
    numbers = [ln.text for ln in lines(pdf) if ln.chars[0].size == 14 and ln.text.startswith("—")]
    pages_numbered = [ln.page for ln in lines(pdf) if ln.text in numbers]
    assert 0 not in pages_numbered, "信函格式: page 1 carries no number"
    assert not [r for r in rules(pdf) if r.colour == "black"], "no 版记 rules in a letter"


def _signature_lines(pdf: Path) -> tuple[Line, Line]:
    date = [ln for ln in lines(pdf) if re.fullmatch(r"20\d\d年\d{1,2}月\d{1,2}日", ln.text)]
    assert date, "a 成文日期 line"
    date_line = date[-1]
    above = [ln for ln in lines(pdf) if ln.page == date_line.page]
    name = above[above.index(date_line) - 1]
    return name, date_line


def test_plain_signature(example_pdfs: dict[str, Path]) -> None:
    name, date = _signature_lines(example_pdfs["request"])
    assert name.text == "X市人民政府"
    date_longer = date.x1 - date.x0 > name.x1 - name.x0  # "如成文日期长于发文机关署名"
    if date_longer:  # the date keeps 右空二字 and the 署名 moves left
        assert date.x1 == pytest.approx(RIGHT - 2 * CELL, abs=1.0)
        assert date.x0 - name.x0 == pytest.approx(2 * CELL, abs=1.0)
    else:
        assert name.x1 == pytest.approx(RIGHT - 2 * CELL, abs=1.0)
        assert date.x0 - name.x0 == pytest.approx(2 * CELL, abs=1.0)
    assert date.baseline - name.baseline == pytest.approx(ROW, abs=0.1)


@pytest.mark.parametrize("name", ["notice", "joint-notice"])
def test_sealed_signature(example_pdfs: dict[str, Path], name: str) -> None:
    pdf = example_pdfs[name]
    _, date = _signature_lines(pdf)
    assert date.x1 == pytest.approx(RIGHT - 4 * CELL, abs=1.0), "右空四字"
    seals = [p for p in pictures(pdf) if p.page == date.page]
    assert len(seals) == (2 if name == "joint-notice" else 1)
    last = max(seals, key=lambda p: p.x0)
    assert (last.x0 + last.x1) / 2 == pytest.approx((date.x0 + date.x1) / 2, abs=1.0)
    assert last.y0 < date.chars[0].em_top < last.y1, "the seal presses on the date"
    text_above = [ln for ln in lines(pdf) if ln.page == date.page and ln.baseline < last.y0]
    assert last.y0 - text_above[-1].chars[0].em_bottom <= ROW, "seal top within 1 行"
    ordered = sorted(seals, key=lambda p: p.x0)
    for a, b in itertools.pairwise(ordered):
        assert a.x1 < b.x0, "joint seals do not touch"


def test_stamp_signature(example_pdfs: dict[str, Path]) -> None:
    pdf = example_pdfs["report"]
    _, date = _signature_lines(pdf)
    stamp = [p for p in pictures(pdf) if p.page == date.page]
    assert len(stamp) == 1
    assert stamp[0].x1 == pytest.approx(RIGHT - 4 * CELL, abs=1.0)
    assert date.x1 == pytest.approx(RIGHT - 4 * CELL, abs=1.0)
    title = _line(pdf, "^局长$", page=date.page)
    assert stamp[0].x0 - title.x1 == pytest.approx(2 * CELL, abs=1.0)
    centre = (stamp[0].y0 + stamp[0].y1) / 2
    assert (title.chars[0].em_top + title.chars[0].em_bottom) / 2 == pytest.approx(centre, abs=1)
    assert date.chars[0].em_top > stamp[0].y1


@pytest.mark.parametrize("name", ["notice", "request", "report", "joint-notice", "minutes"])
def test_colophon_rules_and_even_page(example_pdfs: dict[str, Path], name: str) -> None:
    pdf = example_pdfs[name]
    last_page = page_count(pdf) - 1
    colophon_text = [
        ln
        for ln in lines(pdf)
        if ln.page == last_page
        and (ln.text.startswith(("抄送", "主送")) or ln.text.endswith("印发"))
    ]
    top = min(ln.chars[0].em_top for ln in colophon_text) - 4  # the first rule's row top
    black = sorted(
        (r for r in rules(pdf) if r.colour == "black" and r.page == last_page and r.y > top),
        key=lambda r: r.y,
    )
    assert page_count(pdf) % 2 == 0, "double-sided: the 版记 is on an even page"
    for r in black:
        assert r.x0 == pytest.approx(LEFT, abs=0.5)
        assert r.x1 == pytest.approx(RIGHT, abs=0.5)
    assert black[0].thickness == pytest.approx(fig("colophon_thick_rule"), abs=0.05)
    assert black[-1].thickness == pytest.approx(fig("colophon_thick_rule"), abs=0.05)
    for r in black[1:-1]:
        assert r.thickness == pytest.approx(fig("colophon_thin_rule"), abs=0.05)
    assert black[-1].y == pytest.approx(BOTTOM, abs=0.5)
    printed = _line(pdf, "印发$", page=last_page)
    assert printed.chars[0].size == fig("colophon_size")
    assert printed.x1 == pytest.approx(RIGHT - 14 * MM_PER_PT, abs=0.5)


def test_copies_are_numbered(tmp_path: Path) -> None:
    result = build(
        SPECS / "notice.yaml", BuildOptions(out_dir=tmp_path, copies=3, formats=("pdf",))
    )
    assert [f.name for f in result.files] == [
        "notice-000001.pdf",
        "notice-000002.pdf",
        "notice-000003.pdf",
    ]
    for n, pdf in enumerate(result.files, start=1):
        assert lines(pdf)[0].text == f"{n:06d}"


def _text_direction(pdf: Path, page: int) -> dict[str, tuple[float, float]]:
    import pymupdf

    with pymupdf.open(pdf) as doc:
        out = {}
        for block in doc[page].get_text("dict")["blocks"]:
            for line in block.get("lines", []):
                text = "".join(span["text"] for span in line["spans"])
                out[text] = tuple(round(v, 3) for v in line["dir"])
        return out


def test_tables_in_portrait(example_pdfs: dict[str, Path]) -> None:
    pdf = example_pdfs["notice"]
    page = next(ln.page for ln in lines(pdf) if ln.text == "培训情况统计表")
    header = _line(pdf, "单位", page=page)
    table_rules = [
        r
        for r in rules(pdf)
        if r.page == page and r.colour == "black" and r.y < header.baseline + 6 * ROW
    ]
    assert len(table_rules) == 5, "a top rule and one under the header and each row"
    for r in table_rules:
        assert r.x0 == pytest.approx(LEFT, abs=0.5) and r.x1 == pytest.approx(RIGHT, abs=0.5)
    assert header.chars[0].size == fig("table_size")
    text = "".join(ln.text for ln in lines(pdf) if ln.page == page)
    for cell in ("市委统战部机关", "45", "集中学习与交流研讨相结合", "含线上学习"):
        assert cell in text


def test_a_wide_table_is_turned_and_the_page_number_is_not(example_pdfs: dict[str, Path]) -> None:
    pdf = example_pdfs["report"]
    page = next(
        p for p in range(page_count(pdf)) if (0.0, -1.0) in _text_direction(pdf, p).values()
    )
    directions = _text_direction(pdf, page)
    turned = [t for t, d in directions.items() if d == (0.0, -1.0)]
    upright = [t for t, d in directions.items() if d == (1.0, 0.0)]
    assert any("全市主要经济指标" in t for t in turned), directions
    assert any("社会消费品零售总额" in t for t in turned)
    number = f"— {page + 1} —"
    assert upright == [number], "only the page number stays upright"
    number_line = next(ln for ln in lines(pdf) if ln.page == page and ln.text == f"—{page + 1}—")
    inset = 14 * MM_PER_PT
    if (page + 1) % 2:
        assert number_line.x1 == pytest.approx(RIGHT - inset, abs=0.5)
    else:
        assert number_line.x0 == pytest.approx(LEFT + inset, abs=0.5)
    for c in (c for ln in lines(pdf) if ln.page == page for c in ln.chars):
        assert 0 <= c.x0 <= 210 and 0 <= c.baseline <= 297


def test_too_many_recipients_move_to_the_colophon(tmp_path: Path) -> None:
    """§7.3.2: recipients that would push all body text off page 1 go to the 版记."""
    import yaml

    spec = yaml.safe_load((SPECS / "notice.yaml").read_text(encoding="utf-8"))
    spec["recipients"] = [f"第{i}县（市、区）委统战部" for i in range(1, 31)]
    path = tmp_path / "crowded.yaml"
    shutil.copytree(SPECS / "images", tmp_path / "images")
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    (tmp_path / "docgen.toml").write_text("")
    pdf = build(path, BuildOptions(out_dir=tmp_path, formats=("pdf",))).files[0]
    found = lines(pdf)
    first_page = [ln.text for ln in found if ln.page == 0]
    assert not any("第1县" in t for t in first_page)
    assert any(t.startswith("为深入学习贯彻") for t in first_page), "page 1 shows body text"
    last = max(ln.page for ln in found)
    moved = [ln for ln in found if ln.page == last and ln.text.startswith("主送：")]
    assert moved and moved[0].chars[0].size == fig("colophon_size")
    colophon = "".join(ln.text for ln in found if ln.page == last)
    assert "第30县（市、区）委统战部。" in colophon
    assert colophon.index("主送：") < colophon.index("抄送：")


def test_a_colophon_longer_than_a_page_is_an_error(tmp_path: Path) -> None:
    import yaml

    from docgen.errors import LayoutError

    spec = yaml.safe_load((SPECS / "request.yaml").read_text(encoding="utf-8"))
    spec["cc"] = [f"第{i}县（市、区）人民政府办公室" for i in range(1, 80)]
    path = tmp_path / "long-cc.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    with pytest.raises(LayoutError, match="版记 needs"):
        build(path, BuildOptions(out_dir=tmp_path, formats=("pdf",)))
    assert not list(tmp_path.glob("*.pdf"))
