"""UK Parliament Members API client: a constituency's current MP, their contact details, all current MPs."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Iterator

from .http import Fetched, Upstream

PAGE_SIZE = 20  # the API's maximum `take`
MAX_SEARCH_PAGES = 5
COMMONS = 1
DEFAULT_ADDRESS = ("House of Commons", "London", "SW1A 0AA")


@dataclass(frozen=True)
class Member:
    member_id: int
    name: str
    party: str | None
    thumbnail_url: str | None
    constituency_name: str | None = None
    parliament_constituency_id: int | None = None


@dataclass(frozen=True)
class Seat:
    """A current constituency in the Members API; ``member`` is None when the seat is vacant."""

    parliament_id: int
    name: str
    member: Member | None


@dataclass(frozen=True)
class Contact:
    email: str | None
    address_lines: tuple[str, ...]


def fold(name: str) -> str:
    """Compare constituency names the way people read them: case, accents and spacing don't matter."""
    return " ".join(strip_accents(name).casefold().split())


def member_from_item(item: dict) -> Member:
    value = item["value"]
    party = value.get("latestParty") or {}
    membership = value.get("latestHouseMembership") or {}
    return Member(
        member_id=int(value["id"]),
        name=value.get("nameDisplayAs") or value["nameListAs"],
        party=party.get("name"),
        thumbnail_url=value.get("thumbnailUrl"),
        constituency_name=membership.get("membershipFrom"),
        parliament_constituency_id=membership.get("membershipFromId"),
    )


def strip_accents(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def find_seat(upstream: Upstream, constituency_name: str) -> tuple[Seat | None, Fetched]:
    """The current seat with this name (None if the API has no such current seat). Names are compared
    after case-folding and removing accents; the API's own search may not ignore accents (it has spelt
    "Ynys Môn" as "Ynys Mon"), so a name with accents is also searched without them."""
    seat, fetched = _search_seat(upstream, constituency_name)
    plain = strip_accents(constituency_name)
    if seat is None and plain != constituency_name:
        seat, fetched = _search_seat(upstream, plain)
    return seat, fetched


def _search_seat(upstream: Upstream, constituency_name: str) -> tuple[Seat | None, Fetched]:
    wanted = fold(constituency_name)
    skip = 0
    for _ in range(MAX_SEARCH_PAGES):
        fetched = upstream.get("/Location/Constituency/Search",
                               {"searchText": constituency_name, "skip": skip, "take": PAGE_SIZE})
        try:
            items = fetched.body["items"]
            for item in items:
                value = item["value"]
                if value.get("endDate") is None and fold(value["name"]) == wanted:
                    representation = value.get("currentRepresentation")
                    member = member_from_item(representation["member"]) if representation else None
                    return Seat(int(value["id"]), value["name"], member), fetched
            skip += len(items)
            if not items or skip >= int(fetched.body.get("totalResults", 0)):
                return None, fetched
        except (KeyError, TypeError, ValueError):
            upstream.reject(fetched)
    return None, fetched


def choose_email(emails: list[str]) -> str | None:
    """Prefer the parliamentary address (firstname.lastname.mp@parliament.uk), then any parliament.uk one."""
    emails = [e.strip() for e in emails if e and "@" in e]
    for test in (lambda e: e.lower().endswith("mp@parliament.uk"), lambda e: e.lower().endswith("parliament.uk"),
                 lambda e: True):
        for email in emails:
            if test(email):
                return email
    return None


def contact_for(upstream: Upstream, member_id: int, *, fresh: bool = False) -> tuple[Contact, Fetched]:
    fetched = upstream.get(f"/Members/{member_id}/Contact", fresh=fresh)
    try:
        entries = [e for e in fetched.body["value"] if not e.get("isWebAddress")]
    except (KeyError, TypeError):
        upstream.reject(fetched)
    email = choose_email([e.get("email") for e in entries])
    office = next((e for e in entries if e.get("typeId") == 1), None)
    lines: tuple[str, ...] = DEFAULT_ADDRESS
    if office:
        found = tuple(office[k].strip() for k in ("line1", "line2", "line3", "line4", "line5", "postcode")
                      if isinstance(office.get(k), str) and office[k].strip())
        lines = found or DEFAULT_ADDRESS
    return Contact(email, lines), fetched


def current_members(upstream: Upstream, *, fresh: bool = True) -> Iterator[Member]:
    """Every current MP, page by page (the API gives at most 20 a page, sometimes fewer). Fresh from the
    API by default: this feeds the directory, which must not copy day-old cached pages."""
    skip = 0
    while True:
        fetched = upstream.get("/Members/Search", {"House": COMMONS, "IsCurrentMember": "true", "skip": skip,
                                                   "take": PAGE_SIZE}, fresh=fresh)
        try:
            items = fetched.body["items"]
            total = int(fetched.body["totalResults"])
            members = [member_from_item(item) for item in items]
        except (KeyError, TypeError, ValueError):
            upstream.reject(fetched)
        yield from members
        skip += len(items)
        if not items or skip >= total:
            return
