"""Issue 17: the pre-commit hook validates specs, and only specs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from tests.conftest import ROOT

HOOKS = ROOT / ".pre-commit-hooks.yaml"


def _hook() -> dict:
    (hook,) = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    return hook


def test_the_manifest_is_valid_for_pre_commit() -> None:
    if shutil.which("pre-commit") is None:
        pytest.skip("pre-commit is not installed")
    subprocess.run(["pre-commit", "validate-manifest", str(HOOKS)], check=True)


def test_the_hook_picks_specs_and_leaves_other_yaml() -> None:
    files = re.compile(_hook()["files"])
    assert files.search("specs/notice.yaml") and files.search("office/specs/letter.yml")
    assert not files.search(".github/workflows/ci.yml")
    assert not files.search("docgen.toml")


def test_the_hooks_command_passes_good_specs_and_fails_a_bad_one(tmp_path) -> None:
    program, command = _hook()["entry"].split()
    assert program == "docgen"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = [sys.executable, "-m", "docgen", command]
    specs = sorted(str(p) for p in (ROOT / "specs").glob("*.yaml"))
    assert subprocess.run([*run, *specs], env=env, capture_output=True).returncode == 0
    bad = tmp_path / "specs" / "bad.yaml"
    bad.parent.mkdir()
    bad.write_text("kind: 通知\nissuer: X\ntitel: T\nbody: {opening: 好。}\n", encoding="utf-8")
    result = subprocess.run([*run, str(bad)], env=env, capture_output=True, text=True)
    assert result.returncode == 1 and f"{bad}:3:1" in result.stderr
