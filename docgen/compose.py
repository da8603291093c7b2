"""Spec → document model: the rendered body and the metadata as 公文 elements.

Every text the document prints is composed here, once: the layout sets it and every
writer prints it as it is.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import get_args

from docgen import limits
from docgen.document.markup import MarkupError, parse_body
from docgen.document.model import (
    Attachment,
    AttachmentNote,
    Block,
    Colophon,
    Document,
    Header,
    Listing,
    Signature,
)
from docgen.errors import SpecError
from docgen.i18n import tr
from docgen.render.body import render_body
from docgen.spec.model import Attendance, Body, DocNumber, Spec
from docgen.spec.source import LoadedSpec, format_path
from docgen.standard import fig, labels
from docgen.standard.formats import MARK_SUFFIX, Format
from docgen.standard.numbering import date_text


def _body(loaded: LoadedSpec, body: Body, field: tuple) -> tuple[Block, ...]:
    try:
        return parse_body(render_body(loaded, body))
    except MarkupError as exc:
        raise SpecError(str(exc), loaded.where(field), "template") from None


def _signer_lines(signers: list[str]) -> tuple[str, ...]:
    """签发人 names as printed: two a line (§7.2.6, 一般), an ideographic space between."""
    per_line = int(fig("signers_per_line"))
    groups = [signers[i : i + per_line] for i in range(0, len(signers), per_line)]
    return tuple(labels.SIGNER_SEPARATOR.join(group) for group in groups)


def _header(spec: Spec, copy_number: int | None) -> Header | None:
    fmt = spec.layout_format
    if spec.number is None and fmt == Format.DOCUMENT:
        return None  # no 发文字号: a plain document (总结, 讲话稿 …) without a 版头
    copy = copy_number or spec.copy_number
    period = [spec.secrecy, spec.secrecy_period]
    secrecy = spec.secrecy and labels.SECRECY_SEPARATOR.join(filter(None, period))
    names = (spec.mark,) if spec.mark else tuple(spec.issuer)
    suffix = spec.mark_suffix if spec.mark_suffix is not None else MARK_SUFFIX[fmt]
    if fmt == Format.LETTER:
        names = names[:1]  # joint letters carry only the lead issuer's mark (§10.1)
    return Header(
        copy_number=f"{copy:0{int(fig('copy_number_digits'))}d}" if copy else None,
        secrecy=secrecy or None,
        urgency=spec.urgency,
        mark_names=names,
        mark_suffix="" if spec.mark else suffix,
        doc_number=str(spec.number) if isinstance(spec.number, DocNumber) else None,
        signers=tuple(spec.signers),
        # 令号, or a 纪要's own number (第15号, 第15期): centred under the mark
        order_number=spec.order_number or (spec.number if isinstance(spec.number, str) else None),
        signers_label=labels.labelled(labels.SIGNERS) if spec.signers else "",
        signer_lines=_signer_lines(spec.signers),
    )


def _mark_text(spec: Spec) -> str:
    suffix = spec.mark_suffix if spec.mark_suffix is not None else MARK_SUFFIX[spec.layout_format]
    return spec.mark or "、".join(spec.issuer) + suffix


def _image(loaded: LoadedSpec, name: str, field: tuple) -> Path:
    """A seal or stamp image: through the file gate, and a picture that decodes whole
    within the pixel limit (a truncated or fake file is caught here, not when drawn)."""
    path = loaded.resolve_path(name, field)
    from PIL import Image, UnidentifiedImageError

    most = limits.current("image-pixels")
    Image.MAX_IMAGE_PIXELS = most  # PIL refuses a decompression bomb before decoding it
    try:
        with Image.open(path) as picture:
            width, height = picture.size
            if width * height > most:
                size = f"{width} × {height}"
                raise ValueError(
                    tr("{size} pixels: {limit}").format(
                        size=size, limit=limits.exceeded("image-pixels")
                    )
                )
            picture.load()
    except (UnidentifiedImageError, Image.DecompressionBombError) as exc:
        message = tr("{name} is not an image docgen can read ({why})").format(
            name=repr(name), why=exc
        )
        raise SpecError(message, loaded.where(field), format_path(field)) from None
    except (OSError, ValueError, SyntaxError) as exc:
        message = tr("{name} is not a whole image: {why}").format(name=repr(name), why=exc)
        raise SpecError(message, loaded.where(field), format_path(field)) from None
    if width < 1 or height < 1:
        message = tr("{name} has no pixels").format(name=repr(name))
        raise SpecError(message, loaded.where(field), format_path(field))
    return path


def _signature(loaded: LoadedSpec) -> Signature | None:
    """署名 and 成文日期.  A 纪要 is signed only when it says so (a date or a 署名); the
    signer's 职务 and name, where there is no 签名章 image, stand as the 署名 (命令, 议案)."""
    spec = loaded.spec
    if spec.date is None:
        return None  # an unsigned 纪要
    seals = tuple(_image(loaded, path, ("seal", i)) for i, path in enumerate(spec.seal))
    stamp = _image(loaded, spec.stamp, ("stamp",)) if spec.stamp else None
    issuers = tuple(spec.signature or spec.issuer)
    if spec.signatory and not stamp:
        issuers = (
            labels.SIGNER_SEPARATOR.join(filter(None, (spec.signatory, spec.signatory_name))),
        )
    return Signature(
        issuers=issuers,
        date=date_text(spec.date),
        seals=seals,
        stamp=stamp,
        signatory=spec.signatory,
    )


def _attachments(loaded: LoadedSpec) -> tuple[Attachment, ...]:
    items = loaded.spec.attachments
    numbered = len(items) > 1
    return tuple(
        Attachment(
            number=i + 1 if numbered else None,
            title=item.title,
            body=_body(loaded, item.body, ("attachments", i, "body")) if item.body else (),
            label=f"{labels.ATTACHMENT}{i + 1}" if numbered else labels.ATTACHMENT,
            note_number=f"{i + 1}." if numbered else "",
        )
        for i, item in enumerate(items)
    )


def _note(text: str | None) -> str | None:
    """附注 stands in parentheses (§7.3.6); add them if the author did not."""
    return _bracketed(text)


def _bracketed(text: str | None) -> str | None:
    """A text in full-width parentheses (附注, a 决议's 通过 line): added if not given."""
    if not text or not text.strip():
        return None
    text = text.strip()
    opening, closing = labels.NOTE_BRACKETS
    return text if text.startswith(opening) and text.endswith(closing) else opening + text + closing


def _listing(label: str, names: list[str]) -> Listing | None:
    """主送：…。 / 抄送：…。 in the 版记 (§7.4.2): names joined by 、, a 句号 after the last."""
    if not names:
        return None
    return Listing(labels.labelled(label), labels.name_list(names) + labels.LIST_END)


def _colophon(spec: Spec) -> Colophon:
    printed = date_text(spec.print_date) + labels.PRINTED if spec.print_date else None
    return Colophon(
        recipients=_listing(labels.RECIPIENTS, spec.recipients),
        cc=_listing(labels.CC, spec.cc),
        printer=spec.printer,
        print_date=printed,
    )


def _attendees(spec: Spec) -> tuple[Listing, ...]:
    """出席, 请假, 列席 in that order (§10.3), whatever order the spec gives them."""
    order = get_args(Attendance)
    return tuple(
        Listing(labels.labelled(label), labels.LIST_SEPARATOR.join(spec.attendees[label]))
        for label in order
        if spec.attendees.get(label)
    )


def recipients_text(names: list[str]) -> str:
    """§7.3.2: names joined by 、, a full-width colon after the last."""
    return labels.labelled(labels.name_list(names)) if names else ""


def _plain_date(date: dt.date | None) -> dt.date | None:
    """The spec's date as a plain date: the document model owes nothing to the spec's
    types (a helper process unpickles it without importing the spec's model)."""
    return dt.date(date.year, date.month, date.day) if date else None


def compose(loaded: LoadedSpec, copy_number: int | None = None) -> Document:
    spec = loaded.spec
    title = tuple(line.strip() for line in spec.title if line.strip())
    attachments = _attachments(loaded)
    note = AttachmentNote(labels.labelled(labels.ATTACHMENT), attachments) if attachments else None
    return Document(
        kind=spec.kind,
        title=title,
        title_breaks_given=len(title) > 1,
        issuers=tuple(spec.issuer),
        format=spec.layout_format,
        header=_header(spec, copy_number),
        recipients=recipients_text(spec.recipients),
        body=_body(loaded, spec.body, ("body",)),
        attendees=_attendees(spec),
        attachments=attachments,
        attachment_note=note,
        signature=_signature(loaded),
        adopted=_bracketed(spec.adopted),
        note=_note(spec.note),
        colophon=_colophon(spec),
        double_sided=spec.double_sided,
        date=_plain_date(spec.date),
        meta={
            "title": "".join(title) or _mark_text(spec),
            "author": "、".join(spec.issuer),
            "subject": spec.kind,
        },
    )
