"""styles.xml: one style per 公文 role, every one naming its fonts (no theme fonts)."""

from __future__ import annotations

from docx.oxml.xmlchemy import BaseOxmlElement
from msgspec.structs import replace

from docgen import standard as gb
from docgen.document.model import HEADING_STYLES, Style
from docgen.fonts.roles import Role, docx_family
from docgen.writers.docx import xml as x
from docgen.writers.docx.text import (
    HEADING_LABELS,
    LANG_EAST_ASIA,
    STYLE_IDS,
    fonts,
    text_runs,
)
from docgen.writers.docx.units import (
    BODY_CHAR,
    BODY_SPACING,
    LINE_PITCH,
    PAGE_NUMBER_CHAR,
    PAGE_NUMBER_SIZE_PT,
    TWIPS_PER_PT,
    exact_ascent_pt,
    spacing_twips,
)

PAGE_NUMBER_FONTS = x.Fonts(latin=docx_family(Role.SONGTI), east_asia=docx_family(Role.SONGTI))
SMALL_SIZE_PT = gb.fig("colophon_size")  # 4号: 版记 and tables
FLUSH = x.Indent()


def small_line_raise() -> int:
    """Half-points that raise 4号 text in an exact grid-pitch line so its em box is
    centred in the row, as the layout centres it (LibreOffice puts the baseline 80 %
    down an exact line, lower than centred).  Direct run formatting only: LibreOffice
    7.4 imports a w:position in a style as superscript, at 58 % of the size (measured)."""
    pitch = LINE_PITCH / TWIPS_PER_PT
    centred_baseline = (pitch - SMALL_SIZE_PT) / 2 + gb.EM_ASCENT * SMALL_SIZE_PT
    return round(2 * (exact_ascent_pt(LINE_PITCH) - centred_baseline))


def body_para(**changes: object) -> x.ParaProps:
    """正文 paragraph: indented 2 字, justified, on the grid, no widow control."""
    base = {
        "widow_control": False,
        "kinsoku": True,
        # LibreOffice 7.4's DOCX import reads w:overflowPunct inverted: "1" keeps line-end
        # punctuation inside the 版心, "0" (and the element's absence) hangs it 1 字 past
        # the margin (measured).  Word reads "1" as the standard says (hanging allowed),
        # which is also Word's own default, so Word may hang a final ，。 — the one
        # setting cannot keep punctuation inside the block in both.  We choose the
        # LibreOffice rendering that the tests measure; Word users keep Word's default.
        "overflow_punct": True,
        "snap_to_grid": True,
        "single_spacing": True,
        "indent": x.Indent(first_line=2 * BODY_CHAR),
        "justify": "both",
    }
    return x.ParaProps(**(base | changes))  # type: ignore[arg-type]


def title_lines_para() -> x.ParaProps:
    """标题 (2号) lines: one grid pitch each, exactly, like the layout's rows.  On the grid
    LibreOffice centres a 22 pt line's own height in its row, which puts the 小标宋 em box
    0.4–0.9 mm lower than the layout's centred em box (measured); an exact line puts it
    within 0.3 mm (baseline 80 % down the line)."""
    exact = x.Spacing(exact=LINE_PITCH)
    return body_para(indent=FLUSH, justify="center", keep_next=True, snap_to_grid=False,
                     spacing=exact)  # fmt: skip


def _role_style(
    label: str, para: x.ParaProps, role: Role = Role.FANGSONG, **run: object
) -> x.StyleDef:
    """A custom paragraph style named after its 公文 role, based on 正文 (Normal)."""
    normal, props = STYLE_IDS["正文"], x.RunProps(fonts=fonts(role), **run)  # type: ignore[arg-type]
    return x.StyleDef("paragraph", STYLE_IDS[label], label, based_on=normal, para=para, run=props)


def _built_in_styles() -> list[x.StyleDef]:
    """正文 (Normal), 标题 (Title), 页码 (page number) and the default character style."""
    body_run = x.RunProps(
        fonts=fonts(Role.FANGSONG), spacing_twips=BODY_SPACING, size_pt=gb.BODY_SIZE_PT
    )
    title_run = x.RunProps(
        fonts=fonts(Role.XIAOBIAOSONG), spacing_twips=0, size_pt=gb.TITLE_SIZE_PT
    )
    title_para = title_lines_para()
    page_number_run = x.RunProps(
        fonts=PAGE_NUMBER_FONTS, spacing_twips=0, size_pt=PAGE_NUMBER_SIZE_PT
    )
    sid, default_font = STYLE_IDS, "DefaultParagraphFont"
    return [
        x.StyleDef("paragraph", sid["正文"], "Normal", custom=False, default=True,
                   para=body_para(), run=body_run),
        x.StyleDef("character", default_font, "Default Paragraph Font", custom=False,
                   default=True, ui_priority=1),
        x.StyleDef("paragraph", sid["标题"], "Title", based_on=sid["正文"],
                   next_style=sid["正文"], custom=False, para=title_para, run=title_run),
        x.StyleDef("character", sid["页码"], "page number", based_on=default_font,
                   custom=False, run=page_number_run),
    ]  # fmt: skip


def _header_styles() -> list[x.StyleDef]:
    """版头 (§7.2): 份号/密级/紧急程度 flush left, the red mark, the 发文字号 line."""
    off_grid = body_para(indent=FLUSH, snap_to_grid=False, keep_next=True)
    return [
        _role_style("版头", body_para(indent=FLUSH, justify="left", keep_next=True)),
        _role_style("发文机关标志", replace(off_grid, justify="center"), Role.XIAOBIAOSONG,
                    color=gb.RED_HEX, spacing_twips=0),
        _role_style("发文字号", body_para(indent=FLUSH, justify="center", keep_next=True)),
        _role_style("间距", off_grid),
    ]  # fmt: skip


def _closing_styles() -> list[x.StyleDef]:
    """附件说明, 出席, 署名, 成文日期, 职务, 附注 and the 附件 pages (§7.3.4–7.3.7, §10.3)."""
    title_run = {"spacing_twips": 0, "size_pt": gb.TITLE_SIZE_PT}
    return [
        _role_style("附件说明", body_para(indent=FLUSH)),
        _role_style("出席", body_para(indent=FLUSH)),
        _role_style("署名", body_para(indent=FLUSH, justify="right", keep_next=True)),
        _role_style("成文日期", body_para(indent=FLUSH, justify="right")),
        _role_style("职务", body_para(indent=FLUSH, justify="right", snap_to_grid=False,
                                     keep_next=True)),
        _role_style("附注", body_para(keep_lines=True)),  # as the layout keeps it
        _role_style("附件标识", body_para(indent=FLUSH, justify="left", keep_next=True,
                                       page_break_before=True), Role.HEITI),
        _role_style("附件标题", title_lines_para(),
                    Role.XIAOBIAOSONG, **title_run),
    ]  # fmt: skip


def _small_styles() -> list[x.StyleDef]:
    """4号 text in tables and the 版记: one grid pitch a line, exactly (grid snapping would
    centre a line of digits 0.6 mm higher than a line of 汉字 in the same row, and text
    frames have no grid), the text raised to the middle of the row by its runs."""
    small = {"size_pt": SMALL_SIZE_PT, "spacing_twips": spacing_twips(SMALL_SIZE_PT)}
    rows = body_para(indent=FLUSH, snap_to_grid=False, spacing=x.Spacing(exact=LINE_PITCH))
    return [_role_style("表格文字", rows, **small), _role_style("版记", rows, **small)]


def small_runs(text: str, role: Role = Role.FANGSONG) -> list[BaseOxmlElement]:
    """4号 runs raised to the middle of their row (see small_line_raise)."""
    return text_runs(text, role, extra=x.RunProps(raise_half_points=small_line_raise()))


def _heading_styles(label: str, level: int, role: Role) -> list[x.StyleDef]:
    """一级标题 … as a paragraph style (heading on its own line, with an outline level) and
    a linked character style (heading opening a paragraph inline).

    Kept with the next paragraph, as docgen's PDF layout keeps a heading on its own line:
    neither ends a page with it."""
    para_id, char_id = STYLE_IDS[label], STYLE_IDS[label + "字符"]
    para, role_fonts = body_para(outline_level=level, keep_next=True), fonts(role)
    return [
        replace(_role_style(label, para, role), link=char_id),
        x.StyleDef("character", char_id, label + "字符", based_on="DefaultParagraphFont",
                   link=para_id, run=x.RunProps(fonts=role_fonts)),
    ]  # fmt: skip


def _page_number_styles() -> list[x.StyleDef]:
    """§7.5: odd pages 居右空一字, even pages 居左空一字 (1 字 = one 4号 character).

    Off the grid (``snapToGrid`` 0): the footer distance alone places the number."""
    para = x.ParaProps(widow_control=False, snap_to_grid=False, single_spacing=True)
    run = x.RunProps(fonts=PAGE_NUMBER_FONTS, spacing_twips=0, size_pt=PAGE_NUMBER_SIZE_PT)
    odd = replace(para, indent=x.Indent(right=PAGE_NUMBER_CHAR), justify="right")
    even = replace(para, indent=x.Indent(left=PAGE_NUMBER_CHAR), justify="left")
    return [
        x.StyleDef("paragraph", STYLE_IDS[label], label, para=props, run=run)
        for label, props in (("奇数页页码", odd), ("偶数页页码", even))
    ]


def style_defs() -> list[x.StyleDef]:
    defs = [
        *_built_in_styles(),
        _role_style("主送机关", body_para(indent=FLUSH, keep_next=True)),
        _role_style("通过", body_para(indent=FLUSH, justify="center", keep_next=True), Role.KAITI),
        x.StyleDef("character", STYLE_IDS["着重"], "着重", based_on="DefaultParagraphFont",
                   run=x.RunProps(fonts=fonts(Role.of(Style.EMPHASIS.typeface)))),
        *_header_styles(),
        *_closing_styles(),
        *_small_styles(),
        *_page_number_styles(),
    ]  # fmt: skip
    for level, (label, style) in enumerate(zip(HEADING_LABELS, HEADING_STYLES, strict=True)):
        defs += _heading_styles(label, level, Role.of(style.typeface))
    return defs


def doc_defaults() -> object:
    return x.doc_defaults(
        x.RunProps(
            fonts=fonts(Role.FANGSONG), size_pt=gb.BODY_SIZE_PT, lang_east_asia=LANG_EAST_ASIA
        ),
        x.ParaProps(widow_control=False, kinsoku=True, single_spacing=True),
    )
