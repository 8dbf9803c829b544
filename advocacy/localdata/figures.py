"""A council's figures as letters, motions, the CLI and the API see them. Plain Python, no database:
``Snapshot`` holds every imported figure in memory, ``build_figures`` reads one council's from it.
"""

from __future__ import annotations

import dataclasses

import math
from dataclasses import dataclass, field
from typing import Any, Iterable, Sequence

from .authorities import (SAME_AREA_PREDECESSOR, children_services_authority_in, display_name, in_phrase,
                          the,
                          reporting_codes)
from .ees import NATIONAL_CODE, year_label

NOT_PUBLISHED = "not published"
# A trend over roughly a decade: the earlier figure is the first published one within this many years.
TREND_YEARS = 10


@dataclass
class Series:
    """One data set in memory: values by area and year, and what the areas are called."""

    name: str
    label: str
    values: dict[str, dict[int, float | None]] = field(default_factory=dict)  # None: not published
    names: dict[str, str] = field(default_factory=dict)
    regions: dict[str, tuple[str, str]] = field(default_factory=dict)  # local area -> (region code, name)

    def add(self, year: int, area_code: str, area_name: str, value: float | None,
            region_code: str | None = None, region_name: str | None = None) -> None:
        self.values.setdefault(area_code, {})[year] = value
        area_name = display_name(area_name)
        known = self.names.get(area_code)
        # Keep the newest name: authorities are sometimes renamed.
        if known is None or year >= max(self.values[area_code]):
            self.names[area_code] = area_name
        if region_code:
            self.regions[area_code] = (region_code, region_name or region_code)

    @property
    def latest_year(self) -> int | None:
        national = self.values.get(NATIONAL_CODE)
        years = national.keys() if national else {y for v in self.values.values() for y in v}
        return max(years, default=None)


@dataclass
class Snapshot:
    """Everything imported: measure series by name, the child population and the district lookup."""

    measures: dict[str, Series] = field(default_factory=dict)
    population: Series | None = None
    lookup: dict[str, tuple[str, str]] = field(default_factory=dict)  # district -> (county code, name)
    names: dict[str, str] = field(default_factory=dict)
    cache: dict[tuple, "Figures"] = field(default_factory=dict)

    def finish(self) -> "Snapshot":
        """Index the names of every authority known to any series or the lookup."""
        for upper, name in self.lookup.values():
            self.names.setdefault(upper, display_name(name))
        for series in self.measures.values():
            self.names.update({code: name for code, name in series.names.items() if code.startswith("E")})
        return self


@dataclass(frozen=True)
class MeasureFigures:
    name: str
    label: str
    area_name: str
    area_code: str
    is_local: bool
    latest: float
    latest_year: int
    earlier: float | None
    earlier_year: int | None
    per_10k: float | None
    england: float | None
    region: float | None
    region_name: str | None
    england_earlier: float | None = None  # England's figure in ``earlier_year``: the national trend, same years

    @property
    def england_change_fmt(self) -> str:
        """England's change over the same years as the area's: "up 12%" (NOT_PUBLISHED when unknown)."""
        if self.england is None or self.england_earlier is None:
            return NOT_PUBLISHED
        return dataclasses.replace(self, latest=self.england, earlier=self.england_earlier).change_fmt

    @property
    def change_pct(self) -> int | None:
        if self.earlier is None or not self.earlier:
            return None
        return _round_half_away((self.latest - self.earlier) / self.earlier * 100)

    @property
    def change_fmt(self) -> str:
        change = self.change_pct
        if change is None or self.earlier is None:
            return NOT_PUBLISHED
        if self.latest == self.earlier:
            return "no change"
        if change == 0:
            return "up less than 1%" if self.latest > self.earlier else "down less than 1%"
        return f"up {change}%" if change > 0 else f"down {-change}%"

    @property
    def sentence(self) -> str:
        where = in_phrase(self.area_name) if self.is_local else "Across England"
        what = f"the number of {self.label}"
        latest = f"{number_fmt(self.latest)} in {year_label(self.latest_year)}"
        if self.earlier is None or self.earlier_year is None:
            return f"{where}, {what} was {latest}."
        earlier = f"{number_fmt(self.earlier)} in {year_label(self.earlier_year)}"
        if self.latest == self.earlier:
            return f"{where}, {what} was {latest}, the same as in {year_label(self.earlier_year)}."
        verb = "rose" if self.latest > self.earlier else "fell"
        return f"{where}, {what} {verb} from {earlier} to {latest} ({self.change_fmt})."

    def as_template_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "area_name": self.area_name,
            "area_code": self.area_code,
            "is_local": self.is_local,
            "latest": _plain(self.latest), "latest_fmt": number_fmt(self.latest),
            "latest_year": year_label(self.latest_year),
            "earlier": _plain(self.earlier), "earlier_fmt": number_fmt(self.earlier),
            "earlier_year": year_label(self.earlier_year) if self.earlier_year else NOT_PUBLISHED,
            "change_pct": self.change_pct, "change_fmt": self.change_fmt,
            "per_10k": self.per_10k,
            "per_10k_fmt": f"{self.per_10k:,.1f}" if self.per_10k is not None else NOT_PUBLISHED,
            "england": _plain(self.england), "england_fmt": number_fmt(self.england),
            "england_earlier": _plain(self.england_earlier), "england_earlier_fmt": number_fmt(self.england_earlier),
            "england_change_fmt": self.england_change_fmt,
            "region": _plain(self.region), "region_fmt": number_fmt(self.region),
            "region_name": self.region_name or NOT_PUBLISHED,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class Figures:
    """The figures for one council: those of its children's services authority, measure by measure."""

    council_code: str
    area_code: str
    area_name: str
    measures: dict[str, MeasureFigures]
    # Where the figures come from, one line per source (advocacy.data.provenance); filled by the store.
    sources: tuple[str, ...] = ()

    def as_template_dict(self) -> dict[str, Any]:
        """The ``local`` object letter and motion templates see (and the CLI and API print)."""
        return {
            "area": {"name": self.area_name, "code": self.area_code},
            "sources": list(self.sources),
            **{name: measure.as_template_dict() for name, measure in self.measures.items()},
        }


def number_fmt(value: float | None) -> str:
    """``3097.0`` -> ``"3,097"``; ``12.5`` -> ``"12.5"``; None -> ``"not published"``."""
    if value is None:
        return NOT_PUBLISHED
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _round_half_away(value: float) -> int:
    # round() rounds halves to even (162.5 -> 162); readers expect 163, as DfE's own tables show.
    return int(math.floor(abs(value) + 0.5)) * (1 if value >= 0 else -1)


def _plain(value: float | None) -> int | float | None:
    return int(value) if value is not None and float(value).is_integer() else value


def children_services_authority(snapshot: Snapshot, code: str) -> tuple[str, str] | None:
    return children_services_authority_in(code, snapshot.lookup, snapshot.names)


def build_figures(snapshot: Snapshot, code: str, measures: Sequence[str] | None = None) -> Figures | None:
    """Figures for council ``code`` (None when the code is not a council the data knows).

    For each measure: the authority's own rows; else the rows of the authority it is reported with;
    else England's, whenever the local figure for the latest year is missing or not published.
    """
    code = code.strip().upper()
    key = (code, tuple(measures) if measures is not None else None)
    if key in snapshot.cache:
        return snapshot.cache[key]
    authority = children_services_authority(snapshot, code)
    if authority is None:
        return None  # not cached: anyone can ask for any string, and the cache must stay bounded
    names = list(measures) if measures is not None else list(snapshot.measures)
    built = {name: _measure(snapshot, snapshot.measures[name], *authority)
             for name in names if name in snapshot.measures}
    result = Figures(council_code=code, area_code=authority[0], area_name=authority[1],
                     measures={k: v for k, v in built.items() if v is not None})
    snapshot.cache[key] = result
    return result


def england_figures(snapshot: Snapshot, measures: Sequence[str] | None = None) -> Figures:
    """Figures for England as a whole: for places whose council the data does not know."""
    names = list(measures) if measures is not None else list(snapshot.measures)
    built = {name: _measure(snapshot, snapshot.measures[name], NATIONAL_CODE, "England")
             for name in names if name in snapshot.measures}
    return Figures(council_code=NATIONAL_CODE, area_code=NATIONAL_CODE, area_name="England",
                   measures={k: v for k, v in built.items() if v is not None})


def _measure(snapshot: Snapshot, series: Series, authority_code: str, authority_name: str) -> MeasureFigures | None:
    latest_year = series.latest_year
    if latest_year is None:
        return None
    england_values = series.values.get(NATIONAL_CODE, {})
    area_code, values = _local_values(series, authority_code)
    region_code, region_name = series.regions.get(authority_code) or series.regions.get(area_code or "",
                                                                                         (None, None))
    region = series.values.get(region_code, {}).get(latest_year) if region_code else None

    if area_code and area_code != NATIONAL_CODE and values.get(latest_year) is not None:
        area_name = series.names.get(area_code, authority_name)
        if area_code != authority_code and authority_name not in area_name:
            area_name = f"{area_name} and {the(authority_name)}"  # the statistics combine the two
        is_local = True
    else:
        area_code, area_name, values, is_local = NATIONAL_CODE, "England", england_values, False
        if values.get(latest_year) is None:
            return None  # not even England's figure for the latest year: nothing honest to say
    earlier_year = next((y for y in sorted(values) if latest_year - TREND_YEARS < y < latest_year
                         and values[y] is not None), None)
    return MeasureFigures(
        name=series.name, label=series.label, area_name=area_name, area_code=area_code, is_local=is_local,
        latest=values[latest_year], latest_year=latest_year,
        earlier=values[earlier_year] if earlier_year else None, earlier_year=earlier_year,
        per_10k=_per_10k(snapshot, area_code, latest_year, values[latest_year]),
        england=england_values.get(latest_year), region=region, region_name=region_name if region is not None else None,
        england_earlier=england_values.get(earlier_year) if earlier_year else None,
    )


def _local_values(series: Series, authority_code: str) -> tuple[str | None, dict[int, float | None]]:
    for code in reporting_codes(authority_code):
        if code in series.values:
            values = series.values[code]
            predecessor = SAME_AREA_PREDECESSOR.get(code)
            if predecessor in series.values:
                # Same area under its old code: the trend runs on across the reorganisation.
                values = {**series.values[predecessor], **values}
            return code, values
    return None, {}


def _per_10k(snapshot: Snapshot, area_code: str, year: int, value: float) -> float | None:
    if snapshot.population is None:
        return None
    children = snapshot.population.values.get(area_code, {}).get(year)
    if not children:
        return None
    return round(value / children * 10_000, 1)


def series_from_rows(name: str, label: str, rows: Iterable) -> Series:
    """A Series from objects with ``year, area_code, area_name, value, region_code, region_name``."""
    series = Series(name=name, label=label)
    for row in rows:
        series.add(row.year, row.area_code, row.area_name, row.value, row.region_code, row.region_name)
    return series
