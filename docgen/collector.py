"""The cycle collector in docgen's processes.

Starting a command imports the libraries and a build makes a document: about a million
small objects, freed by reference counting, among which the collector's passes find next
to nothing (≈ 14 ms of a cold PDF build, measured with ``gc.callbacks``; most of it while
the libraries are imported).  So the command line starts with the collector held off
(:func:`hold`), a build keeps it off while it makes a document (:func:`paused`), and it runs
again once a document is made or a long-running command starts (:func:`release`): a batch
of thousands or a watcher collects between documents as any process does.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_held = False  # off since start-up, to be on again after the first document


def hold() -> None:
    """Off until the first document is made (the command line's start-up)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """On again, if :func:`hold` turned it off (a command that runs on).  What start-up
    made is frozen first: modules, classes and caches live to the end, and a first pass
    over all of them would cost what the hold saved."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()


@contextmanager
def paused() -> Iterator[None]:
    """Off while a document is made; afterwards on if it was on or held for start-up."""
    was_on = gc.isenabled() or _held
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            release()
            gc.enable()
