"""A paragraph set: its line breaks chosen (balance.py, else greedy filling), its lines
placed, and what the DOCX must insert to break it the same way."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import StrEnum

from msgspec import Struct

from docgen.fonts.roles import Role
from docgen.layout.balance import balanced, least_spread, loosened, squeeze
from docgen.layout.hyphenate import SOFT_HYPHEN, hyphen_points
from docgen.layout.linebreak import (
    Item,
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


def _inserts(text: str, starts: Sequence[int], hyphens: Sequence[int]) -> list[tuple[int, str]]:
    """A break offered wherever a line starts inside Latin text (an address, a word split
    as the last resort): word processors do not break there on their own.  A word broken
    with a hyphen gets a soft hyphen, which they draw as a hyphen at a line's end."""
    return [
        (a, SOFT_HYPHEN if a in hyphens else ZWSP)
        for a in starts[1:]
        if text[a - 1] != " " != text[a] and text[a - 1].isascii() and text[a].isascii()
    ]


def _cut(spans: Sequence[tuple[int, int]], at: Iterable[int]) -> list[tuple[int, int]]:
    """``spans`` cut at the positions ``at``."""
    cuts = sorted(at)
    out = []
    for a, b in spans:
        for c in (c for c in cuts if a < c < b):
            out.append((a, c))
            a = c
        out.append((a, b))
    return out


def _hyphens(text: str, items: Sequence[Item], size: float, measure: MeasureText) -> dict:
    """Hyphenation points of ``text``'s English words, each with its hyphen's width."""
    return {p: measure(SOFT_HYPHEN, [items[p - 1].role])[0][1] * size for p in hyphen_points(text)}


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
    if chosen is None:  # the last resorts: break inside an address, where that is enough
        finer = units(text, anywhere=True)
        if finer != spans and (chosen := balanced(items, size, finer, widths, spacing, tracking)):
            spans = finer
    hyphens: dict[int, float] = {}
    if chosen is None:  # else break English words, spread as few lines as little as can be
        hyphens = _hyphens(text, items, size, measure)
        chosen = least_spread(items, size, _cut(spans, hyphens), widths, spacing, tracking, hyphens)
        hyphens = {b: hyphens[b] for _, b in chosen.lines if b in hyphens} if chosen else {}
        spans = _cut(spans, hyphens)  # what the DOCX offers: the breaks taken
    squeezed = chosen.squeezed if chosen else []
    items = squeeze(items, size, squeezed)
    spaced = loosened(items, spans, chosen.lines, widths, spacing) if chosen else []
    ranges = trim(items, chosen.lines) if chosen else break_lines(items, spans, widths, spacing)
    out = []
    for n, (a, b) in enumerate(ranges):
        indent = first_indent if n == 0 else 0.0
        last = n == len(ranges) - 1
        line = items[a:b]
        if b in hyphens:
            line = [*line, Item(SOFT_HYPHEN, items[b - 1].role, hyphens[b], hyphens[b])]
        out.append(
            place(line, width - indent, tracking, justify=not last, left=left + indent, em=size)
        )
    starts = [a for a, _ in ranges]
    resort = (
        LastResort.SPREAD
        if chosen is None or chosen.spread
        else LastResort.LONE_TAIL
        if chosen.lone_tail
        else None
    )
    return Setting(out, starts, _inserts(text, starts, list(hyphens)), spaced, squeezed, resort)
