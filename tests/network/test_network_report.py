"""The network's monthly report: three centres on one database, each centre's own report
counting only its own, the network's rows equal to those reports, totals that add up (a woman
served at two centres counts at each and once in the network), childcare hours with a visit
still open, the CSV and the PDF; on PostgreSQL it runs as a role that may read only the columns
that name no one."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, select, text
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data import db
from kiosk.data.models import (
    Child,
    ChildcareVisit,
    Enrollment,
    EnrollmentStatus,
    Member,
    MemberRegistration,
    PickupCode,
    Referral,
    ReferralStatus,
    Service,
    Training,
    TrainingSession,
)
from kiosk.i18n import _
from kiosk.services.centres import CentreService
from kiosk.services.reports import (
    NETWORK_COLUMNS,
    CentreFigures,
    Month,
    MonthlyReport,
    NetworkReport,
    ReportError,
    ReportService,
    network_csv,
    write_network_report,
)
from tests.pdfs import page_size, pdf_text
from tests.staff_data import CENTRE, MONTH, YEAR, at, fill_month

Factory = sessionmaker[Session]
OCTOBER = Month(YEAR, MONTH)
# Well after October: every visit left open in October is counted to the month's end.
DECEMBER_NOON = datetime(2026, 12, 7, 19, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Network:
    serdan: Factory
    aldama: Factory
    delicias: Factory  # a centre with nothing this month
    ana_id: int  # served at Aquiles Serdán and at Aldama


@pytest.fixture
def network(engine: Engine, session_factory: Factory) -> Network:
    """October 2026 at three centres.

    Aquiles Serdán: the month of tests/staff_data.py (4 women served, 2 new, 2 courses with 3
    sessions and 4 seats, 3 attended, 3 childcare visits of 2 children, 2.5 + 1.5 h and one
    visit open since the 31st at 22:00, counted to the month's end: 6 h; 2 referrals received
    and 1 pending to "Apoyo para negocio", 2 listings).

    Aldama: Ana, registered at Aquiles Serdán, comes on the 15th (registered there) and is
    referred to the same program (needs action); Gaby registers on the 5th, comes to a
    course's only session and leaves her child twice: 1.5 h, and from the 31st at 20:00 still
    open (4 h to the month's end).

    Delicias: nothing.
    """
    centres = CentreService(session_factory)
    aldama_id = centres.add("aldama", "CENESO Aldama", "Aldama").id
    delicias_id = centres.add("delicias", "CENESO Delicias", "Delicias").id
    aldama = db.make_session_factory(engine, aldama_id)
    filled = fill_month(session_factory)
    with aldama.begin() as s:
        program = s.scalars(select(Service.id).where(Service.name == "Apoyo para negocio")).one()
        s.add(MemberRegistration(member_id=filled.ana_id, registered_at=at(15, 10)))
        s.add(
            Referral(
                member_id=filled.ana_id,
                service_id=program,
                status=ReferralStatus.NEEDS_ACTION,
                created_at=at(16, 11),
            )
        )
        gaby = Member(name="Gaby Chávez", phone="6145557001", created_at=at(5, 10))
        s.add(gaby)
        s.flush()
        training = Training(title="Huertos en casa", topic="huertos")
        s.add(training)
        s.flush()
        session = TrainingSession(
            training_id=training.id,
            starts_at=at(12, 10),
            ends_at=at(12, 12),
            place="Patio",
            seats=8,
        )
        s.add(session)
        s.flush()
        s.add(
            Enrollment(
                member_id=gaby.id,
                session_id=session.id,
                status=EnrollmentStatus.ATTENDED,
                created_at=at(6, 9),
                updated_at=at(12, 12),
            )
        )
        child = Child(guardian_id=gaby.id, name="Iker Chávez", birth_date=date(2022, 4, 1))
        s.add(child)
        s.flush()
        code = PickupCode(
            day=date(YEAR, MONTH, 12), code="5521", picture="luna", guardian_id=gaby.id
        )
        s.add(code)
        s.flush()
        s.add_all(
            [
                ChildcareVisit(
                    child_id=child.id,
                    pickup_code_id=code.id,
                    checked_in_at=at(12, 10),
                    checked_out_at=at(12, 11, 30),
                ),
                ChildcareVisit(child_id=child.id, pickup_code_id=code.id, checked_in_at=at(31, 20)),
            ]
        )
    return Network(
        serdan=session_factory,
        aldama=aldama,
        delicias=db.make_session_factory(engine, delicias_id),
        ana_id=filled.ana_id,
    )


def _report(factory: Factory) -> ReportService:
    return ReportService(factory, clock=lambda: DECEMBER_NOON)


def _same_figures(row: CentreFigures, own: MonthlyReport) -> None:
    """A network row says what the centre's own report says."""
    assert row.name == own.centre
    assert row.women_served == own.members_served
    assert row.new_registrations == own.new_members
    assert row.courses == len(own.trainings)
    assert row.sessions == sum(t.sessions for t in own.trainings)
    assert row.seats_taken == own.signed_up
    assert row.attended == own.attended
    assert row.childcare_visits == own.childcare_visits
    assert row.childcare_children == own.childcare_children
    assert row.childcare_hours == own.childcare_hours
    assert row.childcare_open == own.childcare_open
    assert row.referrals == own.referrals
    assert row.listings_published == own.listings_published


def _by_name(report: NetworkReport) -> dict[str, CentreFigures]:
    return {row.name: row for row in report.centres}


def test_each_centre_reports_only_its_own(network: Network) -> None:
    serdan = _report(network.serdan).month(OCTOBER)
    aldama = _report(network.aldama).month(OCTOBER)
    delicias = _report(network.delicias).month(OCTOBER)

    assert serdan.centre == "CENESO Aquiles Serdán"
    assert (serdan.members_served, serdan.new_members) == (4, 2)
    assert [t.title for t in serdan.trainings] == ["Panadería básica", "Costura en máquina"]
    assert (serdan.childcare_visits, serdan.childcare_hours, serdan.childcare_open) == (3, 6.0, 1)
    assert serdan.referrals_made == 3
    assert [(p.name, p.women) for p in serdan.programs] == [("Apoyo para negocio", 3)]

    # Ana counts at Aldama too: she registered there and was referred from there.
    assert aldama.centre == "CENESO Aldama"
    assert (aldama.members_served, aldama.new_members) == (2, 2)
    assert [(t.title, t.sessions, t.signed_up, t.attended) for t in aldama.trainings] == [
        ("Huertos en casa", 1, 1, 1)
    ]
    assert (aldama.childcare_visits, aldama.childcare_children) == (2, 1)
    assert (aldama.childcare_hours, aldama.childcare_open) == (1.5 + 4.0, 1)
    outcomes = {r.status: r.count for r in aldama.referrals}
    assert outcomes[ReferralStatus.NEEDS_ACTION] == 1 and aldama.referrals_made == 1
    assert [(p.name, p.women) for p in aldama.programs] == [("Apoyo para negocio", 1)]
    assert aldama.listings_published == 0

    assert delicias.centre == "CENESO Delicias"
    assert delicias.members_served == delicias.new_members == delicias.referrals_made == 0
    assert delicias.trainings == () and delicias.programs == ()
    assert delicias.childcare_hours == 0.0
    # The job bank is the network's: every centre's report shows the same postings.
    assert serdan.jobs_published == aldama.jobs_published == delicias.jobs_published == 2


def test_the_network_rows_are_each_centres_own_report(network: Network) -> None:
    # Made from a station of the quiet centre: the network report reads every centre anyway.
    report = _report(network.delicias).network(OCTOBER)

    rows = _by_name(report)
    assert list(rows) == ["CENESO Aldama", "CENESO Aquiles Serdán", "CENESO Delicias"]
    for factory in (network.serdan, network.aldama, network.delicias):
        own = _report(factory).month(OCTOBER)
        _same_figures(rows[own.centre], own)
    assert rows["CENESO Delicias"] == CentreFigures(
        rows["CENESO Delicias"].centre_id, "CENESO Delicias"
    )  # a row of zeros


def test_the_network_total_adds_up_and_counts_a_woman_once(network: Network) -> None:
    report = _report(network.serdan).network(OCTOBER)
    total, rows = report.total, report.centres

    assert total.name == _("Network (total)")
    # Ana was served at two centres: once at each, once in the network.
    assert [r.women_served for r in rows] == [2, 4, 0]
    assert total.women_served == 5
    for name in (
        "new_registrations",
        "courses",
        "sessions",
        "seats_taken",
        "attended",
        "childcare_visits",
        "childcare_children",
        "childcare_open",
        "listings_published",
    ):
        assert getattr(total, name) == sum(getattr(r, name) for r in rows), name
    assert total.childcare_hours == 6.0 + 5.5
    assert [r.count for r in total.referrals] == [
        sum(r.referrals[i].count for r in rows) for i in range(len(total.referrals))
    ]
    assert total.referrals_made == 4
    # Per program: Ana, Carmen and Berta at Aquiles Serdán, Ana again at Aldama.
    (program,) = report.services
    assert program.name == "Apoyo para negocio"
    assert program.per_centre == (1, 3, 0) and program.network == 3
    assert (report.jobs_published, report.job_openings) == (2, 3)


def test_a_visit_still_open_counts_up_to_now_in_the_month_so_far(network: Network) -> None:
    # The 7th of December, 12:00 at the centre; a child checked in at 9:30 is still in.
    now = datetime(2026, 12, 7, 12, 0, tzinfo=CENTRE).astimezone(UTC)
    with network.aldama.begin() as s:
        gaby = s.scalars(select(Member.id).where(Member.phone == "6145557001")).one()
        child = Child(guardian_id=gaby, name="Abril Chávez", birth_date=date(2023, 1, 9))
        code = PickupCode(day=date(2026, 12, 7), code="7713", picture="sol", guardian_id=gaby)
        s.add_all([child, code])
        s.flush()
        s.add(
            ChildcareVisit(
                child_id=child.id, pickup_code_id=code.id, checked_in_at=now - timedelta(hours=2.5)
            )
        )
    december = Month(2026, 12)
    own = ReportService(network.aldama, clock=lambda: now).month(december)
    assert (own.childcare_visits, own.childcare_hours, own.childcare_open) == (1, 2.5, 1)
    rows = _by_name(ReportService(network.serdan, clock=lambda: now).network(december))
    assert rows["CENESO Aldama"].childcare_hours == 2.5
    # An hour later it has grown; October's visit left open still stops at October's end.
    later = ReportService(network.aldama, clock=lambda: now + timedelta(hours=1))
    assert later.month(december).childcare_hours == 3.5
    assert later.month(OCTOBER).childcare_hours == 5.5


def test_a_month_not_begun_is_refused(network: Network) -> None:
    service = _report(network.serdan)
    with pytest.raises(ReportError, match="todavía no empieza"):
        service.network(Month(2027, 1))
    assert service.network(Month(2026, 12)).total.women_served == 0  # the month so far


def test_the_csv_has_a_centre_column_and_every_centre(network: Network, tmp_path: Path) -> None:
    report = _report(network.serdan).network(OCTOBER)
    pdf_path, csv_path = write_network_report(report, tmp_path / "red")

    assert (pdf_path.name, csv_path.name) == ("informe-red-2026-10.pdf", "informe-red-2026-10.csv")
    data = csv_path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel in Spanish reads the accents
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == ["mes", "centro", "sección", "concepto", "medida", "valor"]
    assert rows[1:] == list(csv.reader(io.StringIO(network_csv(report))))[1:]
    found = {(r[1], r[2], r[3], r[4]): r[5] for r in rows[1:]}
    assert {r[1] for r in rows[1:]} == {
        "CENESO Aldama",
        "CENESO Aquiles Serdán",
        "CENESO Delicias",
        "Red (total)",
    }
    assert found[("CENESO Aquiles Serdán", "Socias", "", "socias atendidas")] == "4"
    assert found[("CENESO Aldama", "Socias", "", "socias atendidas")] == "2"
    assert found[("CENESO Delicias", "Socias", "", "socias atendidas")] == "0"
    assert found[("Red (total)", "Socias", "", "socias atendidas")] == "5"
    assert found[("CENESO Aldama", "Guardería", "", "horas")] == "5.5"
    assert found[("Red (total)", "Canalizaciones", "Necesita acción", "canalizaciones")] == "1"
    assert found[("CENESO Aldama", "Programas", "Apoyo para negocio", "socias canalizadas")] == "1"
    assert found[("Red (total)", "Programas", "Apoyo para negocio", "socias canalizadas")] == "3"


def test_the_pdf_names_each_centre_with_its_figures(network: Network, tmp_path: Path) -> None:
    pdf_path, _csv = write_network_report(_report(network.serdan).network(OCTOBER), tmp_path)

    width, height = page_size(pdf_path)
    assert width > height  # landscape: a column per figure
    text = pdf_text(pdf_path)
    assert "Informe de la red: octubre de 2026" in text and "3 centros" in text
    # Each centre's row and the network's: served, new, courses, sessions, seats, came,
    # visits, children, hours, referrals, listings.
    assert "CENESO Aldama 2 2 1 1 1 1 2 1 5.5 1 0" in text
    assert "CENESO Aquiles Serdán 4 2 2 3 4 3 3 2 6 3 2" in text
    assert "CENESO Delicias 0 0 0 0 0 0 0 0 0 0 0" in text
    assert "Red (total) 5 4 3 4 5 4 5 3 11.5 4 2" in text
    assert "Apoyo para negocio 1 3 0 3" in text  # women per program: each centre, the network


# --- on PostgreSQL, as a role that may read only what names no one --------------------------


@pytest.fixture
def as_reader_role(engine: Engine) -> Iterator[Factory]:
    """A session factory connecting as a network coordinator: a member of the
    ``kiosk_coordinators`` group, which reads every centre's rows but only the columns that
    name no one."""
    role = f"kiosk_report_{uuid.uuid4().hex[:12]}"
    with engine.begin() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" NOLOGIN IN ROLE kiosk_coordinators'))
    limited = db.make_engine(engine.url.render_as_string(hide_password=False))

    @event.listens_for(limited, "connect")
    def _become(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f'SET ROLE "{role}"')
        dbapi_connection.commit()  # kept when the pool rolls back between uses

    try:
        yield db.make_session_factory(limited, 1)
    finally:
        limited.dispose()
        with engine.begin() as conn:
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))


@pytest.mark.postgresql
@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_the_network_report_runs_reading_only_columns_that_name_no_one(
    network: Network, as_reader_role: Factory, tmp_path: Path
) -> None:
    for personal in (Member.name, Member.phone, Child.name, Child.birth_date):
        with as_reader_role() as s, pytest.raises(ProgrammingError, match="permission denied"):
            s.execute(select(personal).execution_options(all_centres=True)).all()

    as_owner = _report(network.serdan).network(OCTOBER)
    limited = _report(as_reader_role).network(OCTOBER)

    assert limited == as_owner
    assert limited.total.women_served == 5
    pdf_path, _csv = write_network_report(limited, tmp_path)
    assert "CENESO Aldama" in pdf_text(pdf_path)


def test_the_columns_read_name_no_one() -> None:
    """What the coordinator's role must be granted: ids, centres, dates, statuses, counts and
    the names of centres and programs, never a person's name, phone, place or words."""
    personal = {
        *("name", "phone", "locality", "birth_date", "medical_note", "reason"),
        *("outcome_note", "title", "description", "contact_phone", "picked_up_by"),
    }
    for table, columns in NETWORK_COLUMNS.items():
        allowed = {"name"} if table in ("centres", "services") else set()
        assert not (set(columns) & personal) - allowed, table
