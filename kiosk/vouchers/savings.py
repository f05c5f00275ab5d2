"""Savings groups on paper: a woman's passbook after a meeting, the treasurer's meeting summary,
a tanda's turn card and her share-out slip.

Like the paper passbooks of savings groups, the shares are stamps (one filled square per share
bought, in a row per meeting), and every amount is shown twice: in digits and as the Mexican
bills and coins that make it up, drawn in their colours with their value, so a woman who does not
read can check her money against what is in her hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from kiosk.i18n import _, format_date_short, format_day
from kiosk.money import BILLS, COINS, cents_text, pieces
from kiosk.slip_options import SlipOptions
from kiosk.vouchers.fonts import BOLD
from kiosk.vouchers.frame import (
    Band,
    Framed,
    Layout,
    boxed,
    icon_row,
    para,
    render_framed,
    space,
)

SAVINGS_COLOUR = "#00695c"
BAND_ICON = "need.ahorro"


class MoneyPicture(Flowable):
    """An amount as bills and coins: each piece drawn once, with "×3" beside it when there are
    several, wrapping to as many rows as the width needs."""

    def __init__(self, cents: int, scale: float) -> None:
        super().__init__()
        self.cents = cents
        self.scale = scale
        self.bill = (21 * mm * scale, 10.5 * mm * scale)
        self.coin = 9.5 * mm * scale
        self.gap = 2 * mm * scale
        self.count_size = 9 * scale
        self._rows: list[list[tuple[int, int, float]]] = []
        self.spaceAfter = 1.5 * mm * scale

    def _piece_width(self, value: int, count: int) -> float:
        w = self.bill[0] if value >= 20 else self.coin
        if count > 1:
            w += stringWidth(f"×{count}", BOLD, self.count_size) + 1 * mm * self.scale
        return w

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._rows = [[]]
        x = 0.0
        for value, count in pieces(self.cents):
            w = self._piece_width(value, count)
            if x and x + w > availWidth:
                self._rows.append([])
                x = 0.0
            self._rows[-1].append((value, count, w))
            x += w + self.gap
        self.width = availWidth
        rows = len(self._rows) if pieces(self.cents) else 0
        self.height = rows * (self.bill[1] + self.gap)
        return availWidth, self.height

    def draw(self) -> None:
        c = self.canv
        row_h = self.bill[1] + self.gap
        for r, row in enumerate(self._rows):
            y = self.height - (r + 1) * row_h + self.gap / 2
            x = 0.0
            for value, count, w in row:
                if value >= 20:
                    self._draw_bill(x, y, value)
                    right = x + self.bill[0]
                else:
                    self._draw_coin(x, y + (self.bill[1] - self.coin) / 2, value)
                    right = x + self.coin
                if count > 1:
                    c.setFillColor(colors.black)
                    c.setFont(BOLD, self.count_size)
                    c.drawString(
                        right + 0.8 * mm * self.scale, y + self.bill[1] / 2 - 3, f"×{count}"
                    )
                x += w + self.gap

    def _draw_bill(self, x: float, y: float, value: int) -> None:
        c = self.canv
        w, h = self.bill
        colour = dict(BILLS)[value]
        c.setFillColor(colors.HexColor(colour))
        c.setStrokeColor(colors.black)
        c.setLineWidth(0.6)
        c.roundRect(x, y, w, h, 1.2 * mm * self.scale, stroke=1, fill=1)
        # A white oval where a bill has its portrait, and the value in white beside it.
        pad = 1.0 * mm * self.scale
        c.setFillColor(colors.white)
        c.ellipse(x + pad, y + 1.6 * pad, x + w * 0.27, y + h - 1.6 * pad, stroke=0, fill=1)
        text = f"${value}"
        room = w * 0.73 - 2 * pad
        size = h * 0.5
        while size > 5 and stringWidth(text, BOLD, size) > room:
            size -= 0.25
        c.setFont(BOLD, size)
        c.drawRightString(x + w - pad, y + h / 2 - size * 0.35, text)

    def _draw_coin(self, x: float, y: float, value: int) -> None:
        c = self.canv
        ring, inner = next((r, i) for v, r, i in COINS if v == value)
        d = self.coin
        c.setStrokeColor(colors.black)
        c.setLineWidth(0.6)
        c.setFillColor(colors.HexColor(ring))
        c.circle(x + d / 2, y + d / 2, d / 2, stroke=1, fill=1)
        c.setFillColor(colors.HexColor(inner))
        c.circle(x + d / 2, y + d / 2, d * 0.32, stroke=0, fill=1)
        c.setFillColor(colors.black)
        size = d * 0.42
        c.setFont(BOLD, size)
        c.drawCentredString(x + d / 2, y + d / 2 - size * 0.35, f"${value}")


class Stamps(Flowable):
    """A row of ``slots`` squares, the first ``filled`` stamped: a meeting in the passbook."""

    def __init__(self, filled: int, slots: int, scale: float, *, label: str = "") -> None:
        super().__init__()
        self.filled, self.slots, self.scale, self.label = filled, slots, scale, label
        self.size = 8.5 * mm * scale
        self.gap = 1.8 * mm * scale
        self.label_width = 11 * mm * scale if label else 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = self.label_width + self.slots * (self.size + self.gap)
        self.height = self.size + self.gap
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        if self.label:
            c.setFillColor(colors.black)
            c.setFont(BOLD, 10 * self.scale)
            c.drawString(0, self.size / 2 - 3 * self.scale, self.label)
        for i in range(self.slots):
            x = self.label_width + i * (self.size + self.gap)
            c.setLineWidth(1)
            c.setStrokeColor(colors.black)
            if i < self.filled:
                c.setFillColor(colors.HexColor(SAVINGS_COLOUR))
                c.rect(x, 0, self.size, self.size, stroke=1, fill=1)
                # The stamp: a white ring with a star-like mark, readable without words.
                c.setStrokeColor(colors.white)
                c.setLineWidth(1.4)
                c.circle(x + self.size / 2, self.size / 2, self.size * 0.32, stroke=1, fill=0)
                c.setFillColor(colors.white)
                c.circle(x + self.size / 2, self.size / 2, self.size * 0.12, stroke=0, fill=1)
            else:
                c.rect(x, 0, self.size, self.size, stroke=1, fill=0)


# --- data -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PassbookSlip:
    group_name: str
    member_name: str
    meeting_number: int
    held_on: date
    max_shares: int
    stamps: tuple[tuple[int, int], ...]  # (meeting number, shares bought), the last meetings
    shares: int  # shares of the cycle
    savings_cents: int
    social_fund_cents: int
    paid_today_cents: int
    loan_left_cents: int
    next_due_on: date | None
    next_due_cents: int


@dataclass(frozen=True)
class MeetingSummarySlip:
    group_name: str
    meeting_number: int
    held_on: date
    present: int
    members: int
    shares: int
    savings_in_cents: int
    social_fund_in_cents: int
    repaid_cents: int  # principal and service charge
    fines_cents: int
    lent_cents: int
    expected_cents: int
    counted_cents: int
    difference_reason: str
    social_fund_cents: int  # the social fund in the box
    loans_outstanding_cents: int


@dataclass(frozen=True)
class TandaCardSlip:
    group_name: str
    member_name: str
    contribution_cents: int
    pot_cents: int
    her_turn: int
    turns: tuple[tuple[int, str, date], ...]  # (turn, name, date of the round)


@dataclass(frozen=True)
class ShareOutSlip:
    group_name: str
    member_name: str
    cycle_number: int
    shares: int
    savings_cents: int
    payout_cents: int


# --- layouts ----------------------------------------------------------------------------------


def _band(layout: Layout, words: str) -> Band:
    return Band(BAND_ICON, SAVINGS_COLOUR, words, layout.st)


def _amount(layout: Layout, icon: str, words: str, cents: int) -> list[Flowable]:
    """A labelled amount: its picture and words, the digits big, then the bills and coins."""
    st = layout.st
    return [
        icon_row(
            icon,
            [para(words, st.strong), para(cents_text(cents), st.big)],
            layout.width,
            st,
        ),
        MoneyPicture(cents, st.scale),
    ]


def _stamp_rows(layout: Layout, data: PassbookSlip) -> list[Flowable]:
    st = layout.st
    rows: list[Flowable] = [para(_("Your shares"), st.label)]
    for number, shares in data.stamps:
        stamps = Stamps(shares, data.max_shares, st.scale, label=f"{number}")
        stamps.hAlign = "LEFT"
        rows.append(stamps)
    rows.append(
        para(
            _("{n} shares in this cycle").format(n=data.shares),
            st.style(12, bold=True),
        )
    )
    return rows


def _her_slip(
    layout: Layout,
    data: PassbookSlip | TandaCardSlip | ShareOutSlip,
    what_to_do: str,
    doc_title: str,
    body: list[Flowable],
) -> Framed:
    """A slip for one woman of a group: the group's band, her name as the title."""
    return Framed(
        _band(layout, data.group_name), data.member_name or _("Member"), what_to_do, doc_title, body
    )


def passbook(data: PassbookSlip, number: str, options: SlipOptions | None = None) -> bytes:
    """Her passbook after a meeting: stamps for her shares, her savings, her loan."""

    def fill(layout: Layout) -> Framed:
        st = layout.st
        meeting = _("Meeting {n} · {day}").format(
            n=data.meeting_number, day=format_day(data.held_on)
        )
        body: list[Flowable] = [
            icon_row("misc.calendar", para(meeting, st.body), layout.width, st),
            *_stamp_rows(layout, data),
            space(st, 2),
            *_amount(layout, "need.ahorro", _("Your savings"), data.savings_cents),
        ]
        if data.paid_today_cents:
            body += _amount(layout, "misc.money", _("You paid today"), data.paid_today_cents)
        if data.loan_left_cents:
            body += _amount(layout, "need.negocio", _("Left to pay"), data.loan_left_cents)
            if data.next_due_on is not None:
                due = _("Next payment: {day}, {amount}").format(
                    day=format_date_short(data.next_due_on), amount=cents_text(data.next_due_cents)
                )
                body.append(boxed(para(due, st.big), layout.width, st))
        else:
            body.append(icon_row("action.yes", para(_("No loan"), st.strong), layout.width, st))
        fund = _("Social fund: {amount}").format(amount=cents_text(data.social_fund_cents))
        body.append(icon_row("misc.people", para(fund, st.body), layout.width, st))
        return _her_slip(
            layout,
            data,
            _("Keep your passbook. Bring it to the next meeting."),
            _("Savings passbook"),
            body,
        )

    return render_framed(fill, number, options)


def _money_line(layout: Layout, icon: str, words: str, cents: int) -> Flowable:
    """A small picture and "words: $amount", for the summary's list of what came and went."""
    st = layout.st
    text = para(f"{words}: {cents_text(cents)}", st.strong)
    return icon_row(icon, text, layout.width, st, size=8 * mm)


def _cash_count(layout: Layout, data: MeetingSummarySlip) -> list[Flowable]:
    """What the box should have, what was counted, and any difference with its reason."""
    st, width = layout.st, layout.width
    counted = _("Counted: {amount}").format(amount=cents_text(data.counted_cents))
    story: list[Flowable] = [
        *_amount(layout, "need.negocio", _("The box should have"), data.expected_cents),
        icon_row("misc.money", para(counted, st.big), width, st),
    ]
    difference = data.counted_cents - data.expected_cents
    if difference:
        words = _("Difference: {amount}").format(
            amount=("-" if difference < 0 else "+") + cents_text(abs(difference))
        )
        story.append(
            boxed(
                [para(words, st.big), para(data.difference_reason, st.body)],
                width,
                st,
                colour=colors.HexColor("#c62828"),
            )
        )
    return story


def meeting_summary(
    data: MeetingSummarySlip, number: str, options: SlipOptions | None = None
) -> bytes:
    """The treasurer's slip for the box: what came in and went out, and the cash count."""

    def fill(layout: Layout) -> Framed:
        st, width = layout.st, layout.width
        meeting = _("Meeting {n} · {day}").format(
            n=data.meeting_number, day=format_day(data.held_on)
        )
        came = _("{present} of {members} women came").format(
            present=data.present, members=data.members
        )
        shares = _("Shares ({n})").format(n=data.shares)
        body: list[Any] = [
            icon_row("misc.calendar", para(meeting, st.body), width, st),
            icon_row("misc.people", para(came, st.strong), width, st),
            _money_line(layout, "need.ahorro", shares, data.savings_in_cents),
            _money_line(layout, "misc.people", _("Social fund"), data.social_fund_in_cents),
            _money_line(layout, "misc.money", _("Loan payments"), data.repaid_cents),
            _money_line(layout, "action.warning", _("Fines"), data.fines_cents),
            _money_line(layout, "need.negocio", _("New loans"), data.lent_cents),
            space(st, 2),
            *_cash_count(layout, data),
            _money_line(layout, "misc.people", _("Social fund in the box"), data.social_fund_cents),
            _money_line(
                layout, "need.negocio", _("Loans still owed"), data.loans_outstanding_cents
            ),
        ]
        return Framed(
            _band(layout, data.group_name),
            _("Meeting summary"),
            _("Keep this slip with the box."),
            _("Savings meeting"),
            body,
        )

    return render_framed(fill, number, options)


def tanda_card(data: TandaCardSlip, number: str, options: SlipOptions | None = None) -> bytes:
    """The tanda's turns, hers marked; what she puts each round and the pot she takes."""

    def fill(layout: Layout) -> Framed:
        st = layout.st
        her = next((t for t in data.turns if t[0] == data.her_turn), None)
        body: list[Flowable] = [
            para(_("Your turn"), st.style(12, centre=True)),
            para(str(data.her_turn), st.style(60, bold=True, centre=True, leading=1.05)),
        ]
        if her is not None:
            body.append(para(format_day(her[2]), st.style(16, bold=True, centre=True)))
        body += [
            space(st, 2),
            *_amount(layout, "misc.money", _("You put each round"), data.contribution_cents),
            *_amount(layout, "need.ahorro", _("You take on your turn"), data.pot_cents),
            para(_("Turns"), st.label),
        ]
        for turn, name, day in data.turns:
            mine = turn == data.her_turn
            text = f"{turn}. {format_date_short(day)} · {name or '—'}"
            body.append(para(("➜ " if mine else "") + text, st.strong if mine else st.body))
        return _her_slip(layout, data, _("Bring your part to every round."), _("Tanda card"), body)

    return render_framed(fill, number, options)


def share_out_slip(data: ShareOutSlip, number: str, options: SlipOptions | None = None) -> bytes:
    """Her part of the box at the end of a cycle."""

    def fill(layout: Layout) -> Framed:
        st = layout.st
        body: list[Flowable] = [
            para(_("Cycle {n} share-out").format(n=data.cycle_number), st.strong),
            para(_("{n} shares in this cycle").format(n=data.shares), st.body),
            *_amount(layout, "need.ahorro", _("You saved"), data.savings_cents),
            *_amount(layout, "misc.money", _("You receive"), data.payout_cents),
        ]
        gain = data.payout_cents - data.savings_cents
        if gain > 0:
            earned = _("Your savings earned {amount}").format(amount=cents_text(gain))
            body.append(icon_row("action.yes", para(earned, st.big), layout.width, st))
        return _her_slip(
            layout,
            data,
            _("Count your money with the treasurer before you sign."),
            _("Share-out"),
            body,
        )

    return render_framed(fill, number, options)
