"""Memos: work kept so that it is not done again on every request.

``text_memo``: for pure functions of a letter's text (its HTML, its similarity fingerprint). Most letters are sent as written, so in a rush the same text comes back again and again and is worked out
once. The texts can hold a writer's own paragraph, which is personal data: the memo is emptied every
``seconds``, so nothing typed stays in a long-lived worker's memory for long (the retention period is
counted in days; a worker can live for weeks on a quiet site).

``held_by_app``: a copy of database rows that many requests read and another process may change (the
council register's names, the data release's sources), kept in the app and read again once it is a few
seconds old; the process that changes them calls ``forget_held`` to see the change at once.
"""

from __future__ import annotations

import functools
import threading
import time
from typing import Callable, TypeVar

from flask import current_app, has_app_context

T = TypeVar("T")

HOUR = 3600.0


def text_memo(maxsize: int = 256, seconds: float = HOUR) -> Callable[[Callable[..., T]], Callable[..., T]]:
    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        cached = functools.lru_cache(maxsize=maxsize)(function)
        lock = threading.Lock()
        emptied = time.monotonic()

        @functools.wraps(function)
        def remembered(*args, **kwargs) -> T:
            nonlocal emptied
            now = time.monotonic()
            if now - emptied >= seconds:
                with lock:
                    if now - emptied >= seconds:
                        cached.cache_clear()
                        emptied = now
            return cached(*args, **kwargs)

        remembered.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        remembered.cache_info = cached.cache_info  # type: ignore[attr-defined]
        return remembered
    return decorate


def held_by_app(name: str, load: Callable[[], T], seconds: float) -> T:
    """What ``load()`` gave, kept in the current app under ``name`` and loaded again once ``seconds`` old."""
    held: tuple[T, float] | None = current_app.extensions.get(name)
    now = time.monotonic()
    if held is None or now - held[1] >= seconds:
        held = current_app.extensions[name] = (load(), now)
    return held[0]


def forget_held(name: str) -> None:
    """Load it again on next use (this process changed what it copies)."""
    if has_app_context():
        current_app.extensions.pop(name, None)
