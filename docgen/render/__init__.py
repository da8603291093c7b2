"""Jinja, sandboxed: text fields and body templates become text and body markup.

:func:`load_spec` reads a spec, renders its text fields and validates it; :func:`names_used`
records the variables the templates rendered meanwhile looked up."""

from docgen.render.load import load_spec
from docgen.render.sandbox import names_used

__all__ = ["load_spec", "names_used"]
