"""The hostile corpus (issue 12): every case in a fresh project, as ``python -m docgen``.

The cases run in a thread pool (each is its own process, limited to 1 GiB and 10 s), once
per session for the cases pytest selected; each case is then its own test, so a failure
names its case and every problem found in it.  ``HOSTILE_JOBS`` sets the pool's size
(default: the number of cores, so that the 10 s limit is not eaten by the other cases).
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.hostile.cases import GROUPS, Case, all_cases, run_case
from tests.hostile.harness import Outcome

CASES = all_cases()
BY_ID = {c.id: c for c in CASES}


def jobs() -> int:
    return int(os.environ.get("HOSTILE_JOBS") or os.cpu_count() or 1)


@pytest.fixture(scope="session")
def outcomes(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """Every selected case, run once, in parallel."""
    selected = [
        item.callspec.params["case"]
        for item in request.session.items
        if item.originalname == "test_hostile_case" and hasattr(item, "callspec")
    ]
    base = tmp_path_factory.mktemp("hostile")
    with ThreadPoolExecutor(jobs()) as pool:
        results = dict(
            zip(selected, pool.map(lambda i: run_case(BY_ID[i], base), selected), strict=True)
        )
    return results


def test_the_corpus_is_large_and_covers_every_group() -> None:
    assert len(CASES) >= 120
    counts = {g: sum(c.group == g for c in CASES) for g in GROUPS}
    assert all(n >= 5 for n in counts.values()), counts


def test_every_error_case_says_where_or_why_not() -> None:
    for case in CASES:
        assert case.where or case.unlocated, case.id
        if case.where:
            re.compile(case.where)


@pytest.mark.slow
@pytest.mark.parametrize("case", [c.id for c in CASES])
def test_hostile_case(case: str, outcomes: dict[str, Outcome]) -> None:
    c: Case = BY_ID[case]
    outcome = outcomes[case]
    if outcome.skipped:
        pytest.skip(outcome.skipped)
    run = outcome.run
    header = f"[{c.group}] {c.description}\n  docgen {' '.join(_short(run.args))}: {run.describe()}"
    if outcome.problems:
        pytest.fail(header + "\n  " + "\n  ".join(outcome.problems), pytrace=False)


def _short(args: list[str]) -> list[str]:
    return [a if len(a) < 60 else a[:40] + f"…({len(a)} chars)" for a in args]


def test_a_plain_notice_passes_every_check(tmp_path: Path) -> None:
    """The harness's control: an ordinary notice builds and raises no problem."""
    from tests.hostile.cases import spec

    good = run_case(Case("control", "careless", "control", spec(), expect="ok"), tmp_path)
    assert good.run and good.run.exit == 0 and not good.problems, good.problems
    assert good.outputs == ["spec.docx", "spec.pdf"]


def test_the_checks_see_secrets_and_reprs_in_pdf_and_docx(tmp_path: Path) -> None:
    """The harness's own promise: a marker or a repr in a PDF or DOCX is found."""
    import docx
    import pymupdf

    from tests.hostile.harness import MARKER, output_problems

    text = f"关于{MARKER}的通知 <function f at 0x7f3a2b1c0d00> {{'name': '统战部'}}"
    pdf = tmp_path / "a.pdf"
    with pymupdf.open() as doc:
        doc.new_page().insert_text((72, 72), text)
        doc.save(pdf)
    word = tmp_path / "a.docx"
    d = docx.Document()
    d.add_paragraph(text)
    d.save(word)
    for path in (pdf, word):
        problems = output_problems([path])
        assert any("outside the project came out" in p for p in problems), problems
        assert any("dict, list" in p for p in problems), problems
        assert any("<...>" in p for p in problems), problems
    clean = tmp_path / "clean.pdf"
    with pymupdf.open() as doc:
        doc.new_page().insert_text((72, 72), "Notice 2021")
        doc.save(clean)
    assert output_problems([clean]) == []


def test_the_audit_hook_sees_a_read_of_the_secret_folder(tmp_path: Path) -> None:
    """The harness's own promise: a docgen process that opens a file of the secret folder
    (here through a link inside the project) is caught even if it prints nothing."""
    import subprocess
    import sys

    from tests.hostile.harness import docgen_env, make_outside, outside_reads, watch_env

    make_outside(tmp_path)
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "link.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    (tmp_path / "project" / "own.txt").write_text("项目内的文件")
    env = docgen_env(tmp_path / "cache", watch_env(tmp_path))
    (tmp_path / "logs").mkdir()
    read = "import sys; open(sys.argv[1]).read()"
    subprocess.run(
        [sys.executable, "-c", read, "project/own.txt"], cwd=tmp_path, env=env, check=True
    )
    assert outside_reads(tmp_path) == []
    subprocess.run(
        [sys.executable, "-c", read, "project/link.txt"], cwd=tmp_path, env=env, check=True
    )
    assert outside_reads(tmp_path) == ["read a file outside the project: outside/secret.txt"]
