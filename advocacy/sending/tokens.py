"""Secret links emailed to residents: random, stored only as a SHA-256 hash, with an expiry.

A confirmation link works once; a follow-up link may be used again until it expires, so a resident who
answered "not yet" can come back and say "yes".
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from ..db import db
from ..secret_links import hash_token
from .models import SendToken

CONFIRMATION_LIFETIME = timedelta(hours=24)
FOLLOW_UP_LIFETIME = timedelta(days=60)


def issue_token(request_id: int, purpose: str, now: datetime, lifetime: timedelta) -> str:
    """Store a new token's hash for ``request_id`` (not committed) and return the raw token for the link."""
    raw = secrets.token_urlsafe(32)
    db.session.add(SendToken(token_hash=hash_token(raw), purpose=purpose, request_id=request_id,
                             expires_at=now + lifetime, created_at=now))
    return raw


def find_token(raw: str, purpose: str) -> SendToken | None:
    if not raw or len(raw) > 100:
        return None
    return db.session.scalar(db.select(SendToken).where(SendToken.token_hash == hash_token(raw),
                                                        SendToken.purpose == purpose))


def use_token(token: SendToken, now: datetime) -> bool:
    """Mark ``token`` used, atomically: of two clicks racing, exactly one gets True. Not committed."""
    result = db.session.execute(db.update(SendToken).where(SendToken.id == token.id, SendToken.used_at.is_(None))
                                .values(used_at=now))
    return result.rowcount == 1
