"""Pagination keeps what belongs together (issue 13): a heading with the first two lines
of its text, a 附注 whole.  Each case is built with the heading or the 附注 landing on
every one of the last rows of page 1, in the PDF and in LibreOffice's rendering of the
DOCX."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from docgen.build import BuildOptions, build
from docgen.fonts.fontconfig import write_fontconfig
from docgen.fonts.resolve import BUNDLED_DIR
from docgen.libreoffice import convert_to_pdf
from tests.lo_support import require_soffice
from tests.pdf_support import Line, lines

FILLER = "各单位要高度重视，认真组织，确保各项工作按时保质完成。" * 3  # 3 lines: 26 + 28 + 27
HEADING = "关于进一步做好工作的要求"  # numbered 一、 by docgen
TEXT = "请各单位结合实际，认真研究制定具体措施，明确责任分工，细化时间安排，" * 2
NOTE = "此件公开发布。联系人：张三，联系电话：0000-12345678，电子邮箱：dizhi@example.gov.cn"


def _spec(folder: Path, name: str, body: dict, **extra: object) -> Path:
    spec = {
        "kind": "通知",
        "title": "关于测试分页的通知",
        "recipients": ["各单位"],
        "issuer": "测试机关",
        "date": "2026-12-01",
        "body": body,
        **extra,
    }
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return path


def _opening(fillers: int, padding: int = 0) -> list[str]:
    return [FILLER] * fillers + ["现将有关事项通知如下。" * 2] + ["特此说明。"] * padding


def _body(rows: list[Line]) -> list[Line]:
    return [ln for ln in rows if ln.chars[0].size == 16 and "—" not in ln.text[:2]]


def _heading_case(folder: Path, fillers: int, padding: int) -> Path:
    body = {
        "opening": _opening(fillers, padding),
        # a second section, so that the signature's keep (closing.py) is not in play
        "sections": [{"heading": HEADING, "text": TEXT}, {"heading": "其他", "text": FILLER}],
    }
    return _spec(folder, f"heading-{fillers}-{padding}", body)


def _heading_keeps_two_lines(rows: list[Line]) -> bool:
    body = _body(rows)
    at = next(i for i, ln in enumerate(body) if ln.text.replace(" ", "") == "一、" + HEADING)
    after = [ln for ln in body[at + 1 : at + 3]]
    return all(ln.page == body[at].page for ln in after)


@pytest.mark.parametrize("padding", range(12))  # the heading on each of the last rows
def test_a_heading_keeps_the_first_two_lines_of_its_text(tmp_path: Path, padding: int) -> None:
    spec = _heading_case(tmp_path, 3, padding)
    pdf = build(spec, BuildOptions(out_dir=tmp_path, formats=("pdf",))).files[0]
    rows = lines(pdf)
    assert _heading_keeps_two_lines(rows), [ln.text for ln in _body(rows)]


def _heading_place(rows: list[Line]) -> tuple[int, bool]:
    """The heading's page and whether it opens the page's text."""
    heading = next(ln for ln in rows if ln.text.replace(" ", "") == "一、" + HEADING)
    above = [ln for ln in rows if ln.page == heading.page and ln.baseline < heading.baseline]
    return heading.page, not above


def test_libreoffice_keeps_the_heading_as_the_pdf_does(tmp_path: Path) -> None:
    """The heading lands on each of the last rows of page 1: LibreOffice's rendering of
    the DOCX puts it on the page the PDF does — also where there was room for it and one
    line of its text, which keep-with-next alone would have left there."""
    require_soffice()
    conf = write_fontconfig(tmp_path / "fontconfig", [BUNDLED_DIR])
    ours, theirs = [], []
    for padding in range(12):
        spec = _heading_case(tmp_path, 3, padding)
        pdf, docx = build(spec, BuildOptions(out_dir=tmp_path, formats=("pdf", "docx"))).files
        ours.append(_heading_place(_body(lines(pdf))))
        lo = convert_to_pdf(docx, tmp_path / "lo", fontconfig=conf)
        theirs.append(_heading_place(_body(lines(lo))))
    assert ours == theirs
    assert ours.count((1, True)) == 3  # moved to the top of page 2 (padding 7, 8, 9)


@pytest.mark.parametrize("fillers", range(5, 9))
def test_a_note_is_never_split(tmp_path: Path, fillers: int) -> None:
    spec = _spec(tmp_path, f"note-{fillers}", {"opening": _opening(fillers)}, note=NOTE * 2)
    pdf = build(spec, BuildOptions(out_dir=tmp_path, formats=("pdf",))).files[0]
    body = _body(lines(pdf))
    date = max(i for i, ln in enumerate(body) if ln.text.replace(" ", "") == "2026年12月1日")
    note = body[date + 1 :]
    assert len(note) >= 3
    assert len({ln.page for ln in note}) == 1, [(ln.page, ln.text) for ln in note]


def _minutes_case(folder: Path, padding: int) -> Path:
    spec = {
        "kind": "纪要",
        "issuer": "测试市人民政府常务会议",
        "title": "测试市人民政府第一次常务会议纪要",
        "body": {"opening": _opening(3, padding)},
        "attendees": {"出席": ["张三", "李四", "王五"], "列席": ["市政府办公室负责同志"]},
        "date": "2026-12-01",
    }
    path = folder / f"minutes-{padding}.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return path


def _attendees_place(rows: list[Line]) -> tuple[int, bool]:
    """The 出席 line's page and whether it opens the page's text."""
    head = next(ln for ln in rows if ln.text.replace(" ", "").startswith("出席"))
    above = [ln for ln in rows if ln.page == head.page and ln.baseline < head.baseline]
    return head.page, not above


def test_libreoffice_starts_the_attendees_where_the_pdf_does(tmp_path: Path) -> None:
    """纪要: the 出席 lists land on each of the last rows of page 1; where the empty row
    above them falls past the page's end, both start them at the top of page 2 (the DOCX
    set that row as an empty paragraph there, 10 mm too low, before the plan said so)."""
    require_soffice()
    conf = write_fontconfig(tmp_path / "fontconfig", [BUNDLED_DIR])
    ours, theirs = [], []
    for padding in range(5):
        spec = _minutes_case(tmp_path, padding)
        pdf, docx = build(spec, BuildOptions(out_dir=tmp_path, formats=("pdf", "docx"))).files
        ours.append(_attendees_place(_body(lines(pdf))))
        lo = convert_to_pdf(docx, tmp_path / "lo", fontconfig=conf)
        theirs.append(_attendees_place(_body(lines(lo))))
    assert ours == theirs
    assert (1, True) in ours  # the case that matters happened
