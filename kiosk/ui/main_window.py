"""The kiosk's one window: a coloured title band, the page stack, and the fixed navigation bar
(Inicio, Atrás, Ayuda, Escuchar, Silencio) on every page but home. In kiosk mode it is full
screen and cannot be closed from the keyboard or the window manager."""

from __future__ import annotations

import logging
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.areas import AREAS
from kiosk.config import Settings
from kiosk.i18n import N_, _
from kiosk.services import SessionFactory, is_connection_lost
from kiosk.services.backups import BackupService
from kiosk.services.help import HelpService
from kiosk.services.members import MemberInfo, MemberService
from kiosk.services.staff import StaffInfo, StaffService
from kiosk.services.vouchers import VoucherService
from kiosk.ui import icons
from kiosk.ui.backups import DailyBackup
from kiosk.ui.idle import IdleOverlay, IdleWatcher
from kiosk.ui.pages.area import AreaPage
from kiosk.ui.pages.base import TITLE_PX, Page, Visit
from kiosk.ui.pages.childcare import ChildcareDesk
from kiosk.ui.pages.home import HomePage
from kiosk.ui.pages.jobs import JobBank
from kiosk.ui.pages.programs import ProgramDirectory
from kiosk.ui.pages.signin import ConfirmMemberPage, PrivacyPage, RegisterNamePage, SignInPage
from kiosk.ui.pages.staff import HelpCallsPage, StaffChooserPage, StaffDeskPage, StaffPinPage
from kiosk.ui.pages.staff_jobs import JobDesk
from kiosk.ui.pages.staff_members import MemberPages
from kiosk.ui.pages.staff_programs import ProgramDesk
from kiosk.ui.pages.staff_reports import ReportPage
from kiosk.ui.pages.staff_settings import SettingsPages
from kiosk.ui.pages.staff_slips import PrintQueuePage, VoucherCheckPage
from kiosk.ui.pages.staff_trade import TradeDesk
from kiosk.ui.pages.staff_trainings import TrainingDesk
from kiosk.ui.pages.trade import TradeBank
from kiosk.ui.pages.trainings import TrainingBoard
from kiosk.ui.printing import Printer
from kiosk.ui.slips import SlipDesk
from kiosk.ui.speech import Speaker
from kiosk.ui.widgets import MIN_GAP_PX, TOUCH_AND_HEAR_PROPERTY, BigTile
from kiosk.ui.widgets.overlays import BusyOverlay, ConfirmOverlay, MessageOverlay
from kiosk.ui.widgets.tile import readable_text_colour

log = logging.getLogger("kiosk.ui")

NAV_COLOUR = "#263238"
HEADER_PX = 72
NAV_PX = 100
PICTURE_PX = 56


class NavBar(QFrame):
    """The same five pictures in the same place on every page."""

    def __init__(self, speaker: Speaker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navbar")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(MIN_GAP_PX * 2)

        def tile(name: str, icon: str, words: str, phrase: str) -> BigTile:
            button = BigTile(icon, words, phrase, speaker=speaker, colour=NAV_COLOUR, parent=self)
            button.setObjectName(name)
            button.setProperty("kioskNav", True)
            button.setFixedHeight(NAV_PX)
            button.set_font_px(24)
            row.addWidget(button)
            return button

        self.home = tile("nav_home", "nav.home", _("Home"), _("Go back to the start"))
        self.back = tile("nav_back", "nav.back", _("Back"), _("Go back one page"))
        self.help = tile("nav_help", "nav.help", _("Help"), _("Help"))
        self.listen = tile("nav_listen", "nav.speaker", _("Listen"), _("Listen again"))
        self.mute = tile("nav_mute", "nav.mute", _("Silence"), _("Silence"))


class MainWindow(QMainWindow):
    """Emits :attr:`ready` once the start page has been painted and accepts taps."""

    ready = Signal()
    page_changed = Signal(str)

    def __init__(self, settings: Settings, session_factory: SessionFactory) -> None:
        super().__init__()
        self.settings = settings
        self.visit = Visit()
        self.members = MemberService(session_factory)
        self.help_calls = HelpService(session_factory)
        self.speaker = Speaker(settings, self)
        self.vouchers = VoucherService(session_factory)
        self.printer = Printer(settings, self)
        self.slip_desk = SlipDesk(self.vouchers, self.printer, self)
        self.slip_desk.failed.connect(self._slip_failed)
        self._allow_close = False
        self._ready_sent = False
        self._history: list[str] = []
        self.setWindowTitle("Quiosco CENESO")
        self.setProperty(TOUCH_AND_HEAR_PROPERTY, settings.touch_and_hear)

        root = QWidget(self)
        root.setObjectName("root")
        self.setCentralWidget(root)
        layout = QVBoxLayout(root)
        # Header, page and navigation bar share 768 px: margins and gaps stay at the minimum.
        layout.setContentsMargins(MIN_GAP_PX * 2, MIN_GAP_PX, MIN_GAP_PX * 2, MIN_GAP_PX)
        layout.setSpacing(MIN_GAP_PX)
        layout.addWidget(self._build_header(root))
        self.stack = QStackedWidget(root)
        layout.addWidget(self.stack, 1)
        self.navbar = NavBar(self.speaker, root)
        layout.addWidget(self.navbar)
        self.navbar.home.activated.connect(self.go_home)
        self.navbar.back.activated.connect(self.back)
        self.navbar.help.activated.connect(self.explain_page)
        self.navbar.listen.activated.connect(self.announce_page)
        self.navbar.mute.activated.connect(self.toggle_mute)

        self.pages: dict[str, Page] = {}
        self.home = HomePage(self, self.stack)
        self.home.help_requested.connect(self.call_for_help)
        self.home.sign_in_requested.connect(lambda: self.sign_in("home"))
        self.home.sign_out_requested.connect(self.sign_out)
        self._add(self.home)
        for area in AREAS:
            if area.key not in ("staff", "jobs", "trainings", "trade", "programs", "childcare"):
                self._add(AreaPage(area, self, self.stack))
        self.job_bank = JobBank(self, session_factory, self.vouchers, self.slip_desk, self.stack)
        for page in self.job_bank.pages():
            self._add(page)
        self.training_board = TrainingBoard(
            self, session_factory, self.vouchers, self.slip_desk, self.stack
        )
        for page in self.training_board.pages():
            self._add(page)
        self.trade_bank = TradeBank(
            self,
            session_factory,
            self.vouchers,
            self.slip_desk,
            self.stack,
            needs_approval=settings.trade_needs_approval,
        )
        for page in self.trade_bank.pages():
            self._add(page)
        self.programs = ProgramDirectory(
            self, session_factory, self.vouchers, self.slip_desk, self.stack
        )
        for page in self.programs.member_pages():
            self._add(page)
        self._add(SignInPage(self, self.members, self.stack))
        self._add(ConfirmMemberPage(self, self.stack))
        self._add(RegisterNamePage(self, self.stack))
        self._add(PrivacyPage(self, self.members, self.stack))
        # Staff: choose your name, type your PIN; the desk and its pages need a signed-in staff.
        self.staff_service = StaffService(session_factory)
        self.staff_user: StaffInfo | None = None
        chooser = StaffChooserPage(self, self.staff_service, self.stack)
        pin_page = StaffPinPage(self, self.staff_service, self.stack)
        chooser.chose.connect(lambda person: (pin_page.choose(person), self.open("staff_pin")))
        pin_page.signed_in.connect(self._staff_signed_in)
        self.desk = StaffDeskPage(self, self.stack)
        self.desk.sign_out.connect(self.staff_sign_out)
        self.desk.leave_kiosk.connect(self._leave_kiosk)
        self._add(chooser)
        self._add(pin_page)
        self._add(self.desk)
        self._add(HelpCallsPage(self, self.help_calls, self.stack))
        self._add_staff(PrintQueuePage(self, self.vouchers, self.slip_desk, self.stack))
        self._add_staff(VoucherCheckPage(self, self.vouchers, self.stack))
        self.job_desk = JobDesk(self, session_factory, self.stack)
        for page in self.job_desk.pages():
            self._add_staff(page)
        self.training_desk = TrainingDesk(
            self,
            session_factory,
            self.vouchers,
            self.slip_desk,
            self.stack,
            trainings=self.training_board.trainings,
        )
        for page in self.training_desk.pages():
            self._add_staff(page)
        self.trade_desk = TradeDesk(self, session_factory, lambda: self.staff_user, self.stack)
        for page in self.trade_desk.pages():
            self._add_staff(page)
        for page in self.programs.staff_pages():
            self._add_staff(page)
        self.program_desk = ProgramDesk(self, self.programs.programs, self.stack)
        for page in self.program_desk.pages():
            self._add_staff(page)
        self.childcare = ChildcareDesk(
            self, session_factory, self.members, self.vouchers, self.slip_desk, self.stack
        )
        for page in self.childcare.pages():
            self._add(page)
        for page in self.childcare.staff_pages():
            self._add_staff(page)
        # Members, the monthly report, settings and the daily backup.
        self.backups = DailyBackup(BackupService(session_factory, settings), self)
        self.backups.done.connect(self._backup_done)
        self.backups.failed.connect(self._backup_failed)
        staff_id = lambda: self.staff_user.id if self.staff_user else None  # noqa: E731
        self.member_pages = MemberPages(self, session_factory, staff_id, self.stack)
        self.settings_pages = SettingsPages(
            self,
            self._setting_changed,
            self.backups.run_now,
            self.backups.service.last,
            self.stack,
        )
        for page in [
            *self.member_pages.pages(),
            ReportPage(self, session_factory, self.stack),
            *self.settings_pages.pages(),
        ]:
            self._add_staff(page)
        self._build_desk()

        self.confirm_overlay = ConfirmOverlay(root, self.speaker)
        self.message_overlay = MessageOverlay(root, self.speaker)
        self.busy_overlay = BusyOverlay(root, self.speaker)
        self.idle_overlay = IdleOverlay(root, self.speaker)
        self._on_answer: Callable[[bool], None] | None = None
        self.confirm_overlay.answered.connect(self._answered)
        self.idle = IdleWatcher(
            self.idle_overlay,
            idle_ms=settings.idle_seconds * 1000,
            warning_seconds=settings.idle_warning_seconds,
            parent=self,
        )
        self.idle.timed_out.connect(self.forget_and_go_home)
        # The start page speaks once it is on screen: the speech engine then starts while she
        # already sees the pictures, not before.
        self._show(self.home, announce=False)
        self.stack.installEventFilter(self)

    # --- construction ---------------------------------------------------------------------

    def _build_header(self, parent: QWidget) -> QFrame:
        header = QFrame(parent)
        header.setObjectName("header")
        header.setFixedHeight(HEADER_PX)
        header.setAutoFillBackground(True)
        row = QHBoxLayout(header)
        row.setContentsMargins(MIN_GAP_PX, 4, MIN_GAP_PX, 4)
        row.setSpacing(MIN_GAP_PX * 2)
        self.header_picture = QLabel(header)
        self.header_picture.setObjectName("header_picture")
        row.addWidget(self.header_picture)
        self.title_label = QLabel(header)
        self.title_label.setObjectName("title")
        font = QFont(self.title_label.font())
        font.setPixelSize(TITLE_PX)
        font.setBold(True)
        self.title_label.setFont(font)
        row.addWidget(self.title_label, 1)
        self.member_label = QLabel(header)
        self.member_label.setObjectName("member_badge")
        badge_font = QFont(self.member_label.font())
        badge_font.setPixelSize(28)
        self.member_label.setFont(badge_font)
        row.addWidget(self.member_label)
        self.header = header
        return header

    def _add(self, page: Page) -> None:
        assert page.page_name not in self.pages, page.page_name
        self.pages[page.page_name] = page
        self.stack.addWidget(page)

    def _add_staff(self, page: Page) -> None:
        """A page only a staff member signed in with her PIN may open."""
        page.staff_only = True
        self._add(page)

    def _build_desk(self) -> None:
        """The desk's tiles: pending work with counts first, then each area's lists."""
        desk = self.desk

        def counted(words: str, count: Callable[[], int]) -> Callable[[], str]:
            return lambda: _(words).format(count=count())

        desk.add_tile(
            "desk_help",
            "help",
            counted(N_("Help calls: {count}"), lambda: len(self.help_calls.open_calls())),
            lambda: self.open("staff_help_calls"),
        )
        desk.add_tile(
            "desk_print",
            "action.print",
            counted(N_("To print: {count}"), lambda: len(self.vouchers.waiting())),
            lambda: self.open("staff_print_queue"),
        )
        trainings = self.training_desk.service
        desk.add_tile(
            "desk_call",
            "action.phone",
            counted(N_("To call: {count}"), lambda: len(trainings.to_call())),
            lambda: self.open("staff_call"),
        )
        desk.add_tile(
            "desk_trade",
            "area.trade",
            counted(N_("To approve: {count}"), self.trade_desk.pending_count),
            lambda: self.open("staff_trade"),
        )
        programs = self.programs.programs
        desk.add_tile(
            "desk_referrals",
            "staff.follow_up",
            counted(N_("Follow-up: {count}"), programs.due_count),
            lambda: self.open("staff_referrals"),
        )
        desk.add_tile(
            "desk_childcare",
            "area.childcare",
            counted(N_("Childcare alerts: {count}"), self.childcare.service.alert_count),
            lambda: self.open("staff_childcare_alerts"),
        )
        # --- each area's lists and tools (areas add theirs above this line) ---
        desk.add_tile(
            "desk_check",
            "misc.waitlist",
            lambda: _("Check a slip"),
            lambda: self.open("staff_voucher_check"),
        )
        desk.add_tile("desk_jobs", "area.jobs", lambda: _("Jobs"), lambda: self.open("staff_jobs"))
        desk.add_tile(
            "desk_trainings",
            "area.trainings",
            lambda: _("Courses"),
            lambda: self.open("staff_trainings"),
        )
        desk.add_tile(
            "desk_door", "action.sign_up", lambda: _("Course door"), lambda: self.open("staff_door")
        )
        desk.add_tile(
            "desk_programs",
            "area.programs",
            counted(N_("Programs\nTo confirm: {count}"), programs.stale_count),
            lambda: self.open("staff_programs"),
        )
        desk.add_tile(
            "desk_childcare_reports",
            "misc.calendar",
            lambda: _("Childcare reports"),
            lambda: self.open("staff_childcare_reports"),
        )
        desk.add_tile(
            "desk_members", "misc.people", lambda: _("Members"), lambda: self.open("staff_members")
        )
        desk.add_tile(
            "desk_reports",
            "staff.reports",
            lambda: _("Reports"),
            lambda: self.open("staff_reports"),
        )
        desk.add_tile(
            "desk_settings",
            "staff.settings",
            lambda: _("Settings"),
            lambda: self.open("staff_settings"),
        )

    def staff_only_pages(self) -> frozenset[str]:
        return frozenset(name for name, page in self.pages.items() if page.staff_only)

    # --- what pages may ask (the Shell protocol) -----------------------------------------

    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    def open(self, name: str) -> None:
        page = self.pages[name]
        if page.staff_only and (self.staff_user is None or not self.staff_user.is_staff):
            log.info("staff page %s asked for without a staff sign-in", name)
            name = "staff"
        elif page.signed_in_only and self.staff_user is None:
            log.info("childcare page %s asked for without a PIN", name)
            name = "childcare"
        current = self.current_page().page_name
        self._show(self.pages[name])  # if the page cannot open, she stays where she was
        if name != current:
            self._history.append(current)

    def go_home(self) -> None:
        self._history.clear()
        self._show(self.home)

    def back(self) -> None:
        name = self._history.pop() if self._history else "home"
        self._show(self.pages[name])

    def show_message(self, text: str, icon: str = "action.error") -> None:
        self.message_overlay.show_message(text, icon)

    def confirm(self, question: str, icon: str | None, on_answer: Callable[[bool], None]) -> None:
        self._on_answer = on_answer
        self.confirm_overlay.ask(question, icon)

    def sign_in(self, then: str) -> None:
        """Start "¿Quién eres?"; after it, open page ``then``."""
        self.visit.after_sign_in = then
        signin = self.pages["signin"]
        signin.reset()
        self.open("signin")

    def signed_in(self, member: MemberInfo) -> None:
        after = self.visit.after_sign_in
        self.visit.forget()
        self.visit.member = member
        self._history.clear()
        for name in ("signin", "signin_confirm", "register_name", "register_privacy"):
            self.pages[name].reset()
        page = self.pages.get(after, self.home)
        self._show(page, announce=False)
        hello = _("Hello, {name}.").format(name=member.first_name)
        if page is self.home:
            self.speaker.say(hello)
        else:  # she came to do something: say where she is now, in the same breath
            self.speaker.say(f"{hello} {page.title()}. {page.purpose()}".strip())

    def sign_out(self) -> None:
        self.forget_visit()
        self.go_home()

    # --- actions of the window ------------------------------------------------------------

    def announce_page(self) -> None:
        page = self.current_page()
        self.speaker.say(f"{page.title()}. {page.purpose()}".strip(" ."))

    def explain_page(self) -> None:
        self.speaker.say(self.current_page().help_text())

    def toggle_mute(self) -> None:
        muted = not self.speaker.muted
        self.speaker.set_muted(muted)
        if muted:
            self.navbar.mute.set_words(_("Voice"), _("Turn the voice on"))
        else:
            self.navbar.mute.set_words(_("Silence"), _("Silence"))
            self.announce_page()

    def call_for_help(self) -> None:
        page = self.current_page().page_name
        self.help_calls.call(self.settings.station_name, page)
        self.show_message(_("We have let the staff know. Someone will come to help you."), "help")

    def _slip_failed(self, _number: str, _reason: str) -> None:
        # The slip is kept with its number; staff reprint it from "por imprimir".
        self.show_message(
            _("The slip could not be printed; it is saved. Ask a companion for help."),
            "action.print",
        )

    def _setting_changed(self, name: str) -> None:
        """Apply at once what can be: the idle time, the voice, touch-and-hear."""
        settings = self.settings
        if name == "idle_seconds":
            self.idle.configure(idle_ms=settings.idle_seconds * 1000, tick_ms=1000)
            self.idle.restart()
        elif name == "speech_rate":
            self.speaker.set_rate(settings.speech_rate)
            self.speaker.say(_("This is how fast I speak now."))
        elif name == "speech_volume":
            self.speaker.set_volume(settings.speech_volume)
            self.speaker.say(_("This is how loud I speak now."))
        elif name == "touch_and_hear":
            self.setProperty(TOUCH_AND_HEAR_PROPERTY, settings.touch_and_hear)

    def _backup_done(self, path: str) -> None:
        if self.current_page().page_name == "staff_settings":
            self.current_page().entered()
            self.show_message(_("Backup saved in {path}.").format(path=path), "action.yes")

    def _backup_failed(self, reason: str) -> None:
        # A member at the kiosk is not told; staff see it on the settings page.
        if self.current_page().page_name == "staff_settings":
            self.show_message(reason, "action.error")

    def _staff_signed_in(self, person: StaffInfo) -> None:
        self.staff_user = person
        self._history.clear()
        # Volunteers work in the children's room only.
        self.open("staff_desk" if person.is_staff else "childcare")

    def staff_sign_out(self) -> None:
        self.staff_user = None
        self.go_home()

    def _leave_kiosk(self) -> None:
        def answer(yes: bool) -> None:
            if yes and self.staff_user is not None and self.staff_user.is_staff:
                log.info("kiosk mode left by staff user %d", self.staff_user.id)
                self.allow_close()
                self.close()

        self.confirm(_("Close the kiosk?"), "action.exit", answer)

    def forget_visit(self) -> None:
        """Forget who is signed in (member or staff) and everything typed on every page."""
        self.staff_user = None
        self.visit.forget()
        for page in self.pages.values():
            page.reset()

    def forget_and_go_home(self) -> None:
        log.info("idle: visit forgotten")
        self.confirm_overlay.hide()
        self.message_overlay.hide()
        self.forget_visit()
        self.go_home()

    def handle_exception(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        """The excepthook's calm answer: log it, say so, and go home instead of quitting.

        A lost database connection is not her fault and will pass: she is told to try again,
        and stays where she was with everything she entered."""
        if is_connection_lost(error):
            log.warning(
                "database unreachable on page %s: %s",
                self.current_page().page_name,
                type(error).__name__,
            )
            self.busy_overlay.stop()
            self.confirm_overlay.hide()
            self.show_message(
                _("No connection to the centre's computer. Try again in a moment."),
                "action.warning",
            )
            return
        log.error(
            "unexpected error on page %s", self.current_page().page_name, exc_info=(kind, error, tb)
        )
        self.busy_overlay.stop()
        self.confirm_overlay.hide()
        self.forget_visit()
        self.go_home()
        self.show_message(
            _("Something went wrong. Start again or ask a companion for help."), "action.warning"
        )

    def _answered(self, yes: bool) -> None:
        callback, self._on_answer = self._on_answer, None
        if callback is not None:
            callback(yes)

    def _show(self, page: Page, *, announce: bool = True) -> None:
        page.entered()
        self.stack.setCurrentWidget(page)
        on_home = page is self.home
        self.navbar.setVisible(not on_home)
        self.title_label.setText(page.title())
        colour = page.colour
        text_colour = readable_text_colour(colour)
        self.header.setStyleSheet(
            f"#header {{ background: {colour}; border-radius: 12px; }}"
            f" #header QLabel {{ color: {text_colour}; }}"
        )
        self.header_picture.setPixmap(icons.pixmap(page.icon_name, PICTURE_PX))
        member = self.visit.member
        self.member_label.setText(member.first_name if member else "")
        if announce:
            self.announce_page()
        self.page_changed.emit(page.page_name)

    # --- kiosk mode -----------------------------------------------------------------------

    def show_for_station(self) -> None:
        if self.settings.kiosk_mode:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            # Without a window manager (a kiosk PC often has none) full screen is only a
            # request: cover the screen ourselves too.
            self.setGeometry(self.screen().geometry())
            self.showFullScreen()
        else:
            self.resize(1366, 768)
            self.show()
        start = {"childcare": "childcare", "staff": "staff"}.get(self.settings.station)
        if start is not None:
            self.open(start)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.idle)
        self.idle.start()
        self.backups.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.stack and event.type() == QEvent.Type.Paint and not self._ready_sent:
            self._ready_sent = True
            QTimer.singleShot(0, self.ready.emit)
            QTimer.singleShot(0, self.announce_page)
        return super().eventFilter(watched, event)

    def allow_close(self) -> None:
        """Staff leave kiosk mode."""
        self._allow_close = True

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.settings.kiosk_mode and not self._allow_close:
            event.ignore()
            return
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        self.idle.stop()
        self.backups.stop()
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.settings.kiosk_mode and event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F4):
            event.accept()
            return
        super().keyPressEvent(event)
