"""Sections and their footers: page numbers, 信函 page 1, turned pages, the 版记 page.

A new section starts where the page numbering changes (§7.5) or the page turns (§8):

* ``numbered``: — N — in 4号宋体, odd pages 居右空一字, even pages 居左空一字, the dash
  centre 7 mm below the 版心 (odd and even footers, ``w:evenAndOddHeaders``).
* ``none``: the blank page before the 版记 and the 版记 page after it carry no number — a
  section whose footers are empty.
* ``turned``: a landscape section for a 横排表格.  Its footer holds the page number in a
  text box anchored to the page, its text turned a quarter clockwise, where the portrait
  pages have theirs: read with the table (landscape top = the binding edge, as printers
  turn landscape pages), it stands at the left edge 28 mm in (= 7 mm below the portrait
  版心), along the portrait page's 1-字 insets.  An ordinary footer would put it at the
  foot of the landscape page, which is the portrait page's right edge.
* 信函 (§10.1): the first section's page 1 has its own first-page header holding the red
  double lines (``w:titlePg``) and an empty first-page footer: no number on page 1.

Sections end at a paragraph (``w:pPr/w:sectPr``); python-docx then reaches every section's
header and footer parts through ``Document.sections``.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.shared import Twips
from msgspec import Struct

from docgen import standard as gb
from docgen.writers.docx import internals
from docgen.writers.docx import xml as x
from docgen.writers.docx import xml_drawing as d
from docgen.writers.docx.styles import PAGE_NUMBER_FONTS
from docgen.writers.docx.text import STYLE_IDS, object_props, style_para
from docgen.writers.docx.units import (
    BLOCK_WIDTH,
    LINE_PITCH,
    MARGIN_BOTTOM,
    MARGIN_LEFT,
    MARGIN_RIGHT,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    TWIPS_PER_PT,
    pt_emu,
    twips,
)

PAGE_NUMBER_DASH = "\u2014"  # 一字线

# ---- Page-number footer (§7.5) ------------------------------------------------------
# "一字线距版心下边缘7mm": the dash centre sits 7 mm below the 版心, 28 mm above the page
# bottom.  The footer distance is the gap from the page bottom to the footer paragraph's
# lower edge; the dash centre sits that paragraph's descent plus the dash's height above
# its baseline higher.  Measured in LibreOffice 7.4 with FandolSong at 14 pt: the dash
# centre is 8.11 pt above the footer distance (tests/test_libreoffice.py re-measures it).
# Word draws the official 宋体 (SimSun, descent 0.141 em instead of FandolSong's 0.2):
# estimated ~0.3 mm lower there, inside the ±1 mm tolerance (not measured: no Word here).
DASH_ABOVE_FOOTER_DISTANCE_PT = 8.11
_DASH_FROM_BOTTOM_PT = gb.PAGE_HEIGHT_PT - (
    gb.BLOCK_BOTTOM_PT + gb.mm_to_pt(gb.fig("page_number_gap"))
)
FOOTER_DISTANCE = round((_DASH_FROM_BOTTOM_PT - DASH_ABOVE_FOOTER_DISTANCE_PT) * TWIPS_PER_PT)
HEADER_DISTANCE = twips(15)  # the 信函's header holds only anchored lines
# The turned page number's text box reaches from the page's left edge to just past the
# number: LibreOffice 7.4 ignores the offsets of a text box in a header or footer (it puts
# it at 0, 0; lines there keep theirs), so the box is aligned left on the page instead,
# and turned text sits at the box's right edge: the em centre of 14 pt FandolSong turned
# text 3.4 mm left of it (measured).
TURNED_EM_FROM_RIGHT_MM = 3.4
# A turned page holds whole grid rows: LibreOffice centres the rows in the text area, so
# a text area that is not a whole number of rows would move every row down (measured:
# 1.4 mm on a 156 mm turned 版心; 0.16 mm on the portrait page, whose 22 rows leave 18 of
# its 12756 twips).
TURNED_ROWS = int(gb.BLOCK_WIDTH_PT // gb.LINE_PITCH_PT)


class SectionSpec(Struct, frozen=True):
    landscape: bool = False
    footer: str = "numbered"  # numbered, none, turned
    letter_first_page: bool = False


class SectionEnd(Struct, frozen=True):
    """Marks the end of a section in the list of body elements."""

    spec: SectionSpec


Item = BaseOxmlElement | SectionEnd


def place_breaks(
    body: BaseOxmlElement, items: Sequence[Item], template: BaseOxmlElement
) -> list[SectionSpec]:
    """Append the elements to ``body`` (before its final ``w:sectPr``), ending a section
    at the paragraph before each SectionEnd; returns the ended sections' specs in order."""
    specs = []
    last_p: BaseOxmlElement | None = None
    for item in items:
        if isinstance(item, SectionEnd):
            if last_p is None:  # a table cannot hold a section break: a 1-twip paragraph
                last_p = x.paragraph(style_para("间距", spacing=x.Spacing(exact=1)))
                internals.append_paragraph(body, last_p)
            x.set_section_break(last_p, _bare(template))
            specs.append(item.spec)
            last_p = None
        elif item.tag == qn("w:p"):
            internals.append_paragraph(body, item)
            last_p = item
        else:
            internals.append_table(body, item)
            last_p = None
    return specs


def _bare(template: BaseOxmlElement) -> BaseOxmlElement:
    """A copy of the body's w:sectPr without header or footer references."""
    sect_pr = copy.deepcopy(template)
    for ref in sect_pr.findall(qn("w:headerReference")) + sect_pr.findall(qn("w:footerReference")):
        sect_pr.remove(ref)
    return sect_pr


# ---- Setting up each section ---------------------------------------------------------------


def set_up(
    document: DocxDocument,
    specs: Sequence[SectionSpec],
    *,
    double_sided: bool,
    ids: d.DrawingIds,
    letter_lines: list[BaseOxmlElement],
) -> None:
    for section, spec in zip(document.sections, specs, strict=True):
        _page(section, spec.landscape)
        section.start_type = WD_SECTION.NEW_PAGE
        footers = [(section.footer, "奇数页页码")]
        if double_sided:
            footers.append((section.even_page_footer, "偶数页页码"))
        for footer, style in footers:
            _fill(footer, _footer_content(spec, style, ids))
        if spec.letter_first_page:
            section.different_first_page_header_footer = True
            _fill(section.first_page_footer, [_empty()])
            _fill(section.first_page_header, letter_lines)


def _fill(part: internals.HeaderFooter, paragraphs: list[BaseOxmlElement]) -> None:
    part.is_linked_to_previous = False
    x.replace_children(internals.part_root(part), paragraphs)


def _empty() -> BaseOxmlElement:
    return x.paragraph(x.ParaProps(style=STYLE_IDS["奇数页页码"]))


def _footer_content(spec: SectionSpec, style: str, ids: d.DrawingIds) -> list[BaseOxmlElement]:
    if spec.footer == "none":
        return [_empty()]
    if spec.footer == "turned":
        return [_turned_number(style, ids)]
    return [page_number_paragraph(style)]


def _page(section: Section, landscape: bool) -> None:
    """A4 with the 版心 of §5.2; turned, the portrait margins go round with the page."""
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Twips(PAGE_HEIGHT), Twips(PAGE_WIDTH)
        bottom = PAGE_WIDTH - MARGIN_LEFT - TURNED_ROWS * LINE_PITCH
        section.top_margin, section.bottom_margin = Twips(MARGIN_LEFT), Twips(bottom)
        section.left_margin, section.right_margin = Twips(MARGIN_BOTTOM), Twips(MARGIN_TOP)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Twips(PAGE_WIDTH), Twips(PAGE_HEIGHT)
        section.left_margin, section.right_margin = Twips(MARGIN_LEFT), Twips(MARGIN_RIGHT)
        section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.header_distance = Twips(HEADER_DISTANCE)
    section.footer_distance = Twips(FOOTER_DISTANCE if not landscape else twips(10))
    section.gutter = Twips(0)
    x.set_line_grid(internals.section_properties(section), LINE_PITCH)


# ---- Page numbers ----------------------------------------------------------------------------


def _number_runs() -> list[BaseOxmlElement]:
    """ "— N —": U+2014 一字线, a space, the PAGE field, a space, 一字线 (§7.5)."""
    props = x.RunProps(style=STYLE_IDS["页码"], fonts=PAGE_NUMBER_FONTS, hint_east_asia=True)
    return [
        x.text_run(f"{PAGE_NUMBER_DASH} ", props),
        *x.field_runs("PAGE", "1", props),
        x.text_run(f" {PAGE_NUMBER_DASH}", props),
    ]


def page_number_paragraph(style_label: str) -> BaseOxmlElement:
    return x.paragraph(x.ParaProps(style=STYLE_IDS[style_label]), _number_runs())


def _turned_number(style_label: str, ids: d.DrawingIds) -> BaseOxmlElement:
    """The portrait page number on a landscape page: a turned text box along the left edge
    (the portrait foot), as long as the portrait 版心 is wide, its line 28 mm in."""
    centre = gb.PAGE_HEIGHT_PT - gb.BLOCK_BOTTOM_PT - gb.mm_to_pt(gb.fig("page_number_gap"))
    width = centre + gb.mm_to_pt(TURNED_EM_FROM_RIGHT_MM)
    size = (pt_emu(width), pt_emu(BLOCK_WIDTH / TWIPS_PER_PT))
    place = d.Place(0, 0, "page", "margin", h_align="left")
    _, doc_pr = d.doc_pr(ids, "页码")
    box = d.text_box([page_number_paragraph(style_label)], size, vertical=True)
    anchor = d.anchored(box, size, place, doc_pr, run_props=object_props())
    return x.paragraph(x.ParaProps(style=STYLE_IDS[style_label]), [anchor])
