"""Checks, one module per group; each exposes ``run(doc: Identified, out: Findings)``."""
