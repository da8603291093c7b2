"""Body markup (what body templates write) → paragraphs of styled runs.

The markup is a small XML vocabulary: ``<p>`` paragraphs holding text, ``<h1>``–``<h4>``
heading runs and ``<em>`` emphasis.  Line breaks and the indentation around them are
template formatting, not text, and are dropped; every other character is kept.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from docgen.document.model import Paragraph, Run, Style

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


def parse_body(markup: str) -> tuple[Paragraph, ...]:
    try:
        root = ET.fromstring(f"<body>{markup}</body>")
    except ET.ParseError as exc:
        raise MarkupError(f"body markup is not well formed: {exc}") from None
    if _clean(root.text):
        raise MarkupError(f"text outside a <p>: {_clean(root.text)[:20]!r}")
    paragraphs = []
    for element in root:
        if element.tag != "p":
            raise MarkupError(f"<{element.tag}> at the top level; expected <p>")
        if _clean(element.tail):
            raise MarkupError(f"text outside a <p>: {_clean(element.tail)[:20]!r}")
        runs = _merge(_runs(element, Style.BODY))
        if runs:
            paragraphs.append(Paragraph(runs))
    return tuple(paragraphs)
