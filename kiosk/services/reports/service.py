"""The reports service: a centre's month, and the network's."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from kiosk.i18n import DEFAULT_TIMEZONE
from kiosk.services import KEPT_COUNTS, SessionFactory, kept_key
from kiosk.services.checks import entry_points
from kiosk.services.reports.centre import MonthlyReport, centre_month
from kiosk.services.reports.figures import Span
from kiosk.services.reports.months import Month, ReportError, not_yet
from kiosk.services.reports.network import NetworkReport, network_month
from kiosk.services.savings import SavingsService


def _utc_now() -> datetime:
    return datetime.now(UTC)


@entry_points(ReportError)
class ReportService:
    """Reports of the months, counted at ``timezone``; ``clock`` (UTC) is "now" for the
    children's visits still open."""

    def __init__(
        self,
        session_factory: SessionFactory,
        *,
        timezone: str = DEFAULT_TIMEZONE,
        clock: Callable[[], datetime] = _utc_now,
    ):
        self._factory = session_factory
        self._timezone = timezone
        self._clock = clock

    def today(self) -> date:
        return self._clock().astimezone(ZoneInfo(self._timezone)).date()

    def _span(self, month: Month) -> Span:
        start, end = month.bounds(self._timezone)
        return Span(start, end, self._clock())

    def month(self, month: Month) -> MonthlyReport:
        """The month of the station's centre. Counting a month of 100 000 members takes
        longer than a frame, so it is kept as the tiles' counts are (``KEPT_COUNTS``): any
        write this station makes forgets it, and another station's shows within 20 s."""
        key = kept_key(self._factory, "monthly report", month, self._timezone, self._clock)
        return KEPT_COUNTS.get(key, lambda: self._count_month(month))

    def _count_month(self, month: Month) -> MonthlyReport:
        # The ledger keeps no month's end: each group's current cycle as it stands today.
        savings = tuple(SavingsService(self._factory).report(on=self.today()))
        with self._factory() as s:
            return centre_month(s, month, self._span(month), savings)

    def network(self, month: Month) -> NetworkReport:
        """The month of every centre of the network, and the network's total. A month that
        has not begun is refused."""
        not_yet(month, self.today())
        with self._factory() as s:
            return network_month(s, month, self._span(month))
