"""Her new loan, a correction and the share-out: the savings pages that ask more than a tap.

The loan: the amount in big digits on a keypad (and as bills), refused at once when over her
limit or the box; then how many months; then the schedule, shown and spoken. A correction: the
woman, her movement, why. The share-out: each woman's payout, then ✓.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.i18n import N_, _, ngettext
from kiosk.services.savings import MovementKind, MovementLine, Payout, money
from kiosk.ui import icons
from kiosk.ui.areas.savings.common import SAVINGS_COLOUR, Choice, woman_picture
from kiosk.ui.areas.savings.flow import SavingsFlow
from kiosk.ui.areas.savings.meeting_pages import SavingsPage, SavingsTilePage
from kiosk.ui.areas.savings.widgets import ChoiceTiles, MoneyPicture
from kiosk.ui.pages.base import (
    BODY_PX,
    NO_COLOUR,
    TITLE_PX,
    YES_COLOUR,
    body_label,
    choice_tile,
    picture_label,
    tile_grid,
)
from kiosk.ui.widgets import MIN_GAP_PX, NumericKeypad, OnScreenKeyboard
from kiosk.ui.widgets.columns import hbox, vbox
from kiosk.ui.widgets.page_kit import compact_pager
from kiosk.ui.widgets.pager import page_slice


def month_choices(most: int) -> list[int]:
    """At most six loan lengths to choose from, the longest the rules allow among them."""
    if most <= 6:
        return list(range(1, most + 1))
    return sorted({1, 2, 3, 6, min(12, most), most})[-6:]


def _labelled(parent: QWidget, name: str, *, px: int = BODY_PX, bold: bool = False) -> QLabel:
    label = body_label("", parent, px=px, bold=bold)
    label.setObjectName(name)
    return label


class LoanPage(SavingsPage[SavingsFlow]):
    """Her new loan: the amount, the months, the schedule; ✓ grants it with her turn, ✗ asks
    for another amount."""

    page_name = "staff_savings_loan"
    icon_name = "need.negocio"

    def build(self) -> None:
        self.cents = 0
        layout = hbox(self, MIN_GAP_PX * 2)
        left = QVBoxLayout()
        left.setSpacing(MIN_GAP_PX)
        self.question = _labelled(self, "savings_loan_question", px=TITLE_PX, bold=True)
        self.amount = _labelled(self, "savings_loan_amount", px=64, bold=True)
        self.picture = MoneyPicture(self)
        self.picture.setObjectName("savings_loan_money")
        self.plan = _labelled(self, "savings_loan_schedule")
        self.plan.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for widget in (self.question, self.amount, self.picture):
            left.addWidget(widget)
        left.addWidget(self.plan, 1)
        layout.addLayout(left, 1)
        self.keypad = NumericKeypad(
            max_length=6, min_length=1, grouping=(), speaker=self.shell.speaker, parent=self
        )
        self.keypad.setObjectName("savings_loan_keypad")
        self.keypad.changed.connect(self._typed)
        self.keypad.submitted.connect(self._amount)
        layout.addWidget(self.keypad, 1)
        self.choices = ChoiceTiles(self.shell, "savings_loan", 2, self)
        self.tiles = self.choices.tiles
        layout.addWidget(self.choices, 1)
        self.choices.hide()  # the keypad or the choices, never both

    def title(self) -> str:
        woman = self.flow.woman
        name = woman.name if woman and woman.name else _("Member")
        return _("Loan for {name}").format(name=name)

    def purpose(self) -> str:
        return self.question.text()

    def entered(self) -> None:
        self._ask_amount()

    def reset(self) -> None:
        self.keypad.clear()
        self.cents = 0

    def _ask_amount(self) -> None:
        self.reset()
        self.question.setText(_("How many pesos does she borrow?"))
        self.plan.setText("")
        self._typed("")
        self.keypad.show()
        self.choices.hide()

    def _typed(self, digits: str) -> None:
        cents = int(digits or 0) * 100
        self.amount.setText(money(cents))
        self.picture.set_cents(cents)

    def _choices(self, question: str, choices: Sequence[Choice]) -> None:
        self.question.setText(question)
        self.keypad.hide()
        self.choices.show()
        self.choices.show_choices(choices)

    def _amount(self, digits: str) -> None:
        cents = int(digits or 0) * 100
        if not cents:
            self.keypad.clear()
            self.shell.show_error(_("Type how many pesos she borrows."), "action.keypad")
            return
        if not self.flow.check_loan(cents, 1):
            self.keypad.clear()
            return
        self.cents = cents
        most = self.flow.most_months()
        if most == 1:
            self._months(1)
            return
        self._choices(
            _("In how many months does she pay it back?"),
            [self._months_choice(n) for n in month_choices(most)],
        )
        self.shell.speaker.say(self.question.text())

    def _months_choice(self, n: int) -> Choice:
        words = ngettext("{n} month", "{n} months", n).format(n=n)
        icon = f"number.{n}" if n <= 5 else "misc.month"
        return Choice(icon, words, words, partial(self._months, n))

    def _months(self, months: int) -> None:
        if not self.flow.check_loan(self.cents, months):
            return
        plan = self.flow.loan_plan(self.cents, months)
        self.plan.setText("\n".join([*plan.lines, plan.total]))
        grant = partial(self.flow.grant_loan, self.cents, months)
        other = Choice(
            "action.no", _("Other amount"), _("Type another amount"), self._ask_amount, NO_COLOUR
        )
        lend = Choice("action.yes", _("Lend"), _("Lend it"), grant, YES_COLOUR)
        self._choices(_("She pays it back like this:"), [lend, other])
        self.shell.speaker.say(plan.said)


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


class CorrectPage(SavingsTilePage[SavingsFlow]):
    """Correct a movement of the open meeting: first the woman (her picture), then her
    movements (one picture per kind); touching one asks why."""

    page_name = "staff_savings_correct"
    icon_name = "action.erase"
    tile_icon = "action.erase"
    empty_text = N_("Nothing is written at this meeting yet.")

    def title(self) -> str:
        woman = self.flow.correcting
        return (woman.name or _("Member")) if woman is not None else _("Correct")

    def purpose(self) -> str:
        if self.flow.correcting is not None:
            return _("Touch the movement that is wrong.")
        return _("Touch the woman whose movement is wrong.")

    def entered(self) -> None:
        # The woman stays chosen when the page opens again on her movements.
        self.pager.set_page(0)
        super().entered()

    def items(self) -> Sequence[object]:
        return self.flow.to_correct()

    def words(self, item: Any) -> str:
        if isinstance(item, MovementLine):
            return movement_words(item)
        return str(item.name or _("Member"))

    def icon(self, item: Any) -> str:
        if isinstance(item, MovementLine):
            return KIND_PICTURES[item.kind]
        return woman_picture(item.position)

    def chosen(self, item: Any) -> None:
        self.flow.choose_to_correct(item)


# Why a movement is corrected, the usual reasons first (the keyboard for any other).
REASONS = (
    ("action.keypad", N_("Wrong amount")),
    ("action.retry", N_("Written twice")),
    ("misc.people", N_("Wrong woman")),
)


class ReasonPage(SavingsPage[SavingsFlow]):
    """Why it is corrected: a picture for each usual reason, or written on the keyboard;
    the reversing entry is made after ✓, in the signed-in staff member's name."""

    page_name = "staff_savings_reason"
    icon_name = "action.erase"
    title_words = N_("Why is it corrected?")
    purpose_words = N_("Touch why it is wrong, or write it.")

    def build(self) -> None:
        layout = vbox(self, MIN_GAP_PX)
        self.what = _labelled(self, "savings_correct_what", px=TITLE_PX, bold=True)
        layout.addWidget(self.what)
        self.reasons = QWidget(self)
        self.tiles = [
            choice_tile(
                self.shell, self.reasons, f"savings_reason_{i}", icon, colour=SAVINGS_COLOUR
            )
            for i, (icon, _words) in enumerate(REASONS)
        ]
        for tile, (_icon, words) in zip(self.tiles, REASONS, strict=True):
            tile.activated.connect(lambda words=words: self._ask(_(words)))
        self.write = choice_tile(
            self.shell,
            self.reasons,
            "savings_reason_write",
            "action.keyboard",
            colour=SAVINGS_COLOUR,
        )
        self.write.activated.connect(self._write)
        self.reasons.setLayout(tile_grid([*self.tiles, self.write], 2))
        layout.addWidget(self.reasons, 1)
        self.keyboard = OnScreenKeyboard(max_length=120, speaker=self.shell.speaker, parent=self)
        self.keyboard.setObjectName("savings_reason_keyboard")
        self.keyboard.submitted.connect(self._ask)
        layout.addWidget(self.keyboard, 1)
        self.keyboard.hide()  # shown in place of the reasons: the page never needs both rooms

    def entered(self) -> None:
        for tile, (_icon, words) in zip(self.tiles, REASONS, strict=True):
            tile.set_words(_(words), _(words))
        self.write.set_words(_("Write"), _("Write why"))
        line = self.flow.movement
        name = self.flow.name_of(line.membership_id) if line else ""
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
        line = self.flow.movement
        if line is not None:
            self.flow.ask_correct(reason, movement_words(line))


class ShareOutPage(SavingsPage[SavingsFlow]):
    """The share-out: each woman's payout (her picture, digits and bills), four to a screen,
    then ✓ shares out, prints her slip and the group's summary and opens the next cycle."""

    page_name = "staff_savings_share_out"
    icon_name = "misc.money"
    per_page = 4
    title_words = N_("Share-out")
    purpose_words = N_("This is what each woman takes. Touch yes to share out.")

    def build(self) -> None:
        layout = hbox(self, MIN_GAP_PX * 2)
        left = QVBoxLayout()
        left.setSpacing(MIN_GAP_PX)
        self.rows = [self._payout_row(left, i) for i in range(self.per_page)]
        left.addStretch(1)
        self.pager = compact_pager(self.shell.speaker, self, self._show_rows, left)
        layout.addLayout(left, 3)
        right = QVBoxLayout()
        self.total = _labelled(self, "savings_share_out_total", bold=True)
        right.addWidget(self.total)
        self.yes = choice_tile(
            self.shell, self, "savings_share_out_yes", "action.yes", colour=YES_COLOUR
        )
        self.no = choice_tile(
            self.shell, self, "savings_share_out_no", "action.no", colour=NO_COLOUR
        )
        self.yes.activated.connect(self.flow.do_share_out)
        self.no.activated.connect(lambda: self.shell.open("staff_savings_meeting"))
        right.addWidget(self.yes, 1)
        right.addWidget(self.no, 1)
        layout.addLayout(right, 1)

    def _payout_row(self, column: QVBoxLayout, i: int) -> tuple[QLabel, QLabel, MoneyPicture]:
        row = QHBoxLayout()
        face = picture_label(woman_picture(1), 72, self)
        words = _labelled(self, f"savings_payout_{i}", px=24, bold=True)
        words.setMinimumWidth(300)
        picture = MoneyPicture(self)
        picture.setFixedHeight(MoneyPicture.BILL.height() + 4)
        row.addWidget(face)
        row.addWidget(words)
        row.addWidget(picture, 1)
        column.addLayout(row)
        return face, words, picture

    def entered(self) -> None:
        self.yes.set_words(_("Share out"), _("Share out the box"))
        self.no.set_words(_("Not now"), _("Not now"))
        result = self.flow.share_out
        payouts = result.payouts if result else ()
        self.total.setText(
            _("To share: {amount}").format(amount=money(result.distributed_cents)) if result else ""
        )
        self.pager.set_count(len(payouts), self.per_page)
        self.pager.set_page(0)
        self._show_rows()

    def _show_rows(self) -> None:
        result = self.flow.share_out
        shown = page_slice(result.payouts if result else (), self.pager.page, self.per_page)
        positions = {w.membership_id: w.position for w in self.flow.women()}
        for i, row in enumerate(self.rows):
            for widget in row:
                widget.setVisible(i < len(shown))
            if i < len(shown):
                self._show_payout(row, shown[i], positions.get(shown[i].membership_id, 1))

    @staticmethod
    def _show_payout(row: tuple[QLabel, QLabel, MoneyPicture], p: Payout, position: int) -> None:
        face, words, picture = row
        face.setPixmap(icons.pixmap(woman_picture(position), 72))
        words.setText(
            f"{p.name or _('Member')}\n"
            + ngettext("{n} share", "{n} shares", p.shares).format(n=p.shares)
            + f": {money(p.amount_cents)}"
        )
        picture.set_cents(p.amount_cents)
