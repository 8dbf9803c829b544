from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import insert
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..db import db
from .models import CHANNELS, KINDS, Action, ActionAsk, utcnow


@dataclass(frozen=True)
class Place:
    """Where an action was aimed: public geography only, never a person."""

    constituency_code: str | None = None
    constituency_name: str | None = None
    mp_member_id: int | None = None
    council_code: str | None = None
    council_name: str | None = None
    authority_code: str | None = None
    authority_name: str | None = None
    region: str | None = None
    country: str | None = None


def record_action(
    *,
    campaign: str,
    kind: str,
    channel: str,
    place: Place,
    template_version: str | None = None,
    idempotency_key: str | None = None,
    asks: Sequence[str] = (),
) -> bool:
    """Record one action and commit. Returns False when ``idempotency_key`` was already recorded.

    ``asks``: the ids of the campaign asks the letter included (counted in the evidence packs).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown action kind {kind!r}")
    if channel not in CHANNELS:
        raise ValueError(f"unknown action channel {channel!r}")
    values = {
        "campaign": campaign, "kind": kind, "channel": channel, "template_version": template_version,
        "idempotency_key": idempotency_key, "created_at": utcnow(), **place.__dict__,
    }
    if idempotency_key is None:
        statement = insert(Action).values(**values).returning(Action.id)
    else:
        # INSERT ... ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike): of any number of concurrent
        # requests with the same key exactly one inserts, the others insert nothing, and none fails or
        # rolls back anything else the caller's transaction holds.
        statement = (_dialect_insert()(Action).values(**values)
                     .on_conflict_do_nothing(index_elements=["idempotency_key"]).returning(Action.id))
    action_id = db.session.execute(statement).scalar()
    if action_id is not None and asks:
        db.session.add_all(ActionAsk(action_id=action_id, ask_id=ask) for ask in dict.fromkeys(asks))
    db.session.commit()
    return action_id is not None


def _dialect_insert():
    if db.session.get_bind().dialect.name == "postgresql":
        return postgresql_insert
    return sqlite_insert
