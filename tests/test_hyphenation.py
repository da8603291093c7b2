"""English words broken with a hyphen: the last resort before a line is spread too far
(docs/typesetting.md), in the PDF, in the DOCX and in LibreOffice's rendering of it."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pymupdf
import pytest

from docgen.layout.hyphenate import SOFT_HYPHEN, hyphen_points
from tests.conftest import build_notice
from tests.lo_support import require_soffice

# A first line that must end before "Agreement" is spread beyond the limit unless the
# word breaks: no mark on it to squeeze, no earlier line to shift the word.  (The stress
# corpus's 根据WTO《贸易便利化协定》（Trade Facilitation Agreement）… needed the hyphen too,
# until the brackets before the words could take half an em: docs/typesetting.md.)
LOOSE = (
    "依据世界贸易组织贸易便利化协定Trade Facilitation Agreement及我国有关规定，展期内销售的"
    "进口展品在每个展商5万美元限额内免征进口关税、进口环节增值税和消费税。"
)
# The same words in a paragraph that sets within the limits: nothing is broken.
TIGHT = "我们参考了Trade Facilitation Agreement的有关条款，结合实际提出以下意见。"


def _words_split(text: str) -> list[str]:
    return [text[:p].split()[-1] + "|" + text[p:].split()[0] for p in sorted(hyphen_points(text))]


def test_points_come_from_the_dictionary_and_keep_two_and_three_letters() -> None:
    points = _words_split("Trade Facilitation Agreement")
    assert "Agree|ment" in points
    for split in points:
        head, tail = split.split("|")
        assert len(re.findall("[A-Za-z]", head.split("(")[-1])) >= 2
        assert len(re.match("[A-Za-z]*", tail).group()) >= 3


@pytest.mark.parametrize(
    "text",
    [
        "WTO",
        "COVID-19",
        "ISO9001",
        "Expo",
        "CIIE",
        "2026年",
        "https://www.example.gov.cn/zwgk/standards",
        "dizhi@example.gov.cn",
        "report_final.docx",
        "Agreement-based",
    ],
)
def test_capitals_short_words_numbers_and_addresses_are_never_broken(text: str) -> None:
    assert not hyphen_points(text)


def _pdf_rows(pdf: Path) -> list[str]:
    rows = []
    with pymupdf.open(pdf) as doc:
        for page in doc:
            for block in page.get_text("rawdict")["blocks"]:
                for line in block.get("lines", []):
                    rows.append("".join(c["c"] for s in line["spans"] for c in s["chars"]))
    return rows


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hyphen")
    return build_notice(folder, "hyphen", [LOOSE, TIGHT])


def test_the_pdf_breaks_the_word_with_a_hyphen_only_where_it_must(built: Path) -> None:
    rows = _pdf_rows(built)
    broken = [r for r in rows if r.endswith(SOFT_HYPHEN)]
    assert len(broken) == 1 and broken[0].endswith("Agree" + SOFT_HYPHEN), rows
    after = rows[rows.index(broken[0]) + 1]
    assert after.replace(" ", "").startswith("ment及"), after
    # the paragraph that sets within the limits keeps its words whole
    assert any("TradeFacilitationAgreement" in r.replace(" ", "") for r in rows)


def test_the_docx_offers_that_break_and_no_other(built: Path) -> None:
    with zipfile.ZipFile(built.with_suffix(".docx")) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    text = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
    assert text.count(SOFT_HYPHEN) == 1
    assert "Agree" + SOFT_HYPHEN + "ment" in text


def test_libreoffice_breaks_the_word_where_the_pdf_does(built: Path, tmp_path: Path) -> None:
    require_soffice()
    from docgen.fonts.fontconfig import write_fontconfig
    from docgen.fonts.resolve import BUNDLED_DIR
    from docgen.libreoffice import convert_to_pdf

    conf = write_fontconfig(tmp_path / "fontconfig", [BUNDLED_DIR])
    pdf = convert_to_pdf(built.with_suffix(".docx"), tmp_path, fontconfig=conf)
    rows = _pdf_rows(pdf)
    broken = [r for r in rows if r.endswith("Agree-")]
    assert len(broken) == 1, rows
    assert rows[rows.index(broken[0]) + 1].replace(" ", "").startswith("ment及")
