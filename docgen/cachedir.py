"""The user's cache folder: parsed fonts and compiled templates, kept between runs.

``DOCGEN_CACHE_DIR`` overrides it (CI jobs may point it at a cached path); everything in
it can be deleted at any time.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir(part: str) -> Path:
    """The cache sub-folder for ``part`` (not created here)."""
    if folder := os.environ.get("DOCGEN_CACHE_DIR"):
        return Path(folder) / part
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "docgen" / part
