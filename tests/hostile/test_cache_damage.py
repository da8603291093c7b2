"""Damaged cache files (issue 12, acceptance 4).

A multi-page 通知 is built once with an empty DOCGEN_CACHE_DIR: its PDF and DOCX are the
reference, and the cache it filled is the pristine one.  Then, for every file of every kind
found in the cache (its sub-folders: fonts, subsets, templates, words …) and for each
damage — one byte changed, the file cut to half, bytes appended — a copy of the pristine
cache gets that one damage and docgen builds again in a subprocess (a segfault must not
take pytest down).  Every such build must exit 0, without a traceback, and write the
reference bytes.
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile.harness import Run, crash_problems, docgen_env, run_docgen
from tests.hostile.projects import make_project

OUTPUTS = ("notice.pdf", "notice.docx")
APPENDED = b"\x00\xffdocgen-damage\n"

pytestmark = pytest.mark.slow


def _seeded(rel: str) -> random.Random:
    """A random source fixed by the file's place in the cache (same damage every run)."""
    return random.Random(int(hashlib.sha256(rel.encode()).hexdigest()[:12], 16))


def flip(data: bytes, rel: str) -> bytes:
    """One byte changed, at a position fixed by the file's name."""
    if not data:
        return b"\x01"
    rng = _seeded(rel)
    i = rng.randrange(len(data))
    out = bytearray(data)
    out[i] ^= rng.randrange(1, 256)
    return bytes(out)


def truncate(data: bytes, rel: str) -> bytes:
    return data[: len(data) // 2]


def append(data: bytes, rel: str) -> bytes:
    return data + APPENDED


DAMAGES: dict[str, Callable[[bytes, str], bytes]] = {
    "flip": flip,
    "truncate": truncate,
    "append": append,
}


@dataclass
class Baseline:
    world: Path
    reference: dict[str, bytes]
    pristine: Path
    files: list[tuple[str, str]]  # (kind, path relative to the cache)


def _build(world: Path, cache: Path, out: str) -> Run:
    args = ["build", "project/notice.yaml", "-o", out]
    return run_docgen(args, cwd=world, env=docgen_env(cache), timeout=60, log=world / f"{out}-log")


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Baseline:
    world = tmp_path_factory.mktemp("cache-damage")
    make_project(world / "project")
    pristine = world / "pristine"
    run = _build(world, pristine, "reference")
    assert run.exit == 0, run.stderr
    reference = {n: (world / "reference" / n).read_bytes() for n in OUTPUTS}
    files = sorted(
        (p.relative_to(pristine).parts[0], p.relative_to(pristine).as_posix())
        for p in pristine.rglob("*")
        if p.is_file() and len(p.relative_to(pristine).parts) > 1
    )
    return Baseline(world, reference, pristine, files)


def test_the_build_fills_several_kinds_of_cache(baseline: Baseline) -> None:
    kinds = sorted({k for k, _ in baseline.files})
    assert len(kinds) >= 3, f"cache kinds found: {kinds}"
    for kind in kinds:
        assert any(k == kind for k, _ in baseline.files), kind


def test_a_warm_cache_writes_the_same_bytes(baseline: Baseline) -> None:
    """The control: an undamaged copy of the cache gives the reference bytes."""
    cache = baseline.world / "control-cache"
    shutil.copytree(baseline.pristine, cache, symlinks=True)
    run = _build(baseline.world, cache, "control")
    assert run.exit == 0, run.stderr
    for name in OUTPUTS:
        assert (baseline.world / "control" / name).read_bytes() == baseline.reference[name]


def _one(baseline: Baseline, damage: str, kind: str, rel: str, n: int) -> str | None:
    """Damage one file of a copy of the pristine cache and build; what went wrong, if anything."""
    cache = baseline.world / f"{damage}-{n}-cache"
    shutil.copytree(baseline.pristine, cache, symlinks=True)
    target = cache / rel
    target.write_bytes(DAMAGES[damage](target.read_bytes(), rel))
    out = f"{damage}-{n}-out"
    run = _build(baseline.world, cache, out)
    problems = crash_problems(run)
    if run.exit == 0:
        for name in OUTPUTS:
            path = baseline.world / out / name
            if not path.exists():
                problems.append(f"{name} missing")
            elif path.read_bytes() != baseline.reference[name]:
                size = path.stat().st_size - len(baseline.reference[name])
                problems.append(f"{name} differs from an empty cache's ({size:+d} bytes)")
    elif not problems:
        problems.append(f"exit {run.exit}: {run.stderr.strip()[-300:]}")
    shutil.rmtree(cache, ignore_errors=True)
    return f"{kind}: {rel}: " + "; ".join(problems) if problems else None


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_cache_file_changes_nothing(baseline: Baseline, damage: str) -> None:
    jobs = int(os.environ.get("HOSTILE_JOBS") or os.cpu_count() or 1)
    with ThreadPoolExecutor(jobs) as pool:
        results = list(
            pool.map(lambda job: _one(baseline, damage, *job[1], job[0]), enumerate(baseline.files))
        )
    bad = [r for r in results if r]
    kinds = sorted({k for k, _ in baseline.files})
    if bad:
        pytest.fail(
            f"{len(bad)} of {len(results)} cache files ({', '.join(kinds)}) with damage"
            f" '{damage}' changed the next build:\n  " + "\n  ".join(bad),
            pytrace=False,
        )
