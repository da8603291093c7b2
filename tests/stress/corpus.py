"""The specs measured for issue 13 and building them: specs/ and tests/stress/specs/."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "specs").glob("*.yaml"))
STRESS = sorted((Path(__file__).resolve().parent / "specs").glob("*.yaml"))
SPECS = EXAMPLES + STRESS


@dataclass
class Built:
    spec: Path
    name: str
    pdf: Path
    docx: Path
    lo: Path | None  # LibreOffice's PDF of the DOCX
    warnings: list[str] = field(default_factory=list)
    issuers: int = 1
    # the layout's own account of what it could not avoid (Plan.last_resort)
    last_resort: dict[str, str] = field(default_factory=dict)


def build_all(specs: Sequence[Path], out: Path, *, libreoffice: bool = True) -> list[Built]:
    """Build each spec to PDF and DOCX in ``out``; render every DOCX in one LibreOffice
    run with only the bundled fonts (as the repository's other LibreOffice tests do)."""
    from docgen.build import BuildOptions, build, make_faces
    from docgen.compose import compose
    from docgen.fonts.fontconfig import write_fontconfig
    from docgen.fonts.resolve import BUNDLED_DIR
    from docgen.layout.pages import lay_out
    from docgen.render import load_spec
    from tests.stress.measure import convert_all

    built = []
    for spec in specs:
        name = spec.stem
        if any(b.name == name for b in built):
            raise ValueError(f"two specs are named {name}: LibreOffice writes one {name}.pdf")
        folder = out / name
        result = build(spec, BuildOptions(out_dir=folder))
        pdf, docx = result.files
        loaded = load_spec(spec)
        issuers = len(loaded.spec.issuer)
        plan = lay_out(compose(loaded), make_faces(loaded, BuildOptions())[0]).plan
        built.append(
            Built(spec, name, pdf, docx, None, list(result.warnings), issuers, plan.last_resort)
        )
    if libreoffice:
        conf = write_fontconfig(out / "fontconfig", [BUNDLED_DIR])
        converted = convert_all([b.docx for b in built], out / "lo", conf)
        for b in built:
            b.lo = converted[b.docx.stem]
    return built
