"""One PDF of every slip kind, filled with the demo's example data: for checking a new printer
or paper (``kiosk slips sample DIR --paper letter``). It joins the demo's data to the slips, so
it lives with the services: the slips themselves never import the data layer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.i18n import _, centre_today
from kiosk.numbers import new_number
from kiosk.services.programs import level_word
from kiosk.slip_options import SlipOptions
from kiosk.vouchers import kinds

# file stem -> builder of the PDF for a voucher number
SampleBuilder = Callable[[str, SlipOptions], bytes]


def sample_builders(today: date | None = None) -> dict[str, SampleBuilder]:
    """Every kind with example data (the demo's hand-written Spanish content), by file stem."""
    # The demo loads the database library: only when samples are drawn.
    from kiosk.data import demo

    today = today or centre_today()
    tz = ZoneInfo("America/Chihuahua")

    def at(days: int, hour: int) -> datetime:
        local = datetime.combine(today + timedelta(days=days), time(hour), tzinfo=tz)
        return local.astimezone(UTC)

    member, _locality = demo.MEMBERS[0]
    training = demo.TRAININGS[0]
    days, hour, hours, place, _seats = training.sessions[0]
    job = demo.JOBS[0]
    trade = demo.TRADES[0]
    service = demo.SERVICES[11]  # "Asesoría jurídica para mujeres"
    org = next(o for o in demo.ORGANIZATIONS if o.key == service.org)
    guardian = demo.MEMBERS[demo.CHILDREN[0].guardian][0]
    children = tuple(
        kinds.PickupChild(
            c.name, c.age, allergy="lergia" in c.medical_note, medical_note=c.medical_note
        )
        for c in demo.CHILDREN
        if c.guardian == demo.CHILDREN[0].guardian
    )
    staff_name = demo.STAFF[0][0]

    training_data = kinds.TrainingSlip(
        member_name=member,
        training=training.title,
        starts_at=at(days, hour),
        ends_at=at(days, hour + hours),
        place=place,
        childcare_places=2,
        topic_icon=f"training.{training.topic}",
    )
    waitlist_data = kinds.WaitlistSlip(
        member_name=member,
        training=training.title,
        starts_at=at(days, hour),
        place=place,
        position=3,
        childcare=_(
            "Childcare: your children will have a place only if there is one when you get a seat."
        ),
    )
    job_data = kinds.JobSlip(
        title=job.title,
        employer=job.employer,
        pay_amount=Decimal(job.pay),
        pay_unit=job.unit,
        how_to_apply=demo.HOW_TO_APPLY[0],
        phone="6145550101",
        address=f"{demo.STREETS[2]} 415",
        locality=job.locality,
        schedule=job.schedule,
        what_to_bring=tuple(job.bring.split()),
        category=job.category,
    )
    trade_data = kinds.TradeSlip(
        title=trade.title,
        price=Decimal(trade.price),
        price_unit=trade.unit,
        seller_name=demo.MEMBERS[5][0],
        seller_phone="6145550123",
        category=trade.category,
        description=trade.description,
    )
    referral_data = kinds.ReferralSlip(
        member_name=member,
        program=service.name,
        organization=org.name,
        address=org.address,
        locality=org.locality,
        directions=org.directions,
        phone="6145550188",
        schedule=org.schedule,
        eligibility=service.eligibility,
        fees=service.fees,
        application_steps=demo.APPLICATION_STEPS[1],
        documents=tuple(service.documents.split()),
        reason="Ejemplo: pidió orientación sobre pensión alimenticia. ¿Puede ir el martes?",
        staff_name=staff_name,
        assured_date=today - timedelta(days=20),
        follow_up_on=today + timedelta(days=7),
        need=service.need,
    )
    sheet_data = kinds.ProgramSheet(
        program=service.name,
        organization=org.name,
        # The words the program's page shows for its level (their msgids live with that page).
        level=level_word(service.level),
        benefit=service.benefit,
        eligibility=service.eligibility,
        address=org.address,
        locality=org.locality,
        directions=org.directions,
        phone="6145550188",
        schedule=org.schedule,
        fees=service.fees,
        application_steps=demo.APPLICATION_STEPS[1],
        documents=tuple(service.documents.split()),
        need=service.need,
    )
    pickup_data = kinds.PickupSlip(
        code="47", picture="tortuga", guardian_name=guardian, day=today, children=children
    )
    card_data = kinds.MemberCardSlip(
        name=member, code="CENESOMK7Q2M9XRT4WB8HZ3PNC6", member_since=today
    )
    list_data = kinds.StaffListSlip(
        title=training.title,
        day=today + timedelta(days=days),
        names=tuple(name for name, _loc in demo.MEMBERS),
        subtitle=place,
        area="trainings",
    )
    return {
        "01-curso": lambda n, o: kinds.training_confirmation(training_data, n, o),
        "02-lista-de-espera": lambda n, o: kinds.waitlist_ticket(waitlist_data, n, o),
        "03-empleo": lambda n, o: kinds.job_slip(job_data, n, o),
        "04-venta": lambda n, o: kinds.trade_slip(trade_data, n, o),
        "05-canalizacion": lambda n, o: kinds.referral_slip(referral_data, n, o),
        "06-recoger-ninos": lambda n, o: kinds.pickup_pair(pickup_data, n, o),
        "07-credencial": lambda n, o: kinds.member_card(card_data, n, o),
        "08-lista": lambda n, o: kinds.staff_list(list_data, n, o),
        "09-programa": lambda n, o: kinds.program_sheet(sheet_data, n, o),
    }


def write_samples(directory: Path, paper: str = "80mm", centre_name: str = "") -> list[Path]:
    """Write one PDF of every kind into ``directory`` (created if needed); returns the files."""
    options = SlipOptions(paper=paper, centre_name=centre_name or SlipOptions().centre_name)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for stem, build in sample_builders().items():
        path = directory / f"{stem}-{paper}.pdf"
        path.write_bytes(build(new_number(), options))
        written.append(path)
    return written
