"""Each session works for one centre: rows it adds get that centre, and what it reads is that
centre's rows and the network's shared ones. The station's centre is the session's
``info["centre_id"]`` (:func:`kiosk.data.db.make_session_factory`).

On PostgreSQL each centre's role is kept to its own rows by the database too (row-level
security); this is what makes a station on SQLite, or on the server's owner role, behave the
same. A statement that must see every centre (trade listings of other centres, the network's
report) says so with ``.execution_options(all_centres=True)``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import event, or_, select, text
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker, with_loader_criteria

from kiosk.data.models import (
    FIRST_CENTRE,
    CentreOwned,
    Child,
    ListingStatus,
    Member,
    MemberRegistration,
    TradeListing,
)
from kiosk.words import first_name

ALL_CENTRES = "all_centres"


def centre_of(session: Session) -> int:
    """The centre a session works for."""
    return int(session.info.get("centre_id", FIRST_CENTRE))


def factory_centre(factory: sessionmaker[Session]) -> int:
    """The centre a session factory's sessions work for."""
    return int(factory.kw.get("info", {}).get("centre_id", FIRST_CENTRE))


def _fill_centre(session: Session, _context: Any, _instances: Any) -> None:
    centre = centre_of(session)
    for row in list(session.new):
        if isinstance(row, CentreOwned | Member) and row.centre_id is None:
            row.centre_id = centre
        if isinstance(row, Member) and not row.registrations:
            # She is registered where she first comes; other centres register her as she
            # comes to them (kiosk.services.members).
            row.registrations.append(
                MemberRegistration(centre_id=row.centre_id, registered_at=row.created_at)
            )


def _only_this_centre(state: ORMExecuteState) -> None:
    if not (state.is_select or state.is_update or state.is_delete):
        return
    if state.is_column_load:
        return  # a column of a row already read
    if state.execution_options.get(ALL_CENTRES, False):
        return
    centre = centre_of(state.session)
    state.statement = state.statement.options(
        with_loader_criteria(
            CentreOwned, lambda cls: cls.centre_id == centre, include_aliases=True
        ),
        with_loader_criteria(
            Member,
            lambda cls: or_(
                cls.centre_id == centre,
                cls.id.in_(
                    select(MemberRegistration.member_id).where(
                        MemberRegistration.centre_id == centre
                    )
                ),
            ),
            include_aliases=True,
        ),
    )


def keep_to_centre(session_class: type[Session]) -> None:
    """Sessions of ``session_class`` fill in and filter by their centre."""
    if not event.contains(session_class, "before_flush", _fill_centre):
        event.listen(session_class, "before_flush", _fill_centre)
        event.listen(session_class, "do_orm_execute", _only_this_centre)


def known_in_network(session: Session, phone: str) -> bool:
    """Whether a woman with this phone is registered at any centre (not who, nor where)."""
    if session.get_bind().dialect.name == "postgresql":
        return bool(session.scalar(text("SELECT kiosk_phone_known(:phone)"), {"phone": phone}))
    found = select(Member.id).where(Member.phone == phone, Member.erased_at.is_(None))
    return session.scalar(found.execution_options(**{ALL_CENTRES: True})) is not None


def register_here(session: Session, phone: str) -> int | None:
    """Register the woman with this phone at the session's centre, if she is registered at
    another; her member id, or None when no centre knows the phone. On PostgreSQL a centre's
    role cannot see other centres' women, so the database does it (``kiosk_register_here``),
    telling the centre nothing but that she is now theirs too."""
    centre = centre_of(session)
    if session.get_bind().dialect.name == "postgresql":
        member_id = session.scalar(
            text("SELECT kiosk_register_here(:phone, :centre)"),
            {"phone": phone, "centre": centre},
        )
        return None if member_id is None else int(member_id)
    found = select(Member.id).where(Member.phone == phone, Member.erased_at.is_(None))
    member_id = session.scalar(found.execution_options(**{ALL_CENTRES: True}))
    if member_id is None:
        return None
    registered = select(MemberRegistration.id).where(
        MemberRegistration.member_id == member_id, MemberRegistration.centre_id == centre
    )
    if session.scalar(registered) is None:
        session.add(MemberRegistration(member_id=member_id, centre_id=centre))
        session.flush()
    return int(member_id)


def sellers_first_names(session: Session, listing_ids: Sequence[int]) -> dict[int, str]:
    """The first name of the seller of each published listing among ``listing_ids``, at any
    centre: what the listing shows on every kiosk. On PostgreSQL a centre's role cannot read
    another centre's women, so the database tells it that much (``kiosk_seller_first_names``)
    and no more."""
    if not listing_ids:
        return {}
    ids = [int(i) for i in listing_ids]
    if session.get_bind().dialect.name == "postgresql":
        rows = session.execute(
            text("SELECT listing_id, first_name FROM kiosk_seller_first_names(:ids)"),
            {"ids": ids},
        )
        return {int(listing_id): str(name) for listing_id, name in rows}
    found = (
        select(TradeListing.id, Member.name)
        .join(Member, Member.id == TradeListing.seller_id)
        .where(
            TradeListing.id.in_(ids),
            TradeListing.status == ListingStatus.PUBLISHED,
            Member.erased_at.is_(None),
        )
        .execution_options(**{ALL_CENTRES: True})
    )
    return {int(listing_id): first_name(name) for listing_id, name in session.execute(found)}


def children_elsewhere(session: Session, member_id: int) -> bool:
    """Whether a woman registered at the session's centre has children registered at another
    centre (not which, nor where): her children's details stay with that centre's staff. On
    PostgreSQL a centre's role cannot read them, so the database answers
    (``kiosk_children_elsewhere``)."""
    centre = centre_of(session)
    if session.get_bind().dialect.name == "postgresql":
        return bool(
            session.scalar(
                text("SELECT kiosk_children_elsewhere(:member, :centre)"),
                {"member": member_id, "centre": centre},
            )
        )
    registered = select(MemberRegistration.id).where(
        MemberRegistration.member_id == member_id, MemberRegistration.centre_id == centre
    )
    if session.scalar(registered) is None:
        return False
    found = select(Child.id).where(Child.guardian_id == member_id, Child.centre_id != centre)
    return session.scalar(found.limit(1).execution_options(**{ALL_CENTRES: True})) is not None
