"""Raw spec data → the typed :class:`~docgen.spec.model.Spec`, with errors that name the
field, its line and what was expected."""

from __future__ import annotations

import copy
import re
from typing import Any

import msgspec

from docgen.errors import SpecError, SpecErrors
from docgen.i18n import N_, tr
from docgen.spec.model import Spec, decode_custom
from docgen.spec.source import FieldPath, Locator, format_path

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
        hint = tr("; did you mean {key}?").format(key=repr(guess[0])) if guess else ""
        message = tr("unknown key {key}{hint} (expected one of: {known})").format(
            key=repr(m[1]), hint=hint, known=", ".join(known)
        )
        return message, (*loc, m[1]), False
    if m := re.match(r"Object missing required field `(.+)`$", message):
        return tr("this field is required but missing"), (*loc, m[1]), False
    if (m := re.match(r"(\w+): (.*)$", message, re.S)) and m[1] in _field_names(loc):
        return m[2], (*loc, m[1]), False  # raised by the model's own checks
    if (m := re.match(r"Invalid enum value (.+)$", message)) and (choices := _choices(loc)):
        message = tr("invalid value {value}; expected one of {choices}").format(
            value=m[1], choices=", ".join(choices)
        )
        return message, loc, False
    if m := re.match(r"Expected `(.+?)`, got `(.+?)`$", message):
        text = tr("expected {expected}, got {got}").format(expected=_type_name(m[1]), got=_GOT)
        return text, loc, True
    if m := re.match(r"Expected `(.+?)` (>=|<=|>|<) (\S+)$", message):
        text = tr("expected {expected} {op} {bound}")
        return text.format(expected=_type_name(m[1]), op=m[2], bound=m[3]), loc, True
    return message[0].lower() + message[1:], loc, True


_GOT = "\x00got\x00"  # where validation_error puts what the user wrote
_TYPES = {
    "str": N_("text"),
    "int": N_("a whole number"),
    "float": N_("a number"),
    "bool": N_("true or false"),
    "array": N_("a list"),
    "object": N_("a mapping (key: value)"),
    "null": N_("nothing"),
}


def _type_name(name: str) -> str:
    """msgspec's name of a type, in the reader's words (str | null → text or nothing)."""
    return tr(" or ").join(tr(_TYPES.get(part, part)) for part in name.split(" | "))


def validation_error(exc: Exception, data: dict[str, Any], ctx: Locator) -> SpecError:
    m = _MSGSPEC_ERROR.match(str(exc))
    assert m is not None  # the pattern matches any text
    loc = _parse_path(m["key_of"] or m["at"] or "$")
    message, loc, show_value = _describe(m["msg"], loc)
    value = _value_at(data, loc)
    scalar = isinstance(value, str | int | float | bool)
    if _GOT in message:  # the value the user wrote, or its kind
        got = f"{value!r:.60}" if scalar else _type_name(_json_type(value))
        message = message.replace(_GOT, got)
    elif show_value and scalar and repr(value) not in message:
        message += "; " + tr("got {value}").format(value=f"{value!r:.60}")
    return SpecError(message, ctx.where(loc), format_path(loc))


def _json_type(value: Any) -> str:
    return "array" if isinstance(value, list) else "object" if isinstance(value, dict) else "null"


def _value_at(data: Any, loc: FieldPath) -> Any:
    """The value the user wrote at ``loc`` (None if it is missing)."""
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


MOST_ERRORS = 20  # told at once; more are rarely more useful than fixing these first


def validate(data: dict[str, Any], locator: Locator) -> Spec:
    """The typed spec, or every field that is wrong (up to MOST_ERRORS), each located.

    msgspec stops at the first error; what it is about is then set aside (:func:`_set_aside`)
    and the rest validated again, until nothing else is wrong or only that absence would be."""
    try:
        return msgspec.convert(data, Spec, dec_hook=decode_custom)
    except msgspec.ValidationError as exc:
        first = validation_error(exc, data, locator)
    errors = [first]
    rest = copy.deepcopy(data)
    removed: list[str] = []
    while len(errors) < MOST_ERRORS:
        aside = _set_aside(rest, errors[-1].field)
        if aside is None:
            break  # a missing required key: anything further would be about its absence
        removed.append(aside)
        try:
            msgspec.convert(rest, Spec, dec_hook=decode_custom)
            break
        except msgspec.ValidationError as exc:
            error = validation_error(exc, rest, locator)
        if any(_within(error.field, r) for r in removed) or any(
            f"did you mean {_top_key(error.field)!r}" in e.message for e in errors
        ):
            break  # about what was set aside, or the misspelt key: told already
        errors.append(error)
    raise errors[0] if len(errors) == 1 else SpecErrors(errors)


def _set_aside(data: dict[str, Any], field: str) -> str | None:
    """Remove what an error is about from ``data``: its top-level key, or — inside a key
    the spec cannot do without (body) — the wrong key itself; the field removed, or None
    where nothing can be (a required key is missing)."""
    loc = _parse_path("$." + field) if field else ()
    if not loc:
        return None
    if loc[0] not in _REQUIRED:
        return format_path(loc[:1]) if data.pop(loc[0], _MISSING) is not _MISSING else None
    parent = _value_at(data, loc[:-1])
    if len(loc) > 1 and isinstance(parent, dict) and loc[-1] in parent:
        del parent[loc[-1]]
        return field
    return None


_MISSING = object()


def _within(field: str, removed: str) -> bool:
    return field == removed or field.startswith((removed + ".", removed + "["))


_REQUIRED = {f.encode_name for f in msgspec.structs.fields(Spec) if f.required}


def _top_key(field: str) -> str:
    return field.split(".", 1)[0].split("[", 1)[0]
