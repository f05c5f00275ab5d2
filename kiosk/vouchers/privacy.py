"""The privacy papers: the centre's privacy notice (aviso de privacidad integral) as a printed
document, and "my data", everything the kiosk holds about one member, for her to take home.

Both run over pages on a sheet and grow along the roll; each section has its picture."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph

from kiosk.areas import MEMBER_COLOUR
from kiosk.i18n import N_, _, format_date_short, format_time, ngettext
from kiosk.slip_options import SlipOptions
from kiosk.vouchers.fonts import REGULAR
from kiosk.vouchers.frame import Band, Framed, Layout, icon_row, para, render_framed, space
from kiosk.vouchers.records import (
    ChildRecord,
    JobRecord,
    ListingRecord,
    MyData,
    NoticeDoc,
    ReferralRecord,
    SignUpRecord,
    SlipRecord,
    VisitRecord,
)
from kiosk.words import format_phone

# A section of the notice gets the picture of the first of these words in its heading.
SECTION_PICTURES: tuple[tuple[str, str], ...] = (
    ("sensible", "child.allergy"),
    ("responsable", "misc.centre"),
    ("compart", "unit.servicio"),
    ("para qué", "unit.servicio"),
    ("derecho", "need.legal"),
    ("consentimiento", "action.no"),
    ("limitar", "action.privacy"),
    ("cuidamos", "action.privacy"),
    ("cambio", "misc.calendar"),
    ("datos", "doc.ine"),
)
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _inline(text: str) -> str:
    """Escaped text, with **bold** kept bold (the only mark-up a notice file may use)."""
    return _BOLD.sub(r"<b>\1</b>", escape(text.strip()))


def _bulleted(style: ParagraphStyle) -> ParagraphStyle:
    """The style with its bullet in the embedded font (reportlab's default is Helvetica)."""
    # Wrapped lines hang under the text, not under the bullet.
    return ParagraphStyle(
        f"{style.name}/bullet",
        parent=style,
        bulletFontName=REGULAR,
        leftIndent=style.fontSize * 0.9,
        bulletIndent=0,
    )


def _section_picture(heading: str) -> str | None:
    folded = heading.lower()
    for word, icon in SECTION_PICTURES:
        if word in folded:
            return icon
    return None


def notice_story(text: str, layout: Layout) -> tuple[str, list[Flowable]]:
    """The notice's title (its ``#`` line) and its body: ``##`` headings with their picture,
    paragraphs, and ``-`` items as bullets."""
    st, width = layout.st, layout.width
    title = ""
    story: list[Flowable] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            story.append(Paragraph(_inline(" ".join(paragraph)), st.style(11, leading=1.3)))
            story.append(space(st, 2))
            paragraph.clear()

    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            flush()
        elif line.startswith("## "):
            flush()
            heading = Paragraph(_inline(line[3:]), st.style(13, bold=True, leading=1.2))
            picture = _section_picture(line[3:])
            row = icon_row(picture, heading, width, st, size=9 * mm) if picture else heading
            story.append(KeepTogether([space(st, 3), row]))
        elif line.startswith("# "):
            flush()
            title = line[2:].strip()
        elif line.startswith(("- ", "* ")):
            flush()
            story.append(
                Paragraph(
                    _inline(line[2:]),
                    _bulleted(st.style(11, leading=1.3, space_after=1.5)),
                    bulletText="•",
                )
            )
        else:
            paragraph.append(line)
    flush()
    return title, story


def privacy_notice(doc: NoticeDoc, number: str, options: SlipOptions | None = None) -> bytes:
    """The notice as the centre prints it at the desk, with its version and the day it was
    last changed."""

    def fill(layout: Layout) -> Framed:
        st, width = layout.st, layout.width
        title, body = notice_story(doc.text, layout)
        updated = _("Last updated: {day} · version {version}").format(
            day=format_date_short(doc.updated), version=doc.version
        )
        body = [icon_row("misc.calendar", para(updated, st.strong), width, st), *body]
        return Framed(
            Band("action.privacy", MEMBER_COLOUR, _("Privacy notice"), st),
            title or _("Privacy notice"),
            _("Ask at the staff desk to see, correct or erase your data."),
            _("Privacy notice"),
            body,
        )

    return render_framed(fill, number, options)


def _when(value: datetime) -> str:
    return f"{format_date_short(value)} {format_time(value)}"


def _day(value: date | datetime) -> str:
    return format_date_short(value)


def _joined(parts: list[str]) -> str:
    return " · ".join(part for part in parts if part)


def _child_lines(child: ChildRecord) -> list[str]:
    lines = [
        _joined([child.name, _("born {day}").format(day=_day(child.birth_date))]),
    ]
    if child.has_allergy or child.medical_note:
        lines.append(
            _("Health: {note} (your consent of {day})").format(
                note=(_("allergy") + ": " if child.has_allergy else "") + child.medical_note,
                day=_day(child.health_consent_at) if child.health_consent_at else "—",
            )
        )
    else:
        lines.append(_("Health: nothing kept"))
    if child.has_photo:
        lines.append(_("Photo: kept"))
    for person in child.pickup_people:
        mark = "✓ " + _("May pick up") if person.allowed else "✗ " + _("May NOT pick up")
        lines.append(
            _joined(
                [
                    f"{mark}: {person.name}",
                    person.relation,
                    format_phone(person.phone) if person.phone else "",
                ]
            )
        )
    return lines


def _section(layout: Layout, icon: str, heading: str, lines: list[str]) -> list[Flowable]:
    """A heading with its picture and count, then its lines; "None" when there are none."""
    st, width = layout.st, layout.width
    head = Paragraph(escape(heading), st.style(13, bold=True, leading=1.2))
    items: list[Flowable] = [
        Paragraph(
            escape(line), _bulleted(st.style(10.5, leading=1.3, space_after=1)), bulletText="•"
        )
        for line in lines
    ] or [para(_("None"), st.style(10.5, leading=1.3))]
    top = KeepTogether([space(st, 3), icon_row(icon, head, width, st, size=9 * mm), *items[:2]])
    return [top, *items[2:]]


def _details(data: MyData) -> list[str]:
    if data.consent_at and data.notice_version and data.notice_updated:
        consent = _("Privacy notice accepted: {day}, version {version} of {updated}").format(
            day=_when(data.consent_at),
            version=data.notice_version,
            updated=_day(data.notice_updated),
        )
    elif data.consent_at:
        consent = _("Privacy notice accepted: {day}").format(day=_when(data.consent_at))
    else:
        consent = ""
    details = [
        _("Phone: {phone}").format(phone=format_phone(data.phone)) if data.phone else "",
        _("Town: {town}").format(town=data.locality) if data.locality else "",
        _("Registered: {day}").format(day=_day(data.registered_at)),
        consent,
    ]
    return [d for d in details if d]


def _sign_up_line(u: SignUpRecord) -> list[str]:
    children = ngettext("{count} child", "{count} children", u.children).format(count=u.children)
    position = f" {u.waitlist_position}" if u.waitlist_position is not None else ""
    return [
        _joined(
            [
                f"{u.training}: {_when(u.starts_at)}",
                u.place,
                u.status + position,
                children if u.children else "",
            ]
        )
    ]


def _visit_line(v: VisitRecord) -> list[str]:
    out = _("out {time}").format(time=format_time(v.checked_out_at)) if v.checked_out_at else ""
    by = _("picked up by {name}").format(name=v.picked_up_by) if v.picked_up_by else ""
    return [_joined([f"{v.child}: {_when(v.checked_in_at)}", out, by])]


def _referral_line(r: ReferralRecord) -> list[str]:
    follow_up = _("follow-up {day}").format(day=_day(r.follow_up_on)) if r.follow_up_on else ""
    return [
        _joined(
            [f"{r.program}: {_day(r.created_at)}", r.status, r.reason, follow_up, r.outcome_note]
        )
    ]


def _listing_line(item: ListingRecord) -> list[str]:
    phone = format_phone(item.contact_phone) if item.contact_phone else ""
    return [
        _joined(
            [
                f"{item.title}: {item.price}",
                item.status,
                _day(item.created_at),
                item.description,
                phone,
                item.locality,
                _("with photo") if item.has_photo else "",
            ]
        )
    ]


def _job_line(j: JobRecord) -> list[str]:
    return [_joined([f"{j.title}: {j.employer}", _day(j.asked_at)])]


def _slip_line(slip: SlipRecord) -> list[str]:
    return [_joined([slip.kind, slip.number, _day(slip.created_at)])]


def my_data_sections(data: MyData, layout: Layout) -> list[Flowable]:
    """Every kind of data about her, each under its picture, in the order she lived it."""
    story = _section(layout, "action.phone", _("Your details"), _details(data))
    # Each kind: its picture, its heading with the count, its rows, and a row's lines.
    counted: list[tuple[str, str, Sequence[Any], Callable[[Any], list[str]]]] = [
        ("area.childcare", N_("Your children ({count})"), data.children, _child_lines),
        ("area.trainings", N_("Courses ({count})"), data.sign_ups, _sign_up_line),
        ("misc.clock", N_("Childcare visits ({count})"), data.visits, _visit_line),
        ("area.programs", N_("Referrals ({count})"), data.referrals, _referral_line),
        ("area.trade", N_("Your listings ({count})"), data.listings, _listing_line),
        ("area.jobs", N_("Jobs you asked about ({count})"), data.jobs, _job_line),
        ("action.print", N_("Slips printed for you ({count})"), data.slips, _slip_line),
    ]
    for icon, heading, rows, lines in counted:
        text = [line for row in rows for line in lines(row)]
        story += _section(layout, icon, _(heading).format(count=len(rows)), text)
    return story


def my_data(data: MyData, number: str, options: SlipOptions | None = None) -> bytes:
    """Everything the kiosk holds about her (her right of access), for her to keep."""

    def fill(layout: Layout) -> Framed:
        return Framed(
            Band("doc.ine", MEMBER_COLOUR, _("My data"), layout.st),
            data.name,
            _(
                "This is everything the kiosk keeps about you. To correct or erase it, ask "
                "at the staff desk."
            ),
            _("My data"),
            my_data_sections(data, layout),
        )

    return render_framed(fill, number, options)
