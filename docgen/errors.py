"""Errors the user sees: each names the file, line, column and field."""

from __future__ import annotations

from pathlib import Path

from msgspec import Struct


class Location(Struct, frozen=True):
    file: Path
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [str(self.file)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class DocgenError(Exception):
    """A problem in the user's input, reported as one located paragraph."""

    def __init__(self, message: str, location: Location | None = None, field: str = ""):
        self.message = message
        self.location = location
        self.field = field
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        what = f"{self.field}: " if self.field else ""
        return f"{where}{what}{self.message}"


class SpecError(DocgenError):
    """The spec is not valid YAML, not a valid spec, or its text does not render."""


class FontError(DocgenError):
    """A font the document needs cannot be found or read."""


class LayoutError(DocgenError):
    """The document cannot be set as the standard asks (e.g. a 版记 longer than a page)."""


class SpecErrors(SpecError):
    """Several problems found in one spec, each located; told one a line."""

    def __init__(self, errors: list[SpecError]):
        self.errors = errors
        first = errors[0]
        super().__init__(first.message, first.location, first.field)

    def lines(self) -> list[str]:
        return [str(e) for e in self.errors]
