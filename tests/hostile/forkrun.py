"""docgen's command line run in a forked child of a warmed-up process, for fuzzing.

A fresh ``python -m docgen`` costs half a second of imports; a fork of a process that has
imported docgen and built one document costs a few milliseconds.  The child is still a
process of its own: a segfault, a hang or a memory bomb ends it, not the fuzzer.  It runs
the typer app of ``docgen.cli`` as the command line does; any exception that escapes
(anything but ``SystemExit``) is a traceback, reported with its innermost docgen frame.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from tests.hostile.harness import MEMORY_LIMIT, ROOT, TIME_LIMIT

CRASHED = 111  # the child's exit status when an exception escaped (details in its report)


@dataclass
class ForkResult:
    exit: int | None  # None: killed (signal or timeout)
    signal_: int | None
    timed_out: bool
    elapsed: float
    exception: dict | None  # type, message, frame, traceback — when one escaped
    stdout: str = ""
    stderr: str = ""
    outputs: list[str] = field(default_factory=list)

    @property
    def kind(self) -> str:
        """traceback, timeout, crash, exit-N."""
        if self.exception:
            return "traceback"
        if self.timed_out:
            return "timeout"
        if self.signal_ is not None:
            return "crash"
        if "Traceback (most recent call last)" in self.stderr:
            return "traceback"
        return f"exit-{self.exit}"


def warm_up(folder: Path) -> None:
    """Import docgen and build one document in this process: the children inherit both."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    import docgen
    from docgen.build import BuildOptions, build

    here = Path(docgen.__file__).resolve().parents[1]
    if here != ROOT:
        raise RuntimeError(f"docgen is imported from {here}, not from this checkout ({ROOT})")
    from docgen.cli import app  # noqa: F401
    from tests.hostile.projects import make_project

    spec = make_project(folder / "warm")
    build(spec, BuildOptions(out_dir=folder / "warm-out"))
    import docx  # noqa: F401  (the DOCX writer's imports, once)


def _vm_kb() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1])
    return 0


def _frame(tb: traceback.StackSummary) -> str:
    ours = [f for f in tb if f"{os.sep}docgen{os.sep}" in f.filename]
    f = ours[-1] if ours else (tb[-1] if tb else None)
    if f is None:
        return "?"
    name = f.filename
    if f"{os.sep}docgen{os.sep}" in name:
        name = name[name.rfind(f"{os.sep}docgen{os.sep}") + 1 :]
    else:
        name = Path(name).name + " (no docgen frame)"
    return f"{name}:{f.lineno} ({f.name})"


def _child(argv: list[str], cwd: Path, report: Path, memory: int) -> None:
    """In the forked child: limits, redirections, the command line; never returns."""
    code = CRASHED
    try:
        os.setpgid(0, 0)
        # The child starts as big as the warmed parent: allow ``memory`` more than that.
        limit = _vm_kb() * 1024 + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        os.chdir(cwd)
        for fd, name in ((1, "stdout"), (2, "stderr")):
            out = os.open(cwd / f"fork.{name}", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(out, fd)
            os.close(out)
        # Under pytest, sys.stdout and sys.stderr are capture objects, not fds 1 and 2; the
        # encoding is strict UTF-8, as for `python -m docgen` under a UTF-8 locale.
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        os.environ["DOCGEN_CACHE_DIR"] = str(cwd / "cache")
        import faulthandler

        faulthandler.enable(sys.stderr)  # SIGABRT at the time limit, or a crash: says where
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        from docgen.cli import app

        try:
            app(args=argv, prog_name="docgen", standalone_mode=True)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except BaseException as exc:  # a traceback the user would see
            tb = traceback.extract_tb(exc.__traceback__)
            info = {
                "type": type(exc).__name__,
                "message": str(exc)[:300],
                "frame": _frame(tb),
                "traceback": "".join(traceback.format_exception(exc))[-6000:],
            }
            report.write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
            code = CRASHED
    except BaseException:
        with contextlib.suppress(BaseException):
            report.write_text(
                json.dumps(
                    {
                        "type": "harness",
                        "message": traceback.format_exc(),
                        "frame": "forkrun",
                        "traceback": "",
                    }
                )
            )
    finally:
        with contextlib.suppress(BaseException):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def start(argv: list[str], cwd: Path, memory: int = MEMORY_LIMIT) -> int:
    """Fork a child running ``docgen ARGV`` in ``cwd``; returns its pid."""
    report = cwd / "fork.report.json"
    report.unlink(missing_ok=True)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        _child(argv, cwd, report, memory)
    return pid


def abort(pid: int) -> None:
    """The first step of a time-out: SIGABRT, so that faulthandler prints where the child
    is; the caller kills its process group a second later."""
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGABRT)


def finish(pid: int, status: int, cwd: Path, started: float, timed_out: bool) -> ForkResult:
    report = cwd / "fork.report.json"
    exception = None
    if report.exists():
        with contextlib.suppress(ValueError, OSError):
            exception = json.loads(report.read_text(encoding="utf-8"))
    exit_code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
    sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None

    def read(name: str) -> str:
        path = cwd / f"fork.{name}"
        return path.read_bytes()[-20000:].decode("utf-8", "replace") if path.exists() else ""

    out = cwd / "out"
    return ForkResult(
        exit=None if timed_out else exit_code,
        signal_=None if timed_out else sig,
        timed_out=timed_out,
        elapsed=time.monotonic() - started,
        exception=exception,
        stdout=read("stdout"),
        stderr=read("stderr"),
        outputs=sorted(p.name for p in out.iterdir()) if out.is_dir() else [],
    )


def run(
    argv: list[str], cwd: Path, timeout: float = TIME_LIMIT, memory: int = MEMORY_LIMIT
) -> ForkResult:
    """Run one command in a forked child and wait for it (killing it after ``timeout``)."""
    started = time.monotonic()
    pid = start(argv, cwd, memory)
    timed_out = False
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        now = time.monotonic()
        if now - started > timeout and not timed_out:
            timed_out = True
            abort(pid)
        elif timed_out and now - started > timeout + 1:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
        time.sleep(0.005)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)
    return finish(pid, status, cwd, started, timed_out)


# ---- What a fuzz run must never do -------------------------------------------------------


def problems(result: ForkResult, cwd: Path, command: str) -> list[tuple[str, str]]:
    """(category, detail) of everything wrong with one fuzz run; [] when it was fine.

    Categories: traceback, crash, timeout, exit (a status other than 0 or 1), memory (a
    MemoryError turned into a message), leftover (a file other than the outputs)."""
    out: list[tuple[str, str]] = []
    if result.exception:
        e = result.exception
        out.append(("traceback", f"{e['frame']}  {e['type']}: {e['message'][:120]}"))
    elif "Traceback (most recent call last)" in result.stderr:
        from tests.hostile.harness import innermost_docgen_frame

        out.append(("traceback", f"{innermost_docgen_frame(result.stderr)} (printed)"))
    from tests.hostile.harness import faulthandler_frame

    where = faulthandler_frame(result.stderr) or "(no docgen frame)"
    if result.timed_out:
        out.append(("timeout", f"{where}  still running after {result.elapsed:.0f} s"))
    elif result.signal_ is not None:
        out.append(("crash", f"{where}  died of {signal.Signals(result.signal_).name}"))
    elif result.exit not in (0, 1, CRASHED):
        out.append(("exit", f"exit status {result.exit}: {result.stderr.strip()[-200:]}"))
    if "MemoryError" in result.stderr:
        out.append(("memory", result.stderr.strip()[-200:]))
    if not result.timed_out and result.signal_ is None:
        stray = [
            n for n in result.outputs if n.startswith(".") or not n.endswith((".pdf", ".docx"))
        ]
        if result.exit != 0 and command == "build":
            stray = result.outputs
        if stray:
            out.append(("leftover", f"left in the output folder: {stray[:5]}"))
    return out
