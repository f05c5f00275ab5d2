"""The reliability suites report their figures (operations, kills survived, inputs tried,
nothing lost) in the test run's summary, where CI's log shows them."""

from __future__ import annotations

from collections.abc import Callable

import pytest

FIGURES: list[str] = []


@pytest.fixture
def report_figure() -> Callable[[str], None]:
    """``report_figure("power cuts: 12 kills survived, ...")``: printed at the end of the run."""
    return FIGURES.append


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if FIGURES:
        terminalreporter.section("reliability figures")
        for line in FIGURES:
            terminalreporter.write_line(line)
