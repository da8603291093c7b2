"""The sandboxed Jinja environment shared by text fields and body templates.

Templates come from the spec's project, through the file gate (files.py: no symlink out of
the project, no device, nothing too large), or from docgen's own ``templates/``.  The
sandbox itself is bounded (sandbox.py); rendering streams its output and stops at the text
limits.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2

from docgen import files, limits
from docgen.cachedir import cache_dir, key, read, write
from docgen.errors import Location
from docgen.i18n import tr
from docgen.render.sandbox import (
    NotText,
    Sandbox,
    TemplateLimit,
    bounded_time,
    describe_value,
    variable_named,
)
from docgen.standard.numbering import chinese_number, date_text, item_ordinal, ordinal
from docgen.version import __version__

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _autoescape(name: str | None) -> bool:
    # Body templates write markup (``*.xml.j2``): the user's text is escaped into it.
    # Text fields render to plain text and are not escaped.
    return bool(name) and name.endswith(".xml.j2")


# Text fields are templates named by this prefix and their own text (see _TextFields).
_FIELD = "\0field:"


class _BytecodeCache(jinja2.BytecodeCache):
    """Compiled templates in the user's cache folder, each entry sealed with a checksum
    (cachedir.py): marshal data that is damaged could crash the interpreter, so only
    entries that check out are loaded.  A folder that cannot be written is not used."""

    _KEEP = 1000

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _file(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.folder / f"{bucket.key}.cache"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = read(self._file(bucket))
        if data is not None:
            bucket.load_bytecode(io.BytesIO(data))

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        out = io.BytesIO()
        bucket.write_bytecode(out)
        write(self._file(bucket), out.getvalue(), keep=self._KEEP)


def _date_filter(value: dt.date | str) -> str:
    """``{{ spec.date | cn_date }}``: a date, or 2021-07-01 as text, as 2021年7月1日."""
    return date_text(dt.date.fromisoformat(value) if isinstance(value, str) else value)


class _Templates(jinja2.BaseLoader):
    """Templates by name: a text field (named by its own text, so that compiled fields are
    cached like files), the project's own (a path from the project's root, through the
    file gate), else docgen's."""

    def __init__(self, project_root: Path | None) -> None:
        self.root = project_root

    def get_source(self, environment, template):
        if template.startswith(_FIELD):
            return template.removeprefix(_FIELD), None, lambda: True
        for folder in (self.root, TEMPLATES):
            if folder is None or not (folder / template).exists():
                continue
            try:
                path = files.project_file(template, folder, folder)
                source = files.read_text(path, "file-size")
            except files.FileRefused as exc:
                raise jinja2.TemplateNotFound(template, exc.message) from None
            mtime = path.stat().st_mtime_ns
            return source, str(path), lambda p=path, m=mtime: _unchanged(p, m)
        raise jinja2.TemplateNotFound(template)


def _unchanged(path: Path, mtime: int) -> bool:
    try:
        return path.stat().st_mtime_ns == mtime
    except OSError:
        return False


def render(template: jinja2.Template, variables: dict[str, Any]) -> str:
    """A template's text, within the budget and the text limit (output is streamed, so a
    loop that writes too much stops when it passes the limit)."""
    most, parts, size = limits.current("document-text"), [], 0
    with bounded_time():
        for part in template.generate(variables):
            size += len(part)
            if size > most:
                raise TemplateLimit("document-text")
            parts.append(part)
    return "".join(parts)


def render_text(env: jinja2.Environment, text: str, variables: dict) -> str:
    """A text field rendered with the spec's variables."""
    out = render(env.get_template(_FIELD + text), variables)
    if len(out) > limits.current("field-text"):
        raise TemplateLimit("field-text")
    return out


@functools.cache
def make_environment(project_root: Path | None = None) -> jinja2.Environment:
    """A sandbox in which undefined variables are errors, never empty strings.

    One per project and process: its template cache serves a batch of builds, and it
    reloads a template whose file changed."""
    env = Sandbox(
        loader=_Templates(project_root),
        # Compiled code depends on these settings too: a changed module is a new cache.
        bytecode_cache=_BytecodeCache(
            cache_dir("templates") / key(__version__, files=(Path(__file__),))
        ),
        undefined=jinja2.StrictUndefined,
        autoescape=_autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.add_filters(
        cn=chinese_number,
        ordinal=ordinal,
        item_ordinal=item_ordinal,
        cn_date=_date_filter,
    )
    return env


def template_frame(tb: TracebackType | None) -> tuple[str, int] | None:
    """The innermost template file and line in a traceback of a rendering error."""
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def describe_jinja_error(exc: Exception, variables: dict[str, Any] | None = None) -> str:
    if isinstance(exc, NotText):
        name = variable_named(exc.value, variables or {})
        what = describe_value(exc.value)
        subject = tr("the variable {name}").format(name=repr(name)) if name else tr("a value")
        return tr(
            "{subject} is {what}, not text: {{{{ }}}} prints text, numbers and dates"
            " (use one of its fields, or join a list with |join('、'))"
        ).format(subject=subject, what=what)
    if isinstance(exc, TemplateLimit):
        return tr("template too costly: {why}").format(why=exc)
    if isinstance(exc, RecursionError):
        return tr("template error: a macro or include calls itself without end")
    if isinstance(exc, MemoryError):
        return tr("template error: ran out of memory")
    if isinstance(exc, jinja2.TemplateNotFound):
        why = f" ({exc.message})" if exc.message and exc.message != exc.name else ""
        return tr("template not found: {name}{why}").format(name=repr(exc.name), why=why)
    if isinstance(exc, jinja2.UndefinedError):
        name = re.match(r"'(.+)' is undefined$", exc.message or "")
        what = repr(name[1]) if name else exc.message
        return tr("undefined variable: {what}; define it under vars: or with --set").format(
            what=what
        )
    if isinstance(exc, jinja2.sandbox.SecurityError):
        return tr("template not allowed: {what} (templates run in a sandbox)").format(what=exc)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return tr("template syntax error: {what}").format(what=exc.message)
    return tr("template error: {kind}: {what}").format(kind=type(exc).__name__, what=exc)


def jinja_error_location(exc: Exception, fallback: Location) -> Location:
    """Where in a template file the error is, or the fallback (a text field's place)."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return Location(Path(exc.filename), exc.lineno)
    frame = template_frame(exc.__traceback__)
    return Location(Path(frame[0]), frame[1]) if frame else fallback
