"""``docgen watch``: build on every save, say what happened in one line or the located
error, keep the last good files when a save is broken."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from docgen.build import BuildOptions
from docgen.i18n import tr
from docgen.live.session import Outcome, Session

# watchfiles groups the events of one save (editors write, rename, touch) for this long
STEP_MS = 20
READY_MS = 200  # how often the watcher wakes without a change (it says it runs then)


def describe(outcome: Outcome) -> list[str]:
    """What a build gave, for a terminal: the files and time, or the errors."""
    if outcome.errors:
        lines = [tr("error: {message}").format(message=line) for line in outcome.errors]
        if outcome.generation:
            lines.append(tr("{spec}: the last good files are kept").format(spec=outcome.spec))
        return lines
    files = ", ".join(str(f) for f in outcome.files)
    ms = round(outcome.seconds * 1000)
    lines = [tr("{spec} → {files} ({ms} ms)").format(spec=outcome.spec, files=files, ms=ms)]
    return lines + [tr("warning: {message}").format(message=w) for w in outcome.warnings]


def changes(
    session: Session,
    stop: threading.Event | None = None,
    ready: Callable[[], None] | None = None,
) -> Iterable[set[Path]]:
    """The relevant paths of each save, as they happen (until Ctrl-C or ``stop`` is set).
    ``ready`` is called once the watcher runs: a save before that would be missed."""
    import watchfiles

    for batch in watchfiles.watch(
        *session.roots(),
        watch_filter=lambda _change, path: session.relevant(Path(path)),
        step=STEP_MS,
        stop_event=stop,
        raise_interrupt=True,
        rust_timeout=READY_MS,
        yield_on_timeout=True,  # an empty batch: the watcher is running
    ):
        if ready is not None:
            ready()
            ready = None
        if batch:
            yield {Path(path) for _change, path in batch}


def watch(specs: list[Path], options: BuildOptions, echo: Callable[[str], None]) -> None:
    """Build, then build again after every save until Ctrl-C."""
    session = Session(specs, options)
    for outcome in session.build_all():
        for line in describe(outcome):
            echo(line)
    roots = ", ".join(str(r) for r in session.roots())
    started = tr("watching {roots} (Ctrl-C stops)").format(roots=roots)
    for _paths in changes(session, ready=lambda: echo(started)):
        for outcome in session.build_all():
            for line in describe(outcome):
                echo(line)
