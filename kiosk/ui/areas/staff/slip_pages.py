"""Staff pages for slips: the "por imprimir" queue (reprint with the same number) and the
voucher check at the desk (a USB scanner types the number and Enter into the keypad)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import N_, _, format_date_short, format_time
from kiosk.numbers import format_number
from kiosk.services.vouchers import CheckState, VoucherInfo, VoucherKind, VoucherService
from kiosk.ui import icons
from kiosk.ui.pages.base import Shell, body_label, picture_label
from kiosk.ui.pages.lists import StaffPage
from kiosk.ui.pages.lists import StaffTilePage as TilePage
from kiosk.ui.slips import SlipDesk
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, NumericKeypad
from kiosk.ui.widgets.columns import hbox
from kiosk.ui.widgets.page_words import FixedWords

STAFF = AREA_BY_KEY["staff"]
REDEEM_COLOUR = "#2e7d32"

KIND_WORDS: dict[VoucherKind, str] = {
    VoucherKind.TRAINING: N_("Course"),
    VoucherKind.WAITLIST: N_("Waiting list"),
    VoucherKind.JOB: N_("Job"),
    VoucherKind.TRADE: N_("Trade"),
    VoucherKind.REFERRAL: N_("Referral"),
    VoucherKind.PICKUP: N_("Childcare"),
    VoucherKind.MEMBER_CARD: N_("Member card"),
    VoucherKind.STAFF_LIST: N_("Staff list"),
    VoucherKind.TEST: N_("Printer test"),
    VoucherKind.PASSBOOK: N_("Savings passbook"),
    VoucherKind.SAVINGS_SUMMARY: N_("Savings meeting"),
    VoucherKind.TANDA_CARD: N_("Tanda card"),
    VoucherKind.SHARE_OUT: N_("Share-out"),
    VoucherKind.PROGRAM_SHEET: N_("Program sheet"),
}

# What the desk shows for each answer of the voucher check: picture and sentence.
CHECK_ANSWERS: dict[CheckState, tuple[str, str]] = {
    CheckState.VALID: ("action.yes", N_("Valid slip: {kind}.")),
    CheckState.REDEEMED: ("action.warning", N_("This slip was already used on {date} at {time}.")),
    CheckState.EXPIRED: ("action.wait", N_("This slip has expired.")),
    CheckState.UNKNOWN: ("action.error", N_("No slip has this number.")),
    CheckState.MISTYPED: (
        "action.error",
        N_("A digit is wrong: check the number and type it again."),
    ),
}


class PrintQueuePage(FixedWords, TilePage):
    """Slips that did not print, oldest first; touching one prints it again, same number."""

    page_name = "staff_print_queue"
    icon_name = "action.print"
    tile_icon = "action.print"
    title_words = N_("Slips to print")
    purpose_words = N_("Slips that did not print. Touch one to print it again.")

    def __init__(
        self, shell: Shell, vouchers: VoucherService, desk: SlipDesk, parent: QWidget | None = None
    ) -> None:
        self.vouchers = vouchers
        self.desk = desk
        super().__init__(shell, parent)
        self.empty.setText(_("No slips are waiting to print."))
        desk.printed.connect(lambda _number: self.refresh())
        desk.failed.connect(lambda _number, _reason: self.refresh())

    def items(self) -> list[object]:
        return list(self.vouchers.waiting())

    def words(self, item: object) -> str:
        assert isinstance(item, VoucherInfo)
        return f"{_(KIND_WORDS[item.kind])}\n{format_number(item.number)}"

    def chosen(self, item: object) -> None:
        assert isinstance(item, VoucherInfo)
        self.desk.print_slip(item.number)


class VoucherCheckPage(StaffPage):
    page_name = "staff_voucher_check"
    icon_name = "misc.waitlist"
    title_words = N_("Check a slip")
    purpose_words = N_("Scan the slip or type its number.")

    def __init__(
        self, shell: Shell, vouchers: VoucherService, parent: QWidget | None = None
    ) -> None:
        super().__init__(shell, parent)
        self.vouchers = vouchers
        self._number = ""
        layout = hbox(self, MIN_GAP_PX * 3)
        result = QVBoxLayout()
        result.addStretch(1)
        self.picture = picture_label("misc.waitlist", 128, self)
        result.addWidget(self.picture)
        self.answer = body_label(_("Scan the slip or type its number."), self, px=32, bold=True)
        self.answer.setObjectName("voucher_answer")
        result.addWidget(self.answer)
        result.addStretch(1)
        self.redeem = BigTile(
            "action.yes",
            _("Use the slip"),
            _("Use the slip"),
            speaker=shell.speaker,
            colour=REDEEM_COLOUR,
            parent=self,
        )
        self.redeem.setObjectName("voucher_redeem")
        self.redeem.setMinimumHeight(120)
        self.redeem.hide()
        self.redeem.activated.connect(self._redeem)
        result.addWidget(self.redeem)
        layout.addLayout(result, 2)
        # Grouped as printed on the slips: 123 456 789 0.
        self.keypad = NumericKeypad(
            max_length=10, grouping=(3, 3, 3, 1), speaker=shell.speaker, parent=self
        )
        self.keypad.submitted.connect(self.check)
        layout.addWidget(self.keypad, 3)

    def entered(self) -> None:
        self.keypad.setFocus()

    def reset(self) -> None:
        self.keypad.clear()
        self._number = ""
        self.redeem.hide()
        self.answer.setText(_("Scan the slip or type its number."))
        self.picture.setPixmap(icons.pixmap("misc.waitlist", 128))

    def check(self, digits: str) -> None:
        result = self.vouchers.check(digits)
        self._number = result.number if result.state is CheckState.VALID else ""
        self._show(result.state, result.voucher)
        self.keypad.clear()

    def _redeem(self) -> None:
        if not self._number:
            return
        outcome = self.vouchers.redeem(self._number)
        self._number = ""
        if outcome.done:
            self.redeem.hide()
            self._say_and_show("action.ok", _("Done: the slip is now used."))
        else:
            self._show(outcome.state, outcome.voucher)

    def _show(self, state: CheckState, voucher: VoucherInfo | None) -> None:
        icon, sentence = CHECK_ANSWERS[state]
        text = _(sentence)
        if voucher is not None:
            used = voucher.redeemed_at
            text = text.format(
                kind=_(KIND_WORDS[voucher.kind]),
                date=format_date_short(used) if used else "",
                time=format_time(used) if used else "",
            )
        self.redeem.setVisible(state is CheckState.VALID)
        self._say_and_show(icon, text, voucher.number if voucher else "")

    def _say_and_show(self, icon: str, text: str, number: str = "") -> None:
        self.picture.setPixmap(icons.pixmap(icon, 128))
        # The number checked stays in sight under the answer (the keypad is cleared for the next).
        self.answer.setText(f"{text}\n{format_number(number)}" if number else text)
        self.shell.speaker.say(text)
