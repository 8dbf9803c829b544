"""The seconder's private link for a motion. No personal data here: the seconder's name and ward are
saved with the proposer's (``motion_proposers``, registered as personal data and purged on schedule)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ..actions.models import utcnow
from ..db import db


class SeconderInvite(db.Model):
    __tablename__ = "motion_seconder_invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("motion_reports.id", ondelete="CASCADE"), unique=True)
    # sha256 of the link's token; the token itself is never stored. A new link replaces the old one.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime)  # UTC, naive
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
