"""Postcodes: normalising what a resident types, and the postcodes.io client (single and bulk lookups)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from .errors import CrownDependency, PostcodeNotFound, PostcodeProblem, PostcodeTerminated
from .http import Fetched, Upstream

FULL = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")
OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
BFPO = re.compile(r"^(BFPO[0-9]*|BF1[0-9A-Z]*)$")
CROWN_DEPENDENCIES = {"JE": "Jersey", "GY": "Guernsey", "IM": "the Isle of Man"}
BULK_LIMIT = 100  # postcodes.io refuses more than 100 postcodes in one bulk request
EXAMPLE = "like LS1 1UR"


def normalise_postcode(text: str | None) -> str:
    """``' sw1a1aa '`` -> ``'SW1A 1AA'``. Raises PostcodeProblem with a message that says how to fix it."""
    compact = "".join((text or "").split()).upper()
    if not compact:
        raise PostcodeProblem(f"Enter your postcode, {EXAMPLE}", "empty")
    if BFPO.match(compact):
        raise PostcodeProblem("BFPO addresses have no MP or council of their own. Enter the postcode of your "
                              f"home address in the UK, {EXAMPLE}", "bfpo")
    match = FULL.match(compact)
    if match:
        return f"{match.group(1)} {match.group(2)}"
    if OUTWARD.match(compact):
        raise PostcodeProblem(f"Enter your full postcode: {compact} is only the first half. A full postcode "
                              f"has both halves, {EXAMPLE}", "outward_code_only")
    raise PostcodeProblem(f"Enter a full UK postcode, {EXAMPLE}", "not_a_postcode")


def crown_dependency_of(postcode: str) -> str | None:
    """'Jersey' for JE2 4WD, and so on; None for a UK postcode."""
    return CROWN_DEPENDENCIES.get(postcode[:2]) if postcode[:2].isalpha() else None


def crown_dependency_problem(postcode: str, place: str) -> CrownDependency:
    return CrownDependency(f"{postcode} is in {place}, a Crown Dependency. Crown Dependencies have no MP in the "
                           "House of Commons and no UK council, so there is no one to write to for this campaign.")


@dataclass(frozen=True)
class PostcodeArea:
    """The parts of a postcodes.io answer the app uses. Codes are GSS codes; None where not applicable."""

    postcode: str
    country: str
    region: str | None
    constituency_name: str | None
    constituency_code: str | None
    district_name: str | None
    district_code: str | None
    county_name: str | None
    county_code: str | None
    ward_name: str | None
    ward_code: str | None


def _real_code(code: str | None) -> str | None:
    # "E99999999" and friends are ONS pseudo codes meaning "none here" (no county in a unitary area).
    return None if not code or code.endswith("99999999") else code


def area_from_result(result: dict) -> PostcodeArea:
    """Read a postcodes.io Postcode object. Raises KeyError/TypeError on a malformed one."""
    codes = result["codes"]
    return PostcodeArea(
        postcode=result["postcode"],
        country=result["country"],
        region=result.get("region"),
        constituency_name=result.get("parliamentary_constituency"),
        constituency_code=_real_code(codes.get("parliamentary_constituency")),
        district_name=result.get("admin_district"),
        district_code=_real_code(codes.get("admin_district")),
        county_name=result.get("admin_county") if _real_code(codes.get("admin_county")) else None,
        county_code=_real_code(codes.get("admin_county")),
        ward_name=result.get("admin_ward"),
        ward_code=_real_code(codes.get("admin_ward")),
    )


def is_crown_dependency(area: PostcodeArea) -> bool:
    return area.country in ("Channel Islands", "Isle of Man") or (area.district_code is None
                                                                  and area.constituency_code is None)


def _postcode_path(postcode: str) -> str:
    return f"/postcodes/{postcode.replace(' ', '')}"


def postcode_remembered(upstream: Upstream, postcode: str) -> bool:
    """This process looked ``postcode`` (normalised) up within the memo's minute."""
    return upstream.remembers(_postcode_path(postcode))


def lookup_postcode(upstream: Upstream, postcode: str) -> tuple[PostcodeArea, Fetched]:
    """One postcode. Raises PostcodeNotFound, PostcodeTerminated or UpstreamUnavailable."""
    fetched = upstream.get(_postcode_path(postcode))
    body = fetched.body
    if fetched.status == 404:
        terminated = body.get("terminated") if isinstance(body, dict) else None
        if terminated:
            month = terminated.get("month_terminated")
            year = terminated.get("year_terminated")
            when = f" (it was retired in {_month_name(month)} {year})" if month and year else ""
            raise PostcodeTerminated(f"{postcode} is no longer in use{when}. Enter the postcode you use now, "
                                     f"{EXAMPLE}")
        raise PostcodeNotFound(f"We could not find {postcode}. Check it is your full postcode, typed as it "
                               "appears on your post, and try again")
    try:
        return area_from_result(body["result"]), fetched
    except (KeyError, TypeError):
        upstream.reject(fetched)
        raise


def bulk_lookup(upstream: Upstream, postcodes: Iterable[str]) -> dict[str, PostcodeArea | None]:
    """Many postcodes (already normalised), in requests of at most 100. None for unknown or terminated."""
    wanted = list(dict.fromkeys(postcodes))
    found: dict[str, PostcodeArea | None] = {}
    for start in range(0, len(wanted), BULK_LIMIT):
        chunk = wanted[start:start + BULK_LIMIT]
        fetched = upstream.post("/postcodes", {"postcodes": chunk})
        try:
            for item in fetched.body["result"]:
                result = item.get("result")
                found[normalise_postcode(item["query"])] = area_from_result(result) if result else None
        except (KeyError, TypeError, PostcodeProblem):
            upstream.reject(fetched)
            raise
    return {postcode: found.get(postcode) for postcode in wanted}


def _month_name(month: int) -> str:
    import calendar

    return calendar.month_name[month] if 1 <= month <= 12 else str(month)

