"""Issue 2: the work summary end to end — text, variables, determinism."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from docgen.build import BuildOptions, build
from tests.conftest import WORK_SUMMARY, squeeze
from tests.pdf_support import lines, text

TITLE = "中共X市委统战部党史学习教育工作总结"
SIGNATURE = "中共X市委统战部2021年7月20日"


def test_pdf_text_is_the_seed_between_title_and_signature(
    work_summary_pdf: Path, seed_text: str
) -> None:
    body_lines = [ln for ln in lines(work_summary_pdf) if ln.chars[0].size == 16]
    extracted = squeeze("".join(ln.text for ln in body_lines))
    extracted = re.sub(r"—\d+—", "", extracted)  # page numbers
    assert extracted.startswith(seed_text)
    assert extracted.removeprefix(seed_text) == SIGNATURE
    titles = [ln.text for ln in lines(work_summary_pdf) if ln.chars[0].size == 22]
    assert squeeze("".join(titles)) == TITLE


def _values(node: object) -> list[str]:
    if isinstance(node, dict):
        return [v for key, value in node.items() if key != "vars" for v in _values(value)]
    if isinstance(node, list):
        return [v for item in node for v in _values(item)]
    return [node] if isinstance(node, str) else []


def test_no_ordinal_is_typed_in_the_spec() -> None:
    data = yaml.safe_load(WORK_SUMMARY.read_text(encoding="utf-8"))
    ordinal = re.compile(
        r"^([一二三四五六七八九十]+[、是]|（[一二三四五六七八九十]+）|\d+[.．]|（\d+）)"
    )
    typed = [v[:12] for v in _values(data["body"]) if ordinal.match(v)]
    assert typed == []


def test_set_changes_a_variable_everywhere(tmp_path: Path) -> None:
    result = build(
        WORK_SUMMARY,
        BuildOptions(out_dir=tmp_path, formats=("pdf",), overrides={"city": "泉州"}),
    )
    extracted = text(result.files[0])
    spec_lines = WORK_SUMMARY.read_text(encoding="utf-8").splitlines()
    spec_uses = sum(ln.count("{{ city }}") for ln in spec_lines if not ln.lstrip().startswith("#"))
    assert spec_uses >= 5
    # The title, the issuer's signature and every use in the body now say 泉州.
    assert extracted.count("泉州") >= spec_uses
    assert "中共X市委统战部" not in extracted


def test_builds_are_byte_identical(tmp_path: Path) -> None:
    first = build(WORK_SUMMARY, BuildOptions(out_dir=tmp_path / "a"))
    second = build(WORK_SUMMARY, BuildOptions(out_dir=tmp_path / "b"))
    for a, b in zip(first.files, second.files, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_docx_text_is_the_seed_between_title_and_signature(
    work_summary_docx: Path, seed_text: str
) -> None:
    import docx

    paragraphs = squeeze("".join(p.text for p in docx.Document(str(work_summary_docx)).paragraphs))
    assert paragraphs.startswith(TITLE)
    body = paragraphs.removeprefix(TITLE)
    assert body.startswith(seed_text)
    assert body.removeprefix(seed_text) == SIGNATURE


def test_vars_file_and_set_override_in_order(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from docgen.cli import app

    overrides = tmp_path / "vars.yaml"
    overrides.write_text("city: 厦门\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["render", str(WORK_SUMMARY), "--vars", str(overrides)])
    assert result.exit_code == 0, result.output
    assert "中共厦门市委统战部关于开展" in result.stdout
    assert result.stdout.lstrip().startswith("<p>")
    both = ["render", str(WORK_SUMMARY), "--vars", str(overrides), "--set", "city=泉州"]
    assert "中共泉州市委统战部关于开展" in runner.invoke(app, both).stdout


def test_a_spec_may_bring_its_own_template(tmp_path: Path) -> None:
    (tmp_path / "docgen.toml").write_text("")
    (tmp_path / "mine.xml.j2").write_text(
        '{% extends "body.xml.j2" %}\n{% block closing %}<p>{{ sign_off }}</p>{% endblock %}\n',
        encoding="utf-8",
    )
    spec = tmp_path / "own.yaml"
    spec.write_text(
        "kind: 通知\ntitle: 关于测试的通知\nissuer: 测试机关\ndate: 2021-07-01\n"
        "template: mine.xml.j2\nvars: {sign_off: 特此通知。}\n"
        "body:\n  opening: 正文。\n  closing: 不会出现。\n",
        encoding="utf-8",
    )
    pdf = build(spec, BuildOptions(out_dir=tmp_path, formats=("pdf",))).files[0]
    extracted = text(pdf)
    assert "正文。" in extracted and "特此通知。" in extracted
    assert "不会出现" not in extracted  # the template replaced the closing block


def test_a_build_removes_what_a_killed_build_left_beside_its_files(tmp_path: Path) -> None:
    """SIGKILL between naming a staged file and renaming it leaves it under a hidden name
    with the killed process's id: the next build into the folder removes it, and keeps a
    live process's (docgen/outputs.py)."""
    import os
    import subprocess
    import sys

    from docgen.outputs import publish

    gone = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead = int(gone.stdout)  # a process that has ended
    left = tmp_path / f".notice.pdf.{dead}-0123456789ab"
    other = tmp_path / f".notice.pdf.{os.getppid()}-0123456789ab"  # a live process's
    unrelated = tmp_path / f".report.pdf.{dead}-0123456789ab"
    for path in (left, other, unrelated):
        path.write_bytes(b"half")
    publish([(tmp_path / "notice.pdf", b"%PDF-1.4 whole")])
    assert (tmp_path / "notice.pdf").read_bytes() == b"%PDF-1.4 whole"
    assert not left.exists() and other.exists() and unrelated.exists()
