#!/usr/bin/env python3
"""Keep docgen's message catalogs with Babel: extract every ``tr("…")`` of docgen/ into
docgen/locale/docgen.pot, bring docgen/locale/zh/LC_MESSAGES/docgen.po up to it (new
messages untranslated, gone ones dropped), and compile docgen.mo.

    python tools/messages.py           # extract, update, compile
    python tools/messages.py --check   # exit 1 if a message has no Chinese or .mo is stale

tests/test_messages.py runs the check.
"""

from __future__ import annotations

import argparse
import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
LOCALE = ROOT / "docgen" / "locale"
PO = LOCALE / "zh" / "LC_MESSAGES" / "docgen.po"
MO = PO.with_suffix(".mo")


def extract() -> Catalog:
    template = Catalog(project="docgen", charset="utf-8")
    found = extract_from_dir(
        str(ROOT / "docgen"), method_map=[("**.py", "python")], keywords={"tr": None, "N_": None}
    )
    for filename, lineno, message, _comments, _context in found:
        template.add(message, locations=[(f"docgen/{filename}", lineno)])
    return template


def _bytes(write, catalog: Catalog, **options) -> bytes:
    buffer = io.BytesIO()
    write(buffer, catalog, **options)
    return buffer.getvalue()


def updated() -> tuple[Catalog, bytes, bytes]:
    template = extract()
    if PO.exists():
        with PO.open("rb") as f:
            catalog = read_po(f, locale="zh_CN")
    else:
        catalog = Catalog(locale="zh_CN", project="docgen", charset="utf-8")
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    # The compiled catalog's header carries these dates: fixed, so the .mo is the same
    # bytes for the same messages.
    catalog.creation_date = catalog.revision_date = datetime(2026, 1, 1, tzinfo=UTC)
    po = _bytes(write_po, catalog, omit_header=True, sort_output=True, width=100, no_location=True)
    mo = _bytes(write_mo, catalog, use_fuzzy=False)
    return catalog, po, mo


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    catalog, po, mo = updated()
    missing = [m.id for m in catalog if m.id and not m.string]
    if args.check:
        stale = not PO.exists() or PO.read_bytes() != po or not MO.exists() or MO.read_bytes() != mo
        for message in missing:
            print(f"no Chinese for: {message}", file=sys.stderr)
        if stale:
            print("the catalog is out of date: run python tools/messages.py", file=sys.stderr)
        return 1 if missing or stale else 0
    PO.parent.mkdir(parents=True, exist_ok=True)
    PO.write_bytes(po)
    MO.write_bytes(mo)
    print(f"{len(catalog)} messages, {len(missing)} without Chinese: {PO}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
