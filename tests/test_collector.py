"""The cycle collector (docgen/collector.py): off while the command line starts and a build
makes its first document, on for everything after it, and for every other command."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from docgen import collector
from tests.conftest import ROOT

# Runs the command line, counting the collector's passes until it is released, and says
# at the end whether it runs.
_PROBE = r"""
import gc, json, os, sys
passes = [0]
gc.callbacks.append(lambda phase, info: phase == "start" and passes.__setitem__(0, passes[0] + 1))
import docgen.collector as collector
seen = {}
release = collector.release
def released():
    seen.setdefault("passes_before", passes[0])
    release()
collector.release = released
leave = os._exit
def told(code):
    seen.update(code=code, on=gc.isenabled(), frozen=gc.get_freeze_count() > 0)
    print(json.dumps(seen), flush=True)
    leave(code)
os._exit = told
sys.argv = ["docgen", *sys.argv[1:]]
from docgen.cli import main
main()
"""


def _probe(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, cwd=ROOT
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_build_starts_and_makes_its_document_without_a_pass(tmp_path: Path) -> None:
    seen = _probe("build", "specs/notice.yaml", "-o", str(tmp_path), "--format", "pdf")
    assert seen["code"] == 0 and (tmp_path / "notice.pdf").is_file()
    assert seen["passes_before"] == 0  # nothing from start-up to the end of the document
    assert seen["on"] and seen["frozen"]  # and on after it, start-up's objects set aside


def test_a_batch_collects_after_its_first_document(tmp_path: Path) -> None:
    rows = tmp_path / "rows.csv"
    rows.write_text("city\n甲市\n乙市\n丙市\n", encoding="utf-8")
    spec = "specs/work-summary.yaml"
    seen = _probe("build", spec, "--each", str(rows), "-o", str(tmp_path), "--format", "pdf")
    assert seen["code"] == 0 and len(list(tmp_path.glob("*.pdf"))) == 3
    assert seen["passes_before"] == 0 and seen["on"]


@pytest.mark.parametrize(
    "command", [["check", "specs/notice.yaml"], ["validate", "specs/notice.yaml"]]
)
def test_other_commands_run_with_the_collector(command: list[str]) -> None:
    seen = _probe(*command)
    assert "passes_before" in seen and seen["on"]  # released before the command's work


def test_paused_restores_and_releases() -> None:
    was_on = gc.isenabled()
    try:
        gc.enable()
        with collector.paused():
            assert not gc.isenabled()
        assert gc.isenabled()
        gc.disable()  # off by choice (not held): a build leaves it off
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        (gc.enable if was_on else gc.disable)()
        gc.unfreeze()
