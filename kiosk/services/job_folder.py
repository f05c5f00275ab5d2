"""The job bank's exchange folder, ``<data_dir>/jobs/``: the desk imports every JSON-LD file in
it at once and saves every posting into a new file there, never over another (staff have no
file dialogs; the folder is where they put and take the files)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from kiosk.i18n import _, centre_today
from kiosk.services import SessionFactory
from kiosk.services.jobs import JobError
from kiosk.services.jobs_jsonld import JobImportError, dumps, export_jobs, import_jobs

IMPORTED = (".jsonld", ".json")
MAX_SAME_MINUTE = 99  # files saved in one minute: ofertas-<stamp>.jsonld, -2 ... -99


class JobFolderError(JobError):
    """Nothing to import, or the file could not be saved: one sentence for the desk."""


@dataclass(frozen=True)
class FolderImport:
    """What importing the whole folder did, summed over its files; a file that cannot be read
    at all counts as one skipped."""

    added: int = 0
    updated: int = 0
    to_complete: int = 0
    skipped: int = 0


class JobFolder:
    def __init__(
        self,
        session_factory: SessionFactory,
        folder: Path,
        *,
        default_days: int,
        today: Callable[[], date] = centre_today,
    ) -> None:
        self._factory = session_factory
        self.folder = folder
        self._default_days = default_days
        self._today = today

    def import_all(self) -> FolderImport:
        """Every ``.jsonld`` / ``.json`` file of the folder, in name order, each in its own
        transaction (see :func:`kiosk.services.jobs_jsonld.import_jobs`)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        files = sorted(
            p for p in self.folder.iterdir() if p.is_file() and p.suffix.lower() in IMPORTED
        )
        if not files:
            raise JobFolderError(
                _("There are no files to import in {folder}.").format(folder=self.folder)
            )
        added = updated = to_complete = skipped = 0
        for path in files:
            try:
                report = import_jobs(
                    self._factory,
                    path.read_bytes(),
                    today=self._today,
                    default_days=self._default_days,
                )
            except (JobImportError, OSError):
                skipped += 1
                continue
            added += report.added
            updated += report.updated
            to_complete += report.to_complete
            skipped += len(report.skipped)
        return FolderImport(added, updated, to_complete, skipped)

    def export(self, now: datetime | None = None) -> Path:
        """Every posting, closed ones too, into ``ofertas-<yyyymmdd-hhmm>.jsonld`` (``-2``...
        when the minute has one already)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M")
        text = dumps(export_jobs(self._factory, include_closed=True))
        for number in range(1, MAX_SAME_MINUTE + 1):
            suffix = "" if number == 1 else f"-{number}"
            path = self.folder / f"ofertas-{stamp}{suffix}.jsonld"
            try:
                with path.open("x", encoding="utf-8") as out:  # never overwrite
                    out.write(text)
            except FileExistsError:
                continue
            except OSError:
                break
            return path
        raise JobFolderError(_("The file could not be saved."))
