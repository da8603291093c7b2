"""Issue 18, acceptance 2: ``docgen check`` reads an OFD (GB/T 33190) and finds what it
finds in the PDF of the same document; a planted fault gives its finding; a broken
package gives one located message and exit code 2, never a traceback."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from docgen.build import BuildOptions, build
from docgen.check import catalog as C
from docgen.check.command import check_command, check_files
from docgen.check.findings import FileReport, Finding, Level
from docgen.check.ofd import check_ofd, read_ofd
from docgen.check.pdf import check_pdf
from docgen.standard.typefaces import Typeface
from tests.conftest import SPECS

SPEC_FILES = (
    sorted(SPECS.glob("*.yaml"))
    + sorted((SPECS.parent / "tests").glob("specs/*.yaml"))
    + sorted((SPECS.parent / "tests" / "stress" / "specs").glob("*.yaml"))
)
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


@pytest.fixture(scope="module", params=SPEC_FILES, ids=[p.stem for p in SPEC_FILES])
def checked(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp(request.param.stem)
    files = build(request.param, BuildOptions(out_dir=out, formats=("pdf", "ofd"))).files
    found = {f.suffix: f for f in files}
    return {"pdf": check_pdf(found[".pdf"]), "ofd": check_ofd(found[".ofd"])}


@pytest.fixture(scope="module")
def notice_ofd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("notice-ofd")
    return build(SPECS / "notice.yaml", BuildOptions(out_dir=out, formats=("ofd",))).files[0]


# ---- The same findings as the PDF --------------------------------------------------------------


def _same_text(a: str, b: str) -> bool:
    """Equal, but for each printed figure, which may differ by one unit of its last digit:
    OFD positions are written to 0.001 mm, PDF positions are read as 32-bit floats, and a
    figure near a rounding boundary prints either way (184.00 or 184.01; -0.0 or 0.0)."""
    if _NUMBER.split(a) != _NUMBER.split(b):
        return False
    for x, y in zip(_NUMBER.findall(a), _NUMBER.findall(b), strict=True):
        decimals = len(x.partition(".")[2])
        if decimals != len(y.partition(".")[2]):
            return False
        if not decimals and x != y:  # counts are exact
            return False
        if abs(float(x) - float(y)) > 1.01 * 10**-decimals:
            return False
    return True


def _same_finding(a: Finding, b: Finding) -> bool:
    exact = ("rule", "clause", "element", "page", "level", "strength")
    measured = ("message", "measured", "expected", "tolerance")
    return all(getattr(a, f) == getattr(b, f) for f in exact) and all(
        _same_text(getattr(a, f), getattr(b, f)) for f in measured
    )


def test_the_ofd_gives_the_pdfs_findings(checked: dict) -> None:
    pdf, ofd = checked["pdf"], checked["ofd"]
    assert not ofd.unreadable and ofd.kind == "ofd"
    assert ofd.pages == pdf.pages and ofd.notes == pdf.notes
    assert len(ofd.findings) == len(pdf.findings), _differences(pdf, ofd)
    pairs = zip(pdf.findings, ofd.findings, strict=True)
    different = [(a, b) for a, b in pairs if not _same_finding(a, b)]
    assert not different, _differences(pdf, ofd)
    assert ofd.count(Level.PASS) > 20


def _differences(pdf: FileReport, ofd: FileReport) -> str:
    a = {(f.rule, f.page, f.message, f.measured) for f in pdf.findings}
    b = {(f.rule, f.page, f.message, f.measured) for f in ofd.findings}
    return f"PDF only: {sorted(a - b, key=str)}\nOFD only: {sorted(b - a, key=str)}"


# ---- Planted faults ----------------------------------------------------------------------------


def _rewrite(source: Path, target: Path, edit: Callable[[str, bytes], bytes | None]) -> Path:
    """A copy of the package with each part passed through ``edit`` (None: left out)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for name in src.namelist():
            data = edit(name, src.read(name))
            if data is not None:
                dst.writestr(name, data)
    return target


def _page_0(edit: Callable[[str], str]) -> Callable[[str, bytes], bytes]:
    def on_part(name: str, data: bytes) -> bytes:
        return edit(data.decode()).encode() if name.endswith("Page_0/Content.xml") else data

    return on_part


def _errors(report: FileReport) -> set[str]:
    return {f.rule for f in report.findings if f.level == Level.ERROR}


def test_a_black_header_rule_is_found(notice_ofd: Path, tmp_path: Path) -> None:
    def black_rule(xml: str) -> str:
        return xml.replace(
            '<ofd:StrokeColor Value="255 51 51"/>', '<ofd:StrokeColor Value="0 0 0"/>'
        )

    report = check_ofd(_rewrite(notice_ofd, tmp_path / "black.ofd", _page_0(black_rule)))
    assert C.RULE_RED.id in _errors(report)
    assert C.RULE_RED.id not in _errors(check_ofd(notice_ofd))


def test_a_moved_mark_is_found(notice_ofd: Path, tmp_path: Path) -> None:
    """The red 发文机关标志 moved 10 mm down: its text object's Y, nothing else."""

    def lower_mark(xml: str) -> str:
        mark = re.search(r'Value="255 51 51"/><ofd:TextCode X="[\d.]+" Y="([\d.]+)"', xml)
        assert mark
        y = float(mark[1])
        return xml.replace(mark[0], mark[0].replace(f'Y="{mark[1]}"', f'Y="{y + 10:g}"'))

    report = check_ofd(_rewrite(notice_ofd, tmp_path / "moved.ofd", _page_0(lower_mark)))
    mine = [f for f in report.findings if f.rule == C.MARK_TOP.id and f.level != Level.PASS]
    assert mine and mine[0].level == C.MARK_TOP.failure_level, mine


def test_deltas_written_with_the_g_shorthand_read_the_same(
    notice_ofd: Path, tmp_path: Path
) -> None:
    """GB/T 33190 §11.3: "g 3 5.569" is 5.569 three times."""

    def shorthand(match: re.Match[str]) -> str:
        values = match[1].split()
        return f'DeltaX="g {len(values)} {values[0]}"' if len(set(values)) == 1 else match[0]

    def edit(name: str, data: bytes) -> bytes:
        text = re.sub(r'DeltaX="([^"]*)"', shorthand, data.decode()) if "Content" in name else None
        return text.encode() if text else data

    rewritten = _rewrite(notice_ofd, tmp_path / "g.ofd", edit)
    assert b'DeltaX="g ' in zipfile.ZipFile(rewritten).read("Doc_0/Pages/Page_0/Content.xml")
    plain, short = read_ofd(notice_ofd), read_ofd(rewritten)
    assert [[ln.chars for ln in p.lines] for p in plain.pages] == [
        [ln.chars for ln in p.lines] for p in short.pages
    ]


# ---- The standard's structure, beyond what docgen writes --------------------------------------


def _fang_subset(text: str) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    from docgen.fonts.resolve import bundled
    from docgen.fonts.roles import Role

    font = TTFont(bundled()[Role.FANGSONG].path)
    subsetter = subset.Subsetter()
    subsetter.populate(text=text)
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


_HAND_MADE = {
    # No namespace prefix, an absolute DocRoot, the document in another folder.
    "OFD.xml": '<OFD xmlns="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD">'
    "<DocBody><DocRoot>/Doc_1/Document.xml</DocRoot></DocBody></OFD>",
    "Doc_1/Document.xml": '<Document xmlns="http://www.ofdspec.org/2016"><CommonData>'
    "<MaxUnitID>99</MaxUnitID><PageArea><PhysicalBox>0 0 210 297</PhysicalBox></PageArea>"
    '<PublicRes>Pub.xml</PublicRes><TemplatePage ID="90" BaseLoc="Tpls/T0.xml"/>'
    '</CommonData><Pages><Page ID="1" BaseLoc="P/1.xml"/><Page ID="2" BaseLoc="P/2.xml"/>'
    "</Pages></Document>",
    "Doc_1/Pub.xml": '<Res xmlns="http://www.ofdspec.org/2016" BaseLoc="Fonts"><Fonts>'
    '<Font ID="10" FontName="仿宋_GB2312" FamilyName="仿宋"><FontFile>f.ttf</FontFile></Font>'
    '</Fonts><ColorSpaces><ColorSpace ID="11" Type="CMYK"/></ColorSpaces><DrawParams>'
    '<DrawParam ID="12" LineWidth="0.5"><StrokeColor ColorSpace="11" Value="0 204 204 0"/>'
    "</DrawParam></DrawParams></Res>",
    # The template draws a character on the page that uses it.
    "Doc_1/Tpls/T0.xml": '<Page xmlns="http://www.ofdspec.org/2016"><Content><Layer ID="91">'
    '<TextObject ID="92" Boundary="0 0 210 297" Font="10" Size="5.644">'
    '<TextCode X="100" Y="200">式</TextCode></TextObject></Layer></Content></Page>',
    # A5 by its own Area; text in a page block, placed relative to its Boundary, DeltaX in
    # the "g" shorthand and then the glyph's own advance; a turned and an invisible text;
    # a rule coloured by a draw parameter in a CMYK colour space.
    "Doc_1/P/1.xml": '<Page xmlns="http://www.ofdspec.org/2016"><Template TemplateID="90"/>'
    '<Area><PhysicalBox>0 0 148 210</PhysicalBox></Area><Content><Layer ID="20"><PageBlock>'
    '<TextObject ID="21" Boundary="10 20 100 30" Font="10" Size="5.644">'
    '<TextCode X="5" Y="8" DeltaX="g 2 6">公文格式</TextCode></TextObject></PageBlock>'
    '<TextObject ID="22" Boundary="0 0 148 210" Font="10" Size="5.644" CTM="0 1 -1 0 140 0">'
    '<TextCode X="10" Y="10">公文</TextCode></TextObject>'
    '<TextObject ID="23" Boundary="0 0 148 210" Font="10" Size="5.644" Fill="false">'
    '<TextCode X="10" Y="150">格式</TextCode></TextObject>'
    '<PathObject ID="24" Boundary="0 0 148 210" DrawParam="12">'
    "<AbbreviatedData>M 10 50 L 130 50</AbbreviatedData></PathObject></Layer></Content></Page>",
    # The document's A4; a thin filled rectangle is a rule too.
    "Doc_1/P/2.xml": '<Page xmlns="http://www.ofdspec.org/2016"><Content><Layer ID="30">'
    '<PathObject ID="31" Boundary="0 0 210 297" Stroke="false" Fill="true">'
    '<FillColor Value="0 0 0"/><AbbreviatedData>M 20 100 L 180 100 L 180 101 L 20 101 C'
    "</AbbreviatedData></PathObject></Layer></Content></Page>",
}


def test_the_packages_structure_is_followed_as_the_standard_lays_it_out(tmp_path: Path) -> None:
    path = tmp_path / "hand.ofd"
    with zipfile.ZipFile(path, "w") as package:
        for name, xml in _HAND_MADE.items():
            package.writestr(name, xml)
        package.writestr("Doc_1/Fonts/f.ttf", _fang_subset("公文格式"))
    content = read_ofd(path)
    first, second = content.pages
    assert (first.width, first.height, second.width, second.height) == (148, 210, 210, 297)
    text, template = first.lines
    assert text.text == "公文格式" and template.text == "式"
    assert [round(c.x0, 3) for c in text.chars] == [15, 21, 27, 32.644]
    assert {round(c.baseline, 3) for c in text.chars} == {28}
    assert text.size == 16 and text.main_class() == Typeface.FANGSONG
    assert first.turned_chars == 2
    (rule,) = first.rules
    assert (rule.x0, rule.x1, rule.y, rule.thickness) == (10, 130, 50, 0.5)
    assert rule.rgb == pytest.approx((1.0, 0.2, 0.2))
    (thin,) = second.rules
    assert (thin.x0, thin.x1, thin.y, thin.thickness) == (20, 180, 100.5, 1)
    assert content.glyphs.total == 5 and content.glyphs.outlines_verified == 5


# ---- Broken packages ---------------------------------------------------------------------------


def _truncated(source: Path, target: Path) -> Path:
    data = source.read_bytes()
    target.write_bytes(data[: len(data) // 2])
    return target


def _without_content(source: Path, target: Path) -> Path:
    return _rewrite(source, target, lambda n, d: None if n.endswith("Page_1/Content.xml") else d)


def _bad_xml(source: Path, target: Path) -> Path:
    return _rewrite(source, target, _page_0(lambda xml: xml[: len(xml) // 2]))


def _bad_number(source: Path, target: Path) -> Path:
    return _rewrite(source, target, _page_0(lambda xml: xml.replace('X="28"', 'X="2x8"', 1)))


BROKEN = {
    "truncated zip": (_truncated, "damaged zip"),
    "missing Content.xml": (_without_content, "Doc_0/Pages/Page_1/Content.xml"),
    "bad XML": (_bad_xml, "Doc_0/Pages/Page_0/Content.xml"),
    "bad number": (_bad_number, "Doc_0/Pages/Page_0/Content.xml, line"),
}


@pytest.mark.parametrize("name", list(BROKEN))
def test_a_broken_package_is_one_located_message(
    name: str, notice_ofd: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, where = BROKEN[name]
    broken = make(notice_ofd, tmp_path / "broken.ofd")
    (report,) = check_files([broken])
    assert report.unreadable and where in report.unreadable, report.unreadable
    assert check_command([broken], json_out=False, strict=False) == 2
    out = capsys.readouterr().out
    assert out.count("\n") == 1 and where in out and "Traceback" not in out


def test_the_command_line_reports_a_broken_package_without_a_traceback(
    notice_ofd: Path, tmp_path: Path
) -> None:
    broken = _bad_xml(notice_ofd, tmp_path / "broken.ofd")
    done = subprocess.run(
        [sys.executable, "-m", "docgen", "--lang", "en", "check", str(broken)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert re.search(r"Content\.xml, line \d+, column \d+: not well-formed XML", done.stdout)
    assert "Traceback" not in done.stdout + done.stderr
