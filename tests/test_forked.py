"""The DOCX written by a helper process (docgen/writers/forked.py): the same bytes as one
written in the build, a build that goes on when the helper fails, and no process left."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

# Builds with the command line in a fresh process (as users run it), saying on stderr
# how each helper answered; HELPER=off: no helper; HELPER=killed: one that died.
_RUN = r"""
import os, signal, sys
import docgen.writers.forked as forked
how = os.environ["HELPER"]
if how == "off":
    forked.start = lambda kind: None
take, start = forked.Helper.take, forked.start
def taken(self):
    data = take(self)
    sys.stderr.write(f"helper: {'none' if data is None else len(data)}\n")
    return data
def started(kind):
    start(kind)
    found = forked.helper(kind)
    if found is not None:
        sys.stderr.write(f"helper-pid: {found.pid}\n")
    if how == "killed" and found is not None:
        os.kill(found.pid, signal.SIGKILL)
forked.Helper.take, forked.start = taken, started
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


@pytest.mark.parametrize("spec", ["specs/work-summary.yaml", "specs/order.yaml"])
def test_the_helper_writes_the_bytes_the_build_writes(spec: str, tmp_path: Path) -> None:
    helped = _build("on", tmp_path / "helped", spec, "--format", "all")
    alone = _build("off", tmp_path / "alone", spec, "--format", "all")
    assert helped.returncode == alone.returncode == 0, helped.stderr + alone.stderr
    assert "helper: none" not in helped.stderr and "helper: " in helped.stderr
    assert "helper: " not in alone.stderr
    assert _files(tmp_path / "helped") == _files(tmp_path / "alone")
    assert len(_files(tmp_path / "alone")) == 2


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_numbered_copies_are_the_same_with_the_helper(jobs: str, tmp_path: Path) -> None:
    """One process: every copy from the helper; with workers, theirs are written there
    (a worker never uses the helper of the process it was forked from)."""
    args = ("specs/notice.yaml", "--format", "docx", "--copies", "3", "--jobs", jobs)
    helped = _build("on", tmp_path / "helped", *args)
    _build("off", tmp_path / "alone", *args)
    answers = helped.stderr.count("helper: ")
    assert answers == (3 if jobs == "1" else 1) and "helper: none" not in helped.stderr
    assert _files(tmp_path / "helped") == _files(tmp_path / "alone")
    assert len(_files(tmp_path / "alone")) == 3


def test_a_helper_that_died_leaves_the_build_to_write_it(tmp_path: Path) -> None:
    spec = "specs/work-summary.yaml"
    helped = _build("killed", tmp_path / "helped", spec, "--format", "all")
    _build("off", tmp_path / "alone", spec, "--format", "all")
    assert helped.returncode == 0, helped.stderr
    assert "error" not in helped.stderr.lower()
    assert "helper: " not in helped.stderr or "helper: none" in helped.stderr
    assert _files(tmp_path / "helped") == _files(tmp_path / "alone")


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
    assert process.returncode in (143, 0)  # stopped, or done before the signal came
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
