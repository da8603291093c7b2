"""Nothing the user wrote is dropped: random bodies come out character for character."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import build_notice, squeeze
from tests.pdf_support import lines

POOL = (
    "党史学习教育开展以来市委统战部认真贯彻落实中央决策部署"
    "，。、；：？！“”‘’（）《》〔〕【】——……·"
    "ABCXYZabcxyz0123456789%.-/<>&'\""
)
paragraph = st.text(alphabet=POOL + " ", min_size=1, max_size=160).filter(
    lambda s: s.strip() and s.strip()[0] not in "，。、；：？！”’）》〕】"
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(paragraph, min_size=1, max_size=4))
def test_every_character_of_the_body_reaches_the_pdf(paragraphs: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        pdf = build_notice(Path(tmp), "random", paragraphs)
        body = [ln.text for ln in lines(pdf) if ln.chars[0].size == 16]
        text = squeeze("".join(body)).removesuffix("测试机关2021年7月1日")
        assert text == squeeze("".join(p.strip() for p in paragraphs))
