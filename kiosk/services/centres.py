"""The network's centres: each station belongs to one; the network's coordinator adds them,
with, on PostgreSQL, the database user each centre's stations log in with."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data import roles
from kiosk.data.models import Centre
from kiosk.data.scope import centre_of
from kiosk.i18n import _
from kiosk.logs import area_logger
from kiosk.services import copy_fields
from kiosk.services.checks import entry_points

log = area_logger("centres")


class CentreError(Exception):
    """A centre that cannot be added as asked; the message is one plain sentence."""


def _not_owner() -> str:
    return _("Only the server's owner may add centres and their users.")


@dataclass(frozen=True)
class CentreInfo:
    id: int
    code: str
    name: str
    municipality: str
    db_role: str | None


def station_municipality(s: Session) -> str:
    """The municipality of the centre the session works for ("" when its row does not say)."""
    return s.scalar(select(Centre.municipality).where(Centre.id == centre_of(s))) or ""


@entry_points(CentreError)
class CentreService:
    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._factory = session_factory

    def all(self) -> list[CentreInfo]:
        with self._factory() as s:
            rows = s.scalars(select(Centre).order_by(Centre.id))
            return [copy_fields(CentreInfo, row) for row in rows]

    def get(self, centre_id: int) -> CentreInfo | None:
        with self._factory() as s:
            row = s.get(Centre, centre_id)
            return None if row is None else copy_fields(CentreInfo, row)

    def add(
        self,
        code: str,
        name: str,
        municipality: str,
        *,
        db_role: str | None = None,
        password: str | None = None,
    ) -> CentreInfo:
        """A new centre of the network (``code``: short and unique, as in ``"aldama"``).
        With ``password`` (PostgreSQL), the login user ``db_role`` is made too, in the same
        transaction, as one of the centres' users (:mod:`kiosk.data.roles`)."""
        code, name, municipality = code.strip().lower(), name.strip(), municipality.strip()
        if not code or not name:
            raise CentreError(_("A centre needs a short code and a name."))
        try:
            with self._factory.begin() as s:
                if password is not None:
                    assert db_role is not None
                    roles.create_login(s.connection(), db_role, password, roles.CENTRES_GROUP)
                row = Centre(code=code[:40], name=name[:120], municipality=municipality[:80])
                row.db_role = db_role
                s.add(row)
                s.flush()
                info = copy_fields(CentreInfo, row)
        except IntegrityError as exc:
            raise CentreError(
                _("There is already a centre with the code {code}.").format(code=code)
            ) from exc
        except roles.RoleError as exc:
            raise CentreError(str(exc)) from exc
        except DBAPIError as exc:
            if roles.not_allowed(exc):  # a centre's own user, trying the network's chores
                raise CentreError(_not_owner()) from exc
            raise
        log.info("centre %d added%s", info.id, " with its database user" if password else "")
        return info

    def add_coordinator(self, db_role: str, password: str) -> None:
        """A login user for the network's coordinator (PostgreSQL): every centre's counts, no
        one's name."""
        try:
            with self._factory.begin() as s:
                roles.create_login(s.connection(), db_role, password, roles.COORDINATORS_GROUP)
        except roles.RoleError as exc:
            raise CentreError(str(exc)) from exc
        except DBAPIError as exc:
            if roles.not_allowed(exc):  # a centre's own user, trying the network's chores
                raise CentreError(_not_owner()) from exc
            raise
        log.info("coordinator's database user added")
