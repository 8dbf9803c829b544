"""Seeing a council's figures: `flask localdata show` and the JSON API (what `setup` loads: test_data_release.py)."""

import json

from advocacy.localdata import figures_for


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


