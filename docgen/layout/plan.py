"""The layout's decisions, as data.

Fixed-layout writers (PDF, OFD) draw the positioned pages; a flowing format (DOCX) cannot,
so it follows these decisions instead: which rows the header parts take and how large the
mark is, whether the 主送机关 went to the 版记, the title's lines, how the signature was
arranged, the shape of each table, where pages break and why, and which page holds the
版记.  Rows count grid rows from the 版心 top (0-based); lengths are points, x from the
page's left edge and y from its top, as in the pages.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from msgspec import Struct, field

from docgen.document.model import Arrangement
from docgen.layout.model import Rule
from docgen.standard.elements import Element


class RowText(Struct, frozen=True):
    """A text the layout set on a grid row of page 1."""

    element: Element
    row: int
    text: str


class MarkPlan(Struct, frozen=True):
    """发文机关标志 (§7.2.4): off the grid, its em top a fixed distance below the 版心 top.

    A single issuer's mark is one line; joint issuers' names stand one a line, spread to
    one width, the suffix (文件) to their right."""

    lines: tuple[str, ...]  # the mark's lines: the whole mark, or each joint name
    suffix: str  # joint marks: the suffix beside the names ("" for none or single)
    size: float  # points
    em_top: float  # the top of the first line's em box
    left: float  # where the (names') lines start
    names_width: float  # joint marks: the width every name is spread to
    suffix_left: float | None = None  # joint marks: where the suffix starts
    leading: float = 0.0  # joint marks: baseline to baseline


class NumberRow(Struct, frozen=True):
    """A row under the mark: the 发文字号 or 令号, and 签发人 names beside it (上行文)."""

    row: int
    number: str | None  # 发文字号 or 令号 on this row
    number_element: Element | None  # DOC_NUMBER or ORDER_NUMBER
    signers_label: str | None  # 签发人： on the first row of names
    signer_names: str | None  # the names on this row


class HeaderPlan(Struct, frozen=True):
    """版头 (§7.2) and the 信函, 命令 and 纪要 headers (§10)."""

    top_left: tuple[RowText, ...]  # 份号, 密级和保密期限, 紧急程度 in their rows
    mark: MarkPlan | None
    numbers: tuple[NumberRow, ...]  # rows under the mark, top to bottom
    signers_first_line: str | None  # the first row of 签发人 names: later rows align to it
    rule: Rule | None  # the red rule under the 发文字号 (§7.2.7)
    rule_row: int | None  # the row whose text the rule is under
    letter_rules: tuple[Rule, ...] = ()  # 信函: the red double lines (§10.1)
    letter_em_top: float | None = None  # 信函: em top of the first element under them
    body_row: int = 0  # the row where what follows the 版头 starts


class PlacedImage(Struct, frozen=True):
    """A seal or stamp as placed: its file, top-left corner and size, and the row it is
    placed from (the 署名 it presses, or the row the stamp starts on)."""

    path: Path
    x: float
    y: float
    width: float
    height: float
    row: int


class SignatureRow(Struct, frozen=True):
    """One row of 署名 under seals, left to right."""

    row: int
    names: tuple[str, ...]


class SignaturePlan(Struct, frozen=True):
    arrangement: Arrangement
    page: int
    gap_rows: int  # empty rows between the text above and the block's first row
    date_row: int
    names: tuple[SignatureRow, ...] = ()  # SEAL
    seals: tuple[PlacedImage, ...] = ()  # SEAL: row by row, left to right
    stamp: PlacedImage | None = None  # STAMP
    stamp_rows: int = 0  # STAMP: grid rows the stamp spans


class TablePlan(Struct, frozen=True):
    """A table as set: turned (横排表格, §8) or not, its column widths, and the grid rows
    each table row takes (header repeats on later pages not counted)."""

    landscape: bool
    widths: tuple[float, ...]
    row_heights: tuple[int, ...]


class BreakReason(StrEnum):
    FULL = "full"  # the page was full
    KEEP_HEADING = "keep-heading"  # a heading never ends a page: it went with its text
    KEEP_BLOCK = "keep-block"  # a block that must not stand alone took text with it
    ATTACHMENT = "attachment"  # 附件 start a new page (§7.3.7)
    TABLE_TURNED = "table-turned"  # a 横排表格 on pages of its own (§8)
    TABLE_ROWS = "table-rows"  # a table row did not fit
    COLOPHON = "colophon"  # the 版记 on a page of its own, or on an even page (§7.4.1)


class PageBreak(Struct, frozen=True):
    page: int  # the page that starts here
    reason: BreakReason


class ColophonPlan(Struct, frozen=True):
    """版记 (§7.4): the last page's foot; on a page of its own when the text left no room
    or the page count would be odd, after an unnumbered blank page where needed."""

    page: int
    rows: int  # grid rows it takes, from the 版心 bottom up
    own_page: bool  # nothing but the 版记 on its page
    blank_before: bool  # an unnumbered blank page before it


class Plan(Struct):
    title_lines: tuple[str, ...] = ()
    header: HeaderPlan | None = None
    recipients_moved: bool = False  # 主送机关 to the 版记: they would crowd out page 1
    tables: list[TablePlan] = field(default_factory=list)  # in document order
    attachment_titles: list[tuple[str, ...]] = field(default_factory=list)  # with pages
    signature: SignaturePlan | None = None
    colophon: ColophonPlan | None = None
    breaks: list[PageBreak] = field(default_factory=list)
    # Headings that start a page to keep the first two lines of their text with them:
    # ("body" or the attachment's label, the heading's text).
    headings_moved: list[tuple[str, str]] = field(default_factory=list)
    numbered: tuple[bool, ...] = ()  # per page: does it show a page number
    # 纪要: the 出席 lists start a page, their empty row above them not carried over
    attendees_start_page: bool = False
    warnings: list[str] = field(default_factory=list)  # what the author should know
    # Zero-width characters (position, character) the DOCX inserts into a wrapped text, by
    # the text, so that word processors break its lines where the layout did.
    inserts: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    # Character spacing (start, end, twips) for a wrapped text's lines that the layout
    # ended before a unit that would still fit, so that word processors end them there.
    loosened: dict[str, tuple[tuple[int, int, int], ...]] = field(default_factory=dict)
    # Punctuation a wrapped text sets in half an em (positions), 标点挤压.
    squeezed: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # Wrapped texts whose setting needed a last resort ("spread": a line spread beyond
    # max_spread; "lone-tail": the last line holds one character), by the text.
    last_resort: dict[str, str] = field(default_factory=dict)
