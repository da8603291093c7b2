"""Chinese line breaking on the grid (GB/T 15834 §5.1, W3C clreq "basic" level).

A paragraph is cut into *units* that may not be split: a character with the punctuation
that may not start a line after it and the opening punctuation that may not end a line
before it, ——, ……, numbers, dates, 〔2021〕12号 and Latin words.  Lines are filled
greedily with units; a unit that does not fit is first pushed in by compressing full-width
punctuation on the line (先挤进), else pushed out to the next line (后推出).  Full lines
are then justified so that their last glyph ends at the block's right edge.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from docgen.fonts.roles import Role

# clreq basic: 点号, closing quotes/brackets/书名号, 连接号 and 间隔号 never start a line.
NO_LINE_START = set("、，。．：；！？）］｝〕〗】》〉」』”’·～%‰℃" + ",.;:!?)]}")
# Opening quotes, brackets and 书名号 never end a line.
NO_LINE_END = set("（［｛〔〖【《〈「『“‘" + "([{")
# Full-width punctuation whose glyph fills only half its em: it may be squeezed.
SQUEEZE_CLOSE = set("、，。：；）〕】》〉」』”’")
SQUEEZE_OPEN = set("（〔【《〈「『“‘")
SQUEEZE = 0.5  # at most half an em may be taken from a squeezable punctuation mark

_UNBREAKABLE = re.compile(
    r"〔\d{4}〕\d+号"  # 发文字号 parts
    r"|\d{4}年(?:\d{1,2}月(?:\d{1,2}日)?)?"  # dates
    r"|\d+(?:\.\d+)?[%‰年月日号时分秒]"  # numbers with their unit
    r"|[A-Za-z0-9]+(?:[.,:/'’\-][A-Za-z0-9]+)*"  # Latin words, numbers
    r"|——+|…+"  # 破折号, 省略号: one unit
    r"|."
)


@dataclass(frozen=True)
class Item:
    """One character ready to set: its face, advance and how far it may be squeezed."""

    ch: str
    role: Role
    advance: float  # points
    squeeze: float  # points it may lose
    opens: bool  # opening punctuation: squeezed from its left side


@dataclass(frozen=True)
class Placed:
    ch: str
    x: float  # drawing origin from the line's left edge
    role: Role


Measure = Callable[[str, Role], tuple[Role, float]]


def units(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` that stay on one line."""
    spans = [m.span() for m in _UNBREAKABLE.finditer(text)]
    merged: list[list[int]] = []
    for start, end in spans:
        glue_back = merged and (
            text[start] in NO_LINE_START or text[merged[-1][1] - 1] in NO_LINE_END
        )
        if glue_back:
            merged[-1][1] = end
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def make_items(text: str, roles: Sequence[Role], size: float, measure: Measure) -> list[Item]:
    items = []
    for ch, role in zip(text, roles, strict=True):
        face, advance_em = measure(ch, role)
        advance = advance_em * size
        squeezable = ch in SQUEEZE_CLOSE or ch in SQUEEZE_OPEN
        squeeze = min(SQUEEZE * size, advance / 2) if squeezable else 0.0
        items.append(Item(ch, face, advance, squeeze, ch in SQUEEZE_OPEN))
    return items


def _width(items: Sequence[Item], tracking: float) -> float:
    return sum(i.advance for i in items) + tracking * max(len(items) - 1, 0)


def _fits(items: Sequence[Item], width: float, tracking: float, squeeze: bool) -> bool:
    slack = sum(i.squeeze for i in items) if squeeze else 0.0
    return _width(items, tracking) - slack <= width + 1e-6


def _push_in(line: list[Item], unit: list[Item], width: float, tracking: float) -> bool:
    """先挤进: squeeze punctuation so that a unit's trailing no-start punctuation stays
    on this line — only when all the rest of the unit fits unsqueezed."""
    core = len(unit)
    while core and unit[core - 1].ch in NO_LINE_START:
        core -= 1
    if core in (0, len(unit)) or not _fits(line + unit[:core], width, tracking, squeeze=False):
        return False
    return _fits(line + unit, width, tracking, squeeze=True)


def break_lines(
    items: Sequence[Item],
    spans: Sequence[tuple[int, int]],
    widths: Callable[[int], float],
    tracking: float,
) -> list[list[Item]]:
    """Greedy filling; ``widths(n)`` is the measure of line n (the first may be indented)."""
    lines: list[list[Item]] = [[]]
    used = 0.0  # the current line's natural width, with tracking after every glyph
    for start, end in spans:
        unit = list(items[start:end])
        line = lines[-1]
        width = widths(len(lines) - 1)
        unit_w = sum(i.advance for i in unit) + tracking * len(unit)
        if used + unit_w - tracking <= width + 1e-6 or _push_in(line, unit, width, tracking):
            line.extend(unit)
            used += unit_w
            continue
        if line:
            lines.append([])
            width = widths(len(lines) - 1)
        # A unit longer than a whole line is split where it must be.
        for item in unit:
            if lines[-1] and not _fits([*lines[-1], item], width, tracking, squeeze=True):
                lines.append([])
                width = widths(len(lines) - 1)
            lines[-1].append(item)
        used = _width(lines[-1], tracking) + tracking
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


def place(items: Sequence[Item], width: float, tracking: float, justify: bool) -> list[Placed]:
    """Positions on a line: squeeze what must be squeezed, then spread the rest evenly."""
    excess = _width(items, tracking) - width
    slack = sum(i.squeeze for i in items)
    ratio = min(max(excess, 0.0) / slack, 1.0) if slack else 0.0
    taken = [i.squeeze * ratio for i in items]
    natural = sum(i.advance for i in items) - sum(taken)
    gaps = len(items) - 1
    gap = (width - natural) / gaps if justify and gaps else tracking
    placed, x = [], 0.0
    for item, cut in zip(items, taken, strict=True):
        placed.append(Placed(item.ch, x - (cut if item.opens else 0.0), item.role))
        x += item.advance - cut + gap
    return placed


def set_paragraph(
    text: str,
    roles: Sequence[Role],
    *,
    size: float,
    width: float,
    first_indent: float,
    tracking: float,
    measure: Measure,
) -> list[list[Placed]]:
    """Lines of a paragraph, each placed from the block's left edge; all but the last justified."""
    items = make_items(text, roles, size, measure)
    lines = break_lines(
        items, units(text), lambda n: width - (first_indent if n == 0 else 0.0), tracking
    )
    out = []
    for n, line in enumerate(lines):
        indent = first_indent if n == 0 else 0.0
        last = n == len(lines) - 1
        placed = place(line, width - indent, tracking, justify=not last)
        out.append([Placed(p.ch, p.x + indent, p.role) for p in placed])
    return out
