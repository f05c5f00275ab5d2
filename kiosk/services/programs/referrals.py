"""Referrals and their follow-up (the closed loop)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from kiosk.data.models import (
    Member,
    Referral,
    ReferralStatus,
    Service,
    ServiceStatus,
    StaffUser,
    utcnow,
)
from kiosk.i18n import _
from kiosk.services import count_rows
from kiosk.services.drafts import choice
from kiosk.services.programs.common import (
    FOLLOW_UP_MAX_DAYS,
    NOTE_MAX,
    OPEN_STATUSES,
    REASON_MAX,
    ProgramError,
    ProgramNotFound,
    ReferralInfo,
    log,
    program_entry_points,
)
from kiosk.services.programs.directory import Directory
from kiosk.services.programs.rows import referral_info
from kiosk.text import paragraphs


@program_entry_points
class Referrals(Directory):
    # --- referrals ------------------------------------------------------------------------

    def refer(
        self,
        member_id: int,
        service_id: int,
        *,
        reason: str,
        follow_up_days: int,
        staff_id: int | None = None,
    ) -> ReferralInfo:
        """Send a member to an active program. An open referral of hers to the same program
        is updated (new reason and follow-up day) instead of adding a second one."""
        reason = _written(
            reason, REASON_MAX, _("The reason is too long; use at most {limit} letters.")
        )
        if not reason:
            raise ProgramError(_("Choose or write why she is being sent."))
        if not 1 <= follow_up_days <= FOLLOW_UP_MAX_DAYS:
            raise ProgramError(_("Choose when to call her: in 1 week, 2 weeks or 1 month."))
        follow_up = self._today() + timedelta(days=follow_up_days)
        now = utcnow()
        with self._factory.begin() as s:
            # Her row locked: two desks referring her at once queue here (SQLite: the write
            # transaction is already exclusive), so the open-referral check below holds.
            member = s.get(Member, member_id, with_for_update=True)
            if member is None or member.erased_at is not None:
                raise ProgramError(_("That member is not registered. Ask her to sign in again."))
            service = s.get(Service, service_id)
            if service is None or service.status != ServiceStatus.ACTIVE:
                raise ProgramNotFound(_("This program is not offered now. Look at another one."))
            referral = _open_referral(s, member_id, service_id)
            if referral is None:
                referral = Referral(
                    member_id=member_id,
                    service_id=service_id,
                    status=ReferralStatus.NOT_UPDATED,
                    created_at=now,
                )
                s.add(referral)
            referral.reason = reason
            referral.follow_up_on = follow_up
            referral.staff_id = staff_id or referral.staff_id
            referral.updated_at = now
            s.flush()
            staff = s.get(StaffUser, referral.staff_id) if referral.staff_id else None
            info = referral_info(referral, member, service, staff)
        log.info("referral %d to program %d", info.id, service_id)
        return info

    def referral(self, referral_id: int) -> ReferralInfo:
        with self._factory() as s:
            referral = s.get(Referral, referral_id)
            if referral is None:
                raise ProgramError(_("That referral does not exist any more."))
            return self._info(s, referral)

    @staticmethod
    def _info(s: Session, referral: Referral) -> ReferralInfo:
        member = s.get(Member, referral.member_id)
        service = s.get(Service, referral.service_id)
        assert member is not None and service is not None
        staff = s.get(StaffUser, referral.staff_id) if referral.staff_id else None
        return referral_info(referral, member, service, staff)

    def _due(self) -> list[ColumnElement[bool]]:
        # A woman who asked for her data to be erased cannot be called: not on the list.
        erased = select(Member.id).where(Member.erased_at.is_not(None))
        return [
            Referral.status.in_(list(OPEN_STATUSES)),
            Referral.follow_up_on <= self._today(),
            Referral.member_id.not_in(erased),
        ]

    def due_count(self) -> int:
        """Open referrals whose follow-up day has come (the desk's "Seguimiento: N")."""
        with self._factory() as s:
            return count_rows(s, Referral, *self._due())

    def due_referrals(self, limit: int = 200) -> list[ReferralInfo]:
        """Open referrals due for follow-up, the longest waiting first."""
        with self._factory() as s:
            rows = s.scalars(
                select(Referral)
                .where(*self._due())
                .order_by(Referral.follow_up_on, Referral.id)
                .limit(limit)
            ).all()
            return [self._info(s, referral) for referral in rows]

    def member_referrals(self, member_id: int) -> list[ReferralInfo]:
        """A member's referrals, newest first (for her record at the staff desk)."""
        with self._factory() as s:
            rows = s.scalars(
                select(Referral)
                .where(Referral.member_id == member_id)
                .order_by(Referral.created_at.desc(), Referral.id.desc())
            ).all()
            return [self._info(s, referral) for referral in rows]

    def record_outcome(
        self,
        referral_id: int,
        status: ReferralStatus,
        *,
        note: str = "",
        follow_up_days: int | None = None,
        staff_id: int | None = None,
    ) -> ReferralInfo:
        """What the follow-up call found. A status that keeps the loop open (pending, needs
        action) needs the next follow-up in ``follow_up_days``; any other closes it. A referral
        another desk closed meanwhile is not changed again."""
        chosen = choice(ReferralStatus, status)
        if chosen is None or chosen == ReferralStatus.NOT_UPDATED:
            raise ProgramError(_("Choose what happened with the referral."))
        note = _written(note, NOTE_MAX, _("The note is too long; use at most {limit} letters."))
        keeps_open = chosen in OPEN_STATUSES
        if keeps_open and (follow_up_days is None or not 1 <= follow_up_days <= FOLLOW_UP_MAX_DAYS):
            raise ProgramError(_("Choose when to call her again."))
        with self._factory.begin() as s:
            referral = s.get(Referral, referral_id, with_for_update=True)
            if referral is None:
                raise ProgramError(_("That referral does not exist any more."))
            if referral.status not in OPEN_STATUSES:
                raise ProgramError(_("Someone already recorded how this referral ended."))
            referral.status = chosen
            if note:
                referral.outcome_note = note
            if keeps_open:
                assert follow_up_days is not None
                referral.follow_up_on = self._today() + timedelta(days=follow_up_days)
            if staff_id is not None:
                referral.staff_id = staff_id
            referral.updated_at = utcnow()
            s.flush()
            info = self._info(s, referral)
        log.info("referral %d: %s", referral_id, chosen.value)
        return info


def _written(text: str, limit: int, too_long: str) -> str:
    """What staff wrote, cleaned; ``too_long`` (naming ``{limit}``) when it passes ``limit``."""
    cleaned = paragraphs(text)
    if len(cleaned) > limit:
        raise ProgramError(too_long.format(limit=limit))
    return cleaned


def _open_referral(s: Session, member_id: int, service_id: int) -> Referral | None:
    """Her open referral to that program, if she has one (her row is locked)."""
    return s.scalar(
        select(Referral)
        .where(
            Referral.member_id == member_id,
            Referral.service_id == service_id,
            Referral.status.in_(list(OPEN_STATUSES)),
        )
        .order_by(Referral.id)
        .limit(1)
    )
