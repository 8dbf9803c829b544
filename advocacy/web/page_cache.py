"""Public pages that are the same for every visitor, served from a cache and cacheable by anyone.

A page decorated with ``@public_page`` (the campaign page, progress, the embedded widget, the motions list,
the share card) is, for an anonymous GET with no query string:

- rendered once and kept per process (and in Redis when ADVOCACY_REDIS_URL is set, so workers share it)
  for ADVOCACY_PAGE_CACHE_SECONDS, keyed by its path, the campaigns' change stamp and the language, so a
  staff edit of the campaign shows at once in the process that saved it and within
  ADVOCACY_CAMPAIGN_CHECK_SECONDS elsewhere; counts shown on it are at most that old;
- sent with ``Cache-Control: public, max-age, s-maxage, stale-while-revalidate``, an ``ETag`` and
  ``Vary: Cookie``, and answered ``304 Not Modified`` when the browser already has it;
- sent without touching the session, so no cookie is set or cleared: a shared cache or CDN may keep it.

In front of Flask, ``ReplayMiddleware`` answers a repeat of such a request from the finished response (body
and every header) without running Flask at all: no request context, hooks, limiter or session. It only
does so while this process knows the campaigns' change stamp is current; otherwise the request goes
through Flask, which checks it. /healthz uses the same replay for its one-second memory of a success, and
/api/lookup for a postcode's answer while this process's lookup memo still holds it (a GET with a query
string is replayed only when its view asked for that, keyed on the whole URL).

A visitor who has our session or sign-in cookie (a resident part-way through, staff) may see something of
their own (their postcode in the box, a message), so they get the page rendered for them, marked
``private, no-cache``. So does any request with a query string (a look-up, a search).
"""

from __future__ import annotations

import functools
import hashlib
import threading
import time
from dataclasses import dataclass
from typing import Callable, TypeVar

from flask import Flask, Response, current_app, make_response, request, session

from ..campaigns.registry import campaigns_stamp
from ..cache import cache
from .limits import never_limited

View = TypeVar("View", bound=Callable)
EXTENSION = "advocacy.page_cache"
REPLAY = "advocacy.replay"  # environ key a view sets: (seconds the answer may be replayed, depends on campaigns)
CAMPAIGNS = "advocacy.campaigns"  # app.extensions key of the campaigns' state (advocacy.campaigns.registry)
LANGUAGES = ("en-GB",)  # the languages pages are written in; a second one makes the cache key on it
LOCAL_ENTRIES = 256  # pages kept per process: campaigns x public pages, with room to spare
QUERY_ENTRIES = 2000  # answers to GETs with a query string (API look-ups), as many as the lookup memo holds
STALE_FACTOR = 5  # a proxy may serve a page this many times its age while it fetches a fresh one


@dataclass(frozen=True)
class CachedPage:
    body: bytes
    mimetype: str
    etag: str
    expires: float  # time.time() after which it is rendered again


@dataclass(frozen=True)
class Replay:
    """A finished response that ReplayMiddleware sends again as it is."""

    headers: list[tuple[str, str]]
    body: bytes
    etag: str | None
    expires: float  # time.monotonic()
    stamp: object  # the campaigns' change stamp it was made under; NO_STAMP when it does not depend on them
    still_true: Callable[[], bool] | None = None  # checked before each replay (no request context)

    def send(self, environ: dict, start_response: Callable) -> list[bytes]:
        if self.etag and self.etag in environ.get("HTTP_IF_NONE_MATCH", ""):
            start_response("304 Not Modified", [(k, v) for k, v in self.headers
                                                 if k.lower() not in ("content-length", "content-type")])
            return []
        start_response("200 OK", self.headers)
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [self.body]


NO_STAMP = object()


class LocalPages:
    """This process's rendered pages and finished answers: small dicts with expiry, emptied wholesale when
    full."""

    def __init__(self) -> None:
        self.pages: dict[str, CachedPage] = {}
        self.answers: dict[str, Replay] = {}
        self.asked: dict[str, Replay] = {}  # answers to GETs with a query string, kept apart so that many
        self.lock = threading.Lock()          # look-ups never push the public pages out

    def get(self, key: str) -> CachedPage | None:
        page = self.pages.get(key)
        return page if page is not None and page.expires > time.time() else None

    def put(self, key: str, page: CachedPage) -> None:
        with self.lock:
            if len(self.pages) >= LOCAL_ENTRIES:
                self.pages.clear()  # rare (many campaigns): rendering again is cheaper than bookkeeping
            self.pages[key] = page

    def keep_answer(self, key: str, answer: Replay, *, asked: bool = False) -> None:
        store, room = (self.asked, QUERY_ENTRIES) if asked else (self.answers, LOCAL_ENTRIES)
        with self.lock:
            if len(store) >= room:
                store.clear()
            store[key] = answer

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()
            self.answers.clear()
            self.asked.clear()


class ReplayMiddleware:
    """WSGI middleware (inside ProxyFix, so the scheme and host are the client's) that sends again the
    answers views marked with ``replay_for`` to anonymous GETs (with a query string only when the view said
    so: the store of such answers is looked in only for a URL it holds)."""

    def __init__(self, app: Flask, wsgi_app: Callable) -> None:
        self.app = app
        self.wsgi_app = wsgi_app
        self.cookies = (app.config.get("SESSION_COOKIE_NAME", "session") + "=",
                        app.config.get("REMEMBER_COOKIE_NAME", "remember_token") + "=")

    def __call__(self, environ: dict, start_response: Callable):
        if (environ.get("REQUEST_METHOD") not in ("GET", "HEAD")
                or any(name in environ.get("HTTP_COOKIE", "") for name in self.cookies)):
            return self.wsgi_app(environ, start_response)
        local: LocalPages = self.app.extensions[EXTENSION]
        query = environ.get("QUERY_STRING")
        key = (f"{environ.get('wsgi.url_scheme')}://{environ.get('HTTP_HOST', '')}"
               f"{environ.get('SCRIPT_NAME', '')}{environ.get('PATH_INFO', '')}{'?' + query if query else ''}")
        answer = (local.asked if query else local.answers).get(key)
        if answer is not None and self._current(answer):
            return answer.send(environ, start_response)
        if environ["REQUEST_METHOD"] != "GET":
            return self.wsgi_app(environ, start_response)
        return self._record(local, key, environ, start_response, asked=bool(query))

    def _current(self, answer: Replay) -> bool:
        if answer.expires <= time.monotonic() or (answer.still_true is not None and not answer.still_true()):
            return False
        if answer.stamp is NO_STAMP:
            return True
        state = self.app.extensions.get(CAMPAIGNS)
        return state is not None and time.monotonic() < state.checked_until and state.stamp == answer.stamp

    def _record(self, local: LocalPages, key: str, environ: dict, start_response: Callable, *, asked: bool):
        captured: dict = {}

        def capture(status: str, headers: list, exc_info=None):  # noqa: ANN001, ANN202
            captured["status"], captured["headers"] = status, headers
            return start_response(status, headers, exc_info) if exc_info else start_response(status, headers)

        body = self.wsgi_app(environ, capture)
        marked = environ.get(REPLAY)
        headers = captured.get("headers") or []
        if (marked is None or not captured.get("status", "").startswith("200 ")
                or any(name.lower() == "set-cookie" for name, _ in headers)):
            return body
        try:
            content = b"".join(body)
        finally:
            if hasattr(body, "close"):
                body.close()
        seconds, stamp, still_true = marked
        etag = next((value for name, value in headers if name.lower() == "etag"), None)
        local.keep_answer(key, Replay(list(headers), content, etag, time.monotonic() + seconds, stamp, still_true),
                          asked=asked)
        return [content]


def replay_for(seconds: float, *, depends_on_campaigns: bool = True,
               while_true: Callable[[], bool] | None = None) -> None:
    """Let ReplayMiddleware send this request's finished answer to the same anonymous GET (same URL, query
    string included) for ``seconds``; when it ``depends_on_campaigns``, only while the campaigns are
    unchanged; with ``while_true``, only while that says so (it is called outside any request)."""
    if seconds > 0:
        stamp = campaigns_stamp() if depends_on_campaigns else NO_STAMP
        request.environ[REPLAY] = (seconds, stamp, while_true)


def init_app(app: Flask) -> None:
    """Before advocacy.web.proxy's init_app, so that ProxyFix runs first (outside) and this inside."""
    app.extensions[EXTENSION] = LocalPages()
    app.wsgi_app = ReplayMiddleware(app, app.wsgi_app)  # type: ignore[method-assign]


def page_language() -> str:
    """The language the page is rendered in (one for now: English)."""
    if len(LANGUAGES) == 1:
        return LANGUAGES[0]
    return request.accept_languages.best_match(LANGUAGES) or LANGUAGES[0]


def is_anonymous() -> bool:
    """No cookie of ours came with the request: nothing on the page can be this visitor's own."""
    cookies = request.cookies
    return not cookies or not (current_app.config.get("SESSION_COOKIE_NAME", "session") in cookies
                               or current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token") in cookies)


def _key(path: str | None = None) -> str:
    return f"page:{page_language()}:{campaigns_stamp()}:{_host()}{path or request.path}"


def _host() -> str:
    """The host a page's own absolute links are built on, when they follow the request (ADVOCACY_PUBLIC_URL
    unset: advocacy.public_url). Part of the key so that a request with a forged Host header is kept
    apart: otherwise its share card, whose embed code names this site, would be served to every visitor
    with the forged address in it."""
    return "" if current_app.config.get("ADVOCACY_PUBLIC_URL") else request.host


def _cache_headers(seconds: int) -> dict[str, str]:
    vary = "Cookie, Accept-Language" if len(LANGUAGES) > 1 else "Cookie"
    return {"Cache-Control": f"public, max-age={seconds}, s-maxage={seconds}, "
                             f"stale-while-revalidate={seconds * STALE_FACTOR}",
            "Vary": vary}


def _answer(page: CachedPage, seconds: int) -> Response:
    # Built by hand rather than with Response.make_conditional: this is the hot path of a busy page.
    headers = {**_cache_headers(seconds), "ETag": f'"{page.etag}"'}
    if page.etag in request.if_none_match:
        return Response(status=304, headers=headers)
    return Response(page.body, mimetype=page.mimetype, headers=headers)


def _render(view: Callable, args: tuple, kwargs: dict) -> Response:
    return make_response(view(*args, **kwargs))


def _from_shared(key: str) -> CachedPage | None:
    if not current_app.config.get("ADVOCACY_REDIS_URL"):
        return None  # the per-process cache is the only one
    try:
        page = cache.get(key)
    except Exception:  # noqa: BLE001 - a cache that does not answer is a miss, never an error page
        return None
    return page if isinstance(page, CachedPage) and page.expires > time.time() else None


def _to_shared(key: str, page: CachedPage, seconds: int) -> None:
    if current_app.config.get("ADVOCACY_REDIS_URL"):
        try:
            cache.set(key, page, timeout=seconds)
        except Exception:  # noqa: BLE001 - as above: the page was rendered, the cache is a bonus
            pass


def public_page(view: View) -> View:
    """Serve ``view`` as a public page (see the module docstring). The view itself must be the same for
    every anonymous visitor: it may read the session (finding nothing) but must not write it."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        seconds = current_app.config["ADVOCACY_PAGE_CACHE_SECONDS"]
        if request.method not in ("GET", "HEAD") or request.args or not is_anonymous():
            response = _render(view, args, kwargs)
            response.cache_control.private = True
            response.cache_control.no_cache = True
            return response
        local: LocalPages = current_app.extensions[EXTENSION]
        key = _key()
        page = local.get(key) if seconds else None
        if page is None and seconds:
            page = _from_shared(key)
            if page is not None:
                local.put(key, page)
        if page is not None:
            replay_for(page.expires - time.time())
            return _answer(page, seconds)
        response = _render(view, args, kwargs)
        if response.status_code != 200 or session.modified or "Set-Cookie" in response.headers:
            response.cache_control.private = True
            response.cache_control.no_cache = True
            return response  # not the same for everyone after all: never kept
        body = response.get_data()
        page = CachedPage(body=body, mimetype=response.mimetype or "text/html",
                          etag=hashlib.sha256(body).hexdigest()[:32], expires=time.time() + seconds)
        if seconds:
            local.put(key, page)
            _to_shared(key, page, seconds)
            replay_for(seconds)
        return _answer(page, seconds)

    return never_limited(wrapper)  # type: ignore[return-value]


def forget_pages(*paths: str) -> None:
    """After a change that is not in the campaigns' stamp (a case study published): drop this process's
    cached pages and the shared copies of ``paths``. Other workers' own copies expire on their own, within
    ADVOCACY_PAGE_CACHE_SECONDS, as do shared copies kept for another host (ADVOCACY_PUBLIC_URL unset)."""
    current_app.extensions[EXTENSION].clear()
    if current_app.config.get("ADVOCACY_REDIS_URL") and paths:
        try:
            cache.delete_many(*(_key(path) for path in paths))
        except Exception:  # noqa: BLE001 - the shared copies expire within the minute anyway
            pass
