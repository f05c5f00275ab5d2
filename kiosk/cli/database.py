"""The database chores: bring it up to date, example data, backups and the monthly report."""

from __future__ import annotations

import argparse

from kiosk.cli.common import EXIT_OK, database, one_sentence
from kiosk.config import Settings
from kiosk.i18n import _


def cmd_db_upgrade(settings: Settings, _args: argparse.Namespace) -> int:
    from kiosk.data import db

    with database(settings):
        print(_("The database is up to date (version {rev}).").format(rev=db.head_revision()))
    return EXIT_OK


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    with database(settings) as (_engine, factory):
        from kiosk.data import demo

        with one_sentence(demo.DemoError):
            if args.if_empty and not demo.database_is_empty(factory):
                print(_("The database already has data; nothing was added."))
                return EXIT_OK
            summary = demo.load_demo(
                factory,
                scale=args.scale,
                progress=lambda table: print(_("Written: {table}").format(table=table), flush=True),
            )
    total = sum(summary.counts.values())
    print(_("Example data loaded: {total} rows.").format(total=total))
    for name, pin in sorted(summary.staff_pins.items()):
        print(_("Example PIN for {name}: {pin}").format(name=name, pin=pin))
    return EXIT_OK


def cmd_backup(settings: Settings, args: argparse.Namespace) -> int:
    from kiosk.data import backup

    with database(settings, upgrade=False) as (engine, _factory), one_sentence(backup.BackupError):
        written = backup.backup(engine, args.path)
    print(_("Backup written to {path}.").format(path=written))
    return EXIT_OK


def cmd_restore(settings: Settings, args: argparse.Namespace) -> int:
    from kiosk.data import backup

    with database(settings, upgrade=False) as (engine, _factory), one_sentence(backup.BackupError):
        result = backup.restore(engine, args.path, settings)
    print(_("The backup {path} is now the database.").format(path=args.path))
    if result.safety_copy is not None:
        print(_("The database as it was before is kept in {path}.").format(path=result.safety_copy))
    return EXIT_OK


def cmd_report(settings: Settings, args: argparse.Namespace) -> int:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from kiosk.services.reports import (
        ReportError,
        ReportService,
        month_to_report,
        write_network_report,
        write_report,
    )

    with one_sentence(ReportError):
        # The month is read before the database is opened: a typing slip touches nothing.
        today = datetime.now(ZoneInfo(settings.timezone)).date()
        month = month_to_report(args.month, today)
        # The network's report may run as the coordinator's role, which reads every centre's
        # figures but neither changes the schema nor belongs to a centre.
        with database(settings, upgrade=not args.network) as (_engine, factory):
            service = ReportService(factory, timezone=settings.timezone)
            if args.network:
                pdf_path, csv_path = write_network_report(service.network(month), args.out)
            else:
                pdf_path, csv_path = write_report(service.month(month), args.out)
    print(
        _("Report for {month} written: {pdf} and {csv}").format(
            month=month, pdf=pdf_path, csv=csv_path
        )
    )
    return EXIT_OK
