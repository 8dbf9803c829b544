"""The answer to a lookup: who represents a postcode, and where and when we found out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .councils import DEVOLVED, Area

# Where the MP details came from
FROM_PARLIAMENT = "parliament"  # the Members API (possibly its cached answer)
FROM_DIRECTORY = "directory"  # our synced copy, because the Members API did not answer
UNAVAILABLE = "unavailable"  # neither: the resident can type their MP's details


@dataclass(frozen=True)
class MP:
    name: str
    party: str | None
    email: str | None
    member_id: int | None
    thumbnail_url: str | None = None
    address_lines: tuple[str, ...] = ("House of Commons", "London", "SW1A 0AA")

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "party": self.party, "email": self.email, "member_id": self.member_id,
                "thumbnail_url": self.thumbnail_url, "address": list(self.address_lines)}


@dataclass(frozen=True)
class Representatives:
    postcode: str
    country: str
    region: str | None
    constituency: Area | None
    mp: MP | None
    vacant: bool  # the seat has no MP (by-election pending): write to the council instead
    council: Area | None
    county: Area | None  # only in two-tier areas
    children_services_authority: Area | None
    ward: Area | None
    mp_source: str  # FROM_PARLIAMENT, FROM_DIRECTORY or UNAVAILABLE
    postcode_checked_at: dt.datetime  # UTC
    mp_checked_at: dt.datetime | None  # UTC; when the MP details were last confirmed
    parliament_constituency_id: int | None = None
    stale: bool = False  # some part came from an old cached answer because a service is down

    @property
    def devolved(self) -> bool:
        """Children's services are run by the devolved government (Scotland, Wales, Northern Ireland)."""
        return self.country in DEVOLVED

    @property
    def mp_unavailable(self) -> bool:
        return self.mp_source == UNAVAILABLE

    def to_api_dict(self) -> dict[str, Any]:
        """Exactly the /api/lookup shape (plus a few extra keys)."""
        def area(value: Area | None) -> dict | None:
            return value.to_dict() if value else None

        return {
            "postcode": self.postcode,
            "country": self.country,
            "region": self.region,
            "constituency": area(self.constituency),
            "mp": self.mp.to_dict() if self.mp else None,
            "council": area(self.council),
            "county": area(self.county),
            "children_services_authority": area(self.children_services_authority),
            "ward": area(self.ward),
            "vacant": self.vacant,
            "mp_source": self.mp_source,
            "checked_at": {"postcode": _iso(self.postcode_checked_at), "mp": _iso(self.mp_checked_at)},
        }


def _iso(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.timezone.utc).isoformat(timespec="seconds") if value else None


def checked_phrase(checked_at: dt.datetime | None, today: dt.date | None = None) -> str:
    """'checked today', 'checked yesterday', 'checked on 3 November 2026'."""
    if checked_at is None:
        return "not checked"
    if checked_at.tzinfo is not None:
        checked_at = checked_at.astimezone(dt.timezone.utc)
    day = checked_at.date()
    today = today or dt.datetime.now(dt.timezone.utc).date()
    if day >= today:
        return "checked today"
    if day == today - dt.timedelta(days=1):
        return "checked yesterday"
    return f"checked on {day.day} {day:%B %Y}"
