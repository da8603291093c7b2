"""The spec's typed model. Keys are short and say what they mean; no layout knowledge."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from docgen.kinds import KINDS


def _as_list(value: Any) -> Any:
    """A single string where a list of paragraphs is expected is one paragraph."""
    return [value] if isinstance(value, str) else value


Paragraphs = Annotated[list[str], BeforeValidator(_as_list)]

_CHINESE_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


def _parse_date(value: Any) -> Any:
    if isinstance(value, str) and (m := _CHINESE_DATE.match(value.strip())):
        return dt.date(*(int(g) for g in m.groups()))
    return value


Date = Annotated[dt.date, BeforeValidator(_parse_date)]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Section(StrictModel):
    """A numbered section: its ordinal (一、（一）1.（1）) comes from its position."""

    heading: str
    text: Paragraphs = Field(default_factory=list, description="lead paragraph(s)")
    items: list[str] = Field(default_factory=list, description="points: 一是…, 二是…")
    sections: list[Section] = Field(default_factory=list, description="the next level down")
    inline: bool | None = Field(None, description="heading opens the paragraph")


class Body(StrictModel):
    opening: Paragraphs = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    closing: Paragraphs = Field(default_factory=list)
    headings: Literal["inline", "line"] = Field(
        "line", description="inline: a heading opens its paragraph; line: on its own line"
    )
    items: Literal["inline", "paragraphs"] = Field(
        "inline", description="inline: 一是… run on in one paragraph; paragraphs: one each"
    )


class Spec(StrictModel):
    kind: str = Field(description="文种: " + "、".join(KINDS))
    title: Annotated[list[str], BeforeValidator(_as_list)] = Field(
        description="the title; a list gives its lines"
    )
    issuer: str = Field(description="发文机关")
    recipients: list[str] = Field(default_factory=list, description="主送机关")
    body: Body
    signature: str | None = Field(None, description="署名; defaults to the issuer")
    date: Date = Field(description="成文日期")
    vars: dict[str, Any] = Field(default_factory=dict)
    template: str | None = Field(None, description="own body template, relative to the spec")
    fonts: dict[str, str] = Field(default_factory=dict, description="font per role")
    double_sided: bool = True

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in KINDS:
            raise ValueError(f"unknown kind {value!r}; expected one of {', '.join(KINDS)}")
        return value

    @field_validator("title")
    @classmethod
    def _title_not_empty(cls, value: list[str]) -> list[str]:
        if not any(line.strip() for line in value):
            raise ValueError("the title is empty")
        return value
