"""The caches (parsed fonts, compiled templates, PDF font subsets) only save time: the
bytes written are the same with an empty cache, a full one, a damaged one, or none at all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, WORK_SUMMARY


def _build(out: Path, cache: Path) -> bytes:
    env = {**os.environ, "DOCGEN_CACHE_DIR": str(cache)}
    cmd = [sys.executable, "-m", "docgen", "build", str(WORK_SUMMARY), "--format", "pdf"]
    subprocess.run([*cmd, "-o", str(out)], cwd=ROOT, env=env, check=True, capture_output=True)
    return (out / "work-summary.pdf").read_bytes()


def test_cached_builds_write_the_same_bytes(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    empty = _build(tmp_path / "a", cache)
    stores = {part: sorted((cache / part).iterdir()) for part in ("fonts", "subsets")}
    assert stores["fonts"] and stores["subsets"], "the first build fills the caches"
    assert list((cache / "templates").rglob("*.cache")), "compiled templates are kept"

    assert _build(tmp_path / "b", cache) == empty, "a warm cache changes nothing"

    for file in stores["subsets"] + stores["fonts"]:
        file.write_bytes(b"damaged")
    assert _build(tmp_path / "c", cache) == empty, "a damaged cache is rebuilt"

    blocked = tmp_path / "not-a-folder"  # nothing can be created below a file, even by root
    blocked.write_text("")
    assert _build(tmp_path / "d", blocked) == empty, "a cache that cannot be written is not needed"
