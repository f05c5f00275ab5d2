"""The command line as a table: each command, its help, its arguments and its actions. Help
texts are marked here and translated when the parser is built (after the language is set)."""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.cli.common import Parser, non_negative_int
from kiosk.config import PAPERS, STATIONS
from kiosk.i18n import N_, _


@dataclass(frozen=True)
class Arg:
    """One ``add_argument`` call: its names and options (``help`` still untranslated)."""

    flags: tuple[str, ...]
    options: dict[str, Any]


def arg(*flags: str, **options: Any) -> Arg:
    return Arg(flags, options)


@dataclass(frozen=True)
class Command:
    """A command (or a command's action). No help: it is left out of the listing."""

    name: str
    help: str | None = None
    args: tuple[Arg, ...] = ()
    actions: tuple[Command, ...] = field(default=())


SCHEMA = arg(
    "--schema",
    type=Path,
    metavar="DIR",
    help=N_(
        "the folder of the HSDS 3.0 schema files (default: the hsds_schema_dir "
        "setting, else the copy shipped with the kiosk)"
    ),
)
NAME = arg("name", help=N_("the person's name"))

OPTIONS = (
    arg("--windowed", action="store_true", help=N_("run in a window instead of full screen")),
    arg("--station", choices=STATIONS, help=N_("which start page to open")),
    arg(
        "--exit-when-ready",
        action="store_true",
        help=N_("quit as soon as the home page is shown (for checks)"),
    ),
)

STATION_OPTIONS = (
    arg(
        "--station",
        dest="install_station",
        metavar="|".join(STATIONS),
        help=N_("which station this computer is"),
    ),
    arg("--uninstall", action="store_true", help=N_("undo everything a station installation did")),
    arg(
        "--settings",
        type=Path,
        metavar="FILE",
        help=N_("a settings file to copy for the station's kiosk"),
    ),
    arg("--database-url", metavar="URL", help=N_("the database to use")),
    arg("--centre-name", metavar="NAME", help=N_("the centre's name on slips")),
    arg(
        "--centre-id",
        type=int,
        metavar="N",
        help=N_("the number of this station's centre in the network (kiosk centre list)"),
    ),
    arg("--station-name", metavar="NAME", help=N_("this computer's name on the staff desk")),
    arg("--printer", metavar="QUEUE", help=N_('the printer ("pdf" = save slips)')),
    arg("--paper", choices=PAPERS, help=N_("paper size")),
    arg(
        "--user",
        default="kiosko",
        metavar="NAME",
        help=N_("the user the kiosk runs as (created when missing)"),
    ),
    # Tests write the station into a folder instead of the computer's own /.
    arg("--root", type=Path, default=Path("/"), help=argparse.SUPPRESS),
)

COMMANDS = (
    Command("run", N_("start the kiosk (the default)")),
    Command(
        "db",
        N_("database chores"),
        actions=(Command("upgrade", N_("bring the database to this version of the kiosk")),),
    ),
    Command(
        "demo",
        N_("fill an empty database with example data"),
        (
            arg(
                "--scale",
                type=non_negative_int,
                default=0,
                metavar="N",
                help=N_("also add N generated rows to each listing table (for measurements)"),
            ),
            arg(
                "--if-empty",
                action="store_true",
                help=N_("do nothing, successfully, when the database already has data"),
            ),
        ),
    ),
    Command(
        "slips",
        N_("printed slips: samples and a printer test"),
        actions=(
            Command(
                "sample",
                N_("write one PDF of every slip kind"),
                (
                    arg("directory", type=Path, help=N_("the folder to write them in")),
                    arg(
                        "--paper",
                        choices=PAPERS,
                        help=N_("paper size (default: the one in the settings)"),
                    ),
                ),
            ),
            Command(
                "test-print",
                N_("print a test slip on the configured printer"),
                (
                    arg(
                        "--timeout",
                        type=non_negative_int,
                        default=60,
                        metavar="S",
                        help=N_("seconds to wait for the printer"),
                    ),
                ),
            ),
        ),
    ),
    Command(
        "staff",
        N_("staff and volunteer accounts"),
        actions=(
            Command(
                "add",
                N_("add a person; the PIN is asked for (or read from standard input)"),
                (NAME, arg("--role", choices=["staff", "volunteer"], default="staff")),
            ),
            Command("reset-pin", N_("give a person a new PIN"), (NAME,)),
            Command("list", N_("list the staff and volunteers")),
        ),
    ),
    Command(
        "centre",
        N_("the network's centres and their database users (as the server's owner)"),
        actions=(
            Command(
                "add",
                N_(
                    "add a centre; with --role (PostgreSQL), also the database user its "
                    "stations connect with, whose password is asked for (or read from "
                    "KIOSK_ROLE_PASSWORD)"
                ),
                (
                    arg("code", help=N_("a short code, as in aldama")),
                    arg("name", help=N_("the centre's name")),
                    arg(
                        "--municipality",
                        required=True,
                        metavar="M",
                        help=N_("the municipality where it is"),
                    ),
                    arg("--role", metavar="ROLE", help=N_("the database user to make for it")),
                ),
            ),
            Command("list", N_("list the centres: number, code, name, municipality, user")),
            Command(
                "coordinator",
                N_(
                    "make the network coordinator's database user, who reads every centre's "
                    "counts and no one's name; the password is asked for"
                ),
                (arg("role", metavar="ROLE", help=N_("the database user to make")),),
            ),
        ),
    ),
    Command(
        "backup",
        N_("write a consistent copy of the database"),
        (arg("path", type=Path, help=N_("a file to create, or an existing folder")),),
    ),
    Command(
        "report",
        N_("write the monthly report (PDF and CSV) for the municipality"),
        (
            arg("--month", metavar="YYYY-MM", help=N_("the month to report (default: last month)")),
            arg(
                "--network",
                action="store_true",
                help=N_("the whole network's report: a row per centre and the network's total"),
            ),
            arg(
                "--out",
                type=Path,
                required=True,
                metavar="DIR",
                help=N_("the folder to write it in"),
            ),
        ),
    ),
    Command(
        "restore",
        N_("put a backup back in place of the database (the kiosk must be closed)"),
        (arg("path", type=Path, help=N_("the backup file to restore")),),
    ),
    Command(
        "import-jobs",
        N_("add or update job postings from a schema.org JobPosting JSON-LD file"),
        (arg("path", type=Path, help=N_("the JSON-LD file to read")),),
    ),
    Command(
        "export-jobs",
        N_("write the job postings as a schema.org JobPosting JSON-LD file"),
        (
            arg("path", type=Path, help=N_("a new file to create")),
            arg("--include-closed", action="store_true", help=N_("also write the closed postings")),
        ),
    ),
    Command(
        "import-hsds",
        N_(
            "add or update programs from Open Referral HSDS 3.0 data: a .json file, or a "
            "data package folder (datapackage.json and CSV files)"
        ),
        (arg("path", type=Path, help=N_("the .json file or the package folder")), SCHEMA),
    ),
    Command(
        "export-hsds",
        N_(
            "write every program as Open Referral HSDS 3.0: a .json file, or a new folder "
            "with datapackage.json and CSV files"
        ),
        (arg("path", type=Path, help=N_("a new .json file, or a new (or empty) folder")), SCHEMA),
    ),
    Command(
        "install-station",
        N_(
            "make this computer a station that shows only the kiosk, signed in automatically "
            "(as administrator)"
        ),
        STATION_OPTIONS,
    ),
    # The unit's program: the kiosk under cage, whose exit code it hands on.
    Command(
        "station-session",
        args=(arg("--exit-when-ready", dest="session_exit_when_ready", action="store_true"),),
    ),
)


def _add_args(parser: argparse.ArgumentParser, args: tuple[Arg, ...]) -> None:
    for one in args:
        options = dict(one.options)
        if options.get("help") not in (None, argparse.SUPPRESS):
            options["help"] = _(options["help"])
        parser.add_argument(*one.flags, **options)


def _add_commands(
    parser: argparse.ArgumentParser, commands: tuple[Command, ...], dest: str, metavar: str
) -> None:
    sub = parser.add_subparsers(dest=dest, metavar=metavar, parser_class=Parser)
    for command in commands:
        kwargs: dict[str, Any] = {} if command.help is None else {"help": _(command.help)}
        child = sub.add_parser(command.name, **kwargs)
        _add_args(child, command.args)
        if command.actions:
            _add_commands(child, command.actions, f"{command.name}_command", "ACTION")
    # A command's action must be named; the command itself may be left out (it runs).
    sub.required = metavar == "ACTION"


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="kiosk",
        description=_("Quiosco CENESO: the centre's touch kiosk. With no command, it starts."),
    )
    _add_args(parser, OPTIONS)
    _add_commands(parser, COMMANDS, "command", "COMMAND")
    return parser
