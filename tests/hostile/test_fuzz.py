"""Generated specs (issue 12, acceptance 2, at a budget CI can afford).

hypothesis drives :func:`tests.hostile.specgen.generate` (random keys and values from the
real schema, hostile values, mangled YAML) through ``st.randoms()``, with a fixed seed; each
example runs docgen's command line in a forked child of this warmed-up process (limits: 1
GiB more than the parent, 10 s).  Any exception escaping the command line, a crash, a hang,
an exit status other than 0 or 1, or a file left behind fails the example.

``tools/fuzz.py --cases 10000 --jobs 2`` runs the same generator for long runs and prints a
summary grouped by the innermost docgen frame.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from tests.hostile import forkrun
from tests.hostile.specgen import generate

EXAMPLES = int(os.environ.get("HOSTILE_FUZZ_EXAMPLES", "200"))

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("fuzz")
    forkrun.warm_up(base)
    return base


def _run_one(rng, base: Path) -> list[tuple[str, str]]:
    case = generate(rng)
    note(case.describe())
    folder = Path(os.path.join(base, f"case-{os.urandom(6).hex()}"))
    project = folder / "project"
    project.mkdir(parents=True)
    (project / "docgen.toml").write_text("")
    (project / "spec.yaml").write_bytes(case.spec)
    for name, data in case.files.items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_bytes(data)
    result = forkrun.run(case.argv("project/spec.yaml", "out"), folder)
    found = forkrun.problems(result, folder, case.command)
    if found:
        note(result.exception["traceback"] if result.exception else result.stderr[-2000:])
    shutil.rmtree(folder, ignore_errors=True)
    return found


@settings(
    max_examples=EXAMPLES,
    derandomize=True,  # the same examples on every run
    database=None,
    deadline=None,
    phases=(Phase.explicit, Phase.generate),  # no shrinking: each example forks a build
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(rng=st.randoms(use_true_random=False))
def test_a_generated_spec_never_ends_in_a_traceback(rng, warm: Path) -> None:
    found = _run_one(rng, warm)
    assert not found, "\n".join(f"{kind}: {detail}" for kind, detail in found)


def test_the_fork_runner_reports_an_escaping_exception(
    warm: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The runner's own promise: an exception escaping the command line is seen as one,
    with its innermost docgen frame; a clean command is not."""
    import docgen.build

    folder = tmp_path / "case"
    folder.mkdir()
    ok = forkrun.run(["schema"], folder)
    assert ok.kind == "exit-0" and '"$defs"' in ok.stdout, (ok.exit, ok.stderr)
    assert forkrun.problems(ok, folder, "schema") == []

    def planted(*args: object, **kwargs: object) -> None:
        raise RuntimeError("planted")

    import docgen.batch.run

    # the child inherits the patch: every way the command line builds a document
    monkeypatch.setattr(docgen.build, "build", planted)
    monkeypatch.setattr(docgen.build, "make", planted)
    monkeypatch.setattr(docgen.batch.run, "make", planted)
    bad = forkrun.run(["build", "spec.yaml", "-o", "out"], folder)
    assert bad.kind == "traceback", (bad.exit, bad.stderr)
    assert bad.exception["frame"].startswith(("docgen/cli/", "docgen/batch/")), bad.exception
    assert [k for k, _ in forkrun.problems(bad, folder, "build")] == ["traceback"]
