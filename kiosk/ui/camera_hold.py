"""A page that shows the camera holds it only while it is open: leaving the page, by any way,
lets the camera go, so that the next page (or the next visit) finds it free."""

from __future__ import annotations

from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.i18n import _
from kiosk.ui.camera import PhotoCamera
from kiosk.ui.pages.base import Shell


class CameraHold(QWidget):
    """Put before the page's own base. The page sets ``camera`` and ``viewfinder``, and
    ``active`` while it is open (from :meth:`entered` until it is left): frames and answers
    that come in after that are not its own any more."""

    shell: Shell
    camera: PhotoCamera
    viewfinder: QLabel
    active = False

    def hold(self) -> None:
        """On entering the page: the camera starts, its picture empty until the first frame."""
        self.active = True
        self.viewfinder.clear()
        self.camera.start()

    def let_go(self) -> None:
        self.active = False
        self.camera.stop()

    def take_photo(self) -> None:
        """Take the photo once the camera shows a picture; before that, say to wait."""
        if not self.camera.ready:
            self.shell.speaker.say(_("Wait until you see the picture, then touch again."))
            return
        self.camera.take()

    def hideEvent(self, event: QHideEvent) -> None:
        self.let_go()
        super().hideEvent(event)

    def reset(self) -> None:
        self.let_go()
        self.viewfinder.clear()
