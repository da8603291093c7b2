"""Where an English word may break with a hyphen: the last resort before a line is
spread beyond ``max_spread`` (docs/typesetting.md).  The points are those of pyphen's
English (US) dictionary, the patterns LibreOffice and Hunspell use."""

from __future__ import annotations

import re
from functools import cache

from docgen.standard import fig

SOFT_HYPHEN = "\u00ad"  # drawn as a hyphen at a line's end; the DOCX carries it there
# A word of five letters or more, not part of an address, a file name or a code: nothing
# but a space, a bracket or a mark of the sentence stands next to it.
_WORD = re.compile(r"(?<![A-Za-z0-9./@_:#?&=\\-])[A-Za-z]{5,}(?![A-Za-z0-9/@_:#?&=\\-]|\.\w)")


@cache
def _dictionary():
    import pyphen

    left, right = int(fig("hyphen_min_letters")), int(fig("hyphen_min_tail"))
    return pyphen.Pyphen(lang="en_US", left=left, right=right)


def hyphen_points(text: str) -> set[int]:
    """Positions in ``text`` (the index of the letter after the break) where an English
    word may break with a hyphen.  Words in capitals (WTO, CIIE) and words joined to
    digits are not broken."""
    points: set[int] = set()
    for m in _WORD.finditer(text):
        word = m.group()
        if word.isupper():
            continue
        points.update(m.start() + p for p in _dictionary().positions(word))
    return points
