"""Loaded at start-up by every docgen process the hostile corpus starts (its folder is on
PYTHONPATH there, and nowhere else): an audit hook records each file opened whose real path
lies in a watched place — the secret folder beside the project, /etc/passwd, /etc/shadow, a
process's environ — so that a read outside the project is seen even when nothing of what
was read reaches the output.

HOSTILE_WATCH: the watched paths (os.pathsep-separated); HOSTILE_AUDIT_LOG: the log file.
"""

import os
import sys

_WATCH = tuple(p.rstrip("/") for p in os.environ.get("HOSTILE_WATCH", "").split(os.pathsep) if p)
_LOG = os.environ.get("HOSTILE_AUDIT_LOG")


def _watched(real: str) -> bool:
    if real.startswith("/proc/") and real.endswith("/environ"):
        return True
    return any(real == w or real.startswith(w + "/") for w in _WATCH)


if _WATCH and _LOG:
    _busy = []

    def _hook(event: str, args: tuple) -> None:
        if event != "open" or _busy or not args or isinstance(args[0], int) or args[0] is None:
            return
        _busy.append(1)
        try:
            real = os.path.realpath(os.fsdecode(os.fspath(args[0])))
            if _watched(real):
                fd = os.open(_LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
                try:
                    os.write(fd, real.encode("utf-8", "surrogateescape") + b"\n")
                finally:
                    os.close(fd)
        except Exception:
            pass
        finally:
            _busy.pop()

    sys.addaudithook(_hook)
