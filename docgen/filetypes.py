"""The file types docgen writes and checks, told apart by their content.

A file given to ``docgen check`` is recognised by what it holds, not by its name: a PDF
by its header, a DOCX and an OFD (both zip packages) by the part every such package has.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from docgen.i18n import tr


class FileType(StrEnum):
    PDF = "pdf"
    DOCX = "docx"  # Office Open XML word processing (ECMA-376)
    OFD = "ofd"  # GB/T 33190 fixed-layout documents

    @property
    def suffix(self) -> str:
        return f".{self.value}"


# The part that makes a zip package one of these types.
_PACKAGE_PARTS = {"word/document.xml": FileType.DOCX, "OFD.xml": FileType.OFD}
_OLE = b"\xd0\xcf\x11\xe0"  # legacy .doc, or an encrypted DOCX


class UnknownFile(Exception):
    """Neither a PDF nor a package docgen knows; the message says what it seems to be."""


def sniff(path: Path) -> FileType:
    """The type of the file at ``path``, from its content.  Raises OSError when it cannot
    be read and UnknownFile when it is of no known type."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"%PDF"):
        return FileType.PDF
    if head.startswith(_OLE):
        raise UnknownFile(tr("an OLE compound file: an encrypted DOCX or a legacy .doc"))
    if head.startswith(b"PK"):
        import zipfile  # only for packages

        try:
            with zipfile.ZipFile(path) as package:
                names = set(package.namelist())
        except zipfile.BadZipFile:
            raise UnknownFile(tr("a damaged zip package")) from None
        for part, kind in _PACKAGE_PARTS.items():
            if part in names:
                return kind
        raise UnknownFile(tr("a zip package that is neither a DOCX nor an OFD"))
    raise UnknownFile(tr("not a PDF, DOCX or OFD file"))
