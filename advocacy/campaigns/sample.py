"""Example data that every campaign template must render with (used by start-up checks, `campaigns check`
and the staff editor's preview). Its shape is the contract between templates and the code that fills them:
``local`` is produced by the same code that serves real figures (advocacy.localdata), from the official
figures in the project's data release (Leeds), so the example and the real object cannot drift apart."""

from __future__ import annotations

from typing import Any

from ..localdata.figures import build_figures
from ..data.snapshot import EXAMPLE_COUNCIL as SAMPLE_COUNCIL
from ..data.snapshot import release_snapshot
from .loader import Campaign

# Every measure the data release has, so a campaign naming any of them renders in checks.
SAMPLE_MEASURES = ("section47", "cpp", "cla", "cin")


def sample_local(council_code: str = SAMPLE_COUNCIL) -> dict[str, Any]:
    """``local`` for a council from the data release: ``local.area``, ``local.sample`` (False) and, per
    measure, ``label, area_name, is_local, latest(_fmt/_year), earlier(_fmt/_year), change_pct/_fmt,
    per_10k(_fmt), england(_fmt), region(_fmt), region_name, sentence``."""
    figures = build_figures(release_snapshot(), council_code, SAMPLE_MEASURES)
    assert figures is not None, f"the data release has no council {council_code}"
    return figures.as_template_dict()


def sample_context(campaign: Campaign, kind: str, council_code: str = SAMPLE_COUNCIL) -> dict[str, Any]:
    from ..nations import CouncilName, nation

    local = sample_local(council_code)
    council = CouncilName("E08000035", "Leeds City Council", "Leeds").as_template_dict()
    authority = (council if local["area"]["code"] == council["code"] else
                 CouncilName(local["area"]["code"], f"{local['area']['name']} Council", local["area"]["name"])
                 .as_template_dict())
    common = {
        "campaign": {"title": campaign.title, "hashtag": campaign.hashtag, "slug": campaign.slug},
        "council": council,
        "authority": authority,
        "nation": nation("England").as_template_dict(),
        "local": local,
        "asks": [{"id": a.id, "title": a.title, "text": a.text, "motion": a.resolution}
                 for a in campaign.asks_for("England")],
        "date": "23 November 2026",
    }
    sender = {"name": "Siân O'Brien", "address_lines": ["1 Example Street", "Leeds"], "postcode": "LS1 1UR",
              "email": "sian@example.org"}
    constituency = {"name": "Leeds Central and Headingley", "code": "E14001331"}
    opening = _sample_opening(campaign, kind, constituency["name"], authority["area"])
    if kind == "letter_mp":
        return {**common, "sender": sender, "constituency": constituency, "personal": "", "opening": opening,
                "mp": {"name": "Alex Sobel", "party": "Labour", "email": "alex.sobel.mp@parliament.uk"}}
    if kind == "letter_council":
        return {**common, "sender": sender, "constituency": constituency, "personal": "", "opening": opening,
                "leader": {"title": "The Leader", "name": None}}
    return {**common,
            "proposer": {"name": "Cllr Sam Patel", "ward": "Little London and Woodhouse", "party": "Labour"},
            "seconder": {"name": "Cllr Jo Green", "ward": "Hyde Park and Woodhouse"},
            "meeting": {"name": "Full Council", "date": "21 January 2027"},
            "mps": [{"name": "Alex Sobel", "constituency": "Leeds Central and Headingley"}]}


# The longest a resident may type (letters.PERSONAL_MAX and the letter form's limits): a template that is
# only slow or huge with real data is found at save, not on a resident's request.
LONGEST_PERSONAL = 2_000
LONGEST_NAME = 200
LONGEST_ADDRESS = 1_000


def longest_context(campaign: Campaign, kind: str) -> dict[str, Any]:
    """The sample context with every resident-typed value as long as the forms allow."""
    context = sample_context(campaign, kind)
    if "sender" in context:
        line = "Many words in a line, " * 4 + "\n"
        context["personal"] = (line * (LONGEST_PERSONAL // len(line) + 1))[:LONGEST_PERSONAL]
        context["sender"] = {**context["sender"], "name": "N" * LONGEST_NAME,
                             "address_lines": ["A" * 49] * (LONGEST_ADDRESS // 50)}
    return context


def _sample_opening(campaign: Campaign, kind: str, constituency: str, area: str) -> str:
    """The campaign's first opening for this letter, filled in ("" when it offers none)."""
    from .variants import fill

    template = campaign.templates.get(kind)
    if template is None or not template.openings:
        return ""
    return fill(template.openings[0], constituency=constituency, area=area)
