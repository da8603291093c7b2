"""Issue 7: ``docgen check`` — measuring PDFs and DOCX files against GB/T 9704-2012.

Reports are printed (see them with ``pytest -s``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest

from docgen.build import BuildOptions, build
from docgen.check import catalog as C
from docgen.check.command import check_command, check_files
from docgen.check.docx import check_docx, check_structure
from docgen.check.findings import FileReport, Level
from docgen.check.pdf import check_pdf
from docgen.check.report import render_text
from docgen.fonts.roles import Role
from tests.check_fixtures import Faults, build_fixture
from tests.conftest import SPECS

# Issue 15, acceptance 1: the example specs, the tests' specs and the stress corpus.
SPEC_FILES = (
    sorted(SPECS.glob("*.yaml"))
    + sorted((SPECS.parent / "tests").glob("specs/*.yaml"))
    + sorted((SPECS.parent / "tests" / "stress" / "specs").glob("*.yaml"))
)


def errors(report: FileReport) -> list[str]:
    return [f.rule for f in report.findings if f.level == Level.ERROR]


def show(report: FileReport) -> None:
    print("\n" + render_text([report]))


def require_soffice() -> None:
    from docgen.libreoffice import find_soffice

    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: no DOCX rendering to check")


def bundled_fontconfig(out: Path) -> Path:
    """A fontconfig of only docgen's bundled fonts (with its alias rules when present)."""
    from docgen.fonts.fontconfig import write_fontconfig
    from docgen.fonts.resolve import BUNDLED_DIR

    return write_fontconfig(out / "fontconfig", [BUNDLED_DIR])


# ---- 1. docgen's own output passes ------------------------------------------------------

# docgen bugs the checker has found, by (spec, output, rule): such an error is reported
# as an expected failure naming the bug; any other error fails the test.  Remove an entry
# once docgen is fixed (the DOCX writer was being extended while these were recorded).
# Errors the checker finds in docgen's own output that are known bugs, each with its cause:
# (spec, "pdf" or "docx", rule id) → why.  Empty: docgen's output passes.
KNOWN_DOCGEN_BUGS: dict[tuple[str, str, str], str] = {}


@pytest.fixture(scope="module", params=SPEC_FILES, ids=[p.stem for p in SPEC_FILES])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp(request.param.stem)
    result = build(request.param, BuildOptions(out_dir=out, formats=("pdf", "docx")))
    return {path.suffix: path for path in result.files} | {"out": out, "stem": request.param.stem}


def _assert_no_errors(report: FileReport, stem: str, output: str) -> None:
    # every warning is justified by a figure: what was measured against what was expected
    unmeasured = [f for f in report.findings if f.level == Level.WARNING and not f.measured]
    assert not unmeasured, unmeasured
    found = sorted(set(errors(report)))
    unknown = [rule for rule in found if (stem, output, rule) not in KNOWN_DOCGEN_BUGS]
    assert not unknown, f"errors in docgen's own {output}: {unknown}"
    if found:
        pytest.xfail("; ".join(KNOWN_DOCGEN_BUGS[(stem, output, rule)] for rule in found))


def test_docgen_pdf_has_no_errors(built: dict) -> None:
    report = check_pdf(built[".pdf"])
    show(report)
    assert report.pages and report.count(Level.PASS) > 20
    _assert_no_errors(report, built["stem"], "pdf")


def test_docgen_docx_structure_has_no_errors(built: dict) -> None:
    report = check_structure(built[".docx"])
    show(report)
    assert not errors(report)


def test_docgen_docx_rendering_has_no_errors(built: dict) -> None:
    require_soffice()
    _, rendered = check_docx(built[".docx"], fontconfig=bundled_fontconfig(built["out"]))
    show(rendered)
    assert rendered.pages and not rendered.unreadable
    _assert_no_errors(rendered, built["stem"], "docx")


# ---- 2. one fault, one error ---------------------------------------------------------------

FAULTS = {
    "27 characters a line": (Faults(chars_per_line=27), C.CHARS_PER_LINE),
    "21 lines a page": (Faults(lines_per_page=21), C.LINES_PER_PAGE),
    "a line starting with '，'": (Faults(comma_at_line_start=True), C.LINE_START),
    "page number on the wrong side": (Faults(page_number_wrong_side=True), C.PAGE_NUMBER_SIDE),
    "black header rule": (Faults(header_rule_black=True), C.RULE_RED),
    "mark at 30 mm": (Faults(mark_top=30), C.MARK_TOP),
    "date 2021年07月01日": (Faults(date="2021年07月01日"), C.DATE_FORMAT),
    "headings 一、三、": (Faults(second_heading="三、"), C.HEADING_ORDER),
    "版记 on an odd page": (Faults(colophon_on_odd_page=True), C.COLOPHON_EVEN),
    "body in 宋体": (Faults(body_role=Role.SONGTI), C.BODY_FONT),
    "a wrapped mark": (Faults(mark_wraps=True), C.MARK_LINES),
    "a loose line": (Faults(loose_line=True), C.LOOSE_LINE),
    "喆 from a Song-style fallback": (Faults(fallback_char=True), C.FALLBACK_STYLE),
    "a page of only a paragraph's tail": (Faults(fragment_page=True), C.FRAGMENT_PAGE),
    "blank page before the 版记 numbered": (
        Faults(colophon_after_blank_page=True, number_blank_pages=True),
        C.PAGE_NUMBER_BLANK,
    ),
}


def test_clean_fixture_passes_even_strictly(tmp_path: Path) -> None:
    report = check_pdf(build_fixture(tmp_path / "clean.pdf"))
    show(report)
    assert not errors(report.with_strict())
    assert report.count(Level.NOT_CHECKED) == 0
    assert report.count(Level.PASS) > 50


def test_blank_page_before_the_colophon_is_left_unnumbered(tmp_path: Path) -> None:
    report = check_pdf(
        build_fixture(tmp_path / "blank.pdf", Faults(colophon_after_blank_page=True))
    )
    show(report)
    assert report.pages == 4 and not errors(report.with_strict())
    assert any(f.rule == C.PAGE_NUMBER_BLANK.id and f.level == Level.PASS for f in report.findings)


@pytest.mark.parametrize("name", list(FAULTS))
def test_each_fault_gives_exactly_its_error(name: str, tmp_path: Path) -> None:
    faults, check = FAULTS[name]
    report = check_pdf(build_fixture(tmp_path / "fault.pdf", faults))
    show(report)
    # Its own level without --strict: an error where the figure is mandatory …
    mine = [f for f in report.findings if f.rule == check.id and f.level != Level.PASS]
    assert mine and all(f.level == check.failure_level for f in mine), mine
    assert set(errors(report)) <= {check.id}
    # … and with --strict the one rule that fails, whatever its strength.
    assert set(errors(report.with_strict())) == {check.id}


# ---- 3. documents made by other tools ----------------------------------------------------


def _python_docx_document(path: Path) -> Path:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    document.add_heading("关于开展安全检查的通知", level=1)
    document.add_paragraph("各部门：")
    for n in range(6):
        p = document.add_paragraph(
            "　　为切实做好安全生产工作，防范各类事故发生，现就有关事项通知如下。" * 3
        )
        p.runs[0].font.size = Pt(14 + n % 2)
    document.add_paragraph("一、检查范围")
    for text in ("某某办公室", "2023年05月09日"):
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(path)
    return path


def test_a_foreign_docx_is_checked_without_crashing(tmp_path: Path) -> None:
    source = _python_docx_document(tmp_path / "foreign.docx")
    structure = check_structure(source)
    show(structure)
    assert not structure.unreadable
    assert any(f.level == Level.NOT_CHECKED for f in structure.findings)
    require_soffice()
    from docgen.libreoffice import convert_to_pdf

    pdf = convert_to_pdf(source, tmp_path / "pdf", fontconfig=bundled_fontconfig(tmp_path))
    report = check_pdf(pdf)
    show(report)
    assert not report.unreadable and report.pages >= 1
    not_checked = {f.rule for f in report.findings if f.level == Level.NOT_CHECKED}
    assert {C.MARK_TOP.id, C.COLOPHON_LAST.id} <= not_checked  # no 版头, no 版记 there
    assert C.DATE_FORMAT.id in errors(report)  # 2023年05月09日 has leading zeros
    for finding in report.findings:
        assert finding.rule and finding.clause and finding.element and finding.message


# ---- Glyphs ------------------------------------------------------------------------------


def _draw(path: Path, font_path: Path, name: str, text: str) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(TTFont(name, str(font_path)))
    canvas = Canvas(str(path))
    canvas.setFont(name, 16)
    canvas.drawString(100, 700, text)
    canvas.save()
    return path


def test_a_character_the_font_lacks_is_a_missing_glyph(tmp_path: Path) -> None:
    from docgen.fonts.resolve import bundled

    font = bundled()[Role.FANGSONG].path
    report = check_pdf(_draw(tmp_path / "lack.pdf", font, "FangCheck", "公文\U00020000格式"))
    missing = [f for f in report.findings if f.rule == C.GLYPHS.id and f.level == Level.ERROR]
    assert missing and "U+FFFD" in missing[0].measured


def test_a_glyph_without_outline_is_a_missing_glyph(tmp_path: Path) -> None:
    from fontTools.ttLib import TTFont as FontToolsFont
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    from docgen.fonts.resolve import bundled

    font = FontToolsFont(str(bundled()[Role.FANGSONG].path))
    font["glyf"][font.getBestCmap()[ord("测")]] = Glyph()  # an empty outline
    for record in font["name"].names:  # its own PostScript name: reportlab caches by it
        if record.nameID in (1, 4, 6):
            record.string = "HollowFang"
    hollow = tmp_path / "Hollow.ttf"
    font.save(str(hollow))
    report = check_pdf(_draw(tmp_path / "hollow.pdf", hollow, "Hollow", "检测格式"))
    missing = [f for f in report.findings if f.rule == C.GLYPHS.id and f.level == Level.ERROR]
    assert missing and "no outline" in missing[0].measured


# ---- The command: exit codes, JSON, strict -----------------------------------------------


def test_exit_codes_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    clean = build_fixture(tmp_path / "clean.pdf")
    faulty = build_fixture(tmp_path / "faulty.pdf", Faults(date="2021年07月01日"))
    warned = build_fixture(tmp_path / "warned.pdf", Faults(body_role=Role.SONGTI))
    assert check_command([clean], json_out=False, strict=False) == 0
    assert check_command([faulty], json_out=False, strict=False) == 1
    assert check_command([warned], json_out=False, strict=False) == 0
    assert check_command([warned], json_out=False, strict=True) == 1
    capsys.readouterr()
    assert check_command([clean, faulty], json_out=True, strict=False) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["exit_code"] == 1 and len(data["files"]) == 2
    finding = next(f for f in data["files"][1]["findings"] if f["level"] == "error")
    assert finding["rule"] == C.DATE_FORMAT.id and finding["clause"] == "7.3.5.4"
    assert set(finding) >= {
        "rule",
        "clause",
        "element",
        "page",
        "measured",
        "expected",
        "tolerance",
        "level",
        "message",
    }


def test_unreadable_inputs_exit_2(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a document", encoding="utf-8")
    encrypted = tmp_path / "locked.pdf"
    with pymupdf.open() as doc:
        doc.new_page()
        doc.save(
            encrypted, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="secret", owner_pw="owner"
        )
    for path in (tmp_path / "missing.pdf", text, encrypted):
        reports = check_files([path])
        assert reports[0].unreadable, path
        assert check_command([path], json_out=False, strict=False) == 2


def test_a_line_loose_before_a_number_is_a_warning_naming_why(tmp_path: Path) -> None:
    """specs/report.yaml has a line that must end before “15.2%。”, which does not fit:
    letter-spaced, but only rewording avoids it (issue 13's last resort)."""
    pdf = build(SPECS / "report.yaml", BuildOptions(out_dir=tmp_path, formats=("pdf",))).files[0]
    loose = [f for f in check_pdf(pdf).findings if f.rule == C.LOOSE_LINE.id]
    assert loose and all(f.level == Level.WARNING for f in loose), loose
    assert all("does not fit" in f.message for f in loose)
