"""Reminders asked for during a general election: 'email me when my new MP is known'. Personal data."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from ..actions.models import utcnow
from ..db import db
from ..privacy.registry import register_personal_data


class MPReminder(db.Model):
    __tablename__ = "mp_reminders"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    campaign: Mapped[str] = mapped_column(String(80))
    # The constituency the postcode is in (GSS code and name), not the postcode: enough to know when the
    # seat has its new MP, and less about the person.
    constituency_code: Mapped[str | None] = mapped_column(String(12), index=True)
    constituency_name: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)


register_personal_data(MPReminder, created="created_at", email="email",
                       description="Email address and constituency of people who asked to be told when their "
                                   "new MP is known after a general election")
