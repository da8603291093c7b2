"""Issue 17: the Python API — docgen.render, docgen.check, docgen.DocgenError — and a cheap
``import docgen``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import docgen
from docgen.build import BuildOptions, build
from docgen.check.findings import Level
from tests.conftest import ROOT, SPECS

EXAMPLES = sorted(SPECS.glob("*.yaml"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("built")
    for spec in EXAMPLES:
        build(spec, BuildOptions(out_dir=out, formats=("pdf",)))
    return out


@pytest.mark.parametrize("spec", EXAMPLES, ids=lambda p: p.stem)
def test_render_gives_the_bytes_build_writes(spec: Path, built: Path) -> None:
    assert docgen.render(spec) == (built / f"{spec.stem}.pdf").read_bytes()


def test_render_takes_yaml_text_and_a_mapping_with_vars(built: Path) -> None:
    spec = SPECS / "notice.yaml"
    expected = (built / "notice.pdf").read_bytes()
    source = spec.read_text(encoding="utf-8")
    # Text and mappings resolve relative paths (seals) from the current folder.
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(SPECS)
        assert docgen.render(source) == expected
        assert docgen.render(yaml.safe_load(source)) == expected
    a = docgen.render(SPECS / "work-summary.yaml", vars={"city": "泉州"})
    b = docgen.render(SPECS / "work-summary.yaml")
    assert a != b and a.startswith(b"%PDF")


def test_render_writes_docx_bytes() -> None:
    data = docgen.render(SPECS / "letter.yaml", format="docx")
    assert data[:2] == b"PK"


def test_errors_are_docgen_errors_with_their_place() -> None:
    with pytest.raises(docgen.DocgenError) as caught:
        docgen.render("kind: 通知\nissuer: X\ntitel: T\nbody: {opening: 好。}\n")
    assert str(caught.value).startswith("<text>:3:1")
    with pytest.raises(docgen.DocgenError):
        docgen.render(SPECS / "notice.yaml", format="ofdx")
    with pytest.raises(docgen.DocgenError, match="pass Path"):
        docgen.render("specs/notice.yaml")


def test_check_takes_a_path_or_bytes() -> None:
    data = docgen.render(SPECS / "notice.yaml")
    from_bytes = docgen.check(data)
    assert len(from_bytes) == 1
    report = from_bytes[0]
    assert report.kind == "pdf" and not report.unreadable
    assert report.count(Level.ERROR) == 0
    assert not Path(report.path).exists()  # the temporary copy is gone


def test_the_subpackages_do_not_hide_the_functions() -> None:
    import docgen.check.command
    import docgen.render.load

    assert callable(docgen.render) and callable(docgen.check)


def test_import_docgen_is_cheap() -> None:
    code = "import sys, docgen; print('\\n'.join(sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    loaded = set(result.stdout.split())
    assert {"docgen", "docgen.version"} <= loaded
    assert not loaded & {"docgen.api", "docgen.errors", "docgen.build", "msgspec", "jinja2"}
