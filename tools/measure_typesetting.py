"""Build every example and stress spec (PDF + DOCX), render the DOCX with LibreOffice and
print what tests/stress/test_typesetting.py asserts (issue 13): CJK pitch of full lines,
letter gaps in Latin words, lone tails, fragment pages, characters drawn from a face of
another style, the red mark's rows, and how many body line breaks LibreOffice puts where
docgen's PDF does.

    PYTHONPATH=. python tools/measure_typesetting.py [SPEC ...] [--out DIR] [--rows]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.stress import measure as m  # noqa: E402
from tests.stress.corpus import SPECS, Built, build_all  # noqa: E402


def _pct(share: float) -> str:
    return f"{share:.1%}"


def report(built: list[Built], show_rows: bool = False, worst: int = 8) -> int:
    all_pitches: list[tuple[str, m.RowPitch]] = []
    bad_words: list[tuple[str, m.WordGaps]] = []
    tails: list[tuple[str, m.LoneTail]] = []
    fragments: list[tuple[str, m.Fragment]] = []
    foreign: list[tuple[str, m.ForeignGlyph]] = []
    marks: list[tuple[str, list[str], list[str]]] = []
    total = m.Agreement()
    per_spec: list[tuple[str, m.Agreement]] = []
    for b in built:
        pdf = m.Rendering(b.pdf)
        lo = m.Rendering(b.lo) if b.lo else None
        if show_rows:
            print(f"=== {b.name}")
            for k, p in enumerate(pdf.paragraphs):
                for row in p.rows:
                    print(f"  ¶{k:<3} p{row.page + 1} {row.x0:6.2f}–{row.x1:6.2f} {row.text}")
        all_pitches += [(b.name, p) for p in m.pitches(pdf, m.spaced_pairs(b.docx))]
        vocabulary = m.latin_words(b.docx)
        bad_words += [(b.name, w) for w in m.word_gaps(pdf, vocabulary) if not w.ok]
        tails += [(b.name, t) for t in m.lone_tails(pdf)]
        fragments += [(b.name, f) for f in m.fragment_pages(pdf)]
        foreign += [(b.name, f) for f in m.foreign_glyphs(pdf)]
        if lo is not None:
            marks.append((b.name, m.mark_rows(pdf), m.mark_rows(lo)))
            a = m.agreement(pdf, lo)
            per_spec.append((b.name, a))
            total += a

    print(f"\nspecs: {len(built)}")
    values = [p.pitch for _, p in all_pitches]
    bad = [(n, p) for n, p in all_pitches if not p.ok]
    print(
        f"\n1. full body lines measured: {len(values)}; CJK pitch "
        f"{min(values):.3f}–{max(values):.3f} mm (target {m.TARGET_PITCH:.3f} ± "
        f"{m.PITCH_TOLERANCE}); outside: {len(bad)}"
    )
    for name, p in sorted(all_pitches, key=lambda t: -abs(t[1].pitch - m.TARGET_PITCH))[:worst]:
        print(f"   {p.pitch:.3f} mm  {name} p{p.page + 1}: {p.text}")
    print(f"   Latin words with unequal or wide letter gaps: {len(bad_words)}")
    for name, w in bad_words[:worst]:
        gaps = ", ".join(f"{g:.2f}" for g in w.gaps)
        print(f"   {name} p{w.page + 1} {w.word!r} gaps [{gaps}] mm in: {w.row}")

    print(f"\n2. lone tails: {len(tails)}")
    for name, t in tails:
        print(f"   {name} p{t.page + 1}: {t.last!r} ending …{t.paragraph[-30:]}")
    print(f"   fragment pages (≤ {m.FRAGMENT_MAX_ROWS} rows continued, nothing else): ")
    for name, f in fragments:
        print(f"   {name} p{f.page + 1}: {f.text!r} (of …{f.paragraph[-30:]})")
    if not fragments:
        print("   none")

    print(f"\n3. characters drawn from a face of another style: {len(foreign)}")
    for name, f in foreign:
        face = m.avoidable(f)
        hint = f"; {face} has it" if face else "; no known face of that style has it"
        print(
            f"   {name} p{f.page + 1} {f.c} in {f.role_style} text drawn from {f.font} "
            f"({f.font_style}){hint}"
        )

    print("\n4. the red mark, docgen's PDF / LibreOffice's rendering of the DOCX:")
    for name, ours, theirs in marks:
        flag = "" if len(ours) == len(theirs) else "   ← WRAPS"
        print(f"   {name}: {ours} / {theirs}{flag}")
    print("   body line breaks at the same character (PDF vs LibreOffice):")
    for name, a in per_spec:
        text = "" if a.same_text else "  (body text differs!)"
        print(f"   {name:28} {a.agree:4}/{a.total:<4} {_pct(a.share)}{text}")
    print(f"   {'overall':28} {total.agree:4}/{total.total:<4} {_pct(total.share)}")
    for d in total.disagreements[:worst]:
        print(f"     PDF {d.ours}   LO {d.theirs}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("specs", nargs="*", type=Path, help="default: specs/ and the corpus")
    parser.add_argument("--out", type=Path, help="keep the files here (default: a temp dir)")
    parser.add_argument("--rows", action="store_true", help="print every paragraph's rows")
    parser.add_argument("--no-lo", action="store_true", help="skip LibreOffice")
    args = parser.parse_args()
    specs = args.specs or SPECS
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="measure-typesetting-") as tmp:
        out = args.out or Path(tmp)
        built = build_all(specs, out, libreoffice=not args.no_lo)
        print(f"built and rendered {len(built)} specs in {time.monotonic() - start:.1f} s")
        return report(built, show_rows=args.rows)


if __name__ == "__main__":
    raise SystemExit(main())
