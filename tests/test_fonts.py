"""Issue 3: bundled fonts per role, rare characters, official fonts found, sizes, licences."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from typer.testing import CliRunner

from docgen import cachedir
from docgen.build import BuildOptions, build
from docgen.cli import app
from docgen.fonts import resolve
from docgen.fonts.resolve import BUNDLED_DIR, bundled
from docgen.fonts.roles import FALLBACK_CHAIN, FALLBACK_ROLES, OFFICIAL_NAMES, Role
from tests.conftest import ROOT, WORK_SUMMARY
from tests.pdf_support import chars, embedded_glyphs, lines

RARE = "堃喆旸镕赟珺彧犇昇"
EXT_A = "㐀㑇㒳㵘䶮"


@pytest.fixture
def no_system_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine with no CJK fonts installed, whatever this one has."""
    monkeypatch.setattr(resolve, "system_faces", lambda: ())


def base_name(role: Role) -> str:
    """The PostScript name a PDF gives the bundled font of ``role``."""
    names = TTFont(bundled()[role].path, lazy=True)["name"]
    return str(names.getDebugName(6))


def test_roles_use_the_bundled_fonts(no_system_fonts: None, tmp_path: Path) -> None:
    pdf = build(WORK_SUMMARY, BuildOptions(out_dir=tmp_path, formats=("pdf",))).files[0]
    found = lines(pdf)
    title = [c for ln in found if ln.chars[0].size == 22 for c in ln.chars if not c.c.isascii()]
    assert {c.font for c in title} == {base_name(Role.XIAOBIAOSONG)}
    numbers = [c for ln in found if ln.chars[0].size == 14 for c in ln.chars]
    assert {c.font for c in numbers} == {base_name(Role.SONGTI)}
    body = "".join(c.c for c in chars(pdf))
    heading = "一、坚持高位推进"
    start = body.index(heading)
    all_chars = chars(pdf)
    assert {c.font for c in all_chars[start : start + len(heading)]} == {base_name(Role.HEITI)}
    cjk_body = [c for c in all_chars if c.size == 16 and not c.c.isascii()]
    fang = sum(c.font == base_name(Role.FANGSONG) for c in cjk_body)
    assert fang / len(cjk_body) > 0.9
    latin = [c for c in all_chars if c.size == 16 and c.c.isascii() and c.c.isalnum()]
    assert latin and {c.font for c in latin} == {base_name(Role.LATIN)}


def test_rare_characters_get_real_glyphs_and_a_warning(
    no_system_fonts: None, tmp_path: Path
) -> None:
    spec = ROOT / "tests" / "specs" / "rare-characters.yaml"
    result = build(spec, BuildOptions(out_dir=tmp_path, formats=("pdf",)))
    pdf = result.files[0]
    glyphs = embedded_glyphs(pdf)
    drawn = chars(pdf)
    for ch in RARE + EXT_A:
        assert ch in "".join(c.c for c in drawn), ch
    for c in drawn:
        assert glyphs[c.font].get(c.c), f"{c.c!r} in {c.font} has no real glyph"
    for role in FALLBACK_ROLES:
        fallback = {c.c for c in drawn if c.font == base_name(role)}
        assert fallback, f"some characters came from the {role} font"
        face = bundled()[role].face_name
        said = [w for w in result.warnings if face in w]
        assert said and all(ch in said[0] for ch in fallback), (role, result.warnings)


def test_missing_glyphs_are_detected_and_reported(no_system_fonts: None, tmp_path: Path) -> None:
    """With a fallback that lacks them, the rare characters are tofu: the build says so
    and the glyph check sees it (so the check above can fail)."""
    spec = ROOT / "tests" / "specs" / "rare-characters.yaml"
    latin = str(bundled()[Role.LATIN].path)
    fonts = {role.value: latin for role in FALLBACK_ROLES}
    options = BuildOptions(out_dir=tmp_path, formats=("pdf",), fonts=fonts)
    result = build(spec, options)
    assert any("NO FONT HAS A GLYPH" in w and "㐀" in w for w in result.warnings)
    glyphs = embedded_glyphs(result.files[0])
    tofu = [c.c for c in chars(result.files[0]) if not glyphs[c.font].get(c.c)]
    assert len(tofu) >= len(EXT_A)


def _renamed_copy(source: Path, family: str, target: Path) -> Path:
    """A free font claiming an official family name, as a licensed font would."""
    font = TTFont(source)
    table = font["name"]
    table.names = [r for r in table.names if r.nameID not in (1, 4, 6, 16, 17)]
    for name_id, value in ((1, family), (4, family), (6, "DocgenTestFont")):
        table.setName(value, name_id, 3, 1, 0x409)
    font.save(target)
    return target


def test_an_official_font_in_a_user_folder_wins(no_system_fonts: None, tmp_path: Path) -> None:
    folder = tmp_path / "myfonts"
    folder.mkdir()
    _renamed_copy(bundled()[Role.FANGSONG].path, "仿宋_GB2312", folder / "fs.ttf")
    result = CliRunner().invoke(app, ["fonts", "--font-dir", str(folder)])
    assert result.exit_code == 0, result.output
    block = result.stdout.split("kaiti")[0]
    assert "仿宋_GB2312 — official" in block and str(folder) in block
    pdf = build(
        WORK_SUMMARY, BuildOptions(out_dir=tmp_path, formats=("pdf",), font_dirs=[folder])
    ).files[0]
    body = [c for c in chars(pdf) if c.size == 16 and not c.c.isascii()]
    assert any(c.font == "DocgenTestFont" for c in body)


def test_fonts_command_reports_every_role_and_the_spec(no_system_fonts: None) -> None:
    result = CliRunner().invoke(app, ["fonts", str(ROOT / "tests/specs/rare-characters.yaml")])
    assert result.exit_code == 0, result.output
    for role in Role:
        assert role.value in result.stdout
    assert "substitute for 仿宋_GB2312" in result.stdout
    assert "fallback font" in result.stdout and "堃" in result.stdout


def test_work_summary_pdf_is_small(work_summary_pdf: Path) -> None:
    size = work_summary_pdf.stat().st_size
    print(f"work-summary.pdf: {size / 1024:.0f} KB")
    assert size < 600 * 1024


def test_every_shipped_font_is_listed_with_its_licence() -> None:
    readme = (BUNDLED_DIR / "README.md").read_text(encoding="utf-8")
    manifest = json.loads((BUNDLED_DIR / "bundled.json").read_text(encoding="utf-8"))
    shipped = sorted(p.name for p in BUNDLED_DIR.glob("*.tt[fc]"))
    assert shipped
    for name in shipped:
        assert name in readme, f"{name} is not in fonts/README.md"
    for entry in manifest["roles"].values():
        assert (BUNDLED_DIR / entry["file"]).is_file()
        assert (BUNDLED_DIR / entry["license"]).is_file()


def test_no_proprietary_font_is_in_the_repository() -> None:
    official = {n.casefold() for names in OFFICIAL_NAMES.values() for n in names}
    official |= {"fzxiaobiaosong", "simsun", "simhei", "stsong", "stfangsong", "stkaiti"}
    for path in ROOT.rglob("*"):
        if path.suffix.lower() not in {".ttf", ".ttc", ".otf", ".otc"} or ".git" in path.parts:
            continue
        if "user" in path.relative_to(ROOT).parts:
            continue  # the users' own folder is ignored by git
        families = {r.toUnicode().casefold() for r in TTFont(path)["name"].names if r.nameID == 1}
        assert not families & official, f"{path} claims an official family {families}"
        assert not re.search(r"fz|simsun|simhei|gb2312", path.name, re.I), path


def test_fontconfig_aliases_cover_the_official_names() -> None:
    conf = (BUNDLED_DIR / "fontconfig" / "docgen.conf").read_text(encoding="utf-8")
    for role in (Role.FANGSONG, Role.KAITI, Role.HEITI, Role.SONGTI, Role.XIAOBIAOSONG):
        assert OFFICIAL_NAMES[role][0] in conf


def test_install_for_fontconfig_copies_fonts_and_aliases(tmp_path: Path) -> None:
    from docgen.fonts.fontconfig import install_for_fontconfig

    fonts_dir, conf = install_for_fontconfig(tmp_path / "fonts", tmp_path / "conf.d")
    shipped = {p.name for p in BUNDLED_DIR.glob("*.ttf")}
    assert {p.name for p in fonts_dir.iterdir()} == shipped
    assert "仿宋_GB2312" in conf.read_text(encoding="utf-8")


def test_build_says_which_font_served_each_role(no_system_fonts: None, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["build", str(WORK_SUMMARY), "-o", str(tmp_path), "--format", "pdf"]
    )
    assert result.exit_code == 0, result.output
    line = next(ln for ln in result.stderr.splitlines() if ln.startswith("fonts: "))
    assert f"仿宋={bundled()[Role.FANGSONG].family} (substitute)" in line
    assert f"fallback={bundled()[Role.FALLBACK].family} (fallback)" in line


def test_the_installed_font_list_is_kept_until_a_font_folder_changes(tmp_path: Path) -> None:
    folder = tmp_path / "fonts"
    folder.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f'<?xml version="1.0"?><fontconfig><dir>{folder}</dir>'
        f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>"
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "DOCGEN_CACHE_DIR": str(tmp_path / "c")}
    code = "from docgen.fonts.installed import system_faces as s; print([str(f.path) for f in s()])"

    def listed() -> list[str]:
        cmd = [sys.executable, "-c", code]
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
        return json.loads(out.replace("'", '"'))

    assert listed() == []
    record = tmp_path / "c" / "fonts" / "installed.json"
    kept = json.loads(cachedir.read(record) or b"")
    kept["faces"] = [["/marker.ttf", 0, ["Marker"], True]]
    cachedir.write(record, json.dumps(kept).encode())  # a sealed entry, as docgen writes
    assert listed() == ["/marker.ttf"], "the kept list is used while nothing changed"
    record.write_bytes(record.read_bytes() + b" ")  # damaged: not used, listed again
    assert listed() == [], "a damaged entry is never used"
    cachedir.write(record, json.dumps(kept).encode())

    shutil.copy(ROOT / "fonts" / "LiberationSerif-Regular.ttf", folder)
    assert listed() == [str(folder / "LiberationSerif-Regular.ttf")], "a new font is listed"


def test_the_fallback_chain_is_the_one_the_manifest_declares() -> None:
    """``fallback_for`` in fonts/bundled.json and FALLBACK_CHAIN say the same."""
    manifest = json.loads((BUNDLED_DIR / "bundled.json").read_text(encoding="utf-8"))
    files = {entry["file"]: Role(name) for name, entry in manifest["roles"].items()}
    declared = {
        (Role(role), files[entry["file"]])
        for entry in manifest["fallbacks"]
        for role in entry["fallback_for"]
    }
    chained = {(role, chain[0]) for role, chain in FALLBACK_CHAIN.items()}
    assert chained | {(Role.SONGTI, Role.FALLBACK)} == declared
    assert all(chain[-1] == Role.FALLBACK for chain in FALLBACK_CHAIN.values())
