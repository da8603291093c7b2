"""Writers: each turns the document and its layout into one type of file.

A writer is one module (or package) in this folder with one function::

    write(doc: Document, layout: Layout, faces: Faces, target: BinaryIO, options: WriteOptions)

and one entry in :data:`WRITERS`.  The layout is made once per document for every
writer; a writer draws its pages or follows its plan, never reads YAML and never decides
layout again.  Modules are imported only when their type is asked for: a PDF build
imports no python-docx.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, BinaryIO, Protocol

from msgspec import Struct

from docgen.filetypes import FileType

if TYPE_CHECKING:  # only for the annotations of the protocol
    from docgen.document.model import Document
    from docgen.fonts.faces import Faces
    from docgen.layout import Layout


class WriteOptions(Struct, frozen=True):
    embed_fonts: bool = False  # DOCX: embed subsets of the fonts in the file


class Write(Protocol):
    def __call__(
        self, doc: Document, layout: Layout, faces: Faces, target: BinaryIO, options: WriteOptions
    ) -> None: ...


# Every file type docgen writes, and the module that writes it.
WRITERS: dict[FileType, str] = {
    FileType.PDF: "docgen.writers.pdf",
    FileType.DOCX: "docgen.writers.docx",
    FileType.OFD: "docgen.writers.ofd",
}
# What ``--format all`` writes.
ALL = (FileType.PDF, FileType.DOCX)


def follows_plan(kind: FileType, options: WriteOptions) -> bool:
    """Whether ``kind``'s writer reads only the layout's plan, not its pages: the DOCX,
    unless its fonts are embedded (cut to the characters on the pages)."""
    return kind == FileType.DOCX and not options.embed_fonts


def writer(kind: FileType) -> Write:
    """The write function of ``kind``'s module (imported now)."""
    return importlib.import_module(WRITERS[kind]).write


__all__ = ["ALL", "WRITERS", "FileType", "Write", "WriteOptions", "follows_plan", "writer"]
