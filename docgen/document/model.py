"""公文 elements as plain data. Writers and the layout walk this; nothing here knows units.

Every text a document prints is composed here once (compose.py): labels and their colons,
the punctuation after the 主送机关, 附件说明 numbers, 版记 lines, dates.  The layout sets
these texts and every writer prints them as they are.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path

from msgspec import Struct, field

from docgen.standard import typefaces
from docgen.standard.elements import Element
from docgen.standard.formats import Format
from docgen.standard.typefaces import Typeface


class Style(StrEnum):
    """What a run of text is, which decides its typeface (see fonts.roles)."""

    BODY = "body"  # 正文, 仿宋
    H1 = "h1"  # 一级标题, 黑体
    H2 = "h2"  # 二级标题, 楷体
    H3 = "h3"  # 三级标题, 仿宋
    H4 = "h4"  # 四级标题, 仿宋
    EMPHASIS = "em"  # emphasised body text, 黑体

    @property
    def typeface(self) -> Typeface:
        """§7.3.3: headings 黑/楷/仿/仿; emphasis in 黑体 (practice); body 仿宋."""
        if self in HEADING_STYLES:
            return typefaces.HEADINGS[HEADING_STYLES.index(self)].typeface
        if self == Style.EMPHASIS:
            return typefaces.EMPHASIS.typeface
        return typefaces.typeface(Element.BODY)


HEADING_STYLES = (Style.H1, Style.H2, Style.H3, Style.H4)


class Run(Struct, frozen=True):
    text: str
    style: Style = Style.BODY


class Paragraph(Struct, frozen=True):
    """A body paragraph: indented 2 字, wrapped lines flush left.

    A paragraph whose only run is a heading is a heading on its own line; a heading
    run followed by body runs is an inline heading (the paragraph opens with it).
    """

    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def heading_level(self) -> int | None:
        """The level of a heading on its own line, else None."""
        if len(self.runs) == 1 and self.runs[0].style in HEADING_STYLES:
            return HEADING_STYLES.index(self.runs[0].style) + 1
        return None

    @property
    def outline(self) -> tuple[int, str] | None:
        """(level, text) when the paragraph opens with a heading, for bookmarks."""
        first = self.runs[0] if self.runs else None
        if first and first.style in HEADING_STYLES:
            return HEADING_STYLES.index(first.style) + 1, first.text
        return None


class Table(Struct, frozen=True):
    """A grid table: rows of cell texts, the first ``header_rows`` of them the header."""

    rows: tuple[tuple[str, ...], ...]
    header_rows: int = 0
    widths: tuple[float, ...] | None = None  # relative column widths
    landscape: bool | None = None  # None: when it does not fit the portrait 版心

    @property
    def columns(self) -> int:
        return max((len(r) for r in self.rows), default=0)


Block = Paragraph | Table


class Header(Struct, frozen=True):
    """版头 (§7.2): what stands above the red rule on page 1."""

    copy_number: str | None = None  # 份号, six digits
    secrecy: str | None = None  # 密级和保密期限, e.g. 机密★1年
    urgency: str | None = None  # 紧急程度
    mark_names: tuple[str, ...] = ()  # 发文机关标志: one name, or joint issuers' names
    mark_suffix: str = ""  # 文件, 命令, 纪要 … ("" for none)
    doc_number: str | None = None  # 发文字号
    signers: tuple[str, ...] = ()  # 签发人 (上行文)
    order_number: str | None = None  # 令号 (命令格式)
    signers_label: str = ""  # 签发人：
    signer_lines: tuple[str, ...] = ()  # the names as printed, two a line (§7.2.6)

    @property
    def mark_text(self) -> str:
        """A single issuer's mark as printed: the name and its suffix."""
        return "".join(self.mark_names) + self.mark_suffix


class Arrangement(StrEnum):
    """The standard's arrangements of 署名, 成文日期 and 印章 (§7.3.5)."""

    PLAIN = "plain"  # no seal (§7.3.5.2)
    SEAL = "seal"  # with seals (§7.3.5.1)
    STAMP = "stamp"  # 签发人签名章 (§7.3.5.3)


class Signature(Struct, frozen=True):
    """署名, 成文日期 and 印章 (§7.3.5) in one of the standard arrangements."""

    issuers: tuple[str, ...]
    date: str  # already in the 2021年7月1日 form
    seals: tuple[Path, ...] = ()  # 印章 images, one per issuer: the "with seal" arrangement
    stamp: Path | None = None  # 签发人签名章 image: the "signature stamp" arrangement
    signatory: str | None = None  # 签发人职务, beside the stamp

    @property
    def arrangement(self) -> Arrangement:
        if self.stamp:
            return Arrangement.STAMP
        return Arrangement.SEAL if self.seals else Arrangement.PLAIN

    @property
    def issuer(self) -> str:
        """The lead issuer."""
        return self.issuers[0]


class Attachment(Struct, frozen=True):
    """附件 (§7.3.7): listed in the 附件说明; with paragraphs it gets pages of its own."""

    number: int | None  # None when there is only one
    title: str
    body: tuple[Block, ...] = ()
    label: str = ""  # 附件 or 附件N, on the attachment's first page (§7.3.7)
    note_number: str = ""  # "1." in the 附件说明, "" when there is only one (§7.3.4)


class AttachmentNote(Struct, frozen=True):
    """附件说明 (§7.3.4): 附件：1.name … — the label, then each attachment's number and name."""

    label: str  # 附件：
    items: tuple[Attachment, ...]


class Listing(Struct, frozen=True):
    """A label with its colon and the names after it, wrapped lines aligned after the colon:
    出席：… in a 纪要 (§10.3), 主送：… and 抄送：…。 in the 版记 (§7.4.2)."""

    label: str  # 出席：, 抄送： …
    names: str  # joined by 、 (and ending in 。 in the 版记)

    @property
    def text(self) -> str:
        return self.label + self.names


class Colophon(Struct, frozen=True):
    """版记 (§7.4) on the last page."""

    recipients: Listing | None = None  # 主送：…。 printed when the layout moves them here
    cc: Listing | None = None  # 抄送：…。
    printer: str | None = None  # 印发机关
    print_date: str | None = None  # 印发日期, with 印发

    def parts(self, recipients_moved: bool) -> tuple[Listing, ...]:
        """The listings (主送, 抄送) as printed, in order."""
        moved = self.recipients if recipients_moved else None
        return tuple(part for part in (moved, self.cc) if part)

    def has_content(self, recipients_moved: bool) -> bool:
        return bool(self.parts(recipients_moved) or self.printer)


class Document(Struct, frozen=True):
    kind: str
    title: tuple[str, ...]  # one string, or the lines the author asked for
    title_breaks_given: bool
    issuers: tuple[str, ...]
    format: Format = Format.DOCUMENT
    header: Header | None = None
    recipients: str = ""  # 主送机关 as printed: names joined by 、, a colon after the last
    body: tuple[Block, ...] = ()
    attendees: tuple[Listing, ...] = ()  # 纪要: 出席, 请假, 列席
    attachments: tuple[Attachment, ...] = ()
    attachment_note: AttachmentNote | None = None
    signature: Signature | None = None
    adopted: str | None = None  # 决议: （……会议通过）, under the title
    note: str | None = None  # 附注, with its parentheses
    colophon: Colophon = field(default_factory=Colophon)
    double_sided: bool = True
    date: dt.date | None = None  # the 成文日期 as a date, for files' metadata
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def issuer(self) -> str:
        return self.issuers[0]

    @property
    def title_text(self) -> str:
        return "".join(self.title)
