"""Making the items of a batch: in this process (``jobs`` = 1, or a single item), or in a
pool of processes, each keeping its fonts, templates and set paragraphs across the items it
makes.  Workers only make files in memory; this process writes them (outputs.py: whole
files or none), so Ctrl-C here stops everything with no file half written.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import msgspec
from msgspec import Struct

from docgen.batch.plan import WorkItem
from docgen.build import BuildOptions, make
from docgen.errors import DocgenError, SpecErrors
from docgen.i18n import tr


class Outcome(Struct):
    """What making one item gave: its files (path, bytes) or the lines of its errors."""

    index: int
    files: list[tuple[str, bytes]]
    warnings: list[str]
    fonts: str  # the one-line font summary, said once per batch
    errors: list[str]


def make_item(index: int, item: WorkItem, options: BuildOptions) -> Outcome:
    """One item's files; a failure is its located lines (prefixed with the row's place)."""
    from docgen.fonts.report import summary

    overrides = {**(item.row.values if item.row else {}), **options.overrides}  # --set wins
    try:
        made = make(
            item.source.path,
            msgspec.structs.replace(options, overrides=overrides),
            stem=item.stem,
            copies=[item.copy] if item.copy else [],
            text=item.source.text,
        )
    except DocgenError as exc:
        lines = exc.lines() if isinstance(exc, SpecErrors) else [str(exc)]
        if item.row:
            where = tr("{where} (row {n})").format(where=item.row.where, n=item.row.number)
            lines = [f"{where}: {line}" for line in lines]
        return Outcome(index, [], [], "", lines)
    files = [(str(path), data) for path, data in made.files]
    return Outcome(index, files, made.warnings, summary(made.faces), [])


def _quiet_worker() -> None:
    """Signals are this process's business: Ctrl-C reaches the whole process group, and
    the parent stops the pool itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def outcomes(items: Sequence[WorkItem], options: BuildOptions, jobs: int) -> Iterator[Outcome]:
    """Each item's outcome as it is made (in any order with a pool)."""
    if jobs <= 1 or len(items) <= 1:
        for index, item in enumerate(items):
            yield make_item(index, item, options)
        return
    # The first item here: the workers, forked after it, start with its fonts, templates
    # and set paragraphs in memory instead of each loading them again.
    yield make_item(0, items[0], options)
    yield from _pooled(items, options, min(jobs, len(items) - 1), start=1)


def _pooled(
    items: Sequence[WorkItem], options: BuildOptions, jobs: int, start: int
) -> Iterator[Outcome]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # fork: workers start at once with what this process has loaded; no re-import.
    context = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_quiet_worker)
    try:
        futures = [pool.submit(make_item, i, items[i], options) for i in range(start, len(items))]
        for future in as_completed(futures):
            yield future.result()
    finally:  # Ctrl-C or an error here: drop what has not started, let the rest end
        pool.shutdown(wait=True, cancel_futures=True)


class Written(Struct, frozen=True):
    """A file the batch wrote, as the manifest lists it."""

    spec: str
    row: int  # 0: no mail-merge
    copy: int  # 0: no numbered copies
    format: str
    path: str
    sha256: str


def run_batch(
    items: Sequence[WorkItem],
    options: BuildOptions,
    jobs: int,
    told: Callable[[WorkItem, Outcome], None],
) -> tuple[list[Written], list[Outcome]]:
    """Make and write every item; a failed item is kept and the others go on.  ``told``
    hears of each item as it is done (files written, or its errors)."""
    import hashlib

    from docgen.outputs import publish

    written: list[Written] = []
    failed: list[Outcome] = []
    for outcome in outcomes(items, options, jobs):
        item = items[outcome.index]
        if outcome.errors:
            failed.append(outcome)
        else:
            publish([(Path(path), data) for path, data in outcome.files])  # each item whole
            for (path, data), kind in zip(outcome.files, options.formats, strict=True):
                digest = hashlib.sha256(data).hexdigest()
                row = item.row.number if item.row else 0
                spec = str(item.source.path)
                written.append(Written(spec, row, item.copy, kind.value, path, digest))
        told(item, outcome)
    failed.sort(key=lambda o: o.index)  # reported in the command line's order
    return written, failed
