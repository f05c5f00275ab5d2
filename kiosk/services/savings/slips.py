"""The savings slips: passbook, meeting summary, tanda card and share-out."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from kiosk.data.models import (
    MovementKind,
    SavingsCycle,
    SavingsGroup,
    SavingsMeeting,
    SavingsMembership,
    SavingsMovement,
    SavingsTurn,
    VoucherKind,
)
from kiosk.i18n import _
from kiosk.services.savings.base import SavingsBase
from kiosk.services.savings.common import (
    MONEY_IN,
    SavingsError,
    ShareOut,
    savings_entry_points,
)
from kiosk.slip_options import SlipOptions
from kiosk.vouchers.savings import (
    MeetingSummarySlip,
    PassbookSlip,
    ShareOutSlip,
    TandaCardSlip,
    meeting_summary,
    passbook,
    share_out_slip,
    tanda_card,
)


@savings_entry_points
class Slips(SavingsBase):
    def passbook_slip(self, meeting_id: int, membership_id: int) -> PassbookSlip:
        """Her passbook as it stands after a meeting: the stamps of her last six meetings."""
        with self._factory() as s:
            meeting = self._get_meeting(s, meeting_id)
            membership = self._membership(s, meeting.group_id, membership_id)
            group = s.get(SavingsGroup, meeting.group_id)
            cycle = s.get(SavingsCycle, meeting.cycle_id)
            assert group is not None and cycle is not None
            balance = self._balance(s, membership, cycle.id, meeting.held_on)
            per_meeting = dict(
                s.execute(
                    select(
                        SavingsMeeting.number, func.coalesce(func.sum(SavingsMovement.shares), 0)
                    )
                    .join(SavingsMovement, SavingsMovement.meeting_id == SavingsMeeting.id)
                    .where(
                        SavingsMeeting.cycle_id == cycle.id,
                        SavingsMovement.membership_id == membership.id,
                        SavingsMovement.kind == MovementKind.SHARE,
                    )
                    .group_by(SavingsMeeting.number)
                ).all()
            )
            first = max(1, meeting.number - 5)
            paid_today = self._sum(
                s,
                membership_id=membership.id,
                kinds=MONEY_IN,
                cycle_id=cycle.id,
                meeting_id=meeting.id,
            )
            loan = balance.loans[0] if balance.loans else None
            return PassbookSlip(
                group_name=group.name,
                member_name=balance.name,
                meeting_number=meeting.number,
                held_on=meeting.held_on,
                max_shares=cycle.max_shares,
                stamps=tuple(
                    (n, max(0, int(per_meeting.get(n, 0))))
                    for n in range(first, meeting.number + 1)
                ),
                shares=balance.shares,
                savings_cents=balance.savings_cents,
                social_fund_cents=balance.social_fund_cents,
                paid_today_cents=paid_today,
                loan_left_cents=balance.owes_cents,
                next_due_on=loan.next_due_on if loan else None,
                next_due_cents=loan.next_due_cents if loan else 0,
            )

    def print_passbook(self, meeting_id: int, membership_id: int) -> str:
        """Her passbook slip, stored to print: its voucher number."""
        data = self.passbook_slip(meeting_id, membership_id)
        return self._issue(VoucherKind.PASSBOOK, passbook, data, "savings_members", membership_id)

    def summary_slip(self, meeting_id: int) -> MeetingSummarySlip:
        """The treasurer's summary of a closed meeting."""
        with self._factory() as s:
            meeting = self._get_meeting(s, meeting_id)
            if meeting.closed_at is None or meeting.counted_cents is None:
                raise SavingsError(_("Close the meeting with the cash count first."))
            group = s.get(SavingsGroup, meeting.group_id)
            assert group is not None

            def here(*kinds: MovementKind, column: Any = None) -> int:
                return self._sum(s, kinds=kinds, meeting_id=meeting.id, column=column)

            present = s.scalar(
                select(func.count(SavingsTurn.id)).where(
                    SavingsTurn.meeting_id == meeting.id, SavingsTurn.present.is_(True)
                )
            )
            balances = self._balances(s, meeting.group_id)
            return MeetingSummarySlip(
                group_name=group.name,
                meeting_number=meeting.number,
                held_on=meeting.held_on,
                present=present or 0,
                members=len(self._memberships(s, meeting.group_id)),
                shares=here(MovementKind.SHARE, column=SavingsMovement.shares),
                savings_in_cents=here(MovementKind.SHARE),
                social_fund_in_cents=here(MovementKind.SOCIAL_FUND),
                repaid_cents=here(MovementKind.REPAYMENT, MovementKind.SERVICE_CHARGE),
                fines_cents=here(MovementKind.FINE),
                lent_cents=here(MovementKind.LOAN_OUT),
                expected_cents=meeting.expected_cents or 0,
                counted_cents=meeting.counted_cents,
                difference_reason=meeting.difference_reason,
                social_fund_cents=balances.social_fund_cents,
                loans_outstanding_cents=balances.loans_outstanding_cents,
            )

    def print_summary(self, meeting_id: int) -> str:
        data = self.summary_slip(meeting_id)
        return self._issue(
            VoucherKind.SAVINGS_SUMMARY, meeting_summary, data, "savings_meetings", meeting_id
        )

    def tanda_card_slip(self, membership_id: int) -> TandaCardSlip:
        """Her tanda card: every turn with its round's date (from the group's first round,
        or from today when none was held yet) and hers marked."""
        with self._factory() as s:
            membership = s.get(SavingsMembership, membership_id)
            if membership is None:
                raise SavingsError(_("She is not in this group."))
            group = s.get(SavingsGroup, membership.group_id)
            assert group is not None
            cycle = self._open_cycle(s, group.id)
            first = (
                s.scalar(
                    select(SavingsMeeting.held_on).where(
                        SavingsMeeting.cycle_id == cycle.id, SavingsMeeting.number == 1
                    )
                )
                or self._today()
            )
            memberships = self._memberships(s, group.id)
            names = self._names(s, memberships)
            return TandaCardSlip(
                group_name=group.name,
                member_name=names[membership.id],
                contribution_cents=cycle.share_cents,
                pot_cents=cycle.share_cents * len(memberships),
                her_turn=membership.position,
                turns=tuple(
                    (
                        m.position,
                        names[m.id],
                        first + timedelta(days=group.frequency_days * (m.position - 1)),
                    )
                    for m in memberships
                ),
            )

    def print_tanda_card(self, membership_id: int) -> str:
        data = self.tanda_card_slip(membership_id)
        return self._issue(
            VoucherKind.TANDA_CARD, tanda_card, data, "savings_members", membership_id
        )

    def _issue(
        self,
        kind: VoucherKind,
        draw: Callable[[Any, str, SlipOptions], bytes],
        data: object,
        table: str,
        subject_id: int,
    ) -> str:
        """The slip stored to print (drawn with the station's paper): its voucher number."""
        voucher = self.vouchers.issue(
            kind,
            lambda number: draw(data, number, self._options()),
            subject_table=table,
            subject_id=subject_id,
        )
        return voucher.number

    def share_out_slips(self, result: ShareOut) -> list[ShareOutSlip]:
        """A slip per woman of a share-out just done."""
        with self._factory() as s:
            group = s.get(SavingsGroup, result.group_id)
            cycle = s.get(SavingsCycle, result.cycle_id)
            assert group is not None and cycle is not None
            slips = []
            for p in result.payouts:
                saved = self._sum(
                    s, membership_id=p.membership_id, cycle_id=cycle.id, kinds=(MovementKind.SHARE,)
                )
                slips.append(
                    ShareOutSlip(
                        group_name=group.name,
                        member_name=p.name,
                        cycle_number=cycle.number,
                        shares=p.shares,
                        savings_cents=saved,
                        payout_cents=p.amount_cents,
                    )
                )
            return slips

    def print_share_out(self, result: ShareOut) -> list[str]:
        numbers = []
        for p, data in zip(result.payouts, self.share_out_slips(result), strict=True):
            voucher = self.vouchers.issue(
                VoucherKind.SHARE_OUT,
                functools.partial(self._share_out_pdf, data),
                subject_table="savings_members",
                subject_id=p.membership_id,
            )
            numbers.append(voucher.number)
        return numbers

    def _share_out_pdf(self, data: ShareOutSlip, number: str) -> bytes:
        return share_out_slip(data, number, self._options())
