"""The letter journey with the Flask test client against the fake postcode and MP services: form, preview,
Change, every output, counting, the campaign's rules for where letters go."""

from __future__ import annotations

import email
import io
import re
import shutil
from email import policy
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from pypdf import PdfReader

from advocacy.actions import Action
from advocacy.db import db
from advocacy.letters import LetterDraft, public_count
from advocacy.supporters import Supporter

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = "/c/bright-futures"
ASKS = ["fund", "early-intervention"]


def page_of(response) -> str:
    # Letters are typeset with no-break spaces ("Alex Sobel MP"); compare as a reader sees them.
    return unescape(response.get_data(as_text=True)).replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture
def client(letters_app):
    return letters_app.test_client()


def look_up(client, postcode: str = "LS1 1UR"):
    response = client.post(CAMPAIGN, data={"postcode": postcode})
    assert response.status_code == 302, page_of(response)
    return response


def answers(**changes) -> dict:
    data = {"name": "Siân O'Brien", "address": "1 Example Street\nLeeds", "postcode": "LS1 1UR",
            "email": "sian@example.org", "asks": ASKS, "personal": "My nephew waited a year for help."}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def write(client, to: str = "mp", **changes):
    """Submit the letter form; returns the response (a redirect to the preview when all is well)."""
    return client.post(f"{CAMPAIGN}/letter/{to}", data=answers(**changes))


def draft_url(client, to: str = "mp", postcode: str = "LS1 1UR", **changes) -> str:
    look_up(client, postcode)
    response = write(client, to, postcode=postcode, **changes)
    assert response.status_code == 302, page_of(response)
    return response.headers["Location"]


def actions(app) -> list[tuple[str, str]]:
    with app.app_context():
        return [(a.kind, a.channel) for a in db.session.scalars(db.select(Action).order_by(Action.id))]


def test_the_your_mp_page_offers_both_letters(client):
    page = page_of(client.get(look_up(client).headers["Location"]))
    assert 'href="/c/bright-futures/letter/mp"' in page and "Write to your MP" in page
    assert 'href="/c/bright-futures/letter/council"' in page and "Write to your council" in page


def test_a_resident_writes_to_their_mp_from_form_to_thank_you(client, letters_app):
    look_up(client)
    form = page_of(client.get(f"{CAMPAIGN}/letter/mp"))
    assert "Your letter is to Alex Sobel (Labour (Co-op)), MP for Leeds Central and Headingley." in form
    assert 'value="LS1 1UR"' in form  # the looked-up postcode is filled in

    response = write(client)
    assert response.status_code == 302
    preview = page_of(client.get(response.headers["Location"]))
    assert "Check your letter" in preview
    assert "Alex Sobel MP" in preview and "Dear Alex Sobel" in preview
    assert "1 Example Street" in preview and "Siân O’Brien" in preview
    assert "My nephew waited a year for help." in preview
    assert "Fully fund children’s services" in preview
    assert "Long-term funding" not in preview  # not ticked
    assert re.search(r"In Leeds, the number of section 47", preview)

    outputs_url = response.headers["Location"] + "/send"
    outputs = page_of(client.get(outputs_url))
    assert "Open it as an email to alex.sobel.mp@parliament.uk" in outputs  # the whole letter, prefilled
    assert "Download the letter (PDF)" in outputs and ".eml" in outputs
    assert "Dear Alex Sobel," in outputs  # the plain text to copy

    thanks = client.post(response.headers["Location"] + "/sent")
    assert thanks.status_code == 302
    page = page_of(client.get(thanks.headers["Location"]))
    assert "Yours is the first letter written for Bright Futures: fund children's services properly." in page
    assert "#gettingthebest" in page
    for name in ("X", "Facebook", "WhatsApp", "Email"):
        assert f"Share on {name}" in page
    assert "gettingthebest" in unquote(re.search(r'href="(https://x\.com[^"]+)"', page).group(1))
    assert "Ask your councillor to table the motion" in page
    assert 'href="/c/bright-futures/councillors"' in page
    assert actions(letters_app) == [("letter_mp", "self_reported")]


def test_the_pdf_names_the_mp_and_the_resident_with_local_figures_on_one_a4_page(client, letters_app):
    url = draft_url(client)
    response = client.get(url + "/letter.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width * 25.4 / 72), round(height * 25.4 / 72)) == (210, 297)  # A4 in mm
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Alex Sobel MP" in text and "House of Commons" in text
    assert "1 Example Street" in text and "LS1 1UR" in text and "Siân O’Brien" in text
    assert "In Leeds, the number of section 47" in text
    with letters_app.app_context():
        subject = db.session.scalar(db.select(LetterDraft.subject))
    assert reader.metadata.title == f"{subject}: letter from Siân O'Brien".replace("'", "’") or \
        reader.metadata.title == f"{subject}: letter from Siân O'Brien"
    fonts = {str(font) for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert fonts  # fonts are embedded (checked in detail by the documents tests)
    assert actions(letters_app) == [("letter_mp", "pdf")]


def test_downloading_again_refreshing_or_double_clicking_counts_once(client, letters_app):
    url = draft_url(client)
    for _ in range(3):
        client.get(url + "/letter.pdf")
        client.get(url + "/letter.eml")
        client.get(url + "/email")
        client.get(url + "/letter.txt")
        client.post(url + "/sent")
    assert sorted(actions(letters_app)) == sorted([("letter_mp", c) for c in
                                                   ("pdf", "eml", "email_draft", "text", "self_reported")])
    with letters_app.app_context():
        assert public_count("bright-futures") == 1  # one letter, whatever it produced


def test_each_letter_counts_once_in_the_public_counter(client, letters_app):
    first = draft_url(client)
    client.get(first + "/letter.pdf")
    second = draft_url(client, name="Jo Bloggs")
    client.post(second + "/sent")
    client.get(draft_url(client, name="Not finished"))  # previewed only: nothing produced, nothing counted
    with letters_app.app_context():
        assert public_count("bright-futures") == 2
    assert "2 letters have been written" in page_of(client.get(second + "/thanks"))


def test_actions_record_the_place_but_no_personal_data(client, letters_app):
    url = draft_url(client)
    client.get(url + "/letter.pdf")
    with letters_app.app_context():
        action = db.session.scalar(db.select(Action))
        assert (action.constituency_name, action.council_code, action.authority_code, action.country) == (
            "Leeds Central and Headingley", "E08000035", "E08000035", "England")
        assert action.template_version
        values = " ".join(str(v) for v in vars(action).values())
        draft = db.session.scalar(db.select(LetterDraft))
        for personal in ("Siân", "Example Street", "sian@", draft.public_id):
            assert personal not in values


def test_changing_the_letter_keeps_every_answer(client):
    url = draft_url(client, personal="Line one & #two\nLine three", asks=["long-term", "minister"])
    change = page_of(client.get(url + "/change"))
    assert 'value="Siân O\'Brien"' in change
    assert "1 Example Street\nLeeds" in change
    assert 'value="sian@example.org"' in change
    assert "Line one & #two\nLine three" in change
    assert re.search(r'<input[^>]*checked[^>]*value="long-term"|<input[^>]*value="long-term"[^>]*checked', change)
    assert re.search(r'<input[^>]*checked[^>]*value="minister"|<input[^>]*value="minister"[^>]*checked', change)
    assert not re.search(r'<input[^>]*checked[^>]*value="fund"|<input[^>]*value="fund"[^>]*checked', change)
    # the change is saved into the same letter
    response = client.post(url + "/change", data=answers(name="Siân Jones", asks=["fund"]))
    assert response.headers["Location"] == url
    preview = page_of(client.get(url))
    assert "Siân Jones" in preview and "Long-term funding" not in preview


@pytest.mark.parametrize("changes, field, message", [
    ({"name": ""}, "name", "Enter your full name, as you would sign a letter"),
    ({"address": ""}, "address", "Enter your address: house number and street, and town"),
    ({"asks": None}, "asks", "Choose at least one thing to ask for"),
    ({"personal": "x" * 2001}, "personal", "Your own words must be 2,000 characters or fewer. You have 2,001"),
    ({"email": "not an email"}, "email", "Enter an email address in the correct format"),
    ({"email": "", "consent_updates": "y"}, "consent_updates", "Enter your email address so we can send you updates"),
    ({"postcode": "hello"}, "postcode", "Enter a full UK postcode"),
])
def test_a_problem_in_the_form_is_named_and_nothing_typed_is_lost(client, letters_app, changes, field, message):
    look_up(client)
    response = write(client, **changes)
    assert response.status_code == 200
    page = page_of(response)
    assert "There is a problem" in page
    assert page.count(message) == 2, page  # in the summary and beside the field
    assert f'href="#{field}"' in page
    if "name" not in changes:
        assert "Siân O'Brien" in page or "Siân O&#39;Brien" in response.get_data(as_text=True)
    if "personal" not in changes:
        assert "My nephew waited a year for help." in page
    with letters_app.app_context():
        assert db.session.scalar(db.select(db.func.count(LetterDraft.id))) == 0


def test_a_postcode_that_is_not_the_one_looked_up_is_looked_up_again_and_the_new_mp_shown(client):
    look_up(client, "LS1 1UR")
    response = write(client, postcode="se1 0aa", address="1 Borough Road\nLondon")
    assert response.status_code == 200
    page = page_of(response)
    assert "The postcode in your address, SE1 0AA, is not the one you looked up (LS1 1UR)" in page
    assert "MP for Bermondsey and Old Southwark" in page
    assert "Alex Sobel" not in page
    confirmed = write(client, postcode="SE1 0AA", address="1 Borough Road\nLondon")
    assert confirmed.status_code == 302
    preview = page_of(client.get(confirmed.headers["Location"]))
    assert "Bermondsey and Old Southwark" in preview and "Alex Sobel" not in preview


def test_a_changed_postcode_that_cannot_be_found_says_so_beside_the_postcode(client):
    look_up(client)
    page = page_of(write(client, postcode="JE2 4WD"))
    assert "JE2 4WD is in Jersey, a Crown Dependency" in page
    assert "Alex Sobel" in page  # still the letter to the MP looked up before


@pytest.fixture
def short_letter_app(make_lookup_app, tmp_path):
    """A campaign whose MP letter is short enough for a mailto: link with the whole letter in it."""
    from tests.fixture_figures import load_fixture_figures

    folder = tmp_path / "short-campaigns"
    shutil.copytree(ROOT / "letters", folder)
    (folder / "bright-futures" / "letter_mp.md").write_text(
        "Please support children's services in {{ constituency.name }}.\n\n{{ personal }}\n")
    app = make_lookup_app(ADVOCACY_CAMPAIGNS_DIR=str(folder))
    with app.app_context():
        load_fixture_figures()
    return app


def test_the_email_draft_link_encodes_awkward_text(short_letter_app):
    letters_app, client = short_letter_app, short_letter_app.test_client()
    assert "Open it as an email to alex.sobel.mp@parliament.uk" in page_of(client.get(draft_url(client) + "/send"))
    url = draft_url(client, name="Siân & Co #1", personal="Fish & chips #1\nSecond line? 100% = yes+")
    response = client.get(url + "/email")
    assert response.status_code == 302
    mailto = response.headers["Location"]
    assert mailto.startswith("mailto:alex.sobel.mp@parliament.uk?subject=")
    parts = urlsplit(mailto)
    query = parse_qs(parts.query, strict_parsing=True)
    assert set(query) == {"subject", "body"}
    body = query["body"][0]
    assert "Fish & chips #1\r\n\r\nSecond line? 100% = yes+" in body  # each line its own paragraph
    assert "Siân & Co #1" in body
    assert "\n" not in mailto and "#" not in mailto and "%0D%0A" in mailto
    assert actions(letters_app) == [("letter_mp", "email_draft")]


def test_a_long_letter_offers_copy_and_eml_instead_of_an_email_link(long_letter_app):
    client = long_letter_app.test_client()
    url = draft_url(client, personal="Early help kept our family together. " * 50)
    page = page_of(client.get(url + "/send"))
    assert "too long to open in an email app" in page
    assert "Open it as an email" not in page
    assert "Download as an email file (.eml)" in page
    mailto = client.get(url + "/email").headers["Location"]
    assert mailto.startswith("mailto:alex.sobel.mp@parliament.uk?subject=") and mailto.endswith("&body=")
    assert "data-copy-source" in page


def test_the_eml_is_a_utf8_draft_to_the_mp(client, letters_app):
    url = draft_url(client, name="Siân O'Brien", personal="Fish & chips #1\nSecond line")
    response = client.get(url + "/letter.eml")
    assert response.status_code == 200
    assert response.mimetype == "message/rfc822"
    assert b"\r\n" in response.data and all(ord(c) < 128 for c in response.data.decode("ascii"))
    message = email.message_from_bytes(response.data, policy=policy.default)
    assert message["To"] == "Alex Sobel MP <alex.sobel.mp@parliament.uk>"
    assert message["From"] == "Siân O'Brien <sian@example.org>"
    assert message["X-Unsent"] == "1"
    body = message.get_content().replace("\r\n", "\n")
    assert "Fish & chips #1\n\nSecond line" in body and "Siân O'Brien" in body
    assert actions(letters_app) == [("letter_mp", "eml")]


@pytest.mark.parametrize("field, value", [
    ("name", "Siân\r\nBcc: victim@example.org"),
    ("name", "Siân\nSubject: hijacked"),
    ("email", "sian@example.org\r\nBcc: victim@example.org"),
])
def test_header_injection_through_the_form_changes_nothing(client, letters_app, field, value):
    look_up(client)
    response = write(client, **{field: value})
    assert response.status_code == 200
    assert "on one line" in page_of(response) or "correct format" in page_of(response)
    with letters_app.app_context():
        assert db.session.scalar(db.select(db.func.count(LetterDraft.id))) == 0
    # and a well-formed letter's .eml has exactly the headers we set
    url = draft_url(client)
    message = email.message_from_bytes(client.get(url + "/letter.eml").data, policy=policy.default)
    assert message["Bcc"] is None and "hijacked" not in str(message["Subject"])
    assert sorted(message.keys()) == sorted(["To", "From", "Subject", "Date", "Message-ID", "X-Unsent",
                                             "Content-Type", "Content-Transfer-Encoding", "MIME-Version"])


def test_the_council_letter_goes_to_the_leader_of_the_childrens_services_authority(client, letters_app):
    look_up(client, "BR6 7NZ")
    form = page_of(client.get(f"{CAMPAIGN}/letter/council"))
    assert "Your letter is to the Leader of Kent County Council" in form
    url = draft_url(client, to="council", postcode="BR6 7NZ", address="1 High Street\nOrpington")
    preview = page_of(client.get(url))
    assert "The Leader of the Council" in preview and "Dear Council Leader and Lead Member" in preview
    assert "I am asking Kent County Council to table the Bright Futures motion" in preview
    outputs = page_of(client.get(url + "/send"))
    assert "We do not have an email address for the Leader of the council" in outputs
    # Kent's website, from the (fake) GOV.UK local authority API: Kent runs children's services there
    assert '<a href="https://www.kent.gov.uk/" id="council-website">' in outputs
    assert "We do not have Kent County Council's postal address, so the letter has a marked box for it" in outputs
    assert "Open it as an email" not in outputs
    assert client.get(url + "/letter.eml").status_code == 404
    text = " ".join(PdfReader(io.BytesIO(client.get(url + "/letter.pdf").data)).pages[0].extract_text().split())
    assert ("The Leader of the Council The Lead Member for Children's Services Kent County Council Postal address "
            "not known to us: find it on the council's website (https://www.kent.gov.uk/) and write it here."
            ) in text.replace("’", "'")
    assert "In Kent" in text
    assert actions(letters_app) == [("letter_council", "pdf")]


@pytest.mark.parametrize("postcode, country", [("AB10 1AB", "Scotland"), ("CF10 1AA", "Wales"),
                                               ("BT1 1AA", "Northern Ireland")])
def test_outside_england_the_letter_uses_englands_figures_and_says_why(client, postcode, country):
    look_up(client, postcode)
    form = page_of(client.get(f"{CAMPAIGN}/letter/mp"))
    assert f"In {country}," in form and "quotes England's figures as England's" in form  # the offer's why
    url = draft_url(client, postcode=postcode, address="1 Main Street\nSomewhere", asks=["uk-funding"])
    letter = client.get(url + "/letter.txt").get_data(as_text=True)
    assert "Across England" in letter and f"Children's services in {country} are devolved" in letter


def test_a_campaign_without_devolved_letters_refuses_a_letter_from_wales(make_lookup_app, tmp_path):
    from tests.fixture_figures import load_fixture_figures

    folder = tmp_path / "campaigns"
    shutil.copytree(ROOT / "letters", folder)
    toml = folder / "bright-futures" / "campaign.toml"
    toml.write_text(toml.read_text().replace('[nations.Wales]\noffers = ["mp"]', '[nations.Wales]\noffers = []'))
    app = make_lookup_app(ADVOCACY_CAMPAIGNS_DIR=str(folder))
    with app.app_context():
        load_fixture_figures()
    client = app.test_client()
    look_up(client, "CF10 1AA")
    assert "Write to your MP" not in page_of(client.get(f"{CAMPAIGN}/you"))
    response = client.get(f"{CAMPAIGN}/letter/mp")
    assert response.status_code == 302
    page = page_of(client.get(response.headers["Location"]))
    assert "This campaign does not offer letters in Wales" in page


def test_a_crown_dependency_postcode_cannot_start_a_letter(client):
    assert client.post(CAMPAIGN, data={"postcode": "JE2 4WD"}).status_code == 200  # refused on the first page
    with client.session_transaction() as session:
        session["postcode"] = "JE2 4WD"  # as if it had slipped through
    response = client.get(f"{CAMPAIGN}/letter/mp")
    assert response.status_code == 302
    assert "JE2 4WD is in Jersey, a Crown Dependency" in page_of(client.get(response.headers["Location"], follow_redirects=True))


def test_a_vacant_seat_offers_only_the_council_letter(client):
    look_up(client, "M1 1AD")
    page = page_of(client.get(f"{CAMPAIGN}/you"))
    assert "Write to your council" in page and "Write to your MP" not in page
    assert client.get(f"{CAMPAIGN}/letter/mp").status_code == 302


def test_ticking_updates_makes_a_supporter_staff_can_export_and_unticking_withdraws(client, letters_app):
    url = draft_url(client, consent_updates="y")
    with letters_app.app_context():
        supporter = db.session.scalar(db.select(Supporter))
        assert (supporter.name, supporter.email, supporter.consent_updates) == ("Siân O'Brien", "sian@example.org", True)
    client.post(url + "/change", data=answers())  # box left unticked
    with letters_app.app_context():
        assert db.session.scalar(db.select(Supporter)).consent_updates is False


def test_without_the_updates_box_no_supporter_is_kept(client, letters_app):
    draft_url(client)
    with letters_app.app_context():
        assert db.session.scalar(db.select(db.func.count(Supporter.id))) == 0


def test_privacy_export_erase_and_purge_cover_letter_drafts(client, letters_app):
    import datetime as dt

    from advocacy.privacy.service import erase_person, export_person, purge_expired

    draft_url(client)
    with letters_app.app_context():
        exported = export_person("SIAN@example.org")
        assert exported["letter_drafts"][0]["name"] == "Siân O'Brien"
        assert purge_expired(90, now=dt.datetime.utcnow() + dt.timedelta(days=91))["letter_drafts"] == 1
    draft_url(client)
    with letters_app.app_context():
        assert erase_person("sian@example.org")["letter_drafts"] == 1


def test_another_residents_letter_cannot_be_guessed(client):
    url = draft_url(client)
    draft_id = url.rsplit("/", 1)[-1]
    assert len(draft_id) >= 22
    assert client.get(f"{CAMPAIGN}/letter/d/{draft_id[:-1]}x").status_code == 404
    assert client.get(f"{CAMPAIGN}/letter/d/1").status_code == 404


def test_i_have_sent_it_needs_a_csrf_token(make_lookup_app):
    from advocacy.letters import Answers, save_draft
    from advocacy.campaigns import get_campaign

    from tests.fixture_figures import load_fixture_figures

    app = make_lookup_app(WTF_CSRF_ENABLED=True)
    with app.test_request_context():
        load_fixture_figures()
        draft = save_draft(get_campaign("bright-futures"), "letter_mp",
                           Answers(name="Jo", address_lines=["1 Street", "Leeds"], postcode="LS1 1UR", asks=["fund"]),
                           {"postcode": "LS1 1UR", "country": "England", "mp": {"name": "Alex Sobel"}})
        url = f"{CAMPAIGN}/letter/d/{draft.public_id}"
    client = app.test_client()
    assert client.post(url + "/sent").status_code == 400
    assert actions(app) == []
    page = client.get(url + "/send").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post(url + "/sent", data={"csrf_token": token}).status_code == 302
    assert actions(app) == [("letter_mp", "self_reported")]


def test_when_the_services_are_down_a_resident_can_write_to_the_mp_they_typed(client, fake_apis, letters_app):
    fake_apis.set_mode("postcodes", "down")
    look_up(client, "LS1 1UR")
    client.post(f"{CAMPAIGN}/you/choose", data={"action": "typed", "typed-mp_name": "Jane Smith",
                                                "typed-mp_email": "jane.smith.mp@parliament.uk",
                                                "typed-constituency_name": "Leeds Central and Headingley"})
    assert "Write to your MP" in page_of(client.get(f"{CAMPAIGN}/you"))
    form = page_of(client.get(f"{CAMPAIGN}/letter/mp"))
    assert "Your letter is to Jane Smith, MP for Leeds Central and Headingley." in form
    response = write(client)
    assert response.status_code == 302, page_of(response)
    preview = page_of(client.get(response.headers["Location"]))
    assert "Jane Smith MP" in preview and "Across England" in preview  # no council known: England's figures
    mailto = client.get(response.headers["Location"] + "/email").headers["Location"]
    assert mailto.startswith("mailto:jane.smith.mp@parliament.uk?")


def test_a_flood_of_letters_from_one_connection_is_slowed_down_with_a_clear_message(client):
    look_up(client)
    for _ in range(30):
        assert write(client, name="").status_code == 200
    response = write(client)
    assert response.status_code == 429
    assert "You have sent a lot of forms in a short time from this connection. Wait a minute" in page_of(response)


def test_if_the_services_fail_while_writing_nothing_typed_is_lost(client, monkeypatch):
    from advocacy.lookup import UpstreamUnavailable
    from advocacy.web import letters as letter_pages

    look_up(client)
    page_of(client.get(f"{CAMPAIGN}/letter/mp"))

    def down(postcode, **options):
        raise UpstreamUnavailable("We cannot look up postcodes right now because postcodes.io is not answering.")

    monkeypatch.setattr(letter_pages, "find_representatives", down)
    response = write(client)
    page = page_of(response)
    assert response.status_code == 200
    assert "We cannot look up postcodes right now" in page and "Your answers are kept below" in page
    assert "My nephew waited a year for help." in page and "1 Example Street" in page
    assert "<title>Error: " in page


def test_the_council_letter_links_the_county_website_from_govuk(make_lookup_app, fake_apis):
    import responses

    from tests.fixture_figures import load_fixture_figures

    app = make_lookup_app(ADVOCACY_GOVUK_API_URL="https://govuk.test/api")
    with app.app_context():
        load_fixture_figures()
    client = app.test_client()
    with responses.RequestsMock() as mock:
        mock.add_passthru(fake_apis.postcodes_url)
        mock.add_passthru(fake_apis.members_url)
        mock.get("https://govuk.test/api/local-authority", status=302,
                 headers={"Location": "https://govuk.test/api/local-authority/sevenoaks"})
        mock.get("https://govuk.test/api/local-authority/sevenoaks", json={"local_authority": {
            "name": "Sevenoaks District Council", "homepage_url": "https://www.sevenoaks.gov.uk", "tier": "district",
            "slug": "sevenoaks", "parent": {"name": "Kent County Council", "homepage_url": "https://www.kent.gov.uk",
                                            "tier": "county", "slug": "kent"}}})
        url = draft_url(client, to="council", postcode="BR6 7NZ", address="1 High Street\nOrpington")
    outputs = client.get(url + "/send").get_data(as_text=True)
    assert '<a href="https://www.kent.gov.uk" id="council-website">' in outputs  # Kent runs children's services
    assert "sevenoaks.gov.uk" not in outputs


def test_the_council_website_is_left_out_when_govuk_answers_with_something_unusable(make_lookup_app, fake_apis):
    import responses

    from tests.fixture_figures import load_fixture_figures

    app = make_lookup_app(ADVOCACY_GOVUK_API_URL="https://govuk.test/api")
    with app.app_context():
        load_fixture_figures()
    client = app.test_client()
    with responses.RequestsMock() as mock:
        mock.add_passthru(fake_apis.postcodes_url)
        mock.add_passthru(fake_apis.members_url)
        mock.get("https://govuk.test/api/local-authority", json={"local_authority": {
            "name": "Leeds", "homepage_url": "javascript:alert(1)", "tier": "unitary", "slug": "leeds"}})
        url = draft_url(client, to="council")
    outputs = client.get(url + "/send").get_data(as_text=True)
    assert "javascript:" not in outputs and "https://www.gov.uk/find-local-council" in outputs


def test_staff_see_the_letters_by_channel_and_export_residents_who_asked_for_updates(client, letters_app):
    from tests.conftest import StaffAccounts

    url = draft_url(client, consent_updates="y")
    client.get(url + "/letter.pdf")
    client.get(url + "/letter.pdf")
    client.post(url + "/sent")
    draft_url(client, name="No Updates", email="quiet@example.org")  # did not tick the box
    StaffAccounts(letters_app, client).sign_in("admin")
    import datetime as dt

    from advocacy.staff.dashboard import Period, totals_by_kind_and_channel

    with letters_app.app_context():
        today = dt.date.today()
        totals = totals_by_kind_and_channel("bright-futures", Period(today - dt.timedelta(days=1), today))
    assert totals.get(("letter_mp", "pdf")) == 1 and totals.get(("letter_mp", "self_reported")) == 1
    exported = client.get("/staff/c/bright-futures/supporters.csv").get_data(as_text=True)
    assert "sian@example.org" in exported and "quiet@example.org" not in exported


def test_without_local_figures_the_preview_explains_and_keeps_the_answers(lookup_app):
    # No figures loaded (a new install before 'flask setup', or figures removed by staff).
    client = lookup_app.test_client()
    url = draft_url(client)
    response = client.get(url)
    assert response.status_code == 503
    page = page_of(response)
    assert "Your letter cannot be prepared just now" in page
    assert "Your answers are saved" in page
    assert "Traceback" not in page

    from tests.fixture_figures import load_fixture_figures

    with lookup_app.app_context():
        load_fixture_figures()
    assert "1 Example Street" in page_of(client.get(url))
