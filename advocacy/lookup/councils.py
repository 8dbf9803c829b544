"""Councils for a postcode: the district or unitary council, the county in two-tier areas, and the
children's services authority (the upper tier, which runs children's social care)."""

from __future__ import annotations

from dataclasses import dataclass

from .postcodes import PostcodeArea

DEVOLVED = ("Scotland", "Wales", "Northern Ireland")


@dataclass(frozen=True)
class Area:
    name: str | None  # None only for a ward postcodes.io gives a code without a name
    code: str | None

    def to_dict(self) -> dict[str, str | None]:
        return {"name": self.name, "code": self.code}


@dataclass(frozen=True)
class Councils:
    council: Area | None
    county: Area | None
    children_services_authority: Area | None


def councils_for(area: PostcodeArea) -> Councils:
    council = Area(area.district_name, area.district_code) if area.district_name else None
    county = Area(area.county_name, area.county_code) if area.county_name and area.county_code else None
    return Councils(council, county, children_services_authority(area.country, council, county))


def children_services_authority(country: str, council: Area | None, county: Area | None) -> Area | None:
    """England: the county for a district council (E07), otherwise the unitary, metropolitan or London
    borough itself. Scotland and Wales: the council. Northern Ireland: None, because children's social care
    there is run by Health and Social Care Trusts, not councils."""
    if council is None or country == "Northern Ireland":
        return None
    if council.code and council.code.startswith("E07"):
        return county
    return council
