"""Whether any allowed adjustment keeps a paragraph's full lines within the CJK pitch.

Issue 13 accepts a full line outside 5.571 ± 0.35 mm only where a test shows that no
allowed adjustment avoids it.  This module is that test's reasoning, written apart from the
layout's search (``docgen/layout/balance.py``) so that it checks the layout instead of
repeating it.  It is generous on purpose: every line may use every adjustment of
docs/typesetting.md at once and to its limit, and word processors are left out —

* breaks: wherever the rules allow one (``linebreak.units``), and also where the last
  resorts do (inside an address anywhere, an English word at a hyphenation point);
* closing up a line (to hold one more unit): every full-width mark that may be squeezed —
  closing marks and opening brackets alike, at the line's end or anywhere on it — loses
  half an em, every 中西间距 shrinks to an eighth of an em (clreq's least), every space
  between Latin words to a quarter of an em;
* spreading a line: 西文词距 and 中西间距 widen to half an em first, and only the rest is
  spread over the other gaps (clreq §3.8); digits and the letters of a word never part.

A paragraph for which even this finds no choice of breaks that keeps every full line's
汉字 within the tolerance is one that no allowed adjustment can set within it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from docgen.layout.balance import OPENING
from docgen.layout.linebreak import Item, in_word, units
from docgen.standard.punctuation import SQUEEZABLE

MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str
    excess: float  # mm a gap between 汉字 beyond the tolerance, at best (0: within it)


def _word_space(items: Sequence[Item], i: int) -> bool:
    if items[i].ch != " " or i == 0 or i + 1 >= len(items):
        return False
    return items[i - 1].ch.isascii() and items[i + 1].ch.isascii()


@dataclass(frozen=True)
class Pitch:
    """What the pitch is measured against: the body's em and tracking, the target and
    its tolerance (mm)."""

    em: float
    tracking: float
    target: float
    tolerance: float


@dataclass(frozen=True)
class Limits:
    """One line's natural width, how far it may close up, how far its 西文词距 and
    中西间距 may widen, and the gaps left to spread evenly (points)."""

    width: float
    shrink: float
    room: float
    gaps: int

    @classmethod
    def of(cls, items: Sequence[Item], a: int, b: int, hyphen: float, p: Pitch) -> Limits | None:
        while a < b and items[a].ch == " ":
            a += 1
        while b > a and items[b - 1].ch == " ":
            b -= 1
        line = items[a:b]
        if not line:
            return None
        em, tracking = p.em, p.tracking
        width = sum(i.advance + i.after for i in line) - line[-1].after
        width += tracking * (len(line) - 1) + (hyphen + tracking if hyphen else 0.0)
        marks = sum(
            i.advance / 2
            for i in line
            if (i.ch in SQUEEZABLE or i.ch in OPENING) and i.advance > 0.9 * em
        )
        mixed = [i for i in line[:-1] if i.after]
        spaces = [k for k in range(a, b) if _word_space(items, k)]
        shrink = marks + sum(max(i.after + tracking - em / 8, 0.0) for i in mixed)
        shrink += sum(max(items[k].advance + 2 * tracking - em / 4, 0.0) for k in spaces)
        room = sum(max(em / 2 - i.after - tracking, 0.0) for i in mixed)
        room += sum(max(em / 2 - items[k].advance - 2 * tracking, 0.0) for k in spaces)
        special = {k - a for k in spaces} | {k - a - 1 for k in spaces}
        special |= {k for k, i in enumerate(line[:-1]) if i.after}
        gaps = sum(
            1
            for k, (x, y) in enumerate(itertools.pairwise(line))
            if not in_word(x.ch, y.ch) and k not in special
        )
        return cls(width, shrink, room, gaps)

    def fits(self, measure: float) -> bool:
        return self.width - self.shrink <= measure + 1e-6

    def excess(self, measure: float, p: Pitch) -> float:
        """How far (mm a gap) the line's 汉字 stand beyond the tolerance at best when it
        is justified to ``measure`` (a line without 汉字: its gaps, held to the same
        limit); ``inf`` when it does not fit however closed up."""
        if not self.fits(measure):
            return math.inf
        rest = measure - self.width - self.room
        if rest <= 0:
            return 0.0
        if not self.gaps:  # nothing but the letters of a word, which never part
            return math.inf
        pitch = (p.em + p.tracking + rest / self.gaps) * MM_PER_PT
        return max(abs(pitch - p.target) - p.tolerance, 0.0)


def best_setting(
    text: str,
    items: Sequence[Item],
    widths: tuple[float, float],
    hyphens: dict[int, float],
    p: Pitch,
) -> list[Line]:
    """The choice of breaks whose worst full line stands least beyond the tolerance, with
    every adjustment at its limit (the module's docstring).  ``widths``: the first line's
    measure and the others'; ``hyphens``: the width of the hyphen a break at each of
    ``text``'s hyphenation points adds."""
    bounds = sorted(
        {a for a, _ in units(text)} | {a for a, _ in units(text, anywhere=True)} | set(hyphens)
    )
    bounds = [*bounds, len(text)] if bounds[-1] != len(text) else bounds
    last = len(bounds) - 1

    def line(k: int, k1: int) -> tuple[Limits | None, float]:
        a, b = bounds[k], bounds[k1]
        return Limits.of(items, a, b, hyphens.get(b, 0.0), p), widths[0] if k == 0 else widths[1]

    @cache
    def best(k: int) -> tuple[float, tuple[int, ...]]:
        if k == last:
            return 0.0, ()
        out: tuple[float, tuple[int, ...]] = (math.inf, ())
        for k1 in range(k + 1, last + 1):
            limits, measure = line(k, k1)
            if limits is None:
                continue
            if not limits.fits(measure):
                if bounds[k1] in hyphens:
                    continue  # its hyphen: the word's end may still fit
                break  # nor does any longer line
            worst = 0.0 if k1 == last else limits.excess(measure, p)
            rest, path = best(k1)
            if max(worst, rest) < out[0]:
                out = (max(worst, rest), (k1, *path))
        return out

    out, k = [], 0
    for k1 in best(0)[1]:
        limits, measure = line(k, k1)
        full = k1 != last and limits is not None
        e = limits.excess(measure, p) if full else 0.0
        out.append(Line(bounds[k], bounds[k1], text[bounds[k] : bounds[k1]], e))
        k = k1
    return out


def body_paragraph(spec: Path, needle: str) -> list[Line]:
    """:func:`best_setting` of the body paragraph of ``spec`` that holds ``needle``, set
    as the layout sets body paragraphs (indented 2 字, the build's faces)."""
    from docgen.build import BuildOptions, make_faces
    from docgen.compose import compose
    from docgen.document.model import Paragraph
    from docgen.fonts.roles import Role
    from docgen.layout import grid
    from docgen.layout.hyphenate import SOFT_HYPHEN, hyphen_points
    from docgen.layout.linebreak import make_items
    from docgen.render import load_spec
    from docgen.standard import BLOCK_WIDTH_PT, BODY_SIZE_PT, CHAR_PITCH_PT, fig

    loaded = load_spec(spec)
    faces = make_faces(loaded, BuildOptions())[0]
    found = [b for b in compose(loaded).body if isinstance(b, Paragraph) and needle in b.text]
    assert len(found) == 1, f"{spec.name}: {len(found)} body paragraphs hold {needle!r}"
    paragraph = found[0]
    text = paragraph.text
    roles = [Role.of(run.style.typeface) for run in paragraph.runs for _ in run.text]
    items = make_items(text, roles, BODY_SIZE_PT, faces.measure_text)
    hyphens = {
        at: faces.measure_text(SOFT_HYPHEN, [items[at - 1].role])[0][1] * BODY_SIZE_PT
        for at in hyphen_points(text)
    }
    indent = grid.indent(fig("paragraph_indent"))
    pitch = Pitch(
        BODY_SIZE_PT,
        grid.BODY_TRACKING,
        CHAR_PITCH_PT * MM_PER_PT,
        float(fig("char_pitch_tolerance")),
    )
    return best_setting(text, items, (BLOCK_WIDTH_PT - indent, BLOCK_WIDTH_PT), hyphens, pitch)
