"""Parsed fonts, cached between runs and shared within one.

reportlab parses a TrueType file's tables in Python (≈ 0.1 s for a 7 MB CJK font).  The
parsed state of each face is kept in the user's cache folder, keyed by the file's path,
size and modification time and by the reportlab version, in a compact form (arrays, not
lists of tuples) that loads in a few milliseconds.  The font bytes themselves are mapped
from the font file, not read: a build touches only the glyphs it embeds.  The cache is
only an optimisation: any problem with it falls back to parsing.

:class:`Face` is reportlab's face with two changes: it reads glyphs from the mapped file
instead of copying the whole glyf table for each subset, and it takes its subsets from the
subset store (pdf_subsets.py).
"""

from __future__ import annotations

import mmap
import pickle
from array import array
from collections.abc import Sequence
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace

from docgen.cachedir import cache_dir, key, write
from docgen.fonts.pdf_subsets import FLATE, subset_bytes

_FORMAT = 3  # bump when the cached state changes shape
_KEEP = 32  # cached faces kept in the folder; older ones are removed
# Parse-time state that no later step reads (glyphToChar), or that is rebuilt.
_NOT_CACHED = {"_pdfScale", "_ttf_data", "glyphToChar", "hmetrics", "glyphPos"}


class HMetrics(Sequence):
    """reportlab's ``hmetrics`` (a list of (advance, lsb) pairs) as two compact arrays."""

    def __init__(self, advances: array, lsbs: array) -> None:
        self.advances, self.lsbs = advances, lsbs

    @classmethod
    def of(cls, pairs: Sequence[tuple[int, int]]) -> HMetrics:
        return cls(array("l", (a for a, _ in pairs)), array("l", (b for _, b in pairs)))

    def __len__(self) -> int:
        return len(self.advances)

    def __getitem__(self, index):  # makeSubset reads single pairs
        return self.advances[index], self.lsbs[index]


class _TableView:
    """A table of the mapped font file, read slice by slice: reportlab copies the whole
    glyf table (megabytes for a CJK font) to cut each subset of 256 glyphs."""

    def __init__(self, data: mmap.mmap, start: int, length: int) -> None:
        self.data, self.start, self.length = data, start, length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, part: slice) -> bytes:
        first, stop, _ = part.indices(self.length)
        return self.data[self.start + first : self.start + stop]


class Face(TTFontFace):
    """A parsed face that reads only the glyphs it embeds and takes its subsets from the
    subset store (pdf_subsets.py)."""

    cache_key = ""  # the parsed-font cache key: the face's identity

    def get_table(self, tag):
        if tag != "glyf":
            return super().get_table(tag)
        start, length = self.get_table_pos(tag)
        return _TableView(self._ttf_data, start, length)

    def makeSubset(self, subset):
        cut = super().makeSubset
        return subset_bytes(self.cache_key, subset, lambda: cut(subset))

    def addSubsetObjects(self, doc, fontname, subset):
        ref = super().addSubsetObjects(doc, fontname, subset)
        stream = doc.idToObject.get(f"fontFile:{self.filename}({fontname})")
        if stream is not None and stream.filters == [pdfdoc.PDFZCompress]:
            stream.filters = [FLATE]  # the compressed subset comes from the store
        return ref


def _key(path: Path, index: int) -> str:
    return key(index, reportlab.Version, _FORMAT, files=(path,))


def _scale(units_per_em: int):
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _map(path: Path) -> mmap.mmap:
    with path.open("rb") as file:
        return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)


def _state(face: TTFontFace) -> dict:
    state = {k: v for k, v in face.__dict__.items() if k not in _NOT_CACHED}
    # Every reader of charWidths falls back to defaultWidth (1000 for CJK faces), so the
    # characters of that width need no entry: 10 000 entries become about 1 500.
    state["charWidths"] = {c: w for c, w in face.charWidths.items() if w != face.defaultWidth}
    state["hmetrics"] = HMetrics.of(face.hmetrics)
    state["glyphPos"] = array("L", face.glyphPos)
    return state


def _restore(name: str, path: Path, state: dict, face_key: str) -> TTFont:
    """A TTFont rebuilt from cached face state, as TTFont.__init__ would build it."""
    from weakref import WeakKeyDictionary

    face = Face.__new__(Face)
    face.__dict__.update(state)
    face.cache_key = face_key
    face.glyphToChar = {}
    face._ttf_data = _map(path)
    face._pdfScale = _scale(face.unitsPerEm)
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = reportlab.rl_config.ttfAsciiReadable
    font.shapable = False
    return font


def load_font(name: str, path: Path, index: int = 0) -> TTFont:
    """The parsed font, from the cache when it is there."""
    face_key = _key(path, index)
    file = cache_dir("fonts") / f"{face_key}.pickle"
    try:
        with file.open("rb") as cached:
            return _restore(name, path, pickle.load(cached), face_key)
    except (OSError, pickle.PickleError, EOFError, AttributeError, KeyError, TypeError):
        pass
    state = _state(TTFont(name, str(path), subfontIndex=index).face)
    # Each checkout of a font folder has its own key: keep the newest entries only.
    write(file, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL), keep=_KEEP)
    return _restore(name, path, state, face_key)
