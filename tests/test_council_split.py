"""Postcodes split between councils: GOV.UK's local authority API answers with addresses in different
councils; the resident picks their address (a plain form, no JavaScript) and gets the right council."""

from html import unescape

import pytest

from advocacy.lookup import find_representatives

CAMPAIGN = "/c/bright-futures"
SPLIT = "BR6 7ZZ"  # illustrative: three addresses in Sevenoaks (Kent), two in Bromley


def page_of(response) -> str:
    return unescape(response.get_data(as_text=True))


@pytest.fixture
def client(lookup_app, council_register):
    council_register(lookup_app)
    return lookup_app.test_client()


def test_a_split_postcode_asks_the_resident_to_pick_their_address(client):
    response = client.post(CAMPAIGN, data={"postcode": "br6 7zz"})
    response = client.get(response.headers["Location"])
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{CAMPAIGN}/you/address")
    page = page_of(client.get(response.headers["Location"]))
    assert "<strong>BR6 7ZZ</strong> is split between London Borough of Bromley and Sevenoaks District Council" in page
    assert page.count('type="radio"') == 6  # five addresses and "not listed"
    assert "2 Knockholt Road, Pratts Bottom, Orpington, BR6 7ZZ" in page
    assert "My address is not listed" in page
    assert "we will use Sevenoaks, the council at the centre of your postcode" in page


def pick(client, address_text):
    client.post(CAMPAIGN, data={"postcode": SPLIT})
    page = page_of(client.get(f"{CAMPAIGN}/you/address"))
    if address_text == "not listed":
        value = "not-listed"
    else:
        before = page.split(address_text)[0]
        value = before.rsplit('value="', 1)[1].split('"', 1)[0]
    response = client.post(f"{CAMPAIGN}/you/address", data={"address": value})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"{CAMPAIGN}/you")
    return page_of(client.get(response.headers["Location"]))


def test_picking_an_address_in_the_other_council_gives_that_council(client):
    page = pick(client, "4 Knockholt Road, Pratts Bottom")
    assert "Your council is the London Borough of Bromley." in page
    assert "Kent County Council" not in page  # Bromley is a London borough, not in a county
    assert "this is the council for the address you chose" in page
    assert "Council for the address you picked from GOV.UK, checked today." in page
    assert "Your MP is Laura Trott" in page  # the constituency comes from postcodes.io as before


def test_picking_an_address_in_the_centre_council_keeps_its_codes_and_county(client):
    page = pick(client, "3 Knockholt Road, Halstead")
    assert "Your council is Sevenoaks District Council." in page
    assert "Your county council is Kent County Council, which runs children's services for your area" in page


def test_address_not_listed_uses_the_council_at_the_centre_without_asking_again(client):
    page = pick(client, "not listed")
    assert "Your council is Sevenoaks District Council." in page


def test_choosing_no_address_says_what_to_do(client):
    client.post(CAMPAIGN, data={"postcode": SPLIT})
    page = page_of(client.post(f"{CAMPAIGN}/you/address", data={}))
    assert "There is a problem" in page
    assert page.count("Choose your address from the list, or choose 'My address is not listed'") == 2


def test_the_picked_council_has_its_gss_code_for_letters_and_figures(lookup_app):
    with lookup_app.app_context():
        bromley = find_representatives(SPLIT, council_slug="bromley")
        sevenoaks = find_representatives(SPLIT, council_slug="sevenoaks")
        ignored = find_representatives(SPLIT, council_slug="leeds")  # not one of this postcode's councils
    assert bromley.council.code == "E09000006" and bromley.county is None
    assert bromley.children_services_authority.code == "E09000006"
    assert (sevenoaks.council.code, sevenoaks.county.code) == ("E07000111", "E10000016")
    assert sevenoaks.children_services_authority.name == "Kent"
    assert ignored.council_split and ignored.council.name == "Sevenoaks"


def test_the_api_lists_the_addresses_of_a_split_postcode(client):
    body = client.get("/api/lookup?postcode=BR6+7ZZ").get_json()
    assert body["council"] == {"name": "Sevenoaks", "code": "E07000111"}  # the centre, until one is picked
    assert {a["local_authority_slug"] for a in body["council_split"]} == {"sevenoaks", "bromley"}
    assert len(body["council_split"]) == 5
    picked = client.get("/api/lookup?postcode=BR6+7ZZ&council=bromley").get_json()
    assert picked["council"] == {"name": "London Borough of Bromley", "code": "E09000006"}
    assert picked["council_source"] == "govuk"


def test_a_postcode_in_one_council_needs_no_picking(client, fake_apis):
    response = client.post(CAMPAIGN, data={"postcode": "BR6 7NZ"})
    page = page_of(client.get(response.headers["Location"]))
    assert "Your council is Sevenoaks District Council." in page and "Choose your address" not in page
    assert any(service == "govuk" for service, _, _ in fake_apis.log)  # GOV.UK was asked (and redirected)


def test_when_govuk_is_down_the_council_at_the_centre_is_used(client, fake_apis):
    fake_apis.set_mode("govuk", "down")
    response = client.post(CAMPAIGN, data={"postcode": SPLIT})
    response = client.get(response.headers["Location"])
    assert response.status_code == 200
    assert "Your council is Sevenoaks District Council." in page_of(response)


def test_govuk_answers_are_cached(lookup_app, fake_apis):
    with lookup_app.app_context():
        find_representatives(SPLIT, council_slug="bromley")
        lookup_app.extensions["advocacy.lookup"].govuk.forget_memo()
        before = fake_apis.hits("govuk")
        find_representatives(SPLIT, council_slug="bromley")
    assert fake_apis.hits("govuk") == before


def test_the_address_picker_works_with_csrf_protection_on(make_lookup_app):
    import re

    client = make_lookup_app(WTF_CSRF_ENABLED=True).test_client()
    client.get(CAMPAIGN, query_string={"postcode": SPLIT})  # the postcode form is a GET: no token
    page = client.get(f"{CAMPAIGN}/you/address").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert client.post(f"{CAMPAIGN}/you/address", data={"address": "0"}).status_code == 400
    response = client.post(f"{CAMPAIGN}/you/address", data={"address": "0", "csrf_token": token})
    assert response.status_code == 302
