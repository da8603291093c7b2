"""The spec's typed model. Keys are short and say what they mean; no layout knowledge.

The model is made of msgspec structs: they validate in microseconds and import in a few
milliseconds, which is most of a cold build's budget (issue 4). A check that msgspec cannot
express is made in ``__post_init__`` and raised with :func:`invalid`, which names the field
so that the loader can point at its line.

Annotations are real objects, not postponed strings: msgspec would otherwise evaluate every
one of them at the first spec a process reads (≈ 5 ms of each ``docgen`` call).
"""

import datetime as dt
import math
import re
from typing import Annotated, Any, Literal

from msgspec import Meta, Struct, field
from msgspec.structs import force_setattr

from docgen import limits
from docgen.i18n import N_, tr
from docgen.kinds import KINDS
from docgen.standard.formats import Format
from docgen.standard.numbering import HEADING_LEVELS


def invalid(name: str, message: str) -> ValueError:
    """An error about field ``name``: msgspec reports it at the struct, with this text."""
    return ValueError(f"{name}: {message}")


def _one_or_many(struct: Struct, *names: str) -> None:
    """A single string where a list is expected is one item; the JSON Schema says both."""
    for name in names:
        value = getattr(struct, name)
        if isinstance(value, str):
            force_setattr(struct, name, [value])


# A field written as one string or a list of them; __post_init__ makes it a list.
OneOrMany = str | list[str]

_BLANK_LINE = re.compile(r"\n[ \t\u3000]*\n\s*")
_LINE_BREAK = re.compile(r"[ \t]*\n[ \t]*")


def _join_lines(text: str) -> str:
    """One paragraph's lines joined: no space between two Chinese characters (a line
    break in Chinese text is no word space), one space elsewhere (English words)."""

    def join(m: re.Match[str]) -> str:
        before, after = text[m.start() - 1 : m.start()], text[m.end() : m.end() + 1]
        return "" if not (before.isascii() and after.isascii()) else " "

    return _LINE_BREAK.sub(join, text.strip())


def _paragraphs(struct: Struct, *names: str) -> None:
    """Text fields as paragraphs: a blank line starts a new one, a line break joins."""
    for name in names:
        texts = getattr(struct, name)
        split = [_join_lines(p) for t in texts for p in _BLANK_LINE.split(t.strip()) if p.strip()]
        if split != texts:
            force_setattr(struct, name, split)


def _text(description: str, t: Any = str) -> Any:
    return Annotated[t, Meta(description=description)]


class SpecDate(dt.date):
    """A date as people type it: 2026-08-25, 2026-8-25, 2026/8/25, 2026.8.25 or
    2026年8月25日 (made by :func:`decode_custom`)."""

    PATTERN = re.compile(
        r"^\s*(\d{4})\s*(?:(-)|(/)|(\.)|(年))\s*(\d{1,2})\s*(?(2)-|(?(3)/|(?(4)\.|月)))"
        r"\s*(\d{1,2})\s*(?(5)日|)\s*$"
    )
    FORMS = N_("2026-08-25, 2026-8-25, 2026/8/25, 2026.8.25 or 2026年8月25日")

    @classmethod
    def parse(cls, value: Any) -> "SpecDate":
        if isinstance(value, str):
            m = cls.PATTERN.match(value)
            if not m:
                raise ValueError(_not_a_date(value))
            year, month, day = int(m[1]), int(m[6]), int(m[7])
            try:
                value = dt.date(year, month, day)
            except ValueError:
                raise ValueError(f"{value!r:.40} {_impossible(year, month, day)}") from None
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise ValueError(_not_a_date(value))
        return cls(value.year, value.month, value.day)


def _impossible(year: int, month: int, day: int) -> str:
    if not 1 <= month <= 12:
        return tr("is not a date: there is no month {month}").format(month=month)
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return tr("is not a date: {year}年{month}月 has {last} days, not {day}").format(
        year=year, month=month, last=last, day=day
    )


def _not_a_date(value: Any) -> str:
    text = f"{value!r:.40}"
    return tr("{value} is not a date: write it as {forms}").format(
        value=text, forms=tr(SpecDate.FORMS)
    )


def decode_custom(kind: type, value: Any) -> Any:
    """msgspec's hook for the model's own types."""
    if kind is SpecDate:
        return SpecDate.parse(value)
    raise NotImplementedError


# The JSON Schema's pattern (ECMA regex: no conditionals): one alternative per form.
_DATE_SCHEMA_PATTERN = (
    r"^\d{4}(-\d{1,2}-\d{1,2}|/\d{1,2}/\d{1,2}|\.\d{1,2}\.\d{1,2}|年\d{1,2}月\d{1,2}日)$"
)


def schema_custom(kind: type) -> dict[str, Any]:
    """The JSON Schema of the model's own types."""
    if kind is SpecDate:
        return {
            "type": "string",
            "pattern": _DATE_SCHEMA_PATTERN,
            "description": f"成文日期 and 印发日期: {SpecDate.FORMS}",
        }
    raise NotImplementedError


class StrictModel(Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    """Unknown keys are errors (they are usually misspellings); values never change."""


class Table(StrictModel):
    """A simple grid table: a header row and rows of cells (§8 for wide ones)."""

    rows: _text("rows of cells", list[list[str | int | float]])
    header: _text("the header row", list[str]) = field(default_factory=list)
    widths: _text("relative column widths", list[float] | None) = None
    landscape: _text("横排表格; default: when it is too wide", bool | None) = None

    def __post_init__(self) -> None:
        if not self.rows:
            raise invalid("rows", tr("a table needs at least one row"))
        if any(not row for row in self.rows):
            empty = next(i for i, row in enumerate(self.rows) if not row)
            raise invalid("rows", tr("row {n} has no cells").format(n=empty + 1))
        columns = {len(row) for row in [self.header, *self.rows] if row}
        if len(columns) > 1:
            raise invalid(
                "rows",
                tr("every row needs the same number of cells, not {counts}").format(
                    counts=sorted(columns)
                ),
            )
        if self.widths and columns and len(self.widths) not in columns:
            raise invalid("widths", tr("needs one number per column"))
        if self.widths and not all(math.isfinite(w) and w > 0 for w in self.widths):
            raise invalid("widths", tr("takes positive numbers (relative widths such as 2, 1, 1)"))
        if len(self.rows) > limits.current("table-rows"):
            raise invalid("rows", limits.exceeded("table-rows", len(self.rows)))
        if max(columns, default=0) > limits.current("table-columns"):
            raise invalid("rows", limits.exceeded("table-columns", max(columns)))


# Ordinals people type although docgen adds them (一、（一）1.（1）, 一是).
_CN = "一二三四五六七八九十"
_TYPED_ORDINAL = re.compile(rf"^\s*(?:[{_CN}]+、|[（(][{_CN}\d]+[）)]|\d+[.．、](?!\d))")
_TYPED_ITEM_ORDINAL = re.compile(rf"^\s*[{_CN}]+是")


class Item(StrictModel):
    """A point (一是…) with its lead sentence apart: emphasised with item_leads: emphasis."""

    lead: _text("the lead sentence: 加强组织领导。", str)
    text: _text("what follows it", str) = ""

    def __post_init__(self) -> None:
        force_setattr(self, "lead", _join_lines(self.lead))
        force_setattr(self, "text", _join_lines(self.text))


class Section(StrictModel):
    """A numbered section: its ordinal (一、（一）1.（1）) comes from its position."""

    heading: _text("the heading's words; its ordinal (一、（一）…) is added", str)
    text: _text("paragraph(s); a blank line starts a new one", OneOrMany) = field(
        default_factory=list
    )
    items: _text("points: 一是…, 二是… (text, or lead: and text:)", list[str | Item]) = field(
        default_factory=list
    )
    table: _text("a table after the text and items", Table | None) = None
    sections: _text("the next level down", list["Section"]) = field(default_factory=list)
    inline: _text("heading opens the paragraph", bool | None) = None

    def __post_init__(self) -> None:
        _one_or_many(self, "text")
        _paragraphs(self, "text")
        force_setattr(
            self, "items", [i if isinstance(i, Item) else _join_lines(i) for i in self.items]
        )
        if not self.heading.strip():
            raise invalid("heading", tr("is empty"))
        if m := _TYPED_ORDINAL.match(self.heading):
            message = tr(
                "starts with its own number {ordinal}: docgen numbers headings, so it"
                " would print twice; leave it out"
            )
            raise invalid("heading", message.format(ordinal=m[0]))
        for item in self.items:
            lead = item if isinstance(item, str) else item.lead
            if m := _TYPED_ITEM_ORDINAL.match(lead):
                message = tr(
                    "an item starts with its own {ordinal}: docgen numbers items"
                    " (一是、二是…), so it would print twice; leave it out"
                )
                raise invalid("items", message.format(ordinal=m[0]))
        levels = self.levels()
        if levels > HEADING_LEVELS:
            raise invalid(
                "sections",
                tr("headings go {most} levels deep (一、（一）1.（1）); these go {levels}").format(
                    most=HEADING_LEVELS, levels=levels
                ),
            )

    def levels(self) -> int:
        """How many heading levels this section and the ones under it take."""
        return 1 + max((s.levels() for s in self.sections), default=0)


class Body(StrictModel):
    opening: _text("paragraph(s) before the sections", OneOrMany) = field(default_factory=list)
    table: _text("a table after the opening", Table | None) = None
    sections: _text("numbered sections: 一、…", list[Section]) = field(default_factory=list)
    closing: _text("paragraph(s) after them: 特此通知。", OneOrMany) = field(default_factory=list)
    headings: _text(
        "inline: a heading opens its paragraph; line: on its own line",
        Literal["inline", "line"],
    ) = "line"
    items: _text(
        "inline: 一是… run on in one paragraph; paragraphs: one each",
        Literal["inline", "paragraphs"],
    ) = "inline"
    item_leads: _text(
        "emphasis: 一是 and the item's first sentence in 黑体", Literal["plain", "emphasis"]
    ) = "plain"

    def __post_init__(self) -> None:
        _one_or_many(self, "opening", "closing")
        _paragraphs(self, "opening", "closing")


_DOC_NUMBER = re.compile(r"^(?P<prefix>.+)〔(?P<year>\d{4})〕(?P<seq>[1-9]\d*)号$")


class DocNumber(StrictModel):
    """发文字号 from its parts: X统发〔2021〕12号 (§7.2.5)."""

    prefix: _text("机关代字: X统发", str)
    year: Annotated[int, Meta(ge=1000, le=9999, description="年份, in full")]
    seq: Annotated[int, Meta(ge=1, description="发文顺序号, no leading zero")]

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.seq}号"

    @classmethod
    def parse(cls, value: str) -> "DocNumber":
        """'X统发〔2021〕12号' is accepted as well as its parts, if it is well formed."""
        m = _DOC_NUMBER.match(value.strip())
        if not m:
            raise invalid(
                "number",
                tr(
                    "{value} is not a 发文字号 like X统发〔2021〕12号 (六角括号, full year,"
                    " no leading zero); or give prefix:, year:, seq:"
                ).format(value=repr(value)),
            )
        return cls(prefix=m["prefix"], year=int(m["year"]), seq=int(m["seq"]))


class Attachment(StrictModel):
    """附件: named in the 附件说明; with a body, it also gets pages of its own."""

    title: _text("its title, as the 附件说明 and its page print it", str)
    body: _text("its own pages' text, if any", Body | None) = None


class ReplyTo(StrictModel):
    """批复: the 请示 it answers, cited at the start of its text."""

    title: _text("the 请示's title: 关于……的请示", str)
    number: _text("its 发文字号", str | None) = None
    addressee: _text("how the text addresses the asker", str) = "你单位"


Secrecy = Literal["绝密", "机密", "秘密"]
Attendance = Literal["出席", "请假", "列席"]


class Spec(StrictModel):
    kind: Annotated[str, Meta(description="文种", extra_json_schema={"enum": list(KINDS)})]
    issuer: _text("发文机关; a list for joint issuers, lead first", OneOrMany)
    body: _text("正文: opening, sections, closing", Body)
    date: _text("成文日期 (a 纪要 may go without)", SpecDate | None) = None
    format: _text(
        "文件格式, 信函格式 (letter), 命令格式 (order), 纪要格式 (minutes)",
        Literal["document", "letter", "order", "minutes"] | None,
    ) = None
    title: _text("the title; a list gives its lines (命令: none)", OneOrMany) = field(
        default_factory=list
    )
    # 版头
    number: _text(
        "发文字号: a 版头 is printed when it is given; a 纪要's own number as text (第15期)",
        str | DocNumber | None,
    ) = None
    mark: _text("发文机关标志 text, if not the issuer's name", str | None) = None
    mark_suffix: _text(
        "after the issuer's name in the mark: 文件 (default), 命令, 纪要 …", str | None
    ) = None
    copy_number: _text("份号", Annotated[int, Meta(ge=1, le=999999)] | None) = None
    secrecy: _text("密级", Secrecy | None) = None
    secrecy_period: _text("保密期限, e.g. 1年", str | None) = None
    urgency: _text("紧急程度", Literal["特急", "加急"] | None) = None
    signers: _text("签发人 (上行文)", list[str]) = field(default_factory=list)
    order_number: _text("令号 for 命令, e.g. 第1号", str | None) = None
    # 主体
    adopted: _text(
        "决议: the meeting that adopted it, printed in （） under the title:"
        " 2026年3月5日X市第十七届人民代表大会第三次会议通过",
        str | None,
    ) = None
    recipients: _text("主送机关", list[str]) = field(default_factory=list)
    reply_to: _text("批复: the 请示 it answers", ReplyTo | None) = None
    attendees: _text("纪要: 出席, 请假, 列席", dict[Attendance, list[str]]) = field(
        default_factory=dict
    )
    attachments: _text("附件", list[Attachment]) = field(default_factory=list)
    signature: _text("署名; defaults to the issuer", OneOrMany) = field(default_factory=list)
    seal: _text("印章 image(s), one per 署名", OneOrMany) = field(default_factory=list)
    stamp: _text("签发人签名章 image", str | None) = None
    signatory: _text(
        "签发人职务: with stamp:, or printed with signatory_name as the 署名 (命令, 议案)",
        str | None,
    ) = None
    signatory_name: _text(
        "签发人姓名, printed after signatory: where there is no stamp", str | None
    ) = None
    note: _text("附注", str | None) = None
    # 版记
    cc: _text("抄送机关", list[str]) = field(default_factory=list)
    printer: _text("印发机关", str | None) = None
    print_date: _text("印发日期", SpecDate | None) = None
    double_sided: _text("版记 on an even page", bool) = True

    vars: _text("variables for {{ … }} in every text", dict[str, Any]) = field(default_factory=dict)
    template: _text("own body template, relative to the spec", str | None) = None
    fonts: _text("font per role", dict[str, str]) = field(default_factory=dict)

    def __post_init__(self) -> None:
        _one_or_many(self, "issuer", "title", "signature", "seal")
        if self.kind not in KINDS:
            raise invalid(
                "kind",
                tr("unknown kind {kind}; expected one of {kinds}").format(
                    kind=repr(self.kind), kinds=", ".join(KINDS)
                ),
            )
        minutes = self.layout_format == Format.MINUTES
        if isinstance(self.number, str) and not (minutes and not _DOC_NUMBER.match(self.number)):
            force_setattr(self, "number", DocNumber.parse(self.number))
        if self.date is None and not minutes:
            raise invalid(
                "date", tr("is required: the 成文日期, as {forms}").format(forms=tr(SpecDate.FORMS))
            )
        self._consistent()
        self._takes_effect()

    def _consistent(self) -> None:
        for name in ("issuer", "signature", "recipients", "cc", "signers"):
            values = getattr(self, name)
            if any(not value.strip() for value in values):
                raise invalid(name, tr("has an empty name"))
        if not self.issuer:
            raise invalid("issuer", tr("is empty: name the issuing organ (发文机关)"))
        title = "".join(self.title)
        if len(title) > limits.current("title-length"):
            raise invalid(
                "title",
                tr("is {n} characters: {limit}").format(
                    n=len(title), limit=limits.exceeded("title-length")
                ),
            )
        if not any(line.strip() for line in self.title) and self.layout_format != Format.ORDER:
            raise invalid("title", tr("is missing or empty (only a 命令 goes without one)"))
        if self.seal and self.stamp:
            raise invalid("stamp", tr("give seal: or stamp:, not both"))
        if self.stamp and not self.signatory:
            raise invalid("stamp", tr("needs signatory: (the signer's 职务)"))
        if self.signatory_name and not self.signatory:
            raise invalid("signatory_name", tr("needs signatory: (the signer's 职务) before it"))
        if self.signatory_name and self.stamp:
            raise invalid(
                "signatory_name", tr("the stamp: image is the signature: give one of them")
            )
        if self.seal and len(self.seal) != len(self.signature or self.issuer):
            raise invalid("seal", tr("give one seal: image per 署名 (signature: or issuer:)"))
        if (self.printer is None) != (self.print_date is None):
            raise invalid(
                "printer", tr("printer: and print_date: go together (印发机关和印发日期)")
            )

    def _takes_effect(self) -> None:
        """A field the document's format cannot print is an error, never dropped."""
        fmt = self.layout_format
        if self.order_number and fmt != Format.ORDER:
            raise invalid(
                "order_number",
                tr("令号 is printed in a 命令 only (this is a {kind})").format(kind=self.kind),
            )
        if self.attendees and fmt != Format.MINUTES:
            raise invalid(
                "attendees",
                tr("出席/请假/列席 are printed in a 纪要 only (this is a {kind})").format(
                    kind=self.kind
                ),
            )
        if self.reply_to and self.kind != "批复":
            raise invalid(
                "reply_to", tr("is cited by a 批复 only (this is a {kind})").format(kind=self.kind)
            )
        if fmt == Format.MINUTES and self.signature and self.date is None:
            raise invalid("date", tr("a 纪要 signed with signature: needs its 成文日期 too"))

    @property
    def layout_format(self) -> Format:
        return Format(self.format) if self.format else KINDS[self.kind].format


SCHEMA_ID = "urn:docgen:schema:spec"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a spec, for editors (yaml-language-server reads dates as text)."""
    import msgspec.json

    schema = msgspec.json.schema(Spec, schema_hook=schema_custom)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "docgen spec",
        "description": "A 公文 for docgen: metadata and body, laid out by GB/T 9704-2012.",
        **schema,
    }
