"""The dashboard's running counts (action_day_counts, action_place_counts).

Database triggers on ``actions`` keep them exact as each action is recorded (migration 0004_staff), so the
dashboard sums a few thousand rows instead of scanning every action. This module rebuilds them from the
actions table: after a bulk import that bypassed the triggers, or if they are ever in doubt.
"""

from __future__ import annotations

from sqlalchemy import String, delete, func, insert, literal, select

from ..actions.models import Action
from ..db import db
from .models import ActionDayCount, ActionPlaceCount

# place type -> (code column, name column) on Action
PLACE_COLUMNS = {
    "constituency": (Action.constituency_code, Action.constituency_name),
    "council": (Action.council_code, Action.council_name),
    "authority": (Action.authority_code, Action.authority_name),
    "region": (Action.region, Action.region),
    "country": (Action.country, Action.country),
}


def rebuild_counts() -> int:
    """Recompute every running count from the actions table in one transaction. Returns the actions counted."""
    day = func.date(Action.created_at)
    db.session.execute(delete(ActionDayCount))
    db.session.execute(delete(ActionPlaceCount))
    db.session.execute(insert(ActionDayCount).from_select(
        ["campaign", "day", "kind", "channel", "total"],
        select(Action.campaign, day, Action.kind, Action.channel, func.count())
        .group_by(Action.campaign, day, Action.kind, Action.channel)))
    for place_type, (code, name) in PLACE_COLUMNS.items():
        code_or_blank = func.coalesce(code, "")
        db.session.execute(insert(ActionPlaceCount).from_select(
            ["campaign", "place_type", "code", "day", "name", "total"],
            select(Action.campaign, literal(place_type, String), code_or_blank, day, func.max(name), func.count())
            .group_by(Action.campaign, code_or_blank, day)))
    db.session.commit()
    return int(db.session.scalar(select(func.coalesce(func.sum(ActionDayCount.total), 0))))
