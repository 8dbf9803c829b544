"""What the staff dashboard shows, as plain query functions over the running counts.

Every figure is an SQL aggregate over action_day_counts / action_place_counts (kept exact by triggers on
``actions``), so a campaign with a million actions renders as fast as one with ten. Lists of every
constituency and authority are passed in (they come from the MP directory and the local data), which
keeps these functions testable with any list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable, Iterable, Sequence

from sqlalchemy import Date, func, literal_column, select, type_coerce

from ..db import db
from .models import PLACE_TYPES, ActionDayCount, ActionPlaceCount

LETTER_KINDS = ("letter_mp", "letter_council")
LETTER_CHANNELS = ("pdf", "email_draft", "eml", "text", "self_reported", "sent", "confirmed")
TOP = 10

Place = tuple[str, str]  # (code, name), e.g. ("E14001331", "Leeds Central and Headingley")


@dataclass(frozen=True)
class Period:
    """A range of UTC days, both ends included; None leaves that end open."""

    start: dt.date | None = None
    end: dt.date | None = None

    def days(self) -> list[dt.date]:
        if self.start is None or self.end is None or self.end < self.start:
            return []
        return [self.start + dt.timedelta(days=n) for n in range((self.end - self.start).days + 1)]


@dataclass(frozen=True)
class MotionReportCounts:
    tabled: int
    passed: int


# Reports of motions tabled and passed come from the motions capability: given a campaign and a period,
# it returns their counts, or None while no reports are recorded anywhere.
MotionReportCounter = Callable[[str, Period], MotionReportCounts | None]


@dataclass(frozen=True)
class PlaceCount:
    code: str
    name: str
    total: int


@dataclass(frozen=True)
class Coverage:
    reached: int
    of: int

    @property
    def percent(self) -> int:
        return round(self.reached * 100 / self.of) if self.of else 0


@dataclass
class Dashboard:
    period: Period
    letters: dict[tuple[str, str], int]  # (kind, channel) -> actions
    letters_by_kind: dict[str, int]
    letters_by_channel: dict[str, int]
    letters_total: int  # actions: each download, email draft or sending of a letter
    letters_written: int  # letters: one per draft, however often downloaded or sent (as every page says)
    letters_written_by_kind: dict[str, int]
    motions_downloaded: int
    motion_reports: MotionReportCounts | None
    per_day: list[tuple[dt.date, int]]
    top_constituencies: list[PlaceCount]
    top_councils: list[PlaceCount]
    regions: list[PlaceCount]
    nations: list[PlaceCount]
    constituency_coverage: Coverage
    authority_coverage: Coverage
    constituencies_without_letters: list[Place] = field(default_factory=list)


def _in_period(query, column, period: Period):
    if period.start is not None:
        query = query.where(column >= period.start)
    if period.end is not None:
        query = query.where(column <= period.end)
    return query


def totals_by_kind_and_channel(campaign: str, period: Period) -> dict[tuple[str, str], int]:
    """Actions per (kind, channel) in the period."""
    query = (select(ActionDayCount.kind, ActionDayCount.channel, func.sum(ActionDayCount.total))
             .where(ActionDayCount.campaign == campaign)
             .group_by(ActionDayCount.kind, ActionDayCount.channel))
    rows = db.session.execute(_in_period(query, ActionDayCount.day, period))
    return {(kind, channel): int(total) for kind, channel, total in rows}


def actions_per_day(campaign: str, period: Period) -> list[tuple[dt.date, int]]:
    """Actions on each day of the period (days without any included, as 0). The period needs both ends."""
    query = (select(ActionDayCount.day, func.sum(ActionDayCount.total))
             .where(ActionDayCount.campaign == campaign).group_by(ActionDayCount.day))
    counted = {day: int(total) for day, total in db.session.execute(_in_period(query, ActionDayCount.day, period))}
    return [(day, counted.get(day, 0)) for day in period.days()]


def _day_filter_column():
    """The place counts' day, for filtering. On SQLite a unary + keeps the planner from a skip-scan of the
    primary key on the day range (three times slower once ANALYZE has run); instead it reads the
    campaign's rows in key order, which also groups them without a temporary B-tree."""
    if db.session.get_bind().dialect.name == "sqlite":
        return type_coerce(literal_column("+action_place_counts.day"), Date)
    return ActionPlaceCount.day


def place_totals(campaign: str, period: Period) -> dict[str, list[PlaceCount]]:
    """Actions per place in the period, for each place type, most first. Places never reached are absent."""
    query = (select(ActionPlaceCount.place_type, ActionPlaceCount.code, func.max(ActionPlaceCount.name),
                    func.sum(ActionPlaceCount.total).label("total"))
             .where(ActionPlaceCount.campaign == campaign)
             .group_by(ActionPlaceCount.place_type, ActionPlaceCount.code)
             .having(func.sum(ActionPlaceCount.total) > 0))
    found: dict[str, list[PlaceCount]] = {place_type: [] for place_type in PLACE_TYPES}
    for place_type, code, name, total in db.session.execute(_in_period(query, _day_filter_column(), period)):
        if code:  # '' holds the actions without such a place (e.g. motions have no constituency)
            found[place_type].append(PlaceCount(code, name or code, int(total)))
    for places in found.values():
        places.sort(key=lambda p: (-p.total, p.name))
    return found


def coverage(reached: Iterable[PlaceCount], all_places: Sequence[Place]) -> Coverage:
    """How many of ``all_places`` have at least one action."""
    codes = {place.code for place in reached}
    return Coverage(sum(1 for code, _ in all_places if code in codes), len(all_places))


def not_reached(reached: Iterable[PlaceCount], all_places: Sequence[Place]) -> list[Place]:
    """The places in ``all_places`` without any action, by name."""
    codes = {place.code for place in reached}
    return sorted((p for p in all_places if p[0] not in codes), key=lambda p: p[1])


def build_dashboard(campaign: str, period: Period, *, constituencies: Sequence[Place],
                    authorities: Sequence[Place],
                    motion_reports: MotionReportCounter | None = None) -> Dashboard:
    """Everything the dashboard shows for one campaign and period.

    ``constituencies``: all Westminster constituencies (code, name); ``authorities``: all English
    children's services authorities (code, name); ``motion_reports``: counts of motions tabled and passed,
    when that capability exists.
    """
    from ..letters.service import letters_written

    totals = totals_by_kind_and_channel(campaign, period)
    letters = {key: n for key, n in totals.items() if key[0] in LETTER_KINDS}
    places = place_totals(campaign, period)
    written = letters_written(campaign, period.start, period.end)
    return Dashboard(
        period=period,
        letters=letters,
        letters_by_kind={kind: sum(n for (k, _), n in letters.items() if k == kind) for kind in LETTER_KINDS},
        letters_by_channel={channel: sum(n for (_, c), n in letters.items() if c == channel)
                            for channel in LETTER_CHANNELS},
        letters_total=sum(letters.values()),
        letters_written=written.total,
        letters_written_by_kind={"letter_mp": written.to_mps, "letter_council": written.to_councils},
        motions_downloaded=sum(n for (kind, _), n in totals.items() if kind == "motion"),
        motion_reports=motion_reports(campaign, period) if motion_reports else None,
        per_day=actions_per_day(campaign, period),
        top_constituencies=places["constituency"][:TOP],
        top_councils=places["council"][:TOP],
        regions=places["region"],
        nations=places["country"],
        constituency_coverage=coverage(places["constituency"], constituencies),
        authority_coverage=coverage(places["authority"], authorities),
        constituencies_without_letters=not_reached(places["constituency"], constituencies),
    )

