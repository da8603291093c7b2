"""Tell the 公文 elements apart on measured pages: by size, font, colour, position, pattern.

Order: page numbers (below the 版心) → 版记 (black rules near the foot of a late page,
抄送/印发 lines) → 版头 on page 1 (red rule, 发文字号, what is above them) → title (the
large lines after it) → attachment pages (附件N on line 1) → from the end of the main
text: 成文日期, 署名, 附注, 附件说明 → from its start: 主送机关 → body paragraphs and
their headings.
"""

from __future__ import annotations

import itertools
import re
import statistics

from docgen.check import patterns as pat
from docgen.check.colour import is_red
from docgen.check.content import HRule, Line, PdfContent, Shape, block
from docgen.check.model import (
    Attachment,
    Closing,
    Colophon,
    Header,
    Heading,
    Identified,
    Paragraph,
    Table,
)
from docgen.standard import BODY_SIZE_PT, MM_PER_PT, fig

LEFT, TOP, RIGHT, BOTTOM = block()
CENTRE_X = (LEFT + RIGHT) / 2
BLOCK_W = RIGHT - LEFT
BODY_EM = BODY_SIZE_PT * MM_PER_PT
WIDE_RULE = 100.0  # mm: rules at least this long are 版头/版记 rules, not decorations
_TITLE_MIN_PT = BODY_SIZE_PT + 3  # a title is set clearly larger than the 3号 body
Pool = dict[int, list[Line]]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def identify(pdf: PdfContent) -> Identified:
    doc = Identified(pdf)
    pool: Pool = {page.index: list(page.lines) for page in pdf.pages}
    _page_numbers(doc, pool)
    _tables(doc, pool)
    doc.blank_pages = [
        p.index
        for p in pdf.pages
        if not pool[p.index] and not (p.rules or p.verticals or p.shapes or p.turned_chars)
    ]
    _colophon(doc, pool)
    _header(doc, pool)
    _title(doc, pool)
    _attachments(doc, pool)
    main, sections = _streams(doc, pool)
    doc.pitch = estimate_pitch(main + [ln for s in sections for ln in s])
    main = _closing(doc, main)
    main = _recipients(doc, main)
    doc.paragraphs = paragraphs(main, doc.pitch, 0)
    for k, lines in enumerate(sections, start=1):
        doc.paragraphs += paragraphs(lines, doc.pitch, k)
    doc.headings = [h for p in doc.paragraphs if (h := _heading(p))]
    return doc


# ---- Page numbers and 版记 ---------------------------------------------------------


def _take(pool: Pool, page: int, lines: list[Line]) -> None:
    pool[page] = [ln for ln in pool[page] if ln not in lines]


def _page_numbers(doc: Identified, pool: Pool) -> None:
    for page in doc.pages:
        for line in pool[page.index]:
            # below the 版心 — or, on a page of another size, the lowest line of its bottom fifth
            lowest = all(other.baseline <= line.baseline for other in pool[page.index])
            low = line.em_top > BOTTOM + 0.5 or (lowest and line.em_top > page.height * 0.8)
            if low and pat.PAGE_NUMBER_LOOSE.match(squeeze(line.text)):
                doc.page_numbers[page.index] = line
                _take(pool, page.index, [line])
                break


def _tables(doc: Identified, pool: Pool) -> None:
    """Ruled tables: vertical rules whose spans overlap, with the rules and text inside."""
    for page in doc.pages:
        groups: list[list] = []
        for v in sorted(page.verticals, key=lambda v: v.y0):
            if groups and v.y0 <= max(g.y1 for g in groups[-1]) + 0.5:
                groups[-1].append(v)
            else:
                groups.append([v])
        for group in groups:
            if len(group) < 2:
                continue
            x0, x1 = min(v.x for v in group), max(v.x for v in group)
            y0, y1 = min(v.y0 for v in group), max(v.y1 for v in group)
            rules = [
                r for r in page.rules if y0 - 0.5 <= r.y <= y1 + 0.5 and r.x0 < x1 and r.x1 > x0
            ]
            lines = [ln for ln in pool[page.index] if y0 < ln.em_centre < y1 and x0 - 1 < ln.x0]
            doc.tables.append(Table(page.index, x0, y0, x1, y1, rules, lines))
            _take(pool, page.index, lines)


def _colophon(doc: Identified, pool: Pool) -> None:
    in_tables = doc.table_rules()
    for page in reversed(doc.pages):
        rules = sorted(
            (
                r
                for r in page.rules
                if r.width >= WIDE_RULE and not is_red(r.rgb) and r not in in_tables
            ),
            key=lambda r: r.y,
        )
        rules = [r for r in rules if r.y > TOP + fig("block_height") / 3]
        marked = [
            ln
            for ln in pool[page.index]
            if pat.CC_LINE.match(squeeze(ln.text)) or pat.ISSUED_LINE.search(squeeze(ln.text))
        ]
        if len(rules) < 2 and not marked:
            continue
        top = rules[0].y if len(rules) >= 2 else min(ln.em_top for ln in marked) - 1
        bottom = rules[-1].y if len(rules) >= 2 else max(ln.em_bottom for ln in marked) + 1
        lines = [ln for ln in pool[page.index] if top < ln.em_centre < bottom]
        doc.colophon = Colophon(page.index, rules, lines)
        _take(pool, page.index, lines)
        return


# ---- 版头 --------------------------------------------------------------------------


def _header(doc: Identified, pool: Pool) -> None:
    page = doc.pages[0]
    excluded = [
        *(doc.colophon.rules if doc.colophon and doc.colophon.page == 0 else []),
        *doc.table_rules(),
    ]
    wide = [r for r in page.rules if r.width >= WIDE_RULE and r not in excluded]
    letter = sorted(
        (r for r in wide if is_red(r.rgb) and r.width > fig("block_width") + 5), key=lambda r: r.y
    )
    rules = sorted(
        (r for r in wide if r not in letter and r.y < TOP + 0.6 * fig("block_height")),
        key=lambda r: r.y,
    )
    lines = sorted(pool[0], key=lambda ln: ln.baseline)
    red = [
        ln
        for ln in lines
        if ln.size > _TITLE_MIN_PT
        and all(is_red(c.rgb) for c in ln.chars)
        and ln.em_top < TOP + fig("block_height") / 2
    ]
    number = _number_line(lines, red)
    rule = _header_rule(rules, number)
    if rule is None and number is None and not letter and not red:
        return
    header = Header(rule=rule, letter_rules=letter)
    header.kind = _kind(red, letter)
    limit = _header_limit(header, number, red, letter)
    above = [ln for ln in lines if ln.em_bottom <= limit + 0.5 and ln is not number]
    signed = any("签发人" in ln.text for ln in [*above, *([number] if number else [])])
    if number is not None:
        _split_number_line(header, number, signed)
    for line in above:
        _classify_header_line(header, line, signed)
    doc.header = header
    _take(pool, 0, above + ([number] if number else []))


def _kind(red: list[Line], letter: list[HRule]) -> str:
    text = squeeze("".join(ln.text for ln in red))
    if letter:
        return "letter"  # 信函格式 (§10.1)
    if text.endswith("令"):
        return "order"  # 命令（令）格式 (§10.2)
    if text.endswith("纪要"):
        return "minutes"  # 纪要格式 (§10.3)
    return "standard"


def _number_line(lines: list[Line], red: list[Line]) -> Line | None:
    """The line with the 发文字号 (or, under a 命令 mark, the 令号 第N号)."""
    for line in lines:
        if line.em_top > TOP + 112:
            break
        if _doc_number_segment(line):
            return line
        mark = squeeze("".join(r.text for r in red)) if red else ""
        if mark.endswith("令") and pat.ORDER_NUMBER.match(squeeze(line.text)):
            return line
        if mark.endswith("纪要") and pat.MINUTES_NUMBER.match(squeeze(line.text)):
            return line
    return None


def _header_limit(header: Header, number: Line | None, red: list[Line], letter: list[HRule]):
    if header.rule is not None:
        return header.rule.y
    if number is not None:
        return number.em_bottom + 0.5
    if letter:
        return letter[0].y
    return max(ln.em_bottom for ln in red)


def _header_rule(rules: list[HRule], number: Line | None) -> HRule | None:
    """The 版头 rule: the first wide rule below the 发文字号 (any colour), or the first
    red one when no 发文字号 was found."""
    if number is not None:
        below = [r for r in rules if number.em_bottom - 1 < r.y < number.em_bottom + 20]
        return below[0] if below else None
    red = [r for r in rules if is_red(r.rgb)]
    return red[0] if red else None


def _is_number(segment: Line) -> bool:
    text = squeeze(segment.text)
    return "签发人" not in text and bool(
        pat.DOC_NUMBER_LOOSE.search(text)
        or pat.ORDER_NUMBER.match(text)
        or pat.MINUTES_NUMBER.match(text)
    )


def _doc_number_segment(line: Line) -> Line | None:
    return next((seg for seg in line.segments() if _is_number(seg)), None)


def _split_number_line(header: Header, line: Line, signed: bool) -> None:
    """The 发文字号 and what shares its line: 签发人 (上行文), 份号 (信函)."""
    for seg in line.segments():
        if "签发人" in seg.text:
            header.signer = seg
        elif header.doc_number is None and _is_number(seg):
            header.doc_number = seg
        else:
            _classify_header_line(header, seg, signed)


def _signer_names(line: Line) -> bool:
    """A line of further 签发人 names (a third and fourth signer, §7.2.6): body-sized,
    not red, in the right half of the 版心."""
    red = all(is_red(c.rgb) for c in line.chars)
    return not red and line.size <= _TITLE_MIN_PT and line.x0 > LEFT + fig("block_width") / 2


def _classify_header_line(header: Header, line: Line, signed: bool = False) -> None:
    text = squeeze(line.text)
    flush_left = line.x0 < LEFT + 2 * line.em
    if flush_left and pat.COPY_NUMBER.match(text) and header.copy_number is None:
        header.copy_number = line
    elif flush_left and pat.SECRECY.search(text) and header.secrecy is None:
        header.secrecy = line
    elif flush_left and pat.URGENCY.search(text) and header.urgency is None:
        header.urgency = line
    elif "签发人" in text:
        header.signer = line
    elif signed and _signer_names(line):
        header.signer_names.append(line)
    else:
        header.mark.append(line)


# ---- Title, attachments ------------------------------------------------------------


def _title(doc: Identified, pool: Pool) -> None:
    start = doc.header.rule.y if doc.header and doc.header.rule else TOP - 5
    lines = sorted((ln for ln in pool[0] if ln.em_top > start), key=lambda ln: ln.baseline)
    if not lines or lines[0].size < _TITLE_MIN_PT:
        return
    title = [lines[0]]
    for line in lines[1:]:
        prev = title[-1]
        if abs(line.size - prev.size) > 0.5 or line.baseline - prev.baseline > 2.5 * prev.em:
            break
        title.append(line)
    doc.title = title
    _take(pool, 0, title)
    # A 决议's （……会议通过）: centred lines in （） right under the title (practice).
    rest = [ln for ln in lines if ln.baseline > title[-1].baseline]
    note: list[Line] = []
    for line in rest:
        if not note and not line.text.lstrip().startswith("（"):
            break
        note.append(line)
        if squeeze("".join(ln.text for ln in note)).endswith("）"):
            doc.title_note = note
            _take(pool, 0, note)
            break
        if len(note) > 2:
            break


def _attachments(doc: Identified, pool: Pool) -> None:
    for page in doc.pages[1:]:
        lines = sorted(pool[page.index], key=lambda ln: ln.baseline)
        if not lines or lines[0].em_top > TOP + 2 * BODY_EM:
            continue
        first = lines[0]
        if pat.ATTACHMENT_LABEL.match(squeeze(first.text)) and first.x0 < LEFT + first.em:
            title = []
            for line in lines[1:4]:
                large = line.size > BODY_SIZE_PT + 2
                if abs(line.centre_x - CENTRE_X) < 5 and (large or line.x0 > LEFT + 2 * line.em):
                    title.append(line)
                elif title:
                    break
            doc.attachments.append(Attachment(page.index, first, title))
            _take(pool, page.index, [first, *title])


def _streams(doc: Identified, pool: Pool) -> tuple[list[Line], list[list[Line]]]:
    """The main text's lines, and each attachment's, in reading order."""
    starts = [a.page for a in doc.attachments]
    main: list[Line] = []
    sections: list[list[Line]] = [[] for _ in starts]
    for page in doc.pages:
        lines = sorted(pool[page.index], key=lambda ln: ln.baseline)
        section = sum(1 for s in starts if s <= page.index)
        (main if section == 0 else sections[section - 1]).extend(lines)
    return main, sections


def estimate_pitch(lines: list[Line]) -> float | None:
    """The distance between baselines of consecutive lines (mm): the smallest step that
    occurs at least twice (larger steps skip empty rows); None when there is none.

    Steps between lines set in the same faces count first: a word processor places a
    line's baseline in its grid row by the line's fonts (LibreOffice sets a line with
    Latin text ≈ 0.7 pt higher, measured), which moves that line, not the grid."""
    pairs = [
        (a, b)
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and abs(a.size - b.size) < 0.5 and b.baseline - a.baseline > 0.8 * a.em
    ]
    alike = sorted(b.baseline - a.baseline for a, b in pairs if faces(a) == faces(b))
    every = sorted(b.baseline - a.baseline for a, b in pairs)
    cluster = _smallest_repeated(alike) or _smallest_repeated(every)
    if cluster is None:
        return None
    chosen = [d for d in alike if cluster[0] <= d <= cluster[-1]] or cluster
    return statistics.median(chosen)


def _smallest_repeated(diffs: list[float]) -> list[float] | None:
    """The smallest steps within 4 % of each other that occur at least twice."""
    for d in diffs:
        near = [x for x in diffs if d <= x <= d * 1.04]
        if len(near) >= 2:
            return near
    return None


def faces(line: Line) -> frozenset[str]:
    """The fonts a line is drawn with."""
    return frozenset(c.font for c in line.chars)


# ---- Closing elements and recipients ----------------------------------------------


def _closing(doc: Identified, main: list[Line]) -> list[Line]:
    """Find 成文日期, 署名, 附注, 印章 and 附件说明 from the end; returns the rest."""
    closing = doc.closing
    tail = range(len(main) - 1, max(len(main) - 10, -1), -1)
    date_at = next(
        (
            i
            for i in tail
            if pat.DATE_LOOSE.match(squeeze(main[i].text)) and main[i].x0 > LEFT + 0.3 * BLOCK_W
        ),
        None,
    )
    if date_at is None:
        return main
    closing.date = main[date_at]
    closing.remark = [ln for ln in main[date_at + 1 :] if ln.page == closing.date.page]
    start = date_at
    while start > 0 and len(closing.signature) < 4:
        prev = main[start - 1]
        if not _signature_line(prev, closing.date):
            break
        if start >= 2 and _continues(prev, main[start - 2]):
            break  # the last line of a list set with a hanging indent (列席：…), not a 署名
        closing.signature.insert(0, prev)
        start -= 1
    closing.seals, closing.stamp = _seals(doc, closing)
    rest = main[:start]
    rest = _attachment_note(closing, rest)
    closing.last_text = rest[-1] if rest else None
    return rest


def _signature_line(line: Line, date: Line) -> bool:
    """A line of the 署名 above the date.  A paragraph's own lines start at the edge or
    2 字 in; a 署名 starts further in — or, in a joint signature (联合行文), stands as two
    names side by side, each centred under its seal, in rows a seal's height apart."""
    if line.page != date.page:
        return False
    above = date.baseline - line.baseline
    pieces = line.segments()
    if len(pieces) >= 2 and all(p.x1 - p.x0 < BLOCK_W / 2 for p in pieces):
        return above < 90  # two rows of seals (≈ 42 mm each) above the date's row
    return above < 40 and line.x0 > LEFT + 2.5 * line.em and line.x1 < RIGHT - line.em / 2


def _seals(doc: Identified, closing: Closing) -> tuple[list[Shape], Shape | None]:
    """Red shapes at the signature: seals (印章) press the 署名 and the date; a stamp
    (签名章) sits beside the 职务 above the date, over no text."""
    date = closing.date
    assert date is not None
    top = (closing.signature[0] if closing.signature else date).em_top - 40
    red = [
        shape
        for shape in doc.pages[date.page].shapes
        if shape.y1 > top
        and shape.y0 < date.em_bottom + 15
        and shape.x1 > CENTRE_X
        and shape.red_share > 0.5
    ]
    texts = [c for line in [*closing.signature, date] for c in line.chars]
    seals, stamp = [], None
    for shape in red:
        pressed = any(
            shape.x0 <= c.centre_x <= shape.x1 and shape.y0 <= c.baseline <= shape.y1 for c in texts
        )
        if pressed:
            seals.append(shape)
        elif shape.y1 <= date.em_top + 1 and stamp is None:
            stamp = shape
    return seals, stamp


def _attachment_note(closing: Closing, rest: list[Line]) -> list[Line]:
    for i in range(len(rest) - 1, max(len(rest) - 12, -1), -1):
        if pat.ATTACHMENT_NOTE.match(squeeze(rest[i].text)):
            closing.attachment_note = rest[i:]
            return rest[:i]
    return rest


def _recipients(doc: Identified, main: list[Line]) -> list[Line]:
    for i, line in enumerate(main[:4]):
        if line.x0 > LEFT + line.em:
            break
        if squeeze(line.text).endswith(("：", ":")):
            doc.recipients = main[: i + 1]
            return main[i + 1 :]
    # without its colon: one short flush-left line before the first indented paragraph
    if len(main) >= 2 and doc.title:
        first, second = main[0], main[1]
        flush, short = first.x0 <= LEFT + first.em / 2, first.x1 < RIGHT - 2 * first.em
        if flush and short and second.x0 > LEFT + first.em and first.page == second.page:
            doc.recipients = [first]
            return main[1:]
    return main


# ---- Paragraphs and headings -------------------------------------------------------


def paragraphs(lines: list[Line], pitch: float | None, section: int) -> list[Paragraph]:
    out: list[Paragraph] = []
    prev: Line | None = None
    for line in lines:
        indented = line.x0 > LEFT + 0.8 * line.em
        gap = (
            prev is not None
            and prev.page == line.page
            and pitch is not None
            and (line.baseline - prev.baseline > 1.6 * pitch)
        )
        short = prev is not None and prev.x1 < RIGHT - 1.5 * prev.em
        hanging = (
            prev is not None
            and not gap
            and not short
            and (
                _hangs_under(line, prev)
                or (out[-1].hanging and abs(line.x0 - prev.x0) < 1.0)  # its third line …
            )
        )
        if not out or (indented and not hanging) or gap or short:
            out.append(Paragraph([line], indented, section))
        else:
            out[-1].lines.append(line)
            out[-1].hanging |= hanging
        prev = line
    return out


def _continues(line: Line, prev: Line) -> bool:
    """Whether ``line`` goes on from a full line right above it, under its text."""
    full = prev.x1 >= RIGHT - prev.em
    close = line.page == prev.page and line.baseline - prev.baseline < 2.2 * line.em
    return full and close and (abs(line.x0 - prev.x0) < 1.0 or _hangs_under(line, prev))


def _hangs_under(line: Line, prev: Line) -> bool:
    """Whether ``line`` continues ``prev`` with a hanging indent: it starts under the text
    after a label (出席：赵… / 钱喆), as a 纪要's lists of names are set."""
    after_label = [b for a, b in zip(prev.chars, prev.chars[1:], strict=False) if a.c in "：:"]
    return any(abs(line.x0 - c.x0) < 1.0 for c in after_label[:1])


def _heading(paragraph: Paragraph) -> Heading | None:
    found = pat.heading_number(squeeze(paragraph.text))
    if found is None:
        return None
    level, number, label = found
    chars = paragraph.chars
    cjk = [c for c in chars[len(label) :] if not c.c.isascii()] or [
        c for c in chars if not c.c.isascii()
    ]
    if not cjk:
        return None
    run_class = cjk[0].cls
    end = len(chars)
    for i, ch in enumerate(chars):
        if i >= len(label) and not ch.c.isascii() and ch.cls != run_class:
            end = i
            break
    inline = end < len(chars) or "。" in squeeze(paragraph.text)[:-1]
    return Heading(level, number, label, paragraph, tuple(chars[:end]), inline)
