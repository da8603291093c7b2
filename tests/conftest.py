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


def build_notice(
    folder: Path, name: str, paragraphs: list[str], formats: tuple[str, ...] = ("pdf", "docx")
) -> Path:
    """Build a plain 通知 whose body is ``paragraphs``, signed 测试机关 2021年7月1日; the PDF's
    path (a DOCX beside it)."""
    import yaml

    spec = {
        "kind": "通知",
        "title": "关于测试的通知",
        "issuer": "测试机关",
        "date": "2021-07-01",
        "body": {"opening": paragraphs},
    }
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return build(path, BuildOptions(out_dir=folder, formats=formats)).files[0]


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
