"""The caches (parsed fonts, compiled templates, PDF font subsets, installed fonts, title
words) only save time: the bytes written are the same with an empty cache, a full one, a
damaged one, or none at all."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SPECS, WORK_SUMMARY

# The work summary, and a notice whose title needs breaking (words) and which has a seal.
BUILT = (WORK_SUMMARY, SPECS / "notice.yaml")


def _build(out: Path, cache: Path) -> list[bytes]:
    env = {**os.environ, "DOCGEN_CACHE_DIR": str(cache)}
    cmd = [sys.executable, "-m", "docgen", "build", *map(str, BUILT), "--format", "pdf"]
    subprocess.run([*cmd, "-o", str(out)], cwd=ROOT, env=env, check=True, capture_output=True)
    return [(out / f"{spec.stem}.pdf").read_bytes() for spec in BUILT]


def test_cached_builds_write_the_same_bytes(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    empty = _build(tmp_path / "a", cache)
    stores = {part: sorted((cache / part).iterdir()) for part in ("fonts", "subsets", "words")}
    assert all(stores.values()), "the first build fills the caches"
    assert list((cache / "templates").rglob("*.cache")), "compiled templates are kept"

    assert _build(tmp_path / "b", cache) == empty, "a warm cache changes nothing"

    for file in [file for files in stores.values() for file in files]:
        file.write_bytes(b"damaged")
    assert _build(tmp_path / "c", cache) == empty, "a damaged cache is rebuilt"

    blocked = tmp_path / "not-a-folder"  # nothing can be created below a file, even by root
    blocked.write_text("")
    assert _build(tmp_path / "d", blocked) == empty, "a cache that cannot be written is not needed"


def test_paragraphs_set_by_an_earlier_build_give_the_same_files_and_warnings(
    tmp_path: Path,
) -> None:
    """A resident process (docgen watch, a batch) sets again only what changed: the second
    build of a spec writes the same bytes and still names its fallback characters."""
    from docgen.build import BuildOptions, build

    spec = Path(__file__).parent / "specs" / "rare-characters.yaml"
    first = build(spec, BuildOptions(out_dir=tmp_path / "a", formats=("pdf",)))
    again = build(spec, BuildOptions(out_dir=tmp_path / "b", formats=("pdf",)))
    assert first.files[0].read_bytes() == again.files[0].read_bytes()
    assert again.warnings == first.warnings and any("喆" in w for w in again.warnings)


def _entries(folder: Path) -> dict[str, int]:
    return {file.name: file.stat().st_mtime_ns for file in folder.iterdir()}


def test_warmed_caches_leave_the_first_build_nothing_to_parse(tmp_path: Path) -> None:
    """`docgen fonts --warm` (run by the install script) parses every face and lists the
    installed fonts: the first build then finds each of them in the cache, and writes the
    bytes a build with a cold cache writes."""
    cache = tmp_path / "cache"
    env = {**os.environ, "DOCGEN_CACHE_DIR": str(cache)}
    warm = [sys.executable, "-m", "docgen", "--lang", "en", "fonts", "--warm"]
    done = subprocess.run(warm, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert done.stdout.startswith(f"caches ready in {cache}"), done.stdout
    assert "FandolFang" in done.stdout and "Noto Sans CJK SC" in done.stdout
    parsed = _entries(cache / "fonts")
    if shutil.which("fc-list"):
        assert "installed.json" in parsed, "fontconfig's faces are listed ahead too"
    assert len([name for name in parsed if name.endswith(".pickle")]) >= 10  # every bundled face

    first = _build(tmp_path / "first", cache)
    assert _entries(cache / "fonts") == parsed, "the first build parsed a font again"
    assert first == _build(tmp_path / "cold", tmp_path / "cold-cache")


def test_new_subsets_are_compressed_beside_the_pdf_and_none_outlives_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document never built before: its font subsets are compressed in threads while
    the PDF is written (fonts/pdf_subsets.py); each is kept, the PDF is the one a warm
    cache gives, and no thread is left when the build returns."""
    import threading

    from docgen.build import BuildOptions, build
    from docgen.fonts import pdf_subsets

    monkeypatch.setenv("DOCGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(pdf_subsets, "_memory", {})  # nothing from earlier tests' builds
    monkeypatch.setattr(pdf_subsets.FLATE, "memo", {})
    started = []
    real_start = pdf_subsets._Compressing.start
    monkeypatch.setattr(
        pdf_subsets._Compressing, "start", lambda t: started.append(t) or real_start(t)
    )
    spec = SPECS / "notice.yaml"
    first = build(spec, BuildOptions(out_dir=tmp_path / "a", formats=("pdf",))).files[0]
    assert started, "new subsets were compressed in threads"
    assert not [t for t in threading.enumerate() if t.name == "docgen-subset"]
    assert len(list((tmp_path / "cache" / "subsets").iterdir())) == len(started)
    again = build(spec, BuildOptions(out_dir=tmp_path / "b", formats=("pdf",))).files[0]
    assert again.read_bytes() == first.read_bytes()
