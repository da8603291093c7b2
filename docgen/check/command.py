"""``docgen check FILE... [--json] [--strict]``: the command's body, for docgen.cli."""

from __future__ import annotations

from pathlib import Path

from docgen.check.findings import FileReport
from docgen.check.report import exit_code, render_json, render_text


def check_file(path: Path) -> list[FileReport]:
    """Reports for one file: a PDF gives one; a DOCX its structure and, with LibreOffice,
    its rendering."""
    if not path.is_file():
        return [FileReport(str(path), "unknown", unreadable="no such file")]
    try:
        with path.open("rb") as fh:
            magic = fh.read(5)
    except OSError as exc:
        return [FileReport(str(path), "unknown", unreadable=exc.strerror or str(exc))]
    if magic.startswith(b"%PDF"):
        from docgen.check.pdf import check_pdf

        return [check_pdf(path)]
    if magic.startswith(b"PK"):
        from docgen.check.docx import check_docx

        return check_docx(path)
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        why = "an OLE compound file: an encrypted DOCX or a legacy .doc"
        return [FileReport(str(path), "unknown", unreadable=why)]
    return [FileReport(str(path), "unknown", unreadable="not a PDF or DOCX file")]


def check_files(files: list[Path], strict: bool = False) -> list[FileReport]:
    reports = [report for path in files for report in check_file(path)]
    return [r.with_strict() for r in reports] if strict else reports


def check_command(files: list[Path], json_out: bool, strict: bool) -> int:
    """Check ``files``, print the report, return the exit code (0 clean, 1 errors,
    2 unreadable input).  ``strict`` counts warnings as errors."""
    reports = check_files(files, strict)
    print(render_json(reports) if json_out else render_text(reports))
    return exit_code(reports)
