"""Benchmark for issues 17 and 19: docgen beside Typst, each run as a user runs it.

Run from the repository root, with Typst from the ``bench`` extra (``pip install -e
'.[bench]'``):

    python benchmarks/bench_typst.py [--runs 5] [--batch 50] [--batch-runs 2]

Every document is built in a fresh process.  docgen: its command line as a user runs it,
``docgen build SPEC -o DIR --format pdf`` — the console script pip installs, which is
``from docgen.cli import main; sys.exit(main())``, run as ``python -c`` with this checkout
first on the path (``python -m docgen`` adds runpy's ≈ 4 %).  Typst: its PyPI package has
no command line, so each document is ``python -c "import typst; typst.compile(...)"`` in a
fresh process, with docgen's bundled fonts (``font_paths=["fonts"]``) and without the
system's (which hold copies of the same faces here; ``--typst-system-fonts`` adds them).
Both set the same text in the same layout (benchmarks/typst_variants.py,
benchmarks/typst/gongwen.typ).

This machine's speed varies about twofold from minute to minute, so every figure is the
median of ratios of runs made one right after the other, in a round whose order turns
from round to round; the seconds beside them are medians, for scale only.

``BENCH_TYPST_TEMPLATE=path/main.typ``: the Typst side compiles that entry file instead
(root: its folder, or ``BENCH_TYPST_ROOT``; fonts: fonts/, its folder and the system's),
with the document's text as JSON in ``sys.inputs.at("docgen-bench")`` — the format is in
benchmarks/typst_variants.py (document_json), an example is benchmarks/typst/from-inputs.typ.
A template that ignores the input is timed as it is; the page counts printed show it.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import typst_variants as variants

ROOT = variants.ROOT
FONTS = variants.FONTS
PAGES = tuple(variants.VARIANTS)  # 1, 8, 40, 200
# The fixed libraries as a PDF build imports them (reportlab's TrueType support brings PIL
# with it: reportlab.lib.utils imports PIL.Image at its top).
FLOOR = "import jinja2, yaml, typer, reportlab.pdfgen.canvas, reportlab.pdfbase.ttfonts"
FLOOR_ALL = FLOOR + ", docx"  # --format all also needs python-docx (with lxml)
SPIN = "for i in range(10_000_000): pass"  # plain Python work: how free the second core is
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
# The `docgen` console script, as pip writes it, for this checkout.
DOCGEN = [sys.executable, "-c", "import sys; from docgen.cli import main; sys.exit(main())"]

TYPST = """
import sys, typst
entry, out, root, fonts, data, system = sys.argv[1:]
inputs = {"docgen-bench": open(data, encoding="utf-8").read()} if data else {}
typst.compile(entry, output=out, root=root, font_paths=fonts.split("\\n"),
              ignore_system_fonts=system == "0", sys_inputs=inputs)
"""

Job = Callable[[], tuple[float, int]]  # one timed run: seconds and peak RSS (MB)


def run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, int]:
    """Wall time (s) and peak RSS (MB) of one fresh process."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=err, env=env or ENV, cwd=ROOT
        )
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status):
            err.seek(0)
            raise SystemExit(f"failed: {' '.join(cmd)}\n{err.read().decode()}")
    return elapsed, usage.ru_maxrss // 1024


def run_many(cmds: list[list[str]], parallel: int) -> tuple[float, int]:
    """Wall time of running every command, ``parallel`` processes at a time, and the
    largest peak RSS among them."""
    pending = list(cmds)
    running: dict[int, subprocess.Popen] = {}  # kept, so that subprocess reaps none of them
    start, peak = time.perf_counter(), 0
    while pending or running:
        while pending and len(running) < parallel:
            proc = subprocess.Popen(
                pending.pop(0), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT
            )
            running[proc.pid] = proc
        pid, status, usage = os.wait4(-1, 0)
        proc = running.pop(pid)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            run(list(proc.args))  # again, to show its error
        peak = max(peak, usage.ru_maxrss // 1024)
    return time.perf_counter() - start, peak


@dataclass
class TypstSide:
    """How the Typst side compiles a document: our generated source, or a user's entry
    file given the document's JSON."""

    template: Path | None
    root: Path | None
    system_fonts: bool

    def cmd(self, typ: Path, data: Path, out: Path) -> list[str]:
        if self.template:
            entry, root = self.template, self.root or self.template.parent
            fonts, inputs, system = [FONTS, self.template.parent], str(data), "1"
        else:
            entry, root = typ, typ.parent
            fonts, inputs, system = [FONTS], "", "1" if self.system_fonts else "0"
        folders = "\n".join(str(f) for f in fonts)
        return [
            sys.executable,
            "-c",
            TYPST,
            str(entry),
            str(out),
            str(root),
            folders,
            inputs,
            system,
        ]


def docgen(
    spec: Path, out: Path, fmt: str = "pdf", cache: Path | None = None, warmed: bool = False
) -> Job:
    """A fresh ``docgen build``; with ``cache``, in a new empty cache folder (a first build
    on a new machine), which ``warmed`` fills first, untimed, with ``docgen fonts --warm``
    as the install script does (a first build after installing)."""
    cmd = [*DOCGEN, "build", str(spec), "-o", str(out), "--format", fmt]

    def job() -> tuple[float, int]:
        if cache is None:
            return run(cmd)
        fresh = Path(tempfile.mkdtemp(prefix="cache-", dir=cache))  # empty: a first build
        env = {**ENV, "DOCGEN_CACHE_DIR": str(fresh)}
        try:
            if warmed:
                warm = [*DOCGEN, "fonts", "--warm"]
                subprocess.run(warm, check=True, env=env, capture_output=True)
            return run(cmd, env)
        finally:
            shutil.rmtree(fresh, ignore_errors=True)

    return job


def rounds(jobs: dict[str, Job], runs: int) -> dict[str, list[tuple[float, int]]]:
    """``runs`` rounds of every job, one right after the other; the order turns."""
    names = list(jobs)
    results: dict[str, list[tuple[float, int]]] = {name: [] for name in names}
    for n in range(runs):
        for name in names[n % len(names) :] + names[: n % len(names)]:
            results[name].append(jobs[name]())
    return results


def ratio(
    results: dict[str, list[tuple[float, int]]], a: str, b: str, field: int = 0
) -> tuple[float, float, float]:
    """The median over rounds of a / b (field 0: seconds, 1: peak RSS), the least and
    the greatest."""
    values = [x[field] / y[field] for x, y in zip(results[a], results[b], strict=True)]
    return statistics.median(values), min(values), max(values)


def median(results: dict[str, list[tuple[float, int]]], name: str, field: int = 0) -> float:
    return statistics.median(r[field] for r in results[name])


def pages_of(pdf: Path) -> int:
    return variants._pages(pdf.read_bytes())


def _above(r: dict, build: str, floor: str) -> tuple[float, float, float]:
    """(build − floor) / Typst, round by round: what docgen's own work costs."""
    above = [(d[0] - f[0]) / t[0] for d, f, t in zip(r[build], r[floor], r["typst"], strict=True)]
    return statistics.median(above), min(above), max(above)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="rounds of single documents")
    parser.add_argument("--batch", type=int, default=50, help="documents in a batch")
    parser.add_argument("--batch-runs", type=int, default=2, help="rounds of batches")
    parser.add_argument(
        "--typst-system-fonts", action="store_true", help="Typst also loads the system's fonts"
    )
    args = parser.parse_args()
    template = os.environ.get("BENCH_TYPST_TEMPLATE")
    root = os.environ.get("BENCH_TYPST_ROOT")
    side = TypstSide(
        Path(template).resolve() if template else None,
        Path(root).resolve() if root else None,
        args.typst_system_fonts,
    )
    # This process imports nothing heavy until the timings are done: a child's peak RSS
    # (ru_maxrss) counts its parent's memory up to its exec, so the parent stays small.
    # As installed (tools/install.sh): byte-compiled, so no process compiles docgen again.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "docgen")], check=True)
    with tempfile.TemporaryDirectory(prefix="bench-typst-") as scratch:
        tmp = Path(scratch)
        out = tmp / "out"
        (out / "batch-typst").mkdir(parents=True)
        setup = [sys.executable, str(Path(__file__).parent / "typst_variants.py")]
        setup += ["--setup", str(tmp), "--rows", str(args.batch)]
        subprocess.run(setup, check=True, env=ENV, cwd=ROOT)
        docs = {p: variants.variant_paths(tmp / "variants", p) for p in PAGES}
        typst_job: dict[int, Job] = {}
        docgen_job: dict[int, Job] = {}
        for p, (spec, typ, data) in docs.items():
            cmd = side.cmd(typ, data, out / f"typst-{p}.pdf")
            typst_job[p] = lambda cmd=cmd: run(cmd)
            docgen_job[p] = docgen(spec, out)
        # Warm: docgen's caches as an earlier build left them, the files in memory.
        for p in PAGES:
            docgen(docs[p][0], out, "all")()
            typst_job[p]()

        # Single documents: the 8-page work summary, every measure in each round.
        spec8 = docs[8][0]
        single = rounds(
            {
                "docgen": docgen_job[8],
                "first": docgen(spec8, out, cache=tmp),
                "installed": docgen(spec8, out, cache=tmp, warmed=True),
                "all": docgen(spec8, out, "all"),
                "typst": typst_job[8],
                "floor": lambda: run([sys.executable, "-c", FLOOR]),
                "floor_all": lambda: run([sys.executable, "-c", FLOOR_ALL]),
                "python": lambda: run([sys.executable, "-c", "pass"]),
            },
            args.runs,
        )
        floor = {"floor": lambda: run([sys.executable, "-c", FLOOR])}
        by_pages = {
            p: rounds(
                {"docgen": docgen_job[p], "typst": typst_job[p], **(floor if p == 200 else {})},
                args.runs,
            )
            for p in PAGES
            if p != 8
        }
        by_pages[8] = single

        # Batches: one docgen call over a CSV; Typst, a process per document.
        table = tmp / "rows" / "rows.csv"
        typst_cmds = []
        for row in variants.batch_rows(args.batch):
            typ, data = variants.row_paths(tmp / "rows", row["code"])
            typst_cmds.append(side.cmd(typ, data, out / "batch-typst" / f"{row['code']}.pdf"))

        def each(jobs: int) -> Job:
            cmd = [*DOCGEN, "build", str(variants.SPEC)]
            cmd += ["--each", str(table), "--name", "{{ code }}", "--format", "pdf"]
            cmd += ["-o", str(out / f"batch-{jobs}"), "--jobs", str(jobs)]
            return lambda: run(cmd)

        each(2)()  # the rows' caches (titles), as an earlier batch left them
        batch = rounds(
            {
                "jobs1": each(1),
                "jobs2": each(2),
                "typst": lambda: run_many(typst_cmds, 1),
                "typst2": lambda: run_many(typst_cmds, 2),
                "spin1": lambda: run_many([[sys.executable, "-c", SPIN]] * 2, 1),
                "spin2": lambda: run_many([[sys.executable, "-c", SPIN]] * 2, 2),
            },
            args.batch_runs,
        )
        # Now the outputs may be read in this process.
        counts = {
            p: (pages_of(out / f"{docs[p][0].stem}.pdf"), pages_of(out / f"typst-{p}.pdf"))
            for p in PAGES
        }
        made = (
            len(list((out / "batch-2").glob("*.pdf"))),
            len(list((out / "batch-typst").glob("*.pdf"))),
        )
    version = importlib.metadata.version("typst")
    report(args, side, version, counts, single, by_pages, batch, made)


def report(args, side, version, counts, single, by_pages, batch, made) -> None:
    cores = os.cpu_count()
    print(
        f"docgen beside Typst {version} (PyPI `typst`, no command line: a fresh"
        " `python -c 'import typst; typst.compile(…)'` per document)"
    )
    print(
        f"{platform.machine()}, {cores} cores, Python {platform.python_version()},"
        f" {datetime.date.today()}; {args.runs} rounds of single documents,"
        f" {args.batch_runs} of batches of {args.batch}"
    )
    if side.template:
        print(f"Typst side: {side.template} (BENCH_TYPST_TEMPLATE), text in sys.inputs")
    else:
        fonts = "fonts/ and the system's" if side.system_fonts else "fonts/ only"
        print(f"Typst side: benchmarks/typst/ (gongwen.typ), {fonts}")
    print("pages, docgen / Typst: " + ", ".join(f"{a}/{b}" for a, b in counts.values()))
    print(
        "ratio = docgen / Typst unless stated: the median of the rounds' ratios, and their range\n"
    )

    def line(what: str, ours: str, theirs: str, r: tuple[float, ...], target: str = "") -> None:
        value, verdict = r[0], ""
        if target:
            bound = float(target.split()[1].rstrip("×"))
            met = value <= bound if target.startswith("≤") else value >= bound
            verdict = "met" if met else "NOT met"
        spread = f"{r[1]:.2f}–{r[2]:.2f}"
        print(
            f"{what:<44} {ours:>10} {theirs:>10} {value:7.2f}× {spread:>11}  {target:<7} {verdict}"
        )

    print(f"{'measure':<44} {'docgen':>10} {'Typst':>10} {'ratio':>8} {'range':>11}  target")
    s = single
    sec = lambda r, n: f"{median(r, n):.3f} s"  # noqa: E731
    line(
        "cold build, 8-page PDF",
        sec(s, "docgen"),
        sec(s, "typst"),
        ratio(s, "docgen", "typst"),
        "≤ 2.0×",
    )
    line(
        "first build (empty docgen cache)",
        sec(s, "first"),
        sec(s, "typst"),
        ratio(s, "first", "typst"),
    )
    line(
        "first build / warm cold build (docgen)",
        sec(s, "first"),
        sec(s, "docgen"),
        ratio(s, "first", "docgen"),
    )
    line(
        "first build after install (fonts --warm)",
        sec(s, "installed"),
        sec(s, "docgen"),
        ratio(s, "installed", "docgen"),
        "≤ 1.2×",
    )
    line(
        "--format all (PDF+DOCX) / Typst PDF",
        sec(s, "all"),
        sec(s, "typst"),
        ratio(s, "all", "typst"),
        "≤ 2.5×",
    )
    for p in PAGES:
        r = by_pages[p]
        line(
            f"{p} page{'s' if p > 1 else ''}, PDF",
            sec(r, "docgen"),
            sec(r, "typst"),
            ratio(r, "docgen", "typst"),
            "≤ 0.6×" if p == 200 else "",
        )
    for p in (8, 200):
        r = by_pages[p]
        mb = lambda n: f"{median(r, n, 1):.0f} MB"  # noqa: B023, E731
        line(
            f"peak memory (max RSS), {p} pages",
            mb("docgen"),
            mb("typst"),
            ratio(r, "docgen", "typst", 1),
            "≤ 0.7×" if p == 8 else "",
        )
    line(
        "floor: the fixed libraries' imports",
        sec(s, "floor"),
        sec(s, "typst"),
        ratio(s, "floor", "typst"),
    )
    big = by_pages[200]
    line(
        "floor / Typst's 200-page build (vs ≤ 0.6×)",
        sec(big, "floor"),
        sec(big, "typst"),
        ratio(big, "floor", "typst"),
    )
    line(
        "floor with python-docx (--format all)",
        sec(s, "floor_all"),
        sec(s, "typst"),
        ratio(s, "floor_all", "typst"),
    )
    for what, r, build, base in (
        ("8-page PDF", s, "docgen", "floor"),
        ("--format all", s, "all", "floor_all"),
        ("200-page PDF", by_pages[200], "docgen", "floor"),
    ):
        line(f"docgen's own work above the floor / Typst, {what}", "", "", _above(r, build, base))
    print(f"  (the floor: {FLOOR}; with python-docx: {FLOOR_ALL})")
    print(
        "  (the floor is imported in one process; a docgen build imports in two at once,"
        " the build and its layout helper, so it can finish under the floor)"
    )
    line(
        "for scale: python -c pass", sec(s, "python"), sec(s, "typst"), ratio(s, "python", "typst")
    )

    b, n = batch, args.batch
    rate = lambda name: f"{n / median(b, name):.2f}/s"  # noqa: E731
    print(f"\nbatch of {n} documents (docgen wrote {made[0]}, Typst {made[1]}), documents/s:")
    print(f"  docgen build --each rows.csv --jobs 1   {rate('jobs1')}")
    print(f"  docgen build --each rows.csv --jobs 2   {rate('jobs2')}")
    print(f"  Typst, a process per document            {rate('typst')}")
    print(f"  Typst, the same, 2 processes at a time   {rate('typst2')}")
    line(
        "batch: docgen --jobs 2 rate / Typst rate",
        rate("jobs2"),
        rate("typst"),
        ratio(b, "typst", "jobs2"),
        "≥ 4×",
    )
    line(
        "batch: docgen --jobs 1 rate / Typst rate",
        rate("jobs1"),
        rate("typst"),
        ratio(b, "typst", "jobs1"),
    )
    line(
        "batch: --jobs 2 / Typst 2 at a time",
        rate("jobs2"),
        rate("typst2"),
        ratio(b, "typst2", "jobs2"),
    )
    print(
        "for scale: 2 processes of plain Python at a time / one at a time, in the same rounds:"
        f" {ratio(b, 'spin1', 'spin2')[0]:.2f}× (2 on an idle 2-core machine)"
    )


if __name__ == "__main__":
    main()
