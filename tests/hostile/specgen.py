"""Random specs from the real schema (``python -m docgen schema``), for fuzzing.

:func:`generate` takes a ``random.Random`` and returns a :class:`FuzzSpec`: the files of a
project (the spec, a seal, a broken image, a template, a text to include, a vars file) and
the command to run.  Most of each spec follows the schema, so that the fuzz reaches the
layout and the writers; a few values in each are hostile (control characters, lone
surrogates, rare CJK, huge and negative numbers, impossible dates, wrong types, nested
junk, Jinja), and some specs are then mangled as text (a character inserted, a line cut,
an alias, a BOM, another encoding).

The same function serves hypothesis (``st.randoms()`` drives it, test_fuzz.py) and
tools/fuzz.py (``random.Random(seed)`` per case), so a case found by one can be replayed by
the other.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import random
import string
import subprocess
import sys
from dataclasses import dataclass, field
from typing import Any

import yaml

from tests.hostile.cases import SENTENCES
from tests.hostile.harness import ROOT, SEAL_PNG


@functools.cache
def schema() -> dict[str, Any]:
    """The spec's JSON Schema, as this checkout's docgen prints it."""
    out = subprocess.run(
        [sys.executable, "-m", "docgen", "schema"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        check=True,
    )
    return json.loads(out.stdout)


@dataclass
class FuzzSpec:
    spec: bytes
    files: dict[str, bytes] = field(default_factory=dict)
    args: list[str] = field(default_factory=list)  # after the command and the spec path
    command: str = "build"

    def argv(self, spec_path: str, out: str) -> list[str]:
        extra = ["-o", out] if self.command == "build" else []
        return [self.command, spec_path, *self.args, *extra]

    def describe(self) -> str:
        return f"docgen {self.command} spec.yaml {' '.join(self.args)}\n" + self.spec.decode(
            "utf-8", "replace"
        )


class Raw(str):
    """A scalar written plain (unquoted), so that YAML reads it as a date, a number …"""


class _Dumper(yaml.SafeDumper):
    pass


def _raw(dumper: yaml.SafeDumper, value: Raw) -> yaml.Node:
    tag = dumper.resolve(yaml.ScalarNode, str(value), (True, False))
    return dumper.represent_scalar(tag, str(value))


_Dumper.add_representer(Raw, _raw)

PHRASES = [s.rstrip("，。") for s in SENTENCES] + [
    "统一战线",
    "理论政策学习培训",
    "各县（市、区）委统战部",
    "市直各有关单位",
    "特此通知",
    "《中国共产党统一战线工作条例》",
    "2021年7月1日",
    "第一季度",
    "X统发〔2021〕12号",
]
# Characters a careless or hostile hand puts in text.
ODD = [chr(c) for c in range(0, 32) if c not in (9, 10, 13)] + [
    "\t",
    "\n",
    "\r",
    "\x7f",
    "\x85",
    "\x9b",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\u200b",
    "\u200d",
    "\u202e",
    "\u3000",
    "\ud800",
    "\udfff",
    "\ue000",
    "\U0001f389",
    "\U00020000",
    "\U0002a6d6",
    "\u0301",
    "\\",
    "\\x01",
    "\\u0000",
    "'",
    '"',
    "<",
    ">",
    "&",
    "]]>",
    "{",
    "}",
    "{{",
    "}}",
    "{%",
    "%}",
    "{#",
    "#",
    ":",
    "- ",
    "*",
    "&a",
    "!!",
    "%",
    "@",
    "`",
    "|",
    "?",
    ",",
    "[",
    "]",
]
JINJA = [
    "{{ city }}",
    "{{ who }}",
    "{{ n }}",
    "{{ n|cn }}",
    "{{ city|upper }}",
    "{{ 3|ordinal(1) }}",
    "{{ missing }}",
    "{{ city ~ who }}",
    "{% if n %}有{% else %}无{% endif %}",
    "{% for x in [1, 2] %}{{ x }}{% endfor %}",
    "{{ '%s号'|format(n) }}",
    "{{ n * 2 }}",
    "{{ who|default('各单位') }}",
    "{{ city[0] }}",
    "{{ n|cn_date }}",
    "{{ unit }}",
    "{{ unit.name }}",
    "{{ units|join('、') }}",
    "{{ units }}",
    "{{ n|item_ordinal }}",
    "{{ none }}",
    "{{ city|length }}",
    "{% raw %}{{ x }}{% endraw %}",
    "{{",
    "{% if %}",
    "{{ n / 0 }}",
    "{{ city|truncate(3) }}",
    "{{ n|ordinal(9) }}",
    "{{ -1|cn }}",
]


class Gen:
    """One random spec; ``p`` is the chance that a value is made hostile."""

    def __init__(self, rng: random.Random, p: float = 0.04) -> None:
        self.rng = rng
        self.p = p
        self.defs = schema()["$defs"]
        self.var_names = ["city", "who", "n", "unit", "units"]

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    # ---- values by schema node ----------------------------------------------------------

    def value(self, node: dict[str, Any], path: tuple[str, ...], depth: int = 0) -> Any:
        if self.chance(self.p):
            return self.junk(depth)
        if "$ref" in node:
            return self.value(self.defs[node["$ref"].rsplit("/", 1)[1]], path, depth)
        if "anyOf" in node:
            options = [o for o in node["anyOf"] if o.get("type") != "null"] or node["anyOf"]
            if self.chance(self.p):
                return None
            return self.value(self.rng.choice(options), path, depth)
        if "enum" in node:
            if self.chance(self.p):
                return self.text(path)
            return self.rng.choice(node["enum"])
        kind = node.get("type")
        name = path[-1] if path else ""
        if name in ("date", "print_date"):
            return self.date()
        if name in ("seal", "stamp"):
            return self.image_path()
        if name == "template":
            if not self.chance(self.p * 10):
                return "own.xml.j2"
            return self.rng.choice(
                [
                    "own.xml.j2",
                    "missing.xml.j2",
                    "../own.xml.j2",
                    "/etc/passwd",
                    "",
                    "images",
                    "spec.yaml",
                ]
            )
        if name == "vars":
            return self.variables()
        if name == "fonts":
            return self.fonts()
        if kind == "object":
            return self.mapping(node, path, depth)
        if kind == "array":
            return self.array(node, path, depth)
        if kind == "string":
            return self.text(path)
        if kind == "integer":
            return self.integer(node.get("minimum"), node.get("maximum"))
        if kind == "number":
            return self.number()
        if kind == "boolean":
            return self.rng.random() < 0.5
        return self.junk(depth)

    def mapping(self, node: dict[str, Any], path: tuple[str, ...], depth: int) -> Any:
        props = node.get("properties")
        if props is None:  # a free mapping (attendees)
            keys = node.get("propertyNames", {}).get("enum") or ["甲", "乙"]
            item = node.get("additionalProperties", {"type": "string"})
            chosen = self.rng.sample(keys, self.rng.randint(0, len(keys)))
            return {k: self.value(item, (*path, k), depth + 1) for k in chosen}
        required = set(node.get("required", []))
        out: dict[str, Any] = {}
        for key, sub in props.items():
            if key in required:
                if not self.chance(self.p / 2):
                    out[key] = self.value(sub, (*path, key), depth + 1)
            elif self.chance(self.optional_chance(path, key)):
                out[key] = self.value(sub, (*path, key), depth + 1)
        if self.chance(self.p):
            key = self.rng.choice([*props, "titel", "issuers", "正文", "body2"])
            out[key[:-1] if self.chance(0.5) else key + "s"] = self.text(path)
        if "rows" in props and not self.chance(self.p * 5):
            self.rectangular(out)
        return out

    def rectangular(self, table: dict[str, Any]) -> None:
        """A header and widths that fit the rows, as the model asks."""
        rows = table.get("rows")
        if not isinstance(rows, list) or (rows and not isinstance(rows[0], list)):
            return
        width = len(rows[0]) if rows else len(table.get("header") or [])
        table["rows"] = [r for r in rows if isinstance(r, list) and len(r) == width] or rows[:1]
        if isinstance(table.get("header"), list):
            table["header"] = (table["header"] + ["项目"] * width)[:width] if width else []
        if isinstance(table.get("widths"), list):
            table["widths"] = (table["widths"] + [1.0] * width)[:width]

    def optional_chance(self, path: tuple[str, ...], key: str) -> float:
        if depth_of_sections(path) >= 1 and key == "sections":
            return 0.2
        if key == "title":
            return 0.97
        if key in ("recipients", "sections", "opening", "closing", "text", "header"):
            return 0.75
        if key in ("template", "fonts", "stamp", "signatory", "format"):
            return 0.06
        return 0.25

    def array(self, node: dict[str, Any], path: tuple[str, ...], depth: int) -> list[Any]:
        r = self.rng.random()
        if path and path[-1] in ("title", "issuer", "rows") and not self.chance(self.p * 5):
            r = max(r, 0.12)  # required in substance: at least one line, one row
        n = 0 if r < 0.12 else self.rng.randint(1, 3) if r < 0.96 else self.rng.randint(4, 60)
        if path and path[-1] in ("rows", "header"):
            n = min(n, 12)
        if depth_of_sections(path) >= 4 and path[-1] == "sections" and not self.chance(self.p * 5):
            n = 0  # the standard has four levels
        elif depth_of_sections(path) > 5:
            n = min(n, 1)
        items = node.get("items", {"type": "string"})
        if path and path[-1] == "rows":  # mostly rectangular tables
            width = self.rng.randint(1, 5)
            return [
                [self.value(items["items"], (*path, "cell"), depth + 2) for _ in range(width)]
                if not self.chance(self.p)
                else []
                for _ in range(n)
            ]
        return [self.value(items, (*path, str(i)), depth + 1) for i in range(n)]

    def text(self, path: tuple[str, ...]) -> str:
        name = next((p for p in reversed(path) if not p.isdigit()), "")  # title, not title[0]
        limit = 40 if name in ("title", "issuer", "heading", "prefix", "mark") else 400
        r = self.rng.random()
        if r < 0.55:
            parts = [self.rng.choice(PHRASES) for _ in range(self.rng.randint(1, 3))]
            s = "，".join(parts)[: self.rng.randint(1, limit)]
        elif r < 0.7:
            s = "".join(
                chr(self.rng.randint(0x4E00, 0x9FFF))
                for _ in range(self.rng.randint(1, limit // 2))
            )
        elif r < 0.8:
            s = "".join(
                self.rng.choice(string.ascii_letters + string.digits + " -/:.")
                for _ in range(self.rng.randint(1, limit // 2))
            )
        elif r < 0.85:
            jinja = self.rng.choice(JINJA if self.chance(self.p * 5) else JINJA[:6])
            s = self.rng.choice(PHRASES) + jinja + self.rng.choice(PHRASES)
        else:
            s = self.rng.choice(PHRASES)
        if self.chance(self.p * 2):
            i = self.rng.randint(0, len(s))
            s = s[:i] + self.rng.choice(ODD) + s[i:]
        if self.chance(self.p / 3):
            s = s * self.rng.randint(20, 200)
        return s

    def integer(self, lo: int | None, hi: int | None) -> int:
        if not self.chance(self.p * 3):
            return self.rng.randint(lo if lo is not None else 0, hi if hi is not None else 50)
        return self.rng.choice(
            [0, -1, 1, 10**4, 2**31, 2**63, 10**30, -(10**30), (hi or 0) + 1, (lo or 0) - 1]
        )

    def number(self) -> Any:
        if not self.chance(self.p * 3):
            return round(self.rng.uniform(0.5, 5), 2)
        return self.rng.choice(
            [0.0, -1.0, 1e308, 1e-308, float("inf"), float("-inf"), float("nan"), 0, 10**30]
        )

    def date(self) -> Any:
        r = self.rng.random()
        day = dt.date(2000, 1, 1) + dt.timedelta(days=self.rng.randint(0, 10000))
        if not self.chance(self.p * 3):
            if r < 0.6:
                return day.isoformat()
            if r < 0.8:
                return f"{day.year}年{day.month}月{day.day}日"
            return Raw(day.isoformat())  # a YAML date, not a string
        bad = [
            "2021-02-30",
            "2021-13-01",
            "0000-01-01",
            "2021-00-10",
            "9999-12-31",
            "2021年2月30日",
            "2021年13月1日",
            "2021年0月0日",
            "2021-7-1",
            "21-07-01",
            "2021-07-01T25:00:00",
            "2021/07/01",
            "明天",
            "",
            20210701,
        ]
        value = self.rng.choice(bad)
        if isinstance(value, str) and value[:1].isdigit() and "-" in value and self.chance(0.6):
            return Raw(value)
        return value

    def image_path(self) -> Any:
        if not self.chance(self.p * 5):
            return "images/seal.png"
        return self.rng.choice(
            [
                "images/broken.png",
                "images/missing.png",
                "images",
                "/etc/passwd",
                "../images/seal.png",
                "",
                "include.txt",
            ]
        )

    def variables(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.var_names:
            if not self.chance(self.p * 2):
                out[name] = {
                    "city": lambda: self.rng.choice(["X", "泉州", "厦门", ""]),
                    "who": lambda: self.text(("who",)),
                    "n": lambda: self.integer(1, 30),
                    "unit": lambda: {"name": "统战部", "code": 12},
                    "units": lambda: ["统战部", "宣传部"],
                }[name]()
        if self.chance(self.p * 2):
            out[self.rng.choice(self.var_names)] = self.junk(1)
        return out

    def fonts(self) -> dict[str, str]:
        if not self.chance(self.p * 10):
            return {"fangsong": "FandolFang"}
        roles = [
            "fangsong",
            "kaiti",
            "heiti",
            "songti",
            "xiaobiaosong",
            "latin",
            "fallback",
            "仿宋",
        ]
        values = [
            "FandolFang",
            "font.ttf",
            "missing.ttf",
            "images/seal.png",
            "不存在的字体",
            "../x.ttf",
            "",
        ]
        return {
            self.rng.choice(roles): self.rng.choice(values) for _ in range(self.rng.randint(1, 2))
        }

    def junk(self, depth: int) -> Any:
        options = [
            lambda: None,
            lambda: True,
            lambda: 0,
            lambda: -7,
            lambda: 10**30,
            lambda: 1.5,
            lambda: float("nan"),
            lambda: "",
            lambda: self.rng.choice(ODD),
            lambda: self.rng.choice(JINJA),
            lambda: Raw("2021-02-30"),
            lambda: Raw("0x1F"),
            lambda: Raw("1e400"),
            lambda: Raw("~"),
            lambda: Raw(".inf"),
        ]
        if depth < 6:
            options += [
                lambda: [self.junk(depth + 1) for _ in range(self.rng.randint(0, 3))],
                lambda: {self.rng.choice(["甲", "a", "heading", "1"]): self.junk(depth + 1)},
            ]
        return self.rng.choice(options)()


def depth_of_sections(path: tuple[str, ...]) -> int:
    return sum(1 for p in path if p == "sections")


# ---- the files and the command ------------------------------------------------------------


def _mangle(text: str, rng: random.Random) -> bytes:
    """The spec as a careless editor or a hostile hand leaves it."""
    for _ in range(rng.randint(1, 3)):
        r = rng.random()
        lines = text.split("\n")
        if r < 0.3:
            i = rng.randint(0, len(text))
            text = text[:i] + rng.choice(ODD) + text[i:]
        elif r < 0.4:
            i = rng.randint(0, len(text))
            text = text[:i] + text[i + rng.randint(1, 20) :]
        elif r < 0.5:
            i = rng.randrange(len(lines))
            lines.insert(i, lines[rng.randrange(len(lines))])
            text = "\n".join(lines)
        elif r < 0.55:
            text = text[: rng.randint(0, len(text))]
        elif r < 0.65:
            i = rng.randrange(len(lines))
            key = lines[i].split(":")[0].strip(" -")
            lines[i] = lines[i].replace(":", ": &a", 1) if ":" in lines[i] else lines[i]
            lines.append(f"x_{key or 'k'}: *a")
            text = "\n".join(lines)
        elif r < 0.7:
            text = "\ufeff" + text
        elif r < 0.75:
            text = text.replace("\n", "\r\n")
        elif r < 0.8:
            text = text.replace("  ", "\t", 1)
        elif r < 0.85:
            text += rng.choice(
                [
                    "? [甲, 乙]\n: 丙\n",
                    "vars: {}\n",
                    "---\n",
                    "...\n",
                    "x: !!binary 5Lit\n",
                    "x: !!set {a}\n",
                    "<<: {kind: 函}\n",
                    "x: &b [*b]\n",
                    "x: " + "[" * 300 + "]" * 300 + "\n",
                ]
            )
        else:
            i = rng.randrange(len(lines))
            lines[i] = " " * rng.randint(1, 5) + lines[i]
            text = "\n".join(lines)
    r = rng.random()
    if r < 0.04:
        return text.encode("gb18030", "replace")
    if r < 0.06:
        return text.encode("utf-16")
    return text.encode("utf-8", "surrogatepass")


def _consistent(data: dict[str, Any], gen: Gen) -> None:
    """Most specs keep the rules the model checks (one seal per 署名, printer with
    print_date, stamp with signatory, not seal and stamp), so that the fuzz gets past them."""
    if "seal" in data and "stamp" in data:
        data.pop(gen.rng.choice(["seal", "stamp"]))
    if "stamp" in data:
        data.setdefault("signatory", "市长")
    if ("printer" in data) != ("print_date" in data):
        data.pop("printer", None)
        data.pop("print_date", None)
    if "seal" in data:
        signers = data.get("signature") or data.get("issuer")
        n = len(signers) if isinstance(signers, list) else 1
        data["seal"] = "images/seal.png" if n == 1 else ["images/seal.png"] * n
    if data.get("kind") == "命令" or data.get("format") == "order":
        data.setdefault("order_number", "第1号")


TEMPLATE = """{% extends "body.xml.j2" %}
{% block closing %}<p>{{ body.closing|join("") }}{{ city|default("") }}</p>{% endblock %}
"""


def generate(rng: random.Random) -> FuzzSpec:
    """One random case: a spec (mostly valid), its project's files and a command."""
    gen = Gen(rng, p=rng.choice([0.0, 0.0, 0.0, 0.002, 0.01, 0.03]))
    data = gen.value(schema()["$defs"]["Spec"], ())
    if not isinstance(data, dict):
        data = {"kind": "通知", "body": data}
    if not gen.chance(gen.p * 5):  # variables for the text's {{ … }}, as a real spec has
        data["vars"] = gen.variables()
    if not gen.chance(gen.p * 5):  # the model's own consistency rules, mostly kept
        _consistent(data, gen)
    if rng.random() < 0.5 and isinstance(data.get("seal"), str | list):
        data.pop("stamp", None)
    try:
        text = yaml.dump(
            data,
            Dumper=_Dumper,
            allow_unicode=True,
            sort_keys=False,
            default_flow_style=rng.random() < 0.1,
            width=rng.choice([80, 10**6]),
        )
    except (yaml.YAMLError, UnicodeError, ValueError):
        text = yaml.dump(data, Dumper=_Dumper, allow_unicode=False, sort_keys=False)
    spec = _mangle(text, rng) if rng.random() < 0.12 else text.encode("utf-8", "surrogatepass")
    files = {
        "images/seal.png": SEAL_PNG.read_bytes(),
        "images/broken.png": SEAL_PNG.read_bytes()[:300],
        "own.xml.j2": TEMPLATE.encode(),
        "include.txt": "附：各单位名单。\n".encode(),
        "vars.yaml": b"city: \xe6\xb3\x89\xe5\xb7\x9e\n",
        "font.ttf": b"not a font",
    }
    r = rng.random()
    command = "validate" if r < 0.12 else "render" if r < 0.15 else "build"
    args: list[str] = []
    if command == "build":
        args += ["--format", rng.choice(["pdf", "pdf", "docx", "all", "all"])]
        if rng.random() < 0.05:
            args += ["--copies", str(rng.choice([0, 1, 2]))]
    if rng.random() < 0.1:
        args += ["--set", f"{rng.choice(gen.var_names)}={gen.text(('set',))}".replace("\0", "")]
    if rng.random() < 0.05:
        args += ["--vars", "project/vars.yaml"]
    return FuzzSpec(spec, files, args, command)
