"""The MP directory: every current constituency and its MP, synced from the Members API
(`flask --app advocacy mps sync`). Lookups fall back to it when the Members API is down, and the manual
path lets residents pick their constituency from it. Public information only, no personal data."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..actions.models import utcnow
from ..db import db


class Constituency(db.Model):
    __tablename__ = "constituencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    # GSS code (E14..., S14..., W07..., N05...): what postcodes.io and action records use. Unknown
    # until a codes file has been loaded, because the Members API has no GSS codes.
    code: Mapped[str | None] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    folded_name: Mapped[str] = mapped_column(String(120), unique=True)  # members.fold(name), for matching
    parliament_id: Mapped[int | None] = mapped_column(unique=True)  # Members API constituency id
    region: Mapped[str | None] = mapped_column(String(60))
    country: Mapped[str | None] = mapped_column(String(40))

    mp: Mapped["DirectoryMP | None"] = relationship(back_populates="constituency", uselist=False)

    def __repr__(self) -> str:
        return f"<Constituency {self.code} {self.name}>"


class DirectoryMP(db.Model):
    """A current MP as last synced. A constituency without a row here is vacant (as of ``synced_at``)."""

    __tablename__ = "mps"

    member_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(200))
    party: Mapped[str | None] = mapped_column(String(120))
    email: Mapped[str | None] = mapped_column(String(320))
    thumbnail_url: Mapped[str | None] = mapped_column(String(300))
    constituency_id: Mapped[int] = mapped_column(ForeignKey("constituencies.id"), unique=True)
    synced_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)  # UTC, naive

    constituency: Mapped[Constituency] = relationship(back_populates="mp")

    @property
    def constituency_code(self) -> str | None:
        return self.constituency.code

    def __repr__(self) -> str:
        return f"<DirectoryMP {self.member_id} {self.name}>"


class MPSyncRun(db.Model):
    """One successful `mps sync`: when, how many current MPs the Members API listed, and what changed.
    A run that found no current MP at all means Parliament is dissolved (see advocacy.elections)."""

    __tablename__ = "mp_sync_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    synced_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, index=True)  # UTC, naive
    mps: Mapped[int] = mapped_column(default=0)
    new: Mapped[int] = mapped_column(default=0)
    changed: Mapped[int] = mapped_column(default=0)
    gone: Mapped[int] = mapped_column(default=0)
