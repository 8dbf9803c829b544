"""Letter drafts: what a resident typed for one letter, kept server-side so Change, refresh and every
output (PDF, email draft, .eml, text) come from the same answers. Personal data: purged on schedule."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Index, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from ..actions.models import utcnow
from ..db import db
from ..privacy.registry import register_personal_data

KINDS = ("letter_mp", "letter_council")


def new_public_id() -> str:
    """An unguessable id for URLs: 128 random bits, so one resident cannot reach another's letter."""
    return secrets.token_urlsafe(16)


class LetterDraft(db.Model):
    __tablename__ = "letter_drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_public_id)
    campaign: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))  # letter_mp | letter_council
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(Text)  # street lines and town, one per line, without the postcode
    postcode: Mapped[str] = mapped_column(String(10))
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    asks: Mapped[list[str]] = mapped_column(JSON, default=list)  # chosen ask ids, in the campaign's order
    personal: Mapped[str] = mapped_column(Text, default="")
    consent_updates: Mapped[bool] = mapped_column(default=False)
    # The lookup the letter was written against (constituency, MP, council, authority, region, country),
    # so the outputs stay the same letter even if the services answer differently later.
    lookup: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    subject: Mapped[str] = mapped_column(String(300))
    # The subject and opening drawn for this letter (advocacy.campaigns.variants), read with the draft by
    # every page and output; letter_choices keeps them past the draft for the statistics. None on drafts
    # saved before the columns existed, whose variant is read from letter_choices.
    subject_index: Mapped[int | None] = mapped_column()
    opening_index: Mapped[int | None] = mapped_column()
    template_version: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)  # UTC, naive
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime)  # when the resident said "I've sent it"
    # "Did your MP reply?": asked once, only with consent, ADVOCACY_FOLLOW_UP_DAYS after the letter left us
    # (its first PDF, email draft, .eml or "I've sent it"); follow_up_key is set once asked.
    follow_up_consent: Mapped[bool] = mapped_column(default=False, server_default=false())
    taken_at: Mapped[datetime | None] = mapped_column(DateTime)
    follow_up_key: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (Index("ix_letter_drafts_follow_up_due", "follow_up_consent", "follow_up_key"),)

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    def __repr__(self) -> str:
        return f"<LetterDraft {self.campaign} {self.kind} {self.public_id[:6]}…>"


register_personal_data(LetterDraft, created="created_at", email="email",
                       description="Letters being written: name, postal address, email and what the writer "
                                   "added, with the MP and council they wrote to")
