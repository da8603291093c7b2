"""The hostile corpus of issue 12, generated at run time.

Each case is a small project: its spec (always ``project/spec.yaml``, so that an error must
match ``spec\\.yaml:\\d+``), the files beside it (templates, symlinks, pipes, images, vars
files), the command, and what must hold:

- ``expect``: ``ok`` (exit 0 and the expected files), ``error`` (exit 1 with a message), or
  ``either`` (a limit may refuse the input; if it does, the message must be located);
- ``where``: a regular expression an error message must match; ``None`` only with
  ``unlocated`` saying why no spec line can be expected;
- ``internal_ok``: an internal-error exit 70 with a one-line message is acceptable;
- ``check``: promises of the case's own (e.g. ``validate`` must not say ok).

What holds for every case (no traceback, no secret, no repr, nothing left behind, 10 s,
1 GiB) is checked by :func:`run_case`.  Large inputs are made when a case runs, never
committed.  ``@OUTSIDE@`` in a spec or file is replaced by the secret folder's path.
"""

from __future__ import annotations

import contextlib
import os
import struct
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tests.hostile.harness import (
    MARKER,
    SEAL_PNG,
    Fifo,
    FileContent,
    Folder,
    Link,
    Mount,
    Outcome,
    Run,
    can_mount_tmpfs,
    crash_problems,
    docgen_env,
    first_lines,
    make_outside,
    materialise,
    output_problems,
    outside_reads,
    run_docgen,
    stream_problems,
    tree,
    watch_env,
)

LOCATED = r"spec\.yaml:\d+"
GROUPS = ("escape", "leaks", "unbounded", "tracebacks", "output", "unlocated", "careless")


@dataclass(frozen=True)
class Case:
    id: str
    group: str
    description: str
    spec: FileContent | None
    files: dict[str, FileContent] = field(default_factory=dict)
    command: str = "build"
    args: tuple[str, ...] = ()
    out: str | None = "out"  # -o, relative to the case's folder (None: no -o)
    expect: str = "either"  # ok, error, either
    where: str | None = LOCATED
    unlocated: str = ""  # why an error cannot name a spec line
    internal_ok: bool = False
    prepare: Callable[[Path], contextlib.AbstractContextManager] | None = None
    earlier: bool = False  # out/ holds an earlier build that a failure must leave alone
    check: Callable[[Path, Run], list[str]] | None = None
    spec_name: str = "spec.yaml"

    def __post_init__(self) -> None:
        assert self.group in GROUPS, self.group
        assert self.expect in ("ok", "error", "either"), self.expect
        assert self.where is not None or self.unlocated, f"{self.id}: say why no line"

    def expected_outputs(self) -> set[str]:
        """The files a successful run writes (for ``--copies N``, only when N is small)."""
        if self.command != "build":
            return set()
        stems = [Path(self.spec_name).stem]
        copies = self._copies()
        if copies:
            stems = [f"{stems[0]}-{n:06d}" for n in range(1, min(copies, 1000) + 1)]
        return {f"{s}.{f}" for s in stems for f in self._formats()}

    def is_output(self, name: str) -> bool:
        """Whether a successful run may write ``name`` (any number of copies)."""
        if self.command != "build":
            return False
        stem, _, fmt = name.rpartition(".")
        base = Path(self.spec_name).stem
        if fmt not in self._formats():
            return False
        if self._copies():
            number = stem.removeprefix(base + "-")
            return (
                stem.startswith(base + "-")
                and number.isdigit()
                and (1 <= int(number) <= self._copies())
            )
        return stem == base

    def _formats(self) -> tuple[str, ...]:
        args = list(self.args)
        fmt = args[args.index("--format") + 1] if "--format" in args else "all"
        return ("pdf", "docx") if fmt == "all" else (fmt,)

    def _copies(self) -> int:
        args = list(self.args)
        return int(args[args.index("--copies") + 1]) if "--copies" in args else 0


# ---- Realistic text ---------------------------------------------------------------------

SENTENCES = [
    "为深入贯彻落实党中央、国务院关于安全生产工作的决策部署，切实做好岁末年初安全防范工作，",
    "经市政府同意，现就开展全市安全生产大检查有关事项通知如下。",
    "各地各部门要坚持人民至上、生命至上，统筹发展和安全，",
    "以“时时放心不下”的责任感抓好各项防范措施落实，坚决遏制重特大事故发生。",
    "重点检查危险化学品、道路交通、建筑施工、消防、燃气等行业领域，",
    "对排查发现的隐患问题建立台账，明确整改责任、措施、资金、时限和预案，",
    "做到整改不到位不放过、责任不落实不放过。",
    "各县（市、区）人民政府要于2021年12月20日前将检查情况报市安委会办公室。",
    "市安委会办公室将适时组织督导检查，对工作推进不力的地方和单位进行通报。",
    "联系人：张明，联系电话：0595-22123456。",
]
TITLE = "关于开展2021年度全市安全生产大检查的通知"
OPENING = "".join(SENTENCES[:2])


def prose(n_chars: int, start: int = 0) -> str:
    """About ``n_chars`` characters of 公文 prose."""
    out, i, size = [], start, 0
    while size < n_chars:
        s = SENTENCES[i % len(SENTENCES)]
        out.append(s)
        size += len(s)
        i += 1
    return "".join(out)


def sq(text: str) -> str:
    """A YAML single-quoted scalar (fine for Jinja: no escapes, no flow characters)."""
    return "'" + text.replace("'", "''") + "'"


def spec(
    *,
    opening: str | None = None,
    title: str | None = None,
    issuer: str = "X市人民政府办公室",
    kind: str = "通知",
    date: str = "2021-07-01",
    body: str = "",
    extra: str = "",
    vars_: str = "",
    head: str = "",
) -> str:
    """A realistic 通知 as YAML text; the arguments are YAML text put in verbatim."""
    lines = [
        head,
        f"kind: {kind}",
        f"issuer: {issuer}",
        f"title: {title if title is not None else TITLE}",
        "recipients: [各县（市、区）人民政府, 市直各有关单位]",
        f"date: {date}",
        vars_,
        "body:",
        f"  opening: {opening if opening is not None else OPENING}",
        body,
        "  closing: 特此通知。",
        extra,
    ]
    return "\n".join(line for line in lines if line) + "\n"


def nested_sections(levels: int) -> str:
    """body.sections nested ``levels`` deep, as YAML text."""
    lines = ["  sections:"]
    for i in range(levels):
        ind = " " * (4 + 4 * i)
        lines += [f"{ind}- heading: 第{i + 1}层工作", f"{ind}  text: {SENTENCES[i % 10]}"]
        if i < levels - 1:
            lines.append(f"{ind}  sections:")
    return "\n".join(lines)


def with_text(jinja: str, vars_: str = "", **kw: str) -> str:
    """A spec whose opening is ``jinja`` (a text field rendered by Jinja)."""
    return spec(opening=sq(jinja), vars_=vars_, **kw)


OWN = "template: own.xml.j2"


def with_template(template: str, vars_: str = "", **files: FileContent) -> tuple[str, dict]:
    return spec(extra=OWN, vars_=vars_), {"own.xml.j2": template, **files}


# ---- Images -----------------------------------------------------------------------------


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width: int, height: int) -> bytes:
    """A 1-bit grey PNG of ``width`` × ``height`` white pixels: small on disk, huge decoded."""
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    row = b"\0" + b"\xff" * ((width + 7) // 8)
    z = zlib.compressobj(9)
    parts = []
    block = row * 256
    for _ in range(height // 256):
        parts.append(z.compress(block))
    parts.append(z.compress(row * (height % 256)))
    parts.append(z.flush())
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", b"".join(parts))
        + _chunk(b"IEND", b"")
    )


def seal_bytes() -> bytes:
    return SEAL_PNG.read_bytes()


def truncated_seal() -> bytes:
    data = seal_bytes()
    return data[: len(data) // 2]


def bad_crc_seal() -> bytes:
    data = bytearray(seal_bytes())
    data[40] ^= 0xFF  # inside the first chunk after IHDR
    return bytes(data)


SEALED = "seal: images/seal.png"


def sealed(files: dict[str, FileContent], **kw: str) -> tuple[str, dict]:
    return spec(extra=SEALED, **kw), files


# ---- Preparations (mounts) -------------------------------------------------------------


class Skip(Exception):
    """The case cannot run on this machine; the message says why."""


@contextlib.contextmanager
def mounted(world: Path, options: str) -> Iterator[None]:
    reason = can_mount_tmpfs(world)
    if reason:
        raise Skip(reason)
    with Mount(world / "out", options):
        yield


def read_only_out(world: Path) -> contextlib.AbstractContextManager:
    if os.geteuid() != 0:  # an ordinary user: a folder without write permission
        (world / "out").mkdir()
        os.chmod(world / "out", 0o555)

        @contextlib.contextmanager
        def restore() -> Iterator[None]:
            try:
                yield
            finally:
                os.chmod(world / "out", 0o755)

        return restore()
    return mounted(world, "ro,size=64k")  # root writes through chmod; not through ro


def full_disk_out(world: Path) -> contextlib.AbstractContextManager:
    return mounted(world, "size=64k")


def folder_at(name: str) -> Callable[[Path], contextlib.AbstractContextManager]:
    def prepare(world: Path) -> contextlib.AbstractContextManager:
        (world / "out" / name).mkdir(parents=True)
        return contextlib.nullcontext()

    return prepare


def file_at(name: str, data: bytes = b"not a folder") -> Callable:
    def prepare(world: Path) -> contextlib.AbstractContextManager:
        (world / name).parent.mkdir(parents=True, exist_ok=True)
        (world / name).write_bytes(data)
        return contextlib.nullcontext()

    return prepare


def link_at(name: str, target: str) -> Callable:
    def prepare(world: Path) -> contextlib.AbstractContextManager:
        (world / name).parent.mkdir(parents=True, exist_ok=True)
        (world / name).symlink_to(target.format(outside=world / "outside"))
        return contextlib.nullcontext()

    return prepare


# ---- Case-specific promises -------------------------------------------------------------


def validate_refuses(world: Path, run: Run) -> list[str]:
    if run.exit == 0 and "ok" in run.stdout:
        return [f"validate said ok: {first_lines(run.stdout)}"]
    return []


def message_names(pattern: str, what: str) -> Callable[[Path, Run], list[str]]:
    import re

    def check(world: Path, run: Run) -> list[str]:
        if run.exit == 1 and not re.search(pattern, run.stderr):
            return [f"the message does not name {what}: {first_lines(run.stderr)}"]
        return []

    return check


def no_python_exception_name(world: Path, run: Run) -> list[str]:
    import re

    m = re.search(
        r"\b(ValueError|TypeError|KeyError|IndexError|AssertionError|RecursionError)\b", run.stderr
    )
    if run.exit == 1 and m:
        return [f"the message names a Python exception ({m[1]}): {first_lines(run.stderr)}"]
    return []


def names_docgen_template(world: Path, run: Run) -> list[str]:
    if run.exit == 1 and "docgen/templates" in run.stderr:
        return [f"the error is placed in docgen's own template: {first_lines(run.stderr)}"]
    return []


def all_of(*checks: Callable[[Path, Run], list[str]]) -> Callable[[Path, Run], list[str]]:
    def check(world: Path, run: Run) -> list[str]:
        return [p for c in checks for p in c(world, run)]

    return check


# ---- The corpus ---------------------------------------------------------------------------


def _escape() -> Iterator[Case]:
    g = "escape"
    secret = Link("{outside}/secret.txt")
    yield Case(
        "include-symlink-file",
        g,
        "a text field includes a symlink inside the project that"
        " points at a file outside it (the issue's notes/link.txt)",
        with_text("{% include 'notes/link.txt' %}"),
        {"notes/link.txt": secret},
        expect="error",
    )
    yield Case(
        "include-symlink-relative",
        g,
        "the same with a relative link ../../outside/secret.txt",
        with_text("{% include 'notes/link.txt' %}"),
        {"notes/link.txt": Link("../../outside/secret.txt")},
        expect="error",
    )
    yield Case(
        "include-etc-passwd",
        g,
        "a symlinked folder etc → /etc and {% include 'etc/passwd' %}",
        with_text("{% include 'etc/passwd' %}"),
        {"etc": Link("/etc")},
        expect="error",
    )
    yield Case(
        "validate-include-etc-passwd",
        g,
        "validate must not say ok to the /etc/passwd include",
        with_text("{% include 'etc/passwd' %}"),
        {"etc": Link("/etc")},
        command="validate",
        expect="error",
        check=validate_refuses,
    )
    yield Case(
        "validate-include-symlink",
        g,
        "validate must not say ok to an include leaving the project",
        with_text("{% include 'notes/link.txt' %}"),
        {"notes/link.txt": secret},
        command="validate",
        expect="error",
        check=validate_refuses,
    )
    yield Case(
        "include-symlinked-folder",
        g,
        "a folder symlinked to the secret folder, included through",
        with_text("{% include 'shared/secret.txt' %}"),
        {"shared": Link("{outside}")},
        expect="error",
    )
    yield Case(
        "include-link-chain",
        g,
        "a link to a link to a file outside",
        with_text("{% include 'a.txt' %}"),
        {"a.txt": Link("b.txt"), "b.txt": secret},
        expect="error",
    )
    yield Case(
        "include-in-title",
        g,
        "the include in the title (also goes to the PDF's metadata)",
        spec(title=sq("关于{% include 'notes/link.txt' %}的通知")),
        {"notes/link.txt": secret},
        expect="error",
    )
    yield Case(
        "include-variable-name",
        g,
        "{% include name %} with the name in vars:",
        with_text("{% include name %}", vars_="vars: {name: notes/link.txt}"),
        {"notes/link.txt": secret},
        expect="error",
    )
    yield Case(
        "include-name-from-set",
        g,
        "{% include name %} with the name from --set",
        with_text("{% include name %}", vars_="vars: {name: 无}"),
        {"notes/link.txt": secret},
        args=("--set", "name=notes/link.txt"),
        expect="error",
    )
    yield Case(
        "include-list-of-names",
        g,
        "{% include ['missing.txt', 'notes/link.txt'] %}",
        with_text("{% include ['missing.txt', 'notes/link.txt'] %}"),
        {"notes/link.txt": secret},
        expect="error",
    )
    yield Case(
        "include-absolute-path",
        g,
        "{% include '/etc/passwd' %} (Jinja strips the slash)",
        with_text("{% include '/etc/passwd' %}"),
        expect="error",
    )
    yield Case(
        "include-dotdot",
        g,
        "{% include '../outside/secret.txt' %}",
        with_text("{% include '../outside/secret.txt' %}"),
        expect="error",
    )
    yield Case(
        "include-proc-environ",
        g,
        "a link proc → /proc and {% include 'proc/self/environ' %}:"
        " the environment holds the marker",
        with_text("{% include 'proc/self/environ' %}"),
        {"proc": Link("/proc")},
        expect="error",
    )
    yield Case(
        "extends-outside-in-text",
        g,
        "a text field {% extends %} a template outside",
        with_text("{% extends 'shared/secret.j2' %}"),
        {"shared": Link("{outside}")},
        expect="error",
    )
    yield Case(
        "import-outside-in-text",
        g,
        "a text field imports a macro file outside",
        with_text("{% import 'shared/secret.j2' as s %}{{ s.m() }}"),
        {"shared": Link("{outside}")},
        expect="error",
    )
    s, f = with_template(
        "{% for t in body.opening %}<p>{{ t }}</p>{% endfor %}"
        "<p>{% include 'notes/link.txt' %}</p>\n",
        **{"notes/link.txt": secret},
    )
    yield Case(
        "template-include-symlink",
        g,
        "a user template includes a link outside",
        s,
        f,
        expect="error",
    )
    s, f = with_template(
        "{% extends 'lib/base.xml.j2' %}\n", **{"lib/base.xml.j2": Link("{outside}/secret.j2")}
    )
    yield Case(
        "template-extends-outside",
        g,
        "a user template extends a link outside",
        s,
        f,
        expect="error",
    )
    s, f = with_template(
        "{% import 'lib/m.j2' as m %}<p>{{ m.m() }}</p>\n",
        **{"lib/m.j2": Link("{outside}/secret.j2")},
    )
    yield Case(
        "template-import-outside", g, "a user template imports a link outside", s, f, expect="error"
    )
    s, f = with_template(
        "{% from 'lib/m.j2' import m %}<p>{{ m() }}</p>\n",
        **{"lib/m.j2": Link("{outside}/secret.j2")},
    )
    yield Case(
        "template-from-import-outside",
        g,
        "{% from 'lib/m.j2' import m %}, a link out",
        s,
        f,
        expect="error",
    )
    s, f = with_template("<p>{% include 'etc/passwd' %}</p>\n", etc=Link("/etc"))
    yield Case(
        "template-include-etc-passwd",
        g,
        "a user template includes etc/passwd",
        s,
        f,
        expect="error",
    )
    s, f = with_template("<p>{% include 'etc/passwd' %}</p>\n", etc=Link("/etc"))
    yield Case(
        "validate-template-etc-passwd",
        g,
        "validate, a template including etc/passwd",
        s,
        f,
        command="validate",
        expect="error",
        check=validate_refuses,
    )
    yield Case(
        "template-symlink-outside",
        g,
        "template: names a link to a template outside",
        spec(extra=OWN),
        {"own.xml.j2": Link("{outside}/secret.xml.j2")},
        expect="error",
    )
    yield Case(
        "template-absolute",
        g,
        "template: an absolute path outside the project",
        spec(extra="template: @OUTSIDE@/secret.xml.j2"),
        expect="error",
    )
    yield Case(
        "template-in-linked-folder",
        g,
        "template: in a folder that is a link outside",
        spec(extra="template: tpl/secret.xml.j2"),
        {"tpl": Link("{outside}")},
        expect="error",
    )
    yield Case(
        "seal-symlink-outside",
        g,
        "seal: a link to an image outside",
        spec(extra=SEALED),
        {"images/seal.png": Link("{outside}/seal.png")},
        expect="error",
    )
    yield Case(
        "seal-absolute",
        g,
        "seal: an absolute path outside",
        spec(extra="seal: @OUTSIDE@/seal.png"),
        expect="error",
    )
    yield Case(
        "seal-dev-zero",
        g,
        "seal: a link to /dev/zero",
        spec(extra=SEALED),
        {"images/seal.png": Link("/dev/zero")},
        expect="error",
    )
    yield Case(
        "stamp-symlink-outside",
        g,
        "stamp: a link to an image outside",
        spec(extra="stamp: images/stamp.png\nsignatory: 市长"),
        {"images/stamp.png": Link("{outside}/seal.png")},
        expect="error",
    )
    yield Case(
        "font-symlink-outside",
        g,
        "fonts: {fangsong: x.ttf}, x.ttf a link to a font outside",
        spec(extra="fonts: {fangsong: x.ttf}"),
        {"x.ttf": Link("{outside}/secret.ttf")},
        expect="error",
    )
    yield Case(
        "font-absolute",
        g,
        "fonts: an absolute font path outside",
        spec(extra="fonts: {fangsong: '@OUTSIDE@/secret.ttf'}"),
        expect="error",
    )
    yield Case(
        "font-in-linked-folder",
        g,
        "fonts: a font in a folder linked outside",
        spec(extra="fonts: {fangsong: myfonts/secret.ttf}"),
        {"myfonts": Link("{outside}")},
        expect="error",
    )
    yield Case(
        "font-dev-zero",
        g,
        "fonts: a .ttf link to /dev/zero",
        spec(extra="fonts: {fangsong: zero.ttf}"),
        {"zero.ttf": Link("/dev/zero")},
        expect="error",
    )
    yield Case(
        "vars-symlink-outside",
        g,
        "--vars vars.yaml, a link in the project to a vars file outside",
        with_text("请{{ secret }}知悉。", vars_="vars: {secret: 各单位}"),
        {"vars.yaml": Link("{outside}/secret-vars.yaml")},
        args=("--vars", "project/vars.yaml"),
        expect="error",
        where=r"vars\.yaml",
    )
    yield Case(
        "spec-symlink-outside",
        g,
        "the spec itself is a link to a spec outside the project",
        Link("{outside}/secret.yaml"),
        expect="error",
        where=None,
        unlocated="the spec is refused before it is read: no line to point at",
    )


def _leaks() -> Iterator[Case]:
    g = "leaks"
    for name in ("cycler", "lipsum", "self", "joiner", "namespace", "range", "dict"):
        yield Case(
            f"global-{name}",
            g,
            f"{{{{ {name} }}}} prints a Jinja global's repr",
            with_text(f"请各单位注意：{{{{ {name} }}}}。"),
            expect="error",
        )
    for slug, expr, what in [
        ("call-cycler", "cycler('甲', '乙')", "a Cycler object"),
        ("call-joiner", "joiner('、')", "a joiner object"),
        ("call-namespace", "namespace(单位='统战部')", "a Namespace"),
        ("call-range", "range(3)", "range(0, 3)"),
        ("range-list", "range(3)|list", "a list of numbers"),
        ("string-list", "'甲乙'|list", "a list of characters"),
    ]:
        yield Case(
            slug,
            g,
            f"{{{{ {expr} }}}} prints {what}",
            with_text(f"请各单位注意：{{{{ {expr} }}}}。"),
            expect="error",
        )
    unit = "vars: {unit: {name: 统战部, code: 12}}"
    yield Case(
        "mapping-in-title",
        g,
        "the issue's example: a mapping variable in the title",
        spec(title=sq("关于{{ unit }}的通知"), vars_=unit),
        expect="error",
    )
    yield Case(
        "mapping-in-issuer",
        g,
        "a mapping in the issuer (the PDF's author too)",
        spec(issuer=sq("{{ unit }}"), vars_=unit),
        expect="error",
    )
    yield Case(
        "mapping-in-table-cell",
        g,
        "a mapping variable in a table cell",
        spec(vars_=unit, body="  table: {header: [单位, 人数], rows: [['{{ unit }}', 3]]}"),
        expect="error",
    )
    yield Case(
        "list-variable",
        g,
        "a list variable used as text",
        with_text("请{{ units }}知悉。", vars_="vars: {units: [统战部, 宣传部]}"),
        expect="error",
    )
    yield Case(
        "none-variable",
        g,
        "a null variable used as text prints None",
        with_text("请{{ who }}知悉。", vars_="vars: {who: null}"),
        expect="error",
    )
    yield Case(
        "binary-variable",
        g,
        "a !!binary variable prints b'...'",
        with_text("附件：{{ blob }}", vars_="vars: {blob: !!binary 5Lit5paH}"),
        expect="error",
    )
    yield Case(
        "set-variable",
        g,
        "a !!set variable prints a set repr",
        with_text("请{{ units }}知悉。", vars_="vars: {units: !!set {统战部, 宣传部}}"),
        expect="error",
    )
    yield Case(
        "omap-variable",
        g,
        "an !!omap variable prints a list of tuples",
        with_text("请{{ units }}知悉。", vars_="vars: {units: !!omap [{甲: 1}, {乙: 2}]}"),
        expect="error",
    )
    for slug, expr, what in [
        ("mapping-items", "unit.items()", "dict_items(...)"),
        ("bound-method", "unit.keys", "a bound method"),
        ("filter-pprint", "unit|pprint", "a pprint of the mapping"),
        ("filter-string", "unit|string", "the mapping as a string"),
        ("filter-dictsort", "unit|dictsort", "a list of tuples"),
        ("filter-map", "unit.values()|map('string')", "a generator"),
        ("filter-reverse", "[3, 1]|reverse", "a list_reverseiterator"),
        ("filter-batch", "[1, 2, 3]|batch(2)", "a generator of batches"),
    ]:
        yield Case(
            slug,
            g,
            f"{{{{ {expr} }}}} prints {what}",
            with_text(f"详见{{{{ {expr} }}}}。", vars_=unit),
            expect="error",
        )
    yield Case(
        "macro-object",
        g,
        "{{ m }} of a macro prints <Macro>",
        with_text("{% macro m() %}甲{% endmacro %}详见{{ m }}。"),
        expect="error",
    )
    yield Case(
        "loop-object",
        g,
        "{{ loop }} prints a LoopContext",
        with_text("{% for x in [1] %}{{ loop }}{% endfor %}"),
        expect="error",
    )
    s, f = with_template("<p>{{ body }}</p>\n")
    yield Case(
        "template-body-struct",
        g,
        "a user template prints {{ body }}",
        s,
        f,
        expect="error",
        where=r"own\.xml\.j2:\d+|spec\.yaml:\d+",
    )
    s, f = with_template("<p>{{ body.opening }}</p>\n")
    yield Case(
        "template-list-field",
        g,
        "a user template prints a list field",
        s,
        f,
        expect="error",
        where=r"own\.xml\.j2:\d+|spec\.yaml:\d+",
    )
    s, f = with_template("<p>{{ self }}</p>\n")
    yield Case(
        "template-self",
        g,
        "a user template prints {{ self }}",
        s,
        f,
        expect="error",
        where=r"own\.xml\.j2:\d+|spec\.yaml:\d+",
    )
    s, f = with_template("<p>{{ spec.note }}</p>\n")
    yield Case(
        "template-none-field",
        g,
        "a user template prints a field that is None",
        s,
        f,
        expect="error",
        where=r"own\.xml\.j2:\d+|spec\.yaml:\d+",
    )
    yield Case(
        "vars-file-mapping",
        g,
        "a --vars file's mapping used as text",
        with_text("请{{ unit }}知悉。", vars_="vars: {unit: 各单位}"),
        {"vars.yaml": "unit:\n  name: 统战部\n  code: 12\n"},
        args=("--vars", "project/vars.yaml"),
        expect="error",
        where=r"spec\.yaml:\d+|vars\.yaml:\d+",
    )


def _unbounded() -> Iterator[Case]:
    g = "unbounded"

    def alias_bomb(levels: int, width: int = 9) -> str:
        lines = ["a0: &a0 [统战部统战部统战部]"]
        for i in range(1, levels + 1):
            refs = ", ".join([f"*a{i - 1}"] * width)
            lines.append(f"a{i}: &a{i} [{refs}]")
        return spec(vars_="vars:\n" + "\n".join("  " + line for line in lines))

    yield Case(
        "alias-bomb-9", g, "nine levels of nine aliases (billion laughs) under vars:", alias_bomb(9)
    )
    yield Case(
        "alias-bomb-in-body",
        g,
        "an alias bomb as body.opening (a list of lists)",
        alias_bomb(7).replace(f"  opening: {OPENING}", "  opening: *a7"),
    )
    yield Case("jinja-string-times", g, "{{ 'x' * 10**9 }}", with_text("{{ 'x' * 10**9 }}"))
    yield Case("jinja-power", g, "{{ 9**(9**9) }}", with_text("{{ 9**(9**9) }}"))
    yield Case("jinja-lipsum-million", g, "{{ lipsum(10**6) }}", with_text("{{ lipsum(10**6) }}"))
    yield Case(
        "jinja-lipsum-300",
        g,
        "{{ lipsum(300) }}: 300 paragraphs of filler",
        with_text("{{ lipsum(300) }}"),
    )
    yield Case(
        "jinja-nested-ranges",
        g,
        "three nested loops over range(10000)",
        with_text(
            "{% for a in range(10000) %}{% for b in range(10000) %}"
            "{% for c in range(10000) %}{% endfor %}{% endfor %}{% endfor %}完"
        ),
    )
    yield Case(
        "jinja-range-1e9", g, "{{ range(10**9)|length }}", with_text("{{ range(10**9)|length }}")
    )
    yield Case(
        "jinja-percent-width", g, "{{ '%0999999999d' % 1 }}", with_text("{{ '%0999999999d' % 1 }}")
    )
    yield Case(
        "jinja-format-width",
        g,
        "{{ '{:>999999999}'.format('甲') }}",
        with_text("{{ '{:>999999999}'.format('甲') }}"),
    )
    yield Case(
        "jinja-format-filter",
        g,
        "{{ '%999999999s'|format('甲') }}",
        with_text("{{ '%999999999s'|format('甲') }}"),
    )
    yield Case(
        "jinja-join-huge-list",
        g,
        "{{ ''.join(['甲'] * 10**8) }}",
        with_text("{{ ''.join(['甲'] * 10**8) }}"),
    )
    yield Case(
        "jinja-list-times",
        g,
        "{{ (['甲'] * 10**9)|length }}",
        with_text("{{ (['甲'] * 10**9)|length }}"),
    )
    yield Case("jinja-center", g, "{{ '甲'|center(10**9) }}", with_text("{{ '甲'|center(10**9) }}"))
    yield Case(
        "jinja-wordwrap-huge",
        g,
        "|wordwrap on ten million characters",
        with_text("{{ ('统战 ' * 10**7)|wordwrap(3) }}"),
    )
    yield Case(
        "jinja-replace-square",
        g,
        "|replace that squares the length",
        with_text("{{ ('甲' * 10**5)|replace('甲', '乙' * 10**5) }}"),
    )
    yield Case(
        "jinja-namespace-doubling",
        g,
        "a string doubled forty times in a loop",
        with_text(
            "{% set ns = namespace(s='统战') %}{% for i in range(40) %}"
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}"
        ),
    )
    yield Case(
        "jinja-macro-exponential",
        g,
        "a macro calling itself twice, forty deep (2^40 calls)",
        with_text(
            "{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}"
            "{% endmacro %}{{ m(40) }}完"
        ),
    )
    yield Case(
        "jinja-macro-recursion",
        g,
        "a macro that calls itself forever",
        with_text("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}"),
    )
    yield Case(
        "include-self",
        g,
        "a file that includes itself",
        with_text("{% include 'a.txt' %}"),
        {"a.txt": "甲{% include 'a.txt' %}"},
    )
    yield Case(
        "include-mutual",
        g,
        "two files that include each other",
        with_text("{% include 'a.txt' %}"),
        {"a.txt": "甲{% include 'b.txt' %}", "b.txt": "乙{% include 'a.txt' %}"},
    )
    fan = {
        f"f{i}.txt": f"{{% include 'f{i + 1}.txt' %}}{{% include 'f{i + 1}.txt' %}}"
        for i in range(40)
    }
    fan["f40.txt"] = "统"
    yield Case(
        "include-fanout",
        g,
        "forty files each including the next twice (2^40)",
        with_text("{% include 'f0.txt' %}"),
        fan,
    )
    s, f = with_template("{% include 'own.xml.j2' %}\n")
    yield Case(
        "template-include-self",
        g,
        "a user template that includes itself",
        s,
        f,
        where=r"own\.xml\.j2:\d+|spec\.yaml:\d+",
    )
    s, f = with_template("{% extends 'own.xml.j2' %}\n")
    yield Case(
        "template-extends-self",
        g,
        "a user template that extends itself",
        s,
        f,
        where=r"own\.xml\.j2:\d+|spec\.yaml:\d+",
    )
    s, f = with_template(
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
        "<p>完</p>\n"
    )
    yield Case(
        "template-nested-loops",
        g,
        "a user template with 10^10 iterations",
        s,
        f,
        where=r"own\.xml\.j2:\d+|spec\.yaml:\d+",
    )
    yield Case(
        "include-fifo",
        g,
        "{% include 'pipe.txt' %} of a named pipe (blocks forever)",
        with_text("{% include 'pipe.txt' %}"),
        {"pipe.txt": Fifo()},
    )
    yield Case(
        "include-dev-zero",
        g,
        "{% include 'zero.txt' %}, a link to /dev/zero",
        with_text("{% include 'zero.txt' %}"),
        {"zero.txt": Link("/dev/zero")},
        expect="error",
    )
    yield Case(
        "include-dev-urandom",
        g,
        "{% include 'random.txt' %}, a link to /dev/urandom",
        with_text("{% include 'random.txt' %}"),
        {"random.txt": Link("/dev/urandom")},
        expect="error",
    )
    yield Case("spec-fifo", g, "the spec is a named pipe", Fifo(), where=r"spec\.yaml")
    yield Case(
        "spec-dev-zero",
        g,
        "the spec is a link to /dev/zero",
        Link("/dev/zero"),
        expect="error",
        where=r"spec\.yaml",
    )
    yield Case(
        "vars-fifo",
        g,
        "--vars names a pipe",
        spec(),
        {"vars.yaml": Fifo()},
        args=("--vars", "project/vars.yaml"),
        where=r"vars\.yaml",
    )
    yield Case(
        "vars-dev-zero",
        g,
        "--vars names a link to /dev/zero",
        spec(),
        {"vars.yaml": Link("/dev/zero")},
        args=("--vars", "project/vars.yaml"),
        expect="error",
        where=r"vars\.yaml",
    )

    def big_spec(n_bytes: int) -> Callable[[], bytes]:
        def make() -> bytes:
            paras, size, i = [], 0, 0
            while size < n_bytes:
                p = prose(300, i)
                paras.append(f"    - {p}")
                size += len(p.encode()) + 7
                i += 3
            return spec(opening="\n" + "\n".join(paras)).encode()

        return make

    whole = "the whole file is refused before it is read: no line to point at"
    yield Case(
        "spec-50mb", g, "a 50 MB spec of real text", big_spec(50 << 20), where=None, unlocated=whole
    )
    yield Case(
        "spec-5mb", g, "a 5 MB spec of real text", big_spec(5 << 20), where=None, unlocated=whole
    )
    yield Case(
        "paragraph-3mb",
        g,
        "one paragraph of 3 MB of text",
        lambda: spec(opening=prose(1_000_000)).encode(),
    )
    yield Case(
        "paragraph-no-break",
        g,
        "a million characters with no place to break",
        lambda: spec(opening="统" * 1_000_000).encode(),
    )
    for n in (80, 100, 120, 200):
        title = prose(n)[:n].rstrip("，。") + "的通知"
        yield Case(
            f"title-{n}",
            g,
            f"a title of {len(title)} characters (every combination of break points is tried)",
            spec(title=title),
            expect="ok",
        )
    yield Case(
        "title-80-digits",
        g,
        "a title that is one token of 80 digits",
        spec(title="'" + "1234567890" * 8 + "'"),
    )
    yield Case(
        "title-long-url",
        g,
        "a title that is one long URL",
        spec(title="https://www.gov.cn/zhengce/content/2021-07/01/" + "a" * 60 + "/index.html"),
    )
    yield Case(
        "title-latin-letter",
        g,
        "42 Latin letters as the title of a 函",
        spec(kind="函", title="A" * 42),
    )
    yield Case(
        "title-1000-lines",
        g,
        "a title given as 1000 lines",
        spec(title="[" + ", ".join(["关于加强安全生产工作"] * 1000) + "]"),
    )
    yield Case(
        "copies-100000",
        g,
        "--copies 100000",
        spec(),
        args=("--copies", "100000"),
        where=r"copies|spec\.yaml:\d+",
    )
    yield Case(
        "copies-1e12",
        g,
        "--copies 10**12",
        spec(),
        args=("--copies", str(10**12)),
        where=r"copies|spec\.yaml:\d+",
    )
    yield Case(
        "recipients-10000",
        g,
        "10 000 主送机关",
        spec().replace(
            "recipients: [各县（市、区）人民政府, 市直各有关单位]",
            "recipients: [" + ", ".join(f"第{i}单位" for i in range(10000)) + "]",
        ),
    )
    yield Case(
        "attachments-200",
        g,
        "200 附件 each with a page of text",
        spec(
            extra="attachments:\n"
            + "\n".join(
                f"  - {{title: 第{i}号附件材料, body: {{opening: {prose(150, i)}}}}}"
                for i in range(200)
            )
        ),
    )
    yield Case(
        "sections-9999",
        g,
        "9999 first-level sections (the last ordinal docgen can write)",
        spec(
            body="  sections:\n"
            + "\n".join(
                f"    - {{heading: 第{i}项工作, text: {SENTENCES[i % 10]}}}" for i in range(9999)
            )
        ),
    )
    yield Case(
        "items-20000",
        g,
        "20 000 items in one section",
        spec(
            body="  sections:\n    - heading: 工作要求\n      items: ["
            + ", ".join(f"事项{i}" for i in range(20000))
            + "]"
        ),
    )
    yield Case(
        "table-10000-rows",
        g,
        "a table of 10 000 rows",
        spec(
            body="  table:\n    header: [单位, 人数]\n    rows: ["
            + ", ".join(f"[单位{i}, {i}]" for i in range(10000))
            + "]"
        ),
    )
    yield Case(
        "table-1000-columns",
        g,
        "a table of 1000 columns",
        spec(body="  table:\n    rows: [[" + ", ".join(str(i) for i in range(1000)) + "]]"),
    )
    yield Case(
        "set-40k",
        g,
        "--set with a 40 000-character value (near the 128 KiB limit of one argument)",
        with_text("请{{ who }}知悉。", vars_="vars: {who: 各单位}"),
        args=("--set", "who=" + "统" * 40_000),
    )
    yield Case(
        "seal-large-image",
        g,
        "a seal of 12 000 × 12 000 pixels (under PIL's bomb limit"
        " of 2× but 144 megapixels decoded)",
        *sealed({"images/seal.png": lambda: png_bomb(12000, 12000)}),
    )


def _tracebacks() -> Iterator[Case]:
    g = "tracebacks"
    for slug, value in [
        ("date-feb-30", "2021-02-30"),
        ("date-month-13", "2021-13-01"),
        ("date-year-0", "0000-01-01"),
        ("date-hour-25", "2021-07-01T25:00:00"),
    ]:
        yield Case(slug, g, f"an impossible date: date: {value}", spec(date=value), expect="error")
    yield Case(
        "print-date-feb-30",
        g,
        "an impossible print_date: 2021-02-30",
        spec(extra="printer: X市人民政府办公室\nprint_date: 2021-02-30"),
        expect="error",
    )
    yield Case(
        "date-cn-feb-30",
        g,
        "an impossible date written 2021年2月30日",
        spec(date="2021年2月30日"),
        expect="error",
    )
    yield Case("date-integer", g, "date: 20210701", spec(date="20210701"), expect="error")
    for slug, content, what in [
        ("seal-text-file", "这不是图片\n".encode(), "a text file"),
        ("seal-empty", b"", "an empty file"),
        ("seal-truncated", truncated_seal, "a PNG cut in half"),
        ("seal-bad-crc", bad_crc_seal, "a PNG with one byte changed"),
        ("seal-bomb", lambda: png_bomb(30000, 30000), "a decompression bomb (900 megapixels)"),
        ("seal-svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "an SVG"),
        (
            "seal-zero-size",
            lambda: png_bomb(1, 1).replace(struct.pack(">II", 1, 1), struct.pack(">II", 0, 0), 1),
            "a PNG of 0 × 0 pixels",
        ),
    ]:
        yield Case(
            slug, g, f"the seal is {what}", *sealed({"images/seal.png": content}), expect="error"
        )
    yield Case(
        "seal-folder",
        g,
        "the seal path is a folder",
        *sealed({"images/seal.png": Folder()}),
        expect="error",
    )
    yield Case(
        "seal-fifo",
        g,
        "the seal is a named pipe",
        *sealed({"images/seal.png": Fifo()}),
        expect="error",
    )
    yield Case(
        "stamp-text-file",
        g,
        "the 签名章 is a text file",
        spec(extra="stamp: images/stamp.png\nsignatory: 市长"),
        {"images/stamp.png": "不是图片"},
        expect="error",
    )
    yield Case(
        "font-not-a-font",
        g,
        "fonts: a .ttf that is text",
        spec(extra="fonts: {fangsong: bad.ttf}"),
        {"bad.ttf": "不是字体"},
        expect="error",
    )
    yield Case(
        "font-empty",
        g,
        "fonts: an empty .ttf",
        spec(extra="fonts: {fangsong: bad.ttf}"),
        {"bad.ttf": b""},
        expect="error",
    )
    yield Case(
        "font-truncated",
        g,
        "fonts: a TrueType font cut to 4 KB",
        spec(extra="fonts: {fangsong: bad.ttf}"),
        {
            "bad.ttf": lambda: (
                Path(__file__).resolve().parents[2] / "fonts" / "LiberationSerif-Regular.ttf"
            ).read_bytes()[:4096]
        },
        expect="error",
    )
    yield Case(
        "font-fifo",
        g,
        "fonts: a .ttf that is a named pipe",
        spec(extra="fonts: {fangsong: pipe.ttf}"),
        {"pipe.ttf": Fifo()},
        expect="error",
    )
    for slug, char in [
        ("nul", "\0"),
        ("control-01", "\x01"),
        ("escape-1b", "\x1b"),
        ("del-7f", "\x7f"),
        ("c1-9b", "\x9b"),
    ]:
        yield Case(
            f"yaml-{slug}",
            g,
            f"a raw {char!r} character in the YAML",
            spec(opening=f"请各单位{char}认真落实。"),
            expect="error",
        )
    yield Case(
        "yaml-surrogate-escape",
        g,
        'a lone surrogate written as "\\ud800"',
        spec(opening='"请各单位\\ud800认真落实。"'),
    )
    yield Case(
        "yaml-unhashable-key",
        g,
        "a list as a mapping key (? [a, b])",
        spec(extra="? [甲, 乙]\n: 丙"),
        expect="error",
    )
    yield Case(
        "yaml-unhashable-flow-key",
        g,
        "{[甲]: 乙} in the body",
        spec(body="  extra: {[甲]: 乙}"),
        expect="error",
    )
    yield Case(
        "yaml-mapping-key",
        g,
        "a mapping as a key under vars:",
        spec(vars_="vars:\n  ? {甲: 1}\n  : 乙"),
        expect="error",
    )
    yield Case(
        "yaml-integer-key", g, "an integer key at the top", spec(extra="1: 甲"), expect="error"
    )
    yield Case("yaml-null-key", g, "a null key at the top", spec(extra="~: 甲"), expect="error")
    yield Case(
        "yaml-recursive-alias",
        g,
        "a recursive alias (&a [*a])",
        spec(vars_="vars: {loop: &a [统战, *a]}"),
    )
    yield Case(
        "yaml-recursive-mapping",
        g,
        "a mapping that contains itself",
        spec(vars_="vars: &v {self: *v}"),
    )
    yield Case(
        "yaml-recursive-used",
        g,
        "a recursive alias used as text",
        with_text("请{{ loop }}知悉。", vars_="vars: {loop: &a [统战, *a]}"),
        expect="error",
    )
    for depth in (500, 990, 5000):
        yield Case(
            f"yaml-nesting-{depth}",
            g,
            f"{depth} levels of nested lists under vars:",
            spec(vars_="vars: {deep: " + "[" * depth + "统" + "]" * depth + "}"),
        )
    yield Case(
        "yaml-nesting-mappings",
        g,
        "700 levels of nested block mappings",
        spec(
            vars_="vars:\n"
            + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(700))
            + " " * 701
            + "v: 统"
        ),
    )
    for slug, value in [
        ("issuer-empty-list", "[]"),
        ("issuer-empty-string", "''"),
        ("issuer-blank", "'   '"),
        ("issuer-list-empty-string", "['']"),
    ]:
        yield Case(
            slug,
            g,
            f"issuer: {value} (required, so an empty one is missing)",
            spec(issuer=value),
            expect="error",
        )
        yield Case(
            f"{slug}-sealed",
            g,
            f"issuer: {value} with a seal",
            *sealed({"images/seal.png": seal_bytes}, issuer=value),
            expect="error",
        )
        yield Case(
            f"{slug}-numbered",
            g,
            f"issuer: {value} with a 发文字号 (a 版头)",
            spec(issuer=value, extra="number: X政办发〔2021〕3号"),
            expect="error",
        )
    yield Case("issuer-256", g, "an issuer of 256 characters", spec(issuer="统" * 256))
    yield Case("issuer-1000", g, "an issuer of 1000 characters", spec(issuer=prose(1000)))
    yield Case(
        "joint-issuers-30",
        g,
        "30 joint issuers with seals missing",
        spec(issuer="[" + ", ".join(f"第{i}机关" for i in range(30)) + "]"),
    )
    for n in (8, 40):
        issuers = "[" + ", ".join(f"第{i}机关" for i in range(n)) + "]"
        seals = "[" + ", ".join(["images/seal.png"] * n) + "]"
        yield Case(
            f"seals-{n}-joint",
            g,
            f"{n} joint issuers, each with a seal (the seals fill more than a page)",
            spec(issuer=issuers, extra=f"seal: {seals}"),
            {"images/seal.png": seal_bytes},
        )
    yield Case(
        "table-empty-row",
        g,
        "a table with an empty row",
        spec(body="  table: {header: [单位, 人数], rows: [[]]}"),
        expect="error",
    )
    yield Case(
        "table-only-empty-rows",
        g,
        "a table whose only rows are empty",
        spec(body="  table: {rows: [[], []]}"),
        expect="error",
    )
    yield Case("table-no-rows", g, "a table with no rows", spec(body="  table: {rows: []}"))
    yield Case(
        "table-zero-widths",
        g,
        "a table with widths [0, 0]",
        spec(body="  table: {rows: [[甲, 乙]], widths: [0, 0]}"),
    )
    yield Case(
        "table-negative-widths",
        g,
        "a table with widths [-1, 2]",
        spec(body="  table: {rows: [[甲, 乙]], widths: [-1, 2]}"),
    )
    yield Case(
        "table-nan-width",
        g,
        "a table with widths [.nan, 1]",
        spec(body="  table: {rows: [[甲, 乙]], widths: [.nan, 1]}"),
    )
    yield Case(
        "table-inf-cell",
        g,
        "cells .inf and 1e308",
        spec(body="  table: {rows: [[.inf, 1.0e+308]]}"),
    )
    yield Case(
        "vars-not-utf8",
        g,
        "a --vars file in GBK",
        spec(),
        {"vars.yaml": "city: 泉州\n".encode("gbk")},
        args=("--vars", "project/vars.yaml"),
        expect="error",
        where=r"vars\.yaml:\d+",
    )
    yield Case(
        "vars-not-mapping",
        g,
        "a --vars file that is a list",
        spec(),
        {"vars.yaml": "- 甲\n- 乙\n"},
        args=("--vars", "project/vars.yaml"),
        expect="error",
        where=r"vars\.yaml",
    )
    yield Case(
        "vars-folder",
        g,
        "--vars names a folder",
        spec(),
        {"vars.yaml": Folder()},
        args=("--vars", "project/vars.yaml"),
        expect="error",
        where=r"vars\.yaml",
    )
    yield Case(
        "vars-missing",
        g,
        "--vars names a missing file",
        spec(),
        args=("--vars", "project/vars.yaml"),
        expect="error",
        where=r"vars\.yaml",
    )
    for slug, value, key in [
        ("message-backslash-x", r'"是\x01"', "double_sided"),
        ("message-backslash-u", r'"是\u200b"', "double_sided"),
        ("message-backslash-copy", r'"第\u200b一"', "copy_number"),
        ("message-backslash-enum", r'"特\x02急"', "urgency"),
    ]:
        yield Case(
            slug,
            g,
            f"{key}: {value}, a wrong-typed value with an escape in its repr",
            spec(extra=f"{key}: {value}"),
            expect="error",
        )
    yield Case("spec-empty", g, "an empty spec", b"", expect="error")
    yield Case("spec-comments-only", g, "a spec of comments only", "# 草稿\n", expect="error")
    yield Case("spec-list", g, "a spec that is a YAML list", "- 甲\n- 乙\n", expect="error")
    yield Case(
        "spec-multi-document",
        g,
        "two YAML documents in one file",
        spec() + "---\n" + spec(),
        expect="error",
    )
    yield Case(
        "body-null", g, "body: ~", spec().replace("body:\n", "body: ~\nx_body:\n"), expect="error"
    )
    yield Case(
        "sections-not-list",
        g,
        "sections: a mapping",
        spec(body="  sections: {heading: 甲}"),
        expect="error",
    )
    yield Case(
        "number-seq-zero",
        g,
        "发文字号 seq 0",
        spec(extra="number: {prefix: X政办发, year: 2021, seq: 0}"),
        expect="error",
    )
    yield Case(
        "number-seq-negative",
        g,
        "发文字号 seq -5",
        spec(extra="number: {prefix: X政办发, year: 2021, seq: -5}"),
        expect="error",
    )
    yield Case(
        "number-seq-huge",
        g,
        "发文字号 seq 10^30",
        spec(extra="number: {prefix: X政办发, year: 2021, seq: " + "9" * 30 + "}"),
    )
    yield Case(
        "number-string-huge",
        g,
        "发文字号 X政办发〔2021〕<40 digits>号",
        spec(extra="number: X政办发〔2021〕" + "9" * 40 + "号"),
    )
    yield Case(
        "number-year-huge",
        g,
        "发文字号 year 10^20",
        spec(extra="number: {prefix: X政办发, year: 100000000000000000000, seq: 1}"),
        expect="error",
    )
    yield Case(
        "copy-number-zero", g, "copy_number: 0", spec(extra="copy_number: 0"), expect="error"
    )
    yield Case(
        "copy-number-huge",
        g,
        "copy_number: 10^40",
        spec(extra="copy_number: " + "1" + "0" * 40),
        expect="error",
    )
    yield Case(
        "mark-empty",
        g,
        "mark: '' with a 发文字号",
        spec(extra="mark: ''\nnumber: X政办发〔2021〕3号"),
    )
    yield Case(
        "signature-empty-list",
        g,
        "signature: [] and a seal",
        spec(extra="signature: []\n" + SEALED),
        {"images/seal.png": seal_bytes},
    )
    yield Case(
        "attendees-empty",
        g,
        "a 纪要 with empty attendee lists",
        spec(kind="纪要", extra="attendees: {出席: [], 请假: []}"),
    )
    yield Case(
        "order-without-title",
        g,
        "a 命令 without title but an order number",
        spec(kind="命令", title="''", extra="order_number: 第1号"),
    )
    yield Case("kind-control-char", g, 'kind: "\\x01"', spec(kind='"\\x01"'), expect="error")


def _output() -> Iterator[Case]:
    g = "output"
    why = "an output problem has no line in the spec; the message must name the output path"
    yield Case(
        "out-read-only",
        g,
        "the output folder is read-only",
        spec(),
        expect="error",
        where=r"out\b",
        unlocated=why,
        prepare=read_only_out,
    )
    yield Case(
        "out-disk-full",
        g,
        "the output folder is on a full disk (a 64 KB tmpfs)",
        spec(),
        expect="error",
        where=r"out\b",
        unlocated=why,
        prepare=full_disk_out,
    )
    yield Case(
        "out-pdf-is-folder",
        g,
        "a folder stands where the PDF would go",
        spec(),
        expect="error",
        where=r"spec\.pdf",
        unlocated=why,
        prepare=folder_at("spec.pdf"),
    )
    yield Case(
        "out-docx-is-folder",
        g,
        "a folder stands where the DOCX would go",
        spec(),
        expect="error",
        where=r"spec\.docx",
        unlocated=why,
        prepare=folder_at("spec.docx"),
    )
    yield Case(
        "out-is-file",
        g,
        "-o names an existing file",
        spec(),
        out="outfile",
        expect="error",
        where=r"outfile",
        unlocated=why,
        prepare=file_at("outfile"),
    )
    yield Case(
        "out-under-file",
        g,
        "-o names a folder below a file",
        spec(),
        out="outfile/sub",
        expect="error",
        where=r"outfile",
        unlocated=why,
        prepare=file_at("outfile"),
    )
    yield Case(
        "out-dev-null",
        g,
        "-o /dev/null",
        spec(),
        out="/dev/null",
        expect="error",
        where=r"/dev/null",
        unlocated=why,
    )
    yield Case(
        "out-pdf-links-outside",
        g,
        "out/spec.pdf is a link to the secret file: the"
        " build replaces the link and never writes through it",
        spec(),
        expect="ok",
        prepare=link_at("out/spec.pdf", "{outside}/secret.txt"),
    )
    yield Case(
        "out-long-name",
        g,
        "a spec named with 252 bytes: the output's temporary name passes 255 bytes",
        spec(),
        spec_name="统" * 82 + "x.yaml",
        expect="either",
        where="统统统",
        unlocated=why,
    )
    yield Case(
        "out-validate-writes-nothing",
        g,
        "validate writes nothing anywhere",
        spec(),
        command="validate",
        expect="ok",
    )
    yield Case(
        "out-copies-3",
        g,
        "--copies 3 writes exactly three numbered pairs",
        spec(),
        args=("--copies", "3"),
        expect="ok",
    )
    yield Case(
        "out-format-pdf",
        g,
        "--format pdf writes only the PDF",
        spec(),
        args=("--format", "pdf"),
        expect="ok",
    )
    yield Case(
        "out-earlier-kept",
        g,
        "a failing build leaves an earlier output untouched",
        spec(date="2021-02-30"),
        expect="error",
        earlier=True,
    )


def _unlocated() -> Iterator[Case]:
    g = "unlocated"
    yield Case(
        "colophon-500-cc",
        g,
        "a 版记 with 500 抄送 entries (overflows a page)",
        spec(
            extra="cc: [" + ", ".join(f"第{i}单位" for i in range(500)) + "]\n"
            "printer: X市人民政府办公室\nprint_date: 2021-07-02"
        ),
        expect="error",
        check=message_names(r"spec\.yaml:\d+", "the cc: line"),
    )
    yield Case(
        "colophon-long-cc",
        g,
        "30 抄送 names of 100 characters each",
        spec(extra="cc: [" + ", ".join(prose(100, i)[:100] for i in range(30)) + "]"),
        expect="either",
    )
    yield Case(
        "not-utf8-line-5",
        g,
        "a GBK byte on line 5 of the spec: the message must say where",
        lambda: (
            spec()
            .replace("2021-07-01", "2021-07-01 # 草稿")
            .encode("utf-8")
            .replace("草稿".encode(), "草稿".encode("gbk"))
        ),
        expect="error",
        check=message_names(r"spec\.yaml:5\b", "line 5"),
    )
    yield Case(
        "latin1-spec",
        g,
        "a spec in Latin-1 (é on line 2)",
        spec(issuer="Café").encode("latin-1", "replace"),
        expect="error",
    )
    yield Case("utf16-spec", g, "a spec in UTF-16 with a BOM", spec().encode("utf-16"))
    for levels in (5, 40):
        yield Case(
            f"sections-{levels}-levels",
            g,
            f"sections {levels} levels deep (the"
            " standard has four): the error must name the spec, not docgen's template",
            spec(body=nested_sections(levels)),
            expect="error",
            check=all_of(names_docgen_template, no_python_exception_name),
        )
    s, f = with_template("<p>{{ whom }}</p>\n")
    yield Case(
        "template-undefined",
        g,
        "an undefined variable in a user template",
        s,
        f,
        expect="error",
        where=r"own\.xml\.j2:1",
    )
    s, f = with_template("<p><b>加粗</b></p>\n")
    yield Case(
        "template-bad-markup",
        g,
        "a user template writes markup docgen refuses",
        s,
        f,
        expect="error",
        where=r"spec\.yaml:\d+|own\.xml\.j2:\d+",
    )
    yield Case(
        "spec-missing",
        g,
        "the spec does not exist",
        None,
        expect="error",
        where=r"spec\.yaml",
        unlocated="the file is not there",
    )
    yield Case(
        "spec-folder",
        g,
        "the spec is a folder",
        Folder(),
        expect="error",
        where=r"spec\.yaml",
        unlocated="a folder has no lines",
    )
    yield Case(
        "wrong-type-deep",
        g,
        "a mapping where an item's text belongs, four levels down",
        spec(
            body="  sections:\n    - heading: 甲\n      sections:\n        - heading: 乙\n"
            "          items: [丙, {丁: 1}]"
        ),
        expect="error",
        check=message_names(r"spec\.yaml:12\b", "line 12 (the mapping)"),
    )
    yield Case(
        "printer-overflow",
        g,
        "印发机关 of 400 characters",
        spec(extra=f"printer: {prose(400)}\nprint_date: 2021-07-02"),
    )
    yield Case("note-huge", g, "附注 of 20 000 characters", spec(extra=f"note: {prose(20000)}"))


def _careless() -> Iterator[Case]:
    g = "careless"
    yield Case("bom-utf8", g, "a UTF-8 BOM", "\ufeff" + spec(), expect="ok")
    yield Case("crlf", g, "CRLF line ends", spec().replace("\n", "\r\n"), expect="ok")
    yield Case("cr-only", g, "old Mac CR line ends", spec().replace("\n", "\r"))
    yield Case(
        "tab-indent",
        g,
        "a tab used for indentation",
        spec().replace("  opening:", "\topening:"),
        expect="error",
    )
    yield Case(
        "binary-garbage",
        g,
        "4 KB of random bytes as the spec",
        lambda: bytes((i * 73 + 41) % 256 for i in range(4096)),
        expect="error",
    )
    yield Case("png-as-spec", g, "an image given as the spec", seal_bytes, expect="error")
    yield Case(
        "emoji-title",
        g,
        "emoji and astral characters in the title",
        spec(title="关于🎉🏮𠀀𪚥的通知"),
        expect="ok",
    )
    yield Case(
        "bidi-override",
        g,
        "a right-to-left override in the opening",
        spec(opening="请各单位\u202e认真落实\u202c。"),
    )
    yield Case(
        "zero-width",
        g,
        "zero-width spaces and joiners in the title",
        spec(title="关于\u200b开展\u200d安全\ufeff检查的通知"),
    )
    yield Case(
        "combining-marks",
        g,
        "combining marks stacked on one letter",
        spec(opening="请各单位" + "a" + "\u0301" * 200 + "认真落实。"),
    )
    yield Case(
        "private-use", g, "private-use characters", spec(opening="请各单位\ue000\uf8ff落实。")
    )
    for slug, esc in [
        ("vtab", "\\v"),
        ("form-feed", "\\f"),
        ("fffe", "\\ufffe"),
        ("escape", "\\e"),
    ]:
        yield Case(
            f"xml-invalid-{slug}",
            g,
            f'a "{esc}" escape (not allowed in XML) in the title',
            spec(title=f'"关于{esc}检查的通知"'),
        )
    yield Case(
        "xml-special",
        g,
        "< & > ]]> and quotes in the text",
        spec(opening=sq('请<各单位>&"认真"]]>落实。')),
        expect="ok",
    )
    yield Case(
        "jinja-raw",
        g,
        "{% raw %}{{ 不是变量 }}{% endraw %}",
        with_text("{% raw %}{{ 不是变量 }}{% endraw %}"),
        expect="ok",
    )
    yield Case("jinja-open-brace", g, "a text that is only {{", with_text("{{"), expect="error")
    yield Case(
        "jinja-comment-open",
        g,
        "an unterminated {#",
        with_text("请{# 草稿各单位知悉。"),
        expect="error",
    )
    yield Case(
        "jinja-undefined",
        g,
        "an undefined variable",
        with_text("请{{ 单位 }}知悉。"),
        expect="error",
    )
    yield Case(
        "jinja-internals",
        g,
        "{{ ''.__class__.__mro__ }} (the sandbox must hold)",
        with_text("{{ ''.__class__.__mro__ }}"),
        expect="error",
    )
    yield Case(
        "jinja-format-attack",
        g,
        "'{0.__class__}'.format(x) (the sandbox must hold)",
        with_text("{{ '{0.__class__.__init__.__globals__}'.format(lipsum) }}"),
        expect="error",
    )
    yield Case(
        "python-tag",
        g,
        "!!python/object/apply:os.system",
        spec(extra="x: !!python/object/apply:os.system ['echo hacked']"),
        expect="error",
    )
    yield Case("duplicate-keys", g, "a key given twice", spec(extra="title: 重复"), expect="error")
    yield Case(
        "misspelt-key", g, "recipent: for recipients:", spec(extra="recipent: [甲]"), expect="error"
    )
    yield Case("date-far-future", g, "date: 9999-12-31", spec(date="9999-12-31"), expect="ok")
    yield Case("date-first", g, "date: 0001-01-01", spec(date="0001-01-01"), expect="ok")
    yield Case(
        "title-list",
        g,
        "a title in three given lines",
        spec(title="[关于开展2021年度, 全市安全生产, 大检查的通知]"),
        expect="ok",
    )
    yield Case("long-word-line", g, "a 3 000-letter word in the opening", spec(opening="a" * 3000))
    yield Case(
        "cc-100",
        g,
        "100 抄送 entries",
        spec(extra="cc: [" + ", ".join(f"第{i}单位" for i in range(100)) + "]"),
    )
    yield Case(
        "seal-valid",
        g,
        "a real seal (the control case for the seal cases)",
        *sealed({"images/seal.png": seal_bytes}),
        expect="ok",
    )
    yield Case("plain-notice", g, "an ordinary notice (the control case)", spec(), expect="ok")
    yield Case(
        "every-field",
        g,
        "a spec with every common field",
        spec(
            extra="copy_number: 1\nsecrecy: 机密\nsecrecy_period: 1年\nurgency: 特急\n"
            "number: X政办发〔2021〕12号\nnote: 此件公开发布\ncc: [市委办公室]\n"
            "printer: X市人民政府办公室\nprint_date: 2021-07-02\n"
            "attachments: [{title: 检查表, body: {opening: 检查内容。}}]\n" + SEALED
        ),
        {"images/seal.png": seal_bytes},
        expect="ok",
    )


def all_cases() -> list[Case]:
    cases = [
        *_escape(),
        *_leaks(),
        *_unbounded(),
        *_tracebacks(),
        *_output(),
        *_unlocated(),
        *_careless(),
    ]
    ids = [c.id for c in cases]
    duplicates = {i for i in ids if ids.count(i) > 1}
    assert not duplicates, duplicates
    return cases


# ---- Running a case ----------------------------------------------------------------------


def _fill(content: FileContent, outside: Path) -> FileContent:
    if isinstance(content, str):
        return content.replace("@OUTSIDE@", str(outside))
    return content


def run_case(case: Case, base: Path) -> Outcome:
    """Materialise ``case`` under ``base``, run docgen on it and check every promise."""
    world = base / case.id
    project = world / "project"
    project.mkdir(parents=True)
    (project / "docgen.toml").write_text("", encoding="utf-8")
    outside = make_outside(world)
    files = {k: _fill(v, outside) for k, v in case.files.items()}
    if case.spec is not None:
        files[case.spec_name] = _fill(case.spec, outside)
    materialise(project, files, world)
    out = world / case.out if case.out and not case.out.startswith("/") else None
    try:
        guard = case.prepare(world) if case.prepare else contextlib.nullcontext()
    except Skip as exc:
        return Outcome(None, skipped=str(exc))
    try:
        with guard:
            if case.earlier and out is not None:
                out.mkdir(parents=True, exist_ok=True)
                for name in case.expected_outputs():
                    (out / name).write_bytes(b"earlier build")
            return _run_and_check(case, world, project, outside, out)
    except Skip as exc:
        return Outcome(None, skipped=str(exc))


def _run_and_check(
    case: Case, world: Path, project: Path, outside: Path, out: Path | None
) -> Outcome:
    before = {"project": tree(project), "outside": tree(outside), "out": tree(out) if out else {}}
    world_before = set(os.listdir(world))
    args = [case.command, f"project/{case.spec_name}", *case.args]
    if case.command == "build" and case.out is not None:
        args += ["-o", case.out]
    env = docgen_env(world / "cache", {"HOSTILE_SECRET": MARKER, **watch_env(world)})
    run = run_docgen(args, cwd=world, env=env, log=world / "logs")

    problems = crash_problems(run, case.internal_ok) + stream_problems(run) + outside_reads(world)
    clean_exit = run.exit in (0, 1) and not run.traceback and not run.timed_out
    # What the run must have done.
    if clean_exit:
        if case.expect == "ok" and run.exit != 0:
            problems.append(f"expected success, got exit 1: {first_lines(run.stderr)}")
        if case.expect == "error" and run.exit == 0:
            problems.append("expected an error, got exit 0")
        if run.exit == 1:
            problems += _error_message_problems(case, run)
    if case.check:
        problems += case.check(world, run)

    # What it left behind.
    after_out = tree(out) if out else {}
    new = sorted(set(after_out) - set(before["out"]))
    changed = sorted(k for k in before["out"] if after_out.get(k) != before["out"][k])
    if run.exit == 0 and case.command == "build" and out is not None:
        missing = sorted(n for n in case.expected_outputs() if n not in after_out)
        extra = sorted(n for n in new if not case.is_output(n))
        if missing:
            problems.append(f"exit 0 but missing outputs: {missing[:10]}")
        if extra:
            problems.append(f"left behind in the output folder: {extra[:10]}")
    elif out is not None and (new or changed):
        problems.append(
            f"after a failure the output folder changed: new {new[:10]}, changed {changed[:10]}"
        )
    if tree(project) != before["project"]:
        problems.append(f"the project folder changed: {_diff(before['project'], tree(project))}")
    if tree(outside) != before["outside"]:
        problems.append(
            f"the folder outside the project changed: {_diff(before['outside'], tree(outside))}"
        )
    strays = set(os.listdir(world)) - world_before - {"logs", "cache", "out"}
    if strays:
        problems.append(f"files written beside the project: {sorted(strays)}")

    written = [out / n for n in after_out if case.is_output(n)] if out and run.exit == 0 else []
    problems += output_problems(written)
    return Outcome(run, problems, outputs=sorted(after_out))


def _error_message_problems(case: Case, run: Run) -> list[str]:
    import re

    message = run.stderr.strip()
    problems = []
    if not any(line.startswith("error: ") for line in message.splitlines()):
        problems.append(f"exit 1 without an 'error: ' message: {first_lines(message)}")
    if case.where and not re.search(case.where, message):
        problems.append(f"the error does not match {case.where!r}: {first_lines(message)}")
    return problems


def _diff(a: dict[str, str], b: dict[str, str]) -> str:
    gone = sorted(set(a) - set(b))
    new = sorted(set(b) - set(a))
    changed = sorted(k for k in set(a) & set(b) if a[k] != b[k])
    return f"new {new}, gone {gone}, changed {changed}"
