"""Typographic roles of GB/T 9704 and the official font names that serve them."""

from __future__ import annotations

from enum import StrEnum

from docgen.standard.typefaces import Typeface


class Role(StrEnum):
    """A font of the build: one per typeface of the standard, and the fallback."""

    FANGSONG = Typeface.FANGSONG.value  # 仿宋: body text, levels 3–4, 版记
    KAITI = Typeface.KAITI.value  # 楷体: level-2 headings, 签发人 names
    HEITI = Typeface.HEITI.value  # 黑体: level-1 headings, 密级, 紧急程度, 附件 labels
    SONGTI = Typeface.SONGTI.value  # 宋体: page numbers
    XIAOBIAOSONG = Typeface.XIAOBIAOSONG.value  # 小标宋: title, 发文机关标志
    LATIN = Typeface.LATIN.value  # half-width digits and Latin letters in body text
    FALLBACK = "fallback"  # characters the role's own font lacks: Song style, last resort
    FALLBACK_KAI = "fallback-kai"  # … in 楷 style, for 楷体 and 仿宋 text
    FALLBACK_HEI = "fallback-hei"  # … in 黑 style, for 黑体 text
    FALLBACK_SONG_BOLD = "fallback-song-bold"  # … in bold Song, for 小标宋 (titles, mark)

    @classmethod
    def of(cls, typeface: Typeface) -> Role:
        return cls(typeface.value)


CJK_ROLES = (Role.FANGSONG, Role.KAITI, Role.HEITI, Role.SONGTI, Role.XIAOBIAOSONG)
FALLBACK_ROLES = (Role.FALLBACK, Role.FALLBACK_KAI, Role.FALLBACK_HEI, Role.FALLBACK_SONG_BOLD)

# Where a character the role's face lacks is looked for, in order: a face of the role's
# style first (a name character such as 喆 in 楷体 text stays 楷), then the Song-style
# fallback, which covers the most.  仿宋 has no free face with wide coverage; the light
# 楷 is the closest of the candidates compared in fonts/README.md.
FALLBACK_CHAIN: dict[Role, tuple[Role, ...]] = {
    Role.FANGSONG: (Role.FALLBACK_KAI, Role.FALLBACK),
    Role.KAITI: (Role.FALLBACK_KAI, Role.FALLBACK),
    Role.HEITI: (Role.FALLBACK_HEI, Role.FALLBACK),
    Role.XIAOBIAOSONG: (Role.FALLBACK_SONG_BOLD, Role.FALLBACK),
}

# Family names an office machine has, official name first.  The first name is the one
# DOCX runs carry; all are searched for when resolving fonts on this machine.
OFFICIAL_NAMES: dict[Role, tuple[str, ...]] = {
    Role.FANGSONG: ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"),
    Role.KAITI: ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi"),
    Role.HEITI: ("黑体", "SimHei"),
    Role.SONGTI: ("宋体", "SimSun"),
    Role.XIAOBIAOSONG: ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK"),
    Role.LATIN: ("Times New Roman",),
    Role.FALLBACK: (),
    Role.FALLBACK_KAI: (),
    Role.FALLBACK_HEI: (),
    Role.FALLBACK_SONG_BOLD: (),
}


def docx_family(role: Role) -> str:
    """The family name a DOCX run names for this role."""
    return OFFICIAL_NAMES[role][0]
