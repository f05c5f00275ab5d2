"""What the centre offers her on paper: a job, something for sale, a program, a referral."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from kiosk.i18n import _, format_date_short, format_day, format_money
from kiosk.slip_options import SlipOptions
from kiosk.vouchers.frame import Framed, Layout, icon_row, para, render_framed, space, tear_off
from kiosk.vouchers.kinds.data import JobSlip, ProgramSheet, ReferralSlip, TradeSlip
from kiosk.vouchers.kinds.parts import bring, icon_or, section
from kiosk.words import ASK_AT_CENTRE, PRICE_UNITS, first_name, format_phone, pay_words


def job_slip(data: JobSlip, number: str, options: SlipOptions | None = None) -> bytes:
    """A job to ask for: who, the pay, the phone, what to bring, where."""

    def fill(layout: Layout) -> Framed:
        st, width = layout.st, layout.width
        pay = pay_words(data.pay_amount, data.pay_max, data.pay_unit)
        category_icon = icon_or(f"job.{data.category}", "area.jobs")
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
            *bring(layout, data.what_to_bring),
            *section(layout, _("How to apply"), data.how_to_apply),
        ]
        return Framed(
            "jobs", data.title, _("Take this slip when you go to ask for the job."), _("Job"), body
        )

    return render_framed(fill, number, options)


def trade_slip(data: TradeSlip, number: str, options: SlipOptions | None = None) -> bytes:
    """Something a member sells: the price, who sells it, her phone."""

    def fill(layout: Layout) -> Framed:
        st, width = layout.st, layout.width
        unit = (
            _(PRICE_UNITS[data.price_unit]) if data.price_unit in PRICE_UNITS else data.price_unit
        )
        price = f"{format_money(data.price)} {unit}"
        body: list[Flowable] = [
            icon_row(
                icon_or(data.picture or f"trade.{data.category}", "area.trade"),
                para(price, st.big),
                width,
                st,
            ),
        ]
        if data.description:
            body.append(para(data.description, st.body))
        if data.centre_name and not data.seller_name:
            seller = _("Sold by a member of {centre}").format(centre=data.centre_name)
        elif data.centre_name:
            seller = _("Sold by {name}, a member of {centre}").format(
                name=first_name(data.seller_name), centre=data.centre_name
            )
        else:
            seller = _("Sold by {name}").format(name=first_name(data.seller_name))
        body += [
            icon_row("misc.people", para(seller, st.strong), width, st),
            icon_row("action.phone", para(format_phone(data.seller_phone), st.big), width, st),
        ]
        return Framed("trade", data.title, _("Call the seller to buy."), _("Trade"), body)

    return render_framed(fill, number, options)


def _referral_tail(layout: Layout, data: ReferralSlip, width: float) -> list[Flowable]:
    """The follow-up call, who sent her and when the information was verified."""
    st = layout.st
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
    return tail


def _referral_stub(layout: Layout, data: ReferralSlip, number: str) -> list[Flowable]:
    """The part the centre keeps for the follow-up call."""
    st = layout.st
    stub_texts: list[Flowable] = [
        para(_("Referral"), st.style(10, bold=True)),
        para(data.member_name, st.strong),
        para(data.program, st.body),
    ]
    if data.follow_up_on:
        follow_up = _("Follow-up: {date}").format(date=format_date_short(data.follow_up_on))
        stub_texts.append(para(follow_up, st.strong))
    return tear_off(layout, _("For the centre"), stub_texts, number)


def referral_slip(data: ReferralSlip, number: str, options: SlipOptions | None = None) -> bytes:
    """A program the centre sends her to, with everything she needs there, and a stub the
    centre keeps for the follow-up call."""

    def fill(layout: Layout) -> Framed:
        st, width = layout.st, layout.column_width
        where: list[Flowable] = [para(data.address, st.body)]
        if data.locality:
            where.append(para(data.locality, st.strong))
        if data.directions:
            where.append(para(data.directions, st.small))
        facts: list[Flowable] = [
            para(_("For {name}").format(name=data.member_name), st.strong),
            icon_row(
                icon_or(f"need.{data.need}", "misc.centre"),
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
        steps += section(layout, _("Who can apply?"), data.eligibility)
        steps += bring(layout, data.documents, width)
        steps += section(layout, _("What to do there"), data.application_steps)
        steps += section(layout, _("Why we send you"), data.reason)
        tail = _referral_tail(layout, data, width)
        # Last on the roll; under the facts on a wide sheet, where that column is the shorter.
        if layout.wide:
            facts += tail
        else:
            steps += tail
        stub = _referral_stub(layout, data, number)
        return Framed(
            "programs",
            data.program,
            _("Take this slip and your papers to the office."),
            _("Referral"),
            facts,
            aside=steps,
            stub=stub,
        )

    return render_framed(fill, number, options)


def program_sheet(data: ProgramSheet, number: str, options: SlipOptions | None = None) -> bytes:
    """A program's sheet: what it gives, who can apply, where, when, its phone, and the papers
    to bring as pictures; each fact beside its picture, as on the program's page."""

    def fill(layout: Layout) -> Framed:
        st, width = layout.st, layout.column_width

        def fact(icon: str, heading: str, texts: list[Flowable]) -> Table:
            return icon_row(icon, [para(heading, st.label), *texts], width, st)

        facts: list[Flowable] = [
            icon_row(
                icon_or(f"need.{data.need}", "area.programs"),
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
        steps += bring(layout, data.documents, width)
        steps += section(layout, _("What to do there"), data.application_steps)
        return Framed(
            "programs",
            data.program,
            _("Call or go to the office with your papers."),
            _("Program sheet"),
            facts,
            aside=steps,
        )

    return render_framed(fill, number, options)
