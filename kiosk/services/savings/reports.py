"""The savings groups' report for the centre (and as CSV)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.data.models import (
    MovementKind,
    SavingsGroup,
    SavingsMeeting,
    SavingsTurn,
)
from kiosk.i18n import _
from kiosk.services import csv_text
from kiosk.services.savings.base import SavingsBase
from kiosk.services.savings.common import (
    AT_RISK_DAYS,
    GroupReport,
    savings_entry_points,
)
from kiosk.text import csv_cell


@savings_entry_points
class Reports(SavingsBase):
    def report(self, *, on: date | None = None) -> list[GroupReport]:
        """Each group's figures for its current cycle on ``on`` (today unless given), and last
        the centre's (every group summed)."""
        today = on or self._today()
        with self._factory() as s:
            groups = list(s.scalars(select(SavingsGroup).order_by(SavingsGroup.name)))
            found = [self._group_report(s, group, today) for group in groups]
        found.append(
            GroupReport(
                group_id=0,
                name=_("Centre"),
                kind=None,
                members=sum(g.members for g in found),
                savings_cents=sum(g.savings_cents for g in found),
                loans_outstanding_cents=sum(g.loans_outstanding_cents for g in found),
                at_risk_cents=sum(g.at_risk_cents for g in found),
                earned_cents=sum(g.earned_cents for g in found),
                turns=sum(g.turns for g in found),
                present=sum(g.present for g in found),
            )
        )
        return found

    def _group_report(self, s: Session, group: SavingsGroup, today: date) -> GroupReport:
        cycle = self._open_cycle(s, group.id)
        memberships = self._memberships(s, group.id)
        outstanding = at_risk = 0
        for m in memberships:
            for loan in self._loans(s, m.id, today):
                principal = loan.principal_cents - self._sum(
                    s, loan_id=loan.id, kinds=(MovementKind.REPAYMENT,)
                )
                outstanding += principal
                if loan.days_late > AT_RISK_DAYS:
                    at_risk += principal
        turns = dict(
            s.execute(
                select(SavingsTurn.present, func.count(SavingsTurn.id))
                .join(SavingsMeeting, SavingsMeeting.id == SavingsTurn.meeting_id)
                .where(
                    SavingsMeeting.cycle_id == cycle.id,
                    SavingsMeeting.closed_at.is_not(None),
                )
                .group_by(SavingsTurn.present)
            ).all()
        )
        return GroupReport(
            group_id=group.id,
            name=group.name,
            kind=group.kind,
            members=len(memberships),
            savings_cents=self._sum(
                s, group_id=group.id, cycle_id=cycle.id, kinds=(MovementKind.SHARE,)
            ),
            loans_outstanding_cents=outstanding,
            at_risk_cents=at_risk,
            earned_cents=self._sum(
                s,
                group_id=group.id,
                cycle_id=cycle.id,
                kinds=(MovementKind.SERVICE_CHARGE, MovementKind.FINE),
            ),
            turns=sum(turns.values()),
            present=turns.get(True, 0),
        )

    def report_csv(self, *, on: date | None = None) -> str:
        """The report for a spreadsheet: amounts in pesos, percentages as numbers. Save it as
        UTF-8 with a byte-order mark (``utf-8-sig``) so spreadsheets show the accents."""
        header = [
            _("Group"),
            _("Kind"),
            _("Members"),
            _("Savings"),
            _("Loans outstanding"),
            _("Late over 30 days"),
            _("Portfolio at risk (%)"),
            _("Return on savings (%)"),
            _("Attendance (%)"),
        ]
        return csv_text(
            header,
            (
                [
                    csv_cell(row.name),
                    row.kind.value if row.kind else "",
                    row.members,
                    f"{row.savings_cents / 100:.2f}",
                    f"{row.loans_outstanding_cents / 100:.2f}",
                    f"{row.at_risk_cents / 100:.2f}",
                    row.portfolio_at_risk if row.portfolio_at_risk is not None else "",
                    row.return_on_savings if row.return_on_savings is not None else "",
                    row.attendance if row.attendance is not None else "",
                ]
                for row in self.report(on=on)
            ),
        )
