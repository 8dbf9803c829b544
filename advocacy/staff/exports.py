"""CSV exports, produced row by row so a million actions never sit in memory.

Each function returns a generator of CSV text chunks; the view streams it. Rows are read with
``yield_per`` (a server-side cursor on PostgreSQL) in batches of BATCH.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Iterable, Iterator, Sequence

from sqlalchemy import select

from ..actions.models import Action
from ..db import db
from ..supporters.models import Supporter
from .dashboard import Period

BATCH = 1000

ACTION_COLUMNS = ("id", "created_at", "campaign", "kind", "channel", "constituency_code", "constituency_name",
                  "mp_member_id", "council_code", "council_name", "authority_code", "authority_name", "region",
                  "country", "template_version")
SUPPORTER_COLUMNS = ("name", "email", "postcode", "signed_up_at")


def spreadsheet_safe(value: object) -> str:
    """Text a spreadsheet shows as typed: a leading = + - @ (a formula) is defused with a quote."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def _csv_chunks(header: Sequence[str], rows: Iterable[Sequence[object]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for number, row in enumerate(rows, start=1):
        writer.writerow([spreadsheet_safe(v) for v in row])
        if number % BATCH == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _period_bounds(query, period: Period):
    if period.start is not None:
        query = query.where(Action.created_at >= dt.datetime.combine(period.start, dt.time.min))
    if period.end is not None:
        query = query.where(Action.created_at < dt.datetime.combine(period.end + dt.timedelta(days=1), dt.time.min))
    return query


def _streamed(query) -> Iterator[Sequence[object]]:
    """The query's rows, read in batches. The query runs only when the first row is wanted: a streamed
    response reads it after the view returned and its transaction ended, which on PostgreSQL closes the
    server-side cursor, so the cursor must be opened in the transaction that reads it."""
    yield from db.session.execute(query.execution_options(yield_per=BATCH))


def actions_csv(campaign: str, period: Period) -> Iterator[str]:
    """Every action of a campaign in the period, oldest first (the campaign+time index gives that order
    without sorting). No personal data is in this table."""
    columns = [getattr(Action, name) for name in ACTION_COLUMNS]
    query = _period_bounds(select(*columns).where(Action.campaign == campaign), period).order_by(Action.created_at, Action.id)
    return _csv_chunks(ACTION_COLUMNS, _streamed(query))


def consenting_supporters_csv(campaign: str) -> Iterator[str]:
    """Supporters of a campaign who agreed to hear about it: personal data, for admins only."""
    query = (select(Supporter.name, Supporter.email, Supporter.postcode, Supporter.created_at)
             .where(Supporter.campaign == campaign, Supporter.consent_updates.is_(True),
                    Supporter.email.is_not(None))
             .order_by(Supporter.id))
    return _csv_chunks(SUPPORTER_COLUMNS, _streamed(query))


def motion_reports_csv(campaign: str) -> Iterator[str]:
    """Every motion drafted for a campaign with what its councillor reported (tabled date, outcome,
    minutes link). Public facts only: the proposers' names are kept elsewhere and never exported here."""
    from ..motions.tracking import REPORT_COLUMNS, report_rows

    return _csv_chunks(REPORT_COLUMNS, report_rows(campaign, BATCH))
