"""One rate limiter for the whole app (Flask-Limiter), and the page shown when a limit is hit.

Limits are counted in memory by default (one process) and in Redis when ADVOCACY_REDIS_URL is set, so
that several workers share one count. While Redis is down, limits are counted in each process's memory
(Flask-Limiter's in-memory fallback, which logs "Rate limit storage unreachable" once and checks Redis
again every so often) rather than failing the request. Views opt in with ``@limiter.limit(...)``; there
is no default limit on every page.
"""

from __future__ import annotations

from flask import Flask
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address

limiter = Limiter(key_func=get_remote_address)


def init_app(app: Flask) -> None:
    redis_url = app.config.get("ADVOCACY_REDIS_URL")
    app.config.setdefault("RATELIMIT_STORAGE_URI", redis_url or "memory://")
    if redis_url:
        from ..redis_link import redis_options

        app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", redis_options())
        app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
        app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)  # a limit never turns into a 500
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)  # sends Retry-After with every 429
    limiter.init_app(app)

    @app.errorhandler(RateLimitExceeded)
    def too_many_requests(error: RateLimitExceeded):
        from .errors import MESSAGES, render_error

        title, default_detail = MESSAGES[429]
        # A limit's own error_message says what was limited and how long to wait; otherwise the default.
        detail = error.description if error.limit.error_message else default_detail
        return render_error(429, title, detail)
