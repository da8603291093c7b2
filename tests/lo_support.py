"""LibreOffice renderings of DOCX files, and line extraction shared by PDF comparisons."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from docgen.build import BuildOptions, make_faces
from docgen.compose import compose
from docgen.document.model import Document
from docgen.fonts.faces import Faces
from docgen.fonts.fontconfig import write_fontconfig
from docgen.fonts.resolve import BUNDLED_DIR, bundled
from docgen.fonts.roles import FALLBACK_ROLES, Role, docx_family
from docgen.layout import Layout
from docgen.layout.pages import lay_out
from docgen.libreoffice import convert_to_pdf, find_soffice
from docgen.render import load_spec
from docgen.standard import BLOCK_BOTTOM_PT, BLOCK_LEFT_PT, BLOCK_WIDTH_PT, BODY_SIZE_PT, MM_PER_PT
from tests.conftest import WORK_SUMMARY, squeeze
from tests.pdf_support import HLine, Line, lines

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


@cache
def faces() -> Faces:
    """The build's fonts as a spec without a fonts: section gets them (bundled ones here)."""
    return make_faces(None, BuildOptions())[0]


def layout_of(doc: Document) -> Layout:
    """docgen's PDF layout of ``doc``: the DOCX writer follows its decisions."""
    return lay_out(doc, faces())


def work_summary() -> tuple[Document, Layout]:
    doc = compose(load_spec(WORK_SUMMARY))
    return doc, layout_of(doc)


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
        if role not in FALLBACK_ROLES
    }


@dataclass(frozen=True)
class Rendering:
    docx: Path
    pdf: Path


def render(
    doc: Document,
    layout: Layout,
    out: Path,
    *,
    font_dirs: list[Path],
    embed: dict[str, Path] | None = None,
) -> Rendering:
    """Write the DOCX into ``out`` and convert it with a fontconfig of only ``font_dirs``."""
    from docgen.writers.docx import write_docx

    docx = out / "document.docx"
    write_docx(doc, layout, docx, embed_fonts=embed)
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


# ---- Building a spec both ways, and measuring either PDF the same way (issue 6) -------


@dataclass(frozen=True)
class Built:
    """docgen's PDF of a spec, its DOCX, and LibreOffice's rendering of the DOCX."""

    name: str
    pdf: Path
    docx: Path
    lo: Path


def build_both(spec: Path, out: Path, conf: Path) -> Built:
    """Build ``spec`` to PDF and DOCX in ``out`` and render the DOCX with ``conf``."""
    from docgen.build import build

    pdf, docx = build(spec, BuildOptions(out_dir=out)).files
    return Built(spec.stem, pdf, docx, convert_to_pdf(docx, out / "lo", fontconfig=conf))


def text_lines(pdf: Path, tolerance: float = 0.35) -> list[Line]:
    """Upright characters grouped into visual lines, baselines within ``tolerance`` mm.

    LibreOffice sets raised Latin runs (the 版记's digits) 0.07 mm off the 汉字 around
    them; grouping by a rounded baseline would split such a line in two.
    """
    from tests.pdf_support import chars

    out: list[list] = []
    for c in sorted(chars(pdf), key=lambda c: (c.page, c.baseline)):
        if out and out[-1][0].page == c.page and abs(out[-1][0].baseline - c.baseline) <= tolerance:
            out[-1].append(c)
        else:
            out.append([c])
    return [Line(cs[0].page, cs[0].baseline, tuple(sorted(cs, key=lambda c: c.x0))) for cs in out]


def hrules(pdf: Path) -> list[HLine]:
    """Horizontal strokes, tolerating the 0.02 mm slope LibreOffice gives drawn lines."""
    import pymupdf

    from tests.pdf_support import colour_class

    out = []
    with pymupdf.open(pdf) as document:
        for number, page in enumerate(document):
            for drawing in page.get_drawings():
                for item in drawing["items"]:
                    if item[0] != "l" or abs(item[1].y - item[2].y) > 0.2:
                        continue
                    x0, x1 = sorted((item[1].x, item[2].x))
                    y = (item[1].y + item[2].y) / 2
                    width = (drawing.get("width") or 0.0) * MM_PER_PT
                    colour = colour_class(drawing.get("color"))
                    out.append(
                        HLine(number, x0 * MM_PER_PT, x1 * MM_PER_PT, y * MM_PER_PT, width, colour)
                    )
    return out


@dataclass(frozen=True)
class TurnedChar:
    """A character on a turned (横排) page, in the turned page's mm: x from its left edge
    (the portrait bottom), y from its top (the portrait left edge)."""

    page: int
    c: str
    x0: float
    x1: float
    y0: float
    y1: float
    baseline: float  # turned y of the baseline


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    import pymupdf

    with pymupdf.open(pdf) as document:
        return [(p.rect.width * MM_PER_PT, p.rect.height * MM_PER_PT) for p in document]


def turned_chars(pdf: Path, page: int) -> list[TurnedChar]:
    """Characters of a turned page in its own coordinates, whichever way the PDF holds it.

    docgen draws a 横排 page on a portrait page, its text running up the page; LibreOffice
    exports the DOCX's landscape section as a landscape page.  Turning the portrait page a
    quarter clockwise, as it is read: turned x = 297 − portrait y, turned y = portrait x.
    """
    import pymupdf

    out = []
    with pymupdf.open(pdf) as document:
        p = document[page]
        landscape = p.rect.width > p.rect.height
        for block in p.get_text("rawdict")["blocks"]:
            for line in block.get("lines", []):
                for span in line["spans"]:
                    for ch in span["chars"]:
                        if ch["c"].isspace():
                            continue
                        x0, y0, x1, y1 = (v * MM_PER_PT for v in ch["bbox"])
                        ox, oy = (v * MM_PER_PT for v in ch["origin"])
                        if landscape:
                            out.append(TurnedChar(page, ch["c"], x0, x1, y0, y1, oy))
                        else:
                            height = p.rect.height * MM_PER_PT
                            turned = (height - y1, height - y0, x0, x1)
                            out.append(TurnedChar(page, ch["c"], *turned, ox))
    return out
