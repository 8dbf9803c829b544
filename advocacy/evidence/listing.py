"""The staff list: the constituencies and councils whose residents wrote most, and constituencies with none.

It reads only the dashboard's running counts (kept exact by triggers), so a million actions cost no more
than a thousand: counting letters of one kind per place from the actions table would scan every row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..staff.dashboard import Period, place_totals

TOP = 20


@dataclass(frozen=True)
class PlaceActions:
    code: str
    name: str
    total: int  # constituencies: letters from its residents (to the MP and the council); councils: letters
    #             from its residents and motions drafted for it


@dataclass(frozen=True)
class Listing:
    constituencies: list[PlaceActions]  # the TOP where residents wrote most
    councils: list[PlaceActions]
    without: list[tuple[str, str]]  # every known constituency with no letter at all


def evidence_listing(campaign: str, since: dt.date, until: dt.date,
                     all_constituencies: list[tuple[str, str]]) -> Listing:
    places = place_totals(campaign, Period(since, until))
    reached = {p.code for p in places["constituency"]}
    return Listing(
        constituencies=[PlaceActions(p.code, p.name, p.total) for p in places["constituency"][:TOP]],
        councils=[PlaceActions(p.code, p.name, p.total) for p in places["council"][:TOP]],
        without=[place for place in all_constituencies if place[0] not in reached])
