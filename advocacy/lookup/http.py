"""Outbound HTTP for the lookups: one cached session, timeouts, retries and a circuit breaker per service.

Why each part:
- requests has no default timeout, so every call passes (connect, read) from the settings.
- Retries (with backoff) only on connection errors and 5xx: a 404 is an answer, and a read timeout
  retried would make a resident wait twice as long.
- requests-cache keeps answers (SQLite in the instance folder, or Redis when ADVOCACY_REDIS_URL is set, so
  every process shares them; SQLite again while Redis is down): postcodes and GOV.UK councils for 30 days,
  MPs for a day. When the service fails, a stale answer is better than none.
- A small in-process memo of parsed answers in front of that cache (for at most a minute, never past the
  cached answer's own expiry) keeps a warm lookup well under 5 ms: no SQLite/Redis read, no JSON parsing.
  It is bounded (MEMO_SIZE entries, MEMO_SECONDS) so processes can disagree for a minute at most, and only
  about answers that were right when fetched; nothing else about lookups is kept per process except the
  circuit breaker, which each process trips on its own failures (a local judgement, nothing to share).
- The circuit breaker: after repeated failures we stop calling the service for a while, so during an
  outage each request gets the cached answer (or the manual path) at once instead of waiting out the timeout.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Mapping

import pybreaker
import requests
import requests_cache
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .errors import UpstreamUnavailable

log = logging.getLogger("advocacy.lookup")

USER_AGENT = "raise-your-voice/0.1 (advocacy toolkit)"
MEMO_SECONDS = 60.0
STALE_KEPT_SECONDS = 7 * 24 * 3600
MEMO_SIZE = 2000


@dataclass(frozen=True)
class Fetched:
    """A parsed answer and where it came from."""

    status: int
    body: Any
    checked_at: datetime  # when the service last gave this answer (UTC, aware)
    from_cache: bool
    stale: bool  # served from the cache because the service failed
    response: requests.Response


class _Failure(Exception):
    """The service answered badly (5xx, garbage): counts against the circuit breaker."""


class _ServedStale(Exception):
    """requests-cache hid a failure by serving a stale answer: the breaker must still count it."""

    def __init__(self, response: requests.Response) -> None:
        super().__init__("served stale")
        self.response = response


class Upstream:
    """One upstream service: its base URL, the shared session, its breaker and timeouts."""

    def __init__(self, name: str, label: str, base_url: str, session: requests_cache.CachedSession,
                 breaker: pybreaker.CircuitBreaker, timeout: tuple[float, float]) -> None:
        self.name = name
        self.label = label  # for messages: "postcodes.io", "the UK Parliament Members API"
        self.base_url = base_url.rstrip("/")
        self.session = session
        self.breaker = breaker
        self.timeout = timeout
        self._memo: OrderedDict[tuple, tuple[float, Fetched]] = OrderedDict()
        self._memo_lock = threading.Lock()

    def get(self, path: str, params: Mapping[str, Any] | None = None, *, fresh: bool = False) -> Fetched:
        """``fresh``: ask the service even if a cached answer is fresh, and fail rather than use the cache
        (for the MP directory sync, which must not copy old answers)."""
        if fresh:
            return self._fetch("GET", path, params=params, force_refresh=True)
        return self._fetch("GET", path, params=params)

    def post(self, path: str, payload: Any) -> Fetched:
        return self._fetch("POST", path, json=payload)

    def reject(self, fetched: Fetched) -> None:
        """An answer we cannot use: forget it so it is not served again, and fail the lookup."""
        with self._memo_lock:
            for key in [k for k, (_, f) in self._memo.items() if f is fetched]:
                del self._memo[key]
        self.session.cache.delete(requests=[fetched.response.request])
        raise UpstreamUnavailable(self._unavailable_message())

    def _unavailable_message(self) -> str:
        return f"We cannot reach {self.label} right now. Try again in a few minutes."

    def _fetch(self, method: str, path: str, **kwargs: Any) -> Fetched:
        url = self.base_url + path
        key = _memo_key(method, url, kwargs)
        if not kwargs.get("force_refresh"):
            remembered = self._recall(key)
            if remembered is not None:
                return remembered
        fetched = self._fetch_through_cache(method, url, **kwargs)
        if fetched.status == 200 and not fetched.stale:
            self._remember(key, fetched)
        return fetched

    def remembers(self, path: str) -> bool:
        """This process holds a fresh answer to GET ``path`` (asking again would not reach the service)."""
        return self._recall(_memo_key("GET", self.base_url + path, {})) is not None

    def forget_memo(self) -> None:
        """Drop the in-process memo (the HTTP cache is kept)."""
        with self._memo_lock:
            self._memo.clear()

    def _recall(self, key: tuple) -> Fetched | None:
        with self._memo_lock:
            entry = self._memo.get(key)
            if entry is None:
                return None
            if entry[0] <= time.monotonic():
                del self._memo[key]
                return None
            self._memo.move_to_end(key)
            return entry[1]

    def _remember(self, key: tuple, fetched: Fetched) -> None:
        seconds = MEMO_SECONDS
        expires = getattr(fetched.response, "expires", None)
        if expires is not None:
            now = datetime.now(timezone.utc) if expires.tzinfo else datetime.utcnow()
            seconds = min(seconds, (expires - now).total_seconds())
        if seconds <= 0:
            return
        with self._memo_lock:
            self._memo[key] = (time.monotonic() + seconds, fetched)
            self._memo.move_to_end(key)
            while len(self._memo) > MEMO_SIZE:
                self._memo.popitem(last=False)

    def _fetch_through_cache(self, method: str, url: str, **kwargs: Any) -> Fetched:
        try:
            response = self.breaker.call(self._send, method, url, **kwargs)
        except _ServedStale as stale:
            return _fetched(stale.response, stale=True)
        except (pybreaker.CircuitBreakerError, _Failure, requests.RequestException) as exc:
            log.warning("%s unavailable (%s): %s %s", self.name, type(exc).__name__, method, url)
            response = None if kwargs.get("force_refresh") else self._cached_only(method, url, **kwargs)
            if response is None:
                raise UpstreamUnavailable(self._unavailable_message()) from None
            return _fetched(response, stale=True)
        return _fetched(response, stale=False)

    def _send(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        response = self.session.request(method, url, timeout=self.timeout, **kwargs)
        if getattr(response, "from_cache", False) and getattr(response, "is_expired", False):
            raise _ServedStale(response)
        if response.status_code >= 500 or response.status_code == 429:
            raise _Failure(f"HTTP {response.status_code}")
        if _json(response) is _GARBAGE and response.status_code < 400:
            self.session.cache.delete(requests=[response.request])
            raise _Failure("not JSON")
        return response

    def _cached_only(self, method: str, url: str, **kwargs: Any) -> requests.Response | None:
        """The cached answer, however old, without touching the network; None when there is none."""
        response = self.session.request(method, url, only_if_cached=True, timeout=self.timeout, **kwargs)
        if not getattr(response, "from_cache", False) or response.status_code != 200:
            return None
        return response


_GARBAGE = object()


def _memo_key(method: str, url: str, kwargs: Mapping[str, Any]) -> tuple:
    params = kwargs.get("params") or {}
    payload = kwargs.get("json")
    return (method, url, tuple(sorted((k, str(v)) for k, v in params.items())),
            json.dumps(payload, sort_keys=True) if payload is not None else None)


def _json(response: requests.Response) -> Any:
    try:
        return response.json()
    except (ValueError, json.JSONDecodeError):
        return _GARBAGE


def _fetched(response: requests.Response, *, stale: bool) -> Fetched:
    from_cache = bool(getattr(response, "from_cache", False))
    created = getattr(response, "created_at", None) if from_cache else None
    if created is not None and created.tzinfo is None:
        created = created.replace(tzinfo=timezone.utc)
    body = _json(response)
    return Fetched(status=response.status_code, body=None if body is _GARBAGE else body,
                   checked_at=created or datetime.now(timezone.utc), from_cache=from_cache, stale=stale,
                   response=response)


def _cacheable(response: requests.Response) -> bool:
    # Only well-formed JSON answers are kept: an HTML error page served with 200 must not be cached.
    return "json" in response.headers.get("Content-Type", "")


def make_session(config: Mapping[str, Any], instance_path: Path) -> requests_cache.CachedSession:
    redis_url = config.get("ADVOCACY_REDIS_URL")
    if redis_url:
        from .cache_storage import redis_cache_with_local_fallback

        # Redis deletes a key at its TTL; keep expired answers a week longer so stale-if-error can use them.
        # While Redis is down the instance's SQLite cache stands in (cache_storage.py).
        backend: Any = redis_cache_with_local_fallback(redis_url, instance_path, namespace="advocacy-http",
                                                       ttl_offset=STALE_KEPT_SECONDS)
    else:
        backend = requests_cache.SQLiteCache(str(instance_path / "http_cache.sqlite"), wal=True)
    session = requests_cache.CachedSession(
        backend=backend,
        expire_after=timedelta(days=1),
        urls_expire_after={
            _url_pattern(config["ADVOCACY_POSTCODES_API_URL"]):
                timedelta(seconds=config["ADVOCACY_POSTCODE_CACHE_SECONDS"]),
            _url_pattern(config["ADVOCACY_MEMBERS_API_URL"]):
                timedelta(seconds=config["ADVOCACY_MP_CACHE_SECONDS"]),
            _url_pattern(config["ADVOCACY_GOVUK_API_URL"]):
                timedelta(seconds=config["ADVOCACY_GOVUK_CACHE_SECONDS"]),
        },
        allowable_methods=("GET", "POST"),  # bulk postcode lookups are POSTs with the postcodes in the body
        stale_if_error=True,
        filter_fn=_cacheable,
    )
    retries = Retry(
        total=config["ADVOCACY_HTTP_RETRIES"],
        connect=config["ADVOCACY_HTTP_RETRIES"],
        read=0,  # a slow service is not made faster by asking again
        status=config["ADVOCACY_HTTP_RETRIES"],
        other=0,
        backoff_factor=0.1,
        status_forcelist=(500, 502, 503, 504),
        allowed_methods=frozenset({"GET", "POST"}),
        raise_on_status=False,  # hand back the last 5xx; the breaker and stale-if-error deal with it
        respect_retry_after_header=False,
    )
    adapter = HTTPAdapter(max_retries=retries, pool_maxsize=10)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers["User-Agent"] = USER_AGENT
    session.headers["Accept"] = "application/json"
    return session


def _url_pattern(base_url: str) -> str:
    # requests-cache matches url patterns without the scheme, as a glob
    return base_url.split("://", 1)[-1].rstrip("/") + "/*"


def make_breaker(name: str, config: Mapping[str, Any]) -> pybreaker.CircuitBreaker:
    return pybreaker.CircuitBreaker(
        fail_max=config["ADVOCACY_BREAKER_FAIL_MAX"],
        reset_timeout=config["ADVOCACY_BREAKER_RESET_SECONDS"],
        name=name,
    )
