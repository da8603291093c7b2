"""Chinese line breaking on the grid (GB/T 15834 §5.1, W3C clreq "basic" level).

A paragraph is cut into *units* that may not be split: a character with the punctuation
that may not start a line after it and the opening punctuation that may not end a line
before it (standard/punctuation.py), —— and ……, and runs of Latin text — words, digit
runs with their decimals and percent signs, addresses — which break only after a hyphen,
a question mark or a slash, as the Unicode line-breaking rules Word and LibreOffice
follow allow.  A date or a number with its unit is not a unit: it breaks where Chinese
text may (2027年 / 1月1日, 3.8 / 万户), as it does in Word and LibreOffice.

Lines are filled greedily, measured as word processors measure them (the DOCX's character
spacing), so that the PDF and LibreOffice's rendering of the DOCX break every paragraph at
the same characters (tests/stress measures it); a unit that does not fit goes to the next
line whole (后推出).  Full lines are then justified on the grid: the space left is spread
over the gaps between characters, but never between the letters of a word or the digits
of a number.  Between an ideograph and a Latin letter or digit stands the small space Word
and LibreOffice add there (standard/figures.py, ``cjk_latin_space``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from msgspec import Struct

from docgen.fonts.roles import Role
from docgen.layout.model import Glyph
from docgen.standard import fig
from docgen.standard.punctuation import ADDRESS_BREAK_AFTER, NO_LINE_END, NO_LINE_START

# A character of Latin text: printable ASCII, and ’ inside a word (don’t).
_LATIN = r"(?:[!-~]|(?<=[A-Za-z])’(?=[A-Za-z]))"
_UNBREAKABLE = re.compile(
    r"[^!-~’—…]"  # most characters are a unit of their own: tried first, for speed
    # Latin text (words, numbers, addresses) stays whole but for a break after a hyphen,
    # a question mark or the last of its slashes, as the Unicode line-breaking rules that
    # Word and LibreOffice follow allow (2021-|2022, https://|www.gov.cn/|zwgk).
    rf"|{_LATIN}+?(?:[-?]|/(?!/))(?={_LATIN})"
    rf"|{_LATIN}+"
    r"|——+|…+"  # 破折号, 省略号: one unit (GB/T 15834 §4.2.8, §4.2.9)
    r"|."
)


class Item(Struct, frozen=True):
    """One character ready to set: its face, its advance and the space after it."""

    ch: str
    role: Role
    advance: float  # points, as set (less than natural where punctuation is squeezed)
    natural: float  # points: the face's own advance, which a PDF viewer steps by
    after: float = 0.0  # points: the CJK–Latin space, when the next character needs it
    shift: float = 0.0  # points: drawn this far left of its place (a squeezed opening mark)


class Placed(Struct, frozen=True):
    ch: str
    x: float  # drawing origin from the line's left edge
    role: Role
    advance: float  # points: the face's own advance (Item.natural)

    def moved(self, dx: float) -> Placed:
        return Placed(self.ch, self.x + dx, self.role, self.advance)

    def glyph(self, left: float = 0.0) -> Glyph:
        """The glyph drawn on a page, the line starting at ``left``."""
        return Glyph(self.ch, left + self.x, self.role, self.advance)


# Faces.measure_text: (face, advance in em) for each character of a text, in its role
MeasureText = Callable[[str, Sequence[Role]], list[tuple[Role, float]]]


def _chars(chars: set[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


# A unit: an unbreakable token, then every token glued to it: one that may not start a
# line (its first character is in NO_LINE_START) or one after a character that may not
# end a line (NO_LINE_END).  Lookarounds keep the whole scan inside the regex engine.
_TOKEN = _UNBREAKABLE.pattern
_UNIT = re.compile(
    rf"(?:{_TOKEN})(?:(?:(?<={_chars(NO_LINE_END)})|(?={_chars(NO_LINE_START)}))(?:{_TOKEN}))*"
)


# URLs and e-mail addresses: they may break after ADDRESS_BREAK_AFTER.
_ADDRESS = re.compile(
    r"(?:[a-z]+://|www\.)[!-~]*[A-Za-z0-9/]"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
)


def units(text: str, anywhere: bool = False) -> list[tuple[int, int]]:
    """Spans of ``text`` that stay on one line; with ``anywhere`` (the last resort before
    spreading a line too far) an address may break between any two of its characters."""
    spans = [m.span() for m in _UNIT.finditer(text)]
    cuts = _address_breaks(text, anywhere)
    if not cuts:
        return spans
    out = []
    for a, b in spans:
        for cut in sorted(c for c in cuts if a < c < b):
            out.append((a, cut))
            a = cut
        out.append((a, b))
    return out


def _address_breaks(text: str, anywhere: bool = False) -> set[int]:
    """Where URLs and e-mail addresses in ``text`` may break: after a run of / . - _ @ …,
    and with ``anywhere`` also inside a name (never before those characters)."""
    if "@" not in text and "://" not in text and "www." not in text:
        return set()
    cuts = set()
    for m in _ADDRESS.finditer(text):
        a, b = m.span()
        for i in range(a, b - 1):
            nxt = text[i + 1]
            if nxt in ADDRESS_BREAK_AFTER or nxt in NO_LINE_START:
                continue
            if anywhere or text[i] in ADDRESS_BREAK_AFTER:
                cuts.add(i + 1)
    return cuts


_IDEOGRAPHS = "\u3400-\u9fff\uf900-\ufaff\U00020000-\U0010ffff"
# Where the CJK–Latin space goes: after an ideograph before a Latin letter or digit, and
# after a Latin letter or digit before an ideograph.  Found from the runs of letters and
# digits (a character class of the ideographs would take milliseconds to compile).
_ALNUM = re.compile(r"[A-Za-z0-9]+")


def _ideograph(ch: str) -> bool:
    code = ord(ch)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or code >= 0x20000


def make_items(text: str, roles: Sequence[Role], size: float, measure: MeasureText) -> list[Item]:
    """The characters of ``text`` measured, each with the CJK–Latin space it needs after it."""
    space = fig("cjk_latin_space") * size
    afters = [0.0] * len(text)
    for m in _ALNUM.finditer(text):
        a, b = m.span()
        if a and _ideograph(text[a - 1]):
            afters[a - 1] = space
        if b < len(text) and _ideograph(text[b]):
            afters[b - 1] = space
    measured = measure(text, roles)
    return [
        Item(ch, face, advance_em * size, advance_em * size, after)
        for ch, (face, advance_em), after in zip(text, measured, afters, strict=True)
    ]


def _width(items: Sequence[Item], tracking: float) -> float:
    """Natural width of a line: the space after its last character does not count."""
    if not items:
        return 0.0
    inner = sum(i.advance + i.after for i in items) - items[-1].after
    return inner + tracking * (len(items) - 1)


def _fit_width(items: Sequence[Item], spacing: float) -> float:
    """A line's width as word processors measure it: every glyph with its spacing, the
    space after the last glyph not counted."""
    if not items:
        return 0.0
    return sum(i.advance + i.after + spacing for i in items) - items[-1].after


def break_lines(
    items: Sequence[Item],
    spans: Sequence[tuple[int, int]],
    widths: Callable[[int], float],
    spacing: float,
) -> list[tuple[int, int]]:
    """Greedy filling; ``widths(n)`` is the measure of line n (the first may be indented).
    Returns each line as the range of its items, spaces at a break left out.

    Lines are measured as Word and LibreOffice measure them (every glyph carries the
    character spacing of the DOCX, a whole number of twips: ``grid.fit_spacing``), so that
    they break a paragraph at the same characters; the glyphs are placed on the grid after."""
    # ends[k]: width of items[:k], each counting its advance, the space after it and spacing
    ends = [0.0, *itertools.accumulate(i.advance + i.after + spacing for i in items)]
    lines: list[list[int]] = [[0, 0]]
    used = 0.0  # the current line's width, counting spacing and space after every glyph
    width = widths(0)
    for start, end in spans:
        unit_w = ends[end] - ends[start]
        last = items[end - 1].after  # not counted at the end of a line
        if used + unit_w - last + held(items, end, spacing) <= width + 1e-6:
            lines[-1][1] = end
            used += unit_w
            continue
        if lines[-1][1] > lines[-1][0]:
            lines.append([start, start])
            width = widths(len(lines) - 1)
        if unit_w - last <= width + 1e-6:
            lines[-1][1] = end
            used = unit_w
            continue
        for k in range(start, end):  # a unit longer than a whole line is split where it must be
            a = lines[-1][0]
            if k > a and _fit_width(items[a : k + 1], spacing) > width + 1e-6:
                lines.append([k, k])
                width = widths(len(lines) - 1)
            lines[-1][1] = k + 1
        a, b = lines[-1]
        used = _fit_width(items[a:b], spacing) + items[b - 1].after
    return trim(items, [(a, b) for a, b in lines])


def trim(items: Sequence[Item], lines: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """A space where a line breaks is consumed by the break (as between Latin words)."""
    out = []
    for a, b in lines:
        while a < b and items[a].ch == " ":
            a += 1
        while b > a and items[b - 1].ch == " ":
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def held(items: Sequence[Item], end: int, spacing: float) -> float:
    """Room a line must keep after a unit ending at ``end`` for the unit to end the line.

    Word processors break before Latin text that follows other text directly (after a
    slash, a bracket) only where its first character would also fit on the line
    (measured in LibreOffice 7.4: abcdefghij/iiii breaks after the slash where
    abcdefghij/WWWW does not).  The layout keeps that room too, so that both break alike.
    Inside Latin text none is needed: where the layout breaks there the DOCX offers the
    break with a zero-width space (paragraph.py), after which they break (UAX #14 LB8;
    measured: https://www.example.gov.cn/|zwgk with the z beyond the line)."""
    if end >= len(items):
        return 0.0
    before, nxt = items[end - 1].ch, items[end].ch
    # only before a Latin letter or digit, after what is neither Latin text (a space, a
    # slash: inside it) nor an ideograph
    if not (nxt.isascii() and nxt.isalnum()) or before.isascii() or _cjk(before):
        return 0.0
    return items[end - 1].after + items[end].advance + spacing


def _cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch >= "\U00020000"


def in_word(a: str, b: str) -> bool:
    """Whether the gap between ``a`` and ``b`` is inside a Latin word or number."""
    return a != " " != b and (a.isascii() or a == "’") and (b.isascii() or b in "’\u00ad")


def word_space(items: Sequence[Item], i: int) -> bool:
    """Whether ``items[i]`` is a space between two Latin words (西文词距)."""
    if items[i].ch != " " or i == 0 or i + 1 >= len(items):
        return False
    before, after = items[i - 1].ch, items[i + 1].ch
    return before != " " != after and before.isascii() and after.isascii()


def expansion(items: Sequence[Item], i: int, em: float, tracking: float) -> tuple[bool, float]:
    """The gap after ``items[i]`` in justification (W3C clreq §3.8, "Procedures for
    inter-character space expansion"): whether it is a 西文词距 or a 中西间距 (or next to
    one), and how much it may widen before the even spreading of the rest — a space between
    Latin words or between 汉字 and Latin text grows to half an em, measured from the glyph
    before it to the glyph after it."""
    if word_space(items, i):
        return True, max(em / 2 - items[i].advance - 2 * tracking, 0.0)
    if i + 1 < len(items) and word_space(items, i + 1):
        return True, 0.0  # the gap before a word space: it widens with the space
    if items[i].after:
        return True, max(em / 2 - items[i].after - tracking, 0.0)
    return False, 0.0


def may_widen(items: Sequence[Item]) -> set[int]:
    """The gaps where :func:`expansion` may find a 西文词距 or 中西间距: at a space, before
    one, or after a character followed by the CJK–Latin space.  Every other gap it leaves
    as (False, 0.0), so that only these need asking (most lines have none)."""
    spaces = [k for k, i in enumerate(items) if i.ch == " "]
    return {*spaces, *(k - 1 for k in spaces), *(k for k, i in enumerate(items) if i.after)}


def word_gaps(items: Sequence[Item]) -> list[bool]:
    """Whether each gap between neighbours may spread: not :func:`in_word`, which only a
    gap after Latin text (ASCII, ’) can be, so that only those are asked."""
    chars = [i.ch for i in items]
    gaps = [True] * (len(chars) - 1)
    for k in [k for k, c in enumerate(chars[:-1]) if c.isascii() or c == "’"]:
        gaps[k] = not in_word(chars[k], chars[k + 1])
    return gaps


_EVEN = (False, 0.0)  # a gap that only widens evenly (:func:`expansion`)


def _fill(amount: float, caps: Sequence[float]) -> list[float]:
    """``amount`` shared equally among gaps, none beyond its cap (clreq: 同时、同等量)."""
    out = [0.0] * len(caps)
    open_ = [k for k, c in enumerate(caps) if c > 0]
    while amount > 1e-9 and open_:
        share = amount / len(open_)
        least = min(caps[k] - out[k] for k in open_)
        step = min(share, least)
        for k in open_:
            out[k] += step
        amount -= step * len(open_)
        open_ = [k for k in open_ if caps[k] - out[k] > 1e-9]
    return out


def spreads(items: Sequence[Item], spare: float, em: float, tracking: float) -> list[float]:
    """The extra space of each gap of a justified line.  With ``em``, in clreq's order:
    西文词距 and 中西间距 first, each to half an em, then the remaining gaps between
    characters evenly; without it (or for a line too wide, which closes up), evenly.  The
    letters of a Latin word and the digits of a number are never spread apart."""
    gaps = len(items) - 1
    if gaps <= 0 or not spare:
        return [0.0] * max(gaps, 0)
    stretch = word_gaps(items)
    if not any(stretch):  # one long word: it spreads, as nothing else can
        return [spare / gaps] * gaps
    out = [0.0] * gaps
    plain = [k for k in range(gaps) if stretch[k]]
    if em and spare > 0:
        widen = may_widen(items)
        kinds = [expansion(items, k, em, tracking) if k in widen else _EVEN for k in plain]
        caps = [0.0] * gaps
        for k, (_, cap) in zip(plain, kinds, strict=True):
            caps[k] = cap
        out = _fill(min(spare, sum(caps)), caps)
        rest = [k for k, (special, _) in zip(plain, kinds, strict=True) if not special]
        spare -= sum(out)
        if spare <= 1e-9:
            return out
        plain = rest or plain
    for k in plain:
        out[k] += spare / len(plain)
    return out


def place(
    items: Sequence[Item],
    width: float,
    tracking: float,
    justify: bool,
    left: float = 0.0,
    em: float = 0.0,
) -> list[Placed]:
    """Positions on a line, from ``left``.  A full line spreads its spare space over its
    gaps (:func:`spreads`; with ``em`` given, in clreq's order, else evenly), except those
    between the letters of a Latin word or the digits of a number, which keep their
    natural spacing."""
    spare = width - _width(items, tracking) if justify else 0.0
    extra = spreads(items, spare, em, tracking)
    placed, x = [], left
    for i, item in enumerate(items):
        placed.append(Placed(item.ch, x - item.shift, item.role, item.natural))
        x += item.advance + item.after + tracking + (extra[i] if i < len(extra) else 0.0)
    return placed
