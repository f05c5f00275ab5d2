"""The job's slip."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from kiosk.data.models import VoucherKind

if TYPE_CHECKING:
    from kiosk.services.vouchers import VoucherInfo, VoucherService
    from kiosk.slip_options import SlipOptions


from kiosk.services.jobs.common import JobDetail

# --- the job's slip ---------------------------------------------------------------------------


def issue_job_slip(vouchers: VoucherService, job: JobDetail, options: SlipOptions) -> VoucherInfo:
    """The job's slip (pay, how to apply, the papers to bring), issued to print and kept for
    reprint under its number; reportlab loads only now."""
    from kiosk.vouchers import kinds

    slip = kinds.JobSlip(
        title=job.title,
        employer=job.employer,
        pay_amount=job.pay_amount,
        pay_max=job.pay_max,
        pay_unit=None if job.pay_unit is None else str(job.pay_unit),
        contact_other=job.contact_other,
        how_to_apply=job.how_to_apply,
        phone=job.contact_phone,
        address=job.address,
        what_to_bring=tuple(job.what_to_bring),
        locality=job.locality,
        schedule=job.schedule,
        category=str(job.category),
    )
    return vouchers.issue(
        VoucherKind.JOB,
        partial(kinds.job_slip, slip, options=options),
        subject_table="job_postings",
        subject_id=job.id,
    )
