"""What staff see of the sending: counts by status, failed emails with the reason, and MPs getting
unusually many letters in a day (a sign of a script or a pile-on, worth a look before more go out)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..db import db
from .failures import failure_category, redact_addresses
from .models import FAILED, LETTER, MOTION_LINK, QUEUED, SENDING, SENT, STATUSES, OutboxMessage, SendRequest


def status_counts(campaign: str | None = None) -> dict[str, int]:
    query = db.select(OutboxMessage.status, db.func.count()).group_by(OutboxMessage.status)
    if campaign:
        query = query.where(OutboxMessage.campaign == campaign)
    found = dict(db.session.execute(query).all())
    return {status: found.get(status, 0) for status in STATUSES}


@dataclass(frozen=True)
class FailedEmail:
    id: int
    campaign: str
    purpose: str
    recipient: str  # the MP for letters; residents' own addresses are not shown
    subject: str
    attempts: int
    reason: str  # with email addresses removed: for admins
    category: str  # "Address rejected": for everyone
    when: dt.datetime
    outcome_unknown: bool = False  # it may have arrived: sending it again needs a confirmed duplicate risk
    ask: str = "the recipient"  # who can tell whether an email that may have arrived did


def failed_emails(limit: int = 200) -> list[FailedEmail]:
    rows = db.session.scalars(db.select(OutboxMessage).where(OutboxMessage.status == FAILED)
                              .order_by(OutboxMessage.updated_at.desc()).limit(limit))
    return [FailedEmail(row.id, row.campaign, row.purpose,
                        _recipient(row),
                        row.subject if row.purpose == LETTER else row.purpose.replace("_", "-") + " email",
                        row.attempts, redact_addresses(row.last_error or ""), failure_category(row.last_error or ""),
                        row.updated_at, row.outcome_unknown, _who_can_tell(row.purpose)) for row in rows]


# Who an email went to, as the failed-emails table says it: an office's address in full (the MP's, a council's
# democratic services), a person only by role (their own address is personal data).
_OFFICES = (LETTER, "motion")
_ROLES = {MOTION_LINK: "The councillor", "reminder": "The councillor", "case_study": "Campaign staff"}


def _recipient(row: OutboxMessage) -> str:
    if row.purpose in _OFFICES:
        return f"{row.to_name} <{row.to_address}>"
    return _ROLES.get(row.purpose, "The resident")


def _who_can_tell(purpose: str) -> str:
    # A letter's resident may have heard from the MP's office; other emails have one reader to ask.
    return "the MP's office or the resident" if purpose == LETTER else "the recipient"


@dataclass(frozen=True)
class BusyMP:
    name: str
    address: str
    letters: int


def busy_mps(day: dt.date, threshold: int) -> list[BusyMP]:
    """MPs with more than ``threshold`` letters confirmed for sending on ``day`` (UTC)."""
    start = dt.datetime.combine(day, dt.time())
    end = start + dt.timedelta(days=1)
    rows = db.session.execute(
        db.select(db.func.max(SendRequest.mp_name), db.func.max(OutboxMessage.to_address), db.func.count())
        .join(OutboxMessage, OutboxMessage.id == SendRequest.letter_message_id)
        .where(OutboxMessage.status.in_((QUEUED, SENDING, SENT)),
               SendRequest.confirmed_at >= start, SendRequest.confirmed_at < end)
        .group_by(SendRequest.mp_key).having(db.func.count() > threshold).order_by(db.func.count().desc()))
    return [BusyMP(name, addr, count) for name, addr, count in rows]
