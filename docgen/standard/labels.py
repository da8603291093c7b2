"""The fixed words the standard prints beside an element's own text, and how they join."""

from __future__ import annotations

# §7.2.6, §7.3.4, §7.4.2, §10.3: a label and a full-width colon open the element.
COLON = "："
SIGNERS = "签发人"  # §7.2.6
ATTACHMENT = "附件"  # §7.3.4 附件说明, §7.3.7 附件N
RECIPIENTS = "主送"  # §7.4.2: 主送机关 moved to the 版记
CC = "抄送"  # §7.4.2
PRINTED = "印发"  # §7.4.3: after the 印发日期
# §10.3: the attendance lists of a 纪要, in their usual order.
ATTENDANCE = ("出席", "请假", "列席")

LIST_SEPARATOR = "、"  # between names of 主送机关, 抄送机关 …
LIST_END = "。"  # §7.4.2: 抄送机关 end with a 句号
SIGNER_SEPARATOR = "\u3000"  # between 签发人 names on one line (one ideographic space)
SECRECY_SEPARATOR = "★"  # 机密★1年 (practice of the secrecy rules)
NOTE_BRACKETS = ("（", "）")  # §7.3.6 附注 in 圆括号


def labelled(label: str) -> str:
    """``label`` with its full-width colon: 签发人：, 附件：, 抄送："""
    return label + COLON


def name_list(names: tuple[str, ...] | list[str]) -> str:
    """Names joined by 、, each without a colon the author may have typed after it."""
    return LIST_SEPARATOR.join(n.strip().rstrip("：:") for n in names)
