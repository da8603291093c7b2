"""Document kinds (文种): each names its body template and its defaults.

Adding a kind is one entry here and, if its body differs, one template in ``templates/``.
"""

from __future__ import annotations

from msgspec import Struct


class Kind(Struct, frozen=True):
    name: str  # the 文种 as users write it
    template: str  # file in docgen/templates/
    upward: bool = False  # 上行文: 签发人 in the header, 发文字号 flush left
    format: str = "document"  # 文件格式; letter 信函格式, order 命令格式, minutes 纪要格式


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("通知", "notice.xml.j2"),
        Kind("通报", "notice.xml.j2"),
        Kind("意见", "notice.xml.j2"),
        Kind("决定", "notice.xml.j2"),
        Kind("报告", "report.xml.j2", upward=True),
        Kind("请示", "request.xml.j2", upward=True),
        Kind("函", "letter.xml.j2", format="letter"),
        Kind("纪要", "minutes.xml.j2", format="minutes"),
        Kind("命令", "order.xml.j2", format="order"),
        Kind("总结", "summary.xml.j2"),
    )
}
