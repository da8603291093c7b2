"""The layout helper (docgen/forked.py): the same bytes, warnings and errors as a build
without it, the build itself free of reportlab, a build that goes on when the helper
fails, and no process left."""

from __future__ import annotations

import os
import pickle
import pickletools
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SPECS

# Builds with the command line in a fresh process (as users run it), saying on stderr how
# the helper answered and whether the build itself imported reportlab; HELPER=off: no
# helper; HELPER=killed: one that died before it was handed anything.
_RUN = r"""
import os, signal, sys
import docgen.forked as forked
how, me = os.environ["HELPER"], os.getpid()
if how == "off":
    forked.start = lambda: None
answer, start, leave = forked.Helper._answer, forked.start, os._exit
def answered(self):
    data = answer(self)
    sys.stderr.write(f"helper: {'none' if data is None else len(data)}\n")
    return data
def started():
    start()
    found = forked.helper()
    if found is not None:
        sys.stderr.write(f"helper-pid: {found.pid}\n")
    if how == "killed" and found is not None:
        os.kill(found.pid, signal.SIGKILL)
def left(code):
    if os.getpid() == me:
        sys.stderr.write(f"reportlab here: {'reportlab' in sys.modules}\n")
    leave(code)
forked.Helper._answer, forked.start, os._exit = answered, started, left
sys.argv = ["docgen", *sys.argv[1:]]
from docgen.cli import main
main()
"""


def _build(how: str, out: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HELPER": how}
    return subprocess.run(
        [sys.executable, "-c", _RUN, "build", *args, "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _said(stderr: str) -> str:
    """What the build told its user (without the test's own lines)."""
    ours = ("helper", "reportlab here")
    return "\n".join(line for line in stderr.splitlines() if not line.startswith(ours))


@pytest.mark.parametrize(
    ("spec", "fmt", "files"),
    [
        ("specs/work-summary.yaml", "pdf", 1),
        ("specs/work-summary.yaml", "all", 2),
        ("specs/order.yaml", "all", 2),  # seals drawn and anchored
        ("specs/notice.yaml", "docx", 1),
        ("specs/work-summary.yaml", "ofd", 1),
        ("tests/specs/rare-characters.yaml", "all", 2),  # the fallback fonts' record
    ],
)
def test_the_helper_makes_what_the_build_makes(
    spec: str, fmt: str, files: int, tmp_path: Path
) -> None:
    helped = _build("on", tmp_path / "helped", spec, "--format", fmt)
    alone = _build("off", tmp_path / "alone", spec, "--format", fmt)
    assert helped.returncode == alone.returncode == 0, helped.stderr + alone.stderr
    drawn = 0 if fmt == "docx" else 1  # PDF or OFD; the DOCX is written in the build
    assert helped.stderr.count("helper: ") == 1 + drawn  # the plan, then each drawing
    assert "helper: none" not in helped.stderr and "helper: " not in alone.stderr
    assert _files(tmp_path / "helped") == _files(tmp_path / "alone")
    assert len(_files(tmp_path / "alone")) == files
    assert _said(helped.stderr) == _said(alone.stderr)  # the fonts line and every warning
    if "rare" in spec:
        assert "fallback font" in _said(helped.stderr)


def test_a_docx_with_embedded_fonts_is_written_by_the_helper(tmp_path: Path) -> None:
    """Embedded fonts are cut to the characters on the pages, which only the helper has:
    it writes that DOCX too (its plan, then the file), with the bytes the build writes."""
    args = ("specs/notice.yaml", "--format", "docx", "--embed-fonts")
    helped = _build("on", tmp_path / "helped", *args)
    alone = _build("off", tmp_path / "alone", *args)
    assert helped.returncode == alone.returncode == 0, helped.stderr + alone.stderr
    assert helped.stderr.count("helper: ") == 2 and "helper: none" not in helped.stderr
    assert _files(tmp_path / "helped") == _files(tmp_path / "alone")


def test_the_build_itself_imports_no_reportlab(tmp_path: Path) -> None:
    """What the helper is for: the build imports the spec's side while the helper imports
    the layout's and reportlab; --format all writes the DOCX here without reportlab."""
    for fmt in ("pdf", "all"):
        helped = _build("on", tmp_path / fmt, "specs/work-summary.yaml", "--format", fmt)
        assert helped.returncode == 0, helped.stderr
        assert "reportlab here: False" in helped.stderr
    alone = _build("off", tmp_path / "alone", "specs/work-summary.yaml", "--format", "pdf")
    assert "reportlab here: True" in alone.stderr


def test_a_limit_holds_in_the_helper(tmp_path: Path) -> None:
    """--limit reaches the helper: a document over it is refused as it is without one."""
    args = ("specs/work-summary.yaml", "--format", "pdf", "--limit", "pages=2")
    helped = _build("on", tmp_path / "helped", *args)
    alone = _build("off", tmp_path / "alone", *args)
    assert helped.returncode == alone.returncode == 1
    assert "pages=N" in _said(alone.stderr) and _said(helped.stderr) == _said(alone.stderr)
    assert not (tmp_path / "helped").exists() or not any((tmp_path / "helped").iterdir())


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_numbered_copies_are_the_same_with_the_helper(jobs: str, tmp_path: Path) -> None:
    """One process: every copy laid out by the helper; with workers, theirs are made there
    (a worker never uses the helper of the process it was forked from)."""
    args = ("specs/notice.yaml", "--format", "all", "--copies", "3", "--jobs", jobs)
    helped = _build("on", tmp_path / "helped", *args)
    _build("off", tmp_path / "alone", *args)
    answers = helped.stderr.count("helper: ")
    assert answers == (6 if jobs == "1" else 2) and "helper: none" not in helped.stderr
    assert _files(tmp_path / "helped") == _files(tmp_path / "alone")
    assert len(_files(tmp_path / "alone")) == 6


def test_a_helper_that_died_leaves_the_build_to_do_it(tmp_path: Path) -> None:
    spec = "specs/work-summary.yaml"
    helped = _build("killed", tmp_path / "helped", spec, "--format", "all")
    _build("off", tmp_path / "alone", spec, "--format", "all")
    assert helped.returncode == 0, helped.stderr
    assert "error" not in helped.stderr.lower()
    assert "helper: " not in helped.stderr or "helper: none" in helped.stderr
    assert _files(tmp_path / "helped") == _files(tmp_path / "alone")


def test_a_document_unpickles_without_the_spec_model() -> None:
    """The helper unpickles documents without importing the spec's side: a document holds
    only the document model's types and plain values."""
    from docgen.compose import compose
    from docgen.render import load_spec

    for spec in sorted(SPECS.glob("*.yaml")):
        doc = compose(load_spec(spec))
        data = pickle.dumps(doc, protocol=pickle.HIGHEST_PROTOCOL)
        names = [arg for op, arg, _ in pickletools.genops(data) if isinstance(arg, str)]
        modules = {n for n in names if n.startswith("docgen.")}
        assert modules <= {"docgen.document.model", "docgen.standard.formats"}, (spec, modules)


def test_a_failed_build_ends_its_helper(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("kind: 通知\ntitle: [未闭合\n", encoding="utf-8")
    done = _build("on", tmp_path / "out", str(bad), "--format", "all")
    assert done.returncode == 1 and "not valid YAML" in done.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    assert _gone(_helper_pid(done.stderr))  # no helper left running


def test_the_helper_stops_with_the_build(tmp_path: Path) -> None:
    """SIGTERM while the build runs: the helper goes with it (its pipe closes)."""
    spec = tmp_path / "long.yaml"
    text = (ROOT / "specs" / "work-summary.yaml").read_text(encoding="utf-8")
    spec.write_text(text, encoding="utf-8")
    env = {**os.environ, "HELPER": "on"}
    command = [sys.executable, "-c", _RUN, "build", str(spec), "-o", str(tmp_path / "out")]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    helper = _helper_pid(process.stderr.readline())  # said as soon as it is started
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=30)
    # Stopped by the build (143), ended by the signal before the build set its handler
    # (-15: the helper starts first), or done before the signal came.
    assert process.returncode in (143, -signal.SIGTERM, 0)
    assert _gone(helper)


def _helper_pid(stderr: str) -> int:
    return int(stderr.split("helper-pid: ", 1)[1].split()[0])


def _gone(pid: int) -> bool:
    import time

    for _ in range(400):
        try:
            state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state == "Z":  # ended; its new parent reaps it
            return True
        time.sleep(0.005)
    return False
