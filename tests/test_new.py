"""``docgen new KIND [DIR]`` (issue 16): for every kind a starter project that builds at
once and meets GB/T 9704, whose spec its own JSON Schema accepts; the same bytes every
time; an occupied folder or an unknown kind refused in one line, with nothing written.

docgen is run as a user runs it, in a process of its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from docgen.cli.new import SEAL, SLUGS
from docgen.kinds import KINDS
from docgen.spec.model import json_schema
from tests.test_spec_errors import _as_an_editor_reads

ROOT = Path(__file__).resolve().parents[1]
STARTERS = ROOT / "docgen" / "starters"
FIRST_LINE = "# yaml-language-server: $schema=./docgen.schema.json"


def docgen(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    command = [sys.executable, "-m", "docgen", "--lang", "en", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd, env=env, timeout=600)


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def projects(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A project of every kind, made by ``docgen new`` (its output kept beside it)."""
    base = tmp_path_factory.mktemp("new")
    made = {}
    for kind in KINDS:
        folder = base / SLUGS[kind]
        result = docgen("new", kind, folder)
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        spec = folder / f"{SLUGS[kind]}.yaml"
        assert f"docgen build {spec} -o {folder / 'output'} --check" in result.stdout
        assert f"docgen preview {spec}" in result.stdout
        (folder / "told.txt").write_text(result.stdout, encoding="utf-8")
        made[kind] = folder
    return made


def test_every_kind_has_a_starter() -> None:
    assert list(SLUGS) == list(KINDS)
    assert sorted(p.stem for p in STARTERS.glob("*.yaml")) == sorted(SLUGS.values())
    assert (STARTERS / SEAL).is_file()


def test_every_project_builds_and_meets_the_standard(projects: dict[str, Path]) -> None:
    """All kinds in one build (one start-up), then its check in one line."""
    specs = [folder / f"{folder.name}.yaml" for folder in projects.values()]
    out = next(iter(projects.values())).parent / "output"
    result = docgen("build", *specs, "-o", out, "--check")
    assert result.returncode == 0, result.stdout + result.stderr
    for spec in specs:
        assert (out / f"{spec.stem}.pdf").stat().st_size > 0
        assert (out / f"{spec.stem}.docx").stat().st_size > 0
    check = result.stdout.strip().splitlines()[-1]
    assert check.startswith("GB/T 9704-2012: ") and "no problems" in check, result.stdout


def test_the_files_of_a_project(projects: dict[str, Path]) -> None:
    schema = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    for kind, folder in projects.items():
        spec = (folder / f"{folder.name}.yaml").read_text(encoding="utf-8")
        assert spec.splitlines()[0] == FIRST_LINE
        assert f"kind: {kind} " in spec
        assert (folder / "docgen.schema.json").read_text(encoding="utf-8") == schema
        assert "docgen-version" in (folder / "docgen.toml").read_text(encoding="utf-8")
        assert (folder / ".gitignore").read_text() == "output/\n"
        sealed = _as_an_editor_reads(spec).get("seal") == SEAL
        assert (folder / SEAL).exists() == sealed, kind
        if sealed:
            assert (folder / SEAL).read_bytes() == (STARTERS / SEAL).read_bytes()


def test_the_schema_accepts_every_starter(projects: dict[str, Path]) -> None:
    import jsonschema

    for kind, folder in projects.items():
        schema = json.loads((folder / "docgen.schema.json").read_text(encoding="utf-8"))
        data = _as_an_editor_reads((folder / f"{folder.name}.yaml").read_text(encoding="utf-8"))
        errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
        assert not errors, (kind, errors)


def test_a_project_is_the_same_bytes_every_time(projects: dict[str, Path], tmp_path: Path) -> None:
    first = projects["通知"]
    again = docgen("new", "notice", tmp_path / "again")  # the English name does as well
    assert again.returncode == 0, again.stderr
    made = {k: v for k, v in _tree(first).items() if k != "told.txt"}
    assert _tree(tmp_path / "again") == made


def test_the_default_folder_is_the_kind_in_english(tmp_path: Path) -> None:
    result = docgen("new", "函", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(_tree(tmp_path / "letter")) == [
        ".gitignore",
        "docgen.schema.json",
        "docgen.toml",
        "letter.yaml",
        SEAL,
    ]
    assert "docgen build letter/letter.yaml -o letter/output --check" in result.stdout


def test_an_empty_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = docgen("new", "纪要", tmp_path / "empty")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "empty" / "minutes.yaml").is_file()


def test_an_occupied_folder_is_refused_and_left_as_it_was(projects: dict[str, Path]) -> None:
    folder = projects["请示"]
    before = _tree(folder)
    times = {p: p.stat().st_mtime_ns for p in folder.rglob("*")}
    result = docgen("new", "请示", folder)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"error: {folder} is not empty: docgen new writes only into a new or empty folder"
    )
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert _tree(folder) == before
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*")} == times


def test_a_file_in_the_way_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "notice"
    target.write_text("mine")
    result = docgen("new", "通知", target)
    assert result.returncode == 1
    assert "is in the way" in result.stderr and "Traceback" not in result.stderr
    assert target.read_text() == "mine" and sorted(tmp_path.iterdir()) == [target]


def test_an_unknown_kind_is_one_line_naming_the_kinds(tmp_path: Path) -> None:
    result = docgen("new", "通函", tmp_path / "x")
    assert result.returncode in (1, 2)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert "unknown kind '通函'" in lines[0]
    assert all(kind in lines[0] for kind in KINDS)
    assert not (tmp_path / "x").exists()
