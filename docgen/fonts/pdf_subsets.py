"""Font subsets for the PDF, cut and compressed once and kept.

reportlab embeds a TrueType font as subsets of 256 glyphs each, cut in Python and
compressed with zlib: ≈ 40 ms for the fonts of a work summary, more than the whole layout.
The same document built again (CI builds each commit; a batch builds one letter for many
recipients) cuts the same subsets, so each compressed subset is kept in memory for the
process and on disk between runs, keyed by the face's identity (path, size, modification
time, reportlab version) and the subset's characters in order.  Output bytes are the same
with or without the store: a hit returns exactly what cutting would.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

from docgen.cachedir import cache_dir, key, read, write

_MEMORY = 64  # subsets (and compressed streams) kept per process
_DISK = 512  # compressed subsets kept on disk (≈ 60 KB each)


class MemoFlate:
    """reportlab's Flate filter, remembering the compressed form of each font subset (the
    filter protocol of reportlab's pdfdoc: rl_internals.verify checks it is there)."""

    pdfname = "FlateDecode"

    def __init__(self) -> None:
        self.memo: dict[bytes, bytes] = {}

    def remember(self, raw: bytes, compressed: bytes | _Compressing) -> None:
        if len(self.memo) >= _MEMORY:
            self.memo.clear()
        self.memo[raw] = compressed

    def encode(self, data: bytes) -> bytes:
        found = self.memo.get(data)
        if isinstance(found, _Compressing):
            found.join()
            found = found.compressed
        if found is None:
            found = zlib.compress(data)
        self.remember(data, found)
        return found

    def decode(self, encoded: bytes) -> bytes:
        return zlib.decompress(encoded)


class _Compressing(threading.Thread):
    """A new subset compressed and kept on disk beside the rest of the PDF's writing (zlib
    lets go of the interpreter while it works: ≈ 25 ms for the subsets of a new document);
    joined when the PDF asks for the compressed stream, so none outlives its document."""

    def __init__(self, raw: bytes, file: Path) -> None:
        super().__init__(name="docgen-subset", daemon=True)
        self.raw, self.file = raw, file
        self.compressed: bytes | None = None

    def run(self) -> None:
        self.compressed = zlib.compress(self.raw)
        write(self.file, self.compressed, keep=_DISK)


FLATE = MemoFlate()
_memory: dict[tuple[str, tuple[int, ...]], bytes] = {}


def _file(face_key: str, subset: tuple[int, ...]) -> Path:
    return cache_dir("subsets") / f"{key(face_key, subset)}.z"


def subset_bytes(face_key: str, subset: Sequence[int], cut: Callable[[], bytes]) -> bytes:
    """The uncompressed subset program; ``cut`` makes it when no store has it."""
    key = (face_key, tuple(subset))
    raw = _memory.get(key)
    if raw is not None:
        return raw
    file = _file(*key)
    compressed = read(file)  # None unless it checks out
    try:
        raw = zlib.decompress(compressed) if compressed is not None else None
    except zlib.error:
        raw = None
    if raw is None:
        raw = cut()
        compressing = _Compressing(raw, file)
        compressing.start()
        FLATE.remember(raw, compressing)
    else:
        FLATE.remember(raw, compressed)
    if len(_memory) >= _MEMORY:
        _memory.clear()
    _memory[key] = raw
    return raw
