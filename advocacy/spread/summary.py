"""The printable one-page summary: the campaign's calls with one council's own figures, as an A4 PDF
through the documents renderer (same fonts, print stylesheet, static-only fetcher and PDF cache)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ..campaigns import Campaign
from ..campaigns.loader import Ask
from ..db import db
from ..documents import format_date, html_to_pdf, print_template
from ..localdata import children_services_authority, figures_for
from ..localdata.models import CouncilLookup
from ..localdata.store import english_authorities


@dataclass(frozen=True)
class CampaignSummary:
    title: str
    summary: str
    hashtag: str
    asks: tuple[Ask, ...]
    council_name: str
    authority_name: str  # whose figures: the county for a district council
    figures: tuple[dict[str, Any], ...]  # each measure as templates see it (local.NAME)
    sources: tuple[str, ...]  # where the figures come from, one line each
    campaign_url: str
    date: str

    @property
    def figures_are_the_countys(self) -> bool:
        return self.authority_name != self.council_name


def summary_councils() -> list[tuple[str, str]]:
    """Every council the summary can be made for, as (code, label) by label: the children's services
    authorities and, from the district lookup, each district council (its figures are its county's)."""
    councils = dict(english_authorities())
    labels = {code: name for code, name in councils.items()}
    for row in db.session.scalars(select(CouncilLookup)):
        if row.ltla_code != row.utla_code and row.utla_code in councils:
            labels[row.ltla_code] = f"{row.ltla_name} (figures for {councils[row.utla_code]})"
    return sorted(labels.items(), key=lambda item: item[1])


def build_summary(campaign: Campaign, council_code: str, *, campaign_url: str,
                  today: dt.date | None = None) -> CampaignSummary | None:
    """The summary for one council, or None when there are no figures for that code."""
    figures = figures_for(council_code, campaign.measures or None)
    if figures is None or not figures.measures:
        return None
    authority = children_services_authority(council_code)
    council_name = dict(summary_councils()).get(council_code, figures.area_name).split(" (figures for ")[0]
    return CampaignSummary(
        title=campaign.title, summary=campaign.summary, hashtag=campaign.hashtag, asks=campaign.asks,
        council_name=council_name, authority_name=authority[1] if authority else figures.area_name,
        figures=tuple(m.as_template_dict() for m in figures.measures.values()), sources=figures.sources, campaign_url=campaign_url,
        date=format_date(today or dt.date.today()))


def summary_print_html(summary: CampaignSummary) -> str:
    return print_template("summary.html", summary=summary)


def summary_pdf(summary: CampaignSummary) -> bytes:
    """The summary as a one-page A4 PDF (cached by a hash of its HTML, like every document)."""
    return html_to_pdf(summary_print_html(summary))
