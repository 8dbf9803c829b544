"""The official publications the data release is built from: who publishes each, under which licence,
where to download it, and what a usable copy looks like (for `data update` to check before building).

Dates are the publisher's release dates where known; otherwise the file is a snapshot "as of" a date.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..documents.typography import MONTHS

OGL = "Open Government Licence v3.0"
OGL_SHORT = "OGL v3"
OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
EES = "https://explore-education-statistics.service.gov.uk"


def human_date(iso: str) -> str:
    """ "2025-10-30" -> "30 October 2025"; "2026-06" -> "June 2026"."""
    parts = [int(p) for p in iso.split("-")]
    text = f"{MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]} {text}" if len(parts) == 3 else text


@dataclass(frozen=True)
class Source:
    key: str  # how the manifest and provenance name it
    filename: str  # the official file's name, in a `data build` folder and at the download base
    publisher: str
    title: str
    date: str  # "2025-10-30": published on that day; "2026-06": a snapshot as of that month (``published`` False)
    published: bool  # True: ``date`` is the publication date; False: an "as of" snapshot date
    page_url: str  # the publication's page, for people
    download_url: str  # the file itself, for `data update`
    licence: str
    licence_short: str  # "OGL v3": for the one-line source under a figure
    licence_url: str
    attribution: str
    required_columns: tuple[str, ...]  # a download without these is not the file we expect
    min_bytes: int  # a download smaller than this is cut short (set low enough for a trimmed test copy)
    max_bytes: int = 50_000_000

    @property
    def date_phrase(self) -> str:
        return f"{'published' if self.published else 'as of'} {human_date(self.date)}"


_CIN_PAGE = f"{EES}/find-statistics/characteristics-of-children-in-need/2025"
_CIN_TITLE = "Characteristics of children in need 2024/25"
_DFE = "Department for Education"
_DFE_ATTRIBUTION = "Contains public sector information from the Department for Education licensed under the Open Government Licence v3.0."
_ONS_ATTRIBUTION = "Source: Office for National Statistics licensed under the Open Government Licence v3.0."
_EES_COLUMNS = ("time_period", "geographic_level", "new_la_code", "la_name")

SOURCES: tuple[Source, ...] = (
    Source("section47", "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv", _DFE, _CIN_TITLE,
           "2025-10-30", True, _CIN_PAGE, f"{_CIN_PAGE}/data-guidance#c4", OGL, OGL_SHORT, OGL_URL, _DFE_ATTRIBUTION,
           (*_EES_COLUMNS, "Section47"), 2_000),
    Source("cpp", "d5_cpps_at31march_by_duration_2013_to_2025.csv", _DFE, _CIN_TITLE, "2025-10-30", True,
           _CIN_PAGE, f"{_CIN_PAGE}/data-guidance#d5", OGL, OGL_SHORT, OGL_URL, _DFE_ATTRIBUTION,
           (*_EES_COLUMNS, "CPP_At31"), 2_000),
    Source("cin", "b1_children_in_need_2013_to_2025.csv", _DFE, _CIN_TITLE, "2025-10-30", True, _CIN_PAGE,
           f"{_CIN_PAGE}/data-guidance#b1", OGL, OGL_SHORT, OGL_URL, _DFE_ATTRIBUTION, (*_EES_COLUMNS, "At31_episodes"),
           2_000),
    Source("cla", "cla_number_and_rate_per_10k_children.csv", _DFE,
           "Children looked after in England including adoptions 2024/25", "2026-06", False,
           f"{EES}/find-statistics/children-looked-after-in-england-including-adoptions/2025",
           f"{EES}/find-statistics/children-looked-after-in-england-including-adoptions/2025/data-guidance",
           OGL, OGL_SHORT, OGL_URL, _DFE_ATTRIBUTION, (*_EES_COLUMNS, "population_type", "children_count"), 2_000),
    Source("child_population", "ons_mid-year_population_estimates_2012_to_2024.csv", "Office for National Statistics",
           "Mid-year population estimates, children aged 0 to 17, mid-2012 to mid-2024", "2026-06", False,
           "https://www.ons.gov.uk/peoplepopulationandcommunity/populationandmigration/populationestimates",
           f"{_CIN_PAGE}/data-guidance#population", OGL, OGL_SHORT, OGL_URL, _ONS_ATTRIBUTION,
           (*_EES_COLUMNS, "population_estimate"), 2_000),
    Source("council_lookup", "LTLA-UTLA_Apr23_Lookup_England-Wales.csv", "Office for National Statistics",
           "Lower Tier Local Authority to Upper Tier Local Authority (April 2023) Lookup in England and Wales",
           "2026-06", False, "https://geoportal.statistics.gov.uk/",
           "https://geoportal.statistics.gov.uk/search?q=LTLA%20UTLA%20April%202023%20lookup", OGL, OGL_SHORT, OGL_URL,
           _ONS_ATTRIBUTION, ("LTLA23CD", "LTLA23NM", "UTLA23CD", "UTLA23NM"), 200),
    Source("councils", "uk_local_authorities.csv", "mySociety", "UK local authority names and codes",
           "2026-06", False, "https://pages.mysociety.org/uk_local_authority_names_and_codes/",
           "https://pages.mysociety.org/uk_local_authority_names_and_codes/data/uk_la_past_current/latest/"
           "uk_local_authorities.csv", "Creative Commons Attribution 4.0 (CC BY 4.0)", "CC BY 4.0",
           "https://creativecommons.org/licenses/by/4.0/",
           "Contains data from mySociety's UK local authority names and codes, licensed under CC BY 4.0.",
           ("gss-code", "official-name", "nice-name", "local-authority-type", "nation", "county-la",
            "gov-uk-slug", "end-date"), 1_000),
    Source("council_homepages", "govuk-local-links-manager_local-authorities.csv", "Government Digital Service",
           "GOV.UK Local Links Manager: local authorities", "2026-06", False,
           "https://github.com/alphagov/local-links-manager",
           "https://raw.githubusercontent.com/alphagov/local-links-manager/main/data/local-authorities.csv",
           "MIT Licence (Crown copyright)", "MIT", "https://github.com/alphagov/local-links-manager/blob/main/LICENCE",
           "Contains data from GOV.UK Local Links Manager, Crown copyright, MIT Licence.",
           ("gss", "tier_id", "parent_local_authority_id", "slug", "homepage_url", "name"), 500),
    Source("constituencies", "mp_lookup.csv", "UK Parliament and Department for Education",
           "Westminster constituencies (2024 boundaries), their MPs and councils", "2026-06", False,
           "https://members.parliament.uk/constituencies",
           "https://members-api.parliament.uk/api/Location/Constituency/Search", "Open Parliament Licence v3.0",
           "Open Parliament Licence v3",
           "https://www.parliament.uk/site-information/copyright-parliament/open-parliament-licence/",
           "Contains Parliamentary information licensed under the Open Parliament Licence v3.0; "
           "ONS data under the Open Government Licence v3.0; compiled by the Department for Education.",
           ("pcon_code", "pcon_name", "member_id", "display_as", "party_text", "member_email", "lad_codes",
            "new_la_codes"), 1_000),
)

BY_KEY = {source.key: source for source in SOURCES}
