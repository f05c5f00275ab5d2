"""The network's PostgreSQL users: each centre's stations log in with a user of the group
``kiosk_centres``, the network's coordinator with one of ``kiosk_coordinators``. What each group
may read and write is set by the migration ``0018_centre_roles``; here the server's owner only
makes the users (``kiosk centre add --role``, ``kiosk centre coordinator``).

The password leaves this computer already hashed the way the server stores it (SCRAM, by
libpq's own ``PQencryptPasswordConn``), so it is never written into a statement the server
could log."""

from __future__ import annotations

import re

from sqlalchemy import Connection
from sqlalchemy.exc import DBAPIError

from kiosk.i18n import _

CENTRES_GROUP = "kiosk_centres"
COORDINATORS_GROUP = "kiosk_coordinators"
GROUPS = (CENTRES_GROUP, COORDINATORS_GROUP)

# A user name that needs no quoting anywhere: what pg_hba.conf, psql and a URL take as typed.
_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
_DUPLICATE_OBJECT = "42710"
_NO_PRIVILEGE = "42501"


class RoleError(Exception):
    """A database user that cannot be made as asked; the message is one plain sentence."""


def not_allowed(exc: DBAPIError) -> bool:
    """Whether the server refused ``exc``'s statement for want of a privilege."""
    return getattr(exc.orig, "sqlstate", None) == _NO_PRIVILEGE


def check_name(name: str) -> str:
    """``name`` as a database user's name, or :class:`RoleError`."""
    if not _NAME.fullmatch(name) or name.startswith("pg_") or name in GROUPS:
        raise RoleError(
            _(
                "The database user name {name} is not allowed; use lowercase letters, digits "
                "and _ (up to 63), starting with a letter."
            ).format(name=name)
        )
    return name


def create_login(conn: Connection, name: str, password: str, group: str) -> None:
    """Make the login user ``name`` with ``password``, a member of ``group``, in ``conn``'s
    transaction (it is undone with it)."""
    from psycopg import sql

    assert group in GROUPS, group
    check_name(name)
    if not password:
        raise RoleError(_("A database user needs a password; nothing was changed."))
    if conn.dialect.name != "postgresql":
        raise RoleError(
            _("Database users for centres exist only on PostgreSQL; this kiosk uses SQLite.")
        )
    driver = conn.connection.driver_connection
    assert driver is not None
    # The server's own choice of hash (password_encryption), computed here.
    hashed = driver.pgconn.encrypt_password(password.encode(), name.encode(), None).decode()
    statement = sql.SQL("CREATE ROLE {name} LOGIN PASSWORD {hashed} IN ROLE {group}").format(
        name=sql.Identifier(name), hashed=sql.Literal(hashed), group=sql.Identifier(group)
    )
    try:
        conn.exec_driver_sql(statement.as_string(driver))
    except DBAPIError as exc:
        code = getattr(exc.orig, "sqlstate", None)
        if code == _DUPLICATE_OBJECT:
            raise RoleError(
                _("The database user {name} already exists; choose another name.").format(name=name)
            ) from exc
        if not_allowed(exc):
            raise RoleError(
                _("This database user may not make other users; run it as the server's owner.")
            ) from exc
        raise
