"""Writing output files: all of a build's files or none, never half a file, never a
temporary file left behind.

A build makes its files in memory; only when every one of them is made are they written,
each to an unnamed file in its folder (Linux's O_TMPFILE: a process killed meanwhile leaves
nothing), then named under a hidden name beside its target and renamed over it.  Only
SIGKILL in the microseconds between those two steps leaves a file behind, under a hidden
name that holds the process's id; the next build into that folder removes it.  SIGINT and
SIGTERM wait while files are given their names.  Where unnamed files are not available, a
hidden temporary name is used and removed on every exit Python sees.  What cannot be
written is one plain message.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

from docgen.errors import DocgenError


class OutputError(DocgenError):
    """An output file cannot be written: a read-only folder, a full disk, a file in the way."""


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "no permission to write there"
    return exc.strerror or str(exc)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the files have their names."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, OSError, ValueError):  # no signal masks here
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _folder(target: Path) -> Path:
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(f"cannot write {target}: {folder} is a file, not a folder") from None
    except NotADirectoryError:
        raise OutputError(f"cannot write {target}: part of {folder} is a file") from None
    except OSError as exc:
        raise OutputError(f"cannot create the folder {folder}: {_reason(exc)}") from None
    if target.is_dir():
        raise OutputError(f"cannot write {target}: a folder of that name is in the way")
    return folder


def _mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _unnamed(folder: Path, data: bytes) -> int | None:
    """An unnamed file in ``folder`` holding ``data`` (its descriptor), or None where the
    system has no such files."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag:
        return None
    try:
        fd = os.open(folder, flag | os.O_WRONLY, _mode())
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.ENOENT, errno.EINVAL):
            return None
        raise
    try:
        _write_all(fd, data)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _link(fd: int, name: Path) -> None:
    """Give the unnamed file ``fd`` the name ``name``: linkat(2) of its /proc/self/fd entry,
    following it (from that folder, os.link passes AT_SYMLINK_FOLLOW; with no folder it
    would call link(2), which links the /proc entry itself)."""
    proc = os.open("/proc/self/fd", os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.link(str(fd), name, src_dir_fd=proc, follow_symlinks=True)
    finally:
        os.close(proc)


def _staged(target: Path, data: bytes) -> Path:
    """``data`` in a hidden file beside ``target``, whole: named only once complete where
    unnamed files can be made and linked, else written under its hidden name."""
    folder = _folder(target)
    fd = _unnamed(folder, data)
    if fd is not None:
        try:
            return _named(fd, folder, target)
        except OSError as exc:
            if exc.errno in (errno.ENOSPC, errno.EACCES, errno.EPERM, errno.EROFS):
                raise
        finally:
            os.close(fd)
    fd, name = tempfile.mkstemp(prefix=_prefix(target), dir=folder)
    try:
        os.fchmod(fd, _mode())
        _write_all(fd, data)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)
    return Path(name)


def _prefix(target: Path) -> str:
    """The start of a staged file's hidden name: the target's and this process's, so that
    a later build can tell a file left by a killed one (:func:`_sweep`)."""
    return f".{target.name}.{os.getpid()}-"


def _named(fd: int, folder: Path, target: Path) -> Path:
    for _ in range(100):
        name = folder / f"{_prefix(target)}{os.urandom(6).hex()}"
        try:
            _link(fd, name)
            return name
        except FileExistsError:
            continue
    raise OSError(errno.EEXIST, "no free temporary name")


def _sweep(target: Path) -> None:
    """Remove what a killed build left beside ``target``: SIGKILL between a staged file's
    naming and its renaming (a few microseconds) leaves it under its hidden name, which
    names a process that is gone."""
    with contextlib.suppress(OSError):
        for left in target.parent.glob(f".{glob.escape(target.name)}.*-*"):
            pid = left.name[len(target.name) + 2 :].split("-", 1)[0]
            if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
                left.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's: alive
        return True
    return True


def publish(files: list[tuple[Path, bytes]]) -> None:
    """Write every file or none: each is staged whole beside its target, then all are
    renamed into place; earlier files of the same names stay until then, and what a
    killed build left beside them goes."""
    staged: list[tuple[Path, Path]] = []
    for target, _ in files:
        _sweep(target)
    with _signals_held():
        try:
            for target, data in files:
                try:
                    staged.append((_staged(target, data), target))
                except OSError as exc:
                    raise OutputError(f"cannot write {target}: {_reason(exc)}") from None
            for temporary, target in staged:
                try:
                    os.replace(temporary, target)
                except OSError as exc:
                    raise OutputError(f"cannot write {target}: {_reason(exc)}") from None
        finally:
            for temporary, _ in staged:
                temporary.unlink(missing_ok=True)
