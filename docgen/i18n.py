"""Messages in the reader's language: Chinese where the locale is Chinese (the first of
LC_ALL, LC_MESSAGES, LANG that is set starts with zh), English otherwise; ``docgen --lang``
chooses. Catalogs are standard gettext, in ``docgen/locale/<lang>/LC_MESSAGES/docgen.po``
and its compiled ``.mo``, extracted and compiled with Babel (``tools/messages.py``).

A message is written ``tr("… {name} …").format(name=…)``: the English text is the key.
"""

from __future__ import annotations

import gettext
import os
from functools import cache
from pathlib import Path

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("en", "zh")
_chosen: str | None = None


def choose(language: str | None) -> None:
    """Use ``language`` ("zh" or "en") whatever the locale; None: follow the locale."""
    global _chosen
    _chosen = language


def language() -> str:
    if _chosen:
        return _chosen
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


@cache
def _catalog(lang: str) -> gettext.NullTranslations:
    return gettext.translation("docgen", LOCALE_DIR, languages=[lang], fallback=True)


def tr(message: str) -> str:
    """``message`` in the reader's language (itself where no translation exists)."""
    return _catalog(language()).gettext(message)


def N_(message: str) -> str:
    """Marks ``message`` for the catalog where it is defined; ``tr`` translates it where
    it is shown (a table of words, translated when an error uses them)."""
    return message
