"""Page size (§5.1) and the 版心 edges (§5.2.1)."""

from __future__ import annotations

from docgen.check import catalog as C
from docgen.check.content import Line, PageContent
from docgen.check.findings import Findings, near
from docgen.check.model import Identified
from docgen.check.rules.common import BOTTOM, LEFT, RIGHT, TOP, box_bottom, where
from docgen.standard import FIGURES, fig
from docgen.standard.punctuation import NO_LINE_END


def run(doc: Identified, out: Findings) -> None:
    _unmeasured(doc, out)
    _page_size(doc, out)
    _left(doc, out)
    _top(doc, out)
    _right(doc, out)
    _bottom(doc, out)


def _unmeasured(doc: Identified, out: Findings) -> None:
    """Say what the checker leaves alone: rotated text, text in ruled tables."""
    for page in doc.pages:
        if page.turned_chars:
            out.not_checked(
                C.TURNED_TEXT,
                f"{page.turned_chars} characters set rotated or vertically"
                " (a landscape table?) are not measured",
                page=page.number,
            )
    for table in doc.tables:
        out.not_checked(
            C.TABLE_TEXT,
            f"a ruled table ({len(table.lines)} lines of text): its cells' fonts,"
            " sizes and positions are not measured",
            page=table.page + 1,
        )


def _page_size(doc: Identified, out: Findings) -> None:
    w, h, tol = fig("page_width"), fig("page_height"), FIGURES["page_width"].tolerance
    bad = 0
    for page in doc.pages:
        # A landscape A4 page is a turned page for a 横排表格 (§8), still A4.
        pw, ph = sorted((page.width, page.height))
        landscape = " (landscape)" if page.width > page.height else ""
        if not (near(pw, w, tol) and near(ph, h, tol)):
            bad += 1
            out.result(
                C.PAGE_SIZE,
                False,
                f"page is not A4{landscape}",
                page=page.number,
                measured=f"{page.width:.1f} × {page.height:.1f} mm",
                expected=f"{w:g} × {h:g} mm",
                tolerance=f"±{tol:g} mm",
            )
    if not bad:
        out.result(
            C.PAGE_SIZE,
            True,
            f"all {len(doc.pages)} pages A4",
            measured=f"{doc.pages[0].width:.1f} × {doc.pages[0].height:.1f} mm",
            expected=f"{w:g} × {h:g} mm",
            tolerance=f"±{tol:g} mm",
        )


def _start(line: Line, tol: float) -> float:
    """Where a line's type starts (mm).  An opening mark that starts a line may be set in
    half an em, its empty left half outside the 版心 (压缩行首标点: clreq, and Word's
    default for Chinese): the line then starts half an em right of the mark's origin."""
    x0 = line.x0
    if line.chars[0].c in NO_LINE_END and near(x0 + line.chars[0].em / 2, LEFT, tol):
        return x0 + line.chars[0].em / 2
    return x0


def _left(doc: Identified, out: Findings) -> None:
    """Flush-left body lines start at the 版心 edge; no line starts left of it."""
    tol = FIGURES["margin_left"].tolerance
    flush = [
        ln
        for p in doc.paragraphs
        for i, ln in enumerate(p.lines)
        if (i and not p.hanging) or not (i or p.indented)
    ]
    flush += doc.recipients
    numbers = set(doc.page_numbers.values())
    worst: dict[int, tuple[float, Line, str]] = {}
    candidates = [(ln, "flush-left line starts off the 版心 edge") for ln in flush]
    candidates += [
        (ln, "text left of the 版心")
        for page in doc.pages
        for ln in page.lines
        if ln not in numbers and _start(ln, tol) < LEFT - tol and ln not in flush
    ]
    for line, why in candidates:
        dev = _start(line, tol) - LEFT
        if not near(dev, 0, tol) and abs(dev) > abs(worst.get(line.page, (0.0,))[0]):
            worst[line.page] = (dev, line, why)
    for page, (dev, line, why) in sorted(worst.items()):
        out.within(
            C.BLOCK_LEFT,
            LEFT + dev,
            LEFT,
            tol,
            "mm",
            f"{why}: {where(line, doc.pitch)}",
            page=page + 1,
        )
    if not flush:
        out.not_checked(C.BLOCK_LEFT, "no flush-left body line found")
    elif not worst:
        out.result(
            C.BLOCK_LEFT,
            True,
            f"{len(flush)} flush-left lines start at the 版心 edge",
            measured=f"{min(ln.x0 for ln in flush):.2f}–{max(ln.x0 for ln in flush):.2f} mm",
            expected=f"{LEFT:g} mm",
            tolerance=f"±{tol:g} mm",
        )


# The standard's row: 22 to the 225 mm 版心 (§5.2.3).
STANDARD_ROW = fig("block_height") / fig("lines_per_page")


def _block_lines(doc: Identified, page: PageContent) -> list[Line]:
    """A page's lines inside the 版心, the 版记 left out (it stands on the 版心's foot)."""
    lines = [ln for ln in page.lines if ln.em_bottom <= BOTTOM + 5 and ln.em_top > TOP - 15]
    if doc.colophon and doc.colophon.page == page.index:
        lines = [ln for ln in lines if ln not in doc.colophon.lines]
    return lines


def _first_lines(doc: Identified):
    """The first line of each page whose top is measured: pages ≥ 2, and page 1 when it
    has no 版头 (its first line is then on the first row)."""
    for page in doc.pages:
        if page.index == 0 and doc.header is not None:
            continue
        lines = _block_lines(doc, page)
        if lines:
            yield page, min(lines, key=lambda ln: ln.baseline)


def _box_tops(line: Line, pitch: float) -> tuple[float, float]:
    """The highest and the lowest top a line's box may have, from where its text stands.

    In a row of the standard's pitch (or a narrower one) the em box is centred.  A taller
    row (1.5 倍行距) holds the text as a standard row does, and the renderer puts the extra
    leading above the text, below it (LibreOffice: 1.5-spaced text stands where single-
    spaced text does) or both: the text alone cannot tell, so the box's top may lie
    anywhere in that extra."""
    row = min(pitch, STANDARD_ROW)
    lowest = line.em_centre - row / 2
    return lowest - max(pitch - STANDARD_ROW, 0.0), lowest


def _nearest_top(line: Line, pitch: float, rows: int = 0) -> float:
    """The top of the line's box nearest the 版心 top, ``rows`` rows up."""
    high, low = _box_tops(line, pitch)
    return min(max(TOP, high - rows * pitch), low - rows * pitch)


def _no_room(doc: Identified, page: PageContent, pitch: float, tol: float) -> bool:
    """Whether a page's last row is taken: one more row would pass the 版心 bottom."""
    lines = _block_lines(doc, page)
    if not lines:
        return False
    last = max(lines, key=lambda ln: ln.baseline)
    return last.em_centre + min(pitch, STANDARD_ROW) / 2 + pitch > BOTTOM - tol


def _empty_rows(doc: Identified, page: PageContent, line: Line, pitch: float, tol: float) -> int:
    """Whole empty rows above a page's first line that the page before had no room for.

    An empty paragraph that does not fit at a page's foot opens the next page (as the one
    before the 署名 does in LibreOffice); a PDF does not show it, only the row it takes.
    Rows above a first line count as such only after a full page, where they can come from
    the flow: the top margin itself is measured on the other pages and by the 版头."""
    rows = round((_nearest_top(line, pitch) - TOP) / pitch)
    if rows < 1 or page.index == 0 or not _no_room(doc, doc.pages[page.index - 1], pitch, tol):
        return 0
    return rows if near(_nearest_top(line, pitch, rows), TOP, tol) else 0


def _top(doc: Identified, out: Findings) -> None:
    if doc.pitch is None:
        out.not_checked(C.BLOCK_TOP, "the line pitch could not be measured")
        return
    tol = FIGURES["margin_top"].tolerance
    tops: list[float] = []
    after_empty: list[str] = []
    for page, line in _first_lines(doc):
        rows = _empty_rows(doc, page, line, doc.pitch, tol)
        top = _nearest_top(line, doc.pitch, rows)
        tops.append(top)
        if rows:
            after_empty.append(f"page {page.number} after {rows} empty row{'s' * (rows > 1)}")
        if not near(top, TOP, tol):
            out.within(
                C.BLOCK_TOP,
                top,
                TOP,
                tol,
                "mm",
                f"first line box does not start at the 版心 top: {where(line, doc.pitch)}",
                page=page.number,
            )
    if tops and all(near(t, TOP, tol) for t in tops):
        carried = f" ({', '.join(after_empty)})" if after_empty else ""
        out.result(
            C.BLOCK_TOP,
            True,
            f"first line box at the 版心 top on {len(tops)} pages{carried}",
            measured=f"{min(tops):.2f}–{max(tops):.2f} mm",
            expected=f"{TOP:g} mm",
            tolerance=f"±{tol:g} mm",
        )
    elif not tops:
        out.not_checked(C.BLOCK_TOP, "no page starts with a text line")


# Full-width closing marks whose ink is in the left half of the em: a typesetter may
# squeeze the empty half away, or let it overhang the edge (先挤进).
SQUEEZE_CLOSE = set("、，。：；）〕】》〉」』”’")


def right_edge(line) -> float:
    """Where a line's last glyph ends; for a closing mark (its ink in the left half of
    the em), where its ink ends — a squeezed mark may overhang with its empty half."""
    last = line.chars[-1]
    return last.x0 + last.em / 2 if last.c in SQUEEZE_CLOSE else last.x1


def _right(doc: Identified, out: Findings) -> None:
    tol = FIGURES["block_width"].tolerance
    full = [ln for p in doc.paragraphs for ln in p.lines[:-1]]
    bad_pages: set[int] = set()
    for line in full:
        last = line.chars[-1]
        low = RIGHT - (last.em / 2 if last.c in SQUEEZE_CLOSE else 0) - tol
        edge = right_edge(line)
        if not low <= edge <= RIGHT + tol and line.page not in bad_pages:
            bad_pages.add(line.page)
            out.within(
                C.BLOCK_RIGHT,
                edge,
                RIGHT,
                tol,
                "mm",
                f"full line does not end at the 版心 right edge: {where(line, doc.pitch)}",
                page=line.page + 1,
            )
    for page in doc.pages:
        beyond = [ln for ln in page.lines if right_edge(ln) > RIGHT + tol and ln.em_top < BOTTOM]
        if beyond and page.index not in bad_pages:
            bad_pages.add(page.index)
            line = beyond[0]
            out.within(
                C.BLOCK_RIGHT,
                right_edge(line),
                RIGHT,
                tol,
                "mm",
                f"text beyond the 版心 right edge: {where(line, doc.pitch)}",
                page=page.number,
            )
    if not full:
        out.not_checked(C.BLOCK_RIGHT, "no full (wrapped) body line found")
    elif not bad_pages:
        edges = [right_edge(ln) for ln in full]
        out.result(
            C.BLOCK_RIGHT,
            True,
            f"{len(full)} full lines end at the 版心 right edge",
            measured=f"{min(edges):.2f}–{max(edges):.2f} mm",
            expected=f"{RIGHT:g} mm",
            tolerance=f"±{tol:g} mm",
        )


def _bottom(doc: Identified, out: Findings) -> None:
    tol = FIGURES["block_height"].tolerance
    numbers = set(doc.page_numbers.values())
    colophon = set(doc.colophon.lines) if doc.colophon else set()
    worst = 0.0
    for page in doc.pages:
        lines = [ln for ln in page.lines if ln not in numbers]
        if not lines:
            continue
        last = max(lines, key=lambda ln: ln.baseline)
        # a 版记 line stands on its rules, not in a grid row (even where the body is 4号 too)
        grid_row = last not in colophon and abs(last.size - doc.body_size) < 0.5
        body_row = doc.pitch is not None and grid_row
        bottom = box_bottom(last, doc.pitch) if body_row else last.em_bottom
        worst = max(worst, bottom)
        if bottom > BOTTOM + tol:
            out.result(
                C.BLOCK_BOTTOM,
                False,
                f"last line box below the 版心 bottom: {where(last, doc.pitch)}",
                page=page.number,
                measured=f"{bottom:.2f} mm",
                expected=f"≤ {BOTTOM:g} mm",
                tolerance=f"+{tol:g} mm",
            )
    if not worst:
        out.not_checked(C.BLOCK_BOTTOM, "no text line on any page")
    elif worst <= BOTTOM + tol:
        out.result(
            C.BLOCK_BOTTOM,
            True,
            "no line box below the 版心 bottom",
            measured=f"lowest {worst:.2f} mm",
            expected=f"≤ {BOTTOM:g} mm",
            tolerance=f"+{tol:g} mm",
        )
