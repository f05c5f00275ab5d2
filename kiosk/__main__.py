"""The ``kiosk`` command line: run the kiosk, and the staff's database chores.

Every error is one plain sentence on stderr with a non-zero exit code; never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from kiosk import i18n
from kiosk.config import PAPERS, STATIONS, Settings, SettingsError
from kiosk.i18n import _
from kiosk.logs import ROOT, area_logger

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from kiosk.data.hsds import Schemas

log = area_logger("cli")

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


MAX_SCALE = 1_000_000  # rows per table that `kiosk demo --scale` will generate


class CommandError(Exception):
    """Ends the command with one plain sentence and a non-zero exit code."""

    def __init__(self, message: str, code: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.code = code


def one_line(text: str) -> str:
    """``text`` on one line, control characters shown as escapes: the answer stays one
    sentence whatever was typed."""
    shown = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
    return " ".join(shown.split())


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise CommandError(
            _("The command was not understood ({detail}); see kiosk --help.").format(
                detail=one_line(message)
            ),
            EXIT_USAGE,
        )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kiosk",
        description=_("Quiosco CENESO: the centre's touch kiosk. With no command, it starts."),
    )
    parser.add_argument(
        "--windowed", action="store_true", help=_("run in a window instead of full screen")
    )
    parser.add_argument("--station", choices=STATIONS, help=_("which start page to open"))
    parser.add_argument(
        "--exit-when-ready",
        action="store_true",
        help=_("quit as soon as the home page is shown (for checks)"),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    commands.add_parser("run", help=_("start the kiosk (the default)"))

    db_cmd = commands.add_parser("db", help=_("database chores"))
    db_sub = db_cmd.add_subparsers(dest="db_command", metavar="ACTION", parser_class=_Parser)
    db_sub.required = True
    db_sub.add_parser("upgrade", help=_("bring the database to this version of the kiosk"))

    demo = commands.add_parser("demo", help=_("fill an empty database with example data"))
    demo.add_argument(
        "--scale",
        type=_non_negative_int,
        default=0,
        metavar="N",
        help=_("also add N generated rows to each listing table (for measurements)"),
    )
    demo.add_argument(
        "--if-empty",
        action="store_true",
        help=_("do nothing, successfully, when the database already has data"),
    )

    slips = commands.add_parser("slips", help=_("printed slips: samples and a printer test"))
    slips_sub = slips.add_subparsers(dest="slips_command", metavar="ACTION", parser_class=_Parser)
    slips_sub.required = True
    sample = slips_sub.add_parser("sample", help=_("write one PDF of every slip kind"))
    sample.add_argument("directory", type=Path, help=_("the folder to write them in"))
    sample.add_argument(
        "--paper", choices=PAPERS, help=_("paper size (default: the one in the settings)")
    )
    test_print = slips_sub.add_parser(
        "test-print", help=_("print a test slip on the configured printer")
    )
    test_print.add_argument(
        "--timeout",
        type=_non_negative_int,
        default=60,
        metavar="S",
        help=_("seconds to wait for the printer"),
    )

    staff = commands.add_parser("staff", help=_("staff and volunteer accounts"))
    staff_sub = staff.add_subparsers(dest="staff_command", metavar="ACTION", parser_class=_Parser)
    staff_sub.required = True
    add = staff_sub.add_parser(
        "add", help=_("add a person; the PIN is asked for (or read from standard input)")
    )
    add.add_argument("name", help=_("the person's name"))
    add.add_argument("--role", choices=["staff", "volunteer"], default="staff")
    reset = staff_sub.add_parser("reset-pin", help=_("give a person a new PIN"))
    reset.add_argument("name", help=_("the person's name"))
    staff_sub.add_parser("list", help=_("list the staff and volunteers"))

    backup = commands.add_parser("backup", help=_("write a consistent copy of the database"))
    backup.add_argument("path", type=Path, help=_("a file to create, or an existing folder"))

    report = commands.add_parser(
        "report", help=_("write the monthly report (PDF and CSV) for the municipality")
    )
    report.add_argument(
        "--month",
        metavar="YYYY-MM",
        help=_("the month to report (default: last month)"),
    )
    report.add_argument(
        "--out", type=Path, required=True, metavar="DIR", help=_("the folder to write it in")
    )

    restore = commands.add_parser(
        "restore", help=_("put a backup back in place of the database (the kiosk must be closed)")
    )
    restore.add_argument("path", type=Path, help=_("the backup file to restore"))

    import_jobs = commands.add_parser(
        "import-jobs",
        help=_("add or update job postings from a schema.org JobPosting JSON-LD file"),
    )
    import_jobs.add_argument("path", type=Path, help=_("the JSON-LD file to read"))
    export_jobs = commands.add_parser(
        "export-jobs", help=_("write the job postings as a schema.org JobPosting JSON-LD file")
    )
    export_jobs.add_argument("path", type=Path, help=_("a new file to create"))
    export_jobs.add_argument(
        "--include-closed", action="store_true", help=_("also write the closed postings")
    )

    import_hsds = commands.add_parser(
        "import-hsds",
        help=_(
            "add or update programs from Open Referral HSDS 3.0 data: a .json file, or a "
            "data package folder (datapackage.json and CSV files)"
        ),
    )
    import_hsds.add_argument("path", type=Path, help=_("the .json file or the package folder"))
    export_hsds = commands.add_parser(
        "export-hsds",
        help=_(
            "write every program as Open Referral HSDS 3.0: a .json file, or a new folder "
            "with datapackage.json and CSV files"
        ),
    )
    export_hsds.add_argument(
        "path", type=Path, help=_("a new .json file, or a new (or empty) folder")
    )
    station = commands.add_parser(
        "install-station",
        help=_(
            "make this computer a station that shows only the kiosk, signed in automatically "
            "(as administrator)"
        ),
    )
    station.add_argument(
        "--station",
        dest="install_station",
        metavar="|".join(STATIONS),
        help=_("which station this computer is"),
    )
    station.add_argument(
        "--uninstall", action="store_true", help=_("undo everything a station installation did")
    )
    station.add_argument(
        "--settings",
        type=Path,
        metavar="FILE",
        help=_("a settings file to copy for the station's kiosk"),
    )
    station.add_argument("--database-url", metavar="URL", help=_("the database to use"))
    station.add_argument("--centre-name", metavar="NAME", help=_("the centre's name on slips"))
    station.add_argument(
        "--station-name", metavar="NAME", help=_("this computer's name on the staff desk")
    )
    station.add_argument("--printer", metavar="QUEUE", help=_('the printer ("pdf" = save slips)'))
    station.add_argument("--paper", choices=PAPERS, help=_("paper size"))
    station.add_argument(
        "--user",
        default="kiosko",
        metavar="NAME",
        help=_("the user the kiosk runs as (created when missing)"),
    )
    # Tests write the station into a folder instead of the computer's own /.
    station.add_argument("--root", type=Path, default=Path("/"), help=argparse.SUPPRESS)
    # The unit's program: the kiosk under cage, whose exit code it hands on.
    session = commands.add_parser("station-session")
    session.add_argument("--exit-when-ready", dest="session_exit_when_ready", action="store_true")

    for hsds_command in (import_hsds, export_hsds):
        hsds_command.add_argument(
            "--schema",
            type=Path,
            metavar="DIR",
            help=_(
                "the folder of the HSDS 3.0 schema files (default: the hsds_schema_dir "
                "setting, else the copy shipped with the kiosk)"
            ),
        )
    return parser


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{value} is not a whole number").format(value=text)
        ) from None
    if value < 0:
        raise argparse.ArgumentTypeError(_("{value} is less than 0").format(value=text))
    if value > MAX_SCALE:
        raise argparse.ArgumentTypeError(
            _("{value} is more than {most}").format(value=text, most=MAX_SCALE)
        )
    return value


# --- commands -----------------------------------------------------------------------------


def _open_database(
    settings: Settings, *, upgrade: bool = True
) -> tuple[Engine, sessionmaker[Session]]:
    from kiosk.data import db

    engine = db.make_engine(settings.effective_database_url)
    if upgrade:
        try:
            db.migrate(engine)
        except db.DatabaseUnreadable as exc:
            from kiosk.data import backup

            engine.dispose()
            raise backup.way_back(settings, exc) from exc
    return engine, db.make_session_factory(engine)


def cmd_db_upgrade(settings: Settings, _args: argparse.Namespace) -> int:
    from kiosk.data import db

    engine, _factory = _open_database(settings)
    print(_("The database is up to date (version {rev}).").format(rev=db.head_revision()))
    engine.dispose()
    return EXIT_OK


def cmd_demo(settings: Settings, args: argparse.Namespace) -> int:
    engine, factory = _open_database(settings)
    from kiosk.data import demo

    try:
        if args.if_empty and not demo.database_is_empty(factory):
            print(_("The database already has data; nothing was added."))
            return EXIT_OK
        summary = demo.load_demo(
            factory,
            scale=args.scale,
            progress=lambda table: print(_("Written: {table}").format(table=table), flush=True),
        )
    except demo.DemoError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        engine.dispose()
    total = sum(summary.counts.values())
    print(_("Example data loaded: {total} rows.").format(total=total))
    for name, pin in sorted(summary.staff_pins.items()):
        print(_("Example PIN for {name}: {pin}").format(name=name, pin=pin))
    return EXIT_OK


def cmd_backup(settings: Settings, args: argparse.Namespace) -> int:
    from kiosk.data import backup

    engine, _factory = _open_database(settings, upgrade=False)
    try:
        written = backup.backup(engine, args.path)
    except backup.BackupError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        engine.dispose()
    print(_("Backup written to {path}.").format(path=written))
    return EXIT_OK


def cmd_report(settings: Settings, args: argparse.Namespace) -> int:
    from kiosk.i18n import centre_today
    from kiosk.services.reports import Month, ReportError, ReportService, last_month, write_report

    try:
        # The month is read before the database is opened: a typing slip touches nothing.
        month = Month.parse(args.month) if args.month else last_month(centre_today())
        engine, factory = _open_database(settings)
        try:
            report = ReportService(factory, timezone=settings.timezone).month(month)
        finally:
            engine.dispose()
        pdf_path, csv_path = write_report(report, args.out, settings.centre_name)
    except ReportError as exc:
        raise CommandError(str(exc)) from exc
    print(
        _("Report for {month} written: {pdf} and {csv}").format(
            month=month, pdf=pdf_path, csv=csv_path
        )
    )
    return EXIT_OK


def cmd_restore(settings: Settings, args: argparse.Namespace) -> int:
    from kiosk.data import backup

    engine, _factory = _open_database(settings, upgrade=False)
    try:
        result = backup.restore(engine, args.path, settings)
    except backup.BackupError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        engine.dispose()
    print(_("The backup {path} is now the database.").format(path=args.path))
    if result.safety_copy is not None:
        print(_("The database as it was before is kept in {path}.").format(path=result.safety_copy))
    return EXIT_OK


def cmd_import_jobs(settings: Settings, args: argparse.Namespace) -> int:
    from kiosk.services import jobs_jsonld

    try:
        data = args.path.read_bytes()
    except FileNotFoundError as exc:
        raise CommandError(_("The file {path} does not exist.").format(path=args.path)) from exc
    except OSError as exc:
        raise CommandError(_("The file {path} could not be read.").format(path=args.path)) from exc
    try:
        # Read before the database is opened: a file that is not JSON touches nothing.
        document = jobs_jsonld.read_document(data)
        engine, factory = _open_database(settings)
        try:
            report = jobs_jsonld.import_jobs(
                factory, document, default_days=settings.job_default_days
            )
        finally:
            engine.dispose()
    except jobs_jsonld.JobImportError as exc:
        raise CommandError(str(exc)) from exc
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
    engine, factory = _open_database(settings)
    try:
        document = jobs_jsonld.export_jobs(factory, include_closed=args.include_closed)
    finally:
        engine.dispose()
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

    try:
        return hsds.Schemas(args.schema or settings.effective_hsds_schema_dir)
    except hsds.HsdsError as exc:
        raise CommandError(str(exc)) from exc


def cmd_import_hsds(settings: Settings, args: argparse.Namespace) -> int:
    from kiosk.data import hsds

    schemas = _hsds_schemas(settings, args)
    try:
        # Read and checked before the database is opened: a bad file touches nothing.
        document = hsds.read_path(args.path, schemas)
        engine, factory = _open_database(settings)
        try:
            report = hsds.import_document(factory, document)
        finally:
            engine.dispose()
    except hsds.HsdsError as exc:
        raise CommandError(str(exc)) from exc
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
    engine, factory = _open_database(settings)
    try:
        written, count = hsds.export_path(factory, args.path, schemas)
    except hsds.HsdsError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        engine.dispose()
    print(_("Programs written to {path}: {count}").format(path=written, count=count))
    return EXIT_OK


def cmd_slips(settings: Settings, args: argparse.Namespace) -> int:
    if args.slips_command == "sample":
        from kiosk.services.slip_samples import write_samples

        paper = args.paper or settings.paper
        try:
            written = write_samples(args.directory, paper, settings.centre_name)
        except OSError as exc:
            raise CommandError(
                _("The slips could not be written in {path}.").format(path=args.directory)
            ) from exc
        for path in written:
            print(path)
        print(
            _("{count} sample slips written on {paper} paper.").format(
                count=len(written), paper=paper
            )
        )
        return EXIT_OK
    return _test_print(settings, args.timeout)


def _test_print(settings: Settings, timeout: int) -> int:
    """Issue a test slip (kept in the reprint queue until it prints) and send it."""
    from functools import partial

    from kiosk.data.models import VoucherKind, utcnow
    from kiosk.services.vouchers import VoucherService
    from kiosk.slip_options import SlipOptions
    from kiosk.ui.printing import PrintError, deliver
    from kiosk.vouchers import kinds

    engine, factory = _open_database(settings)
    try:
        vouchers = VoucherService(factory)
        options = SlipOptions.from_settings(settings)
        slip = vouchers.issue(VoucherKind.TEST, partial(kinds.test_slip, utcnow(), options=options))
        if settings.printer == "pdf":
            where = str(Path(settings.data_dir) / "slips")
        else:
            where = settings.printer or _("the default printer")
        try:
            deliver(settings, vouchers.pdf(slip.number), f"prueba-{slip.number}", timeout_s=timeout)
        except PrintError as exc:
            vouchers.mark_failed(slip.number, exc.msgid)
            raise CommandError(
                _("The test slip did not print on {where}: {reason}").format(
                    where=where, reason=exc.reason
                )
            ) from exc
        if settings.printer == "pdf":
            vouchers.mark_saved(slip.number)
        else:
            vouchers.mark_printed(slip.number)
    finally:
        engine.dispose()
    print(_("The test slip arrived at {where}.").format(where=where))
    return EXIT_OK


def _read_pin() -> str:
    """The PIN typed twice at a terminal (not shown), or one line of standard input."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().strip()
    import getpass

    first = getpass.getpass(_("PIN: "))
    if getpass.getpass(_("PIN again: ")) != first:
        raise CommandError(_("The two PINs are not the same; nothing was changed."))
    return first


def cmd_staff(settings: Settings, args: argparse.Namespace) -> int:
    from kiosk.data.models import StaffRole
    from kiosk.services.staff import StaffError, StaffService

    engine, factory = _open_database(settings)
    service = StaffService(factory)
    try:
        if args.staff_command == "list":
            for person in service.list(include_inactive=True):
                print(f"{person.name}\t{person.role.value}")
        elif args.staff_command == "add":
            person = service.add(args.name, StaffRole(args.role), _read_pin())
            print(_("{name} can now sign in at the staff desk.").format(name=person.name))
        else:
            person = service.reset_pin(args.name, _read_pin())
            print(_("{name} has a new PIN.").format(name=person.name))
    except StaffError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        engine.dispose()
    return EXIT_OK


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    if sys.platform.startswith("linux") and not _has_display():
        raise CommandError(
            _(
                "There is no screen to show the kiosk on; start it from the desktop, or "
                "without a screen with: xvfb-run kiosk"
            )
        )
    from kiosk import app

    return app.run(settings, exit_when_ready=args.exit_when_ready)


def cmd_install_station(args: argparse.Namespace) -> int:
    from kiosk import station

    try:
        if args.uninstall:
            report = station.uninstall(args.root)
        else:
            if not args.install_station:
                raise CommandError(
                    _("Say which station this computer is: --station {choices}.").format(
                        choices="|".join(STATIONS)
                    ),
                    EXIT_USAGE,
                )
            settings = {
                "database_url": args.database_url,
                "centre_name": args.centre_name,
                "station_name": args.station_name,
                "printer": args.printer,
                "paper": args.paper,
            }
            request = station.StationRequest(
                station=args.install_station,
                user=args.user,
                root=args.root,
                settings=settings,
                settings_file=args.settings,
            )
            report = station.install(request)
    except (station.StationError, SettingsError) as exc:
        raise CommandError(str(exc)) from exc
    for line in report.done:
        print(line)
    for argv in report.not_run:
        print(_("Not run (--root): {command}").format(command=shlex.join(argv)))
    if not args.uninstall:
        print(
            _(
                "Restart the computer to open the station. When staff close the kiosk with "
                "their PIN, it comes back with a restart or with: systemctl start {unit}"
            ).format(unit=station.UNIT_NAME)
        )
    return EXIT_OK


def cmd_station_session(args: argparse.Namespace) -> int:
    from kiosk import station

    try:
        extra = ["--exit-when-ready"] if args.session_exit_when_ready else []
        return station.session(extra)
    except station.StationError as exc:
        raise CommandError(str(exc)) from exc


def _has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in {"offscreen", "minimal", "vnc"}:
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


COMMANDS: dict[str, Callable[[Settings, argparse.Namespace], int]] = {
    "run": cmd_run,
    "db": cmd_db_upgrade,
    "demo": cmd_demo,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "report": cmd_report,
    "slips": cmd_slips,
    "staff": cmd_staff,
    "import-jobs": cmd_import_jobs,
    "export-jobs": cmd_export_jobs,
    "import-hsds": cmd_import_hsds,
    "export-hsds": cmd_export_hsds,
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # Until the log file is set up, log records go nowhere rather than onto the terminal.
    logging.getLogger(ROOT).addHandler(logging.NullHandler())
    i18n.setup(os.environ.get("KIOSK_LOCALE", i18n.DEFAULT_LOCALE))
    try:
        args = build_parser().parse_args(argv)
        # These act on the computer, not on this user's kiosk: its settings do not count.
        if args.command == "install-station":
            return cmd_install_station(args)
        if args.command == "station-session":
            return cmd_station_session(args)
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
