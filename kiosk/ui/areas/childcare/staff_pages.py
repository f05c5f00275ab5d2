"""The staff desk's childcare pages: the alerts waiting for a look (someone not allowed came to
pick up, a pick-up without the code, a child never checked out) and the attendance reports,
written as CSV and PDF into ``<data_dir>/reports/``."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.i18n import N_, _, format_time
from kiosk.services.childcare import (
    REPORTS_FOLDER,
    AlertInfo,
    AlertKind,
    AttendanceReport,
    ChildcareError,
)
from kiosk.ui.pages.base import Page, body_label, choice_tile
from kiosk.ui.pages.lists import STAFF
from kiosk.ui.pages.lists import StaffTilePage as TilePage
from kiosk.ui.widgets import MIN_GAP_PX, BigTile
from kiosk.ui.widgets.columns import page_column
from kiosk.ui.widgets.page_words import FixedWords

if TYPE_CHECKING:
    from kiosk.ui.areas.childcare.station import ChildcareShell, Desk

ALERT_WORDS: dict[AlertKind, str] = {
    AlertKind.NOT_ALLOWED: N_("Not allowed"),
    AlertKind.WITHOUT_CODE: N_("Without code"),
    AlertKind.LEFT_OPEN: N_("Never checked out"),
}


def staff_pages(shell: ChildcareShell, desk: Desk, parent: QWidget | None) -> list[Page]:
    return [AlertsPage(shell, desk, parent), ReportsPage(shell, desk, parent)]


ALERT_SENTENCES: dict[AlertKind, str] = {
    AlertKind.NOT_ALLOWED: N_(
        "At {time}, {person}, who is NOT allowed, came to pick up {child} (code {code}). "
        "Volunteer: {staff}."
    ),
    AlertKind.WITHOUT_CODE: N_(
        "At {time}, {child} left with {person} without the code (code {code}); {staff} "
        "gave her PIN."
    ),
    AlertKind.LEFT_OPEN: N_("{child} was never checked out on an earlier day (code {code})."),
}


def alert_sentence(alert: AlertInfo) -> str:
    return _(ALERT_SENTENCES[alert.kind]).format(
        time=format_time(alert.created_at),
        person=alert.person_name,
        child=alert.child_name,
        code=alert.code,
        staff=alert.staff_name,
    )


class AlertsPage(FixedWords, TilePage):
    page_name = "staff_childcare_alerts"
    tile_icon = "action.warning"
    staff_only = True
    title_words = N_("Childcare alerts")
    purpose_words = N_("Touch an alert to read it and mark it seen.")

    def __init__(self, shell: ChildcareShell, desk: Desk, parent: QWidget | None) -> None:
        self.desk = desk
        super().__init__(shell, parent)
        self.empty.setText(_("No childcare alerts."))

    def items(self) -> list[object]:
        return list(self.desk.service.open_alerts())

    def words(self, item: object) -> str:
        assert isinstance(item, AlertInfo)
        child = item.child_name.split()[0] if item.child_name else ""
        return f"{_(ALERT_WORDS[item.kind])}\n{child} · {format_time(item.created_at)}"

    def chosen(self, item: object) -> None:
        assert isinstance(item, AlertInfo)

        def answer(yes: bool) -> None:
            if yes:
                self.desk.service.mark_seen(item.id, self.desk.volunteer_id())
                self.refresh()

        self.shell.confirm(
            alert_sentence(item) + " " + _("Mark it seen?"), "action.warning", answer
        )


class ReportsPage(FixedWords, Page):
    """Attendance of today, this month or last month: CSV and PDF in the reports folder."""

    page_name = "staff_childcare_reports"
    icon_name = "misc.calendar"
    colour = STAFF.colour
    staff_only = True
    title_words = N_("Childcare reports")
    purpose_words = N_("Choose the day or month: the report is saved as CSV and PDF.")

    def __init__(self, shell: ChildcareShell, desk: Desk, parent: QWidget | None) -> None:
        super().__init__(shell, parent)
        self.desk = desk
        layout = page_column(self, MIN_GAP_PX * 2)
        self.where = body_label("", self)
        self.where.setObjectName("staff_childcare_reports_folder")
        layout.addWidget(self.where)
        row = QHBoxLayout()
        row.setSpacing(MIN_GAP_PX * 2)
        self.tiles: dict[str, BigTile] = {}
        for name, icon, words, phrase in (
            ("today", "misc.clock", N_("Today"), N_("Attendance of today")),
            ("month", "misc.calendar", N_("This month"), N_("Attendance of this month")),
            ("last_month", "misc.month", N_("Last month"), N_("Attendance of last month")),
        ):
            button = choice_tile(
                shell,
                self,
                f"staff_childcare_report_{name}",
                icon,
                _(words),
                _(phrase),
                colour=STAFF.colour,
            )
            button.activated.connect(lambda n=name: self.write(n))
            row.addWidget(button)
            self.tiles[name] = button
        layout.addLayout(row, 1)

    def entered(self) -> None:
        self.where.setText(
            _("Saved in {folder}").format(
                folder=Path(self.shell.settings.data_dir) / REPORTS_FOLDER
            )
        )

    def report(self, which: str) -> AttendanceReport:
        service = self.desk.service
        today = service.today()
        if which == "today":
            return service.attendance_day(today)
        if which == "month":
            return service.attendance_month(today.year, today.month)
        last = today.replace(day=1) - timedelta(days=1)
        return service.attendance_month(last.year, last.month)

    def write(self, which: str) -> None:
        report = self.report(which)
        try:
            csv_path, pdf_path = self.desk.service.write_report(
                report, self.shell.settings.data_dir
            )
        except ChildcareError as exc:
            self.shell.show_error(str(exc))
            return
        self.shell.show_message(
            _("{title}: {children} children, {hours} hours. Saved as {csv} and {pdf}.").format(
                title=report.title,
                children=report.total.children,
                hours=report.total.hours,
                csv=csv_path.name,
                pdf=pdf_path.name,
            ),
            "action.yes",
        )
