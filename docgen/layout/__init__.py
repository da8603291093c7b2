"""Layout: the document model set on the GB/T 9704 grid.

:func:`docgen.layout.pages.lay_out` returns a :class:`Layout`: positioned pages (model.py),
which fixed-layout writers draw, and the plan of the decisions made (plan.py), which a
flowing format follows.
"""

from __future__ import annotations

from msgspec import Struct

from docgen.layout.model import OutlineEntry, Page
from docgen.layout.plan import Plan


class Layout(Struct):
    pages: list[Page]
    outline: list[OutlineEntry]  # headings, for bookmarks
    plan: Plan


__all__ = ["Layout"]
