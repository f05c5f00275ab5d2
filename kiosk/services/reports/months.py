"""The month a report speaks of, counted at the station's time zone, and the report's error."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from kiosk.i18n import DEFAULT_TIMEZONE, _

_MONTH = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


class ReportError(ValueError):
    """A report that cannot be made, told as one plain sentence."""


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Month:
        """``2026-11`` (the form of the command line), or :class:`ReportError`."""
        match = _MONTH.match(text) if isinstance(text, str) else None
        if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 2000:
            raise ReportError(_("The month must be written as year-month, for example 2026-11."))
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: date) -> Month:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def next(self) -> Month:
        return Month(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> Month:
        return Month(self.year - (self.month == 1), (self.month - 2) % 12 + 1)

    @property
    def first_day(self) -> date:
        return date(self.year, self.month, 1)

    def bounds(self, timezone: str = DEFAULT_TIMEZONE) -> tuple[datetime, datetime]:
        """The month's first and next month's first moment at the centre, in UTC."""
        zone = ZoneInfo(timezone)
        start = datetime.combine(self.first_day, datetime.min.time(), tzinfo=zone)
        end = datetime.combine(self.next().first_day, datetime.min.time(), tzinfo=zone)
        return start.astimezone(UTC), end.astimezone(UTC)


def last_month(today: date) -> Month:
    return Month.of(today).previous()


def month_to_report(text: str | None, today: date) -> Month:
    """The month a command asks for (``2026-11``), last month when it names none; a month that
    has not begun by ``today`` is refused (the month so far may be reported)."""
    month = Month.parse(text) if text is not None else last_month(today)
    not_yet(month, today)
    return month


def not_yet(month: Month, today: date) -> None:
    """:class:`ReportError` when ``month`` is after the month of ``today``."""
    if month > Month.of(today):
        raise ReportError(
            _("The month {month} has not begun yet; choose this month or an earlier one.").format(
                month=month
            )
        )
