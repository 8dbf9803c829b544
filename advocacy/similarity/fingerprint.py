"""How alike two letters are, from fingerprints that keep no text.

The body is compared without its greeting and sign-off (every letter to the same MP shares those). Words
are lower-cased and accents dropped, cut into overlapping runs of five words (shingles), and each run is
hashed with a key derived from the app's secret key, so a stored hash cannot be matched against guessed
sentences without the key. A letter's fingerprint is the 128 smallest hashes (a bottom-k sketch): two
fingerprints estimate the share of five-word runs two letters have in common (Jaccard similarity),
exactly for letters shorter than 128 runs."""

from __future__ import annotations

import hashlib
from bisect import bisect_right
import re
import struct
import unicodedata

from ..memo import text_memo

SHINGLE_WORDS = 5
SKETCH_SIZE = 128
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_GREETING = re.compile(r"^\s*(dear|hello|hi|to)\b[^\n]*\n", re.IGNORECASE)
_SIGN_OFF = re.compile(
    r"\n\s*(yours sincerely|yours faithfully|yours truly|yours|kind regards|best wishes|with best wishes|"
    r"regards|many thanks|thank you|best)\b[^\n]*(\n.*)?\Z", re.IGNORECASE | re.DOTALL)


def comparable_body(text: str) -> str:
    """The letter without its greeting line and everything from the sign-off on."""
    text = text.replace("\r\n", "\n").strip() + "\n"
    text = _GREETING.sub("", text, count=1)
    return _SIGN_OFF.sub("\n", text).strip()


def words(text: str) -> list[str]:
    # Accents dropped: combining marks removed after decomposition. Only non-ASCII characters can be marks,
    # so only they are looked at (a per-character loop over a whole letter cost more than the hashing).
    plain = _NON_ASCII.sub(_unless_combining, unicodedata.normalize("NFKD", text))
    return _WORD.findall(plain.casefold().replace("\u2019", "'"))


def _unless_combining(match: re.Match) -> str:
    return "" if unicodedata.combining(match.group()) else match.group()


@text_memo()
def fingerprint(text: str, key: bytes) -> tuple[int, ...]:
    """The sorted bottom-k sketch of the letter's keyed five-word shingle hashes (64-bit). Remembered for
    the last few hundred letters, for at most an hour (advocacy.memo): most are sent as written, so a rush
    to one MP fingerprints one text."""
    tokens = words(comparable_body(text))
    if len(tokens) < SHINGLE_WORDS:
        runs = {" ".join(tokens)} if tokens else set()
    else:
        runs = {" ".join(tokens[i:i + SHINGLE_WORDS]) for i in range(len(tokens) - SHINGLE_WORDS + 1)}
    hashes = {int.from_bytes(hashlib.blake2b(run.encode(), digest_size=8, key=key[:64]).digest(), "big")
              for run in runs}
    return tuple(sorted(hashes)[:SKETCH_SIZE])


def similarity(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    """Estimated share of five-word runs the two letters have in common, 0.0 to 1.0 (exact when both
    letters have fewer runs than the sketch holds)."""
    return Comparer(a).score(b)


class Comparer:
    """One letter compared with many: its sketch as a set once, then each other sketch in C-level set and
    bisect operations (a check reads up to 2,000 sketches).

    The estimate: t is the smaller of the two sketches' largest hashes (a sketch with fewer hashes than it
    can hold is the letter's whole set, with no limit). Both sketches hold every hash of their letter up to
    t, so among hashes up to t the share found in both letters is the Jaccard similarity of a random sample
    of the union of their runs."""

    def __init__(self, mine: tuple[int, ...]) -> None:
        self.mine = mine
        self.mine_set = frozenset(mine)
        self.limit = mine[-1] if len(mine) >= SKETCH_SIZE else None

    def score(self, other: tuple[int, ...]) -> float:
        if not self.mine or not other:
            return 0.0
        limits = [value for value in (self.limit, other[-1] if len(other) >= SKETCH_SIZE else None)
                  if value is not None]
        if limits:
            top = min(limits)
            mine_count = bisect_right(self.mine, top)
            other = other[:bisect_right(other, top)]
        else:
            mine_count = len(self.mine)
        both = len(self.mine_set.intersection(other))
        union = mine_count + len(other) - both
        return both / union if union else 0.0


def pack(sketch: tuple[int, ...]) -> bytes:
    return struct.pack(f">{len(sketch)}Q", *sketch)


def unpack(data: bytes) -> tuple[int, ...]:
    return struct.unpack(f">{len(data) // 8}Q", data)
