"""What each letter was given and whether its writer added their own words: no personal data, so these
rows are kept like action counts (the staff dashboard's share of personalised letters comes from here)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..actions.models import utcnow
from ..db import db


class LetterChoice(db.Model):
    __tablename__ = "letter_choices"

    id: Mapped[int] = mapped_column(primary_key=True)
    letter_key: Mapped[str] = mapped_column(String(120), unique=True)  # one row per letter, not per download
    campaign: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))  # letter_mp | letter_council
    subject_index: Mapped[int | None]  # which of campaign.toml's subjects it got
    opening_index: Mapped[int | None]  # which opening (None: the campaign offers none)
    asks: Mapped[int] = mapped_column(default=0)  # how many of the campaign's asks were kept
    personalised: Mapped[bool] = mapped_column(default=False)  # the writer added their own words
    # Set by the letter's first output (download, draft, sending): only those letters are counted, and the
    # choices above can change (Change) until then.
    produced: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (Index("ix_letter_choices_campaign_created", "campaign", "created_at"),)
