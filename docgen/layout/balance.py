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
import copy
import itertools
import math
import operator
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from functools import cached_property

from msgspec import Struct
from msgspec.structs import replace

from docgen.layout.linebreak import Item, expansion, held, may_widen, word_gaps
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
_MARKS = SQUEEZABLE | OPENING  # what may be squeezed at all (_cut)


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


def _portions(chars: Sequence[str], roles: Sequence[object]) -> list[object]:
    """Each character's LibreOffice portion: its face and script; “ ” — … (East Asian
    ambiguous width) are a run of their own in the DOCX (writers/docx/text.py)."""
    eaw = unicodedata.east_asian_width
    own = {c for c in set(chars) if not c.isascii() and eaw(c) == "A"}  # each asked once
    return [(c,) if c in own else (r, c.isascii()) for c, r in zip(chars, roles, strict=True)]


class Measure:
    """Prefix sums over a paragraph's items, for widths of any range in constant time.

    Each sum is built when first asked for (``cached_property``): the search asks for few
    of them on most paragraphs (:func:`_greedy`), the DOCX's check (:func:`loosened`) for
    one.  A paragraph's tiers share every sum that does not depend on the tier
    (:meth:`tier`)."""

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
        self.size = size
        self.any_mark = any_mark  # any squeezable mark may be squeezed, not only clreq's
        self.expand = expand  # judge a line's spread in clreq's order, else evenly
        self.hyphens = hyphens or {}  # a break there adds a hyphen this wide (points)
        self.spacing, self.tracking = spacing, tracking

    def tier(self, any_mark: bool, expand: bool) -> Measure:
        """The same paragraph judged in another tier, sharing the sums built so far; only
        the pairs depend on ``any_mark`` (``expand`` is read as lines are judged)."""
        other = copy.copy(self)
        other.any_mark, other.expand = any_mark, expand
        if any_mark != self.any_mark:
            other.__dict__.pop("pair", None)
            other.__dict__.pop("pair_ends", None)
        return other

    # The items' columns, read once: the sums below are built from them.
    @cached_property
    def _chars(self) -> list[str]:
        return [i.ch for i in self.items]

    @cached_property
    def _widths(self) -> list[float]:
        return [i.advance + i.after for i in self.items]

    @cached_property
    def fit_ends(self) -> list[float]:
        fit = map(operator.add, self._widths, itertools.repeat(self.spacing))
        return list(itertools.accumulate(fit, initial=0.0))

    @cached_property
    def ends(self) -> list[float]:
        return list(itertools.accumulate(self._widths, initial=0.0))

    @cached_property
    def _gaps(self) -> list[bool]:
        return word_gaps(self.items)

    @cached_property
    def stretch(self) -> list[int]:
        return list(itertools.accumulate(self._gaps, initial=0))

    @cached_property
    def _kinds(self) -> list[tuple[bool, float]]:
        # justification widens 西文词距 and 中西间距 first (linebreak.spreads): their room,
        # and the gaps left to spread evenly after them
        items, size, tracking = self.items, self.size, self.tracking
        widen = may_widen(items)
        return [
            expansion(items, k, size, tracking) if g and k in widen else (False, 0.0)
            for k, g in enumerate(self._gaps)
        ]

    @cached_property
    def room(self) -> list[float]:
        return list(itertools.accumulate((cap for _, cap in self._kinds), initial=0.0))

    @cached_property
    def plain(self) -> list[int]:
        plain = (g and not special for g, (special, _) in zip(self._gaps, self._kinds, strict=True))
        return list(itertools.accumulate(plain, initial=0))

    @cached_property
    def counted(self) -> list[int]:
        counted = [c not in _NOT_COUNTED for c in self._chars]
        return list(itertools.accumulate(counted, initial=0))

    @cached_property
    def cut(self) -> list[float]:
        items, size = self.items, self.size
        cut = [_cut(i, size) if i.ch in _MARKS else 0.0 for i in items]
        for k, c in enumerate(cut):  # an opening mark's origin stays after the last's
            if c and items[k].ch in OPENING and not _room_before(items, k, c):
                cut[k] = 0.0
        return cut

    @cached_property
    def fit_cut(self) -> list[float]:
        # A squeezed mark is a run of its own in the DOCX, and LibreOffice applies no
        # character spacing after a run's last character (measured): what squeezing saves
        # is counted less that, so that LibreOffice fits what the layout fits.
        least = 2 * abs(self.spacing)
        return [max(c - least, 0.0) if c else 0.0 for c in self.cut]

    @cached_property
    def end_cut(self) -> list[float]:
        # a line's last mark: never an opening one (it is glued on)
        return [
            c if ch not in OPENING else 0.0 for c, ch in zip(self.fit_cut, self._chars, strict=True)
        ]

    @cached_property
    def pair(self) -> list[float]:
        # the first of two closing marks in a row may be squeezed anywhere on a line; with
        # ``any_mark`` (the step before the last resort) any squeezable mark may
        closing, any_mark = self.end_cut, self.any_mark
        nxt = [*closing[1:], 0.0]
        return [
            f if (c and n) or (f and any_mark) else 0.0
            for f, c, n in zip(self.fit_cut, closing, nxt, strict=True)
        ]

    @cached_property
    def pair_ends(self) -> list[float]:
        return list(itertools.accumulate(self.pair, initial=0.0))

    @cached_property
    def tight_ends(self) -> list[float]:
        # widths with every mark squeezed, nondecreasing: a bound to search line ends in
        cuts = itertools.accumulate(self.cut, initial=0.0)
        return list(map(operator.sub, self.fit_ends, cuts))

    @cached_property
    def steady(self) -> bool:
        """Whether every item widens a line, squeezed or not (no zero-width glyph against
        a negative spacing): then a line that fits still fits with units taken from its
        start, what the search's shortcuts rest on (:func:`_greedy`)."""
        ends = self.tight_ends
        return all(map(operator.le, ends, ends[1:]))

    @cached_property
    def portions(self) -> list[int]:
        # LibreOffice sets a paragraph in portions (a change of face or script, a mark it
        # may set in the Latin face) and applies no spacing after a portion's last character
        keys = _portions(self._chars, [i.role for i in self.items])
        return [0, *itertools.accumulate(map(operator.ne, keys, keys[1:]), initial=0)]

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
        tight = used - self.shrink(a, b)
        if tight > width + 1e-6:
            return False  # too wide however squeezed (what portions add is never < 0)
        return tight + self._portion_cost(a, b) <= width + 1e-6

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
        squeezed = self.squeezed(a, b, width)
        squeezed = sum(self.cut[i] for i in squeezed) if squeezed else 0
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
    m = Measure(items, size, spacing, tracking)
    wide = _wide(m, spans, widths(1))
    for avoid_lone, any_mark, expand in _TIERS:
        m = m.tier(any_mark, expand)
        if any(not m.fits(a, b, widths(1)) for a, b in wide):
            return None  # a unit longer than a line: only greedy filling splits it
        tier = _Tier(m, bounds, widths, avoid_lone)
        lines = _greedy(tier)
        if lines is None:
            lines = _choose(tier)
        if lines is not None:
            squeezed = [i for n, (a, b) in enumerate(lines) for i in m.squeezed(a, b, widths(n))]
            return Choice(lines, sorted(squeezed), lone_tail=not avoid_lone)
    return None


def _wide(m: Measure, spans: Sequence[tuple[int, int]], width: float) -> list[tuple[int, int]]:
    """The units that may not fit a line of ``width`` on their own, the only ones
    :meth:`Measure.fits` need be asked about: a unit's line is never wider than its
    glyphs with their spacing and the room kept for the next glyph (``held``), which this
    bounds, a point generous against rounding."""
    ends = m.fit_ends
    slack = max(i.advance for i in m.items) + abs(m.spacing) + 1.0
    return [(a, b) for a, b in spans if ends[b] - ends[a] + slack > width]


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


def _top(m: Measure, bounds: Sequence[int], k: int, width: float) -> int:
    """The furthest of ``bounds`` a line from ``bounds[k]`` fits to (``k`` if none)."""
    a = bounds[k]
    for k1 in range(m.furthest(bounds, k, width), k, -1):
        if m.fits(a, bounds[k1], width):
            return k1
    return k


def _allowed(m: Measure, a: int, b: int, width: float, closing: bool, avoid_lone: bool) -> bool:
    """Whether the line ``a:b`` keeps a tier's limits: the paragraph's last line
    (``closing``) is not justified, and with ``avoid_lone`` holds more than one character;
    any other spreads no more than the limit."""
    if closing:
        return not (avoid_lone and m.lone(*m.trimmed(a, b)))
    return m.spread(a, b, width) <= MAX_SPREAD_PT + 1e-9


def _ends(
    m: Measure, bounds: Sequence[int], k: int, top: int, width: float, avoid_lone: bool
) -> list[int]:
    """The line ends allowed after ``bounds[k]``, latest first from ``top`` (:func:`_top`).
    The fewer units a line holds the more it spreads, so the search stops at the first
    line that would spread too much (this keeps the search to a unit or two a line)."""
    last = len(bounds) - 1
    out = []
    for k1 in range(top, k, -1):
        if _allowed(m, bounds[k], bounds[k1], width, k1 == last, avoid_lone and k > 0):
            out.append(k1)
        elif k1 != last:  # the last line is not spread: shorter ones may be allowed
            break
    return out


class _Tier:
    """A paragraph's search in one tier (:data:`_TIERS`): the bounds its lines may end at
    (``bounds[k]``: an item's index), the first line's width and the others', and each
    line's furthest end and allowed ends, found once for all the search's steps."""

    def __init__(
        self, m: Measure, bounds: list[int], widths: Callable[[int], float], avoid_lone: bool
    ) -> None:
        self.m, self.bounds, self.avoid_lone = m, bounds, avoid_lone
        self.last = len(bounds) - 1
        self.first, self.full = widths(0), widths(1)
        self._tops: dict[int, int] = {}
        self._ends: dict[int, list[int]] = {}

    def width(self, k: int) -> float:
        """The width of a line from ``bounds[k]``."""
        return self.first if k == 0 else self.full

    def top(self, k: int) -> int:
        if (top := self._tops.get(k)) is None:
            top = self._tops[k] = _top(self.m, self.bounds, k, self.width(k))
        return top

    def allowed(self, k: int, k1: int) -> bool:
        a, b = self.bounds[k], self.bounds[k1]
        closing = k1 == self.last
        return _allowed(self.m, a, b, self.width(k), closing, self.avoid_lone and k > 0)

    def ends(self, k: int) -> list[int]:
        if (ends := self._ends.get(k)) is None:
            m, bounds, width = self.m, self.bounds, self.width(k)
            ends = self._ends[k] = _ends(m, bounds, k, self.top(k), width, self.avoid_lone)
        return ends

    def lines(self, breaks: Sequence[int]) -> list[tuple[int, int]]:
        """The lines between ``breaks`` (indices of bounds, from the paragraph's start)."""
        return [(self.bounds[k], self.bounds[k1]) for k, k1 in itertools.pairwise(breaks)]


def _greedy(t: _Tier) -> list[tuple[int, int]] | None:
    """Every line filled to the furthest end that fits (:func:`_top`), from the
    paragraph's start — if each of those lines keeps the tier's limits, else None.  Most
    paragraphs are set so, and then these are the lines :func:`_choose` chooses, found
    without its search:

    * fewest lines: a line that fits still fits with units taken from its start (no
      unit's width with its spacing is less than what squeezing it saves, and fewer
      portions add less: ``Measure.steady``).  So if a choice that keeps the limits
      breaks its line n at or before these lines' break n, its line n + 1 fits from this
      break too, and ends no later than this line n + 1, the furthest that fits: line by
      line these breaks are never earlier, and reach the paragraph's end in as few lines
      as any choice;
    * latest breaks: of the ends allowed after a break, :func:`_choose` takes the latest
      from which the rest still takes the fewest lines.  The furthest end that fits is
      the latest of all, it is allowed, and the lines from it are the fewest (as above),
      so it is the one taken, line after line.

    tests/test_balance.py holds this against the full search."""
    if not t.m.steady:
        return None
    breaks = [0]
    while (k := breaks[-1]) < t.last:
        top = t.top(k)
        if top == k or not t.allowed(k, top):
            return None
        breaks.append(top)
    return t.lines(breaks)


def _choose(t: _Tier) -> list[tuple[int, int]] | None:
    """The fewest lines that keep a tier's limits, each break the latest that allows
    that; None if no choice keeps them.

    Most often as few lines as greedy filling takes do (:func:`_fewest`: no choice takes
    fewer), and the search first keeps to the bounds from which the rest can still be
    set in so few (:func:`_firsts`); only where that finds nothing does it search every
    bound a line can end at."""
    if not t.m.steady:
        return _search(t)
    fewest = _fewest(t)
    if fewest is None:
        return None  # a line fits nothing: no choice gets past it (_greedy)
    lines = _search(t, _firsts(t, fewest))
    if lines is None or len(lines) > fewest:
        lines = _search(t)
    return lines


def _fewest(t: _Tier) -> int | None:
    """How many lines greedy filling takes (each to the furthest end that fits), None if
    it cannot go on: no choice takes fewer (:func:`_greedy`)."""
    count, k = 0, 0
    while k < t.last:
        if (top := t.top(k)) == k:
            return None
        count, k = count + 1, top
    return count


def _firsts(t: _Tier, lines: int) -> list[int]:
    """firsts[j]: the first bound (after the paragraph's start) from which greedy
    filling sets the rest of the paragraph in ``j`` lines or fewer, for ``j`` up to
    ``lines``.  No choice sets it so from an earlier bound (:func:`_greedy`), and from a
    later one greedy filling needs no more lines: its furthest end that fits is never
    earlier (a line that fits still fits with units taken from its start)."""

    def reach(p: int) -> int:  # with every mark squeezed, nondecreasing (Measure.steady)
        return t.m.furthest(t.bounds, p, t.full)

    firsts = [t.last]
    for _ in range(lines):
        target = firsts[-1]
        # no start before the first that could reach the target with every mark squeezed
        # (by bisection); from it, the first whose line fits to the target
        p = 1 + bisect.bisect_left(range(1, target), target, key=reach)
        while p < target and t.top(p) < target:
            p += 1
        firsts.append(p)
    return firsts


def _search(t: _Tier, firsts: list[int] | None = None) -> list[tuple[int, int]] | None:
    """The fewest lines, each break the latest that allows that, over the bounds a line
    can end at from the paragraph's start.

    With ``firsts`` (:func:`_firsts`), only over those from which the rest can still be
    set in as many lines as ``firsts`` allows: a choice of that many lines found so is
    the search's over every bound (each bound it could take is searched; the bounds left
    out only lead to more lines)."""
    last = t.last
    most = len(firsts) - 1 if firsts is not None else last

    def kept(k: int, lines: int) -> bool:  # bounds[k], reached in ``lines`` lines
        return firsts is None or k == 0 or (lines < most and k >= firsts[most - lines])

    searched: list[int] = []
    reached = {0: 0}  # a bound reached: the fewest lines to it
    for k in range(last):
        if k in reached and kept(k, reached[k]):
            searched.append(k)
            for k1 in t.ends(k):
                reached[k1] = min(reached.get(k1, math.inf), reached[k] + 1)
    # rest[k]: the fewest lines from bounds[k] to the end (from 0: with the first width)
    rest = {last: 0}
    for k in reversed(searched):  # from the end: every end allowed after k is known
        rest[k] = min((rest.get(k1, math.inf) + 1 for k1 in t.ends(k)), default=math.inf)
    if rest[0] == math.inf:
        return None
    breaks = [0]
    while (k := breaks[-1]) < last:
        breaks.append(next(k1 for k1 in t.ends(k) if rest.get(k1) == rest[k] - 1))  # latest
    return t.lines(breaks)


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
