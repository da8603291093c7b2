"""Parsed fonts, cached between runs and shared within one.

reportlab parses a TrueType file's tables in Python (≈ 0.1 s for a 7 MB CJK font).  The
parsed state of each face is kept in the user's cache folder, keyed by the file's path,
size and modification time and by the reportlab version, in a compact form (arrays, not
lists of tuples) that loads in a few milliseconds.  The font bytes themselves are mapped
from the font file, not read: a build touches only the glyphs it embeds.  The cache is
only an optimisation: any problem with it falls back to parsing.

The parsed face (rl_internals.Face) reads glyphs from the mapped file instead of copying
the whole glyf table for each subset, and takes its subsets from the subset store
(pdf_subsets.py).
"""

from __future__ import annotations

import io
import pickle
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFont

from docgen.cachedir import cache_dir, key, read, write
from docgen.fonts import rl_internals as rl
from docgen.fonts.pdf_subsets import FLATE, subset_bytes

_FORMAT = 5  # bump when the cached state changes shape
_KEEP = 32  # cached faces kept in the folder; older ones are removed


class _Unpickler(pickle.Unpickler):
    """Only the types a parsed face is made of: a cache entry can never name code to run."""

    ALLOWED = frozenset(
        {
            ("array", "array"),
            ("array", "_array_reconstructor"),
            ("docgen.fonts.rl_internals", "HMetrics"),
            ("docgen.fonts.rl_internals", "CharToGlyph"),
            ("reportlab.pdfbase.ttfonts", "TTFNameBytes"),
        }
    )

    def find_class(self, module: str, name: str):
        if (module, name) not in self.ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of a parsed face")
        return super().find_class(module, name)


def _key(path: Path, index: int) -> str:
    return key(index, rl.VERSION, _FORMAT, files=(path,))


def _restore(name: str, path: Path, state: dict, face_key: str) -> TTFont:
    return rl.font_from_state(name, path, state, face_key, subset_bytes, FLATE)


def is_cached(path: Path, index: int = 0) -> bool:
    """Whether the parsed face is in the cache (then :func:`load_font` takes milliseconds)."""
    return (cache_dir("fonts") / f"{_key(path, index)}.pickle").is_file()


def load_font(name: str, path: Path, index: int = 0) -> TTFont:
    """The parsed font, from the cache when it is there."""
    face_key = _key(path, index)
    file = cache_dir("fonts") / f"{face_key}.pickle"
    data = read(file)  # None unless its checksum holds
    if data is not None:
        try:
            return _restore(name, path, _Unpickler(io.BytesIO(data)).load(), face_key)
        except (pickle.PickleError, EOFError, AttributeError, KeyError, TypeError, ValueError):
            pass
    state = rl.face_state(rl.parse(path, index))
    # Each checkout of a font folder has its own key: keep the newest entries only.
    write(file, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL), keep=_KEEP)
    return _restore(name, path, state, face_key)
