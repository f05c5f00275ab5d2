"""The share-out at a cycle's end, and a tanda's rounds."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.data.models import (
    MovementKind,
    SavingsCycle,
    SavingsKind,
    SavingsMeeting,
    SavingsMovement,
    SavingsTurn,
)
from kiosk.i18n import _
from kiosk.services.savings.base import SavingsBase
from kiosk.services.savings.common import (
    Balances,
    Payout,
    Rules,
    SavingsError,
    ShareOut,
    TandaRound,
    _check_rules,
    _rules,
    log,
    money,
    savings_entry_points,
    split,
)


@savings_entry_points
class ShareOuts(SavingsBase):
    def share_out(
        self,
        group_id: int,
        *,
        rules: Rules | None = None,
        staff_id: int | None = None,
        check_only: bool = False,
    ) -> ShareOut:
        """End the cycle: each woman's part of the box (minus the social fund) in proportion
        to her shares, and the next cycle opened (with new rules if given). ``check_only``:
        the payouts as they would be, nothing written (shown before the treasurer agrees)."""
        with self._writing(commit=not check_only) as s:
            balances = self._ready_to_share(s, group_id, rules)
            cycle = self._open_cycle(s, group_id)
            to_share = balances.box_cents - balances.social_fund_cents
            memberships = self._memberships(s, group_id)
            shares = {
                m.id: self._sum(
                    s,
                    membership_id=m.id,
                    cycle_id=cycle.id,
                    kinds=(MovementKind.SHARE,),
                    column=SavingsMovement.shares,
                )
                for m in memberships
            }
            parts = split(max(0, to_share), shares)
            now = self._clock()
            for m in memberships:
                if parts[m.id]:
                    s.add(
                        _movement(
                            cycle, None, m.id, MovementKind.PAYOUT, parts[m.id], staff_id, now
                        )
                    )
            cycle.closed_at = now
            s.flush()
            nxt = self._new_cycle(s, group_id, cycle.number + 1, rules or _rules(cycle))
            s.flush()
            names = self._names(s, memberships)
            result = ShareOut(
                group_id=group_id,
                cycle_id=cycle.id,
                next_cycle_id=nxt.id,
                distributed_cents=sum(parts.values()),
                social_fund_cents=balances.social_fund_cents,
                payouts=tuple(
                    Payout(m.id, names[m.id], shares[m.id], parts[m.id]) for m in memberships
                ),
            )
        if not check_only:
            log.info("savings group %d: cycle %d shared out", group_id, result.cycle_id)
        return result

    def _ready_to_share(self, s: Session, group_id: int, rules: Rules | None) -> Balances:
        """A caja's cycle may end: no meeting open, every loan paid. Its balances."""
        group = self._lock_group(s, group_id)
        if group.kind is not SavingsKind.CAJA:
            raise SavingsError(_("A tanda has no share-out: each woman takes the pot in turn."))
        if rules is not None:
            _check_rules(rules, group.kind)
        if self._open_meeting(s, group_id) is not None:
            raise SavingsError(_("Close the meeting first, then do the share-out."))
        balances = self._balances(s, group_id)
        if balances.loans_outstanding_cents:
            raise SavingsError(
                _("Every loan must be paid before the share-out: {amount} is still owed.").format(
                    amount=money(balances.loans_outstanding_cents)
                )
            )
        return balances

    # --- tandas ---------------------------------------------------------------------------

    def tanda_pay(
        self, meeting_id: int, membership_id: int, *, staff_id: int | None = None
    ) -> TandaRound:
        """She puts this round's amount."""
        with self._factory.begin() as s:
            meeting, cycle = self._lock_open_meeting(s, meeting_id, SavingsKind.TANDA)
            membership = self._membership(s, meeting.group_id, membership_id)
            if s.scalar(
                select(SavingsTurn.id).where(
                    SavingsTurn.meeting_id == meeting.id, SavingsTurn.membership_id == membership.id
                )
            ):
                raise SavingsError(_("She already paid this round."))
            s.add(SavingsTurn(meeting_id=meeting.id, membership_id=membership.id, present=True))
            s.add(
                _movement(
                    cycle,
                    meeting,
                    membership.id,
                    MovementKind.TANDA_IN,
                    cycle.share_cents,
                    staff_id,
                    self._clock(),
                    shares=1,
                )
            )
            s.flush()
            return self._round(s, meeting)

    def tanda_take_pot(self, meeting_id: int, *, staff_id: int | None = None) -> TandaRound:
        """The woman whose turn it is takes what was put in this round."""
        with self._factory.begin() as s:
            meeting, cycle = self._lock_open_meeting(s, meeting_id, SavingsKind.TANDA)
            state = self._round(s, meeting)
            if state.pot_taken:
                raise SavingsError(_("The pot of this round was already taken."))
            if state.receiver_membership_id is None:
                raise SavingsError(_("Every woman already had her turn. Start a new tanda."))
            if state.pot_cents <= 0:
                raise SavingsError(_("Nobody has paid this round yet."))
            pot = state.pot_cents
            receiver = state.receiver_membership_id
            s.add(
                _movement(
                    cycle, meeting, receiver, MovementKind.TANDA_POT, pot, staff_id, self._clock()
                )
            )
            s.flush()
            return self._round(s, meeting)

    def tanda_round(self, meeting_id: int) -> TandaRound:
        with self._factory() as s:
            return self._round(s, self._get_meeting(s, meeting_id))

    def missed(self, meeting_id: int) -> list[int]:
        """Memberships marked as not having paid (a tanda) or absent (a caja) at a closed
        meeting."""
        with self._factory() as s:
            return list(
                s.scalars(
                    select(SavingsTurn.membership_id)
                    .where(SavingsTurn.meeting_id == meeting_id, SavingsTurn.present.is_(False))
                    .order_by(SavingsTurn.membership_id)
                )
            )


def _movement(
    cycle: SavingsCycle,
    meeting: SavingsMeeting | None,
    membership_id: int,
    kind: MovementKind,
    cents: int,
    staff_id: int | None,
    at: datetime,
    shares: int = 0,
) -> SavingsMovement:
    """A line of the group's book in this cycle (at a meeting, or at the share-out)."""
    return SavingsMovement(
        group_id=cycle.group_id,
        cycle_id=cycle.id,
        meeting_id=meeting.id if meeting is not None else None,
        membership_id=membership_id,
        kind=kind,
        amount_cents=cents,
        shares=shares,
        staff_id=staff_id,
        created_at=at,
    )
