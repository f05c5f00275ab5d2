"""The kiosk's one window: a page stack under a fixed navigation bar, locked in kiosk mode."""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Settings
from kiosk.i18n import N_, _

log = logging.getLogger("kiosk.ui")

# (object name, words, spoken phrase, area colour)
AREAS: tuple[tuple[str, str, str, str], ...] = (
    ("jobs", N_("Jobs"), N_("Find a job"), "#1565c0"),
    ("trade", N_("Trade"), N_("Buy and sell among members"), "#ef6c00"),
    ("programs", N_("Programs"), N_("Government and community programs"), "#6a1b9a"),
    ("trainings", N_("Courses"), N_("Sign up for a course"), "#2e7d32"),
    ("childcare", N_("Childcare"), N_("Children's room"), "#c2185b"),
    ("staff", N_("Staff"), N_("For the centre's staff"), "#455a64"),
)


class Speaker(QObject):
    """Everything the kiosk says goes through :meth:`say`."""

    spoken = Signal(str)

    def say(self, text: str) -> None:
        self.spoken.emit(text)


class HomePage(QWidget):
    area_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("home")
        grid = QGridLayout(self)
        grid.setSpacing(24)
        for index, (name, words, phrase, colour) in enumerate(AREAS):
            button = QPushButton(_(words), self)
            button.setObjectName(f"tile_{name}")
            button.setAccessibleName(_(phrase))
            button.setMinimumSize(200, 160)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            button.setStyleSheet(
                f"QPushButton {{ background: {colour}; color: white; font-size: 40px;"
                " font-weight: bold; border-radius: 16px; }"
            )
            button.clicked.connect(lambda _checked=False, n=name: self.area_chosen.emit(n))
            grid.addWidget(button, index // 3, index % 3)


class PlaceholderPage(QWidget):
    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        layout = QVBoxLayout(self)
        label = QLabel(title, self)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setStyleSheet("font-size: 48px;")
        layout.addWidget(label)
        home = QPushButton(_("Home"), self)
        home.setObjectName("nav_home")
        home.setMinimumHeight(96)
        home.setStyleSheet("font-size: 32px;")
        layout.addWidget(home)
        self.home_button = home


class MainWindow(QMainWindow):
    """Emits :attr:`ready` once the start page has been painted and accepts taps."""

    ready = Signal()

    def __init__(self, settings: Settings, session_factory: object) -> None:
        super().__init__()
        self.settings = settings
        self.session_factory = session_factory
        self.speaker = Speaker(self)
        self._allow_close = False
        self._ready_sent = False
        self.setWindowTitle("Quiosco CENESO")
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.home = HomePage(self.stack)
        self.home.area_chosen.connect(self.open_area)
        self.stack.addWidget(self.home)
        self._pages: dict[str, QWidget] = {}
        for name, words, _phrase, _colour in AREAS:
            page = PlaceholderPage(name, _(words), self.stack)
            page.home_button.clicked.connect(self.go_home)
            self.stack.addWidget(page)
            self._pages[name] = page
        self.home.installEventFilter(self)

    def show_for_station(self) -> None:
        if self.settings.kiosk_mode:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            self.showFullScreen()
        else:
            self.resize(1366, 768)
            self.show()

    def current_page(self) -> QWidget:
        return self.stack.currentWidget()

    def go_home(self) -> None:
        self.stack.setCurrentWidget(self.home)

    def open_area(self, name: str) -> None:
        page = self._pages[name]
        self.stack.setCurrentWidget(page)
        self.speaker.say(page.objectName())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.home and event.type() == QEvent.Type.Paint and not self._ready_sent:
            self._ready_sent = True
            QTimer.singleShot(0, self.ready.emit)
        return super().eventFilter(watched, event)

    def allow_close(self) -> None:
        """Staff leave kiosk mode."""
        self._allow_close = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.settings.kiosk_mode and not self._allow_close:
            event.ignore()
            return
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.settings.kiosk_mode and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return
        super().keyPressEvent(event)
