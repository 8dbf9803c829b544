"""Recording each letter's choices once, and the share of letters personalised per campaign."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from ..db import db
from .models import LetterChoice

# Questions that help a writer find a sentence of their own (shown beside the "your own experience" box).
PROMPTS = (
    "Are you a parent, grandparent or carer? What has your family needed, and did help come in time?",
    "Are you a foster carer, or have you been in care yourself?",
    "Do you work in a school, a nursery, the health service, the police or social care? What do you see?",
    "Has a local service (a children's centre, a youth club, a family support worker) made a difference to you?",
)


def record_letter_choice(*, letter_key: str, campaign: str, kind: str, subject_index: int | None,
                         opening_index: int | None, asks: int, personalised: bool, produced: bool = True,
                         new_letter: bool = False) -> bool:
    """Record a letter's choices. Until the letter is produced, a later call (the writer pressed Change)
    updates them; once produced they are fixed and later calls change nothing. True when something was
    written. Commits, except for a ``new_letter`` (a key never used before, so nothing to look up or race
    with): its row is added to the caller's transaction, which the caller commits."""
    if new_letter:
        db.session.add(LetterChoice(letter_key=letter_key, campaign=campaign, kind=kind, subject_index=subject_index,
                                    opening_index=opening_index, asks=asks, personalised=personalised,
                                    produced=produced))
        return True
    row = choice_for(letter_key)
    if row is not None and row.produced:
        return False
    if row is None:
        row = LetterChoice(letter_key=letter_key, campaign=campaign, kind=kind)
        db.session.add(row)
    row.subject_index, row.opening_index, row.asks = subject_index, opening_index, asks
    row.personalised, row.produced = personalised, produced
    try:
        db.session.commit()
    except IntegrityError:  # two requests raced to create it: the other one's row stands
        db.session.rollback()
        return False
    return True


def choice_for(letter_key: str) -> LetterChoice | None:
    return db.session.scalar(db.select(LetterChoice).where(LetterChoice.letter_key == letter_key))


def mark_produced(letter_key: str) -> bool:
    """The letter left the app for the first time: count it, and fix its choices. Commits."""
    row = choice_for(letter_key)
    if row is None or row.produced:
        return False
    row.produced = True
    db.session.commit()
    return True


@dataclass(frozen=True)
class PersonalisedShare:
    letters: int
    personalised: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.personalised / self.letters) if self.letters else None


def personalised_share(campaign: str, start: dt.date | None = None, end: dt.date | None = None
                       ) -> PersonalisedShare:
    """Letters of a campaign (between ``start`` and ``end`` inclusive, UTC days) and how many had the
    writer's own words."""
    query = db.select(db.func.count(LetterChoice.id),
                      db.func.coalesce(db.func.sum(db.case((LetterChoice.personalised, 1), else_=0)), 0)
                      ).where(LetterChoice.campaign == campaign, LetterChoice.produced.is_(True))
    if start is not None:
        query = query.where(LetterChoice.created_at >= dt.datetime.combine(start, dt.time()))
    if end is not None:
        query = query.where(LetterChoice.created_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))
    letters, personalised = db.session.execute(query).one()
    return PersonalisedShare(int(letters), int(personalised))
