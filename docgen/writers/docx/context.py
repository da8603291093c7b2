"""What every element writer gets: the document, the layout's plan, the package."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from msgspec import Struct, field

from docgen.document.model import Document
from docgen.layout.plan import Plan
from docgen.writers.docx.xml_drawing import DrawingIds


class Context(Struct):
    doc: Document
    plan: Plan
    image_rid: Callable[[Path], str]  # adds a picture to the document part, returns its rId
    ids: DrawingIds = field(default_factory=DrawingIds)
