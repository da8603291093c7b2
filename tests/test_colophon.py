"""Issue 6: where the 版记 goes, with and without double-sided printing (§7.4, §7.5)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from docgen.build import BuildOptions, build
from docgen.standard import LINE_PITCH_PT, MM_PER_PT, fig
from tests.pdf_support import lines, page_count, rules

BOTTOM = fig("margin_top") + fig("block_height")
ROW = LINE_PITCH_PT * MM_PER_PT

FILLER = "为深入贯彻落实有关工作部署要求切实加强统筹协调推动各项工作落实"  # 30 characters


def _spec(folder: Path, paragraphs: int, double_sided: bool = True) -> Path:
    spec = {
        "kind": "通知",
        "title": "关于版记位置测试的通知",
        "issuer": "测试机关",
        "date": "2021-07-01",
        "double_sided": double_sided,
        "body": {"opening": [FILLER[:26]] * paragraphs},  # one full line each
        "cc": ["某某单位"],
        "printer": "测试机关办公室",
        "print_date": "2021-07-02",
    }
    path = folder / f"colophon-{paragraphs}-{int(double_sided)}.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True), encoding="utf-8")
    return path


def _pages(pdf: Path) -> list[dict[str, object]]:
    """Per page: its texts (without the page number), its page number text, its rules."""
    found = lines(pdf)
    out = []
    for page in range(page_count(pdf)):
        texts = [ln.text for ln in found if ln.page == page]
        numbers = [t for t in texts if t.startswith("—") and t.endswith("—")]
        body = [t for t in texts if t not in numbers]
        bottoms = [ln.chars[0].em_bottom for ln in found if ln.page == page and ln.text in body]
        out.append(
            {
                "texts": body,
                "bottom": max(bottoms, default=0.0),
                "number": numbers[0] if numbers else None,
                "colophon": any(t.endswith("印发") for t in body),
                "rules": [r for r in rules(pdf) if r.page == page],
            }
        )
    return out


@pytest.fixture(scope="module")
def layouts(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[int, bool], list[dict]]:
    """Body lengths from one to three pages, double-sided and not."""
    folder = tmp_path_factory.mktemp("colophon")
    out = {}
    for double_sided in (True, False):
        for n in range(16, 46):
            pdf = build(
                _spec(folder, n, double_sided), BuildOptions(out_dir=folder, formats=("pdf",))
            ).files[0]
            out[(n, double_sided)] = _pages(pdf)
    return out


def _content(page: dict) -> bool:
    return any(not t.endswith("印发") and not t.startswith("抄送") for t in page["texts"])


def test_a_body_ending_on_an_even_page_with_room(layouts: dict) -> None:
    cases = [p for (n, ds), p in layouts.items() if ds and _content(p[-1])]
    assert cases, "some length ends on an even page with room"
    for pages in cases:
        assert len(pages) % 2 == 0
        assert pages[-1]["colophon"] and pages[-1]["number"] == f"—{len(pages)}—"


def test_b_body_ending_on_an_odd_page(layouts: dict) -> None:
    cases = [p for (n, ds), p in layouts.items() if ds and not _content(p[-1]) and p[-2]["texts"]]
    assert cases, "some length ends on an odd page"
    for pages in cases:
        assert len(pages) % 2 == 0 and _content(pages[-2])
        assert pages[-1]["colophon"], "the 版记 alone on the next, even page"
        assert pages[-1]["number"] == f"—{len(pages)}—", "no blank page before it: numbered"


def test_c_body_filling_an_even_page(layouts: dict) -> None:
    cases = [p for (n, ds), p in layouts.items() if ds and not p[-2]["texts"]]
    assert cases, "some length fills an even page"
    for pages in cases:
        assert len(pages) % 2 == 0 and _content(pages[-3])
        blank, last = pages[-2], pages[-1]
        assert blank["texts"] == [] and blank["number"] is None and blank["rules"] == []
        assert last["colophon"] and last["number"] is None, "no number after a blank page"


def test_single_sided_puts_the_colophon_on_the_last_page_with_room(layouts: dict) -> None:
    for (_, ds), pages in layouts.items():
        if ds:
            continue
        assert all(p["texts"] for p in pages), "no blank pages"
        last = pages[-1]
        assert last["colophon"]
        if not _content(last):  # alone only when the page before had no room for 2 rows
            colophon_top = BOTTOM - 2 * ROW
            assert pages[-2]["bottom"] > colophon_top


def test_signature_and_date_never_stand_alone(layouts: dict) -> None:
    """§7.3.5.5: the 署名 and 成文日期 share their page with body text."""
    for pages in layouts.values():
        page = next(p for p in pages if "2021年7月1日" in p["texts"])
        assert any(t.startswith(FILLER[:6]) for t in page["texts"]), page["texts"]
