"""The desk's chores: sample slips and a printer test, staff and volunteer accounts."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.cli.common import EXIT_OK, CommandError, database, one_sentence
from kiosk.config import Settings
from kiosk.i18n import _


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

    with database(settings) as (_engine, factory):
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

    with database(settings) as (_engine, factory), one_sentence(StaffError):
        service = StaffService(factory)
        if args.staff_command == "list":
            for person in service.list(include_inactive=True):
                print(f"{person.name}\t{person.role.value}")
        elif args.staff_command == "add":
            person = service.add(args.name, StaffRole(args.role), _read_pin())
            print(_("{name} can now sign in at the staff desk.").format(name=person.name))
        else:
            person = service.reset_pin(args.name, _read_pin())
            print(_("{name} has a new PIN.").format(name=person.name))
    return EXIT_OK
