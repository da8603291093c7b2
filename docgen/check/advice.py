"""Plain words for the short report (issue 15): for every check, what is wrong and what
to do about it, in the words of an office clerk rather than the checker's; for every
element, its plain name.

The English texts are the catalog's keys (``N_``); the report translates them where it
prints them.  The measurements and the technical message stay in ``--verbose`` and
``--json``.
"""

from __future__ import annotations

from typing import NamedTuple

from docgen.i18n import N_, language, tr


class Advice(NamedTuple):
    problem: str  # what is wrong: no figure, the report adds the measured one
    advice: str  # what to do: in Word, or which spec field or font to change in docgen


# Problems read after the page and the element ("page 3 · body text · …"), so a check
# shared by several elements (body.font) names none of them.
ADVICE: dict[str, Advice] = {
    # ---- Page and text area (§5) ---------------------------------------------------------
    "page.size": Advice(
        N_("The page is not A4 (210 × 297 mm)"),
        N_("Set the paper size to A4 (Word: Layout → Size → A4) and make the PDF again."),
    ),
    "block.left": Advice(
        N_("Lines do not start at the left edge of the text area (28 mm from the paper's edge)"),
        N_(
            "Set the left margin to 28 mm and remove indents or spaces at line starts"
            " (Word: Page Setup → Margins → Left 28 mm)."
        ),
    ),
    "block.top": Advice(
        N_("The page's first line is not at the top of the text area (37 mm from the paper's top)"),
        N_(
            "Set the top margin to 37 mm and remove space before the first paragraph"
            " (Word: Page Setup → Margins → Top 37 mm)."
        ),
    ),
    "block.right": Advice(
        N_("Full lines do not reach the right edge of the text area (156 mm wide)"),
        N_(
            "Set the right margin to 26 mm and justify the body text (Word: Page Setup →"
            " Margins → Right 26 mm; Paragraph → Justified)."
        ),
    ),
    "block.bottom": Advice(
        N_("Text runs below the bottom of the text area"),
        N_(
            "Set the bottom margin to 35 mm and 22 lines a page (Word: Page Setup →"
            " Margins → Bottom 35 mm; Document Grid → 22 lines)."
        ),
    ),
    # ---- Grid (§5.2.3) -------------------------------------------------------------------
    "grid.lines-per-page": Advice(
        N_("The page does not hold 22 lines"),
        N_("Set 22 lines a page (Word: Page Setup → Document Grid → 22 lines a page)."),
    ),
    "grid.chars-per-line": Advice(
        N_("A full line does not hold 28 characters"),
        N_(
            "Set 28 characters a line (Word: Page Setup → Document Grid → 28 characters a"
            " line) and leave the character spacing normal."
        ),
    ),
    "grid.line-pitch": Advice(
        N_("The distance between lines varies"),
        N_(
            "Give all body paragraphs one fixed line spacing and no space before or after"
            " (Word: Paragraph → Line spacing → Exactly)."
        ),
    ),
    "body.indent": Advice(
        N_("A paragraph's first line is not indented by 2 characters"),
        N_(
            "Indent each paragraph's first line by 2 characters, not with spaces (Word:"
            " Paragraph → Special → First line, 2 characters)."
        ),
    ),
    # ---- Fonts and sizes -----------------------------------------------------------------
    "body.font": Advice(
        N_("Not set in 仿宋 (FangSong)"),
        N_(
            "Set this text in 仿宋_GB2312 or 仿宋; with docgen, run docgen fonts to see"
            " which font serves the fangsong role."
        ),
    ),
    "body.size": Advice(
        N_("Text that should be size 3 (16 pt) has another size"),
        N_("Set the body text, recipients, signature and date in size 3 (三号, 16 pt)."),
    ),
    "body.page-one": Advice(
        N_("Page 1 shows no body text"),
        N_(
            "Shorten the header or the title, or remove empty lines, so that the body"
            " starts on page 1."
        ),
    ),
    "glyphs.missing": Advice(
        N_("Some characters are missing from their font and print as boxes or blanks"),
        N_(
            "Use a font that has these characters and embed it in the PDF; with docgen,"
            " docgen fonts SPEC lists them."
        ),
    ),
    "colour.text": Advice(
        N_("Text that should be black is in another colour"),
        N_(
            "Make all text black except the red mark of the issuing authority (Word: Font"
            " colour → Black)."
        ),
    ),
    "colour.rules": Advice(
        N_("A line that should be black is in another colour"),
        N_("Make all lines black except the red rule of the header (Word: Shape Outline → Black)."),
    ),
    "page.turned-text": Advice(
        N_("Text set sideways (a landscape table) was not measured"),
        N_(
            "Check it by eye: a landscape table's head faces the binding edge on odd"
            " pages and the outer edge on even pages."
        ),
    ),
    "table.text": Advice(
        N_("Text in a table was not measured"),
        N_(
            "Check the table by eye: its text in 仿宋 and the table no wider than the"
            " text area (156 mm)."
        ),
    ),
    # ---- Line breaking (§9) --------------------------------------------------------------
    "line-break.start": Advice(
        N_("A line starts with a mark that may not begin a line, such as a comma or full stop"),
        N_(
            "Turn on the line-breaking rules for punctuation (Word: Paragraph → Asian"
            " Typography → first and last characters) or reword so the mark stays on the"
            " line before."
        ),
    ),
    "line-break.end": Advice(
        N_(
            "A line ends with a mark that may not end a line, such as an opening bracket or"
            " quote, or a dash or ellipsis is split"
        ),
        N_(
            "Turn on the line-breaking rules for punctuation (Word: Paragraph → Asian"
            " Typography → first and last characters) or reword so the mark moves to the"
            " next line."
        ),
    ),
    # ---- Headings (§7.3.3) ---------------------------------------------------------------
    "headings.sequence": Advice(
        N_("A heading number is skipped or repeated"),
        N_("Number each level's headings in order, without gaps or repeats (一、二、三、…)."),
    ),
    "headings.font": Advice(
        N_("A heading is not in its level's font"),
        N_(
            "Set first-level headings (一、) in 黑体, second-level (（一）) in 楷体 and"
            " the third and fourth levels in 仿宋."
        ),
    ),
    # ---- Header (§7.2) -------------------------------------------------------------------
    "header.copy-number": Advice(
        N_("The copy number is not 6 digits at the top left"),
        N_(
            "Print the copy number as 6 digits (000001) on the first line, flush left;"
            " with docgen, use copy_number or --copies."
        ),
    ),
    "header.secrecy": Advice(
        N_("The secrecy level is not in 黑体 at the left edge"),
        N_(
            "Set the secrecy level and period in size 3 黑体, flush left at the top left"
            " of the text area."
        ),
    ),
    "header.urgency": Advice(
        N_("The urgency is not in 黑体 at the left edge"),
        N_(
            "Set the urgency (特急, 加急) in size 3 黑体, flush left at the top left of"
            " the text area."
        ),
    ),
    "header.mark-top": Advice(
        N_("The issuing authority's mark is too high or too low"),
        N_(
            "Move the mark so that its top is 35 mm below the top of the text area (72 mm"
            " from the paper's top), by changing the empty lines or spacing above it."
        ),
    ),
    "header.letter-mark-top": Advice(
        N_("In the letter format, the mark is too high or too low"),
        N_("Move the mark so that its top is 30 mm from the top of the paper."),
    ),
    "header.order-mark-top": Advice(
        N_("In an order, the mark is too high or too low"),
        N_(
            "Move the mark so that its top is 20 mm below the top of the text area (57 mm"
            " from the paper's top)."
        ),
    ),
    "header.letter-rules": Advice(
        N_(
            "The red double lines of the letter format are not 170 mm long, centred, in"
            " their places"
        ),
        N_(
            "Draw a centred red double line 170 mm long 4 mm below the mark, and another"
            " 20 mm above the bottom of the paper."
        ),
    ),
    "header.mark-lines": Advice(
        N_("The mark of a single issuing authority takes more than one line"),
        N_(
            "Set a single authority's mark on one line, in a smaller size if it is long;"
            " with docgen, give a shorter mark text with mark:."
        ),
    ),
    "header.mark-colour": Advice(
        N_("The issuing authority's mark is not red"),
        N_("Set the mark in red (Word: Font colour → Red)."),
    ),
    "header.mark-centre": Advice(
        N_("The issuing authority's mark is not centred"),
        N_(
            "Centre the mark and remove spaces or indents beside it (Word: Paragraph →"
            " Centred, indents 0)."
        ),
    ),
    "header.mark-font": Advice(
        N_("The issuing authority's mark is not in 小标宋"),
        N_(
            "Set the mark in 方正小标宋简体; with docgen, name that font for the"
            " xiaobiaosong role under fonts:."
        ),
    ),
    "header.doc-number": Advice(
        N_("The document number is not written like 国发〔2012〕10号"),
        N_(
            "Write the year in full inside 〔〕 and the number without leading zeros, as"
            " in 国发〔2012〕10号; with docgen, fill number: with prefix, year and seq."
        ),
    ),
    "header.doc-number-place": Advice(
        N_("The document number is out of place"),
        N_(
            "Centre the document number under the mark; in a document to a higher"
            " authority, put it 1 character in from the left and the 签发人 1 character"
            " in from the right."
        ),
    ),
    "header.doc-number-gap": Advice(
        N_("The document number is not 2 empty lines below the mark"),
        N_("Leave exactly 2 empty lines between the mark and the document number."),
    ),
    "header.rule-gap": Advice(
        N_("The red rule is not 4 mm below the document number"),
        N_("Move the red rule to 4 mm below the document number."),
    ),
    "header.rule-width": Advice(
        N_("The red rule is not 156 mm long, across the text area"),
        N_("Draw the rule 156 mm long, from the left to the right edge of the text area."),
    ),
    "header.rule-colour": Advice(
        N_("The rule under the document number is not red"),
        N_("Set the rule's colour to red (Word: Shape Outline → Red)."),
    ),
    # ---- Main part (§7.3) ----------------------------------------------------------------
    "title.size": Advice(
        N_("The title is not size 2 (22 pt)"),
        N_("Set the title in size 2 (二号, 22 pt)."),
    ),
    "title.font": Advice(
        N_("The title is not in 小标宋"),
        N_(
            "Set the title in 方正小标宋简体; with docgen, name that font for the"
            " xiaobiaosong role under fonts:."
        ),
    ),
    "title.centre": Advice(
        N_("The title is not centred"),
        N_(
            "Centre each line of the title and remove spaces or indents before it (Word:"
            " Paragraph → Centred, indents 0)."
        ),
    ),
    "title.gap": Advice(
        N_("The title is not 2 empty lines below the red rule"),
        N_("Leave exactly 2 empty lines between the red rule and the title."),
    ),
    "recipients.gap": Advice(
        N_("The recipients are not 1 empty line below the title"),
        N_("Leave exactly 1 empty line between the title and the recipients."),
    ),
    "recipients.format": Advice(
        N_("The recipients are not flush left or do not end with a colon"),
        N_(
            "Start the recipients at the left edge without indent and end them with a"
            " full-width ：."
        ),
    ),
    "attachment-note.gap": Advice(
        N_("The attachment note is not 1 empty line below the text"),
        N_("Leave 1 empty line between the last line of the text and 附件：."),
    ),
    "attachment-note.indent": Advice(
        N_("The attachment note is not indented by 2 characters"),
        N_("Start 附件： 2 characters in from the left edge."),
    ),
    "attachment-note.format": Advice(
        N_("An attachment's name in the note ends with a punctuation mark"),
        N_("Remove the punctuation (。，；、) after each attachment's name."),
    ),
    "signature.gap": Advice(
        N_("The signature is not 1 empty line below the text"),
        N_("Leave 1 empty line between the text (or the attachment note) and the signature."),
    ),
    "signature.place": Advice(
        N_("The signature does not end 2 characters in from the right"),
        N_(
            "Align the signature right with 2 characters of space after it (Word:"
            " Paragraph → Right indent 2 characters), not with spaces."
        ),
    ),
    "date.shift": Advice(
        N_("The date does not start 2 characters to the right of the signature"),
        N_("Put the date on the line under the signature, starting 2 characters further right."),
    ),
    "date.sealed-place": Advice(
        N_("With a seal, the date does not end 4 characters in from the right"),
        N_(
            "Align the date right with 4 characters of space after it and centre the"
            " signature above the date."
        ),
    ),
    "date.format": Advice(
        N_("The date is not written like 2012年7月1日"),
        N_(
            "Write the date in Arabic numerals with the full year and no leading zeros:"
            " 2012年7月1日."
        ),
    ),
    "stamp.place": Advice(
        N_("The signature stamp is not 4 characters in from the right"),
        N_(
            "Place the stamp 4 characters in from the right, with the signer's title 2"
            " characters to its left."
        ),
    ),
    "stamp.gap": Advice(
        N_("The signature stamp or the date under it is not at its distance"),
        N_(
            "Leave 2 empty lines between the text and the stamp, and 1 between the stamp"
            " and the date."
        ),
    ),
    "seal.place": Advice(
        N_("The seal's top is more than one line below the text"),
        N_("Move the seal up so that its top is within one line of the last line of the text."),
    ),
    "remark.place": Advice(
        N_("The note is not on the line after the date, in brackets, 2 characters in"),
        N_("Put the note in （） on the line after the date, 2 characters in from the left."),
    ),
    "attachment.label": Advice(
        N_("The attachment's label (附件1) is not in 黑体 on its first line, flush left"),
        N_(
            "Start each attachment on a new page with 附件N in size 3 黑体, flush left on"
            " the first line."
        ),
    ),
    "attachment.title": Advice(
        N_("The attachment's title is not centred on the third line"),
        N_("Centre the attachment's title on the third line of its first page."),
    ),
    # ---- Colophon (§7.4) -----------------------------------------------------------------
    "colophon.rule-weight": Advice(
        N_("The colophon's lines are not thick, thin, thick (0.35 and 0.25 mm)"),
        N_("Draw the colophon's first and last lines 0.35 mm thick and the lines between 0.25 mm."),
    ),
    "colophon.rule-width": Advice(
        N_("The colophon's lines are not 156 mm long, across the text area"),
        N_(
            "Draw each colophon line 156 mm long, from the left to the right edge of the text area."
        ),
    ),
    "colophon.bottom": Advice(
        N_("The colophon's last line is not on the bottom of the text area"),
        N_(
            "Move the colophon to the foot of the page so that its last line lies on the"
            " bottom of the text area."
        ),
    ),
    "colophon.font": Advice(
        N_("The colophon's text is not size 4 仿宋 (14 pt)"),
        N_("Set the 抄送 and 印发 lines in size 4 (四号, 14 pt) 仿宋."),
    ),
    "colophon.inset": Advice(
        N_("The colophon's text is not 1 character in from each side"),
        N_(
            "Indent the 抄送 and 印发 lines 1 character from the left and end the print"
            " date 1 character from the right."
        ),
    ),
    "colophon.text": Advice(
        N_("The 抄送 or 印发 line is not in the standard form"),
        N_(
            "Write 抄送： followed by the names, ending with 。, and on the last line the"
            " printing office left and the date with 印发 right."
        ),
    ),
    "colophon.last-page": Advice(
        N_("The colophon is not on the last page"),
        N_("Move the colophon to the foot of the document's last page."),
    ),
    "colophon.even-page": Advice(
        N_("The colophon is on an odd page, not an even one"),
        N_(
            "Add a blank page before the colophon so that it lands on an even page; with"
            " docgen, set double_sided: true."
        ),
    ),
    # ---- Page numbers (§7.5) -------------------------------------------------------------
    "page-number.text": Advice(
        N_("The page number is not written as — 1 — with a dash each side"),
        N_("Put a one-em dash (—) on each side of the page number: — 1 —."),
    ),
    "page-number.font": Advice(
        N_("The page number is not size 4 宋体 (14 pt)"),
        N_("Set the page number in size 4 (四号, 14 pt) 宋体 with half-width digits."),
    ),
    "page-number.side": Advice(
        N_("The page number is on the wrong side or not 1 character in"),
        N_(
            "Use different odd and even footers: odd pages right, even pages left, 1"
            " character in (Word: Header & Footer → Different Odd & Even Pages)."
        ),
    ),
    "page-number.offset": Advice(
        N_("The page number is not 7 mm below the text area"),
        N_(
            "Move the footer so that the page number's dashes lie 7 mm below the bottom"
            " of the text area."
        ),
    ),
    "page-number.sequence": Advice(
        N_("A page number is missing or out of sequence"),
        N_(
            "Number every page with text continuously from 1 (Word: Page Number → Format"
            " → Continue from previous section)."
        ),
    ),
    "page-number.blank-rule": Advice(
        N_("The blank page before the colophon, or the colophon's page, has a page number"),
        N_("Remove the page numbers from the blank page and the colophon's page."),
    ),
    # ---- Typesetting ---------------------------------------------------------------------
    "body.loose-line": Advice(
        N_("The characters of a body line are spread apart"),
        N_(
            "Do not spread a line out to fill it: use justified, not distributed,"
            " alignment and normal character spacing (Word: Paragraph → Justified; Font →"
            " Spacing → Normal); where a long number or word starts the next line, reword"
            " the sentence a little so that the line ends elsewhere."
        ),
    ),
    "fonts.fallback-style": Advice(
        N_("Some characters come from a font of another style, e.g. 宋体 characters in 仿宋 text"),
        N_(
            "Use a font with all these characters in the element's style; with docgen,"
            " docgen fonts SPEC lists them and the font that drew them."
        ),
    ),
    "page.fragment": Advice(
        N_("A page holds only the last line or two of a paragraph"),
        N_(
            "Shorten or lengthen the text a little, or turn on widow control (Word:"
            " Paragraph → Line and Page Breaks → Widow/Orphan control)."
        ),
    ),
}

# The finding's element (the catalog's bilingual name, or a rule's own) → a plain name.
ELEMENTS: dict[str, str] = {
    "页面 page": N_("page"),
    "版心 type area": N_("text area"),
    "正文 body": N_("body text"),
    "文字 text": N_("the text"),
    "线 rules": N_("drawn lines"),
    "横排表格 landscape table": N_("landscape table"),
    "表格 table": N_("table"),
    "行首 line start": N_("line start"),
    "行尾 line end": N_("line end"),
    "层次序数 headings": N_("headings"),
    "版头 header": N_("header"),
    "份号 copy number": N_("copy number"),
    "密级 secrecy": N_("secrecy level"),
    "紧急程度 urgency": N_("urgency"),
    "发文机关标志 mark": N_("issuing authority's mark"),
    "信函红线 letter rules": N_("red double lines"),
    "发文字号 document number": N_("document number"),
    "签发人 signer": N_("signer"),
    "版头红线 header rule": N_("red rule"),
    "标题 title": N_("title"),
    "主送机关 recipients": N_("recipients"),
    "附件说明 attachment note": N_("attachment note"),
    "发文机关署名 signature": N_("signature"),
    "成文日期 date": N_("date"),
    "签发人签名章 signature stamp": N_("signature stamp"),
    "印章 seal": N_("seal"),
    "附注 note": N_("note"),
    "附件 attachment": N_("attachment"),
    "版记 colophon": N_("colophon"),
    "页码 page number": N_("page number"),
    "页码 page number (odd pages)": N_("page number (odd pages)"),
    "页码 page number (even pages)": N_("page number (even pages)"),
}


def advice_for(rule: str) -> Advice | None:
    """The check's problem and advice in the reader's language; None for an unknown id."""
    found = ADVICE.get(rule)
    return Advice(tr(found.problem), tr(found.advice)) if found else None


def element_name(element: str) -> str:
    """A finding's element in plain words: "发文机关标志 mark" → 发文机关标志 (zh) or
    issuing authority's mark (en)."""
    if element in ELEMENTS:
        return tr(ELEMENTS[element])
    # A name no table holds: "中文 english" gives either half; a Chinese-only name such as
    # "一级标题 一、" stays whole.
    chinese, _, english = element.partition(" ")
    if chinese.isascii() or not any(c.isascii() and c.isalpha() for c in english):
        return element
    return chinese if language() == "zh" else english
