"""One build: spec → document → layout → files, written atomically.

Writers are imported only when their format is asked for (a PDF build needs no python-docx).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from docgen.compose import compose
from docgen.document.model import Document
from docgen.errors import FontError, SpecError
from docgen.fonts.faces import Faces
from docgen.fonts.resolve import FONT_SUFFIXES, resolve_fonts, user_font_dirs
from docgen.fonts.roles import Role, docx_family
from docgen.render import load_spec
from docgen.spec.source import LoadedSpec

FORMATS = ("pdf", "docx")


class BuildOptions(Struct):
    out_dir: Path = Path("output")
    formats: tuple[str, ...] = FORMATS
    overrides: dict[str, Any] = field(default_factory=dict)
    font_dirs: list[Path] = field(default_factory=list)
    fonts: dict[str, str] = field(default_factory=dict)  # role → family or file
    embed_fonts: bool = False
    copies: int = 0  # 0: one document; N: N numbered copies (份号 000001 …)


class BuildResult(Struct):
    spec: Path
    files: list[Path]
    warnings: list[str]
    faces: Faces


class Staging:
    """Files written beside their targets under temporary names, moved into place only
    when every one of them was written: a failed build leaves earlier outputs untouched."""

    def __init__(self) -> None:
        self.pending: list[tuple[Path, Path]] = []

    def path_for(self, target: Path) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        os.close(fd)
        self.pending.append((Path(tmp), target))
        return Path(tmp)

    def commit(self) -> None:
        umask = os.umask(0)
        os.umask(umask)
        for tmp, target in self.pending:
            os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; outputs are ordinary files
            os.replace(tmp, target)
        self.pending.clear()

    def discard(self) -> None:
        for tmp, _ in self.pending:
            tmp.unlink(missing_ok=True)
        self.pending.clear()


def _spec_fonts(loaded: LoadedSpec) -> dict[str, str]:
    """The spec's ``fonts:``; a file it names must lie inside its project."""
    out = {}
    for role, value in loaded.spec.fonts.items():
        if Path(value).suffix.lower() in FONT_SUFFIXES:
            value = str(loaded.resolve_path(value, ("fonts", role)))
        out[role] = value
    return out


def make_faces(loaded: LoadedSpec | None, options: BuildOptions) -> tuple[Faces, list[str]]:
    """Fonts for this build: the command line wins over the spec's ``fonts:``."""
    explicit = {**(_spec_fonts(loaded) if loaded else {}), **options.fonts}
    unknown = set(explicit) - {r.value for r in Role}
    if unknown:
        roles = ", ".join(r.value for r in Role)
        where = loaded.where(("fonts",)) if loaded else None
        raise SpecError(f"unknown font role(s) {sorted(unknown)}; roles are {roles}", where)
    dirs = [*options.font_dirs, *user_font_dirs()]
    if loaded:
        dirs.append(loaded.project_root / "fonts" / "user")
    try:
        choices, notes = resolve_fonts(explicit, dirs)
    except FontError as exc:
        # Name the spec's line when the font was asked for there.
        role = next((r for r in explicit if r in exc.message), None)
        if loaded and role in loaded.spec.fonts and role not in options.fonts:
            raise FontError(exc.message, loaded.where(("fonts", role)), f"fonts.{role}") from None
        raise
    return Faces(choices), notes


def font_warnings(faces: Faces) -> list[str]:
    out = []
    if faces.fallback_used:
        chars = "".join(sorted(faces.fallback_used))
        roles = sorted({r.value for rs in faces.fallback_used.values() for r in rs})
        family = faces.choices[Role.FALLBACK].family
        out.append(f"drawn from the fallback font {family} ({', '.join(roles)}): {chars}")
    if faces.missing:
        chars = "".join(sorted(faces.missing))
        out.append(f"NO FONT HAS A GLYPH for: {chars} — they will show as empty boxes")
    return out


def _embedded_subsets(faces: Faces, layout, folder: Path) -> dict[str, Path]:
    """The fonts to embed in a DOCX, each cut to the document's characters, keyed by the
    family names the DOCX runs use (LibreOffice registers an embedded font under the
    name the document's font table gives it)."""
    from docgen.fonts.subset import subset_font

    text = "".join(
        sorted({g.ch for page in layout.pages for line in page.lines for g in line.glyphs})
    )
    out = {}
    for choice in faces.choices.values():
        if choice.role == Role.FALLBACK:
            continue
        target = folder / f"{choice.role.value}.ttf"
        out[docx_family(choice.role)] = subset_font(choice.path, text, target)
    return out


def _writers() -> dict[str, Callable[..., None]]:
    def pdf(doc: Document, faces: Faces, path: Path, options: BuildOptions) -> None:
        from docgen.layout.pages import lay_out
        from docgen.writers.pdf import write_pdf

        write_pdf(lay_out(doc, faces), faces, path, doc.meta)

    def docx(doc: Document, faces: Faces, path: Path, options: BuildOptions) -> None:
        from docgen.layout.pages import lay_out
        from docgen.writers.docx import write_docx

        # The PDF's layout decides rows, breaks and the 版记's page; the DOCX still flows.
        layout = lay_out(doc, faces)
        if not options.embed_fonts:
            write_docx(doc, layout, path)
            return
        with tempfile.TemporaryDirectory(prefix="docgen-fonts-") as folder:
            embed = _embedded_subsets(faces, layout, Path(folder))
            write_docx(doc, layout, path, embed_fonts=embed)

    return {"pdf": pdf, "docx": docx}


def build(spec_path: Path, options: BuildOptions) -> BuildResult:
    """Build one spec into ``options.out_dir``; nothing is written if anything fails.

    With ``options.copies`` = N, N documents numbered 份号 000001 … are written, each
    named ``<spec>-<份号>``."""
    loaded = load_spec(spec_path, options.overrides)
    faces, notes = make_faces(loaded, options)
    if options.copies:
        docs = [
            (f"{loaded.name}-{n:06d}", compose(loaded, n)) for n in range(1, options.copies + 1)
        ]
    else:
        docs = [(loaded.name, compose(loaded))]
    writers = _writers()
    staging = Staging()
    files = []
    try:
        for stem, doc in docs:
            for fmt in options.formats:
                target = options.out_dir / f"{stem}.{fmt}"
                writers[fmt](doc, faces, staging.path_for(target), options)
                files.append(target)
        staging.commit()
    finally:
        staging.discard()
    return BuildResult(spec_path, files, notes + font_warnings(faces), faces)


__all__ = ["FORMATS", "BuildOptions", "BuildResult", "FontError", "build", "make_faces"]
