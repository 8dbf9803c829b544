"""The HTTP cache on Redis, falling back to the instance's SQLite cache while Redis is down.

requests-cache keeps two stores (answers and redirects); each is wrapped so every read and write goes to
Redis when it answers and to the local SQLite store when it does not. Answers written during an outage
stay local to this host; they are reused here and expire as usual, and Redis fills again once it is back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator

import requests_cache
from requests_cache.backends.base import BaseStorage

from ..redis_link import RedisHealth, redis_client


class _RedisOrLocal(BaseStorage):
    """One requests-cache store: Redis first, the local store while Redis is down."""

    def __init__(self, redis_store: BaseStorage, local_store: BaseStorage, health: RedisHealth) -> None:
        # Not BaseStorage.__init__: each inner store serializes for itself; cache keys use Redis's serializer.
        self.redis_store, self.local_store, self.health = redis_store, local_store, health
        self.serializer = redis_store.serializer

    def _either(self, name: str, *args: Any) -> Any:
        return self.health.call(lambda: getattr(self.redis_store, name)(*args),
                                lambda: getattr(self.local_store, name)(*args))

    def __getitem__(self, key: str) -> Any:
        return self._either("__getitem__", key)

    def __setitem__(self, key: str, value: Any) -> None:
        self._either("__setitem__", key, value)

    def __delitem__(self, key: str) -> None:
        self._either("__delitem__", key)

    def __contains__(self, key: object) -> bool:
        return self._either("__contains__", key)

    def __len__(self) -> int:
        return self._either("__len__")

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def keys(self) -> list[str]:  # type: ignore[override]
        # Read whole here: a Redis failure half-way through a lazy scan must not escape to the caller.
        return self.health.call(lambda: list(self.redis_store.keys()), lambda: list(self.local_store.keys()))

    def items(self) -> list[tuple[str, Any]]:  # type: ignore[override]
        return self.health.call(lambda: list(self.redis_store.items()), lambda: list(self.local_store.items()))

    def values(self) -> list[Any]:  # type: ignore[override]
        return [value for _, value in self.items()]

    def bulk_delete(self, keys: Iterable[str]) -> None:
        keys = list(keys)
        self._either("bulk_delete", keys)

    def clear(self) -> None:
        self._either("clear")

    def close(self) -> None:
        for store in (self.redis_store, self.local_store):
            try:
                store.close()
            except Exception:  # closing is best effort; Redis may be gone already
                pass


def redis_cache_with_local_fallback(redis_url: str, instance_path: Path, *, namespace: str,
                                    ttl_offset: int) -> requests_cache.RedisCache:
    """A requests-cache backend on Redis (shared by every process) with the SQLite cache for outages."""
    backend = requests_cache.RedisCache(namespace=namespace, connection=redis_client(redis_url),
                                        ttl_offset=ttl_offset)
    local = requests_cache.SQLiteCache(str(instance_path / "http_cache.sqlite"), wal=True)
    health = RedisHealth("the HTTP cache of API answers", "this host's SQLite cache")
    backend.responses = _RedisOrLocal(backend.responses, local.responses, health)
    backend.redirects = _RedisOrLocal(backend.redirects, local.redirects, health)
    return backend
