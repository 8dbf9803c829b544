from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import DateTime, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import db

KINDS = ("letter_mp", "letter_council", "motion")
# How the output left the app: a download, a draft the resident sends, their own report, or our sending.
CHANNELS = ("pdf", "email_draft", "eml", "text", "docx", "self_reported", "sent", "confirmed")


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class Action(db.Model):
    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Makes recording idempotent: a refresh, a double click or a second download of the same
    # submission's PDF finds the key taken and records nothing new.
    idempotency_key: Mapped[str | None] = mapped_column(String(120), unique=True)
    campaign: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))
    channel: Mapped[str] = mapped_column(String(20))
    constituency_code: Mapped[str | None] = mapped_column(String(12))
    constituency_name: Mapped[str | None] = mapped_column(String(120))
    mp_member_id: Mapped[int | None]
    council_code: Mapped[str | None] = mapped_column(String(12))
    council_name: Mapped[str | None] = mapped_column(String(120))
    # The children's services authority whose figures the document used (county for a district).
    authority_code: Mapped[str | None] = mapped_column(String(12))
    authority_name: Mapped[str | None] = mapped_column(String(120))
    region: Mapped[str | None] = mapped_column(String(60))
    country: Mapped[str | None] = mapped_column(String(40))
    template_version: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)  # UTC, naive

    __table_args__ = (
        Index("ix_actions_campaign_created", "campaign", "created_at"),
        Index("ix_actions_campaign_constituency", "campaign", "constituency_code"),
        Index("ix_actions_campaign_council", "campaign", "council_code"),
    )

    def __repr__(self) -> str:
        return f"<Action {self.campaign} {self.kind}/{self.channel} {self.constituency_code}>"


class ActionAsk(db.Model):
    """Which of the campaign's asks a letter included (ask ids from campaign.toml): counts only, so the
    evidence packs can say which asks residents chose most. Kept as long as the action itself."""

    __tablename__ = "action_asks"

    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), primary_key=True)
    ask_id: Mapped[str] = mapped_column(String(40), primary_key=True)
