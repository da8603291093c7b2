"""Jinja, sandboxed: text fields and body templates become text and body markup.

:func:`load_spec` reads a spec, renders its text fields and validates it."""

from docgen.render.load import load_spec

__all__ = ["load_spec"]
