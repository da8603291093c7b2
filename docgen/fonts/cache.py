"""A cache of parsed fonts, so that a cold build does not re-parse every CJK font.

reportlab parses a TrueType file's tables in Python (≈ 0.1 s for a 7 MB CJK font).  The
parsed state of each face is kept in the user's cache folder, keyed by the file's path,
size and modification time and by the reportlab version; the font bytes themselves are
read from the font file again.  The cache is only an optimisation: any problem with it
falls back to parsing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

import reportlab
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace

_FORMAT = 1  # bump when the cached state changes shape
_NOT_CACHED = {"_pdfScale", "_ttf_data"}


def cache_dir() -> Path:
    if folder := os.environ.get("DOCGEN_CACHE_DIR"):
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "docgen" / "fonts"


def _key(path: Path, index: int) -> str:
    stat = path.stat()
    ident = f"{path.resolve()}|{index}|{stat.st_size}|{stat.st_mtime_ns}|{reportlab.Version}"
    return hashlib.sha256(f"{ident}|{_FORMAT}".encode()).hexdigest()[:32]


def _scale(units_per_em: int):
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _restore(name: str, path: Path, state: dict) -> TTFont:
    """A TTFont rebuilt from cached face state, as TTFont.__init__ would build it."""
    from weakref import WeakKeyDictionary

    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(state)
    face._ttf_data = path.read_bytes()
    face._pdfScale = _scale(face.unitsPerEm)
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = reportlab.rl_config.ttfAsciiReadable
    font.shapable = False
    return font


def _store(file: Path, font: TTFont) -> None:
    state = {k: v for k, v in font.face.__dict__.items() if k not in _NOT_CACHED}
    file.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=".font-")
    with os.fdopen(fd, "wb") as out:
        pickle.dump(state, out, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, file)


def load_font(name: str, path: Path, index: int = 0) -> TTFont:
    """The parsed font, from the cache when it is there."""
    try:
        file = cache_dir() / f"{_key(path, index)}.pickle"
        with file.open("rb") as cached:
            return _restore(name, path, pickle.load(cached))
    except (OSError, pickle.PickleError, EOFError, AttributeError, KeyError, TypeError):
        pass
    font = TTFont(name, str(path), subfontIndex=index)
    with contextlib.suppress(OSError, pickle.PickleError):  # a read-only home: parse each time
        _store(cache_dir() / f"{_key(path, index)}.pickle", font)
    return font
