"""Nothing the user wrote is dropped: random bodies come out character for character, in
the PDF and in the DOCX (whose break hints — zero-width spaces, the soft hyphen of a word
broken as the last resort — are not text)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.layout.hyphenate import SOFT_HYPHEN
from docgen.layout.paragraph import ZWSP
from tests.conftest import build_notice, squeeze
from tests.pdf_support import lines

POOL = (
    "党史学习教育开展以来市委统战部认真贯彻落实中央决策部署"
    "，。、；：？！“”‘’（）《》〔〕【】——……·"
    "ABCXYZabcxyz0123456789%.-/<>&'\""
)
# Pieces real text is made of, which the line breaker treats specially (issue 13):
# addresses, numbers with units, dates, English, characters outside GB 2312.
PIECES = (
    "https://www.example.gov.cn/zwgk/2026/tz_123.html",
    "dizhi@example.gov.cn",
    "3.8万户",
    "1234.5亿元",
    "12.3%",
    "2027年1月1日",
    "〔2021〕12号",
    "Trade Facilitation Agreement",
    "GB/T 9704-2012",
    "王喆、赵堃、孙犇、刘旸",
    "㐀㑇㒳",
)
paragraph = (
    st.lists(st.one_of(st.text(alphabet=POOL + " ", max_size=40), st.sampled_from(PIECES)))
    .map("".join)
    .filter(lambda s: s.strip() and s.strip()[0] not in "，。、；：？！”’）》〕】" and len(s) < 400)
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraph, min_size=1, max_size=4))
def test_every_character_of_the_body_reaches_the_pdf_and_the_docx(paragraphs: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = build_notice(Path(tmp), "random", paragraphs)
        body = [ln.text for ln in lines(pdf) if ln.chars[0].size == 16]
        text = squeeze("".join(body)).removesuffix("测试机关2021年7月1日")
        assert text == squeeze("".join(p.strip() for p in paragraphs))
        docx = _docx_body(pdf.with_suffix(".docx"))
        hints = docx.replace(ZWSP, "").replace(SOFT_HYPHEN, "")
        assert squeeze(hints) == squeeze("".join(paragraphs))


def _docx_body(path: Path) -> str:
    """The text of the DOCX's body paragraphs between the title and the signature."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs if p.text.strip()]
    start = texts.index("关于测试的通知") + 1
    end = texts.index("测试机关")
    return "".join(texts[start:end])
