"""The app's connection to Redis (ADVOCACY_REDIS_URL) and what happens while Redis is down.

Redis holds what several app processes must share: the HTTP cache of API answers, rate-limit counts and
the job queue. None of it is worth failing a resident's letter for, so a Redis outage degrades each user
instead of breaking the page: the HTTP cache falls back to the instance's own SQLite cache, rate limits
are counted per process (Flask-Limiter's in-memory fallback). Timeouts are short, so a Redis that does not
answer costs a request half a second at most, and after a failure Redis is left alone for
``RETRY_SECONDS`` before the next try. Each outage is logged once when it starts and once when it ends.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable, TypeVar

log = logging.getLogger("advocacy.redis")

CONNECT_TIMEOUT = 0.5  # seconds; Redis is on the local network or nowhere
COMMAND_TIMEOUT = 0.5
RETRY_SECONDS = 10.0

T = TypeVar("T")


def redis_options() -> dict[str, Any]:
    """Connection options for every Redis client the app makes (also Flask-Limiter's storage)."""
    return {"socket_connect_timeout": CONNECT_TIMEOUT, "socket_timeout": COMMAND_TIMEOUT}


def redis_client(url: str):
    """A Redis client with short timeouts. Connecting is lazy: this never fails, a command may."""
    import redis

    return redis.Redis.from_url(url, **redis_options())


def redis_errors() -> tuple[type[BaseException], ...]:
    import redis

    return (redis.exceptions.RedisError, OSError)


class RedisHealth:
    """Whether Redis is worth asking right now; shared by everything one app process sends to Redis."""

    def __init__(self, purpose: str, fallback: str) -> None:
        self.purpose = purpose  # "the HTTP cache"
        self.fallback = fallback  # "this process's SQLite cache"
        self._down_until = 0.0
        self._down = False
        self._lock = threading.Lock()

    @property
    def down(self) -> bool:
        return self._down

    def usable(self) -> bool:
        return not self._down or time.monotonic() >= self._down_until

    def failed(self, error: BaseException) -> None:
        with self._lock:
            self._down_until = time.monotonic() + RETRY_SECONDS
            if self._down:
                return
            self._down = True
        log.warning("Redis unavailable (%s: %s): %s uses %s until it answers again",
                    type(error).__name__, error, self.purpose, self.fallback)

    def answered(self) -> None:
        if not self._down:
            return
        with self._lock:
            if not self._down:
                return
            self._down = False
        log.warning("Redis answers again: %s is back on Redis", self.purpose)

    def call(self, primary: Callable[[], T], fallback: Callable[[], T]) -> T:
        """``primary()`` (which talks to Redis) unless Redis is known to be down; ``fallback()`` instead
        while it is, or when ``primary`` fails to reach it."""
        if self.usable():
            try:
                result = primary()
            except KeyError:  # "not there" is an answer
                self.answered()
                raise
            except redis_errors() as error:
                self.failed(error)
            else:
                self.answered()
                return result
        return fallback()
