"""The standard's layouts of a 公文: 文件格式 (§7) and the special formats of §10."""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    DOCUMENT = "document"  # 文件格式 (§7)
    LETTER = "letter"  # 信函格式 (§10.1): 30 mm mark, red double lines, page 1 unnumbered
    ORDER = "order"  # 命令（令）格式 (§10.2): 令号 instead of 发文字号
    MINUTES = "minutes"  # 纪要格式 (§10.3)


# Where the mark's top edge is: the figure in figures.py, by format.
MARK_TOP = {
    Format.DOCUMENT: "mark_top",
    Format.LETTER: "letter_mark_top",
    Format.ORDER: "order_mark_top",
    Format.MINUTES: "minutes_mark_top",
}
# The word after the issuer's name in the 发文机关标志 (§7.2.4 文件, §10.2 命令/令,
# §10.3 纪要); a 信函's mark is the name alone (§10.1).
MARK_SUFFIX = {
    Format.DOCUMENT: "文件",
    Format.LETTER: "",
    Format.ORDER: "令",
    Format.MINUTES: "纪要",
}
