"""What the councillor's motion journey asks of the council rules: the meetings to offer, whether a chosen
Full Council is still open for notice, and the deadline to show once the motion is ready."""

from __future__ import annotations

import datetime as dt

from .deadlines import MeetingDeadline, describe_notice, long_date, london_today, notice_deadline
from .service import CouncilDeadlines, deadlines_for, get_rules

FULL_COUNCIL = "full_council"  # the motions form's value for Full Council


def offered_meetings(council_code: str, today: dt.date | None = None) -> CouncilDeadlines | None:
    """The council's rules and its Full Council meetings still open for notice (None without rules)."""
    return deadlines_for(council_code, today)


def notice_for(council_code: str, meeting: str, meeting_date: dt.date | None,
               today: dt.date | None = None) -> MeetingDeadline | None:
    """The notice deadline for this motion's meeting, when the council's rules are known and it is a Full
    Council (the rules give Full Council's notice period)."""
    rules = get_rules(council_code)
    if rules is None or meeting != FULL_COUNCIL or meeting_date is None:
        return None
    return MeetingDeadline(meeting_date, notice_deadline(meeting_date, rules.notice_days, rules.notice_kind),
                           today or london_today())


def too_late(council_code: str, meeting: str, meeting_date: dt.date | None,
             today: dt.date | None = None) -> str | None:
    """A message when notice for this Full Council can no longer reach democratic services in time."""
    today = today or london_today()
    notice = notice_for(council_code, meeting, meeting_date, today)
    if notice is None or notice.open:
        return None
    rules = get_rules(council_code)
    message = (f"Notice of a motion for the Full Council on {long_date(notice.meeting)} had to reach democratic "
               f"services by {long_date(notice.deadline)} ({rules.council_name} needs "
               f"{describe_notice(rules.notice_days, rules.notice_kind)}' notice), and that has passed.")
    later = deadlines_for(council_code, today)
    if later is not None and later.next is not None:
        return message + f" Choose a later meeting: the next one open for notice is on {long_date(later.next.meeting)}."
    return message + " Choose a later meeting date."
