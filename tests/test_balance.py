"""The line-break search's shortcuts (issue 19) choose exactly what the full search does.

``balance.balanced`` fills lines greedily where every greedy line keeps a tier's limits
(``_greedy``); else it searches first the bounds from which the paragraph can still be
set in as few lines as greedy filling takes, then every bound a line can end at from the
paragraph's start (``_choose``); and one paragraph's tiers share its sums
(``Measure.tier``).  Here each is held against the search as it was first written — a
fresh ``Measure`` per tier and the fewest lines over every bound, the latest breaks among
them — on the body paragraphs of every spec, the stress paragraphs and variations of
them, at several widths.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from functools import cache

import pytest

from docgen.build import BuildOptions, make_faces
from docgen.compose import compose
from docgen.document.model import Paragraph
from docgen.fonts.faces import Faces
from docgen.fonts.roles import Role
from docgen.layout import balance, grid
from docgen.layout.balance import Choice, Measure
from docgen.layout.linebreak import Item, make_items, units
from docgen.render import load_spec
from docgen.standard import BLOCK_WIDTH_PT, BODY_SIZE_PT, fig
from tests.stress.corpus import SPECS
from tests.test_linebreak import stress_paragraphs

PIECES = ["，", "。”", "、", "（", "）", "《", "》", "——", "……", "2021", "GB/T 9704", " ", "a"]
PIECES += ["https://www.gov.cn/zwgk/", "“", "”", "Internationalization", "3.8%", "〔2021〕"]


def _full_search(m: Measure, bounds: list[int], widths: Callable[[int], float], avoid_lone: bool):
    """The fewest lines over every bound, each break the latest that allows that."""
    last = len(bounds) - 1

    def ends(k: int, width: float) -> list[int]:
        top = balance._top(m, bounds, k, width)
        return balance._ends(m, bounds, k, top, width, avoid_lone)

    rest = [math.inf] * (last + 1)
    rest[last] = 0
    for k in range(last - 1, -1, -1):
        rest[k] = min((rest[k1] + 1 for k1 in ends(k, widths(1))), default=math.inf)
    total = min((rest[k1] + 1 for k1 in ends(0, widths(0))), default=math.inf)
    if total == math.inf:
        return None
    lines, k, need = [], 0, total
    while k < last:
        k1 = next(k1 for k1 in ends(k, widths(0 if not lines else 1)) if rest[k1] == need - 1)
        lines.append((bounds[k], bounds[k1]))
        k, need = k1, need - 1
    return lines


def _balanced(items: Sequence[Item], spans, widths, spacing: float, tracking: float):
    """``balance.balanced`` as first written: a fresh Measure and the full search a tier."""
    bounds = [a for a, _ in spans] + [len(items)]
    for avoid_lone, any_mark, expand in balance._TIERS:
        m = Measure(items, BODY_SIZE_PT, spacing, tracking, any_mark, expand=expand)
        if any(not m.fits(a, b, widths(1)) for a, b in spans):
            return None
        lines = _full_search(m, bounds, widths, avoid_lone)
        if lines is not None:
            squeezed = [i for n, (a, b) in enumerate(lines) for i in m.squeezed(a, b, widths(n))]
            return Choice(lines, sorted(squeezed), lone_tail=not avoid_lone)
    return None


@cache
def _faces() -> Faces:
    return make_faces(load_spec(SPECS[0]), BuildOptions())[0]


def _texts() -> list[str]:
    """Body paragraphs of every spec, the stress paragraphs, and variations of them:
    marks, numbers, words and addresses put in at random, the text turned around."""
    texts = stress_paragraphs()
    for spec in SPECS:
        body = compose(load_spec(spec)).body
        texts += [b.text for b in body if isinstance(b, Paragraph) and len(b.text) > 1]
    rng = random.Random(19)
    varied = []
    for text in texts:
        chars = list(text)
        for _ in range(rng.randint(1, 8)):
            at = rng.randint(0, len(chars))
            chars[at:at] = rng.choice(PIECES)
        turn = rng.randint(0, len(chars) - 1)
        varied.append("".join(chars[turn:] + chars[:turn]))
    return texts + varied


@pytest.fixture(scope="module")
def cases() -> list[tuple[str, list[Item], float, float]]:
    """(text, items, width, first line's indent): as body text, the variations also in
    narrower columns."""
    measure = _faces().measure_text
    indent = grid.indent(fig("paragraph_indent"))
    out = []
    texts = _texts()
    for n, text in enumerate(texts):
        items = make_items(text, [Role.FANGSONG] * len(text), BODY_SIZE_PT, measure)
        if n < len(texts) // 2:
            out.append((text, items, BLOCK_WIDTH_PT, indent))
        else:  # the variations: a column from a third of the body's width to all of it
            out.append((text, items, BLOCK_WIDTH_PT * (0.35 + 0.65 * (n % 11) / 10), 0.0))
    return out


def _widths(width: float, indent: float) -> Callable[[int], float]:
    return lambda n: width - (indent if n == 0 else 0.0)


def test_greedy_lines_are_the_searchs_choice(cases) -> None:
    """Wherever every greedy line keeps a tier's limits, they are the full search's
    choice in that tier; and the search over reachable bounds chooses as the full one
    (in each tier ``balanced`` tries)."""
    spacing, tracking = grid.fit_spacing(), grid.BODY_TRACKING
    greedy = searched = 0
    for text, items, width, indent in cases:
        widths = _widths(width, indent)
        bounds = [a for a, _ in units(text)] + [len(items)]
        for avoid_lone, any_mark, expand in balance._TIERS:
            m = Measure(items, BODY_SIZE_PT, spacing, tracking, any_mark, expand=expand)
            full = _full_search(m, bounds, widths, avoid_lone)
            lines = balance._greedy(balance._Tier(m, bounds, widths, avoid_lone))
            if lines is not None:
                assert lines == full, text
                greedy += 1
            else:
                assert balance._choose(balance._Tier(m, bounds, widths, avoid_lone)) == full, text
                searched += full is not None
            if full is not None:
                break  # the tiers after it are not tried
    print(f"{greedy} greedy, {searched} searched")
    assert greedy > searched > 20  # both ways are taken, greedy filling the most


def test_paragraphs_break_as_the_full_search_breaks(cases) -> None:
    """``balanced`` (its measures shared between tiers) chooses as the full search does
    with a fresh measure each tier."""
    spacing, tracking = grid.fit_spacing(), grid.BODY_TRACKING
    chosen = 0
    for text, items, width, indent in cases:
        widths = _widths(width, indent)
        spans = units(text)
        expected = _balanced(items, spans, widths, spacing, tracking)
        assert balance.balanced(items, BODY_SIZE_PT, spans, widths, spacing, tracking) == expected
        chosen += expected is not None
    assert chosen > len(cases) // 2


def test_zero_width_glyphs_take_the_full_search() -> None:
    """Where a glyph of no width meets a negative spacing, units taken from a line's
    start may widen it: the shortcuts do not hold, and are not taken."""

    def measure(text: str, roles: Sequence[Role]) -> list[tuple[Role, float]]:
        return [
            (role, 0.0 if ch == "\u0301" else 1.0) for ch, role in zip(text, roles, strict=True)
        ]

    spacing, tracking = grid.fit_spacing(), grid.BODY_TRACKING
    assert spacing < 0
    text = "".join(f"{c}\u0301" if n % 3 else c for n, c in enumerate(stress_paragraphs()[0]))
    items = make_items(text, [Role.FANGSONG] * len(text), BODY_SIZE_PT, measure)
    assert not Measure(items, BODY_SIZE_PT, spacing, tracking).steady
    for width in (BLOCK_WIDTH_PT, BLOCK_WIDTH_PT / 3):
        widths, spans = _widths(width, 32.0), units(text)
        expected = _balanced(items, spans, widths, spacing, tracking)
        assert balance.balanced(items, BODY_SIZE_PT, spans, widths, spacing, tracking) == expected
