"""A PDF build imports only what it needs: measured with ``python -X importtime`` on the
work summary, as a user runs it (issue 19).

Python's start and imports are most of a short build, so every library a PDF build loads
— the build process and its layout helper (docgen/forked.py) together: ``-X importtime``
logs both — is listed here with the reason it is needed; a new import shows up as a failure to be
justified (or made lazy) rather than as a slower start nobody notices.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, WORK_SUMMARY

# Libraries outside the standard library that a PDF build loads, and why.
NEEDED = {
    "typer": "the command line",
    "click": "typer is built on it",
    "shellingham": "typer imports it to offer shell completion",
    "typing_extensions": "imported by typer and msgspec",
    "yaml": "the spec",
    "msgspec": "the spec's model, the layout's records",
    "jinja2": "the body templates (jinja2.environment imports its compiler at its top, so the"
    " compiler is loaded even when every template comes compiled from the cache: a floor)",
    "markupsafe": "jinja2's escaping",
    "reportlab": "the PDF writer (in the layout helper: tests/test_forked.py keeps it out of"
    " the build process itself)",
    "_rl_accel": "reportlab's C accelerators",
    "PIL": "the package only, as reportlab.lib.utils imports PIL.Image at its top (reportlab"
    " 4–5): PIL.Image runs when a seal or stamp is drawn (fonts/on_demand.py)",
}

# What a PDF build must not load: other writers, the checker, the editing loop, batches'
# readers, and the libraries only they use.
NOT_NEEDED = (
    "docx",
    "lxml",
    "fontTools",
    "pymupdf",
    "fitz",
    "openpyxl",
    "rich",
    "pyphen",  # only for a paragraph with English words to hyphenate
    "rjieba",  # title words come from the cache after the first build
    "watchfiles",
    "pypdfium2",
    "docgen.check",
    "docgen.writers.docx",
    "docgen.writers.ofd",
    "docgen.live",
    "PIL._imaging",  # PIL.Image's code, run only for an image (fonts/on_demand.py)
    "PIL.TiffTags",
)


def _imported(args: list[str]) -> list[str]:
    """Modules Python imported, from its import-time log (failed optional imports too)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [line.split("|")[-1].strip() for line in done.stderr.splitlines()]
    return [name for name in rows if name and not name.startswith("import time:")]


def _outside_stdlib(names: list[str]) -> set[str]:
    tops = {name.split(".")[0] for name in names}
    present = {top for top in tops if importlib.util.find_spec(top) is not None}
    return {top for top in present if top not in sys.stdlib_module_names and top != "docgen"}


def test_a_pdf_build_imports_only_what_it_needs(tmp_path: Path) -> None:
    started = set(_imported(["-c", "pass"]))  # the interpreter's own start (site, .pth files)
    args = ["-m", "docgen", "build", str(WORK_SUMMARY), "-o", str(tmp_path), "--format", "pdf"]
    _imported(args)  # the caches filled, as after any first build (or `docgen fonts --warm`)
    built = [name for name in _imported(args) if name not in started]
    assert (tmp_path / "work-summary.pdf").is_file()

    loaded = [n for n in NOT_NEEDED if any(m == n or m.startswith(n + ".") for m in built)]
    assert not loaded, f"a PDF build imported {loaded}"
    unexplained = _outside_stdlib(built) - set(NEEDED)
    assert not unexplained, f"say why a PDF build needs {sorted(unexplained)} (or import later)"
    unused = set(NEEDED) - _outside_stdlib(built)
    assert not unused, f"{sorted(unused)} no longer imported: take them off NEEDED"
