"""Ahorro at the staff desk: the treasurer (with a staff PIN) runs a savings group's meeting.

Groups → the meeting (open it, or continue the one left open) → each woman in turn, her name
spoken: came or not, shares as stamp pictures (0 to the cycle's most), then social fund, her
loan payment and a fine as tiles to switch on or off → close with the cash count on a keypad →
passbooks and the summary printed. A tanda's meeting is a round: touch each woman who paid,
then give the pot. Each step is written at once, so a meeting cut off resumes where it was.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import N_, _, format_day, ngettext
from kiosk.money import BILLS, COINS, pieces
from kiosk.services.savings import (
    GroupInfo,
    MeetingInfo,
    MemberLine,
    MovementKind,
    MovementLine,
    SavingsError,
    SavingsKind,
    SavingsService,
    ShareOut,
    money,
    schedule,
    service_charge,
)
from kiosk.ui import icons
from kiosk.ui.pages.base import (
    NO_COLOUR,
    TITLE_PX,
    YES_COLOUR,
    Page,
    Shell,
    body_label,
    choice_tile,
    picture_label,
    tile_grid,
)
from kiosk.ui.pages.lists import StaffTilePage as TilePage
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, NumericKeypad, OnScreenKeyboard, Pager
from kiosk.ui.widgets.pager import page_slice

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
        # Her new loan as granted on the loan page (centavos, months), written with her turn.
        self.loan: tuple[int, int] | None = None
        self.movement: MovementLine | None = None  # the one being corrected
        self.share_out: ShareOut | None = None  # the payouts shown before the treasurer agrees
        self.groups_page = GroupsPage(shell, self, parent)
        self.meeting_page = MeetingPage(shell, self, parent)
        self.turn_page = TurnPage(shell, self, parent)
        self.loan_page = LoanPage(shell, self, parent)
        self.cash_page = CashPage(shell, self, parent)
        self.correct_page = CorrectPage(shell, self, parent)
        self.reason_page = ReasonPage(shell, self, parent)
        self.share_out_page = ShareOutPage(shell, self, parent)

    def pages(self) -> list[Page]:
        return [
            self.groups_page,
            self.meeting_page,
            self.turn_page,
            self.loan_page,
            self.cash_page,
            self.correct_page,
            self.reason_page,
            self.share_out_page,
        ]

    def reset(self) -> None:
        self.group = self.meeting = None
        self.woman = None
        self.loan = self.movement = self.share_out = None

    def tell(self, error: SavingsError, icon: str | None = None) -> None:
        """The service's sentence, shown with ``icon`` (what it is about) and spoken."""
        self.shell.show_error(str(error), icon)

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
        # New group, rules, turns and the report: kiosk.ui.areas.savings.group_pages.
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
    per_page = 4

    def __init__(self, shell: Shell, desk: SavingsDesk, parent: QWidget | None = None) -> None:
        self.desk = desk
        super().__init__(shell, parent)
        self.action.activated.connect(self._action)
        self.more.activated.connect(self._more)

    def lead_tiles(self) -> list[BigTile]:
        # Built here: the list's grid asks for its lead tiles while it is being made.
        self.action = choice_tile(
            self.shell, self, "savings_action", "action.yes", colour=SAVINGS_COLOUR
        )
        # A caja's second tile: correct a movement while the meeting is open, share out when
        # no meeting is (a tanda has neither).
        self.more = choice_tile(
            self.shell, self, "savings_more", "action.erase", colour=SAVINGS_COLOUR
        )
        return [self.action, self.more]

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
            self.action.set_words(_("Open it"), _("Open the meeting"))
            self.action.set_icon("action.yes")
        elif group is not None and group.kind is SavingsKind.TANDA and not self._round_done():
            self.action.set_words(_("Give the pot"), _("Give the pot to whose turn it is"))
            self.action.set_icon("misc.money")
        else:
            self.action.set_words(_("Close"), _("Close and count the box"))
            self.action.set_icon("need.negocio")
        caja = group is not None and group.kind is SavingsKind.CAJA
        self.more.setVisible(caja)
        if meeting is None:
            self.more.set_words(_("Share out"), _("Share out the box at the end of the cycle"))
            self.more.set_icon("misc.money")
        else:
            self.more.set_words(_("Correct"), _("Correct a movement of this meeting"))
            self.more.set_icon("action.erase")

    def _more(self) -> None:
        group, meeting = self.desk.group, self.desk.meeting
        if group is None:
            return
        if meeting is not None:
            self.desk.correct_page.woman = None
            self.shell.open("staff_savings_correct")
            return
        try:  # the payouts as they would be: nothing is written before ✓
            self.desk.share_out = self.desk.service.share_out(
                group.id, staff_id=self.desk.staff_id(), check_only=True
            )
        except SavingsError as error:
            self.desk.tell(error, "misc.money")
            return
        self.shell.open("staff_savings_share_out")

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
        self.desk.turn_page.resume = False  # her own turn, from its first step
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
        self.offered: list[tuple[str, str, str, Callable[[], None]]] = []
        self.spoken: dict[str, str] = {}
        self.resume = False

    def title(self) -> str:
        woman = self.desk.woman
        return woman.name if woman and woman.name else _("Member")

    def purpose(self) -> str:
        return self.question.text()

    def entered(self) -> None:
        if self.resume:  # back from the loan page: her turn as it was
            self.resume = False
        else:
            self.step, self.shares, self.extras = "present", 0, {}
            self.desk.loan = None
        self._show()

    def reset(self) -> None:
        self.step, self.shares, self.extras = "present", 0, {}
        self.resume = False

    def turn(self, *, present: bool = True) -> dict[str, Any]:
        """Her turn as filled in so far, as record_turn takes it (with the loan granted)."""
        group, woman = self.desk.group, self.desk.woman
        assert group is not None and woman is not None
        rules = group.rules
        repay = 0
        if present and self.extras.get("repay"):
            loans = self.desk.service.member_balance(woman.membership_id).loans
            repay = loans[0].next_due_cents if loans else 0
        loan_cents, loan_months = self.desk.loan if present and self.desk.loan else (0, 0)
        return {
            "present": present,
            "shares": self.shares if present else 0,
            "social_fund_cents": rules.social_fund_cents
            if present and self.extras.get("social")
            else 0,
            "fine_cents": rules.fine_late_cents if present and self.extras.get("fine") else 0,
            "repayment_cents": repay,
            "loan_cents": loan_cents,
            "loan_months": loan_months,
        }

    def _set(self, question: str, actions: list[tuple[str, str, str, Callable[[], None]]]) -> None:
        self.question.setText(question)
        self.offered = actions
        for i, t in enumerate(self.tiles):
            t.setVisible(i < len(actions))
            if i < len(actions):
                icon, words, phrase, _do = actions[i]
                t.set_icon(icon)
                t.set_words(words, phrase)

    def _tapped(self, index: int) -> None:
        if index < len(self.offered):
            self.offered[index][3]()

    def _show(self) -> None:
        group = self.desk.group
        if group is None or self.desk.woman is None:
            self._set("", [])  # no woman chosen: no empty tiles to touch
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
                        partial(self._shares, n),
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
        if rules.loan_multiple and rules.max_loan_months:
            if self.desk.loan:
                words = _("Loan {amount}").format(amount=money(self.desk.loan[0]))
                spoken = _("{what}: yes").format(what=words)
                found.append(("need.negocio", f"✓ {words}", spoken, self._no_loan))
            else:
                found.append(("need.negocio", _("New loan"), _("She asks for a loan"), self._loan))
        found.append(("action.yes", _("Save"), _("Save her turn"), self._save))
        return found

    def _loan(self) -> None:
        self.resume = True
        self.shell.open("staff_savings_loan")

    def _no_loan(self) -> None:
        self.desk.loan = None
        self._show()
        self.shell.speaker.say(_("No loan."))

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
        try:
            self.desk.service.record_turn(
                meeting.id,
                woman.membership_id,
                **self.turn(present=present),
                staff_id=self.desk.staff_id(),
            )
        except SavingsError as error:
            self.desk.tell(error)
            return
        self.desk.loan = None
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


class MoneyPicture(QWidget):
    """An amount as the Mexican bills and coins that make it up, in the colours of the slips
    (kiosk.vouchers.savings): each piece once with "×3" beside it, so the treasurer can count
    it out of the box as she sees it."""

    BILL = QSize(92, 46)
    COIN = 42
    GAP = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cents = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(2 * (self.BILL.height() + self.GAP))

    def set_cents(self, cents: int) -> None:
        self.cents = cents
        self.setAccessibleName(money(cents))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        font.setBold(True)
        font.setPixelSize(20)
        painter.setFont(font)
        x, y = 0, 0
        row_h = self.BILL.height() + self.GAP
        for value, count in pieces(self.cents):
            w = self.BILL.width() if value >= 20 else self.COIN
            label = f"×{count}" if count > 1 else ""
            extra = painter.fontMetrics().horizontalAdvance(label) + 4 if label else 0
            if x and x + w + extra > self.width():
                x, y = 0, y + row_h
                if y + row_h > self.height():
                    break  # the digits beside say the rest
            if value >= 20:
                self._bill(painter, x, y, value)
            else:
                self._coin(painter, x, y + (self.BILL.height() - self.COIN) // 2, value)
            if label:
                painter.setPen(QColor("#000000"))
                painter.drawText(
                    QRectF(x + w + 2, y, extra, self.BILL.height()),
                    Qt.AlignmentFlag.AlignVCenter,
                    label,
                )
            x += w + extra + self.GAP
        painter.end()

    def _bill(self, painter: QPainter, x: int, y: int, value: int) -> None:
        w, h = self.BILL.width(), self.BILL.height()
        painter.setPen(QPen(QColor("#000000"), 1.5))
        painter.setBrush(QColor(dict(BILLS)[value]))
        painter.drawRoundedRect(QRectF(x, y, w, h), 5, 5)
        # A white oval where a bill has its portrait, the value in white beside it.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#ffffff"))
        painter.drawEllipse(QRectF(x + 4, y + 7, w * 0.24, h - 14))
        painter.setPen(QColor("#ffffff"))
        text, room = f"${value}", QRectF(x + w * 0.3, y, w * 0.68, h)
        font = painter.font()
        size = font.pixelSize()
        while size > 10 and painter.fontMetrics().horizontalAdvance(text) > room.width() - 2:
            size -= 1
            font.setPixelSize(size)
            painter.setFont(font)
        painter.drawText(room, Qt.AlignmentFlag.AlignCenter, text)
        font.setPixelSize(20)
        painter.setFont(font)

    def _coin(self, painter: QPainter, x: int, y: int, value: int) -> None:
        ring, inner = next((r, i) for v, r, i in COINS if v == value)
        d = self.COIN
        painter.setPen(QPen(QColor("#000000"), 1.5))
        painter.setBrush(QColor(ring))
        painter.drawEllipse(QRectF(x, y, d, d))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(inner))
        painter.drawEllipse(QRectF(x + d * 0.18, y + d * 0.18, d * 0.64, d * 0.64))
        painter.setPen(QColor("#000000"))
        painter.drawText(QRectF(x, y, d, d), Qt.AlignmentFlag.AlignCenter, str(value))


def month_choices(most: int) -> list[int]:
    """At most six loan lengths to choose from, the longest the rules allow among them."""
    if most <= 6:
        return list(range(1, most + 1))
    return sorted({1, 2, 3, 6, min(12, most), most})[-6:]


class LoanPage(Page):
    """Her new loan: the amount in big digits on a keypad (and as bills), refused at once
    when over her limit or the box; then how many months; then the schedule, shown and
    spoken, and ✓ to grant it with her turn or ✗ to type another amount."""

    page_name = "staff_savings_loan"
    icon_name = "need.negocio"
    colour = SAVINGS_COLOUR
    staff_only = True
    savings_page = True

    def __init__(self, shell: Shell, desk: SavingsDesk, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.desk = desk
        self.step = "amount"
        self.cents = 0
        self.months = 0
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 2)
        left = QVBoxLayout()
        left.setSpacing(MIN_GAP_PX)
        self.question = body_label("", self, px=TITLE_PX, bold=True)
        self.question.setObjectName("savings_loan_question")
        left.addWidget(self.question)
        self.amount = body_label("", self, px=64, bold=True)
        self.amount.setObjectName("savings_loan_amount")
        left.addWidget(self.amount)
        self.picture = MoneyPicture(self)
        self.picture.setObjectName("savings_loan_money")
        left.addWidget(self.picture)
        self.plan = body_label("", self)
        self.plan.setObjectName("savings_loan_schedule")
        self.plan.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        left.addWidget(self.plan, 1)
        layout.addLayout(left, 1)
        self.keypad = NumericKeypad(
            max_length=6, min_length=1, grouping=(), speaker=shell.speaker, parent=self
        )
        self.keypad.setObjectName("savings_loan_keypad")
        self.keypad.changed.connect(self._typed)
        self.keypad.submitted.connect(self._amount)
        layout.addWidget(self.keypad, 1)
        self.choices = QWidget(self)
        self.tiles = [
            choice_tile(shell, self, f"savings_loan_{i}", "action.yes", colour=SAVINGS_COLOUR)
            for i in range(6)
        ]
        for i, t in enumerate(self.tiles):
            t.setParent(self.choices)
            t.activated.connect(lambda i=i: self._tapped(i))
        self.choices.setLayout(tile_grid(self.tiles, 2))
        layout.addWidget(self.choices, 1)
        self.choices.hide()  # the keypad or the choices, never both
        self.offered: list[Callable[[], None]] = []

    def title(self) -> str:
        woman = self.desk.woman
        name = woman.name if woman and woman.name else _("Member")
        return _("Loan for {name}").format(name=name)

    def purpose(self) -> str:
        return self.question.text()

    def entered(self) -> None:
        self._ask_amount()

    def reset(self) -> None:
        self.keypad.clear()
        self.step, self.cents, self.months = "amount", 0, 0

    def _ask_amount(self) -> None:
        self.step, self.cents, self.months = "amount", 0, 0
        self.keypad.clear()
        self.question.setText(_("How many pesos does she borrow?"))
        self.plan.setText("")
        self._typed("")
        self.keypad.show()
        self.choices.hide()

    def _typed(self, digits: str) -> None:
        cents = int(digits or 0) * 100
        self.amount.setText(money(cents))
        self.picture.set_cents(cents)

    def _choices(self, actions: list[tuple[str, str, str, str, Callable[[], None]]]) -> None:
        self.keypad.hide()
        self.choices.show()
        self.offered = [a[4] for a in actions]
        for i, tile in enumerate(self.tiles):
            tile.setVisible(i < len(actions))
            if i < len(actions):
                icon, words, phrase, colour, _do = actions[i]
                tile.set_icon(icon)
                tile.set_words(words, phrase)
                tile.set_colour(colour)

    def _tapped(self, index: int) -> None:
        if index < len(self.offered):
            self.offered[index]()

    def _check(self, cents: int, months: int) -> bool:
        """The whole turn with this loan, checked by the service and not written: her limit,
        the box and the rules are the ones her turn will meet when it is saved."""
        meeting, woman = self.desk.meeting, self.desk.woman
        if meeting is None or woman is None:
            return False
        turn = self.desk.turn_page.turn()
        turn.update(loan_cents=cents, loan_months=months)
        try:
            self.desk.service.record_turn(meeting.id, woman.membership_id, **turn, check_only=True)
        except SavingsError as error:
            self.desk.tell(error, "need.negocio")
            return False
        return True

    def _amount(self, digits: str) -> None:
        cents = int(digits or 0) * 100
        if not cents:
            self.keypad.clear()
            self.shell.show_error(_("Type how many pesos she borrows."), "action.keypad")
            return
        if not self._check(cents, 1):
            self.keypad.clear()
            return
        self.cents = cents
        group = self.desk.group
        assert group is not None
        most = group.rules.max_loan_months
        if most == 1:
            self._months(1)
            return
        self.step = "months"
        self.question.setText(_("In how many months does she pay it back?"))
        self._choices(
            [
                (
                    f"number.{n}" if n <= 5 else "misc.month",
                    ngettext("{n} month", "{n} months", n).format(n=n),
                    ngettext("{n} month", "{n} months", n).format(n=n),
                    SAVINGS_COLOUR,
                    partial(self._months, n),
                )
                for n in month_choices(most)
            ]
        )
        self.shell.speaker.say(self.question.text())

    def _months(self, months: int) -> None:
        group, meeting = self.desk.group, self.desk.meeting
        if group is None or meeting is None or not self._check(self.cents, months):
            return
        self.step, self.months = "schedule", months
        charge = service_charge(self.cents, group.rules.charge_bp, months)
        plan = schedule(self.cents, charge, months, meeting.held_on)
        self.question.setText(_("She pays it back like this:"))
        lines = [f"{format_day(p.due_on)}: {money(p.amount_cents)}" for p in plan]
        total = _("In all {amount}, with {charge} of service charge.").format(
            amount=money(self.cents + charge), charge=money(charge)
        )
        self.plan.setText("\n".join([*lines, total]))
        self._choices(
            [
                ("action.yes", _("Lend"), _("Lend it"), YES_COLOUR, self._grant),
                (
                    "action.no",
                    _("Other amount"),
                    _("Type another amount"),
                    NO_COLOUR,
                    self._ask_amount,
                ),
            ]
        )
        said = [
            _("She borrows {amount}.").format(amount=money(self.cents)),
            *(
                _("She pays {amount} on {day}.").format(
                    amount=money(p.amount_cents), day=format_day(p.due_on)
                )
                for p in plan
            ),
            total,
        ]
        self.shell.speaker.say(" ".join(said))

    def _grant(self) -> None:
        self.desk.loan = (self.cents, self.months)
        self.desk.turn_page.resume = True
        self.shell.speaker.say(_("The loan is ready. Touch Save to write her turn."))
        self.shell.open("staff_savings_turn")


# A movement's picture by its kind: on the list of one woman's movements each kind is there once.
KIND_PICTURES = {
    MovementKind.SHARE: "need.ahorro",
    MovementKind.SOCIAL_FUND: "misc.people",
    MovementKind.FINE: "action.warning",
    MovementKind.REPAYMENT: "misc.money",
    MovementKind.SERVICE_CHARGE: "misc.calendar",
    MovementKind.LOAN_OUT: "need.negocio",
    MovementKind.PAYOUT: "action.export",
    MovementKind.TANDA_IN: "misc.money",
    MovementKind.TANDA_POT: "action.export",
}
KIND_WORDS = {
    MovementKind.SHARE: N_("Shares"),
    MovementKind.SOCIAL_FUND: N_("Social fund"),
    MovementKind.FINE: N_("Fine"),
    MovementKind.REPAYMENT: N_("Loan payment"),
    MovementKind.SERVICE_CHARGE: N_("Service charge"),
    MovementKind.LOAN_OUT: N_("Loan"),
    MovementKind.PAYOUT: N_("Share-out"),
    MovementKind.TANDA_IN: N_("Tanda payment"),
    MovementKind.TANDA_POT: N_("Tanda pot"),
}


def movement_words(line: MovementLine) -> str:
    return f"{_(KIND_WORDS[line.kind])} {money(line.amount_cents)}"


class CorrectPage(TilePage):
    """Correct a movement of the open meeting: first the woman (her picture), then her
    movements (one picture per kind); touching one asks why."""

    page_name = "staff_savings_correct"
    icon_name = "action.erase"
    colour = SAVINGS_COLOUR
    tile_icon = "action.erase"
    staff_only = True
    savings_page = True
    empty_text = N_("Nothing is written at this meeting yet.")

    def __init__(self, shell: Shell, desk: SavingsDesk, parent: QWidget | None = None) -> None:
        self.desk = desk
        self.woman: MemberLine | None = None
        super().__init__(shell, parent)

    def title(self) -> str:
        if self.woman is not None:
            return self.woman.name or _("Member")
        return _("Correct")

    def purpose(self) -> str:
        if self.woman is not None:
            return _("Touch the movement that is wrong.")
        return _("Touch the woman whose movement is wrong.")

    def entered(self) -> None:
        # The woman stays chosen when the page opens again on her movements.
        self.pager.set_page(0)
        super().entered()

    def reset(self) -> None:
        self.woman = None

    def _lines(self) -> list[MovementLine]:
        meeting = self.desk.meeting
        return self.desk.service.meeting_movements(meeting.id) if meeting else []

    def items(self) -> Sequence[object]:
        group = self.desk.group
        lines = self._lines()
        if self.woman is not None:
            return [m for m in lines if m.membership_id == self.woman.membership_id]
        touched = {m.membership_id for m in lines}
        return [w for w in group.members if w.membership_id in touched] if group else []

    def words(self, item: Any) -> str:
        if isinstance(item, MovementLine):
            return movement_words(item)
        return str(item.name or _("Member"))

    def icon(self, item: Any) -> str:
        if isinstance(item, MovementLine):
            return KIND_PICTURES[item.kind]
        return WOMAN_PICTURES[(item.position - 1) % len(WOMAN_PICTURES)]

    def chosen(self, item: Any) -> None:
        if isinstance(item, MovementLine):
            self.desk.movement = item
            self.shell.open("staff_savings_reason")
            return
        self.woman = item
        self.shell.open(self.page_name)  # her name in the header, said with what to do


# Why a movement is corrected, the usual reasons first (the keyboard for any other).
REASONS = (
    ("action.keypad", N_("Wrong amount")),
    ("action.retry", N_("Written twice")),
    ("misc.people", N_("Wrong woman")),
)


class ReasonPage(Page):
    """Why it is corrected: a picture for each usual reason, or written on the keyboard;
    the reversing entry is made after ✓, in the signed-in staff member's name."""

    page_name = "staff_savings_reason"
    icon_name = "action.erase"
    colour = SAVINGS_COLOUR
    staff_only = True
    savings_page = True

    def __init__(self, shell: Shell, desk: SavingsDesk, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.desk = desk
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX)
        self.what = body_label("", self, px=TITLE_PX, bold=True)
        self.what.setObjectName("savings_correct_what")
        layout.addWidget(self.what)
        self.reasons = QWidget(self)
        self.tiles = [
            choice_tile(shell, self.reasons, f"savings_reason_{i}", icon, colour=SAVINGS_COLOUR)
            for i, (icon, _words) in enumerate(REASONS)
        ]
        for tile, (_icon, words) in zip(self.tiles, REASONS, strict=True):
            tile.activated.connect(lambda words=words: self._ask(_(words)))
        self.write = choice_tile(
            shell, self.reasons, "savings_reason_write", "action.keyboard", colour=SAVINGS_COLOUR
        )
        self.write.activated.connect(self._write)
        self.reasons.setLayout(tile_grid([*self.tiles, self.write], 2))
        layout.addWidget(self.reasons, 1)
        self.keyboard = OnScreenKeyboard(max_length=120, speaker=shell.speaker, parent=self)
        self.keyboard.setObjectName("savings_reason_keyboard")
        self.keyboard.submitted.connect(self._ask)
        layout.addWidget(self.keyboard, 1)
        self.keyboard.hide()  # shown in place of the reasons: the page never needs both rooms

    def title(self) -> str:
        return _("Why is it corrected?")

    def purpose(self) -> str:
        return _("Touch why it is wrong, or write it.")

    def entered(self) -> None:
        for tile, (_icon, words) in zip(self.tiles, REASONS, strict=True):
            tile.set_words(_(words), _(words))
        self.write.set_words(_("Write"), _("Write why"))
        line = self.desk.movement
        name = ""
        if line is not None and line.membership_id:
            name = next(
                (
                    w.name
                    for w in (self.desk.group.members if self.desk.group else ())
                    if w.membership_id == line.membership_id
                ),
                "",
            )
        self.what.setText(f"{name}: {movement_words(line)}" if line else "")
        self.keyboard.clear()
        self.keyboard.hide()
        self.what.show()
        self.reasons.show()

    def reset(self) -> None:
        self.keyboard.clear()

    def _write(self) -> None:
        # The keyboard needs the whole page: what is corrected stays in the question after ✓.
        self.reasons.hide()
        self.what.hide()
        self.keyboard.show()
        self.shell.speaker.say(_("Write why it is corrected."))

    def _ask(self, reason: str) -> None:
        line = self.desk.movement
        if line is None:
            return
        self.shell.confirm(
            _("Cancel {what}? {reason}.").format(what=movement_words(line), reason=reason),
            "action.erase",
            lambda yes: self._correct(reason) if yes else None,
        )

    def _correct(self, reason: str) -> None:
        line = self.desk.movement
        if line is None:
            return
        try:
            self.desk.service.correct(line.id, reason, staff_id=self.desk.staff_id())
        except SavingsError as error:
            self.desk.tell(error, "action.erase")
            return
        self.desk.movement = None
        self.shell.speaker.say(_("Corrected. The movement is cancelled."))
        self.shell.open("staff_savings_meeting")


class ShareOutPage(Page):
    """The share-out: each woman's payout (her picture, digits and bills), four to a screen,
    then ✓ shares out, prints her slip and the group's summary and opens the next cycle."""

    page_name = "staff_savings_share_out"
    icon_name = "misc.money"
    colour = SAVINGS_COLOUR
    staff_only = True
    savings_page = True
    per_page = 4

    def __init__(self, shell: Shell, desk: SavingsDesk, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.desk = desk
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 2)
        left = QVBoxLayout()
        left.setSpacing(MIN_GAP_PX)
        self.rows: list[tuple[QLabel, QLabel, MoneyPicture]] = []
        for i in range(self.per_page):
            row = QHBoxLayout()
            face = picture_label(WOMAN_PICTURES[0], 72, self)
            words = body_label("", self, px=24, bold=True)
            words.setObjectName(f"savings_payout_{i}")
            words.setMinimumWidth(300)
            picture = MoneyPicture(self)
            picture.setFixedHeight(MoneyPicture.BILL.height() + 4)
            row.addWidget(face)
            row.addWidget(words)
            row.addWidget(picture, 1)
            left.addLayout(row)
            self.rows.append((face, words, picture))
        left.addStretch(1)
        self.pager = Pager(speaker=shell.speaker, parent=self)
        self.pager.set_compact()
        self.pager.page_changed.connect(lambda _page: self._show_rows())
        left.addWidget(self.pager)
        layout.addLayout(left, 3)
        right = QVBoxLayout()
        self.total = body_label("", self, bold=True)
        self.total.setObjectName("savings_share_out_total")
        right.addWidget(self.total)
        self.yes = choice_tile(
            shell, self, "savings_share_out_yes", "action.yes", colour=YES_COLOUR
        )
        self.no = choice_tile(shell, self, "savings_share_out_no", "action.no", colour=NO_COLOUR)
        self.yes.activated.connect(self._share_out)
        self.no.activated.connect(lambda: self.shell.open("staff_savings_meeting"))
        right.addWidget(self.yes, 1)
        right.addWidget(self.no, 1)
        layout.addLayout(right, 1)

    def title(self) -> str:
        return _("Share-out")

    def purpose(self) -> str:
        return _("This is what each woman takes. Touch yes to share out.")

    def entered(self) -> None:
        self.yes.set_words(_("Share out"), _("Share out the box"))
        self.no.set_words(_("Not now"), _("Not now"))
        result = self.desk.share_out
        payouts = result.payouts if result else ()
        self.total.setText(
            _("To share: {amount}").format(amount=money(result.distributed_cents)) if result else ""
        )
        self.pager.set_count(len(payouts), self.per_page)
        self.pager.set_page(0)
        self._show_rows()

    def _show_rows(self) -> None:
        result = self.desk.share_out
        payouts = result.payouts if result else ()
        shown = page_slice(payouts, self.pager.page, self.per_page)
        positions = {
            w.membership_id: w.position
            for w in (self.desk.group.members if self.desk.group else ())
        }
        for i, (face, words, picture) in enumerate(self.rows):
            visible = i < len(shown)
            for w in (face, words, picture):
                w.setVisible(visible)
            if visible:
                p = shown[i]
                picture_name = WOMAN_PICTURES[
                    (positions.get(p.membership_id, 1) - 1) % len(WOMAN_PICTURES)
                ]
                face.setPixmap(icons.pixmap(picture_name, 72))
                words.setText(
                    f"{p.name or _('Member')}\n"
                    + ngettext("{n} share", "{n} shares", p.shares).format(n=p.shares)
                    + f": {money(p.amount_cents)}"
                )
                picture.set_cents(p.amount_cents)

    def _share_out(self) -> None:
        group = self.desk.group
        if group is None:
            return
        last = self.desk.service.last_meeting(group.id)
        try:
            result = self.desk.service.share_out(group.id, staff_id=self.desk.staff_id())
        except SavingsError as error:
            self.desk.tell(error, "misc.money")
            return
        self.desk.share_out = None
        for number in self.desk.service.print_share_out(result):
            self.desk.print_slip(number)
        if last is not None:  # the group's summary: the box at the cycle's last meeting
            self.desk.print_slip(self.desk.service.print_summary(last.id))
        self.desk.refresh_meeting()
        cycle = self.desk.group.cycle_number if self.desk.group else 0
        self.shell.speaker.say(
            _("Shared out. The slips are printing. Cycle {n} is open.").format(n=cycle)
        )
        self.shell.open("staff_savings_meeting")
