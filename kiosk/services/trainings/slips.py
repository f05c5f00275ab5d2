"""The slips: her sign-up, and a session's list for the door."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from kiosk.data.models import EnrollmentStatus, VoucherKind
from kiosk.i18n import _, format_time

if TYPE_CHECKING:
    from kiosk.services.vouchers import VoucherInfo, VoucherService
    from kiosk.slip_options import SlipOptions

from kiosk.services.trainings.common import RosterEntry, SessionInfo, SignUpResult, SignUpStatus


def issue_sign_up_slip(
    vouchers: VoucherService,
    result: SignUpResult,
    member_name: str,
    training: str,
    topic_icon: str,
    options: SlipOptions,
) -> VoucherInfo:
    """Her sign-up's slip, issued and kept for reprint until the session ends: the confirmation
    with her seat, or her place on the waiting list. ``topic_icon``: the course's pictogram
    (the screen knows which pictograms exist). reportlab loads with the first slip only."""
    from kiosk.vouchers import kinds

    enrollment, session = result.enrollment, result.session
    assert enrollment is not None
    builder: Callable[[str], bytes]
    if result.status is SignUpStatus.WAITLISTED:
        waiting = kinds.WaitlistSlip(
            member_name=member_name,
            training=training,
            starts_at=session.starts_at,
            place=session.place,
            position=result.position or 0,
            childcare=enrollment.childcare_words() if enrollment.childcare_wanted else "",
        )
        builder = partial(kinds.waitlist_ticket, waiting, options=options)
        kind = VoucherKind.WAITLIST
    else:
        confirmation = kinds.TrainingSlip(
            member_name=member_name,
            training=training,
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            place=session.place,
            childcare_places=enrollment.childcare,
            topic_icon=topic_icon,
        )
        builder = partial(kinds.training_confirmation, confirmation, options=options)
        kind = VoucherKind.TRAINING
    return vouchers.issue(
        kind,
        builder,
        subject_table="enrollments",
        subject_id=enrollment.id,
        expires_at=session.ends_at,
    )


def issue_session_list(
    vouchers: VoucherService,
    session: SessionInfo,
    roster: Iterable[RosterEntry],
    options: SlipOptions,
) -> VoucherInfo:
    """The session's list for the door (the women with a seat, a box to tick for each), issued
    to print; reportlab loads only now."""
    from kiosk.vouchers import kinds

    data = kinds.StaffListSlip(
        title=session.training_title,
        day=session.starts_at.date(),
        names=tuple(e.name for e in roster if e.status is not EnrollmentStatus.WAITLISTED),
        columns=(_("Came"),),
        subtitle=f"{format_time(session.starts_at)} · {session.place}",
        area="trainings",
    )
    return vouchers.issue(
        VoucherKind.STAFF_LIST,
        partial(kinds.staff_list, data, options=options),
        subject_table="training_sessions",
        subject_id=session.id,
    )
