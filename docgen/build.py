"""One build: spec → document → layout (once) → a file per format, written all or none
(outputs.py).

Writers come from the registry (docgen.writers) and are imported only when their format
is asked for: a PDF build needs no python-docx.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from docgen import collector, limits
from docgen.compose import compose
from docgen.document.model import Document
from docgen.errors import FontError, LayoutError, SpecError
from docgen.fonts.faces import Faces
from docgen.fonts.resolve import FONT_SUFFIXES, resolve_fonts, user_font_dirs
from docgen.fonts.roles import Role
from docgen.forked import helper
from docgen.i18n import tr
from docgen.layout import Layout
from docgen.limits import LimitError
from docgen.outputs import publish
from docgen.render import load_spec, names_used
from docgen.spec.source import LoadedSpec
from docgen.writers import ALL, FileType, WriteOptions, follows_plan, writer


class BuildOptions(Struct):
    out_dir: Path = Path("output")
    formats: tuple[FileType, ...] = ALL
    overrides: dict[str, Any] = field(default_factory=dict)
    font_dirs: list[Path] = field(default_factory=list)
    fonts: dict[str, str] = field(default_factory=dict)  # role → family or file
    embed_fonts: bool = False
    copies: int = 0  # 0: one document; N: N numbered copies (份号 000001 …)
    named: frozenset[str] = frozenset()  # variables --name uses (not unused if no field does)

    def __post_init__(self) -> None:
        self.formats = tuple(FileType(kind) for kind in self.formats)  # "pdf" is welcome too


class BuildResult(Struct):
    spec: Path
    files: list[Path]
    warnings: list[str]
    faces: Faces


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
        message = tr("unknown font role(s) {unknown}; roles are {roles}")
        raise SpecError(message.format(unknown=sorted(unknown), roles=roles), where)
    dirs = [*options.font_dirs, *user_font_dirs()]
    if loaded:
        dirs.append(loaded.project_root / "fonts" / "user")
    try:
        choices, notes = resolve_fonts(explicit, dirs)
    except FontError as exc:
        # Name the spec's line when the font was asked for there.
        role = exc.field
        if loaded and role in loaded.spec.fonts and role not in options.fonts:
            raise FontError(exc.message, loaded.where(("fonts", role)), f"fonts.{role}") from None
        raise
    return Faces(choices), notes


def font_warnings(faces: Faces) -> list[str]:
    out = []
    by_face: dict[Role, tuple[set[str], set[str]]] = {}
    for ch, pairs in faces.fallback_used.items():
        for asking, drawing in pairs:
            chars, roles = by_face.setdefault(drawing, (set(), set()))
            chars.add(ch)
            roles.add(asking.value)
    for drawing, (chars, roles) in sorted(by_face.items()):
        family = faces.choices[drawing].face_name
        text = "".join(sorted(chars))
        message = tr("drawn from the fallback font {family} ({roles}): {chars}")
        out.append(message.format(family=family, roles=", ".join(sorted(roles)), chars=text))
    if faces.missing:
        chars = "".join(sorted(faces.missing))
        message = tr("NO FONT HAS A GLYPH for: {chars} — they will show as empty boxes")
        out.append(message.format(chars=chars))
    return out


def _lay_out(doc: Document, faces: Faces, loaded: LoadedSpec) -> Layout:
    """The layout; a spec it cannot be made from is told at the field that asks for it."""
    from docgen.layout.pages import lay_out  # here: a build whose helper lays out skips it

    try:
        return lay_out(doc, faces)
    except LayoutError as exc:
        if exc.location is None and exc.field:
            raise LayoutError(exc.message, loaded.where((exc.field,)), exc.field) from None
        raise
    except FontError as exc:  # a font file that fails when first read
        if exc.location is None and exc.field in loaded.spec.fonts:
            where = loaded.where(("fonts", exc.field))
            raise FontError(exc.message, where, f"fonts.{exc.field}") from None
        raise


class Made(Struct):
    """One spec's files, made in memory and not yet written."""

    files: list[tuple[Path, bytes]]
    warnings: list[str]
    faces: Faces


def make(
    spec_path: Path,
    options: BuildOptions,
    *,
    stem: str | None = None,
    copies: list[int] | None = None,
    text: str | None = None,
) -> Made:
    """The files of one spec, in memory: named ``<stem>`` (default: the spec's name), or
    ``<stem>-<份号>`` for each of ``copies`` (default: all of ``options.copies``).
    ``text``: the spec's YAML when it is not read from ``spec_path`` (stdin, the API)."""
    with collector.paused():
        return _make(spec_path, options, stem, copies, text)


def _make(
    spec_path: Path,
    options: BuildOptions,
    stem: str | None,
    copies: list[int] | None,
    text: str | None,
) -> Made:
    with names_used() as used:
        loaded = load_spec(spec_path, options.overrides, text)
        faces, notes = make_faces(loaded, options)
        if options.copies > limits.current("copies"):
            raise LimitError(f"--copies {options.copies}: {limits.exceeded('copies')}")
        stem = stem or loaded.name
        if copies is None:
            copies = list(range(1, options.copies + 1))
        if copies:
            docs = [(f"{stem}-{n:06d}", compose(loaded, n)) for n in copies]
        else:
            docs = [(stem, compose(loaded))]
    notes += _unused(options.overrides, used | options.named)
    write_options = WriteOptions(embed_fonts=options.embed_fonts)
    made: list[tuple[Path, bytes]] = []
    for name, doc in docs:
        warnings, files = _document(doc, faces, loaded, options.formats, write_options)
        notes += [w for w in warnings if w not in notes]
        made += [(options.out_dir / f"{name}{kind.suffix}", files[kind]) for kind in files]
    return Made(made, notes + font_warnings(faces), faces)


def _document(
    doc: Document,
    faces: Faces,
    loaded: LoadedSpec,
    formats: tuple[FileType, ...],
    options: WriteOptions,
) -> tuple[list[str], dict[FileType, bytes]]:
    """One document laid out once and written in each format (in the order asked), and
    the layout's warnings.  The helper process the command line started (forked.py), if
    any, lays it out and draws the formats that need the pages while the DOCX is written
    here from the plan; what it cannot do is done here."""
    away = helper()
    here = [kind for kind in formats if away and follows_plan(kind, options)]
    drawn = [kind for kind in formats if kind not in here]
    handed = away if away is not None and away.hand(doc, faces, options, drawn) else None
    for kind in here:
        writer(kind)  # imported while the helper lays out
    plan = handed.laid_out(faces) if handed else None
    layout = _lay_out(doc, faces, loaded) if plan is None else None  # all of it, made here
    plan = plan or layout
    out = {kind: _written(kind, doc, plan, faces, options) for kind in here}
    for kind in drawn:  # the helper's files (drawn meanwhile), or made here
        data = handed.take() if handed and layout is None else None
        if data is None:
            layout = layout or _lay_out(doc, faces, loaded)  # the same layout again
            data = _written(kind, doc, layout, faces, options)
        out[kind] = data
    return plan.plan.warnings, {kind: out[kind] for kind in formats}


def _written(
    kind: FileType, doc: Document, layout: Layout, faces: Faces, write_options: WriteOptions
) -> bytes:
    buffer = io.BytesIO()
    writer(kind)(doc, layout, faces, buffer, write_options)
    return buffer.getvalue()


def _unused(overrides: dict[str, Any], used: set[str]) -> list[str]:
    """A variable given from outside the spec that no template looked up: a misspelt
    --set, a data column no field names — said, so that nothing given is dropped unseen."""
    names = sorted(set(overrides) - used)
    if not names:
        return []
    message = tr(
        "not used by any field or template of the spec: {names}"
        " (from --set, --vars or a data column)"
    )
    return [message.format(names=", ".join(names))]


def build(spec_path: Path, options: BuildOptions) -> BuildResult:
    """Build one spec into ``options.out_dir``; nothing is written if anything fails.

    With ``options.copies`` = N, N documents numbered 份号 000001 … are written, each
    named ``<spec>-<份号>``."""
    made = make(spec_path, options)
    publish(made.files)  # every file or none
    files = [target for target, _ in made.files]
    return BuildResult(spec_path, files, made.warnings, made.faces)


__all__ = ["BuildOptions", "BuildResult", "FontError", "Made", "build", "make", "make_faces"]
