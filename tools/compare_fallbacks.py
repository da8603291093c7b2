#!/usr/bin/env python3
"""Draw ``fonts/fallback-specimens.png``: the candidates for the style fallbacks, side by side.

For each role, the nine name characters outside GB 2312 (犇 喆 堃 旸 昇 珺 赟 镕 彧) and five
CJK Ext A characters are set by one candidate per row, between ordinary GB 2312 text in the
role's Fandol face, at 16 pt (22 pt for 小标宋), as docgen sets a name in body text.  The
rows marked "chosen" draw with the files in ``fonts/``; the others with the candidates'
files from their pinned Debian or npm packages (downloaded as ``make_fonts.py`` does),
each subset to the text drawn.  See "Fallback by style" in ``fonts/README.md``::

    python tools/compare_fallbacks.py --debs /tmp/debs   # keep / reuse the packages there
    python tools/compare_fallbacks.py --pdf out.pdf      # also keep the PDF

Requires what ``make_fonts.py --specimen`` does.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_fonts import (
    FONTS_DIR,
    LXGW_DIR,
    LXGW_NPM,
    NOTO_DIR,
    NOTO_EXTRA,
    NpmPackage,
    Package,
    assemble_chunks,
    download,
    extract,
    otf_to_ttf,
    pdf_to_png,
    subset_font,
)

NOTO = Package("fonts-noto-cjk", "1:20220127+repack1-1")
TW_KAI = Package("fonts-cns11643-kai", "103.1+20181001-1")
UKAI = Package("fonts-arphic-ukai", "0.2.20080216.2-5")
CWTEX_FS = Package("fonts-cwtex-fs", "1.0-4")
WQY_ZENHEI = Package("fonts-wqy-zenhei", "0.9.45-8")
DROID = Package("fonts-droid-fallback", "1:6.0.1r16-1.1")


@dataclass(frozen=True)
class Face:
    """A candidate: a file in fonts/ (``package`` None) or a file in a package."""

    label: str
    path: str
    package: Package | NpmPackage | None = None
    index: int = 0
    chunks: bool = False


def noto(kind: str, weight: str, package: Package = NOTO_EXTRA) -> Face:
    family = f"Noto {kind} CJK SC {weight}"
    return Face(family, f"{NOTO_DIR}/Noto{kind}CJK-{weight}.ttc", package, index=2)


SERIF_LIGHT = Face(
    "Noto Serif CJK SC Light (fallback before: fonts/NotoSerifCJKsc-Light-CJK.ttf)",
    "NotoSerifCJKsc-Light-CJK.ttf",
)
KAI_CHOSEN = Face(
    "LXGW WenKai Light 1.520 = fonts/fallback-kai-DocgenFallbackKai-Light.ttf  [chosen]",
    "fallback-kai-DocgenFallbackKai-Light.ttf",
)
TW = Face(
    "TW-Kai 103.1 (fonts-cns11643-kai; 26.6 MB as a subset: too big)",
    "usr/share/fonts/truetype/cns11643/TW-Kai-98_1.ttf",
    TW_KAI,
)

# (role heading, base face in fonts/, size, candidates)
SECTIONS: tuple[tuple[str, str, int, tuple[Face, ...]], ...] = (
    (
        "fangsong (FandolFang)",
        "FandolFang-Regular.ttf",
        16,
        (
            SERIF_LIGHT,
            noto("Serif", "ExtraLight"),
            KAI_CHOSEN,
            TW,
            noto("Sans", "Light"),
            Face(
                "cwTeX FangSong (fonts-cwtex-fs; a FangSong; lacks 6 of the 9, all Ext A)",
                "usr/share/fonts/truetype/cwtex/cwfs.ttf",
                CWTEX_FS,
            ),
        ),
    ),
    (
        "kaiti (FandolKai)",
        "FandolKai-Regular.ttf",
        16,
        (
            SERIF_LIGHT,
            KAI_CHOSEN,
            Face(
                "LXGW WenKai Regular 1.520 (npm @chinese-fonts/lxgwwenkai)",
                f"{LXGW_DIR}/LXGWWenKai-Regular",
                LXGW_NPM,
                chunks=True,
            ),
            TW,
            Face(
                "AR PL UKai CN (fonts-arphic-ukai; 12 % of Ext A)",
                "usr/share/fonts/truetype/arphic/ukai.ttc",
                UKAI,
            ),
        ),
    ),
    (
        "heiti (FandolHei)",
        "FandolHei-Regular.ttf",
        16,
        (
            SERIF_LIGHT,
            noto("Sans", "Regular", NOTO),
            Face(
                "Noto Sans CJK SC Medium = fonts/fallback-hei-NotoSansCJKsc-Medium.ttf  [chosen]",
                "fallback-hei-NotoSansCJKsc-Medium.ttf",
            ),
            Face(
                "WenQuanYi Zen Hei (fonts-wqy-zenhei)",
                "usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
                WQY_ZENHEI,
            ),
            Face(
                "Droid Sans Fallback (fonts-droid-fallback)",
                "usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
                DROID,
            ),
        ),
    ),
    (
        "songti (FandolSong)",
        "FandolSong-Regular.ttf",
        16,
        (
            Face(f"{SERIF_LIGHT.label}  [kept]", SERIF_LIGHT.path),
            noto("Serif", "Regular", NOTO),
        ),
    ),
    (
        "xiaobiaosong (FandolSong Bold)",
        "FandolSong-Bold.ttf",
        22,
        (
            Face(f"{SERIF_LIGHT.label}  [kept: a heavier subset costs 10 MB]", SERIF_LIGHT.path),
            noto("Serif", "SemiBold"),
            noto("Serif", "Bold", NOTO),
        ),
    ),
)

EXT_A = "㐀㑇㒳㵘䶮"
#: (face, text): "b" the role's Fandol face, "c" the candidate.
LINE = (
    ("b", "授予王"),
    ("c", "犇"),
    ("b", "、李"),
    ("c", "喆"),
    ("b", "、张"),
    ("c", "堃"),
    ("b", "、刘"),
    ("c", "旸"),
    ("b", "、陈"),
    ("c", "昇"),
    ("b", "、赵"),
    ("c", "珺"),
    ("b", "、钱"),
    ("c", "赟"),
    ("b", "、孙"),
    ("c", "镕"),
    ("b", "、周"),
    ("c", "彧"),
    ("b", "同志，"),
    ("c", EXT_A),
    ("b", "。"),
)
TEXT = "".join(text for _, text in LINE)


def small_copy(face: Face, root: Path, out: Path) -> Path:
    """The candidate as a TrueType file with only the characters of LINE."""
    src = root / face.path
    if face.chunks:
        wanted = {ord(c) for c in TEXT}
        pieces = [p for p in sorted(src.glob("*.woff2")) if wanted & set(TTFont(p).getBestCmap())]
        font = assemble_chunks(pieces)
    else:
        font = TTFont(src, fontNumber=face.index)
    subset_font(font, {ord(c) for c in TEXT})
    if "CFF " in font:
        otf_to_ttf(font)
    font.save(out)
    return out


def render(debs: Path, pdf: Path, png: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont as RLFont
    from reportlab.pdfgen import canvas

    faces = [f for _, _, _, cands in SECTIONS for f in cands if f.package is not None]
    packages = {f.package for f in faces}
    archives = download(packages, debs)
    root = debs / "root"
    for pkg in packages:
        extract(archives[pkg], list(dict.fromkeys(f.path for f in faces if f.package == pkg)), root)

    names: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for _, base, _, cands in SECTIONS:
            for face in (Face(base, base), *cands):
                if face.label in names:
                    continue
                if face.package is None:
                    path = FONTS_DIR / face.path
                else:
                    path = small_copy(face, root, Path(tmp) / f"c{len(names)}.ttf")
                names[face.label] = f"cmp{len(names)}"
                pdfmetrics.registerFont(RLFont(names[face.label], str(path)))

        width, head, gap = 850, 16, 10
        rows = [(size + 16) for _, _, size, cands in SECTIONS for _ in cands]
        height = sum(rows) + head * len(SECTIONS) + gap * len(SECTIONS) + 6
        page = canvas.Canvas(str(pdf), pagesize=(width, height))
        y = height - 4
        for heading, base, size, cands in SECTIONS:
            page.setFont("Helvetica-Bold", 9)
            page.drawString(12, y - 11, f"{heading}, {size} pt: base text in {base}")
            y -= head
            for face in cands:
                page.setFont("Helvetica", 7)
                page.drawString(24, y - 7, face.label)
                x = 24.0
                for who, text in LINE:
                    font = names[base] if who == "b" else names[face.label]
                    page.setFont(font, size)
                    page.drawString(x, y - 9 - size * 0.9, text)
                    x += pdfmetrics.stringWidth(text, font, size)
                y -= size + 16
            y -= gap
        page.save()
    pdf_to_png(pdf, png, dpi=120)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--debs", type=Path, help="folder for (or with) the .deb/.tgz files")
    parser.add_argument("--out", type=Path, default=FONTS_DIR / "fallback-specimens.png")
    parser.add_argument("--pdf", type=Path, help="also keep the PDF here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="docgen-fallbacks-") as tmp:
        debs = (args.debs or Path(tmp)).resolve()
        debs.mkdir(parents=True, exist_ok=True)
        pdf = args.pdf or Path(tmp) / "fallback-specimens.pdf"
        render(debs, pdf, args.out)
    print(f"{args.out}: {args.out.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
