"""A new child on the spot, one question per page: her name, her birth date, an allergy (kept
only with the mother's yes), her photo (only with her yes, and only where the station has a
camera), the people who may and may NOT pick her up; saved, she is ready to check in. Plain
Python: the pages ask, this keeps the answers and says which page comes next."""

from __future__ import annotations

from datetime import date

from kiosk.i18n import _
from kiosk.services.childcare import ChildcareError
from kiosk.ui.areas.childcare.station import ChildDraft, DeskSteps

STEPS = (
    "childcare_new_name",
    "childcare_new_birth",
    "childcare_new_allergy",
    "childcare_new_consent",
    "childcare_new_note",
    "childcare_new_photo_consent",
    "childcare_new_photo",
    "childcare_new_people",
    "childcare_new_person",
)


class Registration(DeskSteps):
    """A new child: the answers so far are the station's draft."""

    @property
    def draft(self) -> ChildDraft:
        return self.state.draft

    def start(self, *, keep_guardian: bool = False) -> None:
        """Begin with the mother's phone, or with the name when she is already found."""
        state = self.desk.state
        state.draft = ChildDraft()
        for name in STEPS:
            self.desk.page(name).reset()
        if keep_guardian and state.guardian is not None:
            self.shell.open(STEPS[0])
            return
        state.guardian = None
        state.register_next = True
        self.desk.page("childcare_checkin").reset()
        self.shell.open("childcare_checkin")

    def named(self, name: str) -> None:
        self.draft.name = name
        self.shell.open("childcare_new_birth")

    def born(self, day: date) -> None:
        today = self.desk.service.today()
        if day > today:
            self.shell.show_error(_("The birth date cannot be after today."), "misc.calendar")
            return
        self.draft.birth = day
        self.shell.open("childcare_new_allergy")

    def allergy(self, value: str) -> None:
        self.draft.allergy = value == "yes"
        if self.draft.allergy:
            # Health data is sensitive: the mother says yes to keeping it first.
            self.shell.open("childcare_new_consent")
        else:
            self.draft.note = ""
            self.draft.health_consent = False
            self.after_health()

    def consented(self, yes: bool) -> None:
        self.draft.health_consent = yes
        if yes:
            self.shell.open("childcare_new_note")
            return
        self.draft.allergy = False
        self.draft.note = ""
        self.after_health()
        self.shell.show_message(
            _("Her allergy is not kept. Tell the volunteers each time you leave her."),
            "privacy.health",
        )

    def noted(self, note: str) -> None:
        self.draft.note = note
        self.after_health()

    def after_health(self) -> None:
        """The photo question, where the station has a camera; the people otherwise."""
        self.draft.photo_consent = False
        self.draft.photo = None
        if self.desk.camera.available():
            self.shell.open("childcare_new_photo_consent")
            return
        self.shell.open("childcare_new_people")
        if not self.desk.told_no_camera:
            # Said once per station: the volunteers learn it, and are not told at every child.
            self.desk.told_no_camera = True
            self.shell.show_message(
                _("This station has no camera: children are registered without a photo."),
                "child.photo",
            )

    def photo_consented(self, yes: bool) -> None:
        self.draft.photo_consent = yes
        self.draft.photo = None
        self.shell.open("childcare_new_photo" if yes else "childcare_new_people")

    def photo_taken(self, data: bytes | None) -> None:
        self.draft.photo = data
        self.shell.open("childcare_new_people")

    def add_person(self, allowed: bool) -> None:
        self.draft.adding_allowed = allowed
        self.desk.page("childcare_new_person").reset()
        self.shell.open("childcare_new_person")

    def person_title(self) -> str:
        if self.draft.adding_allowed:
            return _("Who may pick her up?")
        return _("Who may NOT pick her up?")

    def person_named(self, name: str) -> None:
        names = self.draft.allowed if self.draft.adding_allowed else self.draft.not_allowed
        names.append(name)
        self.shell.back()

    def save(self) -> None:
        guardian = self.desk.state.guardian
        draft = self.draft
        if guardian is None or draft.birth is None or not draft.name:
            self.shell.show_error(_("Start again with the mother's phone."))
            return
        try:
            child = self.desk.service.register_child(
                guardian.id,
                draft.name,
                draft.birth,
                allergy=draft.allergy,
                medical_note=draft.note,
                health_consent=draft.health_consent,
                photo_consent=draft.photo_consent,
                photo=draft.photo if draft.photo_consent else None,
                allowed=draft.allowed,
                not_allowed=draft.not_allowed,
                staff_id=self.desk.volunteer_id(),
            )
        except ChildcareError as exc:
            self.desk.fail(exc)
            return
        self.desk.state.draft = ChildDraft()
        self.desk.state.chosen = [child.id]
        self.shell.open("childcare_children")
        self.shell.show_message(
            _("{name} is registered. Touch Check in if she stays now.").format(
                name=child.first_name
            ),
            "action.yes",
        )
