"""Issue 17: many documents at once — mail-merge rows, collisions, batches that go on,
a process pool, shards and the manifest, stdin and stdout."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from docgen.cli import app
from tests.conftest import ROOT
from tests.pdf_support import text

SPEC = {
    "kind": "通知",
    "issuer": "测试机关",
    "title": "关于{{ 事项 }}的通知",
    "number": {"prefix": "X发", "year": 2026, "seq": "{{ 序号 }}"},
    "recipients": ["{{ 单位 }}"],
    "vars": {"事项": "测试", "单位": "默认单位", "序号": 1},
    "body": {"opening": "请{{ 单位 }}做好{{ 事项 }}工作。"},
    "date": "2026-12-01",
}
UNITS = ["甲局", "乙局", "丙局", "丁局", "戊局", "己局", "庚局", "辛局", "壬局", "癸局"]


def _project(folder: Path, spec: dict | None = None, name: str = "notice") -> Path:
    """A project folder holding a spec; the spec's path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "docgen.toml").write_text("", encoding="utf-8")
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(spec or SPEC, allow_unicode=True), encoding="utf-8")
    return path


def _csv(path: Path, count: int, encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        out = csv.writer(f)
        out.writerow(["序号", "单位", "编号"])
        for n in range(1, count + 1):
            out.writerow([n, f"{UNITS[n % len(UNITS)]}{n}", f"B{n:03d}"])
    return path


def _docgen(*args: object, stdin: bytes | None = None, cwd: Path | None = None):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "docgen", *map(str, args)],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=env,
        timeout=240,
    )


def _invoke(*args: object):
    return CliRunner().invoke(app, [str(a) for a in args])


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_a_200_row_csv_builds_200_named_pdfs(tmp_path: Path) -> None:
    spec = _project(tmp_path)
    data = _csv(tmp_path / "units.csv", 200)
    out = tmp_path / "out"
    start = time.perf_counter()
    result = _docgen(
        "build", spec, "--each", data, "--name", "{{ 编号 }}-{{ 单位 }}", "-o", out,
        "--format", "pdf", "--jobs", "2",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    assert time.perf_counter() - start < 60
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 200
    assert names[0] == f"B001-{UNITS[1]}1.pdf" and names[-1] == f"B200-{UNITS[0]}200.pdf"
    page = text(out / f"B042-{UNITS[2]}42.pdf")
    assert "X发〔2026〕42号" in page.replace(" ", "") and f"{UNITS[2]}42" in page
    assert not [p for p in tmp_path.rglob(".*") if p.name != "docgen.toml"]  # no temporary file


def test_default_names_are_the_spec_and_the_zero_padded_row(tmp_path: Path) -> None:
    spec = _project(tmp_path)
    data = _csv(tmp_path / "units.csv", 12, encoding="utf-8-sig")  # Excel's CSV has a BOM
    result = _invoke("build", spec, "--each", data, "-o", tmp_path / "out", "--format", "pdf")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [f"notice-{n:02d}.pdf" for n in range(1, 13)]


def test_jobs_2_writes_the_same_bytes_as_jobs_1(tmp_path: Path) -> None:
    spec = _project(tmp_path)
    data = _csv(tmp_path / "units.csv", 8)
    for jobs in (1, 2):
        result = _docgen("build", spec, "--each", data, "-o", tmp_path / f"j{jobs}", "-j", jobs)
        assert result.returncode == 0, result.stderr.decode()
    serial, pooled = _files(tmp_path / "j1"), _files(tmp_path / "j2")
    assert len(serial) == 16  # a PDF and a DOCX each
    assert serial == pooled


def test_an_excel_sheet_gives_one_document_per_row(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    spec = _project(tmp_path)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "单位", "编号"])
    sheet.append([7, "甲局", "E1"])  # Excel keeps numbers as floats: 7 is 7.0
    sheet.append([None, None, None])  # a blank row is skipped
    sheet.append([8.0, "乙局", "E2"])
    book.save(tmp_path / "units.xlsx")
    out = tmp_path / "out"
    result = _invoke(
        "build", spec, "--each", tmp_path / "units.xlsx", "--name", "{{ 编号 }}",
        "-o", out, "--format", "pdf",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["E1.pdf", "E2.pdf"]
    assert "X发〔2026〕8号" in text(out / "E2.pdf").replace(" ", "")


def test_a_yaml_list_gives_one_document_per_item(tmp_path: Path) -> None:
    spec = _project(tmp_path)
    rows = tmp_path / "rows.yaml"
    rows.write_text("- {序号: 3, 单位: 甲局}\n- {序号: 4, 单位: 乙局}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = _invoke("build", spec, "--each", rows, "--name", "{{ 单位 }}", "-o", out)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "乙局.docx",
        "乙局.pdf",
        "甲局.docx",
        "甲局.pdf",
    ]
    assert "乙局：" in text(out / "乙局.pdf")


def test_rows_override_vars_and_set_overrides_rows(tmp_path: Path) -> None:
    spec = _project(tmp_path)
    rows = tmp_path / "rows.yaml"
    rows.write_text("- {单位: 甲局}\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ("build", spec, "--each", rows, "-o", out, "--format", "pdf")
    assert _invoke(*args).exit_code == 0
    page = text(out / "notice-1.pdf")
    assert "甲局" in page and "默认单位" not in page and "测试" in page  # row > vars
    assert _invoke(*args, "--set", "单位=丙局").exit_code == 0
    page = text(out / "notice-1.pdf")
    assert "丙局" in page and "甲局" not in page  # --set > row


def test_a_column_or_set_no_field_uses_is_said_once_and_the_rest_built(tmp_path: Path) -> None:
    """Nothing given is dropped unseen: a column no template looks up (a column --name
    uses is used) and a misspelt --set are named in a warning, once for all rows."""
    spec = _project(tmp_path)
    data = tmp_path / "units.csv"
    data.write_text("序号,单位,编号,邮箱\n1,甲局,A,a@x.cn\n2,乙局,B,b@x.cn\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ("build", spec, "--each", data, "--name", "{{ 编号 }}", "-o", out, "--format", "pdf")
    result = _invoke(*args, "--set", "单为=丙局")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["A.pdf", "B.pdf"]
    unused = [line for line in result.output.splitlines() if "not used by any field" in line]
    said = "not used by any field or template of the spec: 单为, 邮箱"
    assert len(unused) == 1 and f"{said} (from --set, --vars or a data column)" in unused[0]
    assert "编号" not in unused[0] and "序号," not in unused[0]
    assert "not used" not in _invoke("build", spec, "-o", out, "--format", "pdf").output


def test_a_duplicate_name_is_located_and_nothing_is_written(tmp_path: Path) -> None:
    spec = _project(tmp_path)
    data = tmp_path / "units.csv"
    data.write_text("序号,单位,编号\n1,甲局,A\n2,乙局,B\n3,丙局,A\n", encoding="utf-8")
    out = tmp_path / "out"
    result = _invoke("build", spec, "--each", data, "--name", "{{ 编号 }}", "-o", out)
    assert result.exit_code == 1
    assert f"{data}:4:" in result.output and "A.pdf would be written by each of" in result.output
    assert f"{data}:2" in result.output  # both rows named
    assert not out.exists()


def test_an_unknown_column_in_name_is_located_once(tmp_path: Path) -> None:
    spec = _project(tmp_path)
    data = _csv(tmp_path / "units.csv", 3)
    out = tmp_path / "out"
    result = _invoke("build", spec, "--each", data, "--name", "{{ 编码 }}", "-o", out)
    assert result.exit_code == 1
    assert result.output.count("is not a column") == 1
    assert f"{data}:2: --name uses '编码', which is not a column" in result.output
    assert not out.exists()


@pytest.mark.parametrize("value", ["../up", "a/b", "a\\b", ".hidden", "x\x01y", "   "])
def test_file_names_from_the_data_must_be_plain(tmp_path: Path, value: str) -> None:
    spec = _project(tmp_path)
    rows = tmp_path / "rows.yaml"
    rows.write_text(yaml.safe_dump([{"单位": "甲局"}, {"单位": value}]), encoding="utf-8")
    out = tmp_path / "out"
    result = _invoke("build", spec, "--each", rows, "--name", "{{ 单位 }}", "-o", out)
    assert result.exit_code == 1
    assert f"{rows}:2:" in result.output and "a file name may not" in result.output
    assert not out.exists() and not (tmp_path / "up.pdf").exists()


def test_same_named_specs_from_two_folders_collide_before_anything_is_written(
    tmp_path: Path,
) -> None:
    first = _project(tmp_path / "a")
    second = _project(tmp_path / "b")
    out = tmp_path / "out"
    result = _invoke("build", first, second, "-o", out, "--format", "pdf")
    assert result.exit_code == 1
    assert "notice.pdf would be written by each of" in result.output
    assert str(first) in result.output and str(second) in result.output
    assert not out.exists()


def test_bad_rows_and_a_bad_spec_fail_alone(tmp_path: Path) -> None:
    spec = _project(tmp_path)
    broken = tmp_path / "broken.yaml"
    broken.write_text("kind: 通知\ntitle: [\n", encoding="utf-8")
    data = tmp_path / "units.csv"
    data.write_text("序号,单位\n1,甲局\n0,乙局\nx,丙局\n4,丁局\n", encoding="utf-8")
    out = tmp_path / "out"
    result = _docgen("build", spec, broken, "--each", data, "-o", out, "--format", "pdf")
    assert result.returncode == 1
    errors = result.stderr.decode()
    assert sorted(p.name for p in out.iterdir()) == ["notice-1.pdf", "notice-4.pdf"]
    assert f"{data}:3 (row 2): {spec}:" in errors and "number.seq" in errors
    assert f"{data}:4 (row 3): {spec}:" in errors
    assert f"{broken}:3" in errors  # the broken spec, for each of its rows
    assert "6 of 8 documents failed; the others were built" in errors


def test_shards_are_disjoint_and_their_union_is_the_whole(tmp_path: Path) -> None:
    spec = _project(tmp_path)
    other = _project(tmp_path, name="other")
    data = _csv(tmp_path / "units.csv", 4)
    common = (spec, other, "--each", data, "--copies", "2", "--format", "pdf", "-j", "1")
    whole = _invoke("build", *common, "-o", tmp_path / "all", "--manifest", tmp_path / "all.json")
    assert whole.exit_code == 0, whole.output
    expected = _files(tmp_path / "all")
    assert len(expected) == 2 * 4 * 2  # specs × rows × copies
    parts: dict[str, bytes] = {}
    entries: list[dict] = []
    for k in (1, 2, 3):  # into the same folder, as a shared disk or artefact store would
        manifest = tmp_path / f"s{k}.json"
        shard = ("--shard", f"{k}/3", "--manifest", manifest)
        result = _invoke("build", *common, "-o", tmp_path / "shared", *shard)
        assert result.exit_code == 0, result.output
        listed = json.loads(manifest.read_text())["files"]
        names = [Path(e["path"]).name for e in listed]
        assert names and not set(names) & set(parts)  # disjoint
        parts.update({n: (tmp_path / "shared" / n).read_bytes() for n in names})
        moved = str(tmp_path / "all" / "")  # the whole build's folder, to compare paths
        entries += [
            {**e, "path": e["path"].replace(str(tmp_path / "shared" / ""), moved)} for e in listed
        ]
    assert parts == expected
    full = json.loads((tmp_path / "all.json").read_text())["files"]
    assert sorted(entries, key=lambda e: e["path"]) == full
    first = full[0]
    assert set(first) == {"spec", "row", "copy", "format", "path", "sha256"}
    assert first["row"] == 1 and first["copy"] == 1 and first["format"] == "pdf"


def test_shards_in_separate_folders_add_up_to_the_whole(tmp_path: Path) -> None:
    spec = _project(tmp_path)
    data = _csv(tmp_path / "units.csv", 5)
    common = ("build", spec, "--each", data, "--format", "pdf", "-j", "1")
    assert _invoke(*common, "-o", tmp_path / "all").exit_code == 0
    union: dict[str, bytes] = {}
    for k in (1, 2, 3):
        assert _invoke(*common, "-o", tmp_path / f"s{k}", "--shard", f"{k}/3").exit_code == 0
        part = _files(tmp_path / f"s{k}")
        assert not set(part) & set(union)
        union.update(part)
    assert union == _files(tmp_path / "all")


def test_a_bad_shard_is_refused(tmp_path: Path) -> None:
    spec = _project(tmp_path)
    for value in ("0/3", "4/3", "1-3", "a/b"):
        result = _invoke("build", spec, "--shard", value, "-o", tmp_path / "out")
        assert result.exit_code == 2, value
        assert "--shard takes K/N" in result.output


def test_stdin_to_stdout_is_the_same_pdf_as_build(tmp_path: Path) -> None:
    spec = _project(tmp_path)
    built = _docgen("build", spec, "-o", tmp_path / "out", "--format", "pdf")
    assert built.returncode == 0
    piped = _docgen(
        "build", "-", "-o", "-", "--format", "pdf", stdin=spec.read_bytes(), cwd=tmp_path
    )
    assert piped.returncode == 0, piped.stderr.decode()
    assert piped.stdout == (tmp_path / "out" / "notice.pdf").read_bytes()


def test_stdin_resolves_relative_paths_from_the_current_folder(tmp_path: Path) -> None:
    spec = _project(tmp_path, {**SPEC, "seal": "seal.png"})
    (tmp_path / "seal.png").write_bytes((ROOT / "specs/images/seal-sample-a.png").read_bytes())
    piped = _docgen(
        "build", "-", "-o", "out", "--format", "pdf", stdin=spec.read_bytes(), cwd=tmp_path
    )
    assert piped.returncode == 0, piped.stderr.decode()
    assert (tmp_path / "out" / "stdin.pdf").exists()
    elsewhere = _docgen(
        "build", "-", "-o", "-", "--format", "pdf", stdin=spec.read_bytes(), cwd=ROOT
    )
    assert elsewhere.returncode == 1 and b"<stdin>:" in elsewhere.stderr


def test_stdin_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    result = _docgen(
        "build", "-", "-o", tmp_path / "out", stdin="kind: 通知\ntitle: 测".encode("gbk")
    )
    assert result.returncode == 1 and b"<stdin>:2:" in result.stderr
    assert b"internal error" not in result.stderr


def test_stdout_takes_one_file_only(tmp_path: Path) -> None:
    spec = _project(tmp_path)
    for extra in (("--format", "all"), ("--format", "pdf", "--copies", "2")):
        result = _invoke("build", spec, "-o", "-", *extra)
        assert result.exit_code == 2
        assert "-o - writes one file to stdout" in result.output
    assert not (tmp_path / "-").exists() and not Path("-").exists()


def test_options_that_do_not_go_together_are_refused(tmp_path: Path) -> None:
    spec = _project(tmp_path)
    result = _invoke("build", spec, "--name", "{{ 单位 }}", "-o", tmp_path / "out")
    assert result.exit_code == 2 and "give --each DATA" in result.output
    result = _docgen("build", "-", "-", "-o", tmp_path / "out", stdin=spec.read_bytes())
    assert result.returncode == 2 and b"can be given once" in result.stderr
    data = tmp_path / "rows.txt"
    data.write_text("a\n1\n", encoding="utf-8")
    result = _invoke("build", spec, "--each", data, "-o", tmp_path / "out")
    assert result.exit_code == 1 and "--each reads .csv, .xlsx or .yaml files" in result.output
    assert not (tmp_path / "out").exists()


def test_version() -> None:
    result = _invoke("--version")
    assert result.exit_code == 0
    assert result.output.startswith("docgen 0.")


# `docgen` as the shell runs it: click names the completion variable after argv[0].
AS_DOCGEN = [sys.executable, "-c", "import sys; sys.argv[0] = 'docgen'; import docgen.__main__"]


def _complete(words: str) -> list[str]:
    """What the shell completion script gets back for the command line ``words``."""
    env = {**os.environ, "_DOCGEN_COMPLETE": "complete_bash", "COMP_WORDS": words}
    env["COMP_CWORD"] = str(len(words.split()) - (0 if words.endswith(" ") else 1))
    done = subprocess.run(AS_DOCGEN, env=env, capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_shell_completion_offers_commands_formats_and_kinds() -> None:
    """As README "Commands" documents: `docgen --install-completion` installs it."""
    assert _complete("docgen bu") == ["build"]
    assert _complete("docgen build --format ") == ["pdf", "docx", "ofd", "all"]
    assert _complete("docgen new 通") == ["通告", "通知", "通报"]
    assert "--each" in _complete("docgen build --e")
    shown = [*AS_DOCGEN, "--show-completion", "bash"]
    # The shell named, not guessed from the processes above this one (shellingham finds
    # none when the tests run detached from a terminal's shell, as under CI).
    env = {**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    done = subprocess.run(shown, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    script = done.stdout
    assert "_DOCGEN_COMPLETE=complete_bash" in script


def test_ctrl_c_stops_the_pool_and_leaves_no_partial_file(tmp_path: Path) -> None:
    spec = _project(tmp_path)
    data = _csv(tmp_path / "units.csv", 120)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = ["build", spec, "--each", data, "-o", out, "--format", "pdf", "-j", "2"]
    process = subprocess.Popen(
        [sys.executable, "-m", "docgen", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.pdf"))) < 5:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole group
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr.decode()
    written = list(out.iterdir())
    assert 5 <= len(written) < 120
    assert all(p.suffix == ".pdf" and p.read_bytes().rstrip().endswith(b"%%EOF") for p in written)


def test_a_terminal_gets_a_bar_and_a_log_gets_none(monkeypatch: pytest.MonkeyPatch) -> None:
    from docgen.batch.progress import Progress

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    with Progress(10, "build") as plain:
        plain.advance()
    assert plain.bar is None
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    with Progress(10, "build") as shown:
        shown.advance()
        assert shown.bar.tasks[0].completed == 1 and shown.bar.tasks[0].total == 10
    assert shown.bar.live.is_started is False
