"""Ahorro at the staff desk: the treasurer (with a staff PIN) runs a savings group's meeting.

Groups → the meeting (open it, or continue the one left open) → each woman in turn, her name
spoken: came or not, shares as stamp pictures (0 to the cycle's most), then social fund, her
loan payment and a fine as tiles to switch on or off → close with the cash count on a keypad →
passbooks and the summary printed. A tanda's meeting is a round: touch each woman who paid,
then give the pot. Each step is written at once, so a meeting cut off resumes where it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import N_, _, ngettext
from kiosk.services.savings import (
    GroupInfo,
    MeetingInfo,
    MemberLine,
    SavingsError,
    SavingsKind,
    SavingsService,
    money,
)
from kiosk.ui.pages.base import TITLE_PX, Page, Shell, body_label, choice_tile, tile_grid
from kiosk.ui.pages.staff import TilePage
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, NumericKeypad

SAVINGS_COLOUR = "#00695c"
SAVINGS_ICON = "need.ahorro"
# Each woman's tile has its own picture, by her place in the group (the pickup pictures the
# centre already uses), so a page of five never shows two women with the same picture.
WOMAN_PICTURES = (
    "pickup.flor",
    "pickup.sol",
    "pickup.mariposa",
    "pickup.estrella",
    "pickup.luna",
    "pickup.pajaro",
    "pickup.manzana",
    "pickup.arbol",
    "pickup.tortuga",
    "pickup.pez",
)


class SavingsDesk:
    """The savings pages and what they share: the service, the group, meeting and woman
    shown, and her turn being filled in."""

    def __init__(
        self,
        shell: Shell,
        service: SavingsService,
        print_slip: Callable[[str], None],
        staff_id: Callable[[], int | None],
        parent: QWidget | None = None,
    ) -> None:
        self.shell = shell
        self.service = service
        self.print_slip = print_slip
        self.staff_id = staff_id
        self.group: GroupInfo | None = None
        self.meeting: MeetingInfo | None = None
        self.woman: MemberLine | None = None
        self.groups_page = GroupsPage(shell, self, parent)
        self.meeting_page = MeetingPage(shell, self, parent)
        self.turn_page = TurnPage(shell, self, parent)
        self.cash_page = CashPage(shell, self, parent)

    def pages(self) -> list[Page]:
        return [self.groups_page, self.meeting_page, self.turn_page, self.cash_page]

    def reset(self) -> None:
        self.group = self.meeting = None
        self.woman = None

    def tell(self, error: SavingsError) -> None:
        self.shell.show_error(str(error))

    def choose_group(self, group: GroupInfo) -> None:
        self.group = group
        self.meeting = self.service.current_meeting(group.id)
        self.shell.open("staff_savings_meeting")

    def refresh_meeting(self) -> None:
        if self.group is not None:
            self.group = self.service.group(self.group.id)
            self.meeting = self.service.current_meeting(self.group.id)


class GroupsPage(TilePage):
    page_name = "staff_savings"
    icon_name = SAVINGS_ICON
    colour = SAVINGS_COLOUR
    tile_icon = SAVINGS_ICON
    staff_only = True
    savings_page = True
    empty_text = N_("No savings group yet.")

    def __init__(self, shell: Shell, desk: SavingsDesk, parent: QWidget | None = None) -> None:
        self.desk = desk
        super().__init__(shell, parent)

    def title(self) -> str:
        return _("Savings")

    def purpose(self) -> str:
        return _("Touch the group that meets now.")

    def lead_tiles(self) -> list[BigTile]:
        # New group, rules, turns and the report: kiosk.ui.pages.staff_savings_groups.
        self.groups_tile = choice_tile(
            self.shell, self, "savings_groups", "misc.people", colour=SAVINGS_COLOUR
        )
        self.groups_tile.activated.connect(lambda: self.shell.open("staff_savings_groups"))
        return [self.groups_tile]

    def entered(self) -> None:
        self.groups_tile.set_words(_("Groups"), _("New group, rules, turns and report"))
        super().entered()

    def items(self) -> list[object]:
        # A treasurer signed in with her own PIN sees her group only.
        person = self.shell.visit.staff
        if person is not None and person.is_treasurer:
            return list(self.desk.service.groups(treasurer_staff_id=person.id))
        return list(self.desk.service.groups())

    def words(self, item: Any) -> str:
        return str(item.name)

    def icon(self, item: Any) -> str:
        return "misc.people" if item.kind is SavingsKind.TANDA else SAVINGS_ICON

    def chosen(self, item: Any) -> None:
        self.desk.choose_group(item)


class MeetingPage(TilePage):
    """The meeting: one tile per woman (✓ once her turn is written), and the tile that opens
    the meeting, gives a tanda's pot or closes it with the cash count."""

    page_name = "staff_savings_meeting"
    icon_name = SAVINGS_ICON
    colour = SAVINGS_COLOUR
    tile_icon = "misc.people"
    staff_only = True
    savings_page = True
    per_page = 5

    def __init__(self, shell: Shell, desk: SavingsDesk, parent: QWidget | None = None) -> None:
        self.desk = desk
        super().__init__(shell, parent)
        self.action.activated.connect(self._action)

    def lead_tiles(self) -> list[BigTile]:
        # Built here: the list's grid asks for its lead tiles while it is being made.
        self.action = choice_tile(
            self.shell, self, "savings_action", "action.yes", colour=SAVINGS_COLOUR
        )
        return [self.action]

    def title(self) -> str:
        group, meeting = self.desk.group, self.desk.meeting
        if group is None:
            return _("Savings")
        if meeting is None:
            return group.name
        return _("{group}: meeting {n}").format(group=group.name, n=meeting.number)

    def purpose(self) -> str:
        if self.desk.meeting is None:
            return _("Touch Open to start the meeting.")
        if self.desk.group is not None and self.desk.group.kind is SavingsKind.TANDA:
            return _("Touch each woman who paid, then give the pot.")
        return _("Touch each woman in turn. Then close and count the box.")

    def entered(self) -> None:
        self.desk.refresh_meeting()
        self._show_action()
        super().entered()

    def _round_done(self) -> bool:
        group, meeting = self.desk.group, self.desk.meeting
        if group is None or meeting is None or group.kind is not SavingsKind.TANDA:
            return False
        return self.desk.service.tanda_round(meeting.id).pot_taken

    def _show_action(self) -> None:
        group, meeting = self.desk.group, self.desk.meeting
        if meeting is None:
            self.action.set_words(_("Open"), _("Open the meeting"))
            self.action.set_icon("action.yes")
        elif group is not None and group.kind is SavingsKind.TANDA and not self._round_done():
            self.action.set_words(_("Give the pot"), _("Give the pot to whose turn it is"))
            self.action.set_icon("misc.money")
        else:
            self.action.set_words(_("Close"), _("Close and count the box"))
            self.action.set_icon("need.negocio")

    def items(self) -> Sequence[object]:
        if self.desk.group is None or self.desk.meeting is None:
            return ()
        return self.desk.group.members

    def words(self, item: Any) -> str:
        done = self.desk.meeting is not None and item.membership_id in self.desk.meeting.done
        name = item.name or _("Member")
        return f"✓ {name}" if done else name

    def icon(self, item: Any) -> str:
        return WOMAN_PICTURES[(item.position - 1) % len(WOMAN_PICTURES)]

    def chosen(self, item: Any) -> None:
        group, meeting = self.desk.group, self.desk.meeting
        if group is None or meeting is None:
            return
        if group.kind is SavingsKind.TANDA:
            try:
                self.desk.service.tanda_pay(meeting.id, item.membership_id)
            except SavingsError as error:
                self.desk.tell(error)
                return
            self.shell.speaker.say(_("{name} paid.").format(name=item.name))
            self.entered()
            return
        if item.membership_id in meeting.done:
            self.shell.show_message(
                _("Her turn is already recorded at this meeting."), "action.yes"
            )
            return
        self.desk.woman = item
        self.shell.open("staff_savings_turn")

    def _action(self) -> None:
        group, meeting = self.desk.group, self.desk.meeting
        if group is None:
            return
        try:
            if meeting is None:
                self.desk.service.open_meeting(
                    group.id, self.desk.service.today(), staff_id=self.desk.staff_id()
                )
            elif group.kind is SavingsKind.TANDA and not self._round_done():
                state = self.desk.service.tanda_take_pot(meeting.id, staff_id=self.desk.staff_id())
                taker = next(
                    (m for m in group.members if m.membership_id == state.receiver_membership_id),
                    None,
                )
                if taker is not None:
                    self.shell.speaker.say(_("{name} takes the pot.").format(name=taker.name))
            else:
                self.shell.open("staff_savings_cash")
                return
        except SavingsError as error:
            self.desk.tell(error)
            return
        self.entered()
        self.shell.speaker.say(self.title())


class TurnPage(Page):
    """One woman's turn, in three small steps of at most six choices: did she come, how many
    shares, then what else she pays (each a tile switched on or off) and ✓."""

    page_name = "staff_savings_turn"
    icon_name = SAVINGS_ICON
    colour = SAVINGS_COLOUR
    staff_only = True
    savings_page = True

    def __init__(self, shell: Shell, desk: SavingsDesk, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.desk = desk
        self.step = "present"
        self.shares = 0
        self.extras: dict[str, bool] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX)
        self.question = body_label("", self, px=TITLE_PX, bold=True)
        self.question.setObjectName("savings_question")
        layout.addWidget(self.question)
        self.tiles = [
            choice_tile(shell, self, f"savings_choice_{i}", "action.yes", colour=SAVINGS_COLOUR)
            for i in range(6)
        ]
        for i, t in enumerate(self.tiles):
            t.activated.connect(lambda i=i: self._tapped(i))
        layout.addLayout(tile_grid(self.tiles, 3), 1)
        self.actions: list[tuple[str, str, str, Callable[[], None]]] = []
        self.spoken: dict[str, str] = {}

    def title(self) -> str:
        woman = self.desk.woman
        return woman.name if woman and woman.name else _("Member")

    def purpose(self) -> str:
        return self.question.text()

    def entered(self) -> None:
        self.step, self.shares, self.extras = "present", 0, {}
        self._show()

    def reset(self) -> None:
        self.step, self.shares, self.extras = "present", 0, {}

    def _set(self, question: str, actions: list[tuple[str, str, str, Callable[[], None]]]) -> None:
        self.question.setText(question)
        self.actions = actions
        for i, t in enumerate(self.tiles):
            t.setVisible(i < len(actions))
            if i < len(actions):
                icon, words, phrase, _do = actions[i]
                t.set_icon(icon)
                t.set_words(words, phrase)

    def _tapped(self, index: int) -> None:
        if index < len(self.actions):
            self.actions[index][3]()

    def _show(self) -> None:
        group = self.desk.group
        if group is None or self.desk.woman is None:
            return
        rules = group.rules
        if self.step == "present":
            self._set(
                _("Did she come?"),
                [
                    ("action.yes", _("She came"), _("She came"), self._came),
                    ("action.no", _("She did not come"), _("She did not come"), self._absent),
                ],
            )
        elif self.step == "shares":
            self._set(
                _("How many shares?"),
                [
                    (
                        f"number.{n}",  # each count its own picture, the digit she can read
                        ngettext("{n} share", "{n} shares", n).format(n=n)
                        + f"\n{money(n * rules.share_cents)}",
                        ngettext("{n} share", "{n} shares", n).format(n=n),
                        lambda n=n: self._shares(n),
                    )
                    for n in range(rules.max_shares + 1)
                ],
            )
        else:
            self._set(_("What else does she pay?"), self._extra_actions())

    def _extra_actions(self) -> list[tuple[str, str, str, Callable[[], None]]]:
        group, woman = self.desk.group, self.desk.woman
        assert group is not None and woman is not None
        rules = group.rules
        owed = self.desk.service.member_balance(woman.membership_id).loans
        due = owed[0].next_due_cents if owed else 0
        found: list[tuple[str, str, str, Callable[[], None]]] = []

        def switch(key: str, icon: str, words: str) -> None:
            # The picture stays the item's; "✓" in front says it is on, and the voice says so.
            on = self.extras.setdefault(key, key == "social")
            spoken = (_("{what}: yes") if on else _("{what}: no")).format(what=words)
            self.spoken[key] = spoken
            found.append((icon, ("✓ " if on else "") + words, spoken, lambda: self._flip(key)))

        if rules.social_fund_cents:
            switch(
                "social",
                "misc.people",
                _("Social fund {amount}").format(amount=money(rules.social_fund_cents)),
            )
        if due:
            switch("repay", "misc.money", _("Pays {amount}").format(amount=money(due)))
        if rules.fine_late_cents:
            switch(
                "fine",
                "action.warning",
                _("Fine {amount}").format(amount=money(rules.fine_late_cents)),
            )
        found.append(("action.yes", _("Save"), _("Save her turn"), self._save))
        return found

    def _flip(self, key: str) -> None:
        self.extras[key] = not self.extras.get(key, False)
        self._show()
        self.shell.speaker.say(self.spoken.get(key, ""))

    def _came(self) -> None:
        self.step = "shares"
        self._show()
        self.shell.speaker.say(self.question.text())

    def _shares(self, n: int) -> None:
        self.shares = n
        self.step = "extras"
        self._show()
        self.shell.speaker.say(self.question.text())

    def _absent(self) -> None:
        self._record(present=False)

    def _save(self) -> None:
        self._record(present=True)

    def _record(self, *, present: bool) -> None:
        group, meeting, woman = self.desk.group, self.desk.meeting, self.desk.woman
        if group is None or meeting is None or woman is None:
            return
        rules = group.rules
        repay = 0
        if present and self.extras.get("repay"):
            loans = self.desk.service.member_balance(woman.membership_id).loans
            repay = loans[0].next_due_cents if loans else 0
        try:
            self.desk.service.record_turn(
                meeting.id,
                woman.membership_id,
                present=present,
                shares=self.shares if present else 0,
                social_fund_cents=rules.social_fund_cents
                if present and self.extras.get("social")
                else 0,
                fine_cents=rules.fine_late_cents if present and self.extras.get("fine") else 0,
                repayment_cents=repay,
                staff_id=self.desk.staff_id(),
            )
        except SavingsError as error:
            self.desk.tell(error)
            return
        self.shell.speaker.say(_("Saved."))
        self.shell.open("staff_savings_meeting")


class CashPage(Page):
    """The close: what the ledger says the box holds, and the pesos counted on a keypad."""

    page_name = "staff_savings_cash"
    icon_name = "need.negocio"
    colour = SAVINGS_COLOUR
    staff_only = True
    savings_page = True

    def __init__(self, shell: Shell, desk: SavingsDesk, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.desk = desk
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 2)
        left = QVBoxLayout()
        self.expected = body_label("", self, px=TITLE_PX, bold=True)
        self.expected.setObjectName("savings_expected")
        left.addWidget(self.expected)
        left.addStretch(1)
        layout.addLayout(left, 2)
        self.keypad = NumericKeypad(max_length=7, min_length=1, speaker=shell.speaker, parent=self)
        self.keypad.setObjectName("savings_keypad")
        self.keypad.submitted.connect(self._counted)
        layout.addWidget(self.keypad, 3)

    def title(self) -> str:
        return _("Count the box")

    def purpose(self) -> str:
        return _("Count the money in the box and type the pesos.")

    def entered(self) -> None:
        self.keypad.clear()
        group = self.desk.group
        if group is not None:
            box = self.desk.service.balances(group.id).box_cents
            self.expected.setText(_("The box should have {amount}").format(amount=money(box)))

    def reset(self) -> None:
        self.keypad.clear()

    def _counted(self, digits: str) -> None:
        meeting = self.desk.meeting
        if meeting is None:
            return
        try:
            closed = self.desk.service.close_meeting(
                meeting.id, int(digits) * 100, staff_id=self.desk.staff_id()
            )
        except SavingsError as error:
            self.keypad.clear()
            self.desk.tell(error)
            return
        # Her passbook for each woman who came, and the treasurer's summary.
        for membership_id in closed.done:
            if membership_id not in self.desk.service.missed(closed.id):
                self.desk.print_slip(self.desk.service.print_passbook(closed.id, membership_id))
        self.desk.print_slip(self.desk.service.print_summary(closed.id))
        self.shell.speaker.say(_("The meeting is closed. The passbooks are printing."))
        self.desk.meeting = None
        self.shell.open("staff_savings")
