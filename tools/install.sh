#!/usr/bin/env bash
# Install everything docgen and its tests need on a fresh Debian machine.
# Python packages always; Debian packages (LibreOffice, poppler, Chromium) only when run as
# root and missing — the tests that render the DOCX or open the preview page need them,
# `docgen build` does not.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)
# the preview page's browser test (tests/test_live.py) drives Debian's Chromium
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
if ((${#need[@]})); then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${need[@]}"
  else
    echo "note: not root; install these Debian packages for the DOCX tests: ${need[*]}" >&2
  fi
fi

# compat mode: a plain path in a .pth file, not an import hook that costs every start.
python3 -m pip install -q --disable-pip-version-check -e '.[test,bench]' \
  --config-settings editable_mode=compat
# Byte-compile now: where PYTHONDONTWRITEBYTECODE is set (CI images often set it), every
# `docgen` call would otherwise compile its modules again (≈ 0.1 s).
python3 -m compileall -q docgen

# The bundled fonts and the official-name aliases, where LibreOffice finds them, so that
# DOCX files render (and `docgen check` measures them) with the intended faces.
python3 -m docgen fonts --install
# Parse the fonts and fill the caches now (after fontconfig's list changed above), so that
# the first build on this machine is as fast as later ones.
python3 -m docgen fonts --warm
