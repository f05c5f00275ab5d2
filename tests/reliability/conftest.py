"""The reliability suites report their figures (operations, kills survived, inputs tried,
nothing lost) in the test run's summary, where CI's log shows them (the summary itself is
printed by tests/conftest.py, which the run's main process loads)."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.fixture
def report_figure(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """``report_figure("power cuts: 12 kills survived, ...")``: printed at the end of the run.
    The line travels with the test's report, so it reaches the summary from whichever worker
    process ran the test."""
    return lambda line: request.node.user_properties.append(("figure", line))
