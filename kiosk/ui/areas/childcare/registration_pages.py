"""A new child on the spot, one question per page: her name, her birth date with pickers, an
allergy, her photo (only with the mother's yes, and only where the station has a camera), and
the people who may and may NOT pick her up. Saved, she is ready to check in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from kiosk.i18n import N_, _, format_day
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
    go_tile,
    photo_pixmap,
    tile,
)
from kiosk.ui.areas.childcare.registration_flow import Registration
from kiosk.ui.camera import PhotoCamera
from kiosk.ui.camera_hold import CameraHold
from kiosk.ui.pages.base import TITLE_PX, Choice, Page, body_label, choice_tiles, picture_label
from kiosk.ui.widgets import MIN_GAP_PX, MIN_TARGET_PX, BigTile
from kiosk.ui.widgets.camera_view import Viewfinder
from kiosk.ui.widgets.columns import page_column
from kiosk.ui.widgets.looks import restyle
from kiosk.ui.widgets.page_kit import two_columns
from kiosk.ui.widgets.page_words import FixedWords
from kiosk.ui.widgets.wizard import ChoiceStepPage, TextStepPage

FACE_PX = 120  # the photo just taken, on the page that saves her
ADD_ALLOWED = N_("Add a person who may pick her up")
ADD_REFUSED = N_("Add a person who may NOT pick her up")


def register_pages(
    shell: ChildcareShell,
    desk: Desk,
    flow: Registration,
    camera: PhotoCamera,
    parent: QWidget | None,
) -> list[Page]:
    def text_step(
        name: str,
        icon: str,
        texts: tuple[Callable[[], str], Callable[[], str]],
        answered: Callable[[str], None],
        initial: Callable[[], str],
        longest: int = 60,
    ) -> TextStepPage:
        title, purpose = texts
        return TextStepPage(
            shell, name, icon, title, purpose, answered, initial, max_length=longest, parent=parent
        )

    pages: list[Page] = [
        text_step(
            "childcare_new_name",
            "action.keyboard",
            (
                lambda: _("Child's name"),
                lambda: _("Write the child's name and last names, then touch the green button."),
            ),
            flow.named,
            lambda: desk.state.draft.name,
        ),
        BirthPage(shell, desk, flow, parent),
        allergy_step(shell, flow, parent),
        HealthConsentPage(shell, desk, flow.consented, parent),
        text_step(
            "childcare_new_note",
            "child.allergy",
            (
                lambda: _("What allergy?"),
                lambda: _("Write what she is allergic to, or what to watch."),
            ),
            flow.noted,
            lambda: desk.state.draft.note,
            longest=80,
        ),
        PhotoConsentPage(shell, desk, flow.photo_consented, parent),
        ChildPhotoPage(shell, desk, flow, camera, parent),
        PeoplePage(shell, desk, flow, parent),
        text_step(
            "childcare_new_person",
            "misc.people",
            (flow.person_title, lambda: _("Write the person's name and last names.")),
            flow.person_named,
            lambda: "",
        ),
    ]
    in_childcare_colours(pages)
    return pages


def allergy_step(shell: ChildcareShell, flow: Registration, parent: QWidget | None) -> Page:
    return ChoiceStepPage(
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
    )


def in_childcare_colours(pages: list[Page]) -> None:
    """The shared wizard's pages in the station's colour, for signed-in people only."""
    for page in pages:
        page.colour = CHILDCARE.colour
        page.signed_in_only = True
        if isinstance(page, ChildcarePage):
            continue  # its own colours: green to save, red for "may NOT"
        for button in page.findChildren(BigTile):
            if button.property("kioskChoice"):
                button.set_colour(CHILDCARE.colour)


class ConsentPage(ChildcarePage):
    """The mother's express consent, asked on a page of its own: its picture, what is kept, who
    sees it and what for, then a big ✓ and ✗. Without her yes nothing of it is kept."""

    statement_name = ""
    # What is said, as English texts marked with N_(): the title, a question (or none), what
    # is kept and who sees it, and the question to the mother at the end (or none).
    heading = question = wording = ask = ""
    # (object name, words, phrase) of the ✓ and of the ✗
    agree: tuple[str, str, str] = ("", "", "")
    disagree: tuple[str, str, str] = ("", "", "")

    def __init__(
        self,
        shell: ChildcareShell,
        desk: Desk,
        answered: Callable[[bool], None],
        parent: QWidget | None,
    ):
        super().__init__(shell, desk, parent)
        layout = page_column(self, MIN_GAP_PX * 2)
        row = QHBoxLayout()
        row.setSpacing(MIN_GAP_PX * 3)
        row.addWidget(picture_label(self.icon_name, 128, self))
        self.statement = body_label("", self)
        self.statement.setObjectName(self.statement_name)
        self.statement.setTextFormat(Qt.TextFormat.RichText)
        self.statement.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.statement, 1)
        layout.addLayout(row, 1)
        answers = QHBoxLayout()
        answers.setSpacing(MIN_GAP_PX * 4)
        for (name, words, phrase), icon, colour, yes in (
            (self.agree, "action.yes", GREEN, True),
            (self.disagree, "action.no", RED, False),
        ):
            answer = tile(shell, self, name, icon, _(words), _(phrase), colour=colour)
            answer.activated.connect(partial(answered, yes))
            answer.setMinimumHeight(140)
            answers.addWidget(answer)
        layout.addLayout(answers)

    def title(self) -> str:
        return _(self.heading)

    def purpose(self) -> str:
        return " ".join(_(words) for words in (self.question, self.wording, self.ask) if words)

    def entered(self) -> None:
        question = f"<b>{escape(_(self.question))}</b><br>" if self.question else ""
        self.statement.setText(question + escape(_(self.wording)))


class HealthConsentPage(ConsentPage):
    """Her allergy or illness: ✓ Acepto or ✗ No acepto."""

    page_name = "childcare_new_consent"
    icon_name = "privacy.health"
    statement_name = "childcare_consent_text"
    heading = N_("Her health")
    wording = N_(
        "Her allergy or illness is sensitive data. We keep it only to look after her here; "
        "only the volunteers and the staff see it, and it goes on her label. You can have it "
        "erased at the staff desk."
    )
    ask = N_("Mother: do you agree?")
    agree = ("childcare_consent_yes", N_("I agree"), N_("I agree"))
    disagree = ("childcare_consent_no", N_("I do not agree"), N_("I do not agree"))


class PhotoConsentPage(ConsentPage):
    """Her photo, asked on its own: ✓ Sí or ✗ No. Without her yes the camera does not open."""

    page_name = "childcare_new_photo_consent"
    icon_name = "child.photo"
    statement_name = "childcare_photo_consent_text"
    heading = N_("A photo?")
    question = N_("Shall we take a photo of your child to recognise her at pick-up?")
    wording = N_(
        "It shows on the room's screen, on the pick-up page and on her label, so the "
        "volunteers hand her only to you. Only they and the staff see it. It is erased "
        "with her data. Without a photo, nothing else changes."
    )
    agree = ("childcare_photo_yes", N_("Yes, a photo"), N_("Yes, take her photo"))
    disagree = ("childcare_photo_no", N_("No photo"), N_("No photo"))


class ChildPhotoPage(CameraHold, FixedWords, ChildcarePage):
    """The camera's picture, "Tomar foto" and "Sin foto". A camera that fails says so once and
    the child is registered with her pictogram."""

    page_name = "childcare_new_photo"
    icon_name = "child.photo"
    title_words = N_("Her photo")
    purpose_words = N_("Hold the child in front of the camera and touch Take photo.")
    VIEW_PX = 360
    viewfinder: Viewfinder

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
        left, right = two_columns(self)
        self.viewfinder = Viewfinder("childcare_viewfinder", self, self.VIEW_PX)
        left.addWidget(self.viewfinder, 1)
        self.prompt = body_label("", self, bold=True)
        left.addWidget(self.prompt)
        self.take = go_tile(
            shell,
            self,
            "childcare_take_photo",
            "child.photo",
            _("Take photo"),
            _("Take the photo now"),
        )
        self.take.activated.connect(self.take_photo)
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
        camera.frame.connect(self._show_frame)
        camera.captured.connect(self._captured)
        camera.failed.connect(self._camera_failed)

    def entered(self) -> None:
        self.take.show()
        self.prompt.setText(self.purpose())
        self.hold()

    def _show_frame(self, image: QImage) -> None:
        if self.active:
            self.viewfinder.show_frame(image)

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


# Her birth date's three pickers: (unit, heading, one less, one more).
PICKERS = (
    ("day", N_("Day"), N_("One day less"), N_("One day more")),
    ("month", N_("Month"), N_("One month less"), N_("One month more")),
    ("year", N_("Year"), N_("One year less"), N_("One year more")),
)


class BirthPage(FixedWords, ChildcarePage):
    """Day, month and year with ◀ ▶; her age shows as it changes."""

    page_name = "childcare_new_birth"
    icon_name = "misc.calendar"
    title_words = N_("Birth date")
    purpose_words = N_("Move the day, the month and the year with the arrows, then touch Done.")

    def __init__(
        self, shell: ChildcareShell, desk: Desk, flow: Registration, parent: QWidget | None
    ):
        super().__init__(shell, desk, parent)
        self.flow = flow
        column, right = two_columns(self, 3, 1)
        column.setSpacing(MIN_GAP_PX * 2)
        pickers = []
        for unit, heading, less, more in PICKERS:
            picker = Picker(self, f"childcare_birth_{unit}", _(heading), _(less), _(more), self)
            picker.less.activated.connect(partial(self._step, unit, -1))
            picker.more.activated.connect(partial(self._step, unit, 1))
            column.addWidget(picker)
            pickers.append(picker)
        self.day_picker, self.month_picker, self.year_picker = pickers
        self.age = body_label("", self, px=32, bold=True)
        self.age.setObjectName("childcare_birth_age")
        column.addWidget(self.age)
        self.done = go_tile(
            shell,
            self,
            "childcare_birth_done",
            "action.yes",
            _("Done"),
            _("This is the birth date"),
        )
        self.done.activated.connect(lambda: flow.born(self.value))
        right.addWidget(self.done, 1)
        self.value: date = self._default()

    def _default(self) -> date:
        today = self.desk.service.today()
        return date(today.year - 3, 1, 1)

    def entered(self) -> None:
        if self.desk.state.draft.birth is not None:
            self.value = self.desk.state.draft.birth
        self._show()

    def reset(self) -> None:
        self.value = self._default()
        self._show()

    def _step(self, unit: str, by: int) -> None:
        value = self.value
        if unit == "day":
            day = value.day + by
            last = _days_in(value.year, value.month)
            day = 1 if day > last else last if day < 1 else day
            value = value.replace(day=day)
        elif unit == "month":
            month = (value.month - 1 + by) % 12 + 1
            value = value.replace(month=month, day=min(value.day, _days_in(value.year, month)))
        else:
            today = self.desk.service.today()
            year = min(max(value.year + by, today.year - MAX_AGE_YEARS), today.year)
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
            restyle(self.age, f"color: {RED};")
        else:
            self.age.setText(age_words(age_on(value, today)))
            restyle(self.age, "")


def _days_in(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


class PeoplePage(FixedWords, ChildcarePage):
    """Who may and who may NOT pick her up; then Save."""

    page_name = "childcare_new_people"
    icon_name = "misc.people"
    title_words = N_("Who picks her up")
    purpose_words = N_(
        "The mother may always pick her up. Add other people who may, and anyone who may "
        "NOT; then touch Save."
    )

    def __init__(
        self, shell: ChildcareShell, desk: Desk, flow: Registration, parent: QWidget | None
    ):
        super().__init__(shell, desk, parent)
        self.flow = flow
        left, right = two_columns(self)
        self.face = QLabel(self)
        self.face.setObjectName("childcare_new_face")
        self.face.setFixedSize(FACE_PX, FACE_PX)
        left.addWidget(self.face)
        self.summary = body_label("", self)
        self.summary.setObjectName("childcare_new_summary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        left.addWidget(self.summary, 1)
        choices = (
            Choice(
                "allowed",
                "relation.other_1",
                _("May pick up"),
                _(ADD_ALLOWED),
                GREEN,
                partial(flow.add_person, True),
            ),
            Choice(
                "refused",
                "action.no",
                _("May NOT"),
                _(ADD_REFUSED),
                RED,
                partial(flow.add_person, False),
            ),
            Choice("save", "action.yes", _("Save"), _("Save the child"), GREEN, flow.save),
        )
        named = (c._replace(name=f"childcare_new_{c.name}") for c in choices)
        tiles = choice_tiles(shell, self, named)
        self.choices: dict[str, BigTile] = {}
        for choice, button in zip(choices, tiles, strict=True):
            right.addWidget(button, 1)
            self.choices[choice.name] = button

    def entered(self) -> None:
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
