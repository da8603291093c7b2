#!/usr/bin/env python3
"""Write ``docs/spec.md``, the spec reference, from the JSON Schema (``docgen schema``).

    python tools/spec_reference.py          # rewrite docs/spec.md
    python tools/spec_reference.py --check  # exit 1 if docs/spec.md is out of date

tests/test_spec_reference.py runs the check, so the reference follows the model.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "spec.md"

HEAD = """# The spec reference

Generated from the JSON Schema by `tools/spec_reference.py` (do not edit by hand; a test
checks that it is up to date). Editors can use the schema itself: `docgen schema >
docgen.schema.json`, then point the YAML extension at it.

Text fields: a blank line starts a new paragraph; a line break joins (no space between
Chinese characters, one between English words). Dates: {dates}. A value that starts with
`{{{{` needs quotes.
"""


def _type(node: dict) -> str:
    if "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in node:
        return " or ".join(_type(n) for n in node["anyOf"] if n.get("type") != "null")
    if "enum" in node:
        return " / ".join(str(v) for v in node["enum"])
    kind = node.get("type", "any")
    if kind == "array":
        return f"list of {_type(node.get('items', {}))}"
    if kind == "object" and "additionalProperties" in node:
        return f"mapping of {_type(node['additionalProperties'])}"
    return {
        "string": "text",
        "integer": "whole number",
        "number": "number",
        "boolean": "true/false",
    }.get(kind, kind)


def render(schema: dict) -> str:
    from docgen.spec.model import SpecDate

    lines = [HEAD.format(dates=SpecDate.FORMS)]
    defs = schema["$defs"]
    order = ["Spec", *sorted(n for n in defs if n != "Spec")]
    for name in order:
        definition = defs[name]
        lines += [f"## {name}", ""]
        if definition.get("description"):
            lines += [" ".join(definition["description"].split()), ""]
        required = set(definition.get("required", []))
        lines += ["| key | type | | what it is |", "|---|---|---|---|"]
        for key, node in definition.get("properties", {}).items():
            need = "required" if key in required else ""
            text = " ".join(str(node.get("description", "")).split()).replace("|", "\\|")
            lines.append(f"| `{key}` | {_type(node)} | {need} | {text} |")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if docs/spec.md is stale")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from docgen.spec.model import json_schema

    text = render(json_schema())
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is out of date: run python tools/spec_reference.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
