"""The slip desk: sends a kept slip to the printer and records how it went, so a slip that
could not print waits in the "por imprimir" queue with its number until staff reprint it."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.logs import area_logger
from kiosk.services.vouchers import UnknownVoucher, VoucherService
from kiosk.slip_options import SlipOptions
from kiosk.ui.printing import PDF_MODE, Printer

if TYPE_CHECKING:
    from kiosk.config import Settings
    from kiosk.services.cards import CardService

log = area_logger("ui")


def slip_options(settings: Settings) -> SlipOptions:
    """The paper and centre name every slip of this station is drawn with."""
    return SlipOptions.from_settings(settings)


class SlipDesk(QObject):
    """``print_slip(number)`` → :attr:`printed` (number) or :attr:`failed` (number, reason)."""

    printed = Signal(str)
    failed = Signal(str, str)

    def __init__(self, vouchers: VoucherService, printer: Printer, parent: QObject | None = None):
        super().__init__(parent)
        self.vouchers = vouchers
        self.printer = printer
        printer.printed.connect(self._printed)
        printer.failed.connect(self._failed)

    def print_slip(self, number: str) -> None:
        """Print (or reprint: the same number, the same PDF) a kept slip."""
        voucher = self.vouchers.get(number)
        # Drawn on the printing thread: the page she is on answers at once.
        make = partial(self.vouchers.pdf, number)
        self.printer.print_made(make, f"{voucher.kind.value}-{number}", key=number)

    def _printed(self, number: str) -> None:
        try:
            if self.printer.settings.printer == PDF_MODE:
                self.vouchers.mark_saved(number)
            else:
                self.vouchers.mark_printed(number)
        except UnknownVoucher:  # not one of ours (a job sent by someone else)
            return
        self.printed.emit(number)

    def _failed(self, number: str, reason: str) -> None:
        try:
            self.vouchers.mark_failed(number, reason)
        except UnknownVoucher:
            return
        log.warning("slip %s waits in the reprint queue", self.vouchers.get(number).kind.value)
        self.failed.emit(number, reason)


class CardPrinter:
    """Her member card, new (the old one stops working), drawn and sent to the printer.
    Called with her id and the staff member serving her; raises the card or voucher service's
    error (one sentence to show) when it cannot."""

    def __init__(self, cards: CardService, slip_desk: SlipDesk, settings: Settings) -> None:
        self.cards = cards
        self.slip_desk = slip_desk
        self.settings = settings

    def __call__(self, member_id: int, staff_id: int | None = None) -> bool:
        """Print it; True when an old card was replaced."""
        printed = self.cards.print_card(member_id, slip_options(self.settings), staff_id=staff_id)
        self.slip_desk.print_slip(printed.voucher_number)
        return printed.card.replaced
