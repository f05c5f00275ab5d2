"""The directory: what members browse by need, and the staff's add, edit and confirm."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from kiosk.data.models import Organization, ProgramLevel, ProgramNeed, Service, ServiceStatus
from kiosk.i18n import _, centre_today
from kiosk.services import SessionFactory, count_each, count_rows, paging
from kiosk.services.programs.checks import check_program
from kiosk.services.programs.common import (
    DEFAULT_STALE_DAYS,
    PER_PAGE,
    ProgramDetail,
    ProgramDraft,
    ProgramFilters,
    ProgramNotFound,
    ProgramPage,
    log,
    program_entry_points,
)
from kiosk.services.programs.rows import (
    LEVEL_ORDER,
    find_or_add_organization,
    program_card,
    program_detail,
)


@program_entry_points
class Directory:
    def __init__(
        self,
        session_factory: SessionFactory,
        *,
        today: Callable[[], date] = centre_today,
        stale_days: int = DEFAULT_STALE_DAYS,
    ) -> None:
        self._factory = session_factory
        self._today = today
        self.stale_days = stale_days

    def _stale_before(self) -> date:
        return self._today() - timedelta(days=self.stale_days)

    @staticmethod
    def _conditions(filters: ProgramFilters | None) -> list[ColumnElement[bool]]:
        conditions = [Service.status == ServiceStatus.ACTIVE]
        if filters is not None and filters.level is not None:
            conditions.append(Service.level == ProgramLevel(filters.level))
        return conditions

    # --- member side ----------------------------------------------------------------------

    def need_counts(self, filters: ProgramFilters | None = None) -> dict[ProgramNeed, int]:
        """Active programs per need, every need included."""
        conditions = self._conditions(filters)
        return count_each(self._factory, Service.need, ProgramNeed, *conditions)

    def list_programs(
        self,
        need: ProgramNeed,
        filters: ProgramFilters | None = None,
        page: int = 0,
        per_page: int = PER_PAGE,
    ) -> ProgramPage:
        """Active programs of one need, federal first then state, municipal and organizations,
        by name within each (the browse index's order)."""
        conditions = [Service.need == ProgramNeed(need), *self._conditions(filters)]
        return self._page(conditions, (LEVEL_ORDER, Service.name, Service.id), page, per_page)

    def get(self, service_id: int) -> ProgramDetail:
        """An active program, or :class:`ProgramNotFound`."""
        with self._factory() as s:
            service = s.get(Service, service_id)
            if service is None or service.status != ServiceStatus.ACTIVE:
                raise ProgramNotFound(_("This program is not offered now. Look at another one."))
            return program_detail(service, self._today(), self.stale_days)

    # --- staff side -----------------------------------------------------------------------

    def stale_count(self) -> int:
        """Active programs whose details need confirming."""
        stale = (Service.assured_date.is_(None)) | (Service.assured_date < self._stale_before())
        with self._factory() as s:
            return count_rows(s, Service, Service.status == ServiceStatus.ACTIVE, stale)

    def staff_list(
        self, page: int = 0, per_page: int = PER_PAGE, *, stale_only: bool = False
    ) -> ProgramPage:
        """Every program (inactive ones too), the ones to confirm first, then by name."""
        stale = (Service.assured_date.is_(None)) | (Service.assured_date < self._stale_before())
        conditions: list[ColumnElement[bool]] = []
        if stale_only:
            conditions = [Service.status == ServiceStatus.ACTIVE, stale]
        order = ((Service.status != ServiceStatus.ACTIVE), ~stale, Service.name, Service.id)
        return self._page(conditions, order, page, per_page)

    def _page(
        self,
        conditions: list[ColumnElement[bool]],
        order: tuple[ColumnElement[Any] | InstrumentedAttribute[Any], ...],
        page: int,
        per_page: int,
    ) -> ProgramPage:
        """One page of the programs that meet ``conditions``, in ``order``."""
        today = self._today()
        with self._factory() as s:
            page, page_count, total = paging(s, Service, conditions, page, per_page)
            rows = s.execute(
                select(Service, Organization.name)
                .join(Organization, Service.organization_id == Organization.id)
                .where(*conditions)
                .order_by(*order)
                .limit(per_page)
                .offset(page * per_page)
            ).all()
            cards = tuple(program_card(svc, org, today, self.stale_days) for svc, org in rows)
        return ProgramPage(cards, page, page_count, total)

    def staff_get(self, service_id: int) -> ProgramDetail:
        """Any program, inactive ones too."""
        with self._factory() as s:
            return program_detail(self._load(s, service_id), self._today(), self.stale_days)

    def save(self, draft: ProgramDraft, service_id: int | None = None) -> ProgramDetail:
        """Add a program (``service_id=None``) or change one; every problem is reported at once
        as :class:`ProgramValidationError`, and then nothing is written."""
        values = check_program(draft)
        if values["assured_date"] is None:
            values["assured_date"] = self._today()
        organization = values.pop("organization")
        with self._factory.begin() as s:
            org = find_or_add_organization(s, organization)
            if service_id is None:
                service = Service(**values, organization=org, is_example=False)
                s.add(service)
            else:
                service = self._load(s, service_id, lock=True)
                for field, value in values.items():
                    setattr(service, field, value)
                service.organization = org
            s.flush()
            detail = program_detail(service, self._today(), self.stale_days)
        log.info("program %d saved", detail.id)
        return detail

    def confirm(self, service_id: int) -> ProgramDetail:
        """Staff checked the program's details today: it is no longer "por confirmar"."""
        detail = self._change(service_id, assured_date=self._today())
        log.info("program %d confirmed", service_id)
        return detail

    def set_active(self, service_id: int, active: bool) -> ProgramDetail:
        """Show the program to members again, or take it off their pages (it is kept)."""
        status = ServiceStatus.ACTIVE if active else ServiceStatus.INACTIVE
        detail = self._change(service_id, status=status)
        log.info("program %d %s", service_id, "shown" if active else "hidden")
        return detail

    def _change(self, service_id: int, **values: Any) -> ProgramDetail:
        """Set columns of one program, its row locked; the program as it is now."""
        with self._factory.begin() as s:
            service = self._load(s, service_id, lock=True)
            for field, value in values.items():
                setattr(service, field, value)
            s.flush()
            return program_detail(service, self._today(), self.stale_days)

    @staticmethod
    def _load(s: Session, service_id: int, *, lock: bool = False) -> Service:
        service = s.get(Service, service_id, with_for_update=lock)
        if service is None:
            raise ProgramNotFound(_("That program does not exist any more."))
        return service
