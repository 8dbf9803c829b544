"""One cache for pages that many people read and that may be a little behind (Flask-Caching).

In memory per process by default; in Redis when ADVOCACY_REDIS_URL is set, so every worker shares one
copy and a busy public page is worked out once a minute, not once a minute per worker.

A cache is only a shortcut: while Redis is down every read is a miss and every write is dropped, so each
page is worked out afresh instead of failing (the backend is wrapped once, in ``init_app``, so direct calls
and Flask-Caching's decorators alike degrade).
"""

from __future__ import annotations

from typing import Any, Callable

from flask import Flask
from flask_caching import Cache

from .redis_link import RedisHealth

cache = Cache()

# What each backend call answers while Redis cannot: "not cached", "not stored".
_WHILE_DOWN: dict[str, Callable[..., Any]] = {
    "get": lambda *a, **k: None,
    "has": lambda *a, **k: False,
    "get_many": lambda *keys, **k: [None] * len(keys),
    "get_dict": lambda *keys, **k: dict.fromkeys(keys),
    "set": lambda *a, **k: False,
    "add": lambda *a, **k: False,
    "set_many": lambda mapping, *a, **k: list(mapping),
    "delete": lambda *a, **k: False,
    "delete_many": lambda *keys, **k: [],
    "inc": lambda *a, **k: None,
    "dec": lambda *a, **k: None,
    "clear": lambda *a, **k: False,
}


class DegradingBackend:
    """A cache backend whose every call answers "miss"/"not stored" instead of raising when Redis fails."""

    def __init__(self, backend: Any, health: RedisHealth) -> None:
        self._backend = backend
        self._health = health

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._backend, name)
        if name not in _WHILE_DOWN or not callable(attribute):
            return attribute
        fallback = _WHILE_DOWN[name]

        def call(*args: Any, **kwargs: Any) -> Any:
            return self._health.call(lambda: attribute(*args, **kwargs), lambda: fallback(*args, **kwargs))
        return call


def init_app(app: Flask) -> None:
    redis_url = app.config.get("ADVOCACY_REDIS_URL")
    if redis_url:
        app.config.setdefault("CACHE_TYPE", "RedisCache")
        app.config.setdefault("CACHE_REDIS_URL", redis_url)
        app.config.setdefault("CACHE_KEY_PREFIX", "advocacy:cache:")
    else:
        app.config.setdefault("CACHE_TYPE", "SimpleCache")
    cache.init_app(app)
    if redis_url:
        backends = app.extensions["cache"]
        backends[cache] = DegradingBackend(backends[cache], RedisHealth("the page cache", "no cache"))
