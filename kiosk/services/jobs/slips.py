"""The job's slip."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from kiosk.data.models import VoucherKind

if TYPE_CHECKING:
    from kiosk.services.vouchers import VoucherInfo, VoucherService
    from kiosk.slip_options import SlipOptions


from kiosk.services import copy_fields
from kiosk.services.jobs.common import JobDetail

# --- the job's slip ---------------------------------------------------------------------------


def issue_job_slip(vouchers: VoucherService, job: JobDetail, options: SlipOptions) -> VoucherInfo:
    """The job's slip (pay, how to apply, the papers to bring), issued to print and kept for
    reprint under its number; reportlab loads only now."""
    from kiosk.vouchers import kinds

    slip = copy_fields(
        kinds.JobSlip,
        job,
        pay_unit=None if job.pay_unit is None else str(job.pay_unit),
        phone=job.contact_phone,
        what_to_bring=tuple(job.what_to_bring),
        category=str(job.category),
    )
    return vouchers.issue(
        VoucherKind.JOB,
        partial(kinds.job_slip, slip, options=options),
        subject_table="job_postings",
        subject_id=job.id,
    )
