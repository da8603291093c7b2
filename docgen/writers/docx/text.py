"""Style names by 公文 role, fonts, and runs of text for the DOCX writer.

Word stores built-in styles under English names and shows them localized: Chinese Word
shows Normal as 正文, Title as 标题 and "page number" as 页码, and keeps style names
unique, so custom styles literally named 正文/标题/页码 would clash with them.  Those three
roles are therefore the built-ins; every other role is a custom style named in Chinese.
STYLE_NAMES maps each role to its w:name in styles.xml.
"""

from __future__ import annotations

import itertools
import unicodedata

from docx.oxml.xmlchemy import BaseOxmlElement
from msgspec.structs import replace

from docgen.fonts.roles import Role, docx_family
from docgen.writers.docx import xml as x

STYLE_IDS = {
    "正文": "Normal",
    "标题": "Title",
    "主送机关": "Recipients",
    "通过": "AdoptedGw",  # 决议: （……会议通过） under the title
    "一级标题": "Heading1Gw",
    "二级标题": "Heading2Gw",
    "三级标题": "Heading3Gw",
    "四级标题": "Heading4Gw",
    "一级标题字符": "Heading1GwChar",
    "二级标题字符": "Heading2GwChar",
    "三级标题字符": "Heading3GwChar",
    "四级标题字符": "Heading4GwChar",
    "着重": "EmphasisGw",
    "署名": "SignatureGw",
    "成文日期": "DocDateGw",
    "页码": "PageNumber",
    "奇数页页码": "PageNumberOdd",
    "偶数页页码": "PageNumberEven",
    # 版头 (§7.2) and the special formats (§10)
    "版头": "HeaderPartGw",  # 份号, 密级和保密期限, 紧急程度
    "发文机关标志": "MarkGw",
    "发文字号": "DocNumberGw",  # also 令号 and the 签发人 line
    "间距": "SpacerGw",  # exact-height empty paragraphs: around the mark, anchors
    # 主体 (§7.3)
    "附件说明": "AttachmentNoteGw",
    "出席": "AttendeesGw",
    "职务": "SignatoryGw",
    "附注": "NoteGw",
    "附件标识": "AttachmentLabelGw",
    "附件标题": "AttachmentTitleGw",
    "表格文字": "TableTextGw",
    # 版记 (§7.4)
    "版记": "ColophonGw",
}
_BUILT_IN_NAMES = {"正文": "Normal", "标题": "Title", "页码": "page number"}
STYLE_NAMES = {role: _BUILT_IN_NAMES.get(role, role) for role in STYLE_IDS}
HEADING_LABELS = ("一级标题", "二级标题", "三级标题", "四级标题")

LATIN = docx_family(Role.LATIN)  # "Times New Roman": half-width digits and Latin letters
LANG_EAST_ASIA = "zh-CN"


def fonts(role: Role) -> x.Fonts:
    """Text fonts: the role's official CJK family, Times New Roman for Latin."""
    return x.Fonts(latin=LATIN, east_asia=docx_family(role))


def _is_ambiguous(ch: str) -> bool:
    """East Asian Width "A": “”‘’—…·°×※ … full width in Chinese text, but shared with
    Latin text, so a renderer may give them the Latin font."""
    return not ch.isascii() and unicodedata.east_asian_width(ch) == "A"


def _latin_in_libreoffice(segment: str, before: str) -> bool:
    """Whether LibreOffice sets a run of ambiguous characters in the Latin font.

    LibreOffice gives a shared character the script of the character before it (the ”
    of “X” follows X: Latin) and always treats Latin-1 signs (· ° ×) as Latin; it ignores
    w:hint.  Elsewhere the shared characters follow CJK text and take the East Asian font.
    """
    return before.isascii() or any(ord(ch) < 0x100 for ch in segment)


def text_runs(
    text: str, role: Role, char_style: str | None = None, extra: x.RunProps | None = None
) -> list[BaseOxmlElement]:
    """Runs for ``text`` in ``role``'s font, half-width letters and digits in Times New Roman.

    Shared punctuation that LibreOffice would set in the Latin font (half width: the
    closing quote of “X” came out 2.5 mm wide) gets a run naming the CJK family in every
    slot.  Only those: a run boundary between CJK characters costs LibreOffice a little
    width (measured: a 26-character first line lost a character when every quote mark had
    its own run).  Word draws all of them in the East Asian font anyway (w:hint).
    ``extra`` adds direct formatting (size, colour, spacing) to every run.
    """
    base = extra or x.RunProps()
    runs, before = [], ""
    for ambiguous, chars in itertools.groupby(text, key=_is_ambiguous):
        segment = "".join(chars)
        cjk_only = ambiguous and _latin_in_libreoffice(segment, before[-1:] or "a")
        east_asia = docx_family(role)
        run_fonts = x.Fonts(latin=east_asia if cjk_only else LATIN, east_asia=east_asia)
        props = _with(base, style=char_style, fonts=run_fonts)
        if runs and not cjk_only and not runs[-1][0]:
            runs[-1] = (False, runs[-1][1] + segment, props)
        else:
            runs.append((cjk_only, segment, props))
        before = segment
    return [x.text_run(segment, props) for _, segment, props in runs]


def _with(base: x.RunProps, **changes: object) -> x.RunProps:
    return replace(base, hint_east_asia=True, **changes)  # type: ignore[arg-type]


def run_props(role: Role, **changes: object) -> x.RunProps:
    """Direct run formatting naming ``role``'s fonts (for tabs and breaks between texts)."""
    return x.RunProps(fonts=fonts(role), hint_east_asia=True, **changes)  # type: ignore[arg-type]


def object_props() -> BaseOxmlElement:
    """The w:rPr of a run holding a picture or shape: it names its fonts like the others."""
    return run_props(Role.FANGSONG).element()


def style_para(label: str, **changes: object) -> x.ParaProps:
    """Paragraph properties that apply the role style ``label``, plus direct changes."""
    return x.ParaProps(style=STYLE_IDS[label], **changes)  # type: ignore[arg-type]


def plain(text: str, para: x.ParaProps, role: Role = Role.FANGSONG) -> BaseOxmlElement:
    return x.paragraph(para, text_runs(text, role))


def blank(para: x.ParaProps | None = None) -> BaseOxmlElement:
    """An empty paragraph: one grid row."""
    return x.paragraph(para or x.ParaProps())


def blanks(rows: int, keep: bool = False) -> list[BaseOxmlElement]:
    """``rows`` empty grid rows; ``keep``: each kept with what follows (closing parts)."""
    para = x.ParaProps(keep_next=True) if keep else None
    return [blank(para) for _ in range(max(rows, 0))]


def spacer(height: int) -> BaseOxmlElement:
    """An empty paragraph exactly ``height`` twips tall, off the grid."""
    spacing = x.Spacing(exact=max(height, 1))
    return x.paragraph(style_para("间距", spacing=spacing))
