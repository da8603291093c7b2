"""Text patterns of 公文 elements: page numbers, dates, 发文字号, heading numbers."""

from __future__ import annotations

import re

# Loose patterns find an element; strict ones (the standard's forms) judge it.
PAGE_NUMBER_LOOSE = re.compile(
    r"^(?:[—–―－\-一]{0,2}(\d{1,4})[—–―－\-一]{0,2}"
    r"|第(\d{1,4})页(?:共\d{1,4}页)?|(\d{1,4})/\d{1,4})$"  # Word's "第1页", "1/4"
)
PAGE_NUMBER_STRICT = re.compile(r"^—(\d{1,4})—$")  # 一字线 U+2014 each side (spaces dropped)
_CN_DIGITS = "〇○零一二三四五六七八九十"
DATE_LOOSE = re.compile(
    rf"^([\d{_CN_DIGITS}]{{2,4}})年([\d{_CN_DIGITS}]{{1,3}})月([\d{_CN_DIGITS}]{{1,3}})日$"
)
DATE_STRICT = re.compile(r"^[1-9]\d{3}年([1-9]|1[0-2])月([1-9]|[12]\d|3[01])日$")
DOC_NUMBER_LOOSE = re.compile(r"[〔\[【(（﹝［].{0,3}\d{2,4}.{0,3}[〕\]】)）﹞］].{0,8}号")
DOC_NUMBER_STRICT = re.compile(r"^.+〔\d{4}〕[1-9]\d*号$")
ORDER_NUMBER = re.compile(r"^第\d+号$")  # 令号 (§10.2)
ORDER_NUMBER_STRICT = re.compile(r"^第[1-9]\d*号$")
MINUTES_NUMBER = re.compile(r"^第\d+[号期]$")  # a 纪要's own number (practice, §10.3)
SECRECY = re.compile(r"绝密|机密|秘密")
URGENCY = re.compile(r"特急|加急|特提|平急")
COPY_NUMBER = re.compile(r"^\d{3,10}$")
ATTACHMENT_NOTE = re.compile(r"^附件[：:]")
ATTACHMENT_LABEL = re.compile(r"^附件\s*(\d*)$")
CC_LINE = re.compile(r"^(抄送|主送)[：:]")
ISSUED_LINE = re.compile(r"印发$")

_CN_NUMERAL = "[一二三四五六七八九十百零〇]+"
HEADING_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^({_CN_NUMERAL})、")),
    (2, re.compile(rf"^（({_CN_NUMERAL})）")),
    (3, re.compile(r"^(\d{1,3})[.．](?!\d)")),
    (4, re.compile(r"^（(\d{1,3})）")),
)

_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}


def chinese_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23, 一百零五 → 105; None if not a numeral."""
    if not text:
        return None
    total, current = 0, 0
    for ch in text:
        if ch in _DIGIT:
            current = _DIGIT[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        else:
            return None
    return total + current


def heading_number(text: str) -> tuple[int, int, str] | None:
    """(level, number, label) when ``text`` opens with a heading number."""
    for level, pattern in HEADING_PATTERNS:
        m = pattern.match(text)
        if m:
            raw = m.group(1)
            number = int(raw) if raw.isdigit() else chinese_number(raw)
            if number is not None:
                return level, number, m.group(0)
    return None


LEVEL_LABELS = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}
