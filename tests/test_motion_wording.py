"""The motion's words come from data: resolutions are actions in the imperative, each ask with its own
motion wording from campaign.toml; national figures come from the imported statistics with their year
(never a year written into the template); and no figure is stated twice."""

from __future__ import annotations

import re

import pytest

from advocacy.campaigns import get_campaign
from advocacy.db import db  # noqa: F401  (the app's database, used through the fixtures)
from advocacy.localdata import figures_for, import_measure
from advocacy.localdata.ees import year_label
from tests.test_motions import LEEDS, create, downloaded, open_docx

SECTION47 = "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv"


@pytest.fixture
def councillor(registered_councils_app):
    return registered_councils_app.test_client()


def motion_paragraphs(client, **changes) -> list[str]:
    create(client, LEEDS, **changes)
    return [p.text.replace("\u00a0", " ") for p in open_docx(downloaded(client, "docx")).paragraphs]


def section(paragraphs: list[str], heading: str, following: str) -> list[str]:
    return paragraphs[paragraphs.index(heading) + 1:paragraphs.index(following)]


def test_every_call_is_an_action_in_the_asks_own_motion_words(registered_councils_app, councillor):
    paragraphs = motion_paragraphs(councillor, asks=["fund", "early-intervention", "impact-assessment"])
    resolves = section(paragraphs, "This council resolves", next(p for p in paragraphs if p.startswith("Proposed by")))
    with registered_councils_app.app_context():
        asks = {ask.id: ask for ask in get_campaign("bright-futures").asks}
    expected = [asks[i].motion.replace("'", "\u2019") for i in ("fund", "early-intervention", "impact-assessment")]
    calls = [p for p in resolves if p.startswith("to ")]
    assert [c.rstrip(";.").removesuffix("; and") for c in calls] == expected
    assert calls[0].endswith(";") and calls[1].endswith("; and") and calls[2].endswith(".")
    assert all(p.startswith("To ") for p in resolves if not p.startswith("to "))  # every resolution acts
    assert "calling on the Government to:" not in " ".join(paragraphs)


def test_an_ask_without_motion_wording_still_reads_as_an_action():
    from advocacy.campaigns.loader import Ask

    ask = Ask(id="x", title="A children and young people impact assessment", text="...")
    assert ask.resolution == "to act on this call: A children and young people impact assessment"


def test_no_figure_is_stated_twice(councillor):
    paragraphs = motion_paragraphs(councillor)
    notes = " ".join(paragraphs[:paragraphs.index("This council believes")])
    figures = re.findall(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+%", notes)  # counts and changes, not years
    assert len(figures) >= 6
    assert len(figures) == len(set(figures)), figures


def test_national_figures_come_from_the_data_with_their_year(registered_councils_app, councillor, reference_data):
    path = reference_data / SECTION47
    if not path.is_file():
        pytest.skip(f"{SECTION47} is not in {reference_data}")
    with registered_councils_app.app_context():
        import_measure(path, measure="Section47")  # the real file: latest year 2024/25
        figures = figures_for(LEEDS).measures["section47"]
    notes = " ".join(section(motion_paragraphs(councillor), "This council notes", "This council believes"))
    latest = year_label(figures.latest_year)
    assert f"in {latest}" in notes and f"across England there were {figures.england:,.0f}" in notes
    assert "2018/19" not in notes  # the old figure the template once wrote in by hand
