"""Fonts installed on this machine, as fontconfig lists them.

Listing them (``fc-list``) costs a process start on every build; the listing is kept in the
cache folder with the modification times of the folders fontconfig reads fonts from (the
``<dir>`` entries of its configuration, the standard ones, every folder a font was found in
and their parents) and of its configuration files and caches.  A font added to or removed
from any of those folders, an ``fc-cache`` run or a configuration change lists again.  (A
font file replaced in place under the same name is seen after ``fc-cache``.)
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

from msgspec import Struct

from docgen.cachedir import cache_dir, read, write

_FORMAT = "%{file}\t%{index}\t%{family}\t%{fontformat}\n"
_VERSION = 1  # bump when the cached record changes shape


class FontFile(Struct, frozen=True):
    """One face found on disk."""

    path: Path
    index: int  # face number inside a collection (.ttc)
    families: tuple[str, ...]
    truetype: bool  # glyf outlines: reportlab can embed only these


_DIR = re.compile(r"<dir(?P<attrs>[^>]*)>(?P<path>[^<]+)</dir>")


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def _config_files() -> list[Path]:
    """fontconfig's configuration files (the usual places)."""
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "fontconfig"
    main = Path(os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf")
    folders = [Path("/etc/fonts/conf.d"), config, config / "conf.d", main.parent / "conf.d"]
    folders += [Path(p) for p in os.environ.get("FONTCONFIG_PATH", "").split(os.pathsep) if p]
    return [main, *(f for folder in folders if folder.is_dir() for f in folder.glob("*.conf"))]


def _configured_dirs(files: list[Path]) -> list[Path]:
    """The <dir> entries of the configuration (over-inclusion is harmless)."""
    dirs = []
    for file in files:
        with contextlib.suppress(OSError, UnicodeDecodeError):
            for m in _DIR.finditer(file.read_text(encoding="utf-8")):
                path = m["path"].strip()
                if 'prefix="xdg"' in m["attrs"]:
                    dirs.append(_data_home() / path)
                else:
                    dirs.append(Path(path).expanduser())
    return dirs


def _watched_roots() -> list[Path]:
    """Files and folders whose change means fontconfig may list other fonts."""
    files = _config_files()
    user_cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    standard = [Path("/usr/share/fonts"), _data_home() / "fonts", Path.home() / ".fonts"]
    caches = [Path("/var/cache/fontconfig"), user_cache / "fontconfig"]
    folders = {f.parent for f in files}
    return [*files, *folders, *standard, *caches, *_configured_dirs(files)]


def _stamp(folders: list[str]) -> list[list]:
    out = []
    for folder in folders:
        try:
            out.append([folder, os.stat(folder).st_mtime_ns])
        except OSError:
            out.append([folder, None])
    return out


def _folders(faces: list[FontFile]) -> list[str]:
    """The watched files and folders, and every folder between one of them and a font."""
    roots = _watched_roots()
    found = {str(p) for p in roots}
    for face in faces:
        for parent in face.path.parents:
            if not any(parent.is_relative_to(root) for root in roots):
                break  # fontconfig scans the configured roots; above them nothing matters
            found.add(str(parent))
    return sorted(found)


def _listed() -> list[FontFile]:
    fc_list = [shutil.which("fc-list") or "fc-list", "-f", _FORMAT]
    out = subprocess.run(fc_list, capture_output=True, text=True, check=False)
    faces = []
    for line in sorted(out.stdout.splitlines()):
        parts = line.split("\t")
        if len(parts) == 4:
            file, index, families, fmt_name = parts
            names = tuple(n.strip() for n in families.split(","))
            faces.append(FontFile(Path(file), int(index or 0), names, fmt_name == "TrueType"))
    return faces


def _read(record_file: Path) -> list[FontFile] | None:
    try:
        data = read(record_file)
        if data is None:
            return None
        record = json.loads(data)
        if record["version"] != _VERSION or record["stamp"] != _stamp(record["folders"]):
            return None
        return [FontFile(Path(p), i, tuple(f), t) for p, i, f, t in record["faces"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write(record_file: Path, faces: list[FontFile]) -> None:
    with contextlib.suppress(OSError):  # the folder exists before the stamp is taken
        record_file.parent.mkdir(parents=True, exist_ok=True)
    folders = _folders(faces)
    record = {
        "version": _VERSION,
        "folders": folders,
        "stamp": _stamp(folders),
        "faces": [[str(f.path), f.index, list(f.families), f.truetype] for f in faces],
    }
    write(record_file, json.dumps(record, ensure_ascii=False).encode())


@cache
def system_faces() -> tuple[FontFile, ...]:
    """Installed fonts, as fontconfig knows them (none where fontconfig is missing)."""
    if not shutil.which("fc-list"):
        return ()
    record_file = cache_dir("fonts") / "installed.json"
    faces = _read(record_file)
    if faces is None:
        faces = _listed()
        _write(record_file, faces)
    return tuple(faces)
