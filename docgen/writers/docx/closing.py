"""What follows the body (§7.3.4–7.3.6, §10.3): 附件说明, 出席 lists, 署名/成文日期 with or
without seals or a 签名章, and the 附注.

Rows follow the layout: the empty rows before each part are the layout's.  Alignments
that the standard ties to other text are made by Word's own means, so they hold whatever
the fonts: hanging indents align wrapped names, centre tab stops put each 署名 under its
seal centre, right indents give 右空二字/右空四字.  Seals and the 签名章 are pictures
anchored to the 署名 (or 职务) paragraph, in front of the text, placed relative to it.

Like the layout, which never lets the 附件说明 or a signature block open a page alone
(it carries the last line of text over with it), each block is kept together and with
the paragraph before it (w:keepNext: Word and LibreOffice then carry that paragraph's
last line over, as the widow control is off).
"""

from __future__ import annotations

from docx.oxml.xmlchemy import BaseOxmlElement
from msgspec import Struct

from docgen import standard as gb
from docgen.document.model import Arrangement, AttachmentNote, Listing, Signature
from docgen.fonts.roles import Role
from docgen.layout.plan import PlacedImage, SignaturePlan, SignatureRow
from docgen.standard import typefaces
from docgen.writers.docx import xml as x
from docgen.writers.docx import xml_drawing as d
from docgen.writers.docx.context import Context
from docgen.writers.docx.text import blanks, object_props, plain, run_props, style_para, text_runs
from docgen.writers.docx.units import (
    BLOCK_WIDTH,
    BODY_CHAR,
    EMU_PER_PT,
    EXACT_BASELINE,
    TWIPS_PER_PT,
    body_width,
    layout_row_top,
    pt_emu,
    pt_twips,
    row_twips,
)


def _chars(figure: str) -> int:
    """A figure in 字 as twips of body text."""
    return round(gb.fig(figure) * BODY_CHAR)


# ---- 附件说明 (§7.3.4) and 出席 lists (§10.3) ---------------------------------------------


def attachment_note(note: AttachmentNote | None) -> list[BaseOxmlElement]:
    """附件：1.name — later numbers under 1., wrapped names under the name's first
    character: hanging indents, one paragraph per attachment."""
    if not note:
        return []
    indent = _chars("attachment_indent")
    label_width = body_width(note.label)
    out = blanks(int(gb.fig("attachment_gap")), keep=True)
    for i, item in enumerate(note.items):
        number = item.note_number
        first = item.title[:1]
        number_width = body_width(number + first) - body_width(first) if number else 0
        hanging = number_width + (label_width if i == 0 else 0)
        ind = x.Indent(left=indent + label_width + number_width, first_line=-hanging)
        text = (note.label if i == 0 else "") + number + item.title
        keep = i < len(note.items) - 1 or None
        out.append(plain(text, style_para("附件说明", indent=ind, keep_next=keep)))
    return out


def attendees(groups: tuple[Listing, ...], start_page: bool) -> list[BaseOxmlElement]:
    """出席/请假/列席: 黑体 label and colon, names in 仿宋 aligned after the colon; one
    empty row above them, or a page break where the layout starts them on a new page."""
    if not groups:
        return []
    indent = _chars("attendees_indent")
    label_role = Role.of(typefaces.ATTENDEES_LABEL.typeface)
    out = [] if start_page else blanks(1)
    for n, group in enumerate(groups):
        head_width = body_width(group.label)
        ind = x.Indent(left=indent + head_width, first_line=-head_width)
        runs = [*text_runs(group.label, label_role), *text_runs(group.names, Role.FANGSONG)]
        brk = (start_page and n == 0) or None
        out.append(x.paragraph(style_para("出席", indent=ind, page_break_before=brk), runs))
    return out


def note(text: str | None) -> list[BaseOxmlElement]:
    """附注 on the line after the date, indented 2 字 (§7.3.6)."""
    return [plain(text, style_para("附注"))] if text else []


# ---- 署名, 成文日期, 印章 (§7.3.5) ---------------------------------------------------------


def signature(ctx: Context, sig: Signature) -> list[BaseOxmlElement]:
    plan = ctx.plan.signature
    assert plan is not None  # the layout plans every signature it sets
    if plan.arrangement == Arrangement.SEAL:
        return _sealed(ctx, sig, plan)
    if plan.arrangement == Arrangement.STAMP:
        return _stamped(ctx, sig, plan)
    return _plain(sig)


def _plain(sig: Signature) -> list[BaseOxmlElement]:
    """No seal (§7.3.5.2): 署名 右空二字 one row below the text, the date below it."""
    layout = signature_layout(sig)
    return [
        *blanks(int(gb.fig("signature_gap")), keep=True),
        *(plain(issuer, layout.issuer) for issuer in sig.issuers),
        plain(sig.date, layout.date),
    ]


class SignatureLayout(Struct, frozen=True):
    """Paragraph properties of the 署名 and the 成文日期 (no seal)."""

    issuer: x.ParaProps
    date: x.ParaProps


def signature_layout(sig: Signature) -> SignatureLayout:
    """§7.3.5.2 (no seal): 署名 右空二字; the date on the next line starts 2 字 right of the
    署名's first character.  If the date is longer than the 署名, the date is 右空二字 and
    the 署名 moves left so the date still starts 2 字 right of it.

    Both lines are right-aligned with computed right indents, so a width estimate that is
    slightly off moves a line a little but can never wrap it.  Joint issuers stand one a
    line, lead issuer first, right-aligned together; the widest counts as "the 署名".
    """
    issuer_w = max(body_width(i) for i in sig.issuers)
    date_w = body_width(sig.date)
    inset, shift = _chars("signature_right"), _chars("date_shift")
    if date_w <= issuer_w:
        issuer_right, date_right = inset, inset + issuer_w - shift - date_w
    else:
        issuer_right, date_right = inset + date_w + shift - issuer_w, inset
    return SignatureLayout(
        issuer=style_para("署名", indent=x.Indent(right=issuer_right)),
        date=style_para("成文日期", indent=x.Indent(right=date_right)),
    )


def _sealed(ctx: Context, sig: Signature, plan: SignaturePlan) -> list[BaseOxmlElement]:
    """With seals (§7.3.5.1): the date 右空四字; each 署名 centred under its seal (a centre
    tab stop), the seals anchored to the 署名 paragraph where the layout puts them."""
    date_right = _chars("sealed_date_right")
    date_centre = BLOCK_WIDTH - date_right - body_width(sig.date) / 2  # twips from the margin
    layout_centre = max(im.x + im.width / 2 for im in plan.seals)
    rows = plan.names
    out = blanks(plan.gap_rows, keep=True)
    for i, row in enumerate(rows):
        row_seals = [im for im in plan.seals if im.row == row.row]
        out += blanks(row.row - rows[i - 1].row - 1, keep=True) if i else []
        out.append(_names_row(ctx, row, row_seals, (date_centre, layout_centre)))
    out += blanks(plan.date_row - rows[-1].row - 1, keep=True)
    out.append(plain(sig.date, style_para("成文日期", indent=x.Indent(right=date_right))))
    return out


def _names_row(
    ctx: Context, row: SignatureRow, seals: list[PlacedImage], centres: tuple[float, float]
) -> BaseOxmlElement:
    """One row of 署名, each centred on a tab stop under its seal; the seals anchored here."""
    date_centre, layout_centre = centres
    ordered = sorted(seals, key=lambda im: im.x)
    stops, runs = [], []
    for name, seal in zip(row.names, ordered, strict=False):
        offset = pt_twips(seal.x + seal.width / 2 - layout_centre)
        stops.append(x.Tab("center", round(date_centre + offset)))
        runs += [x.tab_run(run_props(Role.FANGSONG)), *text_runs(name, Role.FANGSONG)]
    for seal in ordered:
        runs.append(_seal(ctx, seal, date_centre + pt_twips(seal.x - layout_centre)))
    para = style_para("署名", justify="left", tabs=tuple(stops))
    return x.paragraph(para, runs)


def _seal(ctx: Context, seal: PlacedImage, left_twips: float) -> BaseOxmlElement:
    """A seal anchored to its 署名's paragraph: horizontally from the margin, vertically
    from the paragraph (the row's top), as far as the layout has it from the row."""
    left = round(left_twips / TWIPS_PER_PT * EMU_PER_PT)
    place = d.Place(left, pt_emu(seal.y - layout_row_top(seal.row)))
    return _picture(ctx, seal, place, "印章")


def _picture(ctx: Context, image: PlacedImage, place: d.Place, name: str) -> BaseOxmlElement:
    size = (pt_emu(image.width), pt_emu(image.height))
    number, doc_pr = d.doc_pr(ctx.ids, name)
    graphic = d.picture(ctx.image_rid(image.path), size, number, image.path.name)
    return d.anchored(graphic, size, place, doc_pr, z=number, run_props=object_props())


def _stamped(ctx: Context, sig: Signature, plan: SignaturePlan) -> list[BaseOxmlElement]:
    """签发人签名章 (§7.3.5.3): the stamp 右空四字 two rows below the text, the 职务 two 字
    to its left and centred on it, the date one row below the stamp, 右空四字.

    The 职务 paragraph spans the stamp's rows exactly (off the grid): its exact line puts
    the 职务's em centre on the stamp's centre; the stamp is anchored to it."""
    stamp = plan.stamp
    assert stamp is not None
    right = _chars("stamp_right")
    gap = _chars("stamp_title_gap")
    width = pt_twips(stamp.width)
    offset = stamp.y - layout_row_top(stamp.row)
    centre = offset + stamp.height / 2  # points below the paragraph's top
    height = pt_twips((centre + (gb.EM_ASCENT - 0.5) * gb.BODY_SIZE_PT) / EXACT_BASELINE)
    spacing = x.Spacing(after=max(row_twips(plan.stamp_rows) - height, 0), exact=height)
    para = style_para("职务", spacing=spacing, indent=x.Indent(right=right + width + gap))
    place = d.Place(pt_emu((BLOCK_WIDTH - right - width) / TWIPS_PER_PT), pt_emu(offset))
    runs = text_runs(sig.signatory, Role.FANGSONG) if sig.signatory else []
    runs.append(_picture(ctx, stamp, place, "签名章"))
    return [
        *blanks(plan.gap_rows, keep=True),
        x.paragraph(para, runs),
        *blanks(plan.date_row - stamp.row - plan.stamp_rows, keep=True),
        plain(sig.date, style_para("成文日期", indent=x.Indent(right=right))),
    ]
