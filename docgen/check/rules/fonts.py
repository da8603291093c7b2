"""Fonts and sizes of 3号 elements (§5.2.2), 正文 on page 1 (§7.3.3), missing glyphs."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable

from docgen.check import catalog as C
from docgen.check.content import Char, Line
from docgen.check.findings import Findings, near
from docgen.check.fontclass import describe
from docgen.check.model import Identified
from docgen.check.rules.common import snippet
from docgen.standard import FIGURES, fig
from docgen.standard.typefaces import Typeface


def run(doc: Identified, out: Findings) -> None:
    heading_chars = {id(c) for h in doc.headings for c in h.chars}
    body = _by_page(doc.body_lines(), skip=heading_chars)
    if body:
        _font(out, "正文 body", body, C.BODY_FONT)
    else:
        out.not_checked(C.BODY_FONT, "no body text found")
    for element, lines in _other_elements(doc):
        _font(out, element, _by_page(lines), C.BODY_FONT)
    all_lines = [*doc.body_lines(), *(ln for _, lines in _other_elements(doc) for ln in lines)]
    _sizes(doc, out, all_lines)
    _page_one(doc, out)
    _glyphs(doc, out)


def _other_elements(doc: Identified) -> list[tuple[str, list[Line]]]:
    """3号仿宋 elements besides the body (§5.2.2: everything not stated otherwise)."""
    closing = doc.closing
    out = [
        ("主送机关 recipients", doc.recipients),
        ("附件说明 attachment note", closing.attachment_note),
        ("发文机关署名 signature", closing.signature),
        ("成文日期 date", [closing.date] if closing.date else []),
        ("附注 note", closing.remark),
    ]
    if doc.header and doc.header.doc_number:
        out.append(("发文字号 document number", [doc.header.doc_number]))
    return [(name, lines) for name, lines in out if lines]


def _by_page(lines: Iterable[Line], skip: Collection[int] = ()) -> dict[int, list[Char]]:
    out: dict[int, list[Char]] = {}
    for line in lines:
        out.setdefault(line.page, []).extend(c for c in line.chars if id(c) not in skip)
    return out


def _font(out: Findings, element: str, pages: dict[int, list[Char]], check) -> None:
    """The font class most CJK characters have, page by page."""
    expected = Typeface.FANGSONG
    seen: Counter[str] = Counter()
    failed = False
    for page, chars in sorted(pages.items()):
        cjk = [c for c in chars if not c.c.isascii()]
        if not cjk:
            continue
        classes = Counter(c.cls for c in cjk)
        cls, n = classes.most_common(1)[0]
        font = Counter(c.font for c in cjk if c.cls == cls).most_common(1)[0][0]
        seen[f"{font} ({describe(cls)})"] += n
        if cls is None:
            out.not_checked(
                check,
                f"font {font!r} is of no known class (仿宋/楷/黑/宋/小标宋)",
                page=page + 1,
                element=element,
            )
            failed = True
        elif cls != expected:
            share = 100 * n / len(cjk)
            out.result(
                check,
                False,
                f"{element} set in {describe(cls)}",
                page=page + 1,
                measured=f"{font} ({describe(cls)}) for {share:.0f}% of its characters",
                expected=describe(expected),
                element=element,
            )
            failed = True
    if seen and not failed:
        out.result(
            check,
            True,
            f"{element} in {describe(expected)}",
            measured=", ".join(seen),
            expected=describe(expected),
            element=element,
        )


def _sizes(doc: Identified, out: Findings, lines: list[Line]) -> None:
    spec = FIGURES["body_size"]
    expected = fig("body_size")
    wrong = [ln for ln in lines if not near(ln.size, expected, spec.tolerance)]
    pages: set[int] = set()
    for line in wrong:
        if line.page not in pages:
            pages.add(line.page)
            others = sum(1 for ln in wrong if ln.page == line.page) - 1
            more = f" (and {others} more lines)" if others else ""
            out.within(
                C.BODY_SIZE,
                line.size,
                expected,
                spec.tolerance,
                "pt",
                f"3号 text at another size: {snippet(line.text)}{more}",
                page=line.page + 1,
            )
    if lines and not wrong:
        out.result(
            C.BODY_SIZE,
            True,
            f"{len(lines)} lines of 3号 elements at {expected:g} pt",
            measured=f"{expected:g} pt",
            expected=f"{expected:g} pt",
            tolerance=f"±{spec.tolerance:g} pt",
        )
    elif not lines:
        out.not_checked(C.BODY_SIZE, "no body text found")


def _page_one(doc: Identified, out: Findings) -> None:
    if not doc.pages[0].lines:
        out.not_checked(C.PAGE_ONE_BODY, "page 1 has no text layer (a scan?)", page=1)
        return
    on_first = [ln for ln in doc.body_lines() if ln.page == 0]
    out.result(
        C.PAGE_ONE_BODY,
        bool(on_first),
        "page 1 shows 正文" if on_first else "page 1 shows no 正文",
        page=1,
        measured=f"{len(on_first)} body lines",
        expected="≥ 1 body line",
    )


def _glyphs(doc: Identified, out: Findings) -> None:
    glyphs = doc.pdf.glyphs
    by_page: dict[int, Counter[tuple[str, str]]] = {}
    for page, char, why in glyphs.missing:
        by_page.setdefault(page, Counter())[(char.font, why)] += 1
    for page, counts in sorted(by_page.items()):
        total = sum(counts.values())
        out.result(
            C.GLYPHS,
            False,
            f"{total} characters drawn without a glyph (they show as boxes or nothing)",
            page=page + 1,
            measured="; ".join(f"{n} in {font}: {why}" for (font, why), n in counts.items()),
            expected="a glyph with an outline for every character",
        )
    if not glyphs.total:
        out.not_checked(C.GLYPHS, "the PDF has no text layer (a scan?)")
    elif not by_page:
        out.result(
            C.GLYPHS,
            True,
            "every character has a glyph",
            measured=f"{glyphs.total} characters: none with glyph id 0 or U+FFFD; outlines"
            f" verified in the embedded font for {glyphs.outlines_verified}",
            expected="no missing glyph",
        )
