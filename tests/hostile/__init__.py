"""Hostile inputs (issue 12): what specs from many hands must not be able to do to docgen.

- ``cases.py``: the corpus, generated at run time (large inputs are never committed);
- ``harness.py``: materialises a case as a project beside a secret folder, runs
  ``python -m docgen`` in a subprocess with limits (1 GiB of address space, 10 s) and checks
  the universal promises: no traceback, no read outside the project, no Python repr in a
  document, nothing left behind, errors that name the spec's line;
- ``test_hostile.py`` runs the corpus, ``test_kill.py`` kills builds, ``test_cache_damage.py``
  damages every cache file, ``test_fuzz.py`` generates specs with hypothesis
  (``tools/fuzz.py`` runs the same generator for as long as you like).

Every test here runs the docgen of the checkout it lives in, never an installed one.
"""
