"""Childcare (guardería): volunteers' shifts, check-in with a pickup code, the room board,
check-out, alerts for staff, and attendance reports.

Decisions, so that pages and staff can rely on them:

- **One write at a time.** Check-in, check-out and shifts run inside one write transaction that
  first takes the room's row lock (:func:`kiosk.services.childcare_room.lock_room`; on SQLite
  ``factory.begin()`` already holds the database's write lock), the same lock course sign-ups
  with children take. So two stations checking in at the same instant, or a check-in and a
  sign-up, count the room one after the other, and capacity and ratio cannot be overrun. On top of
  that the database decides: a code is unique per day (unique index on ``(day, code)``; a collision
  draws again behind a savepoint) and a child is in the room at most once (a partial unique index on
  her open visit).
- **Codes.** Digits only (they cannot spell a word), two digits (10-99) while any is free that
  day, then three; never reused the same day, even after the children left. Each code gets one
  of twelve pictures (turtle, cat...), the least used among the codes still in the room, so two
  mothers in the room rarely share a picture. One code covers all the children a guardian
  leaves at one check-in; her stub and each child's label carry it.
- **Limits.** ``capacity`` children in the room at most, and ``ratio`` children per volunteer on
  shift; past either the check-in is refused with one spoken sentence and nothing is written.
  Past ``capacity_warning`` or ``ratio_warning`` per volunteer the check-in happens with a
  warning. A shift counts when it started on the centre's day and has not ended.
- **Reserved places count.** A course sign-up holds places for its hours; they are kept for
  that mother's children. So a check-in counts the places held over the next
  ``CHECK_IN_AHEAD`` (children stay at least that long, and mothers bring them shortly before
  their course): per mother the larger of her reservation and her children in the room
  (:mod:`kiosk.services.childcare_room`). Her own children fill her reserved places; a child
  without one gets in only if the places left over are not reserved by others. Both limits
  count this way: a volunteer must be there for the reserved children when they come.
- **Check-out.** The code typed (``47``) or the stub's voucher number scanned (10 digits). A
  wrong code changes nothing. The guardian, or a person on every child's allowed list, picks
  up; a person on any child's not-allowed list is refused and an alert waits on the staff desk.
  Two stations checking out the same code: one conditional UPDATE decides, the other is told
  the children already left. Without the code a staff member's PIN is needed (a volunteer's is
  not enough); it writes an audit event and an alert.
- **Present.** A child is in the room from check-in until check-out on the centre's day. A visit
  left open from an earlier day is closed at her next check-in, with an alert for staff.
"""

from __future__ import annotations

from kiosk.data.models import AlertKind
from kiosk.services.childcare.base import ChildcareBase
from kiosk.services.childcare.checkin import CheckIn, free_codes, least_used_picture
from kiosk.services.childcare.checkout import CheckOut
from kiosk.services.childcare.common import (
    CHECK_IN_AHEAD,
    MAX_AGE_YEARS,
    MAX_ATTEMPTS,
    MAX_CHILDREN_AT_ONCE,
    NOTE_MAX,
    PEOPLE_MAX,
    PICTURE_COLOURS,
    PICTURES,
    AlertInfo,
    CheckInResult,
    CheckOutResult,
    CheckOutStatus,
    ChildcareError,
    ChildInfo,
    Limits,
    PersonInfo,
    PickupChoice,
    PickupInfo,
    RoomBoard,
    RoomChild,
    RoomFull,
    ShiftInfo,
    WrongCode,
    age_on,
)
from kiosk.services.childcare.registration import Registration
from kiosk.services.childcare.reports import (
    AGE_GROUPS,
    REPORTS_FOLDER,
    AttendanceReport,
    AttendanceRow,
    Reports,
    age_group_words,
)
from kiosk.services.childcare.room import Room
from kiosk.services.childcare.shifts import Shifts
from kiosk.services.childcare.slips import Slips

__all__ = [
    "AGE_GROUPS",
    "CHECK_IN_AHEAD",
    "MAX_AGE_YEARS",
    "MAX_ATTEMPTS",
    "MAX_CHILDREN_AT_ONCE",
    "NOTE_MAX",
    "PEOPLE_MAX",
    "PICTURES",
    "PICTURE_COLOURS",
    "REPORTS_FOLDER",
    "AlertInfo",
    "AlertKind",
    "AttendanceReport",
    "AttendanceRow",
    "CheckIn",
    "CheckInResult",
    "CheckOut",
    "CheckOutResult",
    "CheckOutStatus",
    "ChildInfo",
    "ChildcareBase",
    "ChildcareError",
    "ChildcareService",
    "Limits",
    "PersonInfo",
    "PickupChoice",
    "PickupInfo",
    "Registration",
    "Reports",
    "Room",
    "RoomBoard",
    "RoomChild",
    "RoomFull",
    "ShiftInfo",
    "Shifts",
    "Slips",
    "WrongCode",
    "age_group_words",
    "age_on",
    "checked_in_words",
    "free_codes",
    "least_used_picture",
]


class ChildcareService(CheckIn, CheckOut, Slips, Registration, Reports):
    """The children's room, one part per responsibility: :class:`Shifts`, :class:`Registration`,
    :class:`Room` (the board and the codes' children), :class:`CheckIn`, :class:`CheckOut` (and
    the alerts), :class:`Slips` and :class:`Reports`, sharing :class:`ChildcareBase`."""


def checked_in_words(pickup: PickupInfo) -> str:
    """``47 tortuga``: the code as the volunteer says it to the mother."""
    return f"{pickup.code} {pickup.picture_word}"
