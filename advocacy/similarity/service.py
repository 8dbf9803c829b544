"""Comparing a letter with those already sent to the same recipient, and remembering it once sent."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from flask import current_app
from sqlalchemy.exc import IntegrityError

from ..db import db
from .fingerprint import Comparer, fingerprint, pack, unpack
from .models import LetterFingerprint

# At or above: nearly word for word the same as another letter (two sentences of one's own in a typical
# 200-word campaign letter bring it to about 0.8; the same letter with other asks ticked, lower still).
VERY_CLOSE = 0.9
OWN = 0.75  # below: say the letter reads as the writer's own
COMPARE_LIMIT = 2000  # the most recent letters to a recipient that a check reads


@dataclass(frozen=True)
class SimilarityReport:
    compared: int  # letters already sent to this recipient that were compared
    closest: float  # 0.0 to 1.0: the highest share of five-word runs in common with one of them
    very_close: int  # how many of them are at or above VERY_CLOSE
    recipient_name: str = "your MP"

    @property
    def percent(self) -> int:
        return round(self.closest * 100)

    @property
    def warn(self) -> bool:
        return self.closest >= VERY_CLOSE

    @property
    def message(self) -> str:
        if self.compared == 0:
            return f"Yours is the first letter from this campaign to {self.recipient_name} that we know of."
        if self.warn:
            others = "another letter" if self.very_close == 1 else f"{self.very_close} other letters"
            return (f"Your letter is {self.percent}% the same as {others} already sent to {self.recipient_name}. "
                    "MPs give more weight to letters in their constituents' own words: adding a sentence or two "
                    "about why this matters to you will make yours stand out.")
        ending = ": it reads as your own." if self.closest < OWN else "."
        return (f"Your letter is at most {self.percent}% the same as the {self.compared} already sent to "
                f"{self.recipient_name}{ending}")


def recipient_key(*, mp_member_id: int | None = None, council_code: str | None = None,
                  name: str | None = None) -> str:
    """A stable key for who a letter goes to: the MP's Parliament id, else the council's GSS code, else a
    hash of the name typed."""
    if mp_member_id is not None:
        return f"mp:{mp_member_id}"
    if council_code:
        return f"council:{council_code}"
    return "name:" + hashlib.sha256((name or "").strip().casefold().encode()).hexdigest()[:24]


def _key() -> bytes:
    # Derived, not the secret key itself: the fingerprints must not help anyone learn it.
    return hashlib.blake2b(str(current_app.config["SECRET_KEY"]).encode(), person=b"letter-shingles",
                           digest_size=32).digest()


def compare_with_sent(campaign: str, recipient: str, body: str | Callable[[], str], *,
                      recipient_name: str = "your MP", exclude_letter_key: str | None = None) -> SimilarityReport:
    """How close ``body`` is to the letters of this campaign already sent to ``recipient``. ``body`` may be
    a function giving it, called only when there is a letter to compare with."""
    query = (db.select(LetterFingerprint.sketch)
             .where(LetterFingerprint.campaign == campaign, LetterFingerprint.recipient == recipient)
             .order_by(LetterFingerprint.created_at.desc()).limit(COMPARE_LIMIT))
    if exclude_letter_key is not None:
        query = query.where(LetterFingerprint.letter_key != exclude_letter_key)
    # Each distinct fingerprint scored once, with how many letters have it: most letters in a campaign are
    # sent as written, so an MP's letters collapse into a few dozen distinct ones. Counted here, not with
    # GROUP BY: sorting 2,000 distinct 1 KB sketches in the database cost more than scoring them.
    sent = Counter(db.session.scalars(query))
    compared = very_close = 0
    closest = 0.0
    # The first letters to an MP have nothing to be compared with: no fingerprint to take (it is most of
    # the meter's work, and a launch-day rush is mostly first letters).
    if sent:
        mine = Comparer(fingerprint(body() if callable(body) else body, _key()))
        for sketch, letters in sent.items():
            score = mine.score(unpack(sketch))
            compared += letters
            closest = max(closest, score)
            very_close += letters if score >= VERY_CLOSE else 0
    return SimilarityReport(compared=compared, closest=closest, very_close=very_close,
                            recipient_name=recipient_name)


def remember_sent(campaign: str, recipient: str, body: str, letter_key: str) -> bool:
    """Keep the fingerprint of a letter that left the app (download, draft or sending). Once per
    ``letter_key``; False when it was already kept. Commits."""
    if db.session.scalar(db.select(LetterFingerprint.id).where(LetterFingerprint.letter_key == letter_key)):
        return False
    db.session.add(LetterFingerprint(campaign=campaign, recipient=recipient, letter_key=letter_key,
                                     sketch=pack(fingerprint(body, _key()))))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True
