"""A program in words and pictures: the referral slip, the papers to bring, its sheet."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from functools import partial
from typing import TYPE_CHECKING

from kiosk.data.models import ProgramLevel, VoucherKind
from kiosk.i18n import N_, _, format_days, format_time

if TYPE_CHECKING:
    from kiosk.services.vouchers import VoucherInfo, VoucherService
    from kiosk.slip_options import SlipOptions

from kiosk.services.programs.common import ProgramDetail, ReferralInfo

# --- the referral slip ------------------------------------------------------------------------


def referral_slip_builder(
    referral: ReferralInfo,
    program: ProgramDetail,
    staff_name: str = "",
    options: SlipOptions | None = None,
) -> Callable[[str], bytes]:
    """The slip's PDF builder for :meth:`VoucherService.issue` (reportlab loads only now);
    ``options``: the station's paper and centre name."""
    from kiosk.vouchers import kinds

    data = kinds.ReferralSlip(
        member_name=referral.member_name,
        program=program.name,
        organization=program.organization,
        address=program.address,
        locality=program.locality,
        directions=program.directions,
        phone=program.phone,
        schedule=program.schedule,
        eligibility=program.eligibility,
        fees=program.fees,
        application_steps=program.application_process,
        documents=program.required_documents,
        reason=referral.reason,
        staff_name=staff_name or referral.staff_name,
        assured_date=program.assured_date,
        follow_up_on=referral.follow_up_on,
        need=program.need.value,
    )
    return partial(kinds.referral_slip, data, options=options)


# --- papers to bring, as pictures --------------------------------------------------------------


def document_codes(document: str) -> list[str]:
    """The kiosk's paper codes a stored paper shows as pictures: itself when it is one
    ("ine"), or the papers a longer imported text speaks of."""
    from kiosk.data.hsds import DOCUMENT_NAMES, codes_mentioned

    if document in DOCUMENT_NAMES:
        return [document]
    return codes_mentioned(document)


# --- a program in words, on the screen and on its sheet -----------------------------------

LEVEL_WORDS: dict[ProgramLevel, str] = {
    ProgramLevel.FEDERAL: N_("Federal"),
    ProgramLevel.STATE: N_("State"),
    ProgramLevel.MUNICIPAL: N_("Municipal"),
    ProgramLevel.CIVIL: N_("Organizations"),
}


def level_word(level: ProgramLevel | str) -> str:
    return _(LEVEL_WORDS[ProgramLevel(level)])


def ages_text(program: ProgramDetail) -> str:
    low, high = program.minimum_age, program.maximum_age
    if low is not None and high is not None:
        return _("From {low} to {high} years old").format(low=low, high=high)
    if low is not None:
        return _("From {low} years old").format(low=low)
    if high is not None:
        return _("Up to {high} years old").format(high=high)
    return ""


def hours_text(description: str, days: str, opens_at: time | None, closes_at: time | None) -> str:
    """A schedule as written; or its days and hours ("jue y vie 10:00 – 18:00") when only
    those are known."""
    if description:
        return description
    hours = f"{format_time(opens_at)} – {format_time(closes_at)}" if opens_at and closes_at else ""
    return " ".join(part for part in (format_days(days), hours) if part)


def when_text(program: ProgramDetail) -> str:
    return hours_text(program.schedule, program.schedule_days, program.opens_at, program.closes_at)


def office_name(program: ProgramDetail) -> str:
    """The office's name, left out when it is just the organization's."""
    return "" if program.location_name == program.organization else program.location_name


# --- the program's sheet ------------------------------------------------------------------------


def issue_program_sheet(
    vouchers: VoucherService, program: ProgramDetail, options: SlipOptions
) -> VoucherInfo:
    """The program's sheet (what it gives, who can apply, where, when, the phone, the papers as
    pictures), issued to print and kept for reprint; reportlab loads only now."""
    from kiosk.vouchers import kinds

    eligibility = " ".join(p for p in (program.eligibility, ages_text(program)) if p)
    sheet = kinds.ProgramSheet(
        program=program.name,
        organization=program.organization,
        level=level_word(program.level),
        benefit=program.benefit or program.description,
        eligibility=eligibility,
        address=", ".join(p for p in (office_name(program), program.address) if p),
        locality=program.locality,
        directions=program.directions,
        phone=program.phone,
        schedule=when_text(program),
        fees=program.fees,
        application_steps=program.application_process,
        documents=program.required_documents,
        need=program.need.value,
    )
    return vouchers.issue(
        VoucherKind.PROGRAM_SHEET,
        partial(kinds.program_sheet, sheet, options=options),
        subject_table="programs",
        subject_id=program.id,
    )
