"""The body template: a kind's (or the spec's own) Jinja template → body markup."""

from __future__ import annotations

import jinja2

from docgen.errors import SpecError
from docgen.kinds import KINDS
from docgen.render.environment import (
    describe_jinja_error,
    jinja_error_location,
    make_environment,
    render,
)
from docgen.render.sandbox import guarded
from docgen.spec.model import Body
from docgen.spec.source import LoadedSpec


def _template(loaded: LoadedSpec, env: jinja2.Environment) -> jinja2.Template:
    spec = loaded.spec
    if spec.template:
        path = loaded.resolve_path(spec.template, ("template",))
        name = path.relative_to(loaded.project_root).as_posix()
    else:
        name = KINDS[spec.kind].template
    return env.get_template(name)


def render_body(loaded: LoadedSpec, body: Body | None = None) -> str:
    """The body markup the template writes for this spec (or for one of its attachments)."""
    spec = loaded.spec
    body = body or spec.body
    env = make_environment(loaded.project_root)
    variables: dict = {}
    try:
        template = _template(loaded, env)
        variables = guarded(spec.vars)
        context = {"body": body, "spec": spec, "is_main_body": body is spec.body}
        return render(template, {**variables, **context})
    except SpecError:
        raise
    except Exception as exc:  # every Jinja failure is reported against its template line
        used_at = loaded.where(("template",))
        where = jinja_error_location(exc, used_at)
        message = describe_jinja_error(exc, variables)
        if where.file != loaded.path:  # in a template: say which spec line uses it
            message += f" (the template of {used_at})"
        raise SpecError(message, where) from None
