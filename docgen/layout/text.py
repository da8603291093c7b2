"""Setting text with the build's fonts: plain lines and wrapped paragraphs."""

from __future__ import annotations

from collections.abc import Sequence

from msgspec import Struct, field

from docgen.fonts.faces import Faces
from docgen.fonts.roles import Role
from docgen.layout import grid
from docgen.layout.linebreak import Placed, make_items, place
from docgen.layout.paragraph import Setting, set_paragraph
from docgen.standard import BLOCK_WIDTH_PT, BODY_SIZE_PT


class Setter(Struct):
    """Turns text into placed glyphs, measuring with the build's faces, and keeps what the
    DOCX must insert into each wrapped text to break it as the layout did."""

    faces: Faces
    inserts: dict[str, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    loosened: dict[str, tuple[tuple[int, int, int], ...]] = field(default_factory=dict)
    squeezed: dict[str, tuple[int, ...]] = field(default_factory=dict)
    last_resort: dict[str, str] = field(default_factory=dict)
    _set: dict[tuple, Setting] = field(default_factory=dict)

    def plain(self, text: str, role: Role, size: float = BODY_SIZE_PT) -> list[Placed]:
        """One line at its natural width, spaced as paragraphs are (grid pitch for
        full-width text, the CJK–Latin space)."""
        tracking = grid.BODY_TRACKING * size / BODY_SIZE_PT
        items = make_items(text, [role] * len(text), size, self.faces.measure_text)
        return place(items, 0.0, tracking, justify=False)

    def width(self, placed: Sequence[Placed]) -> float:
        """Where a line set by :meth:`plain` or :meth:`wrap` ends."""
        if not placed:
            return 0.0
        last = placed[-1]
        return last.x + last.advance

    def wrap(self, text: str, roles: Sequence[Role] | Role, **how: float) -> list[list[Placed]]:
        """Lines of a paragraph (:meth:`set`'s keywords)."""
        return self.set(text, roles, **how).lines

    def set(
        self,
        text: str,
        roles: Sequence[Role] | Role,
        *,
        size: float = BODY_SIZE_PT,
        width: float = BLOCK_WIDTH_PT,
        first_indent: float = 0.0,
        hanging: float = 0.0,
    ) -> Setting:
        """A paragraph set: its lines (``hanging`` indents every line after the first),
        where each starts, and what the DOCX needs to break it the same way, which is
        also kept here for the plan."""
        if isinstance(roles, Role):
            roles = [roles] * len(text)
        key = (text, tuple(roles), size, width, first_indent, hanging)
        if (known := self._set.get(key)) is not None:
            return known  # a paragraph measured before (a heading's keep looks ahead)
        shared = (self.faces.key, *key)
        if (setting := _SETTINGS.get(shared)) is not None:
            # set by an earlier build in this process (docgen watch, a batch): measuring
            # again records this build's fallback characters in its own Faces
            self.faces.measure_text(text, roles)
        else:
            setting = _set(text, roles, self.faces, size, width, first_indent, hanging)
            if len(_SETTINGS) >= _SETTINGS_MAX:
                _SETTINGS.clear()
            _SETTINGS[shared] = setting
        self._set[key] = setting
        self._keep(text, setting)
        return setting

    def _keep(self, text: str, setting: Setting) -> None:
        """What the DOCX needs to break ``text`` as the layout did, kept for the plan."""
        if setting.inserts:
            self.inserts[text] = tuple(setting.inserts)
        if setting.loosened:
            self.loosened[text] = tuple(setting.loosened)
        if setting.squeezed:
            self.squeezed[text] = tuple(setting.squeezed)
        if setting.last_resort:
            self.last_resort[text] = setting.last_resort.value


# Paragraphs set in this process, across builds: a resident process (docgen watch) sets
# again only what changed.  Keyed by the fonts and everything the setting depends on.
_SETTINGS: dict[tuple, Setting] = {}
_SETTINGS_MAX = 20_000


def _set(
    text: str,
    roles: Sequence[Role],
    faces: Faces,
    size: float,
    width: float,
    first_indent: float,
    hanging: float,
) -> Setting:
    return set_paragraph(
        text,
        roles,
        size=size,
        width=width - hanging,
        first_indent=first_indent - hanging,
        tracking=grid.BODY_TRACKING * size / BODY_SIZE_PT,
        fit_spacing=grid.fit_spacing(size),
        measure=faces.measure_text,
        left=hanging,
    )
