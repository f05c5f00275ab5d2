"""The kiosk on screen, and the computer made a station (installed, and its session)."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from typing import TYPE_CHECKING

from kiosk.cli.common import EXIT_OK, EXIT_USAGE, CommandError, one_sentence
from kiosk.config import STATIONS, Settings, SettingsError
from kiosk.i18n import _

if TYPE_CHECKING:
    from kiosk.station import StationRequest


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


def _has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "").split(":")[0] in {"offscreen", "minimal", "vnc"}:
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def cmd_install_station(args: argparse.Namespace) -> int:
    from kiosk import station

    with one_sentence(station.StationError, SettingsError):
        if args.uninstall:
            report = station.uninstall(args.root)
        else:
            report = station.install(_station_request(args))
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


def _station_request(args: argparse.Namespace) -> StationRequest:
    from kiosk import station

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
        "centre_id": args.centre_id,
        "station_name": args.station_name,
        "printer": args.printer,
        "paper": args.paper,
    }
    return station.StationRequest(
        station=args.install_station,
        user=args.user,
        root=args.root,
        settings=settings,
        settings_file=args.settings,
    )


def cmd_station_session(args: argparse.Namespace) -> int:
    from kiosk import station

    with one_sentence(station.StationError):
        extra = ["--exit-when-ready"] if args.session_exit_when_ready else []
        return station.session(extra)
