"""reportlab's private members: every use of them is in this module.

docgen keeps parsed fonts and cut subsets between runs (fonts/cache.py, fonts/pdf_subsets.py)
and writes binary streams; that needs reportlab's TrueType face, its attribute layout, its
stream filters and one global setting, none of which is public API.  They are touched here
only, for the versions pinned in pyproject.toml; :func:`verify` says plainly what changed
when another version no longer has them (tests/test_internals.py runs it).
"""

from __future__ import annotations

import mmap
import re
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from weakref import WeakKeyDictionary

import reportlab
from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import TTEncoding, TTFont, TTFontFace
from reportlab.pdfgen.canvas import Canvas

from docgen.fonts.resolve import BUNDLED_DIR

SUPPORTED = ">=4.2,<5.2"  # as pinned in pyproject.toml
VERSION = reportlab.Version

# Parse-time state that no later step reads (glyphToChar), or that is rebuilt.
_NOT_CACHED = {"_pdfScale", "_ttf_data", "glyphToChar", "hmetrics", "glyphPos"}


def use_binary_streams() -> None:
    """Flate-only streams: ASCII85 on top makes files a quarter larger and slower to write,
    and serves only 7-bit channels nobody sends PDFs through any more (a global setting)."""
    rl_config.useA85 = 0


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


class CharToGlyph(Mapping):
    """reportlab's ``charToGlyph`` (code point → glyph) as two sorted arrays searched by
    bisection: a CJK face maps 30 000 code points, and restoring them as a dict took a
    millisecond per face on every build, for the few hundred a document looks up."""

    def __init__(self, codes: array, glyphs: array) -> None:
        self.codes, self.glyphs = codes, glyphs

    @classmethod
    def of(cls, mapping: Mapping[int, int]) -> CharToGlyph:
        codes = sorted(mapping)
        return cls(array("L", codes), array("L", (mapping[c] for c in codes)))

    def _index(self, code: object) -> int:
        i = bisect_left(self.codes, code) if isinstance(code, int) else len(self.codes)
        return i if i < len(self.codes) and self.codes[i] == code else -1

    def __getitem__(self, code: int) -> int:
        i = self._index(code)
        if i < 0:
            raise KeyError(code)
        return self.glyphs[i]

    def __contains__(self, code: object) -> bool:
        return self._index(code) >= 0

    def __iter__(self) -> Iterator[int]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)


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


# The subset store: (face key, glyph codes, cut) → the subset program (pdf_subsets.py).
SubsetStore = Callable[[str, Sequence[int], Callable[[], bytes]], bytes]


class Face(TTFontFace):
    """A parsed face that reads only the glyphs it embeds and takes its subsets from the
    subset store."""

    cache_key = ""  # the parsed-font cache key: the face's identity
    subsets: SubsetStore | None = None
    flate: object = None  # the stream filter that knows the store's compressed subsets

    def get_table(self, tag):
        if tag != "glyf":
            return super().get_table(tag)
        start, length = self.get_table_pos(tag)
        return _TableView(self._ttf_data, start, length)

    def makeSubset(self, subset):
        cut = super().makeSubset
        if self.subsets is None:
            return cut(subset)
        return self.subsets(self.cache_key, subset, lambda: cut(subset))

    def addSubsetObjects(self, doc, fontname, subset):
        ref = super().addSubsetObjects(doc, fontname, subset)
        stream = doc.idToObject.get(f"fontFile:{self.filename}({fontname})")
        if self.flate and stream is not None and stream.filters == [pdfdoc.PDFZCompress]:
            stream.filters = [self.flate]  # the compressed subset comes from the store
        return ref


_SAME_SUBSET = re.compile(r"(.)\1*", re.DOTALL)


class TextEncoder:
    """Text → the operands of ``Tf`` and ``Tj``, for one canvas.  Each character gets the
    code reportlab's text objects would give it (TTFont.splitString and
    getSubsetInternalName: reportlab's documented way to write with a dynamic font; the
    canvas's document they take is private), in the order it is first drawn, so the
    subsets are the same; after that a run is encoded by two ``str.translate``."""

    def __init__(self, canvas: Canvas) -> None:
        self._doc = canvas._doc
        self._fonts: dict[str, _FontCodes] = {}

    def runs(self, font: TTFont, text: str) -> list[tuple[str, str]]:
        """(font resource name, escaped PDF string) for each piece of ``text`` that one
        subset of ``font`` draws."""
        if not text:
            return []
        known = self._fonts.get(font.fontName)
        if known is None:
            known = self._fonts[font.fontName] = _FontCodes()
        if not known.seen.issuperset(text):
            known.learn(font, self._doc, text)
        which = text.translate(known.subsets)
        if which.count(which[0]) == len(which):
            return [(known.names[ord(which[0])], text.translate(known.codes))]
        return [
            (known.names[ord(m.group(1))], text[m.start() : m.end()].translate(known.codes))
            for m in _SAME_SUBSET.finditer(which)
        ]


def _escaped(code: int) -> str:
    """A code in a PDF string: printable ASCII as itself (``\\``, ``(``, ``)`` escaped),
    anything else in octal, as reportlab's escapePDF writes it."""
    ch = chr(code)
    if 32 <= code < 127:
        return "\\" + ch if ch in "\\()" else ch
    return f"\\{code:03o}"


class _FontCodes:
    """One font's characters so far: the escaped code and the subset of each, as
    translate tables."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.codes: dict[int, str] = {}
        self.subsets: dict[int, str] = {}
        self.names: list[str] = []  # the resource name of each subset

    def learn(self, font: TTFont, doc: object, text: str) -> None:
        for ch in dict.fromkeys(text):  # in the order drawn: reportlab numbers them so
            if ch in self.seen:
                continue
            ((subset, code),) = font.splitString(ch, doc)
            while len(self.names) <= subset:
                self.names.append(font.getSubsetInternalName(len(self.names), doc))
            self.codes[ord(ch)], self.subsets[ord(ch)] = _escaped(code[0]), chr(subset)
            self.seen.add(ch)


def parse(path: Path, index: int) -> TTFontFace:
    """reportlab's parse of a font file (slow: its tables are read in Python)."""
    return TTFont(path.stem, str(path), subfontIndex=index).face


def face_state(face: TTFontFace) -> dict:
    """A parsed face's attributes in a compact, picklable form."""
    state = {k: v for k, v in face.__dict__.items() if k not in _NOT_CACHED}
    # Every reader of charWidths falls back to defaultWidth (1000 for CJK faces), so the
    # characters of that width need no entry: 10 000 entries become about 1 500.
    state["charWidths"] = {c: w for c, w in face.charWidths.items() if w != face.defaultWidth}
    state["hmetrics"] = HMetrics.of(face.hmetrics)
    state["charToGlyph"] = CharToGlyph.of(face.charToGlyph)
    state["glyphPos"] = array("L", face.glyphPos)
    return state


def _scale(units_per_em: int):
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _map(path: Path) -> mmap.mmap:
    with path.open("rb") as file:
        return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)


def font_from_state(
    name: str, path: Path, state: dict, face_key: str, subsets: SubsetStore, flate: object
) -> TTFont:
    """A TTFont rebuilt from a face's state, as TTFont.__init__ would build it, reading
    its glyphs from the mapped file."""
    face = Face.__new__(Face)
    face.__dict__.update(state)
    face.cache_key = face_key
    face.subsets = subsets
    face.flate = flate
    face.glyphToChar = {}
    face._ttf_data = _map(path)
    face._pdfScale = _scale(face.unitsPerEm)
    font = TTFont.__new__(TTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = False
    return font


def verify() -> None:
    """Raise a clear error when this reportlab lacks a private member docgen relies on."""
    needs: list[tuple[object, str]] = [
        (TTFontFace, "makeSubset"),
        (TTFontFace, "addSubsetObjects"),
        (TTFontFace, "get_table"),
        (TTFontFace, "get_table_pos"),
        (pdfdoc, "PDFZCompress"),
        (pdfdoc.PDFZCompress, "pdfname"),  # the filter protocol pdf_subsets.MemoFlate follows
        (pdfdoc.PDFZCompress, "encode"),
        (rl_config, "useA85"),
        (rl_config, "ttfAsciiReadable"),
    ]
    missing = [f"{getattr(o, '__name__', o)}.{a}" for o, a in needs if not hasattr(o, a)]
    sample = BUNDLED_DIR / "LiberationSerif-Regular.ttf"
    if sample.is_file():
        face = parse(sample, 0)
        wanted = ("charWidths", "defaultWidth", "hmetrics", "glyphPos", "unitsPerEm", "_ttf_data")
        missing += [f"TTFontFace().{a}" for a in wanted if not hasattr(face, a)]
    if missing:
        raise RuntimeError(
            f"reportlab {VERSION} lacks what docgen uses of its internals ({', '.join(missing)}); "
            f"docgen supports reportlab {SUPPORTED} (pyproject.toml)"
        )
