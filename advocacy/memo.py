"""A memo for pure functions of a letter's text (its HTML, its similarity fingerprint).

Most letters are sent as written, so in a rush the same text comes back again and again and is worked out
once. The texts can hold a writer's own paragraph, which is personal data: the memo is emptied every
``seconds``, so nothing typed stays in a long-lived worker's memory for long (the retention period is
counted in days; a worker can live for weeks on a quiet site).
"""

from __future__ import annotations

import functools
import threading
import time
from typing import Callable, TypeVar

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
