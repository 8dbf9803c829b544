from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..actions.models import utcnow
from ..db import db
from ..privacy.registry import register_personal_data


class Supporter(db.Model):
    """A person who wrote a letter or a motion. Everything here is personal data and is purged after
    the retention period (ADVOCACY_RETENTION_DAYS); action records do not point here."""

    __tablename__ = "supporters"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign: Mapped[str] = mapped_column(String(80))
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(Text)
    postcode: Mapped[str | None] = mapped_column(String(10))
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    consent_updates: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


register_personal_data(Supporter, created="created_at", email="email",
                       description="Name, postal address, postcode and email of people who wrote a letter")
