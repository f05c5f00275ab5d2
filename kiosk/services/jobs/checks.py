"""A posting's details as staff typed them (or an import read them), checked."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.data.models import EmploymentType, JobCategory, PayUnit, PostingStatus
from kiosk.i18n import DEFAULT_TIMEZONE, N_, _
from kiosk.services.drafts import DraftCheck, Items, Text, blank, choice, money
from kiosk.services.jobs.common import (
    ADDRESS_MAX,
    BRING_ITEM_MAX,
    BRING_ITEMS_MAX,
    CENTS,
    CONTACT_OTHER_MAX,
    EMPLOYER_MAX,
    EXTERNAL_ID_MAX,
    LOCALITY_MAX,
    OPENINGS_MAX,
    PAY_LIMIT,
    SCHEDULE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    JobDraft,
    JobValidationError,
)
from kiosk.text import one_line

# --- input checks (shared with the JSON-LD import) --------------------------------------------


def parse_day(value: date | str) -> date:
    """A ``date``, or ISO text: ``2026-03-09`` or a datetime such as ``2026-03-09T18:00:00Z``
    (a time with an offset counts in the centre's time zone). ``ValueError`` otherwise."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        return value
    else:
        text = str(value).strip()
        if len(text) == 10:
            return date.fromisoformat(text)
        moment = datetime.fromisoformat(text)
    if moment.tzinfo is not None:
        moment = moment.astimezone(ZoneInfo(DEFAULT_TIMEZONE))
    return moment.date()


TITLE = Text(
    "title",
    TITLE_MAX,
    N_("The title is too long; use at most {limit} letters."),
    N_("Write the job's title."),
)
EMPLOYER = Text(
    "employer",
    EMPLOYER_MAX,
    N_("The employer's name is too long; use at most {limit} letters."),
    N_("Write who offers the job."),
)
LOCALITY = Text(
    "locality",
    LOCALITY_MAX,
    N_("The locality is too long; use at most {limit} letters."),
    N_("Write the locality where the job is."),
)
# The rest of the form, in the order staff fill it in (and read the problems).
TEXTS = (
    Text("address", ADDRESS_MAX, N_("The address is too long; use at most {limit} letters.")),
    Text("schedule", SCHEDULE_MAX, N_("The schedule is too long; use at most {limit} letters.")),
    Text(
        "description",
        TEXT_MAX,
        N_("The description is too long; use at most {limit} letters."),
        multiline=True,
    ),
    Text(
        "how_to_apply",
        TEXT_MAX,
        N_("How to apply is too long; use at most {limit} letters."),
        multiline=True,
    ),
)
BRING = Items(
    "what_to_bring",
    BRING_ITEMS_MAX,
    BRING_ITEM_MAX,
    N_("List at most {count} things to bring, each in at most {limit} letters."),
)
CONTACT_OTHER = Text(
    "contact_other",
    CONTACT_OTHER_MAX,
    N_("The web page or e-mail is too long; use at most {limit} letters."),
)
FLAGS = ("fits_school_hours", "no_experience_needed", "starts_now")


def check_draft(draft: JobDraft, *, today: date, complete: bool = True) -> dict[str, Any]:
    """The posting's column values, cleaned, or :class:`JobValidationError` listing every
    problem as one sentence each (staff fix them all at once).

    ``complete=False`` (an import) lets pay, pay unit, contact and locality be missing: the
    posting is kept and marked for staff to complete, instead of refused."""
    check = DraftCheck(draft)
    check.text(TITLE)
    check.choice("category", JobCategory, _("Choose one of the job categories."))
    check.text(EMPLOYER)
    _check_pay(check, draft, complete)
    check.choice(
        "employment_type",
        EmploymentType,
        _("Choose the kind of job: full time, part time, temporary, per day or other."),
    )
    check.text(LOCALITY, required=complete)
    check.texts(TEXTS)
    check.items(BRING)
    check.text(CONTACT_OTHER)
    check.phone(
        "contact_phone",
        _("The contact phone must be a Mexican number of 10 digits."),
        required=complete,
    )
    _check_openings(check, draft)
    _check_days(check, draft, today)
    _check_identifier(check, draft)
    for flag in FLAGS:
        check.values[flag] = getattr(draft, flag) is True
    if check.problems:
        raise JobValidationError(check.problems)
    return check.values


def _amount(check: DraftCheck, given: object) -> Decimal | None:
    """A pay figure below :data:`PAY_LIMIT` (not yet rounded), or None with the problem told."""
    try:
        amount = money(given)
    except (InvalidOperation, ValueError):
        check.problem(_("The pay must be a number."))
        return None
    if amount >= PAY_LIMIT:
        check.problem(_("The pay is too high; check the amount."))
        return None
    return amount


def _check_pay(check: DraftCheck, draft: JobDraft, complete: bool) -> None:
    values = check.values
    values["pay_amount"] = values["pay_max"] = None
    if blank(draft.pay_amount):
        if complete:
            check.problem(_("Write the pay."))
    else:
        amount = _amount(check, draft.pay_amount)
        if amount is not None and amount < 0:
            check.problem(_("The pay cannot be less than 0."))
        elif amount is not None:
            values["pay_amount"] = amount.quantize(CENTS, rounding=ROUND_HALF_UP)
    if values["pay_amount"] is not None and draft.pay_max not in (None, ""):
        top = _amount(check, draft.pay_max)
        if top is not None and top > values["pay_amount"]:
            values["pay_max"] = top.quantize(CENTS, rounding=ROUND_HALF_UP)
    no_unit = blank(draft.pay_unit)
    values["pay_unit"] = None if no_unit else choice(PayUnit, draft.pay_unit)
    if values["pay_unit"] is None and (complete or not no_unit):
        check.problem(_("Choose how the pay is counted: per hour, day, week or month."))


def _check_openings(check: DraftCheck, draft: JobDraft) -> None:
    openings: int | None
    try:
        if isinstance(draft.openings, bool):
            raise ValueError
        openings = int(str(draft.openings).strip())
    except ValueError:
        openings = None
    if openings is None or not 0 <= openings <= OPENINGS_MAX:
        check.problem(
            _("The number of places must be a whole number from 0 to {limit}.").format(
                limit=OPENINGS_MAX
            )
        )
    check.values["openings"] = openings


def _check_days(check: DraftCheck, draft: JobDraft, today: date) -> None:
    posted: date | None = today
    if not blank(draft.date_posted):
        posted = _day(
            check, draft.date_posted, _("The posting date is not a date; write it as YYYY-MM-DD.")
        )
    last: date | None = None
    if blank(draft.valid_through):
        check.problem(_("Give the last day the job is offered."))
    else:
        last = _day(
            check, draft.valid_through, _("The last day is not a date; write it as YYYY-MM-DD.")
        )
    if posted is not None and last is not None and last < posted:
        check.problem(_("The last day cannot be before the day the job was posted."))
    check.values["date_posted"] = posted
    check.values["valid_through"] = last


def _day(check: DraftCheck, given: date | str | None, problem: str) -> date | None:
    """The day written, or None with ``problem`` told."""
    try:
        return parse_day(given or "")
    except ValueError:
        check.problem(problem)
        return None


def _check_identifier(check: DraftCheck, draft: JobDraft) -> None:
    """The posting's identifier from elsewhere, and a status when the draft gives one."""
    external = one_line(draft.external_id) or None
    if external is not None and len(external) > EXTERNAL_ID_MAX:
        check.problem(
            _("The identifier is too long; use at most {limit} letters.").format(
                limit=EXTERNAL_ID_MAX
            )
        )
    check.values["external_id"] = external
    check.values["status"] = None
    if draft.status is not None:
        check.choice("status", PostingStatus, _("The status must be open or closed."))
