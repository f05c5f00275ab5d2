"""Courses, member side: the courses as cards with the next session's day and time and the
seats left (as a number and as chairs), "¿Necesitas guardería?" with the course shown, the
answer (signed up, or her place on the waiting list) while the slip prints, and her own
sign-ups, where she cancels one with ✓ / ✗.

Home → Cursos → a course → ✓ "Inscribirme": three taps for a woman who brings no children
(the keypad shows 0 and its green key signs her up); one more to type how many she brings.
A woman not signed in yet is asked who she is after touching the course, and comes back to the
same question.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import N_, _, format_day, format_time, format_when, ngettext
from kiosk.services.trainings import (
    EnrollmentInfo,
    EnrollmentStatus,
    SessionInfo,
    SignUpResult,
    SignUpStatus,
    TrainingCard,
    TrainingError,
    TrainingService,
    issue_sign_up_slip,
)
from kiosk.services.vouchers import VoucherService
from kiosk.ui import icons
from kiosk.ui.icons import icons_known
from kiosk.ui.pages.base import (
    BODY_PX,
    NO_COLOUR,
    YES_COLOUR,
    Page,
    Shell,
    body_label,
    fact_row,
    picture_label,
)
from kiosk.ui.pages.lists import TileListPage
from kiosk.ui.slips import SlipDesk, slip_options
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, KeyButton, Speaks
from kiosk.ui.widgets.card import TOP_LEFT, CardLine, CardTile, paint_picture, wrap_text
from kiosk.words import waiting_words

TRAININGS = AREA_BY_KEY["trainings"]
CARDS_PER_PAGE = 4
MINE_PER_PAGE = 6
MAX_CHAIRS = 10  # one chair per free seat up to this; "+2" says the rest
CARD_ICON_PX = 52
CHAIR_PX = 30
MIN_CHAIR_PX = 22
CHILD_PX = 48
FULL_COLOUR = "#5d4037"  # a full course: brown, "Lista de espera"
WAIT_COLOUR = "#ef6c00"  # her place on a waiting list
WAITING_COLOUR = "#ffb300"  # amber: "no seat yet", never the green of a seat
ANSWER_PX = 30  # the answer in two lines beside its picture, with the course under it
WAITING_ICON = "answer.waiting"  # an hourglass: she waits, it is not a turn at a time


def topic_icon(topic: str) -> str:
    """The course's pictogram ("training.panaderia"), or the area's when it has none."""
    name = f"training.{topic}"
    return name if name in icons_known() else TRAININGS.icon


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


class TrainingCardTile(CardTile):
    """A course card: its picture and title, the day and time, the place, and a row of
    chairs for the seats left (or the waiting-list ticket when full). Drawn here so every line
    keeps its place whatever the title's length."""

    inset_x = 14
    picture_px = CARD_ICON_PX

    def __init__(
        self,
        icon: str,
        words: str,
        phrase: str,
        *,
        speaker: Speaks | None = None,
        colour: str = "#1565c0",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(icon, words, phrase, speaker=speaker, colour=colour, parent=parent)
        self.card: TrainingCard | None = None
        self.drawn_seats: tuple[int, str, str] = (0, "", "")  # chairs, "+N", words: as painted

    def show_training(self, card: TrainingCard) -> None:
        self.card = card
        self.set_icon(topic_icon(card.topic))
        session = card.next_session
        self.set_colour(FULL_COLOUR if session.full else TRAININGS.colour)
        words = "\n".join(
            [card.title, format_when(session.starts_at), session.place, seats_words(session)]
        )
        self.set_words(words, card_phrase(card))

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.card is None:
            BigTile.paintEvent(self, event)
        else:
            super().paintEvent(event)

    def paint_card(self, painter: QPainter, area: QRect) -> None:
        card = self.card
        assert card is not None
        session = card.next_session
        side = self.picture_px
        frame = QRect(area.left() - 4, area.top() - 4, side + 8, side + 8)
        paint_picture(painter, frame, self.icon_name, side, 10)
        # The title beside the picture, centred on it.
        painter.setFont(self.line_font(True))
        metrics = painter.fontMetrics()
        title_left = area.left() + side + 14
        title_width = area.right() - title_left
        title_lines = wrap_text(card.title, metrics, title_width, 2)
        y = area.top() + max(0, (side - metrics.height() * len(title_lines)) // 2)
        y = self.draw_rows(painter, title_lines, title_left, y, title_width)
        y = max(y, area.top() + side) + 8
        # The day on its own line (two if it must) and the time on the next, before the
        # place: on a narrow card the place may be cut, the day and time never.
        y = self.draw_lines(
            painter,
            (CardLine(format_day(session.starts_at), most=2),),
            area.left(),
            y,
            area.width(),
        )
        y = self.draw_time_and_place(painter, session, area.left(), y, area.width())
        y += 6
        self.draw_seats(painter, session, area.left(), y, area.width())

    def draw_time_and_place(
        self, painter: QPainter, session: SessionInfo, x: int, y: int, width: int
    ) -> int:
        painter.setFont(self.line_font(True))
        metrics = painter.fontMetrics()
        time = format_time(session.starts_at)
        height = metrics.height()
        painter.setPen(self._text_colour)
        painter.drawText(QRect(x, y, width, height), TOP_LEFT, time)
        left = x + metrics.horizontalAdvance(time + "  ")
        if session.place:
            # Beside the time, whole or by its first part ("Sala de cómputo" of "Sala de
            # cómputo, CENESO"), never cut mid-word; the course's page and the voice say it all.
            painter.setFont(self.line_font(False))
            room = max(x + width - left, 0)
            fits = painter.fontMetrics().horizontalAdvance
            shown = next(
                (
                    words
                    for words in (session.place, session.place.split(",")[0].strip())
                    if fits(words) <= room
                ),
                "",
            )
            painter.drawText(QRect(left, y, room, height), TOP_LEFT, shown)
        return y + height

    def draw_seats(
        self, painter: QPainter, session: SessionInfo, x: int, y: int, width: int
    ) -> None:
        """A chair for each free seat up to ten, then "+2" for the rest; the words after them
        when they fit whole (the voice always says them). A full course shows the hourglass."""
        painter.setFont(self.line_font(True))
        metrics = painter.fontMetrics()
        chairs, more = seat_marks(session)
        picture = WAITING_ICON if session.full else "misc.seat"
        plus = f"+{more}" if more else ""
        plus_width = metrics.horizontalAdvance(plus) + 8 if plus else 0
        # Chairs shrink (to no less than MIN_CHAIR_PX) so that ten and the "+" fit the card.
        step = min(CHAIR_PX + 8, max((width - plus_width) // max(chairs, 1), MIN_CHAIR_PX + 4))
        chair = max(MIN_CHAIR_PX, step - max(4, step // 5))
        left = x
        for _index in range(chairs):
            paint_picture(painter, QRect(left - 2, y - 2, chair + 4, chair + 4), picture, chair, 6)
            left += step
        painter.setPen(self._text_colour)
        row = QRect(left + 4, y - 4, max(x + width - left - 4, 0), chair + 8)
        if plus:
            painter.drawText(row, Qt.AlignmentFlag.AlignVCenter, plus)
            row.setLeft(row.left() + plus_width)
        words = next(
            (
                w
                for w in (seats_words(session), seats_short(session))
                if metrics.horizontalAdvance(w) <= row.width()
            ),
            "",
        )
        if words:
            painter.drawText(row, Qt.AlignmentFlag.AlignVCenter, words)
        self.drawn_seats = (chairs, plus, words)


# --- the courses ------------------------------------------------------------------------------


class TrainingsPage(TileListPage):
    """The courses that have a session ahead, four cards a page, and "Mis cursos"."""

    page_name = "trainings"
    icon_name = TRAININGS.icon
    colour = TRAININGS.colour
    per_page = CARDS_PER_PAGE
    columns = 2
    tile_class = TrainingCardTile
    tile_icon = TRAININGS.icon
    tile_font_px = 24
    empty_text = N_(
        "There are no courses with dates now. Ask a companion when the next ones start."
    )

    chose = Signal(object)  # TrainingCard
    mine = Signal()

    def __init__(
        self, shell: Shell, trainings: TrainingService, parent: QWidget | None = None
    ) -> None:
        self.trainings = trainings
        super().__init__(shell, parent)
        self.mine_tile = BigTile(
            "action.sign_up",
            _("My courses"),
            _("See and cancel your courses"),
            speaker=shell.speaker,
            colour=TRAININGS.colour,
            parent=self,
        )
        self.mine_tile.setObjectName("trainings_mine")
        self.mine_tile.setProperty("kioskChoice", True)
        self.mine_tile.activated.connect(self.mine)
        self.row.addWidget(self.mine_tile, 1)

    def arrange(self, column: QLayout) -> None:
        # The courses on the left, "Mis cursos" beside them on every screen.
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(MIN_GAP_PX * 2)
        self.row.addLayout(column, 4)

    @property
    def cards(self) -> list[TrainingCard]:
        """Every course with a session ahead."""
        return self._items

    def title(self) -> str:
        return _(TRAININGS.words)

    def purpose(self) -> str:
        if not self.cards:
            return _("There are no courses with dates now.")
        return _("Touch the course you want. The chairs show the seats left.")

    def help_text(self) -> str:
        return _(
            "Each picture is a course, with its next day and time, the place and the seats "
            "left. Touch one to sign up. A brown course is full: you can wait on its list. "
            "Touch My courses to see or cancel your courses."
        )

    def reset(self) -> None:
        self.pager.set_page(0)

    def items(self) -> list[TrainingCard]:
        return self.trainings.upcoming()

    def show_item(self, tile: TrainingCardTile, card: TrainingCard) -> None:
        tile.show_training(card)

    def chosen(self, card: TrainingCard) -> None:
        self.chose.emit(card)


# --- "¿Necesitas guardería?" and the sign-up -------------------------------------------------


class ChildrenPicker(QWidget):
    """How many children she brings: seven big keys 0 to 6 (the keypad of this question), the
    chosen number shown as digits and as that many children, and the green "Inscribirme"."""

    changed = Signal(int)
    submitted = Signal(int)

    def __init__(self, speaker: Speaks | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = 0
        self.setObjectName("children_picker")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX)
        self.display = QLabel(self)
        self.display.setObjectName("children_display")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setFrameShape(QLabel.Shape.Box)
        self.display.setLineWidth(3)
        self.display.setFixedHeight(CHILD_PX + 24)
        self.display.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.display)
        grid = QGridLayout()
        grid.setSpacing(MIN_GAP_PX)
        self.digit_keys: dict[str, KeyButton] = {}
        for index, digit in enumerate("1234560"):
            key = KeyButton(digit, digit, digit, speaker=speaker, parent=self)
            key.setObjectName(f"children_{digit}")
            key.typed.connect(lambda value: self.set_count(int(value)))
            self.digit_keys[digit] = key
            grid.addWidget(key, index // 3, index % 3)
        self.submit_button = BigTile(
            "action.yes",
            _("Sign me up"),
            _("Sign me up for the course"),
            speaker=speaker,
            colour=YES_COLOUR,
            parent=self,
        )
        self.submit_button.setObjectName("training_sign_up")
        self.submit_button.setProperty("kioskChoice", True)
        self.submit_button.set_font_px(28)
        self.submit_button.activated.connect(lambda: self.submitted.emit(self.count))
        grid.addWidget(self.submit_button, 2, 1, 1, 2)
        for index in range(3):
            grid.setColumnStretch(index, 1)
            grid.setRowStretch(index, 1)
        layout.addLayout(grid, 1)
        self.set_count(0)

    def set_count(self, count: int) -> None:
        self.count = max(0, min(count, 6))
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
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(MIN_GAP_PX)
        top = QHBoxLayout()
        self.picture = picture_label(TRAININGS.icon, 88, self)
        top.addWidget(self.picture)
        self.course = body_label("", self, px=32, bold=True)
        self.course.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.course.setObjectName("training_course")
        top.addWidget(self.course, 1)
        column.addLayout(top)
        self.rows: dict[str, QLabel] = {}
        self.seats_row: tuple[QLabel, QLabel] = (self.course, self.course)
        for key, icon in (
            ("when", "misc.calendar"),
            ("place", "misc.place"),
            ("seats", "misc.seat"),
        ):
            picture, self.rows[key] = fact_row(
                self, column, icon, f"training_{key}", picture_px=48, bold=key == "when"
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


class ChildcarePage(Page):
    """The course, and how many children she brings to the childcare room (0 to 6); the
    keypad's green key signs her up."""

    page_name = "training_childcare"
    icon_name = "area.childcare"
    colour = TRAININGS.colour

    answered = Signal(int)

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        self.card: TrainingCard | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
        left = QVBoxLayout()
        left.setSpacing(MIN_GAP_PX * 2)
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
        self.picker = ChildrenPicker(shell.speaker, self)
        self.picker.submitted.connect(self.answered)
        layout.addWidget(self.picker, 2)

    def choose(self, card: TrainingCard) -> None:
        self.card = card
        self.summary.show_session(card.title, card.topic, card.next_session)
        self.picker.set_count(0)

    def title(self) -> str:
        return _("Do you need childcare?")

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


class ChildcareFullPage(Page):
    """A seat is free but the childcare room is full: come without childcare, wait on the
    list for both, or leave it."""

    page_name = "training_childcare_full"
    icon_name = "area.childcare"
    colour = TRAININGS.colour

    without = Signal()
    wait = Signal()

    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 2)
        self.sentence = body_label("", self, px=32, bold=True)
        layout.addWidget(self.sentence)
        row = QHBoxLayout()
        row.setSpacing(MIN_GAP_PX * 3)
        choices = (
            (
                "training_without_childcare",
                "action.yes",
                YES_COLOUR,
                _("Without childcare"),
                _("Sign me up without childcare"),
                self.without,
            ),
            (
                "training_wait_childcare",
                "misc.waitlist",
                WAIT_COLOUR,
                _("Waiting list"),
                _("Wait on the list for a seat with childcare"),
                self.wait,
            ),
            (
                "training_leave",
                "action.no",
                NO_COLOUR,
                _("Not now"),
                _("Do not sign me up"),
                None,
            ),
        )
        self.tiles: dict[str, BigTile] = {}
        for name, icon, colour, words, phrase, signal in choices:
            tile = BigTile(icon, words, phrase, speaker=shell.speaker, colour=colour, parent=self)
            tile.setObjectName(name)
            tile.setProperty("kioskChoice", True)
            if signal is None:
                tile.activated.connect(shell.go_home)
            else:
                tile.activated.connect(signal)
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

    def title(self) -> str:
        return _("The childcare room is full")

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


class SignedUpPage(Page):
    """The answer: her seat, or her place on the waiting list, and "Imprimir" for the slip."""

    page_name = "training_done"
    icon_name = "action.yes"
    colour = TRAININGS.colour

    def __init__(
        self,
        shell: Shell,
        reprint: Callable[[], None],
        mine: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(shell, parent)
        self.result: SignUpResult | None = None
        self.card: TrainingCard | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
        left = QVBoxLayout()
        left.setSpacing(MIN_GAP_PX * 2)
        top = QHBoxLayout()
        self.picture = picture_label("action.yes", 96, self)
        top.addWidget(self.picture)
        self.answer = body_label("", self, px=ANSWER_PX, bold=True)
        self.answer.setObjectName("training_answer")
        self.answer.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
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
        layout.addLayout(left, 3)
        right = QVBoxLayout()
        right.setSpacing(MIN_GAP_PX * 2)
        self.again = BigTile(
            "action.print",
            _("Print"),
            _("Print the slip to bring on the day"),
            speaker=shell.speaker,
            colour=TRAININGS.colour,
            parent=self,
        )
        self.again.setObjectName("training_print_again")
        self.again.setProperty("kioskChoice", True)
        self.again.activated.connect(reprint)
        right.addWidget(self.again, 1)
        self.mine = BigTile(
            "action.sign_up",
            _("My courses"),
            _("See and cancel your courses"),
            speaker=shell.speaker,
            colour=TRAININGS.colour,
            parent=self,
        )
        self.mine.setObjectName("training_mine")
        self.mine.setProperty("kioskChoice", True)
        self.mine.activated.connect(mine)
        right.addWidget(self.mine, 1)
        layout.addLayout(right, 2)

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
        self.answer.setStyleSheet(
            f"background: {WAITING_COLOUR}; color: #000000; border-radius: 12px; padding: 8px;"
            if waiting
            else ""
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

    def help_text(self) -> str:
        return _(
            "Touch the printer for your slip: it says the course, the day, the time and the "
            "place. Bring it on the day. Touch My courses to see or cancel your courses."
        )

    def reset(self) -> None:
        self.result = None
        self.card = None
        self.colour = TRAININGS.colour
        self.icon_name = "action.yes"
        self.summary.clear()
        self.answer.setText(self.sentence())
        self.answer.setStyleSheet("")
        self.childcare.clear()
        self.printing.clear()
        self.again.setVisible(False)


# --- her own sign-ups -------------------------------------------------------------------------


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


class MySignUpsPage(TileListPage):
    """Her sign-ups and places in line, six a page; touching one asks to cancel it."""

    page_name = "training_mine"
    icon_name = "action.sign_up"
    colour = TRAININGS.colour
    per_page = MINE_PER_PAGE
    tile_icon = TRAININGS.icon
    tile_font_px = 24
    empty_text = N_("You are not signed up for any course. Go back and touch a course.")

    cancel = Signal(object)  # EnrollmentInfo

    def __init__(
        self, shell: Shell, trainings: TrainingService, parent: QWidget | None = None
    ) -> None:
        self.trainings = trainings
        super().__init__(shell, parent)

    def title(self) -> str:
        return _("My courses")

    def purpose(self) -> str:
        if not self._items:
            return _("You are not signed up for any course.")
        return _("These are your courses. Touch one to cancel it.")

    def help_text(self) -> str:
        return _(
            "Each picture is a course you signed up for, or a waiting list you are on, with "
            "its day and time. Touch one if you can no longer come: we will ask you to be sure."
        )

    def reset(self) -> None:
        self._items = []
        self.pager.set_page(0)

    def items(self) -> list[EnrollmentInfo]:
        member = self.shell.visit.member
        return self.trainings.my_sign_ups(member.id) if member else []

    def show_item(self, tile: BigTile, item: EnrollmentInfo) -> None:
        tile.set_icon(topic_icon(item.topic))
        waiting = item.status is EnrollmentStatus.WAITLISTED
        tile.set_colour(WAIT_COLOUR if waiting else TRAININGS.colour)
        tile.set_words(enrollment_words(item), enrollment_phrase(item))

    def chosen(self, item: EnrollmentInfo) -> None:
        self.cancel.emit(item)


# --- wiring -----------------------------------------------------------------------------------


class TrainingBoard:
    """The member's course pages and what ties them: the chosen course, the sign-up, the slip."""

    def __init__(
        self,
        shell: Shell,
        trainings: TrainingService,
        vouchers: VoucherService,
        slip_desk: SlipDesk,
        parent: QWidget | None = None,
    ) -> None:
        self.shell = shell
        self.trainings = trainings
        self.vouchers = vouchers
        self.slip_desk = slip_desk
        self.card: TrainingCard | None = None
        self.children = 0
        self.number: str | None = None
        self.printed = False
        self.list = TrainingsPage(shell, self.trainings, parent)
        self.childcare = ChildcarePage(shell, parent)
        self.childcare_full = ChildcareFullPage(shell, parent)
        self.done = SignedUpPage(shell, self.print_again, self.open_mine, parent)
        self.done.reset()
        self.mine = MySignUpsPage(shell, self.trainings, parent)
        self.list.chose.connect(self.chose)
        self.list.mine.connect(self.open_mine)
        self.childcare.answered.connect(self.sign_up)
        self.childcare_full.without.connect(lambda: self.sign_up(self.children, without=True))
        self.childcare_full.wait.connect(lambda: self.sign_up(self.children, wait=True))
        self.mine.cancel.connect(self.ask_cancel)

    def pages(self) -> list[Page]:
        return [self.list, self.childcare, self.childcare_full, self.done, self.mine]

    def chose(self, card: TrainingCard) -> None:
        self.card = card
        self.childcare.choose(card)
        if self.shell.visit.member is None:
            self.shell.sign_in("training_childcare")
        else:
            self.shell.open("training_childcare")

    def open_mine(self) -> None:
        if self.shell.visit.member is None:
            self.shell.sign_in("training_mine")
        else:
            self.shell.open("training_mine")

    def sign_up(self, children: int, *, without: bool = False, wait: bool = False) -> None:
        member = self.shell.visit.member
        card = self.childcare.card or self.card
        if member is None or card is None:
            self.shell.go_home()
            return
        self.children = children
        try:
            result = self.trainings.sign_up(
                member.id,
                card.next_session.id,
                children,
                without_childcare=without,
                waitlist_if_full=True,
                waitlist_if_childcare_full=wait,
            )
        except TrainingError as exc:
            self.shell.show_error(str(exc))
            return
        status = result.status
        if status is SignUpStatus.CHILDCARE_FULL:
            if wait or without:  # the room filled up again while she was choosing
                self.shell.show_error(
                    _("The childcare room has just filled up. Ask a companion for help."),
                    "area.childcare",
                )
                return
            self.childcare_full.offer(result)
            self.shell.open("training_childcare_full")
            return
        if status is SignUpStatus.ALREADY:
            self.shell.show_message(
                _("You are already signed up for this course. It is in My courses."),
                "action.sign_up",
            )
            return
        if status in (SignUpStatus.CLOSED, SignUpStatus.FULL):
            self.shell.show_error(
                _("Sign-up for this course has closed. Look at another course."),
            )
            self.list.refresh()
            return
        self._issue_slip(card, result)

    def _issue_slip(self, card: TrainingCard, result: SignUpResult) -> None:
        member = self.shell.visit.member
        assert member is not None
        voucher = issue_sign_up_slip(
            self.vouchers,
            result,
            member.name,
            card.title,
            topic_icon(card.topic),
            slip_options(self.shell.settings),
        )
        self.number = voucher.number
        self.done.show_result(card, result)
        self.childcare.reset()
        self.printed = False
        self.shell.task_done()
        self.shell.open("training_done")

    def print_again(self) -> None:
        """ "Imprimir" on the answer page: the slip issued with her sign-up (kept for reprint,
        and known at the course's door) prints; a second touch prints it again."""
        if self.number is None:
            return
        if self.printed:
            self.shell.speaker.say(_("Your slip is printing again."))
        self.printed = True
        self.done.show_printing()
        self.slip_desk.print_slip(self.number)

    def ask_cancel(self, item: EnrollmentInfo) -> None:
        member = self.shell.visit.member
        if member is None:
            return
        question = _("Cancel your place in {course}, {when}?").format(
            course=item.training_title, when=format_when(item.starts_at)
        )
        # What the ✓ will do, said before she touches it.
        if item.status is EnrollmentStatus.WAITLISTED:
            then = _("If you cancel, you leave the waiting list.")
        else:
            then = _("If you cancel, your place goes to another woman.")
        question = f"{question} {then}"

        def answer(yes: bool) -> None:
            if not yes:
                return
            try:
                self.trainings.cancel(item.id, member.id)
            except TrainingError as exc:
                self.shell.show_error(str(exc))
                self.mine.refresh()
                return
            self.mine.refresh()
            self.shell.show_message(
                _("Your place is cancelled. Thank you for letting us know."), "action.yes"
            )

        self.shell.confirm(question, topic_icon(item.topic), answer)

    def reset(self) -> None:
        self.card = None
        self.children = 0
        self.number = None
        self.printed = False
