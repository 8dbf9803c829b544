from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from sqlalchemy.exc import IntegrityError

from ..db import db
from .models import CHANNELS, KINDS, Action, ActionAsk


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
    action = Action(
        campaign=campaign,
        kind=kind,
        channel=channel,
        template_version=template_version,
        idempotency_key=idempotency_key,
        **place.__dict__,
    )
    if idempotency_key is not None:
        exists = db.session.scalar(db.select(Action.id).where(Action.idempotency_key == idempotency_key))
        if exists is not None:
            return False
    db.session.add(action)
    try:
        if asks:
            db.session.flush()  # gives the action its id, in the same transaction
            db.session.add_all(ActionAsk(action_id=action.id, ask_id=ask) for ask in dict.fromkeys(asks))
        db.session.commit()
    except IntegrityError:
        # Two requests raced past the check above; the unique key let exactly one in.
        db.session.rollback()
        return False
    return True
