"""``docgen fonts [SPEC]``: the font of every role and why; with a spec, the characters
that needed help (it lays the spec out to find them)."""

from __future__ import annotations

from pathlib import Path

from docgen.fonts.report import describe


def report(spec: Path | None, font_dirs: list[Path], fonts: dict[str, str]) -> str:
    from docgen.build import BuildOptions, font_warnings, make_faces

    options = BuildOptions(font_dirs=font_dirs, fonts=fonts)
    loaded = None
    if spec is not None:
        from docgen.render import load_spec

        loaded = load_spec(spec)
    faces, notes = make_faces(loaded, options)
    lines = describe(faces)
    lines += [f"note: {n}" for n in notes]
    if loaded is not None:
        from docgen.compose import compose
        from docgen.layout.pages import lay_out

        lay_out(compose(loaded), faces)
        warnings = font_warnings(faces)
        lines += warnings or [f"{spec}: every character has a glyph in its role's font"]
    return "\n".join(lines)
