"""The staff desk's monthly report: the month chosen with ◀ ▶ (it opens on the month so far),
its figures, two bar charts (Qt Charts: sign-ups and attendance per course, referrals by
outcome) and "Export", which writes the same report as PDF + CSV into ``<data_dir>/reports/``
and says where."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import N_, _, centre_today, format_decimal, format_month
from kiosk.logs import area_logger
from kiosk.services.reports import (
    REPORTS_DIR,
    Month,
    MonthlyReport,
    ReportError,
    ReportService,
    write_report,
)
from kiosk.ui.pages.base import Shell, body_label
from kiosk.ui.pages.lists import StaffPage
from kiosk.ui.widgets import MIN_GAP_PX, MIN_TARGET_PX
from kiosk.ui.widgets.columns import vbox
from kiosk.ui.widgets.wizard import tile

log = area_logger("reports")

STAFF = AREA_BY_KEY["staff"]
# The same colours as the printed report's bars (kiosk.vouchers.report, which loads reportlab
# and so is not imported here).
SIGNED_UP_COLOUR = "#2e7d32"
ATTENDED_COLOUR = "#81c784"
REFERRAL_COLOUR = "#6a1b9a"
AXIS_PX = 20
SCREEN_COURSES = 4
LABEL_MAX = 22


def _short(text: str) -> str:
    """A course's title or an outcome beside its bars: cut to ``LABEL_MAX`` and broken into
    lines of about 12 letters, so the chart's narrow label column shows it whole."""
    text = text if len(text) <= LABEL_MAX else text[: LABEL_MAX - 1].rstrip() + "…"
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= 12:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


class ReportPage(StaffPage):
    page_name = "staff_reports"
    icon_name = "staff.reports"
    title_words = N_("Monthly report")
    purpose_words = N_("The month's figures. Touch the arrows to change the month.")

    def __init__(
        self,
        shell: Shell,
        service: ReportService,
        parent: QWidget | None = None,
        *,
        today: Callable[[], date] = centre_today,
    ) -> None:
        super().__init__(shell, parent)
        self.service = service
        self.today = today
        self.month = Month.of(today())
        self.report: MonthlyReport | None = None
        # (title, QChartView, 'nothing this month'), made the first time the page opens.
        self.charts: list[tuple[QLabel, Any, QLabel]] = []
        # What each chart shows now: the page opened again on the same figures keeps it.
        self._drawn: dict[int, tuple[object, ...]] = {}
        layout = vbox(self, MIN_GAP_PX)
        layout.addLayout(self._month_bar())
        self.body = self._figures()
        layout.addLayout(self.body, 1)

    def _month_bar(self) -> QHBoxLayout:
        """The month shown between its arrows, and Export."""
        top = QHBoxLayout()
        top.setSpacing(MIN_GAP_PX * 2)
        self.previous = tile(self.shell, self, "staff_reports_previous", "action.previous")
        self.previous.set_words("", _("The month before"))
        self.previous.setAccessibleName(_("The month before"))
        self.next = tile(self.shell, self, "staff_reports_next", "action.next")
        self.next.set_words("", _("The month after"))
        self.next.setAccessibleName(_("The month after"))
        for arrow in (self.previous, self.next):
            arrow.setProperty("kioskChoice", False)
            arrow.setFixedSize(MIN_TARGET_PX * 3 // 2, MIN_TARGET_PX + 16)
        self.previous.activated.connect(lambda: self.show_month(self.month.previous()))
        self.next.activated.connect(lambda: self.show_month(self.month.next()))
        self.month_label = body_label("", self, px=36, bold=True)
        self.month_label.setWordWrap(False)
        self.month_label.setObjectName("staff_reports_month")
        self.export = tile(self.shell, self, "staff_reports_export", "action.export")
        self.export.set_words(_("Export"), _("Save the report as PDF and CSV"))
        self.export.setFixedHeight(MIN_TARGET_PX + 16)
        self.export.setMinimumWidth(MIN_TARGET_PX * 2)
        self.export.activated.connect(self.export_files)
        top.addWidget(self.previous)
        top.addWidget(self.month_label, 1)
        top.addWidget(self.next)
        top.addWidget(self.export)
        return top

    def _figures(self) -> QHBoxLayout:
        """The month's figures, one row each (the charts join them when the page opens)."""
        body = QHBoxLayout()
        body.setSpacing(MIN_GAP_PX * 2)
        self.figures = QGridLayout()
        self.figures.setHorizontalSpacing(MIN_GAP_PX)
        self.figures.setVerticalSpacing(4)
        self.figure_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for row, key in enumerate(
            ("served", "new", "signed_up", "attended", "children", "hours", "jobs", "listings")
        ):
            words = body_label("", self, px=24)
            words.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            value = body_label("", self, px=28, bold=True)
            value.setObjectName(f"staff_reports_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.figures.addWidget(words, row, 0)
            self.figures.addWidget(value, row, 1)
            self.figure_labels[key] = (words, value)
        self.figures.setRowStretch(len(self.figure_labels), 1)
        body.addLayout(self.figures, 4)
        return body

    def entered(self) -> None:
        self.show_month(self.month)

    def reset(self) -> None:
        self.month = Month.of(self.today())

    def show_month(self, month: Month) -> None:
        if not self.charts:
            self._make_charts()
        latest = Month.of(self.today())
        self.month = min(month, latest)
        self.report = self.service.month(self.month)
        self.month_label.setText(format_month(self.month.first_day))
        self.next.setEnabled(self.month < latest)
        self._show_figures(self.report)
        self._show_charts(self.report)
        if self.isVisible():
            self.shell.speaker.say(format_month(self.month.first_day))

    def _show_figures(self, report: MonthlyReport) -> None:
        rows = {
            "served": (_("Members served"), str(report.members_served)),
            "new": (_("New members"), str(report.new_members)),
            # Short words: the figures share the screen with two charts.
            "signed_up": (_("Sign-ups"), str(report.signed_up)),
            "attended": (_("Attendance"), str(report.attended)),
            "children": (_("Children"), str(report.childcare_children)),
            "hours": (_("Childcare hours"), format_decimal(report.childcare_hours)),
            "jobs": (_("Job postings"), str(report.jobs_published)),
            "listings": (_("Trade listings"), str(report.listings_published)),
        }
        for key, (words, value) in rows.items():
            self.figure_labels[key][0].setText(words)
            self.figure_labels[key][1].setText(value)

    # --- charts -------------------------------------------------------------------------

    def _make_charts(self) -> None:
        # Qt Charts is loaded when the report is first opened, not when the kiosk starts.
        from PySide6.QtCharts import QChartView

        for name in ("staff_reports_courses", "staff_reports_referrals"):
            heading = body_label("", self, px=24, bold=True)
            heading.setObjectName(f"{name}_title")
            view = QChartView(self._new_chart(), self)
            view.setObjectName(name)
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.setFrameShape(QFrame.Shape.NoFrame)
            empty = body_label("", self, px=24)
            empty.setObjectName(f"{name}_empty")
            # Side by side, each the page's full height: room for a bar per course.
            column = QVBoxLayout()
            column.setSpacing(4)
            column.addWidget(heading)
            column.addWidget(view, 1)
            column.addWidget(empty, 1)
            self.body.addLayout(column, 5)
            self.charts.append((heading, view, empty))

    def _new_chart(self) -> Any:
        from PySide6.QtCharts import QChart

        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundVisible(False)
        chart.setMargins(QMargins(0, 0, 0, 0))
        legend = chart.legend()
        legend_font = QFont(self.font())
        legend_font.setPixelSize(AXIS_PX)
        legend.setFont(legend_font)
        legend.setAlignment(Qt.AlignmentFlag.AlignTop)
        # The sets are added bottom-up (see _fill_chart); the legend reads them top-down.
        legend.setReverseMarkers(True)
        return chart

    def _show_charts(self, report: MonthlyReport) -> None:
        courses, referrals = self.charts
        # A few bars stay readable in the screen's half; the PDF shows every course.
        trainings = report.trainings[:SCREEN_COURSES]
        title = _("Sign-ups and attendance per course")
        if len(report.trainings) > SCREEN_COURSES:
            title = _("The {count} courses with most sign-ups").format(count=SCREEN_COURSES)
        self._fill_chart(
            courses,
            title,
            [_short(t.title) for t in trainings],
            [
                (_("Women signed up"), SIGNED_UP_COLOUR, [t.signed_up for t in trainings]),
                (_("Women who came"), ATTENDED_COLOUR, [t.attended for t in trainings]),
            ],
            _("No course sessions this month."),
        )
        shown = [r for r in report.referrals if r.count]
        self._fill_chart(
            referrals,
            _("Referrals by outcome"),
            [_short(r.words) for r in shown],
            [(_("Referrals"), REFERRAL_COLOUR, [r.count for r in shown])],
            _("No referrals this month."),
        )

    def _fill_chart(
        self,
        slot: tuple[QLabel, Any, QLabel],
        title: str,
        labels: Sequence[str],
        series: Sequence[tuple[str, str, Sequence[int]]],
        empty: str,
    ) -> None:
        from PySide6.QtCharts import QBarCategoryAxis, QBarSet, QHorizontalBarSeries, QValueAxis

        heading, view, empty_label = slot
        drawn = (title, tuple(labels), tuple((w, c, tuple(v)) for w, c, v in series), empty)
        if self._drawn.get(id(view)) == drawn:
            return
        self._drawn[id(view)] = drawn
        heading.setText(title)
        # A new chart each month (the view deletes the old one): reused, its old axes linger.
        chart = self._new_chart()
        view.setChart(chart)
        view.setVisible(bool(labels))
        empty_label.setVisible(not labels)
        empty_label.setText(empty)
        if not labels:
            return
        bars = QHorizontalBarSeries()
        # Qt draws the first category and the first set at the bottom: reversed, the chart
        # reads top-down in the list's order, as the printed report does.
        for words, colour, values in reversed(series):
            bar_set = QBarSet(words)
            bar_set.setColor(QColor(colour))
            bar_set.setBorderColor(QColor(colour))
            bar_set.append([float(v) for v in reversed(values)])
            bar_set.setLabelColor(QColor("#000000"))
            bars.append(bar_set)
        bars.setLabelsVisible(True)
        bars.setLabelsPosition(bars.LabelsPosition.LabelsOutsideEnd)
        bars.setLabelsFormat("@value")
        chart.addSeries(bars)
        axis_font = QFont(self.font())
        axis_font.setPixelSize(AXIS_PX)
        categories = QBarCategoryAxis()
        categories.append(list(reversed(labels)))
        categories.setLabelsFont(axis_font)
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(categories)
        axis = QValueAxis()
        top = max([max(v, default=0) for _w, _c, v in series] + [1])
        # Whole numbers only on the axis: room for the value written past the longest bar.
        end = top + max(1, round(top * 0.2))
        axis.setRange(0, end)
        axis.setTickCount(end + 1 if end <= 5 else 6)
        if end > 5:
            axis.applyNiceNumbers()
        axis.setLabelFormat("%d")
        axis.setLabelsFont(axis_font)
        chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        bars.attachAxis(axis)
        chart.legend().setVisible(len(series) > 1)

    # --- export -------------------------------------------------------------------------

    def export_files(self) -> Path | None:
        if self.report is None:
            return None
        folder = Path(self.shell.settings.data_dir) / REPORTS_DIR
        try:
            pdf_path, _csv_path = write_report(self.report, folder)
        except ReportError as exc:
            self.shell.show_error(str(exc))
            return None
        self.shell.show_message(
            _("Report saved as PDF and CSV in {path}.").format(path=folder), "action.yes"
        )
        return pdf_path
