"""The network's chores, as the server's owner: its centres and their database users."""

from __future__ import annotations

import argparse
import os
import sys

from kiosk.cli.common import EXIT_OK, CommandError, database, one_sentence
from kiosk.config import Settings
from kiosk.i18n import _

# Where a script gives a new database user's password (never on the command line).
PASSWORD_VARIABLE = "KIOSK_ROLE_PASSWORD"


def _read_password(role: str) -> str:
    """The new user's password: from ``KIOSK_ROLE_PASSWORD``, or typed twice at a terminal
    (not shown)."""
    given = os.environ.get(PASSWORD_VARIABLE)
    if given is not None:
        return given
    if not sys.stdin.isatty():
        raise CommandError(
            _(
                "Type the password for {role} at a terminal, or give it in {variable}; "
                "nothing was changed."
            ).format(role=role, variable=PASSWORD_VARIABLE)
        )
    import getpass

    first = getpass.getpass(_("Password for {role}: ").format(role=role))
    if getpass.getpass(_("Password again: ")) != first:
        raise CommandError(_("The two passwords are not the same; nothing was changed."))
    return first


def _check_role(role: str) -> None:
    from kiosk.data import roles

    with one_sentence(roles.RoleError):
        roles.check_name(role)


def cmd_centre(settings: Settings, args: argparse.Namespace) -> int:
    from kiosk.services.centres import CentreError, CentreService

    role: str | None = getattr(args, "role", None)
    if role is not None:
        _check_role(role)
    with database(settings) as (engine, factory), one_sentence(CentreError):
        service = CentreService(factory)
        if args.centre_command == "list":
            for centre in service.all():
                row = (centre.id, centre.code, centre.name, centre.municipality, centre.db_role)
                print("\t".join("-" if value is None else str(value) for value in row))
            return EXIT_OK
        if role is not None and engine.dialect.name != "postgresql":
            raise CommandError(
                _("Database users for centres exist only on PostgreSQL; this kiosk uses SQLite.")
            )
        if args.centre_command == "coordinator":
            assert role is not None
            service.add_coordinator(role, _read_password(role))
            print(
                _("{role} can now read every centre's counts, and no one's name.").format(role=role)
            )
            return EXIT_OK
        password = None if role is None else _read_password(role)
        centre = service.add(
            args.code, args.name, args.municipality, db_role=role, password=password
        )
    print(_("Centre {id} ({code}) added.").format(id=centre.id, code=centre.code))
    if role is not None:
        print(
            _(
                "Its stations connect as {role} and set centre_id = {id}; the database shows "
                "them only this centre's people."
            ).format(role=role, id=centre.id)
        )
    return EXIT_OK
