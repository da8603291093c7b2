"""Issue 13: the typesetting of every example spec and of the stress corpus, measured from
the files (docgen's PDF, its DOCX and LibreOffice's rendering of the DOCX).

The acceptance points of the issue, one test each, per spec where it is per document:

1. every full body line has a CJK pitch of 5.571 ± 0.35 mm, and the letters of a Latin
   word are evenly and closely spaced;
2. no paragraph ends in a one-character line; no page holds only a fragment of a paragraph
   (at most ``FRAGMENT_MAX_ROWS`` rows continued from the page before, and nothing else);
3. a character the role's face lacks is drawn from a face of the role's style when one has
   it, and the build's warning names each such character and its face;
4. LibreOffice sets a single issuer's mark on one row, and breaks ≥ 99 % of the body lines
   at the same character as docgen's PDF;
5. the text of the spec reaches the PDF, and LibreOffice's rendering of the DOCX has the
   same body text as the PDF.

Run: ``python -m pytest tests/stress -q`` (≈ 30 s; LibreOffice converts every DOCX in one
run).  ``python tools/measure_typesetting.py`` prints the same figures for all specs.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
import yaml

from tests.stress import adjustments
from tests.stress import measure as m
from tests.stress.corpus import ROOT, SPECS, STRESS, Built, build_all

NAMES = [s.stem for s in SPECS]
BREAKS_AGREE = 0.99


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    out = tmp_path_factory.mktemp("stress")
    built = build_all(SPECS, out, libreoffice=m.find_soffice() is not None)
    return {b.name: b for b in built}


@pytest.fixture(scope="module")
def rendered(corpus: dict[str, Built]) -> dict[str, tuple[m.Rendering, m.Rendering | None]]:
    return {
        name: (m.Rendering(b.pdf), m.Rendering(b.lo) if b.lo else None)
        for name, b in corpus.items()
    }


def _lo(rendered, name: str) -> m.Rendering:
    lo = rendered[name][1]
    if lo is None:
        pytest.skip("LibreOffice (soffice) is not installed: no rendering of the DOCX")
    return lo


def test_the_corpus_has_what_the_issue_asks_for() -> None:
    kinds = {yaml.safe_load(p.read_text(encoding="utf-8"))["kind"] for p in STRESS}
    assert 10 <= len(STRESS) <= 14
    assert {"通知", "请示", "函", "纪要", "命令", "报告"} <= kinds
    text = "".join(p.read_text(encoding="utf-8") for p in STRESS)
    for needle in (
        "犇",
        "喆",
        "堃",
        "旸",
        "昇",
        "珺",
        "赟",
        "镕",
        "彧",
        "https://",
        "@",
        "ISO 9001",
    ):
        assert needle in text, needle


def test_the_measurements_see_the_body(rendered) -> None:
    """Guards the other tests against passing on nothing: every spec has body rows and
    paragraphs, and hundreds of full rows are measured in all."""
    full = 0
    for name, (pdf, _) in rendered.items():
        assert pdf.paragraphs, f"{name}: no body paragraph found"
        full += len(m.pitches(pdf))
    assert full > 300


# ---- 1. Pitch and letter spacing ---------------------------------------------------


# Paragraphs (spec → text they hold) with a full line that no allowed adjustment sets
# within the pitch: test_no_allowed_adjustment_keeps_the_pitch shows it for each.
UNAVOIDABLE = {
    # 全市固定资产投资同比增长10.1%，其中工业投资增长 | 15.2%。 — a paragraph of two lines whose
    # first ends before a percentage: holding 15.2%。 the line is 5.8 pt too long even
    # closed up as far as the rules let it; without, 2.2 字 short even with its 中西间距 at
    # half an em: its 汉字 stand 6.11 mm apart at best, 0.19 mm beyond the tolerance.
    "report": "全市固定资产投资同比增长10.1%",
}


def _excused(built: Built, text: str) -> bool:
    """Whether ``text`` is a line of the spec's ``UNAVOIDABLE`` paragraph."""
    needle = UNAVOIDABLE.get(built.name)
    if needle is None:
        return False
    line = re.sub(r"\s+", "", text)
    paragraphs = (re.sub(r"\s+", "", t) for t in m._docx_paragraphs(built.docx))
    return any(needle in p and line in p for p in paragraphs)


@pytest.mark.parametrize("name", NAMES)
def test_full_lines_keep_the_cjk_pitch(corpus, rendered, name: str) -> None:
    """Every full line but those of a paragraph no allowed adjustment sets within the
    pitch (``UNAVOIDABLE``, shown by the test after this one)."""
    pdf, _ = rendered[name]
    bad = [
        p
        for p in m.pitches(pdf, m.spaced_pairs(corpus[name].docx))
        if not p.ok and not _excused(corpus[name], p.text)
    ]
    assert not bad, (
        f"{name}: {len(bad)} full line(s) with a CJK pitch outside "
        f"{m.TARGET_PITCH:.3f} ± {m.PITCH_TOLERANCE} mm:\n"
        + "\n".join(f"  page {p.page + 1}: {p.pitch:.3f} mm  {p.text}" for p in bad)
    )


@pytest.mark.parametrize(("name", "needle"), sorted(UNAVOIDABLE.items()))
def test_no_allowed_adjustment_keeps_the_pitch(name: str, needle: str) -> None:
    """Every choice of breaks the rules allow, each line closed up or spread with every
    adjustment of docs/typesetting.md at its limit at once, leaves a full line whose 汉字
    stand beyond 5.571 ± 0.35 mm (tests/stress/adjustments.py, written apart from the
    layout's own search)."""
    spec = next(s for s in SPECS if s.stem == name)
    lines = adjustments.body_paragraph(spec, needle)
    assert max(line.excess for line in lines) > 0, (
        f"{name}: a setting within the pitch exists: " + " | ".join(ln.text for ln in lines)
    )


# Paragraphs whose first line was spread beyond the pitch before it was set by clreq's
# order (中西间距 first), an opening bracket squeezed, or a break offered inside an address.
SETTABLE = {
    "qs-three-signers": "申请中央和省级补助资金1.36亿元",
    "tz-latin": "China International Import Expo",
    "tz-latin/url": "参会企业请登录进博会官方网站",
}


@pytest.mark.parametrize(("key", "needle"), sorted(SETTABLE.items()))
def test_the_proof_finds_a_setting_where_one_exists(key: str, needle: str) -> None:
    """The same reasoning finds a setting within the pitch for paragraphs the layout sets
    within it: it tells the two apart, it does not refuse everything."""
    spec = next(s for s in SPECS if s.stem == key.split("/")[0])
    lines = adjustments.body_paragraph(spec, needle)
    assert max(line.excess for line in lines) == 0, [(ln.text, ln.excess) for ln in lines]


def _unavoidable(built: Built, text: str, resorts: tuple[str, ...]) -> bool:
    """Whether the layout reports ``text``'s paragraph as set by a last resort: no choice
    of breaks, squeezing and pushing within the stated limits exists (layout/balance.py
    tries them all)."""
    tail = re.sub(r"\s+", "", text)[-15:]  # a 附件说明's text comes without its label
    return any(
        tail in re.sub(r"\s+", "", key) for key, why in built.last_resort.items() if why in resorts
    )


@pytest.mark.parametrize("name", NAMES)
def test_lines_outside_the_pitch_are_last_resorts(corpus, rendered, name: str) -> None:
    """Where acceptance 1 is not met yet, it is only where the stated rules leave no
    choice: Latin words and numbers stay whole, and a line that must end before one is
    spread further than the limit (docs/typesetting.md, "Last resort")."""
    pdf, _ = rendered[name]
    bad = [p for p in m.pitches(pdf, m.spaced_pairs(corpus[name].docx)) if not p.ok]
    avoidable = [p for p in bad if not _unavoidable(corpus[name], p.text, ("spread",))]
    assert not avoidable, [p.text for p in avoidable]


@pytest.mark.parametrize("name", NAMES)
def test_latin_words_keep_even_letter_gaps(corpus, rendered, name: str) -> None:
    pdf, _ = rendered[name]
    vocabulary = m.latin_words(corpus[name].docx)
    bad = [w for w in m.word_gaps(pdf, vocabulary) if not w.ok]
    assert not bad, (
        f"{name}: Latin words whose letter gaps differ by more than {m.LETTER_GAP_EQUAL} mm "
        f"or exceed {m.LETTER_GAP_MAX} mm:\n"
        + "\n".join(
            f"  page {w.page + 1}: {w.word!r} gaps {[round(g, 2) for g in w.gaps]} mm in {w.row}"
            for w in bad
        )
    )


# ---- 2. Lone tails and fragment pages ----------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_no_paragraph_ends_in_one_character(corpus, rendered, name: str) -> None:
    """Except where no allowed adjustment avoids it: the layout tried every choice of
    squeezing and pushing within the limits (layout/balance.py) and reports the paragraph."""
    pdf, _ = rendered[name]
    resorts = ("lone-tail", "spread")
    tails = [t for t in m.lone_tails(pdf) if not _unavoidable(corpus[name], t.paragraph, resorts)]
    assert not tails, f"{name}: paragraphs whose last line holds one character:\n" + "\n".join(
        f"  page {t.page + 1}: {t.last!r} — …{t.paragraph[-40:]}" for t in tails
    )


@pytest.mark.parametrize("name", NAMES)
def test_no_page_holds_only_a_fragment(rendered, name: str) -> None:
    pdf, _ = rendered[name]
    fragments = m.fragment_pages(pdf)
    assert not fragments, (
        f"{name}: pages holding only ≤ {m.FRAGMENT_MAX_ROWS} rows of a paragraph from the "
        "page before:\n"
        + "\n".join(f"  page {f.page + 1}: {f.text!r} — …{f.paragraph[-40:]}" for f in fragments)
    )


# ---- 3. Faces ----------------------------------------------------------------------


def _bundled_coverage(chars: set[str]) -> dict[str, set[str]]:
    """For each font file in fonts/ (the bundled faces, whatever the lead adds), which of
    ``chars`` it has, keyed by its family name."""
    from fontTools.ttLib import TTFont

    out: dict[str, set[str]] = {}
    for path in sorted((ROOT / "fonts").glob("*.[ot]tf")):
        font = TTFont(path, lazy=True)
        cmap = font.getBestCmap() or {}
        family = str(font["name"].getDebugName(1))
        out[family] = out.get(family, set()) | {c for c in chars if ord(c) in cmap}
    return out


@pytest.mark.parametrize("name", NAMES)
def test_rare_characters_are_drawn_in_the_roles_style(rendered, name: str) -> None:
    pdf, _ = rendered[name]
    foreign = m.foreign_glyphs(pdf)
    coverage = _bundled_coverage({f.c for f in foreign}) if foreign else {}
    bad = [(f, face) for f in foreign if (face := m.avoidable(f, coverage))]
    assert not bad, f"{name}: characters drawn from a face of another style:\n" + "\n".join(
        f"  page {f.page + 1}: {f.c} in {f.role_style} text drawn from {f.font} "
        f"({f.font_style}); {face} has it — in {f.row}"
        for f, face in bad
    )


@pytest.mark.parametrize("name", NAMES)
def test_the_warning_names_each_fallback_character_and_its_face(
    corpus, rendered, name: str
) -> None:
    pdf, _ = rendered[name]

    def norm(text: str) -> str:
        return re.sub(r"[\s_-]+", "", text).casefold()

    warnings = [norm(w) for w in corpus[name].warnings]
    drawn = {
        (g.c, g.font)
        for g in pdf.glyphs
        if m.is_ideograph(g.c) and not m.in_gb2312(g.c) and m.font_style(g.font)
    }
    unnamed = [
        (c, font)
        for c, font in sorted(drawn)
        if not any(c in w and norm(font.split("-")[0]) in w for w in warnings)
    ]
    assert not unnamed, (
        f"{name}: characters outside GB 2312 that no warning names with their face: "
        f"{unnamed}; warnings: {corpus[name].warnings}"
    )


# ---- 4. LibreOffice ----------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_sets_the_mark_as_docgen_does(corpus, rendered, name: str) -> None:
    pdf, _ = rendered[name]
    ours, theirs = m.mark_rows(pdf), m.mark_rows(_lo(rendered, name))
    if corpus[name].issuers == 1 and ours:
        assert len(theirs) == 1, f"{name}: LibreOffice wraps the mark: {theirs} (PDF: {ours})"
    assert len(theirs) == len(ours), f"{name}: mark rows {theirs} in LibreOffice, {ours} in PDF"


def test_libreoffice_breaks_body_lines_like_the_pdf(rendered) -> None:
    total = m.Agreement()
    lines = []
    for name, (pdf, _) in rendered.items():
        a = m.agreement(pdf, _lo(rendered, name))
        total += a
        lines.append(f"  {name:24} {a.agree:4}/{a.total:<4} {a.share:.1%}")
    figure = f"{total.agree} of {total.total} body line breaks agree ({total.share:.1%})"
    print(f"\nPDF vs LibreOffice: {figure}\n" + "\n".join(lines))
    examples = "\n".join(f"  PDF {d.ours}   LO {d.theirs}" for d in total.disagreements[:15])
    assert total.share >= BREAKS_AGREE, (
        f"{figure}, need {BREAKS_AGREE:.0%}:\n" + "\n".join(lines) + "\nfirst ones:\n" + examples
    )


# ---- 5. Text conservation ----------------------------------------------------------


def _spec_texts(spec: Path) -> list[str]:
    """The body's strings, the attachments' and the 附注 (tables left out: 4号 cells)."""
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    values = data.get("vars", {})

    def fill(text: str) -> str:
        return re.sub(r"\{\{\s*(\w+)\s*\}\}", lambda mt: str(values.get(mt[1], mt[0])), text)

    out: list[str] = []

    def body(b: dict) -> None:
        for key in ("opening", "closing"):
            v = b.get(key, [])
            out.extend([v] if isinstance(v, str) else v)
        for s in b.get("sections", []):
            section(s)

    def section(s: dict) -> None:
        out.append(s["heading"])
        v = s.get("text", [])
        out.extend([v] if isinstance(v, str) else v)
        out.extend(s.get("items", []))
        for sub in s.get("sections", []):
            section(sub)

    body(data["body"])
    for a in data.get("attachments", []):
        if a.get("body"):
            body(a["body"])
    if data.get("note"):
        out.append(data["note"])
    return [re.sub(r"\s+", "", fill(t)) for t in out]


@pytest.mark.parametrize("name", NAMES)
def test_text_is_kept(corpus, rendered, name: str) -> None:
    pdf, lo = rendered[name]
    body = re.sub(r"\s+", "", pdf.body_text)
    missing = [t for t in _spec_texts(corpus[name].spec) if t not in body]
    assert not missing, f"{name}: spec text not found in the PDF's body: {missing}"
    if lo is not None:  # equal but for the hyphens LibreOffice draws where a word breaks
        theirs = re.sub(r"\s+", "", lo.body_text)
        changes = difflib.SequenceMatcher(None, body, theirs, autojunk=False).get_opcodes()
        changed = [(t, body[a:b], theirs[c:d]) for t, a, b, c, d in changes if t != "equal"]
        assert all(c == ("insert", "", "-") for c in changed), f"{name}: {changed}"
