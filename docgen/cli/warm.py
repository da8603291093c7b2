"""``docgen fonts --warm``: fill the caches a first build would fill, ahead of it.

A build's first run on a machine parses every font it uses (reportlab reads a CJK face's
tables in Python, ≈ 0.1 s each), asks fontconfig for the installed faces and compiles the
templates; later runs find all of it in the cache folder (docgen/cachedir.py).  The
install script runs this once, so the first document built on a new machine costs what the
next one does.  The caches keep their keys (file identities, versions), so what is warmed
here is never stale: a changed font or template is parsed again when it is used.
"""

from __future__ import annotations

import time
from importlib import resources
from pathlib import Path

from msgspec.structs import replace

from docgen.build import BuildOptions, make, make_faces
from docgen.filetypes import FileType
from docgen.fonts.roles import Role

# A starter with every part of the header, body and closing that a build usually sets.
_SAMPLE = "notice.yaml"


def warm(options: BuildOptions) -> tuple[list[str], float]:
    """Parse every font of every role and build the sample in each format (nothing is
    written but the caches); the faces parsed and the seconds it took."""
    start = time.perf_counter()
    faces, _ = make_faces(None, options)
    for role in Role:
        faces.font(role)  # parsed, and kept in the cache folder
    sample = Path(str(resources.files("docgen") / "starters" / _SAMPLE))
    make(sample, replace(options, formats=tuple(FileType)))
    names = [faces.choices[role].face_name for role in Role]
    return names, time.perf_counter() - start
