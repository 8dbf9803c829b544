"""Seeing a council's figures: `flask localdata show`, the JSON API and the sample figures `setup` loads."""

import json

from sqlalchemy import select

from advocacy.db import db
from advocacy.localdata import figures_for
from advocacy.localdata.models import Dataset


def test_show_prints_the_councils_figures_in_sentences(figures_app):
    result = figures_app.test_cli_runner().invoke(args=["localdata", "show", "E07000111"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "Kent (E10000016), children's services authority for E07000111"
    assert ("- section47: In Kent, the number of section 47 child protection enquiries rose from 6,400 in 2015/16 "
            "to 8,000 in 2024/25 (up 25%). England: 200,000;") in result.output
    assert "SAMPLE" not in result.output


def test_show_json_is_the_object_templates_see(figures_app):
    result = figures_app.test_cli_runner().invoke(args=["localdata", "show", "E08000035", "--json"])
    assert result.exit_code == 0, result.output
    with figures_app.app_context():
        expected = figures_for("E08000035").as_template_dict()
    assert json.loads(result.output) == expected
    assert json.loads(result.output)["section47"]["latest_fmt"] == "3,100"


def test_show_for_an_unknown_code_says_why_and_how_to_fix_it(figures_app):
    runner = figures_app.test_cli_runner()
    welsh = runner.invoke(args=["localdata", "show", "W06000015"])
    assert welsh.exit_code == 1 and "W06000015 is a council in Wales. These figures cover England only" in welsh.output
    cumbria = runner.invoke(args=["localdata", "show", "E10000006"])
    assert "Cumbria (split in 2023 into Cumberland and Westmorland and Furness)" in cumbria.output
    typo = runner.invoke(args=["localdata", "show", "E0800035"])
    assert "'E0800035' is not a council code" in typo.output and "Traceback" not in typo.output


def test_api_returns_a_councils_figures_as_json(figures_app):
    response = figures_app.test_client().get("/api/councils/E07000111/figures")
    assert response.status_code == 200 and response.is_json
    body = response.get_json()
    assert body["area"] == {"name": "Kent", "code": "E10000016"}
    assert [line.split(", imported")[0] for line in body["sources"]] == ["section47_small.csv", "population_small.csv"]
    assert body["section47"]["change_fmt"] == "up 25%"


def test_api_limits_figures_to_a_campaigns_measures(figures_app):
    from tests.fixture_figures import load_fixture_figures

    with figures_app.app_context():
        load_fixture_figures({"cpp", "cla", "cin"})
    body = figures_app.test_client().get("/api/councils/E08000035/figures?campaign=bright-futures").get_json()
    assert set(body) == {"area", "sources", "section47", "cpp", "cla"}  # campaign.toml: measures


def test_api_unknown_code_is_a_404_with_a_clear_message(figures_app):
    response = figures_app.test_client().get("/api/councils/E08999999/figures")
    assert response.status_code == 404 and response.is_json
    assert response.get_json() == {"error": "No council with code E08999999 is in the imported figures or the "
                                            "council lookup. Check the code, or import the ONS LTLA->UTLA lookup "
                                            "for district councils."}
    campaign = figures_app.test_client().get("/api/councils/E08000035/figures?campaign=nope")
    assert campaign.status_code == 404 and "no campaign called 'nope'" in campaign.get_json()["error"]


def test_setup_loads_the_sample_figures_when_nothing_was_imported(app):
    result = app.test_cli_runner().invoke(args=["setup"])
    assert result.exit_code == 0, result.output
    assert "local figures: SAMPLE figures (made up)" in result.output
    body = app.test_client().get("/api/councils/E07000111/figures").get_json()
    assert body["sample"] is True and body["area"]["name"] == "Kent"
    assert {"section47", "cpp", "cla", "cin"} <= set(body)
    # The demo postcodes' councils all have figures of their own in the sample.
    for code in ("E08000035", "E06000001", "E09000028", "E10000016", "E08000003"):
        body = app.test_client().get(f"/api/councils/{code}/figures").get_json()
        assert body["section47"]["is_local"] is True, code


def test_setup_keeps_official_figures_and_fills_only_the_gaps_with_samples(figures_app):
    runner = figures_app.test_cli_runner()
    first = runner.invoke(args=["setup"])
    again = runner.invoke(args=["setup"])
    assert "local figures: official (child_population, council_lookup, section47); sample figures for cin, cla, cpp" \
        in first.output
    assert first.output == again.output
    with figures_app.app_context():
        datasets = {d.name: d.is_sample for d in db.session.scalars(select(Dataset))}
    assert datasets == {"section47": False, "child_population": False, "council_lookup": False,
                        "cpp": True, "cla": True, "cin": True}
    body = figures_app.test_client().get("/api/councils/E08000035/figures").get_json()
    assert body["section47"]["latest"] == 3100 and body["sample"] is True  # cpp, cla, cin are samples


def test_sample_figures_say_they_are_samples_in_the_cli(app):
    runner = app.test_cli_runner()
    runner.invoke(args=["setup"])
    result = runner.invoke(args=["localdata", "show", "E08000035"])
    assert "SAMPLE FIGURES: made up for trying the app, not official statistics." in result.output
    listing = runner.invoke(args=["localdata", "list"])
    assert "section47: section 47 child protection enquiries from sample_section47.csv (130 rows, SAMPLE)" \
        in listing.output
