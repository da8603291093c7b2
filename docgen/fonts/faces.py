"""Loaded faces: glyph coverage, advances, and which face draws each character.

Each font file is parsed once per process (reportlab's TrueType reader, which the PDF writer
embeds from), and the measurements of every build with the same fonts are shared, so a
batch build pays for both once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from msgspec import Struct, field

from docgen.errors import FontError
from docgen.fonts.resolve import FontChoice
from docgen.fonts.roles import FALLBACK_CHAIN, Role
from docgen.i18n import tr

# Roles whose half-width digits and Latin letters are set in the serif Latin face
# (as Times New Roman is in office practice).  Page numbers keep 宋体's own digits.
_LATIN_IN = {Role.FANGSONG, Role.KAITI, Role.HEITI}


@cache
def _load(path: Path, index: int):
    from docgen.fonts.cache import load_font

    # reportlab's resource name for the font; the PDF's BaseFont is the font's own name.
    name = f"{path.stem}-{index}" if index else path.stem
    return load_font(name, path, index)


# Measurements of the builds of this process, by the fonts they use: (face, advance) by
# (role, character).  Characters that need the fallback or have no glyph are not kept, so
# that every build records them in its own Faces.
_SHARED: dict[tuple, tuple[dict, dict]] = {}


def _key(choices: dict[Role, FontChoice]) -> tuple:
    return tuple(sorted((r.value, str(c.path), c.index) for r, c in choices.items()))


def _shared(choices: dict[Role, FontChoice]) -> tuple[dict, dict]:
    return _SHARED.setdefault(_key(choices), ({}, {}))


class Faces(Struct):
    """The fonts of one build, and a record of every character that needed help:
    ``fallback_used`` maps each such character to the (asking, drawing) role pairs."""

    choices: dict[Role, FontChoice]
    fallback_used: dict[str, set[tuple[Role, Role]]] = field(
        default_factory=lambda: defaultdict(set)
    )
    missing: dict[str, set[Role]] = field(default_factory=lambda: defaultdict(set))
    _fonts: dict[Role, object] = field(default_factory=dict)
    _measured: dict[tuple[Role, str], tuple[Role, float]] = field(default_factory=dict)
    _advances: dict[tuple[Role, str], float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._measured, self._advances = _shared(self.choices)

    @property
    def key(self) -> tuple:
        """What identifies these fonts: the same key, the same measurements."""
        return _key(self.choices)

    def font(self, role: Role):
        font = self._fonts.get(role)
        if font is None:
            choice = self.choices[role]
            try:
                font = self._fonts[role] = _load(choice.path, choice.index)
            except Exception as exc:  # reportlab's parser raises many kinds on a bad file
                message = tr("{path} cannot be read as a TrueType font ({why})").format(
                    path=choice.path, why=exc
                )
                raise FontError(message, field=role.value) from None
        return font

    def font_name(self, role: Role) -> str:
        return self.font(role).fontName

    def covers(self, role: Role, ch: str) -> bool:
        return ord(ch) in self.font(role).face.charToGlyph

    def advance(self, role: Role, ch: str) -> float:
        """Advance width in em."""
        found = self._advances.get((role, ch))
        if found is None:
            face = self.font(role).face
            found = self._advances[role, ch] = (
                face.charWidths.get(ord(ch), face.defaultWidth) / 1000
            )
        return found

    def measure(self, role: Role, ch: str) -> tuple[Role, float]:
        """The face that draws ``ch`` for ``role``, and its advance in em."""
        key = (role, ch)
        found = self._measured.get(key)
        if found is None:
            face = self.face_for(role, ch)
            found = (face, self.advance(face, ch))
            if ch not in self.fallback_used and ch not in self.missing:
                self._measured[key] = found
        return found

    def measure_text(self, text: str, roles: Sequence[Role]) -> list[tuple[Role, float]]:
        """:meth:`measure` for each character of ``text`` (set in the matching role)."""
        get, measure = self._measured.get, self.measure
        return [get((role, ch)) or measure(role, ch) for ch, role in zip(text, roles, strict=True)]

    def face_for(self, role: Role, ch: str) -> Role:
        """The role whose font draws ``ch`` when ``role`` asks for it."""
        latin = role in _LATIN_IN and ch.isascii() and ch.isprintable()
        if latin and self.covers(Role.LATIN, ch):
            return Role.LATIN
        if self.covers(role, ch) or ch == " ":
            return role
        for fallback in FALLBACK_CHAIN.get(role, (Role.FALLBACK,)):
            if self.covers(fallback, ch):
                self.fallback_used[ch].add((role, fallback))
                return fallback
        self.missing[ch].add(role)
        return role
