"""The pickup pair (the mother's stub and each child's label) and its reprint."""

from __future__ import annotations

from sqlalchemy import select

from kiosk.data.models import (
    Voucher,
    VoucherKind,
)
from kiosk.i18n import _
from kiosk.services.childcare.common import (
    ChildcareError,
    childcare_entry_points,
    log,
)
from kiosk.services.childcare.registration import Registration
from kiosk.services.childcare.room import Room


@childcare_entry_points
class Slips(Room, Registration):
    def issue_slip(self, code_id: int) -> str:
        """The pickup pair (guardian stub + one label per child, the same code): its voucher
        number, to print. A second call for the same code gives the slip already issued."""
        existing = self._slip_number(code_id)
        if existing is not None:
            return existing
        # reportlab is loaded with the first slip, not when the kiosk starts.
        from kiosk.slip_options import SlipOptions
        from kiosk.vouchers import kinds

        info = self.pickup(code_id)
        faces = self.photos([c.child_id for c in info.children if c.has_photo])
        slip = kinds.PickupSlip(
            code=info.code,
            picture=info.picture,
            guardian_name=info.guardian_name,
            day=info.day,
            children=tuple(
                kinds.PickupChild(
                    c.name, c.age, c.has_allergy, c.medical_note, photo=faces.get(c.child_id)
                )
                for c in info.children
            ),
        )
        options = SlipOptions(
            paper=self._paper, centre_name=self._centre_name or SlipOptions().centre_name
        )
        voucher = self.vouchers.issue(
            VoucherKind.PICKUP,
            lambda number: kinds.pickup_pair(slip, number, options),
            subject_table="pickup_codes",
            subject_id=code_id,
        )
        return voucher.number

    def reprint(self, code_id: int, staff_id: int | None) -> str:
        """A lost stub: the same slip, the same code and number, printed again (audited)."""
        info = self.pickup(code_id)
        if info.day != self.today() or not info.children:
            raise ChildcareError(_("The children of this code have already been picked up."))
        number = self.issue_slip(code_id)
        with self._factory.begin() as s:
            self._audit(s, staff_id, "pickup.reprint", "pickup_codes", code_id)
        log.info("pickup code %d: stub reprinted", code_id)
        return number

    def _slip_number(self, code_id: int) -> str | None:
        with self._factory() as s:
            return s.scalar(
                select(Voucher.number)
                .where(
                    Voucher.kind == VoucherKind.PICKUP,
                    Voucher.subject_table == "pickup_codes",
                    Voucher.subject_id == code_id,
                )
                .order_by(Voucher.id)
                .limit(1)
            )
