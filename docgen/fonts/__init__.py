"""Fonts: which face serves each typographic role, found once, asked by both writers."""

from docgen.fonts.on_demand import defer_pil_image

defer_pil_image()  # before reportlab is imported (on_demand.py)
