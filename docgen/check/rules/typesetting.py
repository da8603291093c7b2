"""How the body text is set: loose lines, characters from a face of another style, pages
holding only a fragment (issue 15).

A loose line is measured as a reader sees it: the mean distance of neighbouring 汉字 on a
full line, against the grid's 156/28 mm.  It is an error where the line could have been
set tight (what follows on the next line would have fitted), and a warning where the next
line starts with a number, word or address that does not fit in the space left — the
rules of line breaking keep those whole, so only rewording avoids the gap.
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter

from docgen.check import catalog as C
from docgen.check.content import Char, Line
from docgen.check.findings import RESOLUTION, Findings, Level
from docgen.check.fontclass import describe
from docgen.check.model import Identified
from docgen.check.rules.common import LEFT, where
from docgen.standard import fig
from docgen.standard.punctuation import NO_LINE_END, NO_LINE_START
from docgen.standard.typefaces import Typeface

RIGHT = LEFT + fig("block_width")
PITCH = fig("block_width") / fig("chars_per_line")  # 5.571 mm
_SAME_GRID_MM = 0.2
_SQUEEZABLE_SHARE = 0.5  # a full-width mark may lose half its em at a line's end
_CJK_CLASSES = {Typeface.FANGSONG, Typeface.KAITI, Typeface.HEITI, Typeface.SONGTI}


def run(doc: Identified, out: Findings) -> None:
    _loose_lines(doc, out)
    _fallback_style(doc, out)
    _fragments(doc, out)


# ---- Loose lines ------------------------------------------------------------------


def _ideograph(text: str) -> bool:
    return all(
        "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or c >= "\U00020000" for c in text
    )


def _pitch(line: Line) -> float | None:
    """The median distance of neighbouring 汉字: a space the text holds between two
    names (国家医保局 财政部) widens one step, a spread line every step."""
    chars = line.chars
    steps = [b.x0 - a.x0 for a, b in itertools.pairwise(chars) if _ideograph(a.c + b.c)]
    return statistics.median(steps) if len(steps) >= 3 else None


def _next_unit(line: Line) -> list[Char]:
    """The first unit of ``line``: a run of Latin text (a number, a word, an address) or
    one character, with the marks that may not start a line after it."""
    chars = list(line.chars)
    end = 1
    if chars[0].c.isascii():
        while end < len(chars) and chars[end].c.isascii() and chars[end].c != " ":
            end += 1
    while end < len(chars) and (chars[end].c in NO_LINE_START or chars[end - 1].c in NO_LINE_END):
        end += 1
    return chars[:end]


def _unavoidable(line: Line, nxt: Line) -> bool:
    """Whether the next line's first unit would not fit in the space the line spreads,
    with its punctuation squeezed."""
    natural = sum(c.x1 - c.x0 for c in line.chars)
    squeeze = sum(
        (c.x1 - c.x0) * _SQUEEZABLE_SHARE
        for c in line.chars
        if c.c in "、，。；：）》」』”’" and not c.c.isascii()
    )
    room = RIGHT - LEFT - (line.chars[0].x0 - LEFT) - natural + squeeze
    unit = sum(c.x1 - c.x0 for c in _next_unit(nxt))
    return unit > room


def _own_pitch(doc: Identified) -> float:
    """The document's own 汉字 pitch, from the paragraphs' last lines (not justified): the
    grid's 5.571 mm in a 3号 document, less in one set in 14 pt (grid.chars-per-line says
    so); a line is loose when it is wider than the document's own pitch."""
    pitches = [p for par in doc.paragraphs if (p := _pitch(par.lines[-1])) is not None]
    own = statistics.median(pitches) if len(pitches) >= 3 else PITCH
    # on the 28-a-line grid (a word processor's rounding: LibreOffice sets 5.54 mm) the
    # grid's own pitch; another grid (a 14 pt body: 4.9 mm) is measured against itself
    return PITCH if abs(own - PITCH) < _SAME_GRID_MM else own


def _loose_lines(doc: Identified, out: Findings) -> None:
    tolerance = fig("char_pitch_tolerance")
    own = _own_pitch(doc)
    checked = 0
    for par in doc.paragraphs:
        for line, nxt in itertools.pairwise(par.lines):
            pitch = _pitch(line)
            if pitch is None or line.x1 < RIGHT - line.em or abs(line.size - doc.body_size) > 0.1:
                continue
            checked += 1
            if pitch - own <= tolerance + RESOLUTION:  # at the precision it is reported in
                continue
            forced = _unavoidable(line, nxt)
            why = (
                "the next line starts with a word or number that does not fit"
                if forced
                else "what starts the next line would have fitted"
            )
            out.add(
                C.LOOSE_LINE,
                Level.WARNING if forced else Level.ERROR,
                f"characters spread to {pitch:.2f} mm ({why}): {where(line, doc.pitch)}",
                page=line.page + 1,
                measured=f"{pitch:.2f} mm",
                expected=f"{own:.3f} mm",
                tolerance=f"+{tolerance:g} mm",
            )
    if checked and not any(f.rule == C.LOOSE_LINE.id for f in out):
        out.result(
            C.LOOSE_LINE,
            True,
            f"{checked} full lines keep the pitch",
            measured=f"{checked} lines",
            expected=f"{PITCH:.3f} ± {tolerance:g} mm",
        )
    elif not checked:
        out.not_checked(C.LOOSE_LINE, "no full body line with 汉字 to measure")


# ---- Characters from a face of another style ----------------------------------------


def _fallback_style(doc: Identified, out: Findings) -> None:
    """汉字 drawn from a fallback face of another CJK style than their line's: a face that
    draws no run of three 汉字 anywhere in the document only stands in for characters
    the line's own face lacks (a face that sets headings or labels — 出席：in 黑体 — is
    a deliberate change of style, not a fallback)."""
    lines = [ln for par in doc.paragraphs for ln in par.lines]
    faces = _faces_setting_text(lines)
    found: dict[tuple[int, str, str], list[str]] = {}
    for line in lines:
        main = line.main_class()
        if main not in _CJK_CLASSES:
            continue
        for c in line.chars:
            if _ideograph(c.c) and c.cls in _CJK_CLASSES and c.cls != main and c.font not in faces:
                key = (line.page + 1, describe(main), f"{c.font} ({describe(c.cls)})")
                found.setdefault(key, []).append(c.c)
    for (page, style, face), chars in sorted(found.items()):
        listed = "".join(dict.fromkeys(chars))
        out.add(
            C.FALLBACK_STYLE,
            Level.WARNING,
            f"{listed} drawn in {face} inside {style} text",
            page=page,
            measured=f"{listed}: {face}",
            expected=style,
        )
    if not found:
        out.result(C.FALLBACK_STYLE, True, "every 汉字 in its text's style")


def _faces_setting_text(lines: list[Line]) -> set[str]:
    """Fonts that draw a run of three 汉字 or more somewhere."""
    out = set()
    for line in lines:
        for font, run in itertools.groupby(line.chars, key=lambda c: c.font):
            if sum(1 for c in run if _ideograph(c.c)) >= 3:
                out.add(font)
    return out


# ---- Pages of a fragment ----------------------------------------------------------


def _fragments(doc: Identified, out: Findings) -> None:
    limit = int(fig("fragment_max_lines"))
    lines_on = Counter(ln.page for ln in doc.body_lines())
    others = _pages_with_other_content(doc)
    found = False
    for par in doc.paragraphs:
        tail = [ln for ln in par.lines if ln.page != par.page]
        if not tail or tail[0].page in others:
            continue
        page = tail[0].page
        if len(tail) <= limit and lines_on[page] == len(tail):
            found = True
            out.add(
                C.FRAGMENT_PAGE,
                Level.WARNING,
                f"page {page + 1} holds only the last {len(tail)} line(s) of a paragraph:"
                f" {where(tail[-1], doc.pitch)}",
                page=page + 1,
                measured=f"{len(tail)} lines",
                expected=f"more than {limit} lines, or the tail on the page before",
            )
    if not found:
        out.result(C.FRAGMENT_PAGE, True, "no page holds only a paragraph's tail")


def _pages_with_other_content(doc: Identified) -> set[int]:
    """Pages with a 署名, date, 附注, 版记, table or attachment on them: not a fragment."""
    closing = doc.closing
    lines = [*closing.signature, *closing.attachment_note, *closing.remark]
    if closing.date:
        lines.append(closing.date)
    pages = {ln.page for ln in lines}
    if doc.colophon:
        pages.add(doc.colophon.page)
    pages |= {t.page for t in doc.tables}
    pages |= {p.page for p in doc.paragraphs if p.section}
    return pages
