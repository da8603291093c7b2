"""Chinese line breaking on the grid (GB/T 15834 §5.1, W3C clreq "basic" level).

A paragraph is cut into *units* that may not be split: a character with the punctuation
that may not start a line after it and the opening punctuation that may not end a line
before it, ——, ……, numbers, dates, 〔2021〕12号 and Latin words.  Lines are filled
greedily with units; a unit that does not fit goes to the next line whole (后推出: a
character is pushed down rather than punctuation squeezed in, as Word and LibreOffice do,
so that docgen's PDF and the DOCX they render break at the same characters).  Full lines
are then justified: the space left is spread evenly, so the last glyph ends at the right
edge.  Between an ideograph and a Latin letter or digit stands the small space Word and
LibreOffice add there (standard/figures.py, ``cjk_latin_space``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from msgspec import Struct

from docgen.fonts.roles import Role
from docgen.standard import fig
from docgen.standard.punctuation import NO_LINE_END, NO_LINE_START

_UNBREAKABLE = re.compile(
    r"[^0-9A-Za-z〔—…]"  # most characters are a unit of their own: tried first, for speed
    r"|〔\d{4}〕\d+号"  # 发文字号 parts
    r"|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?"  # dates
    r"|\d+(?:\.\d+)?[%‰年月日号时分秒]"  # numbers with their unit
    r"|[A-Za-z0-9]+(?:[.,:/'’\-][A-Za-z0-9]+)*"  # Latin words, numbers
    r"|——+|…+"  # 破折号, 省略号: one unit
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


def _fits(items: Sequence[Item], width: float, tracking: float) -> bool:
    return _width(items, tracking) <= width + 1e-6


def break_lines(
    items: Sequence[Item],
    spans: Sequence[tuple[int, int]],
    widths: Callable[[int], float],
    tracking: float,
) -> list[list[Item]]:
    """Greedy filling; ``widths(n)`` is the measure of line n (the first may be indented)."""
    # ends[k]: width of items[:k], each counting its advance, the space after it and tracking
    ends = [0.0, *itertools.accumulate(i.advance + i.after + tracking for i in items)]
    lines: list[list[Item]] = [[]]
    used = 0.0  # the current line's width, counting tracking and space after every glyph
    width = widths(0)
    for start, end in spans:
        unit_w = ends[end] - ends[start]
        last = items[end - 1].after + tracking  # not counted at the end of a line
        if used + unit_w - last <= width + 1e-6:
            lines[-1].extend(items[start:end])
            used += unit_w
            continue
        if lines[-1]:
            lines.append([])
            width = widths(len(lines) - 1)
        if unit_w - last <= width + 1e-6:
            lines[-1].extend(items[start:end])
            used = unit_w
            continue
        for item in items[start:end]:  # a unit longer than a whole line is split where it must be
            if lines[-1] and not _fits([*lines[-1], item], width, tracking):
                lines.append([])
                width = widths(len(lines) - 1)
            lines[-1].append(item)
        used = _width(lines[-1], tracking) + lines[-1][-1].after + tracking
    # A space where a line breaks is consumed by the break (as between Latin words).
    trimmed = [_strip_spaces(line) for line in lines]
    return [line for line in trimmed if line]


def _strip_spaces(line: list[Item]) -> list[Item]:
    start, end = 0, len(line)
    while start < end and line[start].ch == " ":
        start += 1
    while end > start and line[end - 1].ch == " ":
        end -= 1
    return line[start:end]


def place(
    items: Sequence[Item], width: float, tracking: float, justify: bool, left: float = 0.0
) -> list[Placed]:
    """Positions on a line, from ``left``: full lines spread their spare space evenly
    between glyphs."""
    gaps = len(items) - 1
    spare = width - _width(items, tracking)
    gap = tracking + (spare / gaps if justify and gaps else 0.0)
    placed, x = [], left
    for item in items:
        placed.append(Placed(item.ch, x, item.role))
        x += item.advance + item.after + gap
    return placed


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
) -> list[list[Placed]]:
    """Lines of a paragraph, each placed from ``left``; all but the last justified."""
    items = make_items(text, roles, size, measure)
    lines = break_lines(
        items, units(text), lambda n: width - (first_indent if n == 0 else 0.0), tracking
    )
    out = []
    for n, line in enumerate(lines):
        indent = first_indent if n == 0 else 0.0
        last = n == len(lines) - 1
        out.append(place(line, width - indent, tracking, justify=not last, left=left + indent))
    return out
