"""The Python API (``docgen.render``, ``docgen.check``): documents as bytes, reports as
data, every problem raised as ``docgen.DocgenError`` with its located message.

Imported only when one of them is first called, so that ``import docgen`` stays cheap.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docgen.errors import DocgenError

# A spec given as text or a mapping is named so in messages; its project and relative
# paths are those of the current folder.
TEXT = Path("<text>")


def render(
    spec: Path | str | Mapping[str, Any],
    format: str = "pdf",
    vars: Mapping[str, Any] | None = None,
) -> bytes:
    """The document of ``spec`` — a file (a Path), YAML text (a str) or a mapping — as
    the bytes ``docgen build`` writes; ``vars`` win over the spec's ``vars:``."""
    from docgen.build import BuildOptions, make
    from docgen.filetypes import FileType

    try:
        kind = FileType(format)
    except ValueError:
        raise DocgenError(f"format must be pdf or docx, not {format!r}") from None
    options = BuildOptions(out_dir=Path("."), formats=(kind,), overrides=dict(vars or {}))
    if isinstance(spec, Path):
        return make(spec, options).files[0][1]
    return make(TEXT, options, stem="document", text=_yaml(spec)).files[0][1]


def _yaml(spec: str | Mapping[str, Any]) -> str:
    if isinstance(spec, str):
        if "\n" not in spec and spec.strip().endswith((".yaml", ".yml")):  # meant a file
            raise DocgenError(f"a str is YAML text: for the file, pass Path({spec!r})")
        return spec
    if isinstance(spec, Mapping):
        import yaml

        return yaml.safe_dump(dict(spec), allow_unicode=True, sort_keys=False)
    raise TypeError(f"a spec is a Path, YAML text or a mapping, not {type(spec).__name__}")


def check(document: Path | str | bytes) -> list[Any]:
    """GB/T 9704 reports (docgen.check.findings.FileReport) of a PDF, DOCX or OFD: a path,
    or its bytes.  A DOCX gives two when LibreOffice is installed: its structure and its
    rendering."""
    from docgen.check.command import check_files

    if not isinstance(document, bytes):
        return check_files([Path(document)])
    with tempfile.TemporaryDirectory(prefix="docgen-check-") as folder:
        path = Path(folder) / "document"  # recognised by its content, not its name
        path.write_bytes(document)
        reports = check_files([path])
    return reports
