"""The user's cache folder: parsed fonts, PDF font subsets, font cuts for DOCX and OFD,
compiled templates, the list of installed fonts and the words of titles, kept between runs.

``DOCGEN_CACHE_DIR`` overrides it (CI jobs may point it at a cached path); everything in
it can be deleted at any time.  Every cache is only an optimisation: a file that cannot be
read is recomputed, one that cannot be written is not kept, and the output is the same.

Nothing in the folder is trusted: every entry starts with a checksum of its content and of
its name (the key), and an entry whose checksum does not match — damaged, truncated,
extended or put there for another key — is deleted and rebuilt, never used.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path


def cache_dir(part: str) -> Path:
    """The cache sub-folder for ``part`` (not created here)."""
    if folder := os.environ.get("DOCGEN_CACHE_DIR"):
        return Path(folder) / part
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "docgen" / part


def key(*parts: object, files: tuple[Path, ...] = ()) -> str:
    """A cache key from ``parts`` and the identity (path, size, modification time) of
    ``files``: a file replaced or edited gives another key."""
    idents = []
    for file in files:
        stat = file.stat()
        idents.append(f"{file.resolve()}|{stat.st_size}|{stat.st_mtime_ns}")
    return hashlib.sha256("|".join(map(str, [*parts, *idents])).encode()).hexdigest()[:32]


_MAGIC = b"docgen-cache-1\n"
_DIGEST = 32


def _seal(file: Path, data: bytes) -> bytes:
    return hashlib.sha256(file.name.encode() + b"\0" + data).digest()


def read(file: Path) -> bytes | None:
    """The content of a cache entry written by :func:`write`, or None when there is none or
    it does not check out (then it is deleted)."""
    try:
        raw = file.read_bytes()
    except OSError:
        return None
    head, digest = raw[: len(_MAGIC)], raw[len(_MAGIC) : len(_MAGIC) + _DIGEST]
    data = raw[len(_MAGIC) + _DIGEST :]
    if head == _MAGIC and digest == _seal(file, data):
        return data
    with contextlib.suppress(OSError):
        file.unlink()
    return None


def write(file: Path, data: bytes, keep: int | None = None) -> None:
    """Write ``file`` whole or not at all (readers never see half a file), sealed with the
    checksum :func:`read` verifies; with ``keep``, only the ``keep`` newest files of its
    kind stay in its folder.  A folder that cannot be written is no error."""
    with contextlib.suppress(OSError):
        file.parent.mkdir(parents=True, exist_ok=True)
        # The temporary name is chosen before the file exists, so that a stop (Ctrl-C,
        # SIGTERM) at any moment after it is created still removes it.
        tmp = file.parent / f".{file.name}.{os.getpid()}-{os.urandom(4).hex()}"
        try:
            with tmp.open("xb") as out:
                out.write(_MAGIC + _seal(file, data) + data)
            os.replace(tmp, file)
        finally:
            tmp.unlink(missing_ok=True)
        if keep is not None:
            _prune(file.parent, f"*{file.suffix}", keep)


def _prune(folder: Path, pattern: str, keep: int) -> None:
    entries = sorted(folder.glob(pattern), key=lambda p: p.stat().st_mtime)
    for old in entries[:-keep]:
        old.unlink(missing_ok=True)
