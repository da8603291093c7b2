"""The private members of reportlab and python-docx that docgen uses, each behind one module:
present in the installed versions, inside the ranges pyproject.toml pins, and a plain error
naming the member and the supported range when one is gone."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from docx.oxml.document import CT_Body
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.fonts import rl_internals
from docgen.writers.docx import internals as docx_internals

ROOT = Path(__file__).resolve().parents[1]


def _pinned(package: str) -> str:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    spec = next(d for d in deps if re.match(rf"{re.escape(package)}\b", d))
    return spec[len(package) :]


def _inside(installed: str, pinned: str) -> bool:
    def parts(v: str) -> tuple[int, ...]:
        return tuple(int(p) for p in re.findall(r"\d+", v)[:3])

    ops = {">=": lambda a, b: a >= b, "<": lambda a, b: a < b}
    return all(
        ops[op](parts(installed), parts(bound))
        for op, bound in re.findall(r"(>=|<)([\d.]+)", pinned)
    )


@pytest.mark.parametrize(
    ("package", "door"), [("reportlab", rl_internals), ("python-docx", docx_internals)]
)
def test_the_installed_version_is_inside_the_pinned_range(package: str, door) -> None:
    assert _pinned(package) == door.SUPPORTED, "the door's range and pyproject.toml disagree"
    assert _inside(version(package), door.SUPPORTED), f"{package} {version(package)}"


def test_the_internals_are_there() -> None:
    rl_internals.verify()
    docx_internals.verify()


def test_a_missing_reportlab_member_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    # A reportlab whose TrueType face has none of the members docgen overrides.
    monkeypatch.setattr(rl_internals, "TTFontFace", type("TTFontFace", (), {}))
    with pytest.raises(RuntimeError, match=r"TTFontFace\.makeSubset.*reportlab >=4\.2,<5\.2"):
        rl_internals.verify()


def test_a_missing_python_docx_member_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(CT_Body, "_insert_tbl")
    with pytest.raises(RuntimeError, match=r"CT_Body\._insert_tbl.*python-docx >=1\.1,<1\.3"):
        docx_internals.verify()


def test_no_other_module_touches_the_internals() -> None:
    """Private members of the two libraries appear only in their doors."""
    pattern = re.compile(r"\._insert_(p|tbl)\b|\._sectPr\b|\b_Footer\b|\._element\b|rl_config\.")
    doors = {Path(rl_internals.__file__), Path(docx_internals.__file__)}
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "docgen").rglob("*.py")
        if path not in doors and pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(st.integers(0, 0x10FFFF), st.integers(0, 65535), max_size=300),
    st.lists(st.integers(-5, 0x110005), max_size=50),
)
def test_the_compact_char_map_answers_as_the_dict_it_replaces(
    mapping: dict[int, int], probes: list[int]
) -> None:
    """A cached face's charToGlyph (two sorted arrays) gives reportlab and docgen what the
    parsed dict gave: membership, lookup, get, length and every key."""
    compact = rl_internals.CharToGlyph.of(mapping)
    assert len(compact) == len(mapping) and bool(compact) == bool(mapping)
    assert sorted(compact) == sorted(mapping)
    for code in [*probes, *mapping, "a", None]:
        assert (code in compact) == (code in mapping)
        assert compact.get(code, -1) == mapping.get(code, -1)
        if code in mapping:
            assert compact[code] == mapping[code]
        else:
            with pytest.raises(KeyError):
                compact[code]
