#!/usr/bin/env python3
"""Rebuild ``fonts/`` (the bundled free fonts of docgen) from Debian packages.

This script documents where every bundled font comes from and how it was
turned into what is committed.  It is *not* run in CI; run it by hand on a
Debian 12 (bookworm) machine when the bundled fonts must be regenerated::

    python tools/make_fonts.py            # download, convert, write fonts/
    python tools/make_fonts.py --debs DIR # use .deb files already in DIR

Steps, per font:

1. ``apt-get download PACKAGE=VERSION`` into a temporary directory and pull
   the font file out of the package with ``dpkg-deb --fsys-tarfile | tar``
   (nothing is installed system-wide).
2. Optionally subset the font to the CJK blocks (``fontTools.subset``).
3. Convert CFF (PostScript) outlines to quadratic TrueType outlines
   (``Cu2QuPen`` -> ``TTGlyphPen``; the fontTools ``otf2ttf`` recipe), because
   reportlab can only embed ``glyf``-based TrueType fonts.
4. Apply small metadata fixes (see :class:`Fixes`).
5. Write ``fonts/<file>.ttf``, ``fonts/licenses/*.txt``, ``fonts/bundled.json``
   and, with ``--specimen``, ``fonts/specimens.png``.

Requires: Python >= 3.10, fontTools, apt-get and dpkg-deb; reportlab and
PyMuPDF (or pdftoppm) for ``--check`` / ``--specimen``.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

REPO = Path(__file__).resolve().parent.parent
FONTS_DIR = REPO / "fonts"

#: Maximum deviation (font units) allowed when approximating cubic curves.
MAX_ERR = 1.0
#: Font units by which rounded quadratic outlines may overshoot the OS/2 win metrics.
ROUNDING_SLACK = 2

FANDOL_DIR = "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
NOTO_DIR = "usr/share/fonts/opentype/noto"
LIBERATION_DIR = "usr/share/fonts/truetype/liberation2"

#: Unicode ranges kept when a huge font is subset for the ``fallback`` role.
CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # Basic Latin (space and ASCII)
    (0x00A0, 0x00FF),  # Latin-1 Supplement (· × ÷ ° ¥ ...)
    (0x2010, 0x2027),  # General Punctuation: dashes, quotes, ellipsis
    (0x2030, 0x203B),  # ‰ ′ ″ ※
    (0x2100, 0x21FF),  # letterlike (℃ №), Roman numerals (Ⅰ Ⅱ), arrows
    (0x2460, 0x24FF),  # enclosed numbers ① ⑴ ⒈
    (0x2500, 0x25FF),  # box drawing, geometric shapes (□ ○ ■ ●)
    (0x2600, 0x26FF),  # miscellaneous symbols (★ ☆)
    (0x2E80, 0x9FFF),  # radicals, CJK symbols and punctuation, kana, Ext A, URO ...
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
    (0xFE30, 0xFE4F),  # CJK Compatibility Forms
    (0xFF00, 0xFFEF),  # Halfwidth and Fullwidth Forms
)

FONT_EXCEPTION = """\
As a special exception, if you create a document which uses this font, and
embed this font or unaltered portions of this font into the document, this
font does not by itself cause the resulting document to be covered by the
GNU General Public License. This exception does not however invalidate any
other reasons why the document might be covered by the GNU General Public
License. If you modify this font, you may extend this exception to your
version of the font, but you are not obligated to do so. If you do not wish
to do so, delete this exception statement from your version.
"""


@dataclass(frozen=True)
class Package:
    """A Debian package pinned to the version the bundled files came from."""

    name: str
    version: str

    @property
    def spec(self) -> str:
        return f"{self.name}={self.version}"


TEXLIVE = Package("texlive-lang-chinese", "2022.20230122-1")
NOTO_EXTRA = Package("fonts-noto-cjk-extra", "1:20220127+repack1-1")
LIBERATION = Package("fonts-liberation2", "2.1.5-1")


@dataclass(frozen=True)
class Fixes:
    """Metadata corrections applied to the converted copy."""

    #: Mark the font bold (usWeightClass 700, fsSelection/macStyle bits).
    bold: bool = False
    #: Fix hhea.descent sign and win metrics overshot by rounding (see fix_metrics).
    metrics: bool = True


@dataclass(frozen=True)
class FontSpec:
    """One file shipped in ``fonts/``."""

    out: str
    package: Package
    path: str
    license: str
    role: str | None = None
    ttc_index: int | None = None
    unicode_ranges: tuple[tuple[int, int], ...] = ()
    fixes: Fixes = field(default_factory=Fixes)

    @property
    def needs_processing(self) -> bool:
        return self.path.endswith((".otf", ".ttc")) or bool(self.unicode_ranges)


@dataclass(frozen=True)
class LicenseSpec:
    """A licence text file written to ``fonts/licenses/``."""

    out: str
    package: Package
    members: tuple[str, ...]
    preamble: str = ""


FONTS: tuple[FontSpec, ...] = (
    FontSpec(
        "FandolFang-Regular.ttf",
        TEXLIVE,
        f"{FANDOL_DIR}/FandolFang-Regular.otf",
        "Fandol.txt",
        role="fangsong",
    ),
    FontSpec(
        "FandolKai-Regular.ttf",
        TEXLIVE,
        f"{FANDOL_DIR}/FandolKai-Regular.otf",
        "Fandol.txt",
        role="kaiti",
    ),
    FontSpec(
        "FandolHei-Regular.ttf",
        TEXLIVE,
        f"{FANDOL_DIR}/FandolHei-Regular.otf",
        "Fandol.txt",
        role="heiti",
    ),
    FontSpec(
        "FandolSong-Regular.ttf",
        TEXLIVE,
        f"{FANDOL_DIR}/FandolSong-Regular.otf",
        "Fandol.txt",
        role="songti",
    ),
    FontSpec(
        "FandolSong-Bold.ttf",
        TEXLIVE,
        f"{FANDOL_DIR}/FandolSong-Bold.otf",
        "Fandol.txt",
        role="xiaobiaosong",
        fixes=Fixes(bold=True),
    ),
    FontSpec(
        "NotoSerifCJKsc-Light-CJK.ttf",
        NOTO_EXTRA,
        f"{NOTO_DIR}/NotoSerifCJK-Light.ttc",
        "Noto-CJK.txt",
        role="fallback",
        ttc_index=2,  # faces: 0 JP, 1 KR, 2 SC, 3 TC, 4 HK
        unicode_ranges=CJK_RANGES,
    ),
    FontSpec(
        "LiberationSerif-Regular.ttf",
        LIBERATION,
        f"{LIBERATION_DIR}/LiberationSerif-Regular.ttf",
        "Liberation.txt",
        role="latin",
    ),
    # Not a role of its own: installed for LibreOffice so that bold
    # Times New Roman runs get a real bold face instead of a synthetic one.
    FontSpec(
        "LiberationSerif-Bold.ttf",
        LIBERATION,
        f"{LIBERATION_DIR}/LiberationSerif-Bold.ttf",
        "Liberation.txt",
    ),
)

LICENSES: tuple[LicenseSpec, ...] = (
    LicenseSpec(
        "Fandol.txt",
        TEXLIVE,
        (
            "usr/share/doc/texlive-doc/fonts/fandol/README",
            "usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz",
        ),
        preamble=(
            "Fandol fonts (FandolFang, FandolKai, FandolHei, FandolSong)\n"
            "Copyright (c) 2012-2013, the Fandol team (Clerk Ma, Jie Su).\n"
            "Licence: GNU GPL version 3 with the GPL font exception.\n\n"
            "The files in fonts/ are modified versions: CFF outlines were\n"
            "converted to TrueType outlines by tools/make_fonts.py (and\n"
            "FandolSong-Bold was marked as weight 700).  The corresponding\n"
            "source is the unmodified .otf in the Debian package\n"
            f"{TEXLIVE.name} {TEXLIVE.version} ({FANDOL_DIR}/) plus that script.\n\n"
            "The upstream README (below) states the licence as\n"
            '"GPL + GPL font exception"; the exception is the standard one\n'
            "published by the Free Software Foundation:\n\n"
            f"{FONT_EXCEPTION}"
        ),
    ),
    LicenseSpec(
        "Noto-CJK.txt",
        NOTO_EXTRA,
        ("usr/share/doc/fonts-noto-cjk-extra/copyright",),
        preamble=(
            "Noto Serif CJK SC Light\n"
            "Copyright (c) 2017-2022 Adobe (http://www.adobe.com/), with\n"
            "Reserved Font Name 'Source'.  Licensed under the SIL Open Font\n"
            "License, Version 1.1 (text below).\n\n"
            "The file in fonts/ is a modified version: subset to the CJK\n"
            "blocks and converted from CFF to TrueType outlines by\n"
            "tools/make_fonts.py from the Debian package\n"
            f"{NOTO_EXTRA.name} {NOTO_EXTRA.version}.\n"
        ),
    ),
    LicenseSpec(
        "Liberation.txt",
        LIBERATION,
        ("usr/share/doc/fonts-liberation2/copyright",),
        preamble=(
            "Liberation Serif Regular and Bold, unmodified, from the Debian\n"
            f"package {LIBERATION.name} {LIBERATION.version}.\n"
        ),
    ),
)


# --------------------------------------------------------------------------
# Debian packages


def download(packages: Iterable[Package], dest: Path) -> dict[Package, Path]:
    """Download the pinned .deb files into *dest* with ``apt-get download``."""
    debs: dict[Package, Path] = {}
    for pkg in sorted(set(packages), key=lambda p: p.name):
        found = find_deb(pkg, dest)
        if found is None:
            subprocess.run(["apt-get", "download", pkg.spec], cwd=dest, check=True)
            found = find_deb(pkg, dest)
        if found is None:
            raise FileNotFoundError(f"apt-get download did not produce {pkg.spec}")
        debs[pkg] = found
    return debs


def find_deb(pkg: Package, folder: Path) -> Path | None:
    """Return the .deb of *pkg* in *folder* (apt escapes ':' as '%3a')."""
    version = pkg.version.replace(":", "%3a")
    for candidate in folder.glob(f"{pkg.name}_*.deb"):
        if candidate.name.split("_")[1] in (version, pkg.version):
            return candidate
    return None


def extract(deb: Path, members: Iterable[str], dest: Path) -> None:
    """Extract *members* (paths without a leading '/') of *deb* into *dest*."""
    dest.mkdir(parents=True, exist_ok=True)
    tar = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", str(deb)], stdout=subprocess.PIPE)
    subprocess.run(
        ["tar", "-x", "-C", str(dest), *(f"./{m}" for m in members)],
        stdin=tar.stdout,
        check=True,
    )
    if tar.wait() != 0:
        raise RuntimeError(f"dpkg-deb failed on {deb}")


# --------------------------------------------------------------------------
# Font processing


def subset_font(font: TTFont, ranges: Sequence[tuple[int, int]]) -> None:
    """Keep only the code points in *ranges*; drop OpenType layout features."""
    options = subset.Options()
    options.layout_features = []  # GSUB closure (locl, vert ...) would add ~18k glyphs
    options.drop_tables += ["GSUB", "GPOS"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[cp for lo, hi in ranges for cp in range(lo, hi + 1)])
    subsetter.subset(font)


def otf_to_ttf(font: TTFont, max_err: float = MAX_ERR) -> None:
    """Convert the CFF outlines of *font* to TrueType outlines, in place.

    This is the fontTools ``otf2ttf`` snippet: cubic curves become quadratic
    splines (``Cu2QuPen``, contour direction reversed as TrueType wants),
    ``glyf``/``loca`` replace ``CFF ``, ``maxp`` becomes version 1.0 and
    ``post`` format 2.
    """
    if "CFF " not in font:
        raise ValueError("font has no CFF table")
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(None)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyphs[name] = pen.glyph()

    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = glyphs
    del font["CFF "]
    if "VORG" in font:  # only meaningful with CFF outlines
        del font["VORG"]
    glyf.compile(font)

    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():  # left side bearing = xMin in TrueType
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)

    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for attr in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    maxp.compile(font)  # recomputes numGlyphs, maxPoints, maxContours

    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font.sfntVersion = "\x00\x01\x00\x00"


def make_bold(font: TTFont) -> None:
    """Declare *font* bold so fontconfig and LibreOffice treat it as such."""
    os2 = font["OS/2"]
    os2.usWeightClass = 700
    os2.fsSelection = (os2.fsSelection | 1 << 5) & ~(1 << 6)  # BOLD, not REGULAR
    font["head"].macStyle |= 1


def fix_metrics(font: TTFont) -> list[str]:
    """Correct vertical metrics that are wrong or were put off by the conversion.

    * ``hhea.descent`` stored with the wrong sign (must be <= 0);
    * ``usWinAscent``/``usWinDescent`` a unit or two short of the glyph bounds
      after the quadratic approximation (Windows clips glyphs outside them).
    """
    notes = []
    hhea, os2 = font["hhea"], font["OS/2"]
    if hhea.descent > 0:
        notes.append(f"hhea.descent {hhea.descent} -> {-hhea.descent}")
        hhea.descent = -hhea.descent
    if "glyf" in font:
        bounds = [g for g in font["glyf"].glyphs.values() if hasattr(g, "yMax")]
        y_max = max(g.yMax for g in bounds)
        y_min = min(g.yMin for g in bounds)
        if 0 < y_max - os2.usWinAscent <= ROUNDING_SLACK:
            notes.append(f"usWinAscent {os2.usWinAscent} -> {y_max}")
            os2.usWinAscent = y_max
        if 0 < -y_min - os2.usWinDescent <= ROUNDING_SLACK:
            notes.append(f"usWinDescent {os2.usWinDescent} -> {-y_min}")
            os2.usWinDescent = -y_min
    return notes


def mark_modified(font: TTFont, what: str) -> None:
    """Append a modification notice to the version string (name ID 5)."""
    name = font["name"]
    for record in list(name.names):
        if record.nameID == 5:
            text = f"{record.toUnicode()}; {what} by docgen tools/make_fonts.py"
            name.setName(text, 5, record.platformID, record.platEncID, record.langID)


def build_font(spec: FontSpec, src: Path, dest: Path) -> dict[str, object]:
    """Produce ``dest/spec.out`` from *src*; return timing and notes."""
    start = time.perf_counter()
    if not spec.needs_processing:
        shutil.copyfile(src, dest / spec.out)
        return {"file": spec.out, "seconds": 0.0, "notes": ["copied unmodified"]}
    font = TTFont(src, fontNumber=spec.ttc_index if spec.ttc_index is not None else -1)
    notes: list[str] = []
    steps: list[str] = []
    if spec.unicode_ranges:
        subset_font(font, spec.unicode_ranges)
        steps.append("subset")
    if "CFF " in font:
        otf_to_ttf(font)
        steps.append("CFF->TrueType")
    if spec.fixes.bold:
        make_bold(font)
        notes.append("usWeightClass -> 700, bold bits set")
    if spec.fixes.metrics:
        notes += fix_metrics(font)
    if steps:
        mark_modified(font, " + ".join(steps))
    font.save(dest / spec.out)
    seconds = time.perf_counter() - start
    return {"file": spec.out, "seconds": round(seconds, 1), "notes": steps + notes}


def family_and_style(path: Path) -> tuple[str, str]:
    """Typographic family/style (name IDs 16/17, else 1/2) declared by *path*."""
    name = TTFont(path, lazy=True)["name"]
    family = name.getDebugName(16) or name.getDebugName(1)
    style = name.getDebugName(17) or name.getDebugName(2)
    if family is None or style is None:
        raise ValueError(f"{path} has no family name")
    return family, style


# --------------------------------------------------------------------------
# Outputs besides the fonts


def write_license(spec: LicenseSpec, root: Path, dest: Path) -> None:
    parts = [spec.preamble] if spec.preamble else []
    for member in spec.members:
        raw = (root / member).read_bytes()
        text = gzip.decompress(raw) if member.endswith(".gz") else raw
        origin = f"/{member.removesuffix('.gz')} in {spec.package.name} {spec.package.version}"
        parts.append(f"{'=' * 72}\n{origin}\n{'=' * 72}\n")
        parts.append(text.decode("utf-8"))
    (dest / spec.out).write_text("\n".join(parts), encoding="utf-8")


def source_note(spec: FontSpec, steps: Sequence[str]) -> str:
    origin = f"Debian {spec.package.name} {spec.package.version}"
    if spec.ttc_index is not None:
        origin += f" ({Path(spec.path).name} face {spec.ttc_index})"
    if not steps:
        return f"{origin}, unmodified"
    how = {
        "subset": "subset to the CJK blocks",
        "CFF->TrueType": "converted CFF->TrueType",
    }
    return f"{origin}, {' and '.join(how[s] for s in steps)} by tools/make_fonts.py"


def write_manifest(results: dict[str, dict[str, object]], dest: Path) -> None:
    roles: dict[str, dict[str, str]] = {}
    for spec in FONTS:
        if spec.role is None:
            continue
        family, style = family_and_style(dest / spec.out)
        steps = [s for s in results[spec.out]["notes"] if s in ("subset", "CFF->TrueType")]
        roles[spec.role] = {
            "file": spec.out,
            "family": family,
            "style": style,
            "license": f"licenses/{spec.license}",
            "source": source_note(spec, steps),
        }
    text = json.dumps({"roles": roles}, ensure_ascii=False, indent=2)
    (dest / "bundled.json").write_text(text + "\n", encoding="utf-8")


# --------------------------------------------------------------------------
# Checks and statistics


def gb2312_hanzi() -> list[str]:
    """The 6763 hanzi of GB 2312 levels 1 and 2 (rows 16-87)."""
    chars = []
    for hi in range(0xB0, 0xF8):
        for lo in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.append(bytes((hi, lo)).decode("gb2312"))
    return chars


EXT_A = [chr(cp) for cp in range(0x3400, 0x4DC0)]
RARE = "堃喆旸镕赟珺彧犇昇"
PUNCT = "，。、；：？！“”‘’《》（）【】〔〕—…·★０１２３４５６７８９"


def font_stats(path: Path) -> dict[str, object]:
    """Coverage and metric facts about a shipped font."""
    font = TTFont(path, lazy=True)
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    upm = font["head"].unitsPerEm
    gb = gb2312_hanzi()
    covered_gb = [c for c in gb if ord(c) in cmap]
    not_full = [c for c in covered_gb if hmtx[cmap[ord(c)]][0] != upm]
    os2, hhea = font["OS/2"], font["hhea"]
    return {
        "file": path.name,
        "bytes": path.stat().st_size,
        "glyphs": font["maxp"].numGlyphs,
        "gb2312": len(covered_gb),
        "gb2312_pct": round(100 * len(covered_gb) / len(gb), 2),
        "ext_a": sum(ord(c) in cmap for c in EXT_A),
        "ext_a_pct": round(100 * sum(ord(c) in cmap for c in EXT_A) / len(EXT_A), 2),
        "missing_rare": "".join(c for c in RARE if ord(c) not in cmap),
        "missing_punct": "".join(c for c in PUNCT if ord(c) not in cmap),
        "hanzi_not_full_width": len(not_full),
        "upm": upm,
        "hhea": (hhea.ascent, hhea.descent, hhea.lineGap),
        "typo": (os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap),
        "win": (os2.usWinAscent, os2.usWinDescent),
        "bbox_y": (font["head"].yMin, font["head"].yMax),
        "win_clips": font["head"].yMax > os2.usWinAscent or -font["head"].yMin > os2.usWinDescent,
        "weight": os2.usWeightClass,
        "outlines": "glyf" if "glyf" in font else "CFF",
    }


def check_reportlab(dest: Path, pdf: Path) -> None:
    """Register every shipped font with reportlab and draw a line with it."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as RLFont
    from reportlab.pdfgen import canvas

    sample = "中共X市委办公室关于2021年工作的总结，“堃喆”《》（一）— 1 —"
    page = canvas.Canvas(str(pdf))
    y = 800.0
    for spec in FONTS:
        name = Path(spec.out).stem
        pdfmetrics.registerFont(RLFont(name, str(dest / spec.out)))
        page.setFont(name, 14)
        page.drawString(40, y, sample)
        y -= 24
    page.save()


SPECIMEN: tuple[tuple[str, int, tuple[tuple[str, str], ...]], ...] = (
    ("xiaobiaosong", 22, (("xiaobiaosong", "中共X市委统战部关于党史学习教育开展情况的总结"),)),
    ("heiti", 16, (("heiti", "一、坚持高位推进，强化组织领导　附件：1．"),)),
    ("kaiti", 16, (("kaiti", "（一）健全工作机制。　　签发人：王建国"),)),
    ("fangsong", 16, (("fangsong", "我部落实《条例》，按照“学党史、悟思想”的要求（见附件）。"),)),
    (
        "latin + fallback in fangsong",
        16,
        (
            ("fangsong", "于"),
            ("latin", "2021"),
            ("fangsong", "年表彰张"),
            ("fallback", "堃"),
            ("fangsong", "、李"),
            ("fallback", "喆"),
            ("fangsong", "、王"),
            ("fallback", "旸镕赟珺彧犇昇"),
            ("fangsong", "等同志"),
        ),
    ),
    ("fallback", 16, (("fallback", "Ext A：㐀㑇㒵㓁㔉㕛㖞㗊㘎㙔䁖䅟䌷䎱䲟䴔䶮"),)),
    ("latin", 16, (("latin", "0123456789 ABCDEFG abcdefg (Times New Roman metrics)"),)),
    ("songti", 14, (("songti", "— 1 —　　— 12 —"),)),
)


def render_specimen(dest: Path, out: Path) -> None:
    """Draw the chosen fonts, one role per line, into a small PNG."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as RLFont
    from reportlab.pdfgen import canvas

    specs = {s.role: s for s in FONTS if s.role}
    for role, spec in specs.items():
        pdfmetrics.registerFont(RLFont(f"sp-{role}", str(dest / spec.out)))
    step = 44
    pdf = out.with_suffix(".pdf")
    page = canvas.Canvas(str(pdf), pagesize=(620, 12 + step * len(SPECIMEN)))
    y = 12 + step * len(SPECIMEN)
    for label, size, segments in SPECIMEN:
        roles = dict.fromkeys(role for role, _ in segments)
        faces = ", ".join(
            f"{' '.join(family_and_style(dest / specs[r].out))} ({specs[r].out})" for r in roles
        )
        page.setFont("Helvetica", 7)
        page.drawString(16, y - 12, f"{label}: {faces}")
        x = 16.0
        for role, text in segments:
            page.setFont(f"sp-{role}", size)
            page.drawString(x, y - 18 - size, text)
            x += pdfmetrics.stringWidth(text, f"sp-{role}", size)
        y -= step
    page.save()
    pdf_to_png(pdf, out, dpi=110)
    pdf.unlink()


def pdf_to_png(pdf: Path, png: Path, dpi: int) -> None:
    """Render page 1 of *pdf* as a grey, palette-reduced PNG."""
    import pymupdf
    from PIL import Image

    pix = pymupdf.open(pdf)[0].get_pixmap(dpi=dpi, colorspace=pymupdf.csGRAY)
    image = Image.frombytes("L", (pix.width, pix.height), pix.samples)
    image.quantize(16).save(png, optimize=True)


# --------------------------------------------------------------------------


def build(debs_dir: Path, dest: Path, jobs: int) -> dict[str, dict[str, object]]:
    packages = {s.package for s in FONTS} | {lic.package for lic in LICENSES}
    debs = download(packages, debs_dir)
    root = debs_dir / "root"
    for pkg in packages:
        members = [s.path for s in FONTS if s.package == pkg]
        members += [m for lic in LICENSES if lic.package == pkg for m in lic.members]
        extract(debs[pkg], members, root)

    dest.mkdir(parents=True, exist_ok=True)
    (dest / "licenses").mkdir(exist_ok=True)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(build_font, s, root / s.path, dest) for s in FONTS]
        results = {r["file"]: r for r in (f.result() for f in futures)}
    for lic in LICENSES:
        write_license(lic, root, dest / "licenses")
    write_manifest(results, dest)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=FONTS_DIR, help="default: fonts/")
    parser.add_argument("--debs", type=Path, help="folder for (or with) the .deb files")
    parser.add_argument("--jobs", type=int, default=2, help="parallel conversions")
    parser.add_argument("--specimen", action="store_true", help="write specimens.png")
    parser.add_argument("--check", action="store_true", help="reportlab draw test")
    parser.add_argument(
        "--skip-build", action="store_true", help="only report on, check or draw the files in --out"
    )
    args = parser.parse_args(argv)

    results: dict[str, dict[str, object]] = {}
    if not args.skip_build:
        with tempfile.TemporaryDirectory(prefix="docgen-fonts-") as tmp:
            debs_dir = args.debs or Path(tmp)
            debs_dir.mkdir(parents=True, exist_ok=True)
            results = build(debs_dir.resolve(), args.out, args.jobs)

    for spec in FONTS:
        stats = font_stats(args.out / spec.out)
        print(json.dumps({**stats, **results.get(spec.out, {})}, ensure_ascii=False))
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            check_reportlab(args.out, Path(tmp) / "check.pdf")
        print("reportlab: all fonts registered and drew text")
    if args.specimen:
        render_specimen(args.out, args.out / "specimens.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
