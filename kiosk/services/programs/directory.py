"""The directory: what members browse by need, and the staff's add, edit and confirm."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from kiosk.data.models import (
    Organization,
    ProgramLevel,
    ProgramNeed,
    Service,
    ServiceStatus,
    municipality_key,
)
from kiosk.i18n import _, centre_today
from kiosk.services import KEPT_COUNTS, SessionFactory, count_each, kept_key, page_numbers, paging
from kiosk.services.centres import station_municipality
from kiosk.services.programs.checks import check_program
from kiosk.services.programs.common import (
    DEFAULT_STALE_DAYS,
    PER_PAGE,
    ProgramCard,
    ProgramChanged,
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
    served_first,
)

ACTIVE = (ServiceStatus.ACTIVE,)
HIDDEN = tuple(status for status in ServiceStatus if status is not ServiceStatus.ACTIVE)


@dataclass(frozen=True)
class StaffSegment:
    """A run of the staff list: the programs of ``statuses`` that need confirming (``stale``)
    or not, by name."""

    statuses: tuple[ServiceStatus, ...]
    stale: bool

    def where(self, stale_before: date) -> list[ColumnElement[bool]]:
        status = Service.status.in_(self.statuses)
        if self.stale:
            return [status, Service.assured_date.is_(None) | (Service.assured_date < stale_before)]
        return [status, Service.assured_date >= stale_before]

    def ranges(self, stale_before: date) -> list[list[ColumnElement[bool]]]:
        """The segment as ranges of (status, assured_date) to count: never confirmed and
        confirmed too long ago apart, since an OR of the two is counted row by row."""
        status = Service.status.in_(self.statuses)
        if self.stale:
            return [
                [status, Service.assured_date.is_(None)],
                [status, Service.assured_date < stale_before],
            ]
        return [[status, Service.assured_date >= stale_before]]


CURRENT = StaffSegment(ACTIVE, False)
STAFF_SEGMENTS = (
    StaffSegment(ACTIVE, True),
    CURRENT,
    StaffSegment(HIDDEN, True),
    StaffSegment(HIDDEN, False),
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
        """Active programs of one need: those that serve her municipality first (the one the
        filters name, else the station's centre's), then the whole state's, then the rest
        (:func:`served_first`); within each, federal first then state, municipal and
        organizations, by name.

        The page's ids are read off the browse index alone (it holds the municipalities),
        sorted there; only the page's rows are then read and joined."""
        conditions = [Service.need == ProgramNeed(need), *self._conditions(filters)]
        today = self._today()
        with self._factory() as s:
            named = filters.municipality if filters is not None else None
            here = municipality_key(named or station_municipality(s))
            page, page_count, total = paging(s, Service, conditions, page, per_page)
            ids = s.scalars(
                select(Service.id)
                .where(*conditions)
                .order_by(*served_first(here), LEVEL_ORDER, Service.name, Service.id)
                .limit(per_page)
                .offset(page * per_page)
            ).all()
            rows = {
                svc.id: (svc, org)
                for svc, org in s.execute(
                    select(Service, Organization.name)
                    .join(Organization, Service.organization_id == Organization.id)
                    .where(Service.id.in_(ids))
                )
            }
            cards = tuple(
                program_card(*rows[i], today, self.stale_days, here=here) for i in ids if i in rows
            )
        return ProgramPage(cards, page, page_count, total)

    def get(self, service_id: int) -> ProgramDetail:
        """An active program, or :class:`ProgramNotFound`."""
        with self._factory() as s:
            service = s.get(Service, service_id)
            if service is None or service.status != ServiceStatus.ACTIVE:
                raise ProgramNotFound(_("This program is not offered now. Look at another one."))
            return program_detail(service, self._today(), self.stale_days)

    # --- staff side -----------------------------------------------------------------------

    def stale_count(self) -> int:
        """Active programs whose details need confirming: the staff list's first count (the
        desk, the list and what is said as it opens share it)."""
        stale_before = self._stale_before()
        with self._factory() as s:
            return self._counts(s, STAFF_SEGMENTS, stale_before)[0]

    def staff_list(
        self, page: int = 0, per_page: int = PER_PAGE, *, stale_only: bool = False
    ) -> ProgramPage:
        """Every program (inactive ones too), the ones to confirm first, then by name.

        The order is active and stale, active and current, then the hidden ones, stale first,
        each by name: one segment after another, each read off the status-and-name index from
        where the page starts. Staleness moves with today's date, so no one index holds the
        whole order, and sorting every program for one page took far longer than a frame.
        """
        segments = STAFF_SEGMENTS[:1] if stale_only else STAFF_SEGMENTS
        today = self._today()
        stale_before = today - timedelta(days=self.stale_days)
        with self._factory() as s:
            counts = self._counts(s, segments, stale_before)
            total = sum(counts)
            page, page_count = page_numbers(total, page, per_page)
            skip, wanted = page * per_page, per_page
            cards: list[ProgramCard] = []
            for segment, count in zip(segments, counts, strict=True):
                if wanted == 0:
                    break
                if skip >= count:
                    skip -= count
                    continue
                taken = min(wanted, count - skip)
                # The page's ids first, off the index alone: the rows skipped to reach a late
                # page are then never read from the table nor joined.
                ids = (
                    select(Service.id)
                    .where(*segment.where(stale_before))
                    .order_by(Service.name, Service.id)
                    .limit(taken)
                    .offset(skip)
                )
                rows = s.execute(
                    select(Service, Organization.name)
                    .join(Organization, Service.organization_id == Organization.id)
                    .where(Service.id.in_(ids.scalar_subquery()))
                    .order_by(Service.name, Service.id)
                ).all()
                cards += (program_card(svc, org, today, self.stale_days) for svc, org in rows)
                skip, wanted = 0, wanted - taken
        return ProgramPage(tuple(cards), page, page_count, total)

    def _counts(
        self, s: Session, segments: Sequence[StaffSegment], stale_before: date
    ) -> list[int]:
        """How many programs each segment holds, kept between taps (``KEPT_COUNTS``): the list,
        its pages and the number said as it opens share one count, which takes longer than a
        frame at 100 000 programs."""
        key = kept_key(self._factory, "staff programs", tuple(segments), stale_before)
        return KEPT_COUNTS.get(key, lambda: self._count_segments(s, segments, stale_before))

    @staticmethod
    def _count_segments(
        s: Session, segments: Sequence[StaffSegment], stale_before: date
    ) -> list[int]:
        """How many programs each segment holds, in one statement. A segment is counted as
        ranges of the status-and-date index, row by row; when the whole list is asked for, the
        shown and current programs (most of them, in a directory kept up to date) are instead
        what the others leave of the table's count, which SQLite gets without a range walk."""
        whole = tuple(segments) == STAFF_SEGMENTS
        counted = [segment for segment in segments if not (whole and segment == CURRENT)]
        ranges = [
            [
                select(func.count()).select_from(Service).where(*where).scalar_subquery()
                for where in segment.ranges(stale_before)
            ]
            for segment in counted
        ]
        every = [select(func.count()).select_from(Service).scalar_subquery()] if whole else []
        row = s.execute(select(*every, *(c for each in ranges for c in each))).one()
        values = iter(row)
        total = next(values) if whole else 0
        counts = dict(
            zip(counted, (sum(next(values) for _ in each) for each in ranges), strict=True)
        )
        if whole:
            counts[CURRENT] = total - sum(counts.values())
        return [counts[segment] for segment in segments]

    def staff_get(self, service_id: int) -> ProgramDetail:
        """Any program, inactive ones too."""
        with self._factory() as s:
            return program_detail(self._load(s, service_id), self._today(), self.stale_days)

    def save(self, draft: ProgramDraft, service_id: int | None = None) -> ProgramDetail:
        """Add a program (``service_id=None``) or change one; every problem is reported at once
        as :class:`ProgramValidationError`, and then nothing is written.

        The program is shared by every centre of the network: a change made from a reading of
        it (``draft.version``) that someone has changed since is refused with
        :class:`ProgramChanged`, and nothing is written. The row is locked while it is checked;
        the version counter's own check on the UPDATE refuses it too if it changed anyway."""
        values = check_program(draft)
        if values["assured_date"] is None:
            values["assured_date"] = self._today()
        organization = values.pop("organization")
        try:
            with self._factory.begin() as s:
                org = find_or_add_organization(s, organization)
                if service_id is None:
                    service = Service(**values, organization=org, is_example=False)
                    s.add(service)
                else:
                    service = self._load(s, service_id, lock=True)
                    if draft.version is not None and service.version != draft.version:
                        raise ProgramChanged()
                    for field, value in values.items():
                        setattr(service, field, value)
                    service.organization = org
                s.flush()
                detail = program_detail(service, self._today(), self.stale_days)
        except StaleDataError as exc:
            raise ProgramChanged() from exc
        except ProgramChanged:
            log.info("program %d: a change from an older reading refused", service_id)
            raise
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
