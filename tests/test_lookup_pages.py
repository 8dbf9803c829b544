"""Step 1 of the resident journey (postcode on the campaign page), the 'your MP and council' page,
the manual path, and the JSON API."""

from html import unescape
from pathlib import Path

import pytest

CODES = Path(__file__).resolve().parent.parent / "advocacy" / "devtools" / "fixtures" / "constituency_codes.csv"
CAMPAIGN = "/c/bright-futures"


def page_of(response) -> str:
    return unescape(response.get_data(as_text=True))


def submit(client, postcode):
    return client.post(CAMPAIGN, data={"postcode": postcode})


@pytest.fixture
def client(lookup_app, council_register):
    council_register(lookup_app)
    return lookup_app.test_client()


@pytest.mark.parametrize("typed, message", [
    ("", "Enter your postcode, like LS1 1UR"),
    ("hello", "Enter a full UK postcode, like LS1 1UR"),
    ("SW1A", "Enter your full postcode: SW1A is only the first half"),
    ("BFPO 105", "BFPO addresses have no MP or council of their own"),
    ("zz1 1zz", "We could not find ZZ1 1ZZ"),
    ("ab1 0aa", "AB1 0AA is no longer in use"),
    ("je2 4wd", "JE2 4WD is in Jersey, a Crown Dependency"),
])
def test_a_postcode_problem_is_shown_on_the_campaign_page_with_what_was_typed_kept(client, typed, message):
    response = submit(client, typed)
    assert response.status_code == 200
    page = page_of(response)
    assert "There is a problem" in page
    assert page.count(message) == 2  # in the error summary and next to the field
    assert f'value="{typed}"' in page or (typed == "" and 'name="postcode"' in page)
    assert 'aria-invalid="true"' in page


def test_a_good_postcode_goes_to_the_your_mp_page(client):
    response = submit(client, "ls11ur")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/c/bright-futures/you")
    page = page_of(client.get(response.headers["Location"]))
    assert "Your MP is Alex Sobel (Labour (Co-op)), MP for Leeds Central and Headingley." in page
    assert "Your council is Leeds City Council." in page
    assert "For the postcode <strong>LS1 1UR</strong>" in page
    assert "MP details from the UK Parliament, checked today." in page
    assert "What this campaign offers in England" in page
    assert "Councils in England run children's services" in page
    assert "devolved" not in page


def test_a_two_tier_area_names_the_county_that_runs_childrens_services(client):
    page = page_of(client.get(submit(client, "BR6 7NZ").headers["Location"]))
    assert "Your council is Sevenoaks District Council." in page
    assert ("Your county council is Kent County Council, which runs children's services for your area, so a "
            "letter to your council goes to Kent County Council and quotes its figures.") in page


@pytest.mark.parametrize("postcode, country", [("AB10 1AB", "Scotland"), ("CF10 1AA", "Wales"),
                                               ("BT1 1AA", "Northern Ireland")])
def test_outside_england_the_page_says_what_the_campaign_offers_there_and_why(client, postcode, country):
    page = page_of(client.get(submit(client, postcode).headers["Location"]))
    assert f"What this campaign offers in {country}" in page
    assert "the letter says that the services are devolved, quotes England's figures as England's" in page
    assert "A letter to your MP, quoting England's figures as England's" in page
    assert "Write to your MP" in page and "Write to your council" not in page
    assert "draft council motion" not in page
    assert "Your MP is" in page


def test_a_campaign_without_devolved_letters_says_there_is_no_letter(make_lookup_app, tmp_path):
    import shutil

    folder = tmp_path / "campaigns"
    shutil.copytree(Path(__file__).resolve().parent.parent / "letters", folder)
    toml = folder / "bright-futures" / "campaign.toml"
    toml.write_text(toml.read_text().replace('[nations.Wales]\noffers = ["mp"]', '[nations.Wales]\noffers = []'))
    client = make_lookup_app(ADVOCACY_CAMPAIGNS_DIR=str(folder)).test_client()
    page = page_of(client.get(submit(client, "CF10 1AA").headers["Location"]))
    assert "This campaign has no letter to send from Wales." in page
    assert "Write to your MP" not in page


def test_a_vacant_seat_says_so_and_offers_the_council(client):
    page = page_of(client.get(submit(client, "M1 1AD").headers["Location"]))
    assert "Manchester Central has no MP at the moment: this seat is currently vacant." in page
    assert "You can write to your council instead." in page
    assert "Your council is Manchester City Council." in page


def test_the_your_mp_page_without_a_postcode_goes_back_to_the_campaign(client):
    response = client.get(f"{CAMPAIGN}/you")
    assert response.status_code == 302 and response.headers["Location"].endswith(CAMPAIGN)


def test_when_postcodes_io_is_down_the_resident_is_offered_the_manual_path(client, fake_apis):
    fake_apis.set_mode("postcodes", "down")
    response = submit(client, "LS1 1UR")
    assert response.status_code == 302
    page = page_of(client.get(response.headers["Location"]))
    assert "We cannot look up postcodes right now" in page
    assert "choose your constituency from a list, or type your MP's name and email address" in page
    assert "Traceback" not in page


def test_the_manual_path_lets_a_resident_pick_their_constituency_without_javascript(lookup_app, fake_apis):
    lookup_app.test_cli_runner().invoke(args=["mps", "sync", "--codes", str(CODES)])
    client = lookup_app.test_client()
    fake_apis.set_mode("postcodes", "down")
    fake_apis.set_mode("members", "down")
    submit(client, "LS1 1UR")
    page = page_of(client.get(f"{CAMPAIGN}/you/choose?q=leeds"))
    assert "Leeds Central and Headingley" in page and "Hartlepool" not in page
    assert "<script" not in page
    from advocacy.lookup.directory import search_constituencies

    with lookup_app.app_context():
        seat_id = search_constituencies("leeds")[0].id
    response = client.post(f"{CAMPAIGN}/you/choose?q=leeds", data={"choose-constituency": seat_id,
                                                                   "action": "choose"})
    assert response.status_code == 302
    page = page_of(client.get(f"{CAMPAIGN}/you"))
    assert "Your MP is Alex Sobel (Labour (Co-op)), MP for Leeds Central and Headingley." in page
    assert "You chose this constituency from our list of MPs." in page
    assert "We could not look up your council right now." in page


def test_a_search_with_no_match_says_how_to_try_again(lookup_app):
    lookup_app.test_cli_runner().invoke(args=["mps", "sync", "--codes", str(CODES)])
    client = lookup_app.test_client()
    submit(client, "LS1 1UR")
    page = page_of(client.get(f"{CAMPAIGN}/you/choose?q=atlantis"))
    assert "No constituency matches “atlantis”. Check the spelling" in page


def test_choosing_nothing_from_the_list_shows_an_error(lookup_app):
    lookup_app.test_cli_runner().invoke(args=["mps", "sync", "--codes", str(CODES)])
    client = lookup_app.test_client()
    submit(client, "LS1 1UR")
    page = page_of(client.post(f"{CAMPAIGN}/you/choose?q=leeds", data={"action": "choose"}))
    assert "Choose your constituency from the list, or search again" in page


def test_the_manual_path_lets_a_resident_type_their_mps_details(client, fake_apis):
    fake_apis.set_mode("postcodes", "down")
    submit(client, "LS1 1UR")
    page = page_of(client.get(f"{CAMPAIGN}/you/choose"))
    assert "Type your MP's details" in page and "Search for your constituency" not in page  # no directory yet
    bad = page_of(client.post(f"{CAMPAIGN}/you/choose", data={
        "action": "typed", "typed-mp_name": "Jane Smith", "typed-mp_email": "not-an-email"}))
    assert "Enter an email address in the correct format" in bad
    assert 'value="Jane Smith"' in bad and 'value="not-an-email"' in bad  # nothing typed is lost
    response = client.post(f"{CAMPAIGN}/you/choose", data={
        "action": "typed", "typed-mp_name": "Jane Smith", "typed-mp_email": "jane.smith.mp@parliament.uk",
        "typed-constituency_name": "Leeds Central and Headingley"})
    assert response.status_code == 302
    page = page_of(client.get(f"{CAMPAIGN}/you"))
    assert "Your MP is Jane Smith, MP for Leeds Central and Headingley." in page
    assert "You typed these details yourself." in page


def test_when_only_the_members_api_is_down_the_page_offers_to_type_the_mp(client, fake_apis):
    fake_apis.set_mode("members", "down")
    page = page_of(client.get(submit(client, "LS1 1UR").headers["Location"]))
    assert "You live in Leeds Central and Headingley. We cannot get your MP's details" in page
    assert "Type your MP's name and email address" in page
    assert "Your council is Leeds City Council." in page


def test_the_mp_details_say_when_they_come_from_our_copy(lookup_app, fake_apis):
    lookup_app.test_cli_runner().invoke(args=["mps", "sync", "--codes", str(CODES)])
    fake_apis.set_mode("members", "down")
    client = lookup_app.test_client()
    page = page_of(client.get(submit(client, "LS1 1UR").headers["Location"]))
    assert "Your MP is Alex Sobel" in page
    assert ("MP details from our copy of the UK Parliament's list of MPs, last checked today (the UK Parliament's "
            "service did not answer).") in page


# --- JSON API ---

def test_the_api_returns_the_documented_shape(client):
    response = client.get("/api/lookup?postcode=br67nz")
    assert response.status_code == 200
    body = response.get_json()
    assert {k: body[k] for k in ("postcode", "country", "region", "constituency", "council", "county",
                                 "children_services_authority", "ward")} == {
        "postcode": "BR6 7NZ", "country": "England", "region": "South East",
        "constituency": {"name": "Sevenoaks", "code": "E14001465"},
        "council": {"name": "Sevenoaks", "code": "E07000111"},
        "county": {"name": "Kent", "code": "E10000016"},
        "children_services_authority": {"name": "Kent", "code": "E10000016"},
        "ward": {"name": "Halstead, Knockholt and Badgers Mount", "code": "E05005018"},
    }
    assert {k: body["mp"][k] for k in ("name", "party", "email", "member_id")} == {
        "name": "Laura Trott", "party": "Conservative", "email": "laura.trott.mp@parliament.uk", "member_id": 4780}


def test_the_api_gives_null_for_a_vacant_seats_mp(client):
    body = client.get("/api/lookup?postcode=M1 1AD").get_json()
    assert body["mp"] is None and body["vacant"] is True


@pytest.mark.parametrize("postcode, status, error", [
    ("", 400, "empty"),
    ("nonsense", 400, "not_a_postcode"),
    ("SW1A", 400, "outward_code_only"),
    ("ZZ1 1ZZ", 404, "not_found"),
    ("AB1 0AA", 404, "terminated"),
    ("JE2 4WD", 404, "crown_dependency"),
])
def test_api_errors_have_a_slug_a_message_and_the_right_status(client, postcode, status, error):
    response = client.get("/api/lookup", query_string={"postcode": postcode})
    assert response.status_code == status
    body = response.get_json()
    assert body["error"] == error and len(body["message"]) > 20


def test_the_api_says_503_when_postcodes_io_is_down_and_nothing_is_cached(client, fake_apis):
    fake_apis.set_mode("postcodes", "down")
    response = client.get("/api/lookup?postcode=LS1 1UR")
    assert response.status_code == 503
    assert response.get_json()["error"] == "upstream_unavailable"
    assert response.headers["Retry-After"] == "60"


def test_changing_the_postcode_comes_back_with_it_in_the_box(client):
    submit(client, "se10aa")
    page = page_of(client.get(CAMPAIGN))
    assert 'value="SE1 0AA"' in page


def test_the_postcode_and_manual_forms_work_with_csrf_protection_on(make_lookup_app, fake_apis):
    import re

    client = make_lookup_app(WTF_CSRF_ENABLED=True).test_client()

    def token(page):
        return re.search(r'name="([a-z-]*csrf_token)" type="hidden" value="([^"]+)"', page).groups()

    assert client.post(CAMPAIGN, data={"postcode": "LS1 1UR"}).status_code == 400  # a POST with no token: refused
    fake_apis.set_mode("postcodes", "down")
    # The campaign page's form is a GET (a look-up changes nothing): it needs no token.
    assert client.get(CAMPAIGN, query_string={"postcode": "LS1 1UR"}).status_code == 302
    forms = page_of(client.get(f"{CAMPAIGN}/you/choose"))
    name, value = token(forms)
    response = client.post(f"{CAMPAIGN}/you/choose", data={
        name: value, "action": "typed", "typed-mp_name": "Jane Smith", "typed-mp_email": "jane@example.org"})
    assert response.status_code == 302


def test_a_postcode_error_is_announced_in_the_title_and_the_form_brings_the_reader_back_to_it(lookup_app):
    client = lookup_app.test_client()
    page = client.post("/c/bright-futures", data={"postcode": ""}).get_data(as_text=True)
    assert "<title>Error: Bright Futures" in page
    assert 'action="/c/bright-futures#start"' in page
    assert "<title>Bright Futures" in client.get("/c/bright-futures").get_data(as_text=True)
