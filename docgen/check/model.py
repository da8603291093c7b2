"""What identification finds: the 公文 elements of a PDF, as lines and rules in mm."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from docgen.check.content import Char, HRule, Line, PdfContent, Shape
from docgen.standard import BODY_SIZE_PT


@dataclass
class Paragraph:
    lines: list[Line]
    indented: bool  # the first line starts right of the block's left edge
    section: int = 0  # 0: the main text; k: attachment k
    hanging: bool = False  # its later lines start under the text after a label (出席：)

    @property
    def text(self) -> str:
        return "".join(line.text for line in self.lines)

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def chars(self) -> list[Char]:
        return [c for line in self.lines for c in line.chars]


@dataclass
class Heading:
    level: int
    number: int
    label: str  # "三、", "（二）" …
    paragraph: Paragraph
    chars: tuple[Char, ...]  # the heading's own characters (its font run)
    inline: bool  # body text follows on the same paragraph


@dataclass
class Header:
    """版头 elements on page 1."""

    kind: str = "standard"  # or "letter" (信函), "order" (命令), "minutes" (纪要)
    copy_number: Line | None = None
    secrecy: Line | None = None
    urgency: Line | None = None
    mark: list[Line] = field(default_factory=list)
    doc_number: Line | None = None
    signer: Line | None = None  # 签发人 (上行文): the line with the label
    signer_names: list[Line] = field(default_factory=list)  # names on further lines
    rule: HRule | None = None
    letter_rules: list[HRule] = field(default_factory=list)


@dataclass
class Closing:
    """附件说明, 署名, 成文日期, 印章, 附注 after the main text."""

    attachment_note: list[Line] = field(default_factory=list)
    signature: list[Line] = field(default_factory=list)
    date: Line | None = None
    seals: list[Shape] = field(default_factory=list)  # 印章 pressing 署名 and date
    stamp: Shape | None = None  # 签发人签名章 (§7.3.5.3), beside the 职务, above the date
    remark: list[Line] = field(default_factory=list)
    last_text: Line | None = None  # the last line of 正文 before these


@dataclass
class Colophon:
    page: int
    rules: list[HRule]
    lines: list[Line]


@dataclass
class Attachment:
    page: int
    label: Line
    title: list[Line]


@dataclass
class Table:
    """A ruled table: its box, its rules and the text in its cells."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    rules: list[HRule]
    lines: list[Line]


@dataclass
class Identified:
    pdf: PdfContent
    pitch: float | None = None  # mm between baselines of consecutive body lines
    page_numbers: dict[int, Line] = field(default_factory=dict)
    header: Header | None = None
    title: list[Line] = field(default_factory=list)
    title_note: list[Line] = field(default_factory=list)  # 决议: （……会议通过）
    recipients: list[Line] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    closing: Closing = field(default_factory=Closing)
    colophon: Colophon | None = None
    attachments: list[Attachment] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    blank_pages: list[int] = field(default_factory=list)

    @property
    def pages(self):
        return self.pdf.pages

    def body_lines(self) -> list[Line]:
        return [line for p in self.paragraphs for line in p.lines]

    @property
    def body_size(self) -> float:
        """The size (pt) most body lines have; the 3号 size when there are none."""
        sizes = [line.size for line in self.body_lines()]
        return Counter(sizes).most_common(1)[0][0] if sizes else BODY_SIZE_PT

    def table_rules(self) -> list[HRule]:
        return [r for t in self.tables for r in t.rules]
