"""The kiosk's one window: a coloured title band, the page stack, and the fixed navigation bar
(Inicio, Atrás, Ayuda, Escuchar, Silencio) on every page but home. In kiosk mode it is full
screen and cannot be closed from the keyboard or the window manager."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import Settings
from kiosk.i18n import _
from kiosk.logs import area_logger
from kiosk.ui.errors import answer_calmly
from kiosk.ui.frame import Header, NavBar, PageStack
from kiosk.ui.idle import IdleOverlay, IdleWatcher, SignInClock
from kiosk.ui.input_events import InputEvents
from kiosk.ui.kiosk_mode import KioskModeWindow
from kiosk.ui.pages.base import Page
from kiosk.ui.pages.home import HomePage
from kiosk.ui.speech import Speaker
from kiosk.ui.visit import Visit
from kiosk.ui.widgets import (
    MIN_GAP_PX,
    TOUCH_AND_HEAR_PROPERTY,
    NumericKeypad,
    OnScreenKeyboard,
)
from kiosk.ui.widgets.guide import GuideOverlay, bar_steps
from kiosk.ui.widgets.overlays import BusyOverlay, ConfirmOverlay, MessageOverlay
from kiosk.ui.window_parts import (
    ATTACHED,
    SIGN_IN_PAGES,
    START_PAGES,
    Area,
    AttachedParts,
    Pages,
    first_name,
)

if TYPE_CHECKING:
    from kiosk.services import SessionFactory
    from kiosk.services.link import Link
    from kiosk.services.members import MemberInfo
    from kiosk.services.staff import StaffInfo
    from kiosk.ui.link_status import LinkStatus

log = area_logger("ui")


# Builds every area's pages on the database (kiosk.ui.assembly.attach_areas, handed in by the
# app: the window does not import its areas, they import the window).
AttachAreas = Callable[["MainWindow", "SessionFactory"], None]


class _Overlays:
    """The window's overlays as part of a visit: a question, message or hourglass left open
    (and what answering it would do) is not there for the next person."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def reset(self) -> None:
        window = self.window
        window.confirm_overlay.hide()
        window.message_overlay.hide()
        window.busy_overlay.stop()
        window._on_answer = None


class MainWindow(KioskModeWindow, AttachedParts):
    """Emits :attr:`painted` once the start page is on screen, and :attr:`ready` once it is
    also answering taps (every area attached)."""

    painted = Signal()
    ready = Signal()
    warmed = Signal()  # every area is built
    page_changed = Signal(str)

    def __init__(
        self,
        settings: Settings,
        session_factory: SessionFactory | None = None,
        attach_areas: AttachAreas | None = None,
    ) -> None:
        super().__init__(settings)
        self.visit = Visit(self)
        self.speaker = Speaker(settings, self)
        self.attached = False
        # On a far server: the line to it, watched while the window is open (follow_link).
        self.link_status: LinkStatus | None = None
        self._painted = False
        self._ready_sent = False
        self._history: list[str] = []
        self.setWindowTitle("Quiosco CENESO")
        self.setProperty(TOUCH_AND_HEAR_PROPERTY, settings.touch_and_hear)

        root = self._build_frame()
        self._build_home()
        self._build_overlays(root)
        self._build_clocks()
        if session_factory is not None and attach_areas is not None:
            self.attach(session_factory, attach_areas)
        # The start page speaks once it is on screen: the speech engine then starts while she
        # already sees the pictures, not before.
        self._show(self.home, announce=False)
        self.stack.installEventFilter(self)

    def attach(self, session_factory: SessionFactory, attach_areas: AttachAreas) -> None:
        """Make the services and line the areas up with ``attach_areas``; ``run`` calls this once
        home is painted. Once ready, the areas are built one event-loop turn at a time."""
        if self.attached:
            return
        attach_areas(self, session_factory)
        self.attached = True
        log.info("areas attached: %d to build", self.pages.waiting)
        self._maybe_ready()

    def follow_link(self, link: Link) -> None:
        """A station on a far server: the line to it is watched while the window is open, and
        the title band shows "sin conexión" while the kiosk reads its copy."""
        from kiosk.ui.link_status import LinkStatus

        if self.link_status is None:
            self.link_status = LinkStatus(link, self.header.offline, self)
            self.link_status.start()

    def _maybe_ready(self) -> None:
        if self._painted and self.attached and not self._ready_sent:
            self._ready_sent = True
            QTimer.singleShot(0, self, self._answer_taps)

    def _answer_taps(self) -> None:
        self.ready.emit()
        # From the next turn of the event loop on, every area is built, one turn each: a kiosk
        # told to stop once ready (``--exit-when-ready``) stops without building one.
        QTimer.singleShot(0, self, partial(self.pages.warm, self, self.warmed.emit))

    if not TYPE_CHECKING:  # (so a misspelt name is still an error to the type checker)

        def __getattr__(self, name: str) -> object:
            # A part an area attaches, asked for before that area was built: every area is built.
            pages = self.__dict__.get("pages")
            if isinstance(pages, Pages) and name in ATTACHED and pages.waiting:
                pages.build_all()
                return object.__getattribute__(self, name)
            raise AttributeError(name)

    # --- construction ---------------------------------------------------------------------

    def _build_frame(self) -> QWidget:
        """The title band, the page stack and the navigation bar."""
        root = QWidget(self)
        root.setObjectName("root")
        self.setCentralWidget(root)
        layout = QVBoxLayout(root)
        # Header, page and navigation bar share 768 px: margins and gaps stay at the minimum
        # (the bar's 64 px pictures need its height): 4 px above the header and under the bar.
        layout.setContentsMargins(MIN_GAP_PX * 2, 4, MIN_GAP_PX * 2, 4)
        layout.setSpacing(MIN_GAP_PX)
        layout.addWidget(self._build_header(root))
        self.stack = PageStack(root)
        layout.addWidget(self.stack, 1)
        self.navbar = NavBar(self.speaker, root)
        layout.addWidget(self.navbar)
        self.navbar.home.activated.connect(self.go_home)
        self.navbar.back.activated.connect(self.back)
        self.navbar.help.activated.connect(self.explain_page)
        self.navbar.listen.activated.connect(self.announce_page)
        self.navbar.mute.activated.connect(self.toggle_mute)
        self.navbar.sign_out.activated.connect(self.staff_sign_out)
        self.visit.hold_inputs_of(root, (NumericKeypad, OnScreenKeyboard))
        self.visit.hold(self.speaker)
        self.visit.people_changed.connect(self._people_changed)
        return root

    def _build_home(self) -> None:
        self.pages = Pages()
        self.home = HomePage(self, self.stack)
        self.home.help_requested.connect(self.ask_for_help)
        self.home.sign_in_requested.connect(lambda: self.sign_in("home"))
        self.home.sign_out_requested.connect(self.sign_out)
        self.home.staff_requested.connect(lambda: self.open("staff"))
        self.add_page(self.home)

    def _build_overlays(self, root: QWidget) -> None:
        self.confirm_overlay = ConfirmOverlay(root, self.speaker)
        self.message_overlay = MessageOverlay(root, self.speaker)
        self.busy_overlay = BusyOverlay(root, self.speaker)
        # The first-visit guide is part of the visit: it closes, unfinished, when she leaves.
        self.guide = GuideOverlay(root, self.speaker)
        self.visit.hold(self.guide)
        self.idle_overlay = IdleOverlay(root, self.speaker)
        self._on_answer: Callable[[bool], None] | None = None
        self.confirm_overlay.answered.connect(self._answered)
        # A question or message left open goes with the visit, and so does its answer.
        self.visit.hold(_Overlays(self))

    def _build_clocks(self) -> None:
        """Idle time for a visit; a PIN's time at the desk."""
        self.idle = IdleWatcher(
            self.idle_overlay,
            idle_ms=self.settings.idle_seconds * 1000,
            warning_seconds=self.settings.idle_warning_seconds,
            in_progress=self.visit_in_progress,
            parent=self,
        )
        self.idle.timed_out.connect(self.forget_and_go_home)
        self.idle.quiet.connect(self._quiet_idle)
        self.staff_clock = SignInClock(self._on_pin_page, self)
        self.staff_clock.expired.connect(self._staff_clock_expired)
        # Taps and keys anywhere in the application reach both (and the card scanner).
        self.input_events = InputEvents(self)
        self.input_events.add(self.idle)
        self.input_events.add(self.staff_clock)

    def _build_header(self, parent: QWidget) -> QFrame:
        header = self.header = Header(self.speaker, parent)
        self.header_picture = header.picture
        self.title_label = header.title_label
        self.badge_picture = header.badge_picture
        self.member_label = header.member_label
        self.no_voice = header.no_voice
        return header

    def add_page(self, page: Page) -> None:
        """A page of the window; what it holds is forgotten with every visit."""
        self.pages.add(page)
        self.stack.addWidget(page)
        if page is not self.stack.currentWidget():
            page.setUpdatesEnabled(False)  # see _show
        self.visit.hold(page)

    def add_area(self, area: Area) -> None:
        """An area's pages (its staff pages only for staff with a PIN) and what it keeps
        between them, forgotten with every visit."""
        for page in area.pages():
            self.add_page(page)
        staff_pages = getattr(area, "staff_pages", None)
        if staff_pages is not None:
            for page in staff_pages():
                self.add_staff_page(page)
        self.visit.hold(area)

    def add_staff_page(self, page: Page) -> None:
        """A page only a staff member signed in with her PIN may open."""
        page.staff_only = True
        self.add_page(page)

    def staff_only_pages(self) -> frozenset[str]:
        return frozenset(name for name, page in self.pages.items() if page.staff_only)

    # --- what pages may ask (the Shell protocol) -----------------------------------------

    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    def open(self, name: str) -> None:
        name = self._allowed(name)
        current = self.current_page().page_name
        self._show(self.pages[name])  # if the page cannot open, she stays where she was
        if name != current:
            self._history.append(current)

    def _allowed(self, name: str) -> str:
        """``name``, or the PIN page it needs when nobody with the right PIN is signed in."""
        page = self.pages[name]
        person = self.staff_user
        if page.staff_only and person is not None and person.is_treasurer and page.savings_page:
            return name  # a treasurer's PIN: her group's savings pages (they show only hers)
        if page.staff_only and (person is None or not person.is_staff):
            log.info("staff page %s asked for without a staff sign-in", name)
            return "staff"
        if page.signed_in_only and (person is None or person.is_treasurer):
            log.info("childcare page %s asked for without a PIN", name)
            return "childcare"
        return name

    @property
    def staff_user(self) -> StaffInfo | None:
        """Staff or the volunteer signed in with her PIN in this visit."""
        return self.visit.staff

    @staff_user.setter
    def staff_user(self, person: StaffInfo | None) -> None:
        self.visit.staff = person
        self._people_changed()

    def start_page(self) -> Page:
        """This station's own start page: the member home, the childcare shift page or the
        staff PIN page (home until the areas are attached)."""
        return self.pages.get(START_PAGES[self.settings.station], self.home)

    def go_home(self) -> None:
        """Inicio: back to the station's start page. A PIN sign-in ends here, and so does a
        member's visit once she has finished a task; otherwise she stays signed in and only
        what she typed and chose on the way is forgotten."""
        visit = self.visit
        if visit.staff is not None or visit.task_done:
            visit.end("home")
        else:
            visit.forget_task()
        self._history.clear()
        self._show(self.start_page())

    def open_fresh(self, name: str) -> None:
        """Open ``name`` as if from the start page (Atrás then leads there), keeping the visit."""
        name = self._allowed(name)
        start = self.start_page().page_name
        self._history = [] if name == start else [start]
        self._show(self.pages[name])

    def end_visit(self, reason: str, *, announce: bool = True) -> None:
        """The visit is over (she declined, signed out...): forget all of it, overlays
        included, and show the start page."""
        self.visit.end(reason)
        self._history.clear()
        self._show(self.start_page(), announce=announce)

    def task_done(self) -> None:
        """She finished something (a slip printed, a sign-up made): Inicio now ends her visit."""
        self.visit.finish_task()

    def visit_in_progress(self) -> bool:
        """Someone is using the station: signed in, typing, or away from the start page."""
        return (
            not self.visit.is_empty
            or self.stack.currentWidget() is not self.start_page()
            or self.visit.typed_something()
        )

    def back(self) -> None:
        name = self._history.pop() if self._history else self.start_page().page_name
        self._show(self.pages[self._allowed(name)])

    def show_message(self, text: str, icon: str = "action.error") -> None:
        """News (done, printing) with its picture and 👍; with the ✗ picture, an error."""
        self.message_overlay.show_message(text, icon)

    def show_error(self, text: str, icon: str | None = None) -> None:
        """An error: a red ✗ with ``icon`` (what went wrong) beside it, "Intentar otra vez"."""
        self.message_overlay.show_error(text, icon)

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
        self.visit.sign_in_member(member)
        self._history.clear()
        for name in SIGN_IN_PAGES:
            if self.pages.built(name):
                self.pages[name].reset()
        hello = _("Hello, {name}.").format(name=member.first_name)
        if self._first_visit(member):
            # Her first time: the guide, then on to what she came to do.
            self.show_guide(greeting=hello, then=lambda: self._arrive(after, member))
            return
        self._arrive(after, member)

    def _first_visit(self, member: MemberInfo) -> bool:
        """She has never been shown the guide and is alone at the kiosk (staff serving her at
        the desk show her themselves); claiming it records that she has seen it."""
        return (
            self.settings.first_visit_guide
            and self.visit.staff is None
            and self.members.claim_guide(member.id)
        )

    def show_guide(self, *, greeting: str = "", then: Callable[[], None] | None = None) -> None:
        """The first-visit guide over the page she is on, ringing the bar's real buttons."""
        bar = self.navbar
        bar.show()  # on home too, so that the buttons it shows are there
        page = self.current_page()

        def stay() -> None:  # asked for from Ayuda: she stays where she is
            bar.setVisible(page is not self.home)

        self.guide.start(bar_steps(bar), greeting=greeting, then=then or stay)

    def _arrive(self, after: str, member: MemberInfo) -> None:
        page = self.pages.get(after, self.home)
        self._show(page, announce=False)
        hello = _("Hello, {name}.").format(name=member.first_name)
        if page is self.home:
            self.speaker.say(hello)
        else:  # she came to do something: say where she is now, in the same breath
            self.speaker.say(f"{hello} {page.title()}. {page.purpose()}".strip())

    def card_read(self, text: str) -> None:
        """A member card was read by a USB scanner or the camera: she is signed in with that
        one gesture, as after "¿Eres María?" — on the page she was going to, or, met on a
        page of her own, staying where she is."""
        from kiosk.services.cards import CardError

        try:
            member = self.cards.sign_in(text)
        except CardError as exc:
            self.show_error(str(exc), "action.member_card")
            return
        # A question left open ("¿Quieres registrarte?") is answered by the card.
        _Overlays(self).reset()
        current = self.current_page()
        if current.page_name not in SIGN_IN_PAGES and current is not self.start_page():
            self.visit.after_sign_in = current.page_name
        self.signed_in(member)

    def sign_out(self) -> None:
        self.end_visit("signed_out")

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

    def ask_for_help(self) -> None:
        """Pedir ayuda on the home: call someone, or see how the kiosk is used."""
        if self.attached:
            self.open("help")

    def call_for_help(self) -> None:
        if not self.attached:
            return
        page = self.current_page().page_name
        try:
            call = self.help_calls.call(self.settings.station_name, page)
        except Exception as error:
            from kiosk.services import is_connection_lost

            link = self.link_status
            if link is None or not (is_connection_lost(error) or link.refused_offline(error)):
                raise
            # The server does not answer: her call waits here and goes when it does.
            link.queue_help(self.settings.station_name, page)
            self.show_message(
                _(
                    "There is no connection with the centre now: your call will reach the "
                    "staff when it returns. Meanwhile, ask someone near you."
                ),
                "help",
            )
            return
        self.show_message(_("We have let the staff know. Someone will come to help you."), "help")
        self.live_desk.watch(call)  # "Ya viene alguien" when staff say Voy

    def slip_failed(self, _number: str, _reason: str) -> None:
        # The slip is kept with its number; staff reprint it from "por imprimir".
        self.show_error(
            _("The slip could not be printed; it is saved. Ask a companion for help."),
            "action.print",
        )

    def setting_changed(self, name: str) -> None:
        """Apply at once what can be: the idle time, the voice, touch-and-hear."""
        settings = self.settings
        if name in ("idle_seconds", "staff_idle_seconds"):
            self._people_changed()
            self.idle.restart()
        elif name == "speech_rate":
            self.speaker.set_rate(settings.speech_rate)
            self.speaker.say(_("This is how fast I speak now."))
        elif name == "speech_volume":
            self.speaker.set_volume(settings.speech_volume)
            self.speaker.say(_("This is how loud I speak now."))
        elif name == "touch_and_hear":
            self.setProperty(TOUCH_AND_HEAR_PROPERTY, settings.touch_and_hear)
        elif name == "paper" and self.attached:
            # Every other slip reads the paper as it prints; the pickup pair is drawn by the
            # childcare service, which is told.
            self.childcare.service.use_paper(settings.paper)

    def backup_done(self, path: str) -> None:
        if self.current_page().page_name == "staff_settings":
            self.current_page().entered()
            self.show_message(_("Backup saved in {path}.").format(path=path), "action.yes")

    def backup_failed(self, reason: str) -> None:
        # A member at the kiosk is not told; staff see it on the settings page.
        if self.current_page().page_name == "staff_settings":
            self.show_error(reason, "staff.backup")

    def staff_signed_in(self, person: StaffInfo) -> None:
        self.visit.sign_in_staff(person)
        self._history.clear()
        # Volunteers work in the children's room only; a treasurer in her savings group only.
        if person.is_treasurer:
            self.open("staff_savings")
            return
        self.open("staff_desk" if person.is_staff else "childcare")

    def staff_sign_out(self) -> None:
        self.end_visit("signed_out")

    def leave_kiosk(self) -> None:
        def answer(yes: bool) -> None:
            if yes and self.staff_user is not None and self.staff_user.is_staff:
                log.info("kiosk mode left by staff user %d", self.staff_user.id)
                self.allow_close()
                self.close()

        self.confirm(_("Close the kiosk?"), "action.exit", answer)

    def forget_visit(self) -> None:
        """Forget who is signed in (member or staff) and everything of her visit."""
        self.visit.end("forgotten")

    def forget_and_go_home(self) -> None:
        """The idle time ran out: the visit ends and the station shows its start page, without
        a word (nobody is there to hear it)."""
        self.end_visit("idle", announce=False)

    def _on_pin_page(self) -> bool:
        """The page on screen is one that needs a PIN (or the childcare station's menu)."""
        page = self.stack.currentWidget()
        return isinstance(page, Page) and (
            page.staff_only or page.signed_in_only or page is self.start_page()
        )

    def _staff_clock_expired(self) -> None:
        """Her own idle time ran out: the PIN sign-in ends, wherever the window is."""
        if self.visit.staff is not None:
            log.info("staff sign-in ended after its idle time")
            self.forget_and_go_home()

    def _quiet_idle(self) -> None:
        """Idle with nobody at the station: a message left on screen closes, silently."""
        self.message_overlay.hide()
        self.confirm_overlay.hide()

    def _people_changed(self) -> None:
        """The badge of who is signed in, the Salir tile and the idle time that goes with her."""
        staff = self.visit.staff
        self.navbar.sign_out.setVisible(staff is not None)
        phrase = _("Sign out")
        if staff is not None:
            phrase = _("{name}, sign out").format(name=first_name(staff.name))
        self.navbar.sign_out.set_words(_("Sign out"), phrase)
        self._show_badge()
        seconds = self.settings.idle_seconds
        if staff is not None:
            seconds = self.settings.staff_idle_seconds
            self.staff_clock.start(seconds * 1000)
        else:
            self.staff_clock.stop()
        self.idle.set_idle_ms(seconds * 1000)

    def _show_badge(self) -> None:
        staff, member = self.visit.staff, self.visit.member
        self.header.show_people(
            first_name(staff.name) if staff is not None else None,
            member.first_name if member is not None else None,
        )

    def handle_exception(
        self, kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        """The excepthook's calm answer (:func:`kiosk.ui.errors.answer_calmly`)."""
        answer_calmly(self, kind, error, tb)

    def _answered(self, yes: bool) -> None:
        callback, self._on_answer = self._on_answer, None
        if callback is not None:
            callback(yes)

    def _show(self, page: Page, *, announce: bool = True) -> None:
        page.entered()
        # The bottom bar comes and goes while home is on screen, so the page that opens is laid
        # out once, at its own size (home, the lightest page, is the one laid out twice).
        on_home = page is self.home
        if not on_home:
            self.navbar.setVisible(True)
        # Only the page on screen takes part in repainting. Switching pages, Qt turns updates
        # off and on again for every page it holds that has not turned them off itself: with
        # every area built, some 2 800 widgets walked twice at each tap.
        shown = self.stack.currentWidget()
        page.setUpdatesEnabled(True)
        self.stack.setCurrentWidget(page)
        if shown is not None and shown is not page:
            shown.setUpdatesEnabled(False)
        if on_home:
            self.navbar.setVisible(False)
        self.header.show_page(page.title(), page.icon_name, page.colour)
        self._show_badge()
        if announce:
            self.announce_page()
        self.page_changed.emit(page.page_name)

    # --- kiosk mode ---------------------------------------------------------------------

    def show_for_station(self) -> None:
        self.show_as_kiosk()
        start = self.start_page()
        if start is not self.home:
            self._history.clear()
            self._show(start)
        self.input_events.install()
        self.idle.start()
        if self.attached:
            self.backups.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.stack and event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            self.stack.removeEventFilter(self)  # painted once is all it waits for
            QTimer.singleShot(0, self.painted.emit)
            QTimer.singleShot(0, self.announce_page)
            self._maybe_ready()
        return super().eventFilter(watched, event)

    def closing(self) -> None:
        self.input_events.uninstall()
        self.idle.stop()
        self.staff_clock.stop()
        if self.attached:
            self.backups.stop()
        if self.link_status is not None:
            self.link_status.stop()
