"""One rate limiter for the whole app (Flask-Limiter), and the page shown when a limit is hit.

Limits are counted in memory by default (one process) and in Redis when ADVOCACY_REDIS_URL is set, so
that several workers share one count. Views opt in with ``@limiter.limit(...)``; there is no default
limit on every page.
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
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", True)  # sends Retry-After with every 429
    limiter.init_app(app)

    @app.errorhandler(RateLimitExceeded)
    def too_many_requests(error: RateLimitExceeded):
        from .errors import MESSAGES, render_error

        title, default_detail = MESSAGES[429]
        # A limit's own error_message says what was limited and how long to wait; otherwise the default.
        detail = error.description if error.limit.error_message else default_detail
        return render_error(429, title, detail)
