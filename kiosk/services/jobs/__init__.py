"""Job bank: what members may see, "Me interesa", and the staff's add / edit / close / reopen.

A member sees a posting while it is open and its last day (``valid_through``) has not passed, in
the centre's time zone: expired postings disappear by themselves, nobody has to close them. A
posting with no openings left stays visible but is marked *filled*: it is listed after the
offered ones, not counted on the category tiles, and takes no more interest.

Member queries follow the browse index ``(category, status, valid_through, date_posted)``: a list
is one aggregate count, then the page's ids by ``LIMIT/OFFSET`` over the sort, then those six
rows. Staff input is checked by :func:`check_draft`, which the JSON-LD import reuses, before
anything is written.
"""

from __future__ import annotations

from kiosk.data.models import JobCategory, JobGap, PayUnit, PostingStatus
from kiosk.services.jobs import common
from kiosk.services.jobs.checks import check_draft, parse_day
from kiosk.services.jobs.common import *  # noqa: F403 (the names in common.__all__)
from kiosk.services.jobs.service import JobService
from kiosk.services.jobs.slips import issue_job_slip

__all__ = [
    *common.__all__,
    "JobCategory",
    "JobGap",
    "JobService",
    "PayUnit",
    "PostingStatus",
    "check_draft",
    "issue_job_slip",
    "parse_day",
]
