"""Finding a council for a motion, and the MPs whose constituencies cover it.

Councils come from the register (every UK council; motions are for England's county, district and
unitary councils); a postcode finds the council and county through the lookup. MPs come from the council -> constituency
lookup joined to the MP directory (``mps sync``), plus whatever a postcode lookup just told us.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..db import db
from ..localdata import children_services_authority
from ..lookup import find_representatives
from ..lookup.members import fold
from ..lookup.models import Constituency
from .models import Council, CouncilConstituency

TIER_LABELS = {"county": "County council", "district": "District council", "unitary": "Unitary council"}


@dataclass(frozen=True)
class CouncilInfo:
    code: str
    name: str
    tier: str  # county, district, unitary
    county_code: str | None = None  # a district's county

    @property
    def tier_label(self) -> str:
        if self.code.startswith("E08"):
            return "Metropolitan borough council"
        if self.code.startswith("E09"):
            return "London borough council"
        return TIER_LABELS.get(self.tier, "Council")


@dataclass(frozen=True)
class AreaMP:
    name: str | None  # None: the seat is vacant or the directory does not know it
    constituency: str
    constituency_code: str | None


@dataclass(frozen=True)
class PostcodeCouncils:
    """What a postcode tells a councillor: their council, the county in two-tier areas, their seat."""

    councils: list[CouncilInfo]
    constituency: tuple[str | None, str] | None = None  # (code, name)
    country: str | None = None


def _info(council: Council) -> CouncilInfo:
    return CouncilInfo(council.code, council.name, council.tier, council.parent_code)


MOTION_COUNCILS = "E%"  # the register holds every UK council; the campaign's motion is for England's


def search_councils(query: str = "", limit: int | None = 50) -> list[CouncilInfo]:
    """English councils whose name contains ``query`` (any case, accents ignored), by name (None: no limit)."""
    statement = select(Council).where(Council.code.like(MOTION_COUNCILS)).order_by(Council.folded_name)
    folded = fold(query or "")
    if folded:
        escaped = folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        statement = statement.where(Council.folded_name.like(f"%{escaped}%", escape="\\"))
    return [_info(c) for c in db.session.scalars(statement.limit(limit))]


def register_loaded() -> bool:
    return db.session.scalar(select(Council.code).limit(1)) is not None


def get_council(code: str) -> CouncilInfo | None:
    """The council with this GSS code from the register, or None."""
    found = db.session.get(Council, code.strip().upper())
    return _info(found) if found else None


@dataclass(frozen=True)
class Authority:
    """Who runs children's services for a council, and whether that is someone else (a district's county)."""

    code: str | None
    name: str
    is_other: bool


def authority_for(council: CouncilInfo) -> Authority:
    found = children_services_authority(council.code)
    if found is None:
        return Authority(None, council.name, False)
    code, short_name = found
    registered = db.session.get(Council, code)
    name = registered.name if registered else short_name
    return Authority(code, name, code != council.code)


def councils_for_postcode(postcode: str) -> PostcodeCouncils:
    """The council(s) a councillor at ``postcode`` may sit on: district and county in two-tier areas.
    Raises the lookup's LookupProblem subclasses (their messages say how to fix the postcode)."""
    reps = find_representatives(postcode)
    councils: list[CouncilInfo] = []
    for area, tier in ((reps.council, None), (reps.county, "county")):
        if area is None or not area.code:
            continue
        registered = get_council(area.code) if area.code.startswith("E") else None
        if registered is not None:
            councils.append(registered)
        elif area.code.startswith("E"):
            guessed = tier or ("district" if area.code.startswith("E07") else "unitary")
            county = reps.county.code if guessed == "district" and reps.county else None
            councils.append(CouncilInfo(area.code, area.name, guessed, county))
    seat = (reps.constituency.code, reps.constituency.name) if reps.constituency else None
    return PostcodeCouncils(councils=councils, constituency=seat, country=reps.country)


def mps_for_council(council_code: str, also: list[tuple[str | None, str]] = ()) -> list[AreaMP]:
    """The constituencies covering the council (from the imported lookup, plus ``also``: seats a
    postcode lookup just found) with each one's MP from the MP directory, by constituency name."""
    seats: dict[str, tuple[str | None, str]] = {}
    rows = db.session.scalars(select(CouncilConstituency).where(CouncilConstituency.council_code == council_code))
    for row in rows:
        seats[fold(row.constituency_name)] = (row.constituency_code, row.constituency_name)
    for code, name in also:
        seats.setdefault(fold(name), (code, name))
    if not seats:
        return []
    codes = [code for code, _ in seats.values() if code]
    directory = db.session.scalars(select(Constituency).options(selectinload(Constituency.mp)).where(
        Constituency.code.in_(codes) | Constituency.folded_name.in_(list(seats))))
    by_code = {}
    by_name = {}
    for seat in directory:
        if seat.code:
            by_code[seat.code] = seat
        by_name[seat.folded_name] = seat
    from ..elections import parliament_dissolved

    dissolved = parliament_dissolved() is not None  # no MPs until the election: never name the former ones
    found = []
    for folded, (code, name) in sorted(seats.items()):
        seat = by_code.get(code or "") or by_name.get(folded)
        mp = seat.mp if seat is not None and not dissolved else None
        found.append(AreaMP(name=mp.name if mp else None, constituency=name, constituency_code=code))
    return found
