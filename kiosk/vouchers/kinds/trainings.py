"""The course slips: her place, her place on the waiting list, and the staff's list to tick."""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, TableStyle

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import _, format_date_short, format_day, format_time, ngettext
from kiosk.numbers import format_number
from kiosk.slip_options import SlipOptions
from kiosk.vouchers.fonts import REGULAR
from kiosk.vouchers.frame import (
    BLACK,
    Band,
    Framed,
    Grid,
    Layout,
    Slip,
    Styles,
    code_block,
    header,
    icon_row,
    para,
    render,
    render_framed,
    space,
    what_to_do_box,
)
from kiosk.vouchers.kinds.data import StaffListSlip, TrainingSlip, WaitlistSlip
from kiosk.vouchers.kinds.parts import icon_or, when_rows
from kiosk.words import waiting_words


def training_confirmation(
    data: TrainingSlip, number: str, options: SlipOptions | None = None
) -> bytes:
    """Her place in a course: the course, the day and hours, the place, childcare."""

    def fill(layout: Layout) -> Framed:
        st, width = layout.st, layout.width
        body: list[Flowable] = [
            icon_row("action.yes", para(_("Your place is reserved"), st.strong), width, st),
            para(data.member_name, st.body),
            *when_rows(layout, data.starts_at, data.ends_at),
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
        return Framed(
            _topic_band(data.topic_icon, st),
            data.training,
            _("Bring this slip on the day of the course."),
            _("Course sign-up"),
            body,
        )

    return render_framed(fill, number, options)


def _topic_band(topic_icon: str, st: Styles) -> Band:
    area = AREA_BY_KEY["trainings"]
    icon = icon_or(topic_icon, area.icon) if topic_icon else area.icon
    return Band(icon, area.colour, _(area.words), st)


def waitlist_ticket(data: WaitlistSlip, number: str, options: SlipOptions | None = None) -> bytes:
    """Her place on a course's waiting list. Its largest line says she has no seat yet and her
    number in line; the course's day is plain text, so nothing on it reads like a turn."""

    def fill(layout: Layout) -> Framed:
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
        return Framed(
            "trainings",
            data.training,
            _("Keep this slip. We will call you if a place opens."),
            _("Waiting list"),
            body,
        )

    return render_framed(fill, number, options)


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
