"""Shared fixtures: documents are built once per test session."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docgen.build import BuildOptions, build

ROOT = Path(__file__).resolve().parents[1]
SPECS = ROOT / "specs"
SEED = ROOT.parent / "shared" / "seeds" / "000_d06333f8f0fb620f.txt"
WORK_SUMMARY = SPECS / "work-summary.yaml"


def squeeze(text: str) -> str:
    """Text with all whitespace removed, for character-for-character comparisons."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"the seed document is not at {SEED}")
    return squeeze(SEED.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def work_summary_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("work-summary")
    result = build(WORK_SUMMARY, BuildOptions(out_dir=out, formats=("pdf",)))
    return result.files[0]


@pytest.fixture(scope="session")
def work_summary_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("work-summary-docx")
    result = build(WORK_SUMMARY, BuildOptions(out_dir=out, formats=("docx",)))
    return result.files[0]
