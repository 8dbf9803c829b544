"""Private links (emailed, or shown once): a random token in the URL whose SHA-256 alone is stored, so a copy
of the database cannot be used to open anyone's link. Used by sending, motion report-back and seconders."""

from __future__ import annotations

import hashlib


def hash_token(raw: str) -> str:
    # surrogatepass: whatever a tampered URL decodes to, hashing it never raises (it just matches nothing).
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()
