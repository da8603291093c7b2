"""Run docgen on a hostile case, in a subprocess with limits, and check what must always hold.

A case's world is a folder holding:

    project/    docgen.toml (marks the project root), spec.yaml and the case's files
    outside/    a secret (a text, a template, a vars file, a spec, a font, an image) that
                symlinks inside the project point at; its marker must never come out
    out/        where the build writes (``-o out`` unless the case says otherwise)
    cache/      a private DOCGEN_CACHE_DIR

Every check returns human-readable problems; an empty list means the run was fine.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time
import uuid
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the checkout these tests live in
SPECS = ROOT / "specs"
SEAL_PNG = SPECS / "images" / "seal-sample-a.png"

TIME_LIMIT = 10.0  # seconds of wall time for one docgen process
MEMORY_LIMIT = 1 << 30  # RLIMIT_AS: 1 GiB of address space

# The marker of the secret folder; one per test session, so that a stale output of another
# run can never match (and a marker typed into the corpus by mistake would not either).
MARKER = f"SECRET{uuid.uuid4().hex[:12]}"
# A second secret every Linux machine has: the first line of /etc/passwd.
PASSWD_MARKER = "root:x:0:0"

AUDIT = Path(__file__).resolve().parent / "audit"  # sitecustomize.py: records reads outside
EXIT_INTERNAL = 70  # EX_SOFTWARE: allowed only where a case says so, with a one-line message


# ---- Files of a project --------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """A symlink; ``{outside}`` and ``{project}`` in the target are the case's folders."""

    target: str


@dataclass(frozen=True)
class Fifo:
    """A named pipe: opening it for reading blocks until someone writes."""


@dataclass(frozen=True)
class Folder:
    """An empty folder."""


# str (UTF-8), bytes, a callable giving bytes (made when the case runs), or one of the above.
FileContent = str | bytes | Callable[[], bytes] | Link | Fifo | Folder


def materialise(folder: Path, files: dict[str, FileContent], world: Path) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Link):
            target = content.target.format(outside=world / "outside", project=world / "project")
            path.symlink_to(target)
        elif isinstance(content, Fifo):
            os.mkfifo(path)
        elif isinstance(content, Folder):
            path.mkdir(exist_ok=True)
        else:
            data = content() if callable(content) else content
            path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


SECRET_SPEC = f"""\
kind: 通知
title: 关于{MARKER}的通知
issuer: 外部机关
date: 2021-07-01
body:
  opening: 此处为项目之外的内容{MARKER}。
"""


def make_outside(world: Path) -> Path:
    """The secret folder beside the project. Every file in it carries the marker."""
    outside = world / "outside"
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.txt").write_text(f"机密内容{MARKER}\n{MARKER}\n", encoding="utf-8")
    (outside / "secret.j2").write_text(
        f"{{% macro m() %}}{MARKER}{{% endmacro %}}{MARKER}{{% block opening %}}"
        f"<p>{MARKER}</p>{{% endblock %}}\n",
        encoding="utf-8",
    )
    (outside / "secret.xml.j2").write_text(f"<p>机密内容{MARKER}</p>\n", encoding="utf-8")
    (outside / "secret-vars.yaml").write_text(
        f"secret: {MARKER}\ncity: {MARKER}\nwho: {MARKER}\n", encoding="utf-8"
    )
    (outside / "secret.yaml").write_text(SECRET_SPEC, encoding="utf-8")
    shutil.copyfile(SEAL_PNG, outside / "seal.png")
    fonts = ROOT / "fonts"
    ttf = fonts / "LiberationSerif-Regular.ttf"  # the smallest bundled font
    if not ttf.is_file():
        ttf = min(fonts.glob("*.ttf"), key=lambda p: p.stat().st_size)
    shutil.copyfile(ttf, outside / "secret.ttf")
    return outside


def tree(folder: Path) -> dict[str, str]:
    """Every entry below ``folder`` (not following links) with a digest of what it is."""
    out: dict[str, str] = {}
    if not folder.exists() and not folder.is_symlink():
        return out
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in [*dirnames, *filenames]:
            path = Path(dirpath) / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                out[rel] = "link:" + os.readlink(path)
            elif path.is_fifo():
                out[rel] = "fifo"
            elif path.is_dir():
                out[rel] = "dir"
            elif path.is_file():
                out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                out[rel] = "other"
    return out


# ---- Running docgen ---------------------------------------------------------------------


@dataclass
class Run:
    args: list[str]
    exit: int | None  # None when killed by a signal (see signal_) or timed out
    signal_: int | None
    timed_out: bool
    stdout: str
    stderr: str
    elapsed: float  # wall seconds
    maxrss_mb: float  # peak resident memory of the process, sampled every 10 ms
    cpu: float  # user + system seconds

    @property
    def stuck_at(self) -> str:
        """Where a timed-out or crashed run was, from faulthandler's dump ('' if unknown)."""
        return faulthandler_frame(self.stderr)

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.stderr

    def describe(self) -> str:
        if self.timed_out:
            state = f"killed after {self.elapsed:.1f} s (limit {TIME_LIMIT:.0f} s)"
        elif self.signal_ is not None:
            state = f"died of signal {signal.Signals(self.signal_).name}"
        else:
            state = f"exit {self.exit}"
        return f"{state}, {self.elapsed:.2f} s, {self.maxrss_mb:.0f} MB"


def watch_env(world: Path) -> dict[str, str]:
    """The environment that makes docgen record reads of the secret folder (and of
    /etc/passwd, /etc/shadow, a process's environ) in ``world/logs/audit.log``."""
    watched = [str((world / "outside").resolve()), "/etc/passwd", "/etc/shadow"]
    return {
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(AUDIT)]),
        "HOSTILE_WATCH": os.pathsep.join(watched),
        "HOSTILE_AUDIT_LOG": str(world / "logs" / "audit.log"),
    }


def outside_reads(world: Path) -> list[str]:
    """The watched files docgen opened (see watch_env)."""
    log = world / "logs" / "audit.log"
    if not log.exists():
        return []
    seen = dict.fromkeys(log.read_text(encoding="utf-8", errors="replace").splitlines())
    base = str(world.resolve()) + os.sep
    return [f"read a file outside the project: {p.removeprefix(base)}" for p in seen if p]


def docgen_env(cache: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DOCGEN_")
        and k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONINSPECT")
    }
    env.update(
        PYTHONPATH=str(ROOT),
        DOCGEN_CACHE_DIR=str(cache),
        PYTHONIOENCODING="utf-8",
        PYTHONFAULTHANDLER="1",  # a crash or a hang (SIGABRT at the time limit) says where
        LC_ALL="C.UTF-8",
        LANG="C.UTF-8",
    )
    env.update(extra or {})
    return env


def _limits(memory: int) -> Callable[[], None]:
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def start_docgen(
    args: list[str],
    cwd: Path,
    env: dict[str, str],
    memory: int = MEMORY_LIMIT,
    log: Path | None = None,
) -> tuple[subprocess.Popen, Path]:
    """``python -m docgen ARGS`` in its own session, output to files in ``log``."""
    log = log or cwd
    log.mkdir(parents=True, exist_ok=True)
    out = (log / "docgen.stdout").open("wb")
    err = (log / "docgen.stderr").open("wb")
    with out, err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "docgen", *args],
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            preexec_fn=_limits(memory),
            start_new_session=True,
        )
    return proc, log


def wait_docgen(
    proc: subprocess.Popen, log: Path, args: list[str], started: float, timeout: float
) -> Run:
    """Reap the process with its resource usage; kill its session when it runs too long."""
    deadline = started + timeout
    timed_out = False
    peak_kb = 0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak_kb = max(peak_kb, _high_water_kb(proc.pid))
        now = time.monotonic()
        if now > deadline and not timed_out:
            timed_out = True
            # faulthandler (PYTHONFAULTHANDLER) prints where it is stuck, then it is killed.
            with contextlib.suppress(ProcessLookupError):
                os.kill(proc.pid, signal.SIGABRT)
            kill_at = now + 1.0
        elif timed_out and now > kill_at:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            kill_at = float("inf")
        time.sleep(0.01)
    elapsed = time.monotonic() - started
    proc.returncode = os.waitstatus_to_exitcode(status)  # Popen must not wait again
    exit_code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
    sig = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    _let_session_end(proc.pid)
    with contextlib.suppress(ProcessLookupError):  # anything it left running in its session
        os.killpg(proc.pid, signal.SIGKILL)
    return Run(
        args=args,
        exit=None if timed_out else exit_code,
        signal_=None if timed_out else sig,
        timed_out=timed_out,
        stdout=(log / "docgen.stdout").read_bytes().decode("utf-8", "replace"),
        stderr=(log / "docgen.stderr").read_bytes().decode("utf-8", "replace"),
        elapsed=elapsed,
        maxrss_mb=peak_kb / 1024,
        cpu=usage.ru_utime + usage.ru_stime,
    )


def _let_session_end(session: int, patience: float = 10.0) -> None:
    """Wait for the rest of a build's session to end by itself: its layout helper
    (docgen/forked.py) finishes what it is writing and leaves when the build is gone;
    killing it at once would be a second kill, of a process nobody asked to stop."""
    deadline = time.monotonic() + patience
    while _running_in(session) and time.monotonic() < deadline:
        time.sleep(0.01)


def _running_in(session: int) -> bool:
    """Whether a process other than a zombie is left in the session."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == session and fields[0] != "Z":  # state, ppid, pgrp, session
            return True
    return False


def _high_water_kb(pid: int) -> int:
    """The process's peak resident memory so far (VmHWM).  Not ru_maxrss: that one keeps
    the high-water mark of the forked test process from before the exec."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def run_docgen(
    args: list[str],
    cwd: Path,
    env: dict[str, str],
    timeout: float = TIME_LIMIT,
    memory: int = MEMORY_LIMIT,
    log: Path | None = None,
) -> Run:
    started = time.monotonic()
    proc, log = start_docgen(args, cwd, env, memory, log)
    return wait_docgen(proc, log, args, started, timeout)


# ---- What the outputs say ----------------------------------------------------------------


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path) -> str:
    """The text of every page and the document information of a PDF."""
    import pymupdf

    with pymupdf.open(path) as doc:
        parts = [page.get_text() for page in doc]
        parts += [str(v) for v in (doc.metadata or {}).values() if v]
    return "\n".join(parts)


def docx_text(path: Path) -> str:
    """The text of every XML part of a DOCX (document, headers, footers, properties)."""
    parts = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith((".xml", ".rels")):
                xml = z.read(name).decode("utf-8", "replace")
                if name == "word/document.xml" or "header" in name or "footer" in name:
                    xml = re.sub(r"</w:p>", "\n", xml)
                parts.append(re.sub(r"<[^>]+>", "", xml))
    import html

    return html.unescape("\n".join(parts))


def document_text(path: Path) -> str:
    """The readable text of an output file ('' for other files)."""
    if path.suffix == ".pdf":
        return pdf_text(path)
    if path.suffix == ".docx":
        return docx_text(path)
    return ""


# Python reprs that must never reach a document: compared with all whitespace removed,
# since PDF text extraction spaces out justified Latin letters.
REPR_PATTERNS = [
    (re.compile(p), what)
    for p, what in [
        (r"objectat0x", "an object's repr (memory address)"),
        (r"0x[0-9a-fA-F]{8,}", "a memory address"),
        (
            r"<(function|class|bound|built-?in|method|module|generator|coroutine|jinja2|"
            r"Template|Macro|Namespace|Undefined|StrictUndefined|Token|Cycler|Joiner|"
            r"LoremIpsum|property|cell|code|frame|list_|dict_|set_|tuple_|str_|range_)",
            "a <...> repr",
        ),
        (r"\{'|\['|\('|\{\"", "a dict, list, tuple or set repr"),
        (r"\bb'|\bb\"", "a bytes repr"),
        (
            r"Undefined|Cycler|LoremIpsum|Joiner|TemplateReference|Namespace|"
            r"dict_items|dict_keys|dict_values|range\(\d|SpecDate\(|datetime\.",
            "a Jinja or Python object's name",
        ),
        (
            r"\b(Spec|Body|Section|Table|Attachment|DocNumber|LoadedSpec|Locator)\(\w+=",
            "a docgen struct's repr",
        ),
        (r"\[-?\d+(\.\d+)?(,-?\d+(\.\d+)?)*\]|\[\]|\(\)", "a list or tuple of numbers"),
        (r"LoopContext|<Macro|Markup\(", "a Jinja object"),
        (r"None", "None"),
    ]
]


def repr_leaks(text: str) -> list[str]:
    flat = squeeze(text)
    found = []
    for pattern, what in REPR_PATTERNS:
        m = pattern.search(flat)
        if m:
            lo = max(0, m.start() - 20)
            found.append(f"{what}: …{flat[lo : m.end() + 30]}…")
    return found


def secret_leaks(text: str, where: str) -> list[str]:
    flat = squeeze(text)
    out = []
    for marker in (MARKER, PASSWD_MARKER):
        if marker in text or marker in flat:
            i = flat.find(marker)
            out.append(
                f"a file outside the project came out in {where}: …{flat[max(0, i - 30) : i + 40]}…"
            )
    return out


def stream_problems(run: Run) -> list[str]:
    """What stdout and stderr must never show."""
    problems = []
    for name, text in (("stdout", run.stdout), ("stderr", run.stderr)):
        problems += secret_leaks(text, name)
        if re.search(r" object at 0x[0-9a-fA-F]+|<(function|bound method|generator) ", text):
            problems.append(f"a Python repr in {name}: {first_lines(text)}")
    return problems


def output_problems(files: Iterable[Path]) -> list[str]:
    """Secret and repr leaks in the files a build wrote."""
    problems = []
    for path in files:
        if not path.is_file():
            continue
        raw = path.read_bytes()
        problems += secret_leaks(raw.decode("latin-1"), path.name + " (bytes)")
        try:
            text = document_text(path)
        except Exception as exc:  # an output that cannot be read is a problem of its own
            problems.append(f"{path.name} cannot be read: {type(exc).__name__}: {exc}")
            continue
        problems += secret_leaks(text, path.name)
        problems += [f"{path.name}: {leak}" for leak in repr_leaks(text)]
    return problems


def crash_problems(run: Run, internal_ok: bool = False) -> list[str]:
    """A run must end by itself, in time, with 0 or 1 and no traceback."""
    problems = []
    if run.timed_out:
        where = f" in {run.stuck_at}" if run.stuck_at else ""
        problems.append(f"still running after {TIME_LIMIT:.0f} s (cpu {run.cpu:.1f} s){where}")
    elif run.signal_ is not None:
        where = f" in {run.stuck_at}" if run.stuck_at else ""
        problems.append(f"died of {signal.Signals(run.signal_).name}{where}")
    if run.traceback:
        problems.append(f"traceback: {traceback_summary(run.stderr)}")
    elif "MemoryError" in run.stderr:
        problems.append(f"ran out of the {MEMORY_LIMIT >> 20} MiB limit: {first_lines(run.stderr)}")
    if run.exit is not None and run.exit not in (0, 1):
        one_line = len(run.stderr.strip().splitlines()) == 1
        if not (internal_ok and run.exit == EXIT_INTERNAL and one_line):
            problems.append(f"exit status {run.exit}: {first_lines(run.stderr)}")
    return problems


def first_lines(text: str, n: int = 2, width: int = 240) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()][:n]
    return " ⏎ ".join(lines)[:width]


_FRAME = re.compile(r'^  File "(?P<file>[^"]+)", line (?P<line>\d+), in (?P<func>\S+)', re.M)


def exception_line(stderr: str) -> str:
    """The 'ExcType: message' line of the last traceback in ``stderr``."""
    lines = stderr.splitlines()
    last_frame = max((i for i, line in enumerate(lines) if line.startswith('  File "')), default=-1)
    for line in lines[last_frame + 1 :]:
        if line.strip() and not line.startswith((" ", "\t")):
            return line.strip()[:160]
    return (lines[-1].strip() if lines else "?")[:160]


def traceback_summary(stderr: str) -> str:
    """'ExcType: message at docgen/x.py:12 (func)', the innermost frame of docgen's own."""
    frames = _FRAME.findall(stderr)
    ours = [f for f in frames if f"{os.sep}docgen{os.sep}" in f[0]]
    exc = exception_line(stderr)
    if ours:
        return f"{exc} at {innermost_docgen_frame(stderr)}"
    if frames:
        file, line, func = frames[-1]
        return f"{exc} at {Path(file).name}:{line} ({func}) — no docgen frame"
    return exc


_FAULT_FRAME = re.compile(r'^\s+File "(?P<file>[^"]+)", line (?P<line>\d+) in (?P<func>\S+)', re.M)


def faulthandler_frame(stderr: str) -> str:
    """The innermost docgen frame of faulthandler's dump (most recent call first)."""
    if "Fatal Python error" not in stderr:
        return ""
    dump = stderr[stderr.rfind("Fatal Python error") :]
    for file, line, func in _FAULT_FRAME.findall(dump):
        if f"{os.sep}docgen{os.sep}" in file:
            return f"{file[file.rfind(f'{os.sep}docgen{os.sep}') + 1 :]}:{line} ({func})"
    frames = _FAULT_FRAME.findall(dump)
    return (
        f"{Path(frames[0][0]).name}:{frames[0][1]} ({frames[0][2]}), no docgen frame"
        if frames
        else ""
    )


def innermost_docgen_frame(stderr: str) -> str:
    frames = [f for f in _FRAME.findall(stderr) if f"{os.sep}docgen{os.sep}" in f[0]]
    if not frames:
        return "(no docgen frame)"
    file, line, func = frames[-1]
    return f"{file[file.rfind(f'{os.sep}docgen{os.sep}') + 1 :]}:{line} ({func})"


@dataclass
class Mount:
    """A tmpfs mounted for a case (root only); unmounted afterwards."""

    path: Path
    options: str

    def __enter__(self) -> Mount:
        self.path.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", self.options, "tmpfs", str(self.path)],
            check=True,
            capture_output=True,
        )
        return self

    def __exit__(self, *exc: object) -> None:
        subprocess.run(["umount", "-l", str(self.path)], check=False, capture_output=True)


def can_mount_tmpfs(scratch: Path) -> str | None:
    """None when a small tmpfs can be mounted here, else why not."""
    if os.geteuid() != 0:
        return "mounting a small tmpfs needs root"
    if not shutil.which("mount"):
        return "no mount command"
    probe = scratch / f".mount-probe-{os.getpid()}"
    try:
        with Mount(probe, "size=64k"):
            pass
    except (subprocess.CalledProcessError, OSError) as exc:
        return f"cannot mount a tmpfs: {exc}"
    finally:
        with contextlib.suppress(OSError):
            probe.rmdir()
    return None


@dataclass
class Outcome:
    """A case's run and every problem found in it."""

    run: Run | None
    problems: list[str] = field(default_factory=list)
    skipped: str | None = None
    outputs: list[str] = field(default_factory=list)
