"""Data in and out: job postings as schema.org JSON-LD, programs as Open Referral HSDS 3.0."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli.common import EXIT_OK, CommandError, database, one_sentence
from kiosk.config import Settings
from kiosk.i18n import _

if TYPE_CHECKING:
    from kiosk.data.hsds import Schemas


def cmd_import_jobs(settings: Settings, args: argparse.Namespace) -> int:
    from kiosk.services import jobs_jsonld

    try:
        data = args.path.read_bytes()
    except FileNotFoundError as exc:
        raise CommandError(_("The file {path} does not exist.").format(path=args.path)) from exc
    except OSError as exc:
        raise CommandError(_("The file {path} could not be read.").format(path=args.path)) from exc
    with one_sentence(jobs_jsonld.JobImportError):
        # Read before the database is opened: a file that is not JSON touches nothing.
        document = jobs_jsonld.read_document(data)
        with database(settings) as (_engine, factory):
            report = jobs_jsonld.import_jobs(
                factory, document, default_days=settings.job_default_days
            )
    for entry in report.skipped:
        if entry.title:
            line = _("Entry {index} ({title}) was skipped: {reason}")
        else:
            line = _("Entry {index} was skipped: {reason}")
        print(line.format(index=entry.index, title=entry.title, reason=entry.reason))
    print(
        _(
            "Imported {imported} of {total}: {added} new, {updated} updated, "
            "{to_complete} to complete, {skipped} skipped."
        ).format(
            imported=report.imported,
            total=report.imported + len(report.skipped),
            added=report.added,
            updated=report.updated,
            to_complete=report.to_complete,
            skipped=len(report.skipped),
        )
    )
    if report.imported == 0:
        raise CommandError(_("No job posting was imported; the lines above say why."))
    return EXIT_OK


def cmd_export_jobs(settings: Settings, args: argparse.Namespace) -> int:
    from kiosk.services import jobs_jsonld

    path: Path = args.path
    exists = _("{path} already exists; choose a new name so nothing is overwritten.")
    if path.exists():
        raise CommandError(exists.format(path=path))
    if not path.absolute().parent.is_dir():
        raise CommandError(_("The folder {path} does not exist.").format(path=path.parent))
    with database(settings) as (_engine, factory):
        document = jobs_jsonld.export_jobs(factory, include_closed=args.include_closed)
    text = jobs_jsonld.dumps(document)
    try:
        with path.open("x", encoding="utf-8") as out:  # "x": never replace a file
            out.write(text)
    except FileExistsError as exc:
        raise CommandError(exists.format(path=path)) from exc
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise CommandError(_("The file {path} could not be written.").format(path=path)) from exc
    print(
        _("Job postings written to {path}: {count}").format(
            path=path, count=len(document["@graph"])
        )
    )
    return EXIT_OK


def _hsds_schemas(settings: Settings, args: argparse.Namespace) -> Schemas:
    from kiosk.data import hsds

    with one_sentence(hsds.HsdsError):
        return hsds.Schemas(args.schema or settings.effective_hsds_schema_dir)


def cmd_import_hsds(settings: Settings, args: argparse.Namespace) -> int:
    from kiosk.data import hsds

    schemas = _hsds_schemas(settings, args)
    with one_sentence(hsds.HsdsError):
        # Read and checked before the database is opened: a bad file touches nothing.
        document = hsds.read_path(args.path, schemas)
        with database(settings) as (_engine, factory):
            report = hsds.import_document(factory, document)
    print(_("Programs added: {count}").format(count=report.services_added))
    print(_("Programs updated: {count}").format(count=report.services_updated))
    print(
        _("Organizations added: {added}, updated: {updated}").format(
            added=report.organizations_added, updated=report.organizations_updated
        )
    )
    for entry in report.skipped:
        print(_("Not imported, {what}: {reason}").format(what=entry.what, reason=entry.reason))
    for entry in report.notes:
        print(_("Note, {what}: {reason}").format(what=entry.what, reason=entry.reason))
    if report.left_out:
        parts = ", ".join(f"{name} ({count})" for name, count in report.left_out)
        print(_("Left out: {parts}").format(parts=parts))
    return EXIT_OK


def cmd_export_hsds(settings: Settings, args: argparse.Namespace) -> int:
    from kiosk.data import hsds

    schemas = _hsds_schemas(settings, args)
    with database(settings) as (_engine, factory), one_sentence(hsds.HsdsError):
        written, count = hsds.export_path(factory, args.path, schemas)
    print(_("Programs written to {path}: {count}").format(path=written, count=count))
    return EXIT_OK
