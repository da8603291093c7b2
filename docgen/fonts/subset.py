"""Subsets of font files, for embedding in a DOCX only the glyphs a document uses."""

from __future__ import annotations

from pathlib import Path

# Characters a document may show without them being in its text: page numbers (a field
# Word fills in), the dashes around them, spaces.
ALWAYS = "0123456789— \u3000"


def subset_font(source: Path, text: str, target: Path) -> Path:
    """Write ``target``: ``source`` cut to the glyphs of ``text`` (plus :data:`ALWAYS`),
    TrueType outlines and names kept, so that Word and LibreOffice can use it."""
    from fontTools import subset

    options = subset.Options()
    options.layout_features = []  # no shaping features: 公文 text needs none
    options.name_IDs = ["*"]  # keep the family names the document refers to
    options.notdef_outline = True
    options.drop_tables += ["DSIG", "FFTM"]  # a signature and a FontForge timestamp
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + ALWAYS)
    subsetter.subset(font)
    subset.save_font(font, str(target), options)
    return target
