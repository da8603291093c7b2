import datetime as dt

import pytest

from docgen.standard.numbering import chinese_number, date_text, item_ordinal, ordinal


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (21, "二十一"),
        (99, "九十九"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (1005, "一千零五"),
        (2021, "二千零二十一"),
    ],
)
def test_chinese_numbers(n: int, expected: str) -> None:
    assert chinese_number(n) == expected


def test_ordinals_per_level() -> None:
    assert [ordinal(3, level) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]
    assert ordinal(12, 1) == "十二、"
    assert item_ordinal(5) == "五是"


def test_deeper_levels_are_refused() -> None:
    with pytest.raises(ValueError, match="1–4"):
        ordinal(1, 5)


def test_dates_have_no_leading_zeros() -> None:
    assert date_text(dt.date(2021, 7, 1)) == "2021年7月1日"
    assert date_text(dt.date(2012, 10, 9)) == "2012年10月9日"
