"""No forbidden mark at a line start or end (§9 → GB/T 15834 §5.1; clreq basic level).

The sets are docgen's own (docgen.layout.linebreak), so checker and typesetter agree.
"""

from __future__ import annotations

from collections.abc import Iterator

from docgen.check import catalog as C
from docgen.check.content import Line
from docgen.check.findings import Findings
from docgen.check.model import Identified
from docgen.check.rules.common import where
from docgen.standard.punctuation import NO_LINE_END, NO_LINE_START

_UNSPLIT = "—…"  # 破折号 and 省略号 are two-em units that may not be split


def _blocks(doc: Identified) -> Iterator[list[Line]]:
    """Runs of lines that wrap into each other."""
    yield from (p.lines for p in doc.paragraphs)
    for lines in (doc.title, doc.recipients, doc.closing.attachment_note, doc.closing.remark):
        if lines:
            yield lines
    if doc.colophon:
        yield from ([ln] for ln in doc.colophon.lines)


def run(doc: Identified, out: Findings) -> None:
    starts = ends = 0
    checked = 0
    for lines in _blocks(doc):
        for i, line in enumerate(lines):
            checked += 1
            first, last = line.chars[0].c, line.chars[-1].c
            if i and first in NO_LINE_START:
                starts += 1
                out.result(
                    C.LINE_START,
                    False,
                    f"line starts with {first!r}: {where(line, doc.pitch)}",
                    page=line.page + 1,
                    measured=first,
                    expected="no 行首禁则 mark at a line start",
                )
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            split = nxt is not None and last in _UNSPLIT and nxt.chars[0].c == last
            if last in NO_LINE_END or split:
                ends += 1
                what = f"{last}{last} split across lines" if split else f"line ends with {last!r}"
                out.result(
                    C.LINE_END,
                    False,
                    f"{what}: {where(line, doc.pitch)}",
                    page=line.page + 1,
                    measured=last,
                    expected="no 行尾禁则 mark at a line end, —— and …… unsplit",
                )
    if not checked:
        for check in (C.LINE_START, C.LINE_END):
            out.not_checked(check, "no text lines found")
        return
    if not starts:
        out.result(
            C.LINE_START,
            True,
            f"{checked} lines: none starts with a 行首禁则 mark",
            measured="none",
            expected="none",
        )
    if not ends:
        out.result(
            C.LINE_END,
            True,
            f"{checked} lines: none ends with a 行尾禁则 mark",
            measured="none",
            expected="none",
        )
