"""Tables for council motions.

``councils`` and ``council_constituencies`` are public registers (imported). ``motion_reports`` holds
what a motion's public record needs (council, meeting, tabled date, outcome, minutes link) and the hash
of the private report-back link: no personal data, so every count survives a purge. The proposer's
name, ward and email live apart in ``motion_proposers``, registered as personal data and purged on
schedule.
"""

from __future__ import annotations

import datetime as dt
from datetime import datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..actions.models import utcnow
from ..db import db
from ..privacy.registry import register_personal_data

TIERS = ("county", "district", "unitary")

# Outcome slug -> how the public page and the form say it.
OUTCOMES: dict[str, str] = {
    "pending": "Tabled, not debated yet",
    "passed": "Passed",
    "passed_amended": "Passed with amendments",
    "fell": "Fell",
    "withdrawn": "Withdrawn",
    "deferred": "Deferred",
}
PASSED = ("passed", "passed_amended")

# Whether a report may be shown: only "automatic" and "staff" reports count anywhere public.
VERIFICATIONS: dict[str, str] = {
    "unverified": "Waiting for a check",
    "automatic": "Verified: minutes on the council's website",
    "staff": "Verified by staff",
    "withdrawn": "Withdrawn by staff",
}
VERIFIED = ("automatic", "staff")


class Council(db.Model):
    """A UK council from the register: county, district or unitary (incl. metropolitan and London
    boroughs, and the councils of Wales, Scotland and Northern Ireland). ``parent_code`` is the county of a
    district."""

    __tablename__ = "councils"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))  # "Leeds City Council"
    folded_name: Mapped[str] = mapped_column(String(120), index=True)  # for searching, accents ignored
    tier: Mapped[str] = mapped_column(String(10))
    parent_code: Mapped[str | None] = mapped_column(String(12))
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)
    # Filled by the data release's council register; None in a register imported before it.
    short_name: Mapped[str | None] = mapped_column(String(120))  # "Leeds"
    nation: Mapped[str | None] = mapped_column(String(20))  # "England", "Wales", "Scotland", "Northern Ireland"
    govuk_slug: Mapped[str | None] = mapped_column(String(80))
    homepage_url: Mapped[str | None] = mapped_column(String(255))  # its domain verifies minutes links


class CouncilConstituency(db.Model):
    """A Westminster constituency that covers part of a council (from DfE's mp_lookup.csv)."""

    __tablename__ = "council_constituencies"

    council_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    constituency_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    constituency_name: Mapped[str] = mapped_column(String(120))
    is_sample: Mapped[bool] = mapped_column(Boolean, default=False)


class MotionReport(db.Model):
    """One drafted motion and what its councillor reported about it. No personal data."""

    __tablename__ = "motion_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    # sha256 of the submission's random id: a second press of "Create" finds this row again.
    submission_key: Mapped[str] = mapped_column(String(64), unique=True)
    # sha256 of the private report-back token; the token itself is never stored.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    token_expires_at: Mapped[datetime] = mapped_column(DateTime)  # UTC, naive
    campaign: Mapped[str] = mapped_column(String(80))
    council_code: Mapped[str] = mapped_column(String(12))
    council_name: Mapped[str] = mapped_column(String(120))
    authority_code: Mapped[str | None] = mapped_column(String(12))
    authority_name: Mapped[str | None] = mapped_column(String(120))
    meeting: Mapped[str] = mapped_column(String(20))
    meeting_date: Mapped[dt.date | None] = mapped_column(Date)
    tabled_on: Mapped[dt.date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(String(20))
    minutes_url: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    reported_at: Mapped[datetime | None] = mapped_column(DateTime)
    # A VERIFICATIONS key: public pages, counts and evidence packs use only VERIFIED reports.
    verification: Mapped[str] = mapped_column(String(12), default="unverified", server_default="unverified",
                                              index=True)
    verified_at: Mapped[datetime | None] = mapped_column(DateTime)

    __table_args__ = (Index("ix_motion_reports_campaign_tabled", "campaign", "tabled_on"),)

    @property
    def outcome_label(self) -> str:
        return OUTCOMES.get(self.outcome or "", "Not reported yet")

    @property
    def verification_label(self) -> str:
        return VERIFICATIONS.get(self.verification, self.verification)

    @property
    def is_public(self) -> bool:
        return self.verification in VERIFIED and self.tabled_on is not None


def public_reports():
    """The SQL condition for reports that may be counted or shown publicly (verified, with a tabled date)."""
    return MotionReport.verification.in_(VERIFIED) & MotionReport.tabled_on.is_not(None)


class MotionReportChange(db.Model):
    """One change of a motion report: what the councillor reported, or a check by the site or by staff.
    Never updated or deleted (only with its report). ``actor`` is "councillor" (the private link),
    "automatic" or "staff: <email>"."""

    __tablename__ = "motion_report_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("motion_reports.id", ondelete="CASCADE"), index=True)
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    actor: Mapped[str] = mapped_column(String(340))
    action: Mapped[str] = mapped_column(String(20))  # "reported", "verified", "withdrawn"
    outcome: Mapped[str | None] = mapped_column(String(20))
    tabled_on: Mapped[dt.date | None] = mapped_column(Date)
    minutes_url: Mapped[str | None] = mapped_column(String(500))
    verification: Mapped[str] = mapped_column(String(12))  # the report's verification after this change
    note: Mapped[str | None] = mapped_column(String(500))


class MotionProposer(db.Model):
    """Who proposed and seconded a motion, and where to send the report-back link: personal data."""

    __tablename__ = "motion_proposers"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("motion_reports.id", ondelete="CASCADE"), index=True)
    proposer_name: Mapped[str] = mapped_column(String(200))
    proposer_ward: Mapped[str] = mapped_column(String(200))
    party: Mapped[str | None] = mapped_column(String(120))
    seconder_name: Mapped[str | None] = mapped_column(String(200))
    seconder_ward: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)
    # The motion as drafted (title and Markdown body), shown whole to the seconder before they agree.
    motion_title: Mapped[str | None] = mapped_column(String(200))
    motion_body: Mapped[str | None] = mapped_column(Text)


register_personal_data(MotionProposer, created="created_at", email="email",
                       description="Names and wards of the councillors proposing and seconding a council "
                                   "motion, and the email address they gave for their report-back link")
