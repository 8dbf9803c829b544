"""Notice deadlines for council motions: plain date arithmetic, no database, no Flask.

Councils set a notice period in their constitution, in one of two ways:

- ``working`` days: notice must reach democratic services at least N working days before the meeting.
  Working days skip Saturdays, Sundays and English bank holidays; the day notice arrives counts, the
  meeting day does not (10 working days before Thursday 21 January 2027 is Thursday 7 January).
- ``clear`` days: N whole days must lie between the day notice arrives and the meeting day, neither of
  which counts (5 clear days before a Thursday meeting is the Friday of the week before). Those days
  are calendar days, but the deadline itself must be a day the office is open, so one falling on a
  weekend or bank holiday moves back to the working day before.

Bank holidays come from the maintained ``holidays`` library (England), never a hand-written list.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

import holidays

NOTICE_KINDS = ("working", "clear")
NOTICE_KIND_LABELS = {"working": "working days", "clear": "clear days"}


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def bank_holiday_name(day: dt.date) -> str | None:
    """The English bank holiday on ``day`` ("Christmas Day"), or None."""
    return holidays.country_holidays("GB", subdiv="ENG", years=day.year).get(day)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not an English bank holiday."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def previous_working_day(day: dt.date) -> dt.date:
    """``day`` itself when it is a working day, else the latest working day before it."""
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def working_days_before(day: dt.date, count: int) -> dt.date:
    """The working day ``count`` working days before ``day`` (``day`` itself is not counted)."""
    if count < 0:
        raise ValueError("a notice period cannot be negative")
    found = 0
    while found < count:
        day -= dt.timedelta(days=1)
        if is_working_day(day):
            found += 1
    return previous_working_day(day) if count == 0 else day


def notice_deadline(meeting: dt.date, days: int, kind: str) -> dt.date:
    """The last day notice of a motion can reach democratic services for a meeting on ``meeting``."""
    if kind == "working":
        return working_days_before(meeting, days)
    if kind == "clear":
        if days < 0:
            raise ValueError("a notice period cannot be negative")
        # Neither the day of arrival nor the meeting day counts: N clear days means arrival N+1 days before.
        return previous_working_day(meeting - dt.timedelta(days=days + 1))
    raise ValueError(f"unknown notice period kind {kind!r}: use one of {', '.join(NOTICE_KINDS)}")


@dataclass(frozen=True)
class MeetingDeadline:
    meeting: dt.date
    deadline: dt.date
    today: dt.date
    meeting_name: str = "Full Council"

    @property
    def days_left(self) -> int:
        return (self.deadline - self.today).days

    @property
    def open(self) -> bool:
        """Notice can still reach democratic services in time (the deadline is today or later)."""
        return self.days_left >= 0

    @property
    def when(self) -> str:
        """'today', 'tomorrow' or 'in 12 days'."""
        if self.days_left == 0:
            return "today"
        if self.days_left == 1:
            return "tomorrow"
        return f"in {self.days_left} days"

    @property
    def sentence(self) -> str:
        """'The next Full Council is on Thursday 21 January 2027; notice must reach democratic services by
        Thursday 7 January 2027 (in 12 days).'"""
        return (f"The next {self.meeting_name} is on {long_date(self.meeting)}; notice must reach "
                f"democratic services by {long_date(self.deadline)} ({self.when}).")

    @property
    def deadline_fmt(self) -> str:
        return long_date(self.deadline)

    @property
    def line(self) -> str:
        """'Thursday 21 January 2027: notice by Thursday 7 January 2027 (in 12 days)', for a list."""
        return f"{long_date(self.meeting)}: notice by {long_date(self.deadline)} ({self.when})"


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def long_date(day: dt.date) -> str:
    """'Thursday 21 January 2027' (names from tables, never the server's locale)."""
    from ..documents.typography import format_date

    return f"{WEEKDAYS[day.weekday()]} {format_date(day)}"


def upcoming_deadlines(meetings: Iterable[dt.date], days: int, kind: str, today: dt.date,
                       meeting_name: str = "Full Council") -> list[MeetingDeadline]:
    """The meetings whose notice deadline has not passed, soonest first, each with its deadline.

    A meeting whose deadline is behind ``today`` is left out: notice could no longer be given in time.
    """
    found = [MeetingDeadline(meeting, notice_deadline(meeting, days, kind), today, meeting_name)
             for meeting in sorted(set(meetings)) if meeting > today]
    return [item for item in found if item.open]


def describe_notice(days: int, kind: str) -> str:
    """'10 working days' / '5 clear days' / '1 working day'."""
    label = NOTICE_KIND_LABELS[kind]
    return f"{days} {label[:-1] if days == 1 else label}"


def london_today() -> dt.date:
    """Today's date in England: deadlines are English office days, whatever the server's clock zone."""
    from zoneinfo import ZoneInfo

    return dt.datetime.now(ZoneInfo("Europe/London")).date()
