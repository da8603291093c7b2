"""Fonts: which face serves each typographic role, found once, asked by both writers."""
