"""Measuring the typesetting of built 公文 from the files alone (issue 13).

Everything here reads PDF files with PyMuPDF: docgen's own PDF, and LibreOffice's PDF of
docgen's DOCX (see :func:`convert_all`).  Nothing asks docgen how it laid a page out, so the
same functions measure either rendering and keep measuring while the layout code changes.

Terms (mm from the page's top-left corner, A4 portrait):

* **body row** – a visual line of 3号 (16 pt) text inside the 版心 (x 28–184, y 37–262)
  that belongs to the flow of the 正文: not the 版头 (份号, 密级, 紧急程度, 发文字号,
  签发人 — everything on page 1 above the title or mark), not the 令号 (centred), not the
  署名 / 成文日期 / 职务 (they start right of x = 75 mm), not an attachment's "附件N" label.
  The title (22 pt), the mark, page numbers, tables and the 版记 (14 pt) are other sizes.
* **paragraph** – body rows read in order; a row starts a new paragraph when it is indented
  2 字 (x0 ≈ 39.1 mm), when the row before it ended short of the right edge, when something
  that is not a body row stands between them, or when an empty grid row separates them.
  A paragraph goes on across a page break when the last body row of a page is full.
* **full row** – a row of a paragraph other than its last; its right end should reach
  184 mm.  Its CJK pitch is the mean distance between the origins of consecutive ideographs.
* **lone tail** – the last row of a paragraph of two or more rows that holds a single
  character besides punctuation ("案", "决。", "元。").
* **fragment page** – a page whose only text (besides its page number and the 版记) is at
  most :data:`FRAGMENT_MAX_ROWS` rows continuing a paragraph from the page before.
"""

from __future__ import annotations

import difflib
import itertools
import os
import re
import shutil
import signal
import subprocess
import tempfile
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pymupdf

MM_PER_PT = 25.4 / 72
# docgen's PDF draws the hyphen of a word broken at a line's end as U+00AD (ISO 32000
# §14.8.2.2.3: a hyphen the layout added); LibreOffice draws its own as "-".
SOFT_HYPHEN = "\u00ad"

# The 版心 (GB/T 9704 §5.2.1) and the standard's 28 × 22 grid (§5.2.3).
BLOCK_LEFT, BLOCK_RIGHT, BLOCK_TOP, BLOCK_BOTTOM = 28.0, 184.0, 37.0, 262.0
TARGET_PITCH = 156 / 28  # 5.571 mm a character
PITCH_TOLERANCE = 0.35  # acceptance 1: 5.571 ± 0.35 mm
ROW_PITCH = 225 / 22  # 10.23 mm
BODY_SIZE = 16.0
FULL_RIGHT = BLOCK_RIGHT - 1.0  # a row reaching 184 ± 1 mm is full
INDENT = (BLOCK_LEFT + 10.6, BLOCK_LEFT + 11.8)  # 2 字 = 11.1–11.3 mm (LibreOffice 11.16)
CLOSING_X = 75.0  # 署名, 成文日期, 职务 and the centred 令号 start right of this
LETTER_GAP_EQUAL = 0.05  # acceptance 1: the gaps between a word's letters all equal
# Letters spaced wider than the CJK pitch may be (±0.35 mm) read as "b i l l i o n".
LETTER_GAP_MAX = PITCH_TOLERANCE
FRAGMENT_MAX_ROWS = 2  # acceptance 2: "a fragment shorter than the stated length"
COLOPHON_TOP = 225.0  # 14 pt text this low on a page is the 版记

# Characters that are not counted as "a character" of a lone tail.
PUNCTUATION = set("，。、；：？！“”‘’（）《》〈〉「」『』【】〔〕—…·．,.;:?!()[]\"'%‰")


# ---- Glyphs and rows -----------------------------------------------------------------


@dataclass(frozen=True)
class Glyph:
    page: int  # 0-based
    c: str
    x0: float  # mm: the origin (left of the advance)
    x1: float  # mm: the end of the advance
    baseline: float  # mm
    size: float  # pt
    font: str  # base font name without the subset tag
    color: int  # sRGB
    after_space: bool = False  # a space character stands between this glyph and the last


@dataclass
class Row:
    """One visual line: glyphs of one page on one baseline (±0.5 mm), left to right."""

    page: int
    baseline: float
    glyphs: list[Glyph]
    body: bool = False

    @property
    def text(self) -> str:
        return "".join(g.c for g in self.glyphs)

    @property
    def x0(self) -> float:
        return self.glyphs[0].x0

    @property
    def x1(self) -> float:
        return self.glyphs[-1].x1

    @property
    def size(self) -> float:
        sizes = [g.size for g in self.glyphs]
        return max(set(sizes), key=sizes.count)

    @property
    def full(self) -> bool:
        return self.x1 >= FULL_RIGHT

    @property
    def indented(self) -> bool:
        return INDENT[0] <= self.x0 <= INDENT[1]


@dataclass
class Paragraph:
    rows: list[Row]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.rows)


def glyphs(pdf: Path) -> list[Glyph]:
    """Every upright, non-space glyph of ``pdf``."""
    out = []
    with pymupdf.open(pdf) as doc:
        for number, page in enumerate(doc):
            for block in page.get_text("rawdict")["blocks"]:
                for line in block.get("lines", []):
                    space = False
                    if tuple(round(v, 3) for v in line["dir"]) != (1.0, 0.0):
                        continue
                    for span in line["spans"]:
                        font = span["font"].split("+", 1)[-1]
                        for ch in span["chars"]:
                            if ch["c"].isspace():
                                space = True
                                continue
                            if ch["c"] == SOFT_HYPHEN:
                                continue  # a hyphen added where a word breaks: not text
                            out.append(
                                Glyph(
                                    number,
                                    ch["c"],
                                    ch["origin"][0] * MM_PER_PT,
                                    ch["bbox"][2] * MM_PER_PT,
                                    ch["origin"][1] * MM_PER_PT,
                                    span["size"],
                                    font,
                                    span["color"],
                                    space,
                                )
                            )
                            space = False
    return out


def page_count(pdf: Path) -> int:
    with pymupdf.open(pdf) as doc:
        return doc.page_count


def rows_of(gs: Iterable[Glyph], tolerance: float = 0.5) -> list[Row]:
    """Glyphs grouped into visual lines; LibreOffice raises Latin runs by ≈ 0.07 mm."""
    out: list[Row] = []
    for g in sorted(gs, key=lambda g: (g.page, g.baseline)):
        if out and out[-1].page == g.page and abs(out[-1].baseline - g.baseline) <= tolerance:
            out[-1].glyphs.append(g)
        else:
            out.append(Row(g.page, g.baseline, [g]))
    for r in out:
        r.glyphs.sort(key=lambda g: g.x0)
    return out


def is_red(color: int) -> bool:
    r, g, b = (color >> 16) / 255, ((color >> 8) & 255) / 255, (color & 255) / 255
    return r > 0.8 and g < 0.5 and b < 0.5


def _header_end(rows: Sequence[Row]) -> float:
    """The baseline of the last title or mark row on page 1 (22 pt or larger)."""
    big = [r.baseline for r in rows if r.page == 0 and r.size > 20]
    return max(big, default=BLOCK_TOP)


def _is_body(row: Row, header_end: float) -> bool:
    if abs(row.size - BODY_SIZE) > 0.3:
        return False
    if not (BLOCK_TOP < row.baseline < BLOCK_BOTTOM + 2):
        return False
    if row.page == 0 and row.baseline <= header_end:
        return False  # 版头: 份号, 密级, 紧急程度, 发文字号, 签发人
    if row.x0 < BLOCK_LEFT - 1 or row.x0 > CLOSING_X:
        return False  # 署名, 成文日期, 职务, 令号
    return not re.fullmatch(r"附件\d*", row.text)


@dataclass
class Rendering:
    """One PDF, read once: its rows, body rows and paragraphs."""

    pdf: Path

    @cached_property
    def glyphs(self) -> list[Glyph]:
        return glyphs(self.pdf)

    @cached_property
    def pages(self) -> int:
        return page_count(self.pdf)

    @cached_property
    def rows(self) -> list[Row]:
        rows = rows_of(self.glyphs)
        end = _header_end(rows)
        for r in rows:
            r.body = _is_body(r, end)
        return rows

    @cached_property
    def body_rows(self) -> list[Row]:
        return [r for r in self.rows if r.body]

    @cached_property
    def paragraphs(self) -> list[Paragraph]:
        return paragraphs(self.rows)

    @cached_property
    def body_text(self) -> str:
        return "".join(p.text for p in self.paragraphs)


def _page_number(row: Row) -> bool:
    return row.baseline > BLOCK_BOTTOM + 3


def paragraphs(rows: Sequence[Row]) -> list[Paragraph]:
    """Body rows grouped into paragraphs (see the module's docstring)."""
    out: list[Paragraph] = []
    previous: Row | None = None  # the last body row, while nothing else followed it
    for row in rows:
        if _page_number(row):
            continue
        if not row.body:
            previous = None
            continue
        joins = (
            previous is not None
            and previous.full
            and not row.indented
            and (
                row.page != previous.page  # across a page break
                or row.baseline - previous.baseline < 1.5 * ROW_PITCH  # no empty row between
            )
        )
        if joins:
            out[-1].rows.append(row)
        else:
            out.append(Paragraph([row]))
        previous = row
    return out


# ---- Characters ---------------------------------------------------------------------


def is_ideograph(c: str) -> bool:
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x20000 <= o <= 0x3FFFF


def is_cjk(c: str) -> bool:
    """An ideograph or a full-width CJK symbol."""
    return is_ideograph(c) or unicodedata.east_asian_width(c) in ("W", "F")


# ---- 1. Pitch of full rows, letter gaps --------------------------------------------


@dataclass(frozen=True)
class RowPitch:
    page: int
    text: str
    pitch: float  # mm, mean origin distance of consecutive ideographs
    pairs: int

    @property
    def ok(self) -> bool:
        return abs(self.pitch - TARGET_PITCH) <= PITCH_TOLERANCE


def full_rows(r: Rendering) -> list[Row]:
    """Rows of a paragraph that are not its last row."""
    return [row for p in r.paragraphs for row in p.rows[:-1]]


def row_pitch(row: Row, spaced: frozenset[tuple[str, str]] = frozenset()) -> RowPitch | None:
    """Mean distance of consecutive ideographs, leaving out pairs the text writes with a
    space between them (国家医保局 财政部: ``spaced``, from :func:`spaced_pairs`)."""
    d = [
        b.x0 - a.x0
        for a, b in itertools.pairwise(row.glyphs)
        if is_ideograph(a.c) and is_ideograph(b.c) and (a.c, b.c) not in spaced
    ]
    if not d:
        return None
    return RowPitch(row.page, row.text, sum(d) / len(d), len(d))


def pitches(r: Rendering, spaced: frozenset[tuple[str, str]] = frozenset()) -> list[RowPitch]:
    return [p for row in full_rows(r) if (p := row_pitch(row, spaced)) is not None]


def spaced_pairs(docx: Path) -> frozenset[tuple[str, str]]:
    """Ideographs the DOCX's text writes with a space between them: the PDF's text has
    no space characters, so the measure must know where the spec put one."""
    pairs = set()
    for text in _docx_paragraphs(docx):
        pairs |= {(a, b) for a, b in re.findall(r"(\S) +(\S)", text)}
    return frozenset(pairs)


def _docx_paragraphs(docx: Path) -> list[str]:
    import zipfile

    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return [
        "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", para))
        for para in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)
    ]


@dataclass(frozen=True)
class WordGaps:
    page: int
    row: str
    word: str
    gaps: tuple[float, ...]  # mm between the advance of a letter and the next origin

    @property
    def ok(self) -> bool:
        return (
            max(self.gaps) - min(self.gaps) <= LETTER_GAP_EQUAL and max(self.gaps) <= LETTER_GAP_MAX
        )


def latin_words(docx: Path) -> set[str]:
    """The Latin words of a DOCX's text, as written (the spec's own spaces): PDF text
    cannot tell a word space from the spaces a justified line puts between letters."""
    words: set[str] = set()
    for text in _docx_paragraphs(docx):
        words |= set(re.findall(r"[A-Za-z]+", text))
    return words


def words(row: Row, vocabulary: set[str] | None = None) -> list[list[Glyph]]:
    """The Latin words of a row, as runs of their letters' glyphs (two letters or more).

    Letters are taken in row order whatever stands between them but glyphs of other kinds;
    a run of letters is cut into the ``vocabulary``'s words (longest first) when one is
    given, else at space characters."""
    runs: list[list[Glyph]] = []
    run: list[Glyph] = []
    for g in [*row.glyphs, None]:
        if g is not None and g.c.isascii() and g.c.isalpha():
            if vocabulary is None and g.after_space and run:
                runs.append(run)
                run = []
            run.append(g)
            continue
        if run:
            runs.append(run)
        run = []
    out = []
    for run in runs:
        for w in _split(run, vocabulary) if vocabulary else [run]:
            if len(w) >= 2:
                out.append(w)
    return out


def _split(run: list[Glyph], vocabulary: set[str]) -> list[list[Glyph]]:
    text = "".join(g.c for g in run)
    out, i = [], 0
    while i < len(text):
        n = next((n for n in range(len(text) - i, 0, -1) if text[i : i + n] in vocabulary), 0)
        if n == 0:  # a word cut at the row's end: the rest of it
            n = next(
                (n for n in range(len(text) - i, 0, -1) if _part(text[i : i + n], vocabulary)), 1
            )
        out.append(run[i : i + n])
        i += n
    return out


def _part(text: str, vocabulary: set[str]) -> bool:
    return any(text in w for w in vocabulary)


def word_gaps(r: Rendering, vocabulary: set[str] | None = None) -> list[WordGaps]:
    """The letter gaps of every Latin word in the body rows (last rows included)."""
    out = []
    for row in r.body_rows:
        for w in words(row, vocabulary):
            gaps = tuple(b.x0 - a.x1 for a, b in itertools.pairwise(w))
            out.append(WordGaps(row.page, row.text, "".join(g.c for g in w), gaps))
    return out


# ---- 2. Lone tails and fragment pages ----------------------------------------------


@dataclass(frozen=True)
class LoneTail:
    page: int
    paragraph: str
    last: str


def countable(text: str) -> int:
    """Characters of ``text`` other than punctuation; a Latin word or a number counts once
    per character, so "元。" is 1 and "2次。" is 2."""
    return sum(1 for c in text if c not in PUNCTUATION)


def lone_tails(r: Rendering) -> list[LoneTail]:
    out = []
    for p in r.paragraphs:
        if len(p.rows) >= 2 and countable(p.rows[-1].text) <= 1:
            out.append(LoneTail(p.rows[-1].page, p.text, p.rows[-1].text))
    return out


@dataclass(frozen=True)
class Fragment:
    page: int  # 0-based
    text: str  # what the page holds
    paragraph: str


def fragment_pages(r: Rendering, max_rows: int = FRAGMENT_MAX_ROWS) -> list[Fragment]:
    out = []
    for page in range(1, r.pages):
        rows = [
            row
            for row in r.rows
            if row.page == page
            and not _page_number(row)
            and not (row.size < 15 and row.baseline > COLOPHON_TOP)  # the 版记
        ]
        if not rows or len(rows) > max_rows or not all(row.body for row in rows):
            continue
        para = next((p for p in r.paragraphs if rows[0] in p.rows), None)
        if para is None or para.rows[0].page >= page:
            continue  # the page opens a paragraph of its own
        if all(row in para.rows for row in rows):
            out.append(Fragment(page, "".join(row.text for row in rows), para.text))
    return out


# ---- 3. Which face drew each character ---------------------------------------------

STYLES = ("仿宋", "楷体", "黑体", "宋体", "小标宋")


def font_style(font: str) -> str | None:
    """The style of a PDF font name: 仿宋, 楷体, 黑体, 宋体, 小标宋 (a bold 宋体: the title
    and the mark), or None for a Latin face."""
    n = re.sub(r"[\s_-]+", "", font).casefold()
    if "liberation" in n or "times" in n or "arial" in n or "courier" in n:
        return None
    if "fang" in n or "仿宋" in font:
        return "仿宋"
    if "kai" in n or "楷" in font:
        return "楷体"
    if "biaosong" in n or "小标宋" in font:
        return "小标宋"
    if "serifcjk" in n or "song" in n or "sung" in n or "ming" in n or "宋" in font:
        bold = any(w in n for w in ("bold", "black", "heavy", "semibold"))
        return "小标宋" if bold else "宋体"
    if "hei" in n or "sanscjk" in n or "gothic" in n or "黑" in font:
        return "黑体"
    return None


# Free faces of each style that have the rare name characters, found by reading the cmaps
# (fontTools) of the fonts in Debian's packages fonts-arphic-ukai 0.2.20080216.2-5,
# fonts-noto-cjk 1:20220127+repack1-1 and fonts-cwtex-fs 1.0-4: for these characters a face
# of the role's style that "has it" exists, so drawing them from another style is avoidable.
# No free 仿宋 face found has 犇 喆 堃 旸 赟 镕 (cwTeX 仿宋 has only 昇 珺 彧 of the nine).
FREE_FACES = {
    "楷体": ("AR PL UKai CN (Debian fonts-arphic-ukai)", set("犇喆堃旸昇珺赟镕彧")),
    "黑体": ("Noto Sans CJK SC (Debian fonts-noto-cjk)", set("犇喆堃旸昇珺赟镕彧")),
    "宋体": ("Noto Serif CJK SC (bundled fallback)", set("犇喆堃旸昇珺赟镕彧")),
    "小标宋": ("Noto Serif CJK SC Bold (Debian fonts-noto-cjk)", set("犇喆堃旸昇珺赟镕彧")),
}
# 仿宋: cwTeX FangSong (Debian fonts-cwtex-fs) has 昇 珺 彧 of the nine, but it is GPL-2
# without the font exception and would set some names in 仿宋 and others in 楷; the
# 楷 fallback is the documented choice (fonts/README.md, "Fallback by style").


@dataclass(frozen=True)
class ForeignGlyph:
    """A character drawn from a face of another style than the text around it."""

    page: int
    c: str
    font: str
    font_style: str
    role_style: str
    row: str


def in_gb2312(c: str) -> bool:
    try:
        c.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def foreign_glyphs(r: Rendering) -> list[ForeignGlyph]:
    """Ideographs whose face's style is not that of the text around them.

    A candidate is an ideograph outside GB 2312 (which every role face covers); the role's
    style is that of the nearest GB 2312 ideograph on the row drawn from another face."""
    out = []
    for row in r.rows:
        cjk = [g for g in row.glyphs if is_ideograph(g.c)]
        for i, g in enumerate(cjk):
            style = font_style(g.font)
            if style is None:
                continue
            if in_gb2312(g.c):
                continue
            role = _neighbour_style(cjk, i)
            if role is not None and role != style:
                out.append(ForeignGlyph(row.page, g.c, g.font, style, role, row.text))
    return out


def _neighbour_style(cjk: list[Glyph], i: int) -> str | None:
    order = sorted(range(len(cjk)), key=lambda j: (abs(j - i), j > i))
    for j in order:
        if cjk[j].font != cjk[i].font and in_gb2312(cjk[j].c):
            return font_style(cjk[j].font)
    return None


def avoidable(f: ForeignGlyph, bundled_styles: dict[str, set[str]] | None = None) -> str | None:
    """The face of the role's style that has ``f.c``, if any is known (``None``: none)."""
    name, chars = FREE_FACES.get(f.role_style, ("", set()))
    if f.c in chars:
        return name
    for face, covered in (bundled_styles or {}).items():
        if font_style(face) == f.role_style and f.c in covered:
            return face
    return None


# ---- 4. The red mark; line breaks against LibreOffice ------------------------------


def mark_rows(r: Rendering) -> list[str]:
    """The rows of red glyphs larger than the title on page 1 (the 发文机关标志)."""
    red = [g for g in r.glyphs if g.page == 0 and is_red(g.color) and g.size > 23]
    return [row.text for row in rows_of(red, tolerance=2.0)]


def break_offsets(r: Rendering) -> tuple[str, set[int]]:
    """The body text (whitespace removed) and the offsets in it where a row starts that
    continues a paragraph — the places where a line breaks inside a paragraph."""
    text, breaks = "", set()
    for p in r.paragraphs:
        for k, row in enumerate(p.rows):
            if k:
                breaks.add(len(text))
            text += row.text
    return text, breaks


@dataclass(frozen=True)
class Disagreement:
    ours: str  # docgen's PDF around the break, "|" where its row breaks
    theirs: str  # LibreOffice's


@dataclass
class Agreement:
    agree: int = 0
    total: int = 0
    disagreements: list[Disagreement] = field(default_factory=list)
    same_text: bool = True

    @property
    def share(self) -> float:
        return self.agree / self.total if self.total else 1.0

    def __iadd__(self, other: Agreement) -> Agreement:
        self.agree += other.agree
        self.total += other.total
        self.disagreements += other.disagreements
        self.same_text &= other.same_text
        return self


def _context(text: str, breaks: set[int], at: int, width: int = 12) -> str:
    lo, hi = max(0, at - width), min(len(text), at + width)
    return "".join(("|" if i in breaks else "") + text[i] for i in range(lo, hi))


def agreement(ours: Rendering, theirs: Rendering) -> Agreement:
    """Breaks inside body paragraphs, docgen's PDF against LibreOffice's: a break counts as
    agreeing when both put it before the same character; total = breaks in either."""
    a_text, a_breaks = break_offsets(ours)
    b_text, b_breaks = break_offsets(theirs)
    # Map LibreOffice's offsets onto docgen's text (equal unless a character went missing).
    mapping: dict[int, int] = {}
    matcher = difflib.SequenceMatcher(None, a_text, b_text, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            mapping[block.b + k] = block.a + k
    mapped = {mapping[b] for b in b_breaks if b in mapping}
    both = a_breaks | mapped
    same = a_text.replace("-", "") == b_text.replace("-", "")  # LibreOffice's added hyphens
    result = Agreement(len(a_breaks & mapped), len(both), same_text=same)
    inverse = {v: k for k, v in mapping.items()}
    for at in sorted(both - (a_breaks & mapped)):
        b_at = inverse.get(at, 0)
        result.disagreements.append(
            Disagreement(_context(a_text, a_breaks, at), _context(b_text, b_breaks, b_at))
        )
    return result


# ---- Building and converting ------------------------------------------------------


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        if found := shutil.which(name):
            return found
    return None


def convert_all(docx: Sequence[Path], out_dir: Path, fontconfig: Path, timeout: float = 600):
    """Convert every DOCX to ``out_dir/<stem>.pdf`` in one LibreOffice run."""
    soffice = find_soffice()
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    out_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig.resolve()))
    with tempfile.TemporaryDirectory(prefix="stress-lo-profile-") as profile:
        cmd = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir.resolve()),
            *(str(d.resolve()) for d in docx),
        ]
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,
        )
        try:
            proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise
    return {d.stem: out_dir / f"{d.stem}.pdf" for d in docx}
