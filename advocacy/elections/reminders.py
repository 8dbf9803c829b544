"""'Email me when my new MP is known': stored during a dissolution, ready once `mps sync` finds an MP for the
seat. Sending is the sending work's job: it calls ``reminders_ready()`` and, for each one sent,
``reminder_sent(id)``, which deletes the address (it is kept no longer than needed)."""

from __future__ import annotations

from dataclasses import dataclass

from ..db import db
from ..lookup.members import fold
from ..lookup.models import Constituency, DirectoryMP
from .models import MPReminder


@dataclass(frozen=True)
class ReadyReminder:
    id: int
    email: str
    campaign: str
    constituency: str
    mp_name: str
    mp_party: str | None


def ask_for_reminder(email: str, campaign: str, constituency_name: str, constituency_code: str | None) -> bool:
    """Store the request. False when the same person already asked for the same seat and campaign."""
    email = email.strip()
    existing = db.session.scalar(db.select(MPReminder).where(
        db.func.lower(MPReminder.email) == email.lower(), MPReminder.campaign == campaign,
        MPReminder.constituency_name == constituency_name))
    if existing is not None:
        return False
    db.session.add(MPReminder(email=email, campaign=campaign, constituency_name=constituency_name,
                              constituency_code=constituency_code))
    db.session.commit()
    return True


def reminders_ready() -> list[ReadyReminder]:
    """Reminders whose constituency has a current MP in the directory (after the election's sync), while
    Parliament is not dissolved. Oldest first."""
    from .dissolution import parliament_dissolved

    if parliament_dissolved() is not None:
        return []
    ready = []
    for reminder in db.session.scalars(db.select(MPReminder).order_by(MPReminder.created_at, MPReminder.id)):
        mp = _current_mp(reminder)
        if mp is not None:
            ready.append(ReadyReminder(reminder.id, reminder.email, reminder.campaign, mp.constituency.name,
                                       mp.name, mp.party))
    return ready


def _current_mp(reminder: MPReminder) -> DirectoryMP | None:
    seat = None
    if reminder.constituency_code:
        seat = db.session.scalar(db.select(Constituency).where(Constituency.code == reminder.constituency_code))
    if seat is None:
        seat = db.session.scalar(db.select(Constituency)
                                 .where(Constituency.folded_name == fold(reminder.constituency_name)))
    return seat.mp if seat is not None else None


def reminder_sent(reminder_id: int) -> None:
    """The reminder has been emailed: forget the address."""
    db.session.execute(db.delete(MPReminder).where(MPReminder.id == reminder_id))
    db.session.commit()
