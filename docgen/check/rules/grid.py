"""The 22 × 28 grid (§5.2.3): line pitch, lines a page, characters a line; indents."""

from __future__ import annotations

import itertools
import math
import statistics
from collections import Counter

from docgen.check import catalog as C
from docgen.check.content import Line
from docgen.check.findings import Findings, near, number
from docgen.check.identify import faces
from docgen.check.model import Identified
from docgen.check.rules.common import LEFT, tolerance_mm, where, zi
from docgen.standard import FIGURES, MM_PER_PT, fig
from docgen.standard.punctuation import NO_LINE_END, NO_LINE_START

_PUNCT = NO_LINE_START | NO_LINE_END | set("—…·")
_ROUNDING = 0.05  # a capacity of 21.96 lines or characters is read as 22


def run(doc: Identified, out: Findings) -> None:
    if doc.pitch is None:
        for check in (C.LINE_PITCH, C.LINES_PER_PAGE):
            out.not_checked(check, "fewer than two consecutive body lines: no line pitch")
    else:
        _pitch(doc, out)
        _lines_per_page(doc, out)
    _chars_per_line(doc, out)
    _indent(doc, out)


def _row_diffs(doc: Identified) -> list[float]:
    """Baseline distances of neighbouring body lines, each line's baseline taken less the
    offset its faces give it in its grid row: a word processor places a baseline by the
    line's fonts (LibreOffice sets a line with Latin text ≈ 0.7 pt higher, measured),
    which moves that line and not the grid.  The pitch and the offsets (per set of faces)
    are fitted together; a pitch that changes moves lines further and further from any
    one grid and still shows."""
    assert doc.pitch is not None
    lines = doc.body_lines()
    first = {ln.page: ln.baseline for ln in reversed(lines)}
    rows = {id(ln): round((ln.baseline - first[ln.page]) / doc.pitch) for ln in lines}
    offset: dict[frozenset[str], float] = {faces(ln): 0.0 for ln in lines}
    for _ in range(4):  # alternate: pitch and each page's phase, then the offsets
        pitch = _fitted_pitch(lines, rows, offset) or doc.pitch
        phase = {
            page: statistics.fmean(
                ln.baseline - offset[faces(ln)] - rows[id(ln)] * pitch for ln in group
            )
            for page, group in _pages(lines)
        }
        by_faces: dict[frozenset[str], list[float]] = {}
        for ln in lines:
            off_grid = ln.baseline - phase[ln.page] - rows[id(ln)] * pitch
            by_faces.setdefault(faces(ln), []).append(off_grid)
        offset = {key: statistics.median(values) for key, values in by_faces.items()}
    return [
        (b.baseline - offset[faces(b)]) - (a.baseline - offset[faces(a)])
        for a, b in itertools.pairwise(lines)
        if a.page == b.page and abs((b.baseline - a.baseline) / doc.pitch - 1) < 0.25
    ]


def _pages(lines: list[Line]) -> list[tuple[int, list[Line]]]:
    return [(page, list(group)) for page, group in itertools.groupby(lines, lambda ln: ln.page)]


def _fitted_pitch(
    lines: list[Line], rows: dict[int, int], offset: dict[frozenset[str], float]
) -> float | None:
    """The pitch that puts the lines, less their faces' offsets, closest to their rows
    (least squares, each page taken about its own mean)."""
    num = den = 0.0
    for _, page in _pages(lines):
        ys = [ln.baseline - offset[faces(ln)] for ln in page]
        ks = [rows[id(ln)] for ln in page]
        k_mean, y_mean = statistics.fmean(ks), statistics.fmean(ys)
        num += sum((k - k_mean) * (y - y_mean) for k, y in zip(ks, ys, strict=True))
        den += sum((k - k_mean) ** 2 for k in ks)
    return num / den if den else None


def _pitch(doc: Identified, out: Findings) -> None:
    diffs = _row_diffs(doc)
    spec = FIGURES["line_pitch_spread"]
    if len(diffs) < 2:
        out.not_checked(C.LINE_PITCH, "fewer than three consecutive body lines")
        return
    spread = (max(diffs) - min(diffs)) / MM_PER_PT
    out.result(
        C.LINE_PITCH,
        spread <= spec.tolerance,
        f"baseline pitch over {len(diffs)} line pairs: "
        f"{min(diffs) / MM_PER_PT:.2f}–{max(diffs) / MM_PER_PT:.2f} pt",
        measured=f"spread {spread:.2f} pt",
        expected="one constant pitch",
        tolerance=f"±{spec.tolerance:g} pt",
    )


def _lines_per_page(doc: Identified, out: Findings) -> None:
    assert doc.pitch is not None
    expected = int(fig("lines_per_page"))
    capacity = math.floor(fig("block_height") / doc.pitch + _ROUNDING)
    fullest = max(Counter(ln.page for ln in doc.body_lines()).values(), default=0)
    out.result(
        C.LINES_PER_PAGE,
        capacity == expected,
        f"a pitch of {doc.pitch:.2f} mm ({doc.pitch / MM_PER_PT:.2f} pt) fits {capacity} lines"
        f" in the {fig('block_height'):g} mm 版心; the fullest page holds {fullest} body lines",
        measured=f"{capacity} lines",
        expected=f"{expected} lines",
        tolerance="exact",
    )


def _steps(lines: list[Line], size: float) -> list[float]:
    """Advances between neighbouring ideographs of body size (mm)."""
    return [
        b.x0 - a.x0
        for line in lines
        for a, b in itertools.pairwise(line.chars)
        if abs(a.size - size) < 0.1
        and not a.c.isascii()
        and not b.c.isascii()
        and a.c not in _PUNCT
        and b.c not in _PUNCT
    ]


def _char_pitch(doc: Identified) -> tuple[float, float] | None:
    """The commonest advance between neighbouring ideographs of body size (mm), and that
    size.  A paragraph's last line is not justified and shows the grid exactly; full
    lines may be spread a little (within the typesetting's limit, or by Word's
    justification), so they count only where last lines are too few."""
    size = doc.body_size
    lines = doc.body_lines()
    steps = _steps([p.lines[-1] for p in doc.paragraphs], size)
    if len(steps) < 10:
        steps += _steps([ln for ln in lines if not any(c.c.isascii() for c in ln.chars)], size)
    if len(steps) < 10:
        return None
    common = Counter(round(s, 2) for s in steps).most_common(1)[0][0]
    near = [s for s in steps if abs(s - common) <= 0.02]
    return statistics.median(near), size


def _chars_per_line(doc: Identified, out: Findings) -> None:
    found = _char_pitch(doc)
    if found is None:
        out.not_checked(C.CHARS_PER_LINE, "too few neighbouring body characters to measure")
        return
    step, size = found
    em = size * MM_PER_PT
    capacity = math.floor((fig("block_width") - em) / step + 1 + _ROUNDING)
    expected = int(fig("chars_per_line"))
    out.result(
        C.CHARS_PER_LINE,
        capacity == expected,
        f"characters advance {step:.3f} mm ({step / MM_PER_PT:.2f} pt): {capacity} fit the"
        f" {fig('block_width'):g} mm line",
        measured=f"{capacity} characters",
        expected=f"{expected} characters",
        tolerance="exact",
    )


def _indent(doc: Identified, out: Findings) -> None:
    spec = FIGURES["paragraph_indent"]
    bad_pages: set[int] = set()
    checked = 0
    for par in doc.paragraphs:
        first = par.lines[0]
        size = first.size
        expected = LEFT + zi(spec.value, size)
        tol = tolerance_mm("paragraph_indent", size)
        checked += 1
        if not near(first.x0, expected, tol) and first.page not in bad_pages:
            bad_pages.add(first.page)
            out.within(
                C.INDENT,
                first.x0,
                expected,
                tol,
                "mm",
                f"paragraph not indented 2 字: {where(first, doc.pitch)}",
                page=first.page + 1,
            )
    if not checked:
        out.not_checked(C.INDENT, "no body paragraph found")
    elif not bad_pages:
        xs = [p.lines[0].x0 for p in doc.paragraphs]
        out.result(
            C.INDENT,
            True,
            f"{checked} paragraphs indented 2 字",
            measured=f"{min(xs):.2f}–{max(xs):.2f} mm",
            expected=f"{LEFT + zi(spec.value, doc.body_size):.2f} mm",
            tolerance=f"±{number(tolerance_mm('paragraph_indent', doc.body_size))} mm",
        )
