"""`docgen fonts`: the font of every role, whether it is the official one, and why."""

from __future__ import annotations

from docgen.fonts.faces import Faces
from docgen.fonts.roles import FALLBACK_ROLES, OFFICIAL_NAMES, Role
from docgen.i18n import tr

_ROLE_NAMES = {
    Role.FANGSONG: "仿宋 (body text)",
    Role.KAITI: "楷体 (level-2 headings)",
    Role.HEITI: "黑体 (level-1 headings)",
    Role.SONGTI: "宋体 (page numbers)",
    Role.XIAOBIAOSONG: "小标宋 (title, mark)",
    Role.LATIN: "Latin (digits, letters)",
    Role.FALLBACK: "fallback (rare characters)",
    Role.FALLBACK_KAI: "楷 fallback (rare characters in 仿宋, 楷体)",
    Role.FALLBACK_HEI: "黑 fallback (rare characters in 黑体)",
    Role.FALLBACK_SONG_BOLD: "bold 宋 fallback (name characters in 小标宋)",
}


_SHORT = {
    Role.FANGSONG: "仿宋",
    Role.KAITI: "楷体",
    Role.HEITI: "黑体",
    Role.SONGTI: "宋体",
    Role.XIAOBIAOSONG: "小标宋",
    Role.LATIN: "Latin",
    Role.FALLBACK: "fallback",
    Role.FALLBACK_KAI: "楷fallback",
    Role.FALLBACK_HEI: "黑fallback",
    Role.FALLBACK_SONG_BOLD: "小标宋fallback",
}


def summary(faces: Faces) -> str:
    """One line naming the font of every role, for build logs."""
    parts = []
    for role in Role:
        choice = faces.choices[role]
        how = (
            tr("official")
            if choice.official
            else tr("fallback")
            if role in FALLBACK_ROLES
            else tr("substitute")
        )
        parts.append(
            tr("{role}={family} ({how})").format(role=_SHORT[role], family=choice.family, how=how)
        )
    return tr("fonts: {list}").format(list=", ".join(parts))


def describe(faces: Faces) -> list[str]:
    lines = []
    for role in Role:
        choice = faces.choices[role]
        if role in FALLBACK_ROLES:
            status = "fallback"
        else:
            status = "official" if choice.official else f"substitute for {OFFICIAL_NAMES[role][0]}"
        lines.append(f"{role.value:13} {_ROLE_NAMES[role]}")
        lines.append(f"{'':13} {choice.family} — {status}; {choice.reason}")
        lines.append(f"{'':13} {choice.path}")
    return lines
