"""公文 elements as plain data. Writers and the layout walk this; nothing here knows units."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Style(StrEnum):
    """What a run of text is, which decides its typeface (see fonts.roles)."""

    BODY = "body"  # 正文, 仿宋
    H1 = "h1"  # 一级标题, 黑体
    H2 = "h2"  # 二级标题, 楷体
    H3 = "h3"  # 三级标题, 仿宋
    H4 = "h4"  # 四级标题, 仿宋
    EMPHASIS = "em"  # emphasised body text, 黑体


HEADING_STYLES = (Style.H1, Style.H2, Style.H3, Style.H4)


@dataclass(frozen=True)
class Run:
    text: str
    style: Style = Style.BODY


@dataclass(frozen=True)
class Paragraph:
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


@dataclass(frozen=True)
class Signature:
    """署名 and 成文日期 (without a seal: §7.3.5.2)."""

    issuer: str
    date: str  # already in the 2021年7月1日 form


@dataclass(frozen=True)
class Document:
    kind: str
    title: tuple[str, ...]  # one string, or the lines the author asked for
    title_breaks_given: bool
    issuer: str
    recipients: tuple[str, ...] = ()
    body: tuple[Paragraph, ...] = ()
    signature: Signature | None = None
    double_sided: bool = True
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def title_text(self) -> str:
        return "".join(self.title)

    def characters(self) -> str:
        """Every character the document shows, for font coverage checks."""
        parts = [self.title_text, "".join(self.recipients), *(p.text for p in self.body)]
        if self.signature:
            parts += [self.signature.issuer, self.signature.date]
        return "".join(parts)
