"""The sandboxed Jinja environment shared by text fields and body templates."""

from __future__ import annotations

import datetime as dt
import functools
import io
from pathlib import Path
from types import TracebackType

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from docgen import __version__
from docgen.cachedir import cache_dir, key, read, write
from docgen.errors import Location
from docgen.standard.numbering import chinese_number, date_text, item_ordinal, ordinal

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def _autoescape(name: str | None) -> bool:
    # Body templates write markup (``*.xml.j2``): the user's text is escaped into it.
    # Text fields render to plain text and are not escaped.
    return bool(name) and name.endswith(".xml.j2")


# Text fields are templates named by this prefix and their own text (see _TextFields).
_FIELD = "\0field:"


class _TextFields(jinja2.BaseLoader):
    """Loads a text field's template from its name, so that compiled fields are cached
    (in memory and in the bytecode cache) like template files."""

    def get_source(self, environment, template):
        if not template.startswith(_FIELD):
            raise jinja2.TemplateNotFound(template)
        return template.removeprefix(_FIELD), None, lambda: True


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


def render_text(env: jinja2.Environment, text: str, variables: dict) -> str:
    """A text field rendered with the spec's variables."""
    return env.get_template(_FIELD + text).render(variables)


@functools.cache
def make_environment(project_root: Path | None = None) -> jinja2.Environment:
    """A sandbox in which undefined variables are errors, never empty strings.

    One per project and process: its template cache serves a batch of builds, and it
    reloads a template whose file changed."""
    search = [str(project_root)] if project_root else []
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.ChoiceLoader(
            [_TextFields(), jinja2.FileSystemLoader([*search, str(TEMPLATES)])]
        ),
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
    env.filters.update(
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


def describe_jinja_error(exc: Exception) -> str:
    if isinstance(exc, jinja2.UndefinedError):
        return f"undefined variable: {exc.message}; define it under vars: or with --set"
    if isinstance(exc, jinja2.sandbox.SecurityError):
        return f"template not allowed: {exc} (templates run in a sandbox)"
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return f"template syntax error: {exc.message}"
    return f"template error: {type(exc).__name__}: {exc}"


def jinja_error_location(exc: Exception, fallback: Location) -> Location:
    """Where in a template file the error is, or the fallback (a text field's place)."""
    if isinstance(exc, jinja2.TemplateSyntaxError) and exc.filename:
        return Location(Path(exc.filename), exc.lineno)
    frame = template_frame(exc.__traceback__)
    return Location(Path(frame[0]), frame[1]) if frame else fallback
