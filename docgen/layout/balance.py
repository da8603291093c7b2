"""Choosing a paragraph's line breaks as a compositor would (issue 13).

Greedy filling — what Word and LibreOffice do — sometimes leaves a line with too much
space to spread (a long number or word went to the next line: 7–9 mm pitches were
measured) or a paragraph ending in one character.  Here the breaks of the whole paragraph
are chosen together, in the order W3C clreq gives: a line may hold one more unit by
setting punctuation in half an em (标点挤压: its last character, or the first of two in a
row), or give its last unit to the next line (推入); it is spread only within
``max_spread`` a gap — where nothing else avoids it, after its 西文词距 and 中西间距 have
widened to half an em (clreq's order of expansion) and any mark on it, opening brackets
too, may be squeezed — and the paragraph's last line keeps more than one character.  The
latest breaks that meet these are taken, so greedy filling is kept wherever it meets
them; where no choice does, the caller falls back to the last resorts.

A word processor is made to break the same way by the DOCX: squeezed punctuation at half
width (``squeezed``), and a line ended before a unit that would still fit spaced out
until it does not (``loosened``).
"""

from __future__ import annotations

import bisect
import itertools
import math
import unicodedata
from collections.abc import Callable, Mapping, Sequence

from msgspec import Struct
from msgspec.structs import replace

from docgen.layout.linebreak import Item, expansion, held, in_word
from docgen.standard import fig, mm_to_pt
from docgen.standard.punctuation import NO_LINE_END, NO_LINE_START, SQUEEZABLE, UNSPLIT

MAX_SPREAD_PT = mm_to_pt(fig("max_spread"))
_NOT_COUNTED = NO_LINE_END | NO_LINE_START | UNSPLIT | {" "}
_MARGIN_PT = 0.25  # word processors' rounding
# The last resort's costs (pt², against the square of what a line spreads beyond the
# limit): a hyphen or a mid-line squeeze is taken only where it takes a spread down.
_HYPHEN_COST = 0.1
_SQUEEZE_COST = 0.1  # a mark squeezed mid-line, outside clreq's first choices
_OVER_COST = 10.0  # a line spread beyond the limit: as few of them as can be
# Opening brackets and 书名号 draw their ink in the em's right half (every bundled face,
# measured: from 0.52 em on), so the empty left half may go mid-line (clreq §3.8,
# "Procedures for inter-character spacing reduction", step 4): only where squeezing any
# mark on a line is allowed, never as clreq's first choices.
OPENING = frozenset("（［｛〔〖【《〈「『")


def _cut(item: Item, size: float) -> float:
    """What ``item`` loses when squeezed: half its em, if it is full-width punctuation."""
    squeezable = item.ch in SQUEEZABLE or item.ch in OPENING
    return item.advance / 2 if squeezable and item.advance > 0.9 * size else 0.0


def _room_before(items: Sequence[Item], k: int, cut: float) -> bool:
    """Whether the opening mark ``items[k]`` may be drawn ``cut`` to the left: only after
    a glyph wider than that which is not itself a mark that may be squeezed, so that the
    glyphs' origins stay in reading order (text extraction and search order them so)."""
    if k == 0:
        return False
    before = items[k - 1]
    if before.ch in SQUEEZABLE or before.ch in OPENING or before.ch == " ":
        return False
    return before.advance + before.after > cut + 1.0


def _portion(item: Item) -> tuple[object, ...]:
    ch = item.ch
    if not ch.isascii() and unicodedata.east_asian_width(ch) == "A":
        return (ch,)  # “ ” — …: a run of their own in the DOCX (writers/docx/text.py)
    return (item.role, ch.isascii())


class Measure:
    """Prefix sums over a paragraph's items, for widths of any range in constant time."""

    def __init__(
        self,
        items: Sequence[Item],
        size: float,
        spacing: float,
        tracking: float,
        any_mark: bool = False,
        hyphens: Mapping[int, float] | None = None,
        expand: bool = True,
    ) -> None:
        self.items = items
        self.expand = expand  # judge a line's spread in clreq's order, else evenly
        self.hyphens = hyphens or {}  # a break there adds a hyphen this wide (points)
        self.spacing, self.tracking = spacing, tracking
        self.fit_ends = [0.0, *itertools.accumulate(i.advance + i.after + spacing for i in items)]
        self.ends = [0.0, *itertools.accumulate(i.advance + i.after for i in items)]
        gaps = [not in_word(a.ch, b.ch) for a, b in itertools.pairwise(items)]
        self.stretch = [0, *itertools.accumulate(gaps)]
        # justification widens 西文词距 and 中西间距 first (linebreak.spreads): their room,
        # and the gaps left to spread evenly after them
        kinds = [
            expansion(items, k, size, tracking) if g else (False, 0.0) for k, g in enumerate(gaps)
        ]
        self.room = [0.0, *itertools.accumulate(cap for _, cap in kinds)]
        plain = [g and not special for g, (special, _) in zip(gaps, kinds, strict=True)]
        self.plain = [0, *itertools.accumulate(plain)]
        counted = [i.ch not in _NOT_COUNTED for i in items]
        self.counted = [0, *itertools.accumulate(counted)]
        self.cut = [_cut(i, size) for i in items]
        for k, item in enumerate(items):  # an opening mark's origin stays after the last's
            if self.cut[k] and item.ch in OPENING and not _room_before(items, k, self.cut[k]):
                self.cut[k] = 0.0
        # A squeezed mark is a run of its own in the DOCX, and LibreOffice applies no
        # character spacing after a run's last character (measured): what squeezing saves
        # is counted less that, so that LibreOffice fits what the layout fits.
        self.fit_cut = [max(c - 2 * abs(spacing), 0.0) if c else 0.0 for c in self.cut]
        closing = [
            c if i.ch not in OPENING else 0.0 for c, i in zip(self.fit_cut, items, strict=True)
        ]
        self.end_cut = closing  # a line's last mark: never an opening one (it is glued on)
        # the first of two closing marks in a row may be squeezed anywhere on a line; with
        # ``any_mark`` (the step before the last resort) any squeezable mark may
        nxt = [*closing[1:], 0.0]
        self.pair = [
            f if (c and n) or (f and any_mark) else 0.0
            for f, c, n in zip(self.fit_cut, closing, nxt, strict=True)
        ]
        self.pair_ends = [0.0, *itertools.accumulate(self.pair)]
        # widths with every mark squeezed, nondecreasing: a bound to search line ends in
        self.tight_ends = [
            e - c
            for e, c in zip(self.fit_ends, [0.0, *itertools.accumulate(self.cut)], strict=True)
        ]
        self.size = size
        # LibreOffice sets a paragraph in portions (a change of face or script, a mark it
        # may set in the Latin face) and applies no spacing after a portion's last character
        keys = [_portion(i) for i in items]
        changes = [a != b for a, b in itertools.pairwise(keys)]
        self.portions = [0, 0, *itertools.accumulate(changes)]

    def furthest(self, bounds: Sequence[int], k: int, width: float) -> int:
        """The last of ``bounds`` a line from ``bounds[k]`` could reach with every mark on
        it squeezed: no line end beyond it fits (a bound for the search, by bisection)."""
        a = bounds[k]
        reach = self.tight_ends[a] + width + self.size + 1e-6
        b = bisect.bisect_right(self.tight_ends, reach) - 1
        return max(bisect.bisect_right(bounds, b) - 1, k)

    def used(self, a: int, b: int) -> float:
        """A line from ``a`` to ``b`` as word processors measure it (linebreak.break_lines)."""
        used = self.fit_ends[b] - self.fit_ends[a] - self.items[b - 1].after
        if b in self.hyphens:
            used += self.hyphens[b] + self.spacing
        return used + held(self.items, b, self.spacing)

    def trimmed(self, a: int, b: int) -> tuple[int, int]:
        while a < b and self.items[a].ch == " ":
            a += 1
        while b > a and self.items[b - 1].ch == " ":
            b -= 1
        return a, b

    def shrink(self, a: int, b: int) -> float:
        """The most squeezing can take from the line ``a:b``."""
        a, b = self.trimmed(a, b)
        if b <= a:
            return 0.0
        return self.pair_ends[b - 1] - self.pair_ends[a] + self.end_cut[b - 1]

    def _portion_cost(self, a: int, b: int) -> float:
        """What LibreOffice adds to ``a:b`` for its portions, plus its rounding."""
        return abs(self.spacing) * (self.portions[b] - self.portions[a + 1]) + _MARGIN_PT

    def fits(self, a: int, b: int, width: float) -> bool:
        used = self.used(a, b)
        if used <= width + 1e-6:
            return True  # as greedy filling fits it: word processors agree (measured)
        return used - self.shrink(a, b) + self._portion_cost(a, b) <= width + 1e-6

    def squeezed(self, a: int, b: int, width: float) -> list[int]:
        """The marks to squeeze for ``a:b`` to fit: its last first, then pairs (or any
        closing mark) from the end, then opening marks from the end."""
        over = self.used(a, b) - width
        if over <= 1e-6:
            return []
        over += self._portion_cost(a, b)
        a, b = self.trimmed(a, b)
        out: list[int] = []
        if b > a and self.end_cut[b - 1]:
            out.append(b - 1)
            over -= self.end_cut[b - 1]
        for opening in (False, True):
            for i in range(b - 2, a - 1, -1):
                if over <= 1e-6:
                    return out
                if self.pair[i] and (self.items[i].ch in OPENING) == opening:
                    out.append(i)
                    over -= self.pair[i]
        return out

    def spread(self, a: int, b: int, width: float) -> float:
        """Extra space a gap between characters when ``a:b`` (squeezed as it must be) is
        justified to ``width``, after its 西文词距 and 中西间距 have widened to half an em
        (linebreak.spreads)."""
        squeezed = sum(self.cut[i] for i in self.squeezed(a, b, width))
        a, b = self.trimmed(a, b)
        if b - a < 2:  # one character cannot be justified: a full line of it is refused
            return math.inf
        natural = self.ends[b] - self.ends[a] - self.items[b - 1].after - squeezed
        natural += self.tracking * (b - a - 1)
        if b in self.hyphens:
            natural += self.hyphens[b] + self.tracking
        spare = max(width - natural, 0.0)
        stretch = self.stretch[b - 1] - self.stretch[a]
        if not stretch:  # one long word: it spreads, as nothing else can
            return spare / (b - a - 1)
        if not self.expand:
            return spare / stretch
        rest = spare - (self.room[b - 1] - self.room[a])
        if rest <= 0:
            return 0.0
        return rest / (self.plain[b - 1] - self.plain[a] or stretch)

    def lone(self, a: int, b: int) -> bool:
        return self.counted[b] - self.counted[a] <= 1


class Choice(Struct):
    """A paragraph's lines (ranges of items, untrimmed) and the marks squeezed on them;
    ``lone_tail``: no choice within the limits avoids a last line of one character."""

    lines: list[tuple[int, int]]
    squeezed: list[int]
    lone_tail: bool = False
    spread: bool = False  # some line is spread beyond max_spread: no choice avoids it


# The choices :func:`balanced` tries, in order: (no lone last character, any squeezable
# mark mid-line, lines judged with 西文词距 and 中西间距 widened first).  Judging lines evenly
# first is the stricter test, and keeps the settings greedy filling met it with.
_TIERS = [
    (avoid_lone, any_mark, expand)
    for avoid_lone in (True, False)
    for expand in (False, True)
    for any_mark in (False, True)
]


def balanced(
    items: Sequence[Item],
    size: float,
    spans: Sequence[tuple[int, int]],
    widths: Callable[[int], float],
    spacing: float,
    tracking: float,
) -> Choice | None:
    """The paragraph's lines, or None where no choice keeps the limits."""
    if not items:
        return None
    bounds = [a for a, _ in spans] + [len(items)]
    # In order (_TIERS): the marks clreq squeezes first (a line's last, the first of a
    # pair), then any squeezable mark on the line (clreq §3.1.6 lets justification
    # compress them), lines judged with their space spread evenly; then both again with
    # lines judged in clreq's order (西文词距 and 中西间距 first); a lone last character is
    # accepted only when none of these avoids it.
    for avoid_lone, any_mark, expand in _TIERS:
        m = Measure(items, size, spacing, tracking, any_mark, expand=expand)
        if any(not m.fits(a, b, widths(1)) for a, b in spans):
            return None  # a unit longer than a line: only greedy filling splits it
        lines = _choose(m, bounds, widths, avoid_lone)
        if lines is not None:
            squeezed = [i for n, (a, b) in enumerate(lines) for i in m.squeezed(a, b, widths(n))]
            return Choice(lines, sorted(squeezed), lone_tail=not avoid_lone)
    return None


def least_spread(
    items: Sequence[Item],
    size: float,
    spans: Sequence[tuple[int, int]],
    widths: Callable[[int], float],
    spacing: float,
    tracking: float,
    hyphens: Mapping[int, float] | None = None,
) -> Choice | None:
    """The last resort, where :func:`balanced` finds no choice: as few lines spread beyond
    ``max_spread`` as can be, then as little (the sum of the squares of what each goes
    beyond it), English words broken at ``hyphens`` (position → the hyphen's width;
    ``spans`` are cut there) and marks squeezed mid-line only where that spreads less —
    so that one unavoidable line does not make its whole paragraph fall back to greedy
    filling (:func:`_line_cost`)."""
    if not items:
        return None
    m = Measure(items, size, spacing, tracking, any_mark=True, hyphens=hyphens)
    plain = Measure(items, size, spacing, tracking)  # clreq's squeezing only
    bounds = [a for a, _ in spans] + [len(items)]
    if any(not m.fits(a, b, widths(1)) for a, b in spans):
        return None
    last = len(bounds) - 1
    # best[k]: (cost, lines) of setting bounds[k]: as lines after the first; nxt: its break
    best: list[tuple[float, int]] = [(math.inf, 0)] * (last + 1)
    best[last] = (0.0, 0)
    nxt = [last] * (last + 1)
    first, full = widths(0), widths(1)
    for k in range(last - 1, -1, -1):
        width = first if k == 0 else full
        for k1 in range(k + 1, last + 1):
            a, b = bounds[k], bounds[k1]
            if not m.fits(a, b, width):
                break
            if k1 == last:
                cost = 0.0 if k == 0 or not m.lone(*m.trimmed(a, b)) else 1e6
            else:
                cost = _line_cost(m, plain, a, b, width)
            total = (cost + best[k1][0], best[k1][1] + 1)
            if total <= best[k]:  # the latest of equals: greedy filling where it does
                best[k], nxt[k] = total, k1
    lines, k = [], 0
    while k < last:
        lines.append((bounds[k], bounds[nxt[k]]))
        k = nxt[k]
    squeezed = [i for n, (a, b) in enumerate(lines) for i in m.squeezed(a, b, widths(n))]
    return Choice(lines, sorted(squeezed), spread=best[0][0] > 0)


def _line_cost(m: Measure, plain: Measure, a: int, b: int, width: float) -> float:
    """A line in the last resort: spread beyond the limit costs most (a line over it,
    then the square of how far), a hyphen or a mark squeezed mid-line a little."""
    over = max(m.spread(a, b, width) - MAX_SPREAD_PT, 0.0)
    cost = _OVER_COST + over**2 if over > 0 else 0.0
    extra = len(m.squeezed(a, b, width)) - len(plain.squeezed(a, b, width))
    return cost + _HYPHEN_COST * (b in m.hyphens) + _SQUEEZE_COST * max(extra, 0)


def _choose(
    m: Measure, bounds: list[int], widths: Callable[[int], float], avoid_lone: bool
) -> list[tuple[int, int]] | None:
    last = len(bounds) - 1
    inf = math.inf

    def ends(k: int, width: float) -> list[int]:
        """The line ends allowed after ``bounds[k]``, latest first.  The fewer units a
        line holds the more it spreads, so the search stops at the first line that would
        spread too much (this keeps the search to a unit or two a line)."""
        top = k
        for k1 in range(m.furthest(bounds, k, width), k, -1):
            if m.fits(bounds[k], bounds[k1], width):
                top = k1
                break
        out = []
        for k1 in range(top, k, -1):
            a, b = bounds[k], bounds[k1]
            if k1 == last:  # the last line: not justified; not one character (unless alone)
                if not (avoid_lone and k > 0 and m.lone(*m.trimmed(a, b))):
                    out.append(k1)
            elif m.spread(a, b, width) <= MAX_SPREAD_PT + 1e-9:
                out.append(k1)
            else:
                break
        return out

    # rest[k]: fewest lines that set bounds[k]: as lines after the first
    rest = [inf] * (last + 1)
    rest[last] = 0
    full = widths(1)
    for k in range(last - 1, -1, -1):
        rest[k] = min((rest[k1] + 1 for k1 in ends(k, full)), default=inf)
    first = widths(0)
    total = min((rest[k1] + 1 for k1 in ends(0, first)), default=inf)
    if total == inf:
        return None
    lines, k, need = [], 0, total
    while k < last:
        width = first if not lines else full
        k1 = next(k1 for k1 in ends(k, width) if rest[k1] == need - 1)  # the latest
        lines.append((bounds[k], bounds[k1]))
        k, need = k1, need - 1
    return lines


def squeeze(items: Sequence[Item], size: float, squeezed: Sequence[int]) -> list[Item]:
    """``items`` with the squeezed marks at half width: a closing mark keeps its ink in
    the left half, an opening one is drawn half an em to the left (its ink is in the right
    half)."""
    out = list(items)
    for i in squeezed:
        cut = _cut(items[i], size)
        shift = cut if items[i].ch in OPENING else 0.0
        out[i] = replace(items[i], advance=items[i].advance - cut, shift=shift)
    return out


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
    would still fit gets its characters spaced out until that unit no longer does.
    ``items`` are as squeezed (the DOCX sets those marks at half width too)."""
    m = Measure(items, 0.0, spacing, 0.0)  # squeezing is done: no size needed
    starts = [a for a, _ in spans]
    base = round(spacing * 20)
    out = []
    for n, (a, b) in enumerate(lines[:-1]):
        width = widths(n)
        k = bisect.bisect_right(starts, b)
        after = starts[k] if k < len(starts) else None
        if after is None or m.used(a, after) > width + 1e-6:
            continue
        used = m.used(a, b)
        each = math.floor((width - used - _LOOSEN_MARGIN_PT) * 20 / (b - a))
        if each >= 1 and m.used(a, after) + each * (b - a) / 20 > width + _LOOSEN_MARGIN_PT:
            out.append((a, b, base + each))
    return out
