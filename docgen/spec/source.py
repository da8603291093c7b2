"""Reading a spec: safe YAML with the position of every key and value, the project it
belongs to, and the located spec later stages carry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from msgspec import Struct, field

from docgen.errors import Location, SpecError
from docgen.spec.model import Spec

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
        """A path named in the spec, kept inside the project."""
        target = (self.path.parent / relative).resolve()
        if not target.is_relative_to(self.project_root):
            raise SpecError(
                f"path {relative!r} leads outside the project ({self.project_root})",
                self.where(field_path),
                format_path(field_path),
            )
        if not target.is_file():
            raise SpecError(f"no such file: {relative!r}", self.where(field_path))
        return target


def format_path(path: FieldPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def project_root(spec_path: Path) -> Path:
    """The nearest folder above the spec that marks a project; else the spec's folder."""
    for folder in spec_path.resolve().parents:
        if any((folder / marker).exists() for marker in _PROJECT_MARKERS):
            return folder
    return spec_path.resolve().parent


# ---- YAML with positions ----------------------------------------------------------

_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("map", "seq", "str", "int", "float", "bool", "null", "timestamp")
}


# libyaml's parser when PyYAML has it (ten times faster); the same safe constructor.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _mark(file: Path, node: yaml.Node) -> Location:
    return Location(file, node.start_mark.line + 1, node.start_mark.column + 1)


def parse_yaml(text: str, file: Path) -> tuple[Any, dict[FieldPath, Location]]:
    """Safe YAML (no arbitrary tags) and the position of every key and value."""
    loader = _SafeLoader(text)
    locations: dict[FieldPath, Location] = {}

    def build(node: yaml.Node, path: FieldPath) -> Any:
        locations[path] = _mark(file, node)
        if node.tag not in _PLAIN_TAGS:
            # Anything but plain data (e.g. !!python/object) is refused by the safe
            # constructor, which raises a located error.
            return loader.construct_object(node, deep=True)
        if isinstance(node, yaml.MappingNode):
            loader.flatten_mapping(node)
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = loader.construct_object(key_node)
                if key in out:
                    raise SpecError(f"duplicate key {key!r}", _mark(file, key_node))
                out[key] = build(value_node, (*path, key))
                locations[(*path, key)] = _mark(file, key_node)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [build(child, (*path, i)) for i, child in enumerate(node.value)]
        return loader.construct_object(node, deep=True)

    try:
        root = loader.get_single_node()
        data = build(root, ()) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(file, mark.line + 1, mark.column + 1) if mark else Location(file)
        context = exc.context or ""
        if context and exc.context_mark and exc.context_mark is not mark:
            context += f" (from line {exc.context_mark.line + 1})"
        problem = ", ".join(p for p in (context, exc.problem) if p)
        raise SpecError(f"not valid YAML: {problem}", where) from None
    finally:
        loader.dispose()
    if not isinstance(data, dict):
        raise SpecError("a spec is a YAML mapping (key: value lines)", Location(file, 1))
    return data, locations
