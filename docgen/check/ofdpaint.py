"""What an OFD page draws besides text (GB/T 33190-2016): transformation matrices,
colours, path data (AbbreviatedData) and images, in the checker's millimetres.

Every function here takes the text of one attribute and the place it came from, and
raises :class:`OfdError` naming that place when the text is malformed.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field

from docgen.check.colour import is_red, red_share
from docgen.check.content import Shape, UnreadableError
from docgen.check.extract import Drawn, Point, rule_from_rect, rule_from_segment
from docgen.i18n import tr

RGB = tuple[float, float, float]
Matrix = tuple[float, float, float, float, float, float]  # a b c d e f, as OFD's CTM
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_SEAL_DPI = 36  # the PDF reader samples seals at this resolution too
_SAMPLES = 512  # pixels a side at most: a seal is ≈ 60 at 36 dpi
_MAX_PIXELS = 40_000_000  # an image larger than this is no seal worth decoding


class OfdError(UnreadableError):
    """A malformed OFD package; the message names the part (and line) at fault."""


def numbers(text: str | None, where: str, what: str) -> list[float]:
    """An ST_Array of numbers; "g N v" stands for N times v (GB/T 33190 §11.3's DeltaX
    and DeltaY shorthand)."""
    tokens = (text or "").split()
    out: list[float] = []
    i = 0
    try:
        while i < len(tokens):
            if tokens[i] == "g":
                count, value = int(tokens[i + 1]), float(tokens[i + 2])
                if not 0 <= count <= 1_000_000:
                    raise ValueError(count)
                out += [value] * count
                i += 3
            else:
                out.append(float(tokens[i]))
                i += 1
    except (ValueError, IndexError):
        raise OfdError(_not_numbers(where, what, text)) from None
    if not all(math.isfinite(v) for v in out):
        raise OfdError(_not_numbers(where, what, text))
    return out


def number(text: str | None, where: str, what: str, default: float | None) -> float:
    """One number; ``default`` when the attribute is absent (None: it is required)."""
    if text is None:
        if default is None:
            raise OfdError(tr("{where}: {what} is missing").format(where=where, what=what))
        return default
    values = numbers(text, where, what)
    if len(values) != 1:
        raise OfdError(_not_numbers(where, what, text))
    return values[0]


def _not_numbers(where: str, what: str, text: str | None) -> str:
    return tr("{where}: {what} is not a number or list of numbers: {value!r}").format(
        where=where, what=what, value=text
    )


def matrix(text: str | None, where: str) -> Matrix:
    if text is None:
        return IDENTITY
    values = numbers(text, where, "CTM")
    if len(values) != 6:
        raise OfdError(_not_numbers(where, "CTM", text))
    return (values[0], values[1], values[2], values[3], values[4], values[5])


def placed(ctm: Matrix, boundary: tuple[float, float]) -> Matrix:
    """The object's CTM followed by its move to the Boundary's top-left corner: an
    object draws in its own space, whose origin is that corner (GB/T 33190 §8.2)."""
    a, b, c, d, e, f = ctm
    return (a, b, c, d, e + boundary[0], f + boundary[1])


def apply(m: Matrix, p: Point) -> Point:
    a, b, c, d, e, f = m
    return (a * p[0] + c * p[1] + e, b * p[0] + d * p[1] + f)


def upright(m: Matrix) -> bool:
    """Whether the matrix only scales and moves (text set this way is on the page's grid)."""
    a, b, c, d, _, _ = m
    return abs(b) < 1e-6 * abs(a) + 1e-9 and abs(c) < 1e-6 * abs(d) + 1e-9 and a > 0 and d > 0


def scale(m: Matrix) -> float:
    """How the matrix scales lengths on average (a line's width)."""
    a, b, c, d, _, _ = m
    return math.sqrt(abs(a * d - b * c))


@dataclass(frozen=True)
class ColourSpace:
    kind: str = "RGB"  # GRAY, RGB or CMYK
    bits: int = 8
    palette: tuple[tuple[float, ...], ...] = ()


def colour(value: str | None, index: str | None, space: ColourSpace, where: str) -> RGB | None:
    """A CT_Color's Value (or palette Index) as sRGB in 0–1; None when it gives neither
    (a pattern or shading, not measured)."""
    if value is None and index is not None:
        at = int(number(index, where, "Index", 0))
        if not 0 <= at < len(space.palette):
            return None
        values = list(space.palette[at])
    elif value is None:
        return None
    else:
        values = _channels(value, where)
    top = float((1 << max(1, min(space.bits, 16))) - 1)
    v = [min(max(x / top, 0.0), 1.0) for x in values]
    if space.kind == "GRAY" and v:
        return (v[0], v[0], v[0])
    if space.kind == "CMYK" and len(v) >= 4:
        c, m, y, k = v[:4]
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    if len(v) >= 3:
        return (v[0], v[1], v[2])
    raise OfdError(_not_numbers(where, "Value", value))


def _channels(value: str, where: str) -> list[float]:
    """Channel values, decimal or "#FF" hexadecimal."""
    out = []
    for token in value.split():
        try:
            out.append(float(int(token[1:], 16)) if token.startswith("#") else float(token))
        except ValueError:
            raise OfdError(_not_numbers(where, "Value", value)) from None
    return out


# ---- Path data ------------------------------------------------------------------------------

_OPERANDS = {"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}


@dataclass
class Subpath:
    points: list[Point] = field(default_factory=list)  # every vertex and control point
    segments: list[tuple[Point, Point]] = field(default_factory=list)  # straight pieces
    curved: bool = False

    def rectangle(self) -> tuple[float, float, float, float] | None:
        """The box, when the subpath is an axis-aligned rectangle of straight sides."""
        corners = list(dict.fromkeys((round(x, 3), round(y, 3)) for x, y in self.points))
        if self.curved or len(corners) != 4:
            return None
        xs, ys = {x for x, _ in corners}, {y for _, y in corners}
        if len(xs) != 2 or len(ys) != 2:
            return None
        return (min(xs), min(ys), max(xs), max(ys))


def path_data(text: str | None, m: Matrix, where: str) -> list[Subpath]:
    """AbbreviatedData (GB/T 33190 §9.3.2: S/M move, L line, Q and B Bézier curves,
    A arc, C close) as subpaths in page millimetres."""
    tokens = (text or "").split()
    paths: list[Subpath] = []
    current: Point | None = None
    start: Point | None = None
    i = 0
    while i < len(tokens):
        op = tokens[i]
        count = _OPERANDS.get(op)
        if count is None:
            raise OfdError(
                tr("{where}: path data has an unknown operator {op!r}").format(where=where, op=op)
            )
        values = numbers(" ".join(tokens[i + 1 : i + 1 + count]), where, "AbbreviatedData")
        if len(values) != count:
            raise OfdError(_not_numbers(where, "AbbreviatedData", " ".join(tokens[i:])))
        i += 1 + count
        if op == "C":
            if paths and current is not None and start is not None and current != start:
                paths[-1].segments.append((current, start))
                current = start
            continue
        end = apply(m, (values[-2], values[-1]))  # every operator but C ends at its last pair
        if op in ("S", "M") or current is None:  # a piece without a start starts here
            paths.append(Subpath([end]))
            current = start = end
            continue
        sub = paths[-1]
        if op == "L":
            sub.segments.append((current, end))
        else:  # curves and arcs: their control points bound them (near enough for a box)
            sub.curved = True
            controls = values[:-2] if op != "A" else []
            sub.points += [
                apply(m, (controls[j], controls[j + 1])) for j in range(0, len(controls), 2)
            ]
        sub.points.append(end)
        current = end
    return paths


def drawn_path(
    paths: list[Subpath],
    stroke: RGB | None,
    fill: RGB | None,
    width: float,
    out: Drawn,
) -> None:
    """Rules from a path's straight strokes and thin filled rectangles (as the PDF reader
    finds them); any other filled path larger than 3 mm is a drawing (a seal drawn in
    vectors is red)."""
    found = False
    for sub in paths:
        box = sub.rectangle()
        if box is not None and fill is not None:
            found |= rule_from_rect(box, fill, out)
        elif stroke is not None:
            for p, q in sub.segments:
                found |= rule_from_segment(p, q, width, stroke, out)
    points = [p for sub in paths for p in sub.points]
    if found or fill is None or not points:
        return
    xs, ys = [x for x, _ in points], [y for _, y in points]
    if max(xs) - min(xs) > 3 and max(ys) - min(ys) > 3:
        red = 1.0 if is_red(fill, loose=True) else 0.0
        out[2].append((min(xs), min(ys), max(xs), max(ys), red))


# ---- Images ---------------------------------------------------------------------------------


def image_shape(m: Matrix, data: bytes | None) -> Shape:
    """An image object: the unit square its CTM maps onto the page, and the share of its
    inked pixels that are red (a seal), sampled at the PDF reader's resolution."""
    corners = [apply(m, p) for p in ((0, 0), (1, 0), (0, 1), (1, 1))]
    xs, ys = [x for x, _ in corners], [y for _, y in corners]
    box = (min(xs), min(ys), max(xs), max(ys))
    return Shape(*box, _image_red_share(data, box), "image")


def _image_red_share(data: bytes | None, box: tuple[float, float, float, float]) -> float:
    if not data:
        return 0.0
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > _MAX_PIXELS:
                return 0.0
            image.draft("RGB", (1024, 1024))  # JPEG: decode small
            rgba = image.convert("RGBA")
    except Exception:  # any undecodable image (JBIG2, damaged): not measured as a seal
        return 0.0
    size = tuple(
        min(_SAMPLES, max(1, round((hi - lo) / 25.4 * _SEAL_DPI)))
        for lo, hi in ((box[0], box[2]), (box[1], box[3]))
    )
    paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    flat = Image.alpha_composite(paper, rgba).convert("RGB").resize(size)
    return red_share(flat.tobytes())
