"""Word boundaries in Chinese text, for breaking titles without splitting a word.

The segmenter is rjieba: jieba's dictionary and algorithm in Rust (the same words as jieba,
checked on the example texts), which loads in ≈ 0.2 s where jieba takes 0.5–1.5 s.  Even
that is most of a cold build, so the words of each text are kept in the cache folder; the
balancing of lines (title.py) still runs every time.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
from functools import cache
from pathlib import Path

from docgen.cachedir import cache_dir, key, read, write

_KEEP = 2000  # texts kept


@cache
def _segmenter():
    import rjieba  # only for titles that need breaking

    return rjieba


def _file() -> Path:
    """The kept words of this installation of rjieba (another version may cut otherwise)."""
    spec = importlib.util.find_spec("rjieba")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("rjieba is not installed")
    folder = Path(spec.submodule_search_locations[0])
    files = tuple(sorted(f for f in folder.iterdir() if f.is_file()))  # the extension above all
    return cache_dir("words") / f"{key(files=files)}.json"


@cache
def _kept() -> dict[str, list[int]]:
    with contextlib.suppress(OSError, ValueError, ImportError):
        kept = json.loads(read(_file()) or b"{}")
        if isinstance(kept, dict):
            return kept
    return {}


def word_lengths(text: str) -> list[int]:
    """The lengths of the words of ``text``, in order."""
    kept = _kept()
    lengths = kept.get(text)
    if not _whole(lengths, text):
        lengths = [len(w) for w in _segmenter().cut(text, hmm=False)]
        kept[text] = lengths
        _save(kept)
    return lengths


def _whole(lengths: object, text: str) -> bool:
    """Kept lengths that cut exactly ``text`` (anything else is recomputed)."""
    return (
        isinstance(lengths, list)
        and all(isinstance(n, int) and n > 0 for n in lengths)
        and sum(lengths) == len(text)
    )


def _save(kept: dict[str, list[int]]) -> None:
    while len(kept) > _KEEP:
        del kept[next(iter(kept))]  # the oldest first
    with contextlib.suppress(OSError, ImportError):  # no rjieba: its import said so already
        write(_file(), json.dumps(kept, ensure_ascii=False).encode())
