"""Subsets of font files: only the glyphs a document uses, for embedding in a DOCX or an
OFD package."""

from __future__ import annotations

import io
import logging
from pathlib import Path

from docgen.cachedir import cache_dir, key, read, write

_KEEP = 256  # cut fonts kept in the cache folder; older ones are removed

# Characters a document may show without them being in its text: page numbers (a field
# Word fills in), the dashes around them, spaces.
ALWAYS = "0123456789— \u3000"


def subset_bytes(source: Path, text: str, index: int = 0) -> bytes:
    """``source`` (face ``index`` of a collection) cut to the glyphs of ``text``, TrueType
    outlines and names kept, as a TrueType file that Word, LibreOffice and OFD readers use;
    kept in the cache folder by font identity and characters (a rebuild cuts nothing)."""
    import fontTools

    chars = "".join(sorted(set(text)))
    file = cache_dir("cut") / f"{key(chars, index, fontTools.version, files=(source,))}.ttf"
    data = read(file)
    if data is None:
        data = _cut(source, chars, index)
        write(file, data, keep=_KEEP)
    return data


def _cut(source: Path, chars: str, index: int) -> bytes:
    """The cut itself (fontTools).  The font is read lazily and without glyph names: only
    the kept glyphs are decompiled (a CJK face has 30 000 and more; decompiling them all
    took seconds per face)."""
    from fontTools import subset

    logging.getLogger("fontTools.subset").setLevel(logging.WARNING)  # no per-table chatter
    options = subset.Options()
    options.layout_features = []  # no shaping features: 公文 text needs none
    options.name_IDs = ["*"]  # keep the family names the document refers to
    options.notdef_outline = True
    options.drop_tables += ["DSIG", "FFTM"]  # a signature and a FontForge timestamp
    options.font_number = index
    # recalc_timestamp stays off: the same bytes every time
    font = subset.load_font(str(source), options, dontLoadGlyphNames=True, lazy=True)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    return buffer.getvalue()


def subset_font(source: Path, text: str, target: Path) -> Path:
    """Write ``target``: ``source`` cut to the glyphs of ``text`` plus :data:`ALWAYS`."""
    target.write_bytes(subset_bytes(source, text + ALWAYS))
    return target
