"""Where a call goes when the caller cannot be understood or drops: issues 8 and 11.

Never stuck (issue 8): once the receptionist has stopped guessing, a caller
whose line and name are known goes where the standard intake sends them (the
account executive by alpha split, the sales chain, the VA group); with no name
to route on, during business hours, the front desk; otherwise a message for
where the call was heading.

Nothing lost (issue 11): a message or a dropped call's callback is for the
person the caller named, else for where the need routes with what is known so
far (the claims group, the VA group for payments while the office is open and
appointments, the account executive once the line and name are known), and for
the office as a whole only when nothing else is known.
"""

from __future__ import annotations

from datetime import datetime

from statecharts import InsuranceLine, Intent
from tests.reference.calendar import Status, status
from tests.reference.facts import CLAIMS_GROUP, FRONT_DESK_GROUP, VA_GROUP
from tests.reference.outcomes import INTAKE, OFFICE, Addressee, Caller, intake_addressee

__all__ = ["heading", "help_addressee", "routable"]


def routable(caller: Caller | None) -> bool:
    """The line and what its alpha split needs are known: the business name, or a last name."""
    if caller is None:
        return False
    if caller.line is InsuranceLine.BUSINESS:
        return bool(caller.business)
    return bool(caller.spelled or caller.last)


def heading(
    intent: Intent | None, person: str | None, caller: Caller | None, at: datetime
) -> Addressee:
    """Where a call was heading at `at`, from what is known so far (a message, a callback).

    `person` is the canonical name of the staff member the caller named, if any.
    """
    if person is not None:
        return Addressee("person", person)
    after_hours = status(at).after_hours
    if intent is Intent.CLAIMS:
        return Addressee("group", CLAIMS_GROUP[0])
    if intent is Intent.APPOINTMENT or (intent is Intent.MAKE_PAYMENT and not after_hours):
        return Addressee("group", VA_GROUP[0])
    if intent in INTAKE and caller is not None and routable(caller):
        return intake_addressee(intent, caller, at)
    return OFFICE


def help_addressee(
    intent: Intent | None, caller: Caller | None, at: datetime, *, front_desk: bool = True
) -> Addressee:
    """Who takes a caller the receptionist could not understand, once it stops guessing.

    The standard intake's routing when the line and the spelled name (or the
    business name) are known; else, while the office is open and the agency has
    a front desk, the front desk; else where the call was heading.
    """
    need = intent if intent in INTAKE else Intent.SOMETHING_ELSE
    spelled = caller is not None and (
        bool(caller.business) if caller.line is InsuranceLine.BUSINESS else bool(caller.spelled)
    )
    if caller is not None and spelled:
        return intake_addressee(need, caller, at)
    if front_desk and status(at) is Status.OPEN:
        return Addressee("group", FRONT_DESK_GROUP)
    return heading(need, None, caller, at)
