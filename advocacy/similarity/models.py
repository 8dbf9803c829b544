"""Fingerprints of letters already sent, per recipient: hashes only, never text. Purged with personal data
after the retention period (a fingerprint says nothing readable, but it came from what a person wrote)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ..actions.models import utcnow
from ..db import db
from ..privacy.registry import register_personal_data


class LetterFingerprint(db.Model):
    __tablename__ = "letter_fingerprints"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign: Mapped[str] = mapped_column(String(80))
    recipient: Mapped[str] = mapped_column(String(40))  # "mp:4658", "council:E08000035"
    sketch: Mapped[bytes] = mapped_column(LargeBinary)  # 8-byte hashes, see fingerprint.pack
    # One fingerprint per letter, however many times it is downloaded: the letter's own key.
    letter_key: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)

    __table_args__ = (Index("ix_letter_fingerprints_recipient_created", "recipient", "created_at"),)


register_personal_data(LetterFingerprint, created="created_at", email=None,
                       description="Fingerprints of letters sent (hashes of word runs, no text), to warn a writer "
                                   "when their letter is nearly the same as others to the same MP")
