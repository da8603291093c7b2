"""Mail-merge rows: a CSV (UTF-8, with or without a BOM), an Excel sheet (.xlsx, its first
sheet) or a YAML list of mappings; the first line or row of a table names the columns.

Each row keeps where it was written (the file and its line, or the sheet's row), so that
anything wrong with it is told at that place.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

from msgspec import Struct

from docgen import files
from docgen.errors import DocgenError, Location
from docgen.i18n import tr


class DataError(DocgenError):
    """The mail-merge data cannot be read, or one of its rows cannot be used."""


class Row(Struct, frozen=True):
    number: int  # 1-based among the rows, as --name's default counts them
    values: dict[str, Any]
    where: Location  # the line (CSV, YAML) or sheet row (xlsx) it was written on


def read_rows(path: Path) -> list[Row]:
    """Every row of ``path``, by its suffix; blank rows are skipped."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(path)
    elif suffix == ".xlsx":
        rows = _xlsx_rows(path)
    elif suffix in (".yaml", ".yml"):
        rows = _yaml_rows(path)
    else:
        message = tr("--each reads .csv, .xlsx or .yaml files, not {name}")
        raise DataError(message.format(name=path.name), Location(path))
    if not rows:
        raise DataError(tr("no rows: the file has no data below its column names"), Location(path))
    return rows


def _bytes(path: Path) -> bytes:
    try:
        return files.read_bytes(files.checked(path, "file-size"), "file-size")
    except files.FileRefused as exc:
        raise DataError(exc.message, Location(path)) from None


def _columns(names: list[Any], path: Path, line: int) -> list[str]:
    """The header: every column named, once."""
    out: list[str] = []
    for i, name in enumerate(names, 1):
        text = "" if name is None else str(name).strip()
        if not text:
            raise DataError(tr("column {n} has no name").format(n=i), Location(path, line, i))
        if text in out:
            message = tr("the column name {name} is used twice")
            raise DataError(message.format(name=repr(text)), Location(path, line, i))
        out.append(text)
    return out


def _table(path: Path, records: list[tuple[int, list[Any]]]) -> list[Row]:
    """Rows from a table's records (line, cells), the first naming the columns."""
    if not records:
        return []
    line, header = records[0]
    columns = _columns(header, path, line)
    rows: list[Row] = []
    for line, cells in records[1:]:
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        if len(cells) > len(columns):
            message = tr("{found} cells where the header names {columns} columns")
            found = message.format(found=len(cells), columns=len(columns))
            raise DataError(found, Location(path, line, len(columns) + 1))
        values = {
            name: _cell(cells[i] if i < len(cells) else None) for i, name in enumerate(columns)
        }
        rows.append(Row(len(rows) + 1, values, Location(path, line)))
    return rows


def _cell(value: Any) -> Any:
    """A cell as a variable: empty is "", a whole float is an integer (Excel stores 12 as
    12.0), a date at midnight is a date."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    return value


def _csv_rows(path: Path) -> list[Row]:
    text = files.decode(_bytes(path), path)  # UTF-8, a BOM allowed
    reader = csv.reader(io.StringIO(text, newline=""))
    records: list[tuple[int, list[Any]]] = []
    line = 1
    try:
        for cells in reader:
            records.append((line, cells))
            line = reader.line_num + 1  # a quoted cell may span lines
    except csv.Error as exc:
        raise DataError(tr("not a CSV file: {why}").format(why=exc), Location(path, line)) from None
    return _table(path, records)


def _xlsx_rows(path: Path) -> list[Row]:
    import zipfile

    import openpyxl  # only for Excel data

    try:
        book = openpyxl.load_workbook(io.BytesIO(_bytes(path)), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        why = tr("not an Excel (.xlsx) file: {why}").format(why=exc)
        raise DataError(why, Location(path)) from None
    try:
        sheet = book.worksheets[0]
        records = [(n, list(cells)) for n, cells in enumerate(sheet.iter_rows(values_only=True), 1)]
    finally:
        book.close()
    return _table(path, records)


def _yaml_rows(path: Path) -> list[Row]:
    from docgen.spec.source import parse_yaml

    text = files.decode(_bytes(path), path)
    data, locations = parse_yaml(text, path, what=tr("--each data"), shape=list)
    rows: list[Row] = []
    for i, item in enumerate(data):
        where = locations.get((i,), Location(path))
        if not isinstance(item, dict) or not all(isinstance(k, str) for k in item):
            message = tr("each item of the list is a mapping of column names to values")
            raise DataError(message, where)
        rows.append(Row(i + 1, {k: "" if v is None else v for k, v in item.items()}, where))
    return rows
