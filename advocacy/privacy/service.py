from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import inspect

from ..db import db
from .registry import personal_data_models


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def purge_expired(retention_days: int, *, now: datetime | None = None, dry_run: bool = False) -> dict[str, int]:
    """Delete personal data stored more than ``retention_days`` ago. Returns rows deleted per table."""
    cutoff = (now or _now()) - timedelta(days=retention_days)
    deleted: dict[str, int] = {}
    for entry in personal_data_models():
        created = getattr(entry.model, entry.created_column)
        condition = created < cutoff
        if dry_run:
            deleted[entry.model.__tablename__] = db.session.scalar(
                db.select(db.func.count()).select_from(entry.model).where(condition))
        else:
            deleted[entry.model.__tablename__] = db.session.execute(
                db.delete(entry.model).where(condition)).rowcount
    if not dry_run:
        db.session.commit()
    return deleted


def _row_dict(row: Any) -> dict[str, Any]:
    values = {}
    for column in inspect(row).mapper.column_attrs:
        value = getattr(row, column.key)
        values[column.key] = value.isoformat() if isinstance(value, datetime) else value
    return values


def export_person(email: str) -> dict[str, list[dict[str, Any]]]:
    """Everything stored about the person with this email address, table by table (subject access)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for entry in personal_data_models():
        if entry.email_column is None:
            continue
        column = getattr(entry.model, entry.email_column)
        rows = db.session.scalars(db.select(entry.model).where(db.func.lower(column) == email.strip().lower()))
        found[entry.model.__tablename__] = [_row_dict(row) for row in rows]
    return found


def erase_person(email: str) -> dict[str, int]:
    """Delete everything stored about the person with this email address. Counts are kept."""
    deleted: dict[str, int] = {}
    for entry in personal_data_models():
        if entry.email_column is None:
            continue
        column = getattr(entry.model, entry.email_column)
        deleted[entry.model.__tablename__] = db.session.execute(
            db.delete(entry.model).where(db.func.lower(column) == email.strip().lower())).rowcount
    db.session.commit()
    return deleted
