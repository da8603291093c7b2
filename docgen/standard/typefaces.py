"""Which typeface sets each element (§5.2.2 and the clauses of each element)."""

from __future__ import annotations

from enum import StrEnum

from msgspec import Struct

from docgen.standard.elements import Element
from docgen.standard.figures import Strength


class Typeface(StrEnum):
    """The typefaces the standard names, and the Latin face practice adds."""

    FANGSONG = "fangsong"  # 仿宋
    KAITI = "kaiti"  # 楷体
    HEITI = "heiti"  # 黑体
    SONGTI = "songti"  # 宋体
    XIAOBIAOSONG = "xiaobiaosong"  # 小标宋
    LATIN = "latin"  # Times New Roman-like serif for half-width letters and digits


class TypefaceRule(Struct, frozen=True):
    typeface: Typeface
    clause: str
    strength: Strength
    note: str = ""


_M, _N, _R, _P, _I = (
    Strength.MANDATORY,
    Strength.NORMALLY,
    Strength.RECOMMENDED,
    Strength.PRACTICE,
    Strength.INTERPRETATION,
)

# "如无特殊说明，公文格式各要素一般用3号仿宋体字" (§5.2.2): every element not listed is 仿宋.
DEFAULT = TypefaceRule(Typeface.FANGSONG, "5.2.2", _N)
TYPEFACES: dict[Element, TypefaceRule] = {
    Element.SECRECY: TypefaceRule(Typeface.HEITI, "7.2.2", _N),
    Element.URGENCY: TypefaceRule(Typeface.HEITI, "7.2.3", _N),
    Element.MARK: TypefaceRule(Typeface.XIAOBIAOSONG, "7.2.4", _R),
    Element.TITLE: TypefaceRule(Typeface.XIAOBIAOSONG, "7.3.1", _N),
    Element.ADOPTED: TypefaceRule(Typeface.KAITI, "7.3.1", _P, "（…通过） under a 决议's title"),
    Element.ATTACHMENT_TITLE: TypefaceRule(
        Typeface.XIAOBIAOSONG, "7.3.7", _I, "set like the document's title"
    ),
    Element.ATTACHMENT_LABEL: TypefaceRule(Typeface.HEITI, "7.3.7", _M),
    Element.PAGE_NUMBER: TypefaceRule(Typeface.SONGTI, "7.5", _N, "4号半角宋体"),
}

# 签发人 (§7.2.6): the label in 仿宋, the names in 楷体.
SIGNER_NAMES = TypefaceRule(Typeface.KAITI, "7.2.6", _M)
# 纪要 (§10.3): 出席/请假/列席 and their colon in 黑体, the names in 仿宋.
ATTENDEES_LABEL = TypefaceRule(Typeface.HEITI, "10.3", _N)
# 结构层次序数 (§7.3.3): 一级 黑体, 二级 楷体, 三级 and 四级 仿宋.
HEADINGS: tuple[TypefaceRule, ...] = (
    TypefaceRule(Typeface.HEITI, "7.3.3", _N),
    TypefaceRule(Typeface.KAITI, "7.3.3", _N),
    TypefaceRule(Typeface.FANGSONG, "7.3.3", _N),
    TypefaceRule(Typeface.FANGSONG, "7.3.3", _N),
)
# Emphasised body text (一是… leads) in 黑体: practice, not in the standard.
EMPHASIS = TypefaceRule(Typeface.HEITI, "7.3.3", _P, "emphasised leads")


def typeface(element: Element) -> Typeface:
    """The typeface of an element's text (its first part where it has two)."""
    return TYPEFACES.get(element, DEFAULT).typeface
