"""One PDF of every slip kind, filled with the demo's example data: for checking a new printer
or paper (``kiosk slips sample DIR --paper letter``). It joins the demo's data to the slips, so
it lives with the services: the slips themselves never import the data layer."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

from kiosk.i18n import _, centre_today
from kiosk.numbers import new_number
from kiosk.services.programs import level_word
from kiosk.slip_options import SlipOptions
from kiosk.vouchers import kinds

CENTRE_TZ = ZoneInfo("America/Chihuahua")

# file stem -> builder of the PDF for a voucher number
SampleBuilder = Callable[[str, SlipOptions], bytes]


def sample_builders(today: date | None = None) -> dict[str, SampleBuilder]:
    """Every kind with example data (the demo's hand-written Spanish content), by file stem."""
    # The demo loads the database library: only when samples are drawn.
    from kiosk.data import demo

    example = _Example(demo, today or centre_today())
    table: dict[str, tuple[Callable[..., bytes], object]] = {
        "01-curso": (kinds.training_confirmation, example.training()),
        "02-lista-de-espera": (kinds.waitlist_ticket, example.waitlist()),
        "03-empleo": (kinds.job_slip, example.job()),
        "04-venta": (kinds.trade_slip, example.trade()),
        "05-canalizacion": (kinds.referral_slip, example.referral()),
        "06-recoger-ninos": (kinds.pickup_pair, example.pickup()),
        "07-credencial": (kinds.member_card, example.card()),
        "08-lista": (kinds.staff_list, example.staff_list()),
        "09-programa": (kinds.program_sheet, example.program_sheet()),
    }
    return {stem: partial(build, data) for stem, (build, data) in table.items()}


class _Example:
    """Each slip's data from the demo's first member, course, job, listing and the legal
    advice program, dated from ``today``."""

    def __init__(self, demo: ModuleType, today: date) -> None:
        self.demo = demo
        self.today = today
        self.member = demo.MEMBERS[0][0]
        self.course = demo.TRAININGS[0]
        self.days, hour, hours, self.place, _seats = self.course.sessions[0]
        self.starts_at, self.ends_at = self.at(self.days, hour), self.at(self.days, hour + hours)
        self.service = demo.SERVICES[11]  # "Asesoría jurídica para mujeres"
        self.org = next(o for o in demo.ORGANIZATIONS if o.key == self.service.org)

    def at(self, days: int, hour: int) -> datetime:
        local = datetime.combine(self.today + timedelta(days=days), time(hour), tzinfo=CENTRE_TZ)
        return local.astimezone(UTC)

    def _course(self) -> dict[str, Any]:
        """What the course slip and the waiting-list ticket both say."""
        return {
            "member_name": self.member,
            "training": self.course.title,
            "starts_at": self.starts_at,
            "place": self.place,
        }

    def training(self) -> kinds.TrainingSlip:
        return kinds.TrainingSlip(
            **self._course(),
            ends_at=self.ends_at,
            childcare_places=2,
            topic_icon=f"training.{self.course.topic}",
        )

    def waitlist(self) -> kinds.WaitlistSlip:
        return kinds.WaitlistSlip(
            **self._course(),
            position=3,
            childcare=_(
                "Childcare: your children will have a place only if there is one when you get"
                " a seat."
            ),
        )

    def job(self) -> kinds.JobSlip:
        job = self.demo.JOBS[0]
        return kinds.JobSlip(
            title=job.title,
            employer=job.employer,
            pay_amount=Decimal(job.pay),
            pay_unit=job.unit,
            how_to_apply=self.demo.HOW_TO_APPLY[0],
            phone="6145550101",
            address=f"{self.demo.STREETS[2]} 415",
            locality=job.locality,
            schedule=job.schedule,
            what_to_bring=tuple(job.bring.split()),
            category=job.category,
        )

    def trade(self) -> kinds.TradeSlip:
        trade = self.demo.TRADES[0]
        return kinds.TradeSlip(
            title=trade.title,
            price=Decimal(trade.price),
            price_unit=trade.unit,
            seller_name=self.demo.MEMBERS[5][0],
            seller_phone="6145550123",
            category=trade.category,
            description=trade.description,
        )

    def _program(self) -> dict[str, Any]:
        """What the referral slip and the program's sheet both say about the program."""
        service, org = self.service, self.org
        return {
            "program": service.name,
            "organization": org.name,
            "address": org.address,
            "locality": org.locality,
            "directions": org.directions,
            "phone": "6145550188",
            "schedule": org.schedule,
            "eligibility": service.eligibility,
            "fees": service.fees,
            "application_steps": self.demo.APPLICATION_STEPS[1],
            "documents": tuple(service.documents.split()),
            "need": service.need,
        }

    def referral(self) -> kinds.ReferralSlip:
        return kinds.ReferralSlip(
            **self._program(),
            member_name=self.member,
            reason="Ejemplo: pidió orientación sobre pensión alimenticia. ¿Puede ir el martes?",
            staff_name=self.demo.STAFF[0][0],
            assured_date=self.today - timedelta(days=20),
            follow_up_on=self.today + timedelta(days=7),
        )

    def program_sheet(self) -> kinds.ProgramSheet:
        return kinds.ProgramSheet(
            **self._program(),
            # The words the program's page shows for its level (their msgids live with that page).
            level=level_word(self.service.level),
            benefit=self.service.benefit,
        )

    def pickup(self) -> kinds.PickupSlip:
        first = self.demo.CHILDREN[0]
        children = tuple(
            kinds.PickupChild(
                c.name, c.age, allergy="lergia" in c.medical_note, medical_note=c.medical_note
            )
            for c in self.demo.CHILDREN
            if c.guardian == first.guardian
        )
        guardian = self.demo.MEMBERS[first.guardian][0]
        return kinds.PickupSlip(
            code="47", picture="tortuga", guardian_name=guardian, day=self.today, children=children
        )

    def card(self) -> kinds.MemberCardSlip:
        return kinds.MemberCardSlip(
            name=self.member, code="CENESOMK7Q2M9XRT4WB8HZ3PNC6", member_since=self.today
        )

    def staff_list(self) -> kinds.StaffListSlip:
        return kinds.StaffListSlip(
            title=self.course.title,
            day=self.today + timedelta(days=self.days),
            names=tuple(name for name, _loc in self.demo.MEMBERS),
            subtitle=self.place,
            area="trainings",
        )


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
