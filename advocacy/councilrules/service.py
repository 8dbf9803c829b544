"""Reading and saving council rules; the upcoming meetings a motion can still be tabled at."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import select

from ..db import db
from .deadlines import MeetingDeadline, describe_notice, london_today, upcoming_deadlines
from .models import CouncilMeeting, CouncilRules, CouncilRulesChange

FULL_COUNCIL = "Full Council"


@dataclass(frozen=True)
class RulesInput:
    """One council's rules as typed or imported, already checked."""

    council_code: str
    council_name: str
    notice_days: int
    notice_kind: str
    seconder_required: bool
    democratic_services_email: str | None
    meetings: list[dt.date] = field(default_factory=list)
    last_checked: dt.date | None = None


def get_rules(council_code: str) -> CouncilRules | None:
    return db.session.get(CouncilRules, (council_code or "").strip().upper())


def all_rules() -> list[CouncilRules]:
    return list(db.session.scalars(select(CouncilRules).order_by(CouncilRules.council_name)))


def save_rules(rules: RulesInput, *, by: str, commit: bool = True) -> CouncilRules:
    """Create or replace one council's rules; its meetings become exactly ``rules.meetings``."""
    row = get_rules(rules.council_code)
    if row is None:
        row = CouncilRules(council_code=rules.council_code)
        db.session.add(row)
    row.council_name = rules.council_name
    row.notice_days = rules.notice_days
    row.notice_kind = rules.notice_kind
    row.seconder_required = rules.seconder_required
    row.democratic_services_email = rules.democratic_services_email
    row.last_checked = rules.last_checked
    row.updated_by = by
    row.updated_at = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    wanted = set(rules.meetings)
    for meeting in list(row.meetings):
        if meeting.meeting_date not in wanted or meeting.meeting_name != FULL_COUNCIL:
            row.meetings.remove(meeting)
    have = {m.meeting_date for m in row.meetings}
    for day in sorted(wanted - have):
        row.meetings.append(CouncilMeeting(meeting_date=day, meeting_name=FULL_COUNCIL))
    _remember(row, "saved", by, meetings=sorted(wanted))
    if commit:
        db.session.commit()
    return row


def _as_dict(row: CouncilRules, meetings: list[dt.date] | None = None) -> dict:
    days = meetings if meetings is not None else [m.meeting_date for m in row.meetings]
    return {"council_code": row.council_code, "council_name": row.council_name, "notice_days": row.notice_days,
            "notice_kind": row.notice_kind, "seconder_required": row.seconder_required,
            "democratic_services_email": row.democratic_services_email,
            "last_checked": row.last_checked.isoformat() if row.last_checked else None,
            "meetings": [day.isoformat() for day in days]}


def _remember(row: CouncilRules, change: str, by: str, meetings: list[dt.date] | None = None) -> CouncilRulesChange:
    entry = CouncilRulesChange(council_code=row.council_code, council_name=row.council_name, change=change,
                               rules_json=json.dumps(_as_dict(row, meetings)), changed_by=by)
    db.session.add(entry)
    return entry


def delete_rules(council_code: str, *, by: str) -> CouncilRulesChange | None:
    """Delete a council's rules and meetings, keeping what they were in the history. Commits.
    None when the council has no rules (already deleted, perhaps by someone else a moment ago)."""
    row = get_rules(council_code)
    if row is None:
        return None
    change = _remember(row, "deleted", by)
    db.session.delete(row)
    db.session.commit()
    return change


def rules_history(council_code: str | None = None, limit: int = 50) -> list[CouncilRulesChange]:
    """Saves and deletions of council rules, newest first (one council's, or everyone's)."""
    query = select(CouncilRulesChange).order_by(CouncilRulesChange.id.desc()).limit(limit)
    if council_code:
        query = query.where(CouncilRulesChange.council_code == council_code.strip().upper())
    return list(db.session.scalars(query))


def rules_as_saved(change: CouncilRulesChange) -> dict:
    return json.loads(change.rules_json)


@dataclass(frozen=True)
class CouncilDeadlines:
    """What the motion journey tells a councillor about their council."""

    rules: CouncilRules
    upcoming: list[MeetingDeadline]  # deadlines not yet passed, soonest first
    past_deadline: int  # future meetings left out because notice can no longer be given in time

    @property
    def notice(self) -> str:
        return describe_notice(self.rules.notice_days, self.rules.notice_kind)

    @property
    def next(self) -> MeetingDeadline | None:
        return self.upcoming[0] if self.upcoming else None


def deadlines_for(council_code: str, today: dt.date | None = None) -> CouncilDeadlines | None:
    """The council's rules and its meetings still open for notice; None when staff hold no rules for it."""
    rules = get_rules(council_code)
    if rules is None:
        return None
    today = today or london_today()
    future = [m.meeting_date for m in rules.meetings if m.meeting_date > today]
    upcoming = upcoming_deadlines(future, rules.notice_days, rules.notice_kind, today)
    return CouncilDeadlines(rules, upcoming, len(set(future)) - len(upcoming))
