"""Staff accounts, and the running counts the dashboard reads instead of scanning every action."""

from __future__ import annotations

import datetime as dt
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Date, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..actions.models import utcnow
from ..db import db

ROLES = ("admin", "viewer")


class StaffUser(UserMixin, db.Model):
    """A member of campaign staff. No default account exists: the first admin is made with the CLI."""

    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)  # stored lower-case
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(10))
    # Changes with every new password, so a password change signs out every other session.
    session_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    last_signed_in_at: Mapped[datetime | None] = mapped_column(DateTime)

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}"

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


# The two tables below are kept up to date by database triggers on `actions` (see the migration
# 0004_staff), inside the same transaction as each action, so they are always exact. `staff recount`
# rebuilds them from the actions table if they are ever in doubt.

class ActionDayCount(db.Model):
    """Actions per campaign, UTC day, kind and channel."""

    __tablename__ = "action_day_counts"

    campaign: Mapped[str] = mapped_column(String(80), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    channel: Mapped[str] = mapped_column(String(20), primary_key=True)
    total: Mapped[int] = mapped_column(Integer)

    __table_args__ = {"sqlite_with_rowid": False}


PLACE_TYPES = ("constituency", "council", "authority", "region", "country")


class ActionPlaceCount(db.Model):
    """Actions per campaign, place and UTC day. ``code`` is '' when an action had no such place."""

    __tablename__ = "action_place_counts"

    campaign: Mapped[str] = mapped_column(String(80), primary_key=True)
    place_type: Mapped[str] = mapped_column(String(12), primary_key=True)
    code: Mapped[str] = mapped_column(String(120), primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    name: Mapped[str | None] = mapped_column(String(120))
    total: Mapped[int] = mapped_column(Integer)

    __table_args__ = {"sqlite_with_rowid": False}
