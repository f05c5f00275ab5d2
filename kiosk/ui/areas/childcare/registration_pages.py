"""A new child on the spot, one question per page: her name, her birth date with pickers, an
allergy, her photo (only with the mother's yes, and only where the station has a camera), and
the people who may and may NOT pick her up. Saved, she is ready to check in."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QImage, QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import _, format_day
from kiosk.services.childcare import MAX_AGE_YEARS, age_on
from kiosk.ui import icons
from kiosk.ui.areas.childcare.parts import (
    CHILDCARE,
    GREEN,
    RED,
    ChildcarePage,
    ChildcareShell,
    Desk,
    age_words,
    child_icon,
    face_pixmap,
    photo_pixmap,
    tile,
)
from kiosk.ui.areas.childcare.registration_flow import Registration
from kiosk.ui.camera import PhotoCamera
from kiosk.ui.pages.base import TITLE_PX, Page, body_label, picture_label
from kiosk.ui.widgets import MIN_GAP_PX, MIN_TARGET_PX, BigTile
from kiosk.ui.widgets.wizard import ChoiceStepPage, TextStepPage

MONTHS_KEYS = range(1, 13)
FACE_PX = 120  # the photo just taken, on the page that saves her


def register_pages(
    shell: ChildcareShell,
    desk: Desk,
    flow: Registration,
    camera: PhotoCamera,
    parent: QWidget | None,
) -> list[Page]:
    pages: list[Page] = [
        TextStepPage(
            shell,
            "childcare_new_name",
            "action.keyboard",
            lambda: _("Child's name"),
            lambda: _("Write the child's name and last names, then touch the green button."),
            flow.named,
            lambda: desk.state.draft.name,
            max_length=60,
            parent=parent,
        ),
        BirthPage(shell, desk, flow, parent),
        ChoiceStepPage(
            shell,
            "childcare_new_allergy",
            "child.allergy",
            lambda: _("Allergy"),
            lambda: _("Does the child have an allergy or an illness to watch?"),
            [
                ("no", "action.ok", lambda: _("No allergy")),
                ("yes", "child.allergy", lambda: _("Has an allergy")),
            ],
            flow.allergy,
            parent=parent,
        ),
        HealthConsentPage(shell, desk, flow, parent),
        TextStepPage(
            shell,
            "childcare_new_note",
            "child.allergy",
            lambda: _("What allergy?"),
            lambda: _("Write what she is allergic to, or what to watch."),
            flow.noted,
            lambda: desk.state.draft.note,
            max_length=80,
            parent=parent,
        ),
        PhotoConsentPage(shell, desk, flow, parent),
        ChildPhotoPage(shell, desk, flow, camera, parent),
        PeoplePage(shell, desk, flow, parent),
        TextStepPage(
            shell,
            "childcare_new_person",
            "misc.people",
            flow.person_title,
            lambda: _("Write the person's name and last names."),
            flow.person_named,
            lambda: "",
            max_length=60,
            parent=parent,
        ),
    ]
    for page in pages:
        page.colour = CHILDCARE.colour
        page.signed_in_only = True
    for page in pages:
        if isinstance(page, ChildcarePage):
            continue  # its own colours: green to save, red for "may NOT"
        for button in page.findChildren(BigTile):
            if button.property("kioskChoice"):
                button.set_colour(CHILDCARE.colour)
    return pages


class HealthConsentPage(ChildcarePage):
    """The mother's express consent to keep her child's allergy or illness: what is kept, who
    sees it and what for, then ✓ Acepto or ✗ No acepto. Without it nothing of it is kept."""

    page_name = "childcare_new_consent"
    icon_name = "privacy.health"

    def __init__(
        self, shell: ChildcareShell, desk: Desk, flow: Registration, parent: QWidget | None
    ):
        super().__init__(shell, desk, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 2)
        row = QHBoxLayout()
        row.setSpacing(MIN_GAP_PX * 3)
        row.addWidget(picture_label("privacy.health", 128, self))
        self.statement = body_label("", self)
        self.statement.setObjectName("childcare_consent_text")
        self.statement.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.statement, 1)
        layout.addLayout(row, 1)
        answers = QHBoxLayout()
        answers.setSpacing(MIN_GAP_PX * 4)
        self.accept = tile(
            shell, self, "childcare_consent_yes", "action.yes", _("I agree"), _("I agree"), GREEN
        )
        self.accept.activated.connect(lambda: flow.consented(True))
        self.decline = tile(
            shell,
            self,
            "childcare_consent_no",
            "action.no",
            _("I do not agree"),
            _("I do not agree"),
            RED,
        )
        self.decline.activated.connect(lambda: flow.consented(False))
        for answer in (self.accept, self.decline):
            answer.setMinimumHeight(140)
            answers.addWidget(answer)
        layout.addLayout(answers)

    def title(self) -> str:
        return _("Her health")

    def purpose(self) -> str:
        return self.statement_text() + " " + _("Mother: do you agree?")

    def statement_text(self) -> str:
        return _(
            "Her allergy or illness is sensitive data. We keep it only to look after her here; "
            "only the volunteers and the staff see it, and it goes on her label. You can have it "
            "erased at the staff desk."
        )

    def entered(self) -> None:
        self.statement.setText(self.statement_text())


class PhotoConsentPage(ChildcarePage):
    """The mother's express consent to her child's photo, asked on its own: what it is for and
    who sees it, then ✓ Sí or ✗ No. Without her yes the camera does not open."""

    page_name = "childcare_new_photo_consent"
    icon_name = "child.photo"

    def __init__(
        self, shell: ChildcareShell, desk: Desk, flow: Registration, parent: QWidget | None
    ):
        super().__init__(shell, desk, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 2)
        row = QHBoxLayout()
        row.setSpacing(MIN_GAP_PX * 3)
        row.addWidget(picture_label("child.photo", 128, self))
        self.statement = body_label("", self)
        self.statement.setObjectName("childcare_photo_consent_text")
        self.statement.setTextFormat(Qt.TextFormat.RichText)
        self.statement.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.statement, 1)
        layout.addLayout(row, 1)
        answers = QHBoxLayout()
        answers.setSpacing(MIN_GAP_PX * 4)
        self.accept = tile(
            shell,
            self,
            "childcare_photo_yes",
            "action.yes",
            _("Yes, a photo"),
            _("Yes, take her photo"),
            GREEN,
        )
        self.accept.activated.connect(lambda: flow.photo_consented(True))
        self.decline = tile(
            shell, self, "childcare_photo_no", "action.no", _("No photo"), _("No photo"), RED
        )
        self.decline.activated.connect(lambda: flow.photo_consented(False))
        for answer in (self.accept, self.decline):
            answer.setMinimumHeight(140)
            answers.addWidget(answer)
        layout.addLayout(answers)

    def title(self) -> str:
        return _("A photo?")

    def question(self) -> str:
        return _("Shall we take a photo of your child to recognise her at pick-up?")

    def purpose(self) -> str:
        return self.question() + " " + self.statement_text()

    def statement_text(self) -> str:
        return _(
            "It shows on the room's screen, on the pick-up page and on her label, so the "
            "volunteers hand her only to you. Only they and the staff see it. It is erased "
            "with her data. Without a photo, nothing else changes."
        )

    def entered(self) -> None:
        from html import escape

        self.statement.setText(
            f"<b>{escape(self.question())}</b><br>{escape(self.statement_text())}"
        )


class ChildPhotoPage(ChildcarePage):
    """The camera's picture, "Tomar foto" and "Sin foto". A camera that fails says so once and
    the child is registered with her pictogram."""

    page_name = "childcare_new_photo"
    icon_name = "child.photo"
    VIEW_PX = 360

    def __init__(
        self,
        shell: ChildcareShell,
        desk: Desk,
        flow: Registration,
        camera: PhotoCamera,
        parent: QWidget | None,
    ):
        super().__init__(shell, desk, parent)
        self.flow = flow
        self.camera = camera
        self.active = False  # between entering the page and leaving it
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
        left = QVBoxLayout()
        self.viewfinder = QLabel(self)
        self.viewfinder.setObjectName("childcare_viewfinder")
        self.viewfinder.setMinimumSize(self.VIEW_PX, 270)
        self.viewfinder.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.viewfinder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.viewfinder.setStyleSheet("background: #000000; border-radius: 16px;")
        left.addWidget(self.viewfinder, 1)
        self.prompt = body_label("", self, bold=True)
        left.addWidget(self.prompt)
        layout.addLayout(left, 3)
        right = QVBoxLayout()
        right.setSpacing(MIN_GAP_PX * 2)
        self.take = tile(
            shell,
            self,
            "childcare_take_photo",
            "child.photo",
            _("Take photo"),
            _("Take the photo now"),
            GREEN,
        )
        self.take.activated.connect(self._take)
        self.skip = tile(
            shell,
            self,
            "childcare_skip_photo",
            CHILDCARE.icon,
            _("No photo"),
            _("Continue without a photo"),
        )
        self.skip.activated.connect(lambda: flow.photo_taken(None))
        right.addWidget(self.take, 1)
        right.addWidget(self.skip, 1)
        layout.addLayout(right, 2)
        camera.frame.connect(self._show_frame)
        camera.captured.connect(self._captured)
        camera.failed.connect(self._camera_failed)

    def title(self) -> str:
        return _("Her photo")

    def purpose(self) -> str:
        return _("Hold the child in front of the camera and touch Take photo.")

    def entered(self) -> None:
        self.active = True
        self.take.show()
        self.viewfinder.clear()
        self.prompt.setText(self.purpose())
        self.camera.start()

    def _show_frame(self, image: QImage) -> None:
        if not self.active:
            return
        pixmap = QPixmap.fromImage(image).scaled(
            self.viewfinder.size(),
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.FastTransformation,
        )
        self.viewfinder.setPixmap(pixmap)

    def _take(self) -> None:
        if not self.camera.ready:
            self.shell.speaker.say(_("Wait until you see the picture, then touch again."))
            return
        self.camera.take()

    def _captured(self, data: bytes) -> None:
        self.camera.stop()
        if self.active:
            self.flow.photo_taken(data)

    def _camera_failed(self) -> None:
        if not self.active:
            return
        self.active = False
        self.flow.photo_taken(None)
        self.shell.show_error(
            _("The camera does not work: she is registered without a photo."), "child.photo"
        )

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the page, by any way, lets the camera go.
        self.active = False
        self.camera.stop()
        super().hideEvent(event)

    def reset(self) -> None:
        self.active = False
        self.camera.stop()
        self.viewfinder.clear()


class Picker(QWidget):
    """◀ value ▶ on one row: the value is a big label between two big arrows."""

    def __init__(
        self,
        page: BirthPage,
        name: str,
        heading: str,
        less: str,
        more: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(MIN_GAP_PX * 2)
        self.heading = body_label(heading, self, px=28)
        self.heading.setFixedWidth(90)
        self.less = tile(page.shell, self, f"{name}_less", "action.previous", "−", less)
        self.more = tile(page.shell, self, f"{name}_more", "action.next", "+", more)
        for arrow in (self.less, self.more):
            arrow.setProperty("kioskChoice", False)  # steps of one choice, not choices
            arrow.setFixedSize(MIN_TARGET_PX * 2, MIN_TARGET_PX)
        self.value = body_label("", self, px=TITLE_PX, bold=True)
        self.value.setObjectName(f"{name}_value")
        row.addWidget(self.heading)
        row.addWidget(self.less)
        row.addWidget(self.value, 1)
        row.addWidget(self.more)


class BirthPage(ChildcarePage):
    """Day, month and year with ◀ ▶; her age shows as it changes."""

    page_name = "childcare_new_birth"
    icon_name = "misc.calendar"

    def __init__(
        self, shell: ChildcareShell, desk: Desk, flow: Registration, parent: QWidget | None
    ):
        super().__init__(shell, desk, parent)
        self.flow = flow
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
        column = QVBoxLayout()
        column.setSpacing(MIN_GAP_PX * 2)
        self.day_picker = Picker(
            self, "childcare_birth_day", _("Day"), _("One day less"), _("One day more"), self
        )
        self.month_picker = Picker(
            self,
            "childcare_birth_month",
            _("Month"),
            _("One month less"),
            _("One month more"),
            self,
        )
        self.year_picker = Picker(
            self, "childcare_birth_year", _("Year"), _("One year less"), _("One year more"), self
        )
        for picker in (self.day_picker, self.month_picker, self.year_picker):
            column.addWidget(picker)
        self.day_picker.less.activated.connect(lambda: self._step(days=-1))
        self.day_picker.more.activated.connect(lambda: self._step(days=1))
        self.month_picker.less.activated.connect(lambda: self._step(months=-1))
        self.month_picker.more.activated.connect(lambda: self._step(months=1))
        self.year_picker.less.activated.connect(lambda: self._step(years=-1))
        self.year_picker.more.activated.connect(lambda: self._step(years=1))
        self.age = body_label("", self, px=32, bold=True)
        self.age.setObjectName("childcare_birth_age")
        column.addWidget(self.age)
        layout.addLayout(column, 3)
        self.done = tile(
            shell,
            self,
            "childcare_birth_done",
            "action.yes",
            _("Done"),
            _("This is the birth date"),
            GREEN,
        )
        self.done.activated.connect(lambda: flow.born(self.value))
        layout.addWidget(self.done, 1)
        self.value: date = self._default()

    def _default(self) -> date:
        today = self.desk.service.today()
        return date(today.year - 3, 1, 1)

    def title(self) -> str:
        return _("Birth date")

    def purpose(self) -> str:
        return _("Move the day, the month and the year with the arrows, then touch Done.")

    def entered(self) -> None:
        if self.desk.state.draft.birth is not None:
            self.value = self.desk.state.draft.birth
        self._show()

    def reset(self) -> None:
        self.value = self._default()
        self._show()

    def _step(self, *, days: int = 0, months: int = 0, years: int = 0) -> None:
        value = self.value
        if days:
            day = value.day + days
            last = _days_in(value.year, value.month)
            day = 1 if day > last else last if day < 1 else day
            value = value.replace(day=day)
        if months:
            month = (value.month - 1 + months) % 12 + 1
            value = value.replace(month=month, day=min(value.day, _days_in(value.year, month)))
        if years:
            today = self.desk.service.today()
            year = min(max(value.year + years, today.year - MAX_AGE_YEARS), today.year)
            value = value.replace(year=year, day=min(value.day, _days_in(year, value.month)))
        self.value = value
        self._show()
        self.shell.speaker.say(format_day(value) + f" {value.year}")

    def _show(self) -> None:
        from babel.dates import format_date

        from kiosk.i18n import _State

        value = self.value
        self.day_picker.value.setText(str(value.day))
        self.month_picker.value.setText(format_date(value, format="LLLL", locale=_State.locale))
        self.year_picker.value.setText(str(value.year))
        today = self.desk.service.today()
        if value > today:
            self.age.setText(_("After today"))
            self.age.setStyleSheet(f"color: {RED};")
        else:
            self.age.setText(age_words(age_on(value, today)))
            self.age.setStyleSheet("")


def _days_in(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


class PeoplePage(ChildcarePage):
    """Who may and who may NOT pick her up; then Save."""

    page_name = "childcare_new_people"
    icon_name = "misc.people"

    def __init__(
        self, shell: ChildcareShell, desk: Desk, flow: Registration, parent: QWidget | None
    ):
        super().__init__(shell, desk, parent)
        self.flow = flow
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(MIN_GAP_PX * 3)
        left = QVBoxLayout()
        left.setSpacing(MIN_GAP_PX)
        self.face = QLabel(self)
        self.face.setObjectName("childcare_new_face")
        self.face.setFixedSize(FACE_PX, FACE_PX)
        left.addWidget(self.face)
        self.summary = body_label("", self)
        self.summary.setObjectName("childcare_new_summary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        left.addWidget(self.summary, 1)
        layout.addLayout(left, 3)
        grid = QGridLayout()
        grid.setSpacing(MIN_GAP_PX * 2)
        self.allowed = tile(
            shell,
            self,
            "childcare_new_allowed",
            "relation.other_1",
            _("May pick up"),
            _("Add a person who may pick her up"),
            GREEN,
        )
        self.allowed.activated.connect(lambda: flow.add_person(True))
        self.refused = tile(
            shell,
            self,
            "childcare_new_refused",
            "action.no",
            _("May NOT"),
            _("Add a person who may NOT pick her up"),
            RED,
        )
        self.refused.activated.connect(lambda: flow.add_person(False))
        self.save = tile(
            shell, self, "childcare_new_save", "action.yes", _("Save"), _("Save the child"), GREEN
        )
        self.save.activated.connect(flow.save)
        right = QVBoxLayout()
        right.setSpacing(MIN_GAP_PX * 2)
        for button in (self.allowed, self.refused, self.save):
            right.addWidget(button, 1)
        layout.addLayout(right, 2)

    def title(self) -> str:
        return _("Who picks her up")

    def purpose(self) -> str:
        return _(
            "The mother may always pick her up. Add other people who may, and anyone who may "
            "NOT; then touch Save."
        )

    def entered(self) -> None:
        from html import escape

        draft = self.desk.state.draft
        guardian = self.desk.state.guardian
        # The photo just taken, so the volunteer sees it is her; the pictogram without one.
        photo = photo_pixmap(draft.photo)
        if photo is not None:
            self.face.setPixmap(face_pixmap(photo, FACE_PX))
        else:
            age = age_on(draft.birth, self.desk.service.today()) if draft.birth else 3
            self.face.setPixmap(icons.pixmap(child_icon(age), FACE_PX - 24))
        lines = [f"<b>{escape(draft.name)}</b>"]
        if draft.birth is not None:
            lines.append(escape(format_day(draft.birth) + f" {draft.birth.year}"))
        if draft.allergy:
            allergy = escape(_("ALLERGY: {note}").format(note=draft.note))
            lines.append(f'<span style="color:{RED}"><b>{allergy}</b></span>')
        if guardian is not None:
            lines.append("✓ " + escape(_("Mother: {name}").format(name=guardian.name)))
        lines += ["✓ " + escape(name) for name in draft.allowed]
        lines += [
            f'<span style="color:{RED}">✗ {escape(name)}</span>' for name in draft.not_allowed
        ]
        self.summary.setText("<br>".join(lines))
