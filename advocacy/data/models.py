"""Which data release the database holds: its manifest (sources, dates, licences) and when it was loaded."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..actions.models import utcnow
from ..db import db


class DataRelease(db.Model):
    """One load of a data release (by `flask setup` or `data update`). The newest row is what is loaded."""

    __tablename__ = "data_releases"

    id: Mapped[int] = mapped_column(primary_key=True)
    release: Mapped[str] = mapped_column(String(10))  # the build date, "2026-12-02": newer wins
    manifest: Mapped[str] = mapped_column(Text)  # manifest.json as loaded
    loaded_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)  # UTC, naive
