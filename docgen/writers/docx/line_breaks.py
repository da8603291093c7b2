"""What makes word processors break the DOCX's lines where the layout did.

Word and LibreOffice fill lines greedily, by the same rules and widths as the layout
(tests/stress measures it), but the layout sometimes breaks where they would not:
inside a URL (``Plan.inserts``: a zero-width space offers the break), after a unit that
fits only with punctuation set in half an em (``Plan.squeezed``: those marks get
``w:w="50"``, which LibreOffice and Word apply to single characters, where LibreOffice
7.4 ignores negative spacing, measured), or before a unit that still fits, to keep a line
from spreading or a paragraph from ending in one character (``Plan.loosened``: that
line's characters get wider spacing, so that the unit no longer fits — LibreOffice 7.4
ignores word joiners in Chinese text, measured).  All are keyed by the wrapped text; this
pass finds each paragraph with that text and changes its runs.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping

from docx.oxml.ns import qn
from lxml.etree import _Element

from docgen.writers.docx import xml as x

Inserts = Mapping[str, tuple[tuple[int, str], ...]]
Loosened = Mapping[str, tuple[tuple[int, int, int], ...]]
Squeezed = Mapping[str, tuple[int, ...]]

# rPr children in the schema's order from w:spacing on (ECMA-376 §17.3.2.28): a property
# goes before the first child that comes after it.
_TAIL = ("spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr",
         "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
         "specVanish", "oMath")  # fmt: skip
_AFTER = {f"w:{tag}": {qn(f"w:{t}") for t in _TAIL[i + 1 :]} for i, tag in enumerate(_TAIL)}


def apply_line_breaks(
    body: _Element, inserts: Inserts, loosened: Loosened, squeezed: Squeezed
) -> None:
    if not inserts and not loosened and not squeezed:
        return
    for paragraph in body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        for start, end, twips in loosened.get(text, ()):
            _set_props(paragraph, start, end, "w:spacing", twips)
        for at in squeezed.get(text, ()):  # half an em: w:w scales the glyph's width
            _set_props(paragraph, at, at + 1, "w:w", 50)
        if wanted := inserts.get(text):
            _insert(list(paragraph.iter(qn("w:t"))), wanted)


def _insert(texts: list[_Element], wanted: tuple[tuple[int, str], ...]) -> None:
    """Each (position, character) into the run text that holds the position."""
    start = 0
    for t in texts:
        text = t.text or ""
        end = start + len(text)
        mine = [(pos - start, ch) for pos, ch in wanted if start <= pos < end]
        for offset, ch in reversed(mine):
            text = text[:offset] + ch + text[offset:]
        if mine:
            t.text = text
        start = end


def _text_runs(paragraph: _Element) -> list[tuple[_Element, _Element]]:
    return [(r, t) for r in paragraph.iter(qn("w:r")) if (t := r.find(qn("w:t"))) is not None]


def _set_props(paragraph: _Element, start: int, end: int, tag: str, value: int) -> None:
    """``<tag w:val=value>`` in the run properties of the characters ``start:end``."""
    _split_at(paragraph, start)
    _split_at(paragraph, end)
    at = 0
    for run, t in _text_runs(paragraph):
        n = len(t.text or "")
        if n and start <= at and at + n <= end:
            _set_prop(run, tag, value)
        at += n


def _split_at(paragraph: _Element, pos: int) -> None:
    """Split the text run that spans ``pos`` in two."""
    at = 0
    for run, t in _text_runs(paragraph):
        text = t.text or ""
        if at < pos < at + len(text):
            twin = copy.deepcopy(run)
            _set_text(t, text[: pos - at])
            _set_text(twin.find(qn("w:t")), text[pos - at :])
            run.addnext(twin)
            return
        at += len(text)


def _set_text(t: _Element, text: str) -> None:
    t.text = text
    if text != text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


def _set_prop(run: _Element, tag: str, value: int) -> None:
    rpr = run.find(qn("w:rPr"))
    if rpr is None:
        rpr = x.el("w:rPr")
        run.insert(0, rpr)
    old = rpr.find(qn(tag))
    if old is not None:
        rpr.remove(old)
    prop = x.el(tag, {"w:val": value})
    later = _AFTER[tag]
    after = next((child for child in rpr if child.tag in later), None)
    if after is None:
        rpr.append(prop)
    else:
        after.addprevious(prop)
