"""Attendance and the staff's lists: the slip at the door, the roster, the marks, and the
women to call."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import select

from kiosk import numbers
from kiosk.data.models import (
    Enrollment,
    EnrollmentStatus,
    Member,
    Training,
    TrainingSession,
    Voucher,
    VoucherKind,
)
from kiosk.i18n import _, format_date_short, format_time
from kiosk.services import csv_text, update_where
from kiosk.services.trainings.base import TrainingBase
from kiosk.services.trainings.common import (
    DOOR_OPENS_BEFORE,
    SEATED,
    STATUS_LABELS,
    CallEntry,
    DoorCheck,
    DoorStatus,
    EnrollmentInfo,
    RosterEntry,
    TrainingError,
    log,
    training_entry_points,
)
from kiosk.text import csv_cell, fold


@training_entry_points
class Attendance(TrainingBase):
    def attend_with_slip(self, text: str, staff_id: int | None = None) -> DoorCheck:
        """At the door: the scanned (or typed) course slip marks her present, once.

        The slip is used (redeemed) and her sign-up marked attended in one transaction under
        the session's lock, so two desks scanning the same slip agree on who marked it. A
        waitlist ticket works too once she has been given a seat."""
        digits = numbers.normalize(text)
        if digits is None or not numbers.is_valid(digits):
            return DoorCheck(DoorStatus.MISTYPED)
        now = self._clock()
        with self._factory.begin() as s:
            voucher = s.scalar(select(Voucher).where(Voucher.number == digits))
            if voucher is None:
                return DoorCheck(DoorStatus.UNKNOWN)
            if (
                voucher.kind not in (VoucherKind.TRAINING, VoucherKind.WAITLIST)
                or voucher.subject_table != "enrollments"
                or voucher.subject_id is None
            ):
                return DoorCheck(DoorStatus.NOT_A_COURSE)
            session_id = s.scalar(
                select(Enrollment.session_id).where(Enrollment.id == voucher.subject_id)
            )
            if session_id is None:
                return DoorCheck(DoorStatus.UNKNOWN)
            training_session, _training = self._lock_session(s, session_id)
            row = self._load_enrollment(s, voucher.subject_id)
            member = s.get(Member, row.member_id)
            name = member.name if member is not None else ""
            info = self._enrollment_info(s, row.id)
            if row.status not in SEATED:
                return DoorCheck(DoorStatus.NO_SEAT, name, info)
            if row.status is EnrollmentStatus.ATTENDED:
                return DoorCheck(DoorStatus.ALREADY, name, info)
            # The door is open from shortly before the start until the end: last week's slip
            # does not mark her present at last week's session (staff correct the list).
            if not (
                training_session.starts_at - DOOR_OPENS_BEFORE <= now <= training_session.ends_at
            ):
                return DoorCheck(DoorStatus.NOT_TODAY, name, info)
            row.status = EnrollmentStatus.ATTENDED
            row.updated_at = now
            if voucher.redeemed_at is None:
                voucher.redeemed_at = now
                voucher.redeemed_by_id = staff_id
            s.flush()
            info = self._enrollment_info(s, row.id)
        log.info("enrollment %d marked attended at the door", row.id)
        return DoorCheck(DoorStatus.MARKED, name, info)

    def roster(self, session_id: int) -> list[RosterEntry]:
        """Who is coming (alphabetical, with attended / no-show marks), then the waitlist in
        order. Cancelled sign-ups are left out."""
        with self._factory() as s:
            self._load_session_info(s, session_id, self._clock())  # unknown session: error
            rows = s.execute(
                select(Enrollment, Member)
                .join(Member, Member.id == Enrollment.member_id)
                .where(
                    Enrollment.session_id == session_id,
                    Enrollment.status != EnrollmentStatus.CANCELLED,
                )
                .order_by(Enrollment.waitlist_position, Enrollment.id)
            ).all()
        seated = sorted(
            ((e, m) for e, m in rows if e.status in SEATED),
            key=lambda pair: (fold(pair[1].name), pair[0].id),
        )
        waiting = [(e, m) for e, m in rows if e.status is EnrollmentStatus.WAITLISTED]
        waiting.sort(key=lambda pair: (pair[0].waitlist_position or 0, pair[0].id))
        entries = [self._roster_entry(e, m, None) for e, m in seated]
        entries += [self._roster_entry(e, m, n) for n, (e, m) in enumerate(waiting, start=1)]
        return entries

    def roster_csv(self, session_id: int) -> str:
        """The session's list for a spreadsheet (comma-separated, one header row). Save it as
        UTF-8 with a byte-order mark (``utf-8-sig``) so spreadsheets show the accents."""
        info = self.session(session_id)
        entries = self.roster(session_id)
        header = [
            _("Course"),
            _("Date"),
            _("Time"),
            _("Place"),
            _("Name"),
            _("Phone"),
            _("Status"),
            _("Place in line"),
            _("Children"),
            _("Childcare places"),
        ]
        return csv_text(
            header,
            (
                [
                    csv_cell(v)
                    for v in (
                        info.training_title,
                        format_date_short(info.starts_at),
                        format_time(info.starts_at),
                        info.place,
                        entry.name,
                        entry.phone,
                        _(STATUS_LABELS[entry.status]),
                        entry.place_in_line if entry.place_in_line is not None else "",
                        entry.children,
                        entry.childcare,
                    )
                ]
                for entry in entries
            ),
        )

    def mark_attendance(self, enrollment_id: int, attended: bool) -> EnrollmentInfo:
        """Present or absent, for a woman with a seat (a mark can be corrected). The seat stays
        counted either way."""
        new = EnrollmentStatus.ATTENDED if attended else EnrollmentStatus.NO_SHOW
        now = self._clock()
        with self._factory.begin() as s:
            session_id = s.scalar(
                select(Enrollment.session_id).where(Enrollment.id == enrollment_id)
            )
            if session_id is None:
                raise TrainingError(_("We could not find that sign-up."))
            self._lock_session(s, session_id)
            row = self._load_enrollment(s, enrollment_id)
            if row.status not in SEATED:
                raise TrainingError(
                    _("Only a woman with a seat in the session can be marked present or absent.")
                )
            row.status = new
            row.updated_at = now
            s.flush()
            info = self._enrollment_info(s, row.id)
        log.info("enrollment %d marked %s", enrollment_id, new.value)
        return info

    def to_call(self) -> list[CallEntry]:
        """Women promoted from the waitlist whom staff have not called yet, for sessions not
        over, the longest waiting first."""
        now = self._clock()
        with self._factory() as s:
            rows = s.execute(
                select(Enrollment, Member, TrainingSession, Training)
                .join(Member, Member.id == Enrollment.member_id)
                .join(TrainingSession, TrainingSession.id == Enrollment.session_id)
                .join(Training, Training.id == TrainingSession.training_id)
                .where(
                    Enrollment.status == EnrollmentStatus.ENROLLED,
                    Enrollment.promoted_at.is_not(None),
                    Enrollment.called_at.is_(None),
                    TrainingSession.ends_at > now,
                )
                .order_by(Enrollment.promoted_at, Enrollment.id)
            ).all()
            return [
                CallEntry(
                    enrollment_id=e.id,
                    member_id=m.id,
                    name=m.name,
                    phone=m.phone or "",
                    session_id=ts.id,
                    training_title=t.title,
                    starts_at=ts.starts_at,
                    place=ts.place,
                    childcare=e.childcare_reserved,
                    promoted_at=cast(datetime, e.promoted_at),
                    childcare_wanted=e.childcare_wanted,
                )
                for e, m, ts, t in rows
            ]

    def mark_called(self, enrollment_id: int) -> None:
        """Staff told her she has a seat: she leaves the "call her" list (calling twice is
        harmless)."""
        now = self._clock()
        with self._factory.begin() as s:
            to_call = (
                Enrollment.id == enrollment_id,
                Enrollment.promoted_at.is_not(None),
                Enrollment.called_at.is_(None),
            )
            done = update_where(s, Enrollment, to_call, called_at=now)
            if not done and s.get(Enrollment, enrollment_id) is None:
                raise TrainingError(_("We could not find that sign-up."))
        if done:
            log.info("enrollment %d called", enrollment_id)
