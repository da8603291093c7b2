"""Which font file serves each role: the one place that decides, and says why.

Order, per role: an explicit choice (spec ``fonts:`` or ``--font``) → font folders the user
names and the project's own ``fonts/`` → fonts installed on this machine, by official family
name → the free fonts bundled in ``fonts/``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from msgspec import Struct

from docgen.errors import FontError
from docgen.fonts.installed import FontFile, system_faces
from docgen.fonts.roles import OFFICIAL_NAMES, Role
from docgen.i18n import tr

_INSTALLED_FONTS = Path(__file__).resolve().parents[1] / "_fonts"  # in a wheel
_SOURCE_FONTS = Path(__file__).resolve().parents[2] / "fonts"  # in a checkout
BUNDLED_DIR = Path(
    os.environ.get(
        "DOCGEN_BUNDLED_FONTS",
        _INSTALLED_FONTS if _INSTALLED_FONTS.is_dir() else _SOURCE_FONTS,
    )
)
FONT_SUFFIXES = {".ttf", ".ttc", ".otf", ".otc"}


class FontChoice(Struct, frozen=True):
    role: Role
    family: str
    path: Path
    index: int
    official: bool
    source: str
    reason: str
    style: str = ""  # where known: two faces of the bundled fallbacks share a family

    @property
    def face_name(self) -> str:
        return f"{self.family} {self.style}" if self.style else self.family


# ---- Finding fonts ----------------------------------------------------------------


def _read_faces(path: Path) -> list[FontFile]:
    """The faces in a font file, with every family name they declare."""
    from fontTools.ttLib import TTCollection, TTFont

    try:
        if path.suffix.lower() in {".ttc", ".otc"}:
            fonts = list(TTCollection(str(path), lazy=True).fonts)
        else:
            fonts = [TTFont(str(path), lazy=True, fontNumber=0)]
    except Exception:  # a broken or foreign file in a font folder is skipped
        return []
    faces = []
    for index, font in enumerate(fonts):
        try:  # tables are read lazily: a truncated file fails only here
            names = {
                str(rec.toUnicode()).strip()
                for rec in font["name"].names
                if rec.nameID in (1, 16) and _decodable(rec)
            }
            faces.append(FontFile(path, index, tuple(sorted(names)), "glyf" in font))
        except Exception:
            continue
    return faces


def _decodable(record) -> bool:
    try:
        record.toUnicode()
    except UnicodeDecodeError:
        return False
    return True


def scan_dirs(dirs: Iterable[Path]) -> list[FontFile]:
    faces: list[FontFile] = []
    for folder in dirs:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.suffix.lower() in FONT_SUFFIXES:
                    faces += _read_faces(path)
    return faces


@cache
def bundled() -> dict[Role, FontChoice]:
    manifest = BUNDLED_DIR / "bundled.json"
    try:
        roles = json.loads(manifest.read_text(encoding="utf-8"))["roles"]
    except (OSError, ValueError, KeyError) as exc:
        message = tr("the bundled font manifest is missing or broken: {why}").format(why=exc)
        raise FontError(message) from None
    return {
        Role(name): FontChoice(
            Role(name),
            entry["family"],
            BUNDLED_DIR / entry["file"],
            0,
            official=False,
            source="bundled",
            reason="free substitute bundled with docgen",
            style=entry.get("style", ""),
        )
        for name, entry in roles.items()
    }


# ---- Choosing ---------------------------------------------------------------------


def _match(faces: Iterable[FontFile], names: Iterable[str]) -> tuple[FontFile, str] | None:
    """The first face declaring one of ``names`` (in the order of ``names``)."""
    faces = list(faces)
    for name in names:
        for face in faces:
            if name.casefold() in (f.casefold() for f in face.families):
                return face, name
    return None


def _explicit(role: Role, value: str, searched: list[FontFile]) -> FontChoice:
    path = Path(value).expanduser()
    if path.suffix.lower() in FONT_SUFFIXES:
        if not path.is_file():
            message = tr("font file for {role} not found: {path}").format(role=role, path=path)
            raise FontError(message, field=role.value)
        faces = _read_faces(path)
        if not faces or not faces[0].truetype:
            message = tr(
                "{path} is not a TrueType font (no glyf outlines); it cannot be embedded"
            ).format(path=path)
            raise FontError(message, field=role.value)
        family = faces[0].families[0] if faces[0].families else path.stem
        official = family in OFFICIAL_NAMES[role]
        return FontChoice(role, family, path, 0, official, "explicit", f"asked for {path}")
    found = _match([f for f in searched if f.truetype], [value])
    if not found:
        message = tr("font family {family} for {role} is not installed or in a font folder")
        message = message.format(family=repr(value), role=role)
        raise FontError(message, field=role.value)
    face, name = found
    official = name in OFFICIAL_NAMES[role]
    return FontChoice(role, name, face.path, face.index, official, "explicit", f"asked for {name}")


def resolve_fonts(
    explicit: dict[str, str] | None = None,
    font_dirs: Iterable[Path] = (),
) -> tuple[dict[Role, FontChoice], list[str]]:
    """The font for every role, and notes on official fonts found but not usable."""
    user_faces = scan_dirs([*font_dirs, BUNDLED_DIR / "user"])
    choices: dict[Role, FontChoice] = {}
    notes: list[str] = []
    for role in Role:
        if explicit and role.value in explicit:
            searched = [*user_faces, *system_faces()]
            choices[role] = _explicit(role, explicit[role.value], searched)
            continue
        choices[role] = _find_official(role, user_faces, notes) or bundled()[role]
    return choices, notes


def _find_official(role: Role, user_faces: list[FontFile], notes: list[str]) -> FontChoice | None:
    names = OFFICIAL_NAMES[role]
    for source, faces in (("font folder", user_faces), ("installed", system_faces())):
        found = _match(faces, names)
        if not found:
            continue
        face, name = found
        if not face.truetype:
            notes.append(
                f"{name} found at {face.path} has CFF outlines, which reportlab cannot embed;"
                " convert it to TrueType (see tools/make_fonts.py) to use it"
            )
            continue
        where = f"{source} {face.path.parent}" if source == "font folder" else "installed"
        return FontChoice(
            role, name, face.path, face.index, True, source, f"official font, {where}"
        )
    return None


def user_font_dirs() -> list[Path]:
    """Extra font folders from the DOCGEN_FONT_DIRS environment variable."""
    value = os.environ.get("DOCGEN_FONT_DIRS", "")
    return [Path(p) for p in value.split(os.pathsep) if p]
