"""Case studies sent by council officers. The story itself (``case_studies``) is kept for as long as the
campaign wants to show it; the officer's contact email (``case_study_contacts``) is personal data and is
purged after the retention period like every other."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..actions.models import utcnow
from ..db import db
from ..privacy.registry import register_personal_data

SUBMITTED = "submitted"
PUBLISHED = "published"


class CaseStudy(db.Model):
    __tablename__ = "case_studies"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200))
    council: Mapped[str] = mapped_column(String(200))
    what_they_did: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(Text)
    consent_to_publish: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(12), default=SUBMITTED)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)  # UTC, naive
    published_at: Mapped[datetime | None] = mapped_column(DateTime)
    published_by: Mapped[str | None] = mapped_column(String(320))  # the staff account that published it

    __table_args__ = (Index("ix_case_studies_campaign_status", "campaign", "status"),)

    @property
    def is_published(self) -> bool:
        return self.status == PUBLISHED


class CaseStudyContact(db.Model):
    """How to reach the officer who sent a case study: staff only, never published."""

    __tablename__ = "case_study_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_study_id: Mapped[int] = mapped_column(Integer, ForeignKey("case_studies.id", ondelete="CASCADE"),
                                               index=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


register_personal_data(CaseStudyContact, created="created_at", email="email",
                       description="Contact email of council officers who sent a case study")
