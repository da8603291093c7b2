"""`docgen build --check`: a clean build says so in one line; a problem prints the report."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from docgen.cli import app
from docgen.fonts.resolve import BUNDLED_DIR
from tests.test_spec_errors import GOOD


def test_a_clean_build_check_is_one_line(tmp_path: Path) -> None:
    spec = tmp_path / "good.yaml"
    spec.write_text(GOOD, encoding="utf-8")
    args = ["build", str(spec), "-o", str(tmp_path / "out"), "--format", "pdf", "--check"]
    result = CliRunner().invoke(app, args, env={"LANG": "C.UTF-8"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert lines[0].startswith(f"{spec} → ")
    assert len(lines) == 2 and lines[1].startswith("GB/T 9704-2012: 1 file(s), no problems"), lines


def test_a_build_check_with_a_problem_prints_the_report(tmp_path: Path) -> None:
    """Body text in a 黑体 face: the check warns, and the whole report is printed."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "docgen.toml").write_text("")
    hei = project / "hei.ttf"
    hei.write_bytes((BUNDLED_DIR / "FandolHei-Regular.ttf").read_bytes())
    spec = project / "black-body.yaml"
    spec.write_text(GOOD + "fonts: {fangsong: hei.ttf}\n", encoding="utf-8")
    args = ["build", str(spec), "-o", str(tmp_path / "out"), "--format", "pdf", "--check"]
    result = CliRunner().invoke(app, args, env={"LANG": "C.UTF-8"})
    lines = result.stdout.splitlines()
    assert "  page 1 · body text · Not set in 仿宋 (FangSong)" in lines, result.stdout
    assert any(ln.startswith("    What to do: ") for ln in lines), result.stdout
    assert "no problems" not in result.stdout


def test_check_says_meets_or_lists_the_problems_and_verbose_tells_all(tmp_path: Path) -> None:
    spec = tmp_path / "good.yaml"
    spec.write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    CliRunner().invoke(app, ["build", str(spec), "-o", str(out), "--format", "pdf"])
    pdf = str(out / "good.pdf")
    short = CliRunner().invoke(app, ["check", pdf], env={"LANG": "C.UTF-8"})
    assert short.stdout.strip().splitlines() == [
        f"{pdf}: meets GB/T 9704-2012 ({_passed(pdf)} measurements)"
    ]
    chinese = CliRunner().invoke(app, ["check", pdf], env={"LANG": "zh_CN.UTF-8"})
    assert "符合 GB/T 9704-2012" in chinese.stdout
    verbose = CliRunner().invoke(app, ["check", "--verbose", pdf], env={"LANG": "C.UTF-8"})
    assert "PASSED (measured and within tolerance)" in verbose.stdout


def _passed(pdf: str) -> int:
    import json

    result = CliRunner().invoke(app, ["check", "--json", pdf])
    report = json.loads(result.stdout)
    files = report["files"] if isinstance(report, dict) else report
    return sum(1 for f in files[0]["findings"] if f["level"] == "pass")


def test_a_line_that_starts_with_an_opening_mark_passes_its_own_check(tmp_path: Path) -> None:
    """A line that starts with 《 may set the mark in half an em (压缩行首标点), its empty
    left half outside the 版心: the checker measures where the type starts, so docgen's
    own output has no left-edge error (it had one before)."""
    from tests.pdf_support import MM_PER_PT, lines

    spec = tmp_path / "bracket.yaml"
    url = "https://www.gov.cn/zhengce/2026-03/15/content_123456.htm"
    text = (  # real text, found by building a generated report: a line opens with 《
        f"统筹推进数字政府建设；统筹{url}，全面{url}，加快……。我们坚持“放管服”改革，加快赟、"
        f"堃、彧、喆；进一步5G 基站。我们坚持“放管服”改革。统筹赟、堃、彧、喆，统筹《条例》。全面"
        f"COVID-19；全面{url}。统筹推进数字政府建设。全面{url}，加快Python 3.11，进一步5G 基站。"
        f"加快{url}。全面推进数字政府建设。全面“放管服”改革；进一步5G 基站；统筹GB/T 9704-2012。"
        "全面《条例》；我们坚持赟、堃、彧、喆；全面“放管服”改革；统筹Python 3.11；"
        "全面优化营商环境，"
    )
    spec.write_text(GOOD.replace("请{{ who }}知悉。", text), encoding="utf-8")
    out = tmp_path / "out"
    args = ["build", str(spec), "-o", str(out), "--format", "pdf", "--check"]
    result = CliRunner().invoke(app, args, env={"LANG": "C.UTF-8"})
    starts = [ln for ln in lines(out / "bracket.pdf") if ln.text.startswith("《")]
    hung = [ln for ln in starts if abs(ln.x0 + ln.chars[0].size * MM_PER_PT / 2 - 28) < 0.3]
    assert hung, starts  # set in half an em, its origin half an em left of the 版心
    # The one finding left is the rare characters' fallback face (楷 inside 仿宋), a warning.
    assert "(0 errors, 1 warning)" in result.stdout, result.stdout
    assert "Some characters come from a font of another style" in result.stdout
