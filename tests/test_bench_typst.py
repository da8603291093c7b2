"""The Typst document of the benchmark against Typst (benchmarks/bench_typst.py) sets the
same text as docgen, in the same faces and on as many pages; nothing here is timed."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, squeeze

BENCHMARKS = ROOT / "benchmarks"
TYPST_DIR = BENCHMARKS / "typst"


def _variants():
    spec = importlib.util.spec_from_file_location(
        "typst_variants", BENCHMARKS / "typst_variants.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _text_and_fonts(pdf: bytes) -> tuple[str, set[str], int]:
    """Text without whitespace and page numbers (— 1 —), the embedded faces' names without
    subset tags, and the number of pages."""
    import pymupdf

    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        text = "".join(page.get_text() for page in doc)
        fonts = {f[3].split("+")[-1] for page in doc for f in page.get_fonts()}
        return re.sub(r"—\d+—", "", squeeze(text)), fonts, doc.page_count


def test_typst_source_is_up_to_date() -> None:
    """benchmarks/typst/work-summary.typ is what the generator makes of the spec."""
    variants = _variants()
    made = variants.typst_source(variants.document(variants.SPEC), "specs/work-summary.yaml")
    assert (TYPST_DIR / "work-summary.typ").read_text(encoding="utf-8") == made


def test_typst_sets_docgen_text_in_docgen_faces(work_summary_pdf: Path) -> None:
    typst = pytest.importorskip("typst")
    pdf = typst.compile(
        str(TYPST_DIR / "work-summary.typ"),
        font_paths=[str(ROOT / "fonts")],
        ignore_system_fonts=True,
    )
    theirs = _text_and_fonts(pdf)
    ours = _text_and_fonts(work_summary_pdf.read_bytes())
    assert len(ours[0]) > 3000  # the whole text, not a page of it
    assert theirs[0] == ours[0]
    assert theirs[1] == ours[1]  # FandolFang, FandolHei, FandolSong (both), Liberation Serif
    assert theirs[2] == ours[2] == 8


def test_user_template_input_sets_the_same_text(tmp_path: Path) -> None:
    """BENCH_TYPST_TEMPLATE's input: from-inputs.typ given the JSON sets what the
    generated source sets."""
    typst = pytest.importorskip("typst")
    variants = _variants()
    _, typ, data = variants.write_variant(tmp_path, 1)
    fonts = [str(ROOT / "fonts")]
    generated = typst.compile(str(typ), font_paths=fonts, ignore_system_fonts=True)
    inputs = {"docgen-bench": data.read_text(encoding="utf-8")}
    entry = str(TYPST_DIR / "from-inputs.typ")
    given = typst.compile(entry, font_paths=fonts, ignore_system_fonts=True, sys_inputs=inputs)
    assert _text_and_fonts(given) == _text_and_fonts(generated)
