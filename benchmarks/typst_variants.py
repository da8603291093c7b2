"""The work summary for docgen and for Typst, with the same text, in 1-, 8-, 40- and
200-page variants (issue 19's benchmark against Typst, benchmarks/bench_typst.py).

Run from the repository root:

    python benchmarks/typst_variants.py                      # benchmarks/typst/work-summary.typ
    python benchmarks/typst_variants.py --pages 40 -o DIR    # DIR/work-summary-40.{yaml,typ,json}
    python benchmarks/typst_variants.py --count              # page counts of every variant
    python benchmarks/typst_variants.py --setup DIR --rows 50  # what bench_typst.py uses

A variant is a spec: the work summary's opening, then ``units`` units of its body taken in
order and round again (a unit is a section's heading with its text, or one of its items),
then its closing (the 1-page variant has none).  The 8-page variant is the spec itself.
The Typst source is written from docgen's model of that spec (docgen.compose: the text of
every paragraph, headings numbered, variables filled in), so both tools set the same
characters; its layout is benchmarks/typst/gongwen.typ.  The JSON file holds the same
model for a user's own Typst template (``BENCH_TYPST_TEMPLATE``: see docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "specs" / "work-summary.yaml"
TYPST_DIR = ROOT / "benchmarks" / "typst"
TEMPLATE = TYPST_DIR / "gongwen.typ"
FONTS = ROOT / "fonts"

# pages → (units of the body, closing paragraph), found with --count.
VARIANTS: dict[int, tuple[int, bool]] = {1: (1, False), 8: (19, True), 40: (110, True)}
VARIANTS[200] = (554, True)

# Markup characters of Typst: escaped with a backslash wherever they occur in the text.
_ESCAPE = {ord(c): "\\" + c for c in "\\#*_`$<>@[]~'\"-=+/.:{}()!?;,|&%^"}


def _load_yaml() -> dict[str, Any]:
    import yaml

    return yaml.safe_load(SPEC.read_text(encoding="utf-8"))


def spec_variant(units: int, closing: bool = True) -> dict[str, Any]:
    """The work summary with ``units`` units of its body (and its closing or not)."""
    data = _load_yaml()
    body = data["body"]
    stream = []
    for section in body["sections"]:
        stream.append(("section", section))
        stream += [("item", item) for item in section.get("items", [])]
    sections: list[dict[str, Any]] = []
    for n in range(units):
        what, part = stream[n % len(stream)]
        if what == "section":
            sections.append({"heading": part["heading"], "text": part["text"], "items": []})
        else:
            sections[-1]["items"].append(part)
    for section in sections:
        if not section["items"]:
            del section["items"]
    body["sections"] = sections
    if not closing:
        del body["closing"]
    return data


def _spec_yaml(data: dict[str, Any]) -> str:
    import yaml

    head = "# Made by benchmarks/typst_variants.py from specs/work-summary.yaml.\n"
    return head + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def document(spec_path: Path, overrides: dict[str, str] | None = None) -> Any:
    """docgen's model of a spec (docgen.document.model.Document)."""
    sys.path.insert(0, str(ROOT))
    from docgen.compose import compose
    from docgen.render import load_spec

    return compose(load_spec(spec_path, dict(overrides or {}), None))


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _strings(texts: tuple[str, ...]) -> str:
    return "(" + "".join(_string(t) + ", " for t in texts) + ")"


def typst_source(doc: Any, origin: str) -> str:
    """A Typst document of ``doc`` (a paragraph a line) in the layout of gongwen.typ."""
    from docgen.document.model import Paragraph, Style

    for part in (doc.header, doc.recipients, doc.attachments, doc.note):
        if part:
            raise SystemExit("this generator writes only a title, paragraphs and a signature")
    if doc.colophon.has_content(recipients_moved=True):
        raise SystemExit("this generator writes only a title, paragraphs and a signature")
    calls = {Style.H1: "h1", Style.H2: "h2", Style.H3: "h3", Style.H4: "h4", Style.EMPHASIS: "em"}
    lines = [
        f"// Made by benchmarks/typst_variants.py from {origin}: the text of docgen's model",
        "// of the spec, a paragraph a line; the layout is gongwen.typ.",
        '#import "gongwen.typ": *',
        "#show: gongwen.with(",
        f"  title: {_strings(doc.title)},",
    ]
    if doc.signature:
        lines.append(f"  issuers: {_strings(doc.signature.issuers)},")
        lines.append(f"  date: {_string(doc.signature.date)},")
    lines += [")", ""]
    for block in doc.body:
        if not isinstance(block, Paragraph):
            raise SystemExit("this generator writes no tables")
        markup = []
        for run in block.runs:
            text = run.text.translate(_ESCAPE)
            markup.append(f"#{calls[run.style]}[{text}]" if run.style in calls else text)
        lines += ["".join(markup), ""]
    return "\n".join(lines)


def document_json(doc: Any) -> str:
    """The model as JSON, for a user's template: ``{"title": [lines], "issuers": [names],
    "date": "2021年7月20日", "paragraphs": [[[style, text], …], …]}``, the styles body, h1,
    h2, h3, h4 and em."""
    signature = doc.signature
    data = {
        "title": list(doc.title),
        "issuers": list(signature.issuers) if signature else [],
        "date": signature.date if signature else None,
        "paragraphs": [[[str(r.style), r.text] for r in block.runs] for block in doc.body],
    }
    return json.dumps(data, ensure_ascii=False)


def variant_paths(folder: Path, pages: int) -> tuple[Path, Path, Path]:
    """Where :func:`write_variant` writes the spec, the Typst source and the JSON."""
    stem = folder / f"work-summary-{pages}"
    return stem.with_suffix(".yaml"), stem.with_suffix(".typ"), stem.with_suffix(".json")


def write_variant(folder: Path, pages: int) -> tuple[Path, Path, Path]:
    """The spec, the Typst source (with gongwen.typ beside it) and the JSON of the
    ``pages``-page variant, in ``folder``."""
    units, closing = VARIANTS[pages]
    folder.mkdir(parents=True, exist_ok=True)
    spec, typ, data = variant_paths(folder, pages)
    spec.write_text(_spec_yaml(spec_variant(units, closing)), encoding="utf-8")
    doc = document(spec)
    typ.write_text(typst_source(doc, f"the {pages}-page variant"), encoding="utf-8")
    if folder.resolve() != TYPST_DIR:
        shutil.copyfile(TEMPLATE, folder / TEMPLATE.name)
    data.write_text(document_json(doc), encoding="utf-8")
    return spec, typ, data


def batch_rows(count: int) -> list[dict[str, str]]:
    """The rows of a batch: a city (the spec's {{ city }}) and a file name."""
    return [{"city": f"第{n}市", "code": f"C{n:04d}"} for n in range(1, count + 1)]


def row_paths(folder: Path, code: str) -> tuple[Path, Path]:
    """Where :func:`write_rows` writes a row's Typst source and JSON."""
    return folder / f"{code}.typ", folder / f"{code}.json"


def write_rows(folder: Path, count: int) -> Path:
    """``rows.csv`` for ``docgen build --each`` and, for each row, the Typst source and
    the JSON of the work summary with that row's city, in ``folder``; the CSV's path."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(TEMPLATE, folder / TEMPLATE.name)
    rows = batch_rows(count)
    table = folder / "rows.csv"
    with table.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["city", "code"])
        writer.writeheader()
        writer.writerows(rows)
    for row in rows:
        doc = document(SPEC, {"city": row["city"]})
        typ, data = row_paths(folder, row["code"])
        origin = f"specs/work-summary.yaml with city: {row['city']}"
        typ.write_text(typst_source(doc, origin), encoding="utf-8")
        data.write_text(document_json(doc), encoding="utf-8")
    return table


def write_main() -> Path:
    """benchmarks/typst/work-summary.typ: the spec as it is."""
    path = TYPST_DIR / "work-summary.typ"
    path.write_text(typst_source(document(SPEC), "specs/work-summary.yaml"), encoding="utf-8")
    return path


def _pages(pdf: bytes) -> int:
    import pymupdf

    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        return doc.page_count


def count(folder: Path) -> None:
    """Pages of each variant as docgen and as Typst set it."""
    import typst

    sys.path.insert(0, str(ROOT))
    from docgen.api import render

    for pages in VARIANTS:
        spec, typ, _ = write_variant(folder, pages)
        ours = _pages(render(spec))
        theirs = _pages(typst.compile(str(typ), font_paths=[str(FONTS)], ignore_system_fonts=True))
        print(f"{pages:4d}-page variant: docgen {ours} pages, Typst {theirs} pages")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, choices=sorted(VARIANTS))
    parser.add_argument("-o", "--out", type=Path, default=None, help="folder of the variant")
    parser.add_argument("--count", action="store_true", help="page counts of every variant")
    parser.add_argument("--setup", type=Path, help="every variant, and --rows rows, in SETUP")
    parser.add_argument("--rows", type=int, default=50, help="rows of the batch (--setup)")
    args = parser.parse_args()
    if args.setup:
        for pages in VARIANTS:
            write_variant(args.setup / "variants", pages)
        write_rows(args.setup / "rows", args.rows)
    elif args.count:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="typst-variants-") as folder:
            count(Path(folder))
    elif args.pages:
        for path in write_variant(args.out or Path("."), args.pages):
            print(path)
    else:
        print(write_main())


if __name__ == "__main__":
    main()
