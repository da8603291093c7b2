"""Render page 1 of some example specs to PNG for the README (docs/images/)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from docgen.build import BuildOptions, build

ROOT = Path(__file__).resolve().parents[1]
PAGES = {"work-summary": 1, "notice": 1, "joint-notice": 1, "letter": 1}


def main() -> None:
    out = ROOT / "docs" / "images"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for name, page in PAGES.items():
            pdf = build(ROOT / "specs" / f"{name}.yaml", BuildOptions(Path(tmp), ("pdf",)))
            stem = out / f"{name}-p{page}"
            cmd = ["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(page), "-l", str(page)]
            subprocess.run([*cmd, str(pdf.files[0]), str(stem)], check=True)
            print(stem.with_suffix(".png"), file=sys.stderr)


if __name__ == "__main__":
    main()
