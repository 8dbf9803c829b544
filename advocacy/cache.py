"""One cache for pages that many people read and that may be a little behind (Flask-Caching).

In memory per process by default; in Redis when ADVOCACY_REDIS_URL is set, so every worker shares one
copy and a busy public page is worked out once a minute, not once a minute per worker.
"""

from __future__ import annotations

from flask import Flask
from flask_caching import Cache

cache = Cache()


def init_app(app: Flask) -> None:
    redis_url = app.config.get("ADVOCACY_REDIS_URL")
    if redis_url:
        app.config.setdefault("CACHE_TYPE", "RedisCache")
        app.config.setdefault("CACHE_REDIS_URL", redis_url)
        app.config.setdefault("CACHE_KEY_PREFIX", "advocacy:cache:")
    else:
        app.config.setdefault("CACHE_TYPE", "SimpleCache")
    cache.init_app(app)
