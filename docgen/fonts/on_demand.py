"""PIL's image module loaded when an image is drawn, not when reportlab is imported.

reportlab.lib.utils imports ``PIL.Image`` at its top (reportlab 4–5), though only a seal
or a stamp needs it: ≈ 8 ms of every PDF build, with the tables of PIL's image formats.
:func:`defer_pil_image` registers it as a lazy module, the standard library's way
(``importlib.util.LazyLoader``): ``from PIL import Image`` then gives a module that runs
its code at its first use (``Image.open``, ``isinstance(x, Image.Image)``).  Importing
:mod:`docgen.fonts` does it, and every build sets its fonts before it draws.
"""

from __future__ import annotations

import importlib.util
import sys


def defer_pil_image() -> None:
    """``PIL.Image`` lazy, unless it is loaded already or PIL is not installed."""
    if "PIL.Image" in sys.modules:
        return
    try:
        spec = importlib.util.find_spec("PIL.Image")  # imports the PIL package (≈ 1 ms)
    except ImportError:
        return
    if spec is None or spec.loader is None:
        return
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules["PIL.Image"] = module
    spec.loader.exec_module(module)
    # As an import of the submodule would: then ``from PIL import Image`` finds it on the
    # package and does not ask the import system, which would touch it and so load it.
    sys.modules["PIL"].Image = module
