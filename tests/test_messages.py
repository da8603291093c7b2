"""Messages in Chinese where the reader's locale is Chinese (issue 14): the catalog has a
Chinese text for every message and its compiled form is current; the broken specs of
tests/test_spec_errors.py are told in Chinese under LANG=zh_CN.UTF-8 or --lang zh."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docgen.cli import app
from docgen.i18n import choose
from tests.test_spec_errors import CASES, GOOD

ROOT = Path(__file__).resolve().parents[1]

# Every case's cause in Chinese: a fragment each message must hold.
CHINESE = {
    "misspelt-key": "未知的键 'titel'；是不是想写 'title'",
    "misspelt-nested-key": "未知的键 'openin'",
    "wrong-type": "应为 true 或 false，实际是 'perhaps'",
    "impossible-date": "2021年2月只有 28 天，没有 30 日",
    "impossible-typed-date": "2021年2月只有 28 天，没有 29 日",
    "no-such-month": "没有 13 月",
    "date-in-another-form": "不是日期：请写成",
    "missing-date": "必须填写：成文日期",
    "order-number-outside-an-order": "令号只用于命令（这是通知）",
    "attendees-outside-minutes": "只用于纪要",
    "reply-outside-a-reply": "只有批复才引用来文",
    "signatory-name-alone": "需要先写 signatory:",
    "full-width-colon": "后面是全角冒号",
    "tab-indent": "制表符",
    "unquoted-braces": "要加引号",
    "indentation": "这一行缩进 3 个空格，上一行缩进 2 个",
    "yaml-syntax": "不是有效的 YAML",
    "yaml-tag": "不允许使用标签 python/object",
    "undefined-variable": "未定义的变量：'whom'",
    "template-undefined": "未定义的变量：'missing_var'",
    "python-internals": "模板不允许这样做",
    "template-internals": "模板不允许这样做",
    "template-outside-project": "指向项目文件夹以外",
    "unknown-kind": "未知的文种 '通函'",
    "malformed-doc-number": "不是规范的发文字号",
    "doc-number-with-leading-zero": "序号不编虚位",
    "empty-issuer": "有一个名称是空的",
    "missing-title": "只有命令可以没有标题",
    "missing-body": "这一项必须填写，但没有写",
    "missing-kind": "这一项必须填写，但没有写",
    "seal-and-stamp": "只能写一个",
    "printer-without-date": "要一起写",
    "empty-heading": "是空的",
    "five-heading-levels": "标题最多 4 层",
    "table-rows-differ": "每一行的单元格数要相同",
    "unknown-urgency": "取值 '很急' 无效",
    "unknown-secrecy": "取值 '内部' 无效",
    "recipients-not-a-list": "应为列表，实际是 映射",
    "date-as-a-number": "20210701 不是日期",
    "copy-number-out-of-range": "应为整数，且 >= 1",
    "seal-file-missing": "没有这个文件",
    "control-character": "文本中有控制字符（U+0007）",
    "typed-heading-ordinal": "以序号 一、 开头",
    "typed-item-ordinal": "有一项以 一是 开头",
}


def test_the_catalog_is_complete_and_compiled() -> None:
    tool = ROOT / "tools" / "messages.py"
    result = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.fixture(autouse=True)
def _follow_the_locale():
    yield
    choose(None)  # --lang sets the language for the process: leave it as found


@pytest.mark.parametrize("case", sorted(CASES))
def test_broken_specs_are_told_in_chinese(case: str, tmp_path: Path) -> None:
    spec_text, template, _ = CASES[case]
    project = tmp_path / "project"
    project.mkdir()
    (project / "docgen.toml").write_text("")
    spec = project / "bad.yaml"
    spec.write_text(spec_text, encoding="utf-8")
    if template:
        (project / "own.xml.j2").write_text(template, encoding="utf-8")
    env = {"LANG": "zh_CN.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    result = CliRunner().invoke(app, ["validate", str(spec)], env=env)
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert message.startswith("错误："), message
    assert CHINESE[case] in message, message


def test_lang_chooses_whatever_the_locale(tmp_path: Path) -> None:
    spec = tmp_path / "good.yaml"
    spec.write_text(GOOD, encoding="utf-8")
    runner = CliRunner()
    chinese = runner.invoke(app, ["--lang", "zh", "validate", str(spec)], env={"LANG": "C"})
    assert chinese.stdout.strip().endswith("：通过")
    english = runner.invoke(
        app, ["--lang", "en", "validate", str(spec)], env={"LANG": "zh_CN.UTF-8"}
    )
    assert english.stdout.strip().endswith(": ok")


def test_every_case_has_its_chinese() -> None:
    assert set(CHINESE) == set(CASES)
