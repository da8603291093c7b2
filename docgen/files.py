"""The one gate for every file read on a spec's behalf: templates (and what they include,
import or extend), seals, stamps, fonts, the spec itself and --vars files.

A file a spec names must be, once every symlink is resolved, inside the spec's project, a
regular file (no folder, device or pipe) and no larger than its limit (limits.py).  Text
is UTF-8; a file that is not says where its first bad byte is.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from docgen import limits
from docgen.errors import DocgenError, Location
from docgen.i18n import tr


class FileRefused(DocgenError):
    """A file a spec names cannot be read: outside the project, missing, not a regular file
    or too large.  Callers add where the spec names it."""


def project_file(name: str | Path, base: Path, root: Path, limit: str = "file-size") -> Path:
    """The real path of the file ``name`` (relative to ``base``) within project ``root``."""
    real = (base / name).resolve()
    if not real.is_relative_to(root.resolve()):
        message = tr("{file} leads outside the project ({root})")
        raise FileRefused(message.format(file=repr(str(name)), root=root))
    return checked(real, limit, shown=str(name))


def checked(path: Path, limit: str, shown: str | None = None) -> Path:
    """``path`` if it is a regular file no larger than ``limit``."""
    shown = shown or str(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise FileRefused(tr("no such file: {file}").format(file=repr(shown))) from None
    except OSError as exc:
        message = tr("cannot read {file}: {why}").format(file=repr(shown), why=exc.strerror)
        raise FileRefused(message) from None
    if not stat.S_ISREG(info.st_mode):
        raise FileRefused(
            tr("{file} is not a file (a folder, device or pipe)").format(file=repr(shown))
        )
    if info.st_size > limits.current(limit):
        message = tr("{file} is {size} bytes: {limit}")
        raise FileRefused(
            message.format(file=repr(shown), size=f"{info.st_size:,}", limit=limits.exceeded(limit))
        )
    return path


def read_bytes(path: Path, limit: str) -> bytes:
    """A checked file's bytes, never more than the limit (a file may grow meanwhile)."""
    most = limits.current(limit)
    try:
        with open(checked(path, limit), "rb") as fh:
            data = fh.read(most + 1)
    except OSError as exc:
        raise FileRefused(f"cannot read {str(path)!r}: {exc.strerror}") from None
    if len(data) > most:
        raise FileRefused(f"{str(path)!r}: {limits.exceeded(limit)}")
    return data


def decode(data: bytes, file: Path) -> str:
    """UTF-8 text (a BOM is allowed); otherwise an error at the line and column of the
    first byte that is not UTF-8, and NUL bytes refused where they are."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = tr(
            "not UTF-8 text: save the file as UTF-8 (this byte is 0x{byte}; GBK files are a"
            " common cause)"
        )
        raise DocgenError(
            message.format(byte=f"{data[exc.start]:02x}"), _location(data, exc.start, file)
        ) from None
    if "\0" in text:
        at = data.index(b"\0")
        raise DocgenError(
            tr("a NUL byte (0x00) in the text: it is binary data, not a spec"),
            _location(data, at, file),
        )
    return text


def _location(data: bytes, offset: int, file: Path) -> Location:
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return Location(file, data.count(b"\n", 0, offset) + 1, column)


def read_text(path: Path, limit: str) -> str:
    return decode(read_bytes(path, limit), path)
