"""Bounds on the work a spec can ask for: one table, each limit with the option that raises it.

Specs come from many hands; none may make docgen read without end, allocate without end or
run without end.  Every limit below is generous for real documents (a 200-page report uses
a fraction of each) and is named, with its value and the way to raise it, in the error a
spec over it gets: ``--limit NAME=VALUE`` on the command line (repeatable), or
``DOCGEN_LIMITS="name=value,name=value"`` in the environment.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from msgspec import Struct, structs

from docgen.errors import DocgenError
from docgen.i18n import N_, tr


class Limit(Struct, frozen=True):
    value: int
    unit: str  # bytes, levels, characters, seconds …
    what: str  # what it bounds, in words


# The table (README "Limits" lists it).
DEFAULTS: dict[str, Limit] = {
    "spec-size": Limit(4 * 2**20, N_("bytes"), N_("size of a spec or a --vars file")),
    "file-size": Limit(
        32 * 2**20, N_("bytes"), N_("size of a template, image or font a spec names")
    ),
    "nesting": Limit(40, N_("levels"), N_("nesting of mappings and lists in a spec")),
    "aliases": Limit(1000, N_("expansions"), N_("YAML aliases (*name) expanded in a spec")),
    "field-text": Limit(100_000, N_("characters"), N_("text of one field or template expression")),
    "document-text": Limit(
        500_000, N_("characters"), N_("body markup of a document or attachment")
    ),
    "template-steps": Limit(2_000_000, N_("steps"), N_("calls, lookups, operators and loop steps")),
    "template-time": Limit(8, N_("seconds"), N_("time one template or text field may take")),
    "pages": Limit(600, N_("pages"), N_("pages of one document")),
    "copies": Limit(1000, N_("copies"), N_("numbered copies (--copies) of one spec")),
    "table-columns": Limit(30, N_("columns"), N_("columns of a table")),
    "table-rows": Limit(2000, N_("rows"), N_("rows of a table")),
    "image-pixels": Limit(40_000_000, N_("pixels"), N_("pixels of a seal or stamp image")),
    "title-length": Limit(400, N_("characters"), N_("length of a title")),
}


class LimitError(DocgenError):
    """A spec asks for more than a limit allows."""


def exceeded(name: str, amount: object = None) -> str:
    """The words of an error about limit ``name``: what it bounds, its value, how to raise it."""
    limit = DEFAULTS[name]
    value = current(name)
    over = f" ({amount})" if amount is not None else ""
    return tr(
        "over the limit of {value} {unit} for {what}{over}; raise it with --limit {name}=N"
    ).format(value=f"{value:,}", unit=tr(limit.unit), what=tr(limit.what), over=over, name=name)


_overrides: dict[str, int] = {}


def _parse(items: Mapping[str, str]) -> dict[str, int]:
    out = {}
    for name, text in items.items():
        name = name.strip()
        if name not in DEFAULTS:
            known = ", ".join(DEFAULTS)
            raise DocgenError(
                tr("unknown limit {name}; limits are {known}").format(name=repr(name), known=known)
            )
        match = re.fullmatch(r"\s*(\d+)\s*([kKmMgG]?)[bB]?\s*", text)
        if not match:
            raise DocgenError(
                f"--limit {name} takes a whole number (e.g. 5000 or 8M), not {text!r}"
            )
        scale = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}[match[2].lower()]
        out[name] = int(match[1]) * scale
    return out


def configure(items: Mapping[str, str]) -> None:
    """Set limits from the command line (on top of DOCGEN_LIMITS)."""
    _overrides.clear()
    _overrides.update(_parse(_environment()))
    _overrides.update(_parse(items))


def overrides() -> dict[str, int]:
    """The limits set from outside (for a helper process to apply: :func:`restore`)."""
    _read_environment()
    return dict(_overrides)


def restore(values: dict[str, int]) -> None:
    """Apply limits another process set (:func:`overrides`)."""
    _overrides.clear()
    _overrides.update(values)


def _environment() -> dict[str, str]:
    text = os.environ.get("DOCGEN_LIMITS", "")
    pairs = (item.partition("=") for item in text.split(",") if item.strip())
    return {name: value for name, _, value in pairs}


def _read_environment() -> None:
    """DOCGEN_LIMITS, when nothing has set the limits yet."""
    if not _overrides and os.environ.get("DOCGEN_LIMITS"):
        _overrides.update(_parse(_environment()))


def current(name: str) -> int:
    _read_environment()
    return _overrides.get(name, DEFAULTS[name].value)


def table() -> list[Limit]:
    """The limits in force (for docs and `docgen limits`)."""
    return [structs.replace(limit, value=current(name)) for name, limit in DEFAULTS.items()]
