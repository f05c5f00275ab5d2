"""Three centres on one database: each station's centre keeps its people, children, rooms,
staff, courses, slips and help calls; the program directory and the job bank are shared; a
woman registered at one centre signs in at another with her phone and is the same person."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.config import Settings
from kiosk.data import db
from kiosk.data.models import (
    Child,
    ChildcareRoom,
    HelpRequest,
    Member,
    MemberRegistration,
    StaffRole,
    StaffUser,
    Training,
)
from kiosk.services.centres import CentreError, CentreService
from kiosk.services.childcare_room import lock_room
from kiosk.services.help import HelpService
from kiosk.services.members import MemberService
from kiosk.services.staff import StaffService
from kiosk.services.trainings import TrainingService

Factory = sessionmaker[Session]


def _count(factory: Factory, model: type) -> int:
    with factory() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def test_each_centre_sees_its_own_people_and_the_shared_directories(
    centres: dict[str, Factory],
) -> None:
    serdan, aldama = centres["serdan"], centres["aldama"]
    ana = MemberService(serdan).register("Ana Torres", "6145550101", consent=True)
    with serdan.begin() as s:
        s.add(Child(guardian_id=ana.id, name="Luis", birth_date=date(2021, 3, 4)))
    HelpService(serdan).call("Recepción")
    StaffService(serdan).add("Rosa", StaffRole.STAFF, "4321")
    TrainingService(serdan, childcare_capacity=15, timezone="America/Chihuahua").create_training(
        "Panadería", "panaderia"
    )

    for model in (Member, Child, HelpRequest, StaffUser, Training):
        assert _count(serdan, model) == 1, model
        assert _count(aldama, model) == 0, model
        assert _count(centres["delicias"], model) == 0, model
    assert HelpService(aldama).open_calls() == []
    assert MemberService(aldama).find_by_phone("6145550102") is None

    # What a centre adds is its own, without any page saying so.
    bea = MemberService(aldama).register("Bea Ruiz", "6145550202", consent=True)
    with aldama() as s:
        assert s.get(Member, bea.id).centre_id == centres_id(aldama)
    with serdan() as s:
        assert s.get(Member, bea.id) is None


def centres_id(factory: Factory) -> int:
    return int(factory.kw["info"]["centre_id"])


def test_a_woman_signs_in_at_another_centre_and_is_the_same_person(
    centres: dict[str, Factory],
) -> None:
    serdan, aldama = centres["serdan"], centres["aldama"]
    ana = MemberService(serdan).register("Ana Torres", "6145550101", consent=True)
    with serdan.begin() as s:
        s.add(Child(guardian_id=ana.id, name="Luis", birth_date=date(2021, 3, 4)))

    found = MemberService(aldama).find_by_phone("614 555 0101")

    assert found is not None and found.id == ana.id and found.name == "Ana Torres"
    with aldama() as s:
        assert s.scalar(select(func.count()).select_from(Child)) == 0  # her child stays
        assert s.get(Member, ana.id).children == []
        registered = s.scalars(
            select(MemberRegistration.centre_id)
            .where(MemberRegistration.member_id == ana.id)
            .execution_options(all_centres=True)
        ).all()
    assert sorted(registered) == [1, centres_id(aldama)]
    # A second sign-in registers nothing more; a phone no centre knows is nobody.
    assert MemberService(aldama).find_by_phone("6145550101") == found
    assert MemberService(aldama).find_by_phone("6145559999") is None
    assert _count(aldama, MemberRegistration) == 1


def test_a_centre_code_is_told_apart(session_factory: Factory) -> None:
    with pytest.raises(CentreError, match="aldama"):
        service = CentreService(session_factory)
        service.add("aldama", "CENESO Aldama", "Aldama")
        service.add("Aldama", "Otro", "Aldama")


def test_a_station_of_a_centre_the_database_does_not_know_is_told_so(
    engine: Engine, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from kiosk.app import init_database

    settings = Settings(data_dir=tmp_path, database_url=str(engine.url.render_as_string(False)))
    settings.centre_id = 7
    with pytest.raises(db.UnknownCentre) as raised:
        init_database(settings)
    sentence = str(raised.value)
    assert "7" in sentence and "\n" not in sentence


def test_a_new_centres_room_is_made_and_locked_at_its_first_use(
    centres: dict[str, Factory],
) -> None:
    for name in ("aldama", "delicias", "serdan"):
        with centres[name].begin() as s:
            lock_room(s)
            room = s.scalar(select(ChildcareRoom))
            assert room is not None and room.centre_id == centres_id(centres[name])
    with centres["serdan"]() as s:
        rooms = s.scalars(select(ChildcareRoom.centre_id).execution_options(all_centres=True))
        assert sorted(rooms) == [1, centres_id(centres["aldama"]), centres_id(centres["delicias"])]
