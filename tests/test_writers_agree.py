"""Every writer prints the texts the document model composed, as composed: for every
example spec, element by element, the text the PDF shows equals the text the DOCX holds.

The PDF's characters are read from the file in content-stream order and told apart by
element by walking the layout's lines in the order the PDF writer draws them (each
character is checked against the glyph the layout set there).  The DOCX's paragraphs are
told apart by their styles.  Page numbers are left out: the DOCX has a field there.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

import pymupdf
import pytest
import yaml
from lxml import etree

from docgen.build import BuildOptions, build, make_faces
from docgen.compose import compose
from docgen.layout.pages import lay_out
from docgen.render import load_spec
from docgen.standard.elements import Element
from tests.conftest import ROOT, SPECS

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

# DOCX paragraph style → the element whose text it holds.
STYLE_ELEMENT = {
    "Title": Element.TITLE,
    "Recipients": Element.RECIPIENTS,
    "AdoptedGw": Element.ADOPTED,
    "Normal": Element.BODY,
    "Heading1Gw": Element.BODY,
    "Heading2Gw": Element.BODY,
    "Heading3Gw": Element.BODY,
    "Heading4Gw": Element.BODY,
    "HeaderPartGw": Element.DOC_NUMBER,
    "MarkGw": Element.MARK,
    "DocNumberGw": Element.DOC_NUMBER,
    "AttachmentNoteGw": Element.ATTACHMENT_NOTE,
    "AttendeesGw": Element.ATTENDEES,
    "SignatureGw": Element.SIGNATURE,
    "SignatoryGw": Element.SIGNATORY,
    "DocDateGw": Element.DATE,
    "NoteGw": Element.NOTE,
    "AttachmentLabelGw": Element.ATTACHMENT_LABEL,
    "AttachmentTitleGw": Element.ATTACHMENT_TITLE,
    "TableTextGw": Element.TABLE,
    "ColophonGw": Element.COLOPHON,
}
# The rows of the 版头 compare as one: the DOCX puts a 信函's 发文字号 on the 份号's line,
# and an 上行文's on the 签发人's.
MERGED = {
    Element.COPY_NUMBER: Element.DOC_NUMBER,
    Element.SECRECY: Element.DOC_NUMBER,
    Element.URGENCY: Element.DOC_NUMBER,
    Element.SIGNERS: Element.DOC_NUMBER,
    Element.ORDER_NUMBER: Element.DOC_NUMBER,
}
# Where the PDF draws a label after the text it opens (the 签发人 label, 附件：, the
# joint mark's 文件 beside the names), the order differs: those compare as characters.
UNORDERED = {Element.MARK, Element.DOC_NUMBER, Element.ATTACHMENT_NOTE}

EXAMPLES = sorted(SPECS.glob("*.yaml")) + sorted((ROOT / "tests" / "specs").glob("*.yaml"))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_texts(spec: Path, pdf: Path) -> dict[Element, str]:
    """The PDF's text by element (see the module docstring)."""
    loaded = load_spec(spec)
    layout = lay_out(compose(loaded), make_faces(loaded, BuildOptions())[0])
    out: dict[Element, str] = defaultdict(str)
    with pymupdf.open(pdf) as document:
        assert document.page_count == len(layout.pages)
        for page, laid in zip(document, layout.pages, strict=True):
            drawn = [chr(c[0]) for span in page.get_texttrace() for c in span["chars"]]
            expected = [
                (g.ch, MERGED.get(line.element, line.element))
                for line in laid.lines
                for g in line.glyphs
            ]
            shown = drawn[: len(expected)]  # the page number follows
            assert "".join(shown) == "".join(ch for ch, _ in expected)
            for ch, (_, element) in zip(shown, expected, strict=True):
                out[element] += ch
    return {element: _squeeze(text) for element, text in out.items()}


def docx_texts(docx: Path) -> dict[Element, str]:
    """The DOCX's text by the element of each paragraph's style, in document order."""
    with zipfile.ZipFile(docx) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    out: dict[Element, str] = defaultdict(str)
    for p in root.iter(f"{W}p"):
        if any(a.tag == MC_FALLBACK for a in p.iterancestors()):
            continue  # the fallback copy of a text box
        style = p.find(f"{W}pPr/{W}pStyle")
        element = STYLE_ELEMENT.get(style.get(f"{W}val") if style is not None else "Normal")
        own = [t for t in p.iter(f"{W}t") if next(t.iterancestors(f"{W}p")) is p]
        text = "".join(t.text or "" for t in own)
        if element and text.strip():
            out[element] += text
    return {element: _squeeze(text) for element, text in out.items()}


def _compare(pdf: dict[Element, str], docx: dict[Element, str]) -> list[str]:
    faults = []
    for element in sorted(set(pdf) | set(docx)):
        a, b = pdf.get(element, ""), docx.get(element, "")
        same = Counter(a) == Counter(b) if element in UNORDERED else a == b
        if not same:
            faults.append(f"{element}: PDF {a[:80]!r} ≠ DOCX {b[:80]!r}")
    return faults


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda p: p.stem)
def test_the_pdf_and_the_docx_print_the_same_text(spec: Path, tmp_path: Path) -> None:
    pdf, docx = build(spec, BuildOptions(out_dir=tmp_path)).files
    pdf_text, docx_text = pdf_texts(spec, pdf), docx_texts(docx)
    assert pdf_text.get(Element.BODY) or pdf_text.get(Element.TITLE)
    assert _compare(pdf_text, docx_text) == []


def test_recipients_typed_with_a_colon_get_one(tmp_path: Path) -> None:
    """`recipients: [各部门：]`: one full-width colon in both files, after the last name."""
    spec = yaml.safe_load((SPECS / "notice.yaml").read_text(encoding="utf-8"))
    spec["recipients"] = ["各区委统战部：", "各部门："]
    path = tmp_path / "colon.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    shutil.copytree(SPECS / "images", tmp_path / "images")
    pdf, docx = build(path, BuildOptions(out_dir=tmp_path)).files
    pdf_text, docx_text = pdf_texts(path, pdf), docx_texts(docx)
    assert pdf_text[Element.RECIPIENTS] == docx_text[Element.RECIPIENTS] == "各区委统战部、各部门："
    assert _compare(pdf_text, docx_text) == []
