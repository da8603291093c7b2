"""Issue 18: OFD (GB/T 33190) from the same layout as the PDF — read back by an OFD reader
that is not docgen's (easyofd, from PyPI): the same text, every glyph within 0.1 mm of the
PDF's, every font embedded; the package's structure; the same bytes on every build."""

from __future__ import annotations

import base64
import io
import itertools
import logging
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pymupdf
import pytest

from docgen.build import BuildOptions, build
from tests.conftest import SPECS

SPEC_FILES = sorted(SPECS.glob("*.yaml"))
NS = {"ofd": "http://www.ofdspec.org/2016"}
MM_PER_PT = 25.4 / 72
TOLERANCE_MM = 0.1


@pytest.fixture(scope="module", params=SPEC_FILES, ids=[p.stem for p in SPEC_FILES])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp(request.param.stem)
    files = build(request.param, BuildOptions(out_dir=out, formats=("pdf", "ofd"))).files
    found = {f.suffix: f for f in files} | {"spec": request.param, "out": out}
    return found | {"read": _read_independently(found[".ofd"])}  # parsed once per spec


def _read_independently(ofd: Path) -> dict:
    """The document as easyofd parses it (its own XML reading, not docgen's)."""
    from easyofd.ofd import OFD

    logging.getLogger().setLevel(logging.ERROR)
    reader = OFD()
    reader.read(base64.b64encode(ofd.read_bytes()).decode(), save_xml=False)
    return reader.data[0]


def _ofd_glyphs(document: dict) -> list[tuple[int, str, float, float]]:
    """(page, character, x, baseline) in mm of every upright glyph: X plus the DeltaX
    advances, as GB/T 33190 §11.4 places them."""
    out = []
    for page, content in sorted(document["page_info"].items()):
        for item in content["text_list"]:
            if item.get("CTM"):
                continue  # a turned 横排表格 page: compared upright only
            deltas = [float(d) for d in item.get("DeltaX", "").split()]
            xs = itertools.accumulate([float(item["X"]), *deltas])
            out += [
                (page, ch, x, float(item["Y"]))
                for ch, x in zip(item["text"], xs, strict=False)
                if ch != " "  # a space is advance, not ink: the PDF's text has none either
            ]
    return out


def _pdf_glyphs(pdf: Path) -> list[tuple[int, str, float, float]]:
    out = []
    with pymupdf.open(pdf) as document:
        for number, page in enumerate(document):
            for block in page.get_text("rawdict")["blocks"]:
                for line in block.get("lines", []):
                    if tuple(round(v, 3) for v in line["dir"]) != (1.0, 0.0):
                        continue
                    for span in line["spans"]:
                        for ch in span["chars"]:
                            if ch["c"] == " ":
                                continue
                            x, y = ch["origin"]
                            out.append((number, ch["c"], x * MM_PER_PT, y * MM_PER_PT))
    return out


def _order(glyphs: list[tuple[int, str, float, float]]) -> list[tuple[int, str, float, float]]:
    return sorted(glyphs, key=lambda g: (g[0], round(g[3], 1), g[2]))


def test_an_independent_reader_finds_the_pdfs_text_where_the_pdf_has_it(built: dict) -> None:
    ours = _order(_ofd_glyphs(built["read"]))
    pdf = _order(_pdf_glyphs(built[".pdf"]))
    assert [g[1] for g in ours] == [g[1] for g in pdf]  # the same text, in reading order
    worst = max(
        (max(abs(a[2] - b[2]), abs(a[3] - b[3])) for a, b in zip(ours, pdf, strict=True)),
        default=0.0,
    )
    assert worst <= TOLERANCE_MM, f"a glyph {worst:.3f} mm from the PDF's"


def test_every_font_is_embedded_with_every_glyph_it_draws(built: dict) -> None:
    from fontTools.ttLib import TTFont

    document = built["read"]
    drawn: dict[str, set[str]] = {}
    for content in document["page_info"].values():
        for item in content["text_list"]:
            drawn.setdefault(item["font"], set()).update(item["text"])
    for font_id, chars in drawn.items():
        data = document["fonts"][font_id].get("font_b64")
        assert data, f"font {font_id} is not embedded"
        cmap = TTFont(io.BytesIO(base64.b64decode(data))).getBestCmap()
        assert not {c for c in chars if ord(c) not in cmap}, f"font {font_id} lacks glyphs"


def test_the_package_has_what_gbt_33190_requires(built: dict) -> None:
    with zipfile.ZipFile(built[".ofd"]) as package:
        names = set(package.namelist())
        root = ElementTree.fromstring(package.read("OFD.xml"))
        assert root.tag == "{http://www.ofdspec.org/2016}OFD" and root.get("Version")
        info = root.find("ofd:DocBody/ofd:DocInfo", NS)
        assert info is not None
        for tag in ("DocID", "Title", "Author", "CreationDate", "Creator"):
            assert (info.findtext(f"ofd:{tag}", namespaces=NS) or "").strip(), tag
        doc_root = root.findtext("ofd:DocBody/ofd:DocRoot", namespaces=NS)
        assert doc_root in names
        document = ElementTree.fromstring(package.read(doc_root))
        box = document.findtext("ofd:CommonData/ofd:PageArea/ofd:PhysicalBox", namespaces=NS)
        assert box == "0 0 210 297"  # A4 in millimetres
        base = doc_root.rsplit("/", 1)[0]
        pages = document.findall("ofd:Pages/ofd:Page", NS)
        ids = [int(p.get("ID")) for p in pages]
        for page in pages:
            content = ElementTree.fromstring(package.read(f"{base}/{page.get('BaseLoc')}"))
            ids += [int(e.get("ID")) for e in content.iter() if e.get("ID")]
        res = ElementTree.fromstring(package.read(f"{base}/PublicRes.xml"))
        fonts = res.findall("ofd:Fonts/ofd:Font", NS)
        ids += [int(f.get("ID")) for f in fonts]
        for font in fonts:
            assert f"{base}/Res/{font.findtext('ofd:FontFile', namespaces=NS)}" in names
        media = ElementTree.fromstring(package.read(f"{base}/DocumentRes.xml"))
        ids += [int(m.get("ID")) for m in media.findall("ofd:MultiMedias/ofd:MultiMedia", NS)]
        assert len(ids) == len(set(ids)), "object IDs are unique in the document"
        max_id = int(document.findtext("ofd:CommonData/ofd:MaxUnitID", namespaces=NS))
        assert max(ids) <= max_id
        with pymupdf.open(built[".pdf"]) as pdf:
            assert len(pages) == pdf.page_count


def test_a_rebuild_writes_the_same_bytes(built: dict, tmp_path: Path) -> None:
    again = build(built["spec"], BuildOptions(out_dir=tmp_path, formats=("ofd",))).files[0]
    assert again.read_bytes() == built[".ofd"].read_bytes()


def test_the_title_and_issuer_are_the_documents_metadata(built: dict) -> None:
    with zipfile.ZipFile(built[".ofd"]) as package:
        xml = package.read("OFD.xml").decode("utf-8")
    with pymupdf.open(built[".pdf"]) as pdf:
        meta = pdf.metadata
    assert re.search(rf"<ofd:Title>{re.escape(meta['title'])}</ofd:Title>", xml)
    assert re.search(rf"<ofd:Author>{re.escape(meta['author'])}</ofd:Author>", xml)
