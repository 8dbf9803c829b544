"""Sample data that every campaign template must render with (used by start-up checks, `campaigns check`
and the staff editor's preview). Its shape is the contract between templates and the code that fills them."""

from __future__ import annotations

from typing import Any

from .loader import Campaign


def sample_measure(label: str, latest: int, earlier: int, england: int) -> dict[str, Any]:
    change = round((latest - earlier) / earlier * 100)
    return {
        "label": label,
        "area_name": "Leeds",
        "is_local": True,
        "latest": latest, "latest_fmt": f"{latest:,}", "latest_year": "2024/25",
        "earlier": earlier, "earlier_fmt": f"{earlier:,}", "earlier_year": "2014/15",
        "change_pct": change, "change_fmt": f"up {change}%" if change >= 0 else f"down {-change}%",
        "per_10k": 186.4, "per_10k_fmt": "186.4",
        "england": england, "england_fmt": f"{england:,}",
        "region": 26_200, "region_fmt": "26,200",
        "sentence": (f"In Leeds, {label} went from {earlier:,} in 2014/15 to {latest:,} in 2024/25 "
                     f"(up {change}%)."),
    }


def sample_local() -> dict[str, Any]:
    return {
        "area": {"name": "Leeds", "code": "E08000035"},
        "sample": True,
        "section47": sample_measure("section 47 child protection enquiries", 3097, 2496, 230_590),
        "cpp": sample_measure("children on child protection plans", 634, 591, 49_420),
        "cla": sample_measure("children in care", 1340, 1254, 81_770),
        "cin": sample_measure("children in need", 6_905, 6_420, 402_400),
    }


def sample_context(campaign: Campaign, kind: str) -> dict[str, Any]:
    council = {"name": "Leeds City Council", "code": "E08000035"}
    common = {
        "campaign": {"title": campaign.title, "hashtag": campaign.hashtag, "slug": campaign.slug},
        "council": council,
        "authority": council,
        "local": sample_local(),
        "asks": [{"id": a.id, "title": a.title, "text": a.text} for a in campaign.asks],
        "date": "23 November 2026",
    }
    sender = {"name": "Siân O'Brien", "address_lines": ["1 Example Street", "Leeds"], "postcode": "LS1 1UR",
              "email": "sian@example.org"}
    constituency = {"name": "Leeds Central and Headingley", "code": "E14001331"}
    if kind == "letter_mp":
        return {**common, "sender": sender, "constituency": constituency, "personal": "",
                "mp": {"name": "Alex Sobel", "party": "Labour", "email": "alex.sobel.mp@parliament.uk"}}
    if kind == "letter_council":
        return {**common, "sender": sender, "constituency": constituency, "personal": "",
                "leader": {"title": "The Leader", "name": None}}
    return {**common,
            "proposer": {"name": "Cllr Sam Patel", "ward": "Little London and Woodhouse"},
            "seconder": {"name": "Cllr Jo Green", "ward": "Hyde Park and Woodhouse"},
            "meeting": {"name": "Full Council", "date": "21 January 2027"},
            "mps": [{"name": "Alex Sobel", "constituency": "Leeds Central and Headingley"}]}
