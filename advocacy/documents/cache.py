"""Finished PDFs kept by a hash of their HTML, so the same letter is never rendered twice (Notify's idea).

Memory first (a small LRU); optionally also a folder (e.g. instance/pdf-cache) shared by the worker
processes of one server. PDFs hold names and addresses, so files in the folder expire after ``max_age``
and are deleted as they are found, and ``purge_expired`` can be called from the retention job.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
import time
from collections import OrderedDict
from pathlib import Path


def content_key(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\0")
    return digest.hexdigest()


class PdfCache:
    def __init__(self, max_items: int = 128, folder: Path | None = None, max_age: float = 24 * 3600) -> None:
        self.max_items = max_items
        self.folder = Path(folder) if folder else None
        self.max_age = max_age
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()
        if self.folder:
            self.folder.mkdir(parents=True, exist_ok=True, mode=0o700)

    def get(self, key: str) -> bytes | None:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        data = self._read_file(key)
        if data is not None:
            self._remember(key, data)
        return data

    def put(self, key: str, data: bytes) -> None:
        self._remember(key, data)
        if self.folder:
            self._write_file(key, data)

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def purge_expired(self) -> int:
        """Delete files older than ``max_age``; returns how many were deleted."""
        if not self.folder:
            return 0
        deleted = 0
        cutoff = time.time() - self.max_age
        for path in self.folder.glob("*.pdf"):
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
                    deleted += 1
            except FileNotFoundError:  # another worker got there first
                pass
        return deleted

    def _remember(self, key: str, data: bytes) -> None:
        with self._lock:
            self._items[key] = data
            self._items.move_to_end(key)
            while len(self._items) > self.max_items:
                self._items.popitem(last=False)

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / f"{key}.pdf"

    def _read_file(self, key: str) -> bytes | None:
        if not self.folder:
            return None
        path = self._path(key)
        try:
            if path.stat().st_mtime < time.time() - self.max_age:
                path.unlink(missing_ok=True)
                return None
            return path.read_bytes()
        except FileNotFoundError:
            return None

    def _write_file(self, key: str, data: bytes) -> None:
        # Write then rename, so another worker never reads half a PDF.
        fd, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, self._path(key))
