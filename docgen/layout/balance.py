"""Choosing a paragraph's line breaks as a compositor would (issue 13).

Greedy filling — what Word and LibreOffice do — sometimes leaves a line with too much
space to spread (a long number or word went to the next line: 7–9 mm pitches were
measured) or a paragraph ending in one character.  Here the breaks of the whole paragraph
are chosen together: a line may give its last unit to the next line (推入) when that keeps
every line's spread within ``max_spread`` a gap and the last line longer than one
character.  Where greedy filling meets both, it is kept; where no choice meets them, the
caller falls back to it.  Lines are never filled beyond what fits, so a word processor
can be made to break the same way by spacing out the line's characters (``loosened``).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence

from docgen.layout.linebreak import Item, held, in_word
from docgen.standard import fig, mm_to_pt
from docgen.standard.punctuation import NO_LINE_END, NO_LINE_START, UNSPLIT

MAX_SPREAD_PT = mm_to_pt(fig("max_spread"))
_NOT_COUNTED = NO_LINE_START | NO_LINE_END | UNSPLIT | {" "}


class Measure:
    """Prefix sums over a paragraph's items, for widths of any range in constant time."""

    def __init__(self, items: Sequence[Item], spacing: float, tracking: float) -> None:
        self.items = items
        self.spacing, self.tracking = spacing, tracking
        self.fit_ends = [0.0, *itertools.accumulate(i.advance + i.after + spacing for i in items)]
        self.ends = [0.0, *itertools.accumulate(i.advance + i.after for i in items)]
        gaps = [not in_word(a.ch, b.ch) for a, b in itertools.pairwise(items)]
        self.stretch = [0, *itertools.accumulate(gaps)]
        counted = [i.ch not in _NOT_COUNTED for i in items]
        self.counted = [0, *itertools.accumulate(counted)]

    def used(self, a: int, b: int) -> float:
        """A line from ``a`` to ``b`` as word processors measure it (linebreak.break_lines)."""
        used = self.fit_ends[b] - self.fit_ends[a] - self.items[b - 1].after
        return used + held(self.items, b, self.spacing)

    def fits(self, a: int, b: int, width: float) -> bool:
        return self.used(a, b) <= width + 1e-6

    def trimmed(self, a: int, b: int) -> tuple[int, int]:
        while a < b and self.items[a].ch == " ":
            a += 1
        while b > a and self.items[b - 1].ch == " ":
            b -= 1
        return a, b

    def spread(self, a: int, b: int, width: float) -> float:
        """Extra space a gap when ``a:b`` is justified to ``width`` (0: nothing to spread)."""
        a, b = self.trimmed(a, b)
        if b - a < 2:  # one character cannot be justified: a full line of it is refused
            return math.inf
        natural = self.ends[b] - self.ends[a] - self.items[b - 1].after
        natural += self.tracking * (b - a - 1)
        gaps = self.stretch[b - 1] - self.stretch[a] or b - a - 1
        return max(width - natural, 0.0) / gaps

    def lone(self, a: int, b: int) -> bool:
        return self.counted[b] - self.counted[a] <= 1


def balanced(
    items: Sequence[Item],
    spans: Sequence[tuple[int, int]],
    widths: Callable[[int], float],
    spacing: float,
    tracking: float,
) -> list[tuple[int, int]] | None:
    """Each line's range (untrimmed), or None where no choice keeps the limits."""
    if not items:
        return None
    m = Measure(items, spacing, tracking)
    bounds = [a for a, _ in spans] + [len(items)]
    if any(not m.fits(a, b, widths(1)) for a, b in spans):
        return None  # a unit longer than a line: only greedy filling splits it
    for avoid_lone in (True, False):
        lines = _choose(m, bounds, widths, avoid_lone)
        if lines is not None:
            return lines
    return None


def _choose(
    m: Measure, bounds: list[int], widths: Callable[[int], float], avoid_lone: bool
) -> list[tuple[int, int]] | None:
    last = len(bounds) - 1
    inf = math.inf

    def ok(k: int, k1: int, width: float) -> bool:
        a, b = bounds[k], bounds[k1]
        if k1 == last:  # the last line: not justified; not one character (unless alone)
            return not (avoid_lone and k > 0 and m.lone(*m.trimmed(a, b)))
        return m.spread(a, b, width) <= MAX_SPREAD_PT + 1e-9

    def candidates(k: int, width: float) -> list[int]:
        out = []
        for k1 in range(k + 1, last + 1):
            if not m.fits(bounds[k], bounds[k1], width):
                break
            out.append(k1)
        return out

    # rest[k]: fewest lines that set bounds[k]: as lines after the first
    rest = [inf] * (last + 1)
    rest[last] = 0
    full = widths(1)
    for k in range(last - 1, -1, -1):
        for k1 in candidates(k, full):
            if rest[k1] + 1 < rest[k] and ok(k, k1, full):
                rest[k] = rest[k1] + 1
    first = widths(0)
    total = min((rest[k1] + 1 for k1 in candidates(0, first) if ok(0, k1, first)), default=inf)
    if total == inf:
        return None
    lines, k, need = [], 0, total
    while k < last:
        width = first if not lines else full
        k1 = max(k1 for k1 in candidates(k, width) if ok(k, k1, width) and rest[k1] == need - 1)
        lines.append((bounds[k], bounds[k1]))
        k, need = k1, need - 1
    return lines


# A loosened line keeps this much room: word processors measure a little differently.
_LOOSEN_MARGIN_PT = 0.5


def loosened(
    items: Sequence[Item],
    spans: Sequence[tuple[int, int]],
    lines: Sequence[tuple[int, int]],
    widths: Callable[[int], float],
    spacing: float,
) -> list[tuple[int, int, int]]:
    """Character spacing (start, end, twips) that makes a word processor, filling lines
    greedily, end each line where ``lines`` does: a line that stops before a unit which
    would still fit gets its characters spaced out until that unit no longer does."""
    m = Measure(items, spacing, 0.0)
    starts = [a for a, _ in spans]
    base = round(spacing * 20)
    out = []
    for n, (a, b) in enumerate(lines[:-1]):
        width = widths(n)
        after = next((c for c in starts if c > b), None)
        if after is None or not m.fits(a, after, width):
            continue
        used = m.used(a, b)
        each = math.floor((width - used - _LOOSEN_MARGIN_PT) * 20 / (b - a))
        if each >= 1 and m.used(a, after) + each * (b - a) / 20 > width + _LOOSEN_MARGIN_PT:
            out.append((a, b, base + each))
    return out
