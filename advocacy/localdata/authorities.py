"""Which authority runs children's services for a council, and whose rows hold its figures.

Children's services are run by the upper tier: the county council (E10) in two-tier areas, otherwise the
unitary, metropolitan or London borough council (E06 / E08 / E09) itself. A district (E07) is mapped to
its county through the ONS LTLA->UTLA lookup. Councils abolished in reorganisations still turn up in old
addresses and data, so their codes are mapped to the authority that took over.
"""

from __future__ import annotations

import re
from typing import Mapping

ENGLISH_COUNCIL = re.compile(r"E0[6789]\d{6}|E10\d{6}")

# Old code -> the authority that now runs children's services for the whole of that area.
# (Sources: ONS code history for the 2019-2023 reorganisations and 2020 code changes.)
SUCCESSORS: dict[str, tuple[str, str]] = {
    # 2023: Somerset, North Yorkshire and the Cumbria districts became unitary councils.
    "E10000027": ("E06000066", "Somerset"),
    **{code: ("E06000066", "Somerset") for code in
       ("E07000187", "E07000188", "E07000189", "E07000246", "E07000190", "E07000191")},
    "E10000023": ("E06000065", "North Yorkshire"),
    **{code: ("E06000065", "North Yorkshire") for code in
       ("E07000163", "E07000164", "E07000165", "E07000166", "E07000167", "E07000168", "E07000169")},
    **{code: ("E06000063", "Cumberland") for code in ("E07000026", "E07000028", "E07000029")},
    **{code: ("E06000064", "Westmorland and Furness") for code in ("E07000027", "E07000030", "E07000031")},
    # 2021: Northamptonshire split into two unitary councils.
    **{code: ("E06000061", "North Northamptonshire") for code in
       ("E07000150", "E07000152", "E07000153", "E07000156")},
    **{code: ("E06000062", "West Northamptonshire") for code in ("E07000151", "E07000154", "E07000155")},
    # 2020: Buckinghamshire unitary; Northumberland and Gateshead re-coded.
    "E10000002": ("E06000060", "Buckinghamshire"),
    **{code: ("E06000060", "Buckinghamshire") for code in ("E07000004", "E07000005", "E07000006", "E07000007")},
    "E06000048": ("E06000057", "Northumberland"),
    "E08000020": ("E08000037", "Gateshead"),
    # 2019: Dorset and Bournemouth, Christchurch and Poole.
    **{code: ("E06000058", "Bournemouth, Christchurch and Poole") for code in
       ("E06000028", "E06000029", "E07000048")},
    **{code: ("E06000059", "Dorset") for code in ("E07000049", "E07000050", "E07000051", "E07000052", "E07000053")},
    # Districts merged or re-coded inside counties that still exist.
    **{code: ("E10000029", "Suffolk") for code in ("E07000201", "E07000204", "E07000205", "E07000206")},
    **{code: ("E10000015", "Hertfordshire") for code in ("E07000097", "E07000100", "E07000101", "E07000104")},
}

# County councils abolished by being split: no single successor, so no single set of figures applies.
SPLIT = {
    "E10000006": "Cumbria (split in 2023 into Cumberland and Westmorland and Furness)",
    "E10000021": "Northamptonshire (split in 2021 into North and West Northamptonshire)",
    "E10000009": "Dorset County Council (replaced in 2019 by Dorset and Bournemouth, Christchurch and Poole)",
}

# Successor -> predecessor covering exactly the same area, so a trend can run across the change of code.
SAME_AREA_PREDECESSOR = {
    "E06000066": "E10000027",  # Somerset
    "E06000065": "E10000023",  # North Yorkshire
    "E06000060": "E10000002",  # Buckinghamshire
    "E06000057": "E06000048",  # Northumberland
    "E08000037": "E08000020",  # Gateshead
}

# Authorities some statistics report together with a larger neighbour: when a data set has no rows of
# their own, the neighbour's combined rows are the figures that apply.
COMBINED_WITH = {
    "E06000053": "E06000052",  # Isles of Scilly with Cornwall
    "E09000001": "E09000012",  # City of London with Hackney
}


def normalise(code: str) -> str:
    return code.strip().upper()


def children_services_authority_in(code: str, lookup: Mapping[str, tuple[str, str]],
                                   names: Mapping[str, str]) -> tuple[str, str] | None:
    """The (code, name) of the authority running children's services for council ``code``, or None.

    ``lookup`` maps a lower-tier code to its upper tier's (code, name) (the ONS lookup); ``names`` gives
    the names of authorities the figures know. A code nobody knows, or a split county, gives None.
    """
    code = normalise(code)
    if not ENGLISH_COUNCIL.fullmatch(code) or code in SPLIT:
        return None
    if code in lookup:
        upper, name = lookup[code]
        return normalise(upper), names.get(normalise(upper), display_name(name))
    if code in SUCCESSORS:
        upper, name = SUCCESSORS[code]
        return upper, names.get(upper, name)
    if code.startswith("E07"):
        return None  # a district we have no lookup row for: its county is unknown
    if code in names:
        return code, names[code]
    return None


def display_name(name: str) -> str:
    """How a letter names an authority: "Bristol, City of" (as the statistics list it) -> "Bristol"."""
    for suffix in (", City of", ", County of"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def the(name: str) -> str:
    """ "Leeds", "the Isles of Scilly", "the City of London": names that take "the" in a sentence."""
    from ..nations.names import with_article

    return with_article(name)


def in_phrase(name: str) -> str:
    """ "In Leeds", "In the Isles of Scilly", "In Cornwall and the Isles of Scilly"."""
    return f"In {the(name)}"


def why_unknown(code: str) -> str:
    """Why a code has no figures, said so the person can fix it."""
    code = normalise(code)
    if not re.fullmatch(r"[EWSN]\d{8}", code):
        return (f"{code!r} is not a council code. Council codes are a letter and eight digits, "
                f"e.g. E08000035 for Leeds.")
    if code[0] != "E":
        nation = {"W": "Wales", "S": "Scotland", "N": "Northern Ireland"}[code[0]]
        return (f"{code} is a council in {nation}. These figures cover England only: children's services in "
                f"{nation} are run under the devolved government and published separately.")
    if code in SPLIT:
        return (f"{code} is {SPLIT[code]}. Use the code of the council that now covers the address, or look it "
                f"up by postcode.")
    if not ENGLISH_COUNCIL.fullmatch(code):
        return f"{code} is not a council code (council codes start E06, E07, E08, E09 or E10)."
    return (f"No council with code {code} is in the imported figures or the council lookup. Check the code, "
            f"or import the ONS LTLA->UTLA lookup for district councils.")


def reporting_codes(authority_code: str) -> list[str]:
    """Codes whose rows may hold an authority's figures, in the order to try them."""
    codes = [authority_code]
    if authority_code in COMBINED_WITH:
        codes.append(COMBINED_WITH[authority_code])
    return codes
