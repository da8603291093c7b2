"""版记 (§7.4): its rules, text, font, insets and its page."""

from __future__ import annotations

import re

from docgen.check import catalog as C
from docgen.check.content import Line
from docgen.check.findings import Findings, near
from docgen.check.fontclass import describe
from docgen.check.model import Colophon, Identified
from docgen.check.patterns import CC_LINE, DATE_STRICT, ISSUED_LINE
from docgen.check.rules.common import BOTTOM, LEFT, RIGHT, snippet, unknown_font, zi
from docgen.standard import FIGURES, fig
from docgen.standard.typefaces import Typeface


def _squeezed(line: Line) -> str:
    return re.sub(r"\s+", "", line.text)


def run(doc: Identified, out: Findings) -> None:
    col = doc.colophon
    if col is None:
        out.not_checked(C.COLOPHON_LAST, "no 版记 found (no 抄送/印发 lines or 版记 rules)")
        return
    letter = doc.header is not None and doc.header.kind == "letter"
    _place(doc, col, out)
    if not letter:  # §10.1: a 信函's 版记 has no rules and no 印发机关/日期
        _rules(col, out)
    _text(col, out, letter)


def _place(doc: Identified, col: Colophon, out: Findings) -> None:
    last = max(p.index for p in doc.pages if not p.blank)
    out.result(
        C.COLOPHON_LAST,
        col.page == last,
        "版记 on the last page",
        page=col.page + 1,
        measured=f"page {col.page + 1}",
        expected=f"page {last + 1} (the last)",
    )
    even = (col.page + 1) % 2 == 0
    out.result(
        C.COLOPHON_EVEN,
        even,
        "版记 on an even page (the back of a double-sided sheet)",
        page=col.page + 1,
        measured=f"page {col.page + 1} ({'even' if even else 'odd'})",
        expected="an even page",
    )


def _rules(col: Colophon, out: Findings) -> None:
    page = col.page + 1
    if len(col.rules) < 2:
        out.result(
            C.COLOPHON_WEIGHT,
            False,
            "版记 needs a rule above its first and below its last line",
            page=page,
            measured=f"{len(col.rules)} rules",
            expected="≥ 2 rules",
        )
        return
    thick, thin = FIGURES["colophon_thick_rule"], FIGURES["colophon_thin_rule"]
    weights_ok = True
    for i, rule in enumerate(col.rules):
        spec = thick if i in (0, len(col.rules) - 1) else thin
        weights_ok &= near(rule.thickness, spec.value, spec.tolerance)
    measured = ", ".join(f"{r.thickness:.2f}" for r in col.rules)
    out.result(
        C.COLOPHON_WEIGHT,
        weights_ok,
        "版记 rules: first and last thick, middle thin",
        page=page,
        measured=f"{measured} mm",
        expected=f"{thick.value:g} … {thin.value:g} … {thick.value:g} mm",
        tolerance=f"±{thick.tolerance:g} mm",
    )
    spec = FIGURES["colophon_rule_width"]
    bad = [
        r
        for r in col.rules
        if not near(r.width, spec.value, spec.tolerance) or not near(r.x0, LEFT, spec.tolerance)
    ]
    widths = ", ".join(f"{r.width:.2f}" for r in col.rules)
    out.result(
        C.COLOPHON_WIDTH,
        not bad,
        "版记 rules as wide as the 版心",
        page=page,
        measured=f"{widths} mm",
        expected=f"{spec.value:g} mm from x {LEFT:g}",
        tolerance=f"±{spec.tolerance:g} mm",
    )
    bottom = FIGURES["colophon_bottom"]
    out.within(
        C.COLOPHON_BOTTOM,
        col.rules[-1].y - BOTTOM,
        bottom.value,
        bottom.tolerance,
        "mm",
        f"last 版记 rule on the 版心 bottom (y {BOTTOM:g} mm)",
        page=page,
    )


def _text(col: Colophon, out: Findings, letter: bool) -> None:
    page = col.page + 1
    if not col.lines:
        out.not_checked(C.COLOPHON_TEXT, "no text between the 版记 rules", page=page)
        return
    spec = FIGURES["colophon_size"]
    known = not unknown_font(out, C.COLOPHON_FONT, col.lines, page)
    fonts_ok = all(
        (ln.main_class() == Typeface.FANGSONG or not known)
        and near(ln.size, spec.value, spec.tolerance)
        for ln in col.lines
    )
    out.result(
        C.COLOPHON_FONT,
        fonts_ok,
        "版记 text 4号仿宋" if known else "版记 text 4号 (its font not judged)",
        page=page,
        measured=", ".join(
            sorted(
                {
                    f"{ln.main_font()} ({describe(ln.main_class())}) {ln.size:g} pt"
                    for ln in col.lines
                }
            )
        ),
        expected=f"{describe(Typeface.FANGSONG)} {spec.value:g} pt",
        tolerance=f"±{spec.tolerance:g} pt",
    )
    issued = [ln for ln in col.lines if ISSUED_LINE.search(_squeezed(ln))]
    cc = [ln for ln in col.lines if CC_LINE.match(_squeezed(ln))]
    _cc(col, cc, out)
    if not letter:
        _issued(col, issued, out)


def _paragraph_end(col: Colophon, start: Line) -> Line:
    """The last line of the 抄送 paragraph that starts at ``start`` (wrapped lines follow)."""
    lines = col.lines[col.lines.index(start) :]
    end = start
    for line in lines[1:]:
        if CC_LINE.match(_squeezed(line)) or ISSUED_LINE.search(_squeezed(line)):
            break
        end = line
    return end


def _cc(col: Colophon, cc: list[Line], out: Findings) -> None:
    page = col.page + 1
    for start in cc:
        end = _paragraph_end(col, start)
        inset = LEFT + zi(fig("colophon_inset"), start.size)
        text = _squeezed(end)
        out.result(
            C.COLOPHON_TEXT,
            text.endswith("。"),
            "抄送 ends with a 句号",
            page=page,
            measured=f"ends {text[-1]!r}: {snippet(start.text)}",
            expected="ends '。'",
        )
        out.within(
            C.COLOPHON_INSET,
            start.x0,
            inset,
            fig("position_tolerance"),
            "mm",
            f"{snippet(start.text, 4)} 左空一字",
            page=page,
        )


def _issued(col: Colophon, issued: list[Line], out: Findings) -> None:
    page = col.page + 1
    if not issued:
        out.result(
            C.COLOPHON_TEXT,
            False,
            "no 印发机关/印发日期 line (…印发)",
            page=page,
            measured="none",
            expected="印发机关 … YYYY年M月D日印发",
        )
        return
    line = issued[-1]
    segments = line.segments()
    date = _squeezed(segments[-1])
    date = date[: -len("印发")]
    ok = len(segments) >= 2 and bool(DATE_STRICT.match(date))
    out.result(
        C.COLOPHON_TEXT,
        ok,
        "印发机关 left, 印发日期 (2012年7月1日) + 印发 right",
        page=page,
        measured=" | ".join(_squeezed(s) for s in segments),
        expected="印发机关 | YYYY年M月D日印发",
    )
    inset = zi(fig("colophon_inset"), line.size)
    tol = fig("position_tolerance")
    out.within(
        C.COLOPHON_INSET,
        segments[0].x0,
        LEFT + inset,
        tol,
        "mm",
        "印发机关 左空一字",
        page=page,
    )
    out.within(
        C.COLOPHON_INSET,
        segments[-1].x1,
        RIGHT - inset,
        tol,
        "mm",
        "印发日期 右空一字",
        page=page,
    )
