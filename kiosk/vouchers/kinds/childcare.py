"""The children's room: the guardian's pick-up stub and one label per child, same code."""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Table, TableStyle

from kiosk.areas import AREA_BY_KEY
from kiosk.i18n import _, format_day, ngettext
from kiosk.slip_options import SlipOptions
from kiosk.vouchers.frame import (
    BLACK,
    RED,
    Band,
    CutLine,
    Grid,
    Layout,
    Slip,
    beside,
    boxed,
    code128,
    footer,
    icon_row,
    para,
    picture,
    render,
    side_by_side,
)
from kiosk.vouchers.kinds.data import PickupChild, PickupSlip
from kiosk.vouchers.kinds.parts import icon_or
from kiosk.words import PICKUP_WORDS, first_name

PHOTO_MM = 26  # the child's photo on her label, a square


def _pickup_code(layout: Layout, code: str, picture_key: str, width: float) -> Table:
    """The pickup code as said aloud: 47 and the turtle, with its word."""
    st = layout.st
    size = 24 * mm * st.scale
    word = _(PICKUP_WORDS[picture_key]) if picture_key in PICKUP_WORDS else picture_key
    digits = para(code, st.style(60, bold=True, centre=True, leading=1.0))
    image: Any = picture(icon_or(f"pickup.{picture_key}", "area.childcare"), size)
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
    image = Image(io.BytesIO(square_photo(photo)), width=side, height=side)
    return beside(image, side, named, width, st)


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
