"""docgen: Chinese official documents (公文) in the GB/T 9704-2012 layout.

The pipeline runs one way:
spec (YAML) → validated model → Jinja → document model (公文 elements) → layout → writers.

The Python API (README, "Python"): ``docgen.render(spec, format="pdf", vars=None) -> bytes``,
``docgen.check(path_or_bytes) -> reports``, errors raised as ``docgen.DocgenError``.
Nothing of the pipeline is imported until one of them is called.
"""

from __future__ import annotations

import sys
import types
from typing import TYPE_CHECKING, Any

from docgen.version import __version__

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path

    from docgen.errors import DocgenError


def render(
    spec: Path | str | Mapping[str, Any],
    format: str = "pdf",
    vars: Mapping[str, Any] | None = None,
) -> bytes:
    """The document of ``spec`` (a Path, YAML text or a mapping) as PDF or DOCX bytes,
    byte for byte what ``docgen build`` writes; raises DocgenError with the located
    message."""
    from docgen.api import render as run

    return run(spec, format, vars)


def check(document: Path | str | bytes) -> list[Any]:
    """The GB/T 9704 check's reports of a PDF or DOCX, given by path or as bytes."""
    from docgen.api import check as run

    return run(document)


def __getattr__(name: str) -> Any:
    if name == "DocgenError":  # msgspec and the error types: only when asked for
        from docgen.errors import DocgenError

        return DocgenError
    raise AttributeError(f"module 'docgen' has no attribute {name!r}")


class _Package(types.ModuleType):
    """``docgen.render`` and ``docgen.check`` are the API's functions, though subpackages
    of the same names exist: importing a subpackage sets it as an attribute of its
    package, and this keeps the function there (the subpackages stay in sys.modules)."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in ("render", "check") and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = ["DocgenError", "__version__", "check", "render"]
