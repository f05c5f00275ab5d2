"""The monthly reports: a centre's (for its municipality and the state programs) and the
network's (a row per centre and the network's total), each as PDF and CSV.

- :mod:`~kiosk.services.reports.months`: the month asked for, and the report's error;
- :mod:`~kiosk.services.reports.figures`: what each figure counts, the same for both reports;
- :mod:`~kiosk.services.reports.centre` and :mod:`~kiosk.services.reports.network`: the two
  reports and their CSV;
- :mod:`~kiosk.services.reports.service`: :class:`ReportService`;
- :mod:`~kiosk.services.reports.files`: the files written.
"""

from __future__ import annotations

from kiosk.services.reports.centre import MonthlyReport, ProgramFigure, TrainingFigures, to_csv
from kiosk.services.reports.figures import (
    NETWORK_COLUMNS,
    OUTCOME_WORDS,
    SEATED,
    CentreFigures,
    OutcomeFigure,
    ServiceFigures,
)
from kiosk.services.reports.files import (
    REPORTS_DIR,
    file_stem,
    network_file_stem,
    write_network_report,
    write_report,
)
from kiosk.services.reports.months import (
    Month,
    ReportError,
    last_month,
    month_to_report,
    not_yet,
)
from kiosk.services.reports.network import NetworkReport, network_csv
from kiosk.services.reports.service import ReportService

__all__ = [
    "NETWORK_COLUMNS",
    "OUTCOME_WORDS",
    "REPORTS_DIR",
    "SEATED",
    "CentreFigures",
    "Month",
    "MonthlyReport",
    "NetworkReport",
    "OutcomeFigure",
    "ProgramFigure",
    "ReportError",
    "ReportService",
    "ServiceFigures",
    "TrainingFigures",
    "file_stem",
    "last_month",
    "month_to_report",
    "network_csv",
    "network_file_stem",
    "not_yet",
    "to_csv",
    "write_network_report",
    "write_report",
]
