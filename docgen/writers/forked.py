"""A writer in a helper process, started before the build imports its libraries.

A DOCX needs python-docx and lxml, ≈ 60 ms to import, and ≈ 40 ms to write; a build that
asks for one (``--format all``) paid both after the PDF.  The command line can start a
helper first (:func:`start`): a fork of the still small process that imports the writer
on the second core while the build reads the spec and lays the document out, then writes
each document the build hands it (:meth:`Helper.hand`) while the build writes the PDF.

Only an optimisation: the helper gets the document and the layout's plan (what the DOCX
writer reads), and anything it cannot do — no fork here, an error, a crash, a stop — gives
``None``, and the build writes that file itself, so bytes and messages are the same either
way (tests/test_forked.py).  It is used by the process that started it only, never by the
workers of a batch; it writes no file, and ends when its pipe closes, so a build that
stops early leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
import signal
import struct
from typing import TYPE_CHECKING

from docgen.filetypes import FileType

if TYPE_CHECKING:
    from docgen.document.model import Document
    from docgen.fonts.faces import Faces
    from docgen.layout import Layout
    from docgen.writers import WriteOptions

_SIZE = struct.Struct("<Q")
_helpers: dict[FileType, Helper] = {}


class Helper:
    """A forked process that writes files of one type, one job at a time."""

    def __init__(self, kind: FileType) -> None:
        jobs_in, self._jobs = os.pipe()
        self._results, results_out = os.pipe()
        self.kind, self.owner = kind, os.getpid()
        self.pid = os.fork()
        if self.pid == 0:  # the helper
            os.close(self._jobs)
            os.close(self._results)
            _serve(kind, jobs_in, results_out)
        os.close(jobs_in)
        os.close(results_out)

    def hand(self, doc: Document, layout: Layout, faces: Faces, options: WriteOptions) -> bool:
        """Give the helper a document to write (its answer: :meth:`take`); False if it
        cannot take it."""
        from msgspec.structs import replace

        from docgen.fonts.faces import Faces

        if options.embed_fonts:  # fonts cut to the layout's characters: written here
            return False
        # What the DOCX writer reads: the document and the layout's plan (not its pages).
        job = (doc, replace(layout, pages=[]), Faces(faces.choices), options)
        try:
            _send(self._jobs, pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL))
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            self.close()
            return False
        return True

    def take(self) -> bytes | None:
        """The bytes of the file handed last, or None: the caller then writes it itself."""
        try:
            answer = _receive(self._results)
        except OSError:
            answer = None
        if not answer or answer[:1] != b"1":
            self.close()
            return None
        return answer[1:]

    def close(self) -> None:
        """End the helper, whatever it is doing (it holds nothing), and wait for it."""
        _helpers.pop(self.kind, None)
        for fd in (self._jobs, self._results):
            with contextlib.suppress(OSError):  # closed before
                os.close(fd)
        with contextlib.suppress(OSError):  # ended before
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)


def start(kind: FileType) -> None:
    """Start a helper for ``kind`` where processes can fork and this one has no other
    thread (a fork copies only the calling thread: a lock another held would stay held)."""
    import threading

    if hasattr(os, "fork") and threading.active_count() == 1 and kind not in _helpers:
        with contextlib.suppress(OSError):  # no processes or pipes left: written in the build
            _helpers[kind] = Helper(kind)


def helper(kind: FileType) -> Helper | None:
    """The helper this process started for ``kind``, if any."""
    found = _helpers.get(kind)
    return found if found is not None and found.owner == os.getpid() else None


def close_all() -> None:
    """End every helper this process started."""
    for found in list(_helpers.values()):
        if found.owner == os.getpid():
            found.close()


def _serve(kind: FileType, jobs: int, results: int) -> None:
    """The helper's life: import the writer, then write each job until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    code = 0
    try:
        from docgen import collector
        from docgen.writers import writer

        write = writer(kind)
        collector.release()  # many documents (--copies) may come: collected between them
        while (job := _receive(jobs)) is not None:
            try:
                doc, layout, faces, options = pickle.loads(job)
                buffer = io.BytesIO()
                write(doc, layout, faces, buffer, options)
                answer = b"1" + buffer.getvalue()
            except Exception:  # the build writes it again, and tells what went wrong
                answer = b"0"
            _send(results, answer)
    except BaseException:
        code = 1
    os._exit(code)  # no teardown, no buffered output of the build's to flush twice


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
