"""公文 that docgen did not make: written with python-docx the way a clerk sets one up in Word.

One correct 通知 (A4, 版心 156 × 225 mm, a 22 × 28 document grid, the official family names,
red mark and rule, even/odd page numbers, a 版记 table at the foot of the last page), the
same set up the other common way (a line grid, characters condensed), then the same 通知
with one typical office mistake each.  A document is a :class:`Content` (the
words) and a :class:`Setup` (the clerk's formatting choices); a mistake replaces a field of
either.  Everything is written at test time from this file, byte for byte the same each run.

Besides python-docx, two other writers: LibreOffice (the correct DOCX saved as ODT and back
to DOCX; a PDF exported from it) and reportlab (draw.py: a PDF drawn directly).
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor, Twips
from docx.text.paragraph import Paragraph

LATIN = "Times New Roman"
FANGSONG, HEITI, KAITI = "仿宋_GB2312", "黑体", "楷体_GB2312"
SONGTI, XIAOBIAOSONG = "宋体", "方正小标宋简体"
RED = "FF0000"
TWIPS_PER_PT = 20
EMU_PER_MM = 36000
PITCH_TWIPS = 579  # Word's "22 lines" on a 225 mm 版心: 28.95 pt
# 28 characters on 156 mm: 15.79 pt a character, i.e. 16 pt − 0.21 pt (in 1/4096 pt).
CHAR_SPACE = -849
CONDENSED = -5  # or, on a line grid, 0.25 pt less a character (w:spacing, 1/20 pt)


# ---- The words --------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """A body paragraph: ``kind`` is "text", "h1" or "h2"; an h2 may run into body text."""

    kind: str
    text: str
    tail: str = ""


@dataclass(frozen=True)
class Content:
    mark: str
    doc_number: str
    title: tuple[str, ...]  # the title's lines, as the clerk breaks them
    recipients: str
    body: tuple[Block, ...]
    signature: str
    date: str
    cc: str
    printer: str
    printed: str


NOTICE = Content(
    mark="临江市人民政府办公室文件",
    doc_number="临政办发〔2026〕58号",
    title=("关于开展2026年冬春季", "安全生产大检查的通知"),
    recipients="各县（市、区）人民政府，市政府各部门：",
    body=(
        Block(
            "text",
            "为切实做好冬春季安全防范工作，有效遏制各类生产安全事故发生，确保全市"
            "安全生产形势持续稳定，经市政府同意，决定自2026年12月至2027年2月在全市"
            "范围内开展安全生产大检查。现将有关事项通知如下。",
        ),
        Block("h1", "一、检查重点"),
        Block(
            "h2",
            "（一）重点行业领域。",
            "重点检查道路交通、建筑施工、危险化学品、消防、燃气和特种设备等行业领域，"
            "突出人员密集场所和在建工地等重点部位。",
        ),
        Block(
            "h2",
            "（二）重点检查内容。",
            "重点检查企业安全生产主体责任落实情况、隐患排查治理情况和应急预案演练情况。",
        ),
        Block("h1", "二、工作要求"),
        Block(
            "text",
            "各地各部门要层层压实责任，对检查发现的重大隐患实行挂牌督办，明确整改"
            "措施和时限，确保整改到位。请于2027年2月20日前将工作总结报送市应急管理局。",
        ),
        Block("text", "特此通知。"),
    ),
    signature="临江市人民政府办公室",
    date="2026年12月1日",
    cc="抄送：市委办公室，市人大常委会办公室，市政协办公室。",
    printer="临江市人民政府办公室",
    printed="2026年12月1日印发",
)


# ---- The clerk's setup ------------------------------------------------------------------


@dataclass(frozen=True)
class Setup:
    paper_mm: tuple[float, float] = (210, 297)
    margins_mm: tuple[float, float, float, float] = (37, 28, 35, 26)  # top, left, bottom, right
    # "chars": Word's 22 × 28 document grid (lines and characters); "lines": a line grid
    # with the characters condensed 0.25 pt (字符间距 紧缩), the other way to 28 a line;
    # "none": neither.
    grid: str = "chars"
    body_line: int | None = None  # w:spacing w:line (auto): 360 is Word's "1.5 倍行距"
    body_font: str = FANGSONG
    body_size: float = 16
    title_font: str = XIAOBIAOSONG
    title_size: float = 22
    title_align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER
    h1_font: str = HEITI
    h2_font: str = KAITI
    mark_font: str = XIAOBIAOSONG
    mark_size: float = 36
    mark_colour: str = RED
    red_rule: str = "line"  # a drawn line; "border": the 发文字号's bottom border; "none"
    # Word's 允许标点溢出边界 (w:overflowPunct), on by default: a careful clerk unticks it
    overflow_punct: bool = False
    page_number: str = "sides"  # "sides" (odd right, even left), "centre", "page-of", "none"
    colophon_rules: bool = True


# Where a careful clerk, looking at the print preview, moved things: the mark's em top
# 35 mm below the 版心 top, the rule 4 mm below the 发文字号, the page number's dash
# centre 7 mm below the 版心.
MARK_BEFORE_PT = 95.2
MARK_LINE_PT = 44.0
MARK_ROWS = 5  # the mark's paragraph, spacing included, fills this many grid rows
RULE_DROP_MM = 12.4  # from the top of the 发文字号's paragraph, which the rule moves with
FOOTER_MM = 25.0
BORDER_SPACE_PT = 5


@dataclass(frozen=True)
class Foreign:
    """One document of the corpus."""

    name: str
    content: Content = NOTICE
    setup: Setup = Setup()


# ---- Writing ----------------------------------------------------------------------------


def _set(parent, tag: str, before: tuple[str, ...] = (), **attrs: object):
    """The child ``tag`` of ``parent`` (created in schema order), with ``attrs`` set."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        if before:
            parent.insert_element_before(child, *before)
        else:
            parent.append(child)
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), str(value))
    return child


def fonts(rpr, east_asia: str, latin: str = LATIN) -> None:
    _set(rpr, "w:rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin)


def add_run(p: Paragraph, text: str, font: str, size: float, colour: str | None = None):
    run = p.add_run(text)
    rpr = run._r.get_or_add_rPr()
    fonts(rpr, font)
    run.font.size = Pt(size)
    _set(rpr, "w:szCs", val=round(size * 2))
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)
    return run


def off_grid(p: Paragraph) -> None:
    """Word's 如果定义了文档网格，则对齐到网格 unticked: large type keeps its own pitch."""
    _set(p._p.get_or_add_pPr(), "w:snapToGrid", before=_AFTER_PUNCT[6:], val="0")


def exact(p: Paragraph, line_pt: float, before_pt: float = 0, after_pt: float = 0) -> None:
    fmt = p.paragraph_format
    fmt.line_spacing = Pt(line_pt)
    fmt.space_before, fmt.space_after = Pt(before_pt), Pt(after_pt)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY


def indent_chars(p: Paragraph, pitch: float, first: int = 0, left: int = 0, right: int = 0) -> None:
    """Indents in 字 of ``pitch`` pt, as Word writes them: in hundredths of a character,
    and in twips for readers that take no character units."""
    ind = _set(p._p.get_or_add_pPr(), "w:ind", before=("w:jc",))
    for side, n in (("firstLine", first), ("left", left), ("right", right)):
        if n:
            ind.set(qn(f"w:{side}"), str(round(n * pitch * TWIPS_PER_PT)))
            ind.set(qn(f"w:{side}Chars"), str(n * 100))


def char_pitch(setup: Setup, size: float) -> float:
    """A character's advance (pt) in a paragraph on the grid."""
    if setup.grid == "chars":
        return size + CHAR_SPACE / 4096
    return size + (CONDENSED / TWIPS_PER_PT if setup.grid == "lines" else 0)


# Elements that follow w:spacing in a w:rPr, and w:overflowPunct in a w:pPr (schema order).
_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:u", "w:lang")
_AFTER_PUNCT = (
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:jc",
)


def _styles(document, setup: Setup) -> None:
    """docDefaults as a Chinese Word writes them; Normal: the body's font, size, indent."""
    root = document.styles.element
    defaults = root.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set(rpr, "w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _set(ppr, "w:spacing", after="0", line="240", lineRule="auto")
    normal = document.styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    fonts(rpr, setup.body_font)
    normal.font.size = Pt(setup.body_size)
    _set(rpr, "w:szCs", val=round(setup.body_size * 2))
    if setup.grid == "lines":
        _set(rpr, "w:spacing", before=_AFTER_SPACING, val=CONDENSED)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if not setup.overflow_punct:  # no mark hangs past the 版心
        _set(normal.element.get_or_add_pPr(), "w:overflowPunct", before=_AFTER_PUNCT, val="0")
    if setup.body_line:
        ppr = normal.element.get_or_add_pPr()
        _set(ppr, "w:spacing", before=_AFTER_PUNCT[7:], line=setup.body_line, lineRule="auto")


def _section(document, setup: Setup) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = (Mm(v) for v in setup.paper_mm)
    top, left, bottom, right = setup.margins_mm
    section.top_margin, section.left_margin = Mm(top), Mm(left)
    section.bottom_margin, section.right_margin = Mm(bottom), Mm(right)
    section.header_distance, section.footer_distance = Mm(15), Mm(FOOTER_MM)
    grid = section._sectPr.find(qn("w:docGrid"))
    for key in list(grid.attrib):
        del grid.attrib[key]
    if setup.grid == "chars":
        grid.set(qn("w:type"), "linesAndChars")
        grid.set(qn("w:linePitch"), str(PITCH_TWIPS))
        grid.set(qn("w:charSpace"), str(CHAR_SPACE))
    elif setup.grid == "lines":
        grid.set(qn("w:type"), "lines")
        grid.set(qn("w:linePitch"), str(PITCH_TWIPS))
    else:
        grid.set(qn("w:linePitch"), "312")


def _blank(document, rows: int = 1) -> None:
    for _ in range(rows):
        document.add_paragraph()


def _mark(document, content: Content, setup: Setup) -> None:
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    off_grid(p)
    after = MARK_ROWS * PITCH_TWIPS / TWIPS_PER_PT - MARK_BEFORE_PT - MARK_LINE_PT
    exact(p, MARK_LINE_PT, MARK_BEFORE_PT, after)
    add_run(p, content.mark, setup.mark_font, setup.mark_size, setup.mark_colour)


_LINE = (
    '<w:r {ns}><w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300"'
    ' simplePos="0" relativeHeight="251659264" behindDoc="0" locked="0" layoutInCell="1"'
    ' allowOverlap="1"><wp:simplePos x="0" y="0"/>'
    '<wp:positionH relativeFrom="margin"><wp:posOffset>0</wp:posOffset></wp:positionH>'
    '<wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
    '<wp:extent cx="{cx}" cy="0"/><wp:effectExtent l="0" t="9525" r="0" b="9525"/>'
    '<wp:wrapNone/><wp:docPr id="1" name="直接连接符 1"/><wp:cNvGraphicFramePr/>'
    '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
    '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
    '<wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm>'
    '<a:prstGeom prst="line"><a:avLst/></a:prstGeom><a:ln w="19050">'
    '<a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></a:ln></wps:spPr>'
    "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
)


def _doc_number(document, content: Content, setup: Setup) -> None:
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(p, content.doc_number, setup.body_font, setup.body_size)
    if setup.red_rule == "border":
        # 下框线, 1.5 pt red, spaced down to 4 mm below the number
        ppr = p._p.get_or_add_pPr()
        ppr.insert_element_before(
            parse_xml(
                f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="12"'
                f' w:space="{BORDER_SPACE_PT}" w:color="{RED}"/></w:pBdr>'
            ),
            "w:shd",
            "w:tabs",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:jc",
        )
    if setup.red_rule == "line":
        width = round(156 * EMU_PER_MM)
        xml = _LINE.format(
            ns=nsdecls("w", "wp"), y=round(RULE_DROP_MM * EMU_PER_MM), cx=width, colour=RED
        )
        p._p.append(parse_xml(xml))


def _title(document, content: Content, setup: Setup) -> None:
    p = document.add_paragraph()
    p.alignment = setup.title_align
    off_grid(p)
    exact(p, PITCH_TWIPS / TWIPS_PER_PT)
    for i, line in enumerate(content.title):
        run = add_run(p, line, setup.title_font, setup.title_size)
        if i < len(content.title) - 1:
            run.add_break(WD_BREAK.LINE)


def _body(document, content: Content, setup: Setup) -> None:
    for block in content.body:
        p = document.add_paragraph()
        indent_chars(p, char_pitch(setup, setup.body_size), first=2)
        if block.kind == "text":
            add_run(p, block.text, setup.body_font, setup.body_size)
            continue
        font = setup.h1_font if block.kind == "h1" else setup.h2_font
        add_run(p, block.text, font, setup.body_size)
        if block.tail:
            add_run(p, block.tail, setup.body_font, setup.body_size)


def _closing(document, content: Content, setup: Setup) -> None:
    """署名 右空二字 (no seal), the date on the next line starting 2 字 right of it."""
    _blank(document)
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    pitch = char_pitch(setup, setup.body_size)
    indent_chars(p, pitch, right=2)
    add_run(p, content.signature, setup.body_font, setup.body_size)
    p = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    start = 28 - 2 - len(content.signature) + 2
    indent_chars(p, pitch, left=start)
    add_run(p, content.date, setup.body_font, setup.body_size)


def _border(tag: str, size: int) -> str:
    return f'<w:{tag} w:val="single" w:sz="{size}" w:space="0" w:color="000000"/>'


def _colophon(document, content: Content, setup: Setup) -> None:
    """A one-column table floated to the foot of the 版心: 抄送 and 印发 between rules
    (0.35 mm top and bottom, 0.25 mm between), text 1 字 in from each side."""
    table = document.add_table(rows=2, cols=1)
    width = round(156 / 25.4 * 1440)
    rules = "".join(
        _border(tag, size)
        for tag, size in (("top", 8), ("bottom", 8), ("insideH", 6))
        if setup.colophon_rules
    )
    # Dragged to the foot of the page in Word: anchored to the page horizontally, to the
    # margin's bottom vertically.
    tbl_pr = parse_xml(
        f"<w:tblPr {nsdecls('w')}>"
        '<w:tblpPr w:leftFromText="180" w:rightFromText="180" w:vertAnchor="margin"'
        f' w:horzAnchor="page" w:tblpX="{round(28 / 25.4 * 1440)}" w:tblpYSpec="bottom"/>'
        f'<w:tblW w:w="{width}" w:type="dxa"/><w:tblBorders>{rules}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="0" w:type="dxa"/>'
        '<w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    )
    table._tbl.replace(table._tbl.tblPr, tbl_pr)
    table.columns[0].width = Twips(width)
    table.cell(0, 0).width = table.cell(1, 0).width = Twips(width)
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(
            parse_xml(f'<w:trHeight {nsdecls("w")} w:val="{PITCH_TWIPS}" w:hRule="exact"/>')
        )
    cc = table.cell(0, 0).paragraphs[0]
    printed = table.cell(1, 0).paragraphs[0]
    for p in (cc, printed):
        indent_chars(p, 14, left=1, right=1)
        p.paragraph_format.first_line_indent = 0
        off_grid(p)
        exact(p, PITCH_TWIPS / TWIPS_PER_PT)
    add_run(cc, content.cc, setup.body_font, 14)
    stop = width - 14 * TWIPS_PER_PT
    printed.paragraph_format.tab_stops.add_tab_stop(Twips(stop), WD_TAB_ALIGNMENT.RIGHT)
    add_run(printed, f"{content.printer}\t{content.printed}", setup.body_font, 14)


_FIELD = "<w:r {ns}>{rpr}<w:fldChar w:fldCharType='{kind}'/></w:r>"


def _page_field(p: Paragraph, size: float) -> None:
    rpr = f'<w:rPr><w:rFonts w:ascii="{SONGTI}" w:hAnsi="{SONGTI}" w:eastAsia="{SONGTI}"/>'
    rpr += f'<w:sz w:val="{round(size * 2)}"/></w:rPr>'
    ns = nsdecls("w")
    p._p.append(parse_xml(_FIELD.format(ns=ns, rpr=rpr, kind="begin")))
    p._p.append(
        parse_xml(f'<w:r {ns}>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>')
    )
    p._p.append(parse_xml(_FIELD.format(ns=ns, rpr=rpr, kind="separate")))
    p._p.append(parse_xml(f"<w:r {ns}>{rpr}<w:t>1</w:t></w:r>"))
    p._p.append(parse_xml(_FIELD.format(ns=ns, rpr=rpr, kind="end")))


def _footer_paragraph(footer, setup: Setup, odd: bool) -> None:
    p = footer.paragraphs[0]
    off_grid(p)
    p.paragraph_format.first_line_indent = 0
    if setup.page_number == "page-of":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_run(p, "第", SONGTI, 14)
        _page_field(p, 14)
        add_run(p, "页", SONGTI, 14)
        return
    if setup.page_number == "centre":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif odd:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        indent_chars(p, 14, right=1)
    else:
        p.alignment = WD_ALIGN_PARAGRAPH.LEFT
        indent_chars(p, 14, left=1)
    add_run(p, "— ", SONGTI, 14)
    _page_field(p, 14)
    add_run(p, " —", SONGTI, 14)


def _footers(document, setup: Setup) -> None:
    if setup.page_number == "none":
        return
    section = document.sections[0]
    _footer_paragraph(section.footer, setup, odd=True)
    if setup.page_number == "sides":
        document.settings.odd_and_even_pages_header_footer = True
        _footer_paragraph(section.even_page_footer, setup, odd=False)


def write_docx(doc: Foreign, path: Path) -> Path:
    content, setup = doc.content, doc.setup
    document = docx.Document()
    document.core_properties.author = "办公室"
    document.core_properties.title = "".join(content.title)
    _styles(document, setup)
    _section(document, setup)
    _mark(document, content, setup)
    _blank(document, 2)
    _doc_number(document, content, setup)
    _blank(document, 2)
    _title(document, content, setup)
    _blank(document)
    p = document.add_paragraph()
    add_run(p, content.recipients, setup.body_font, setup.body_size)
    _body(document, content, setup)
    _closing(document, content, setup)
    _colophon(document, content, setup)
    document.add_paragraph()  # the paragraph mark Word keeps after a table
    _footers(document, setup)
    document.save(str(path))
    _fix_zip_times(path)
    return path


def _fix_zip_times(path: Path) -> None:
    """The same bytes on every run: the package's entries dated to the document's date."""
    with zipfile.ZipFile(path) as src:
        items = [(item, src.read(item)) for item in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item, data in items:
            item.date_time = (2026, 12, 1, 9, 0, 0)
            dst.writestr(item, data)


# ---- The corpus: the correct 通知 and one office mistake each ---------------------------


def _body_replaced(old: str, new: str) -> tuple[Block, ...]:
    return tuple(
        replace(b, text=b.text.replace(old, new), tail=b.tail.replace(old, new))
        for b in NOTICE.body
    )


def _content(**changes: object) -> Content:
    return replace(NOTICE, **changes)


LONG_ISSUER = "临江市安全生产委员会办公室"

CORPUS: tuple[Foreign, ...] = (
    Foreign("correct"),
    # Word's default 允许标点溢出边界 kept: no line of this text ends where a mark would
    # hang, and LibreOffice's own PDF export (which reads w:overflowPunct="0" inverted)
    # sets it as Word does.
    Foreign("correct-condensed", setup=Setup(grid="lines", overflow_punct=True)),
    Foreign("body-songti", setup=Setup(body_font=SONGTI)),
    Foreign("word-default-margins", setup=Setup(margins_mm=(25.4, 31.8, 25.4, 31.8))),
    Foreign("letter-paper", setup=Setup(paper_mm=(215.9, 279.4))),
    Foreign("line-spacing-1.5", setup=Setup(body_line=360)),
    Foreign("no-document-grid", setup=Setup(grid="none")),
    Foreign("body-14pt", setup=Setup(body_size=14)),
    Foreign("title-yahei", setup=Setup(title_font="微软雅黑")),
    Foreign("title-left", setup=Setup(title_align=WD_ALIGN_PARAGRAPH.LEFT)),
    Foreign("heading-1-fangsong", setup=Setup(h1_font=FANGSONG)),
    Foreign("mark-black", setup=Setup(mark_colour="000000")),
    Foreign(
        "mark-two-lines",
        _content(mark=LONG_ISSUER + "文件", signature=LONG_ISSUER, printer=LONG_ISSUER),
    ),
    Foreign("no-red-rule", setup=Setup(red_rule="none")),
    Foreign("red-rule-as-border", setup=Setup(red_rule="border")),
    Foreign(
        "hanging-punctuation",
        # 26 characters fill the line after the indent; the 、 after them hangs past it
        _content(body=_body_replaced("责任落实情况、", "责任落实、")),
        Setup(overflow_punct=True),
    ),
    Foreign("no-page-numbers", setup=Setup(page_number="none")),
    Foreign("page-numbers-centred", setup=Setup(page_number="centre")),
    Foreign("page-numbers-di-ye", setup=Setup(page_number="page-of")),
    Foreign("colophon-without-rules", setup=Setup(colophon_rules=False)),
    Foreign("date-chinese-numerals", _content(date="二〇二六年十二月一日")),
    Foreign("doc-number-round-brackets", _content(doc_number="临政办发(2026)58号")),
    Foreign("doc-number-leading-zero", _content(doc_number="临政办发〔2026〕058号")),
    Foreign("headings-skip", _content(body=_body_replaced("二、工作要求", "三、工作要求"))),
    Foreign("headings-half-width", _content(body=_body_replaced("（一）", "(一)"))),
    Foreign("recipients-no-colon", _content(recipients=NOTICE.recipients.rstrip("："))),
    Foreign("cc-no-full-stop", _content(cc=NOTICE.cc.rstrip("。"))),
)


# ---- Other writers: LibreOffice, reportlab ----------------------------------------------


def soffice_convert(source: Path, out_dir: Path, target: str) -> Path:
    """``soffice --convert-to target`` the way docgen.libreoffice runs it: headless, with
    a throw-away profile, in its own process group (killed whole on a timeout)."""
    from docgen.libreoffice import LibreOfficeError, _run, find_soffice

    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeError("LibreOffice (soffice) is not installed")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="foreign-lo-profile-") as profile:
        cmd = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir.resolve()),
            str(source.resolve()),
        ]
        _run(cmd, dict(os.environ), timeout=120)
    out = out_dir / f"{source.stem}.{target.split(':')[0]}"
    if not out.is_file():
        raise LibreOfficeError(f"LibreOffice wrote no {out.name}")
    return out


def libreoffice_docx(source: Path, folder: Path) -> Path:
    """The DOCX saved by LibreOffice: opened, saved as ODT, the ODT saved as DOCX."""
    odt = soffice_convert(source, folder / "odt", "odt")
    return soffice_convert(odt, folder / "docx", "docx:MS Word 2007 XML")
