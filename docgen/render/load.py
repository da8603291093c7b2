"""A spec read, its text fields rendered with its variables, and validated.

Text fields are rendered before validation, so that a variable may stand anywhere a
value does (``seq: "{{ n }}"``); the spec package reads and validates, this module runs
the three steps in order.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docgen import files, limits
from docgen.errors import DocgenError, Location, SpecError
from docgen.i18n import tr
from docgen.limits import LimitError
from docgen.render.environment import describe_jinja_error, make_environment, render_text
from docgen.render.sandbox import guarded
from docgen.spec.source import FieldPath, LoadedSpec, Locator, format_path, parse_yaml, project_root
from docgen.spec.validate import validate

# Fields that are not text for the reader: never rendered through Jinja.
_NOT_TEXT = {"vars", "template", "fonts", "kind"}

# Whole-number fields: a variable there (``seq: "{{ 序号 }}"``, from --set or a mail-merge
# row, where every value is text) renders to digits, which stand for the number.
_WHOLE_NUMBERS = {("number", "seq"), ("number", "year"), ("copy_number",)}
_DIGITS = re.compile(r"0|[1-9][0-9]{0,17}")


def render_fields(
    data: Any, variables: dict[str, Any], ctx: Locator, env: Any, path: FieldPath = ()
) -> Any:
    """Every text field rendered with the spec's variables; undefined ones are errors."""
    if isinstance(data, dict):
        return {
            k: v
            if not path and k in _NOT_TEXT
            else render_fields(v, variables, ctx, env, (*path, k))
            for k, v in data.items()
        }
    if isinstance(data, list):
        return [render_fields(v, variables, ctx, env, (*path, i)) for i, v in enumerate(data)]
    if isinstance(data, str) and ("{" in data):
        try:
            data = render_text(env, data, variables)
        except Exception as exc:  # any Jinja failure becomes a located spec error
            where = ctx.where(path)
            message = describe_jinja_error(exc, variables)
            raise SpecError(message, where, format_path(path)) from None
        if path in _WHOLE_NUMBERS and _DIGITS.fullmatch(data):
            return int(data)
    if isinstance(data, str):
        _check_text(data, ctx, path)
    return data


# C0 controls but tab and line breaks, DEL, C1 controls, non-characters and lone surrogates:
# no document shows them, and XML (DOCX, OFD) cannot hold most of them.
_NOT_TEXT_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _check_text(text: str, ctx: Locator, path: FieldPath) -> None:
    if len(text) > limits.current("field-text"):
        raise LimitError(
            limits.exceeded("field-text", f"{len(text):,}"), ctx.where(path), format_path(path)
        )
    if found := _NOT_TEXT_CHARS.search(text):
        code = f"U+{ord(found[0]):04X}"
        raise SpecError(
            tr(
                "a control character ({code}) in the text: it is not text"
                " (a stray escape such as \\v or \\f in quotes?)"
            ).format(code=code),
            ctx.where(path),
            format_path(path),
        )


def load_spec(
    path: Path,
    overrides: dict[str, Any] | None = None,
    text: str | None = None,
) -> LoadedSpec:
    """Read, check and render a spec. ``overrides`` (from --vars and --set) win over vars:.

    With ``text`` (a spec from stdin or the Python API) nothing is read: ``path`` names it
    in messages, and its folder is where its project and relative paths are looked for."""
    path = Path(path)
    root = project_root(path)
    if text is None:
        text = _read(path, root)
    elif (size := len(text.encode())) > limits.current("spec-size"):
        raise LimitError(limits.exceeded("spec-size", f"{size:,}"), Location(path))
    data, locations = parse_yaml(text, path)
    ctx = Locator(path, locations)
    env = make_environment(root)

    variables = data.get("vars") or {}
    if not isinstance(variables, dict):
        raise SpecError(tr("vars: must be a mapping of names to values"), ctx.where(("vars",)))
    variables = {**variables, **(overrides or {})}
    data = {**render_fields(data, guarded(variables), ctx, env), "vars": variables}
    return LoadedSpec(validate(data, ctx), path, root, ctx)


def _read(path: Path, root: Path) -> str:
    try:
        files.project_file(path.absolute(), root, root, "spec-size")  # no link out of it
        return files.read_text(path, "spec-size")
    except files.FileRefused as exc:
        raise SpecError(exc.message, Location(path)) from None
    except DocgenError as exc:  # not UTF-8, a NUL byte: located
        raise SpecError(exc.message, exc.location) from None
