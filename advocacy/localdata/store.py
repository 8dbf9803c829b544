"""The imported figures, held in memory per app and refreshed when an import changes them.

A letter request must not wait on the database for figures that change a few times a year, so the first
lookup loads everything (a few thousand rows) and later lookups are dictionary reads. Another process's
import is noticed within ``RECHECK_SECONDS``.
"""

from __future__ import annotations

import threading
import time
from typing import Sequence

from flask import current_app
from sqlalchemy import func, select

from ..db import db
from .authorities import why_unknown
from .figures import Figures, Series, Snapshot, build_figures, england_figures
from .figures import children_services_authority as _authority
from .importer import POPULATION
from .models import CouncilLookup, Dataset, Figure

EXTENSION = "advocacy.localdata"
RECHECK_SECONDS = 5.0


class _Holder:
    def __init__(self) -> None:
        self.snapshot: Snapshot | None = None
        self.version: tuple | None = None
        self.checked = 0.0
        self.lock = threading.Lock()


def _version() -> tuple:
    # Every import (measures, population, lookup) rewrites its Dataset row, so this changes with any import.
    return tuple(db.session.execute(select(func.count(Dataset.id), func.max(Dataset.imported_at),
                                           func.max(Dataset.id), func.sum(Dataset.row_count))).one())


def load_snapshot() -> Snapshot:
    """Read every imported figure and the lookup from the database."""
    snapshot = Snapshot()
    datasets = {d.id: d for d in db.session.scalars(select(Dataset))}
    series_by_id: dict[int, Series] = {}
    for dataset in datasets.values():
        if dataset.kind == "lookup":
            continue
        series = Series(name=dataset.name, label=dataset.label, is_sample=dataset.is_sample)
        series_by_id[dataset.id] = series
        if dataset.kind == "population" or dataset.name == POPULATION:
            snapshot.population = series
        else:
            snapshot.measures[dataset.name] = series
    query = select(Figure.dataset_id, Figure.year, Figure.area_code, Figure.area_name, Figure.value,
                   Figure.region_code, Figure.region_name).order_by(Figure.dataset_id, Figure.year)
    for dataset_id, year, code, name, value, region_code, region_name in db.session.execute(query):
        series_by_id[dataset_id].add(year, code, name, value, region_code, region_name)
    for row in db.session.scalars(select(CouncilLookup)):
        snapshot.lookup[row.ltla_code] = (row.utla_code, row.utla_name)
    return snapshot.finish()


def current_snapshot() -> Snapshot:
    """This app's snapshot, reloaded when the data sets changed (checked at most every few seconds)."""
    holder: _Holder = current_app.extensions.setdefault(EXTENSION, _Holder())
    now = time.monotonic()
    if holder.snapshot is not None and now - holder.checked < RECHECK_SECONDS:
        return holder.snapshot
    with holder.lock:
        version = _version()
        if holder.snapshot is None or version != holder.version:
            holder.snapshot, holder.version = load_snapshot(), version
        holder.checked = now
        return holder.snapshot


def forget_snapshot() -> None:
    """Drop this app's snapshot: the next lookup reloads (called after an import in this process)."""
    current_app.extensions.pop(EXTENSION, None)


def figures_for(code: str, measures: Sequence[str] | None = None) -> Figures | None:
    """The figures that apply to council ``code`` (any E06/E07/E08/E09/E10 code): its children's
    services authority's, for ``measures`` (a campaign's ``measures``; default every imported measure).
    None when the code is not a council the data knows.
    """
    return build_figures(current_snapshot(), code, measures)


def figures_for_england(measures: Sequence[str] | None = None) -> Figures:
    """England's figures, for a place whose council has none of its own (outside England, unknown)."""
    return england_figures(current_snapshot(), measures)


def children_services_authority(code: str) -> tuple[str, str] | None:
    """(code, name) of the authority running children's services for council ``code``: the county for
    a district, the successor for a council abolished in a reorganisation, the council itself otherwise.
    None for a code that is not an English council the data or the lookup knows."""
    return _authority(current_snapshot(), code)


def has_official_data() -> bool:
    """True when any official file (not the sample data set) has been imported."""
    return db.session.scalar(select(func.count(Dataset.id)).where(Dataset.is_sample.is_(False))) > 0


def why_no_figures(code: str) -> str:
    """The message for a code ``figures_for`` gives None for: what is wrong and how to fix it."""
    reason = why_unknown(code)
    snapshot = current_snapshot()
    if snapshot.measures and all(series.is_sample for series in snapshot.measures.values()):
        reason += (" Only the sample figures are loaded, which cover a few councils; import the official files "
                   "(docs/data.md, 'Local figures') for every council in England.")
    return reason


UPPER_TIER_PREFIXES = ("E06", "E08", "E09", "E10")


def english_authorities() -> list[tuple[str, str]]:
    """Every English children's services authority with a row in the latest year of any imported
    measure, as (code, name) sorted by name: the councils a campaign can reach for coverage counts."""
    found: dict[str, str] = {}
    for series in current_snapshot().measures.values():
        latest = series.latest_year
        for code, years in series.values.items():
            if code.startswith(UPPER_TIER_PREFIXES) and latest in years:
                found[code] = series.names.get(code, code)
    return sorted(found.items(), key=lambda item: item[1])
