"""Nothing the user wrote is dropped: random bodies come out character for character."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen.build import BuildOptions, build
from tests.conftest import squeeze
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
        folder = Path(tmp)
        spec = {
            "kind": "通知",
            "title": "关于测试的通知",
            "issuer": "测试机关",
            "date": "2021-07-01",
            "body": {"opening": paragraphs},
        }
        path = folder / "random.yaml"
        path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
        pdf = build(path, BuildOptions(out_dir=folder, formats=("pdf",))).files[0]
        body = [ln.text for ln in lines(pdf) if ln.chars[0].size == 16]
        text = squeeze("".join(body)).removesuffix("测试机关2021年7月1日")
        assert text == squeeze("".join(p.strip() for p in paragraphs))
