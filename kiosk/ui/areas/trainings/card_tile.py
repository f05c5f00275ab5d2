"""A course's card on the member's list: its picture and title, the day and time, the place,
and a chair for each seat left (or the waiting list's hourglass when it is full)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QPainter, QPaintEvent

from kiosk.i18n import format_day, format_time, format_when
from kiosk.services.trainings import SessionInfo, TrainingCard
from kiosk.ui.areas.trainings.common import (
    FULL_COLOUR,
    TRAININGS,
    WAITING_ICON,
    card_phrase,
    seat_marks,
    seats_short,
    seats_words,
    topic_icon,
)
from kiosk.ui.widgets import BigTile
from kiosk.ui.widgets.card import TOP_LEFT, CardLine, CardTile, paint_picture, wrap_text

CARD_ICON_PX = 52
CHAIR_PX = 30
MIN_CHAIR_PX = 22


class TrainingCardTile(CardTile):
    """A course card: its picture and title, the day and time, the place, and a row of
    chairs for the seats left (or the waiting-list ticket when full). Drawn here so every line
    keeps its place whatever the title's length."""

    inset_x = 14
    picture_px = CARD_ICON_PX
    # Until a course is shown the tile draws as a plain tile; both are set per tile then.
    card: TrainingCard | None = None
    drawn_seats: tuple[int, str, str] = (0, "", "")  # chairs, "+N", words: as painted

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
