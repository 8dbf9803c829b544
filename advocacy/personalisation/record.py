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
                         opening_index: int | None, asks: int, personalised: bool) -> bool:
    """Record a letter's choices once (later calls with the same ``letter_key`` change nothing). Commits."""
    if db.session.scalar(db.select(LetterChoice.id).where(LetterChoice.letter_key == letter_key)) is not None:
        return False
    db.session.add(LetterChoice(letter_key=letter_key, campaign=campaign, kind=kind, subject_index=subject_index,
                                opening_index=opening_index, asks=asks, personalised=personalised))
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
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
                      ).where(LetterChoice.campaign == campaign)
    if start is not None:
        query = query.where(LetterChoice.created_at >= dt.datetime.combine(start, dt.time()))
    if end is not None:
        query = query.where(LetterChoice.created_at < dt.datetime.combine(end + dt.timedelta(days=1), dt.time()))
    letters, personalised = db.session.execute(query).one()
    return PersonalisedShare(int(letters), int(personalised))
