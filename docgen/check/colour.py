"""Black (BL100%) and red (Y80% M80%, §6.2) as sRGB, within docgen.standard's tolerance."""

from __future__ import annotations

from docgen.standard import BLACK_CMYK, RED_CMYK, fig

RGB = tuple[float, float, float]


def cmyk_to_rgb(cmyk: tuple[float, float, float, float]) -> RGB:
    c, m, y, k = cmyk
    return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))


BLACK = cmyk_to_rgb(BLACK_CMYK)
RED = cmyk_to_rgb(RED_CMYK)


def _near(rgb: RGB, target: RGB, tolerance: float) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(rgb, target, strict=True))


def is_black(rgb: RGB) -> bool:
    return _near(rgb, BLACK, fig("colour_tolerance"))


def is_red(rgb: RGB, loose: bool = False) -> bool:
    """Red within the tolerance; ``loose`` also accepts any clearly red hue (seal pixels
    anti-aliased against white paper)."""
    if _near(rgb, RED, fig("colour_tolerance")):
        return True
    r, g, b = rgb
    return loose and r > 0.6 and r - max(g, b) > 0.3


def name(rgb: RGB) -> str:
    if is_black(rgb):
        return "black"
    if is_red(rgb):
        return "red"
    return "#" + "".join(f"{round(v * 255):02X}" for v in rgb)


def red_share(samples: bytes) -> float:
    """The share of inked pixels (RGB bytes; dark or clearly coloured, light
    anti-aliasing greys left out) that are red: how seals (印章) are told from other
    images and drawings."""
    inked = red = 0
    for i in range(0, len(samples) - 2, 3):
        r, g, b = samples[i] / 255, samples[i + 1] / 255, samples[i + 2] / 255
        chroma = max(r, g, b) - min(r, g, b)
        if chroma < 0.15 and max(r, g, b) > 0.5:
            continue  # paper or a light grey edge
        inked += 1
        red += r > 0.5 and r - max(g, b) > 0.2
    return red / inked if inked else 0.0
