"""Program directory: what members may browse, the staff's add / edit / confirm, and referrals
with their follow-up (the closed loop).

A member sees active programs only, by need (the eight pictures) and optionally by level
(federal, estatal, municipal, organizaciones). A program whose details were last confirmed
(``assured_date``) more than ``stale_days`` ago is *stale*: staff see "información por
confirmar" on it until someone confirms it again.

Referrals: staff send a signed-in member to a program with a reason and a follow-up date. While
its status is one of :data:`OPEN_STATUSES` the referral waits for follow-up; it is *due* once its
follow-up day has come. Recording any other status closes the loop. A member has at most one open
referral per program: referring her again updates that one (checked with her row locked, so two
desks cannot both add one).
"""

from __future__ import annotations

from kiosk.data.models import ProgramLevel, ProgramNeed, ReferralStatus
from kiosk.services.programs.checks import check_program
from kiosk.services.programs.common import (
    OPEN_STATUSES,
    OUTCOMES,
    ProgramCard,
    ProgramChanged,
    ProgramDetail,
    ProgramDraft,
    ProgramError,
    ProgramFilters,
    ProgramNotFound,
    ProgramPage,
    ProgramValidationError,
    ReferralInfo,
)
from kiosk.services.programs.directory import Directory
from kiosk.services.programs.referrals import Referrals
from kiosk.services.programs.words import (
    ages_text,
    document_codes,
    hours_text,
    issue_program_sheet,
    level_word,
    office_name,
    referral_slip_builder,
    when_text,
)

__all__ = [
    "OPEN_STATUSES",
    "OUTCOMES",
    "Directory",
    "ProgramCard",
    "ProgramChanged",
    "ProgramDetail",
    "ProgramDraft",
    "ProgramError",
    "ProgramFilters",
    "ProgramLevel",
    "ProgramNeed",
    "ProgramNotFound",
    "ProgramPage",
    "ProgramValidationError",
    "ReferralInfo",
    "ReferralStatus",
    "Referrals",
    "ages_text",
    "check_program",
    "document_codes",
    "hours_text",
    "issue_program_sheet",
    "level_word",
    "office_name",
    "referral_slip_builder",
    "when_text",
]


class ProgramService(Referrals):
    """The program directory (:class:`Directory`) and the referrals to its programs
    (:class:`Referrals`)."""
