"""Body markup (what body templates write) → paragraphs of styled runs.

The markup is a small XML vocabulary: ``<p>`` paragraphs holding text, ``<h1>``–``<h4>``
heading runs and ``<em>`` emphasis; ``<table>`` of ``<tr>`` rows (``head="1"`` for header
rows) of ``<td>`` cells.  Line breaks and the indentation around them are
template formatting, not text, and are dropped; every other character is kept.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from docgen.document.model import Block, Paragraph, Run, Style, Table

_RUN_TAGS = {"h1": Style.H1, "h2": Style.H2, "h3": Style.H3, "h4": Style.H4, "em": Style.EMPHASIS}
_LAYOUT_WHITESPACE = re.compile(r"[ \t]*\n\s*")


class MarkupError(ValueError):
    """The body markup is malformed or uses an unknown tag."""


def _clean(text: str | None) -> str:
    return _LAYOUT_WHITESPACE.sub("", text or "")


def _runs(element: ET.Element, style: Style) -> list[Run]:
    runs = [Run(_clean(element.text), style)]
    for child in element:
        if child.tag not in _RUN_TAGS:
            raise MarkupError(f"<{child.tag}> is not allowed inside <{element.tag}>")
        runs += _runs(child, _RUN_TAGS[child.tag])
        runs.append(Run(_clean(child.tail), style))
    return runs


def _merge(runs: list[Run]) -> tuple[Run, ...]:
    """Drop empty runs and join neighbours of the same style."""
    out: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if out and out[-1].style == run.style:
            out[-1] = Run(out[-1].text + run.text, run.style)
        else:
            out.append(run)
    return tuple(out)


def _table(element: ET.Element) -> Table:
    rows, header_rows = [], 0
    for tr in element:
        if tr.tag != "tr":
            raise MarkupError(f"<{tr.tag}> inside <table>; expected <tr>")
        cells = []
        for td in tr:
            if td.tag != "td" or len(td):
                raise MarkupError("a <tr> holds <td> cells of plain text")
            cells.append(_clean(td.text))
        if tr.get("head") == "1":
            if len(rows) != header_rows:
                raise MarkupError("header rows come first in a <table>")
            header_rows += 1
        rows.append(tuple(cells))
    widths = element.get("widths")
    landscape = element.get("landscape")
    return Table(
        rows=tuple(rows),
        header_rows=header_rows,
        widths=tuple(float(w) for w in widths.split(",")) if widths else None,
        landscape=None if landscape is None else landscape == "1",
    )


def parse_body(markup: str) -> tuple[Block, ...]:
    try:
        root = ET.fromstring(f"<body>{markup}</body>")
    except ET.ParseError as exc:
        raise MarkupError(f"body markup is not well formed: {exc}") from None
    if _clean(root.text):
        raise MarkupError(f"text outside a <p>: {_clean(root.text)[:20]!r}")
    blocks: list[Block] = []
    for element in root:
        if _clean(element.tail):
            raise MarkupError(f"text outside a <p>: {_clean(element.tail)[:20]!r}")
        if element.tag == "table":
            blocks.append(_table(element))
            continue
        if element.tag != "p":
            raise MarkupError(f"<{element.tag}> at the top level; expected <p> or <table>")
        runs = _merge(_runs(element, Style.BODY))
        if runs:
            blocks.append(Paragraph(runs))
    return tuple(blocks)
