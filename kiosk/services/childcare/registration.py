"""Children, their people (who may and may not pick them up) and their photos."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.data.models import (
    Child,
    ChildcareVisit,
    ChildPhoto,
    Member,
    PickupPerson,
)
from kiosk.data.scope import children_elsewhere
from kiosk.i18n import _
from kiosk.services import copy_fields
from kiosk.services.childcare.base import ChildcareBase
from kiosk.services.childcare.common import (
    MAX_AGE_YEARS,
    NOTE_MAX,
    PEOPLE_MAX,
    ChildcareError,
    ChildInfo,
    PersonInfo,
    _key,
    age_on,
    childcare_entry_points,
    log,
)
from kiosk.services.members import MemberError, clean_name
from kiosk.services.trade import Photo, TradeError, photos_of, prepare_photo


@childcare_entry_points
class Registration(ChildcareBase):
    def children_of(self, guardian_id: int) -> list[ChildInfo]:
        today = self.today()
        with self._factory() as s:
            children = s.scalars(
                select(Child).where(Child.guardian_id == guardian_id).order_by(Child.birth_date)
            ).all()
            present = self._present_ids(s, [c.id for c in children])
            return [self._child_info(s, c, today, c.id in present) for c in children]

    def children_elsewhere(self, guardian_id: int) -> bool:
        """Whether she has children registered at another centre of the network (a woman who
        moved centres): their details stay there, so this centre registers them anew."""
        with self._factory() as s:
            return children_elsewhere(s, guardian_id)

    def child(self, child_id: int) -> ChildInfo:
        with self._factory() as s:
            child = s.get(Child, child_id)
            if child is None:
                raise ChildcareError(_("We could not find that child."))
            present = self._present_ids(s, [child.id])
            return self._child_info(s, child, self.today(), child.id in present)

    def register_child(
        self,
        guardian_id: int,
        name: str,
        birth_date: date,
        *,
        allergy: bool = False,
        medical_note: str = "",
        allowed: Sequence[str] = (),
        not_allowed: Sequence[str] = (),
        staff_id: int | None = None,
        health_consent: bool = False,
        photo_consent: bool = False,
        photo: bytes | None = None,
    ) -> ChildInfo:
        """A new child of a guardian, with the people who may and may NOT pick her up.

        An allergy and its note are health data (sensitive under the data-protection law):
        they are kept only with the mother's express consent (``health_consent``), whose
        moment is recorded; without it neither is stored.

        Her photo (the camera's bytes) likewise needs the mother's express consent
        (``photo_consent``, its moment recorded with the child); without it no photo is kept
        whatever the camera sent. It is stored scaled, re-encoded and without metadata."""
        child_name = self._name(name, _("Write the child's name."))
        today = self.today()
        self._check_birth(birth_date, today)
        if not health_consent:
            allergy, medical_note = False, ""
        note = self._health_note(allergy, medical_note)
        allowed_names, refused_names = self._people(allowed, not_allowed)
        # Scaled before the write transaction opens (SQLite holds its lock for all of it).
        face = self._prepare_photo(photo) if photo_consent and photo else None
        with self._factory.begin() as s:
            guardian = s.get(Member, guardian_id)
            if guardian is None or guardian.erased_at is not None:
                raise ChildcareError(_("We could not find the mother. Ask the staff for help."))
            child = Child(
                guardian_id=guardian_id,
                name=child_name,
                birth_date=birth_date,
                has_allergy=allergy,
                medical_note=note,
                health_consent_at=self._clock() if health_consent and (allergy or note) else None,
                photo_consent_at=self._clock() if photo_consent else None,
                created_at=self._clock(),
            )
            s.add(child)
            for person_name in allowed_names:
                child.pickup_people.append(PickupPerson(name=person_name, allowed=True))
            for person_name in refused_names:
                child.pickup_people.append(PickupPerson(name=person_name, allowed=False))
            s.flush()
            if face is not None:
                self._store_photo(s, child.id, face)
            self._audit(s, staff_id, "childcare.child_add", "children", child.id)
            info = self._child_info(s, child, today, False)
        log.info("child %d registered", info.id)
        return info

    @staticmethod
    def _check_birth(birth_date: date, today: date) -> None:
        if birth_date > today:
            raise ChildcareError(_("The birth date cannot be after today."))
        if age_on(birth_date, today) > MAX_AGE_YEARS:
            raise ChildcareError(
                _("The children's room takes children up to {years} years old.").format(
                    years=MAX_AGE_YEARS
                )
            )

    @staticmethod
    def _health_note(allergy: bool, medical_note: str) -> str:
        """The note as kept (spaces collapsed); an allergy needs one."""
        note = " ".join(medical_note.split())
        if allergy and not note:
            raise ChildcareError(_("Write what the allergy is."))
        if len(note) > NOTE_MAX:
            raise ChildcareError(_("That note is too long. Write a shorter one."))
        return note

    def _people(
        self, allowed: Sequence[str], not_allowed: Sequence[str]
    ) -> tuple[list[str], list[str]]:
        """The names of who may, and who may NOT, pick her up (nobody on both lists)."""
        allowed_names = [self._name(n, _("Write the person's name.")) for n in allowed]
        refused_names = [self._name(n, _("Write the person's name.")) for n in not_allowed]
        if len(allowed_names) + len(refused_names) > PEOPLE_MAX * 2:
            raise ChildcareError(_("That is too many people for one child."))
        both = {_key(n) for n in allowed_names} & {_key(n) for n in refused_names}
        if both:
            raise ChildcareError(_("One person cannot be both allowed and not allowed."))
        return allowed_names, refused_names

    @staticmethod
    def _prepare_photo(data: bytes) -> Photo:
        try:
            return prepare_photo(data)
        except TradeError as exc:
            raise ChildcareError(
                _("The photo could not be used. Take it again, or save her without a photo.")
            ) from exc

    def _store_photo(self, s: Session, child_id: int, face: Photo) -> None:
        s.add(ChildPhoto(child_id=child_id, taken_at=self._clock(), **dataclasses.asdict(face)))

    def photo(self, child_id: int) -> bytes | None:
        """The child's photo (a JPEG), or ``None``: her pictogram shows instead."""
        with self._factory() as s:
            return s.scalar(select(ChildPhoto.jpeg).where(ChildPhoto.child_id == child_id))

    def photos(self, child_ids: Sequence[int]) -> dict[int, bytes]:
        """The photos of the children shown (those that have one)."""
        return photos_of(self._factory, ChildPhoto.child_id, ChildPhoto.jpeg, child_ids)

    @staticmethod
    def _name(text: str, missing: str) -> str:
        try:
            return clean_name(text)
        except MemberError as exc:
            if any(ch.isalpha() for ch in text):
                raise ChildcareError(str(exc)) from exc
            raise ChildcareError(missing) from exc

    def _child_info(self, s: Session, child: Child, today: date, present: bool) -> ChildInfo:
        people = s.scalars(
            select(PickupPerson)
            .where(PickupPerson.child_id == child.id)
            .order_by(PickupPerson.allowed.desc(), PickupPerson.id)
        ).all()
        # Whether she has a photo, without reading its bytes.
        photo_id = s.scalar(select(ChildPhoto.child_id).where(ChildPhoto.child_id == child.id))
        return copy_fields(
            ChildInfo,
            child,
            age=age_on(child.birth_date, today),
            present=present,
            people=tuple(PersonInfo(p.id, p.name, p.relation, p.allowed) for p in people),
            has_photo=photo_id is not None,
        )

    def _present_ids(self, s: Session, child_ids: Sequence[int]) -> set[int]:
        if not child_ids:
            return set()
        start, _end = self._day_bounds(self.today())
        return set(
            s.scalars(
                select(ChildcareVisit.child_id).where(
                    ChildcareVisit.child_id.in_(child_ids),
                    ChildcareVisit.checked_out_at.is_(None),
                    ChildcareVisit.checked_in_at >= start,
                )
            )
        )
