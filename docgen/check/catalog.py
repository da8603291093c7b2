"""Every check the checker makes: its id, clause and strength.

Checks that compare a number read their clause and strength from the figure in
:mod:`docgen.standard`; checks of text patterns, colours and fonts carry the clause here.
"""

from __future__ import annotations

from docgen.check.findings import Check
from docgen.standard import Strength

MANDATORY, NORMALLY = Strength.MANDATORY, Strength.NORMALLY
RECOMMENDED, INTERPRETATION = Strength.RECOMMENDED, Strength.INTERPRETATION

# ---- Page and 版心 (§5) ------------------------------------------------------------
PAGE_SIZE = Check.of("page.size", "page_width", "页面 page", "A4 page size")
BLOCK_LEFT = Check.of(
    "block.left", "margin_left", "版心 type area", "left edge of flush-left lines"
)
BLOCK_TOP = Check.of("block.top", "margin_top", "版心 type area", "top of the first line box")
BLOCK_RIGHT = Check.of("block.right", "block_width", "版心 type area", "right edge of full lines")
BLOCK_BOTTOM = Check.of(
    "block.bottom", "block_height", "版心 type area", "bottom of the last line box"
)
# ---- Grid (§5.2.3) -----------------------------------------------------------------
LINES_PER_PAGE = Check.of("grid.lines-per-page", "lines_per_page", "正文 body", "22 lines a page")
CHARS_PER_LINE = Check.of(
    "grid.chars-per-line", "chars_per_line", "正文 body", "28 characters a line"
)
LINE_PITCH = Check.of("grid.line-pitch", "line_pitch_spread", "正文 body", "constant line pitch")
INDENT = Check.of("body.indent", "paragraph_indent", "正文 body", "paragraph indent 2 字")
# ---- Fonts and sizes ---------------------------------------------------------------
BODY_FONT = Check.of("body.font", "body_size", "正文 body", "body in 仿宋")
BODY_SIZE = Check.of("body.size", "body_size", "正文 body", "body 3号 (16 pt)")
PAGE_ONE_BODY = Check("body.page-one", "7.3.3", MANDATORY, "正文 body", "page 1 shows 正文")
GLYPHS = Check("glyphs.missing", "6.1", MANDATORY, "文字 text", "every character has a glyph")
TEXT_COLOUR = Check(
    "colour.text", "5.2.4", MANDATORY, "文字 text", "text black except red elements"
)
RULE_COLOUR = Check(
    "colour.rules", "5.2.4", MANDATORY, "线 rules", "rules black except 版头 red rules"
)
TURNED_TEXT = Check("page.turned-text", "8", NORMALLY, "横排表格 landscape table", "rotated text")
TABLE_TEXT = Check("table.text", "5.2.2", NORMALLY, "表格 table", "text in ruled tables")
# ---- Typesetting: loose lines, fallback faces, fragments --------------------------
# A letter-spaced line is a fault a reader sees (an error); where the next line starts
# with a number or word that could not fit, only rewording avoids it (rules/typesetting.py
# reports those as warnings).
LOOSE_LINE = Check(
    "body.loose-line",
    "5.2.3",
    MANDATORY,
    "正文 body",
    "full lines keep the 28-a-line pitch",
    "char_pitch_tolerance",
)
# §5.2.2 / §7.3.3: text in its element's typeface; a character drawn from a face of
# another style (a 宋体 glyph inside 仿宋 text) is a deviation of that 一般 rule.
FALLBACK_STYLE = Check(
    "fonts.fallback-style", "5.2.2", NORMALLY, "文字 text", "every character in its text's style"
)
FRAGMENT_PAGE = Check.of(
    "page.fragment", "fragment_max_lines", "正文 body", "no page of only a paragraph's tail"
)
# ---- Line breaking (§9 → GB/T 15834 §5.1, clreq basic) ----------------------------
LINE_START = Check(
    "line-break.start", "9 (GB/T 15834 5.1)", MANDATORY, "行首 line start", "no 行首禁则 mark"
)
LINE_END = Check(
    "line-break.end", "9 (GB/T 15834 5.1)", MANDATORY, "行尾 line end", "no 行尾禁则 mark"
)
# ---- Headings (§7.3.3) -------------------------------------------------------------
# The 一、（一）1.（1） scheme itself is optional ("可以"); a skipped or repeated number
# within a scheme is a plain fault.
HEADING_ORDER = Check(
    "headings.sequence", "7.3.3", MANDATORY, "层次序数 headings", "numbers in order"
)
HEADING_FONT = Check(
    "headings.font", "7.3.3", NORMALLY, "层次序数 headings", "黑/楷/仿/仿 by level"
)
# ---- 版头 (§7.2) -------------------------------------------------------------------
COPY_NUMBER = Check.of(
    "header.copy-number", "copy_number_digits", "份号 copy number", "6 digits, line 1"
)
SECRECY = Check("header.secrecy", "7.2.2", NORMALLY, "密级 secrecy", "黑体, flush left")
URGENCY = Check("header.urgency", "7.2.3", NORMALLY, "紧急程度 urgency", "黑体, flush left")
MARK_TOP = Check.of("header.mark-top", "mark_top", "发文机关标志 mark", "mark top 35 mm below 版心")
LETTER_MARK_TOP = Check.of(
    "header.letter-mark-top", "letter_mark_top", "发文机关标志 mark", "信函 mark top"
)
ORDER_MARK_TOP = Check.of(
    "header.order-mark-top", "order_mark_top", "发文机关标志 mark", "命令 mark top"
)
LETTER_RULES = Check.of(
    "header.letter-rules", "letter_rule_length", "信函红线 letter rules", "170 mm"
)
MARK_COLOUR = Check("header.mark-colour", "7.2.4", MANDATORY, "发文机关标志 mark", "mark red")
MARK_CENTRE = Check("header.mark-centre", "7.2.4", MANDATORY, "发文机关标志 mark", "mark centred")
# A single issuer's mark is one line (§7.2.4: its size is chosen so that it fits the 版心;
# joint marks have a line per issuer): a wrapped mark is a plain fault.
MARK_LINES = Check("header.mark-lines", "7.2.4", MANDATORY, "发文机关标志 mark", "one line")
MARK_FONT = Check("header.mark-font", "7.2.4", RECOMMENDED, "发文机关标志 mark", "mark in 小标宋")
DOC_NUMBER_FORMAT = Check(
    "header.doc-number", "7.2.5", MANDATORY, "发文字号 document number", "〔YYYY〕N号"
)
DOC_NUMBER_PLACE = Check(
    "header.doc-number-place", "7.2.5", MANDATORY, "发文字号 document number", "centred"
)
# 下空二行 below a mark of free size: the rows' reference edges are an interpretation.
DOC_NUMBER_GAP = Check(
    "header.doc-number-gap", "7.2.5", INTERPRETATION, "发文字号 document number", "2 行 below"
)
RULE_GAP = Check.of(
    "header.rule-gap", "header_rule_gap", "版头红线 header rule", "4 mm below 发文字号"
)
RULE_WIDTH = Check.of("header.rule-width", "header_rule_width", "版头红线 header rule", "156 mm")
RULE_RED = Check("header.rule-colour", "7.2.7", MANDATORY, "版头红线 header rule", "red")
# ---- 主体 (§7.3) -------------------------------------------------------------------
TITLE_SIZE = Check.of("title.size", "title_size", "标题 title", "2号 (22 pt)")
TITLE_FONT = Check("title.font", "7.3.1", NORMALLY, "标题 title", "小标宋")
TITLE_CENTRE = Check("title.centre", "7.3.1", NORMALLY, "标题 title", "centred")
TITLE_GAP = Check.of("title.gap", "title_gap", "标题 title", "2 行 below the red rule")
RECIPIENTS_GAP = Check.of(
    "recipients.gap", "recipients_gap", "主送机关 recipients", "1 行 below title"
)
RECIPIENTS_FORMAT = Check(
    "recipients.format", "7.3.2", MANDATORY, "主送机关 recipients", "flush left, ends ："
)
NOTE_GAP = Check.of(
    "attachment-note.gap", "attachment_gap", "附件说明 attachment note", "1 行 below"
)
NOTE_INDENT = Check.of(
    "attachment-note.indent", "attachment_indent", "附件说明 attachment note", "2 字"
)
NOTE_FORMAT = Check(
    "attachment-note.format", "7.3.4", MANDATORY, "附件说明 attachment note", "no end mark"
)
SIGNATURE_GAP = Check.of("signature.gap", "signature_gap", "发文机关署名 signature", "1 行 below")
SIGNATURE_PLACE = Check.of(
    "signature.place", "signature_right", "发文机关署名 signature", "右空二字"
)
DATE_SHIFT = Check.of("date.shift", "date_shift", "成文日期 date", "2 字 right of 署名")
SEALED_DATE = Check.of("date.sealed-place", "sealed_date_right", "成文日期 date", "右空四字")
DATE_FORMAT = Check("date.format", "7.3.5.4", MANDATORY, "成文日期 date", "2012年7月1日 form")
STAMP_PLACE = Check.of("stamp.place", "stamp_right", "签发人签名章 signature stamp", "右空四字")
STAMP_GAP = Check.of("stamp.gap", "stamp_gap", "签发人签名章 signature stamp", "2 行 below")
SEAL_PLACE = Check.of("seal.place", "seal_top_gap", "印章 seal", "within 1 行 of the text")
REMARK = Check.of("remark.place", "note_indent", "附注 note", "2 字, line after the date")
ATTACHMENT_LABEL = Check.of(
    "attachment.label", "attachment_label_row", "附件 attachment", "附件N 黑体 line 1"
)
ATTACHMENT_TITLE = Check.of(
    "attachment.title", "attachment_title_row", "附件 attachment", "title centred, line 3"
)
# ---- 版记 (§7.4) -------------------------------------------------------------------
COLOPHON_WEIGHT = Check.of(
    "colophon.rule-weight", "colophon_thick_rule", "版记 colophon", "0.35/0.25 mm"
)
COLOPHON_WIDTH = Check.of("colophon.rule-width", "colophon_rule_width", "版记 colophon", "156 mm")
COLOPHON_BOTTOM = Check.of(
    "colophon.bottom", "colophon_bottom", "版记 colophon", "on the 版心 bottom"
)
COLOPHON_FONT = Check.of("colophon.font", "colophon_size", "版记 colophon", "4号仿宋")
COLOPHON_INSET = Check.of("colophon.inset", "colophon_inset", "版记 colophon", "左右各空一字")
COLOPHON_TEXT = Check("colophon.text", "7.4.2", NORMALLY, "版记 colophon", "抄送…。/…印发")
COLOPHON_LAST = Check("colophon.last-page", "7.4.1", MANDATORY, "版记 colophon", "on the last page")
# Not in the text: derived from double-sided printing and "最后一面" (commentators).
COLOPHON_EVEN = Check(
    "colophon.even-page", "7.4.1", INTERPRETATION, "版记 colophon", "on an even page"
)
# ---- 页码 (§7.5) -------------------------------------------------------------------
PAGE_NUMBER_TEXT = Check("page-number.text", "7.5", NORMALLY, "页码 page number", "— N —")
PAGE_NUMBER_FONT = Check.of("page-number.font", "page_number_size", "页码 page number", "4号宋体")
PAGE_NUMBER_SIDE = Check.of(
    "page-number.side", "page_number_inset", "页码 page number", "odd right"
)
PAGE_NUMBER_GAP = Check.of("page-number.offset", "page_number_gap", "页码 page number", "7 mm")
PAGE_NUMBER_ORDER = Check("page-number.sequence", "7.5", NORMALLY, "页码 page number", "continuous")
PAGE_NUMBER_BLANK = Check(
    "page-number.blank-rule", "7.5", NORMALLY, "页码 page number", "none there"
)

ALL: tuple[Check, ...] = tuple(v for v in dict(globals()).values() if isinstance(v, Check))
