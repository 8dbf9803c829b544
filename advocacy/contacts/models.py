"""Where to send a council letter: the council's postal address and email, from an open source or a CSV staff
imported (advocacy.contacts.importer). Public facts about councils, no personal data."""

from __future__ import annotations

import datetime as dt
from datetime import datetime

from sqlalchemy import Date, DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..actions.models import utcnow
from ..db import db


class CouncilContact(db.Model):
    __tablename__ = "council_contacts"

    council_code: Mapped[str] = mapped_column(String(12), primary_key=True)  # GSS code, as in ``councils``
    address: Mapped[str] = mapped_column(Text, default="")  # address lines, one per line, without the postcode
    postcode: Mapped[str | None] = mapped_column(String(10))
    email: Mapped[str | None] = mapped_column(String(320))
    source: Mapped[str] = mapped_column(String(300))  # where the details came from, e.g. the council's website
    checked_on: Mapped[dt.date | None] = mapped_column(Date)  # when the source was read
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    @property
    def address_lines(self) -> list[str]:
        return [line for line in (self.address or "").splitlines() if line.strip()]
