"""Benchmark for issue 17: a 200-row mail-merge built with ``--jobs 1`` and ``--jobs 2``.

Run from the repository root:  python benchmarks/bench_batch.py [--rows 200] [--runs 3]

Each run is a fresh ``docgen build SPEC --each DATA --format pdf`` process, timed from its
start to its exit, as a user or a CI job meets it; the runs of the two settings alternate
(so that a slow moment of the machine hits both), and the median of each is reported in
documents per second, with the best run (a machine shared with other work slows some
runs: the last line measures how much of a second core was free).
"""

from __future__ import annotations

import argparse
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "specs" / "work-summary.yaml"  # uses {{ city }}: one city per row


def _data(folder: Path, rows: int) -> Path:
    path = folder / "cities.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["city", "code"])
        out.writerows([f"第{n}市", f"C{n:04d}"] for n in range(1, rows + 1))
    return path


def _run(data: Path, out: Path, jobs: int, rows: int) -> float:
    """Seconds for one fresh build of every row."""
    shutil.rmtree(out, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "docgen", "build", str(SPEC), "--each", str(data)]
    command += ["--name", "{{ code }}", "--format", "pdf", "-o", str(out), "--jobs", str(jobs)]
    start = time.perf_counter()
    subprocess.run(command, check=True, env=env, capture_output=True)
    seconds = time.perf_counter() - start
    assert len(list(out.glob("*.pdf"))) == rows
    return seconds


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def _cores_free() -> float:
    """How much faster 2 processes do plain Python work than 1 (≈ 2 on an idle 2-core
    machine): the most --jobs 2 can give here, whatever docgen does."""
    from concurrent.futures import ProcessPoolExecutor

    seconds = {}
    for jobs in (1, 2):
        start = time.perf_counter()
        with ProcessPoolExecutor(jobs) as pool:
            list(pool.map(_spin, [10_000_000] * 4))
        seconds[jobs] = time.perf_counter() - start
    return seconds[1] / seconds[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    settings = (1, 2)
    with tempfile.TemporaryDirectory(prefix="docgen-bench-batch-") as scratch:
        folder = Path(scratch)
        data = _data(folder, args.rows)
        _run(data, folder / "warm", 1, args.rows)  # caches as an earlier build left them
        times: dict[int, list[float]] = {jobs: [] for jobs in settings}
        for _ in range(args.runs):
            for jobs in settings:  # interleaved
                times[jobs].append(_run(data, folder / f"out{jobs}", jobs, args.rows))
    print(f"{args.rows} documents ({SPEC.name}, PDF), {os.cpu_count()} cores, {args.runs} runs")
    rates = {}
    for jobs in settings:
        seconds = statistics.median(times[jobs])
        rates[jobs] = args.rows / seconds
        runs = ", ".join(f"{t:.2f}" for t in times[jobs])
        best = args.rows / min(times[jobs])  # other load on the machine only slows a run
        print(
            f"--jobs {jobs}: {rates[jobs]:6.1f} documents/s median, {best:.1f} best"
            f" (seconds: {runs})"
        )
    print(f"--jobs 2 / --jobs 1: {rates[2] / rates[1]:.2f}×")
    print(f"for scale, plain Python in 2 processes / 1 on this machine now: {_cores_free():.2f}×")


if __name__ == "__main__":
    main()
