"""Title lines (§7.3.1): balanced, words kept whole, a trapezoid or diamond shape.

The best split is found by dynamic programming over the break points, in time linear in
the title's length for a given number of lines (a 200-character title takes milliseconds):
the cost of a split is the spread of its line lengths around their mean plus a penalty
for a first line longer than the second or a last line longer than the one above it, so
the state is the break point, the lines so far and the length of the last line.  Costs are
integers (lengths in half characters, scaled by the number of lines), so equal splits are
told apart exactly: the one that breaks earliest wins.
"""

from __future__ import annotations

import itertools
import math

from docgen.layout.words import word_lengths
from docgen.standard.punctuation import NO_LINE_END, NO_LINE_START

_GLUED_AFTER_DIGITS = "年月日号届次期"
_SHAPE_WEIGHT = 4  # a line out of shape costs as much as a spread of 2 characters²


def word_boundaries(text: str) -> list[int]:
    """Offsets where a line may break without splitting a word, a number or a date."""
    offsets = list(itertools.accumulate(word_lengths(text)))
    return [
        i
        for i in offsets[:-1]
        if not (text[i - 1].isdigit() and (text[i].isdigit() or text[i] in _GLUED_AFTER_DIGITS))
        and _allowed(text, i)
    ]


def _allowed(text: str, i: int) -> bool:
    """GB/T 15834 §5.1: no 《（“ at a line's end, no 、，》） at a line's start."""
    return text[i] not in NO_LINE_START and text[i - 1] not in NO_LINE_END


def _halves(text: str) -> int:
    """Width in half characters of the title's size: letters and digits are half wide."""
    return sum(1 if ch.isascii() else 2 for ch in text)


def _split(text: str, cuts: list[int], lines: int, most: int) -> tuple[int, ...] | None:
    """The cheapest split of ``text`` at ``cuts`` into ``lines`` lines of at most ``most``
    half characters; the earliest-breaking of equal ones; None when none fits."""
    edges = [0, *cuts, len(text)]
    prefix = [0, *itertools.accumulate(_halves(ch) for ch in text)]
    total, last_edge = prefix[-1], len(edges) - 1
    # states[edge][(lines so far, last line's length)] = (cost, cuts so far).  A cost is
    # lines² × 4 × (spread + shape penalty), an integer in half characters.
    states: list[dict[tuple[int, int], tuple[int, tuple[int, ...]]]] = [{} for _ in edges]
    states[0][(0, 0)] = (0, ())
    for a in range(last_edge):
        for (done, last), (cost, path) in states[a].items():
            for b in range(a + 1, last_edge + 1):
                width = prefix[edges[b]] - prefix[edges[a]]
                if width > most:
                    break  # later edges only make the line longer
                if (b == last_edge) != (done == lines - 1):
                    continue  # the last line ends the title; no other line does
                step = (lines * width - total) ** 2
                if done == 1:  # a first line longer than the second
                    step += 2 * _SHAPE_WEIGHT * lines**2 * max(0, last - width)
                if done == lines - 1 and lines > 2:  # a last line longer than the one above
                    step += 2 * _SHAPE_WEIGHT * lines**2 * max(0, width - last)
                key = (done + 1, width)
                found = (cost + step, (*path, edges[b]) if b < last_edge else path)
                if key not in states[b] or found < states[b][key]:
                    states[b][key] = found
    ends = [found for (done, _), found in states[last_edge].items() if done == lines]
    return min(ends)[1] if ends else None


def break_title(text: str, max_chars: int) -> tuple[tuple[str, ...], bool]:
    """Split a title into the fewest balanced lines of at most ``max_chars`` characters.

    Returns the lines and whether a word had to be split (a title with no word boundary
    that fits, such as one long number or address): then it breaks between any two
    characters the punctuation rules allow."""
    most = 2 * max_chars
    if _halves(text) <= most:
        return (text,), False
    for cuts, forced in ((word_boundaries(text), False), (_char_boundaries(text), True)):
        lines = math.ceil(_halves(text) / most)
        while lines <= len(cuts) + 1:
            found = _split(text, cuts, lines, most)
            if found is not None:
                edges = [0, *found, len(text)]
                return tuple(text[a:b] for a, b in itertools.pairwise(edges)), forced
            lines += 1
    edges = [*range(0, len(text), max_chars), len(text)]  # no rule can be kept
    return tuple(text[a:b] for a, b in itertools.pairwise(edges)), True


def _char_boundaries(text: str) -> list[int]:
    """Every offset where GB/T 15834's line-start and line-end rules allow a break."""
    return [i for i in range(1, len(text)) if _allowed(text, i)]
