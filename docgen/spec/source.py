"""Reading a spec: safe YAML with the position of every key and value, the project it
belongs to, and the located spec later stages carry."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml
from msgspec import Struct, field

from docgen import limits
from docgen.errors import Location, SpecError
from docgen.files import FileRefused, project_file
from docgen.i18n import tr
from docgen.limits import LimitError
from docgen.spec.model import Spec
from docgen.spec.yaml_words import plain_context, plain_problem, whole

FieldPath = tuple[str | int, ...]

_PROJECT_MARKERS = ("pyproject.toml", ".git", "docgen.toml")


class Locator(Struct):
    """Finds where a field path was written in the spec."""

    file: Path
    locations: dict[FieldPath, Location] = field(default_factory=dict)

    def where(self, path: FieldPath) -> Location:
        """The closest known location of a field path."""
        while path and path not in self.locations:
            path = path[:-1]
        return self.locations.get(path, Location(self.file))


class LoadedSpec(Struct):
    """A validated spec with what later stages need to locate problems."""

    spec: Spec
    path: Path
    project_root: Path
    locator: Locator

    @property
    def name(self) -> str:
        return self.path.stem

    def where(self, path: FieldPath) -> Location:
        return self.locator.where(path)

    def resolve_path(self, relative: str, field_path: FieldPath) -> Path:
        """A file named in the spec, through the gate (files.py): inside the project once
        symlinks are resolved, a regular file, within the size limit."""
        try:
            return project_file(relative, self.path.parent, self.project_root)
        except FileRefused as exc:
            where = self.where(field_path)
            raise SpecError(exc.message, where, format_path(field_path)) from None


def format_path(path: FieldPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def project_root(spec_path: Path) -> Path:
    """The nearest folder above the spec that marks a project; else the spec's folder.

    The folders are those of the path as given (a spec that is a symlink belongs to the
    project it is in, not to the one it points into); the root is returned resolved."""
    given = spec_path.absolute()
    for folder in given.parents:
        if any((folder / marker).exists() for marker in _PROJECT_MARKERS):
            return folder.resolve()
    return given.parent.resolve()


# ---- YAML with positions ----------------------------------------------------------

_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
}


# libyaml's parser when PyYAML has it (ten times faster); the same safe constructor.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _mark(file: Path, node: yaml.Node) -> Location:
    return Location(file, node.start_mark.line + 1, node.start_mark.column + 1)


_KEY_TYPES = (str, int, float, bool, type(None), dt.date)


class _Builder:
    """Python values from the composed YAML nodes, with the position of every key and
    value, within the limits: nesting depth, alias expansions, no alias that contains
    itself."""

    def __init__(self, loader: Any, file: Path) -> None:
        self.loader, self.file = loader, file
        self.locations: dict[FieldPath, Location] = {}
        self.seen: set[int] = set()  # nodes built once: a second visit expands an alias
        self.open: set[int] = set()  # nodes being built: an alias to one is a loop
        self.expansions = 0
        self.depth_limit = limits.current("nesting")
        self.alias_limit = limits.current("aliases")

    def build(self, node: yaml.Node, path: FieldPath) -> Any:
        where = _mark(self.file, node)
        self.locations[path] = where
        ident = id(node)
        if ident in self.open:
            raise SpecError(tr("a YAML alias (*name) refers to a value that contains it"), where)
        if ident in self.seen and isinstance(node, yaml.CollectionNode):
            self.expansions += 1
            if self.expansions > self.alias_limit:
                raise LimitError(
                    tr("YAML aliases: {limit}").format(limit=limits.exceeded("aliases")), where
                )
        self.seen.add(ident)
        if len(path) > self.depth_limit:
            raise LimitError(
                tr("nested too deeply: {limit}").format(limit=limits.exceeded("nesting")), where
            )
        if node.tag not in _PLAIN_TAGS:
            # Anything but plain data (e.g. !!python/object) is refused by the safe
            # constructor, which raises a located error.
            return self.loader.construct_object(node, deep=True)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, where)
        self.open.add(ident)
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
        finally:
            self.open.discard(ident)

    def _scalar(self, node: yaml.ScalarNode, where: Location) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except ValueError:  # 2021-02-30 looks like a date but is none
            from docgen.spec.model import SpecDate  # only on this error path

            try:
                SpecDate.parse(node.value)
            except ValueError as exc:
                raise SpecError(str(exc), where) from None
            raise SpecError(
                tr("{value} is not a valid value").format(value=repr(node.value)), where
            ) from None

    def _mapping(self, node: yaml.MappingNode, path: FieldPath) -> dict:
        self.loader.flatten_mapping(node)
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            where = _mark(self.file, key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                if node.flow_style and isinstance(key_node, yaml.MappingNode):  # {{ x }}
                    raise SpecError(_braces(), _mark(self.file, node))
                raise SpecError(tr("a key must be a name, not a list or a mapping"), where)
            key = self._scalar(key_node, where)
            if not isinstance(key, _KEY_TYPES):
                message = tr("a key must be a name, not {kind}").format(kind=type(key).__name__)
                raise SpecError(message, where)
            if key in out:
                raise SpecError(tr("duplicate key {key}").format(key=repr(key)), where)
            out[key] = self.build(value_node, (*path, key))
            self.locations[(*path, key)] = where
        return out


# Characters YAML does not allow in a stream (YAML 1.1 §5.1 "Character Set").
_NOT_YAML_TEXT = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _yaml_error(exc: yaml.YAMLError, file: Path, text: str) -> SpecError:
    if isinstance(exc, yaml.reader.ReaderError):
        found = _NOT_YAML_TEXT.search(text)  # libyaml reports no usable position
        at = found.start() if found else len(text)
        line_start = text.rfind("\n", 0, at) + 1
        where = Location(file, text.count("\n", 0, at) + 1, at - line_start + 1)
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        return SpecError(
            tr("a control character ({char}) in the text: it is not text").format(char=char), where
        )
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem_text = str(getattr(exc, "problem", "") or "")
    if tag := re.search(r"constructor for the tag '([^']+)'", problem_text):
        where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        message = tr(
            "the tag {tag} is not allowed: a spec is plain YAML (text, numbers, lists, mappings)"
        )
        return SpecError(message.format(tag=tag[1].removeprefix("tag:yaml.org,2002:")), where)
    if found := _common_mistake(text, mark.line if mark else text.count("\n"), problem_text):
        line, column, message = found
        return SpecError(message, Location(file, line, column))
    where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
    if said := whole(getattr(exc, "context", None) or ""):
        return SpecError(tr("not valid YAML: {problem}").format(problem=said), where)
    context = plain_context(getattr(exc, "context", None) or "")
    context_mark = getattr(exc, "context_mark", None)
    if context and context_mark and context_mark is not mark:
        context += tr(" (from line {line})").format(line=context_mark.line + 1)
    said = plain_problem(getattr(exc, "problem", None) or "")
    problem = tr("{context}: {problem}").format(context=context, problem=said) if context else said
    return SpecError(tr("not valid YAML: {problem}").format(problem=problem or exc), where)


def _braces() -> str:
    return tr('a value that starts with {{ needs quotes, or YAML reads it as a mapping: "{{ … }}…"')


_FULL_WIDTH_KEY = re.compile(r"^(\s*(?:- )?)([^\s:#'\"\[{][^:]*?)\s*：")
_UNQUOTED_BRACES = re.compile(r"^(\s*(?:- )?(?:[^\s:#'\"][^:]*:\s+)?)\{\{")


def _common_mistake(text: str, error_line: int, problem: str) -> tuple[int, int, str] | None:
    """The YAML mistake people make most, in plain words, at or before the line the
    parser stopped on (0-based): a tab, a full-width colon after a key, a value that
    starts with {{ unquoted, or a line indented unlike its neighbours."""
    lines = text.splitlines()[: error_line + 1]
    for n, line in enumerate(lines, start=1):
        indent = line[: len(line) - len(line.lstrip())]
        if "\t" in indent:
            return (
                n,
                indent.index("\t") + 1,
                tr("a tab indents this line: YAML indents with spaces"),
            )
        if (m := _FULL_WIDTH_KEY.match(line)) and ": " not in line[: m.end()]:
            message = tr(
                "a full-width colon ： after {key}: YAML needs a half-width colon and a"
                " space ({name}: …)"
            )
            return n, m.end(), message.format(key=repr(m[2]), name=m[2])
        if m := _UNQUOTED_BRACES.match(line):
            return n, m.end() - 1, _braces()
    structural = ("mapping values", "expected ':'", "expected key", "expected <block end>")
    return _indentation(lines) if any(p in problem for p in structural) else None


def _indentation(lines: list[str]) -> tuple[int, int, str] | None:
    """The parser's last line, when it is indented more than the key before it allows."""
    if len(lines) < 2:
        return None
    last = lines[-1]
    before = next(
        (ln for ln in reversed(lines[:-1]) if ln.strip() and not ln.lstrip().startswith("#")), ""
    )
    n, m = len(last) - len(last.lstrip(" ")), len(before) - len(before.lstrip(" "))
    levels = {len(ln) - len(ln.lstrip(" ")) for ln in lines[:-1] if ln.strip()}
    if not last.strip() or n == m or before.rstrip().endswith(":") or (n < m and n in levels):
        return None
    return (
        len(lines),
        n + 1,
        tr(
            "this line is indented {n} spaces, the line before it {m}: a key's value is indented"
            " more than the key, and keys of one mapping line up"
        ).format(n=n, m=m),
    )


def parse_yaml(
    text: str, file: Path, what: str | None = None, shape: type = dict
) -> tuple[Any, dict[FieldPath, Location]]:
    """Safe YAML (no arbitrary tags) and the position of every key and value; the whole
    is of ``shape`` (a mapping; a list for mail-merge rows).  ``what``: the file's name
    in the reader's language (default: a spec)."""
    what = what or tr("a spec")
    loader = _SafeLoader(text)
    builder = _Builder(loader, file)
    try:
        root = loader.get_single_node()
        data = builder.build(root, ()) if root is not None else None
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, file, text) from None
    except RecursionError:
        message = tr("nested too deeply: {limit}").format(limit=limits.exceeded("nesting"))
        error = LimitError(message, Location(file))
        raise error from None
    finally:
        loader.dispose()
    if shape is list and not isinstance(data, list):
        message = tr("{what} is a YAML list (- lines)").format(what=what)
        raise SpecError(message, Location(file, 1))
    if shape is dict and not isinstance(data, dict):
        message = tr("{what} is a YAML mapping (key: value lines)").format(what=what)
        raise SpecError(message, Location(file, 1))
    return data, builder.locations
