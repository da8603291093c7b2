"""主体 (§7.3): title, 主送机关, body paragraphs and tables, and the 附件 pages (§7.3.7)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator

from docx.oxml.xmlchemy import BaseOxmlElement

from docgen.document.model import HEADING_STYLES, Attachment, Block, Paragraph, Style, Table
from docgen.fonts.roles import Role
from docgen.layout.plan import TablePlan
from docgen.standard.elements import Element
from docgen.standard.typefaces import typeface
from docgen.writers.docx import xml as x
from docgen.writers.docx.sections import Item, SectionEnd, SectionSpec
from docgen.writers.docx.table import body_table
from docgen.writers.docx.text import (
    HEADING_LABELS,
    STYLE_IDS,
    blanks,
    fonts,
    plain,
    style_para,
    text_runs,
)

PORTRAIT = SectionSpec()
TURNED = SectionSpec(landscape=True, footer="turned")


def _char_style(style: Style) -> str | None:
    if style in HEADING_STYLES:
        return STYLE_IDS[HEADING_LABELS[HEADING_STYLES.index(style)] + "字符"]
    if style == Style.EMPHASIS:
        return STYLE_IDS["着重"]
    return None


def body_paragraph(par: Paragraph, page_break: bool = False) -> BaseOxmlElement:
    level = par.heading_level
    if level:  # a heading on its own line: the paragraph style carries the font
        run = par.runs[0]
        style = STYLE_IDS[HEADING_LABELS[level - 1]]
        props = x.ParaProps(style=style, page_break_before=page_break or None)
        return x.paragraph(props, text_runs(run.text, Role.of(run.style.typeface)))
    runs = []
    for run in par.runs:
        runs += text_runs(run.text, Role.of(run.style.typeface), _char_style(run.style))
    return x.paragraph(x.ParaProps(), runs)


def title(lines: Iterable[str], label: str = "标题") -> BaseOxmlElement:
    """§7.3.1: 2号小标宋, centred; the given lines separated by line breaks."""
    props = x.RunProps(fonts=fonts(Role.XIAOBIAOSONG), hint_east_asia=True)
    runs: list[BaseOxmlElement] = []
    for i, line in enumerate(lines):
        if i:
            runs.append(x.break_run(props))
        runs += text_runs(line, Role.XIAOBIAOSONG)
    return x.paragraph(style_para(label), runs)


def adopted(text: str | None) -> list[BaseOxmlElement]:
    """A 决议's （……会议通过） under the title: centred, 3号楷体 (practice)."""
    if not text:
        return []
    return [plain(text, style_para("通过"), Role.KAITI)]


def recipients(text: str) -> list[BaseOxmlElement]:
    """§7.3.2: 主送机关 as composed (names, 、, the colon)."""
    return [plain(text, style_para("主送机关"))] if text else []


def blocks(
    body: Iterable[Block],
    shapes: Iterator[TablePlan],
    current: SectionSpec,
    moved: Collection[str] = (),
) -> tuple[list[Item], SectionSpec]:
    """Body paragraphs and tables; a table the layout turned (横排表格, §8) gets a
    landscape section of its own; a heading in ``moved`` starts a page, as the layout
    moved it to keep two lines of its text with it.  Returns the items and the section
    they end in."""
    out: list[Item] = []
    for block in body:
        if not isinstance(block, Table):
            out.append(body_paragraph(block, page_break=block.text in moved))
            continue
        shape = next(shapes, None)
        if shape is not None and shape.landscape:
            out += [SectionEnd(current), body_table(block, shape, True), SectionEnd(TURNED)]
            current = PORTRAIT
        else:
            out.append(body_table(block, shape, landscape=False))
    return out, current


def attachment_pages(
    attachments: Iterable[Attachment],
    shapes: Iterator[TablePlan],
    titles: Iterator[tuple[str, ...]],
    current: SectionSpec,
    moved: Collection[tuple[str, str]] = (),
) -> tuple[list[Item], SectionSpec]:
    """附件: a new page, 附件N in 黑体 on row 1, the title centred on row 3 (§7.3.7).

    An attachment that opens with a table too wide for the portrait page goes in a
    landscape section (§8) with its label and title; what follows returns to portrait.
    ``titles`` are the layout's lines of each attachment title.  Returns the items and
    the spec of the section they end in.
    """
    out: list[Item] = []
    for item in attachments:
        if not item.body:
            continue
        first = item.body[0]
        shape = next(shapes, None) if isinstance(first, Table) else None
        lines = next(titles, (item.title,))
        headings = {text for scope, text in moved if scope == item.label}
        if isinstance(first, Table) and shape is not None and shape.landscape:
            out += [SectionEnd(current), *_lead(item, lines, page_break=False)]
            out += [body_table(first, shape, landscape=True), SectionEnd(TURNED)]
            rest, current = blocks(item.body[1:], shapes, PORTRAIT, headings)
        else:
            out += _lead(item, lines, page_break=True)
            remaining = item.body
            if isinstance(first, Table):  # its shape is taken: write it here
                out.append(body_table(first, shape, landscape=False))
                remaining = item.body[1:]
            rest, current = blocks(remaining, shapes, current, headings)
        out += rest
    return out, current


def _lead(item: Attachment, lines: tuple[str, ...], page_break: bool) -> list[BaseOxmlElement]:
    """附件N on row 1, the attachment's title on row 3, the body from row 5."""
    label = style_para("附件标识", page_break_before=None if page_break else False)
    return [
        plain(item.label, label, Role.of(typeface(Element.ATTACHMENT_LABEL))),
        *blanks(1),
        title(lines, "附件标题"),
        *blanks(1),
    ]
