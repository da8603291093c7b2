"""Title lines (§7.3.1): the dynamic programme finds the split an exhaustive search finds,
for any length, and a title without a word boundary that fits still breaks."""

from __future__ import annotations

import itertools
import math
import random
from fractions import Fraction

from docgen.layout.title import break_title, word_boundaries
from tests.conftest import SEED


def _width(text: str) -> Fraction:
    return sum((Fraction(1, 2) if ch.isascii() else Fraction(1) for ch in text), Fraction(0))


def _exhaustive(text: str, most: int) -> tuple[str, ...]:
    """Every combination of word boundaries, in exact arithmetic; the earliest of equals."""
    if _width(text) <= most:
        return (text,)
    cuts = word_boundaries(text)
    lines = math.ceil(_width(text) / most)
    while True:
        best = None
        for chosen in itertools.combinations(cuts, lines - 1):
            edges = [0, *chosen, len(text)]
            widths = [_width(text[a:b]) for a, b in itertools.pairwise(edges)]
            if max(widths) > most:
                continue
            mean = sum(widths) / len(widths)
            shape = max(0, widths[0] - widths[1])
            if len(widths) > 2:
                shape += max(0, widths[-1] - widths[-2])
            cost = sum((w - mean) ** 2 for w in widths) + 4 * shape
            if best is None or cost < best[0]:
                best = (cost, edges)
        if best:
            return tuple(text[a:b] for a, b in itertools.pairwise(best[1]))
        lines += 1


def _samples() -> list[str]:
    text = "".join(SEED.read_text(encoding="utf-8").split()) if SEED.exists() else ""
    text = text or "关于开展2021年度统一战线理论政策学习培训的通知" * 20
    rng = random.Random(9704)
    return [text[i : i + rng.randint(21, 48)] for i in rng.sample(range(len(text) - 60), 150)]


def test_the_split_is_the_one_an_exhaustive_search_finds() -> None:
    for title in _samples():
        assert break_title(title, 20) == (_exhaustive(title, 20), False), title


def test_a_long_title_breaks_into_lines_that_fit() -> None:
    title = "关于" + "加强和改进新时代统一战线工作的若干意见" * 10 + "的通知"
    lines, forced = break_title(title, 20)
    assert "".join(lines) == title and not forced
    assert len(lines) <= math.ceil(len(title) / 20) + 1  # words kept whole may cost a line
    assert all(len(line) <= 20 for line in lines)


def test_a_title_without_a_word_boundary_breaks_where_it_must() -> None:
    for title in ("1" * 80, "https://www.example.gov.cn/" + "a" * 60, "A" * 42 + "关于"):
        lines, forced = break_title(title, 20)
        assert forced and "".join(lines) == title
        assert all(_width(line) <= 20 for line in lines)


def test_no_title_line_ends_with_an_opening_mark_or_starts_with_a_closing_one() -> None:
    """GB/T 15834 §5.1 holds in titles too: 《 stays with the name it opens (a 议案's title
    broke after 《 when word boundaries came from the word list alone)."""
    title = "××市人民政府关于提请审议《××市××条例（草案）》的议案"
    lines, _ = break_title(title, 22)
    assert len(lines) == 2 and "".join(lines) == title
    assert not lines[0].endswith(("《", "（", "“")) and not lines[1].startswith(("》", "）"))
    for text in _samples():
        for line in break_title(text, 22)[0][1:]:
            assert line[0] not in "，。、；：）》”", (text, line)
