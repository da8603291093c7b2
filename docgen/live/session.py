"""A resident build session: the specs, how to build them, and what each last build gave.

A save that breaks a spec leaves the last good files where they are (a build writes every
file or none: outputs.py) and records the located error instead."""

from __future__ import annotations

import time
from pathlib import Path

from msgspec import Struct, field

from docgen.build import BuildOptions, build
from docgen.errors import DocgenError, SpecErrors
from docgen.i18n import tr
from docgen.spec.source import project_root

# What a build may read: specs, vars, templates, images, fonts, data; nothing else wakes it.
WATCHED_SUFFIXES = frozenset(
    [
        ".yaml",
        ".yml",
        ".j2",
        ".jinja",
        ".toml",
        ".json",
        ".csv",
        ".xlsx",
        ".png",
        ".jpg",
        ".jpeg",
        ".ttf",
        ".otf",
        ".ttc",
    ]
)


class Outcome(Struct):
    """One spec's last build: its files, or the error that kept them as they were."""

    spec: Path
    generation: int = 0  # counts successful builds
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # located messages; empty: it built
    seconds: float = 0.0


class Session:
    def __init__(self, specs: list[Path], options: BuildOptions) -> None:
        self.options = options
        self.outcomes = {spec: Outcome(spec) for spec in specs}

    def roots(self) -> list[Path]:
        """The folders to watch: each spec's project (where its files must lie)."""
        return sorted({project_root(spec) for spec in self.outcomes})

    def relevant(self, path: Path) -> bool:
        """Whether a change to ``path`` can change a build (not one of its own outputs)."""
        out = self.options.out_dir.resolve()
        if path.suffix.lower() not in WATCHED_SUFFIXES:
            return False
        return not path.resolve().is_relative_to(out)

    def build(self, spec: Path) -> Outcome:
        """Build ``spec`` again; on a mistake keep its files and record where it is."""
        outcome = self.outcomes[spec]
        start = time.perf_counter()
        try:
            result = build(spec, self.options)
        except SpecErrors as exc:
            outcome.errors = exc.lines()
        except DocgenError as exc:
            outcome.errors = [str(exc)]
        except Exception as exc:  # a bug: the loop goes on, the message says where
            what = f"{type(exc).__name__}: {str(exc)[:200]}"
            outcome.errors = [tr("internal error: {what}").format(what=what)]
        else:
            outcome.errors = []
            outcome.files, outcome.warnings = result.files, result.warnings
            outcome.generation += 1
        outcome.seconds = time.perf_counter() - start
        return outcome

    def build_all(self) -> list[Outcome]:
        return [self.build(spec) for spec in self.outcomes]
