"""Pages whose title, purpose and help are fixed sentences say them by class attributes (N_()
message ids), in place of one small method each."""

from __future__ import annotations

from kiosk.i18n import _


def said(message: str) -> str:
    # An empty message id would translate to the catalog's header.
    return _(message) if message else ""


class FixedWords:
    """Mixed in before :class:`~kiosk.ui.pages.base.Page`: ``title()``, ``purpose()`` and
    ``help_text()`` say ``title_words``, ``purpose_words`` and ``help_words`` (the purpose
    when there is no help of its own)."""

    title_words = ""
    purpose_words = ""
    help_words = ""

    def title(self) -> str:
        return said(self.title_words)

    def purpose(self) -> str:
        return said(self.purpose_words)

    def help_text(self) -> str:
        return said(self.help_words) or self.purpose()
