"""Issue 5: the DOCX as LibreOffice renders it, measured on the PDF it exports.

Run with ``-s`` to see the measured figures.  The conversions use a private fontconfig
holding only the bundled fonts, so nothing needs to be installed system-wide.
"""

from __future__ import annotations

import itertools
import os
import shutil
import statistics
import subprocess
import zipfile
from pathlib import Path

import pymupdf
import pytest

from docgen.document.model import HEADING_STYLES
from docgen.fonts.fontconfig import write_fontconfig
from docgen.fonts.resolve import BUNDLED_DIR
from docgen.fonts.roles import Role
from docgen.libreoffice import LibreOfficeError, convert_to_pdf
from docgen.standard import (
    BLOCK_BOTTOM_PT,
    BODY_SIZE_PT,
    CHARS_PER_LINE,
    EM_ASCENT,
    LINE_PITCH_PT,
    LINES_PER_PAGE,
    MM_PER_PT,
    fig,
)
from docgen.standard.punctuation import NO_LINE_END, NO_LINE_START, SQUEEZABLE
from docgen.writers.docx import BODY_CHAR_PT, LINE_PITCH, TWIPS_PER_PT, write_docx
from tests.lo_support import (
    Rendering,
    body_lines,
    body_rows,
    bundled_family,
    embedded_families,
    embedded_fonts,
    family_matches,
    postscript_name,
    render,
    require_bundled_fonts,
    require_soffice,
    squeeze,
    work_summary,
)
from tests.pdf_support import Line, lines

LEFT, TOP = fig("margin_left"), fig("margin_top")
RIGHT = LEFT + fig("block_width")
EM_MM = BODY_SIZE_PT * MM_PER_PT
CHAR_MM = BODY_CHAR_PT * MM_PER_PT  # 1 字 of body text as the DOCX sets it
PAGE_NUMBER_PT = fig("page_number_size")
HEADING = "一、坚持高位推进，强化组织领导，推动党史学习教育走深走实。"


@pytest.fixture(scope="session")
def rendering(tmp_path_factory: pytest.TempPathFactory) -> Rendering:
    require_soffice()
    require_bundled_fonts()
    doc, layout = work_summary()
    out = tmp_path_factory.mktemp("lo-render")
    result = render(doc, layout, out, font_dirs=[BUNDLED_DIR])
    print(f"\nLibreOffice rendering: {result.pdf}")
    return result


@pytest.fixture(scope="session")
def rows(rendering: Rendering) -> list[Line]:
    return body_rows(rendering.pdf)


def is_paragraph_start(line: Line) -> bool:
    return line.x0 > LEFT + 1


def full_lines(rows: list[Line]) -> list[tuple[Line, Line]]:
    """(line, next line) for every body line that is not its paragraph's last."""
    return [(a, b) for a, b in itertools.pairwise(rows) if not is_paragraph_start(b)]


def kinsoku_pushed(text: str, following: str, missing: int) -> bool:
    """Whether ``missing`` characters went down because of a line-start/-end rule."""
    window = following[: missing + 1]
    return any(c in NO_LINE_START for c in window[1:]) or any(c in NO_LINE_END for c in window[:-1])


# ---- fontconfig and soffice -----------------------------------------------------------


def test_fontconfig_lists_only_the_given_fonts(tmp_path: Path) -> None:
    if not shutil.which("fc-list"):
        pytest.skip("fontconfig's fc-list is not installed")
    require_bundled_fonts()
    conf = write_fontconfig(tmp_path, [BUNDLED_DIR])
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    files = subprocess.run(
        ["fc-list", "-f", "%{file}\n"], env=env, capture_output=True, text=True, check=True
    ).stdout.split()
    outside = [f for f in files if not (f.startswith(str(BUNDLED_DIR)) or "/guard/" in f)]
    print(f"{len(files)} font files visible; outside the bundled dir: {outside}")
    assert files and not outside
    assert any((tmp_path / "cache").iterdir()), "the cache is kept inside the target folder"
    match = subprocess.run(
        ["fc-match", "-f", "%{family}", "仿宋_GB2312"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert bundled_family(Role.FANGSONG) in match.split(",")


def test_libreoffice_runs_with_no_font_dir_but_the_guard(tmp_path: Path) -> None:
    require_soffice()
    doc, layout = work_summary()
    docx = tmp_path / "d.docx"
    write_docx(doc, layout, docx)
    conf = write_fontconfig(tmp_path / "fc", [])
    pdf = convert_to_pdf(docx, tmp_path / "out", fontconfig=conf)
    with pymupdf.open(pdf) as document:
        print(f"converted with only the guard font: {document.page_count} pages")
        assert document.page_count > 1


def test_libreoffice_needs_the_guard_font(tmp_path: Path) -> None:
    """Why write_fontconfig lists one symbol font: with no font at all soffice aborts."""
    require_soffice()
    doc, layout = work_summary()
    write_docx(doc, layout, tmp_path / "d.docx")
    conf = write_fontconfig(tmp_path / "fc", [])
    text = conf.read_text(encoding="utf-8")
    bare = tmp_path / "bare.conf"
    bare.write_text("\n".join(ln for ln in text.splitlines() if "/guard" not in ln))
    with pytest.raises(LibreOfficeError, match="No fonts"):
        convert_to_pdf(tmp_path / "d.docx", tmp_path / "out", fontconfig=bare)


def test_conversion_errors_are_reported(tmp_path: Path) -> None:
    require_soffice()
    with pytest.raises(LibreOfficeError, match="could not convert"):
        convert_to_pdf(tmp_path / "missing.docx", tmp_path)
    doc, layout = work_summary()
    write_docx(doc, layout, tmp_path / "slow.docx")
    with pytest.raises(LibreOfficeError, match="did not finish"):
        convert_to_pdf(tmp_path / "slow.docx", tmp_path, timeout=0.05)


# ---- (a)–(c): the grid ------------------------------------------------------------------


def test_body_lines_cover_the_whole_body(rendering: Rendering) -> None:
    doc, _ = work_summary()
    extracted = body_lines(rendering.pdf)
    print(f"{len(extracted)} body lines")
    assert "".join(extracted) == squeeze("".join(p.text for p in doc.body))


def test_full_lines_hold_28_characters(rows: list[Line]) -> None:
    exact = pushed = kinsoku = squeezed = 0
    for line, after in full_lines(rows):
        text = squeeze(line.text)
        if any(c.isascii() for c in text):
            continue  # digits and Latin letters are half width, with autospace around them
        cells = CHARS_PER_LINE - (2 if is_paragraph_start(line) else 0)
        if len(text) == cells:
            exact += 1
            continue
        missing = cells - len(text)
        if missing < 0:  # marks set in half an em (w:w="50") made room
            assert -missing <= sum(c in SQUEEZABLE for c in text) // 2 + 1, text
            squeezed += 1
            continue
        # Fewer: kinsoku pushed a character down, or docgen's layout ended the line early
        # (to keep lines from spreading, or a paragraph from ending in one character) and
        # spaced the line's characters out so that LibreOffice ends it there too.
        assert 0 < missing <= 2, f"{len(text)} characters: {text} | {after.text}"
        pushed += 1
        kinsoku += kinsoku_pushed(text, squeeze(after.text), missing)
    print(
        f"full CJK lines: {exact} with 28 characters (26 after an indent), "
        f"{pushed} with fewer ({kinsoku} because kinsoku pushed a character down), "
        f"{squeezed} with more (punctuation in half an em)"
    )
    assert exact > 5 * pushed


def test_no_line_starts_or_ends_with_a_forbidden_character(rows: list[Line]) -> None:
    """kinsoku (GB/T 15834 §5.1) as LibreOffice applies it to the DOCX."""
    for line in rows:
        text = squeeze(line.text)
        assert text[0] not in NO_LINE_START and text[-1] not in NO_LINE_END, text


def test_full_pages_hold_22_lines_on_one_pitch(rows: list[Line]) -> None:
    """22 rows of the DOCX grid pitch.  LibreOffice centres each line's own height in its
    grid row, so a line holding Liberation Serif (taller ascent and descent than the
    Fandol faces) sits ~0.25 mm higher than a pure CJK line: allowed, and printed."""
    pitch = LINE_PITCH / TWIPS_PER_PT * MM_PER_PT
    pages = sorted({ln.page for ln in rows})
    counts = {p + 1: sum(ln.page == p for ln in rows) for p in pages}
    print(f"body lines per page: {counts}; grid pitch {pitch:.3f} mm")
    worst = {"cjk": 0.0, "mixed": 0.0}
    for page in pages[1:-1]:  # page 1 holds the title; the last page ends the text
        page_rows = [ln for ln in rows if ln.page == page]
        assert len(page_rows) == LINES_PER_PAGE, f"page {page + 1}"
        cjk = [
            (k, ln) for k, ln in enumerate(page_rows) if not any(c.c.isascii() for c in ln.chars)
        ]
        origin = statistics.median(ln.baseline - k * pitch for k, ln in cjk)
        for k, ln in enumerate(page_rows):
            kind = "mixed" if any(c.c.isascii() for c in ln.chars) else "cjk"
            worst[kind] = max(worst[kind], abs(ln.baseline - origin - k * pitch))
    print(
        f"largest baseline offset from the grid: CJK lines {worst['cjk']:.3f} mm, "
        f"lines with Latin/digits {worst['mixed']:.3f} mm"
    )
    assert worst["cjk"] <= 0.05
    assert worst["mixed"] <= 0.4


def test_margins_left_right_and_top(rows: list[Line]) -> None:
    flush = [ln.x0 for ln in rows if not is_paragraph_start(ln)]
    indented = [ln.x0 for ln in rows if is_paragraph_start(ln)]
    rights = [line.x1 for line, _ in full_lines(rows)]
    print(
        f"left edge {min(flush):.2f}–{max(flush):.2f} mm; paragraph indent "
        f"{min(indented) - LEFT:.2f}–{max(indented) - LEFT:.2f} mm; "
        f"full-line right edge {min(rights):.2f}–{max(rights):.2f} mm"
    )
    assert all(abs(x - LEFT) <= 1 for x in flush)
    assert all(abs(x - LEFT - 2 * CHAR_MM) <= 0.5 for x in indented)
    assert all(RIGHT - 1 <= x <= RIGHT + 1 for x in rights)
    firsts = [next(ln for ln in rows if ln.page == p) for p in sorted({ln.page for ln in rows})[1:]]
    pitch_mm = LINE_PITCH_PT * MM_PER_PT
    for first in firsts:
        row_top = first.chars[0].em_top - (pitch_mm - EM_MM) / 2
        assert row_top == pytest.approx(TOP, abs=1), f"page {first.page + 1}"
    em_top = firsts[0].chars[0].em_top
    print(
        f"pages ≥ 2: first baseline {firsts[0].baseline:.2f} mm, em box top {em_top:.2f} mm, "
        f"grid row top {em_top - (pitch_mm - EM_MM) / 2:.2f} mm"
    )


# ---- (d) fonts per role ---------------------------------------------------------------


def test_fonts_per_role(rendering: Rendering, rows: list[Line]) -> None:
    """Each role is drawn from its bundled file (the PDF names fonts by PostScript name)."""
    chars = [c for ln in rows for c in ln.chars]
    text = "".join(c.c for c in chars)
    start = text.index(HEADING)
    doc, _ = work_summary()
    heading_texts = [r.text for p in doc.body for r in p.runs if r.style in HEADING_STYLES]
    headings = {i for h in heading_texts for i in range(text.index(h), text.index(h) + len(h))}
    all_lines = lines(rendering.pdf)
    found = {
        Role.HEITI: {c.font for c in chars[start : start + len(HEADING)]},
        Role.FANGSONG: {
            c.font for i, c in enumerate(chars) if not c.c.isascii() and i not in headings
        },
        Role.LATIN: {c.font for c in chars if c.c.isascii()},
        Role.XIAOBIAOSONG: {
            c.font
            for ln in all_lines
            if ln.chars[0].size > 20
            for c in ln.chars
            if not c.c.isascii()
        },
        Role.SONGTI: {
            c.font
            for ln in all_lines
            if abs(ln.chars[0].size - PAGE_NUMBER_PT) < 0.1
            for c in ln.chars
        },
    }
    for role, fonts in found.items():
        print(f"{role.value}: {sorted(fonts)} (bundled {postscript_name(role)})")
    for role, fonts in found.items():
        assert fonts == {postscript_name(role)}, role


# ---- (e) page numbers -----------------------------------------------------------------


def test_page_numbers(rendering: Rendering) -> None:
    numbers = [ln for ln in lines(rendering.pdf) if abs(ln.chars[0].size - PAGE_NUMBER_PT) < 0.1]
    with pymupdf.open(rendering.pdf) as document:
        assert [ln.page for ln in numbers] == list(range(document.page_count))
    inset = fig("page_number_inset") * PAGE_NUMBER_PT * MM_PER_PT
    target_y = BLOCK_BOTTOM_PT * MM_PER_PT + fig("page_number_gap")
    for line in numbers:
        n = line.page + 1
        assert line.text == f"—{n}—"
        assert line.chars[1].x0 - line.chars[0].x1 > 1, "a space between dash and number"
        dash = line.chars[0]
        centre = dash.baseline - (EM_ASCENT - 0.5) * PAGE_NUMBER_PT * MM_PER_PT
        edge = line.x1 if n % 2 else line.x0
        expected = RIGHT - inset if n % 2 else LEFT + inset
        print(
            f"page {n}: {'right end' if n % 2 else 'left start'} {edge:.2f} mm "
            f"(expected {expected:.2f}), dash centre {centre:.2f} mm (expected {target_y:.2f})"
        )
        assert edge == pytest.approx(expected, abs=1)
        assert centre == pytest.approx(target_y, abs=1)


# ---- §7.3.5.2 signature -----------------------------------------------------------------


def test_signature_and_date(rendering: Rendering) -> None:
    doc, _ = work_summary()
    last = [ln for ln in lines(rendering.pdf) if abs(ln.chars[0].size - BODY_SIZE_PT) < 0.05]
    issuer, date = last[-2], last[-1]
    assert squeeze(issuer.text) == doc.signature.issuer and squeeze(date.text) == doc.signature.date
    print(
        f"署名 {issuer.x0:.2f}–{issuer.x1:.2f} mm, 成文日期 {date.x0:.2f}–{date.x1:.2f} mm; "
        f"署名 右空 {(RIGHT - issuer.x1) / CHAR_MM:.2f} 字, date offset "
        f"{(date.x0 - issuer.x0) / CHAR_MM:.2f} 字"
    )
    assert date.baseline - issuer.baseline == pytest.approx(LINE_PITCH_PT * MM_PER_PT, abs=0.3)
    assert date.x0 - issuer.x0 == pytest.approx(2 * CHAR_MM, abs=1)
    if date.x1 - date.x0 <= issuer.x1 - issuer.x0:  # the date is not longer: 署名 右空二字
        assert RIGHT - issuer.x1 == pytest.approx(2 * CHAR_MM, abs=1)
    else:
        assert RIGHT - date.x1 == pytest.approx(2 * CHAR_MM, abs=1)


# ---- (h) embedded fonts -----------------------------------------------------------------


@pytest.fixture(scope="session")
def embedded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Rendering, Rendering]:
    """The work summary with and without embedded fonts, rendered with NO font folder."""
    require_soffice()
    require_bundled_fonts()
    doc, layout = work_summary()
    with_fonts = render(
        doc, layout, tmp_path_factory.mktemp("lo-embedded"), font_dirs=[], embed=embedded_fonts()
    )
    without = render(doc, layout, tmp_path_factory.mktemp("lo-not-embedded"), font_dirs=[])
    return with_fonts, without


def test_embedded_fonts_are_used_without_installed_fonts(
    embedded: tuple[Rendering, Rendering], rendering: Rendering
) -> None:
    """Rendered with a fontconfig that lists no bundled font, the PDF still draws with the
    bundled fonts: LibreOffice took them from the DOCX."""
    with_fonts, without = embedded
    with zipfile.ZipFile(with_fonts.docx) as zf:
        odttf = [n for n in zf.namelist() if n.endswith(".odttf")]
    used, control = embedded_families(with_fonts.pdf), embedded_families(without.pdf)
    print(
        f"{len(odttf)} embedded fonts; font programs in the PDF with them: {sorted(used)}; "
        f"without them: {sorted(control)}"
    )
    assert odttf
    roles = (Role.FANGSONG, Role.HEITI, Role.XIAOBIAOSONG, Role.SONGTI, Role.LATIN)
    for role in roles:
        assert not any(family_matches(f, bundled_family(role)) for f in control), role
        assert any(family_matches(f, bundled_family(role)) for f in used), role
    assert body_lines(with_fonts.pdf) == body_lines(rendering.pdf), "the same line breaks"


def test_build_embeds_font_subsets_that_libreoffice_uses(tmp_path: Path) -> None:
    """`docgen build --embed-fonts`: small (subset) fonts that still draw every character,
    rendered with no font folder at all."""
    require_soffice()
    from docgen.build import BuildOptions, build
    from tests.conftest import WORK_SUMMARY

    options = BuildOptions(out_dir=tmp_path, formats=("pdf", "docx"), embed_fonts=True)
    pdf, docx = build(WORK_SUMMARY, options).files
    size = docx.stat().st_size
    print(f"work-summary.docx with embedded font subsets: {size / 1024:.0f} KB")
    assert size < 3 * 1024 * 1024
    with zipfile.ZipFile(docx) as zf:
        assert b"saveSubsetFonts" in zf.read("word/settings.xml")
    conf = write_fontconfig(tmp_path / "fc", [])
    rendered = convert_to_pdf(docx, tmp_path / "lo", fontconfig=conf)
    used = embedded_families(rendered)
    for role in (Role.FANGSONG, Role.HEITI, Role.XIAOBIAOSONG, Role.SONGTI):
        assert any(family_matches(f, bundled_family(role)) for f in used), role
    assert body_lines(rendered) == body_lines(pdf), "every character drawn, same breaks"
