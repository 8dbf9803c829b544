"""Each council's rules for motions, kept by staff. Public information about councils, no personal data:
the democratic services address is an office's, not a person's."""

from __future__ import annotations

import datetime as dt
from datetime import datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..actions.models import utcnow
from ..db import db


class CouncilRules(db.Model):
    __tablename__ = "council_rules"

    council_code: Mapped[str] = mapped_column(String(12), primary_key=True)  # E06/E07/E08/E09/E10...
    council_name: Mapped[str] = mapped_column(String(120))
    notice_days: Mapped[int] = mapped_column(Integer)
    notice_kind: Mapped[str] = mapped_column(String(10))  # "working" or "clear" (deadlines.NOTICE_KINDS)
    seconder_required: Mapped[bool] = mapped_column(Boolean, default=False)
    democratic_services_email: Mapped[str | None] = mapped_column(String(320))
    last_checked: Mapped[dt.date | None] = mapped_column(Date)  # when staff last checked the constitution
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[str] = mapped_column(String(320), default="")

    meetings: Mapped[list["CouncilMeeting"]] = relationship(
        back_populates="rules", cascade="all, delete-orphan", order_by="CouncilMeeting.meeting_date")

    def __repr__(self) -> str:
        return f"<CouncilRules {self.council_code} {self.notice_days} {self.notice_kind}>"


class CouncilMeeting(db.Model):
    """An upcoming meeting at which motions can be moved (normally Full Council)."""

    __tablename__ = "council_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    council_code: Mapped[str] = mapped_column(
        String(12), ForeignKey("council_rules.council_code", ondelete="CASCADE"), index=True)
    meeting_date: Mapped[dt.date] = mapped_column(Date)
    meeting_name: Mapped[str] = mapped_column(String(60), default="Full Council")

    rules: Mapped[CouncilRules] = relationship(back_populates="meetings")

    __table_args__ = (UniqueConstraint("council_code", "meeting_date", "meeting_name",
                                       name="uq_council_meetings_date"),)


class CouncilRulesChange(db.Model):
    """One save or deletion of a council's rules, with the rules as they were afterwards (saved) or
    before (deleted), so no edit is lost without trace and a deletion can be put back by hand."""

    __tablename__ = "council_rules_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    council_code: Mapped[str] = mapped_column(String(12), index=True)
    council_name: Mapped[str] = mapped_column(String(120))
    change: Mapped[str] = mapped_column(String(10))  # "saved" | "deleted"
    rules_json: Mapped[str] = mapped_column(Text)
    changed_by: Mapped[str] = mapped_column(String(320))
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
