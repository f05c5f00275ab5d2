"""Check-out with the code (or a staff member's PIN without it), and the alerts for staff."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kiosk.data.models import (
    AlertKind,
    Child,
    ChildcareAlert,
    ChildcareVisit,
    Member,
    PickupCode,
    PickupPerson,
    StaffUser,
)
from kiosk.i18n import _
from kiosk.services import count_rows, notify, rowcount
from kiosk.services.childcare.common import (
    AlertInfo,
    CheckOutResult,
    CheckOutStatus,
    ChildcareError,
    PickupChoice,
    PickupInfo,
    WrongCode,
    childcare_entry_points,
    log,
)
from kiosk.services.childcare.room import Room
from kiosk.services.staff import StaffError, StaffInfo


@childcare_entry_points
class CheckOut(Room):
    def check_out(
        self, code_id: int, person_id: int | None, staff_id: int | None = None
    ) -> CheckOutResult:
        """Hand the code's children to the guardian (``person_id`` None) or a listed person."""
        return self._check_out(code_id, person_id, staff_id, authorizer=None)

    def check_out_without_code(
        self,
        code_id: int,
        person_id: int | None,
        authorizer_id: int,
        pin: str,
        staff_id: int | None = None,
    ) -> CheckOutResult:
        """The guardian lost her stub: a staff member's PIN lets the children go, with an
        audit event and an alert. A volunteer's PIN is refused; a wrong PIN changes nothing
        (and counts towards the lockout, like every PIN)."""
        try:
            authorizer = self._staff.sign_in(authorizer_id, pin)
        except StaffError as exc:
            raise ChildcareError(str(exc)) from exc
        if not authorizer.is_staff:
            raise ChildcareError(_("Only a staff member's PIN allows a pick-up without the code."))
        return self._check_out(code_id, person_id, staff_id, authorizer=authorizer)

    def _check_out(
        self,
        code_id: int,
        person_id: int | None,
        staff_id: int | None,
        authorizer: StaffInfo | None,
    ) -> CheckOutResult:
        now = self._clock()
        start, _end = self._day_bounds(self.today())
        with self._factory.begin() as s:
            self._lock(s)
            code = s.get(PickupCode, code_id)
            if code is None or code.day != self.today():
                raise WrongCode(_("That code is not right. Look at the slip and type it again."))
            info = self._pickup_info(s, code)
            if not info.children:
                return CheckOutResult(CheckOutStatus.ALREADY, info)
            choice = self._choice(info, person_id)
            if not choice.allowed:
                return self._refuse(s, info, person_id, staff_id, now)
            result = s.execute(
                update(ChildcareVisit)
                .where(
                    ChildcareVisit.pickup_code_id == code.id,
                    ChildcareVisit.checked_out_at.is_(None),
                    ChildcareVisit.checked_in_at >= start,
                )
                .values(checked_out_at=now, checked_out_by_id=staff_id, picked_up_by=choice.name)
                .execution_options(synchronize_session=False)
            )
            if rowcount(result) == 0:
                return CheckOutResult(CheckOutStatus.ALREADY, info)
            picked = f"person={person_id}" if person_id is not None else "person=guardian"
            self._audit(
                s,
                authorizer.id if authorizer else staff_id,
                "childcare.check_out_without_code" if authorizer else "childcare.check_out",
                "pickup_codes",
                code.id,
                f"children={rowcount(result)} {picked}",
            )
            alert_id = None
            if authorizer is not None:
                alert_id = self._alert(
                    s,
                    AlertKind.WITHOUT_CODE,
                    info,
                    info.children[0].child_id,
                    person_id,
                    authorizer.id,
                    now,
                )
        log.info("pickup code %d: children checked out", code_id)
        return CheckOutResult(
            CheckOutStatus.DONE,
            info,
            tuple(c.name for c in info.children),
            choice.name,
            alert_id,
        )

    @staticmethod
    def _choice(info: PickupInfo, person_id: int | None) -> PickupChoice:
        choice = next((c for c in info.choices if c.person_id == person_id), None)
        if choice is None:
            raise ChildcareError(
                _(
                    "That person is not on the list. Only the mother or the people she named "
                    "can pick up."
                )
            )
        return choice

    def _refuse(
        self,
        s: Session,
        info: PickupInfo,
        person_id: int | None,
        staff_id: int | None,
        now: datetime,
    ) -> CheckOutResult:
        """A person on a not-allowed list came: nobody leaves, an alert waits for staff."""
        person = s.get(PickupPerson, person_id)
        child_id = person.child_id if person else info.children[0].child_id
        alert_id = self._alert(s, AlertKind.NOT_ALLOWED, info, child_id, person_id, staff_id, now)
        self._audit(
            s, staff_id, "childcare.pickup_refused", "pickup_codes", info.id, f"person={person_id}"
        )
        s.flush()
        log.warning("pickup code %d: a not-allowed person was refused", info.id)
        return CheckOutResult(CheckOutStatus.NOT_ALLOWED, info, alert_id=alert_id)

    @staticmethod
    def _alert(
        s: Session,
        kind: AlertKind,
        info: PickupInfo,
        child_id: int,
        person_id: int | None,
        staff_id: int | None,
        now: datetime,
    ) -> int:
        """An alert for the staff desk (every desk is told at once); its id."""
        alert = ChildcareAlert(
            kind=kind,
            child_id=child_id,
            pickup_code_id=info.id,
            pickup_person_id=person_id,
            staff_id=staff_id,
            created_at=now,
        )
        s.add(alert)
        notify.announce(s, notify.CHILDCARE)
        s.flush()
        return alert.id

    # --- alerts for staff ---------------------------------------------------------------------

    def alert_count(self) -> int:
        with self._factory() as s:
            return count_rows(s, ChildcareAlert, ChildcareAlert.seen_at.is_(None))

    def open_alerts(self) -> list[AlertInfo]:
        with self._factory() as s:
            alerts = s.scalars(
                select(ChildcareAlert)
                .where(ChildcareAlert.seen_at.is_(None))
                .order_by(ChildcareAlert.created_at, ChildcareAlert.id)
            ).all()
            return [self._alert_info(s, alert) for alert in alerts]

    @staticmethod
    def _alert_info(s: Session, alert: ChildcareAlert) -> AlertInfo:
        child = s.get(Child, alert.child_id) if alert.child_id else None
        person = s.get(PickupPerson, alert.pickup_person_id) if alert.pickup_person_id else None
        code = s.get(PickupCode, alert.pickup_code_id) if alert.pickup_code_id else None
        staff = s.get(StaffUser, alert.staff_id) if alert.staff_id else None
        person_name = person.name if person else ""
        if alert.kind is AlertKind.WITHOUT_CODE and person is None and code is not None:
            guardian = s.get(Member, code.guardian_id)
            person_name = guardian.name if guardian else ""
        return AlertInfo(
            id=alert.id,
            kind=AlertKind(alert.kind),
            created_at=alert.created_at,
            child_name=child.name if child else "",
            person_name=person_name,
            code=code.code if code else "",
            staff_name=staff.name if staff else "",
        )

    def mark_seen(self, alert_id: int, staff_id: int | None) -> bool:
        """A staff member looked at the alert; False if someone already had."""
        with self._factory.begin() as s:
            result = s.execute(
                update(ChildcareAlert)
                .where(ChildcareAlert.id == alert_id, ChildcareAlert.seen_at.is_(None))
                .values(seen_at=self._clock(), seen_by_id=staff_id)
                .execution_options(synchronize_session=False)
            )
            done = rowcount(result) == 1
            if done:
                notify.announce(s, notify.CHILDCARE)
                self._audit(s, staff_id, "childcare.alert_seen", "childcare_alerts", alert_id)
        return done
