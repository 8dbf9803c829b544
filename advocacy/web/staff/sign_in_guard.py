"""Failed staff sign-ins, counted atomically: the address trying is locked out, the account only slowed down.

Each attempt takes its place in the address's count *before* the password is checked, with one atomic
increment (Redis INCR, or a locked counter in this process), and gives it back if the password was right.
So thirty wrong passwords sent at once from one address are counted as thirty, not as the zero each of
them read before any had failed. Past ADVOCACY_SIGNIN_LIMIT failures, the address is refused for the rest
of the window.

An account that has had that many failures, from anywhere, is not locked (that would lock its owner out
from every address): it is slowed down to one attempt every ADVOCACY_SIGNIN_ACCOUNT_PACE, which makes
guessing hopeless and costs the owner a few seconds at most.

The counts live where Flask-Limiter keeps its own (Redis when configured, else memory), including its
in-memory fallback while Redis is down.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from limits import RateLimitItem
from limits import parse as parse_limit

from ...redis_link import redis_errors
from ..limits import limiter, wait_phrase


@dataclass(frozen=True)
class Refusal:
    message: str
    retry_after: int  # seconds


def _prefix() -> list[str]:
    prefix = current_app.config.get("RATELIMIT_KEY_PREFIX")
    return [prefix] if prefix else []


def _incr(item: RateLimitItem, *identifiers: str, amount: int = 1) -> int:
    """Add ``amount`` to one fixed-window count and return the new count, atomically."""
    key = item.key_for(*_prefix(), *identifiers)
    try:
        return limiter.limiter.storage.incr(key, item.get_expiry(), amount=amount)
    except redis_errors():
        if limiter._storage_dead or not current_app.config.get("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED"):
            raise
        # The same switch Flask-Limiter makes for every other limit: this process counts alone for a while.
        limiter.logger.warning("Rate limit storage unreachable - falling back to in-memory storage")
        limiter._storage_dead = True
        return limiter.limiter.storage.incr(key, item.get_expiry(), amount=amount)


def _limit() -> RateLimitItem:
    return parse_limit(current_app.config["ADVOCACY_SIGNIN_LIMIT"])


def _pace() -> RateLimitItem:
    return parse_limit(current_app.config["ADVOCACY_SIGNIN_ACCOUNT_PACE"])


def begin_attempt(address: str, email: str) -> Refusal | None:
    """Count a sign-in attempt from ``address`` for the account ``email`` (normalised); a Refusal when the
    address has failed too often, or the account is being slowed down and this attempt came too soon."""
    limit = _limit()
    if _incr(limit, "signin-address", address) > limit.amount:
        return Refusal(f"There have been too many failed attempts to sign in from this connection. Wait "
                       f"{wait_phrase(current_app.config['ADVOCACY_SIGNIN_LIMIT'])} and try again. If you have "
                       "forgotten your password, ask an admin to set a new one.", limit.get_expiry())
    if _incr(limit, "signin-account", email, amount=0) >= limit.amount:
        pace = _pace()
        if _incr(pace, "signin-pace", email) > pace.amount:
            _incr(limit, "signin-address", address, amount=-1)  # not tried: costs the address nothing
            return Refusal("There have been many failed attempts to sign in to this account, so for a while it "
                           "takes one attempt at a time, with a wait of "
                           f"{wait_phrase(current_app.config['ADVOCACY_SIGNIN_ACCOUNT_PACE'])} between them. Wait "
                           "and try again.", pace.get_expiry())
    return None


def attempt_succeeded(address: str) -> None:
    """A right password: the attempt does not count against the address."""
    _incr(_limit(), "signin-address", address, amount=-1)


def attempt_failed(email: str) -> None:
    """A wrong password: one more failure for the account (which slows it down past the limit)."""
    _incr(_limit(), "signin-account", email)
