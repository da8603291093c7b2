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
    assert "body.font" in result.stdout and "WARNINGS" in result.stdout, result.stdout
    assert "no problems" not in result.stdout
