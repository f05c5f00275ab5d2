"""Every kind of printed slip: a frozen dataclass of plain data and a function that turns it and
a voucher number into PDF bytes.

    pdf = job_slip(JobSlip(...), number, SlipOptions(paper="letter"))

The services pass these functions (with the data bound) to ``VoucherService.issue``, which hands
them the number it drew. Few words, big digits, a picture beside every fact.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Table, TableStyle

from kiosk.areas import AREA_BY_KEY, MEMBER_COLOUR
from kiosk.i18n import (
    _,
    format_date_short,
    format_day,
    format_money,
    format_time,
    ngettext,
)
from kiosk.numbers import format_number
from kiosk.resources import icon_names
from kiosk.slip_options import SlipOptions
from kiosk.vouchers.fonts import REGULAR
from kiosk.vouchers.frame import (
    BLACK,
    RED,
    Band,
    CutLine,
    Grid,
    Layout,
    Slip,
    Styles,
    boxed,
    code128,
    code_block,
    compose,
    footer,
    header,
    icon_row,
    para,
    picture,
    picture_grid,
    qr_code,
    render,
    side_by_side,
    space,
    tear_off,
    what_to_do_box,
)
from kiosk.words import (
    ASK_AT_CENTRE,
    DOCUMENT_WORDS,
    PICKUP_WORDS,
    PRICE_UNITS,
    first_name,
    format_phone,
    pay_words,
    waiting_words,
)

# --- data ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingSlip:
    member_name: str
    training: str
    starts_at: datetime
    place: str
    ends_at: datetime | None = None
    childcare_places: int = 0  # places reserved in the children's room; 0 = none
    topic_icon: str = ""  # "training.panaderia"...; the area's picture when empty


@dataclass(frozen=True)
class WaitlistSlip:
    member_name: str
    training: str
    starts_at: datetime
    place: str
    position: int
    childcare: str = ""  # what she is told about childcare (never places she does not hold)


@dataclass(frozen=True)
class JobSlip:
    title: str
    employer: str
    pay_amount: Decimal | None  # None: "Pago por acordar"
    pay_unit: str | None  # PayUnit value: hour, day, week, month; None: not said
    how_to_apply: str
    phone: str  # "" when the posting gives none: the slip says to ask at the centre
    address: str
    what_to_bring: tuple[str, ...] = ()  # document codes: ine, curp...
    locality: str = ""
    schedule: str = ""
    category: str = ""  # JobCategory value: its pictogram "job.<category>"
    pay_max: Decimal | None = None  # the top of a pay range
    contact_other: str = ""  # a web page or e-mail, when there is no phone


@dataclass(frozen=True)
class TradeSlip:
    title: str
    price: Decimal
    price_unit: str  # PriceUnit value: pieza, docena, kilo, servicio, paquete
    seller_name: str  # only the first name is printed
    seller_phone: str  # printed in full: the buyer calls it
    category: str = ""  # TradeCategory value: its pictogram "trade.<category>"
    description: str = ""
    picture: str = ""  # the product's pictogram, when its title names one (before the kind's)


@dataclass(frozen=True)
class ReferralSlip:
    member_name: str
    program: str
    organization: str
    address: str
    phone: str
    schedule: str
    eligibility: str
    fees: str
    application_steps: str
    staff_name: str
    directions: str = ""
    locality: str = ""
    documents: tuple[str, ...] = ()
    reason: str = ""
    assured_date: date | None = None  # when the centre last confirmed the program's details
    follow_up_on: date | None = None
    need: str = ""  # ProgramNeed value: its pictogram "need.<need>"


@dataclass(frozen=True)
class ProgramSheet:
    """A program's details as a member takes them home (no name of hers: anyone may print it)."""

    program: str
    organization: str
    level: str  # the level's words: "Estatal"
    benefit: str
    eligibility: str
    address: str
    phone: str
    schedule: str
    locality: str = ""
    directions: str = ""
    fees: str = ""
    application_steps: str = ""
    documents: tuple[str, ...] = ()  # paper codes ("ine") or an imported paper's text
    need: str = ""  # ProgramNeed value: its pictogram "need.<need>"


@dataclass(frozen=True)
class PickupChild:
    name: str
    age: int  # years
    allergy: bool = False
    medical_note: str = ""
    photo: bytes | None = None  # her face (a JPEG), taken with her mother's consent


@dataclass(frozen=True)
class PickupSlip:
    code: str  # "47": the digits said and printed big
    picture: str  # a PICKUP_WORDS key: "tortuga"
    guardian_name: str  # only the first name is printed
    day: date
    children: tuple[PickupChild, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class MemberCardSlip:
    name: str  # only the first name is printed
    code: str  # what the QR code carries: it names her without her phone
    member_since: date | None = None


@dataclass(frozen=True)
class StaffListSlip:
    title: str
    day: date
    names: tuple[str, ...]
    columns: tuple[str, ...] = ()  # headings of the tick boxes; one "Came" box when empty
    subtitle: str = ""  # place and time, for example
    area: str = "staff"  # the band's area: "trainings" for a course's attendance list


CARD_QR = 48 * mm  # the card's QR code, quiet zone included: read from a webcam at arm's length


# --- helpers ------------------------------------------------------------------------------

PHOTO_MM = 26  # the child's photo on her label, a square


def _icon_or(name: str, fallback: str) -> str:
    return name if name in icon_names() else fallback


def _documents(codes: Iterable[str]) -> list[tuple[str | None, str]]:
    items: list[tuple[str | None, str]] = []
    for code in codes:
        icon = f"doc.{code}"
        word = _(DOCUMENT_WORDS[code]) if code in DOCUMENT_WORDS else code.replace("_", " ")
        items.append((icon if icon in icon_names() else None, word))
    return items


def _when_rows(layout: Layout, starts_at: datetime, ends_at: datetime | None) -> list[Flowable]:
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


def _section(layout: Layout, heading: str, text: str) -> list[Flowable]:
    """A heading and its text, kept together; nothing at all when there is no text."""
    if not text.strip():
        return []
    st = layout.st
    return [
        KeepTogether([space(st, 3), para(heading, st.label), space(st, 1), para(text, st.body)])
    ]


def _bring(layout: Layout, codes: tuple[str, ...], width: float | None = None) -> list[Flowable]:
    if not codes:
        return []
    st = layout.st
    return [
        KeepTogether(
            [
                space(st, 3),
                para(_("What to bring?"), st.label),
                picture_grid(_documents(codes), width or layout.width, st),
            ]
        )
    ]


# --- the kinds ----------------------------------------------------------------------------


def training_confirmation(
    data: TrainingSlip, number: str, options: SlipOptions | None = None
) -> bytes:
    """Her place in a course: the course, the day and hours, the place, childcare."""

    def make(layout: Layout) -> Slip:
        st, width = layout.st, layout.width
        body: list[Flowable] = [
            icon_row("action.yes", para(_("Your place is reserved"), st.strong), width, st),
            para(data.member_name, st.body),
            *_when_rows(layout, data.starts_at, data.ends_at),
            icon_row("misc.place", para(data.place, st.strong), width, st),
        ]
        if data.childcare_places > 0:
            childcare = ngettext(
                "Childcare: {count} place reserved",
                "Childcare: {count} places reserved",
                data.childcare_places,
            ).format(count=data.childcare_places)
        else:
            childcare = _("Childcare: not reserved")
        body.append(icon_row("area.childcare", para(childcare, st.strong), width, st))
        return compose(
            layout,
            area=_topic_band(data.topic_icon, st),
            title=data.training,
            body=body,
            what_to_do=_("Bring this slip on the day of the course."),
            number=number,
            doc_title=_("Course sign-up"),
        )

    return render(make, options)


def _topic_band(topic_icon: str, st: Styles) -> Band:
    area = AREA_BY_KEY["trainings"]
    icon = _icon_or(topic_icon, area.icon) if topic_icon else area.icon
    return Band(icon, area.colour, _(area.words), st)


def waitlist_ticket(data: WaitlistSlip, number: str, options: SlipOptions | None = None) -> bytes:
    """Her place on a course's waiting list. Its largest line says she has no seat yet and her
    number in line; the course's day is plain text, so nothing on it reads like a turn."""

    def make(layout: Layout) -> Slip:
        st, width = layout.st, layout.width
        answer = para(waiting_words(data.position), st.style(24, bold=True, leading=1.15))
        course = _("The course is on {day}, {time}.").format(
            day=format_day(data.starts_at), time=format_time(data.starts_at)
        )
        body: list[Flowable] = [
            para(_("Waiting list"), st.strong),
            icon_row("answer.waiting", answer, width, st, size=20 * mm),
            para(data.member_name, st.body),
            space(st, 3),
            icon_row("misc.calendar", para(course, st.body), width, st, size=8 * mm),
            icon_row("misc.place", para(data.place, st.body), width, st, size=8 * mm),
        ]
        if data.childcare:
            body.append(
                icon_row("area.childcare", para(data.childcare, st.body), width, st, size=8 * mm)
            )
        return compose(
            layout,
            area="trainings",
            title=data.training,
            body=body,
            what_to_do=_("Keep this slip. We will call you if a place opens."),
            number=number,
            doc_title=_("Waiting list"),
        )

    return render(make, options)


def job_slip(data: JobSlip, number: str, options: SlipOptions | None = None) -> bytes:
    """A job to ask for: who, the pay, the phone, what to bring, where."""

    def make(layout: Layout) -> Slip:
        st, width = layout.st, layout.width
        pay = pay_words(data.pay_amount, data.pay_max, data.pay_unit)
        category_icon = _icon_or(f"job.{data.category}", "area.jobs")
        where = [para(data.address, st.body)]
        if data.locality:
            where.append(para(data.locality, st.strong))
        body: list[Flowable] = [
            icon_row(category_icon, para(data.employer, st.strong), width, st),
            icon_row("misc.money", para(pay, st.big), width, st),
        ]
        if data.schedule:
            body.append(icon_row("misc.clock", para(data.schedule, st.body), width, st))
        contact_icon = "action.phone" if data.phone else "staff.station"
        if data.phone:
            contact = [para(format_phone(data.phone), st.big)]
        elif data.contact_other:
            contact = [para(data.contact_other, st.strong)]
        else:
            contact_icon = "help"  # a woman raising her hand
            # Nobody to call: the slip says where to ask, in big letters.
            contact = [
                para(_(ASK_AT_CENTRE), st.big),
                para(layout.options.centre_name, st.strong),
            ]
        body += [
            icon_row(contact_icon, contact, width, st),
            icon_row("misc.place", where, width, st),
            *_bring(layout, data.what_to_bring),
            *_section(layout, _("How to apply"), data.how_to_apply),
        ]
        return compose(
            layout,
            area="jobs",
            title=data.title,
            body=body,
            what_to_do=_("Take this slip when you go to ask for the job."),
            number=number,
            doc_title=_("Job"),
        )

    return render(make, options)


def trade_slip(data: TradeSlip, number: str, options: SlipOptions | None = None) -> bytes:
    """Something a member sells: the price, who sells it, her phone."""

    def make(layout: Layout) -> Slip:
        st, width = layout.st, layout.width
        unit = (
            _(PRICE_UNITS[data.price_unit]) if data.price_unit in PRICE_UNITS else data.price_unit
        )
        price = f"{format_money(data.price)} {unit}"
        body: list[Flowable] = [
            icon_row(
                _icon_or(data.picture or f"trade.{data.category}", "area.trade"),
                para(price, st.big),
                width,
                st,
            ),
        ]
        if data.description:
            body.append(para(data.description, st.body))
        body += [
            icon_row(
                "misc.people",
                para(_("Sold by {name}").format(name=first_name(data.seller_name)), st.strong),
                width,
                st,
            ),
            icon_row("action.phone", para(format_phone(data.seller_phone), st.big), width, st),
        ]
        return compose(
            layout,
            area="trade",
            title=data.title,
            body=body,
            what_to_do=_("Call the seller to buy."),
            number=number,
            doc_title=_("Trade"),
        )

    return render(make, options)


def referral_slip(data: ReferralSlip, number: str, options: SlipOptions | None = None) -> bytes:
    """A program the centre sends her to, with everything she needs there, and a stub the
    centre keeps for the follow-up call."""

    def make(layout: Layout) -> Slip:
        st, width = layout.st, layout.column_width
        where: list[Flowable] = [para(data.address, st.body)]
        if data.locality:
            where.append(para(data.locality, st.strong))
        if data.directions:
            where.append(para(data.directions, st.small))
        facts: list[Flowable] = [
            para(_("For {name}").format(name=data.member_name), st.strong),
            icon_row(
                _icon_or(f"need.{data.need}", "misc.centre"),
                para(data.organization, st.strong),
                width,
                st,
            ),
            icon_row("misc.place", where, width, st),
        ]
        if data.phone:
            facts.append(
                icon_row("action.phone", para(format_phone(data.phone), st.big), width, st)
            )
        if data.schedule:
            facts.append(icon_row("misc.clock", para(data.schedule, st.body), width, st))
        if data.fees:
            facts.append(icon_row("misc.money", para(data.fees, st.body), width, st))
        steps: list[Flowable] = []
        steps += _section(layout, _("Who can apply?"), data.eligibility)
        steps += _bring(layout, data.documents, width)
        steps += _section(layout, _("What to do there"), data.application_steps)
        steps += _section(layout, _("Why we send you"), data.reason)
        tail: list[Flowable] = []
        if data.follow_up_on:
            call = _("We will call you on {day} to ask how it went.").format(
                day=format_day(data.follow_up_on)
            )
            tail.append(icon_row("action.phone", para(call, st.body), width, st, size=9 * mm))
        tail.append(space(st, 2))
        tail.append(para(_("Sent by {name}").format(name=data.staff_name), st.small))
        if data.assured_date:
            verified = _("Information verified on {date}").format(
                date=format_date_short(data.assured_date)
            )
            tail.append(para(verified, st.small))
        # Last on the roll; under the facts on a wide sheet, where that column is the shorter.
        if layout.wide:
            facts += tail
        else:
            steps += tail
        stub_texts: list[Flowable] = [
            para(_("Referral"), st.style(10, bold=True)),
            para(data.member_name, st.strong),
            para(data.program, st.body),
        ]
        if data.follow_up_on:
            follow_up = _("Follow-up: {date}").format(date=format_date_short(data.follow_up_on))
            stub_texts.append(para(follow_up, st.strong))
        stub = tear_off(layout, _("For the centre"), stub_texts, number)
        return compose(
            layout,
            area="programs",
            title=data.program,
            body=facts,
            aside=steps,
            what_to_do=_("Take this slip and your papers to the office."),
            number=number,
            doc_title=_("Referral"),
            stub=stub,
        )

    return render(make, options)


def program_sheet(data: ProgramSheet, number: str, options: SlipOptions | None = None) -> bytes:
    """A program's sheet: what it gives, who can apply, where, when, its phone, and the papers
    to bring as pictures; each fact beside its picture, as on the program's page."""

    def make(layout: Layout) -> Slip:
        st, width = layout.st, layout.column_width

        def fact(icon: str, heading: str, texts: list[Flowable]) -> Table:
            return icon_row(icon, [para(heading, st.label), *texts], width, st)

        facts: list[Flowable] = [
            icon_row(
                _icon_or(f"need.{data.need}", "area.programs"),
                para(f"{data.organization} · {data.level}", st.strong),
                width,
                st,
            )
        ]
        if data.benefit:
            facts.append(fact("misc.money", _("What it gives"), [para(data.benefit, st.body)]))
        if data.eligibility:
            facts.append(
                fact("misc.people", _("Who can apply?"), [para(data.eligibility, st.body)])
            )
        where = [para(p, st.body) for p in (data.address, data.locality) if p]
        if data.directions:
            where.append(para(data.directions, st.small))
        if where:
            facts.append(fact("misc.place", _("Where?"), where))
        if data.schedule:
            facts.append(fact("misc.clock", _("When?"), [para(data.schedule, st.body)]))
        if data.phone:
            facts.append(
                icon_row("action.phone", para(format_phone(data.phone), st.big), width, st)
            )
        if data.fees:
            facts.append(icon_row("misc.money", para(data.fees, st.body), width, st))
        steps: list[Flowable] = []
        steps += _bring(layout, data.documents, width)
        steps += _section(layout, _("What to do there"), data.application_steps)
        return compose(
            layout,
            area="programs",
            title=data.program,
            body=facts,
            aside=steps,
            what_to_do=_("Call or go to the office with your papers."),
            number=number,
            doc_title=_("Program sheet"),
        )

    return render(make, options)


def _pickup_code(layout: Layout, code: str, picture_key: str, width: float) -> Table:
    """The pickup code as said aloud: 47 and the turtle, with its word."""
    st = layout.st
    size = 24 * mm * st.scale
    word = _(PICKUP_WORDS[picture_key]) if picture_key in PICKUP_WORDS else picture_key
    digits = para(code, st.style(60, bold=True, centre=True, leading=1.0))
    image: Any = picture(_icon_or(f"pickup.{picture_key}", "area.childcare"), size)
    image.hAlign = "CENTER"
    table = Grid(
        [[digits, [image, para(word, st.style(14, bold=True, centre=True))]]],
        colWidths=[width * 0.55, width * 0.45],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("BOX", (0, 0), (-1, -1), 1.5 * st.scale, BLACK),
                ("TOPPADDING", (0, 0), (-1, -1), 2 * mm * st.scale),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm * st.scale),
            ]
        ),
    )
    table.spaceBefore = 2 * mm * st.scale
    table.spaceAfter = 2 * mm * st.scale
    return table


def _age(years: int) -> str:
    if years < 1:
        return _("Under 1 year old")
    return ngettext("{count} year old", "{count} years old", years).format(count=years)


def square_photo(photo: bytes) -> bytes:
    """The middle square of a photo (a webcam's wide still has the face in its middle), as a
    JPEG: on a narrow label a square shows the face larger than a wide strip would."""
    from PIL import Image as Picture

    with Picture.open(io.BytesIO(photo)) as source:
        side = min(source.size)
        left, top = (source.width - side) // 2, (source.height - side) // 2
        square = source.convert("RGB").crop((left, top, left + side, top + side))
    out = io.BytesIO()
    square.save(out, "JPEG", quality=90)
    return out.getvalue()


def _face(layout: Layout, photo: bytes, named: list[Flowable], width: float) -> Table:
    """Her photo at the left of her name: the volunteer matches face, label and child."""
    st = layout.st
    side = PHOTO_MM * mm * st.scale
    gap = 2.5 * mm * st.scale
    image = Image(io.BytesIO(square_photo(photo)), width=side, height=side)
    table = Grid(
        [[image, named]],
        colWidths=[side + gap, width - side - gap],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    table.spaceBefore = 1.5 * mm * st.scale
    table.spaceAfter = 1.5 * mm * st.scale
    return table


def _child_label(layout: Layout, data: PickupSlip, child: PickupChild, number: str) -> list[Any]:
    st, width = layout.st, layout.column_width
    area = AREA_BY_KEY["childcare"]
    icon = "child.allergy" if child.allergy else area.icon
    named: list[Flowable] = [
        para(child.name, st.style(22, bold=True, leading=1.15)),
        para(_age(child.age), st.strong),
    ]
    who: list[Flowable] = [_face(layout, child.photo, named, width)] if child.photo else named
    if child.allergy:
        warning = [para(_("ALLERGY"), st.style(20, bold=True, colour=RED))]
        if child.medical_note:
            warning.append(para(child.medical_note, st.style(13, bold=True, colour=RED)))
        who.append(
            boxed(
                icon_row("child.allergy", warning, width - 6 * mm * st.scale, st, size=14 * mm),
                width,
                st,
                colour=RED,
                line=3,
            )
        )
    elif child.medical_note:
        who.append(icon_row("action.warning", para(child.medical_note, st.body), width, st))
    who.append(para(_("Guardian: {name}").format(name=first_name(data.guardian_name)), st.strong))
    bars = code128(number, layout.paper, st, height=8 * mm)
    bars.hAlign = "CENTER"
    code: list[Flowable] = [
        _pickup_code(layout, data.code, data.picture, width),
        para(_("This label stays with the child."), st.style(11, centre=True, space_after=1.5)),
        bars,
    ]
    band = Band(icon, area.colour, _("Child's label"), st, height=11 * mm)
    return [band, *side_by_side(who, code, layout)]


def pickup_pair(data: PickupSlip, number: str, options: SlipOptions | None = None) -> bytes:
    """The guardian's stub, then one label per child, all with the same pickup code; the parts
    are cut apart along the dashed lines. The stub comes first so that it (with the QR code)
    is always on the first page of a sheet."""

    def make(layout: Layout) -> Slip:
        st, width = layout.st, layout.column_width
        area = AREA_BY_KEY["childcare"]
        who: list[Flowable] = [para(first_name(data.guardian_name), st.title)]
        names = ", ".join(first_name(child.name) for child in data.children)
        if names:
            who.append(icon_row("area.childcare", para(names, st.strong), width, st))
        who.append(icon_row("misc.calendar", para(format_day(data.day), st.big), width, st))
        story: list[Flowable] = [
            para(layout.options.centre_name, st.style(10, bold=True, centre=True, space_after=2)),
            Band(area.icon, area.colour, _("Pick-up slip"), st),
            *side_by_side(who, [_pickup_code(layout, data.code, data.picture, width)], layout),
            *footer(layout, _("Show this slip to pick up your children."), number),
        ]
        for child in data.children:
            story.append(CutLine(st))
            story.append(KeepTogether(_child_label(layout, data, child, number)))
        return Slip(story, _("Childcare pick-up"))

    return render(make, options)


def member_card(data: MemberCardSlip, number: str, options: SlipOptions | None = None) -> bytes:
    """Her card: her first name and a big QR code that signs her in at any station's scanner
    or camera. No phone, not even masked: the code names her. The slip number (digits and
    Code 128, no second QR that a scanner could read instead) is for the desk."""

    def make(layout: Layout) -> Slip:
        st, width, paper = layout.st, layout.width, layout.paper
        story = header(
            layout.options,
            Band("action.member_card", MEMBER_COLOUR, _("Member card"), st),
            st,
            title=first_name(data.name),
        )
        size = min(width, CARD_QR * st.scale)
        code = qr_code(data.code, size)
        code.hAlign = "CENTER"
        story.append(code)
        if data.member_since:
            since = _("Member since {date}").format(date=format_date_short(data.member_since))
            story.append(icon_row("misc.calendar", para(since, st.body), width, st))
        story.append(what_to_do_box(_("Show this card to sign in, without your phone."), width, st))
        story.append(code_block(number, paper, st, qr=False))
        return Slip(story, _("Member card"))

    return render(make, options)


class TickBox(Flowable):
    """An empty square to tick by hand."""

    def __init__(self, size: float) -> None:
        super().__init__()
        self.size = size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setLineWidth(1.2)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


def staff_list(data: StaffListSlip, number: str, options: SlipOptions | None = None) -> bytes:
    """A list of names with boxes to tick (attendance, sign-ups); runs over pages on a sheet."""

    def make(layout: Layout) -> Slip:
        st, width, paper = layout.st, layout.width, layout.paper
        columns = data.columns or (_("Came"),)
        story = header(layout.options, data.area, st, title=data.title)
        story.append(icon_row("misc.calendar", para(format_day(data.day), st.big), width, st))
        if data.subtitle:
            story.append(para(data.subtitle, st.body))
        story.append(code_block(number, paper, st))
        story.append(
            what_to_do_box(_("Tick a box for each person who came."), width, st),
        )
        box = 6 * mm * st.scale
        box_col = max(16 * mm * st.scale, box + 4 * mm)
        number_col = 8 * mm * st.scale
        name_col = width - number_col - box_col * len(columns)
        head_style = st.style(9, bold=True, centre=True, leading=1.15)
        rows: list[list[Any]] = [
            ["#", para(_("Name"), st.style(10, bold=True)), *(para(c, head_style) for c in columns)]
        ]
        for i, name in enumerate(data.names, start=1):
            rows.append([str(i), para(name, st.body), *(TickBox(box) for _c in columns)])
        table = Grid(
            rows,
            colWidths=[number_col, name_col, *([box_col] * len(columns))],
            repeatRows=1,
            style=TableStyle(
                [
                    ("FONT", (0, 0), (0, -1), REGULAR, 9 * st.scale),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("ALIGN", (2, 0), (-1, -1), "CENTER"),
                    ("LINEBELOW", (0, 0), (-1, 0), 1.2 * st.scale, BLACK),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.4, BLACK),
                    ("TOPPADDING", (0, 0), (-1, -1), 2 * mm * st.scale),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm * st.scale),
                    ("LEFTPADDING", (0, 0), (-1, -1), 1 * mm),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 1 * mm),
                ]
            ),
        )
        table.spaceBefore = 3 * mm * st.scale
        story.append(table)
        head = f"{data.title} · {format_date_short(data.day)} · {format_number(number)}"
        return Slip(story, _("Staff list"), running_head=head)

    return render(make, options)


def test_slip(printed_at: datetime, number: str, options: SlipOptions | None = None) -> bytes:
    """A printer check: the date and time it was sent, accents, and codes the desk can scan."""

    def make(layout: Layout) -> Slip:
        st, width = layout.st, layout.width
        body: list[Flowable] = [
            icon_row("misc.calendar", para(format_day(printed_at), st.big), width, st),
            icon_row("misc.clock", para(format_time(printed_at), st.big), width, st),
            para("Ñandú · Güera · ¿Sí? ¡Sí! · áéíóú", st.body),
        ]
        return compose(
            layout,
            area=Band("action.print", MEMBER_COLOUR, _("Printer test"), st),
            title=_("Printer test"),
            body=body,
            what_to_do=_("If you can read this slip and scan its code, the printer works."),
            number=number,
            doc_title=_("Printer test"),
        )

    return render(make, options)
