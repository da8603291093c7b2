"""Draw the sample 印章 and 签名章 images used by the example specs.

They are obviously samples (样章): a red ring with a star and the word 样章, and a red
frame with a made-up name.  Never put a real seal in this repository.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

RED = (230, 0, 18, 235)
OUT = Path(__file__).resolve().parents[1] / "specs" / "images"
FONT = Path(__file__).resolve().parents[1] / "fonts" / "FandolHei-Regular.ttf"


def star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float) -> None:
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.382
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    draw.polygon(points, fill=RED)


def seal(name: str, text: str) -> None:
    size = 600
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse((12, 12, size - 12, size - 12), outline=RED, width=22)
    star(draw, size / 2, size / 2 - 20, 110)
    font = ImageFont.truetype(str(FONT), 90)
    draw.text((size / 2, size / 2 + 160), text, font=font, fill=RED, anchor="mm")
    img.save(OUT / name, optimize=True)


def stamp(name: str, text: str) -> None:
    img = Image.new("RGBA", (520, 300), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.rectangle((10, 10, 510, 290), outline=RED, width=18)
    font = ImageFont.truetype(str(FONT), 170)
    draw.text((260, 150), text, font=font, fill=RED, anchor="mm")
    img.save(OUT / name, optimize=True)


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    seal("seal-sample-a.png", "样章甲")
    seal("seal-sample-b.png", "样章乙")
    stamp("stamp-sample.png", "样名")
