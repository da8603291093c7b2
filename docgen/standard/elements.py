"""The elements of a 公文 (党政机关公文处理工作条例 §9, GB/T 9704-2012 §7.1) and the parts
docgen sets for them: what a positioned line, a plan entry or a finding is about."""

from __future__ import annotations

from enum import StrEnum


class Element(StrEnum):
    # 版头 (§7.2)
    COPY_NUMBER = "copy-number"  # 份号
    SECRECY = "secrecy"  # 密级和保密期限
    URGENCY = "urgency"  # 紧急程度
    MARK = "mark"  # 发文机关标志
    DOC_NUMBER = "doc-number"  # 发文字号
    SIGNERS = "signers"  # 签发人 (label and names)
    ORDER_NUMBER = "order-number"  # 令号 (命令格式, §10.2)
    # 主体 (§7.3)
    TITLE = "title"  # 标题
    ADOPTED = "adopted"  # 决议: （……会议通过）under the title (practice)
    RECIPIENTS = "recipients"  # 主送机关
    BODY = "body"  # 正文 (headings included)
    TABLE = "table"  # text in a table (§8)
    ATTACHMENT_NOTE = "attachment-note"  # 附件说明
    ATTENDEES = "attendees"  # 出席/请假/列席 (纪要格式, §10.3)
    SIGNATURE = "signature"  # 发文机关署名
    SIGNATORY = "signatory"  # 签发人职务, beside the 签名章 (§7.3.5.3)
    DATE = "date"  # 成文日期
    NOTE = "note"  # 附注
    ATTACHMENT_LABEL = "attachment-label"  # 附件N on an attachment's first line
    ATTACHMENT_TITLE = "attachment-title"  # an attachment's title
    # 版记 (§7.4) and 页码 (§7.5)
    COLOPHON = "colophon"  # 抄送机关, 印发机关和印发日期
    PAGE_NUMBER = "page-number"  # 页码
    BLANK = "blank"  # an empty row a part keeps for itself (a turned table's lead)


HEADER_ELEMENTS = (
    Element.COPY_NUMBER,
    Element.SECRECY,
    Element.URGENCY,
    Element.MARK,
    Element.DOC_NUMBER,
    Element.SIGNERS,
    Element.ORDER_NUMBER,
)
# 份号 → 密级和保密期限 → 紧急程度: flush left, one a line, in this order (§7.2.1–7.2.3).
TOP_LEFT_ELEMENTS = (Element.COPY_NUMBER, Element.SECRECY, Element.URGENCY)
