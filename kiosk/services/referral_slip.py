"""The slip a member takes when staff refer her to a program: issued to print and kept for
reprint under its number, like every slip (see :mod:`kiosk.services.vouchers`)."""

from __future__ import annotations

from kiosk.services.programs import ProgramDetail, ReferralInfo, referral_slip_builder
from kiosk.services.vouchers import VoucherInfo, VoucherKind, VoucherService
from kiosk.slip_options import SlipOptions


def issue_referral_slip(
    vouchers: VoucherService,
    referral: ReferralInfo,
    program: ProgramDetail,
    staff_name: str,
    options: SlipOptions,
) -> VoucherInfo:
    """The referral's slip (who, where to, why, when staff will call), signed by ``staff_name``."""
    return vouchers.issue(
        VoucherKind.REFERRAL,
        referral_slip_builder(referral, program, staff_name, options=options),
        subject_table="referrals",
        subject_id=referral.id,
    )
