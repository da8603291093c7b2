"""Numbers as the standard and GB/T 15835 write them: heading ordinals (结构层次序数, §7.3.3),
point ordinals (一是, 二是), dates (§7.3.5.4) and page numbers (§7.5)."""

from __future__ import annotations

import datetime as dt

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (for 1 ≤ n < 10000)."""
    if not 0 < n < 10000:
        raise ValueError(f"chinese_number takes 1–9999, not {n}")
    units = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
    out, zero_pending = [], False
    for value, name in units:
        digit, n = divmod(n, value)
        if digit:
            if zero_pending:
                out.append("零")
            out.append(_DIGITS[digit] + name)
            zero_pending = False
        elif out:
            zero_pending = True
    text = "".join(out)
    # 十一, not 一十一, when the number starts at the tens.
    return text[1:] if text.startswith("一十") else text


# §7.3.3 "文中结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注".
_ORDINALS = {
    1: lambda n: f"{chinese_number(n)}、",
    2: lambda n: f"（{chinese_number(n)}）",
    3: lambda n: f"{n}.",
    4: lambda n: f"（{n}）",
}
HEADING_LEVELS = len(_ORDINALS)


def ordinal(n: int, level: int) -> str:
    """The ordinal of the n-th heading at ``level`` (1–4)."""
    if level not in _ORDINALS:
        raise ValueError(f"heading level must be 1–{HEADING_LEVELS}, not {level}")
    return _ORDINALS[level](n)


def item_ordinal(n: int) -> str:
    """一是, 二是, … for the n-th item of a run of points (practice)."""
    return f"{chinese_number(n)}是"


def date_text(value: dt.date) -> str:
    """§7.3.5.4: Arabic digits, the full year, no leading zeros: 2021年7月1日."""
    return f"{value.year}年{value.month}月{value.day}日"


PAGE_NUMBER_DASH = "\u2014"  # §7.5 一字线


def page_number_text(n: int) -> str:
    """§7.5: the number between 一字线, a space on each side (practice): — 1 —"""
    return f"{PAGE_NUMBER_DASH} {n} {PAGE_NUMBER_DASH}"
