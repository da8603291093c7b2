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
import math
import re
from collections.abc import Callable, Sequence

from msgspec import Struct

from docgen.fonts.roles import Role
from docgen.standard import fig
from docgen.standard.punctuation import NO_LINE_END, NO_LINE_START

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
    advance: float  # points
    after: float = 0.0  # points: the CJK–Latin space, when the next character needs it


class Placed(Struct, frozen=True):
    ch: str
    x: float  # drawing origin from the line's left edge
    role: Role


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


def units(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that stay on one line."""
    return [m.span() for m in _UNIT.finditer(text)]


def _ideograph(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch >= "\U00020000"


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def make_items(text: str, roles: Sequence[Role], size: float, measure: MeasureText) -> list[Item]:
    """The characters of ``text`` measured, each with the CJK–Latin space it needs after it."""
    space = fig("cjk_latin_space") * size
    kinds = [1 if _ideograph(ch) else 2 if _latin(ch) else 0 for ch in text]
    kinds.append(0)
    items = []
    for i, (ch, (face, advance_em)) in enumerate(zip(text, measure(text, roles), strict=True)):
        mixed = kinds[i] and kinds[i + 1] and kinds[i] != kinds[i + 1]
        items.append(Item(ch, face, advance_em * size, space if mixed else 0.0))
    return items


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


class Nudge(Struct, frozen=True):
    """A change of character spacing, in twips, for the characters ``start:end`` of a
    paragraph's text: what makes Word and LibreOffice break a line where the layout did
    when their measure and the layout's are too close to call (the DOCX applies it)."""

    start: int
    end: int
    twips: int


# Word, LibreOffice and the layout measure Latin text a little differently (rounding,
# kerning: up to about a point a line, measured).  A line that fits, or a unit that does
# not, by less than this is nudged in the DOCX so that they decide as the layout did.
CLOSE_CALL_PT = 1.0


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
        if used + unit_w - last + _held(items, end, spacing) <= width + 1e-6:
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
    # A space where a line breaks is consumed by the break (as between Latin words).
    out = []
    for a, b in lines:
        while a < b and items[a].ch == " ":
            a += 1
        while b > a and items[b - 1].ch == " ":
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def _held(items: Sequence[Item], end: int, spacing: float) -> float:
    """Room a line must keep after a unit ending at ``end`` for the unit to end the line.

    Word processors break before Latin text that follows other text directly (after a
    slash, a bracket) only where its first character would also fit on the line
    (measured in LibreOffice 7.4: abcdefghij/iiii breaks after the slash where
    abcdefghij/WWWW does not).  The layout keeps that room too, so that both break alike."""
    if end >= len(items) or items[end - 1].ch == " ":
        return 0.0
    nxt = items[end]
    if not (nxt.ch.isascii() and nxt.ch.isalnum()) or (
        not items[end - 1].ch.isascii() and _cjk(items[end - 1].ch)
    ):
        return 0.0
    return items[end - 1].after + nxt.advance + spacing


def _cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or ch >= "\U00020000"


def nudges(
    items: Sequence[Item],
    lines: Sequence[tuple[int, int]],
    widths: Callable[[int], float],
    spacing: float,
) -> list[Nudge]:
    """Spacing changes for the DOCX where a line break was a close call (``CLOSE_CALL_PT``):
    a full line is tightened, or a line whose next word nearly fitted is loosened, by whole
    twips on its last characters, so that word processors break as the layout did."""
    out = []
    for n, ((a, b), (c, _)) in enumerate(itertools.pairwise(lines)):
        room = widths(n)
        margin = room - _fit_width(items[a:b], spacing)
        next_end = next((e for e in range(c + 1, len(items) + 1) if _unit_end(items, c, e)), c + 1)
        overflow = _fit_width(items[a:next_end], spacing) - room
        if margin < CLOSE_CALL_PT:
            out += _spread_twips(items, a, b, -math.ceil((CLOSE_CALL_PT - margin) * 20))
        elif overflow < CLOSE_CALL_PT:
            out += _spread_twips(items, a, b, math.ceil((CLOSE_CALL_PT - overflow) * 20))
    return out


def _unit_end(items: Sequence[Item], start: int, end: int) -> bool:
    """Whether the next line's first word ends at ``end`` (a space or an ideograph)."""
    return end >= len(items) or items[end].ch == " " or not items[end - 1].ch.isascii()


def _spread_twips(items: Sequence[Item], a: int, b: int, twips: int) -> list[Nudge]:
    """``twips`` (a total) as whole twips on the last glyphs of ``items[a:b]``."""
    glyphs = b - a
    if not twips or glyphs <= 0:
        return []
    each, rest = divmod(abs(twips), glyphs)
    sign = 1 if twips > 0 else -1
    out = []
    if each:
        out.append(Nudge(a, b - rest, sign * each))
    if rest:
        out.append(Nudge(b - rest, b, sign * (each + 1)))
    return out


def _in_word(a: str, b: str) -> bool:
    """Whether the gap between ``a`` and ``b`` is inside a Latin word or number."""
    return a != " " != b and (a.isascii() or a == "’") and (b.isascii() or b == "’")


def place(
    items: Sequence[Item], width: float, tracking: float, justify: bool, left: float = 0.0
) -> list[Placed]:
    """Positions on a line, from ``left``.  A full line spreads its spare space evenly over
    its gaps, except those between the letters of a Latin word or the digits of a number,
    which keep their natural spacing."""
    spare = width - _width(items, tracking) if justify else 0.0
    stretch = [not _in_word(a.ch, b.ch) for a, b in itertools.pairwise(items)]
    if not any(stretch):  # one long word: it spreads, as nothing else can
        stretch = [True] * len(stretch)
    extra = spare / sum(stretch) if spare and stretch else 0.0
    placed, x = [], left
    for i, item in enumerate(items):
        placed.append(Placed(item.ch, x, item.role))
        x += (
            item.advance + item.after + tracking + (extra if i < len(stretch) and stretch[i] else 0)
        )
    return placed


class Setting(Struct):
    """A paragraph set: its lines of placed glyphs, where each starts in the text, and the
    nudges the DOCX needs to break it the same way."""

    lines: list[list[Placed]]
    starts: list[int]
    nudges: list[Nudge]


def set_paragraph(
    text: str,
    roles: Sequence[Role],
    *,
    size: float,
    width: float,
    first_indent: float,
    tracking: float,
    measure: MeasureText,
    left: float = 0.0,
    fit_spacing: float | None = None,
) -> Setting:
    """Lines of a paragraph, each placed from ``left``; all but the last justified.
    ``fit_spacing`` is the character spacing lines are measured with (``tracking`` if
    None)."""
    items = make_items(text, roles, size, measure)
    spacing = tracking if fit_spacing is None else fit_spacing

    def widths(n: int) -> float:
        return width - (first_indent if n == 0 else 0.0)

    ranges = break_lines(items, units(text), widths, spacing)
    out = []
    for n, (a, b) in enumerate(ranges):
        indent = first_indent if n == 0 else 0.0
        last = n == len(ranges) - 1
        line = items[a:b]
        out.append(place(line, width - indent, tracking, justify=not last, left=left + indent))
    return Setting(out, [a for a, _ in ranges], nudges(items, ranges, widths, spacing))
