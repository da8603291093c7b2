"""Title lines (§7.3.1): balanced, words kept whole, a trapezoid or diamond shape."""

from __future__ import annotations

import itertools
import math

from docgen.layout.words import word_lengths

_GLUED_AFTER_DIGITS = "年月日号届次期"


def word_boundaries(text: str) -> list[int]:
    """Offsets where a line may break without splitting a word, a number or a date."""
    offsets = list(itertools.accumulate(word_lengths(text)))
    return [
        i
        for i in offsets[:-1]
        if not (text[i - 1].isdigit() and (text[i].isdigit() or text[i] in _GLUED_AFTER_DIGITS))
    ]


def _width(text: str) -> float:
    """Width in characters of the title's size: half-width letters and digits count ½."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text)


def _cost(lengths: list[float]) -> float:
    mean = sum(lengths) / len(lengths)
    spread = sum((n - mean) ** 2 for n in lengths)
    # Prefer 正梯形 (each line no longer than the next) or a diamond (middle widest):
    # penalise a first line longer than the second and a last line longer than the one above.
    shape = max(0, lengths[0] - lengths[1]) + (
        max(0, lengths[-1] - lengths[-2]) if len(lengths) > 2 else 0
    )
    return spread + 4 * shape


def break_title(text: str, max_chars: int) -> tuple[str, ...]:
    """Split a title into the fewest balanced lines of at most ``max_chars`` characters."""
    if _width(text) <= max_chars:
        return (text,)
    boundaries = word_boundaries(text)
    lines = math.ceil(_width(text) / max_chars)
    while lines <= len(text):
        best = None
        for cuts in itertools.combinations(boundaries, lines - 1):
            edges = [0, *cuts, len(text)]
            lengths = [_width(text[a:b]) for a, b in itertools.pairwise(edges)]
            if max(lengths) > max_chars:
                continue
            cost = _cost(lengths)
            if best is None or cost < best[0]:
                best = (cost, edges)
        if best:
            edges = best[1]
            return tuple(text[a:b] for a, b in itertools.pairwise(edges))
        lines += 1
    raise AssertionError("unreachable: one character a line always fits")
