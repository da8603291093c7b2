"""docs/spec.md is the spec reference generated from the model's JSON Schema: it must be
what tools/spec_reference.py writes now."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_spec_reference_is_up_to_date() -> None:
    tool = ROOT / "tools" / "spec_reference.py"
    result = subprocess.run(
        [sys.executable, str(tool), "--check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_the_reference_names_every_key_of_a_spec() -> None:
    from docgen.spec.model import Spec

    text = (ROOT / "docs" / "spec.md").read_text(encoding="utf-8")
    for name in Spec.__struct_fields__:
        assert f"| `{name}` |" in text, name
