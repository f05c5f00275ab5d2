"""A desk list saved as a spreadsheet file for staff: the folder and the file readable by the
kiosk's user only (names, phones and money are in them), and one short sentence either way."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from kiosk.i18n import _
from kiosk.ui.pages.base import Shell


def save_list(shell: Shell, path: Path, text: str, log: logging.Logger, what: str) -> Path | None:
    """Write ``text`` to ``path`` (CSV, UTF-8 with a byte-order mark so spreadsheets show the
    accents); say where it is, or that it could not be saved (``what`` names it in the log)."""
    folder = path.parent
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(folder, 0o700)  # an older folder may have been made more open
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as out:
            out.write(text)
    except OSError as exc:
        log.warning("%s not saved: %s", what, exc.strerror)
        shell.show_error(_("The list could not be saved. Ask for help."))
        return None
    shell.show_message(
        _("The list is saved in the folder {folder}.").format(folder=str(folder)),
        "action.export",
    )
    return path
