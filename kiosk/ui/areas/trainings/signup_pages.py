"""The sign-up's pages: "¿Necesitas guardería?" with the course shown, what to do when the
childcare room is full, and the answer (signed up, or her place on the waiting list) while the
slip prints. What they show comes from the service's answer, handed in by the flow."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import N_, _, format_day, format_time, ngettext
from kiosk.services.trainings import (
    MAX_CHILDREN,
    EnrollmentStatus,
    SessionInfo,
    SignUpResult,
    SignUpStatus,
    TrainingCard,
)
from kiosk.ui import icons
from kiosk.ui.areas.trainings.common import (
    TRAININGS,
    WAIT_COLOUR,
    WAITING_COLOUR,
    WAITING_ICON,
    my_courses_tile,
    seats_words,
    side_label,
    topic_icon,
)
from kiosk.ui.pages.base import (
    BODY_PX,
    NO_COLOUR,
    YES_COLOUR,
    Page,
    Shell,
    body_label,
    choice_tile,
    fact_row,
    picture_label,
)
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, KeyButton, Speaks
from kiosk.ui.widgets.columns import column, page_column, page_row
from kiosk.ui.widgets.looks import restyle
from kiosk.ui.widgets.page_words import FixedWords
from kiosk.words import waiting_words

CHILD_PX = 48
ANSWER_PX = 30  # the answer in two lines beside its picture, with the course under it


class ChildrenPicker(QWidget):
    """How many children she brings: seven big keys 0 to 6 (the keypad of this question), the
    chosen number shown as digits and as that many children, and the green "Inscribirme"."""

    changed = Signal(int)
    submitted = Signal(int)

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = 0
        self.setObjectName("children_picker")
        layout = page_column(self, MIN_GAP_PX)
        self.display = QLabel(self)
        self.display.setObjectName("children_display")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setFrameShape(QLabel.Shape.Box)
        self.display.setLineWidth(3)
        self.display.setFixedHeight(CHILD_PX + 24)
        self.display.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.display)
        layout.addLayout(self._keys(shell), 1)
        self.set_count(0)

    def _keys(self, shell: Shell) -> QGridLayout:
        """The digits in rows of three, 0 last, and the green key beside the 0."""
        grid = QGridLayout()
        grid.setSpacing(MIN_GAP_PX)
        self.digit_keys = {digit: self._key(digit, shell.speaker) for digit in "1234560"}
        for index, key in enumerate(self.digit_keys.values()):
            grid.addWidget(key, index // 3, index % 3)
        self.submit_button = choice_tile(
            shell,
            self,
            "training_sign_up",
            "action.yes",
            _("Sign me up"),
            _("Sign me up for the course"),
            colour=YES_COLOUR,
        )
        self.submit_button.set_font_px(28)
        self.submit_button.activated.connect(lambda: self.submitted.emit(self.count))
        grid.addWidget(self.submit_button, 2, 1, 1, 2)
        for index in range(3):
            grid.setColumnStretch(index, 1)
            grid.setRowStretch(index, 1)
        return grid

    def _key(self, digit: str, speaker: Speaks | None) -> KeyButton:
        key = KeyButton(digit, digit, digit, speaker=speaker, parent=self)
        key.setObjectName(f"children_{digit}")
        key.typed.connect(lambda value: self.set_count(int(value)))
        return key

    def set_count(self, count: int) -> None:
        self.count = max(0, min(count, MAX_CHILDREN))
        # The number in digits, then that many children: she sees what she chose.
        side = CHILD_PX
        width = 80 + max(self.count, 1) * (side + 6)
        canvas = QPixmap(width, side + 8)
        canvas.fill(Qt.GlobalColor.transparent)
        painter = QPainter(canvas)
        font = self.font()
        font.setPixelSize(side)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("#000000"))
        painter.drawText(QRect(0, 0, 70, side + 8), Qt.AlignmentFlag.AlignCenter, str(self.count))
        x = 80
        for index in range(self.count):
            name = "child.girl" if index % 2 == 0 else "child.boy"
            painter.drawPixmap(x, 4, icons.pixmap(name, side))
            x += side + 6
        painter.end()
        self.display.setPixmap(canvas)
        self.display.setAccessibleName(str(self.count))
        self.changed.emit(self.count)


class SessionSummary(QWidget):
    """The course she is signing up for: picture, title, day and time, place, seats."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        facts = page_column(self, MIN_GAP_PX)
        top = QHBoxLayout()
        self.picture = picture_label(TRAININGS.icon, 88, self)
        top.addWidget(self.picture)
        self.course = side_label(self, "training_course", px=32, bold=True)
        top.addWidget(self.course, 1)
        facts.addLayout(top)
        self.rows: dict[str, QLabel] = {}
        self.seats_row: tuple[QLabel, QLabel] = (self.course, self.course)
        for key, icon in (
            ("when", "misc.calendar"),
            ("place", "misc.place"),
            ("seats", "misc.seat"),
        ):
            picture, self.rows[key] = fact_row(
                self, facts, icon, f"training_{key}", picture_px=48, bold=key == "when"
            )
            if key == "seats":
                self.seats_row = (picture, self.rows[key])

    def show_session(
        self, title: str, topic: str, session: SessionInfo, *, seats: bool = True
    ) -> None:
        self.picture.setPixmap(icons.pixmap(topic_icon(topic), 88))
        self.course.setText(title)
        # The day, then the time on a line of its own: neither is ever cut.
        day, time = format_day(session.starts_at), format_time(session.starts_at)
        self.rows["when"].setText(f"{day}\n{time}")
        self.rows["place"].setText(session.place)
        self.rows["seats"].setText(seats_words(session))
        for widget in self.seats_row:
            widget.setVisible(seats)

    def clear(self) -> None:
        self.course.clear()
        for label in self.rows.values():
            label.clear()


class ChildcarePage(FixedWords, Page):
    """The course, and how many children she brings to the childcare room (0 to 6); the
    keypad's green key signs her up."""

    page_name = "training_childcare"
    icon_name = "area.childcare"
    colour = TRAININGS.colour
    title_words = N_("Do you need childcare?")

    answered = Signal(int)

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.card: TrainingCard | None = None
        layout = page_row(self)
        left = column()
        self.summary = SessionSummary(self)
        left.addWidget(self.summary)
        left.addStretch(1)
        question = QHBoxLayout()
        question.addWidget(picture_label("area.childcare", 72, self))
        self.question = body_label(_("How many children do you bring?"), self, px=32, bold=True)
        question.addWidget(self.question, 1)
        left.addLayout(question)
        left.addStretch(1)
        layout.addLayout(left, 3)
        self.picker = ChildrenPicker(shell, self)
        self.picker.submitted.connect(self.answered)
        layout.addWidget(self.picker, 2)

    def choose(self, card: TrainingCard) -> None:
        self.card = card
        self.summary.show_session(card.title, card.topic, card.next_session)
        self.picker.set_count(0)

    def purpose(self) -> str:
        if self.card is None:
            return _("Go back and touch a course.")
        return _(
            "Touch how many children you bring to the childcare room, or leave 0. "
            "Then touch the green button to sign up."
        )

    def entered(self) -> None:
        self.picker.submit_button.setEnabled(self.card is not None)

    def reset(self) -> None:
        self.card = None
        self.summary.clear()
        self.picker.set_count(0)


class ChildcareFullPage(FixedWords, Page):
    """A seat is free but the childcare room is full: come without childcare, wait on the
    list for both, or leave it."""

    page_name = "training_childcare_full"
    icon_name = "area.childcare"
    colour = TRAININGS.colour
    title_words = N_("The childcare room is full")

    without = Signal()
    wait = Signal()

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        layout = page_column(self)
        self.sentence = body_label("", self, px=32, bold=True)
        layout.addWidget(self.sentence)
        row = QHBoxLayout()
        row.setSpacing(MIN_GAP_PX * 3)
        choices = (
            (
                "training_without_childcare",
                "action.yes",
                YES_COLOUR,
                (_("Without childcare"), _("Sign me up without childcare")),
                self.without.emit,
            ),
            (
                "training_wait_childcare",
                "misc.waitlist",
                WAIT_COLOUR,
                (_("Waiting list"), _("Wait on the list for a seat with childcare")),
                self.wait.emit,
            ),
            (
                "training_leave",
                "action.no",
                NO_COLOUR,
                (_("Not now"), _("Do not sign me up")),
                shell.go_home,
            ),
        )
        self.tiles: dict[str, BigTile] = {}
        for name, icon, colour, (words, phrase), then in choices:
            tile = choice_tile(shell, self, name, icon, words, phrase, colour=colour)
            tile.activated.connect(then)
            row.addWidget(tile)
            self.tiles[name] = tile
        layout.addLayout(row, 1)
        self.can_wait = True
        self.free = 0
        self.sentence.setText(self.purpose())

    def offer(self, result: SignUpResult) -> None:
        """What the service said: whether waiting could ever give her a place with childcare
        (not when she brings more children than the room takes), and the places free then."""
        self.can_wait = result.can_wait_for_childcare
        self.free = result.childcare_free
        self.tiles["training_wait_childcare"].setVisible(self.can_wait)
        self.sentence.setText(self.purpose())

    def purpose(self) -> str:
        if not self.can_wait:
            return _(
                "The childcare room does not have places for so many children. You can come "
                "without childcare, or ask a companion for help."
            )
        if self.free:
            return ngettext(
                "There is a seat in the course, but the childcare room has only {count} place "
                "at that time. You can come without childcare, or wait on the list.",
                "There is a seat in the course, but the childcare room has only {count} places "
                "at that time. You can come without childcare, or wait on the list.",
                self.free,
            ).format(count=self.free)
        return _(
            "There is a seat in the course, but no room for your children. You can come "
            "without childcare, or wait on the list."
        )


class SignedUpPage(FixedWords, Page):
    """The answer: her seat, or her place on the waiting list, and "Imprimir" for the slip.
    ``again`` (print) and ``mine`` (her courses) are wired by the area to its flow."""

    page_name = "training_done"
    icon_name = "action.yes"
    colour = TRAININGS.colour
    help_words = N_(
        "Touch the printer for your slip: it says the course, the day, the time and the "
        "place. Bring it on the day. Touch My courses to see or cancel your courses."
    )

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.result: SignUpResult | None = None
        self.card: TrainingCard | None = None
        layout = page_row(self)
        layout.addLayout(self._answer_column(), 3)
        right = column()
        self.again = choice_tile(
            shell,
            self,
            "training_print_again",
            "action.print",
            _("Print"),
            _("Print the slip to bring on the day"),
            colour=TRAININGS.colour,
        )
        right.addWidget(self.again, 1)
        self.mine = my_courses_tile(shell, self, "training_mine")
        right.addWidget(self.mine, 1)
        layout.addLayout(right, 2)
        self.reset()

    def _answer_column(self) -> QVBoxLayout:
        """The answer beside its picture, the course under it, then childcare and the slip."""
        left = column()
        top = QHBoxLayout()
        self.picture = picture_label("action.yes", 96, self)
        top.addWidget(self.picture)
        self.answer = side_label(self, "training_answer", px=ANSWER_PX, bold=True)
        top.addWidget(self.answer, 1)
        left.addLayout(top)
        self.summary = SessionSummary(self)
        left.addWidget(self.summary)
        self.childcare = body_label("", self, px=BODY_PX)
        self.childcare.setObjectName("training_childcare_answer")
        self.childcare.setAlignment(Qt.AlignmentFlag.AlignLeft)
        left.addWidget(self.childcare)
        self.printing = body_label("", self, bold=True)
        self.printing.setObjectName("training_printing")
        left.addWidget(self.printing)
        left.addStretch(1)
        return left

    def show_result(self, card: TrainingCard, result: SignUpResult) -> None:
        self.card = card
        self.result = result
        enrollment = result.enrollment
        waiting = self.waiting()
        # Her answer says whether she has a seat: the seats left would only blur it.
        self.summary.show_session(card.title, card.topic, result.session, seats=False)
        # A place in line is amber with an hourglass; only a seat is green with its ✓.
        self.colour = WAITING_COLOUR if waiting else TRAININGS.colour
        self.icon_name = WAITING_ICON if waiting else "action.yes"
        self.picture.setPixmap(icons.pixmap(WAITING_ICON if waiting else "action.yes", 96))
        self.picture.setAccessibleName(WAITING_ICON if waiting else "action.yes")
        self.answer.setText(self.sentence())
        restyle(
            self.answer,
            f"background: {WAITING_COLOUR}; color: #000000; border-radius: 12px; padding: 8px;"
            if waiting
            else "",
        )
        details = [self.reason()] if waiting else []
        if enrollment is not None:
            details.append(enrollment.childcare_words())
        self.childcare.setText("\n".join(d for d in details if d))
        self.printing.setText(self.print_words())
        self.again.setVisible(True)

    def print_words(self) -> str:
        if self.waiting():  # nothing to bring on the day: she has no seat yet
            return _("Touch Print for your slip. Keep it: we will call you if a place opens.")
        return _("Touch Print for your slip. Bring it on the day.")

    def waiting(self) -> bool:
        return self.result is not None and self.result.status is SignUpStatus.WAITLISTED

    def show_printing(self) -> None:
        self.printing.setText(_("Your slip is printing. Take it with you."))

    def sentence(self) -> str:
        result = self.result
        if result is None:
            return _("Go back and touch a course.")
        if result.status is SignUpStatus.WAITLISTED:
            return waiting_words(result.position or 0)
        return _("You are signed up!")

    def reason(self) -> str:
        """Why she waits: the course or the childcare room is full."""
        enrollment = self.result.enrollment if self.result else None
        if enrollment is not None and enrollment.waits_for_childcare:
            return _("The childcare room is full.")
        return _("The course is full.")

    def title(self) -> str:
        if self.result is not None and self.result.status is SignUpStatus.WAITLISTED:
            return _("Waiting list")
        return _("Signed up")

    def purpose(self) -> str:
        if self.result is None:
            return self.sentence()
        parts = [self.sentence()]
        if self.waiting():
            parts.append(self.reason())
        enrollment = self.result.enrollment
        # Said aloud too: in line she must hear that her children have no place yet.
        if (
            enrollment is not None
            and enrollment.status is EnrollmentStatus.WAITLISTED
            and enrollment.childcare_wanted
        ):
            parts.append(enrollment.childcare_words())
        parts.append(self.print_words())
        return " ".join(parts)

    def reset(self) -> None:
        self.result = None
        self.card = None
        self.colour = TRAININGS.colour
        self.icon_name = "action.yes"
        self.summary.clear()
        self.answer.setText(self.sentence())
        restyle(self.answer, "")
        self.childcare.clear()
        self.printing.clear()
        self.again.setVisible(False)
