"""The editing loop (issue 16): from a save of the spec to the new PDF on disk, under
`docgen watch`, against a cold `docgen build` of the same spec in the same run.

Run from the repository root:  python benchmarks/bench_loop.py [--saves 20]

The work summary is copied into a scratch project; each save changes one variable in the
spec (the city's name, which appears in the text), alternately to two values, so that
every save changes the PDF.  A cold build runs between saves, so both see the same state
of the machine; the script prints the medians and the median of the pairs' ratios.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "specs" / "work-summary.yaml"
TIMEOUT_S = 30.0


def _project(folder: Path) -> Path:
    (folder / "docgen.toml").write_text("# scratch project\n", encoding="utf-8")
    spec = folder / "spec.yaml"
    shutil.copy(SPEC, spec)
    return spec


def _save(spec: Path, text: str) -> float:
    """Write the spec as an editor does (whole file) and return the time of the save."""
    spec.write_text(text, encoding="utf-8")
    return time.perf_counter()


def _wait_for_change(pdf: Path, before: bytes) -> float:
    deadline = time.perf_counter() + TIMEOUT_S
    while time.perf_counter() < deadline:
        try:
            now = pdf.read_bytes()
        except OSError:
            now = before
        if now != before and now.endswith(b"%%EOF\n"):
            return time.perf_counter()
        time.sleep(0.002)
    raise SystemExit(f"no new PDF within {TIMEOUT_S} s")


def _cold(spec: Path, out: Path) -> float:
    start = time.perf_counter()
    cmd = [sys.executable, "-m", "docgen", "build", str(spec), "-o", str(out), "--format", "pdf"]
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        spec = _project(folder)
        original = spec.read_text(encoding="utf-8")
        if "  city: X\n" not in original:
            raise SystemExit("the work summary has no city variable to change")
        out = folder / "out"
        watch = subprocess.Popen(
            [sys.executable, "-m", "docgen", "watch", str(spec), "-o", str(out), "--format", "pdf"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            assert watch.stdout is not None
            for line in watch.stdout:  # the first build, then the watcher runs
                if line.startswith("watching"):
                    break
            pdf = out / "spec.pdf"
            loop, cold = [], []
            for n in range(args.saves):
                city = "泉州" if n % 2 else "漳州"
                text = original.replace("  city: X\n", f"  city: {city}\n", 1)
                before = pdf.read_bytes()
                saved = _save(spec, text)
                loop.append(_wait_for_change(pdf, before) - saved)
                cold.append(_cold(spec, folder / "cold"))
        finally:
            watch.terminate()
            watch.wait(timeout=10)
    ratios = [a / b for a, b in zip(loop, cold, strict=True)]
    print(f"saves: {args.saves} (work summary, PDF)")
    print(f"save → new PDF under docgen watch, median: {statistics.median(loop) * 1000:.0f} ms")
    print(f"cold docgen build, median:                {statistics.median(cold) * 1000:.0f} ms")
    print(f"ratio, median of the pairs: {statistics.median(ratios):.2f}×  (target ≤ 0.3×)")


if __name__ == "__main__":
    main()
