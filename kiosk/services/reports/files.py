"""A report written as files: ``informe-YYYY-MM.pdf`` and ``.csv`` for a centre,
``informe-red-YYYY-MM.pdf`` and ``.csv`` for the network."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.i18n import _
from kiosk.logs import area_logger
from kiosk.services.reports.centre import MonthlyReport, to_csv
from kiosk.services.reports.months import Month, ReportError
from kiosk.services.reports.network import NetworkReport, network_csv

log = area_logger("reports")

REPORTS_DIR = "reports"


def file_stem(month: Month) -> str:
    return f"informe-{month}"


def network_file_stem(month: Month) -> str:
    return f"informe-red-{month}"


def write_report(report: MonthlyReport, folder: Path) -> tuple[Path, Path]:
    """Write ``informe-YYYY-MM.pdf`` and ``.csv`` into ``folder`` (made if missing)."""
    from kiosk.vouchers.report import report_pdf

    pdf_path, csv_path = _write(
        Path(folder), file_stem(report.month), report_pdf(report), to_csv(report)
    )
    log.info("monthly report %s written", report.month)
    return pdf_path, csv_path


def write_network_report(report: NetworkReport, folder: Path) -> tuple[Path, Path]:
    """Write ``informe-red-YYYY-MM.pdf`` and ``.csv`` into ``folder`` (made if missing)."""
    from kiosk.vouchers.network_report import network_report_pdf

    pdf_path, csv_path = _write(
        Path(folder),
        network_file_stem(report.month),
        network_report_pdf(report),
        network_csv(report),
    )
    log.info("network report %s written for %d centres", report.month, len(report.centres))
    return pdf_path, csv_path


def _write(folder: Path, stem: str, pdf: bytes, csv: str) -> tuple[Path, Path]:
    """A month's files are replaced as a whole: each is written beside its name and renamed
    when complete."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ReportError(_("The folder {path} cannot be created.").format(path=folder)) from exc
    pdf_path, csv_path = folder / f"{stem}.pdf", folder / f"{stem}.csv"
    # utf-8-sig: spreadsheet programs on Windows then read the accents right.
    for path, data in ((pdf_path, pdf), (csv_path, csv.encode("utf-8-sig"))):
        partial = path.with_name(path.name + ".partial")
        try:
            partial.write_bytes(data)
            os.replace(partial, path)
        except OSError as exc:
            partial.unlink(missing_ok=True)
            raise ReportError(
                _("The report could not be written to {path}.").format(path=path)
            ) from exc
    return pdf_path, csv_path
