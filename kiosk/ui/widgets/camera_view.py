"""What a page with the station's camera shows: the live picture, each frame scaled into the
box (black while the camera starts), or a drawing in its place when there is no camera."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from kiosk.ui import icons
from kiosk.ui.widgets.looks import restyle

BLACK = "background: #000000; border-radius: 16px;"
WHITE = "background: #ffffff; border-radius: 16px;"


class Viewfinder(QLabel):
    """The camera's picture, named ``name``, at least ``width`` × ``height``."""

    def __init__(self, name: str, parent: QWidget, width: int = 360, height: int = 270) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setMinimumSize(width, height)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.wait_for_camera()

    def wait_for_camera(self) -> None:
        """Black and empty until the first frame."""
        self.clear()
        restyle(self, BLACK)

    def show_frame(self, image: QImage) -> None:
        self.setPixmap(
            QPixmap.fromImage(image).scaled(
                self.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation,
            )
        )

    def show_drawing(self, icon: str, px: int) -> None:
        """A pictogram on white where the photo would be."""
        restyle(self, WHITE)
        self.setPixmap(icons.pixmap(icon, px))
