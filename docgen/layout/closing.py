"""What follows the body: 附件说明, 出席 lists, 署名/成文日期/印章, 附注 (§7.3.4–7.3.6, §10.3)."""

from __future__ import annotations

import math
from pathlib import Path

from docgen.document.model import Arrangement, AttachmentNote, Listing, Signature
from docgen.fonts.roles import Role
from docgen.layout import grid
from docgen.layout.flow import Flow
from docgen.layout.linebreak import Placed
from docgen.layout.model import Image, TextLine
from docgen.layout.plan import PlacedImage, SignaturePlan, SignatureRow
from docgen.layout.text import Setter
from docgen.standard import (
    BLOCK_LEFT_PT,
    BLOCK_RIGHT_PT,
    BODY_SIZE_PT,
    EM_ASCENT,
    LINE_PITCH_PT,
    fig,
    mm_to_pt,
    typefaces,
)
from docgen.standard.elements import Element


def _rows(figure: str) -> int:
    return int(fig(figure))


def attachment_note(flow: Flow, setter: Setter, note: AttachmentNote | None) -> None:
    """附件说明: 附件：name, or 附件：1.name with later numbers under 1. and wrapped names
    aligned with the first character of the name."""
    if not note:
        return
    indent = grid.indent(fig("attachment_indent"))
    label = setter.plain(note.label, Role.FANGSONG)
    label_w = setter.width(label) + grid.BODY_TRACKING
    lines = []
    for item in note.items:
        number = item.note_number
        numbered = setter.plain(number, Role.FANGSONG)
        number_w = setter.width(numbered) + grid.BODY_TRACKING if number else 0.0
        text = number + item.title
        first = indent + label_w  # later numbers stand under the first one
        wrapped = setter.wrap(text, Role.FANGSONG, first_indent=first, hanging=first + number_w)
        if not lines:
            _keyed_with_label(setter, text, note.label)
        lines.extend(wrapped)
    flow.keep_together(_rows("attachment_gap") + len(lines))
    flow.skip(_rows("attachment_gap"))
    for i, placed in enumerate(lines):
        line = flow.line(placed, Element.ATTACHMENT_NOTE)
        if i == 0:
            glyphs = [p.moved(BLOCK_LEFT_PT + indent) for p in label]
            flow.page.lines.append(_text_line(glyphs, line.baseline, Element.ATTACHMENT_NOTE))


def _keyed_with_label(setter: Setter, text: str, label: str) -> None:
    """The DOCX sets the first attachment as one paragraph, label and name: what makes word
    processors break the name where the layout did (setter.inserts, loosened, squeezed)
    is keyed by that text too, its positions moved past the label."""
    n, key = len(label), label + text
    if found := setter.inserts.get(text):
        setter.inserts[key] = tuple((at + n, ch) for at, ch in found)
    if found := setter.loosened.get(text):
        setter.loosened[key] = tuple((a + n, b + n, twips) for a, b, twips in found)
    if found := setter.squeezed.get(text):
        setter.squeezed[key] = tuple(at + n for at in found)


def _text_line(placed: list[Placed], baseline: float, element: Element) -> TextLine:
    glyphs = tuple(p.glyph() for p in placed)
    return TextLine(glyphs, baseline, BODY_SIZE_PT, element)


def attendees(flow: Flow, setter: Setter, groups: tuple[Listing, ...]) -> None:
    """纪要: 出席/请假/列席 — 黑体 label, names in 仿宋 aligned after the colon (§10.3)."""
    if not groups:
        return
    indent = grid.indent(fig("attendees_indent"))
    label_role = Role.of(typefaces.ATTENDEES_LABEL.typeface)
    # On a full page the empty row above the lists falls past its end and is not carried
    # over: the lists start the next page (the DOCX breaks the page there instead).
    flow.plan.attendees_start_page = flow.room() == 0
    flow.skip(1)
    for group in groups:
        head = group.label
        roles = [label_role] * len(head) + [Role.FANGSONG] * len(group.names)
        hanging = indent + setter.width(setter.plain(head, label_role)) + grid.BODY_TRACKING
        text = head + group.names
        for placed in setter.wrap(text, roles, first_indent=indent, hanging=hanging):
            flow.line(placed, Element.ATTENDEES)


# ---- 署名, 成文日期, 印章 -------------------------------------------------------------


def signature(flow: Flow, setter: Setter, sig: Signature) -> SignaturePlan:
    arrange = {Arrangement.PLAIN: _plain, Arrangement.SEAL: _sealed, Arrangement.STAMP: _stamped}
    return arrange[sig.arrangement](flow, setter, sig)


def _plain(flow: Flow, setter: Setter, sig: Signature) -> SignaturePlan:
    """No seal (§7.3.5.2): 署名 右空二字 one row below the text, the date on the next row
    starting 2 字 right of the 署名; a longer date keeps 右空二字 and pushes the 署名 left."""
    names = [setter.plain(n, Role.FANGSONG) for n in sig.issuers]
    date = setter.plain(sig.date, Role.FANGSONG)
    right = BLOCK_RIGHT_PT - grid.indent(fig("signature_right"))
    shift = grid.indent(fig("date_shift"))
    name_w = max(setter.width(n) for n in names)
    date_x = right - name_w + shift
    if setter.width(date) > name_w:  # "如成文日期长于发文机关署名": the date sets the edge
        date_x = right - setter.width(date)
        right = date_x - shift + name_w
    gap = _rows("signature_gap")
    flow.keep_together(gap + len(names) + 1)
    flow.skip(gap)
    for name in names:
        flow.line(name, Element.SIGNATURE, left=right - setter.width(name))
    flow.line(date, Element.DATE, left=date_x)
    return SignaturePlan(Arrangement.PLAIN, flow.page_index, gap, flow.row - 1)


def _image_size(path: Path, height: float | None = None, width: float | None = None):
    from PIL import Image as PILImage

    with PILImage.open(path) as img:
        w, h = img.size
    if height is not None:
        return height * w / h, height
    assert width is not None
    return width, width * h / w


def _sealed(flow: Flow, setter: Setter, sig: Signature) -> SignaturePlan:
    """With seals (§7.3.5.1): the date 右空四字, each 署名 centred under its seal, the last
    seal over the date too; the 署名 sits a little below the seal's centre, and the seal's
    top comes within one row of the last line of text.  Seals never touch."""
    diameter = mm_to_pt(fig("seal_diameter"))
    gap = mm_to_pt(fig("seal_gap"))
    date = setter.plain(sig.date, Role.FANGSONG)
    date_w = setter.width(date)
    date_x = BLOCK_RIGHT_PT - grid.indent(fig("sealed_date_right")) - date_w
    centre_x = date_x + date_w / 2
    widest = max(setter.width(setter.plain(n, Role.FANGSONG)) for n in sig.issuers)
    pitch = max(diameter + gap, widest + grid.indent(1))  # neither seals nor names touch
    # The last seal of a row is over the date; the others go left of it, inside the 版心.
    per_row = max(int((centre_x - diameter / 2 - BLOCK_LEFT_PT) // pitch) + 1, 1)
    groups = [sig.issuers[i : i + per_row] for i in range(0, len(sig.issuers), per_row)]
    rows_per_group = math.ceil((diameter + gap) / LINE_PITCH_PT)
    first_name_row = _rows("seal_name_row")  # the seal's top falls inside the row above
    needed = first_name_row + (len(groups) - 1) * rows_per_group + 2
    flow.keep_together(needed)
    start = flow.row
    gap_rows = flow.gap_above(start + first_name_row, first_name_row)
    seals = iter(sig.seals)
    rows, placed_seals = [], []
    for g, group in enumerate(groups):
        flow.row = start + first_name_row + g * rows_per_group
        rows.append(SignatureRow(flow.row, tuple(group)))
        for i, name in enumerate(group):
            offset = (len(group) - 1 - i) * pitch
            cx = centre_x - offset
            placed = setter.plain(name, Role.FANGSONG)
            row = flow.row
            line = flow.line(placed, Element.SIGNATURE, left=cx - setter.width(placed) / 2)
            flow.row = row
            name_centre = line.baseline - EM_ASCENT * BODY_SIZE_PT + BODY_SIZE_PT / 2
            cy = name_centre - mm_to_pt(fig("seal_drop"))
            seal = next(seals)
            w, h = _image_size(seal, width=diameter)
            image = Image(seal, cx - w / 2, cy - h / 2, w, h)
            flow.page.images.append(image)
            placed_seals.append(PlacedImage(seal, image.x, image.y, w, h, row))
        flow.row += 1
    flow.line(date, Element.DATE, left=date_x)
    return SignaturePlan(
        Arrangement.SEAL,
        flow.page_index,
        gap_rows,
        flow.row - 1,
        names=tuple(rows),
        seals=tuple(placed_seals),
    )


def _stamped(flow: Flow, setter: Setter, sig: Signature) -> SignaturePlan:
    """签发人签名章 (§7.3.5.3): the stamp 右空四字 two rows below the text, the 职务 two 字
    to its left, centred on it; the date one row below the stamp, 右空四字."""
    assert sig.stamp is not None
    w, h = _image_size(sig.stamp, height=mm_to_pt(fig("stamp_height")))
    stamp_rows = math.ceil(h / LINE_PITCH_PT)
    gap = _rows("stamp_gap")
    flow.keep_together(gap + stamp_rows + 2)
    flow.skip(gap)
    stamp_row = flow.row
    gap_rows = flow.gap_above(stamp_row, gap)
    top = grid.row_top(stamp_row)
    right = BLOCK_RIGHT_PT - grid.indent(fig("stamp_right"))
    flow.page.images.append(Image(sig.stamp, right - w, top, w, h))
    if sig.signatory:
        title = setter.plain(sig.signatory, Role.FANGSONG)
        x = right - w - grid.indent(fig("stamp_title_gap")) - setter.width(title)
        baseline = top + h / 2 - BODY_SIZE_PT / 2 + EM_ASCENT * BODY_SIZE_PT
        glyphs = [p.moved(x) for p in title]
        flow.page.lines.append(_text_line(glyphs, baseline, Element.SIGNATORY))
    flow.row += stamp_rows + 1
    date = setter.plain(sig.date, Role.FANGSONG)
    flow.line(date, Element.DATE, left=right - setter.width(date))
    stamp = PlacedImage(sig.stamp, right - w, top, w, h, stamp_row)
    return SignaturePlan(
        Arrangement.STAMP,
        flow.page_index,
        gap_rows,
        flow.row - 1,
        stamp=stamp,
        stamp_rows=stamp_rows,
    )


def note(flow: Flow, setter: Setter, text: str | None) -> None:
    """附注: on the line after the date, indented 2 字 (§7.3.6)."""
    if not text:
        return
    indent = grid.indent(fig("note_indent"))
    lines = setter.wrap(text, Role.FANGSONG, first_indent=indent)
    flow.keep_together(len(lines), carry=0)  # a 附注 is never split across pages
    for placed in lines:
        flow.line(placed, Element.NOTE)
