"""Her member card, and the printer test."""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from kiosk.areas import MEMBER_COLOUR
from kiosk.i18n import _, format_date_short, format_day, format_time
from kiosk.slip_options import SlipOptions
from kiosk.vouchers.frame import (
    Band,
    Framed,
    Layout,
    Slip,
    code_block,
    header,
    icon_row,
    para,
    qr_code,
    render,
    render_framed,
    what_to_do_box,
)
from kiosk.vouchers.kinds.data import MemberCardSlip
from kiosk.words import first_name

CARD_QR = 48 * mm  # the card's QR code, quiet zone included: read from a webcam at arm's length


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


def test_slip(printed_at: datetime, number: str, options: SlipOptions | None = None) -> bytes:
    """A printer check: the date and time it was sent, accents, and codes the desk can scan."""

    def fill(layout: Layout) -> Framed:
        st, width = layout.st, layout.width
        body: list[Flowable] = [
            icon_row("misc.calendar", para(format_day(printed_at), st.big), width, st),
            icon_row("misc.clock", para(format_time(printed_at), st.big), width, st),
            para("Ñandú · Güera · ¿Sí? ¡Sí! · áéíóú", st.body),
        ]
        return Framed(
            Band("action.print", MEMBER_COLOUR, _("Printer test"), st),
            _("Printer test"),
            _("If you can read this slip and scan its code, the printer works."),
            _("Printer test"),
            body,
        )

    return render_framed(fill, number, options)
