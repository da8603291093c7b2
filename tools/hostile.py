"""Run the hostile corpus (tests/hostile/cases.py) and print a table of what failed.

    python tools/hostile.py                 # every case, as many at a time as there are cores
    python tools/hostile.py -k seal --all   # cases whose id contains "seal", passing ones too
    python tools/hostile.py --json out.json # also write every outcome as JSON

Runs the docgen of this checkout; the same checks as ``pytest tests/hostile``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hostile.cases import GROUPS, all_cases, run_case


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", default="", help="only cases whose id contains this")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--all", action="store_true", help="list passing cases too")
    parser.add_argument("--json", type=Path, help="write every outcome here")
    parser.add_argument("--keep", action="store_true", help="keep the case folders")
    args = parser.parse_args()

    cases = [c for c in all_cases() if args.k in c.id]
    base = Path(tempfile.mkdtemp(prefix="docgen-hostile-"))
    started = time.monotonic()
    with ThreadPoolExecutor(args.jobs) as pool:
        outcomes = list(pool.map(lambda c: run_case(c, base), cases))
    took = time.monotonic() - started

    rows = []
    for case, outcome in zip(cases, outcomes, strict=True):
        run = outcome.run
        rows.append(
            {
                "id": case.id,
                "group": case.group,
                "description": case.description,
                "skipped": outcome.skipped,
                "exit": None if run is None else run.exit,
                "signal": None if run is None else run.signal_,
                "timed_out": None if run is None else run.timed_out,
                "seconds": None if run is None else round(run.elapsed, 2),
                "cpu": None if run is None else round(run.cpu, 2),
                "max_rss_mb": None if run is None else round(run.maxrss_mb),
                "problems": outcome.problems,
                "stderr": None if run is None else run.stderr[-3000:],
            }
        )
    failing = [r for r in rows if r["problems"]]
    skipped = [r for r in rows if r["skipped"]]
    for group in GROUPS:
        mine = [r for r in rows if r["group"] == group]
        if not mine:
            continue
        bad = [r for r in mine if r["problems"]]
        print(f"\n## {group}: {len(mine)} cases, {len(bad)} failing")
        for r in mine if args.all else bad:
            state = "SKIP" if r["skipped"] else ("FAIL" if r["problems"] else "ok")
            print(f"- {state} {r['id']}: exit {r['exit']}, {r['seconds']} s, {r['max_rss_mb']} MB")
            for p in r["problems"]:
                print(f"    {p}")
            if r["skipped"]:
                print(f"    skipped: {r['skipped']}")
    print(
        f"\n{len(rows)} cases, {len(failing)} failing, {len(skipped)} skipped, "
        f"{took:.0f} s with {args.jobs} at a time"
    )
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.keep:
        import shutil

        shutil.rmtree(base, ignore_errors=True)
    else:
        print(f"case folders in {base}")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
