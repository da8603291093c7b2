"""GB/T 9704-2012 figures: the one table of numbers every stage and the checker read.

Each figure carries the clause it comes from and how strongly the standard says it:
``mandatory`` (stated without hedging), ``一般`` (normally), ``推荐`` (recommended),
``practice`` (common practice, not in the text) or ``interpretation`` (the text leaves it
open and docgen fixes one reading here, once).  Derived figures are computed below, never
retyped.  Lengths are millimetres unless the name says ``_pt``; sizes of type are points.
"""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct

MM_PER_PT = 25.4 / 72


class Strength(StrEnum):
    MANDATORY = "mandatory"
    NORMALLY = "一般"
    RECOMMENDED = "推荐"
    PRACTICE = "practice"
    INTERPRETATION = "interpretation"


class Figure(Struct, frozen=True):
    value: float
    unit: str
    clause: str
    strength: Strength
    note: str = ""
    tolerance: float = 0.0

    def __float__(self) -> float:
        return float(self.value)


M, N, R, P, I = (
    Strength.MANDATORY,
    Strength.NORMALLY,
    Strength.RECOMMENDED,
    Strength.PRACTICE,
    Strength.INTERPRETATION,
)

# 号 → points (Word/WPS convention; the standard names sizes only by 号).
SIZE_PT = {"二号": 22.0, "三号": 16.0, "四号": 14.0}

FIGURES: dict[str, Figure] = {
    # §5 paper and type area (版心)
    "page_width": Figure(210, "mm", "5.1", M, tolerance=0.5),
    "page_height": Figure(297, "mm", "5.1", M, tolerance=0.5),
    "margin_top": Figure(37, "mm", "5.2.1", M, "天头", tolerance=1),
    "margin_left": Figure(28, "mm", "5.2.1", M, "订口", tolerance=1),
    "block_width": Figure(156, "mm", "5.2.1", M, "版心 width", tolerance=1),
    "block_height": Figure(225, "mm", "5.2.1", M, "版心 height", tolerance=1),
    "body_size": Figure(SIZE_PT["三号"], "pt", "5.2.2", N, "3号仿宋", tolerance=0.1),
    "lines_per_page": Figure(22, "lines", "5.2.3", N),
    "chars_per_line": Figure(28, "chars", "5.2.3", N),
    # Interpretation: 22 lines fill the 版心 as 22 equal grid rows of 225/22 mm, and a
    # line's glyphs sit with their em box centred in the row, as Word's and LibreOffice's
    # document grid place them.  "The first line's box" is therefore the grid row, whose
    # top is the 版心 top (37 mm); the em box of 16 pt type starts 2.29 mm lower.
    "line_box": Figure(0, "", "5.2.3", I, "grid row = 225/22 mm, em box centred in it"),
    # Interpretation: the ideographic em box spans 0.88 em above the baseline to 0.12 em
    # below it (the Adobe/Noto ideographic em box), used to turn rows into baselines.
    "em_ascent": Figure(0.88, "em", "—", I, "ideographic em box top above baseline"),
    # Interpretation: 1 字 is the width of a character at the element's own size (16 pt
    # for body elements, 14 pt for page numbers and the 版记).
    "char_unit": Figure(1, "字", "3.1", I, "1 字 = one character at the element's size"),
    "paragraph_indent": Figure(2, "字", "7.3.3", N, tolerance=0.5),
    # Practice: Word and LibreOffice put about a fifth of the (Latin) font's height between
    # an ideograph and a Latin letter or digit (LibreOffice: always).  docgen's PDF does
    # the same, so that it and the DOCX break lines at the same characters.
    "cjk_latin_space": Figure(0.22, "em", "9", P, "space between 汉字 and Latin/digits"),
    # Justification spreads a full line's spare space over its gaps, at most this much a
    # gap; what is left stays at the line's end.  A line spread further (a long number or
    # word pushed to the next line) reads as letter-spaced (issue 13: 7–9 mm pitches).
    "max_spread": Figure(0.3, "mm", "9", I, "extra space per gap when justifying"),
    # A full line whose 汉字 stand further apart than the grid's pitch (156/28 mm) by more
    # than this reads as letter-spaced ("loose"); docgen's own limit is max_spread.
    "char_pitch_tolerance": Figure(0.35, "mm", "5.2.3", I, "a full line's 汉字 pitch"),
    # A page holding no more than this many lines of a paragraph's tail, and nothing else,
    # is a fragment: §7.3.5.4's remedy (adjust spacing) or moving a line avoids it.
    "fragment_max_lines": Figure(2, "lines", "7.3.5.4", I, "a page of only a tail"),
    # The last resort before spreading a line beyond max_spread: an English word breaks
    # at a hyphenation point (its dictionary's, keeping this many letters on each side, as
    # TeX's English rules do) with a hyphen at the line's end.
    "hyphen_min_letters": Figure(2, "letters", "9", I, "letters kept before a hyphen"),
    "hyphen_min_tail": Figure(3, "letters", "9", I, "letters carried after a hyphen"),
    # §7.2 版头
    "copy_number_digits": Figure(6, "digits", "7.2.1", N, "份号"),
    "mark_top": Figure(35, "mm", "7.2.4", M, "标志 top edge below 版心 top (em box)", 1),
    "doc_number_gap": Figure(2, "lines", "7.2.5", M, "发文字号 下空二行 below the 标志"),
    "signer_inset": Figure(1, "字", "7.2.6", M, "签发人 居右空一字 / 发文字号 居左空一字"),
    "signers_per_line": Figure(2, "names", "7.2.6", N),
    "header_rule_gap": Figure(4, "mm", "7.2.7", M, "below the 发文字号 em box", 0.5),
    "header_rule_width": Figure(156, "mm", "7.2.7", M, tolerance=0.5),
    "header_rule_thickness": Figure(0.5, "mm", "7.2.7", P, "not specified; 0.35–0.5 mm"),
    # Interpretation: "下空N行" counts grid rows: N empty rows lie between the element's
    # row and the next element's row.  The red rule belongs to the 发文字号's row.
    "row_gap_rule": Figure(0, "", "7.2.5, 7.3.1", I, "下空N行 = N empty grid rows between"),
    # The mark's size is not fixed ("醒目、美观、庄重"); docgen takes the largest square
    # characters that fit the 版心, at most 15 mm (the 1999 edition's 22 × 15 mm cap).
    "mark_max_size": Figure(15, "mm", "7.2.4", P, "1999 edition: at most 22 × 15 mm"),
    # A mark that fills the 版心's width wrapped in LibreOffice when set to the full 156 mm:
    # its line measure differs from ours by rounding and the space it puts around Latin
    # letters.  The mark keeps this much free, and its size is a multiple of Word's
    # half point, so PDF and DOCX set the same size.
    "mark_fit_margin": Figure(1.0, "pt", "7.2.4", I, "free beside a mark that fills the width"),
    "mark_size_step": Figure(0.5, "pt", "7.2.4", I, "the mark's size in Word's half points"),
    "joint_mark_leading": Figure(1.2, "em", "7.2.4", P, "joint issuers' names, line to line"),
    "joint_mark_gap": Figure(0.5, "em", "7.2.4", P, "between the joint names and 文件"),
    # §7.3 主体
    "title_size": Figure(SIZE_PT["二号"], "pt", "7.3.1", N, "2号小标宋", tolerance=0.1),
    "title_gap": Figure(2, "lines", "7.3.1", N, "below the red rule"),
    "recipients_gap": Figure(1, "lines", "7.3.2", M, "主送机关 below the title"),
    "attachment_gap": Figure(1, "lines", "7.3.4", M, "附件说明 below the body"),
    "attachment_indent": Figure(2, "字", "7.3.4", M),
    "signature_gap": Figure(1, "lines", "7.3.5.2", M, "署名 below the body (no seal)"),
    "signature_right": Figure(2, "字", "7.3.5.2", M, "署名 右空二字 (no seal)"),
    "date_shift": Figure(2, "字", "7.3.5.2", M, "日期 starts 2 字 right of the 署名"),
    "sealed_date_right": Figure(4, "字", "7.3.5.1", N, "成文日期 右空四字 (seal)"),
    "seal_diameter": Figure(42, "mm", "7.3.5.1", P, "印章 as printed; 4.2 cm office seals"),
    "seal_drop": Figure(2, "mm", "7.3.5.1", I, "署名 centre this far below the seal's centre"),
    "seal_gap": Figure(4, "mm", "7.3.5.1", P, "joint seals: clear space between"),
    # Interpretation: the seal's top must come within one 行 of the text; with a 42 mm seal
    # centred a little above its 署名, the 署名 stands on the second row after the text.
    "seal_name_row": Figure(2, "lines", "7.3.5.1", I, "署名 row after the text (seal)"),
    "stamp_height": Figure(20, "mm", "7.3.5.3", P, "签名章 as printed"),
    "stamp_title_gap": Figure(2, "字", "7.3.5.3", M, "职务 左空二字 of the stamp"),
    "stamp_gap": Figure(2, "lines", "7.3.5.3", M, "签名章 below the body"),
    "stamp_right": Figure(4, "字", "7.3.5.3", M),
    "note_indent": Figure(2, "字", "7.3.6", M, "附注 on the line after the date"),
    "attendees_indent": Figure(2, "字", "10.3", N, "出席/请假/列席 左空二字"),
    # §8 tables (the standard sets only the turned page; the rest is practice)
    "table_size": Figure(SIZE_PT["四号"], "pt", "8", P, "table text in 4号"),
    "table_cell_padding": Figure(1.5, "mm", "8", P, "space inside a cell's side rules"),
    "table_rule": Figure(0.25, "mm", "8", P, "table rules"),
    # §7.4 版记
    "colophon_size": Figure(SIZE_PT["四号"], "pt", "7.4.2", N, "4号仿宋", tolerance=0.1),
    "colophon_inset": Figure(1, "字", "7.4.2", N, "左右各空一字"),
    "colophon_thick_rule": Figure(0.35, "mm", "7.4.1", R, tolerance=0.05),
    "colophon_thin_rule": Figure(0.25, "mm", "7.4.1", R, tolerance=0.05),
    # §7.5 页码
    "page_number_size": Figure(SIZE_PT["四号"], "pt", "7.5", N, "4号半角宋体", tolerance=0.1),
    # Interpretation: "一字线距版心下边缘7mm" — the dash's centre, i.e. the centre of the
    # page number's em box, is 7 mm below the 版心 bottom.
    "page_number_gap": Figure(7, "mm", "7.5", N, "dash centre below the 版心", tolerance=1),
    "page_number_inset": Figure(1, "字", "7.5", N, "odd 居右空一字, even 居左空一字"),
    # §10 special formats
    "letter_mark_top": Figure(30, "mm", "10.1", M, "from the paper top", tolerance=1),
    "letter_rule_length": Figure(170, "mm", "10.1", M, "centred on the paper", tolerance=0.5),
    "letter_top_rule_gap": Figure(4, "mm", "10.1", M, "below the mark"),
    "letter_bottom_rule": Figure(20, "mm", "10.1", M, "above the paper bottom"),
    "letter_element_gap": Figure(
        7 / 8 * SIZE_PT["三号"] * 25.4 / 72, "mm", "10.1", M, "7/8 × 3号 below the double line"
    ),
    "letter_thick_rule": Figure(1.5, "pt", "10.1", P, "not specified; 1.5 pt + 0.75 pt"),
    "letter_thin_rule": Figure(0.75, "pt", "10.1", P, "not specified"),
    "letter_rule_gap": Figure(1, "mm", "10.1", P, "between the two lines of a pair"),
    "order_mark_top": Figure(20, "mm", "10.2", M, "below 版心 top", tolerance=1),
    "minutes_mark_top": Figure(35, "mm", "10.3", M, "below 版心 top", tolerance=1),
}

# ---- Figures the checker (docgen.check) needs besides the layout's ------------------
FIGURES.update(
    {
        # Interpretation: positions the text gives without a tolerance (1 字 insets,
        # centring, 2 字 shifts) are held to §6.1's "版心不斜，误差不超过1mm".
        "position_tolerance": Figure(1, "mm", "6.1", I, "positions given without one"),
        # Interpretation: gaps the text counts in 行 ("下空一行") are counted in grid rows
        # (line boxes of 225/22 mm), to within half a row.
        "row_gap_tolerance": Figure(0.5, "lines", "5.2.3", I, "gaps counted in 行"),
        # "22 lines fill the 版心": the baseline pitch is one constant within a document.
        # Measured with each line's offset in its row taken out (a word processor places
        # a line by its fonts: LibreOffice 7.4 sets lines with Latin text 0.5–0.8 pt
        # higher); what remains of LibreOffice's rendering of a grid is ≤ 0.42 pt, a
        # pitch that changes (no grid, "at least" spacing) moves lines by whole points.
        "line_pitch_spread": Figure(0, "pt", "5.2.3", N, "pitch constant", tolerance=0.5),
        "colophon_rule_width": Figure(156, "mm", "7.4.1", M, "版记 lines 与版心等宽", 0.5),
        "colophon_bottom": Figure(0, "mm", "7.4.1", M, "last 版记 line on the 版心 bottom", 0.5),
        # Interpretation: a colour is "black" (BL100%) or "red" (Y80% M80%) when each sRGB
        # channel, as the PDF reader converts it, is within this of pure black or of red.
        "colour_tolerance": Figure(0.25, "sRGB", "5.2.4", I, "per channel, 0–1"),
        "stamp_date_gap": Figure(1, "lines", "7.3.5.3", M, "成文日期 下空一行 below the 签名章"),
        "seal_top_gap": Figure(1, "lines", "7.3.5.1", M, "印章顶端上距正文一行之内"),
        "attachment_label_row": Figure(1, "line", "7.3.7", M, "附件N on the first line"),
        "attachment_title_row": Figure(3, "line", "7.3.7", M, "attachment title on line 3"),
    }
)


class Colour(Struct, frozen=True):
    """A printing colour (§6.2) and how the screen formats that name colours show it."""

    cmyk: tuple[float, float, float, float]
    rgb_hex: str  # for formats that state colours in sRGB (DOCX)
    clause: str
    strength: Strength
    note: str = ""


COLOURS = {
    "black": Colour((0.0, 0.0, 0.0, 1.0), "000000", "6.2", M, "BL100%"),
    # Y80% M80% has no exact sRGB value; Word users and templates pick pure red.
    "red": Colour((0.0, 0.8, 0.8, 0.0), "FF0000", "6.2", M, "Y80% M80%; sRGB as in practice"),
}
RED_CMYK = COLOURS["red"].cmyk
BLACK_CMYK = COLOURS["black"].cmyk
RED_HEX = COLOURS["red"].rgb_hex


def fig(name: str) -> float:
    """The value of a figure, as a float in its own unit."""
    return float(FIGURES[name].value)


def mm_to_pt(mm: float) -> float:
    return mm / MM_PER_PT


def pt_to_mm(pt: float) -> float:
    return pt * MM_PER_PT


# ---- Derived figures (computed, never retyped) -----------------------------------
PAGE_WIDTH_PT = mm_to_pt(fig("page_width"))
PAGE_HEIGHT_PT = mm_to_pt(fig("page_height"))
BLOCK_LEFT_PT = mm_to_pt(fig("margin_left"))
BLOCK_TOP_PT = mm_to_pt(fig("margin_top"))
BLOCK_WIDTH_PT = mm_to_pt(fig("block_width"))
BLOCK_HEIGHT_PT = mm_to_pt(fig("block_height"))
BLOCK_RIGHT_PT = BLOCK_LEFT_PT + BLOCK_WIDTH_PT
BLOCK_BOTTOM_PT = BLOCK_TOP_PT + BLOCK_HEIGHT_PT
# "居中" centres on the 版心 (x = 106 mm), which sits 1 mm right of the page's centre.
BLOCK_CENTRE_PT = BLOCK_LEFT_PT + BLOCK_WIDTH_PT / 2
LINES_PER_PAGE = int(fig("lines_per_page"))
CHARS_PER_LINE = int(fig("chars_per_line"))
BODY_SIZE_PT = fig("body_size")
TITLE_SIZE_PT = fig("title_size")
LINE_PITCH_PT = BLOCK_HEIGHT_PT / LINES_PER_PAGE  # 28.99 pt
# 28 characters fill the line when the first starts at the left edge and the last ends at
# the right edge: 16 pt type on a 15.78 pt pitch (−0.22 pt tracking).
CHAR_PITCH_PT = (BLOCK_WIDTH_PT - BODY_SIZE_PT) / (CHARS_PER_LINE - 1)
EM_ASCENT = fig("em_ascent")
