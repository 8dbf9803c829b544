"""Is Parliament dissolved? Either configured (ADVOCACY_DISSOLUTION_FROM / _UNTIL) or detected: the last
`mps sync` found no current MP in any seat, which only happens between dissolution and the election."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from flask import current_app

from ..db import db


@dataclass(frozen=True)
class Dissolution:
    since: dt.date | None  # the day Parliament was dissolved, when known
    polling_day: dt.date | None  # when configured
    detected: bool  # True: found by `mps sync`, not configured

    @property
    def message(self) -> str:
        """What residents are told, in one sentence."""
        election = (f"the general election on {_day(self.polling_day)}" if self.polling_day
                    else "the general election")
        return (f"Parliament has been dissolved for {election}, so there are no MPs until then and no one to "
                f"address a letter to as your MP.")


def parliament_dissolved(today: dt.date | None = None) -> Dissolution | None:
    """The current dissolution, or None while Parliament sits (including a single vacant seat, which is a
    by-election and handled per seat)."""
    today = today or dt.datetime.now(dt.timezone.utc).date()
    config = current_app.config
    start, end = config.get("ADVOCACY_DISSOLUTION_FROM"), config.get("ADVOCACY_DISSOLUTION_UNTIL")
    if start is not None and start <= today and (end is None or today <= end):
        return Dissolution(since=start, polling_day=end, detected=False)
    return _detected_by_sync(today, after=end)


EXTENSION = "advocacy.elections"
REMEMBER_SECONDS = 60.0  # a sync happens a few times a day; every lookup asking the database would not help


def _detected_by_sync(today: dt.date, after: dt.date | None) -> Dissolution | None:
    remembered = current_app.extensions.get(EXTENSION)
    if remembered is not None and remembered[0] > time.monotonic():
        found = remembered[1]
    else:
        found = _dissolution_from_sync_runs()
        current_app.extensions[EXTENSION] = (time.monotonic() + REMEMBER_SECONDS, found)
    if found is None or (after is not None and found[1] <= after):
        return None  # no empty sync, or it was during the configured dissolution, which is over
    return Dissolution(since=found[0], polling_day=None, detected=True)


def forget_sync_state() -> None:
    """Called after `mps sync`, so this worker sees a dissolution (or its end) at once; others within a minute."""
    current_app.extensions.pop(EXTENSION, None)


def _dissolution_from_sync_runs() -> tuple[dt.date, dt.date] | None:
    """(first day of the run of empty syncs, day of the latest) when the latest sync found no MP."""
    from ..lookup.models import MPSyncRun

    last = db.session.scalars(db.select(MPSyncRun).order_by(MPSyncRun.synced_at.desc(), MPSyncRun.id.desc())
                              .limit(1)).first()
    if last is None or last.mps > 0:
        return None
    return _first_empty_sync_day(last.synced_at), last.synced_at.date()


def _first_empty_sync_day(latest: dt.datetime) -> dt.date:
    from ..lookup.models import MPSyncRun

    last_with_mps = db.session.scalar(db.select(db.func.max(MPSyncRun.synced_at)).where(MPSyncRun.mps > 0))
    query = db.select(db.func.min(MPSyncRun.synced_at)).where(MPSyncRun.mps == 0)
    if last_with_mps is not None:
        query = query.where(MPSyncRun.synced_at > last_with_mps)
    return (db.session.scalar(query) or latest).date()


def mp_letter_refusal(today: dt.date | None = None) -> str | None:
    """Why no letter may be addressed to an MP right now (None when it may): the letter journey calls this
    before it addresses or produces any letter to an MP, whatever the session holds."""
    dissolution = parliament_dissolved(today)
    if dissolution is None:
        return None
    return (f"{dissolution.message} Your letter has not been addressed to your former MP. You can write to your "
            f"council instead, or ask us to email you when your new MP is known.")


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"
