"""A standalone fonts.conf: render with exactly the fonts we choose, install nothing.

Point ``FONTCONFIG_FILE`` at the file :func:`write_fontconfig` writes and fontconfig (and
so LibreOffice) sees only the given font folders, keeps its cache inside the target folder,
and maps the official 公文 family names (仿宋_GB2312 …) to the bundled fonts with the
rules of ``fonts/fontconfig/docgen.conf``.

One exception: LibreOffice aborts with "No fonts could be found on the system" when
fontconfig lists no font at all, so the configuration also lists one symbol font
(LibreOffice's own OpenSymbol, which has no CJK or Latin text glyphs) through a folder
holding a link to just that file.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape

from docgen.fonts.resolve import BUNDLED_DIR

DEFAULT_RULES = BUNDLED_DIR / "fontconfig" / "docgen.conf"
_RULE_TAGS = ("alias", "match", "selectfont")  # never <dir>, <include> or <cachedir>
_GUARD_NAME = "opens___.ttf"
_GUARD_PLACES = (
    Path("/usr/share/fonts/truetype/libreoffice"),
    Path("/usr/lib/libreoffice/share/fonts/truetype"),
    Path("/opt/libreoffice/share/fonts/truetype"),
    Path("/usr/share/fonts/libreoffice-opensymbol"),
)


def guard_font() -> Path | None:
    """A font file that keeps LibreOffice from aborting on an otherwise empty font list."""
    for place in _GUARD_PLACES:
        if (place / _GUARD_NAME).is_file():
            return place / _GUARD_NAME
    if shutil.which("fc-match"):
        out = subprocess.run(
            ["fc-match", "-f", "%{file}", "OpenSymbol"], capture_output=True, text=True, check=False
        ).stdout.strip()
        if out and Path(out).is_file():
            return Path(out)
    return None


def _guard_dir(target_dir: Path) -> Path | None:
    font = guard_font()
    if font is None:
        return None
    folder = target_dir / "guard"
    folder.mkdir(exist_ok=True)
    link = folder / font.name
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(font)
    return folder


def alias_rules(rules: Path) -> list[str]:
    """The <alias>/<match>/<selectfont> elements of a fontconfig file, as XML text."""
    if not rules.is_file():
        return []
    kept = [child for child in ET.parse(rules).getroot() if child.tag in _RULE_TAGS]
    for child in kept:
        child.tail = None
    return [ET.tostring(child, encoding="unicode") for child in kept]


def write_fontconfig(
    target_dir: Path, font_dirs: list[Path], *, rules: Path | None = DEFAULT_RULES
) -> Path:
    """Write ``target_dir/fonts.conf`` listing only ``font_dirs`` (plus the guard font)."""
    target_dir = target_dir.resolve()
    target_dir.mkdir(parents=True, exist_ok=True)
    dirs = [d.resolve() for d in font_dirs]
    guard = _guard_dir(target_dir)
    if guard is not None:
        dirs.append(guard)
    lines = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">',
        "<fontconfig>",
        *(f"  <dir>{escape(str(d))}</dir>" for d in dirs),
        f"  <cachedir>{escape(str(target_dir / 'cache'))}</cachedir>",
        *(f"  {rule}" for rule in (alias_rules(rules) if rules else [])),
        "</fontconfig>",
    ]
    path = target_dir / "fonts.conf"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def install_for_fontconfig(
    fonts_dir: Path | None = None, conf_dir: Path | None = None
) -> tuple[Path, Path]:
    """Copy the bundled fonts and the official-name aliases where fontconfig (and so
    LibreOffice) finds them for this user, and refresh its cache.

    Defaults: ``~/.local/share/fonts/docgen`` and ``~/.config/fontconfig/conf.d``."""
    fonts_dir = fonts_dir or Path.home() / ".local" / "share" / "fonts" / "docgen"
    conf_dir = conf_dir or Path.home() / ".config" / "fontconfig" / "conf.d"
    fonts_dir.mkdir(parents=True, exist_ok=True)
    conf_dir.mkdir(parents=True, exist_ok=True)
    for font in sorted(BUNDLED_DIR.glob("*.ttf")):
        shutil.copyfile(font, fonts_dir / font.name)
    conf = conf_dir / "60-docgen.conf"
    shutil.copyfile(DEFAULT_RULES, conf)
    if shutil.which("fc-cache"):
        subprocess.run(["fc-cache", "-f", str(fonts_dir)], check=False, capture_output=True)
    return fonts_dir, conf
