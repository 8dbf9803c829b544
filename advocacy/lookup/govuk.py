"""GOV.UK local authority API client: which council a postcode is in, at address level.

postcodes.io answers with the council at the postcode's centre. Where a postcode straddles a council
boundary, GOV.UK answers with a list of addresses, each with its council; the resident picks their address
and gets the right council. When the whole postcode is in one council GOV.UK redirects to that council,
which postcodes.io already gave us (a postcode wholly in one council has its centre there too).

GOV.UK returns slugs, not GSS codes. A council picked by address keeps postcodes.io's codes when it is the
same council; otherwise its code comes from local-links-manager's local-authorities.csv when configured
(ADVOCACY_COUNCIL_SLUGS_CSV), or stays unknown.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .http import Fetched, Upstream
from .members import fold

TIERS = ("unitary", "district", "county")


@dataclass(frozen=True)
class LocalAuthority:
    slug: str
    name: str
    tier: str  # unitary | district | county
    homepage_url: str | None = None
    parent: "LocalAuthority | None" = None  # the county, for a district


@dataclass(frozen=True)
class AddressChoice:
    address: str
    slug: str
    council_name: str

    def to_dict(self) -> dict[str, str]:
        return {"address": self.address, "local_authority_slug": self.slug, "local_authority_name": self.council_name}


@dataclass(frozen=True)
class PostcodeCouncils:
    """GOV.UK's answer for a postcode: one council, or addresses in different councils."""

    authority: LocalAuthority | None
    addresses: tuple[AddressChoice, ...]
    fetched: Fetched

    @property
    def split(self) -> bool:
        return len({a.slug for a in self.addresses}) > 1


def councils_for_postcode(upstream: Upstream, postcode: str) -> PostcodeCouncils | None:
    """None when GOV.UK has no council for the postcode (or refuses it). Raises UpstreamUnavailable."""
    fetched = upstream.get("/local-authority", {"postcode": "".join(postcode.split())})
    if fetched.status != 200:
        return None  # 400 (not a postcode it accepts) or 404 (no council found): postcodes.io's answer stands
    body = fetched.body
    try:
        if "addresses" in body:
            choices = tuple(AddressChoice(str(a["address"]).strip(), str(a["local_authority_slug"]),
                                          str(a["local_authority_name"]))
                            for a in body["addresses"])
            return PostcodeCouncils(None, choices, fetched)
        return PostcodeCouncils(_authority(body["local_authority"]), (), fetched)
    except (KeyError, TypeError, ValueError):
        upstream.reject(fetched)


def local_authority(upstream: Upstream, slug: str) -> tuple[LocalAuthority | None, Fetched]:
    """The council with this GOV.UK slug (None if GOV.UK does not know it). Raises UpstreamUnavailable."""
    if not re.fullmatch(r"[a-z0-9-]{1,80}", slug):
        raise ValueError(f"not a GOV.UK local authority slug: {slug!r}")
    fetched = upstream.get(f"/local-authority/{slug}")
    if fetched.status != 200:
        return None, fetched
    try:
        return _authority(fetched.body["local_authority"]), fetched
    except (KeyError, TypeError, ValueError):
        upstream.reject(fetched)


def _authority(value: dict) -> LocalAuthority:
    tier = value["tier"]
    if tier not in TIERS:
        raise ValueError(f"unknown tier {tier!r}")
    parent = _authority(value["parent"]) if value.get("parent") else None
    return LocalAuthority(slug=value["slug"], name=value["name"], tier=tier,
                          homepage_url=value.get("homepage_url"), parent=parent)


_COUNCIL_WORDS = re.compile(r"\b(city|county|borough|district|metropolitan|royal|london|council|of|the|and)\b")


def plain_council_name(name: str) -> str:
    """'Sevenoaks District Council' and 'Sevenoaks' -> 'sevenoaks'; for matching GOV.UK's full council
    names with postcodes.io's short ones."""
    return " ".join(_COUNCIL_WORDS.sub(" ", fold(name).replace("&", " ")).split())


@dataclass(frozen=True)
class SlugRow:
    gss: str | None
    name: str
    country: str | None


@lru_cache(maxsize=4)
def slug_codes(path: Path) -> dict[str, SlugRow]:
    """slug -> GSS code, name and country from local-links-manager's local-authorities.csv
    (columns id, gss, snac, local_custodian_code, tier_id, parent_local_authority_id, slug, country_name,
    homepage_url, name)."""
    rows: dict[str, SlugRow] = {}
    with Path(path).open(newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            slug = (row.get("slug") or "").strip()
            if slug:
                rows[slug] = SlugRow((row.get("gss") or "").strip() or None, (row.get("name") or "").strip(),
                                     (row.get("country_name") or "").strip() or None)
    return rows
