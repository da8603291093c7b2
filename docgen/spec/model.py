"""The spec's typed model. Keys are short and say what they mean; no layout knowledge."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator

from docgen.kinds import KINDS


def _as_list(value: Any) -> Any:
    """A single string where a list of paragraphs is expected is one paragraph."""
    return [value] if isinstance(value, str) else value


# A single string where a list is expected is one item; the JSON Schema says both.
_OneOrMany = BeforeValidator(_as_list, json_schema_input_type=str | list[str])
Paragraphs = Annotated[list[str], _OneOrMany]

_CHINESE_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


def _parse_date(value: Any) -> Any:
    if isinstance(value, str) and (m := _CHINESE_DATE.match(value.strip())):
        return dt.date(*(int(g) for g in m.groups()))
    return value


Date = Annotated[dt.date, BeforeValidator(_parse_date, json_schema_input_type=dt.date | str)]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Table(StrictModel):
    """A simple grid table: a header row and rows of cells (§8 for wide ones)."""

    header: list[str] = Field(default_factory=list, description="the header row")
    rows: list[list[str | int | float]] = Field(description="rows of cells")
    widths: list[float] | None = Field(None, description="relative column widths")
    landscape: bool | None = Field(None, description="横排表格; default: when it is too wide")

    @model_validator(mode="after")
    def _same_width(self) -> Table:
        columns = {len(row) for row in [self.header, *self.rows] if row}
        if len(columns) > 1:
            raise ValueError(f"every row needs the same number of cells, not {sorted(columns)}")
        if self.widths and columns and len(self.widths) not in columns:
            raise ValueError("widths: needs one number per column")
        return self


class Section(StrictModel):
    """A numbered section: its ordinal (一、（一）1.（1）) comes from its position."""

    heading: str
    text: Paragraphs = Field(default_factory=list, description="lead paragraph(s)")
    items: list[str] = Field(default_factory=list, description="points: 一是…, 二是…")
    table: Table | None = Field(None, description="a table after the text and items")
    sections: list[Section] = Field(default_factory=list, description="the next level down")
    inline: bool | None = Field(None, description="heading opens the paragraph")


class Body(StrictModel):
    opening: Paragraphs = Field(default_factory=list)
    table: Table | None = Field(None, description="a table after the opening")
    sections: list[Section] = Field(default_factory=list)
    closing: Paragraphs = Field(default_factory=list)
    headings: Literal["inline", "line"] = Field(
        "line", description="inline: a heading opens its paragraph; line: on its own line"
    )
    items: Literal["inline", "paragraphs"] = Field(
        "inline", description="inline: 一是… run on in one paragraph; paragraphs: one each"
    )
    item_leads: Literal["plain", "emphasis"] = Field(
        "plain", description="emphasis: 一是 and the item's first sentence in 黑体"
    )


_DOC_NUMBER = re.compile(r"^(?P<prefix>.+)〔(?P<year>\d{4})〕(?P<seq>[1-9]\d*)号$")


class DocNumber(StrictModel):
    """发文字号 from its parts: X统发〔2021〕12号 (§7.2.5)."""

    prefix: str
    year: int = Field(ge=1000, le=9999)
    seq: int = Field(ge=1)

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕{self.seq}号"


def _parse_number(value: Any) -> Any:
    """'X统发〔2021〕12号' is accepted as well as its parts, if it is well formed."""
    if isinstance(value, str):
        m = _DOC_NUMBER.match(value.strip())
        if not m:
            raise ValueError(
                f"{value!r} is not a 发文字号 like X统发〔2021〕12号 (六角括号, full year,"
                " no leading zero); or give prefix:, year:, seq:"
            )
        return {"prefix": m["prefix"], "year": int(m["year"]), "seq": int(m["seq"])}
    return value


class Attachment(StrictModel):
    """附件: named in the 附件说明; with a body, it also gets pages of its own."""

    title: str
    body: Body | None = None


Names = Annotated[list[str], _OneOrMany]


class Spec(StrictModel):
    kind: str = Field(description="文种: " + "、".join(KINDS))
    format: Literal["document", "letter", "order", "minutes"] | None = Field(
        None, description="文件格式, 信函格式 (letter), 命令格式 (order), 纪要格式 (minutes)"
    )
    title: Annotated[list[str], _OneOrMany] = Field(
        default_factory=list, description="the title; a list gives its lines (命令: none)"
    )
    issuer: Names = Field(description="发文机关; a list for joint issuers, lead first")
    # 版头
    number: Annotated[
        DocNumber | None,
        BeforeValidator(_parse_number, json_schema_input_type=str | DocNumber | None),
    ] = Field(None, description="发文字号: a 版头 is printed when it is given")
    mark: str | None = Field(None, description="发文机关标志 text, if not the issuer's name")
    mark_suffix: str | None = Field(
        None, description="after the issuer's name in the mark: 文件 (default), 命令, 纪要 …"
    )
    copy_number: int | None = Field(None, ge=1, le=999999, description="份号")
    secrecy: Literal["绝密", "机密", "秘密"] | None = Field(None, description="密级")
    secrecy_period: str | None = Field(None, description="保密期限, e.g. 1年")
    urgency: Literal["特急", "加急"] | None = Field(None, description="紧急程度")
    signers: list[str] = Field(default_factory=list, description="签发人 (上行文)")
    order_number: str | None = Field(None, description="令号 for 命令, e.g. 第1号")
    # 主体
    recipients: list[str] = Field(default_factory=list, description="主送机关")
    body: Body
    attendees: dict[Literal["出席", "请假", "列席"], list[str]] = Field(
        default_factory=dict, description="纪要: 出席, 请假, 列席"
    )
    attachments: list[Attachment] = Field(default_factory=list, description="附件")
    signature: Names = Field(default_factory=list, description="署名; defaults to the issuer")
    seal: Names = Field(default_factory=list, description="印章 image(s), one per 署名")
    stamp: str | None = Field(None, description="签发人签名章 image")
    signatory: str | None = Field(None, description="签发人职务, with stamp:")
    date: Date = Field(description="成文日期")
    note: str | None = Field(None, description="附注")
    # 版记
    cc: list[str] = Field(default_factory=list, description="抄送机关")
    printer: str | None = Field(None, description="印发机关")
    print_date: Date | None = Field(None, description="印发日期")
    double_sided: bool = Field(True, description="版记 on an even page")

    vars: dict[str, Any] = Field(default_factory=dict)
    template: str | None = Field(None, description="own body template, relative to the spec")
    fonts: dict[str, str] = Field(default_factory=dict, description="font per role")

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in KINDS:
            raise ValueError(f"unknown kind {value!r}; expected one of {', '.join(KINDS)}")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Spec:
        if not any(line.strip() for line in self.title) and self.layout_format != "order":
            raise ValueError("title: is missing or empty (only a 命令 goes without one)")
        if self.seal and self.stamp:
            raise ValueError("give seal: or stamp:, not both")
        if self.stamp and not self.signatory:
            raise ValueError("stamp: needs signatory: (the signer's 职务)")
        if self.seal and len(self.seal) != len(self.signature or self.issuer):
            raise ValueError("give one seal: image per 署名 (signature: or issuer:)")
        if (self.printer is None) != (self.print_date is None):
            raise ValueError("printer: and print_date: go together (印发机关和印发日期)")
        return self

    @property
    def layout_format(self) -> str:
        return self.format or KINDS[self.kind].format
