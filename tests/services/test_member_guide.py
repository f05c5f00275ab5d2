"""The first-visit guide is shown to a woman once: the first sign-in claims it, a returning
woman is not shown it again, and two stations signing her in at once show it only once."""

from __future__ import annotations

from sqlalchemy import select

from kiosk.data.models import Member
from kiosk.services.member_desk import MemberDesk
from kiosk.services.members import MemberService
from tests.concurrency import race


def _guided_at(factory, member_id: int):  # type: ignore[no-untyped-def]
    with factory() as s:
        return s.scalar(select(Member.guided_at).where(Member.id == member_id))


def test_the_guide_is_claimed_once_and_recorded(session_factory) -> None:  # type: ignore[no-untyped-def]
    members = MemberService(session_factory)
    ana = members.register("Ana Ruiz", "6145550123", consent=True)
    rosa = members.register("Rosa Soto", "6145550124", consent=True)
    assert _guided_at(session_factory, ana.id) is None
    assert members.claim_guide(ana.id) is True
    assert _guided_at(session_factory, ana.id) is not None
    # She comes back: not again. Another woman still has hers.
    assert members.claim_guide(ana.id) is False
    assert members.claim_guide(rosa.id) is True


def test_no_guide_for_an_erased_or_unknown_member(session_factory) -> None:  # type: ignore[no-untyped-def]
    members = MemberService(session_factory)
    ana = members.register("Ana Ruiz", "6145550123", consent=True)
    MemberDesk(session_factory).erase(ana.id)
    assert members.claim_guide(ana.id) is False
    assert members.claim_guide(ana.id + 100) is False


def test_two_stations_signing_her_in_at_once_show_it_once(racing_factory) -> None:  # type: ignore[no-untyped-def]
    ana = MemberService(racing_factory).register("Ana Ruiz", "6145550123", consent=True)
    stations = [MemberService(racing_factory) for _ in range(8)]
    shown = race(8, lambda i: stations[i].claim_guide(ana.id))
    assert shown.count(True) == 1
