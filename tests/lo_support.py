"""LibreOffice renderings of DOCX files, and line extraction shared by PDF comparisons."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from docgen.compose import compose
from docgen.document.model import Document
from docgen.fonts.fontconfig import write_fontconfig
from docgen.fonts.resolve import BUNDLED_DIR, bundled
from docgen.fonts.roles import Role, docx_family
from docgen.layout.title import break_title
from docgen.libreoffice import convert_to_pdf, find_soffice
from docgen.spec import load_spec
from docgen.standard import BLOCK_BOTTOM_PT, BLOCK_LEFT_PT, BLOCK_WIDTH_PT, BODY_SIZE_PT, MM_PER_PT
from tests.conftest import WORK_SUMMARY, squeeze
from tests.pdf_support import Line, lines

BLOCK_BOTTOM_MM = BLOCK_BOTTOM_PT * MM_PER_PT
BLOCK_MIDDLE_MM = (BLOCK_LEFT_PT + BLOCK_WIDTH_PT / 2) * MM_PER_PT


def body_rows(pdf: Path) -> list[Line]:
    """Visual lines of body-size text inside the 版心, top to bottom, page by page.

    The title (2号) and page numbers (4号, below the 版心) are other sizes; the 署名 and
    成文日期 are the trailing lines that start right of the block's middle (no body line
    does: wrapped lines start at the margin, first lines 2 字 in).
    """
    rows = [
        ln
        for ln in lines(pdf)
        if abs(ln.chars[0].size - BODY_SIZE_PT) < 0.05 and ln.baseline < BLOCK_BOTTOM_MM + 1
    ]
    while rows and rows[-1].x0 > BLOCK_MIDDLE_MM:
        rows.pop()
    return rows


def body_lines(pdf_path: Path) -> list[str]:
    """Body text per visual line (whitespace removed), top to bottom, page by page.

    Works on any PDF of a 公文 (LibreOffice's rendering of the DOCX or docgen's own PDF):
    lines are told apart by size and position only, never by font names.
    """
    return [squeeze(ln.text) for ln in body_rows(pdf_path)]


# ---- Building and rendering the work summary ---------------------------------------


def work_summary() -> tuple[Document, tuple[str, ...]]:
    doc = compose(load_spec(WORK_SUMMARY))
    title = doc.title if doc.title_breaks_given else break_title(doc.title_text, 20)
    return doc, title


def require_soffice() -> None:
    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: no DOCX rendering to measure")


def require_bundled_fonts() -> None:
    if not (BUNDLED_DIR / "bundled.json").is_file():
        pytest.skip(f"the bundled fonts are not in {BUNDLED_DIR} (fonts/bundled.json missing)")


def bundled_family(role: Role) -> str:
    return bundled()[role].family


def embedded_fonts() -> dict[str, Path]:
    """The bundled fonts, keyed by the family names the DOCX runs ask for."""
    return {
        docx_family(role): choice.path
        for role, choice in bundled().items()
        if role != Role.FALLBACK
    }


@dataclass(frozen=True)
class Rendering:
    docx: Path
    pdf: Path


def render(
    doc: Document,
    title: tuple[str, ...],
    out: Path,
    *,
    font_dirs: list[Path],
    embed: dict[str, Path] | None = None,
) -> Rendering:
    """Write the DOCX into ``out`` and convert it with a fontconfig of only ``font_dirs``."""
    from docgen.writers.docx import write_docx

    docx = out / "document.docx"
    write_docx(doc, title, docx, embed_fonts=embed)
    conf = write_fontconfig(out / "fontconfig", font_dirs)
    return Rendering(docx, convert_to_pdf(docx, out / "pdf", fontconfig=conf))


def embedded_families(pdf: Path) -> set[str]:
    """Family names (name ID 1) inside the font programs a PDF embeds.

    LibreOffice names a font in the PDF after the family the document asked for when it
    drew it from a font embedded in the DOCX (the base font is then "仿宋_GB2312"), but
    the font program keeps the name table of the file it came from.
    """
    import io

    import pymupdf
    from fontTools.ttLib import TTFont

    families = set()
    with pymupdf.open(pdf) as document:
        xrefs = {f[0] for page in document for f in page.get_fonts()}
        for xref in sorted(xrefs):
            buffer = document.extract_font(xref)[3]
            try:
                font = TTFont(io.BytesIO(buffer))
            except Exception:  # a Type 1 or CFF program: no name table to read
                continue
            if "name" in font:
                families |= {str(n.toUnicode()) for n in font["name"].names if n.nameID == 1}
    return families


def postscript_name(role: Role) -> str:
    """The base font name a PDF gives the bundled font of ``role``."""
    from fontTools.ttLib import TTFont

    font = TTFont(bundled()[role].path, lazy=True)
    return str(font["name"].getDebugName(6))


def family_matches(name: str, family: str) -> bool:
    """Whether a font's family name is the bundled ``family`` ("FandolFang R" is FandolFang)."""

    def norm(text: str) -> str:
        return re.sub(r"[\s_-]+", "", text).casefold()

    return norm(name).startswith(norm(family))
