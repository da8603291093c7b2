"""Markers of the hostile suite: ``slow`` parts run by default (CI runs them); select or
deselect them with ``-m slow`` / ``-m "not slow"``."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: long-running hostile checks (run in CI)")
