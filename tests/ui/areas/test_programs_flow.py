"""The program directory's flows without a window: fake pages and a fake window record what they
are told, the database is real (SQLite and PostgreSQL). A member's visit (a need → a program →
its sheet), staff referring her (sign-in, reason, follow-up day → the referral slip), and the
desk's (the follow-up call's outcome, a program through the wizard)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.data.models import Voucher, VoucherKind
from kiosk.i18n import _
from kiosk.services.members import MemberService
from kiosk.services.programs import (
    ProgramDetail,
    ProgramDraft,
    ProgramFilters,
    ProgramLevel,
    ProgramNeed,
    ProgramService,
    ReferralInfo,
    ReferralStatus,
)
from kiosk.services.vouchers import VoucherService
from kiosk.ui.areas.programs.flow import (
    STEPS,
    DirectoryPages,
    ProgramDesk,
    ProgramDeskPages,
    ProgramDirectory,
)
from tests.ui.areas.fakes import FakeShell, FakeSlipDesk, Resettable

TODAY = date(2026, 3, 9)


def draft(**changes: Any) -> ProgramDraft:
    fields: dict[str, Any] = {
        "name": "Apoyo para costureras",
        "organization": "Colectivo Hilos",
        "need": ProgramNeed.BUSINESS_MONEY,
        "level": ProgramLevel.CIVIL,
        "eligibility": "Mujeres del municipio.",
        "benefit": "Una máquina de coser.",
        "required_documents": ("ine", "curp"),
        "phone": "614 555 0199",
        "address": "Calle Hidalgo 3",
        "locality": "Santa Eulalia",
        "schedule": "Lunes 9:00 a 13:00",
    }
    fields.update(changes)
    return ProgramDraft(**fields)


class Needs:
    def filters(self) -> ProgramFilters:
        return ProgramFilters()


class ProgramList(Resettable):
    def __init__(self) -> None:
        super().__init__()
        self.kind: Any = None

    def choose(self, kind: Any, filters: Any = None) -> None:
        self.kind = kind


class Detail:
    program: ProgramDetail | None = None

    def show_program(self, program: ProgramDetail) -> None:
        self.program = program


class Referred:
    referral: ReferralInfo | None = None

    def show_referral(self, referral: ReferralInfo) -> None:
        self.referral = referral


class Visit:
    def __init__(self) -> None:
        self.member: Any = None

    def sign_in_member(self, member: Any) -> None:
        self.member = member


@pytest.fixture
def directory(session_factory, tmp_path: Path) -> ProgramDirectory:  # type: ignore[no-untyped-def]
    programs = ProgramService(session_factory, today=lambda: TODAY)
    steps = [Resettable() for _step in range(3)]
    pages = DirectoryPages(Needs(), ProgramList(), Detail(), steps, Referred())
    shell = FakeShell(tmp_path, staff=SimpleNamespace(id=None, name="Rosa"))
    shell.visit = Visit()  # type: ignore[assignment]
    return ProgramDirectory(shell, programs, VoucherService(session_factory), FakeSlipDesk(), pages)


def printed_kinds(factory: Any) -> list[str]:
    with factory() as s:
        return [v.kind for v in s.scalars(select(Voucher).order_by(Voucher.id))]


def test_a_need_a_program_and_its_sheet_once_a_visit(
    directory: ProgramDirectory, session_factory
) -> None:  # type: ignore[no-untyped-def]
    shell, slips = directory.shell, directory.slip_desk
    assert isinstance(shell, FakeShell) and isinstance(slips, FakeSlipDesk)
    program = directory.programs.save(draft())
    directory.chose_need(ProgramNeed.BUSINESS_MONEY)
    assert shell.page == "programs_list"
    assert directory.list.kind is ProgramNeed.BUSINESS_MONEY  # type: ignore[attr-defined]
    directory.show_program(program.id)
    assert shell.page == "program_detail" and directory.detail.program is not None
    assert directory.detail.program.benefit == "Una máquina de coser."
    directory.print_sheet()
    directory.print_sheet()  # the same sheet again
    assert len(slips.printed) == 2 and len(set(slips.printed)) == 1
    assert printed_kinds(session_factory) == [VoucherKind.PROGRAM_SHEET]
    assert shell.messages[-1] == (
        _("The program's sheet is printing. Take it with you."),
        "action.print",
    )


def test_a_hidden_program_says_so_and_refreshes_the_list(directory: ProgramDirectory) -> None:
    shell = directory.shell
    assert isinstance(shell, FakeShell)
    program = directory.programs.save(draft())
    directory.programs.set_active(program.id, False)
    directory.show_program(program.id)
    assert len(shell.errors) == 1 and shell.opened == []
    assert directory.list.refreshes == 1  # type: ignore[attr-defined]


def test_staff_refer_her_with_a_reason_and_a_follow_up_day(
    directory: ProgramDirectory, session_factory
) -> None:  # type: ignore[no-untyped-def]
    shell, slips = directory.shell, directory.slip_desk
    assert isinstance(shell, FakeShell) and isinstance(slips, FakeSlipDesk)
    program = directory.programs.save(draft(need=ProgramNeed.SAVINGS_CREDIT))
    directory.show_program(program.id)
    directory.start_referral()  # nobody signed in: her sign-in comes first
    assert shell.signed_in_for == ["program_refer_reason"]
    assert all(page.resets == 1 for page in directory.pages.referral_steps)  # type: ignore[attr-defined]
    directory.when_chosen("7")  # still nobody: the sentence, no slip
    assert shell.errors == [_("Sign her in first. Start again from the program.")]
    member = MemberService(session_factory).register("Ana Torres", "6145550101", consent=True)
    shell.visit.sign_in_member(member)  # type: ignore[attr-defined]
    directory.reason_chosen("need")  # the program's own need, said as a reason
    assert shell.page == "program_refer_when"
    directory.when_chosen("14")
    referral = directory.pages.referred.referral  # type: ignore[attr-defined]
    assert shell.page == "program_referred" and referral is not None
    assert referral.reason == _("She wants to save or get a loan")
    assert referral.follow_up_on == TODAY + timedelta(days=14)
    assert printed_kinds(session_factory) == [VoucherKind.REFERRAL]
    directory.print_again()
    assert slips.printed == [directory.number, directory.number]
    assert shell.speaker.phrases == [_("The slip is printing again.")]


@pytest.fixture
def desk(session_factory, tmp_path: Path) -> ProgramDesk:  # type: ignore[no-untyped-def]
    programs = ProgramService(session_factory, today=lambda: TODAY)
    pages = ProgramDeskPages(Resettable(), Resettable(), [Resettable() for _name in STEPS])
    return ProgramDesk(FakeShell(tmp_path), programs, pages)


def test_a_pending_outcome_asks_when_to_call_again(desk: ProgramDesk, session_factory) -> None:  # type: ignore[no-untyped-def]
    shell = desk.shell
    assert isinstance(shell, FakeShell)
    member = MemberService(session_factory).register("Ana Torres", "6145550101", consent=True)
    program = desk.service.save(draft())
    referral = desk.service.refer(member.id, program.id, reason="Quiere", follow_up_days=7)
    desk.show_referral(referral.id)
    assert shell.page == "staff_referral" and desk.current_referral() == referral
    desk.outcome_chosen(ReferralStatus.PENDING)
    assert shell.page == "staff_referral_when" and desk.pages.again.resets == 1  # type: ignore[attr-defined]
    desk.again_chosen("30")
    assert shell.page == "staff_referrals"
    assert shell.messages == [
        (_("Saved: {status}.").format(status=_("Pending")), "action.wait"),
    ]
    saved = desk.service.referral(referral.id)
    assert saved.status == ReferralStatus.PENDING
    assert saved.follow_up_on == TODAY + timedelta(days=30)


def test_the_wizard_adds_a_program_with_a_picked_schedule(desk: ProgramDesk) -> None:
    shell = desk.shell
    assert isinstance(shell, FakeShell)
    desk.start_wizard(None)
    for key, value in (
        ("name", "comedor de la colonia"),
        ("organization", "DIF Municipal"),
        ("need", "alimentos"),
        ("level", "municipal"),
        ("benefit", "Comida caliente"),
        ("eligibility", "Familias de la colonia"),
        ("required_documents", ("ine",)),
        ("phone", "6145550100"),
        ("street", "Calle Juárez"),
        ("number", "012"),
        ("locality", "Aquiles Serdán"),
        ("schedule", "1"),
    ):
        desk.store(key, value)
    assert shell.opened == list(STEPS)
    desk.save()
    program = desk.current()
    assert program is not None and shell.page == "staff_program"
    assert (program.name, program.address) == ("Comedor de la colonia", "Calle Juárez 12")
    assert program.schedule == "Lunes a viernes 9:00 a 15:00"
    assert program.schedule_days == "MO,TU,WE,TH,FR"
    assert shell.messages == [(_("The program is saved."), "action.yes")]
