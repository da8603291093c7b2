"""A realistic multi-page project for the kill and cache tests: a 通知 with a 版头, a title
that needs breaking (title words), sections, a table, a seal, two 附件 with pages of their
own and a 版记 — so that one build fills every cache docgen has."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.hostile.cases import SENTENCES, prose
from tests.hostile.harness import SEAL_PNG


def multipage_spec() -> str:
    sections = []
    for i, heading in enumerate(["总体要求", "检查重点", "工作要求"]):
        sections.append(f"    - heading: {heading}")
        sections.append(f"      text: {prose(420, i)}")
        sections.append("      sections:")
        for j in range(2):
            sections.append(f"        - heading: {SENTENCES[(i + j) % 10][:12].rstrip('，、')}")
            sections.append(f"          text: {prose(260, i + j + 3)}")
            sections.append(f"          items: [{SENTENCES[j][:20]}, {SENTENCES[j + 4][:24]}]")
    rows = "\n".join(f"      - [第{i}检查组, {10 + i}, {3 * i + 1}, 重点抽查]" for i in range(1, 7))
    return f"""\
kind: 通知
copy_number: 8
secrecy: 秘密
secrecy_period: 1年
urgency: 加急
issuer: "{{{{ city }}}}市人民政府办公室"
vars: {{city: X}}
number: {{prefix: "{{{{ city }}}}政办发", year: 2021, seq: 37}}
title: 关于开展2021年度全市安全生产大检查和重大事故隐患专项排查整治工作的通知
recipients: [各县（市、区）人民政府, 市直各有关单位]
body:
  opening: {prose(300)}
  sections:
{chr(10).join(sections)}
  table:
    header: [检查组, 检查企业数, 发现隐患数, 备注]
    rows:
{rows}
  closing: 特此通知。
attachments:
  - title: 安全生产大检查重点内容
    body:
      opening: [{prose(300, 2)}, {prose(300, 5)}]
  - title: 隐患整改台账
seal: images/seal.png
date: 2021-11-20
note: 此件公开发布
cc: [市委办公室, 市人大常委会办公室, 市政协办公室, 市纪委监委]
printer: "{{{{ city }}}}市人民政府办公室"
print_date: 2021-11-21
"""


def make_project(folder: Path) -> Path:
    """The project in ``folder``; returns the spec's path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "docgen.toml").write_text("", encoding="utf-8")
    (folder / "images").mkdir(exist_ok=True)
    shutil.copyfile(SEAL_PNG, folder / "images" / "seal.png")
    spec = folder / "notice.yaml"
    spec.write_text(multipage_spec(), encoding="utf-8")
    return spec
