"""Chinese line breaking under stress: every rule, every character, every line justified."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.build import BuildOptions, build
from docgen.fonts.roles import Role
from docgen.layout.hyphenate import SOFT_HYPHEN, hyphen_points
from docgen.layout.linebreak import make_items, units
from docgen.standard import fig
from docgen.standard.punctuation import NO_LINE_END, NO_LINE_START
from tests.conftest import SPECS, build_notice, squeeze
from tests.pdf_support import lines
from tests.test_pdf_layout import RIGHT, assert_justified, body_lines

FILLER = "统一战线工作要求切实以强烈的思想自觉和行动自觉将党史学习教育作为一项重大政治任务"
CLUSTERS = [
    "“《中华人民共和国公务员法》”，",
    "——坚持高位推进——",
    "……",
    "2021年7月1日",
    "国办发〔2021〕12号",
    "GB/T 9704-2012",
    "12345678901234567890",
    "Microsoft Word",
    "（一）",
    "！？",
    "。”",
    "“‘学党史’”、",
    "Internationalization",
]
UNBREAKABLE = [
    "——",
    "……",
    "2021",
    "〔2021〕",
    "9704",
    "Microsoft",
    "Word",
    "12345678901234567890",
    "Internationalization",
]


def stress_paragraphs() -> list[str]:
    """Each cluster at every position of a line, twice over."""
    out = []
    for cluster in CLUSTERS:
        text = "".join(FILLER[: k % 29] + cluster for k in range(32))
        out.append("起" + text + "。")
    return out


@pytest.fixture(scope="module")
def stress_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    paragraphs = stress_paragraphs()
    return build_notice(tmp_path_factory.mktemp("stress"), "stress", paragraphs), paragraphs


def test_every_character_is_kept(stress_pdf: tuple[Path, list[str]]) -> None:
    pdf, paragraphs = stress_pdf
    body = squeeze("".join(ln.text for ln in body_lines(pdf)))
    body = re.sub(r"测试机关2021年7月1日$", "", body)
    assert body == squeeze("".join(paragraphs))


def test_no_forbidden_character_at_a_line_start_or_end(stress_pdf: tuple[Path, list[str]]) -> None:
    pdf, _ = stress_pdf
    for line in lines(pdf):
        assert line.text[0] not in NO_LINE_START, line.text
        assert line.text[-1] not in NO_LINE_END, line.text


def test_unbreakable_runs_stay_whole(stress_pdf: tuple[Path, list[str]]) -> None:
    """Numbers, 〔2021〕, —— and …… never break; an English word only as the last resort,
    at a point of its hyphenation dictionary, with a hyphen drawn (docs/typesetting.md)."""
    pdf, _ = stress_pdf
    rows = body_lines(pdf)
    for a, b in itertools.pairwise(rows):
        hyphen = a.chars[-1].c == SOFT_HYPHEN
        for word in UNBREAKABLE:
            allowed = hyphen_points(word) if hyphen else set()
            for cut in range(1, len(word)):
                head, tail = word[:cut], word[cut:]
                broken = a.text.endswith(head) and b.text.startswith(tail)
                assert not broken or cut in allowed, (word, a.text, b.text)


def test_lines_stay_justified(stress_pdf: tuple[Path, list[str]]) -> None:
    pdf, _ = stress_pdf
    body = [ln for ln in body_lines(pdf) if ln.x0 < RIGHT - 60]
    checked = 0
    for line, after in itertools.pairwise(body):
        if after.x0 < 30:  # the next line continues the paragraph: this one is full
            assert_justified(line)
            checked += 1
    assert checked > 200


def test_dates_numbers_and_addresses_break_where_chinese_text_may() -> None:
    """Stated rules (linebreak.py): digit runs, decimals, percentages and Latin words stay
    whole; a date or a number with its unit breaks between them, as Word and LibreOffice
    break it; Latin text after a slash, a hyphen or a question mark, an address also after
    . _ @ & = #."""

    def cut(text: str) -> list[str]:
        return [text[a:b] for a, b in units(text)]

    assert cut("2027年1月1日") == ["2027", "年", "1", "月", "1", "日"]
    assert cut("增长12.5%，") == ["增", "长", "12.5%，"]
    assert cut("3.8万户") == ["3.8", "万", "户"]
    assert cut("〔2021〕12号") == ["〔2021〕", "12", "号"]
    assert cut("COVID-19") == ["COVID-", "19"]
    # An address breaks after / . - _ @ ? & = # (standard/punctuation.py), never before.
    assert cut("https://www.gov.cn/zwgk/a_b.html") == [
        "https://",
        "www.",
        "gov.",
        "cn/",
        "zwgk/",
        "a_",
        "b.",
        "html",
    ]
    assert cut("dizhi@example.gov.cn") == ["dizhi@", "example.", "gov.", "cn"]
    assert cut("见dizhi@example.gov.cn。") == ["见", "dizhi@", "example.", "gov.", "cn。"]
    assert cut("ISO 9001") == ["ISO", " ", "9001"]


def test_units_glue_punctuation_to_its_neighbours() -> None:
    text = "他说：“《条例》”，好。"
    spans = [text[a:b] for a, b in units(text)]
    assert spans == ["他", "说：", "“《条", "例》”，", "好。"]


@pytest.mark.parametrize("spec", sorted(SPECS.glob("*.yaml")), ids=lambda p: p.stem)
def test_no_built_spec_breaks_a_rule(spec: Path, tmp_path: Path) -> None:
    pdf = build(spec, BuildOptions(out_dir=tmp_path, formats=("pdf",))).files[0]
    for line in lines(pdf):
        if line.chars[0].size > 22:
            continue  # the 发文机关标志 is set by hand, not broken
        assert line.text[0] not in NO_LINE_START, line.text
        assert line.text[-1] not in NO_LINE_END, line.text


# The CJK–Latin space rule as the standard practice states it: after an ideograph (CJK
# Unified Ideographs and Extension A, the compatibility block, the planes above the
# first) that a Latin letter or digit follows, and after a Latin letter or digit that an
# ideograph follows.
_IDEOGRAPH = "\u3400-\u9fff\uf900-\ufaff\U00020000-\U0010ffff"
_SPACED = re.compile(rf"[{_IDEOGRAPH}](?=[A-Za-z0-9])|[A-Za-z0-9](?=[{_IDEOGRAPH}])")
_SAMPLE = "中文字㐀鿿豈﫿𠀀𪚥aZ09 ,.-（）。、Ωé\U0001f600\ue000"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_SAMPLE, max_size=40))
def test_the_cjk_latin_space_goes_where_the_rule_says(text: str) -> None:
    def measure(text: str, roles) -> list:
        return [(role, 1.0) for role in roles]

    items = make_items(text, [Role.FANGSONG] * len(text), 16.0, measure)
    spaced = [i for i, item in enumerate(items) if item.after]
    assert spaced == [m.start() for m in _SPACED.finditer(text)]
    assert all(item.after == fig("cjk_latin_space") * 16.0 for item in items if item.after)
