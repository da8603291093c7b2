"""The layout and the drawn formats in a helper process, started before the build's imports.

Most of a short build is importing libraries, and a machine has more than one core.  The
command line forks a helper at its start (:func:`start`), while the process is small; the
helper imports the layout, the PDF writer and reportlab (≈ 60 ms) and loads the default
faces while the build imports the rest and reads the spec into a document.  Then, for
each document the build hands it (:meth:`Helper.hand`), the helper lays it out, answers
with the layout's plan and what the fonts recorded (:meth:`Helper.laid_out`), and writes
the formats drawn from the pages, PDF and OFD (:meth:`Helper.take`), while the build
writes the DOCX, which follows the plan.  So the build itself never imports reportlab.

Only an optimisation: the helper runs the build's own code on the same inputs (the limits
in force included), and anything it cannot do — no fork here, an error, a crash, a stop —
ends it and leaves the rest to the build, which does it itself, so bytes and messages are
the same either way (tests/test_forked.py).  It is used by the process that started it
only, never by the workers of a batch; it writes no output file (only the cache's
entries, as any build does, whole or not at all), and ends when the build ends it or its
pipe closes, so a build that stops or is killed leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import signal
import struct
from typing import TYPE_CHECKING

from docgen import limits
from docgen.filetypes import FileType

if TYPE_CHECKING:
    from collections.abc import Sequence

    from docgen.document.model import Document
    from docgen.fonts.faces import Faces
    from docgen.layout import Layout
    from docgen.writers import WriteOptions

_SIZE = struct.Struct("<Q")
_DONE, _FAILED = b"1", b"0"  # the first byte of every answer
_started: list[Helper] = []


class Helper:
    """A forked process that lays out and writes each document it is handed, in turn."""

    def __init__(self) -> None:
        jobs_in, self._jobs = os.pipe()
        self._results, results_out = os.pipe()
        self.owner, self._open = os.getpid(), True
        self.pid = os.fork()
        if self.pid == 0:  # the helper
            os.close(self._jobs)
            os.close(self._results)
            _serve(jobs_in, results_out)
        os.close(jobs_in)
        os.close(results_out)

    def hand(
        self, doc: Document, faces: Faces, options: WriteOptions, formats: Sequence[FileType]
    ) -> bool:
        """Give the helper a document to lay out (its answer: :meth:`laid_out`) and write
        in each of ``formats`` (answers: :meth:`take`, one a format, in order).  False if
        it cannot take it."""
        job = (doc, faces.choices, options, tuple(formats), limits.overrides())
        try:
            _send(self._jobs, pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            self.close()
            return False
        return True

    def laid_out(self, faces: Faces) -> Layout | None:
        """The layout of the document handed last, without its pages (the plan, its
        warnings, the outline), with what the fonts recorded added to ``faces``; None: the
        caller lays it out and writes it itself (this helper is ended)."""
        answer = self._answer()
        if answer is None:
            return None
        layout, fallback_used, missing = pickle.loads(answer)
        for ch, pairs in fallback_used.items():
            faces.fallback_used[ch] |= pairs
        for ch, roles in missing.items():
            faces.missing[ch] |= roles
        return layout

    def take(self) -> bytes | None:
        """The next file of the document handed last, or None: the caller then writes it
        and the rest itself (this helper is ended)."""
        return self._answer()

    def _answer(self) -> bytes | None:
        if not self._open:
            return None
        try:
            answer = _receive(self._results)
        except OSError:
            answer = None
        if not answer or answer[:1] != _DONE:
            self.close()
            return None
        return answer[1:]

    def close(self) -> None:
        """End the helper, whatever it is doing, and wait for it: it stops at once and
        cleanly (SIGTERM: a cache entry it was writing is removed, as a stopped build's
        is)."""
        if self in _started:
            _started.remove(self)
        if not self._open:
            return
        self._open = False
        for fd in (self._jobs, self._results):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(OSError):  # ended before
            os.kill(self.pid, signal.SIGTERM)
            os.waitpid(self.pid, 0)


def start() -> None:
    """Start the helper where processes can fork and this one has no other thread (a fork
    copies only the calling thread: a lock another held would stay held)."""
    import threading

    if hasattr(os, "fork") and threading.active_count() == 1 and helper() is None:
        with contextlib.suppress(OSError):  # no processes or pipes left: done in the build
            _started.append(Helper())


def helper() -> Helper | None:
    """The helper this process started, if any (a forked worker has none)."""
    return next((found for found in _started if found.owner == os.getpid()), None)


def close() -> None:
    """End the helper this process started, if any."""
    if (found := helper()) is not None:
        found.close()


def _serve(jobs: int, results: int) -> None:
    """The helper's life: import what it needs, then do each job until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle
    signal.signal(signal.SIGTERM, _stop)
    code = 0
    try:
        from docgen import collector

        _prepare()
        collector.release()  # what was imported is frozen; collected between documents
        while (job := _receive(jobs)) is not None:
            with collector.paused():
                _do(job, results)
    except BaseException:
        code = 1
    os._exit(code)  # no teardown, no buffered output of the build's to flush twice


def _stop(signum: int, frame: object) -> None:
    """SIGTERM (the build ends the helper): leave through every ``finally``, so that no
    cache entry is left half written."""
    raise SystemExit(1)


def _prepare() -> None:
    """Import the layout and the PDF writer, and load the faces of the main roles of a spec
    without ``fonts:`` if they are cached (others load when the layout asks for them: a
    fallback face only if a character needs it, a face not cached takes ≈ 0.1 s to parse)."""
    import docgen.layout.pages  # noqa: F401
    from docgen.fonts.cache import is_cached
    from docgen.fonts.faces import Faces
    from docgen.fonts.resolve import resolve_fonts
    from docgen.fonts.roles import FALLBACK_ROLES
    from docgen.writers import writer

    writer(FileType.PDF)
    with contextlib.suppress(Exception):  # a font that fails is told by the build
        faces = Faces(resolve_fonts()[0])
        for role, choice in faces.choices.items():
            if role not in FALLBACK_ROLES and is_cached(choice.path, choice.index):
                faces.font(role)


def _do(job: bytes, results: int) -> None:
    """One document: laid out (the first answer), then written in each format asked (an
    answer each).  The first failure ends the answers: the build does the rest."""
    from msgspec.structs import replace

    from docgen.fonts.faces import Faces
    from docgen.layout.pages import lay_out
    from docgen.writers import writer

    try:
        doc, choices, options, formats, overrides = pickle.loads(job)
        limits.restore(overrides)
        faces = Faces(choices)
        layout = lay_out(doc, faces)
        record = (
            replace(layout, pages=[]),
            {ch: set(pairs) for ch, pairs in faces.fallback_used.items()},
            {ch: set(roles) for ch, roles in faces.missing.items()},
        )
        _send(results, _DONE + pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL))
        for kind in formats:
            buffer = io.BytesIO()
            writer(kind)(doc, layout, faces, buffer, options)
            _send(results, _DONE + buffer.getvalue())
    except Exception:  # the build does it again, and tells what went wrong
        _send(results, _FAILED)


def _send(fd: int, data: bytes) -> None:
    view = memoryview(_SIZE.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _receive(fd: int) -> bytes | None:
    """The next message, or None when the other end has closed."""
    head = _read(fd, _SIZE.size)
    if head is None:
        return None
    return _read(fd, _SIZE.unpack(head)[0])


def _read(fd: int, size: int) -> bytes | None:
    parts, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)
