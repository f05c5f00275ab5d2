"""What the courses' member and staff pages share: the area's colours, a course's picture, and
the words for a session's seats and for her sign-ups, and "Mis cursos"."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import _, format_when, ngettext
from kiosk.resources import icon_names
from kiosk.services.trainings import EnrollmentInfo, EnrollmentStatus, SessionInfo, TrainingCard
from kiosk.ui.pages.base import BODY_PX, Shell, body_label, choice_tile
from kiosk.ui.widgets import BigTile

TRAININGS = AREA_BY_KEY["trainings"]
STAFF = AREA_BY_KEY["staff"]
MAX_CHAIRS = 10  # one chair per free seat up to this; "+2" says the rest
FULL_COLOUR = "#5d4037"  # a full course: brown, "Lista de espera"
WAIT_COLOUR = "#ef6c00"  # her place on a waiting list
WAITING_COLOUR = "#ffb300"  # amber: "no seat yet", never the green of a seat
WAITING_ICON = "answer.waiting"  # an hourglass: she waits, it is not a turn at a time


def topic_icon(topic: str) -> str:
    """The course's pictogram ("training.panaderia"), or the area's when it has none."""
    name = f"training.{topic}"
    return name if name in icon_names() else TRAININGS.icon


def seats_words(session: SessionInfo) -> str:
    if session.full:
        return _("Waiting list")
    return ngettext("{count} seat left", "{count} seats left", session.seats_left).format(
        count=session.seats_left
    )


def seats_short(session: SessionInfo) -> str:
    """``8 lugares``: the seats left where the whole sentence does not fit."""
    if session.full:
        return ""
    return ngettext("{count} seat", "{count} seats", session.seats_left).format(
        count=session.seats_left
    )


def seat_marks(session: SessionInfo) -> tuple[int, int]:
    """The chairs drawn for a session's free seats and the "+N" after them: one chair per
    seat up to ten (a full course: one hourglass)."""
    if session.full:
        return 1, 0
    chairs = min(session.seats_left, MAX_CHAIRS)
    return chairs, session.seats_left - chairs


def card_phrase(card: TrainingCard) -> str:
    session = card.next_session
    parts = [card.title, format_when(session.starts_at), session.place, seats_words(session)]
    if session.full and session.waitlist_count:
        parts.append(
            ngettext(
                "{count} woman is waiting", "{count} women are waiting", session.waitlist_count
            ).format(count=session.waitlist_count)
        )
    return ". ".join(p for p in parts if p) + "."


def enrollment_words(item: EnrollmentInfo) -> str:
    if item.status is EnrollmentStatus.WAITLISTED:
        state = _("Waiting list: number {position}").format(position=item.place_in_line)
    elif item.childcare_full:  # given a seat from the list while the room was full
        state = _("Seat, without childcare")
    else:
        state = _("Signed up")
    return "\n".join([item.training_title, format_when(item.starts_at), state])


def enrollment_phrase(item: EnrollmentInfo) -> str:
    words = enrollment_words(item).replace("\n", ". ")
    if item.childcare_full or item.status is EnrollmentStatus.WAITLISTED:
        return f"{words}. {item.childcare_words()}"
    return words


def my_courses_tile(shell: Shell, parent: QWidget, name: str) -> BigTile:
    """ "Mis cursos": her sign-ups, from the course list and from her answer."""
    return choice_tile(
        shell,
        parent,
        name,
        "action.sign_up",
        _("My courses"),
        _("See and cancel your courses"),
        colour=TRAININGS.colour,
    )


def side_label(parent: QWidget, name: str, *, px: int = BODY_PX, bold: bool = False) -> QLabel:
    """Words read from the left beside a picture or a row of tiles, named ``name``."""
    label = body_label("", parent, px=px, bold=bold)
    label.setObjectName(name)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return label
