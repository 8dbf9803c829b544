"""A council's figures, as letters and motions use them: local where published, England's otherwise."""

import re

import pytest

from advocacy.campaigns import get_campaign, render_template_for
from advocacy.campaigns.sample import sample_context, sample_local
from advocacy.campaigns.templating import escape_markdown
from advocacy.localdata import children_services_authority, figures_for
from tests.fixture_figures import load_fixture_figures
from advocacy.localdata.store import forget_snapshot


def local(app, code, measures=None):
    with app.app_context():
        figures = figures_for(code, measures)
        return figures.as_template_dict() if figures else None


def test_leeds_gets_its_latest_and_earlier_figures_change_rate_england_and_region(figures_app):
    s47 = local(figures_app, "E08000035")["section47"]
    assert s47 == {
        "label": "section 47 child protection enquiries",
        "area_name": "Leeds", "area_code": "E08000035", "is_local": True,
        "latest": 3100, "latest_fmt": "3,100", "latest_year": "2024/25",
        "earlier": 2500, "earlier_fmt": "2,500", "earlier_year": "2015/16",
        "change_pct": 24, "change_fmt": "up 24%",
        "per_10k": 177.1, "per_10k_fmt": "177.1",  # 3,100 / 175,000 children (mid-2024) x 10,000
        "england": 200_000, "england_fmt": "200,000",
        # England over the same years as Leeds' trend, so a motion can set the two side by side
        "england_earlier": 160_000, "england_earlier_fmt": "160,000", "england_change_fmt": "up 25%",
        "region": 21_000, "region_fmt": "21,000", "region_name": "Yorkshire and The Humber",
        "sentence": "In Leeds, the number of section 47 child protection enquiries rose from 2,500 in 2015/16 "
                    "to 3,100 in 2024/25 (up 24%).",
    }


def test_the_figures_object_names_the_area_and_where_its_figures_come_from(figures_app):
    leeds = local(figures_app, "E08000035")
    assert leeds["area"] == {"name": "Leeds", "code": "E08000035"}
    # Imported by hand: the file and the day it was imported, one line per file.
    assert [line.split(", imported")[0] for line in leeds["sources"]] == ["section47_small.csv", "population_small.csv"]
    with figures_app.app_context():
        load_fixture_figures({"cpp"})
        forget_snapshot()
        mixed = figures_for("E08000035")
    assert any(line.startswith("sample_cpp.csv, imported ") for line in mixed.sources)


@pytest.mark.parametrize("code, why", [("E06000001", "c"), ("E09000028", "low"), ("E10000014", "u"),
                                       ("E09000001", "z")])
def test_a_suppressed_local_figure_falls_back_to_england_and_reads_naturally(figures_app, code, why):
    s47 = local(figures_app, code)["section47"]
    assert s47["is_local"] is False and s47["area_name"] == "England"
    assert (s47["latest"], s47["latest_fmt"], s47["earlier_fmt"]) == (200_000, "200,000", "160,000")
    assert s47["sentence"] == ("Across England, the number of section 47 child protection enquiries rose from "
                               "160,000 in 2015/16 to 200,000 in 2024/25 (up 25%).")
    assert s47["per_10k_fmt"] == "166.7"  # England's rate, matching England's figure


def test_a_suppressed_earlier_year_is_passed_over_for_the_next_published_one(figures_app):
    manchester = local(figures_app, "E08000003")["section47"]
    assert (manchester["earlier"], manchester["earlier_year"], manchester["change_fmt"]) == (3500, "2019/20", "up 14%")
    kent = local(figures_app, "E10000016")["section47"]  # 2019/20 is "x": the trend still starts in 2015/16
    assert (kent["earlier"], kent["earlier_year"], kent["latest"]) == (6400, "2015/16", 8000)


def test_a_council_without_rows_of_its_own_gets_the_combined_figures_it_is_reported_in(figures_app):
    scilly = local(figures_app, "E06000053")
    assert scilly["area"] == {"name": "Isles of Scilly", "code": "E06000053"}
    s47 = scilly["section47"]
    assert (s47["area_name"], s47["area_code"], s47["latest"], s47["is_local"]) == (
        "Cornwall and the Isles of Scilly", "E06000052", 1500, True)
    assert s47["sentence"].startswith("In Cornwall and the Isles of Scilly, the number of")


def test_a_reorganised_authority_keeps_its_trend_across_the_change_of_code(figures_app):
    s47 = local(figures_app, "E06000065")["section47"]  # North Yorkshire Council, from April 2023
    assert (s47["earlier"], s47["earlier_year"], s47["latest"], s47["change_fmt"]) == (800, "2015/16", 2100, "up 163%")


def test_a_district_gets_its_county_figures(figures_app):
    sevenoaks = local(figures_app, "E07000111")
    assert sevenoaks["area"] == {"name": "Kent", "code": "E10000016"}
    assert sevenoaks["section47"]["latest_fmt"] == "8,000"


def test_only_the_measures_asked_for_are_given(figures_app):
    with figures_app.app_context():
        load_fixture_figures({"cpp", "cla", "cin"})
        forget_snapshot()
    assert set(local(figures_app, "E08000035", ["section47", "cla"])) == {"area", "sources", "section47", "cla"}
    assert set(local(figures_app, "E08000035")) == {"area", "sources", "section47", "cpp", "cla", "cin"}


def test_an_unknown_code_has_no_figures(figures_app):
    assert local(figures_app, "E08999999") is None
    assert local(figures_app, "Leeds") is None


# --- the mapping from a council to its children's services authority ---

@pytest.mark.parametrize("code, authority", [
    ("E07000111", ("E10000016", "Kent")),  # district -> county, from the imported ONS lookup
    ("e08000035", ("E08000035", "Leeds")),  # metropolitan borough runs its own; codes are not case-sensitive
    ("E10000016", ("E10000016", "Kent")),
    ("E07000165", ("E06000065", "North Yorkshire")),  # Harrogate district, abolished 2023
    ("E10000023", ("E06000065", "North Yorkshire")),  # the old county council's code
    ("E07000026", ("E06000063", "Cumberland")),  # Allerdale, abolished 2023
    ("E07000187", ("E06000066", "Somerset")),  # Mendip, abolished 2023
    ("E06000048", ("E06000057", "Northumberland")),  # re-coded 2020
    ("E06000053", ("E06000053", "Isles of Scilly")),  # runs its own services, reported with Cornwall
    ("E09000001", ("E09000001", "City of London")),
])
def test_children_services_authority_for_any_council_code(figures_app, code, authority):
    with figures_app.app_context():
        assert children_services_authority(code) == authority


@pytest.mark.parametrize("code", ["E10000006", "W06000015", "E07000999", "S12000036", "not a code"])
def test_no_authority_for_split_welsh_unknown_or_malformed_codes(figures_app, code):
    with figures_app.app_context():
        assert children_services_authority(code) is None


# --- letters never show a gap ---

BLANK_SIGNS = re.compile(r"\bNone\b|\bnan\b|not published|\{\{|\}\}|\S  +\S|\(\s*\)|, ,|\s\.")


FALLBACK = {"E06000001", "E09000028", "E09000001"}  # section 47 figure suppressed in 2024/25


@pytest.mark.parametrize("code", ["E08000035", "E06000001", "E09000028", "E09000001", "E06000053", "E07000111"])
@pytest.mark.parametrize("kind", ["letter_mp", "letter_council", "motion"])
def test_bundled_templates_read_fully_with_real_or_fallback_figures(figures_app, code, kind):
    from advocacy.nations import council_names

    with figures_app.app_context():
        load_fixture_figures({"cpp", "cla", "cin"})  # the campaign also names cpp and cla
        forget_snapshot()
        campaign = get_campaign("bright-futures")
        figures = figures_for(code, campaign.measures)
        context = {**sample_context(campaign, kind), "local": figures.as_template_dict(),
                   "authority": council_names(figures.area_code, figures.area_name).as_template_dict()}
        text = render_template_for(campaign, kind, context)
    assert not BLANK_SIGNS.search(text), BLANK_SIGNS.search(text)
    s47 = figures.measures["section47"]
    assert s47.sentence.startswith("Across England, " if code in FALLBACK else "In ")
    if kind == "motion":  # a resolution states each figure once, with England's beside a council's own
        said = ("That across England there were " if code in FALLBACK else " had ") + f"{s47.latest:,.0f}"
        assert said in text
    else:
        assert escape_markdown(s47.sentence) in text  # the sentence, as written, in every letter


def test_a_motion_for_a_council_without_published_figures_does_not_compare_england_with_itself(figures_app):
    with figures_app.app_context():
        load_fixture_figures({"cpp", "cla", "cin"})
        forget_snapshot()
        campaign = get_campaign("bright-futures")
        figures = figures_for("E06000001", campaign.measures)
        context = {**sample_context(campaign, "motion"), "local": figures.as_template_dict()}
        text = render_template_for(campaign, "motion", context)
    assert "That across England there were 200,000 section 47 child protection enquiries in 2024/25" in text
    assert "; across England there were 200,000" not in text  # never England set beside itself


def test_the_template_check_context_has_the_same_shape_as_real_figures_and_leeds_real_2024_25_figure(figures_app):
    with figures_app.app_context():
        load_fixture_figures({"cpp", "cla", "cin"})
        forget_snapshot()
        real = figures_for("E08000035").as_template_dict()
    sample = sample_local()
    assert sample["area"] == {"name": "Leeds", "code": "E08000035"}
    assert sample["section47"]["latest"] == 3097  # the data release: DfE, Leeds, 2024/25
    assert set(sample) == set(real)
    for name in ("section47", "cpp", "cla", "cin"):
        assert set(sample[name]) == set(real[name])
        assert {k: type(v) for k, v in sample[name].items()} == {k: type(v) for k, v in real[name].items()}


def test_england_figures_serve_places_whose_council_has_none(figures_app):
    from advocacy.localdata import figures_for_england

    with figures_app.app_context():
        england = figures_for_england(["section47"]).as_template_dict()
    assert england["area"] == {"name": "England", "code": "E92000001"}
    assert england["section47"]["is_local"] is False and england["section47"]["latest_fmt"] == "200,000"
    assert england["section47"]["sentence"].startswith("Across England, the number of section 47")
