"""A savings group's meeting at the desk, step by step, with no widget in it.

Groups → the meeting (open it, or continue the one left open) → each woman in turn: came or
not, shares (0 to the cycle's most), then social fund, her loan payment and a fine switched on
or off, a new loan → close with the cash count → passbooks and the summary printed. A tanda's
meeting is a round: each woman who paid, then the pot. Corrections and the share-out at the end
of a cycle. The flow talks to the savings service and tells its pages what to show; every rule
(limits, the box, the schedule) is the service's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from kiosk.i18n import _, format_day, ngettext
from kiosk.services.savings import (
    GroupInfo,
    MeetingInfo,
    MemberLine,
    MovementLine,
    SavingsError,
    SavingsKind,
    SavingsService,
    ShareOut,
    money,
    schedule,
    service_charge,
)
from kiosk.services.staff import StaffInfo
from kiosk.ui.areas.flow_parts import Resets, Shows
from kiosk.ui.areas.savings.common import Choice
from kiosk.ui.pages.base import Shell


@dataclass
class Views:
    """The pages the flow repaints; the real ones are set when the area is built."""

    meeting: Shows
    turn: Shows
    cash: Resets


@dataclass
class Turn:
    """Her turn as filled in so far; written at once when the treasurer touches Save."""

    step: str = "present"
    shares: int = 0
    extras: dict[str, bool] = field(default_factory=dict)
    loan: tuple[int, int] | None = None  # centavos, months: granted on the loan page
    resume: bool = False  # back from the loan page: her turn as it was


@dataclass(frozen=True)
class LoanPlan:
    """A loan's payments as shown (one line a payment and the total) and as said."""

    lines: list[str]
    total: str
    said: str


@dataclass(frozen=True)
class Desk:
    """What the savings flows are handed: the window, the service, the printer for slips, who
    is signed in at the desk (her id for the audit events)."""

    shell: Shell
    service: SavingsService
    print_slip: Callable[[str], None]
    staff_id: Callable[[], int | None]
    signed_in: Callable[[], StaffInfo | None]


class SavingsSteps:
    """What the savings flows share: the desk, the service's sentences shown, the groups."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.shell, self.service = desk.shell, desk.service
        self.print_slip, self.staff_id = desk.print_slip, desk.staff_id
        self.reset()

    def reset(self) -> None:
        """Forget what the visit chose."""

    def tell(self, error: SavingsError, icon: str | None = None) -> None:
        """The service's sentence, shown with ``icon`` (what it is about) and spoken."""
        self.shell.show_error(str(error), icon)

    def treasurer_id(self) -> int | None:
        """Her staff id when a treasurer is signed in: then only her group is shown."""
        person = self.desk.signed_in()
        return person.id if person is not None and person.is_treasurer else None

    def groups(self) -> list[GroupInfo]:
        mine = self.treasurer_id()
        if mine is None:
            return self.service.groups()
        return self.service.groups(treasurer_staff_id=mine)


class SavingsFlow(SavingsSteps):
    """The meeting pages and what they share: the group, meeting and woman shown, her turn."""

    views: Views | None = None

    def reset(self) -> None:
        self.group: GroupInfo | None = None
        self.meeting: MeetingInfo | None = None
        self.woman: MemberLine | None = None
        self.turn = Turn()
        self.correcting: MemberLine | None = None  # whose movements are listed to correct
        self.movement: MovementLine | None = None  # the one being corrected
        self.share_out: ShareOut | None = None  # the payouts shown before the treasurer agrees
        self.spoken: dict[str, str] = {}  # what is said of each extra as it is now

    def _say(self, text: str) -> None:
        self.shell.speaker.say(text)

    def _repaint(self, name: str) -> None:
        if name == "meeting":
            self.refresh_meeting()
        if self.views is not None:
            getattr(self.views, name).entered()

    # --- the group and its meeting ----------------------------------------------------------

    def choose_group(self, group: GroupInfo) -> None:
        self.group = group
        self.meeting = self.service.current_meeting(group.id)
        self.shell.open("staff_savings_meeting")

    def refresh_meeting(self) -> None:
        if self.group is not None:
            self.group = self.service.group(self.group.id)
            self.meeting = self.service.current_meeting(self.group.id)

    def is_kind(self, kind: SavingsKind) -> bool:
        return self.group is not None and self.group.kind is kind

    def round_done(self) -> bool:
        """A tanda's pot is taken this round (the meeting's action is then to close it)."""
        if self.meeting is None or not self.is_kind(SavingsKind.TANDA):
            return False
        return self.service.tanda_round(self.meeting.id).pot_taken

    def title(self) -> str:
        group, meeting = self.group, self.meeting
        if group is None:
            return _("Savings")
        if meeting is None:
            return group.name
        return _("{group}: meeting {n}").format(group=group.name, n=meeting.number)

    def done(self, woman: MemberLine) -> bool:
        return self.meeting is not None and woman.membership_id in self.meeting.done

    def women(self) -> tuple[MemberLine, ...]:
        return self.group.members if self.group else ()

    def name_of(self, membership_id: int | None) -> str:
        return next((w.name for w in self.women() if w.membership_id == membership_id), "") or ""

    def action(self) -> None:
        """The meeting's first tile: open it, give a tanda's pot, or close it with the count."""
        group, meeting = self.group, self.meeting
        if group is None:
            return
        try:
            if meeting is None:
                self.service.open_meeting(group.id, self.service.today(), staff_id=self.staff_id())
            elif group.kind is SavingsKind.TANDA and not self.round_done():
                state = self.service.tanda_take_pot(meeting.id, staff_id=self.staff_id())
                taker = self.name_of(state.receiver_membership_id)
                if taker:
                    self._say(_("{name} takes the pot.").format(name=taker))
            else:
                self.shell.open("staff_savings_cash")
                return
        except SavingsError as error:
            self.tell(error)
            return
        self._repaint("meeting")
        self._say(self.title())

    def more(self) -> None:
        """A caja's second tile: correct a movement of the open meeting, or the share-out."""
        group = self.group
        if group is None:
            return
        if self.meeting is not None:
            self.correcting = None
            self.shell.open("staff_savings_correct")
            return
        try:  # the payouts as they would be: nothing is written before ✓
            self.share_out = self.service.share_out(
                group.id, staff_id=self.staff_id(), check_only=True
            )
        except SavingsError as error:
            self.tell(error, "misc.money")
            return
        self.shell.open("staff_savings_share_out")

    def choose_woman(self, woman: MemberLine) -> None:
        """A tanda: she paid. A caja: her turn, from its first step."""
        group, meeting = self.group, self.meeting
        if group is None or meeting is None:
            return
        if group.kind is SavingsKind.TANDA:
            try:
                self.service.tanda_pay(meeting.id, woman.membership_id)
            except SavingsError as error:
                self.tell(error)
                return
            self._say(_("{name} paid.").format(name=woman.name))
            self._repaint("meeting")
            return
        if woman.membership_id in meeting.done:
            self.shell.show_message(
                _("Her turn is already recorded at this meeting."), "action.yes"
            )
            return
        self.woman = woman
        self.turn = Turn()
        self.shell.open("staff_savings_turn")

    # --- her turn ---------------------------------------------------------------------------

    def start_turn(self) -> None:
        """Her turn page opens: as it was when back from the loan page, else from the start."""
        if self.turn.resume:
            self.turn.resume = False
        else:
            self.turn = Turn()

    def turn_values(self, *, present: bool = True) -> dict[str, Any]:
        """Her turn as filled in so far, as record_turn takes it (with the loan granted)."""
        group, woman, turn = self.group, self.woman, self.turn
        assert group is not None and woman is not None
        rules, on = group.rules, turn.extras.get
        loan_cents, loan_months = turn.loan if present and turn.loan else (0, 0)
        if not present:
            nothing = ("shares", "social_fund_cents", "fine_cents", "repayment_cents", "loan_cents")
            return {"present": False, "loan_months": 0} | dict.fromkeys(nothing, 0)
        return {
            "present": True,
            "shares": turn.shares,
            "social_fund_cents": rules.social_fund_cents if on("social") else 0,
            "fine_cents": rules.fine_late_cents if on("fine") else 0,
            "repayment_cents": self._due(woman) if on("repay") else 0,
            "loan_cents": loan_cents,
            "loan_months": loan_months,
        }

    def _due(self, woman: MemberLine) -> int:
        """Her next payment on her oldest loan (0 when she owes nothing)."""
        loans = self.service.member_balance(woman.membership_id).loans
        return loans[0].next_due_cents if loans else 0

    def turn_step(self) -> tuple[str, list[Choice]]:
        """The question of her turn's step and its choices (at most six)."""
        group, woman = self.group, self.woman
        if group is None or woman is None:
            return "", []  # no woman chosen: no empty tiles to touch
        if self.turn.step == "present":
            return _("Did she come?"), [
                Choice("action.yes", _("She came"), _("She came"), self.came),
                Choice("action.no", _("She did not come"), _("She did not come"), self.absent),
            ]
        if self.turn.step == "shares":
            return _("How many shares?"), [
                self._shares_choice(n, group.rules.share_cents)
                for n in range(group.rules.max_shares + 1)
            ]
        return _("What else does she pay?"), self._extras(group, woman)

    def _shares_choice(self, n: int, share_cents: int) -> Choice:
        words = ngettext("{n} share", "{n} shares", n).format(n=n)
        # Each count its own picture, the digit she can read.
        return Choice(
            f"number.{n}", f"{words}\n{money(n * share_cents)}", words, partial(self.shares, n)
        )

    def _switch(self, key: str, icon: str, words: str) -> Choice:
        # The picture stays the item's; "✓" in front says it is on, and the voice says so.
        on = self.turn.extras.setdefault(key, key == "social")
        spoken = (_("{what}: yes") if on else _("{what}: no")).format(what=words)
        self.spoken[key] = spoken
        return Choice(icon, ("✓ " if on else "") + words, spoken, partial(self.flip, key))

    def _extras(self, group: GroupInfo, woman: MemberLine) -> list[Choice]:
        rules = group.rules
        found: list[Choice] = []
        if rules.social_fund_cents:
            words = _("Social fund {amount}").format(amount=money(rules.social_fund_cents))
            found.append(self._switch("social", "misc.people", words))
        due = self._due(woman)
        if due:
            words = _("Pays {amount}").format(amount=money(due))
            found.append(self._switch("repay", "misc.money", words))
        if rules.fine_late_cents:
            words = _("Fine {amount}").format(amount=money(rules.fine_late_cents))
            found.append(self._switch("fine", "action.warning", words))
        if rules.loan_multiple and rules.max_loan_months:
            if self.turn.loan:
                words = _("Loan {amount}").format(amount=money(self.turn.loan[0]))
                spoken = _("{what}: yes").format(what=words)
                found.append(Choice("need.negocio", f"✓ {words}", spoken, self.no_loan))
            else:
                found.append(
                    Choice("need.negocio", _("New loan"), _("She asks for a loan"), self.ask_loan)
                )
        found.append(Choice("action.yes", _("Save"), _("Save her turn"), self.save))
        return found

    def _next(self, step: str) -> None:
        self.turn.step = step
        self._repaint("turn")
        self._say(self.turn_step()[0])

    def came(self) -> None:
        self._next("shares")

    def shares(self, n: int) -> None:
        self.turn.shares = n
        self._next("extras")

    def flip(self, key: str) -> None:
        self.turn.extras[key] = not self.turn.extras.get(key, False)
        self.turn_step()  # what is said of it now
        self._repaint("turn")
        self._say(self.spoken.get(key, ""))

    def ask_loan(self) -> None:
        self.turn.resume = True
        self.shell.open("staff_savings_loan")

    def no_loan(self) -> None:
        self.turn.loan = None
        self._repaint("turn")
        self._say(_("No loan."))

    def absent(self) -> None:
        self._record(present=False)

    def save(self) -> None:
        self._record(present=True)

    def _record(self, *, present: bool) -> None:
        meeting, woman = self.meeting, self.woman
        if self.group is None or meeting is None or woman is None:
            return
        try:
            self.service.record_turn(
                meeting.id,
                woman.membership_id,
                **self.turn_values(present=present),
                staff_id=self.staff_id(),
            )
        except SavingsError as error:
            self.tell(error)
            return
        self.turn = Turn()
        self._say(_("Saved."))
        self.shell.open("staff_savings_meeting")

    # --- her new loan -----------------------------------------------------------------------

    def check_loan(self, cents: int, months: int) -> bool:
        """The whole turn with this loan, checked by the service and not written: her limit,
        the box and the rules are the ones her turn will meet when it is saved."""
        meeting, woman = self.meeting, self.woman
        if meeting is None or woman is None:
            return False
        turn = self.turn_values() | {"loan_cents": cents, "loan_months": months}
        try:
            self.service.record_turn(meeting.id, woman.membership_id, **turn, check_only=True)
        except SavingsError as error:
            self.tell(error, "need.negocio")
            return False
        return True

    def most_months(self) -> int:
        return self.group.rules.max_loan_months if self.group else 0

    def loan_plan(self, cents: int, months: int) -> LoanPlan:
        """Her payments for this loan, by the group's rules, from the meeting's day."""
        assert self.group is not None and self.meeting is not None
        charge = service_charge(cents, self.group.rules.charge_bp, months)
        plan = schedule(cents, charge, months, self.meeting.held_on)
        total = _("In all {amount}, with {charge} of service charge.").format(
            amount=money(cents + charge), charge=money(charge)
        )
        said = [
            _("She borrows {amount}.").format(amount=money(cents)),
            *(
                _("She pays {amount} on {day}.").format(
                    amount=money(p.amount_cents), day=format_day(p.due_on)
                )
                for p in plan
            ),
            total,
        ]
        lines = [f"{format_day(p.due_on)}: {money(p.amount_cents)}" for p in plan]
        return LoanPlan(lines, total, " ".join(said))

    def grant_loan(self, cents: int, months: int) -> None:
        self.turn.loan = (cents, months)
        self.turn.resume = True
        self._say(_("The loan is ready. Touch Save to write her turn."))
        self.shell.open("staff_savings_turn")

    # --- the close --------------------------------------------------------------------------

    def box_cents(self) -> int | None:
        """What the ledger says the box holds."""
        return self.service.balances(self.group.id).box_cents if self.group else None

    def close(self, pesos: int) -> None:
        """Close the meeting with the pesos counted; passbooks for who came and the summary."""
        meeting = self.meeting
        if meeting is None:
            return
        try:
            closed = self.service.close_meeting(meeting.id, pesos * 100, staff_id=self.staff_id())
        except SavingsError as error:
            if self.views is not None:
                self.views.cash.reset()
            self.tell(error)
            return
        missed = self.service.missed(closed.id)
        for membership_id in closed.done:
            if membership_id not in missed:
                self.print_slip(self.service.print_passbook(closed.id, membership_id))
        self.print_slip(self.service.print_summary(closed.id))
        self._say(_("The meeting is closed. The passbooks are printing."))
        self.meeting = None
        self.shell.open("staff_savings")

    # --- corrections ------------------------------------------------------------------------

    def to_correct(self) -> list[MemberLine] | list[MovementLine]:
        """The women with a movement at this meeting, or the chosen woman's movements."""
        lines = self.service.meeting_movements(self.meeting.id) if self.meeting else []
        if self.correcting is not None:
            mine = self.correcting.membership_id
            return [m for m in lines if m.membership_id == mine]
        touched = {m.membership_id for m in lines}
        women = self.group.members if self.group else ()
        return [w for w in women if w.membership_id in touched]

    def choose_to_correct(self, item: MemberLine | MovementLine) -> None:
        if isinstance(item, MovementLine):
            self.movement = item
            self.shell.open("staff_savings_reason")
            return
        self.correcting = item
        self.shell.open("staff_savings_correct")  # her name in the header, said with what to do

    def ask_correct(self, reason: str, what: str) -> None:
        """Asked first: the reversing entry is made after ✓."""
        if self.movement is None:
            return
        self.shell.confirm(
            _("Cancel {what}? {reason}.").format(what=what, reason=reason),
            "action.erase",
            lambda yes: self.correct(reason) if yes else None,
        )

    def correct(self, reason: str) -> None:
        line = self.movement
        if line is None:
            return
        try:
            self.service.correct(line.id, reason, staff_id=self.staff_id())
        except SavingsError as error:
            self.tell(error, "action.erase")
            return
        self.movement = None
        self._say(_("Corrected. The movement is cancelled."))
        self.shell.open("staff_savings_meeting")

    # --- the share-out ----------------------------------------------------------------------

    def do_share_out(self) -> None:
        """Share out, print each woman's slip and the group's summary; the next cycle opens."""
        group = self.group
        if group is None:
            return
        last = self.service.last_meeting(group.id)
        try:
            result = self.service.share_out(group.id, staff_id=self.staff_id())
        except SavingsError as error:
            self.tell(error, "misc.money")
            return
        self.share_out = None
        for number in self.service.print_share_out(result):
            self.print_slip(number)
        if last is not None:  # the group's summary: the box at the cycle's last meeting
            self.print_slip(self.service.print_summary(last.id))
        self.refresh_meeting()
        cycle = self.group.cycle_number if self.group else 0
        self._say(_("Shared out. The slips are printing. Cycle {n} is open.").format(n=cycle))
        self.shell.open("staff_savings_meeting")
