"""Who are you? The member's phone number on the keypad, "¿Eres María?", or registering:
name on the keyboard, then the privacy notice and consent. Reused by every area that needs
to know who she is (``shell.sign_in(then=...)``). A station with a camera also offers
"Mostrar credencial": her member card's QR code, read by the camera, signs her in."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.areas import MEMBER_COLOUR
from kiosk.i18n import N_, _
from kiosk.services.cards import is_card_text
from kiosk.services.privacy import PrivacyService
from kiosk.ui.areas.members.signin_flow import SignInFlow
from kiosk.ui.camera import PhotoCamera, codes_in
from kiosk.ui.camera_hold import CameraHold
from kiosk.ui.pages.base import (
    NO_COLOUR,
    TITLE_PX,
    YES_COLOUR,
    Page,
    Shell,
    body_label,
    choice_tile,
    picture_label,
)
from kiosk.ui.widgets import MIN_GAP_PX, BigTile, NumericKeypad, OnScreenKeyboard
from kiosk.ui.widgets.camera_view import Viewfinder
from kiosk.ui.widgets.columns import hbox, vbox
from kiosk.ui.widgets.page_words import FixedWords


def _yes_no(
    page: Page,
    layout: QVBoxLayout,
    yes: tuple[str, str, Callable[[], None]],
    no: tuple[str, str, Callable[[], None]],
) -> tuple[BigTile, BigTile]:
    """The page's one decision: a green ✓ and a red ✗ tile side by side (words, phrase, act)."""
    row = QHBoxLayout()
    row.setSpacing(MIN_GAP_PX * 4)
    tiles = []
    for name, icon, colour, (words, phrase, act) in (
        ("answer_yes", "action.yes", YES_COLOUR, yes),
        ("answer_no", "action.no", NO_COLOUR, no),
    ):
        tile = choice_tile(page.shell, page, name, icon, words, phrase, colour=colour)
        tile.setMinimumHeight(160)
        tile.activated.connect(act)
        row.addWidget(tile)
        tiles.append(tile)
    layout.addLayout(row)
    return tiles[0], tiles[1]


class SignInStep(FixedWords, Page):
    """A page of her signing in or registering, in the members' colour."""

    colour = MEMBER_COLOUR


class SignInPage(SignInStep):
    page_name = "signin"
    icon_name = "action.phone"
    title_words = N_("Who are you?")
    purpose_words = N_("Write your phone number with the numbers.")
    help_words = N_(
        "Touch the numbers of your phone, 10 numbers, then the green button. If you "
        "make a mistake, touch Erase."
    )

    def __init__(
        self,
        shell: Shell,
        flow: SignInFlow,
        parent: QWidget | None = None,
        *,
        camera: PhotoCamera | None = None,
    ) -> None:
        super().__init__(shell, parent)
        self.camera = camera
        layout = hbox(self, MIN_GAP_PX * 3)
        left = QVBoxLayout()
        left.setSpacing(MIN_GAP_PX * 2)
        left.addStretch(1)
        left.addWidget(picture_label("action.phone", 128, self))
        left.addWidget(body_label(_("Write your phone number"), self, px=TITLE_PX, bold=True))
        # Her member card instead of the ten digits, where the station has a camera.
        self.show_card = choice_tile(
            shell,
            self,
            "signin_show_card",
            "action.member_card",
            _("Show card"),
            _("Show your member card to the camera"),
            colour=MEMBER_COLOUR,
        )
        self.show_card.setMinimumHeight(120)
        self.show_card.activated.connect(lambda: self.shell.open("signin_camera"))
        self.show_card.hide()
        left.addWidget(self.show_card)
        left.addStretch(1)
        layout.addLayout(left, 2)
        self.keypad = NumericKeypad(max_length=10, speaker=shell.speaker, parent=self)
        self.keypad.submitted.connect(flow.phone)
        layout.addWidget(self.keypad, 3)

    def entered(self) -> None:
        self.show_card.setVisible(self.camera is not None and self.camera.available())
        self.keypad.setFocus()

    def reset(self) -> None:
        self.keypad.clear()


class CardCameraPage(CameraHold, SignInStep):
    """ "Mostrar credencial": the camera's picture, and her card's QR code read from it with
    zxing-cpp. The first member card seen is handed to ``read`` (the window signs her in, or
    says the card does not work); a camera that fails sends her back to the keypad."""

    page_name = "signin_camera"
    icon_name = "action.member_card"
    VIEW_PX = 360
    viewfinder: Viewfinder
    title_words = N_("Your member card")
    purpose_words = N_("Hold your card up to the camera, with the square drawing towards it.")
    help_words = N_(
        "Hold your member card still in front of the camera until the kiosk says hello. "
        "Without your card, touch Back and write your phone number."
    )

    def __init__(
        self,
        shell: Shell,
        camera: PhotoCamera,
        read: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(shell, parent)
        self.camera = camera
        self.read = read
        self.active = False  # between entering the page and leaving it
        layout = hbox(self, MIN_GAP_PX * 3)
        self.viewfinder = Viewfinder("signin_viewfinder", self, self.VIEW_PX)
        layout.addWidget(self.viewfinder, 3)
        right = QVBoxLayout()
        right.addStretch(1)
        right.addWidget(picture_label("action.member_card", 160, self))
        right.addWidget(body_label(_("Hold your card up to the camera"), self, px=32, bold=True))
        right.addStretch(1)
        layout.addLayout(right, 2)
        camera.frame.connect(self._frame)
        camera.failed.connect(self._failed)

    def entered(self) -> None:
        self.hold()

    def _frame(self, image: QImage) -> None:
        if not self.active:
            return
        self.viewfinder.show_frame(image)
        card = next((code for code in codes_in(image) if is_card_text(code)), None)
        if card is None:
            return
        # One card, one answer: the camera stops before she is signed in or told why not.
        self.let_go()
        self.shell.back()
        self.read(card)

    def _failed(self) -> None:
        if not self.active:
            return
        self.active = False
        self.shell.back()
        self.shell.show_error(
            _("The camera does not work. Write your phone number."), "action.member_card"
        )


class ConfirmMemberPage(SignInStep):
    page_name = "signin_confirm"
    icon_name = "action.ok"
    purpose_words = N_("Touch Yes or No.")

    def __init__(self, shell: Shell, flow: SignInFlow, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        layout = vbox(self, MIN_GAP_PX * 2)
        layout.addStretch(1)
        self.name_label = body_label("", self, px=56, bold=True)
        self.name_label.setObjectName("member_name")
        layout.addWidget(self.name_label)
        self.phone_label = body_label("", self, px=36)
        self.phone_label.setObjectName("member_phone")
        layout.addWidget(self.phone_label)
        layout.addStretch(1)
        self.yes, self.no = _yes_no(
            self,
            layout,
            (_("Yes, it's me"), _("Yes, it's me"), partial(flow.its_me, True)),
            (_("No"), _("No, it's not me"), partial(flow.its_me, False)),
        )

    def title(self) -> str:
        candidate = self.shell.visit.candidate
        name = candidate.first_name if candidate else ""
        return _("Are you {name}?").format(name=name)

    def entered(self) -> None:
        candidate = self.shell.visit.candidate
        self.name_label.setText(candidate.name if candidate else "")
        self.phone_label.setText(candidate.masked_phone if candidate else "")

    def reset(self) -> None:
        self.name_label.clear()
        self.phone_label.clear()


class RegisterNamePage(SignInStep):
    page_name = "register_name"
    icon_name = "action.keyboard"
    title_words = N_("Your name")
    purpose_words = N_("Write your name, or ask for help.")
    help_words = N_(
        "Touch the letters of your name. The space goes between names. Then touch the "
        "green button. A companion can help you."
    )

    def __init__(self, shell: Shell, flow: SignInFlow, parent: QWidget | None = None) -> None:
        super().__init__(shell, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.keyboard = OnScreenKeyboard(speaker=shell.speaker, parent=self)
        self.keyboard.submitted.connect(flow.name)
        layout.addWidget(self.keyboard)

    def entered(self) -> None:
        if self.shell.visit.name and not self.keyboard.text():
            self.keyboard.set_text(self.shell.visit.name)
        self.keyboard.setFocus()

    def reset(self) -> None:
        self.keyboard.clear()


# The simplified privacy notice: what the whole notice says, each part under its picture.
NOTICE_PARTS: tuple[tuple[str, str], ...] = (
    ("privacy.who", "privacy_who"),
    ("privacy.what", "privacy_what"),
    ("privacy.why", "privacy_why"),
    ("privacy.health", "privacy_health"),
    ("privacy.rights", "privacy_rights"),
    ("privacy.notice", "privacy_whole"),
)
PART_PICTURE_PX = 72


class PrivacyPage(SignInStep):
    """The simplified privacy notice (aviso de privacidad simplificado): who we are, what we
    keep, what for, the children's health asked apart, her rights, where to read the whole
    notice — six pictures with a few words, read aloud in a short version; then ✓ or ✗.
    "Acepto" registers her with the version of the notice she was shown."""

    page_name = "register_privacy"
    icon_name = "action.privacy"
    title_words = N_("Privacy notice")
    help_words = N_(
        "Touch I agree to sign up; the centre keeps your details as the notice says. "
        "Touch I do not agree and nothing is kept."
    )

    def __init__(
        self,
        shell: Shell,
        flow: SignInFlow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(shell, parent)
        self.flow = flow
        layout = vbox(self, MIN_GAP_PX)
        self.notice = QWidget(self)
        self.notice.setObjectName("privacy_notice")
        grid = QGridLayout(self.notice)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(MIN_GAP_PX * 3)
        grid.setVerticalSpacing(MIN_GAP_PX)
        self.parts: dict[str, QLabel] = {}
        for index, (icon, name) in enumerate(NOTICE_PARTS):
            cell = QHBoxLayout()
            cell.setSpacing(MIN_GAP_PX * 2)
            cell.addWidget(picture_label(icon, PART_PICTURE_PX, self.notice))
            words = body_label("", self.notice, px=24)
            words.setObjectName(name)
            words.setTextFormat(Qt.TextFormat.RichText)
            words.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            cell.addWidget(words, 1)
            grid.addLayout(cell, index // 2, index % 2)
            self.parts[name] = words
        for column in range(2):
            grid.setColumnStretch(column, 1)
        layout.addWidget(self.notice, 1)
        self.accept, self.decline = _yes_no(
            self,
            layout,
            (_("I agree"), _("I agree"), flow.accept),
            (_("I do not agree"), _("I do not agree"), flow.decline),
        )
        for answer in (self.accept, self.decline):
            answer.setMinimumHeight(120)
            answer.setMaximumHeight(140)
        self._fill()

    @property
    def privacy(self) -> PrivacyService | None:
        """The privacy service whose notice the page shows (the flow records her consent)."""
        return self.flow.privacy

    def _centre(self) -> tuple[str, str]:
        settings = self.shell.settings
        return settings.centre_name, settings.centre_address

    def part_texts(self) -> dict[str, tuple[str, str]]:
        """Each part of the simplified notice: its heading and its few words."""
        name, address = self._centre()
        return {
            "privacy_who": (_("Who we are"), f"{name}. {address}"),
            "privacy_what": (
                _("What we keep"),
                _("Your name, your phone, and what you do here."),
            ),
            "privacy_why": (
                _("What for"),
                _("Only for the centre's services. We do not sell or share your data."),
            ),
            "privacy_health": (
                _("Your children's health"),
                _("We ask for it apart, in the childcare room."),
            ),
            "privacy_rights": (
                _("Your rights"),
                _("See, correct or erase your data, at the staff desk."),
            ),
            "privacy_whole": (
                _("The whole notice"),
                _("At the staff desk. We print it for you."),
            ),
        }

    def _fill(self) -> None:
        for key, (heading, words) in self.part_texts().items():
            self.parts[key].setText(f"<b>{escape(heading)}</b><br>{escape(words)}")

    def spoken_notice(self) -> str:
        """The short version read aloud when the page opens."""
        name, address = self._centre()
        return _(
            "We are {centre}, at {address}. We keep your name, your phone and what you do "
            "here, only to give you the centre's services; we do not sell or share your data. "
            "Your children's health is asked apart, in the childcare room. At the staff desk "
            "you can see, correct or erase your data, and we print the whole notice for you."
        ).format(centre=name, address=address)

    def purpose(self) -> str:
        return self.spoken_notice() + " " + _("Do you agree?")

    def entered(self) -> None:
        self._fill()
        self.flow.show_notice()
