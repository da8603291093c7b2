"""Headless LibreOffice: DOCX → PDF, for checking how the DOCX writer's files render.

Each conversion runs with its own throw-away user profile (so parallel runs do not fight
over one profile's lock) and, when given, its own fontconfig file (so it sees exactly the
fonts a test chooses, none installed on the machine).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

_CANDIDATES = (
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)


class LibreOfficeError(RuntimeError):
    """LibreOffice is missing, failed, timed out or wrote no PDF."""


def find_soffice() -> str | None:
    """The soffice executable: $DOCGEN_SOFFICE, then PATH, then the usual install places."""
    explicit = os.environ.get("DOCGEN_SOFFICE")
    if explicit:
        return explicit if Path(explicit).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return next((c for c in _CANDIDATES if Path(c).is_file()), None)


def _command(soffice: str, profile: Path, docx: Path, out_dir: Path) -> list[str]:
    return [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nologo",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out_dir),
        str(docx),
    ]


def _run(cmd: list[str], env: dict[str, str], timeout: float) -> subprocess.CompletedProcess:
    """Run soffice in its own process group, so a timeout ends every process it started."""
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True
    )
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise LibreOfficeError(f"LibreOffice did not finish within {timeout:g} s: {cmd}") from None
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def convert_to_pdf(
    docx: Path, out_dir: Path, *, fontconfig: Path | None = None, timeout: float = 120
) -> Path:
    """Convert ``docx`` to ``out_dir/<stem>.pdf`` with headless LibreOffice.

    ``fontconfig`` is a fonts.conf (see :func:`docgen.fonts.fontconfig.write_fontconfig`)
    that replaces the machine's font configuration for this run.
    """
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeError("LibreOffice (soffice) is not installed or not on PATH")
    docx, out_dir = docx.resolve(), out_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = out_dir / f"{docx.stem}.pdf"
    pdf.unlink(missing_ok=True)  # a stale PDF must not pass for a fresh one
    env = dict(os.environ)
    if fontconfig is not None:
        env["FONTCONFIG_FILE"] = str(fontconfig.resolve())
    with tempfile.TemporaryDirectory(prefix="docgen-lo-profile-") as profile:
        result = _run(_command(soffice, Path(profile), docx, out_dir), env, timeout)
    if result.returncode != 0 or not pdf.is_file():
        raise LibreOfficeError(
            f"LibreOffice could not convert {docx} (exit {result.returncode}): {_output(result)}"
        )
    return pdf


def _output(result: subprocess.CompletedProcess, limit: int = 800) -> str:
    """soffice's messages, shortened: the cause comes first, a backtrace may follow."""
    text = b"\n".join(s for s in (result.stderr, result.stdout) if s)
    output = text.decode(errors="replace").strip()
    if len(output) <= 2 * limit:
        return output
    return f"{output[:limit]} … {output[-limit:]}"
