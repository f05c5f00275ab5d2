"""Trainings (cursos): sessions with seats, a first-come-first-served waitlist, childcare places
reserved with the seat, attendance, and the staff's lists.

Every rule that must hold when several kiosks sign women up at the same moment is decided
inside one write transaction that first locks the session's row (``SELECT ... FOR NO KEY
UPDATE`` on PostgreSQL; on SQLite ``factory.begin()`` already holds the database's write lock).
So sign-ups, cancellations and attendance marks of one session run one after another, and what
they read (counters, her earlier sign-up, the last waitlist number) cannot change under them.
On top of that the counters only move through conditional UPDATEs
(``... SET seats_taken = seats_taken + 1 WHERE seats_taken < seats AND childcare_taken + n <=
capacity``) whose row count decides, so no code path can oversell even without the lock.

Decisions, so that pages and staff can rely on them:

- **Counters.** ``seats_taken`` counts enrollments that are enrolled, attended or no-show;
  ``childcare_taken`` is the sum of their ``childcare_reserved`` (the session's share of the
  room, for staff). A no-show keeps her seat (the session is over by then); cancelling frees the
  seat and its childcare places.
- **One room for every course.** Childcare places are the room's, held per time interval
  (:mod:`kiosk.services.childcare_room`): at no instant of a session may the places reserved by
  all sessions going on then pass ``childcare_capacity`` (for a session starting within half an
  hour, the children in the room now count too: they may still be there). Sign-ups with children and
  cancellations take the room's row lock before the session's, and decide on a query over the
  overlapping sessions. The ratio of children per volunteer is not checked here: volunteers' shifts
  are not planned ahead in the kiosk, so for a session to come only the capacity can be checked;
  the ratio is checked at check-in, with the volunteers on shift then (reserved places count).
- **Children and childcare.** ``children_count`` is how many children she brings (0-6);
  ``childcare_wanted`` the places she asked for (her children, or 0 if she comes without
  childcare); ``childcare_reserved`` the places she holds - only with a seat: a waitlisted woman
  holds none.
- **Childcare full.** With a free seat but no room for her children the answer is
  ``CHILDCARE_FULL`` and nothing is written; she may sign up again ``without_childcare=True``, or
  with ``waitlist_if_childcare_full=True`` to wait for a seat with childcare
  (``waits_for_childcare``). More children than the room has places at all can only come without
  childcare (``can_wait_for_childcare`` is False).
- **One sign-up per member and session.** A second sign-up returns ``ALREADY`` with her
  enrollment. A cancelled sign-up is the same row used again (the unique constraint stays), as a
  new sign-up at the back of the line.
- **Waitlist.** ``waitlist_position`` is a number per session drawn as ``MAX + 1`` under the
  session's lock: strictly increasing, never reused (a row keeps it after promotion). What she is
  told and what is printed is her *place in line*: 1 + the waitlisted women ahead of her.
- **Promotion.** When a seat frees up (before the session starts), the first in line gets it,
  and the next, while seats remain. Her childcare is checked again in the same transaction: if
  the room has her places at the session's hours she holds them; if not she gets the seat without
  childcare and is told so (``childcare_full`` on her sign-up and on the staff's list). A woman
  who waits for childcare (she chose to, while seats were free) keeps her place in line until her
  places are free; a cancellation that frees places lets such women into every overlapping
  session. Promoted enrollments have ``promoted_at`` set and stay on the staff desk's "call her"
  list (:meth:`TrainingService.to_call`) until :meth:`TrainingService.mark_called`.
- **Closing.** Sign-up and cancelling close at the session's start (the injected ``clock``).
  Sessions of an inactive training are closed too. Attendance may be marked at any time.
"""

from __future__ import annotations

from kiosk.data.models import EnrollmentStatus
from kiosk.services.trainings.attendance import Attendance
from kiosk.services.trainings.common import (
    MAX_CHILDREN,
    STATUS_LABELS,
    CallEntry,
    CancelResult,
    DoorCheck,
    DoorStatus,
    EnrollmentInfo,
    RosterEntry,
    SessionInfo,
    SignUpResult,
    SignUpStatus,
    TrainingCard,
    TrainingError,
    TrainingInfo,
)
from kiosk.services.trainings.courses import Courses
from kiosk.services.trainings.signups import SignUps
from kiosk.services.trainings.slips import issue_session_list, issue_sign_up_slip

__all__ = [
    "MAX_CHILDREN",
    "STATUS_LABELS",
    "Attendance",
    "CallEntry",
    "CancelResult",
    "Courses",
    "DoorCheck",
    "DoorStatus",
    "EnrollmentInfo",
    "EnrollmentStatus",
    "RosterEntry",
    "SessionInfo",
    "SignUpResult",
    "SignUpStatus",
    "SignUps",
    "TrainingCard",
    "TrainingError",
    "TrainingInfo",
    "issue_session_list",
    "issue_sign_up_slip",
]


class TrainingService(Courses, SignUps, Attendance):
    """Trainings, one part per responsibility: :class:`Courses` (courses and sessions),
    :class:`SignUps` (sign-ups and the waitlist) and :class:`Attendance` (the door, the lists,
    the women to call), sharing :class:`TrainingBase`."""
