"""One rate limiter for the whole app (Flask-Limiter), the kinds of limit views use, and the 429 answer.

Limits are counted in memory by default (one process) and in Redis when ADVOCACY_REDIS_URL is set, so
that several workers share one count. There is no default limit on every page; views opt in with one of

    @limit_lookups        postcode look-ups (ADVOCACY_LOOKUP_LIMIT), counted on a POST or a GET with a
                          query string (a GET form such as /c/<slug>/start?postcode=...); the bare page is free
    @limit_form_submits   any other public form sent (ADVOCACY_FORM_LIMIT), counted on POST
    @limit_downloads      PDFs, .eml, Word and CSV files (ADVOCACY_DOWNLOAD_LIMIT)
    @limit_asked_downloads  a page that renders a document when its form is sent as a GET (the printable
                          summary): counted like a download when it has a query string
    @limit_api            the JSON API, per view or per blueprint (ADVOCACY_API_LIMIT)

A view may also be ``@free_when(...)`` a request costs nothing worth limiting (the API's look-up of a
postcode this worker answered in the last minute). Each kind is one count per address shared by every view
that uses it (a shared scope), so spreading requests over several pages does not multiply the allowance.
Staff sign-in has its own atomic count of failures (web/staff/sign_in_guard.py). The 429 answer says what
was limited and how long to wait, as a page or as JSON.

While Redis is down, limits are counted in each process's memory (Flask-Limiter's in-memory fallback,
which logs "Rate limit storage unreachable" once and checks Redis again every so often) rather than
failing the request.
"""

from __future__ import annotations

import math
import time
from typing import Callable

from flask import Flask, current_app, make_response, request
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address
from limits import parse as parse_limit

limiter = Limiter(key_func=get_remote_address)

# kind -> (setting, what the person was doing, methods counted; None = every method)
KINDS: dict[str, tuple[str, str, list[str] | None]] = {
    "lookup": ("ADVOCACY_LOOKUP_LIMIT", "looked up a lot of postcodes", None),
    "form": ("ADVOCACY_FORM_LIMIT", "sent a lot of forms", ["POST"]),
    "download": ("ADVOCACY_DOWNLOAD_LIMIT", "downloaded a lot of files", None),
    "api": ("ADVOCACY_API_LIMIT", "made a lot of requests to the API", None),
}


def wait_phrase(limit: str) -> str:
    """'a minute', '15 minutes', 'an hour': how long a window of this limit lasts, for messages."""
    seconds = parse_limit(limit).get_expiry()
    if seconds < 60:
        return f"{seconds} seconds"
    if seconds < 3600:
        minutes = round(seconds / 60)
        return "a minute" if minutes == 1 else f"{minutes} minutes"
    hours = round(seconds / 3600)
    return "an hour" if hours == 1 else f"{hours} hours"


def _limit_of(kind: str) -> Callable[[], str]:
    return lambda: current_app.config[KINDS[kind][0]]


def _message_of(kind: str) -> Callable[[], str]:
    def message() -> str:
        return (f"You have {KINDS[kind][1]} in a short time from this connection. Wait "
                f"{wait_phrase(_limit_of(kind)())} and try again; nothing you typed has been lost.")
    return message


def _just_looking() -> bool:
    """A GET with no query string: the page itself, not a question that costs a look-up or a render."""
    return request.method in ("GET", "HEAD") and not request.args


def limit(kind: str, *, when_asked: bool = False):  # noqa: ANN201 - a Flask-Limiter decorator
    """A fresh decorator for one kind of limit (see the module docstring). ``when_asked``: GETs without a
    query string are not counted."""
    _, _, methods = KINDS[kind]
    return limiter.shared_limit(_limit_of(kind), scope=kind, methods=methods, error_message=_message_of(kind),
                                exempt_when=_just_looking if when_asked else None)


def limit_lookups(view):  # noqa: ANN001, ANN201
    # Every method: the look-up may be a POST form, or a GET form (the widget's /c/<slug>/start?postcode=).
    return limit("lookup", when_asked=True)(view)


def limit_asked_downloads(view):  # noqa: ANN001, ANN201
    return limit("download", when_asked=True)(view)


def limit_form_submits(view):  # noqa: ANN001, ANN201
    return limit("form")(view)


def limit_downloads(view):  # noqa: ANN001, ANN201
    return limit("download")(view)


def limit_api(view_or_blueprint):  # noqa: ANN001, ANN201
    return limit("api")(view_or_blueprint)


def init_app(app: Flask) -> None:
    redis_url = app.config.get("ADVOCACY_REDIS_URL")
    app.config.setdefault("RATELIMIT_STORAGE_URI", redis_url or "memory://")
    if redis_url:
        from ..redis_link import redis_options

        app.config.setdefault("RATELIMIT_STORAGE_OPTIONS", redis_options())
        app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
        app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)  # a limit never turns into a 500
    # No X-RateLimit-* headers on every limited answer: each costs the storage (Redis) two more round trips
    # per request. A 429 still says when to try again (Retry-After, set below).
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", False)

    # Flask-Limiter puts its own Retry-After on every limited response, replacing the view's. It belongs only
    # on a 429 (the limiter's) or on a view's own answer (a 503 says when to try again): Flask runs these
    # hooks in reverse order, so the one registered after the limiter sees the view's header first.
    @app.after_request
    def _retry_after_only_when_refused(response):
        if response.status_code != 429:
            response.headers.pop("Retry-After", None)
            if getattr(response, "_view_retry_after", None) is not None:
                response.headers["Retry-After"] = response._view_retry_after
        return response

    # The limiter is one object for every app built in this process (tests build many). Flask-Limiter sets
    # "storage dead" only in its constructor, so an app built after a Redis outage would start on the
    # in-memory fallback and never log; each new app starts assuming its storage answers.
    limiter._storage_dead = False
    limiter.init_app(app)

    @app.after_request
    def _remember_the_views_retry_after(response):
        response._view_retry_after = response.headers.get("Retry-After")
        return response

    @app.errorhandler(RateLimitExceeded)
    def too_many_requests(error: RateLimitExceeded):
        from .errors import MESSAGES, render_error

        title, default_detail = MESSAGES[429]
        # A limit's own error_message says what was limited and how long to wait; otherwise the default.
        detail = error.description if error.limit.error_message else default_detail
        response = make_response(render_error(429, title, detail))
        response.headers["Retry-After"] = str(_seconds_until_reset(error))
        return response


def _seconds_until_reset(error: RateLimitExceeded) -> int:
    window = error.limit.limit.get_expiry()
    current = limiter.current_limit
    if current is not None and current.breached:
        return min(window, max(1, math.ceil(current.reset_at - time.time())))
    return window


_NEVER_LIMITED = "_advocacy_never_limited"  # attribute set on a view function by @never_limited
_FREE_WHEN = "_advocacy_free_when"  # attribute set on a view function by @free_when


def never_limited(view):  # noqa: ANN001, ANN201
    """A view whose plain GET (no query string) counts towards no limit (/healthz, public pages): the
    limiter skips its per-request work for it. A GET with a query or a POST is checked as usual."""
    setattr(view, _NEVER_LIMITED, True)
    return view


def free_when(costs_nothing: Callable[[], bool]):  # noqa: ANN201 - a decorator
    """A view whose requests count towards no limit while ``costs_nothing()`` says so for this request.
    Limits guard what a request costs (the outside services a look-up asks, a render): an answer this
    worker already holds costs less than refusing it would, and skipping the count saves the limiter's
    round trip to Redis, most of a warm answer's time."""
    def decorate(view):  # noqa: ANN001, ANN202
        setattr(view, _FREE_WHEN, costs_nothing)
        return view
    return decorate


@limiter.request_filter
def _costs_nothing() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    if view is None:
        return False
    costs_nothing = getattr(view, _FREE_WHEN, None)
    if costs_nothing is not None and costs_nothing():
        return True
    return request.method in ("GET", "HEAD") and not request.args and bool(getattr(view, _NEVER_LIMITED, False))
