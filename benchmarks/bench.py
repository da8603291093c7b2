"""Benchmarks for issue 4: cold PDF builds, batch throughput, memory, and LibreOffice.

Run from the repository root:  python benchmarks/bench.py [--runs 7] [--batch 50]

Every timing runs in a fresh process, as a user or a CI job meets it.  "Cold" builds are
fresh processes with docgen's caches (parsed fonts, compiled templates, PDF font subsets:
``~/.cache/docgen``) as an earlier build left them; a build with empty caches is reported
separately.  For scale, the script also times a bare interpreter and one that only imports
the libraries a PDF build needs: no build can be faster than that.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "specs" / "work-summary.yaml"

BATCH = """
import sys, time
from pathlib import Path
from docgen.build import BuildOptions, build
out, count = Path(sys.argv[1]), int(sys.argv[2])
start = time.perf_counter()
for i in range(count):
    build(Path(sys.argv[3]), BuildOptions(out_dir=out, formats=("pdf",),
          overrides={"city": f"第{i}市"}))
print(time.perf_counter() - start)
"""


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """Wall time (s), peak RSS (MB) and stdout of one fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    out = proc.stdout.read().decode() if proc.stdout else ""
    err = proc.stderr.read().decode() if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss // 1024, out


def docgen_cmd(out: Path, fmt: str, spec: Path = SPEC) -> list[str]:
    return [sys.executable, "-m", "docgen", "build", str(spec), "--format", fmt, "-o", str(out)]


def long_spec(folder: Path, pages: int = 200) -> Path:
    """A plain notice of about ``pages`` pages, its paragraphs taken from the work summary."""
    import yaml

    spec = yaml.safe_load(SPEC.read_text(encoding="utf-8"))
    parts = [part.get("text", []) for part in spec["body"]["sections"]]
    texts = [t for part in parts for t in ([part] if isinstance(part, str) else part)]
    texts = [t for t in texts if isinstance(t, str) and "{{" not in t] or ["测试文字。" * 60]
    chars_per_page = 600  # 22 lines of 28 characters, less paragraph ends
    body, size = [], 0
    while size < pages * chars_per_page:
        for text in texts:
            body.append(text)
            size += len(text)
    data = {
        "kind": "通知",
        "title": "关于开展测试的通知",
        "issuer": "测试机关",
        "date": "2021-07-01",
        "body": {"opening": body},
    }
    path = folder / "long.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


LIBRARIES = "import typer, jinja2, yaml, msgspec, reportlab.pdfgen.canvas"


def bench_floor(runs: int) -> dict[str, float]:
    """Fresh interpreters that do nothing, and that only import the libraries."""
    return {
        name: statistics.median(run([sys.executable, "-c", code])[0] for _ in range(runs))
        for name, code in (("python", "pass"), ("imports", LIBRARIES))
    }


def bench_cold(out: Path, runs: int) -> dict[str, float]:
    empties = []
    for n in range(max(3, runs // 2)):
        env = {**os.environ, "DOCGEN_CACHE_DIR": str(out / f"empty-cache-{n}")}
        empties.append(run(docgen_cmd(out, "pdf"), env)[0])
    run(docgen_cmd(out, "pdf"))  # the user's caches, as an earlier build leaves them
    times, peaks, over = [], [], []
    for _ in range(runs):
        elapsed, peak, _ = run(docgen_cmd(out, "pdf"))
        # The import floor right after, in the same state of the machine.
        floor = run([sys.executable, "-c", LIBRARIES])[0]
        times.append(elapsed)
        peaks.append(peak)
        over.append(elapsed - floor)
    return {
        "empty_cache": statistics.median(empties),
        "median": statistics.median(times),
        "over_floor": statistics.median(over),
        "rss": max(peaks),
    }


def bench_all_formats(out: Path, runs: int, spec: Path = SPEC) -> tuple[float, float, float]:
    """``--format all`` against a PDF-only build, in alternating fresh processes (so both
    see the same state of the machine): the median of each and of the pairs' ratios."""
    run(docgen_cmd(out, "all", spec))  # the caches, as an earlier build leaves them
    pdf, both = [], []
    for _ in range(runs):
        pdf.append(run(docgen_cmd(out, "pdf", spec))[0])
        both.append(run(docgen_cmd(out, "all", spec))[0])
    ratios = [b / a for a, b in zip(pdf, both, strict=True)]
    return statistics.median(pdf), statistics.median(both), statistics.median(ratios)


def bench_batch(out: Path, count: int, runs: int = 3) -> float:
    """Documents per second: the median of ``runs`` batch processes."""
    rates = []
    for _ in range(runs):
        _, _, printed = run([sys.executable, "-c", BATCH, str(out), str(count), str(SPEC)])
        rates.append(count / float(printed.strip().splitlines()[-1]))
    return statistics.median(rates)


def bench_all_specs(out: Path, runs: int) -> tuple[float, int]:
    """One ``docgen build`` call for every example spec, as a CI job runs it: the median
    time and the number of specs."""
    specs = sorted(str(p) for p in (ROOT / "specs").glob("*.yaml"))
    cmd = [sys.executable, "-m", "docgen", "build", *specs, "--format", "pdf", "-o", str(out)]
    run(cmd)  # fills the caches for every spec's fonts and characters
    return statistics.median(run(cmd)[0] for _ in range(max(3, runs // 2))), len(specs)


def bench_libreoffice(out: Path, runs: int) -> float | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return None
    run(docgen_cmd(out, "docx"))
    docx = out / "work-summary.docx"
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    cmd = [
        soffice,
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out / "lo"),
        str(docx),
    ]
    run(cmd)  # the first start initialises the profile
    times = [run(cmd)[0] for _ in range(max(3, runs // 2))]
    shutil.rmtree(profile, ignore_errors=True)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh processes per timing")
    parser.add_argument("--batch", type=int, default=50, help="documents in the batch run")
    args = parser.parse_args()
    # As installed (tools/install.sh): where PYTHONDONTWRITEBYTECODE is set, modules edited
    # since would otherwise be compiled again by every process.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "docgen")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        floor = bench_floor(args.runs)
        cold = bench_cold(out, args.runs)
        formats = bench_all_formats(out, args.runs)
        formats_long = bench_all_formats(out, max(3, args.runs // 2), long_spec(out))
        batch = bench_batch(out, args.batch)
        every, count = bench_all_specs(out, args.runs)
        lo = bench_libreoffice(out, args.runs)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(
        f"cold PDF build, median of {args.runs} fresh processes: {cold['median']:.3f} s"
        "  (target ≤ 0.25 s)"
    )
    print(f"cold PDF build with empty caches:               {cold['empty_cache']:.3f} s")
    print(f"for scale: python -c pass                       {floor['python']:.3f} s")
    print(
        f"for scale: python importing the libraries only  {floor['imports']:.3f} s  ({LIBRARIES})"
    )
    print(f"docgen's own work over that floor, median:      {cold['over_floor']:.3f} s")
    print(
        f"--format all against PDF only, alternating: {formats[1]:.3f} s / {formats[0]:.3f} s"
        f" = {formats[2]:.2f}×  (target ≤ 1.3×; one layout for both)"
    )
    print(
        f"the same, 200 pages:                      {formats_long[1]:.3f} s / {formats_long[0]:.3f}"
        f" s = {formats_long[2]:.2f}×"
    )
    print(f"peak RSS of a PDF build:                        {cold['rss']} MB  (target ≤ 120 MB)")
    print(
        f"batch, {args.batch} documents in one process (median of 3): {batch:.1f} documents/s"
        "  (target ≥ 20)"
    )
    print(
        f"all {count} example specs in one docgen call, median: {every:.3f} s"
        f" ({every / count:.3f} s a document)"
    )
    if lo is None:
        print("LibreOffice DOCX → PDF: soffice not found")
    else:
        ratio = lo / cold["median"]
        print(f"LibreOffice DOCX → PDF, median:                 {lo:.3f} s")
        print(f"docgen is {ratio:.1f}× faster than LibreOffice's conversion  (target ≥ 4×)")


if __name__ == "__main__":
    main()
