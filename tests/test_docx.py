"""Issue 5: the DOCX package — styles, fonts, grid, footers, determinism, embedded fonts."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from docgen.compose import recipients_text
from docgen.document.model import Document, Paragraph, Run, Signature, Style
from docgen.fonts.roles import Role, docx_family
from docgen.standard import fig
from docgen.writers.docx import (
    BODY_CHAR,
    BODY_SPACING,
    LINE_PITCH,
    STYLE_NAMES,
    signature_layout,
    text_width_pt,
    write_docx,
)
from docgen.writers.docx import xml as docx_xml
from tests.lo_support import layout_of, work_summary

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ROLE_STYLES = (
    "标题",
    "正文",
    "一级标题",
    "二级标题",
    "三级标题",
    "四级标题",
    "主送机关",
    "署名",
    "成文日期",
    "页码",
)


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    doc, layout = work_summary()
    path = tmp_path_factory.mktemp("docx") / "work-summary.docx"
    write_docx(doc, layout, path)
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def xml(package: dict[str, bytes], name: str) -> etree._Element:
    return etree.fromstring(package[name])


def test_role_styles_exist(package: dict[str, bytes]) -> None:
    names = {
        s.find("w:name", NS).get(w("val"))
        for s in xml(package, "word/styles.xml").iterfind("w:style", NS)
    }
    for role in ROLE_STYLES:
        assert STYLE_NAMES[role] in names, role
    print("styles:", sorted(names))


def test_every_style_names_all_four_font_slots(package: dict[str, bytes]) -> None:
    """Default Paragraph Font, Word's "no formatting" character style, stays empty."""
    styles = xml(package, "word/styles.xml")
    for style in styles.iterfind("w:style", NS):
        if style.get(w("styleId")) == "DefaultParagraphFont":
            continue
        fonts = style.find("w:rPr/w:rFonts", NS)
        assert fonts is not None, style.get(w("styleId"))
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            assert fonts.get(w(slot)), (style.get(w("styleId")), slot)


def _style_chain(styles: etree._Element, style_id: str | None) -> list[etree._Element]:
    by_id = {s.get(w("styleId")): s for s in styles.iterfind("w:style", NS)}
    chain = []
    while style_id and style_id in by_id:
        chain.append(by_id[style_id])
        based = by_id[style_id].find("w:basedOn", NS)
        style_id = based.get(w("val")) if based is not None else None
    return chain


def _east_asia(element: etree._Element | None) -> str | None:
    fonts = None if element is None else element.find("w:rPr/w:rFonts", NS)
    if fonts is None:
        fonts = None if element is None else element.find("w:rFonts", NS)
    return None if fonts is None else fonts.get(w("eastAsia"))


def test_every_run_has_an_east_asian_font(package: dict[str, bytes]) -> None:
    styles = xml(package, "word/styles.xml")
    default = _east_asia(styles.find("w:docDefaults/w:rPrDefault", NS))
    runs = list(xml(package, "word/document.xml").iter(w("r")))
    direct = 0
    for run in runs:
        r_style = run.find("w:rPr/w:rStyle", NS)
        p_style = run.getparent().find("w:pPr/w:pStyle", NS)
        candidates = [run.find("w:rPr", NS)]
        candidates += [
            s.find("w:rPr", NS)
            for s in _style_chain(styles, r_style.get(w("val")) if r_style is not None else None)
        ]
        candidates += [
            s.find("w:rPr", NS)
            for s in _style_chain(
                styles, p_style.get(w("val")) if p_style is not None else "Normal"
            )
        ]
        effective = next((f for c in candidates if (f := _east_asia(c))), default)
        assert effective, etree.tostring(run, encoding="unicode")[:200]
        direct += _east_asia(run.find("w:rPr", NS)) is not None
    print(f"{len(runs)} runs, {direct} with a direct w:eastAsia; docDefaults eastAsia {default}")
    assert direct == len(runs), "every run names its fonts itself"


def test_no_theme_fonts_anywhere(package: dict[str, bytes]) -> None:
    assert not any(n.startswith("word/theme/") for n in package)
    for name, data in package.items():
        if not name.endswith((".xml", ".rels")):
            continue
        for fonts in etree.fromstring(data).iter(w("rFonts")):
            themed = [a for a in fonts.attrib if "theme" in a.lower()]
            assert not themed, (name, themed)


def test_explicit_fonts_per_role(package: dict[str, bytes]) -> None:
    document = xml(package, "word/document.xml")
    body = [r for r in document.iter(w("r")) if r.find("w:t", NS) is not None]
    fonts = {(r.findtext("w:t", namespaces=NS)[:6], _east_asia(r.find("w:rPr", NS))) for r in body}
    assert ("一、坚持高位", docx_family(Role.HEITI)) in fonts
    assert ("党史学习教育", docx_family(Role.FANGSONG)) in fonts
    assert ("中共X市委统", docx_family(Role.XIAOBIAOSONG)) in fonts
    for run in body:
        attrs = run.find("w:rPr/w:rFonts", NS).attrib
        text = run.findtext("w:t", namespaces=NS)
        shared = all(unicodedata.east_asian_width(c) == "A" for c in text)
        latin = attrs[w("eastAsia")] if shared else docx_family(Role.LATIN)
        assert attrs[w("ascii")] == attrs[w("hAnsi")] == latin, text


def test_page_grid_and_paragraph_settings(package: dict[str, bytes]) -> None:
    sect = xml(package, "word/document.xml").find("w:body/w:sectPr", NS)
    size, margins = sect.find("w:pgSz", NS), sect.find("w:pgMar", NS)
    assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838")
    mm = {k: int(margins.get(w(k))) / 1440 * 25.4 for k in ("top", "left", "right", "bottom")}
    print("margins mm:", {k: round(v, 3) for k, v in mm.items()})
    assert mm["top"] == pytest.approx(fig("margin_top"), abs=0.02)
    assert mm["left"] == pytest.approx(fig("margin_left"), abs=0.02)
    assert 297 - mm["top"] - mm["bottom"] == pytest.approx(fig("block_height"), abs=0.02)
    assert 210 - mm["left"] - mm["right"] == pytest.approx(fig("block_width"), abs=0.02)
    grid = sect.find("w:docGrid", NS)
    assert (grid.get(w("type")), grid.get(w("linePitch"))) == ("lines", str(LINE_PITCH))
    assert LINE_PITCH == 579 and BODY_SPACING == -5 and BODY_CHAR == 315
    normal = next(
        s
        for s in xml(package, "word/styles.xml").iterfind("w:style", NS)
        if s.get(w("styleId")) == "Normal"
    )
    ppr, rpr = normal.find("w:pPr", NS), normal.find("w:rPr", NS)
    assert ppr.find("w:widowControl", NS).get(w("val")) == "0"
    assert ppr.find("w:kinsoku", NS) is not None and ppr.find("w:kinsoku", NS).get(w("val")) is None
    assert ppr.find("w:overflowPunct", NS).get(w("val")) is None  # on: see docx.py
    assert ppr.find("w:ind", NS).get(w("firstLine")) == str(2 * BODY_CHAR)
    assert rpr.find("w:spacing", NS).get(w("val")) == "-5"
    assert rpr.find("w:sz", NS).get(w("val")) == "32"


def test_footers_hold_page_fields_between_em_dashes(package: dict[str, bytes]) -> None:
    settings = xml(package, "word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    refs = xml(package, "word/document.xml").findall("w:body/w:sectPr/w:footerReference", NS)
    assert sorted(r.get(w("type")) for r in refs) == ["default", "even"]
    footers = [n for n in package if n.startswith("word/footer")]
    assert len(footers) == 2
    for name in footers:
        paragraph = xml(package, name).find("w:p", NS)
        texts = [t.text for t in paragraph.iter(w("t"))]
        instr = "".join(t.text for t in paragraph.iter(w("instrText")))
        assert texts[0] == "\u2014 " and texts[-1] == " \u2014", texts
        assert instr.strip() == "PAGE"
        kinds = [f.get(w("fldCharType")) for f in paragraph.iter(w("fldChar"))]
        assert kinds == ["begin", "separate", "end"]


def test_properties_are_fixed(package: dict[str, bytes]) -> None:
    core = package["docProps/core.xml"].decode()
    assert "<dc:title>中共X市委统战部党史学习教育工作总结</dc:title>" in core
    assert "<dc:creator>中共X市委统战部</dc:creator>" in core
    assert "<dc:subject>总结</dc:subject>" in core
    assert "2021-07-20T00:00:00Z" in core


def test_two_writes_give_identical_bytes(tmp_path: Path) -> None:
    doc, layout = work_summary()
    write_docx(doc, layout, tmp_path / "a.docx")
    write_docx(doc, layout, tmp_path / "b.docx")
    a, b = (tmp_path / "a.docx").read_bytes(), (tmp_path / "b.docx").read_bytes()
    print(f"{len(a)} bytes, identical: {a == b}")
    assert a == b
    with zipfile.ZipFile(tmp_path / "a.docx") as zf:
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert zf.namelist()[0] == "[Content_Types].xml"


def test_obfuscation_follows_the_font_key() -> None:
    data = bytes(range(256)) * 4
    key = docx_xml.font_key(data)
    assert key.startswith("{") and len(key) == 38
    hidden = docx_xml.obfuscate_font(data, key)
    assert hidden[32:] == data[32:] and hidden[:32] != data[:32]
    assert docx_xml.obfuscate_font(hidden, key) == data
    # The first byte is XORed with the last two hex digits of the GUID.
    assert hidden[0] == data[0] ^ int(key[-3:-1], 16)


def test_embedded_fonts_are_in_the_package(tmp_path: Path) -> None:
    font = tmp_path / "Fake.ttf"
    font.write_bytes(b"\x00\x01\x00\x00" + bytes(200))
    doc, layout = work_summary()
    path = tmp_path / "embedded.docx"
    write_docx(
        doc, layout, path, embed_fonts={docx_family(Role.FANGSONG): font, "Extra Family": font}
    )
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        fonts = [n for n in names if n.startswith("word/fonts/") and n.endswith(".odttf")]
        assert len(fonts) == 2
        table = etree.fromstring(zf.read("word/fontTable.xml"))
        settings = etree.fromstring(zf.read("word/settings.xml"))
        types = zf.read("[Content_Types].xml").decode()
        rels = zf.read("word/_rels/fontTable.xml.rels").decode()
        data = zf.read(fonts[0])
    embedded = {
        f.get(w("name")): f.find("w:embedRegular", NS) for f in table.iterfind("w:font", NS)
    }
    assert embedded[docx_family(Role.FANGSONG)] is not None and embedded["Extra Family"] is not None
    key = embedded[docx_family(Role.FANGSONG)].get(w("fontKey"))
    assert docx_xml.obfuscate_font(data, key) == font.read_bytes()
    assert settings.find("w:embedTrueTypeFonts", NS) is not None
    assert types.count("application/vnd.openxmlformats-officedocument.obfuscatedFont") == 2
    assert "relationships/font" in rels


def test_recipients_end_with_a_full_width_colon() -> None:
    assert recipients_text(["各区委统战部", "市直各单位："]) == "各区委统战部、市直各单位："
    assert recipients_text([]) == ""


def test_signature_arrangement_follows_7_3_5_2() -> None:
    """署名 右空二字 and the date 2 字 right of its start; a longer date goes 右空二字."""
    issuer, date = "中共X市委统战部", "2021年7月20日"
    short = signature_layout(Signature((issuer,), date))
    assert short.issuer.indent.right == 2 * BODY_CHAR
    w_issuer, w_date = (
        round(text_width_pt(t, spacing_pt=BODY_SPACING / 20) * 20) for t in (issuer, date)
    )
    assert short.date.indent.right == w_issuer - w_date  # starts 2 字 right of the 署名
    long = signature_layout(Signature(("统战部",), "2021年12月20日"))
    assert long.date.indent.right == 2 * BODY_CHAR
    assert long.issuer.indent.right > long.date.indent.right


def test_headings_on_their_own_line_use_the_heading_style(tmp_path: Path) -> None:
    doc = Document(
        kind="通知",
        title=("关于测试的通知",),
        title_breaks_given=False,
        issuers=("测试办公室",),
        recipients="各单位：",
        body=(
            Paragraph((Run("一、总体要求", Style.H1),)),
            Paragraph((Run("（一）指导思想", Style.H2), Run("正文内容。"))),
            Paragraph((Run("要点", Style.EMPHASIS), Run("在此。"))),
        ),
        signature=Signature(("测试办公室",), "2024年1月2日"),
    )
    path = tmp_path / "headings.docx"
    write_docx(doc, layout_of(doc), path)
    with zipfile.ZipFile(path) as zf:
        document = etree.fromstring(zf.read("word/document.xml"))
    paragraphs = document.findall("w:body/w:p", NS)
    styles = [p.find("w:pPr/w:pStyle", NS) for p in paragraphs]
    ids = [s.get(w("val")) if s is not None else None for s in styles]
    assert ids[:6] == ["Title", None, "Recipients", "Heading1Gw", None, None]
    assert "".join(t.text for t in paragraphs[2].iter(w("t"))) == "各单位："
    inline = paragraphs[4].findall("w:r", NS)
    assert inline[0].find("w:rPr/w:rStyle", NS).get(w("val")) == "Heading2GwChar"
    assert _east_asia(inline[0].find("w:rPr", NS)) == docx_family(Role.KAITI)
    assert _east_asia(paragraphs[5].find("w:r/w:rPr", NS)) == docx_family(Role.HEITI)


def test_the_docx_measures_latin_with_reportlabs_times_metrics() -> None:
    """The DOCX writer's table of Times New Roman advances (units._TIMES, kept so that a
    DOCX needs nothing of reportlab) is reportlab's Times-Roman, to the last bit."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from docgen.writers.docx.units import text_width_pt

    for size in (7, 9, 10.5, 14, 16, 16.2, 22):
        for code in range(128):
            assert text_width_pt(chr(code), size) == stringWidth(chr(code), "Times-Roman", size)
    line = "GB/T 9704-2012, https://www.gov.cn/?q=1 & 100%"
    assert text_width_pt(line, 16) == pytest.approx(stringWidth(line, "Times-Roman", 16))
