"""Bad specs fail with one located paragraph, a non-zero exit, and nothing written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from docgen.cli import app

GOOD = """\
kind: 通知
title: 关于测试的通知
issuer: 测试机关
date: 2021-07-01
vars:
  who: 各单位
body:
  opening: 请{{ who }}知悉。
"""

CASES = {
    "yaml-syntax": (
        GOOD.replace("title: 关于测试的通知", "title: [关于测试的通知"),
        None,
        [":3:", "not valid YAML", "from line 2"],
    ),
    "misspelt-key": (
        GOOD.replace("title:", "titel:"),
        None,
        [":2:1", "unknown key 'titel'", "did you mean 'title'"],
    ),
    "misspelt-nested-key": (
        GOOD.replace("  opening:", "  openin:"),
        None,
        [":8:3", "body.openin", "did you mean 'opening'"],
    ),
    "wrong-type": (
        GOOD + "double_sided: perhaps\n",
        None,
        [":9:", "double_sided", "expected true or false, got 'perhaps'"],
    ),
    "undefined-variable": (
        GOOD.replace("{{ who }}", "{{ whom }}"),
        None,
        [":8:", "body.opening", "undefined variable", "whom"],
    ),
    "python-internals": (
        GOOD.replace("{{ who }}", "{{ ''.__class__.__mro__ }}"),
        None,
        [":8:", "body.opening", "__class__"],
    ),
    "yaml-tag": (GOOD + "extra: !!python/object:os.system {}\n", None, [":9:", "python/object"]),
    "template-undefined": (
        GOOD + "template: own.xml.j2\n",
        "<p>{{ missing_var }}</p>\n",
        ["own.xml.j2:1", "undefined variable", "missing_var"],
    ),
    "template-internals": (
        GOOD + "template: own.xml.j2\n",
        "<p>{{ body.__class__.__init__.__globals__ }}</p>\n",
        ["own.xml.j2:1", "sandbox"],
    ),
    "impossible-date": (
        GOOD.replace("2021-07-01", "2021-02-30"),
        None,
        [":4:", "'2021-02-30' is not a date", "2021年2月 has 28 days, not 30"],
    ),
    "impossible-typed-date": (
        GOOD.replace("2021-07-01", "2021/2/29"),
        None,
        [":4:", "'2021/2/29' is not a date", "2021年2月 has 28 days, not 29"],
    ),
    "no-such-month": (
        GOOD.replace("2021-07-01", "2021年13月1日"),
        None,
        [":4:", "there is no month 13"],
    ),
    "date-in-another-form": (
        GOOD.replace("2021-07-01", "1.7.2021"),
        None,
        [":4:", "'1.7.2021' is not a date", "2026/8/25"],
    ),
    "order-number-outside-an-order": (
        GOOD + "order_number: 第3号\n",
        None,
        [":9:", "order_number", "令号 is printed in a 命令 only"],
    ),
    "attendees-outside-minutes": (
        GOOD + "attendees: {出席: [张三]}\n",
        None,
        [":9:", "attendees", "纪要 only"],
    ),
    "reply-outside-a-reply": (
        GOOD + "reply_to: {title: 关于X的请示}\n",
        None,
        [":9:", "reply_to", "批复 only"],
    ),
    "signatory-name-alone": (
        GOOD + "signatory_name: 张三\n",
        None,
        [":9:", "signatory_name", "needs signatory:"],
    ),
    "missing-date": (
        GOOD.replace("date: 2021-07-01\n", ""),
        None,
        ["date", "is required", "2026年8月25日"],
    ),
    "full-width-colon": (
        GOOD.replace("title: 关于", "title：关于"),
        None,
        [":2:", "full-width colon ： after 'title'", "title: …"],
    ),
    "tab-indent": (
        GOOD.replace("  opening:", "\topening:"),
        None,
        [":8:1", "a tab indents this line"],
    ),
    "unquoted-braces": (
        GOOD.replace("title: 关于测试的通知", "title: {{ who }}的通知"),
        None,
        [":2:", "starts with {{ needs quotes"],
    ),
    "indentation": (
        GOOD.replace("  who: 各单位", "  who: 各单位\n   whom: 各部门"),
        None,
        [":7:4", "indented 3 spaces, the line before it 2"],
    ),
    "unknown-kind": (
        GOOD.replace("kind: 通知", "kind: 通函"),
        None,
        [":1:", "unknown kind '通函'", "批复"],
    ),
    "malformed-doc-number": (
        GOOD + "number: X统发[2021]12号\n",
        None,
        [":9:", "is not a 发文字号", "六角括号"],
    ),
    "doc-number-with-leading-zero": (
        GOOD + "number: X统发〔2021〕012号\n",
        None,
        [":9:", "no leading zero"],
    ),
    "empty-issuer": (GOOD.replace("issuer: 测试机关", "issuer: ''"), None, [":3:", "issuer"]),
    "missing-title": (
        GOOD.replace("title: 关于测试的通知\n", ""),
        None,
        ["title", "only a 命令 goes without one"],
    ),
    "missing-body": (
        GOOD[: GOOD.index("body:")],
        None,
        ["body", "required but missing"],
    ),
    "seal-and-stamp": (
        GOOD + "seal: a.png\nstamp: b.png\nsignatory: 市长\n",
        None,
        ["stamp", "not both"],
    ),
    "printer-without-date": (GOOD + "printer: 测试机关办公室\n", None, ["printer", "go together"]),
    "empty-heading": (
        GOOD + "  sections:\n    - heading: ''\n",
        None,
        [":10:", "heading", "is empty"],
    ),
    "five-heading-levels": (
        GOOD + "  sections:\n    - heading: 一\n      sections:\n        - heading: 二\n"
        "          sections:\n            - heading: 三\n              sections:\n"
        "                - heading: 四\n                  sections:\n"
        "                    - heading: 五\n",
        None,
        ["sections", "headings go 4 levels deep", "these go 5"],
    ),
    "table-rows-differ": (
        GOOD + "  table: {rows: [[a, b], [c]]}\n",
        None,
        ["table", "same number of cells"],
    ),
    "unknown-urgency": (GOOD + "urgency: 很急\n", None, [":9:", "urgency", "特急"]),
    "recipients-not-a-list": (
        GOOD + "recipients: {各单位: 1}\n",
        None,
        [":9:", "recipients", "expected a list, got a mapping"],
    ),
    "missing-kind": (GOOD.replace("kind: 通知\n", ""), None, ["kind", "required but missing"]),
    "date-as-a-number": (
        GOOD.replace("2021-07-01", "20210701"),
        None,
        [":4:", "20210701 is not a date", "2026年8月25日"],
    ),
    "copy-number-out-of-range": (GOOD + "copy_number: 0\n", None, [":9:", "copy_number"]),
    "unknown-secrecy": (GOOD + "secrecy: 内部\n", None, [":9:", "secrecy", "机密"]),
    "seal-file-missing": (
        GOOD + "seal: images/no-such-seal.png\n",
        None,
        [":9:", "seal", "no-such-seal.png"],
    ),
    "control-character": (GOOD.replace("知悉", "知\x07悉"), None, ["control character"]),
    "typed-heading-ordinal": (
        GOOD + "  sections:\n    - heading: 一、总体要求\n",
        None,
        [":10:", "heading", "starts with its own number 一、", "leave it out"],
    ),
    "typed-item-ordinal": (
        GOOD + "  sections:\n    - heading: 总体要求\n      items: [一是加强领导。]\n",
        None,
        [":11:", "items", "starts with its own 一是"],
    ),
    "template-outside-project": (
        GOOD + "template: ../../etc/passwd\n",
        None,
        ["template", "outside the project"],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_spec_is_located_and_writes_nothing(case: str, tmp_path: Path) -> None:
    spec_text, template, expected = CASES[case]
    project = tmp_path / "project"
    project.mkdir()
    (project / "docgen.toml").write_text("")  # marks the project root
    spec = project / "bad.yaml"
    spec.write_text(spec_text, encoding="utf-8")
    if template:
        (project / "own.xml.j2").write_text(template, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    earlier = out / "bad.pdf"
    earlier.write_bytes(b"earlier build")

    result = CliRunner().invoke(app, ["build", str(spec), "-o", str(out)])

    assert result.exit_code == 1, result.output
    message = result.stderr.strip()
    assert message.startswith("error: "), message
    assert "\n" not in message, "one paragraph"
    assert "bad.yaml" in message or "own.xml.j2" in message
    for fragment in expected:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    assert sorted(p.name for p in out.iterdir()) == ["bad.pdf"], "nothing new is written"
    assert earlier.read_bytes() == b"earlier build", "an earlier output is left untouched"


def test_good_spec_validates(tmp_path: Path) -> None:
    spec = tmp_path / "good.yaml"
    spec.write_text(GOOD, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(spec)])
    assert result.exit_code == 0, result.output
    assert "ok" in result.stdout


def test_validate_reports_the_first_bad_spec(tmp_path: Path) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(GOOD.replace("kind: 通知", "kind: 通函"), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(spec)])
    assert result.exit_code == 1
    assert "bad.yaml:1:" in result.stderr and "unknown kind '通函'" in result.stderr


def _as_an_editor_reads(text: str) -> object:
    """YAML as yaml-language-server reads it (YAML 1.2 core schema): 2021-07-01 is text."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return yaml.load(text, Loader=Loader)


def test_json_schema_accepts_every_example_spec() -> None:
    import json

    import jsonschema

    from tests.conftest import SPECS

    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$id"] and schema["title"]
    validator = jsonschema.Draft202012Validator(schema)
    examples = sorted(SPECS.glob("*.yaml")) + sorted(
        (SPECS.parent / "tests/stress/specs").glob("*.yaml")
    )
    assert len(examples) > 20
    for spec in examples:
        data = _as_an_editor_reads(spec.read_text(encoding="utf-8"))
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, (spec.name, errors)
    for bad in ({"kind": "通知", "titel": "x"}, {"kind": "通知", "date": "2021-2-30x"}):
        assert list(validator.iter_errors(bad))


def test_every_field_of_the_schema_is_described() -> None:
    from docgen.spec.model import json_schema

    schema = json_schema()
    for name, definition in schema["$defs"].items():
        for prop, value in definition.get("properties", {}).items():
            assert "description" in value, f"{name}.{prop}"


def test_a_font_file_outside_the_project_is_refused(tmp_path: Path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "docgen.toml").write_text("")
    spec = project / "fonts.yaml"
    spec.write_text(GOOD + "fonts:\n  fangsong: ../outside.ttf\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(spec), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "fonts.yaml:10:" in result.stderr and "outside the project" in result.stderr


def test_an_unknown_font_family_names_the_spec_line(tmp_path: Path) -> None:
    spec = tmp_path / "fonts.yaml"
    spec.write_text(GOOD + "fonts:\n  kaiti: 不存在的字体\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(spec), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "fonts.yaml:10:" in result.stderr and "fonts.kaiti" in result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


@pytest.mark.parametrize(
    "typed", ["2021-7-1", "2021/7/1", "2021.7.1", "2021年7月1日", "2021-07-01"]
)
def test_dates_as_people_type_them(typed: str, tmp_path: Path) -> None:
    from docgen.build import BuildOptions, build
    from tests.pdf_support import text

    spec = tmp_path / "dated.yaml"
    spec.write_text(GOOD.replace("2021-07-01", typed), encoding="utf-8")
    pdf = build(spec, BuildOptions(out_dir=tmp_path, formats=("pdf",))).files[0]
    assert "测试机关2021年7月1日" in text(pdf).replace(" ", "")


def test_every_error_of_a_spec_is_told_at_once(tmp_path: Path) -> None:
    spec = tmp_path / "three.yaml"
    bad = GOOD.replace("2021-07-01", "2021-2-30") + "urgency: 很急\ndouble_sided: perhaps\n"
    spec.write_text(bad, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(spec)])
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3, errors
    assert all(line.startswith(f"error: {spec}:") for line in errors)
    for fragment in ("2021年2月 has 28 days", "urgency", "double_sided"):
        assert any(fragment in line for line in errors), fragment


def test_errors_inside_the_body_are_told_with_the_rest(tmp_path: Path) -> None:
    """A mistake inside a key the spec cannot do without (body) is set aside by itself,
    so the mistakes after it — in the body and outside — are told in the same run."""
    spec = tmp_path / "four.yaml"
    spec.write_text(
        "kind: 通知\nissuer: X市\ntitle: 关于测试的通知\nbody:\n  opening: 正文\n"
        "  sections:\n    - heading: 一\n      itemz: [a]\n    - heading: 二\n"
        "      text: 5\n      colour: red\ndate: 2026-12-01\nrecipientz: [a]\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["validate", str(spec)])
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    located = [line.split(": ", 2)[1] for line in errors]
    assert located == [f"{spec}:8:7", f"{spec}:10:7", f"{spec}:11:7", f"{spec}:13:1"], errors
    for fragment in ("'itemz'", "got 5", "'colour'", "'recipientz'"):
        assert any(fragment in line for line in errors), fragment


def test_a_batch_builds_the_good_specs_and_fails_at_the_end(tmp_path: Path) -> None:
    good, bad, also_good = (tmp_path / f"{n}.yaml" for n in ("a", "b", "c"))
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(GOOD.replace("title:", "titel:"), encoding="utf-8")
    also_good.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    args = ["build", str(good), str(bad), str(also_good), "-o", str(out), "--format", "pdf"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == ["a.pdf", "c.pdf"]
    assert "b.yaml:2:1" in result.stderr and "1 of 3 specs failed" in result.stderr


# YAML broken as people break it: (the spec, the line:column told, words of the English
# message).  The message names what is wrong in plain words, never the parser's jargon.
YAML_MISTAKES = {
    "unclosed-list": (GOOD.replace("title: 关于测试的通知", "title: [关于测试"), ":3:", "[ is not"),
    "unclosed-quote": (GOOD.replace("title: 关于测试的通知", 'title: "关于测试'), ":", "quotes"),
    "unclosed-mapping": (GOOD.replace("who: 各单位", "who: {a: 1"), ":", "{ is not"),
    "value-starting-with-at": (GOOD.replace("issuer: 测试机关", "issuer: @测试"), ":3:9", "@"),
    "backslash-in-double-quotes": (
        GOOD.replace("title: 关于测试的通知", 'title: "C:\\q"'),
        ":2:",
        "backslash",
    ),
    "second-colon": (GOOD.replace("issuer: 测试机关", "issuer: 单位: 测试机关"), ":3:", "': '"),
    "star-before-text": (GOOD.replace("issuer: 测试机关", "issuer: *机关"), ":3:", "quotes"),
    "undefined-alias": (GOOD.replace("issuer: 测试机关", "issuer: *jg"), ":3:9", "anchor"),
    "ampersand-before-text": (GOOD.replace("issuer: 测试机关", "issuer: &机关"), ":3:", "quotes"),
    "two-documents": (GOOD + "---\nkind: 函\n", ":", "second document"),
    "list-item-among-keys": (
        GOOD.replace("issuer: 测试机关", "issuer: 测试机关\n- 二"),
        ":",
        "key: value",
    ),
}
_JARGON = re.compile(r"scalar|token|node|flow|block|stream|while (?:parsing|scanning)|<")


@pytest.mark.parametrize("case", sorted(YAML_MISTAKES))
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_yaml_mistakes_are_told_in_plain_words(case: str, lang: str, tmp_path: Path) -> None:
    text, where, words = YAML_MISTAKES[case]
    spec = tmp_path / "bad.yaml"
    spec.write_text(text, encoding="utf-8")

    result = CliRunner().invoke(app, ["--lang", lang, "validate", str(spec)])

    assert result.exit_code == 1, result.output
    message = result.stderr.strip()
    assert f"bad.yaml{where}" in message and "\n" not in message, message
    said = message.split("bad.yaml", 1)[1]
    assert not _JARGON.search(said), message
    if lang == "en":
        assert words in said, message
    else:  # Chinese throughout: no English word but the names YAML and spec
        assert not re.findall(r"[A-Za-z]{3,}", said.replace("YAML", "").replace("spec", ""))


@pytest.mark.parametrize(
    ("content", "chinese"),
    [
        ("标题：测试".encode("gbk"), "不是 UTF-8 文本：请把文件另存为 UTF-8 编码"),
        (b"", "spec 文件应是 YAML 映射"),
        (b"kind: \xe9\x80\x9a\xe7\x9f\xa5\x00\n", "文本中有 NUL 字节（0x00）"),
    ],
)
def test_a_file_that_is_no_spec_is_told_in_chinese(
    content: bytes, chinese: str, tmp_path: Path
) -> None:
    """A GBK file, an empty one, binary data: one located message, all of it Chinese."""
    spec = tmp_path / "bad.yaml"
    spec.write_bytes(content)
    result = CliRunner().invoke(app, ["--lang", "zh", "validate", str(spec)])
    assert result.exit_code == 1
    message = result.output.strip()
    assert message.startswith(f"错误：{spec}:1") and chinese in message, message
    words = re.findall(r"[A-Za-z]{3,}", message.split(": ", 1)[1])
    assert set(words) <= {"UTF", "YAML", "GBK", "NUL", "spec"}, words
