"""The body of ``docgen build``: specs (or stdin) × mail-merge rows × copies, planned,
checked for collisions, sharded, made in a pool or here, each failure told at the end."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import msgspec
from msgspec import Struct

from docgen import files
from docgen.batch.data import read_rows
from docgen.batch.plan import STDIN, Source, WorkItem, collisions, plan, shard
from docgen.batch.run import Outcome, make_item, run_batch
from docgen.build import BuildOptions
from docgen.errors import DocgenError
from docgen.i18n import tr
from docgen.render import names_used

Echo = Callable[..., None]


class Request(Struct):
    """What the command line asks of a batch, beyond the build options."""

    specs: list[Path]
    each: Path | None = None
    name: str | None = None
    jobs: int = 1
    shard: tuple[int, int] | None = None
    manifest: Path | None = None
    to_stdout: bool = False


class Usage(Exception):
    """The options do not go together: said as the command line's own error (exit 2)."""


def sources(specs: list[Path]) -> list[Source]:
    """The specs; ``-`` is the spec on stdin, read once, its project the current folder."""
    out = []
    for spec in specs:
        if str(spec) == "-":
            if any(s.path == STDIN for s in out):
                raise Usage(tr("- (stdin) can be given once"))
            # Decoded as a file is: UTF-8 (a BOM allowed), a bad byte told at its line.
            out.append(Source(STDIN, files.decode(sys.stdin.buffer.read(), STDIN)))
        else:
            out.append(Source(spec))
    return out


def items_of(request: Request, options: BuildOptions) -> tuple[list[WorkItem], frozenset[str]]:
    """Every item of the batch and the columns --name uses, or every reason it cannot
    start (raised together)."""
    if request.name is not None and request.each is None:
        raise Usage(tr("--name names the documents of --each; give --each DATA"))
    rows = read_rows(request.each) if request.each else None
    with names_used() as named:
        items, errors = plan(sources(request.specs), rows, request.name, options.copies)
    errors += collisions(items, options.out_dir, options.formats)
    if errors:
        raise BatchRefused(errors)
    if request.shard:
        items = shard(items, *request.shard)
    return items, frozenset(named)


class BatchRefused(DocgenError):
    """Problems found before anything is made: told each on its line."""

    def __init__(self, errors: list[DocgenError]) -> None:
        self.errors = errors
        super().__init__(errors[0].message, errors[0].location, errors[0].field)

    def lines(self) -> list[str]:
        return [str(e) for e in self.errors]


def to_stdout(items: list[WorkItem], options: BuildOptions, echo: Echo) -> int:
    """``-o -``: the one file of one document, to stdout."""
    if len(items) != 1 or len(options.formats) != 1:
        raise Usage(
            tr("-o - writes one file to stdout: give one spec, no --each or --copies, and --format")
        )
    outcome = make_item(0, items[0], options)
    for line in outcome.errors:
        echo(tr("error: {message}").format(message=line), err=True)
    if outcome.errors:
        return 1
    sys.stdout.buffer.write(outcome.files[0][1])
    sys.stdout.buffer.flush()
    return 0


def run(request: Request, options: BuildOptions, echo: Echo) -> tuple[int, list[Path]]:
    """Build the batch; the exit status and the files written."""
    from docgen.batch.progress import Progress

    items, named = items_of(request, options)
    options = msgspec.structs.replace(options, named=named)
    if request.to_stdout:
        return to_stdout(items, options, echo), []
    said: set[str] = set()

    def told(item: WorkItem, outcome: Outcome) -> None:
        if outcome.fonts and outcome.fonts not in said:  # which font served each role, once
            said.add(outcome.fonts)
            echo(outcome.fonts, err=True)
        for warning in outcome.warnings:
            if item.row is not None and warning in said:
                continue  # the same for every row (a column no field uses): told once
            said.add(warning)
            message = tr("warning: {spec}: {message}")
            echo(message.format(spec=item.label(), message=warning), err=True)
        if not outcome.errors:
            echo(f"{item.label()} → {', '.join(path for path, _ in outcome.files)}")
        bar.advance()

    with Progress(len(items), "docgen build") as bar:
        try:
            written, failed = run_batch(items, options, request.jobs, told)
        except KeyboardInterrupt:
            raise Stopped from None
    for outcome in failed:
        for line in outcome.errors:
            echo(tr("error: {message}").format(message=line), err=True)
    if request.manifest:
        from docgen.batch.manifest import write_manifest

        write_manifest(request.manifest, written)
    if failed and len(items) > 1:
        echo(_failed_message(items, request).format(failed=len(failed), total=len(items)), err=True)
    return (1 if failed else 0), [Path(w.path) for w in written]


def _failed_message(items: list[WorkItem], request: Request) -> str:
    if request.each is None and not any(item.copy for item in items):
        return tr("{failed} of {total} specs failed; the others were built")
    return tr("{failed} of {total} documents failed; the others were built")


class Stopped(Exception):
    """Ctrl-C during a batch: the pool is stopped; what was written is whole."""
