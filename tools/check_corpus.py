"""`docgen check` on docgen's own output (issue 15, acceptance 1).

Builds every spec of specs/, tests/specs/ and the stress corpus (tests/stress/specs/) to
PDF and DOCX, renders each DOCX with LibreOffice (docgen's bundled fonts only), checks
all three readings and prints every error and warning with its measured figure.

    python tools/check_corpus.py [SPEC ...]
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docgen.build import BuildOptions, build  # noqa: E402
from docgen.check.docx import check_docx  # noqa: E402
from docgen.check.findings import FileReport, Level  # noqa: E402
from docgen.check.pdf import check_pdf  # noqa: E402
from docgen.fonts.fontconfig import write_fontconfig  # noqa: E402
from docgen.fonts.resolve import BUNDLED_DIR  # noqa: E402

CORPUS = ("specs", "tests/specs", "tests/stress/specs")


def reports(spec: Path, out: Path, fontconfig: Path) -> list[FileReport]:
    files = build(spec, BuildOptions(out_dir=out, formats=("pdf", "docx"))).files
    pdf = next(f for f in files if f.suffix == ".pdf")
    docx = next(f for f in files if f.suffix == ".docx")
    return [check_pdf(pdf), *check_docx(docx, fontconfig=fontconfig)]


def main(args: list[str]) -> int:
    specs = [Path(a) for a in args] or [
        p for folder in CORPUS for p in sorted((ROOT / folder).glob("*.yaml"))
    ]
    counts: Counter[tuple[str, str]] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        fontconfig = write_fontconfig(Path(tmp) / "fontconfig", [BUNDLED_DIR])
        for spec in specs:
            for report in reports(spec, Path(tmp) / spec.stem, fontconfig):
                problems = [f for f in report.findings if f.level in (Level.ERROR, Level.WARNING)]
                for f in problems:
                    counts[(str(f.level), f.rule)] += 1
                    print(
                        f"{spec.stem:22} {report.kind:16} {f.level:7} p{f.page or '-'} "
                        f"{f.rule}: {f.message} [{f.measured} / {f.expected}]"
                    )
    print("\nby rule:")
    for (level, rule), n in sorted(counts.items()):
        print(f"  {level:7} {rule:28} {n}")
    errors = sum(n for (level, _), n in counts.items() if level == str(Level.ERROR))
    print(f"{len(specs)} specs, {errors} error(s), {sum(counts.values()) - errors} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
