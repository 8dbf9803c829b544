"""Example councils for the template editor: what a resident or a councillor in one of them would get.

Each example starts where a real letter starts, from a postcode lookup's answer (``PostcodeArea``), and
goes through the same functions as a resident's letter (``lookup_snapshot``, ``template_context``,
``letter_with_body``) and a councillor's motion (``motion_context``), so every rule those apply (the
county for a district's children's services, England's figures where a nation has none, nation rules)
shows in the editor too. Only the person is made up; the places, seats and MPs are real (June 2026).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Callable

from ..campaigns import Campaign
from ..campaigns.plain_errors import all_names
from ..campaigns.variants import LetterVariant
from ..documents import Letter, Motion, letter_text
from ..letters.models import LetterDraft
from ..letters.service import letter_with_body, lookup_snapshot, template_context, variant_names
from ..lookup.councils import Area, councils_for
from ..lookup.postcodes import PostcodeArea
from ..lookup.representatives import FROM_PARLIAMENT, MP, Representatives
from ..motions.finder import CouncilInfo
from ..motions.service import MotionDraft, motion_context

Render = Callable[[Campaign, str, dict], str]  # CampaignRegistry.render, or render_template_for


@dataclass(frozen=True)
class Example:
    key: str
    label: str  # what the list of examples says
    area: PostcodeArea
    mp: MP
    tier: str  # for the motion's CouncilInfo: unitary, district


EXAMPLES: tuple[Example, ...] = (
    Example("unitary", "Hartlepool Borough Council (England, unitary)",
            PostcodeArea("TS25 3HL", "England", "North East", "Hartlepool", "E14001272", "Hartlepool",
                         "E06000001", None, None, "Rossmere", "E05013045"),
            MP("Mr Jonathan Brash", "Labour", "jonathan.brash.mp@parliament.uk", 5045), "unitary"),
    Example("district", "Maidstone Borough Council (England, district in Kent)",
            PostcodeArea("ME16 0SN", "England", "South East", "Maidstone and Malling", "E14001349", "Maidstone",
                         "E07000110", "Kent", "E10000016", None, None),
            MP("Helen Grant", "Conservative", "helen.grant.mp@parliament.uk", 4018), "district"),
    Example("scotland", "Glasgow City Council (Scotland)",
            PostcodeArea("G11 5AA", "Scotland", None, "Glasgow West", "S14000089", "Glasgow City", "S12000049",
                         None, None, "Partick East/Kelvindale", "S13002989"),
            MP("Patricia Ferguson", "Labour", "patricia.ferguson.mp@parliament.uk", 5190), "unitary"),
    Example("northern-ireland", "Belfast City Council (Northern Ireland)",
            PostcodeArea("BT17 0HR", "Northern Ireland", None, "Belfast South and Mid Down", "N05000003", "Belfast",
                         "N09000003", None, None, None, None),
            MP("Claire Hanna", "Social Democratic & Labour Party", "claire.hanna.mp@parliament.uk", 4827),
            "unitary"),
)
DEFAULT = EXAMPLES[0].key
EXAMPLE_DATE = dt.date(2026, 11, 23)  # fixed, so the published and edited versions differ only by the edit
MEETING_DATE = dt.date(2027, 1, 21)


def example(key: str | None) -> Example:
    return next((e for e in EXAMPLES if e.key == key), EXAMPLES[0])


def _representatives(item: Example) -> Representatives:
    councils = councils_for(item.area)
    seat = Area(item.area.constituency_name, item.area.constituency_code)
    checked = dt.datetime.combine(EXAMPLE_DATE, dt.time())
    return Representatives(postcode=item.area.postcode, country=item.area.country, region=item.area.region,
                           constituency=seat, mp=item.mp, vacant=False, council=councils.council,
                           county=councils.county, children_services_authority=councils.children_services_authority,
                           ward=Area(item.area.ward_name, item.area.ward_code) if item.area.ward_name else None,
                           mp_source=FROM_PARLIAMENT, postcode_checked_at=checked, mp_checked_at=checked)


def example_draft(item: Example, campaign: Campaign, kind: str) -> LetterDraft:
    """An unsaved letter from a made-up resident of the example place, choosing every ask."""
    lookup = lookup_snapshot(_representatives(item))
    return LetterDraft(campaign=campaign.slug, kind=kind, public_id=f"example-{item.key}", name="Sam Example",
                       address=f"1 Example Street\n{item.area.district_name}", postcode=item.area.postcode,
                       email="sam@example.org", asks=[a.id for a in campaign.asks],
                       personal="My daughter waited eight months for help.", lookup=lookup, subject="",
                       template_version=None)


def letter_context(item: Example, campaign: Campaign, kind: str) -> tuple[LetterDraft, dict[str, Any]]:
    draft = example_draft(item, campaign, kind)
    context = template_context(draft, campaign, EXAMPLE_DATE)
    # A real letter draws its opening and subject at random; the example always shows the first of each.
    template = campaign.templates[kind]
    variant = LetterVariant(0, 0 if template.openings else None)
    context["opening"] = variant.opening(template, **variant_names(draft.lookup))
    draft.subject = variant.subject(template, **variant_names(draft.lookup))
    return draft, context


def _motion_inputs(item: Example, campaign: Campaign) -> tuple[CouncilInfo, MotionDraft]:
    council = CouncilInfo(item.area.district_code, item.area.district_name, item.tier, item.area.county_code)
    draft = MotionDraft(council_code=council.code, proposer_name="Cllr Sam Example", proposer_ward="Central",
                        meeting="full_council", meeting_date=MEETING_DATE, asks=tuple(a.id for a in campaign.asks),
                        party="Independent", seconder_name="Cllr Jo Example", seconder_ward="North",
                        constituencies=((item.area.constituency_code, item.area.constituency_name),))
    return council, draft


def context_for(item: Example, campaign: Campaign, kind: str) -> dict[str, Any]:
    """The values a template of ``kind`` is filled with for the example."""
    if kind == "motion":
        council, draft = _motion_inputs(item, campaign)
        return motion_context(campaign, council, draft, EXAMPLE_DATE)
    return letter_context(item, campaign, kind)[1]


@dataclass(frozen=True)
class Output:
    """One thing a template produces for the example: a letter's body (Markdown), its email, a motion."""

    title: str
    markdown: str | None = None  # Markdown from the template: a letter's body, a motion
    text: str | None = None  # plain text: an email as it is sent


def outputs_for(item: Example, campaign: Campaign, kind: str, render: Render) -> list[Output]:
    """What the template of ``kind`` gives the example, rendered by ``render`` (published or edited)."""
    if kind == "motion":
        council, draft = _motion_inputs(item, campaign)
        body = render(campaign, "motion", motion_context(campaign, council, draft, EXAMPLE_DATE))
        motion = Motion(title=campaign.motion_title or campaign.title, body=body, council=council.name,
                        meeting=draft.meeting_name, meeting_date=draft.meeting_date, proposer="Cllr Sam Example",
                        seconder="Cllr Jo Example")
        return [Output(f"Motion: {motion.title}", markdown=body)]
    draft, context = letter_context(item, campaign, kind)
    body = render(campaign, kind, context)
    letter: Letter = letter_with_body(draft, body, EXAMPLE_DATE)
    who = "the MP" if kind == "letter_mp" else "the council"
    return [Output(f"Letter to {who}", markdown=body),
            Output(f"Email to {who}", text=f"Subject: {letter.subject}\n\n{letter_text(letter)}")]


# What each placeholder means, for the panel beside the editor. Measures share one set of fields.
MEANINGS: dict[str, str] = {
    "campaign.title": "The campaign's title", "campaign.hashtag": "The campaign's hashtag",
    "campaign.slug": "The campaign's short name in web addresses",
    "sender.name": "The resident's name", "sender.address_lines": "The resident's address, one line each",
    "sender.postcode": "The resident's postcode", "sender.email": "The resident's email address (may be empty)",
    "mp.name": "The MP's name", "mp.party": "The MP's party", "mp.email": "The MP's email address",
    "constituency.name": "The resident's constituency", "constituency.code": "Its ONS code",
    "council.name": "The resident's council (district, borough or unitary)", "council.code": "Its ONS code",
    "authority.name": "The council that runs children's services (the county for a district council)",
    "authority.code": "Its ONS code",
    "leader.title": "How the council leader is addressed", "leader.name": "The leader's name (not known: empty)",
    "local.area.name": "Whose figures these are: the children's services authority, or England",
    "local.area.code": "Its ONS code", "local.sample": "True while the figures are sample figures, not official",
    "asks": "The asks chosen: use {% for ask in asks %} … {{ ask.title }} {{ ask.text }} {% endfor %}",
    "personal": "What the resident added in their own words (may be empty)",
    "date": "Today's date, written out", "opening": "The letter's opening sentence, one of the campaign's openings",
    "proposer.name": "The councillor proposing the motion", "proposer.ward": "Their ward",
    "proposer.party": "Their party (may be empty)", "seconder": "The seconder, if there is one (may be empty)",
    "seconder.name": "The seconder's name", "seconder.ward": "The seconder's ward",
    "meeting.name": "The meeting (Full Council, Cabinet …)", "meeting.date": "The meeting's date",
    "mps": "The area's MPs: use {% for mp in mps %} … {{ mp.name }} ({{ mp.constituency }}) {% endfor %}",
}
MEASURE_MEANINGS: dict[str, str] = {
    "label": "What the measure counts", "area_name": "Whose figure it is (the council, or England)",
    "area_code": "Its ONS code", "is_local": "True when the figure is the council's own, not England's",
    "latest": "The latest figure (a number)", "latest_fmt": "The latest figure, written with commas",
    "latest_year": "The year of the latest figure", "earlier": "The figure five years earlier (a number)",
    "earlier_fmt": "The earlier figure, written with commas", "earlier_year": "The year of the earlier figure",
    "change_pct": "The change since then, in per cent (a number)", "change_fmt": "The change, written out",
    "per_10k": "Per 10,000 children (a number)", "per_10k_fmt": "Per 10,000 children, written out",
    "england": "England's figure (a number)", "england_fmt": "England's figure, written with commas",
    "region": "The region's figure (a number)", "region_fmt": "The region's figure, written with commas",
    "region_name": "The region", "sentence": "A ready-made sentence about this measure",
}


@dataclass(frozen=True)
class Placeholder:
    name: str
    meaning: str
    value: str


def _shown(value: Any) -> str:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return ", ".join(value) or "(empty)"
    if isinstance(value, list):
        return f"{len(value)} item{'s' if len(value) != 1 else ''}"
    if value is None or value == "":
        return "(empty)"
    return str(value)


def placeholders(context: dict[str, Any]) -> list[Placeholder]:
    """Every placeholder in ``context`` with what it means and its value, in the order templates use them."""
    found = []
    for name in all_names(context):
        value: Any = context
        for part in name.split("."):
            value = value[part]
        if isinstance(value, dict):
            continue  # its fields are listed one by one
        parts = name.split(".")
        meaning = MEANINGS.get(name)
        if meaning is None and len(parts) == 3 and parts[0] == "local":
            measure = context["local"][parts[1]].get("label", parts[1])
            meaning = f"{MEASURE_MEANINGS.get(parts[2], parts[2])}: {measure}"
        found.append(Placeholder(name, meaning or "", _shown(value)))
    return found
