"""``docgen check FILE... [--json] [--strict]``: the command's body, for docgen.cli."""

from __future__ import annotations

from pathlib import Path

from docgen.check.findings import FileReport
from docgen.check.report import (
    clean,
    exit_code,
    one_line,
    render_json,
    render_short,
    render_text,
)
from docgen.filetypes import FileType, UnknownFile, sniff
from docgen.i18n import tr


def check_file(path: Path) -> list[FileReport]:
    """Reports for one file, recognised by its content: a PDF or an OFD gives one; a DOCX
    its structure and, with LibreOffice, its rendering."""
    if not path.is_file():
        return [FileReport(str(path), "unknown", unreadable=tr("no such file"))]
    try:
        kind = sniff(path)
    except OSError as exc:
        return [FileReport(str(path), "unknown", unreadable=exc.strerror or str(exc))]
    except UnknownFile as exc:
        return [FileReport(str(path), "unknown", unreadable=str(exc))]
    if kind == FileType.PDF:
        from docgen.check.pdf import check_pdf

        return [check_pdf(path)]
    if kind == FileType.DOCX:
        from docgen.check.docx import check_docx

        return check_docx(path)
    from docgen.check.ofd import check_ofd

    return [check_ofd(path)]


def check_files(files: list[Path], strict: bool = False) -> list[FileReport]:
    reports = [report for path in files for report in check_file(path)]
    return [r.with_strict() for r in reports] if strict else reports


def check_command(
    files: list[Path], json_out: bool, strict: bool, brief: bool = False, verbose: bool = False
) -> int:
    """Check ``files``, print the report, return the exit code (0 clean, 1 errors,
    2 unreadable input).  ``strict`` counts warnings as errors; ``brief`` (build --check)
    says a clean result in one line; ``verbose`` prints every measurement."""
    reports = check_files(files, strict)
    if json_out:
        print(render_json(reports))
    elif verbose:
        print(render_text(reports))
    elif brief and all(clean(r) for r in reports):
        print(one_line(reports))
    else:
        print(render_short(reports))
    return exit_code(reports)
