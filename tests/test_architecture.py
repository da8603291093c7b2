"""The structure carries the design: one direction through the pipeline, no import cycles,
the checker independent of the generator, and one layout per document for every format."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

import docgen.build
from docgen.build import BuildOptions, build
from tests.conftest import SPECS

PACKAGE = Path(docgen.build.__file__).resolve().parent

# Each top-level part of docgen and the parts below it that it may import.  Plumbing (the
# standard, errors, caches, file types, LibreOffice) may be imported by anything.
PLUMBING = {
    "standard",
    "errors",
    "cachedir",
    "filetypes",
    "libreoffice",
    "limits",
    "i18n",
    "files",
    "outputs",
    "version",
    "collector",
}
ALLOWED = {
    "spec": {"kinds"},
    "kinds": set(),
    "render": {"spec", "kinds"},
    "document": set(),
    "compose": {"spec", "render", "document"},
    "fonts": set(),
    "layout": {"document", "fonts"},
    "writers": {"document", "fonts", "layout"},
    # The layout and the drawn formats in a helper process (one build's optimisation).
    "forked": {"document", "fonts", "layout", "writers"},
    "build": {"spec", "render", "document", "compose", "fonts", "layout", "writers", "forked"},
    "batch": {"spec", "render", "fonts", "build"},  # many documents: rows, items, a pool of builds
    "check": set(),  # the instrument shares nothing with what it measures
    "live": {"spec", "build", "check"},  # the editing loop: builds, then checks what it made
    "cli": {
        "forked",
        "batch",
        "live",
        "spec",
        "render",
        "document",
        "compose",
        "fonts",
        "layout",
        "writers",
        "build",
        "check",
    },
    "__main__": {"cli"},
    # The Python API: docgen/__init__.py calls into api.py, which builds and checks; no
    # part imports the package itself (the version is in version.py), so no cycle.
    "api": {"spec", "render", "build", "check"},
    "__init__": {"api"},
}


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def _imports() -> dict[str, set[str]]:
    """Module → the docgen modules it imports (at any depth of its code)."""
    modules = _modules()
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets = [f"{node.module}.{a.name}" for a in node.names] + [node.module]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            for target in targets:
                if target in modules and target != name:
                    graph[name].add(target)
                    break
    return graph


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in list(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles_between_modules() -> None:
    assert _cycles(_imports()) == []


def test_no_import_cycles_between_parts() -> None:
    parts: dict[str, set[str]] = defaultdict(set)
    for module, targets in _imports().items():
        for target in targets:
            if _part(module) != _part(target):
                parts[_part(module)].add(_part(target))
    assert _cycles(parts) == []


def test_every_import_goes_down_the_pipeline() -> None:
    """spec → render → compose (document) → layout → writers → build → cli; the checker
    imports only the standard and plumbing; the standard imports nothing of docgen."""
    wrong = []
    for module, targets in sorted(_imports().items()):
        part = _part(module)
        for target in targets:
            other = _part(target)
            if other == part:
                continue
            if part == "standard" or (other not in PLUMBING and other not in ALLOWED[part]):
                wrong.append(f"{module} → {target}")
    assert wrong == []


def test_the_standard_stands_alone() -> None:
    imports = _imports()
    standard = [m for m in imports if _part(m) == "standard"]
    assert standard
    assert all(_part(t) == "standard" for m in standard for t in imports[m])


@pytest.mark.parametrize("copies", [0, 3])
def test_a_build_lays_each_document_out_once_for_all_formats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, copies: int
) -> None:
    import docgen.layout.pages

    calls = []
    real = docgen.layout.pages.lay_out

    def counting(doc, faces):
        calls.append(doc.header.copy_number if doc.header else None)
        return real(doc, faces)

    monkeypatch.setattr(docgen.layout.pages, "lay_out", counting)
    result = build(SPECS / "notice.yaml", BuildOptions(out_dir=tmp_path, copies=copies))
    documents = copies or 1
    assert len(result.files) == 2 * documents  # a PDF and a DOCX each
    assert len(calls) == documents
    assert len(set(calls)) == documents


def test_the_readme_lists_every_limit_as_it_is() -> None:
    from docgen import limits

    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    for name, limit in limits.DEFAULTS.items():
        assert f"| `{name}` | {limit.value:,} {limit.unit} | {limit.what} |" in readme, name
