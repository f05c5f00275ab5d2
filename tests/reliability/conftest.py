"""The reliability suites report their figures (operations, kills survived, inputs tried,
nothing lost) in the test run's summary, where CI's log shows them."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.fixture
def report_figure(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """``report_figure("power cuts: 12 kills survived, ...")``: printed at the end of the run.
    The line travels with the test's report, so it reaches the summary from whichever worker
    process ran the test."""
    return lambda line: request.node.user_properties.append(("figure", line))


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    figures = [
        value
        for reports in terminalreporter.stats.values()
        for report in reports
        if getattr(report, "when", None) == "call"
        for key, value in getattr(report, "user_properties", ())
        if key == "figure"
    ]
    if figures:
        terminalreporter.section("reliability figures")
        for line in sorted(figures):
            terminalreporter.write_line(line)
