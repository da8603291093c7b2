"""Load a spec: safe YAML with positions → variables → rendered text fields → typed model.

Every failure is a :class:`SpecError` naming the file, line, column and field path.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import msgspec
import yaml
from msgspec import Struct, field

from docgen.errors import Location, SpecError
from docgen.render.environment import describe_jinja_error, make_environment, render_text
from docgen.spec.model import Spec, decode_custom

FieldPath = tuple[str | int, ...]

# Fields that are not text for the reader: never rendered through Jinja.
_NOT_TEXT = {"vars", "template", "fonts", "kind"}

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


class _Context(Locator):
    env: Any = None


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


# ---- Text fields through Jinja ----------------------------------------------------


def render_fields(data: Any, variables: dict[str, Any], ctx: _Context, path: FieldPath = ()) -> Any:
    """Every text field rendered with the spec's variables; undefined ones are errors."""
    if isinstance(data, dict):
        return {
            k: v if not path and k in _NOT_TEXT else render_fields(v, variables, ctx, (*path, k))
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [render_fields(v, variables, ctx, (*path, i)) for i, v in enumerate(data)]
    if isinstance(data, str) and ("{" in data):
        try:
            return render_text(ctx.env, data, variables)
        except Exception as exc:  # any Jinja failure becomes a located spec error
            where = ctx.where(path)
            raise SpecError(describe_jinja_error(exc), where, format_path(path)) from None
    return data


# ---- Validation errors with places and suggestions --------------------------------

# msgspec says "<message> - at `$.body.sections[0]`" (or "at `key` in `$.attendees`").
_MSGSPEC_ERROR = re.compile(r"^(?P<msg>.*?)(?: - at `(?P<at>[^`]*)`(?: in `(?P<key_of>[^`]*)`)?)?$")
_PATH_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def _parse_path(text: str) -> FieldPath:
    """ "$.body.sections[0]" → ("body", "sections", 0)."""
    return tuple(
        name if name else int(index) for name, index in _PATH_PART.findall(text.removeprefix("$"))
    )


def _type_at(loc: FieldPath) -> Any:
    """msgspec's description of the type at ``loc`` in the model (None if there is none)."""
    from msgspec import inspect

    current: Any = inspect.type_info(Spec)
    for part in loc:
        current = next(
            (found for t in _options(current) if (found := _step(t, part)) is not None), None
        )
        if current is None:
            return None
    return current


def _options(t: Any) -> tuple[Any, ...]:
    """The members of a union (``Annotated`` unwrapped), or ``t`` alone."""
    while hasattr(t, "extra_json_schema"):  # msgspec.inspect.Metadata
        t = t.type
    return tuple(_options(m)[0] for m in t.types) if hasattr(t, "types") else (t,)


def _step(t: Any, part: str | int) -> Any:
    """The type one key or index below ``t``."""
    from msgspec import inspect

    if isinstance(part, int):
        return getattr(t, "item_type", None)
    if isinstance(t, inspect.StructType):
        return next((f.type for f in t.fields if f.encode_name == part), None)
    return getattr(t, "value_type", None)


def _field_names(owner: FieldPath) -> list[str]:
    """The keys of the struct at ``owner``."""
    from msgspec import inspect

    for t in _options(_type_at(owner)):
        if isinstance(t, inspect.StructType):
            return [f.encode_name for f in t.fields]
    return []


def _choices(loc: FieldPath) -> list[str]:
    """The values a Literal field at ``loc`` allows."""
    types = [getattr(t, "key_type", t) for t in _options(_type_at(loc))]  # dict keys too
    return [str(v) for t in types for v in getattr(t, "values", ())]


def _describe(message: str, loc: FieldPath) -> tuple[str, FieldPath, bool]:
    """A message for people, the path it is about, and whether the value explains it."""
    if m := re.match(r"Object contains unknown field `(.+)`$", message):
        known = _field_names(loc)
        from difflib import get_close_matches  # only on this error path

        guess = get_close_matches(m[1], known, n=1, cutoff=0.5)
        hint = f"; did you mean {guess[0]!r}?" if guess else ""
        message = f"unknown key {m[1]!r}{hint} (expected one of: {', '.join(known)})"
        return message, (*loc, m[1]), False
    if m := re.match(r"Object missing required field `(.+)`$", message):
        return "this field is required but missing", (*loc, m[1]), False
    if (m := re.match(r"(\w+): (.*)$", message, re.S)) and m[1] in _field_names(loc):
        return m[2], (*loc, m[1]), False  # raised by the model's own checks
    if message.startswith("Invalid enum value") and (choices := _choices(loc)):
        message += f"; expected one of {', '.join(choices)}"
    return message[0].lower() + message[1:], loc, True


def validation_error(exc: Exception, data: dict[str, Any], ctx: _Context) -> SpecError:
    m = _MSGSPEC_ERROR.match(str(exc))
    assert m is not None  # the pattern matches any text
    loc = _parse_path(m["key_of"] or m["at"] or "$")
    message, loc, show_value = _describe(m["msg"], loc)
    value = _value_at(data, loc)
    if show_value and isinstance(value, str | int | float | bool) and repr(value) not in message:
        got = f"got {type(value).__name__} {value!r:.60}"
        message, n = re.subn(r"got `\w+`", got, message)
        message += "" if n else f"; {got}"
    return SpecError(message, ctx.where(loc), format_path(loc))


def _value_at(data: Any, loc: FieldPath) -> Any:
    """The value the user wrote at ``loc`` (None if it is missing)."""
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


# ---- The whole load ---------------------------------------------------------------


def load_spec(
    path: Path,
    overrides: dict[str, Any] | None = None,
) -> LoadedSpec:
    """Read, check and render a spec. ``overrides`` (from --vars and --set) win over vars:."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise SpecError(f"cannot read the spec: {exc.strerror}", Location(path)) from None
    except UnicodeDecodeError:
        raise SpecError("the spec is not UTF-8 text", Location(path)) from None
    data, locations = parse_yaml(text, path)
    root = project_root(path)
    ctx = _Context(path, locations, make_environment(root))

    variables = data.get("vars") or {}
    if not isinstance(variables, dict):
        raise SpecError("vars: must be a mapping of names to values", ctx.where(("vars",)))
    variables = {**variables, **(overrides or {})}
    data = {**render_fields(data, variables, ctx), "vars": variables}
    try:
        spec = msgspec.convert(data, Spec, dec_hook=decode_custom)
    except msgspec.ValidationError as exc:
        raise validation_error(exc, data, ctx) from None
    return LoadedSpec(spec, path, root, Locator(path, locations))
