"""Issue 13's acceptance points that docgen does not meet yet.

Each listed case is an expected failure (strict): it stays visible in every
run as "xfailed", and the day a change makes it pass the run fails until the
case is taken off this list. Cases not listed are asserted as usual.
"""

import pytest

OPEN_IN_ISSUE_13: frozenset[str] = frozenset()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.name in OPEN_IN_ISSUE_13:
            item.add_marker(
                pytest.mark.xfail(reason="issue 13 still open for this case", strict=True)
            )
