"""Every 文种 of the 党政机关公文处理工作条例 can be written (issue 14): an example spec for
each builds and passes `docgen check`; an unsigned 纪要 and a 命令 signed in text show
what was given and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from docgen.build import BuildOptions, build
from docgen.check.command import check_file
from docgen.check.findings import Level
from docgen.kinds import KINDS
from tests.pdf_support import lines, text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT / "specs").glob("*.yaml")) + sorted(
    (ROOT / "tests" / "stress" / "specs").glob("*.yaml")
)
# 党政机关公文处理工作条例 (2012) 第八条
FIFTEEN = [
    "决议",
    "决定",
    "命令",
    "公报",
    "公告",
    "通告",
    "意见",
    "通知",
    "通报",
    "报告",
    "请示",
    "批复",
    "议案",
    "函",
    "纪要",
]


def _kind(spec: Path) -> str:
    return yaml.safe_load(spec.read_text(encoding="utf-8"))["kind"]


def test_docgen_knows_the_fifteen_kinds() -> None:
    assert set(FIFTEEN) <= set(KINDS)


@pytest.mark.parametrize("kind", FIFTEEN)
def test_each_kind_has_an_example_that_passes_the_check(kind: str, tmp_path: Path) -> None:
    spec = next((s for s in EXAMPLES if _kind(s) == kind), None)
    assert spec is not None, f"no example spec of kind {kind}"
    pdf = build(spec, BuildOptions(out_dir=tmp_path, formats=("pdf",))).files[0]
    assert not _errors(pdf)


def _errors(path: Path) -> list[str]:
    (report,) = check_file(path)
    assert report.unreadable is None, report.unreadable
    return [f"{f.rule}: {f.message}" for f in report.findings if f.level == Level.ERROR]


def _build(tmp_path: Path, spec: dict) -> Path:
    path = tmp_path / "doc.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return build(path, BuildOptions(out_dir=tmp_path, formats=("pdf",))).files[0]


def test_an_unsigned_minutes_shows_what_was_given(tmp_path: Path) -> None:
    pdf = _build(
        tmp_path,
        {
            "kind": "纪要",
            "issuer": "X市人民政府常务会议",
            "number": "第15号",
            "title": "X市人民政府第十五次常务会议纪要",
            "body": {"opening": "会议研究了安全生产工作。"},
            "attendees": {"出席": ["张三", "李四"], "请假": ["王五"], "列席": ["赵六"]},
        },
    )
    rows = [ln.text.replace(" ", "") for ln in lines(pdf)]
    assert rows[:2] == ["X市人民政府常务会议纪要", "第15号"]
    assert rows[-4:-1] == ["出席：张三、李四", "请假：王五", "列席：赵六"]
    assert rows[-1] == "—1—"  # nothing after the lists: no 署名, no 成文日期
    assert "年" not in "".join(rows[-4:])
    assert not _errors(pdf)


def test_an_order_signed_in_text(tmp_path: Path) -> None:
    pdf = _build(
        tmp_path,
        {
            "kind": "命令",
            "issuer": "X市人民政府",
            "order_number": "第3号",
            "body": {"opening": "《X市城市绿化管理办法》已经市政府常务会议通过，现予公布。"},
            "signatory": "市长",
            "signatory_name": "张三",
            "date": "2026-8-25",
        },
    )
    rows = [ln.text for ln in lines(pdf)]
    assert rows[-3:-1] == ["市长张三", "2026年8月25日"]  # (the PDF keeps no spaces)
    assert "X市人民政府" not in "".join(rows[2:])  # the organ is not the 署名 here
    assert "X市人民政府令" in text(pdf)
    assert not _errors(pdf)


def test_a_reply_cites_the_request_it_answers(tmp_path: Path) -> None:
    spec = ROOT / "specs" / "reply.yaml"
    pdf = build(spec, BuildOptions(out_dir=tmp_path, formats=("pdf",))).files[0]
    body = text(pdf).replace(" ", "")
    assert "你委《关于设立X市高新技术产业开发区的请示》（X发改〔2026〕45号）收悉。经研究" in body


def test_a_resolution_says_under_its_title_which_meeting_adopted_it(tmp_path: Path) -> None:
    spec = ROOT / "specs" / "resolution.yaml"
    pdf = build(spec, BuildOptions(out_dir=tmp_path, formats=("pdf",))).files[0]
    rows = lines(pdf)
    title_end = max(i for i, r in enumerate(rows) if r.chars[0].size > 20)
    note = rows[title_end + 1 : title_end + 3]
    text = "".join(r.text for r in note).replace(" ", "")
    assert text == "（2026年8月28日X市第十七届人民代表大会常务委员会第二十三次会议通过）"
    assert all("Kai" in c.font for r in note for c in r.chars if not c.c.isascii())
    for row in note:  # centred on the 版心 (x = 106 mm)
        assert abs((row.chars[0].x0 + row.chars[-1].x1) / 2 - 106) < 1.5, row.text
    assert note[0].baseline - rows[title_end].baseline < 10  # the next row: no gap
