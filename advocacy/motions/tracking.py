"""Following a motion from download to decision: the private report-back link, the councillor's
report (tabled on a date, the outcome, the minutes), and the public record and counts built from it.

The link's token is random and only its sha256 is stored, so a copy of the database cannot be used to
report for anyone. A wrong, unknown or expired token finds nothing (the page is a plain 404).
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Iterator

from sqlalchemy import func, select

from ..actions.models import utcnow
from ..db import db
from ..secret_links import hash_token
from . import verification
from .models import OUTCOMES, PASSED, MotionProposer, MotionReport, public_reports
from .service import DraftedMotion, MotionDraft, submission_key

TOKEN_BYTES = 32


@dataclass(frozen=True)
class CreatedReport:
    report: MotionReport
    token: str | None  # only when just created: the token is never stored, so it cannot be shown again


def create_report(campaign: str, drafted: DraftedMotion, draft: MotionDraft, submission: str, *,
                  link_days: int) -> CreatedReport:
    """The motion's tracking record and private link, once per submission (a second call finds the first)."""
    key = submission_key(submission)
    existing = db.session.scalar(select(MotionReport).where(MotionReport.submission_key == key))
    if existing is not None:
        return CreatedReport(existing, None)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    report = MotionReport(
        submission_key=key, token_hash=hash_token(token),
        token_expires_at=utcnow() + dt.timedelta(days=link_days), campaign=campaign,
        council_code=drafted.council.code, council_name=drafted.council.name,
        authority_code=drafted.authority.code, authority_name=drafted.authority.name,
        meeting=draft.meeting, meeting_date=draft.meeting_date,
    )
    db.session.add(report)
    db.session.flush()
    db.session.add(MotionProposer(
        report_id=report.id, proposer_name=draft.proposer_name, proposer_ward=draft.proposer_ward,
        party=draft.party or None, seconder_name=draft.seconder_name or None,
        seconder_ward=draft.seconder_ward or None, email=draft.email or None,
        motion_title=drafted.motion.title[:200], motion_body=drafted.motion.body))
    db.session.commit()
    return CreatedReport(report, token)


def report_for_token(token: str) -> MotionReport | None:
    """The report this private link belongs to; None when the token is wrong or has expired."""
    if not token or len(token) > 100:
        return None
    report = db.session.scalar(select(MotionReport).where(MotionReport.token_hash == hash_token(token)))
    if report is None or report.token_expires_at < utcnow():
        return None
    return report


def save_report(report: MotionReport, *, tabled_on: dt.date, outcome: str, minutes_url: str | None) -> None:
    """Record what the councillor reported (a later report replaces an earlier one, and the earlier one
    stays in the report's history). The report is public only once verified: automatically when the
    minutes are on the council's own website, else by staff."""
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown outcome {outcome!r}")
    changed = (report.tabled_on, report.outcome, report.minutes_url) != (tabled_on, outcome, minutes_url or None)
    report.tabled_on, report.outcome = tabled_on, outcome
    report.minutes_url = minutes_url or None
    report.reported_at = utcnow()
    if changed or report.verification == "unverified":  # saving the same report again keeps its check
        verification.check_automatically(report)
    verification.record_councillor_report(report)
    db.session.commit()


@dataclass(frozen=True)
class PublicRecord:
    reports: list[MotionReport]  # tabled, newest first
    counts: dict[str, int]  # outcome -> reports, every outcome listed
    tabled: int
    passed: int


def public_record(campaign: str) -> PublicRecord:
    """Councils that tabled the campaign's motion, with dates and outcomes, and counts by outcome: verified
    reports only (an unverified or withdrawn report is counted nowhere public)."""
    reports = list(db.session.scalars(
        select(MotionReport).where(MotionReport.campaign == campaign, public_reports())
        .order_by(MotionReport.tabled_on.desc(), MotionReport.council_name)))
    counts = {outcome: 0 for outcome in OUTCOMES}
    for report in reports:
        counts[report.outcome or "pending"] = counts.get(report.outcome or "pending", 0) + 1
    return PublicRecord(reports, counts, tabled=len(reports), passed=sum(counts[o] for o in PASSED))


def report_counts(campaign: str, start: dt.date | None, end: dt.date | None, *,
                  verified_only: bool = True) -> tuple[int, int]:
    """(tabled, passed) for motions reported tabled between ``start`` and ``end`` (both included): verified
    reports only unless ``verified_only`` is False (staff see both)."""
    query = select(func.count(MotionReport.id),
                   func.count(MotionReport.id).filter(MotionReport.outcome.in_(PASSED))).where(
        MotionReport.campaign == campaign,
        public_reports() if verified_only else MotionReport.tabled_on.is_not(None))
    if start is not None:
        query = query.where(MotionReport.tabled_on >= start)
    if end is not None:
        query = query.where(MotionReport.tabled_on <= end)
    tabled, passed = db.session.execute(query).one()
    return int(tabled), int(passed)


def any_reports() -> bool:
    return db.session.scalar(select(MotionReport.id).limit(1)) is not None


REPORT_COLUMNS = ("id", "created_at", "campaign", "council_code", "council_name", "authority_code",
                  "authority_name", "meeting", "meeting_date", "tabled_on", "outcome", "minutes_url",
                  "reported_at", "verification", "verified_at")


def report_rows(campaign: str, batch: int = 1000) -> Iterator[tuple]:
    """Every motion record of a campaign, oldest first, streamed (no personal data in these columns)."""
    columns = [getattr(MotionReport, name) for name in REPORT_COLUMNS]
    query = select(*columns).where(MotionReport.campaign == campaign).order_by(MotionReport.id)
    yield from db.session.execute(query.execution_options(yield_per=batch))
