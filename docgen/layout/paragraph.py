"""A paragraph set: its line breaks chosen (balance.py, else greedy filling), its lines
placed, and what the DOCX must insert to break it the same way."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from msgspec import Struct

from docgen.fonts.roles import Role
from docgen.layout.balance import balanced, loosened, squeeze
from docgen.layout.linebreak import (
    MeasureText,
    Placed,
    break_lines,
    make_items,
    place,
    trim,
    units,
)

# Zero-width characters a DOCX carries so that word processors break as the layout did.
ZWSP = "\u200b"  # offers a break (inside an address)


class LastResort(StrEnum):
    """What a paragraph's setting could not avoid within the rules (docs/typesetting.md)."""

    SPREAD = "spread"  # filled line by line, spread beyond max_spread where it must be
    LONE_TAIL = "lone-tail"  # its last line holds one character


class Setting(Struct):
    """A paragraph set: its lines of placed glyphs, where each starts in the text, and the
    zero-width characters the DOCX inserts to break it the same way (position, character:
    a position counts characters of the text before it)."""

    lines: list[list[Placed]]
    starts: list[int]
    inserts: list[tuple[int, str]]
    loosened: list[tuple[int, int, int]]  # (start, end, character spacing in twips)
    squeezed: list[int]  # punctuation set in half an em (positions in the text)
    last_resort: LastResort | None = None  # what no allowed choice could avoid


def _inserts(text: str, starts: Sequence[int]) -> list[tuple[int, str]]:
    """A break offered wherever a line starts inside Latin text (an address, a word split
    as the last resort): word processors do not break there on their own."""
    return [
        (a, ZWSP)
        for a in starts[1:]
        if text[a - 1] != " " != text[a] and text[a - 1].isascii() and text[a].isascii()
    ]


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

    spans = units(text)
    chosen = balanced(items, size, spans, widths, spacing, tracking)
    squeezed = chosen.squeezed if chosen else []
    items = squeeze(items, size, squeezed)
    spaced = loosened(items, spans, chosen.lines, widths, spacing) if chosen else []
    ranges = trim(items, chosen.lines) if chosen else break_lines(items, spans, widths, spacing)
    out = []
    for n, (a, b) in enumerate(ranges):
        indent = first_indent if n == 0 else 0.0
        last = n == len(ranges) - 1
        line = items[a:b]
        out.append(place(line, width - indent, tracking, justify=not last, left=left + indent))
    starts = [a for a, _ in ranges]
    resort = (
        LastResort.SPREAD if chosen is None else LastResort.LONE_TAIL if chosen.lone_tail else None
    )
    return Setting(out, starts, _inserts(text, starts), spaced, squeezed, resort)
