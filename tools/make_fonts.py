#!/usr/bin/env python3
"""Rebuild ``fonts/`` (the bundled free fonts of docgen) from Debian and npm packages.

This script documents where every bundled font comes from and how it was
turned into what is committed.  It is *not* run in CI; run it by hand on a
Debian 12 (bookworm) machine when the bundled fonts must be regenerated::

    python tools/make_fonts.py            # download, convert, write fonts/
    python tools/make_fonts.py --debs DIR # use .deb/.tgz files already in DIR

Steps, per font:

1. ``apt-get download PACKAGE=VERSION`` (or ``npm pack NAME@VERSION``, checked
   against the registry's sha512 integrity) into a temporary directory and pull
   the font file out of the package with ``dpkg-deb --fsys-tarfile | tar`` (or
   ``tarfile``); nothing is installed system-wide.
2. A font that the npm package ships split into many woff2 pieces (one per
   range of characters, as web fonts are) is put back together into one font
   (:func:`assemble_chunks`).
3. Optionally subset the font (``fontTools.subset``): the general fallback to
   the CJK blocks, a style fallback to the hanzi outside GB 2312.
4. Convert CFF (PostScript) outlines to quadratic TrueType outlines
   (``Cu2QuPen`` -> ``TTGlyphPen``; the fontTools ``otf2ttf`` recipe), because
   reportlab can only embed ``glyf``-based TrueType fonts.
5. Apply small metadata fixes (see :class:`Fixes`) and, where the licence
   reserves the original font name, rename the modified font (:class:`Rename`).
6. Write ``fonts/<file>.ttf``, ``fonts/licenses/*.txt``, ``fonts/bundled.json``
   and, with ``--specimen``, ``fonts/specimens.png``.

Requires: Python >= 3.10, fontTools (with brotli, for woff2), apt-get and
dpkg-deb, npm; reportlab and PyMuPDF (or pdftoppm) for ``--check`` /
``--specimen``.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import copy
import gzip
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from fontTools import subset
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable
from fontTools.ttLib.tables._c_m_a_p import cmap_format_4, cmap_format_12

REPO = Path(__file__).resolve().parent.parent
FONTS_DIR = REPO / "fonts"

#: Maximum deviation (font units) allowed when approximating cubic curves.
MAX_ERR = 1.0
#: Font units by which rounded quadratic outlines may overshoot the OS/2 win metrics.
ROUNDING_SLACK = 2

FANDOL_DIR = "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
NOTO_DIR = "usr/share/fonts/opentype/noto"
LIBERATION_DIR = "usr/share/fonts/truetype/liberation2"
LXGW_DIR = "package/dist"

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

#: Unicode ranges kept in a *style* fallback (one that serves a role whose face is a
#: Fandol font): the ideographs.  The 6763 hanzi of GB 2312, which every Fandol face and
#: every official *_GB2312 font has, are then removed (``FontSpec.drop_gb2312``).  The
#: 1182 other URO hanzi the Fandol faces have are kept: the official GB 2312 fonts, which
#: docgen prefers where they are installed, lack them.
STYLE_FALLBACK_RANGES: tuple[tuple[int, int], ...] = (
    (0x2E80, 0x2FDF),  # CJK Radicals Supplement, Kangxi Radicals
    (0x3400, 0x4DBF),  # CJK Unified Ideographs Extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs (URO)
    (0xF900, 0xFAFF),  # CJK Compatibility Ideographs
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


@dataclass(frozen=True)
class NpmPackage:
    """A package of the npm registry, pinned to a version and to its sha512 integrity."""

    name: str
    version: str
    #: ``npm view NAME@VERSION dist.integrity``; the downloaded tarball must match it.
    integrity: str

    @property
    def spec(self) -> str:
        return f"{self.name}@{self.version}"

    @property
    def tarball(self) -> str:
        """The file name ``npm pack`` gives the tarball (``@scope/name`` -> ``scope-name``)."""
        return f"{self.name.lstrip('@').replace('/', '-')}-{self.version}.tgz"


TEXLIVE = Package("texlive-lang-chinese", "2022.20230122-1")
NOTO_EXTRA = Package("fonts-noto-cjk-extra", "1:20220127+repack1-1")
NOTO_CORE = Package("fonts-noto-cjk", "1:20220127+repack1-1")
#: Unihan's kTGH field: the 8105 characters of 通用规范汉字表 (2013), the list Chinese
#: personal and place names are registered in.
UNICODE_DATA = Package("unicode-data", "15.0.0-1")
UNIHAN_FILE = "usr/share/unicode/Unihan_OtherMappings.txt.bz2"
LIBERATION = Package("fonts-liberation2", "2.1.5-1")
#: LXGW WenKai 1.520 (June 2025), split into woff2 pieces by cn-font-split.  Debian 12
#: ships LXGW WenKai 1.250, which has only 503 of the 6592 Ext A ideographs.
LXGW_NPM = NpmPackage(
    "@chinese-fonts/lxgwwenkai",
    "3.0.0",
    "sha512-mpgFYE8ro0TcbJdxmnvkPNKnsF3VqzJVRfDbRvDx83JHaLEVAht9pL8SqbqbduoPHXX+2ekgC+45sf74ljLe7g==",
)
#: Only for its copyright file: the OFL text and the Reserved Font Names of LXGW WenKai.
LXGW_DEB = Package("fonts-lxgw-wenkai", "1.250+repack-1")


@dataclass(frozen=True)
class Fixes:
    """Metadata corrections applied to the converted copy."""

    #: Mark the font bold (usWeightClass 700, fsSelection/macStyle bits).
    bold: bool = False
    #: Fix hhea.descent sign and win metrics overshot by rounding (see fix_metrics).
    metrics: bool = True


@dataclass(frozen=True)
class Rename:
    """New names for a modified font whose licence reserves the original font name.

    The SIL OFL forbids a Modified Version (a subset is one) to use a Reserved Font
    Name as its primary font name: LXGW WenKai reserves "LXGW" and "霞鹜".
    """

    family: str
    style: str
    #: name ID 10 (description): what the font was made from.
    description: str


@dataclass(frozen=True)
class FontSpec:
    """One file shipped in ``fonts/``."""

    out: str
    package: Package | NpmPackage
    #: The font file inside the package or, with ``chunks``, the folder of its woff2 pieces.
    path: str
    license: str
    role: str | None = None
    ttc_index: int | None = None
    unicode_ranges: tuple[tuple[int, int], ...] = ()
    #: Remove the 6763 GB 2312 hanzi from ``unicode_ranges`` (style fallbacks).
    drop_gb2312: bool = False
    #: Keep only the characters of 通用规范汉字表 (Unihan kTGH), which names use.
    only_tgh: bool = False
    #: ``path`` is a folder of woff2 pieces of one font, to be put back together.
    chunks: bool = False
    fixes: Fixes = field(default_factory=Fixes)
    rename: Rename | None = None
    #: The roles this file is the style fallback of: it draws the characters their own
    #: face lacks, before the general ``fallback`` role does.
    fallback_for: tuple[str, ...] = ()

    @property
    def needs_processing(self) -> bool:
        return (
            self.path.endswith((".otf", ".ttc"))
            or bool(self.unicode_ranges)
            or self.chunks
            or self.rename is not None
        )

    def unicodes(self, tgh: set[int]) -> set[int]:
        """The code points a subset keeps (``tgh``: those of 通用规范汉字表)."""
        kept = {cp for lo, hi in self.unicode_ranges for cp in range(lo, hi + 1)}
        if self.drop_gb2312:
            kept -= {ord(c) for c in gb2312_hanzi()}
        if self.only_tgh:
            kept &= tgh
        return kept


@dataclass(frozen=True)
class LicenseSpec:
    """A licence text file written to ``fonts/licenses/``."""

    out: str
    package: Package | NpmPackage
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
        # Song style: the style fallback of the Song roles, and the last resort of all.
        fallback_for=("songti",),
    ),
    # Style fallbacks: the hanzi outside GB 2312 (names such as 堃 喆 旸, and Ext A) in
    # the style of the role's Fandol face.  仿宋 has no free face with this coverage; of
    # the candidates, this light 楷 is the closest to FandolFang (fonts/README.md).
    FontSpec(
        "fallback-kai-DocgenFallbackKai-Light.ttf",
        LXGW_NPM,
        f"{LXGW_DIR}/LXGWWenKai-Light",
        "LXGW-WenKai.txt",
        role="fallback-kai",
        chunks=True,
        unicode_ranges=STYLE_FALLBACK_RANGES,
        drop_gb2312=True,
        rename=Rename(
            "Docgen Fallback Kai",
            "Light",
            "LXGW WenKai Light 1.520, subset to the hanzi outside GB 2312 and renamed"
            " (LXGW and 霞鹜 are Reserved Font Names) by docgen tools/make_fonts.py",
        ),
        fallback_for=("fangsong", "kaiti"),
    ),
    FontSpec(
        "fallback-hei-NotoSansCJKsc-Medium.ttf",
        NOTO_EXTRA,
        f"{NOTO_DIR}/NotoSansCJK-Medium.ttc",
        "Noto-Sans-CJK.txt",
        role="fallback-hei",
        ttc_index=2,
        unicode_ranges=STYLE_FALLBACK_RANGES,
        drop_gb2312=True,
        fallback_for=("heiti",),
    ),
    # 小标宋 (titles, the mark) is a bold Song: the Light fallback looked like another face
    # next to FandolSong Bold.  Noto Serif Bold matches its weight (29.6 % ink against
    # 27.1 %); kept to the name characters of 通用规范汉字表 outside GB 2312, 1467 hanzi,
    # as a title or a mark needs only names of people and places beyond GB 2312.
    FontSpec(
        "fallback-song-bold-NotoSerifCJKsc-Bold.ttf",
        NOTO_CORE,
        f"{NOTO_DIR}/NotoSerifCJK-Bold.ttc",
        "Noto-Serif-CJK-Bold.txt",
        role="fallback-song-bold",
        ttc_index=2,
        unicode_ranges=STYLE_FALLBACK_RANGES,
        drop_gb2312=True,
        only_tgh=True,
        fallback_for=("xiaobiaosong",),
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
        "Noto-Sans-CJK.txt",
        NOTO_EXTRA,
        ("usr/share/doc/fonts-noto-cjk-extra/copyright",),
        preamble=(
            "Noto Sans CJK SC Medium\n"
            "Copyright (c) 2014-2021 Adobe (http://www.adobe.com/), with\n"
            "Reserved Font Name 'Source'.  Licensed under the SIL Open Font\n"
            "License, Version 1.1 (text below).\n\n"
            "The file fallback-hei-NotoSansCJKsc-Medium.ttf in fonts/ is a\n"
            "modified version: subset to the hanzi outside GB 2312 and converted\n"
            "from CFF to TrueType outlines by tools/make_fonts.py from\n"
            "NotoSansCJK-Medium.ttc (face 2) in the Debian package\n"
            f"{NOTO_EXTRA.name} {NOTO_EXTRA.version}.\n"
        ),
    ),
    LicenseSpec(
        "Noto-Serif-CJK-Bold.txt",
        NOTO_CORE,
        ("usr/share/doc/fonts-noto-cjk/copyright",),
        preamble=(
            "Noto Serif CJK SC Bold\n"
            "Copyright (c) 2017-2022 Adobe (http://www.adobe.com/), with\n"
            "Reserved Font Name 'Source'.  Licensed under the SIL Open Font\n"
            "License, Version 1.1 (text below).\n\n"
            "The file fallback-song-bold-NotoSerifCJKsc-Bold.ttf in fonts/ is a\n"
            "modified version: subset to the hanzi of 通用规范汉字表 (Unihan\n"
            "kTGH, Debian unicode-data 15.0.0-1) outside GB 2312 and converted\n"
            "from CFF to TrueType outlines by tools/make_fonts.py from\n"
            "NotoSerifCJK-Bold.ttc (face 2) in the Debian package\n"
            f"{NOTO_CORE.name} {NOTO_CORE.version}.\n"
        ),
    ),
    LicenseSpec(
        "LXGW-WenKai.txt",
        LXGW_DEB,
        ("usr/share/doc/fonts-lxgw-wenkai/copyright",),
        preamble=(
            "Docgen Fallback Kai Light (fallback-kai-DocgenFallbackKai-Light.ttf)\n"
            "is a Modified Version of LXGW WenKai Light 1.520:\n\n"
            "Copyright 2021-2025 LXGW (https://github.com/lxgw/LxgwWenKai)\n"
            "Copyright 2020 The Klee Project Authors (https://github.com/fontworks-fonts/Klee)\n"
            'with Reserved Font Names "霞鹜" and "LXGW".  Licensed under the SIL\n'
            "Open Font License, Version 1.1 (text below), and so is this file.\n\n"
            "tools/make_fonts.py made it from the woff2 pieces of LXGW WenKai\n"
            f"Light in the npm package {LXGW_NPM.spec} ({LXGW_DIR}/LXGWWenKai-Light/,\n"
            f"integrity {LXGW_NPM.integrity}):\n"
            "it put the pieces back together into one font, kept only the hanzi\n"
            "outside GB 2312 (CJK Ext A, the rest of the URO block, compatibility\n"
            "ideographs and radicals), dropped the OpenType layout tables and, since\n"
            "a subset is a Modified Version, renamed the font so that it does not use\n"
            "the Reserved Font Names.  The outlines are unchanged.\n\n"
            "The licence text below is the one in the Debian package\n"
            f"{LXGW_DEB.name} {LXGW_DEB.version} (LXGW WenKai 1.250), the same\n"
            "licence and Reserved Font Names as version 1.520.\n"
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
# Debian and npm packages


def download(
    packages: Iterable[Package | NpmPackage], dest: Path
) -> dict[Package | NpmPackage, Path]:
    """Download the pinned .deb (``apt-get download``) and .tgz (``npm pack``) files."""
    debs: dict[Package | NpmPackage, Path] = {}
    for pkg in sorted(set(packages), key=lambda p: p.name):
        if isinstance(pkg, NpmPackage):
            debs[pkg] = npm_pack(pkg, dest)
            continue
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


def npm_pack(pkg: NpmPackage, folder: Path) -> Path:
    """The tarball of *pkg* in *folder*, fetched with ``npm pack`` unless it is there.

    Either way its sha512 must be the integrity pinned in *pkg*."""
    tarball = folder / pkg.tarball
    if not tarball.is_file():
        subprocess.run(
            ["npm", "pack", pkg.spec, "--pack-destination", str(folder)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    digest = base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if f"sha512-{digest}" != pkg.integrity:
        raise RuntimeError(f"{tarball} does not match the pinned integrity of {pkg.spec}")
    return tarball


def extract(deb: Path, members: Iterable[str], dest: Path) -> None:
    """Extract *members* (paths without a leading '/') of *deb* into *dest*.

    A .tgz (npm) member may be a folder: everything below it is extracted."""
    dest.mkdir(parents=True, exist_ok=True)
    if deb.suffix == ".tgz":
        wanted = tuple(members)
        with tarfile.open(deb) as tar:
            chosen = [
                m
                for m in tar.getmembers()
                if any(m.name == w or m.name.startswith(f"{w}/") for w in wanted)
            ]
            tar.extractall(dest, members=chosen, filter="data")
        return
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


def subset_font(font: TTFont, unicodes: Iterable[int]) -> None:
    """Keep only the code points *unicodes*; drop OpenType layout features."""
    options = subset.Options()
    options.layout_features = []  # GSUB closure (locl, vert ...) would add ~18k glyphs
    options.drop_tables += ["GSUB", "GPOS"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)


def assemble_chunks(chunks: Sequence[Path]) -> TTFont:
    """Put a font that was split into woff2 pieces (as web fonts are) back together.

    Each piece is a complete small font with TrueType outlines and the cmap of a few
    hundred characters.  The result takes its global tables (head, hhea, OS/2, name,
    post, maxp, gasp, vhea) from the first piece in name order, and from every piece
    the glyphs its cmap maps (with their components), their advances and the cmap
    entries.  A code point in more than one piece is taken from the first.  The
    OpenType layout tables are not carried over.  The outlines are copied unchanged.
    """
    pieces = [TTFont(path) for path in sorted(chunks)]
    if not pieces or any("glyf" not in piece for piece in pieces):
        raise ValueError("expected woff2 pieces with TrueType outlines")
    base = pieces[0]
    font = TTFont()
    for tag in ("head", "hhea", "OS/2", "name", "post", "maxp", "gasp", "vhea"):
        if tag in base:
            font[tag] = copy.deepcopy(base[tag])
    vertical = "vhea" in font and all("vmtx" in piece for piece in pieces)
    order = [".notdef"]
    glyphs = {".notdef": base["glyf"][".notdef"]}
    hmtx = {".notdef": base["hmtx"][".notdef"]}
    vmtx = {".notdef": base["vmtx"][".notdef"]} if vertical else {}
    names: dict[tuple[int, str], str] = {}

    def take(index: int, name: str) -> str:
        """Copy glyph *name* of piece *index* (and its components); its new name."""
        if (index, name) in names:
            return names[index, name]
        piece = pieces[index]
        new = name if name not in glyphs else f"{name}.{index}"
        names[index, name] = new
        glyph = copy.deepcopy(piece["glyf"][name])
        if glyph.isComposite():
            for component in glyph.components:
                component.glyphName = take(index, component.glyphName)
        glyphs[new] = glyph
        order.append(new)
        hmtx[new] = piece["hmtx"][name]
        if vertical:
            vmtx[new] = piece["vmtx"][name]
        return new

    cmap: dict[int, str] = {}
    for index, piece in enumerate(pieces):
        for cp, name in sorted(piece.getBestCmap().items()):
            if cp not in cmap:
                cmap[cp] = take(index, name)

    font.setGlyphOrder(order)
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder, glyf.glyphs = order, glyphs
    font["loca"] = newTable("loca")
    font["hmtx"] = newTable("hmtx")
    font["hmtx"].metrics = hmtx
    if vertical:
        font["vmtx"] = newTable("vmtx")
        font["vmtx"].metrics = vmtx
    elif "vhea" in font:
        del font["vhea"]
    table = font["cmap"] = newTable("cmap")
    table.tableVersion, table.tables = 0, []
    bmp = {cp: name for cp, name in cmap.items() if cp <= 0xFFFF}
    subtables = [(cmap_format_4, 4, 0, 3, bmp), (cmap_format_4, 4, 3, 1, bmp)]
    if len(bmp) < len(cmap):
        subtables += [(cmap_format_12, 12, 0, 4, cmap), (cmap_format_12, 12, 3, 10, cmap)]
    for cls, fmt, platform, encoding, mapping in subtables:
        sub = cls(fmt)
        sub.platformID, sub.platEncID, sub.language, sub.cmap = platform, encoding, 0, mapping
        table.tables.append(sub)
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 2.0, [], {}
    post.glyphOrder = order
    font.sfntVersion = "\x00\x01\x00\x00"
    return font


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


def rename(font: TTFont, new: Rename) -> None:
    """Give *font* the family and style names of *new* (every platform and language).

    The typographic and localized family names (IDs 16-18, 21, 22 and the Chinese
    records) go: they would still carry the reserved name."""
    name = font["name"]
    version = name.getDebugName(5) or ""
    ps_name = f"{new.family.replace(' ', '')}-{new.style.replace(' ', '')}"
    name.names = [r for r in name.names if r.nameID not in (1, 2, 3, 4, 6, 16, 17, 18, 21, 22)]
    for name_id, text in (
        (1, new.family),
        (2, new.style),
        (3, f"{ps_name};{version.split(';')[0]}"),
        (4, f"{new.family} {new.style}"),
        (6, ps_name),
        (10, new.description),
    ):
        name.setName(text, name_id, 3, 1, 0x409)


def mark_modified(font: TTFont, what: str) -> None:
    """Append a modification notice to the version string (name ID 5)."""
    name = font["name"]
    for record in list(name.names):
        if record.nameID == 5:
            text = f"{record.toUnicode()}; {what} by docgen tools/make_fonts.py"
            name.setName(text, 5, record.platformID, record.platEncID, record.langID)


def tgh_code_points(unihan_bz2: Path) -> set[int]:
    """The code points Unihan marks with kTGH (通用规范汉字表)."""
    import bz2

    with bz2.open(unihan_bz2, "rt", encoding="utf-8") as lines:
        fields = (line.split("\t") for line in lines if "\tkTGH\t" in line)
        return {int(f[0][2:], 16) for f in fields}


def build_font(spec: FontSpec, src: Path, dest: Path, tgh: set[int]) -> dict[str, object]:
    """Produce ``dest/spec.out`` from *src*; return timing and notes."""
    start = time.perf_counter()
    if not spec.needs_processing:
        shutil.copyfile(src, dest / spec.out)
        return {"file": spec.out, "seconds": 0.0, "notes": ["copied unmodified"]}
    notes: list[str] = []
    steps: list[str] = []
    if spec.chunks:
        font = assemble_chunks(sorted(src.glob("*.woff2")))
        steps.append("reassembled")
    else:
        font = TTFont(src, fontNumber=spec.ttc_index if spec.ttc_index is not None else -1)
    if spec.unicode_ranges:
        subset_font(font, spec.unicodes(tgh))
        steps.append("subset")
    if "CFF " in font:
        otf_to_ttf(font)
        steps.append("CFF->TrueType")
    if spec.fixes.bold:
        make_bold(font)
        notes.append("usWeightClass -> 700, bold bits set")
    if spec.fixes.metrics:
        notes += fix_metrics(font)
    if spec.rename is not None:
        rename(font, spec.rename)
        steps.append("renamed")
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


STEPS = ("reassembled", "subset", "CFF->TrueType", "renamed")


def source_note(spec: FontSpec, steps: Sequence[str]) -> str:
    registry = "npm" if isinstance(spec.package, NpmPackage) else "Debian"
    origin = f"{registry} {spec.package.name} {spec.package.version}"
    if spec.ttc_index is not None:
        origin += f" ({Path(spec.path).name} face {spec.ttc_index})"
    elif spec.chunks:
        origin += f" ({Path(spec.path).name}, woff2 pieces)"
    if not steps:
        return f"{origin}, unmodified"
    how = {
        "reassembled": "put back together from its woff2 pieces",
        "subset": (
            "subset to the hanzi of 通用规范汉字表 (Unihan kTGH) outside GB 2312"
            if spec.only_tgh
            else "subset to the hanzi outside GB 2312"
            if spec.drop_gb2312
            else "subset to the CJK blocks"
        ),
        "CFF->TrueType": "converted CFF->TrueType",
        "renamed": f"renamed {spec.rename.family if spec.rename else ''}",
    }
    return f"{origin}, {' and '.join(how[s] for s in steps)} by tools/make_fonts.py"


def write_manifest(dest: Path) -> None:
    """``bundled.json``: the file of each role, and the style fallbacks.

    ``roles`` maps each role of docgen to one file (docgen.fonts.resolve reads it).
    ``fallbacks`` lists the files that draw what a role's face lacks, in the style of
    that role (``fallback_for``); the ``fallback`` role is the last resort of all."""
    roles: dict[str, dict[str, str]] = {}
    fallbacks: list[dict[str, object]] = []
    for spec in FONTS:
        if spec.role is None and not spec.fallback_for:
            continue
        family, style = family_and_style(dest / spec.out)
        steps = planned_steps(spec) if spec.needs_processing else []
        entry = {
            "file": spec.out,
            "family": family,
            "style": style,
            "license": f"licenses/{spec.license}",
            "source": source_note(spec, steps),
        }
        if spec.role is not None:
            roles[spec.role] = entry
        if spec.fallback_for:
            fallbacks.append({**entry, "fallback_for": list(spec.fallback_for)})
    text = json.dumps({"roles": roles, "fallbacks": fallbacks}, ensure_ascii=False, indent=2)
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


def gbk_hanzi() -> list[str]:
    """The 20 923 hanzi of GBK: 20 902 of the URO block and 21 compatibility ideographs."""
    chars = []
    for hi in range(0x81, 0xFF):
        for lo in range(0x40, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                ch = bytes((hi, lo)).decode("gbk")
                if len(ch) == 1 and is_ideograph(ch):
                    chars.append(ch)
    return chars


def is_ideograph(ch: str) -> bool:
    cp = ord(ch)
    return 0x3400 <= cp <= 0x4DBF or 0x4E00 <= cp <= 0x9FFF or 0xF900 <= cp <= 0xFAFF


def gbk_outside_gb2312() -> list[str]:
    """The 14 160 GBK hanzi that are not in GB 2312 (and so in no Fandol-only text)."""
    gb = set(gb2312_hanzi())
    return [c for c in gbk_hanzi() if c not in gb]


EXT_A = [chr(cp) for cp in range(0x3400, 0x4DC0)]
RARE = "堃喆旸镕赟珺彧犇昇"
#: The characters of the coverage table in fonts/README.md: the nine name characters
#: outside GB 2312, then five of CJK Ext A.
TEST_CHARS = "犇喆堃旸昇珺赟镕彧㐀㑇㒳㵘䶮"
#: Ideographs whose mean vertical centre is reported (``y_centre``), to compare where a
#: fallback sets its glyphs with where the role's face does.
CENTRE_SAMPLE = "王李张刘陈赵国永和同志" + RARE
PUNCT = "，。、；：？！“”‘’《》（）【】〔〕—…·★０１２３４５６７８９"


def font_stats(path: Path) -> dict[str, object]:
    """Coverage and metric facts about a shipped font."""
    font = TTFont(path, lazy=True)
    cmap = font.getBestCmap()
    hmtx = font["hmtx"]
    upm = font["head"].unitsPerEm
    gb = gb2312_hanzi()
    covered_gb = [c for c in gb if ord(c) in cmap]
    not_full = [cp for cp, g in cmap.items() if is_ideograph(chr(cp)) and hmtx[g][0] != upm]
    gbk_extra = gbk_outside_gb2312()
    covered_extra = sum(ord(c) in cmap for c in gbk_extra)
    os2, hhea = font["OS/2"], font["hhea"]
    glyph_set = font.getGlyphSet()
    centres = []
    for ch in CENTRE_SAMPLE:
        if ord(ch) in cmap:
            pen = BoundsPen(glyph_set)
            glyph_set[cmap[ord(ch)]].draw(pen)
            centres.append((pen.bounds[1] + pen.bounds[3]) / 2 * 1000 / upm)
    return {
        "file": path.name,
        "bytes": path.stat().st_size,
        "glyphs": font["maxp"].numGlyphs,
        "gb2312": len(covered_gb),
        "gb2312_pct": round(100 * len(covered_gb) / len(gb), 2),
        "gbk_outside_gb2312": covered_extra,
        "gbk_outside_gb2312_pct": round(100 * covered_extra / len(gbk_extra), 2),
        "ext_a": sum(ord(c) in cmap for c in EXT_A),
        "ext_a_pct": round(100 * sum(ord(c) in cmap for c in EXT_A) / len(EXT_A), 2),
        "test_chars": "".join(c if ord(c) in cmap else "-" for c in TEST_CHARS),
        "missing_rare": "".join(c for c in RARE if ord(c) not in cmap),
        "missing_punct": "".join(c for c in PUNCT if ord(c) not in cmap),
        "hanzi_not_full_width": len(not_full),
        "y_centre": round(sum(centres) / len(centres)) if centres else None,
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
        page.drawString(40, y, TEST_CHARS if spec.drop_gb2312 else sample)
        y -= 24
    page.save()


SPECIMEN: tuple[tuple[str, int, tuple[tuple[str, str], ...]], ...] = (
    ("xiaobiaosong", 22, (("xiaobiaosong", "中共X市委统战部关于党史学习教育开展情况的总结"),)),
    ("heiti", 16, (("heiti", "一、坚持高位推进，强化组织领导　附件：1．"),)),
    ("kaiti", 16, (("kaiti", "（一）健全工作机制。　　签发人：王建国"),)),
    ("fangsong", 16, (("fangsong", "我部落实《条例》，按照“学党史、悟思想”的要求（见附件）。"),)),
    (
        "latin + style fallback in fangsong",
        16,
        (
            ("fangsong", "于"),
            ("latin", "2021"),
            ("fangsong", "年表彰张"),
            ("fangsong fallback", "堃"),
            ("fangsong", "、李"),
            ("fangsong fallback", "喆"),
            ("fangsong", "、王"),
            ("fangsong fallback", "旸镕赟珺彧犇昇"),
            ("fangsong", "等同志"),
        ),
    ),
    (
        "style fallback in kaiti",
        16,
        (
            ("kaiti", "签发人：张"),
            ("kaiti fallback", "堃"),
            ("kaiti", "　李"),
            ("kaiti fallback", "喆"),
            ("kaiti", "　（二）表彰王"),
            ("kaiti fallback", "旸镕赟珺彧犇昇䶮"),
        ),
    ),
    (
        "style fallback in heiti",
        16,
        (
            ("heiti", "一、表彰张"),
            ("heiti fallback", "堃"),
            ("heiti", "、李"),
            ("heiti fallback", "喆"),
            ("heiti", "、王"),
            ("heiti fallback", "旸镕赟珺彧犇昇"),
            ("heiti", "等同志"),
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
    specs |= {f"{role} fallback": s for s in FONTS for role in s.fallback_for}
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
        if pdfmetrics.stringWidth(f"{label}: {faces}", "Helvetica", 7) > 590:
            faces = ", ".join(specs[r].out for r in roles)  # the file names say enough
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


def planned_steps(spec: FontSpec) -> list[str]:
    """The changes :func:`build_font` makes to the file of *spec* (see ``STEPS``)."""
    steps = ["reassembled"] if spec.chunks else []
    steps += ["subset"] if spec.unicode_ranges else []
    steps += ["CFF->TrueType"] if spec.path.endswith((".otf", ".ttc")) else []
    steps += ["renamed"] if spec.rename else []
    return steps


def build(
    debs_dir: Path, dest: Path, jobs: int, only: Sequence[str] = ()
) -> dict[str, dict[str, object]]:
    """Build the files of FONTS (or only those named in *only*), licences and manifest."""
    fonts = [s for s in FONTS if not only or s.out in only]
    packages = {s.package for s in fonts} | {lic.package for lic in LICENSES} | {UNICODE_DATA}
    debs = download(packages, debs_dir)
    root = debs_dir / "root"
    for pkg in packages:
        members = [s.path for s in fonts if s.package == pkg]
        members += [m for lic in LICENSES if lic.package == pkg for m in lic.members]
        members += [UNIHAN_FILE] if pkg == UNICODE_DATA else []
        extract(debs[pkg], list(dict.fromkeys(members)), root)
    tgh = tgh_code_points(root / UNIHAN_FILE)

    dest.mkdir(parents=True, exist_ok=True)
    (dest / "licenses").mkdir(exist_ok=True)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(build_font, s, root / s.path, dest, tgh) for s in fonts]
        results = {r["file"]: r for r in (f.result() for f in futures)}
    for spec in fonts:
        done = [n for n in results[spec.out]["notes"] if n in STEPS]
        if spec.needs_processing and done != planned_steps(spec):
            raise RuntimeError(f"{spec.out}: made {done}, expected {planned_steps(spec)}")
    for lic in LICENSES:
        write_license(lic, root, dest / "licenses")
    write_manifest(dest)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=FONTS_DIR, help="default: fonts/")
    parser.add_argument("--debs", type=Path, help="folder for (or with) the .deb/.tgz files")
    parser.add_argument("--jobs", type=int, default=2, help="parallel conversions")
    parser.add_argument(
        "--only", nargs="+", default=(), metavar="FILE", help="build only these files of fonts/"
    )
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
            results = build(debs_dir.resolve(), args.out, args.jobs, args.only)

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
