"""What the kiosk does with an error nobody expected: log it, say so calmly, and go home
instead of quitting."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Protocol

from kiosk.i18n import _
from kiosk.logs import area_logger
from kiosk.ui.pages.base import Page
from kiosk.ui.widgets.overlays import BusyOverlay, ConfirmOverlay

if TYPE_CHECKING:
    from kiosk.ui.link_status import LinkStatus

log = area_logger("ui")

OFFLINE_ICON = "nav.offline"


class Window(Protocol):
    busy_overlay: BusyOverlay
    confirm_overlay: ConfirmOverlay
    link_status: LinkStatus | None

    def current_page(self) -> Page: ...
    def show_error(self, text: str, icon: str | None = None) -> None: ...
    def forget_visit(self) -> None: ...
    def go_home(self) -> None: ...


def answer_calmly(
    window: Window, kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """A lost database connection is not her fault and will pass: she is told to try again,
    and stays where she was with everything she entered. While the kiosk reads its copy,
    what needs the server (a seat, a check-in, a referral, her own records) is refused by the
    copy and told as such, the same way. Anything else ends the visit."""
    from kiosk.services import is_connection_lost

    link = window.link_status
    refused = link is not None and link.refused_offline(error)
    if refused or is_connection_lost(error):
        log.warning(
            "%s on page %s: %s",
            "needs the server, refused by the read copy" if refused else "database unreachable",
            window.current_page().page_name,
            type(error).__name__,
        )
        window.busy_overlay.stop()
        window.confirm_overlay.hide()
        if refused:
            window.show_error(
                _(
                    "This needs the connection with the centre. What you entered stays here; "
                    "try again in a moment."
                ),
                OFFLINE_ICON,
            )
        else:
            window.show_error(_("No connection to the centre's computer. Try again in a moment."))
        return
    log.error(
        "unexpected error on page %s", window.current_page().page_name, exc_info=(kind, error, tb)
    )
    window.busy_overlay.stop()
    window.confirm_overlay.hide()
    window.forget_visit()
    window.go_home()
    window.show_error(_("Something went wrong. Start again or ask a companion for help."))
