"""The shipped release's figures in memory, read straight from its files (no database): what campaign
templates are checked against at start-up, in `campaigns check` and in the staff editor's preview."""

from __future__ import annotations

from functools import lru_cache

from ..localdata.ees import read_measure
from ..localdata.figures import Snapshot, series_from_rows
from ..localdata.importer import PRESETS
from ..localdata.ons import read_lookup
from .build import MEASURES, POPULATION
from .load import SHIPPED

EXAMPLE_COUNCIL = "E08000035"  # Leeds: the council template checks and previews use


@lru_cache(maxsize=1)
def release_snapshot() -> Snapshot:
    """Every figure of the shipped release, as the figures code sees imported ones."""
    snapshot = Snapshot()
    for name in MEASURES:
        preset = PRESETS[name]
        text = (SHIPPED / f"{name}.csv").read_text(encoding="utf-8")
        parsed = read_measure(text, measure=preset["column"], filename=f"{name}.csv")
        snapshot.measures[name] = series_from_rows(name, preset["label"], parsed.rows)
    text = (SHIPPED / f"{POPULATION}.csv").read_text(encoding="utf-8")
    parsed = read_measure(text, measure="population_estimate", filename=f"{POPULATION}.csv", year_shift=1)
    snapshot.population = series_from_rows(POPULATION, "children aged 0 to 17", parsed.rows)
    for row in read_lookup((SHIPPED / "council_lookup.csv").read_text(encoding="utf-8"), filename="council_lookup.csv"):
        snapshot.lookup[row.ltla_code] = (row.utla_code, row.utla_name)
    return snapshot.finish()
