"""Pieces several kinds share: the day and hours, a heading with its text, the papers to bring."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from kiosk.i18n import _, format_day, format_time
from kiosk.resources import icon_names
from kiosk.vouchers.frame import Layout, icon_row, para, picture_grid, space
from kiosk.words import DOCUMENT_WORDS


def icon_or(name: str, fallback: str) -> str:
    return name if name in icon_names() else fallback


def documents(codes: Iterable[str]) -> list[tuple[str | None, str]]:
    items: list[tuple[str | None, str]] = []
    for code in codes:
        icon = f"doc.{code}"
        word = _(DOCUMENT_WORDS[code]) if code in DOCUMENT_WORDS else code.replace("_", " ")
        items.append((icon if icon in icon_names() else None, word))
    return items


def when_rows(layout: Layout, starts_at: datetime, ends_at: datetime | None) -> list[Flowable]:
    """📅 jueves 3 de diciembre / 🕙 10:00 (until 13:00): the day big, the start huge."""
    st, width = layout.st, layout.width
    hours: list[Flowable] = [para(format_time(starts_at), st.huge)]
    if ends_at is not None:
        until = _("until {time}").format(time=format_time(ends_at))
        hours.append(para(until, st.strong))
    return [
        icon_row("misc.calendar", para(format_day(starts_at), st.big), width, st, size=13 * mm),
        icon_row("misc.clock", hours, width, st, size=13 * mm),
    ]


def section(layout: Layout, heading: str, text: str) -> list[Flowable]:
    """A heading and its text, kept together; nothing at all when there is no text."""
    if not text.strip():
        return []
    st = layout.st
    return [
        KeepTogether([space(st, 3), para(heading, st.label), space(st, 1), para(text, st.body)])
    ]


def bring(layout: Layout, codes: tuple[str, ...], width: float | None = None) -> list[Flowable]:
    if not codes:
        return []
    st = layout.st
    return [
        KeepTogether(
            [
                space(st, 3),
                para(_("What to bring?"), st.label),
                picture_grid(documents(codes), width or layout.width, st),
            ]
        )
    ]
