"""The short report of `docgen check` (issue 15): every check has a problem and an advice
in plain words, in English and Chinese, free of the checker's internals; the report groups
repeated findings, shows the figures and says what to do."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from docgen.build import BuildOptions, build
from docgen.check import catalog
from docgen.check.advice import ADVICE, ELEMENTS, advice_for, element_name
from docgen.check.findings import FileReport, Finding, Level
from docgen.check.report import one_line, render_short
from docgen.i18n import choose, tr

ROOT = Path(__file__).resolve().parents[1]
# Checks being added to the catalog alongside issue 15.
CHECK_IDS = sorted(check.id for check in catalog.ALL)
INTERNALS = ("w:", "em box", "line box", "OOXML", "rFonts", "pgMar")


@pytest.fixture(autouse=True)
def _follow_the_locale():
    yield
    choose(None)  # leave the language as found


def _texts() -> list[str]:
    """Every plain text, in English (the keys) and in Chinese."""
    english = [text for advice in ADVICE.values() for text in advice]
    choose("zh")
    return english + [tr(text) for text in english]


@pytest.mark.parametrize("rule", CHECK_IDS)
def test_every_check_has_a_problem_and_an_advice_in_both_languages(rule: str) -> None:
    assert rule in ADVICE, f"{rule}: no plain words"
    problem, advice = ADVICE[rule]
    assert problem.strip() and advice.strip()
    choose("zh")
    chinese = advice_for(rule)
    assert chinese is not None
    assert chinese.problem != problem, f"{rule}: problem not translated"
    assert chinese.advice != advice, f"{rule}: advice not translated"


def test_every_element_has_a_plain_name_in_both_languages() -> None:
    for element in {check.element for check in catalog.ALL}:
        choose("en")
        english = element_name(element)
        choose("zh")
        chinese = element_name(element)
        assert english == ELEMENTS[element], element
        assert chinese != english and not any(c.isascii() and c.isalpha() for c in chinese)


def test_no_text_shows_the_checkers_internals() -> None:
    for text in _texts():
        for word in INTERNALS:
            assert word not in text, f"{word!r} in {text!r}"


def _finding(rule: str, element: str, page: int | None, level: Level, **values: str) -> Finding:
    return Finding(rule, "7.2.4", element, page, level, f"technical words of {rule}", **values)


MARK = "发文机关标志 mark"
REPORT = FileReport(
    "notice.pdf",
    "pdf",
    4,
    [
        _finding("header.mark-top", MARK, 1, Level.ERROR, measured="74.20 mm", expected="72.00 mm"),
        *(
            _finding("body.indent", "正文 body", 3, Level.WARNING, measured=m, expected="60.58 mm")
            for m in ("61.00 mm", "62.50 mm", "63.00 mm", "64.00 mm")
        ),
        *(
            _finding("body.font", element, 2, Level.WARNING, measured="X (黑体)", expected="仿宋")
            for element in ("正文 body", "成文日期 date")
        ),
        _finding("made.up", "签发人 signer", None, Level.WARNING),
        _finding("header.mark-colour", MARK, 1, Level.PASS),
        _finding("title.gap", "标题 title", 1, Level.NOT_CHECKED),
    ],
)
CLEAN = FileReport("clean.pdf", "pdf", 2, [_finding("page.size", "页面 page", None, Level.PASS)])


def test_the_short_report_in_chinese() -> None:
    choose("zh")
    lines = render_short([REPORT, CLEAN]).splitlines()
    assert lines[0] == "notice.pdf：8 个问题（1 个错误，7 个警告）"
    assert lines[1] == (
        "  第 1 页 · 发文机关标志 · 发文机关标志的位置偏高或偏低（量得 74.2 毫米，应为 72 毫米）"
    )
    assert lines[2].startswith("    怎么改：调整标志上方的空行或段前间距")
    # Four findings of one check on one page: once, with the count and the first values.
    indent = [ln for ln in lines if "段落首行没有缩进" in ln]
    assert indent == [
        "  第 3 页 · 正文 · 段落首行没有缩进 2 个字"
        "（4 处；量得 61 毫米、62.5 毫米、63 毫米…，应为 60.58 毫米）"
    ]
    # A measurement that is not a figure stays in --verbose; the same advice twice in a
    # row is said once.
    at = lines.index("  第 2 页 · 正文 · 字体不是仿宋")
    assert lines[at + 1].startswith("    怎么改：把这部分文字设为仿宋")
    assert lines[at + 2] == "  第 2 页 · 成文日期 · 字体不是仿宋"
    assert not lines[at + 3].startswith("    ")
    # A check without plain words: its own message, no advice.
    at = lines.index("  全文 · 签发人 · technical words of made.up")
    assert not lines[at + 1].startswith("    ")
    assert lines[-1] == "clean.pdf：符合 GB/T 9704-2012（1 项测量）"
    assert len(lines) == 2 + 3 * 2 + 2  # heads, three problems with advice, two without


def test_the_short_report_in_english() -> None:
    choose("en")
    lines = render_short([REPORT, CLEAN]).splitlines()
    assert lines[0] == "notice.pdf: 8 problems (1 error, 7 warnings)"
    assert lines[1] == (
        "  page 1 · issuing authority's mark · The issuing authority's mark is too high or"
        " too low (measured 74.2 mm, should be 72 mm)"
    )
    assert lines[2].startswith("    What to do: Move the mark so that its top is 35 mm below")
    assert (
        "  page 3 · body text · A paragraph's first line is not indented by 2 characters"
        " (4 times; measured 61 mm, 62.5 mm, 63 mm…, should be 60.58 mm)"
    ) in lines
    assert "  whole document · signer · technical words of made.up" in lines
    assert lines[-1] == "clean.pdf: meets GB/T 9704-2012 (1 measurements)"


def test_a_clean_build_check_stays_one_translated_line() -> None:
    choose("zh")
    assert one_line([CLEAN]) == "GB/T 9704-2012：1 个文件，符合（1 项测量在容差内，0 项无法测量）"


def test_check_in_chinese_says_a_built_document_meets_the_standard(tmp_path: Path) -> None:
    spec = ROOT / "specs" / "work-summary.yaml"
    build(spec, BuildOptions(out_dir=tmp_path, formats=("pdf",)))
    pdf = tmp_path / "work-summary.pdf"
    command = [sys.executable, "-m", "docgen", "--lang", "zh", "check", str(pdf)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{pdf}：符合 GB/T 9704-2012（"), lines
