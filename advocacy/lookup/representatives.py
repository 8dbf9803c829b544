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
DISSOLVED = "dissolved"  # Parliament is dissolved for a general election: there are no MPs

# Where the council came from
COUNCIL_FROM_POSTCODES = "postcodes.io"  # the council at the postcode's centre
COUNCIL_FROM_GOVUK = "govuk"  # the council of the address the resident picked (GOV.UK)


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
    postcode_stale: bool = False
    mp_stale: bool = False  # the MP details are older than the cache time: the Members API did not answer
    dissolution: Any = None  # advocacy.elections.Dissolution while Parliament is dissolved
    council_choices: tuple = ()  # AddressChoice per address when the postcode is split between councils
    council_slug: str | None = None  # GOV.UK slug of the council picked by address
    council_source: str = COUNCIL_FROM_POSTCODES
    council_checked_at: dt.datetime | None = None

    @property
    def dissolved(self) -> bool:
        return self.dissolution is not None

    @property
    def council_split(self) -> bool:
        """The postcode is in more than one council and the resident has not picked their address yet."""
        return bool(self.council_choices) and self.council_slug is None

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
            "stale": {"postcode": self.postcode_stale, "mp": self.mp_stale},
            "dissolved": self.dissolved,
            "council_source": self.council_source,
            "council_split": [choice.to_dict() for choice in self.council_choices],
        }


def _iso(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.timezone.utc).isoformat(timespec="seconds") if value else None


def checked_phrase(checked_at: dt.datetime | None, today: dt.date | None = None) -> str:
    """'checked today', 'checked yesterday', 'checked 3 days ago' (up to a fortnight), 'checked on
    3 November 2026'."""
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
    if day >= today - dt.timedelta(days=14):
        return f"checked {(today - day).days} days ago"
    return f"checked on {day.day} {day:%B %Y}"


def freshness_lines(reps: "Representatives", today: dt.date | None = None) -> list[str]:
    """Where each part of a lookup came from and how recent it is, one sentence each, for every page that
    shows a lookup result: 'MP details from the UK Parliament, checked today.'"""
    lines = []
    if reps.mp_source == FROM_PARLIAMENT and reps.mp_checked_at:
        if reps.mp_stale:
            lines.append(f"MP details from the UK Parliament, last {checked_phrase(reps.mp_checked_at, today)} "
                         "(the service did not answer).")
        else:
            lines.append(f"MP details from the UK Parliament, {checked_phrase(reps.mp_checked_at, today)}.")
    elif reps.mp_source == FROM_DIRECTORY:
        lines.append("MP details from our copy of the UK Parliament's list of MPs, last "
                     f"{checked_phrase(reps.mp_checked_at, today)} (the UK Parliament's service did not answer).")
    elif reps.mp_source == DISSOLVED and reps.dissolution is not None:
        lines.append("No MP details while Parliament is dissolved.")
    postcode = checked_phrase(reps.postcode_checked_at, today)
    if reps.postcode_stale:
        lines.append(f"Postcode details from postcodes.io, last {postcode} (the service did not answer).")
    else:
        lines.append(f"Postcode details from postcodes.io, {postcode}.")
    if reps.council_source == COUNCIL_FROM_GOVUK and reps.council_checked_at:
        lines.append("Council for the address you picked from GOV.UK, "
                     f"{checked_phrase(reps.council_checked_at, today)}.")
    return lines
