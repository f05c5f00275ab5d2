"""Courses and their sessions: what members see coming, and what staff create."""

from __future__ import annotations

import unicodedata
from datetime import datetime

from sqlalchemy import func, select

from kiosk.data.models import Training, TrainingSession
from kiosk.i18n import _
from kiosk.services import copy_fields
from kiosk.services.trainings.base import TrainingBase
from kiosk.services.trainings.common import (
    DURATION_MAX,
    MAX_SEATS,
    PLACE_MAX,
    TITLE_MAX,
    TOPIC_MAX,
    SessionInfo,
    TrainingCard,
    TrainingError,
    TrainingInfo,
    log,
    single_line,
    training_entry_points,
)
from kiosk.text import fold


@training_entry_points
class Courses(TrainingBase):
    def upcoming(self, now: datetime | None = None) -> list[TrainingCard]:
        """Active trainings that have a session not started yet, each with its next session,
        soonest first."""
        now = now or self._clock()
        rank = (
            func.row_number()
            .over(
                partition_by=TrainingSession.training_id,
                order_by=(TrainingSession.starts_at, TrainingSession.id),
            )
            .label("rank")
        )
        nexts = (
            select(TrainingSession.id, rank)
            .join(Training, Training.id == TrainingSession.training_id)
            .where(Training.active.is_(True), TrainingSession.starts_at > now)
            .subquery()
        )
        with self._factory() as s:
            rows = s.execute(
                select(TrainingSession, Training)
                .join(nexts, nexts.c.id == TrainingSession.id)
                .join(Training, Training.id == TrainingSession.training_id)
                .where(nexts.c.rank == 1)
                .order_by(TrainingSession.starts_at, Training.title, Training.id)
            ).all()
            waiting = self._waitlist_counts(s, [ts.id for ts, _t in rows])
            free = self._childcare_left(s, [ts for ts, _t in rows])
            return [
                copy_fields(
                    TrainingCard,
                    t,
                    next_session=self._session_info(ts, t, now, waiting.get(ts.id, 0), free[ts.id]),
                )
                for ts, t in rows
            ]

    def sessions(self, training_id: int) -> list[SessionInfo]:
        """Every session of a training, past ones too (staff mark attendance on them), in
        time order; ``open`` says which still take sign-ups."""
        now = self._clock()
        with self._factory() as s:
            rows = s.execute(
                select(TrainingSession, Training)
                .join(Training, Training.id == TrainingSession.training_id)
                .where(TrainingSession.training_id == training_id)
                .order_by(TrainingSession.starts_at, TrainingSession.id)
            ).all()
            waiting = self._waitlist_counts(s, [ts.id for ts, _t in rows])
            free = self._childcare_left(s, [ts for ts, _t in rows])
            return [
                self._session_info(ts, t, now, waiting.get(ts.id, 0), free[ts.id]) for ts, t in rows
            ]

    def trainings(self, *, include_inactive: bool = False) -> list[TrainingInfo]:
        """Every training staff can work with, in alphabetical order."""
        with self._factory() as s:
            query = select(Training)
            if not include_inactive:
                query = query.where(Training.active.is_(True))
            rows = s.scalars(query).all()
            found = [copy_fields(TrainingInfo, t) for t in rows]
        return sorted(found, key=lambda t: (fold(t.title), t.id))

    def training(self, training_id: int) -> TrainingInfo:
        with self._factory() as s:
            t = s.get(Training, training_id)
            if t is None:
                raise TrainingError(_("That course does not exist."))
            return copy_fields(TrainingInfo, t)

    def create_training(
        self,
        title: str,
        topic: str,
        *,
        description: str = "",
        duration_text: str = "",
    ) -> TrainingInfo:
        """A new training; ``topic`` names its pictogram (panaderia, costura, ...)."""
        title = single_line(title)
        topic = single_line(topic).lower()
        duration_text = single_line(duration_text)
        description = unicodedata.normalize("NFC", description).strip()
        if not title:
            raise TrainingError(_("Write the name of the course."))
        if len(title) > TITLE_MAX:
            raise TrainingError(_("The name of the course is too long."))
        if not topic:
            raise TrainingError(_("Choose the picture of the course."))
        if len(topic) > TOPIC_MAX:
            raise TrainingError(_("The picture name is too long."))
        if len(duration_text) > DURATION_MAX:
            raise TrainingError(_("The duration is too long; write it shorter."))
        with self._factory.begin() as s:
            training = Training(
                title=title, topic=topic, description=description, duration_text=duration_text
            )
            s.add(training)
            s.flush()
            info = copy_fields(TrainingInfo, training)
        log.info("training %d created", info.id)
        return info

    def add_session(
        self,
        training_id: int,
        starts_at: datetime,
        ends_at: datetime,
        place: str,
        seats: int,
    ) -> SessionInfo:
        """A new session of a training, with checks staff can read in one sentence."""
        if starts_at.tzinfo is None or ends_at.tzinfo is None:
            raise ValueError("session times must be timezone-aware")
        place = single_line(place)
        now = self._clock()
        if ends_at <= starts_at:
            raise TrainingError(_("The session must end after it starts."))
        if starts_at <= now:
            raise TrainingError(_("The session must start in the future."))
        if isinstance(seats, bool) or not isinstance(seats, int) or not 1 <= seats <= MAX_SEATS:
            raise TrainingError(_("The seats must be a number from 1 to 200."))
        if not place:
            raise TrainingError(_("Write where the session takes place."))
        if len(place) > PLACE_MAX:
            raise TrainingError(_("The place is too long; write it shorter."))
        with self._factory.begin() as s:
            if s.get(Training, training_id) is None:
                raise TrainingError(_("That course does not exist."))
            row = TrainingSession(
                training_id=training_id,
                starts_at=starts_at,
                ends_at=ends_at,
                place=place,
                seats=seats,
                seats_taken=0,
                childcare_taken=0,
            )
            s.add(row)
            s.flush()
            info = self._load_session_info(s, row.id, now)
        log.info("session %d added to training %d", info.id, training_id)
        return info
