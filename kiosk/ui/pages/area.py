"""An area's page while its screens are being built: its picture and a plain sentence."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.areas import Area
from kiosk.i18n import _
from kiosk.ui.pages.base import TITLE_PX, Page, Shell, body_label, picture_label


class AreaPage(Page):
    def __init__(self, area: Area, shell: Shell, parent: QWidget | None = None) -> None:
        self.page_name = area.key
        self.icon_name = area.icon
        self.colour = area.colour
        super().__init__(shell, parent)
        self.area = area
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addStretch(1)
        layout.addWidget(picture_label(area.icon, 192, self))
        self.sentence = body_label(self.purpose(), self, px=TITLE_PX, bold=True)
        layout.addWidget(self.sentence)
        layout.addStretch(1)

    def title(self) -> str:
        return _(self.area.words)

    def purpose(self) -> str:
        return _("This part of the kiosk will be ready soon. Ask a companion for help.")
