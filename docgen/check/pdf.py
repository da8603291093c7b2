"""Check one PDF: read → identify → every rule group."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from docgen.check.content import PdfContent, UnreadableError
from docgen.check.extract import read_pdf
from docgen.check.findings import FileReport, Findings
from docgen.check.identify import identify
from docgen.check.rules import (
    attachments,
    closing,
    colophon,
    colour,
    fonts,
    grid,
    header,
    headings,
    linebreak,
    page,
    page_numbers,
    title,
    typesetting,
)

RULE_GROUPS = (
    page,
    grid,
    fonts,
    header,
    title,
    headings,
    linebreak,
    typesetting,
    closing,
    attachments,
    colophon,
    page_numbers,
    colour,
)


def check_pdf(path: Path, kind: str = "pdf") -> FileReport:
    """All findings for one PDF; an unreadable file gives a report saying why."""
    return check_pages(path, kind, read_pdf)


def check_pages(path: Path, kind: str, read: Callable[[Path], PdfContent]) -> FileReport:
    """All findings for a file ``read`` turns into pages (a PDF, an OFD): every rule
    group runs on the same model whatever the format."""
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    report = FileReport(str(path), kind)
    try:
        content = read(path)
    except UnreadableError as exc:
        report.unreadable = str(exc)
        return report
    report.pages = len(content.pages)
    if not any(page.lines or page.turned_chars for page in content.pages):
        report.notes.append("no text layer: only the page size could be measured (a scan?)")
    doc = identify(content)
    findings = Findings()
    for group in RULE_GROUPS:
        group.run(doc, findings)
    report.findings = list(findings)
    return report
