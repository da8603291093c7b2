"""Font classes (仿宋, 楷体, 黑体, 宋体, 小标宋) told from PDF or DOCX family names."""

from __future__ import annotations

import re

from docgen.standard.typefaces import Typeface

# Order matters: "FZXiaoBiaoSong" holds "song", "FangSong" holds both "fang" and "song".
_PATTERNS: tuple[tuple[Typeface, re.Pattern[str]], ...] = (
    (Typeface.XIAOBIAOSONG, re.compile(r"小标宋|xiaobiaosong|xbs|biaosong", re.I)),
    (Typeface.FANGSONG, re.compile(r"仿宋|fangsong|fang|simfang", re.I)),
    (Typeface.KAITI, re.compile(r"楷|kai|ukai", re.I)),
    (Typeface.HEITI, re.compile(r"黑|hei|sans\s*cjk|sanssc|sanscn|hansans|yahei|dengxian", re.I)),
    (
        Typeface.SONGTI,
        re.compile(r"宋|song|simsun|nsimsun|ming|serif\s*cjk|serifsc|serifcn|hanserif", re.I),
    ),
    (
        Typeface.LATIN,
        re.compile(
            r"times|liberation\s*serif|liberationserif|tinos|nimbus\s*rom|dejavu|arial", re.I
        ),
    ),
)
_BOLD = re.compile(r"bold|heavy|black|semibold|demi|粗", re.I)

NAMES = {
    Typeface.FANGSONG: "仿宋 FangSong",
    Typeface.KAITI: "楷体 KaiTi",
    Typeface.HEITI: "黑体 HeiTi",
    Typeface.SONGTI: "宋体 SongTi",
    Typeface.XIAOBIAOSONG: "小标宋 XiaoBiaoSong",
    Typeface.LATIN: "Latin (Times-like)",
}


def base_name(name: str) -> str:
    """A PDF font name without its subset prefix (``ABCDEF+``)."""
    return name.split("+", 1)[1] if re.match(r"^[A-Z]{6}\+", name) else name


def is_bold(name: str, flags: int = 0) -> bool:
    return bool(_BOLD.search(base_name(name))) or bool(flags & 16)


def font_class(name: str, bold: bool = False) -> Typeface | None:
    """The class of a font by its family name; a bold 宋体 counts as 小标宋; None if unknown."""
    base = base_name(name)
    for role, pattern in _PATTERNS:
        if pattern.search(base):
            if role == Typeface.SONGTI and bold:
                return Typeface.XIAOBIAOSONG
            return role
    return None


def describe(role: Typeface | None) -> str:
    return NAMES.get(role, "unknown") if role else "unknown"
