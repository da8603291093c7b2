"""The work of a batch: one item per spec × row × copy, each with the names of the files it
writes; shards of it; and the collisions that would make two items write one file.

The order of items is the order of the command line (specs, then rows, then copies), so
that ``--shard K/N`` picks the same items on every machine.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from msgspec import Struct

from docgen import limits
from docgen.batch.data import DataError, Row
from docgen.errors import DocgenError, Location
from docgen.filetypes import FileType
from docgen.i18n import tr
from docgen.limits import LimitError

STDIN = Path("<stdin>")  # a spec read from stdin: named so in messages


class Source(Struct, frozen=True):
    """A spec as given: its path (or STDIN) and, when read from stdin, its text."""

    path: Path
    text: str | None = None

    @property
    def stem(self) -> str:
        return "stdin" if self.path == STDIN else self.path.stem


class WorkItem(Struct, frozen=True):
    source: Source
    row: Row | None
    copy: int  # 份号 of this copy; 0: the spec asks for no numbered copies
    stem: str  # the file name without its suffix (and without the copy's number)

    @property
    def name(self) -> str:
        return f"{self.stem}-{self.copy:06d}" if self.copy else self.stem

    def outputs(self, out_dir: Path, formats: Sequence[FileType]) -> list[Path]:
        return [out_dir / f"{self.name}{kind.suffix}" for kind in formats]

    def label(self) -> str:
        """How messages name the item: the spec, its row's place, its copy."""
        parts = [str(self.source.path)]
        if self.row:
            parts.append(str(self.row.where))
        if self.copy:
            parts.append(tr("copy {n}").format(n=self.copy))
        return " ".join(parts)


def plan(
    sources: Sequence[Source],
    rows: Sequence[Row] | None = None,
    name: str | None = None,
    copies: int = 0,
) -> tuple[list[WorkItem], list[DocgenError]]:
    """Every item, in command-line order, and every row whose name cannot be made; rows'
    names come from ``name`` (a Jinja template of the row's columns) or are
    ``<spec>-<row number>``."""
    if copies > limits.current("copies"):  # before a list of that many items is made
        raise LimitError(f"--copies {copies}: {limits.exceeded('copies')}")
    items: list[WorkItem] = []
    errors: list[DocgenError] = []
    numbers = list(range(1, copies + 1)) or [0]
    for source in sources:
        for row in rows or [None]:
            try:
                stem = source.stem if row is None else row_name(source, row, name, len(rows))
            except DataError as exc:  # told once where every row has it (an unknown column)
                if all(e.message != exc.message for e in errors):
                    errors.append(exc)
                continue
            items += [WorkItem(source, row, n, stem) for n in numbers]
    return items, errors


def row_name(source: Source, row: Row, template: str | None, count: int) -> str:
    if template is None:
        return f"{source.stem}-{row.number:0{len(str(count))}d}"
    return safe_name(_render_name(template, source, row), row.where)


def _render_name(template: str, source: Source, row: Row) -> str:
    """``--name`` in docgen's sandbox; it knows the row's columns, ``spec`` and ``row``."""
    import jinja2

    from docgen.render.environment import make_environment, render_text
    from docgen.render.sandbox import guarded

    variables: dict[str, Any] = {"spec": source.stem, "row": row.number, **row.values}
    try:
        return render_text(make_environment(None), template, guarded(variables))
    except jinja2.UndefinedError as exc:
        found = re.match(r"'(.+)' is undefined$", exc.message or "")
        message = tr("--name uses {name}, which is not a column; the columns are {columns}")
        columns = ", ".join(row.values)
        what = repr(found[1]) if found else exc.message
        raise DataError(message.format(name=what, columns=columns), row.where) from None
    except Exception as exc:  # any other template failure: one located message
        from docgen.render.environment import describe_jinja_error

        raise DataError(f"--name: {describe_jinja_error(exc, variables)}", row.where) from None


# A file name from the user's data: one name in the output folder, nothing more.
_UNSAFE = re.compile(r"[/\\\x00-\x1f\x7f-\x9f]|\.\.")


def safe_name(name: str, where: Location) -> str:
    """``name`` if it is one plain file name; a located error otherwise."""
    name = name.strip()
    if not name or name.startswith(".") or _UNSAFE.search(name):
        message = tr(
            "--name gives {name}: a file name may not be empty, start with a dot, or hold"
            " / \\ .. or control characters"
        )
        raise DataError(message.format(name=repr(name)), where)
    if len(name.encode()) > 200:
        message = tr("--name gives a file name of {size} bytes; at most 200 are allowed")
        raise DataError(message.format(size=len(name.encode())), where)
    return name


def shard(items: list[WorkItem], k: int, n: int) -> list[WorkItem]:
    """Part ``k`` of ``n`` (1-based): every n-th item from the k-th, so that the parts are
    disjoint, their union is the whole, and each holds a like share of specs and rows."""
    return items[k - 1 :: n]


def collisions(
    items: Sequence[WorkItem], out_dir: Path, formats: Sequence[FileType]
) -> list[DocgenError]:
    """One error for each file that two items or more would write."""
    writers: dict[str, list[WorkItem]] = {}
    for item in items:
        for path in item.outputs(out_dir, formats):
            writers.setdefault(os.path.abspath(path), []).append(item)
    errors, told = [], set()
    for path, clash in writers.items():
        names = "; ".join(item.label() for item in clash)
        if len(clash) > 1 and names not in told:  # once, not once per format
            told.add(names)
            message = tr("{path} would be written by each of: {items}")
            where = clash[-1].row.where if clash[-1].row else None
            errors.append(DataError(message.format(path=path, items=names), where))
    return errors
