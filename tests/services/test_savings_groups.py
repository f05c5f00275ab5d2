"""Ahorro beside the other areas: the savings section of the monthly report (PDF and CSV, per
group and for the centre) and a treasurer's own PIN that keeps to her group - on SQLite and
PostgreSQL."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from kiosk.data.models import StaffRole
from kiosk.i18n import _
from kiosk.services.reports import Month, ReportService, to_csv, write_report
from kiosk.services.savings import Rules, SavingsError, SavingsKind, SavingsService
from kiosk.services.staff import StaffError, StaffService
from tests.pdfs import pdf_text
from tests.services.test_savings import FIRST, RULES, T0, caja, women

Factory = sessionmaker[Session]


def test_the_monthly_report_has_each_group_and_the_centre(session_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    service, caja_id, women_ids = caja(session_factory, 3)
    tanda = service.create_group(
        "Tanda del mercado",
        SavingsKind.TANDA,
        women(session_factory, 2),
        Rules(share_cents=50000, max_shares=1, meetings=2),
    )
    meeting = service.open_meeting(caja_id, FIRST)
    bought = {women_ids[0]: 3, women_ids[1]: 2}  # the third woman did not come
    for membership_id, shares in bought.items():
        service.record_turn(meeting.id, membership_id, shares=shares)
    savings = sum(bought.values()) * RULES.share_cents
    service.close_meeting(meeting.id, savings)

    month = Month.of(service.today())
    report = ReportService(session_factory).month(month)
    by_name = {g.name: g for g in report.savings}
    assert list(by_name) == ["Las Girasoles", "Tanda del mercado", _("Centre")]
    assert by_name["Las Girasoles"].savings_cents == savings
    assert by_name["Las Girasoles"].members == 3
    assert (by_name["Las Girasoles"].present, by_name["Las Girasoles"].turns) == (2, 3)
    assert by_name[_("Centre")].members == 3 + len(tanda.members)
    assert by_name[_("Centre")].savings_cents == savings

    rows = list(csv.reader(io.StringIO(to_csv(report))))
    mine = [r for r in rows if r[2] == _("Savings") and r[3] == "Las Girasoles"]
    figures = {r[4]: float(r[5]) for r in mine}
    assert figures[_("savings (pesos)")] == savings / 100
    assert figures[_("attendance (%)")] == pytest.approx(100 * 2 / 3, abs=0.05)
    assert any(r[2] == _("Savings") and r[3] == _("Centre") for r in rows)

    pdf_path, csv_path = write_report(report, tmp_path)
    text = pdf_text(pdf_path)
    assert _("Savings groups and tandas") in text
    assert "Las Girasoles 3 $250" in text  # the group's row: members, savings
    assert "Tanda del mercado 2 $0" in text
    assert _("Savings") in csv_path.read_text(encoding="utf-8-sig")


def test_a_month_with_no_group_has_no_savings_section(session_factory, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    report = ReportService(session_factory).month(Month.of(FIRST))
    assert report.savings == ()
    assert _("Savings") not in to_csv(report)
    pdf_path, _csv = write_report(report, tmp_path)
    assert _("Savings groups and tandas") not in pdf_text(pdf_path)


def test_a_treasurer_pin_keeps_to_her_group(session_factory) -> None:  # type: ignore[no-untyped-def]
    service, mine, women_ids = caja(session_factory, 3)
    other = SavingsService(session_factory, clock=lambda: T0).create_group(
        "Las Rosas", SavingsKind.CAJA, women(session_factory, 2), RULES
    )
    group = service.set_treasurer(mine, women_ids[1], "4821")
    assert [m.is_treasurer for m in group.members] == [False, True, False]
    staff = StaffService(session_factory)
    person = staff.sign_in(group.treasurer_staff_id, "4821")
    assert person.role is StaffRole.TREASURER and person.is_treasurer and not person.is_staff
    assert [g.id for g in service.groups(treasurer_staff_id=person.id)] == [mine]
    assert {g.id for g in service.groups()} == {mine, other.id}
    with pytest.raises(StaffError):
        staff.sign_in(person.id, "1111")

    # Another woman takes over: the same account, her PIN; the old PIN no longer opens it.
    again = service.set_treasurer(mine, women_ids[2], "7305")
    assert again.treasurer_staff_id == person.id
    assert [m.is_treasurer for m in again.members] == [False, False, True]
    assert staff.sign_in(person.id, "7305").is_treasurer
    with pytest.raises(StaffError):
        staff.sign_in(person.id, "4821")

    # A woman of another group, or a PIN that is not one, changes nothing.
    with pytest.raises(SavingsError):
        service.set_treasurer(mine, other.members[0].membership_id, "5555")
    with pytest.raises(SavingsError):
        service.set_treasurer(mine, women_ids[0], "12")
    assert service.group(mine).members[2].is_treasurer
