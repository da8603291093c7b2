"""附件 pages (§7.3.7): 附件N in 3号黑体 flush left on line 1, title centred on line 3."""

from __future__ import annotations

from docgen.check import catalog as C
from docgen.check.content import Line
from docgen.check.findings import Findings, near
from docgen.check.fontclass import describe
from docgen.check.model import Identified
from docgen.check.rules.common import CENTRE_X, LEFT, row_of, snippet, unknown_font
from docgen.standard import fig
from docgen.standard.typefaces import Typeface


def _row(line: Line, pitch: float | None, expected: int) -> tuple[bool, str]:
    """Whether the line is on grid row ``expected``, and how to say what was measured."""
    if pitch is None:
        return True, "line not measured (no line pitch)"
    row = row_of(line, pitch)
    return row == expected, f"line {row}"


def run(doc: Identified, out: Findings) -> None:
    tol = fig("position_tolerance")
    label_row, title_row = int(fig("attachment_label_row")), int(fig("attachment_title_row"))
    for att in doc.attachments:
        label = att.label
        if unknown_font(out, C.ATTACHMENT_LABEL, [label], att.page + 1):
            continue
        cls = label.main_class()
        on_row, row = _row(label, doc.pitch, label_row)
        out.result(
            C.ATTACHMENT_LABEL,
            cls == Typeface.HEITI and near(label.x0, LEFT, tol) and on_row,
            f"{snippet(label.text)}: 3号黑体, flush left, line {label_row}",
            page=att.page + 1,
            measured=f"{label.main_font()} ({describe(cls)}), x {label.x0:.2f} mm, {row}",
            expected=f"{describe(Typeface.HEITI)}, x {LEFT:g} mm, line {label_row}",
            tolerance=f"±{tol:g} mm",
        )
        if not att.title:
            out.not_checked(
                C.ATTACHMENT_TITLE, "no centred title under the label", page=att.page + 1
            )
            continue
        title = att.title[0]
        on_row, row = _row(title, doc.pitch, title_row)
        out.result(
            C.ATTACHMENT_TITLE,
            near(title.centre_x, CENTRE_X, tol) and on_row,
            f"attachment title centred on line {title_row}: {snippet(title.text)}",
            page=att.page + 1,
            measured=f"centre x {title.centre_x:.2f} mm, {row}",
            expected=f"centre x {CENTRE_X:g} mm, line {title_row}",
            tolerance=f"±{tol:g} mm",
        )
