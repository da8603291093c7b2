"""python-docx's private members: every use of them is in this module.

The DOCX writer builds most of its OOXML itself (xml.py) and uses python-docx for the
package; appending built elements to the body, reaching a section's w:sectPr and filling a
header or footer need members python-docx does not make public.  They are touched here
only, for the versions pinned in pyproject.toml; :func:`verify` says plainly what changed
when another version no longer has them (tests/test_internals.py runs it).
"""

from __future__ import annotations

from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section, _Footer, _Header

SUPPORTED = ">=1.1,<1.3"  # as pinned in pyproject.toml

HeaderFooter = _Header | _Footer


def append_paragraph(body: BaseOxmlElement, paragraph: BaseOxmlElement) -> None:
    """Add a w:p to the body, before its final w:sectPr (schema order)."""
    body._insert_p(paragraph)


def append_table(body: BaseOxmlElement, table: BaseOxmlElement) -> None:
    """Add a w:tbl to the body, before its final w:sectPr."""
    body._insert_tbl(table)


def section_properties(section: Section) -> BaseOxmlElement:
    """A section's w:sectPr."""
    return section._sectPr


def part_root(part: HeaderFooter) -> BaseOxmlElement:
    """The root element (w:hdr or w:ftr) of a header or footer."""
    return part._element


def verify() -> None:
    """Raise a clear error when this python-docx lacks a private member docgen relies on."""
    from importlib.metadata import version

    import docx

    document = docx.Document()
    body = document.element.body
    section = document.sections[0]
    needs = [
        (body, "_insert_p"),
        (body, "_insert_tbl"),
        (section, "_sectPr"),
        (section.footer, "_element"),
        (section.header, "_element"),
    ]
    missing = [f"{type(o).__name__}.{a}" for o, a in needs if not hasattr(o, a)]
    if missing:
        raise RuntimeError(
            f"python-docx {version('python-docx')} lacks what docgen uses of its internals"
            f" ({', '.join(missing)}); docgen supports python-docx {SUPPORTED} (pyproject.toml)"
        )
