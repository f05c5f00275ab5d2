"""A program's details as staff typed them (or the HSDS import read them), checked."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from kiosk.data.models import ProgramLevel, ProgramNeed, ServiceStatus
from kiosk.i18n import N_, WEEKDAY_CODES, _
from kiosk.services.drafts import DraftCheck, Items, Text
from kiosk.services.programs.common import (
    ADDRESS_MAX,
    AGE_MAX,
    CENTS,
    COST_LIMIT,
    DOCUMENT_MAX,
    DOCUMENTS_MAX,
    LINE_MAX,
    LOCALITY_MAX,
    NAME_MAX,
    ORGANIZATION_MAX,
    TEXT_MAX,
    ProgramDraft,
    ProgramValidationError,
)
from kiosk.text import one_line

# --- input checks (shared with the HSDS import) -----------------------------------------------


def _age(value: object) -> int | None:
    if value is None or str(value).strip() == "":
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    number = Decimal(str(value).strip())
    if number != number.to_integral_value():
        raise ValueError(value)
    return int(number)


def check_cost(amount: object) -> Decimal | None:
    """A cost in its currency, or ``ValueError``."""
    if amount is None or str(amount).strip() == "":
        return None
    if isinstance(amount, bool):
        raise ValueError(amount)
    try:
        value = Decimal(str(amount).strip().replace("$", "").replace(",", ""))
    except InvalidOperation as exc:
        raise ValueError(amount) from exc
    if not value.is_finite() or value < 0 or value >= COST_LIMIT:
        raise ValueError(amount)
    return value.quantize(CENTS, rounding=ROUND_HALF_UP)


# The text fields in the order staff meet them on the form (and read the problems).
NAMES = (
    Text(
        "name",
        NAME_MAX,
        N_("The program's name is too long; use at most {limit} letters."),
        N_("Write the program's name."),
    ),
    Text(
        "organization",
        ORGANIZATION_MAX,
        N_("The organization's name is too long; use at most {limit} letters."),
        N_("Write which organization runs the program."),
    ),
)
TEXTS = (
    Text("eligibility", TEXT_MAX, N_("Who can apply is too long."), multiline=True),
    Text("benefit", TEXT_MAX, N_("What it gives is too long."), multiline=True),
    Text("description", TEXT_MAX, N_("The description is too long."), multiline=True),
    Text("directions", TEXT_MAX, N_("How to get there is too long."), multiline=True),
    Text("application_process", TEXT_MAX, N_("What to do there is too long."), multiline=True),
    Text("address", ADDRESS_MAX, N_("The address is too long.")),
    Text("locality", LOCALITY_MAX, N_("The locality is too long.")),
    Text("schedule", LINE_MAX, N_("The schedule is too long.")),
    Text("fees", LINE_MAX, N_("The cost is too long.")),
)
DOCUMENTS = Items(
    "required_documents",
    DOCUMENTS_MAX,
    DOCUMENT_MAX,
    N_("List at most {count} papers to bring, each in at most {limit} letters."),
    each_once=True,
)


def check_program(draft: ProgramDraft) -> dict[str, Any]:
    """The service's column values (``organization`` as a name), cleaned, or
    :class:`ProgramValidationError` listing every problem, one sentence each."""
    check = DraftCheck(draft)
    check.texts(NAMES)
    check.choice("need", ProgramNeed, _("Choose what the program helps with."))
    check.choice(
        "level",
        ProgramLevel,
        _("Choose who runs it: federal, state, municipal or an organization."),
    )
    check.texts(TEXTS)
    check.items(DOCUMENTS)
    check.phone("phone", _("The program's phone must be a Mexican number of 10 digits."))
    _check_ages(check, draft)
    _check_hours(check, draft)
    check.values["assured_date"] = draft.assured_date
    check.values["status"] = ServiceStatus.ACTIVE if draft.active else ServiceStatus.INACTIVE
    if check.problems:
        raise ProgramValidationError(check.problems)
    return check.values


def _check_ages(check: DraftCheck, draft: ProgramDraft) -> None:
    ages: list[int | None] = []
    for given in (draft.minimum_age, draft.maximum_age):
        try:
            age = _age(given)
        except (ValueError, InvalidOperation):
            age = -1
        if age is not None and not 0 <= age <= AGE_MAX:
            check.problem(
                _("An age must be a whole number from 0 to {limit}.").format(limit=AGE_MAX)
            )
            age = None
        ages.append(age)
    check.values["minimum_age"], check.values["maximum_age"] = ages
    if ages[0] is not None and ages[1] is not None and ages[0] > ages[1]:
        check.problem(_("The youngest age cannot be more than the oldest."))


def _check_hours(check: DraftCheck, draft: ProgramDraft) -> None:
    check.values["opens_at"], check.values["closes_at"] = draft.opens_at, draft.closes_at
    days = [day for day in one_line(draft.schedule_days).upper().replace(" ", "").split(",")]
    days = [day for day in days if day]
    if not all(day in WEEKDAY_CODES for day in days):
        check.problem(_("Choose the days it opens again."))
        days = []
    check.values["schedule_days"] = ",".join(dict.fromkeys(days))
    if draft.opens_at and draft.closes_at and draft.closes_at <= draft.opens_at:
        check.problem(_("The closing time must be after the opening time."))
