"""The ``kiosk`` command line: run the kiosk, and the staff's database chores.

Every error is one plain sentence on stderr with a non-zero exit code; never a traceback.
The commands live in ``kiosk.cli``, by group.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from kiosk import i18n
from kiosk.cli.common import EXIT_ERROR, CommandError, one_line
from kiosk.cli.database import cmd_backup, cmd_db_upgrade, cmd_demo, cmd_report, cmd_restore
from kiosk.cli.desk import cmd_slips, cmd_staff
from kiosk.cli.exchange import cmd_export_hsds, cmd_export_jobs, cmd_import_hsds, cmd_import_jobs
from kiosk.cli.network import cmd_centre
from kiosk.cli.parser import build_parser
from kiosk.cli.station import cmd_install_station, cmd_run, cmd_station_session
from kiosk.config import Settings, SettingsError
from kiosk.i18n import _
from kiosk.logs import ROOT, area_logger

log = area_logger("cli")

COMMANDS: dict[str, Callable[[Settings, argparse.Namespace], int]] = {
    "run": cmd_run,
    "db": cmd_db_upgrade,
    "demo": cmd_demo,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "report": cmd_report,
    "slips": cmd_slips,
    "staff": cmd_staff,
    "centre": cmd_centre,
    "import-jobs": cmd_import_jobs,
    "export-jobs": cmd_export_jobs,
    "import-hsds": cmd_import_hsds,
    "export-hsds": cmd_export_hsds,
}
# These act on the computer, not on this user's kiosk: its settings do not count.
MACHINE_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "install-station": cmd_install_station,
    "station-session": cmd_station_session,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Until the log file is set up, log records go nowhere rather than onto the terminal.
    logging.getLogger(ROOT).addHandler(logging.NullHandler())
    i18n.setup(os.environ.get("KIOSK_LOCALE", i18n.DEFAULT_LOCALE))
    try:
        args = build_parser().parse_args(argv)
        if args.command in MACHINE_COMMANDS:
            return MACHINE_COMMANDS[args.command](args)
        overrides: dict[str, Any] = {"station": args.station}
        if args.windowed:
            overrides["kiosk_mode"] = False
        settings = Settings.load(**overrides)
        i18n.setup(settings.locale, settings.timezone)
        from kiosk.logs import setup_logging

        setup_logging(settings.data_dir)
        return COMMANDS[args.command or "run"](settings, args)
    except CommandError as exc:
        print(f"kiosk: {one_line(str(exc))}", file=sys.stderr)
        return exc.code
    except SettingsError as exc:
        print(f"kiosk: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # every other failure still ends in one sentence
        return _report(exc)


def _report(exc: Exception) -> int:
    from kiosk.data.db import DatabaseError

    if isinstance(exc, DatabaseError):
        print(f"kiosk: {exc}", file=sys.stderr)
        return EXIT_ERROR
    from sqlalchemy.exc import OperationalError

    if isinstance(exc, OperationalError):
        message = _("The database could not be used; check that it is reachable and try again.")
    elif isinstance(exc, OSError):
        message = _("A file could not be read or written: {what}.").format(
            what=exc.strerror or exc.__class__.__name__
        )
    else:
        message = _("Something went wrong; the details are in the kiosk's log.")
    log.exception("command failed")
    print(f"kiosk: {message}", file=sys.stderr)
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
