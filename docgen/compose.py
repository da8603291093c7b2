"""Spec → document model: the rendered body and the metadata as 公文 elements."""

from __future__ import annotations

from docgen.document.markup import MarkupError, parse_body
from docgen.document.model import Document, Signature
from docgen.errors import SpecError
from docgen.render.body import render_body
from docgen.render.numerals import chinese_date
from docgen.spec.loader import LoadedSpec


def compose(loaded: LoadedSpec) -> Document:
    spec = loaded.spec
    markup = render_body(loaded)
    try:
        body = parse_body(markup)
    except MarkupError as exc:
        raise SpecError(str(exc), loaded.where(("template",)), "template") from None
    title = tuple(line.strip() for line in spec.title if line.strip())
    issuer = spec.signature or spec.issuer
    return Document(
        kind=spec.kind,
        title=title,
        title_breaks_given=len(title) > 1,
        issuer=spec.issuer,
        recipients=tuple(spec.recipients),
        body=body,
        signature=Signature(issuer, chinese_date(spec.date)),
        double_sided=spec.double_sided,
        meta={"title": "".join(title), "author": spec.issuer, "subject": spec.kind},
    )
