"""Issue 5: LibreOffice breaks the DOCX's lines where docgen's PDF breaks them."""

from __future__ import annotations

from pathlib import Path

import pytest

from docgen.build import BuildOptions, build
from docgen.fonts.fontconfig import write_fontconfig
from docgen.fonts.resolve import BUNDLED_DIR
from docgen.libreoffice import convert_to_pdf, find_soffice
from tests.conftest import WORK_SUMMARY
from tests.lo_support import body_lines


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_breaks_lines_like_docgen(tmp_path: Path) -> None:
    pdf, docx = build(WORK_SUMMARY, BuildOptions(out_dir=tmp_path)).files
    conf = write_fontconfig(tmp_path / "fontconfig", [BUNDLED_DIR])
    rendered = convert_to_pdf(docx, tmp_path / "lo", fontconfig=conf)
    ours, theirs = body_lines(pdf), body_lines(rendered)
    same = sum(a == b for a, b in zip(ours, theirs, strict=False))
    share = same / len(ours)
    print(f"LibreOffice breaks {same} of {len(ours)} body lines like docgen ({share:.1%})")
    assert "".join(ours) == "".join(theirs), "the same text"
    assert share >= 0.95
