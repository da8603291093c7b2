"""Builds killed at random moments (issue 12, acceptance 3).

A multi-page 通知 is built into one output folder again and again, each build killed after
a delay spread over the measured duration of a build: 20 times with SIGTERM, 20 with
SIGKILL, in a shuffled order fixed by a seed.  After every kill the output folder may hold
only complete outputs of earlier builds (byte for byte a clean build's); the cache, shared
by all the builds and empty at the start, must not make the next build differ.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile.harness import Run, docgen_env, run_docgen, start_docgen, wait_docgen
from tests.hostile.projects import make_project

SEED = 20211120
KILLS = 20  # per signal
SIGNALS = (signal.SIGTERM, signal.SIGKILL)
OUTPUTS = ("notice.pdf", "notice.docx")

pytestmark = pytest.mark.slow


@dataclass
class Kill:
    n: int
    sig: signal.Signals
    delay: float
    run: Run
    left: dict[str, str]  # what this kill added or changed → "complete", "differs", "stray" …
    cache_temps: list[str]

    @property
    def interrupted(self) -> bool:
        """The build was still running when the signal came (it did not finish first)."""
        return self.run.exit != 0

    def describe(self) -> str:
        state = (
            "finished first"
            if self.run.exit == 0
            else f"died of {signal.Signals(self.run.signal_).name}"
            if self.run.signal_
            else f"exit {self.run.exit}"
        )
        return f"kill {self.n} ({self.sig.name} after {self.delay:.2f} s, {state})"


@dataclass
class Kills:
    reference: dict[str, bytes]
    duration: float
    kills: list[Kill]
    final: Run
    final_bytes: dict[str, bytes | None]
    final_listing: list[str]


def _ident(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_ino, st.st_size, st.st_mtime_ns


def _build(world: Path, out: Path, cache: Path, log: str) -> Run:
    args = ["build", "project/notice.yaml", "-o", str(out.relative_to(world))]
    return run_docgen(args, cwd=world, env=docgen_env(cache), timeout=60, log=world / log)


@pytest.fixture(scope="module")
def kills(tmp_path_factory: pytest.TempPathFactory) -> Kills:
    world = tmp_path_factory.mktemp("kill")
    make_project(world / "project")

    # A clean build with an empty cache gives the reference bytes; a second one, with the
    # cache it filled, the duration over which the kills are spread (most builds below find
    # a warm cache; the first ones find it empty or half written).
    clean = _build(world, world / "clean", world / "clean-cache", "logs-clean")
    assert clean.exit == 0, clean.stderr
    reference = {name: (world / "clean" / name).read_bytes() for name in OUTPUTS}
    warm = _build(world, world / "clean-warm", world / "clean-cache", "logs-clean")
    assert warm.exit == 0, warm.stderr
    duration = warm.elapsed

    rng = random.Random(SEED)
    plan = [sig for sig in SIGNALS for _ in range(KILLS)]
    rng.shuffle(plan)
    # Delays spread evenly over the build, shuffled per signal.
    slots = {sig: [(i + rng.random()) / KILLS * duration for i in range(KILLS)] for sig in SIGNALS}
    for sig in SIGNALS:
        rng.shuffle(slots[sig])

    out, cache = world / "out", world / "cache"  # shared by every killed build
    args = ["build", "project/notice.yaml", "-o", "out"]
    env = docgen_env(cache)
    done: list[Kill] = []
    seen_temps: set[str] = set()
    for n, sig in enumerate(plan):
        delay = slots[sig].pop()
        started = time.monotonic()
        before = {e.name: _ident(e) for e in out.iterdir()} if out.exists() else {}
        proc, log = start_docgen(args, world, env, log=world / "logs-kill")
        time.sleep(max(0.0, started + delay - time.monotonic()))
        with contextlib.suppress(ProcessLookupError):  # it finished first
            os.kill(proc.pid, sig)
        run = wait_docgen(proc, log, args, started, timeout=60)
        left = {}
        for entry in sorted(out.iterdir()) if out.exists() else []:
            if entry.name in before and before[entry.name] == _ident(entry):
                continue  # there before this build, untouched
            if not entry.is_file():
                left[entry.name] = "not a file"
            elif entry.name in reference and entry.read_bytes() == reference[entry.name]:
                left[entry.name] = "complete"
            else:
                left[entry.name] = "differs" if entry.name in reference else "stray"
        temps = [p.relative_to(cache).as_posix() for p in cache.rglob(".*") if p.is_file()]
        temps = [t for t in temps if t not in seen_temps]
        seen_temps.update(temps)
        done.append(Kill(n, sig, delay, run, left, temps))

    final = _build(world, out, cache, "logs-final")
    final_bytes = {n: (out / n).read_bytes() if (out / n).exists() else None for n in OUTPUTS}
    listing = sorted(p.name for p in out.iterdir())
    return Kills(reference, duration, done, final, final_bytes, listing)


def test_the_kills_land_during_builds(kills: Kills) -> None:
    """Not a vacuous test: most signals arrive while docgen is still at work."""
    for sig in SIGNALS:
        mine = [k for k in kills.kills if k.sig == sig]
        assert len(mine) == KILLS
        interrupted = sum(k.interrupted for k in mine)
        assert interrupted >= KILLS // 2, (
            f"only {interrupted} of {KILLS} {sig.name} kills interrupted a build "
            f"(build takes {kills.duration:.2f} s)"
        )


@pytest.mark.parametrize("sig", SIGNALS, ids=lambda s: s.name)
def test_a_killed_build_leaves_only_complete_outputs(kills: Kills, sig: signal.Signals) -> None:
    bad = [
        f"{k.describe()}: left {k.left}"
        for k in kills.kills
        if k.sig == sig and any(state != "complete" for state in k.left.values())
    ]
    mine = [k for k in kills.kills if k.sig == sig]
    if bad:
        pytest.fail(
            f"{len(bad)} of {len(mine)} {sig.name} kills left files behind in the output folder"
            f" (a warm build takes {kills.duration:.2f} s):\n  " + "\n  ".join(bad),
            pytrace=False,
        )


def test_a_killed_build_leaves_no_temporary_file_in_the_cache(kills: Kills) -> None:
    bad = [f"{k.describe()}: {k.cache_temps}" for k in kills.kills if k.cache_temps]
    if bad:
        pytest.fail(
            f"{len(bad)} kills left temporary files in DOCGEN_CACHE_DIR:\n  " + "\n  ".join(bad),
            pytrace=False,
        )


def test_the_build_after_the_kills_writes_a_clean_builds_bytes(kills: Kills) -> None:
    assert kills.final.exit == 0 and not kills.final.traceback, kills.final.stderr
    for name in OUTPUTS:
        assert kills.final_bytes[name] == kills.reference[name], (
            f"{name} differs from a clean build's after {len(kills.kills)} killed builds"
        )


def test_the_output_folder_holds_only_the_outputs_after_the_next_build(kills: Kills) -> None:
    if sorted(kills.final_listing) != sorted(OUTPUTS):
        pytest.fail(
            f"after {len(kills.kills)} killed builds and one more, the output folder holds"
            f" {kills.final_listing}",
            pytrace=False,
        )
