"""Document kinds (文种): each names its layout format and, where its body differs from the
common one, its own body template.

Adding a kind is one entry here; a kind whose body is shaped differently adds a template in
``templates/`` that extends ``body.xml.j2`` and overrides its blocks, and names it here.
"""

from __future__ import annotations

from msgspec import Struct

from docgen.standard.formats import Format

BODY_TEMPLATE = "body.xml.j2"  # the common body: opening, numbered sections, closing


class Kind(Struct, frozen=True):
    name: str  # the 文种 as users write it
    format: Format = Format.DOCUMENT
    template: str = BODY_TEMPLATE  # file in docgen/templates/


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        # the 15 of 党政机关公文处理工作条例 (2012) 第八条, in its order
        Kind("决议"),
        Kind("决定"),
        Kind("命令", Format.ORDER),
        Kind("公报"),
        Kind("公告"),
        Kind("通告"),
        Kind("意见"),
        Kind("通知"),
        Kind("通报"),
        Kind("报告"),
        Kind("请示"),
        Kind("批复", template="reply.xml.j2"),  # cites the 请示 it answers (reply_to:)
        Kind("议案"),
        Kind("函", Format.LETTER),
        Kind("纪要", Format.MINUTES),
        # documents offices also write from templates, not 公文 kinds
        Kind("总结"),
        Kind("方案"),
        Kind("讲话稿"),
    )
}
