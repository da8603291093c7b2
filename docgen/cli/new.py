"""``docgen new KIND [DIR]``: a starter project for one kind of document that builds at
once and passes ``docgen check`` — a commented spec, the JSON Schema editors check it with,
the project marker, a sample seal where the kind is sealed, and a .gitignore.

The specs are written by hand, one per kind, in docgen/starters/ (package data). A project
is made in memory and then written all or nothing; it is the same bytes every time.
"""

from __future__ import annotations

import json
import re
import shlex
import unicodedata
from importlib.resources import files
from pathlib import Path

from docgen.errors import DocgenError
from docgen.i18n import tr
from docgen.outputs import publish
from docgen.spec.model import json_schema
from docgen.version import __version__

# Each kind's starter, in the order of docgen.kinds: its file in docgen/starters/, which
# also names the spec and the default folder (the names the example specs in specs/ use).
SLUGS: dict[str, str] = {
    "决议": "resolution",
    "决定": "decision",
    "命令": "order",
    "公报": "communique",
    "公告": "announcement",
    "通告": "public-notice",
    "意见": "opinion",
    "通知": "notice",
    "通报": "bulletin",
    "报告": "report",
    "请示": "request",
    "批复": "reply",
    "议案": "motion",
    "函": "letter",
    "纪要": "minutes",
    "总结": "summary",
    "方案": "plan",
    "讲话稿": "speech",
}
SCHEMA = "docgen.schema.json"  # the name the starters' first line points editors to
MARKER = "docgen.toml"
SEAL = "seal-sample.png"
IGNORE = ".gitignore"
# A starter names the sample seal only where its kind is sealed.
_SEALED = re.compile(rb"^seal: *" + re.escape(SEAL.encode()) + rb"\s", re.MULTILINE)


class NewError(DocgenError):
    """``docgen new`` cannot make the project: an unknown kind, a folder in the way."""


def slug(kind: str) -> str:
    """The starter of ``kind``, given as its 文种 (通知) or its English name (notice)."""
    if kind in SLUGS.values():
        return kind
    if kind not in SLUGS:
        message = tr("unknown kind {kind}; expected one of {kinds}")
        raise NewError(message.format(kind=repr(kind), kinds=", ".join(SLUGS)))
    return SLUGS[kind]


def schema_text() -> str:
    """What ``docgen schema`` prints."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def _marker(name: str) -> str:
    # No date: the same project is the same bytes.
    return (
        "# docgen 项目：spec 读取的文件（印章、模板、字体）都要放在这个文件夹里。\n"
        f"# 由 docgen new {name} 生成。\n"
        f'docgen-version = "{__version__}"\n'
    )


def project_files(name: str) -> dict[str, bytes]:
    """Every file of the starter project ``name`` (a slug), by file name, in the order
    they are listed to the user."""
    starters = files("docgen") / "starters"
    spec = (starters / f"{name}.yaml").read_bytes()
    made = {
        f"{name}.yaml": spec,
        SCHEMA: schema_text().encode(),
        MARKER: _marker(name).encode(),
    }
    if _SEALED.search(spec):
        made[SEAL] = (starters / SEAL).read_bytes()
    made[IGNORE] = b"output/\n"
    return made


def _refuse_occupied(folder: Path) -> None:
    """A project goes into a new or an empty folder, so that nothing of the user's is
    overwritten or mixed into it."""
    if not folder.exists() and not folder.is_symlink():
        return
    if not folder.is_dir():
        raise NewError(
            tr("{folder} is in the way: it exists and is not a folder").format(folder=folder)
        )
    if any(folder.iterdir()):
        message = tr("{folder} is not empty: docgen new writes only into a new or empty folder")
        raise NewError(message.format(folder=folder))


def create(kind: str, folder: Path | None = None) -> str:
    """Make the starter project of ``kind`` in ``folder`` (default: the kind's English
    name) and return what to tell the user."""
    name = slug(kind)
    folder = folder or Path(name)
    _refuse_occupied(folder)
    made = project_files(name)
    publish([(folder / file, data) for file, data in made.items()])
    return _told(folder, name, list(made))


def _what(file: str, spec: str) -> str:
    return {
        spec: tr("the spec: write your document here"),
        SCHEMA: tr("the spec's JSON Schema: editors check and complete the spec with it"),
        MARKER: tr("marks the project: every file a spec reads must be in this folder"),
        SEAL: tr("a sample seal (样章): put your own seal's image in its place"),
        IGNORE: tr("keeps output/ out of git"),
    }[file]


def _shell(path: Path) -> str:
    """``path`` as it can be pasted into a shell: quoted only where it must be."""
    text = str(path)
    return text if re.fullmatch(r"[\w@%+=:,./-]+", text) else shlex.quote(text)


def _columns(text: str) -> int:
    """Terminal columns of ``text``: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _told(folder: Path, name: str, made: list[str]) -> str:
    spec = folder / f"{name}.yaml"
    paths = [str(folder / file) for file in made]
    width = max(map(_columns, paths))
    kind = next(k for k, s in SLUGS.items() if s == name)
    lines = [tr("made a {kind} project in {folder}:").format(kind=kind, folder=folder)]
    lines += [
        f"  {path}{' ' * (width - _columns(path))}  {_what(file, spec.name)}"
        for path, file in zip(paths, made, strict=True)
    ]
    lines += [
        tr("next: build it and check it against GB/T 9704, or preview it as you edit:"),
        f"  docgen build {_shell(spec)} -o {_shell(folder / 'output')} --check",
        f"  docgen preview {_shell(spec)}",
    ]
    return "\n".join(lines)
