"""Every kind of printed slip: a frozen dataclass of plain data and a function that turns it and
a voucher number into PDF bytes.

    pdf = job_slip(JobSlip(...), number, SlipOptions(paper="letter"))

The services pass these functions (with the data bound) to ``VoucherService.issue``, which hands
them the number it drew. Few words, big digits, a picture beside every fact.
"""

from __future__ import annotations

from kiosk.vouchers.kinds.cards import CARD_QR, member_card, test_slip
from kiosk.vouchers.kinds.childcare import PHOTO_MM, pickup_pair, square_photo
from kiosk.vouchers.kinds.data import (
    JobSlip,
    MemberCardSlip,
    PickupChild,
    PickupSlip,
    ProgramSheet,
    ReferralSlip,
    StaffListSlip,
    TradeSlip,
    TrainingSlip,
    WaitlistSlip,
)
from kiosk.vouchers.kinds.offers import job_slip, program_sheet, referral_slip, trade_slip
from kiosk.vouchers.kinds.trainings import (
    TickBox,
    staff_list,
    training_confirmation,
    waitlist_ticket,
)

__all__ = [
    "CARD_QR",
    "PHOTO_MM",
    "JobSlip",
    "MemberCardSlip",
    "PickupChild",
    "PickupSlip",
    "ProgramSheet",
    "ReferralSlip",
    "StaffListSlip",
    "TickBox",
    "TradeSlip",
    "TrainingSlip",
    "WaitlistSlip",
    "job_slip",
    "member_card",
    "pickup_pair",
    "program_sheet",
    "referral_slip",
    "square_photo",
    "staff_list",
    "test_slip",
    "trade_slip",
    "training_confirmation",
    "waitlist_ticket",
]
