"""What every element writer gets: the document, the PDF layout's decisions, the package."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from docgen.document.model import Document
from docgen.layout.model import Image, Layout, Page, TextLine
from docgen.writers.docx_xml_drawing import DrawingIds

# Lines the layout sets outside the text flow or outside the 版心.
PAGE_NUMBER = "page-number"


@dataclass
class Context:
    doc: Document
    layout: Layout
    image_rid: Callable[[Path], str]  # adds a picture to the document part, returns its rId
    ids: DrawingIds = field(default_factory=DrawingIds)

    def lines(self, *kinds: str) -> Iterator[tuple[int, TextLine]]:
        """(page index, line) of the given kinds, in page order."""
        for index, page in enumerate(self.layout.pages):
            for line in page.lines:
                if line.kind in kinds:
                    yield index, line

    def first(self, kind: str) -> tuple[int, TextLine] | None:
        return next(self.lines(kind), None)

    def images_on(self, page: int) -> list[Image]:
        return list(self.layout.pages[page].images)

    @property
    def first_page(self) -> Page:
        return self.layout.pages[0]


def attachment_titles(layout: Layout) -> Iterator[tuple[str, ...]]:
    """The lines of each 附件 page's title, in order (a title stays on its page)."""
    current: list[str] = []
    page_of = -1
    for index, page in enumerate(layout.pages):
        for line in page.lines:
            if line.kind != "attachment-title":
                continue
            if current and index != page_of:
                yield tuple(current)
                current = []
            current.append(line.text)
            page_of = index
    if current:
        yield tuple(current)
