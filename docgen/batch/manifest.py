"""``--manifest FILE.json``: every file a batch wrote, with its spec, row, copy, format and
SHA-256; sorted by path, so that the manifests of a build's shards, merged and sorted, are
the manifest of the whole build."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import msgspec

from docgen.batch.run import Written
from docgen.outputs import publish


def manifest_text(written: Iterable[Written]) -> str:
    entries = sorted((msgspec.structs.asdict(w) for w in written), key=lambda e: e["path"])
    return json.dumps({"files": entries}, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_manifest(path: Path, written: Iterable[Written]) -> None:
    publish([(path, manifest_text(written).encode())])
