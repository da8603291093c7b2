"""Text fields as people write them (issue 14): a blank line starts a new paragraph, a line
break joins; an item is text or a lead sentence and its text."""

from __future__ import annotations

from pathlib import Path

from docgen.build import BuildOptions, build
from docgen.render import load_spec
from tests.pdf_support import lines

SPEC = """\
kind: 通知
title: 关于测试要点的通知
issuer: 测试机关
date: 2026-8-1
body:
  items: paragraphs
  item_leads: emphasis
  opening: |
    第一段第一行，
    第一段第二行。

    第二段 with English
    words here.
  sections:
    - heading: 工作要求
      items:
        - 加强组织领导。各单位要高度重视。
        - lead: 强化督促检查。
          text: 定期通报进展情况。
        - lead: 注重宣传引导。
"""


def _rows(tmp_path: Path, text: str) -> list:
    spec = tmp_path / "text.yaml"
    spec.write_text(text, encoding="utf-8")
    return lines(build(spec, BuildOptions(out_dir=tmp_path, formats=("pdf",))).files[0])


def test_a_blank_line_starts_a_paragraph_and_a_line_break_joins(tmp_path: Path) -> None:
    rows = _rows(tmp_path, SPEC)
    texts = [r.text for r in rows]
    assert "第一段第一行，第一段第二行。" in texts  # no space between Chinese characters
    second = next(r for r in rows if r.text.startswith("第二段"))
    assert second.chars[0].x0 > 38  # its own paragraph: indented 2 字 (28 mm + 11.1 mm)
    spec = tmp_path / "text.yaml"
    opening = load_spec(spec).spec.body.opening
    assert opening == ["第一段第一行，第一段第二行。", "第二段 with English words here."]


def test_items_are_text_or_a_lead_and_its_text(tmp_path: Path) -> None:
    rows = _rows(tmp_path, SPEC)
    for start, lead in (("一是", "一是加强组织领导。"), ("二是", "二是强化督促检查。")):
        row = next(r for r in rows if r.text.startswith(start))
        heavy = "".join(c.c for c in row.chars if "Hei" in c.font)
        assert heavy == lead, (heavy, lead)  # item_leads: emphasis sets the lead in 黑体
        assert row.text.replace(" ", "").startswith(lead)
    third = next(r for r in rows if r.text.startswith("三是"))
    assert third.text == "三是注重宣传引导。"
